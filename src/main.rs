use clap::Parser;

use agency_registry::cli::Cli;

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
