//! What every request handler and support command needs.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use super::config::Config;
use super::db::Db;

#[derive(Clone)]
pub struct AppState {
    /// One database session for the whole process, shared, never cloned:
    /// each clone of a SurrealDB client is a session of its own, which on a
    /// SurrealDB server costs a round of attach, root sign-in (a password
    /// hash on the server) and detach, per request.
    pub db: Arc<Db>,
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    pub http: reqwest::Client,
}

impl AppState {
    pub fn new(db: Db, config: Config, leptos_options: LeptosOptions) -> Self {
        let http = reqwest::Client::builder().timeout(std::time::Duration::from_secs(10)).build().unwrap_or_default();
        Self { db: Arc::new(db), config: Arc::new(config), leptos_options, http }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
