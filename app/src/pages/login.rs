//! `/login`: login and password; one generic refusal whatever the cause.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::auth::Login;

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let error = move || action.value().get().and_then(|r| r.err()).map(|e| e.to_string());
    view! {
        <Title text="Вход — ИЗКТ" />
        <main id="main" class="page narrow login-page">
            <p class="logo big">"ИЗКТ"</p>
            <h1>"Вход в систему"</h1>
            <p class="lead">"Интерфейс заказов карт тахографа"</p>
            {move || error().map(|e| view! { <div class="notice error" role="alert" id="login-error"><p>{e}</p></div> })}
            <ActionForm action=action attr:class="form">
                <div class="field">
                    <label for="login-login">"Логин"</label>
                    <input id="login-login" name="login" type="text" autocomplete="username" required autocapitalize="none" spellcheck="false" />
                </div>
                <div class="field">
                    <label for="login-password">"Пароль"</label>
                    <input id="login-password" name="password" type="password" autocomplete="current-password" required />
                </div>
                <div class="actions">
                    <button type="submit" class="button primary" disabled=move || action.pending().get()>
                        {move || if action.pending().get() { "Вход…" } else { "Войти" }}
                    </button>
                </div>
            </ActionForm>
        </main>
    }
}
