//! `/pending`: what a «Новая» account sees after signing in.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::auth::{Logout, current_user};

#[component]
pub fn PendingPage() -> impl IntoView {
    let me = Resource::new_blocking(|| (), |_| current_user());
    let logout = ServerAction::<Logout>::new();
    view! {
        <Title text="Контактные данные не подтверждены — ИЗКТ" />
        <main id="main" class="page narrow status-page">
            <Suspense>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(Some(me)) => view! {
                            <h1>"Контактные данные не подтверждены"</h1>
                            <p>
                                "Учётная запись «" {me.login.clone()} "» создана, но адрес электронной почты и номер телефона ещё не подтверждены. "
                                "Работать в ИЗКТ можно после подтверждения."
                            </p>
                            <p>
                                "Откройте ссылку из письма «ИЗКТ: подтвердите контактные данные» и введите код из СМС. "
                                "Если письма нет или срок ссылки истёк, попросите администратора вашей организации отправить новый запрос."
                            </p>
                        }
                        .into_any(),
                        _ => view! { <leptos_router::components::Redirect path="/login" /> }.into_any(),
                    }
                })}
            </Suspense>
            <ActionForm action=logout>
                <button type="submit" class="button">"Выйти"</button>
            </ActionForm>
        </main>
    }
}
