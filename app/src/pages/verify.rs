//! `/verify/:token`: the public confirmation page. Opening it confirms the
//! e-mail; the page then asks for the code from the SMS. An expired or used
//! link gets a page that says exactly that and what to do.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::types::VerifyView;
use crate::api::verification::{confirm_code, open_verification, resend_code};

#[component]
pub fn VerifyPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let opened = Resource::new_blocking(token, open_verification);
    view! {
        <Title text="Подтверждение контактных данных — ИЗКТ" />
        <Meta name="robots" content="noindex" />
        <main id="main" class="page narrow verify-page">
            <p class="logo big">"ИЗКТ"</p>
            <Suspense fallback=|| view! { <p>"Загрузка…"</p> }>
                {move || Suspend::new(async move {
                    match opened.await {
                        Ok(view) => view! { <VerifyFlow token=token() first=view /> }.into_any(),
                        Err(e) => view! {
                            <div class="notice" role="alert">
                                <p>{e.to_string()}</p>
                            </div>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn VerifyFlow(token: String, first: VerifyView) -> impl IntoView {
    let current = RwSignal::new(first);
    let code = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let token = StoredValue::new(token);
    let wait = RwSignal::new(0u32);
    // A failure of the request itself (network, server), not of the code.
    let failure = RwSignal::new(None::<String>);

    // Counts down the pause before a new code may be asked for.
    Effect::new(move |_| {
        if let VerifyView::AskCode { resend_wait, .. } = current.get() {
            wait.set(resend_wait);
        }
    });
    #[cfg(feature = "hydrate")]
    {
        let handle = set_interval_with_handle(
            move || {
                if wait.get_untracked() > 0 {
                    wait.update(|w| *w -= 1);
                }
            },
            std::time::Duration::from_secs(1),
        );
        on_cleanup(move || {
            if let Ok(h) = handle {
                h.clear();
            }
        });
    }

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        pending.set(true);
        leptos::task::spawn_local(async move {
            let r = confirm_code(token.get_value(), code.get_untracked()).await;
            pending.set(false);
            match r {
                Ok(view) => {
                    failure.set(None);
                    if matches!(view, VerifyView::AskCode { error: Some(_), .. }) {
                        code.set(String::new());
                    }
                    current.set(view);
                }
                Err(e) => failure.set(Some(e.to_string())),
            }
            crate::components::browser::focus("verify-status");
        });
    };
    let resend = move |_| {
        pending.set(true);
        leptos::task::spawn_local(async move {
            let r = resend_code(token.get_value()).await;
            pending.set(false);
            match r {
                Ok(view) => {
                    failure.set(None);
                    current.set(view);
                }
                Err(e) => failure.set(Some(e.to_string())),
            }
            crate::components::browser::focus("verify-status");
        });
    };

    move || {
        match current.get() {
        VerifyView::AskCode { masked_phone, code_valid_until, code_expired, attempts_left, resends_left, notice, error, .. } => {
            let has_error = error.is_some();
            let hint = if code_expired {
                "6 цифр. Этот код больше не действует: получите новый.".to_string()
            } else {
                format!("6 цифр. Код действует до {code_valid_until}; осталось попыток: {attempts_left}.")
            };
            view! {
                <h1>"Подтверждение контактных данных"</h1>
                <div class="notice success" id="email-confirmed">
                    <p><span aria-hidden="true">"✓ "</span>"Адрес электронной почты подтверждён."</p>
                </div>
                <p>
                    "Теперь подтвердите номер телефона: введите код из СМС, отправленного на номер "
                    <strong>{masked_phone}</strong> "."
                </p>
                <div id="verify-status" tabindex="-1" aria-live="polite">
                    {notice.map(|n| view! { <div class="notice info" role="status"><p>{n}</p></div> })}
                    {move || failure.get().map(|e| view! { <div class="notice error" role="alert"><p>{e}</p></div> })}
                </div>
                <form class="form" method="post" on:submit=submit novalidate>
                    <div class=if has_error { "field is-invalid" } else { "field" }>
                        <label for="code">"Код из СМС"</label>
                        <p class="field-hint" id="code-hint">{hint}</p>
                        <input
                            id="code"
                            name="code"
                            type="text"
                            inputmode="numeric"
                            autocomplete="one-time-code"
                            maxlength="6"
                            pattern="[0-9]{6}"
                            required
                            aria-invalid=if has_error { "true" } else { "false" }
                            aria-describedby="code-hint code-msg"
                            prop:value=move || code.get()
                            on:input=move |ev| code.set(event_target_value(&ev).chars().filter(char::is_ascii_digit).take(6).collect())
                        />
                        <p class="field-msg" id="code-msg" role="alert">
                            {error.map(|e| view! { <span class="icon" aria-hidden="true">"✗"</span> {e} })}
                        </p>
                    </div>
                    <div class="actions">
                        <button type="submit" class="button primary" disabled=move || pending.get() || code.get().len() != 6>
                            "Подтвердить"
                        </button>
                        <button
                            type="button"
                            class="button"
                            id="resend"
                            on:click=resend
                            disabled=move || pending.get() || (wait.get() > 0) || (resends_left == 0)
                        >
                            {move || if wait.get() > 0 { format!("Получить новый код (через {} с)", wait.get()) } else { "Получить новый код".to_string() }}
                        </button>
                    </div>
                    <p class="muted">"Новых кодов можно получить: " {resends_left} "."</p>
                </form>
            }
            .into_any()
        }
        VerifyView::Done { login } => view! {
            <h1 id="verify-status" tabindex="-1">"Контактные данные подтверждены"</h1>
            <div class="notice success" role="status">
                <p><span aria-hidden="true">"✓ "</span>"Адрес электронной почты и номер телефона подтверждены. Учётная запись «" {login} "» готова к работе."</p>
            </div>
            <p><a class="button primary" href="/login">"Войти в ИЗКТ"</a></p>
        }
        .into_any(),
        VerifyView::Expired => view! {
            <h1>"Срок действия ссылки истёк"</h1>
            <p>"Ссылка для подтверждения действует 24 часа, и это время прошло."</p>
            <p>"Попросите администратора вашей организации отправить новый запрос на подтверждение данных: придёт новое письмо со ссылкой и СМС с кодом."</p>
        }
        .into_any(),
        VerifyView::Superseded => view! {
            <h1>"Эта ссылка больше не действует"</h1>
            <p>"Администратор отправил новый запрос на подтверждение данных, и прежняя ссылка заменена."</p>
            <p>"Откройте ссылку из последнего письма «ИЗКТ: подтвердите контактные данные»."</p>
        }
        .into_any(),
        VerifyView::AlreadyUsed => view! {
            <h1>"Контактные данные уже подтверждены"</h1>
            <p>"По этой ссылке подтверждение уже пройдено. Повторять его не нужно."</p>
            <p><a class="button primary" href="/login">"Войти в ИЗКТ"</a></p>
        }
        .into_any(),
        VerifyView::NotFound => view! {
            <h1>"Ссылка не найдена"</h1>
            <p>"Проверьте, что ссылка открыта из письма полностью, без пропущенных символов."</p>
            <p>"Если ссылка верна, попросите администратора вашей организации отправить новый запрос на подтверждение данных."</p>
        }
        .into_any(),
    }
    }
}
