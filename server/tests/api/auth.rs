//! Sign-in and sessions: one generic refusal, throttling and the lock, the
//! cookie, a new session id at login, logout and timeouts, the forced
//! password change.

use std::time::{Duration, Instant};

use crate::helpers::TestApp;

fn refusal(answer: Result<String, serde_json::Value>) -> serde_json::Value {
    answer.expect_err("refused")
}

#[tokio::test]
async fn one_generic_refusal_whatever_the_cause() {
    let app = TestApp::spawn().await;
    let admin = app.admin(20).await;
    let bad = serde_json::json!("BadCredentials");
    assert_eq!(refusal(app.login(&admin.login, "wrong password").await), bad);
    assert_eq!(refusal(app.login("nobody.here", "wrong password").await), bad);
    assert_eq!(refusal(app.login("не логин", "wrong password").await), bad);
    assert_eq!(refusal(app.login("", "").await), bad);
    // A «Новая» account with the right password gets in, to a page that
    // says its contacts are not confirmed (tested with the next account).
}

#[tokio::test]
async fn unknown_logins_take_as_long_as_known_ones() {
    let app = TestApp::spawn().await;
    let admin = app.admin(21).await;
    let time = |login: String| {
        let app = &app;
        async move {
            let t = Instant::now();
            let _ = app.login_with(&app.new_client(), &login, "wrong password").await;
            t.elapsed()
        }
    };
    // Warm up, then compare medians of a few attempts each.
    let _ = time("nobody".into()).await;
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for i in 0..3 {
        known.push(time(admin.login.clone()).await);
        unknown.push(time(format!("nobody{i}")).await);
    }
    known.sort();
    unknown.sort();
    let (k, u) = (known[1], unknown[1]);
    // Both pay for an Argon2id verification; neither is a fraction of the other.
    assert!(u * 2 > k && k * 2 > u, "known {k:?}, unknown {u:?}");
}

#[tokio::test]
async fn failures_slow_down_and_then_lock_the_account() {
    let app = TestApp::spawn().await;
    let admin = app.admin(22).await;
    for _ in 0..5 {
        assert!(app.login_with(&app.new_client(), &admin.login, "wrong password").await.is_err());
    }
    // The sixth attempt waits (1 s) before the password is checked.
    let t = Instant::now();
    assert!(app.login_with(&app.new_client(), &admin.login, "wrong password").await.is_err());
    assert!(t.elapsed() >= Duration::from_millis(900), "{:?}", t.elapsed());
    // Fast-forward: pretend the account has failed 9 times in a row.
    app.state
        .db
        .query("UPDATE account SET failed_logins = 9 WHERE login_norm = $l")
        .bind(("l", admin.login.clone()))
        .await
        .expect("update");
    assert!(app.login_with(&app.new_client(), &admin.login, "wrong password").await.is_err());
    let account = app::server::accounts::by_login(&app.state.db, &admin.login).await.expect("db").expect("account");
    assert!(account.is_locked(chrono::Utc::now()), "locked after the tenth failure");
    // Locked: even the right password gets the same generic refusal.
    assert_eq!(
        refusal(app.login_with(&app.new_client(), &admin.login, &admin.password).await),
        serde_json::json!("BadCredentials")
    );
    // The administrator's unlock lifts the flag.
    app::server::accounts::unlock(&app.state.db, &account.id).await.expect("unlock");
    assert_eq!(app.login_with(&app.new_client(), &admin.login, &admin.password).await, Ok("/admin".into()));
    let failures =
        app::server::audit::count(&app.state.db, app::server::audit::Action::LoginFailed).await.expect("audit");
    assert!(failures >= 6);
}

#[tokio::test]
async fn unknown_logins_slow_down_like_known_ones() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        assert!(app.login_with(&app.new_client(), "nobody.at.all", "wrong").await.is_err());
    }
    // The sixth attempt at the same unknown login waits like a known one.
    let t = Instant::now();
    assert!(app.login_with(&app.new_client(), "Nobody.At.All", "wrong").await.is_err());
    assert!(t.elapsed() >= Duration::from_millis(900), "{:?}", t.elapsed());
}

#[tokio::test]
async fn per_address_rate_limit_on_login() {
    let app = TestApp::spawn().await;
    let mut limited = false;
    for i in 0..25 {
        if app.login_with(&app.new_client(), &format!("nobody{i}"), "x").await == Err(serde_json::json!("RateLimited"))
        {
            limited = true;
            break;
        }
    }
    assert!(limited, "the 21st attempt in a minute from one address is refused");
}

#[tokio::test]
async fn the_session_cookie_and_its_lifecycle() {
    let app = TestApp::spawn().await;
    let admin = app.admin(23).await;
    let client = app.new_client();
    let resp = client
        .post(app.url("/api/login"))
        .header("Origin", app.origin())
        .header("Accept", "application/json")
        .form(&[("login", admin.login.as_str()), ("password", admin.password.as_str())])
        .send()
        .await
        .expect("login");
    let cookie = resp.headers().get("set-cookie").and_then(|v| v.to_str().ok()).expect("cookie").to_string();
    for attr in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attr), "{attr} in {cookie}");
    }
    let first = cookie.split(';').next().expect("pair").to_string();
    // Signing in again gives a new session id.
    let resp = client
        .post(app.url("/api/login"))
        .header("Origin", app.origin())
        .header("Cookie", &first)
        .form(&[("login", admin.login.as_str()), ("password", admin.password.as_str())])
        .send()
        .await
        .expect("login");
    let second = resp
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_string();
    assert_ne!(first, second);
    // The old id no longer works; the new one does.
    let me = |pair: String| {
        let app = &app;
        async move {
            let resp = reqwest::Client::new()
                .post(app.url("/api/me"))
                .header("Origin", app.origin())
                .header("Cookie", pair)
                .send()
                .await
                .expect("me");
            resp.json::<Option<app::api::types::Me>>().await.expect("me json")
        }
    };
    assert!(me(first).await.is_none());
    assert_eq!(me(second.clone()).await.map(|m| m.login), Some(admin.login.clone()));
    // Idle timeout: a session not seen for 31 minutes is over.
    app.state.db.query("UPDATE session SET last_seen_at = time::now() - 31m").await.expect("age");
    assert!(me(second.clone()).await.is_none());
    // Logout ends the session on the server.
    let client = app.new_client();
    app.login_with(&client, &admin.login, &admin.password).await.expect("login");
    let _: Result<(), _> = app.form_with(&client, "logout", &[]).await;
    let n: Option<i64> =
        app.state.db.query("SELECT count() AS n FROM session GROUP ALL").await.expect("q").take((0, "n")).expect("n");
    assert_eq!(n.unwrap_or(0), 1, "only the main client's session is left");
}

#[tokio::test]
async fn absolute_timeout_and_archived_accounts() {
    let app = TestApp::spawn().await;
    app.admin(24).await;
    app.state.db.query("UPDATE session SET created_at = time::now() - 12h - 1m").await.expect("age");
    assert_eq!(app.list_users().await.expect_err("expired"), serde_json::json!("Unauthorized"));
}

#[tokio::test]
async fn a_new_account_sees_only_that_its_contacts_are_not_confirmed() {
    let app = TestApp::spawn().await;
    let admin = app.onboard(25).await;
    let client = app.new_client();
    // Not confirmed yet: signs in, but sees only /pending; admin functions
    // and even the password change are refused until the contacts are
    // confirmed.
    assert_eq!(app.login_with(&client, &admin.login, &admin.password).await, Ok("/pending".into()));
    assert_eq!(
        app.change_password(&client, &admin.password, "Новый-Пароль-Админа-25").await,
        Err(serde_json::json!("Forbidden"))
    );
    assert_eq!(
        app.form_with::<serde_json::Value>(&client, "admin/users", &[]).await.expect_err("forbidden"),
        serde_json::json!("Forbidden")
    );
    let page = client.get(app.url("/admin")).header("Accept", "text/html").send().await.expect("page");
    assert_eq!(page.status(), 302);
    assert_eq!(page.headers().get("location").and_then(|v| v.to_str().ok()), Some("/pending"));
    let page = client.get(app.url("/pending")).send().await.expect("page").text().await.expect("body");
    assert!(page.contains("Контактные данные не подтверждены"));
}

#[tokio::test]
async fn the_new_password_obeys_the_rules() {
    let app = TestApp::spawn().await;
    let admin = app.onboard(26).await;
    app.confirm(&admin).await;
    let client = app.new_client();
    app.login_with(&client, &admin.login, &admin.password).await.expect("login");
    let refused = app.change_password(&client, "wrong current", "Новый-Пароль-Админа-26").await.expect_err("refused");
    let errors = crate::helpers::field_errors(&refused);
    assert_eq!(errors.for_field(app::domain::Field::CurrentPassword), Some("Текущий пароль введён неверно"));
    let refused = app.change_password(&client, &admin.password, &admin.password).await.expect_err("same");
    assert!(crate::helpers::field_errors(&refused).for_field(app::domain::Field::Password).is_some());
    let refused = app.change_password(&client, &admin.password, "password1234").await.expect_err("common");
    assert!(crate::helpers::field_errors(&refused).for_field(app::domain::Field::Password).is_some());
}
