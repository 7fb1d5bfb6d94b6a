//! Integration tests: the real application (router, server functions,
//! database) on a random port with a fresh in-memory SurrealDB, driven over
//! HTTP as the browser drives it; and the `izkt` binary for the CLI, the
//! socket hand-over and durability.

mod auth;
mod cli;
mod delivery;
mod helpers;
mod remote_db;
mod schema;
mod users;
mod verification;
