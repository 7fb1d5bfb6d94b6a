//! `/admin`: the main panel.

use leptos::prelude::*;

use crate::api::types::Part;
use crate::components::layout::PartLayout;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::api::users::admin_dashboard;
use crate::pages::errors::LoadError;

#[component]
pub fn Dashboard() -> impl IntoView {
    let data = Resource::new(|| (), |_| admin_dashboard());
    view! {
        <PartLayout part=Part::Admin>
            <Title text="Административная часть — ИЗКТ" />
            <div class="page-head">
                <h1>"Основная панель"</h1>
                <A href="/admin/users/new" attr:class="button primary">"Добавить пользователя"</A>
            </div>
            <Suspense fallback=|| view! { <p class="loading">"Загрузка…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! {
                            <p class="lead">{d.org_name.clone()}</p>
                            <section aria-labelledby="counts-title">
                                <h2 id="counts-title">"Учётные записи"</h2>
                                <ul class="counts">
                                    <li><a href="/admin/users"><span class="count-label">"Новые"</span><span class="count">{d.new}</span></a></li>
                                    <li><a href="/admin/users"><span class="count-label">"Проверенные"</span><span class="count">{d.verified}</span></a></li>
                                    <li><a href="/admin/users"><span class="count-label">"Архивные"</span><span class="count">{d.archived}</span></a></li>
                                </ul>
                            </section>
                            <section aria-labelledby="messages-title">
                                <h2 id="messages-title">"Информационные сообщения"</h2>
                                {if d.messages.is_empty() {
                                    view! { <p class="muted">"Сообщений нет."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="messages">
                                            {d.messages.into_iter().map(|m| view! {
                                                <li><time>{m.created_at}</time>" "{m.text}</li>
                                            }).collect_view()}
                                        </ul>
                                    }
                                    .into_any()
                                }}
                            </section>
                        }
                        .into_any(),
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </PartLayout>
    }
}
