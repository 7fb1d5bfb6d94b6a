//! Server functions: the only way the browser talks to the server (besides
//! the scan upload and download endpoints). Every one checks the caller's
//! role and organisation on the server.

pub mod auth;
pub mod error;
pub mod setup;
pub mod types;
pub mod users;
pub mod verification;

pub use error::AppError;
