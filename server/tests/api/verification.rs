//! Contact verification: link and code, expiry, attempt and resend limits,
//! a new request invalidating the old one, the status change and the
//! administrator's information message.

use app::api::types::{AccountStatus, VerifyView};
use app::domain::Role;

use crate::helpers::{Credentials, TestApp};

async fn new_user(app: &TestApp, login: &str) -> (String, Credentials) {
    let input = app.user_input(login, vec![Role::Operator]).await;
    let id = app.create_user(&input).await.expect("created");
    (id, Credentials::of(&input))
}

fn error_of(view: &VerifyView) -> Option<String> {
    match view {
        VerifyView::AskCode { error, .. } => error.clone(),
        _ => None,
    }
}

#[tokio::test]
async fn link_then_code_verifies_and_tells_the_administrator() {
    let app = TestApp::spawn().await;
    app.admin(30).await;
    let (id, user) = new_user(&app, "v.user").await;
    let details = app.send_verification(&id).await.expect("sent");
    let state = details.verification.expect("request state");
    assert!(state.email_confirmed_at.is_none() && state.phone_confirmed_at.is_none());

    let token = app.link_token(&user.email).await;
    // The token is long and random; only its hash is stored.
    assert!(token.len() >= 22, "{token}");
    let stored: Vec<String> =
        app.state.db.query("SELECT VALUE token_hash FROM verification").await.expect("q").take(0).expect("hashes");
    assert!(stored.iter().all(|h| h != &token && h.len() == 64));
    let code = app.sms_code(&user.phone).await;
    let codes: Vec<String> =
        app.state.db.query("SELECT VALUE code_hash FROM verification").await.expect("q").take(0).expect("hashes");
    assert!(codes.iter().all(|h| h != &code));

    match app.open_link(&token).await.expect("open") {
        VerifyView::AskCode { masked_phone, attempts_left, .. } => {
            assert_eq!(attempts_left, 5);
            assert!(masked_phone.ends_with(&user.phone[user.phone.len() - 2..]));
        }
        other => panic!("{other:?}"),
    }
    let details = app.get_user(&id).await.expect("details");
    assert!(details.verification.expect("state").email_confirmed_at.is_some());
    assert_eq!(details.status, AccountStatus::New);

    assert_eq!(app.enter_code(&token, &code).await, Ok(VerifyView::Done { login: user.login.clone() }));
    let details = app.get_user(&id).await.expect("details");
    assert_eq!(details.status, AccountStatus::Verified);
    let messages = app::server::messages::all(&app.state.db).await.expect("messages");
    assert!(messages.iter().any(|m| m.text.contains(&user.login) && m.text.contains("подтвердил контактные данные")));
    // The used link says so.
    assert_eq!(app.open_link(&token).await, Ok(VerifyView::AlreadyUsed));
    assert_eq!(app.enter_code(&token, &code).await, Ok(VerifyView::AlreadyUsed));
}

#[tokio::test]
async fn five_wrong_codes_and_the_code_is_dead() {
    let app = TestApp::spawn().await;
    app.admin(31).await;
    let (id, user) = new_user(&app, "w.user").await;
    app.send_verification(&id).await.expect("sent");
    let token = app.link_token(&user.email).await;
    let code = app.sms_code(&user.phone).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for left in (0..5u32).rev() {
        let view = app.enter_code(&token, wrong).await.expect("answer");
        let error = error_of(&view).expect("error");
        assert!(matches!(view, VerifyView::AskCode { attempts_left, .. } if attempts_left == left));
        if left > 0 {
            assert_eq!(error, "Неверный код: проверьте цифры из СМС");
        } else {
            assert!(error.contains("5 раз"), "{error}");
        }
    }
    // Even the right code is refused now.
    let view = app.enter_code(&token, &code).await.expect("answer");
    assert!(error_of(&view).expect("error").contains("больше не действует"));
    assert_eq!(app.get_user(&id).await.expect("details").status, AccountStatus::New);
}

#[tokio::test]
async fn a_malformed_code_does_not_cost_an_attempt() {
    let app = TestApp::spawn().await;
    app.admin(35).await;
    let (id, user) = new_user(&app, "m.user").await;
    app.send_verification(&id).await.expect("sent");
    let token = app.link_token(&user.email).await;
    for junk in ["abc", "12345", "1234567", "١٢٣٤٥٦"] {
        let view = app.enter_code(&token, junk).await.expect("answer");
        assert_eq!(error_of(&view).as_deref(), Some("Код — это 6 цифр из СМС"));
        assert!(matches!(view, VerifyView::AskCode { attempts_left: 5, .. }));
    }
}

#[tokio::test]
async fn expired_code_and_expired_link() {
    let app = TestApp::spawn().await;
    app.admin(32).await;
    let (id, user) = new_user(&app, "e.user").await;
    app.send_verification(&id).await.expect("sent");
    let token = app.link_token(&user.email).await;
    let code = app.sms_code(&user.phone).await;
    app.state.db.query("UPDATE verification SET code_expires_at = time::now() - 1s").await.expect("age");
    let view = app.enter_code(&token, &code).await.expect("answer");
    assert_eq!(error_of(&view).as_deref(), Some("Срок действия кода истёк. Получите новый код"));
    app.state.db.query("UPDATE verification SET link_expires_at = time::now() - 1s").await.expect("age");
    assert_eq!(app.open_link(&token).await, Ok(VerifyView::Expired));
    assert_eq!(app.enter_code(&token, &code).await, Ok(VerifyView::Expired));
    assert_eq!(app.open_link("no-such-token").await, Ok(VerifyView::NotFound));
}

#[tokio::test]
async fn new_codes_once_a_minute_five_times_at_most() {
    let app = TestApp::spawn().await;
    app.admin(33).await;
    let (id, user) = new_user(&app, "r.user").await;
    app.send_verification(&id).await.expect("sent");
    let token = app.link_token(&user.email).await;
    let first = app.sms_code(&user.phone).await;
    // Too soon.
    let view = app.resend_code(&token).await.expect("answer");
    assert!(error_of(&view).expect("error").starts_with("Новый код можно запросить через"));
    for i in 0..5 {
        app.state.db.query("UPDATE verification SET last_code_at = time::now() - 61s").await.expect("age");
        match app.resend_code(&token).await.expect("answer") {
            VerifyView::AskCode { notice: Some(n), resends_left, error: None, .. } => {
                assert!(n.starts_with("Новый код отправлен"), "{n}");
                assert_eq!(resends_left, 4 - i);
            }
            other => panic!("resend {i}: {other:?}"),
        }
    }
    app.state.db.query("UPDATE verification SET last_code_at = time::now() - 61s").await.expect("age");
    let view = app.resend_code(&token).await.expect("answer");
    assert!(error_of(&view).expect("error").contains("не больше 5 раз"));
    // The old code no longer works, the newest does.
    let newest = app.sms_code(&user.phone).await;
    assert_ne!(first, newest);
    let view = app.enter_code(&token, &first).await.expect("answer");
    assert!(error_of(&view).is_some() || first == newest);
    assert_eq!(app.enter_code(&token, &newest).await, Ok(VerifyView::Done { login: user.login.clone() }));
}

#[tokio::test]
async fn a_new_request_invalidates_the_previous_link_and_code() {
    let app = TestApp::spawn().await;
    app.admin(34).await;
    let (id, user) = new_user(&app, "s.user").await;
    app.send_verification(&id).await.expect("sent");
    let old_token = app.link_token(&user.email).await;
    let old_code = app.sms_code(&user.phone).await;
    // Not twice within a minute …
    let refused = app.send_verification(&id).await.expect_err("too soon");
    assert!(refused["Refused"].as_str().expect("refused").starts_with("Запрос только что отправлен"), "{refused}");
    // … but after it.
    app.state.db.query("UPDATE verification SET created_at = time::now() - 61s").await.expect("age");
    app.send_verification(&id).await.expect("sent again");
    let new_token = app.link_token(&user.email).await;
    assert_ne!(old_token, new_token);
    assert_eq!(app.open_link(&old_token).await, Ok(VerifyView::Superseded));
    assert_eq!(app.enter_code(&old_token, &old_code).await, Ok(VerifyView::Superseded));
    let new_code = app.sms_code(&user.phone).await;
    assert!(matches!(app.open_link(&new_token).await, Ok(VerifyView::AskCode { .. })));
    assert_eq!(app.enter_code(&new_token, &new_code).await, Ok(VerifyView::Done { login: user.login.clone() }));
    // A verified account needs no new request.
    assert_eq!(
        app.send_verification(&id).await.expect_err("refused"),
        serde_json::json!({"Refused": "Контактные данные уже подтверждены"})
    );
}
