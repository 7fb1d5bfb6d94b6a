//! `/admin/users`: the accounts of the organisation.

use leptos::prelude::*;

use crate::api::types::Part;
use crate::components::layout::PartLayout;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::types::{AccountStatus, UserRow};
use crate::api::users::list_users;
use crate::pages::errors::LoadError;

pub fn status_badge(status: AccountStatus) -> impl IntoView {
    let class = match status {
        AccountStatus::New => "badge new",
        AccountStatus::Verified => "badge verified",
        AccountStatus::Archived => "badge archived",
    };
    view! { <span class=class>{status.label()}</span> }
}

fn roles_text(row: &UserRow) -> String {
    row.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ")
}

#[component]
pub fn UsersList() -> impl IntoView {
    let rows = Resource::new(|| (), |_| list_users());
    // Just added (after «Добавить»): said above the list, marked in it.
    let query = use_query_map();
    let created = move || query.with(|q| q.get("created"));
    view! {
        <PartLayout part=Part::Admin>
            <Title text="Пользователи — ИЗКТ" />
            <div class="page-head">
                <h1>"Пользователи"</h1>
                <A href="/admin/users/new" attr:class="button primary">"Добавить: пользователь"</A>
            </div>
            <Suspense fallback=|| view! { <p class="loading">"Загрузка…"</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(rows) if rows.is_empty() => view! { <p class="muted">"Учётных записей пока нет."</p> }.into_any(),
                        Ok(rows) => view! {
                            {created().and_then(|id| rows.iter().find(|r| r.id == id).cloned()).map(|row| view! {
                                <div class="notice success" role="status">
                                    <p>
                                        "Учётная запись «" {row.login.clone()} "» добавлена со статусом «Новая». "
                                        <A href=format!("/admin/users/{}", row.id)>"Отправьте запрос на подтверждение данных"</A>
                                        ", чтобы пользователь мог начать работу."
                                    </p>
                                </div>
                            })}
                            <table class="users">
                                <caption class="sr-only">"Учётные записи организации"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"ФИО"</th>
                                        <th scope="col">"Логин"</th>
                                        <th scope="col">"Роли"</th>
                                        <th scope="col">"Статус"</th>
                                        <th scope="col">"Создана"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {rows.iter().cloned().map(|row| {
                                        let href = format!("/admin/users/{}", row.id);
                                        let roles = roles_text(&row);
                                        let is_new = created().as_deref() == Some(row.id.as_str());
                                        view! {
                                            <tr data-login=row.login.clone() class:just-added=is_new>
                                                <td data-label="ФИО"><A href=href>{row.full_name.clone()}</A></td>
                                                <td data-label="Логин">{row.login.clone()}</td>
                                                <td data-label="Роли">{roles}</td>
                                                <td data-label="Статус">
                                                    {status_badge(row.status)}
                                                    {row.locked.then(|| view! { <span class="badge locked">"Вход заблокирован"</span> })}
                                                </td>
                                                <td data-label="Создана">{row.created_at.clone()}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }
                        .into_any(),
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </PartLayout>
    }
}
