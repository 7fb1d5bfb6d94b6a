//! `/admin/users/new` and `/admin/users/:id/edit`: the account form.
//! «Добавить» creates and returns to the list; «Применить» saves and stays on
//! the (now edit) form. A refused form keeps everything typed and chosen and
//! lists every error above the form.

use leptos::prelude::*;

use crate::api::types::Part;
use crate::components::layout::PartLayout;
use leptos_meta::Title;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::api::AppError;
use crate::api::types::{FormContext, UserDetails};
use crate::api::users::{create_user, get_user, update_user, user_form_context};
use crate::components::browser::focus;
use crate::components::error_summary::ErrorSummary;
use crate::components::user_fields::UserFields;
use crate::components::user_form_state::UserFormState;
use crate::domain::user_form::FormMode;
use crate::pages::errors::LoadError;

fn parse_today(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

#[component]
pub fn UserNew() -> impl IntoView {
    let ctx = Resource::new(|| (), |_| user_form_context());
    view! {
        <PartLayout part=Part::Admin>
            <Title text="Новый пользователь — ИЗКТ" />
            <h1>"Новый пользователь"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Загрузка…"</p> }>
                {move || Suspend::new(async move {
                    match ctx.await {
                        Ok(ctx) => view! { <UserForm ctx=ctx details=None /> }.into_any(),
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </PartLayout>
    }
}

#[component]
pub fn UserEdit() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(id, |id| async move {
        let ctx = user_form_context().await?;
        let details = get_user(id).await?;
        Ok::<_, AppError>((ctx, details))
    });
    view! {
        <PartLayout part=Part::Admin>
            <Title text="Редактирование пользователя — ИЗКТ" />
            <div class="page-head">
                <h1>"Редактирование пользователя"</h1>
                <A href=move || format!("/admin/users/{}", id())>"К учётной записи →"</A>
            </div>
            {move || query.with(|q| q.get("created").is_some()).then(|| view! {
                <div class="notice success" role="status">
                    <p>"Учётная запись добавлена со статусом «Новая». Чтобы пользователь мог работать, отправьте ему запрос на подтверждение данных на странице учётной записи."</p>
                </div>
            })}
            <Suspense fallback=|| view! { <p class="loading">"Загрузка…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((ctx, details)) => view! { <UserForm ctx=ctx details=Some(details) /> }.into_any(),
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </PartLayout>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum After {
    ToList,
    Stay,
}

#[component]
fn UserForm(ctx: FormContext, details: Option<UserDetails>) -> impl IntoView {
    let today = parse_today(&ctx.today);
    let state = match &details {
        Some(d) => UserFormState::from_details(d, today),
        None => UserFormState::new(FormMode::Create, today),
    };
    let editing = details.as_ref().map(|d| d.id.clone());
    let current_scan = details.as_ref().and_then(|d| d.scan.clone());
    let general = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let navigate = use_navigate();
    let edit_id = StoredValue::new(editing.clone());
    let ready = crate::components::browser::hydrated();

    let save = Callback::new(move |after: After| {
        general.set(None);
        saved.set(None);
        state.touch_all();
        let local = state.local_errors();
        if !local.is_empty() {
            state.server_errors.set(local);
            focus("error-summary");
            return;
        }
        if state.busy() {
            general.set(Some("Дождитесь окончания загрузки файла".into()));
            focus("error-summary");
            return;
        }
        let input = state.input();
        let navigate = navigate.clone();
        pending.set(true);
        leptos::task::spawn_local(async move {
            let result = match edit_id.get_value() {
                Some(id) => update_user(id.clone(), input).await.map(|()| id),
                None => create_user(input).await,
            };
            pending.set(false);
            match result {
                Ok(id) => {
                    state.server_errors.set(Default::default());
                    match (after, edit_id.get_value()) {
                        (After::ToList, None) => {
                            navigate(&format!("/admin/users?created={id}"), NavigateOptions::default())
                        }
                        (After::ToList, Some(id)) => {
                            navigate(&format!("/admin/users/{id}"), NavigateOptions::default())
                        }
                        (After::Stay, None) => {
                            navigate(&format!("/admin/users/{id}/edit?created=1"), NavigateOptions::default())
                        }
                        (After::Stay, Some(_)) => {
                            saved.set(Some("Изменения сохранены".into()));
                            state.password.set(String::new());
                            state.password_repeat.set(String::new());
                            focus("saved-notice");
                        }
                    }
                }
                Err(e) => {
                    match e.field_errors() {
                        Some(errors) => state.server_errors.set(errors.clone()),
                        None => general.set(Some(e.to_string())),
                    }
                    focus("error-summary");
                }
            }
        });
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.run(After::ToList);
    };
    let apply = move |_| save.run(After::Stay);
    let (primary, cancel_href) = match &editing {
        Some(id) => ("Сохранить", format!("/admin/users/{id}")),
        None => ("Добавить", "/admin/users".to_string()),
    };

    view! {
        <ErrorSummary errors=Signal::derive(move || state.server_errors.get()) general=general title="Учётная запись не сохранена: исправьте ошибки" />
        {move || saved.get().map(|s| view! { <div class="notice success" id="saved-notice" role="status" tabindex="-1"><p>{s}</p></div> })}
        <form class="form user-form" method="post" on:submit=submit novalidate>
            <UserFields state=state org_name=ctx.org_name.clone() editing=editing current_scan=current_scan />
            <div class="actions sticky-actions">
                <button type="submit" class="button primary" id="save-add" disabled=move || pending.get() || !ready.get()>{primary}</button>
                <button type="button" class="button" id="save-apply" on:click=apply disabled=move || pending.get() || !ready.get()>"Применить"</button>
                <A href=cancel_href attr:class="button-link">"Отмена"</A>
                {move || pending.get().then(|| view! { <span class="muted" role="status">"Сохранение…"</span> })}
            </div>
        </form>
    }
}
