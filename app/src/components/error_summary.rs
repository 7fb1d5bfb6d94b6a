//! The message above a refused form: every error, each a link to its field.

use leptos::prelude::*;

use crate::domain::FieldErrors;

#[component]
pub fn ErrorSummary(
    errors: Signal<FieldErrors>,
    /// A refusal that belongs to no field.
    #[prop(into)]
    general: Signal<Option<String>>,
    #[prop(default = "Форма не сохранена: исправьте ошибки")] title: &'static str,
) -> impl IntoView {
    let shown = move || !errors.with(FieldErrors::is_empty) || general.with(Option::is_some);
    view! {
        <Show when=shown>
            <div class="error-summary" id="error-summary" role="alert" tabindex="-1">
                <h2>{title}</h2>
                {move || general.get().map(|g| view! { <p>{g}</p> })}
                <ul>
                    {move || {
                        errors
                            .get()
                            .0
                            .into_iter()
                            .map(|e| {
                                let id = e.field.id();
                                view! {
                                    <li>
                                        <a
                                            href=format!("#{id}")
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                crate::components::browser::focus(id);
                                            }
                                        >
                                            {e.field.label()}": "{e.message}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}
