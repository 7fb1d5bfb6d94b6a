#![recursion_limit = "512"]
//! ИЗКТ — Интерфейс заказов карт тахографа: pages, server functions, and the
//! shared domain rules. The `ssr` feature adds the server side (`server`),
//! `hydrate` the browser side.

pub mod api;
pub mod components;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(any(test, feature = "ssr"))]
pub mod testdata;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::pages::admin::dashboard::Dashboard;
use crate::pages::admin::user_form::{UserEdit, UserNew};
use crate::pages::admin::user_view::UserView;
use crate::pages::admin::users::UsersList;
use crate::pages::change_password::ChangePasswordPage;
use crate::pages::errors::NotFound;
use crate::pages::home::Home;
use crate::pages::login::LoginPage;
use crate::pages::ops::OpsHome;
use crate::pages::pending::PendingPage;
use crate::pages::setup::SetupPage;
use crate::pages::verify::VerifyPage;

/// The header that authorises a scan upload from the first-run setup page.
pub const SETUP_TOKEN_HEADER: &str = "x-izkt-setup-token";

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="ru">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="referrer" content="same-origin" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Marks the page as interactive (the end-to-end tests wait for it).
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="leptos" href="/pkg/izkt.css" />
        <Title text="ИЗКТ" />
        <a class="skip-link" href="#main">"Перейти к содержимому"</a>
        <Router>
            <Routes fallback=|| view! { <NotFound /> }>
                <Route path=path!("/") view=Home />
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/change-password") view=ChangePasswordPage />
                <Route path=path!("/pending") view=PendingPage />
                <Route path=path!("/setup/:token") view=SetupPage />
                <Route path=path!("/verify/:token") view=VerifyPage />
                <Route path=path!("/admin") view=Dashboard />
                <Route path=path!("/admin/users") view=UsersList />
                <Route path=path!("/admin/users/new") view=UserNew />
                <Route path=path!("/admin/users/:id") view=UserView />
                <Route path=path!("/admin/users/:id/edit") view=UserEdit />
                <Route path=path!("/ops") view=OpsHome />
            </Routes>
        </Router>
    }
}
