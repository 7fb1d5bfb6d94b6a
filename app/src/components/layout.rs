//! The frame of the signed-in parts: header with the organisation and the
//! user, navigation, sign-out; and the guard that lets only the right users
//! in (SSR answers 403 or redirects before anything else is rendered).

use leptos::prelude::*;
use leptos_router::components::{A, Redirect};

use crate::api::auth::{Logout, current_user};
use crate::api::types::{Me, Part};
use crate::pages::errors::Forbidden;

/// The header bar with sign-out.
#[component]
pub fn Header(me: Me) -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    let part = me.part();
    view! {
        <header class="topbar">
            <div class="brand">
                <a href=part.home() class="logo">"ИЗКТ"</a>
                <span class="part">{part.label()}</span>
            </div>
            <nav aria-label="Разделы">
                {match part {
                    Part::Admin => view! {
                        <A href="/admin" exact=true>"Главная"</A>
                        <A href="/admin/users">"Пользователи"</A>
                    }
                    .into_any(),
                    Part::Ops => view! { <A href="/ops" exact=true>"Главная"</A> }.into_any(),
                }}
            </nav>
            <div class="who">
                <span class="org">{me.org_name.clone()}</span>
                <span class="login" title="Логин">{me.login.clone()}</span>
                <ActionForm action=logout attr:class="inline">
                    <button type="submit" class="button-link">"Выйти"</button>
                </ActionForm>
            </div>
        </header>
    }
}

/// Lets in only users who may work in `part`; everyone else is redirected
/// (not signed in, password to change, contacts not confirmed) or gets the
/// 403 page.
///
/// Each page wraps its content in this guard and creates its resources
/// *before* it, at the top of the page component: the guard's `Suspend` may
/// run twice while rendering on the server, and a resource created inside
/// it would be created twice, one copy losing the request's context halfway
/// (a failed load and a hydration mismatch).
#[component]
pub fn PartLayout(part: Part, children: ChildrenFn) -> impl IntoView {
    let children = StoredValue::new(children);
    let me = Resource::new_blocking(|| (), |_| current_user());
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Загрузка…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) if me.landing() != me.part().home() => view! { <Redirect path=me.landing() /> }.into_any(),
                    Ok(Some(me)) if me.part() != part => view! { <Forbidden me=me /> }.into_any(),
                    Ok(Some(me)) => {
                        provide_context(me.clone());
                        view! {
                        <Header me=me />
                        <main id="main" class="page">
                            {children.read_value()()}
                        </main>
                        }
                        .into_any()
                    }
                    Ok(None) | Err(_) => view! { <Redirect path="/login" /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
