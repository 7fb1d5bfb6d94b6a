//! The organisation part of the connection questionnaire as form fields
//! (the first-run setup page).

use leptos::prelude::*;

use super::field::{TextField, Validity};
use crate::domain::org::{DEFAULT_TIME_ZONE, TIME_ZONES};
use crate::domain::phone::mask_phone;
use crate::domain::user_form::{ORG_FIELDS, OrgInput};
use crate::domain::{Field, FieldErrors};

#[derive(Clone, Copy)]
pub struct OrgFormState {
    pub full_name: RwSignal<String>,
    pub short_name: RwSignal<String>,
    pub inn: RwSignal<String>,
    pub kpp: RwSignal<String>,
    pub ogrn: RwSignal<String>,
    pub address: RwSignal<String>,
    pub time_zone: RwSignal<String>,
    pub contact_surname: RwSignal<String>,
    pub contact_name: RwSignal<String>,
    pub contact_patronymic: RwSignal<String>,
    pub contact_email: RwSignal<String>,
    pub contact_phone: RwSignal<String>,
    pub touched: RwSignal<Vec<Field>>,
    pub server_errors: RwSignal<FieldErrors>,
}

impl OrgFormState {
    pub fn new() -> Self {
        let s = || RwSignal::new(String::new());
        Self {
            full_name: s(),
            short_name: s(),
            inn: s(),
            kpp: s(),
            ogrn: s(),
            address: s(),
            time_zone: RwSignal::new(DEFAULT_TIME_ZONE.to_string()),
            contact_surname: s(),
            contact_name: s(),
            contact_patronymic: s(),
            contact_email: s(),
            contact_phone: s(),
            touched: RwSignal::new(Vec::new()),
            server_errors: RwSignal::new(FieldErrors::new()),
        }
    }

    pub fn input(&self) -> OrgInput {
        OrgInput {
            full_name: self.full_name.get(),
            short_name: self.short_name.get(),
            inn: self.inn.get(),
            kpp: self.kpp.get(),
            ogrn: self.ogrn.get(),
            address: self.address.get(),
            time_zone: self.time_zone.get(),
            contact_surname: self.contact_surname.get(),
            contact_name: self.contact_name.get(),
            contact_patronymic: self.contact_patronymic.get(),
            contact_email: self.contact_email.get(),
            contact_phone: self.contact_phone.get(),
        }
    }

    pub fn validity(&self, field: Field) -> Validity {
        if let Some(m) = self.server_errors.with(|e| e.for_field(field).map(str::to_string)) {
            return Validity::Invalid(m);
        }
        if !self.touched.with(|t| t.contains(&field)) {
            return Validity::Neutral;
        }
        Validity::from_check(self.input().check_field(field))
    }

    pub fn touch(&self, field: Field) {
        if !self.touched.with_untracked(|t| t.contains(&field)) {
            self.touched.update(|t| t.push(field));
        }
    }

    pub fn touch_all(&self) {
        self.touched.set(ORG_FIELDS.to_vec());
    }

    pub fn edited(&self, field: Field) {
        if self.server_errors.with_untracked(|e| e.for_field(field).is_some()) {
            self.server_errors.update(|e| e.0.retain(|x| x.field != field));
        }
    }

    pub fn local_errors(&self) -> FieldErrors {
        let mut errors = FieldErrors::new();
        for field in ORG_FIELDS {
            if let Validity::Invalid(m) = self.validity(field) {
                errors.add(field, m);
            }
        }
        errors
    }
}

impl Default for OrgFormState {
    fn default() -> Self {
        Self::new()
    }
}

fn digits_only(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn kpp_mask(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).take(9).collect()
}

#[component]
pub fn OrgFields(state: OrgFormState) -> impl IntoView {
    let v = move |field: Field| Signal::derive(move || state.validity(field));
    let touch = move |field: Field| Callback::new(move |_| state.touch(field));
    let edited = move |field: Field| Callback::new(move |_| state.edited(field));
    view! {
        <fieldset class="form-section">
            <legend>"Организация"</legend>
            <TextField field=Field::OrgFullName value=state.full_name validity=v(Field::OrgFullName) on_touch=touch(Field::OrgFullName) on_edit=edited(Field::OrgFullName) maxlength=500 />
            <TextField field=Field::OrgShortName value=state.short_name validity=v(Field::OrgShortName) on_touch=touch(Field::OrgShortName) on_edit=edited(Field::OrgShortName) maxlength=200 />
            <div class="grid-3">
                <TextField field=Field::OrgInn value=state.inn validity=v(Field::OrgInn) on_touch=touch(Field::OrgInn) on_edit=edited(Field::OrgInn) inputmode="numeric" maxlength=10 mask=digits_only hint="10 цифр" />
                <TextField field=Field::OrgKpp value=state.kpp validity=v(Field::OrgKpp) on_touch=touch(Field::OrgKpp) on_edit=edited(Field::OrgKpp) maxlength=9 mask=kpp_mask hint="9 символов" />
                <TextField field=Field::OrgOgrn value=state.ogrn validity=v(Field::OrgOgrn) on_touch=touch(Field::OrgOgrn) on_edit=edited(Field::OrgOgrn) inputmode="numeric" maxlength=13 mask=digits_only hint="13 цифр" />
            </div>
            <TextField field=Field::OrgAddress value=state.address validity=v(Field::OrgAddress) on_touch=touch(Field::OrgAddress) on_edit=edited(Field::OrgAddress) maxlength=500 />
            <div class="field">
                <label for=Field::OrgTimeZone.id()>{Field::OrgTimeZone.label()}</label>
                <select
                    id=Field::OrgTimeZone.id()
                    prop:value=move || state.time_zone.get()
                    on:change=move |ev| state.time_zone.set(event_target_value(&ev))
                >
                    {TIME_ZONES
                        .iter()
                        .map(|(name, label, _)| view! { <option value=*name selected=*name == DEFAULT_TIME_ZONE>{*label}</option> })
                        .collect_view()}
                </select>
            </div>
        </fieldset>
        <fieldset class="form-section">
            <legend>"Ответственное лицо"</legend>
            <div class="grid-3">
                <TextField field=Field::ContactSurname label="Фамилия" value=state.contact_surname validity=v(Field::ContactSurname) on_touch=touch(Field::ContactSurname) on_edit=edited(Field::ContactSurname) maxlength=60 />
                <TextField field=Field::ContactName label="Имя" value=state.contact_name validity=v(Field::ContactName) on_touch=touch(Field::ContactName) on_edit=edited(Field::ContactName) maxlength=60 />
                <TextField field=Field::ContactPatronymic label="Отчество" value=state.contact_patronymic validity=v(Field::ContactPatronymic) on_touch=touch(Field::ContactPatronymic) on_edit=edited(Field::ContactPatronymic) maxlength=60 required=false />
            </div>
            <TextField field=Field::ContactEmail label="Адрес электронной почты" value=state.contact_email validity=v(Field::ContactEmail) on_touch=touch(Field::ContactEmail) on_edit=edited(Field::ContactEmail) input_type="email" inputmode="email" maxlength=254 />
            <TextField field=Field::ContactPhone label="Номер мобильного телефона" value=state.contact_phone validity=v(Field::ContactPhone) on_touch=touch(Field::ContactPhone) on_edit=edited(Field::ContactPhone) input_type="tel" inputmode="tel" maxlength=18 mask=mask_phone placeholder="+7 (900) 000-00-00" />
        </fieldset>
    }
}
