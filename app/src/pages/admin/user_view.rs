//! `/admin/users/:id`: one account, and its contact verification.

use leptos::prelude::*;

use crate::api::types::Part;
use crate::components::layout::PartLayout;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::users::status_badge;
use crate::api::types::{AccountStatus, Delivery, DeliveryState, UserDetails, VerificationState};
use crate::api::users::{get_user, retry_delivery, send_verification, unlock_user};
use crate::pages::errors::LoadError;

#[component]
pub fn UserView() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let user = Resource::new(id, get_user);
    view! {
        <PartLayout part=Part::Admin>
            <Title text="Учётная запись — ИЗКТ" />
            <Suspense fallback=|| view! { <p class="loading">"Загрузка…"</p> }>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(d) => view! { <UserCard details=d /> }.into_any(),
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </PartLayout>
    }
}

fn row(label: &'static str, value: String) -> impl IntoView {
    view! {
        <dt>{label}</dt>
        <dd>{value}</dd>
    }
}

#[component]
fn UserCard(details: UserDetails) -> impl IntoView {
    let d = RwSignal::new(details);
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let id = d.get_untracked().id.clone();
    let id = StoredValue::new(id);

    let run =
        move |fut: std::pin::Pin<Box<dyn std::future::Future<Output = Result<UserDetails, crate::api::AppError>>>>| {
            pending.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                match fut.await {
                    Ok(updated) => d.set(updated),
                    Err(e) => error.set(Some(e.to_string())),
                }
                pending.set(false);
                confirming.set(false);
            });
        };
    let send = move || run(Box::pin(send_verification(id.get_value())));
    let ask_send = move |_| {
        let open_request = d.with(|d| d.verification.as_ref().is_some_and(|v| !v.completed && !v.link_expired));
        if open_request { confirming.set(true) } else { send() }
    };
    let retry = move |message: String| run(Box::pin(retry_delivery(id.get_value(), message)));
    let unlock = move |_| run(Box::pin(unlock_user(id.get_value())));

    view! {
        <div class="page-head">
            <h1>{move || d.with(|d| d.full_name.clone())}</h1>
            <A href=move || format!("/admin/users/{}/edit", id.get_value()) attr:class="button">"Редактировать"</A>
        </div>
        <p class="status-line">"Статус: " {move || status_badge(d.with(|d| d.status))}</p>
        {move || error.get().map(|e| view! { <div class="notice error" role="alert"><p>{e}</p></div> })}
        {move || d.with(|d| d.locked_until.clone()).map(|until| view! {
            <div class="notice warning">
                <p>"Вход временно заблокирован после неудачных попыток до " {until} "."</p>
                <button type="button" class="button" on:click=unlock disabled=move || pending.get()>"Снять блокировку"</button>
            </div>
        })}

        <section class="card" aria-labelledby="verification-title">
            <h2 id="verification-title">"Подтверждение контактных данных"</h2>
            {move || d.with(|d| d.verification.clone()).map(|v| view! { <VerificationBlock v=v retry=retry /> })}
            {move || (d.with(|d| d.status) == AccountStatus::Verified).then(|| view! {
                <p class="notice success">"Контактные данные подтверждены."</p>
            })}
            {move || (d.with(|d| d.status) == AccountStatus::New && d.with(|d| d.verification.is_none())).then(|| view! {
                <p>"Действующего запроса на подтверждение нет."</p>
            })}
            <Show when=move || d.with(|d| d.status == AccountStatus::New)>
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" class="button primary" id="send-verification" on:click=ask_send disabled=move || pending.get()>
                            "Отправить запрос на подтверждение данных"
                        </button>
                    }
                >
                    <div class="confirm" role="alertdialog" aria-labelledby="confirm-text">
                        <p id="confirm-text">
                            "Прежняя ссылка и код перестанут действовать: пользователю придут новое письмо и новое СМС. Отправить новый запрос?"
                        </p>
                        <div class="actions">
                            <button type="button" class="button primary" id="confirm-send" on:click=move |_| send() disabled=move || pending.get()>"Отправить новый запрос"</button>
                            <button type="button" class="button" on:click=move |_| confirming.set(false)>"Отмена"</button>
                        </div>
                    </div>
                </Show>
            </Show>
        </section>

        <section class="card" aria-labelledby="params-title">
            <h2 id="params-title">"Параметры пользователя"</h2>
            <dl class="details">
                {move || d.with(|d| view! {
                    {row("Логин", d.login.clone())}
                    {row("Адрес электронной почты", d.email.clone())}
                    {row("Организация", d.org_name.clone())}
                    {row("Роли", d.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", "))}
                    {row("Создана", d.created_at.clone())}
                    {row("Пароль", if d.must_change_password { "временный: сменить при первом входе".into() } else { "задан пользователем".to_string() })}
                })}
            </dl>
        </section>
        <section class="card" aria-labelledby="data-title">
            <h2 id="data-title">"Данные пользователя"</h2>
            <dl class="details">
                {move || d.with(|d| view! {
                    {row("Фамилия", d.surname.clone())}
                    {row("Имя", d.name.clone())}
                    {row("Отчество", if d.patronymic.is_empty() { "—".into() } else { d.patronymic.clone() })}
                    {row("Дата рождения", d.birth_date.clone())}
                    {row("Серия и номер документа", d.passport_number.clone())}
                    {row("Кем и когда выдан", format!("{}, {}", d.passport_issuer, d.passport_issued))}
                    {row("Должность", d.position.clone())}
                    {row("Номер мобильного телефона", d.phone.clone())}
                })}
                <dt>"Документ, удостоверяющий личность"</dt>
                <dd>
                    {move || match d.with(|d| d.scan.clone()) {
                        Some(s) => view! {
                            <a href=format!("/files/scans/{}", s.id) target="_blank" rel="noopener">"Открыть PDF"</a>
                            {format!(" ({}, страниц: {})", crate::domain::pdf_scan::human_size(s.size), s.pages)}
                        }
                        .into_any(),
                        None => view! { "не загружен" }.into_any(),
                    }}
                </dd>
            </dl>
        </section>
        <p><A href="/admin/users">"← К списку пользователей"</A></p>
    }
}

fn delivery_text(d: &Delivery) -> String {
    match &d.state {
        DeliveryState::Stored => "записано в исходящие (отправка через службу поддержки)".into(),
        DeliveryState::Sent => "доставлено на сервер отправки".into(),
        DeliveryState::Failed { error } => format!("не доставлено ({error})"),
    }
}

#[component]
fn VerificationBlock(v: VerificationState, retry: impl Fn(String) + Copy + Send + Sync + 'static) -> impl IntoView {
    let failed = |d: &Delivery| matches!(d.state, DeliveryState::Failed { .. });
    let retry_button = move |d: &Delivery| {
        let message = d.message_id.clone();
        failed(d).then(|| view! {
            <button type="button" class="button small retry" on:click=move |_| retry(message.clone())>"Отправить повторно"</button>
        })
    };
    view! {
        <dl class="details" id="verification-state">
            <dt>"Запрос отправлен"</dt>
            <dd>{v.sent_at.clone()}</dd>
            <dt>"Ссылка действует до"</dt>
            <dd>{v.link_valid_until.clone()} {v.link_expired.then_some(" — срок истёк, отправьте новый запрос")}</dd>
            <dt>"Электронная почта"</dt>
            <dd>{match &v.email_confirmed_at { Some(t) => format!("подтверждена {t}"), None => "не подтверждена".into() }}</dd>
            <dt>"Телефон"</dt>
            <dd>{match &v.phone_confirmed_at { Some(t) => format!("подтверждён {t}"), None => "не подтверждён".into() }}</dd>
            <dt>"Письмо"</dt>
            <dd>{delivery_text(&v.email)} {retry_button(&v.email)}</dd>
            {v.sms.clone().map(|s| view! {
                <dt>"СМС"</dt>
                <dd>{delivery_text(&s)} {retry_button(&s)}</dd>
            })}
        </dl>
    }
}
