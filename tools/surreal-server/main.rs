//! `surreal start …`: SurrealDB's server, as its own binary does it.

use std::process::ExitCode;

fn main() -> ExitCode {
    surrealdb_server::init(surrealdb_server::core::CommunityComposer())
}
