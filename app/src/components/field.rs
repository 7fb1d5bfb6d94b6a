//! A form field with live highlighting: after the user has touched it, its
//! label and border turn green when the value is valid and red when it is
//! not, with an icon and the reason written under the field (colour is
//! never the only signal).

use leptos::prelude::*;

use crate::domain::Field;

/// What the field shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Validity {
    /// Not touched yet: no colour.
    Neutral,
    /// Waiting for the server's answer.
    Checking(String),
    Valid(Option<String>),
    Invalid(String),
}

impl Validity {
    pub fn from_check(result: Result<(), String>) -> Self {
        match result {
            Ok(()) => Validity::Valid(None),
            Err(e) => Validity::Invalid(e),
        }
    }

    pub fn class(&self) -> &'static str {
        match self {
            Validity::Neutral => "field",
            Validity::Checking(_) => "field is-checking",
            Validity::Valid(_) => "field is-valid",
            Validity::Invalid(_) => "field is-invalid",
        }
    }

    pub fn is_invalid(&self) -> bool {
        matches!(self, Validity::Invalid(_))
    }
}

/// The message line under a field (also used by fields that are not text
/// inputs: roles, the file).
#[component]
pub fn FieldMessage(id: &'static str, validity: Signal<Validity>) -> impl IntoView {
    view! {
        <p class="field-msg" id=format!("{id}-msg") aria-live="polite">
            {move || match validity.get() {
                Validity::Neutral => ().into_any(),
                Validity::Checking(text) => view! { <span class="icon" aria-hidden="true">"…"</span> {text} }.into_any(),
                Validity::Valid(text) => view! {
                    <span class="icon" aria-hidden="true">"✓"</span>
                    <span class="sr-only">"Верно. "</span>
                    {text.unwrap_or_else(|| "Заполнено верно".into())}
                }
                .into_any(),
                Validity::Invalid(text) => view! {
                    <span class="icon" aria-hidden="true">"✗"</span>
                    <span class="sr-only">"Ошибка: "</span>
                    {text}
                }
                .into_any(),
            }}
        </p>
    }
}

/// A text input bound to `value`. `mask` rewrites the typed text (phone,
/// passport number, dates); `on_touch` is called when the user leaves the
/// field (from then on it is highlighted live).
#[component]
pub fn TextField(
    field: Field,
    value: RwSignal<String>,
    validity: Signal<Validity>,
    #[prop(into)] on_touch: Callback<()>,
    #[prop(optional)] on_edit: Option<Callback<()>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] mask: Option<fn(&str) -> String>,
    #[prop(default = true)] required: bool,
    #[prop(optional, into)] label: Option<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let id = field.id();
    let label = label.unwrap_or_else(|| field.label().to_string());
    let described = if hint.is_some() { format!("{id}-msg {id}-hint") } else { format!("{id}-msg") };
    view! {
        <div class=move || validity.get().class() data-field=id>
            <label for=id>
                {label}
                {(!required).then(|| view! { <span class="optional">" (необязательно)"</span> })}
            </label>
            {hint.map(|h| view! { <p class="field-hint" id=format!("{id}-hint")>{h}</p> })}
            <input
                id=id
                name=id
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                placeholder=placeholder
                maxlength=maxlength
                required=required
                aria-required=if required { "true" } else { "false" }
                aria-invalid=move || if validity.get().is_invalid() { "true" } else { "false" }
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    let next = match mask { Some(m) => m(&typed), None => typed };
                    value.set(next);
                    if let Some(cb) = on_edit {
                        cb.run(());
                    }
                }
                on:blur=move |_| on_touch.run(())
                on:change=move |_| on_touch.run(())
            />
            {children.map(|c| c())}
            <FieldMessage id=id validity=validity />
        </div>
    }
}
