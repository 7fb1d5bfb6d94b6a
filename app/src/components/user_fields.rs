//! The fields of the account form (SPEC §3), in the order of the original
//! form: parameters, roles, personal data. Used by the administrator's form
//! and by the first-run setup page.

use leptos::prelude::*;

use super::browser::Debouncer;
use super::field::{FieldMessage, TextField};
use super::password::PasswordChecklistView;
use super::scan_upload::ScanUpload;
use super::user_form_state::{LoginCheck, UserFormState};
use crate::api::auth::{login_available, password_check};
use crate::api::types::ScanInfo;
use crate::domain::dates::mask_date;
use crate::domain::passport::mask_passport_number;
use crate::domain::password::PasswordChecklist;
use crate::domain::phone::mask_phone;
use crate::domain::roles::why_disabled;
use crate::domain::{Field, Login, Role};

/// Asks the server, after a pause in typing, whether the login is free.
fn watch_login(state: UserFormState, except: Option<String>, setup_token: Option<String>) {
    let debounce = Debouncer::new();
    Effect::new(move |prev: Option<String>| {
        let login = state.login.get().trim().to_string();
        if prev.as_deref() == Some(login.as_str()) {
            return login;
        }
        if Login::parse(&login).is_err() {
            state.login_check.set(LoginCheck::Unknown);
            return login;
        }
        state.login_check.set(LoginCheck::Checking(login.clone()));
        let (except, token, asked) = (except.clone(), setup_token.clone(), login.clone());
        debounce.call(400, move || {
            leptos::task::spawn_local(async move {
                let answer = login_available(asked.clone(), except, token).await;
                // Only the answer for what is typed now counts.
                if state.login.get_untracked().trim() != asked {
                    return;
                }
                state.login_check.set(match answer {
                    Ok(true) => LoginCheck::Free(asked),
                    Ok(false) => LoginCheck::Taken(asked),
                    Err(_) => LoginCheck::Unknown,
                });
            });
        });
        login
    });
}

/// Asks the server, after a pause in typing, for the strength of the
/// password and whether it is a common one.
fn watch_password(state: UserFormState, setup_token: Option<String>) {
    let debounce = Debouncer::new();
    Effect::new(move |_| {
        let password = state.password.get();
        let login = state.login.get();
        let hints = vec![state.surname.get(), state.name.get(), state.email.get()];
        state.password_report.set(None);
        if password.is_empty() {
            return;
        }
        let token = setup_token.clone();
        debounce.call(350, move || {
            leptos::task::spawn_local(async move {
                let answer = password_check(password.clone(), login, hints, token).await;
                if state.password.get_untracked() != password {
                    return;
                }
                if let Ok(report) = answer {
                    state.password_report.set(Some(report));
                }
            });
        });
    });
}

#[component]
pub fn UserFields(
    state: UserFormState,
    org_name: String,
    /// Show the role checkboxes (the setup page's account is always an
    /// administrator).
    #[prop(default = true)]
    show_roles: bool,
    /// The id of the edited account (its own login is not "taken").
    #[prop(default = None)]
    editing: Option<String>,
    #[prop(default = None)] current_scan: Option<ScanInfo>,
    #[prop(default = None)] setup_token: Option<String>,
) -> impl IntoView {
    watch_login(state, editing.clone(), setup_token.clone());
    watch_password(state, setup_token.clone());

    let v = move |field: Field| Signal::derive(move || state.validity(field));
    let touch = move |field: Field| Callback::new(move |_| state.touch(field));
    let edited = move |field: Field| Callback::new(move |_| state.edited(field));
    let local_checklist = Signal::derive(move || {
        PasswordChecklist::local(&state.password.get(), &state.password_repeat.get(), &state.login.get())
    });
    let server_checklist = Signal::derive(move || state.password_report.get());
    let password_hint = if editing.is_some() {
        "Оставьте пустым, чтобы не менять пароль. Новый пароль — временный: пользователь сменит его при первом входе"
    } else {
        "Временный пароль: пользователь сменит его при первом входе"
    };

    view! {
        <fieldset class="form-section">
            <legend>"Параметры пользователя"</legend>
            <TextField
                field=Field::Login
                value=state.login
                validity=v(Field::Login)
                on_touch=touch(Field::Login)
                on_edit=edited(Field::Login)
                autocomplete="off"
                maxlength=32
                hint="От 3 до 32 символов: латинские буквы, цифры, точка, подчёркивание, дефис; начинается с буквы"
            />
            <TextField
                field=Field::Email
                value=state.email
                validity=v(Field::Email)
                on_touch=touch(Field::Email)
                on_edit=edited(Field::Email)
                input_type="email"
                autocomplete="off"
                inputmode="email"
                maxlength=254
                hint="Действующий личный адрес сотрудника: на него придёт ссылка для подтверждения"
            />
            <TextField
                field=Field::Password
                value=state.password
                validity=v(Field::Password)
                on_touch=touch(Field::Password)
                on_edit=edited(Field::Password)
                input_type="password"
                autocomplete="new-password"
                hint=password_hint
                required=editing.is_none()
            />
            <TextField
                field=Field::PasswordRepeat
                value=state.password_repeat
                validity=v(Field::PasswordRepeat)
                on_touch=touch(Field::PasswordRepeat)
                on_edit=edited(Field::PasswordRepeat)
                input_type="password"
                autocomplete="new-password"
                required=editing.is_none()
            />
            <PasswordChecklistView local=local_checklist server=server_checklist typed=Signal::derive(move || !state.password.get().is_empty()) />
            <div class="field">
                <label for="organisation">"Организация"</label>
                <input id="organisation" type="text" value=org_name readonly aria-describedby="organisation-hint" />
                <p class="field-hint" id="organisation-hint">"Заполняется автоматически"</p>
            </div>
        </fieldset>

        {show_roles.then(|| view! { <RolesField state=state /> })}

        <fieldset class="form-section">
            <legend>"Данные пользователя"</legend>
            <div class="grid-3">
                <TextField
                    field=Field::Surname
                    value=state.surname
                    validity=v(Field::Surname)
                    on_touch=touch(Field::Surname)
                    on_edit=edited(Field::Surname)
                    autocomplete="off"
                    maxlength=60
                />
                <TextField
                    field=Field::Name
                    value=state.name
                    validity=v(Field::Name)
                    on_touch=touch(Field::Name)
                    on_edit=edited(Field::Name)
                    autocomplete="off"
                    maxlength=60
                />
                <TextField
                    field=Field::Patronymic
                    value=state.patronymic
                    validity=v(Field::Patronymic)
                    on_touch=touch(Field::Patronymic)
                    on_edit=edited(Field::Patronymic)
                    autocomplete="off"
                    maxlength=60
                    required=false
                    hint="Если отчества нет, оставьте поле пустым"
                />
            </div>
            <TextField
                field=Field::BirthDate
                value=state.birth_date
                validity=v(Field::BirthDate)
                on_touch=touch(Field::BirthDate)
                on_edit=edited(Field::BirthDate)
                inputmode="numeric"
                placeholder="ДД.ММ.ГГГГ"
                maxlength=10
                mask=mask_date
                hint="ДД.ММ.ГГГГ"
            />
            <TextField
                field=Field::PassportNumber
                value=state.passport_number
                validity=v(Field::PassportNumber)
                on_touch=touch(Field::PassportNumber)
                on_edit=edited(Field::PassportNumber)
                inputmode="numeric"
                placeholder="0000 000000"
                maxlength=11
                mask=mask_passport_number
                hint="4 цифры серии и 6 цифр номера; пробел ставится сам"
            />
            <div class="issued-row" role="group" aria-labelledby="issued-title">
                <p class="row-title" id="issued-title">"Кем и когда выдан документ"</p>
                <div class="issued-fields">
                    <TextField
                        field=Field::PassportIssuer
                        value=state.passport_issuer
                        validity=v(Field::PassportIssuer)
                        on_touch=touch(Field::PassportIssuer)
                        on_edit=edited(Field::PassportIssuer)
                        maxlength=250
                        placeholder="ГУ МВД России по Краснодарскому краю"
                    />
                    <TextField
                        field=Field::PassportIssued
                        value=state.passport_issued
                        validity=v(Field::PassportIssued)
                        on_touch=touch(Field::PassportIssued)
                        on_edit=edited(Field::PassportIssued)
                        inputmode="numeric"
                        placeholder="ДД.ММ.ГГГГ"
                        maxlength=10
                        mask=mask_date
                    />
                </div>
            </div>
            <ScanUpload state=state current=current_scan setup_token=setup_token />
            <TextField
                field=Field::Position
                value=state.position
                validity=v(Field::Position)
                on_touch=touch(Field::Position)
                on_edit=edited(Field::Position)
                maxlength=100
            />
            <TextField
                field=Field::Phone
                value=state.phone
                validity=v(Field::Phone)
                on_touch=touch(Field::Phone)
                on_edit=edited(Field::Phone)
                input_type="tel"
                inputmode="tel"
                autocomplete="off"
                placeholder="+7 (900) 000-00-00"
                maxlength=18
                mask=mask_phone
                hint="Личный мобильный номер: на него придёт СМС с кодом"
            />
        </fieldset>
    }
}

/// The five role checkboxes with the combination rule shown before it is
/// broken: choosing «Администратор» disables the others and the reverse.
#[component]
fn RolesField(state: UserFormState) -> impl IntoView {
    let id = Field::Roles.id();
    let validity = Signal::derive(move || state.validity(Field::Roles));
    let toggle = move |role: Role, on: bool| {
        state.roles.update(|r| {
            r.retain(|x| *x != role);
            if on {
                r.push(role);
            }
        });
        state.touch(Field::Roles);
        state.edited(Field::Roles);
    };
    let explanation = move || {
        let chosen = state.roles.get();
        Role::ALL.iter().find_map(|r| why_disabled(*r, &chosen).filter(|_| !chosen.contains(r)))
    };
    view! {
        <fieldset class=move || format!("form-section roles {}", validity.get().class()) id=id aria-describedby=format!("{id}-msg {id}-rule") tabindex="-1">
            <legend>{Field::Roles.label()}</legend>
            <p class="field-hint" id=format!("{id}-rule")>
                "«Администратор» работает только в административной части и не совмещается с другими ролями. Остальные роли можно сочетать"
            </p>
            <div class="role-list">
                {Role::ALL
                    .into_iter()
                    .map(|role| {
                        let box_id = format!("role-{}", role.key());
                        let label_for = box_id.clone();
                        let disabled = move || why_disabled(role, &state.roles.get()).is_some();
                        view! {
                            <label class="checkbox" class:disabled=disabled for=label_for>
                                <input
                                    type="checkbox"
                                    id=box_id
                                    name="roles"
                                    value=role.key()
                                    prop:checked=move || state.roles.get().contains(&role)
                                    disabled=disabled
                                    on:change=move |ev| toggle(role, event_target_checked(&ev))
                                />
                                {role.label()}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            {move || explanation().map(|e| view! { <p class="role-note" role="note">{e}</p> })}
            <FieldMessage id=id validity=validity />
        </fieldset>
    }
}
