//! The 403 and 404 pages (with the right HTTP status on the server).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::types::{Me, Part};

#[cfg(feature = "ssr")]
fn set_status(status: http::StatusCode) {
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(status);
    }
}

#[component]
pub fn Forbidden(me: Me) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_status(http::StatusCode::FORBIDDEN);
    let mine = me.part();
    let other = match mine {
        Part::Admin => Part::Ops,
        Part::Ops => Part::Admin,
    };
    view! {
        <Title text="Доступ запрещён — ИЗКТ" />
        <main id="main" class="page narrow status-page">
            <p class="status-code">"403"</p>
            <h1>"Доступ запрещён"</h1>
            <p>
                "Эта страница относится к разделу «" {other.label()} "». Ваша учётная запись «" {me.login.clone()}
                "» работает только в разделе «" {mine.label()} "»."
            </p>
            <p>
                "Если вам нужен доступ к обеим частям ИЗКТ, попросите администратора создать вторую учётную запись."
            </p>
            <p><a class="button" href=mine.home()>"Перейти в свой раздел"</a></p>
        </main>
    }
}

/// The 404 page. `nested` when it is shown inside a page's frame (which has
/// its own `main`).
#[component]
pub fn NotFound(#[prop(optional)] nested: bool) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_status(http::StatusCode::NOT_FOUND);
    let content = view! {
        <Title text="Страница не найдена — ИЗКТ" />
        <p class="status-code">"404"</p>
        <h1>"Страница не найдена"</h1>
        <p>"Возможно, адрес набран с опечаткой или страница была удалена."</p>
        <p><a class="button" href="/">"На главную"</a></p>
    };
    if nested {
        view! { <section class="status-page">{content}</section> }.into_any()
    } else {
        view! { <main id="main" class="page narrow status-page">{content}</main> }.into_any()
    }
}

/// What a page shows when its data could not be loaded.
#[component]
pub fn LoadError(error: crate::api::AppError) -> impl IntoView {
    use crate::api::AppError;
    match error {
        AppError::NotFound => view! { <NotFound nested=true /> }.into_any(),
        AppError::Unauthorized => view! { <leptos_router::components::Redirect path="/login" /> }.into_any(),
        other => view! {
            <div class="notice error" role="alert">
                <p>{other.to_string()}</p>
            </div>
        }
        .into_any(),
    }
}
