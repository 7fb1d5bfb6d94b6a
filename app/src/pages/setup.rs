//! `/setup/:token`: the first-run setup page, the connection questionnaire
//! as a form. It works once, while the database holds no organisation.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::setup::{complete_setup, setup_check};
use crate::components::browser::focus;
use crate::components::error_summary::ErrorSummary;
use crate::components::org_fields::{OrgFields, OrgFormState};
use crate::components::user_fields::UserFields;
use crate::components::user_form_state::UserFormState;
use crate::domain::FieldErrors;
use crate::domain::user_form::FormMode;

#[component]
pub fn SetupPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let check = Resource::new_blocking(token, setup_check);
    view! {
        <Title text="Подключение организации — ИЗКТ" />
        <Meta name="robots" content="noindex" />
        <main id="main" class="page">
            <p class="logo big">"ИЗКТ"</p>
            <Suspense fallback=|| view! { <p>"Загрузка…"</p> }>
                {move || Suspend::new(async move {
                    match check.await {
                        Ok(today) => view! { <SetupForm token=token() today=today /> }.into_any(),
                        Err(_) => view! {
                            <h1>"Страница первоначальной настройки недоступна"</h1>
                            <p>"Организация уже подключена, или ссылка устарела: при каждом запуске сервера без организации печатается новая ссылка."</p>
                            <p><a class="button primary" href="/login">"Перейти ко входу"</a></p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn SetupForm(token: String, today: String) -> impl IntoView {
    let today = chrono::NaiveDate::parse_from_str(&today, "%Y-%m-%d").unwrap_or_default();
    let org = OrgFormState::new();
    let admin = UserFormState::new(FormMode::Create, today);
    admin.roles.set(vec![crate::domain::Role::Admin]);
    let general = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let token = StoredValue::new(token);
    let ready = crate::components::browser::hydrated();

    let all_errors = Signal::derive(move || {
        let mut e = org.server_errors.get();
        e.0.extend(admin.server_errors.get().0);
        e
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        general.set(None);
        org.touch_all();
        admin.touch_all();
        let mut local = org.local_errors();
        local.0.extend(admin.local_errors().0);
        if !local.is_empty() {
            let (o, a): (Vec<_>, Vec<_>) = local
                .0
                .into_iter()
                .partition(|e| e.field.id().starts_with("org_") || e.field.id().starts_with("contact_"));
            org.server_errors.set(FieldErrors(o));
            admin.server_errors.set(FieldErrors(a));
            focus("error-summary");
            return;
        }
        pending.set(true);
        let (org_input, admin_input) = (org.input(), admin.input());
        leptos::task::spawn_local(async move {
            let r = complete_setup(token.get_value(), org_input, admin_input).await;
            pending.set(false);
            match r {
                Ok(login) => done.set(Some(login)),
                Err(e) => {
                    match e.field_errors() {
                        Some(errors) => {
                            let (o, a): (Vec<_>, Vec<_>) = errors.0.iter().cloned().partition(|e| {
                                e.field.id().starts_with("org_") || e.field.id().starts_with("contact_")
                            });
                            org.server_errors.set(FieldErrors(o));
                            admin.server_errors.set(FieldErrors(a));
                        }
                        None => general.set(Some(e.to_string())),
                    }
                    focus("error-summary");
                }
            }
        });
    };

    view! {
        <Show
            when=move || done.get().is_none()
            fallback=move || view! {
                <h1>"Организация подключена"</h1>
                <div class="notice success" role="status">
                    <p>
                        "Создана учётная запись первого администратора «" {done.get().unwrap_or_default()} "». "
                        "На его адрес электронной почты отправлено письмо со ссылкой для подтверждения, на телефон — СМС с кодом."
                    </p>
                </div>
                <p>"После подтверждения контактных данных администратор входит с временным паролем и задаёт свой."</p>
                <p><a class="button primary" href="/login">"Перейти ко входу"</a></p>
            }
        >
            <h1>"Подключение организации"</h1>
            <p class="lead">"Анкета на подключение: данные организации и её первого администратора. Страница работает один раз."</p>
            <ErrorSummary errors=all_errors general=general title="Анкета не принята: исправьте ошибки" />
            <form class="form" method="post" on:submit=submit novalidate>
                <OrgFields state=org />
                <h2>"Первый администратор"</h2>
                <UserFields state=admin org_name="(создаётся по этой анкете)".to_string() show_roles=false setup_token=Some(token.get_value()) />
                <div class="actions">
                    <button type="submit" class="button primary" disabled=move || pending.get() || !ready.get()>"Подключить организацию"</button>
                </div>
            </form>
        </Show>
    }
}
