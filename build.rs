// `embed_migrations!` reads migrations/ at compile time; without this a changed
// migration would not trigger a rebuild.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
