//! Things only a browser can do: timers for debouncing, the upload with
//! progress, reading the first bytes of a chosen file, moving the focus.
//! On the server these are never called (they run from event handlers and
//! effects), and compile to nothing.

use leptos::prelude::*;

/// Runs `f` after `ms` of quiet: each call cancels the previous pending one.
#[derive(Clone, Copy)]
pub struct Debouncer {
    handle: StoredValue<Option<TimeoutHandle>>,
}

impl Debouncer {
    pub fn new() -> Self {
        Self { handle: StoredValue::new(None) }
    }

    pub fn call(&self, ms: u64, f: impl FnOnce() + 'static) {
        if let Some(h) = self.handle.get_value() {
            h.clear();
        }
        let h = set_timeout_with_handle(f, std::time::Duration::from_millis(ms)).ok();
        self.handle.set_value(h);
    }
}

impl Default for Debouncer {
    fn default() -> Self {
        Self::new()
    }
}

/// `false` while the page is only server-rendered, `true` once it is
/// interactive. Forms keep their buttons disabled until then, so that a
/// click before hydration never submits the form natively.
pub fn hydrated() -> ReadSignal<bool> {
    let (ready, set_ready) = signal(false);
    Effect::new(move |_| set_ready.set(true));
    ready
}

/// Moves the keyboard focus to the element with this id and scrolls to it,
/// once the pending updates are on the page (the element may be one that
/// the same event has just made appear).
pub fn focus(id: &str) {
    #[cfg(feature = "hydrate")]
    {
        let id = id.to_string();
        request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            if let Some(el) = document().get_element_by_id(&id) {
                el.scroll_into_view();
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

/// A full page load of `path` (after sign-in and sign-out, so that every
/// part of the page is rebuilt for the new user).
pub fn go(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().assign(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

#[cfg(feature = "hydrate")]
pub use upload::*;

#[cfg(feature = "hydrate")]
mod upload {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;

    use crate::api::types::UploadResult;

    /// The first `n` bytes of a chosen file.
    pub async fn first_bytes(file: &web_sys::File, n: i32) -> Vec<u8> {
        let Ok(blob) = file.slice_with_i32_and_i32(0, n) else {
            return Vec::new();
        };
        match wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await {
            Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
            Err(_) => Vec::new(),
        }
    }

    /// Sends the file to `url` with `XMLHttpRequest` (the only browser API
    /// that reports upload progress), calling `progress` with 0–100 and
    /// `done` with the server's answer.
    pub fn upload(
        url: &str,
        file: &web_sys::File,
        headers: &[(&str, &str)],
        progress: impl Fn(u32) + 'static,
        done: impl FnOnce(Result<UploadResult, String>) + 'static,
    ) {
        let Ok(xhr) = web_sys::XmlHttpRequest::new() else {
            done(Err("Браузер не поддерживает загрузку файлов".into()));
            return;
        };
        if xhr.open("POST", url).is_err() {
            done(Err("Не удалось начать загрузку".into()));
            return;
        }
        let _ = xhr.set_request_header("Content-Type", "application/pdf");
        for (k, v) in headers {
            let _ = xhr.set_request_header(k, v);
        }
        let on_progress = Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                progress(((e.loaded() / e.total()) * 100.0).round() as u32);
            }
        });
        if let Ok(up) = xhr.upload() {
            up.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        }
        on_progress.forget();
        let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
        let xhr2 = xhr.clone();
        let done_load = done.clone();
        let on_load = Closure::<dyn Fn()>::new(move || {
            let status = xhr2.status().unwrap_or(0);
            let text = xhr2.response_text().ok().flatten().unwrap_or_default();
            let result = match status {
                200 => serde_json::from_str::<UploadResult>(&text).map_err(|_| "Непонятный ответ сервера".to_string()),
                401 => Err("Сеанс истёк: войдите снова".into()),
                403 => Err("Недостаточно прав для загрузки".into()),
                413 => Ok(UploadResult::Refused("Файл больше 1 МБ".into())),
                429 => Err("Слишком много загрузок: подождите минуту".into()),
                _ => Err("Файл не загружен: ошибка сервера. Попробуйте ещё раз".into()),
            };
            if let Some(f) = done_load.borrow_mut().take() {
                f(result);
            }
        });
        xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
        on_load.forget();
        let on_error = Closure::<dyn Fn()>::new(move || {
            if let Some(f) = done.borrow_mut().take() {
                f(Err("Нет связи с сервером: файл не загружен".into()));
            }
        });
        xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        let _ = xhr.send_with_opt_blob(Some(file));
    }
}
