// The release build (without `--cfg erase_components`) monomorphises the
// whole view tree of `app::App` here, deeper than the default limit of 128.
#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
