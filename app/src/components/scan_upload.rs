//! «Документ, удостоверяющий личность»: the PDF is checked in the browser
//! (size, signature), uploaded with a progress bar, checked again on the
//! server (parse, encryption) and kept there until the form is saved.

use leptos::prelude::*;

use super::field::FieldMessage;
use super::user_form_state::{ScanState, UserFormState};
use crate::api::types::ScanInfo;
use crate::domain::Field;

/// Opens the file dialog of the (visually hidden) file input.
fn open_picker(id: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(input) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            input.click();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

#[component]
pub fn ScanUpload(
    state: UserFormState,
    /// The current file of an edited account.
    #[prop(default = None)]
    current: Option<ScanInfo>,
    /// The setup page's token (the upload is allowed with it).
    #[prop(default = None)]
    setup_token: Option<String>,
) -> impl IntoView {
    let id = Field::Scan.id();
    let validity = Signal::derive(move || state.validity(Field::Scan));
    let file_name = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        state.touch(Field::Scan);
        state.edited(Field::Scan);
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                state.scan.set(ScanState::Empty);
                file_name.set(None);
                return;
            };
            file_name.set(Some(file.name()));
            let token = setup_token.clone();
            leptos::task::spawn_local(async move {
                let head = super::browser::first_bytes(&file, 5).await;
                if let Err(e) = crate::domain::pdf_scan::check_header(file.size() as u64, &head) {
                    state.scan.set(ScanState::Refused(e.to_string()));
                    return;
                }
                state.scan.set(ScanState::Uploading(0));
                let headers: Vec<(&str, &str)> = match &token {
                    Some(t) => vec![(crate::SETUP_TOKEN_HEADER, t.as_str())],
                    None => vec![],
                };
                super::browser::upload(
                    "/files/scans",
                    &file,
                    &headers,
                    move |p| state.scan.set(ScanState::Uploading(p.min(99))),
                    move |result| {
                        state.scan.set(match result {
                            Ok(crate::api::types::UploadResult::Ok(info)) => ScanState::Uploaded(info),
                            Ok(crate::api::types::UploadResult::Refused(e)) => ScanState::Refused(e),
                            Err(e) => ScanState::Refused(e),
                        });
                    },
                );
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, &setup_token);
    };
    let progress = move || match state.scan.get() {
        ScanState::Uploading(p) => Some(view! {
            <progress max="100" value=p aria-label="Загрузка файла">{p}"%"</progress>
        }),
        _ => None,
    };
    view! {
        <div class=move || validity.get().class() data-field=id>
            <label for=id>{Field::Scan.label()}</label>
            <p class="field-hint" id=format!("{id}-hint")>"Допустимый формат — PDF. Максимальный размер файла — 1 МБ"</p>
            {current.map(|c| {
                view! {
                    <p class="current-file">
                        "Текущий файл: "
                        <a href=format!("/files/scans/{}", c.id) target="_blank" rel="noopener">
                            "открыть PDF"
                        </a>
                        {format!(" ({}, страниц: {})", crate::domain::pdf_scan::human_size(c.size), c.pages)}
                    </p>
                    <label class="checkbox">
                        <input
                            type="checkbox"
                            id="remove_scan"
                            prop:checked=move || state.remove_scan.get()
                            on:change=move |ev| {
                                state.remove_scan.set(event_target_checked(&ev));
                                state.touch(Field::Scan);
                            }
                        />
                        "Удалить файл"
                    </label>
                }
            })}
            // The browser's own file button speaks the browser's language;
            // this one is always Russian. The input itself stays focusable.
            <div class="file-picker">
                <input
                    id=id
                    name=id
                    type="file"
                    class="file-input"
                    accept="application/pdf,.pdf"
                    aria-describedby=format!("{id}-hint {id}-msg")
                    aria-invalid=move || if validity.get().is_invalid() { "true" } else { "false" }
                    on:change=on_change
                />
                <span class="button file-button" aria-hidden="true" on:click=move |_| open_picker(id)>
                    "Выбрать файл"
                </span>
                <span class="file-name" aria-hidden="true">
                    {move || file_name.get().unwrap_or_else(|| "Файл не выбран".into())}
                </span>
            </div>
            {progress}
            <FieldMessage id=id validity=validity />
        </div>
    }
}
