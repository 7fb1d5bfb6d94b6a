//! One module per page.

pub mod admin;
pub mod change_password;
pub mod errors;
pub mod home;
pub mod login;
pub mod ops;
pub mod pending;
pub mod setup;
pub mod verify;
