//! The password fields' live checklist and strength meter. The length, login
//! and equality rules are checked in the browser; the list of common
//! passwords and the strength score come from the server (debounced).

use leptos::prelude::*;

use crate::domain::password::{PASSWORD_MIN_SCORE, PasswordChecklist};

const RULES: [&str; 5] = [
    "от 12 до 128 символов",
    "не содержит логин",
    "нет в списке распространённых паролей",
    "надёжность: хорошая или выше",
    "оба ввода совпадают",
];

fn item(ok: Option<bool>, text: &'static str) -> impl IntoView {
    let (class, icon, sr) = match ok {
        Some(true) => ("check ok", "✓", "выполнено: "),
        Some(false) => ("check no", "✗", "не выполнено: "),
        None => ("check pending", "…", "проверяется: "),
    };
    view! {
        <li class=class>
            <span class="icon" aria-hidden="true">{icon}</span>
            <span class="sr-only">{sr}</span>
            {text}
        </li>
    }
}

/// The checklist under the password fields. `local` is computed in the
/// browser; `server` is the server's answer for the current password.
/// Nothing typed yet: the rules are listed without marks.
fn rule(text: &'static str) -> impl IntoView {
    view! {
        <li class="check">
            <span class="icon" aria-hidden="true">"•"</span>
            {text}
        </li>
    }
}

#[component]
pub fn PasswordChecklistView(
    local: Signal<PasswordChecklist>,
    server: Signal<Option<PasswordChecklist>>,
    /// Is anything typed in the password field?
    typed: Signal<bool>,
) -> impl IntoView {
    let score = move || server.get().and_then(|s| s.score);
    let meter = move || {
        let s = score().unwrap_or(0);
        let (label, class) = match score() {
            None => ("—", "meter-0"),
            Some(0) | Some(1) => ("очень слабая", "meter-1"),
            Some(2) => ("слабая", "meter-2"),
            Some(3) => ("хорошая", "meter-3"),
            Some(_) => ("отличная", "meter-4"),
        };
        view! {
            <div class="strength">
                <span id="strength-label">"Надёжность: " <strong>{label}</strong></span>
                <meter
                    class=class
                    min="0"
                    max="4"
                    low="2"
                    high="3"
                    optimum="4"
                    value=s
                    aria-labelledby="strength-label"
                ></meter>
            </div>
        }
    };
    view! {
        <div class="password-help" aria-live="polite">
            {meter}
            <ul class="checklist" id="password-checklist">
                {move || {
                    if typed.get() {
                        view! {
                            {item(Some(local.get().length), RULES[0])}
                            {item(Some(local.get().no_login), RULES[1])}
                            {item(server.get().and_then(|s| s.not_common), RULES[2])}
                            {item(score().map(|s| s >= PASSWORD_MIN_SCORE), RULES[3])}
                            {item(Some(local.get().matches), RULES[4])}
                        }
                        .into_any()
                    } else {
                        RULES.map(rule).collect_view().into_any()
                    }
                }}
            </ul>
        </div>
    }
}
