use clap::Parser;

use agency_registry::cli::Cli;

// The read model keeps a few hundred thousand small allocations alive for
// the life of the process while every worker thread allocates answers around
// them: an allocator that returns freed pages and keeps per-thread heaps
// compact suits that better than glibc's arenas (see docs/architecture.md, "Dependencies
// worth a word").
#[global_allocator]
static ALLOCATOR: registry_allocator::MiMalloc = registry_allocator::MiMalloc;

#[actix_web::main]
async fn main() -> std::process::ExitCode {
    // A missing .env file is the normal case.
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    agency_registry::telemetry::init(cli.log.log_format);
    match cli.run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!("{err:#}");
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
