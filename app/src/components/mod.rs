//! Building blocks of the pages.

pub mod browser;
pub mod error_summary;
pub mod field;
pub mod layout;
pub mod org_fields;
pub mod password;
pub mod scan_upload;
pub mod user_fields;
pub mod user_form_state;
