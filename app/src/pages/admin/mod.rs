//! The administrative part (`/admin`).

pub mod dashboard;
pub mod user_form;
pub mod user_view;
pub mod users;
