//! `/change-password`: the user sets their own password (required at the
//! first login, after the administrator's temporary one).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::api::auth::{change_password, current_user};
use crate::components::browser::Debouncer;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{TextField, Validity};
use crate::components::password::PasswordChecklistView;
use crate::domain::password::{Password, PasswordChecklist};
use crate::domain::{Field, FieldErrors};

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let me = Resource::new_blocking(|| (), |_| current_user());
    view! {
        <Title text="Смена пароля — ИЗКТ" />
        <main id="main" class="page narrow">
            <Suspense>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(Some(me)) if me.landing() == "/pending" => view! { <Redirect path="/pending" /> }.into_any(),
                        Ok(Some(me)) => view! { <ChangePasswordForm login=me.login.clone() first=me.must_change_password /> }.into_any(),
                        _ => view! { <Redirect path="/login" /> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn ChangePasswordForm(login: String, first: bool) -> impl IntoView {
    let current = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let touched = RwSignal::new(Vec::<Field>::new());
    let server_errors = RwSignal::new(FieldErrors::new());
    let report = RwSignal::new(None::<PasswordChecklist>);
    let general = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let login = StoredValue::new(login);
    let ready = crate::components::browser::hydrated();

    let debounce = Debouncer::new();
    Effect::new(move |_| {
        let p = password.get();
        report.set(None);
        if p.is_empty() {
            return;
        }
        debounce.call(350, move || {
            leptos::task::spawn_local(async move {
                let r = crate::api::auth::password_check(p.clone(), login.get_value(), vec![], None).await;
                if password.get_untracked() == p {
                    report.set(r.ok());
                }
            });
        });
    });

    let validity = move |field: Field| {
        Signal::derive(move || {
            if let Some(m) = server_errors.with(|e| e.for_field(field).map(str::to_string)) {
                return Validity::Invalid(m);
            }
            if !touched.with(|t| t.contains(&field)) {
                return Validity::Neutral;
            }
            match field {
                Field::CurrentPassword if current.get().is_empty() => {
                    Validity::Invalid("Введите текущий пароль".into())
                }
                Field::CurrentPassword => Validity::Valid(None),
                Field::Password => match Password::check_local(&password.get(), &login.get_value()) {
                    Err(e) => Validity::Invalid(e.to_string()),
                    Ok(()) if password.get() == current.get() => {
                        Validity::Invalid("Новый пароль должен отличаться от текущего".into())
                    }
                    Ok(()) => match report.get() {
                        None => Validity::Checking("Проверяем надёжность…".into()),
                        Some(r) if r.not_common == Some(false) => {
                            Validity::Invalid("Этот пароль есть в списке распространённых паролей".into())
                        }
                        Some(r) if r.strong() == Some(false) => {
                            Validity::Invalid("Пароль слишком простой: добавьте слова, цифры или знаки".into())
                        }
                        Some(_) => Validity::Valid(Some("Пароль подходит".into())),
                    },
                },
                _ => match Password::check_repeat(&password.get(), &repeat.get()) {
                    Err(e) => Validity::Invalid(e.to_string()),
                    Ok(()) => Validity::Valid(Some("Пароли совпадают".into())),
                },
            }
        })
    };
    let touch = move |f: Field| {
        Callback::new(move |_| {
            if !touched.with_untracked(|t| t.contains(&f)) {
                touched.update(|t| t.push(f));
            }
        })
    };
    let edited = move |f: Field| Callback::new(move |_| server_errors.update(|e| e.0.retain(|x| x.field != f)));
    let local = Signal::derive(move || PasswordChecklist::local(&password.get(), &repeat.get(), &login.get_value()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(vec![Field::CurrentPassword, Field::Password, Field::PasswordRepeat]);
        general.set(None);
        let mut errors = FieldErrors::new();
        for f in [Field::CurrentPassword, Field::Password, Field::PasswordRepeat] {
            if let Validity::Invalid(m) = validity(f).get_untracked() {
                errors.add(f, m);
            }
        }
        if !errors.is_empty() {
            server_errors.set(errors);
            crate::components::browser::focus("error-summary");
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            let result =
                change_password(current.get_untracked(), password.get_untracked(), repeat.get_untracked()).await;
            pending.set(false);
            match result {
                Ok(path) => crate::components::browser::go(&path),
                Err(e) => {
                    match e.field_errors() {
                        Some(errors) => server_errors.set(errors.clone()),
                        None => general.set(Some(e.to_string())),
                    }
                    crate::components::browser::focus("error-summary");
                }
            }
        });
    };

    view! {
        <h1>"Смена пароля"</h1>
        {first.then(|| view! {
            <p class="lead">"Вы вошли с временным паролем, который задал администратор. Придумайте свой пароль, чтобы продолжить работу."</p>
        })}
        <ErrorSummary errors=Signal::derive(move || server_errors.get()) general=general title="Пароль не изменён" />
        <form class="form" method="post" on:submit=submit novalidate>
            <TextField field=Field::CurrentPassword value=current validity=validity(Field::CurrentPassword) on_touch=touch(Field::CurrentPassword) on_edit=edited(Field::CurrentPassword) input_type="password" autocomplete="current-password" />
            <TextField field=Field::Password label="Новый пароль" value=password validity=validity(Field::Password) on_touch=touch(Field::Password) on_edit=edited(Field::Password) input_type="password" autocomplete="new-password" />
            <TextField field=Field::PasswordRepeat label="Повтор нового пароля" value=repeat validity=validity(Field::PasswordRepeat) on_touch=touch(Field::PasswordRepeat) on_edit=edited(Field::PasswordRepeat) input_type="password" autocomplete="new-password" />
            <PasswordChecklistView local=local server=Signal::derive(move || report.get()) typed=Signal::derive(move || !password.get().is_empty()) />
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || pending.get() || !ready.get()>
                    {move || if pending.get() { "Сохранение…" } else { "Сменить пароль" }}
                </button>
            </div>
        </form>
    }
}
