//! Delivery: e-mail over SMTP to a real SMTP server (Python's aiosmtpd,
//! installed by `make test` into .tools/venv), SMS as an HTTP POST to a
//! gateway; a failed delivery is shown and retried, nothing is lost.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::Duration;

use app::api::types::{DeliveryState, UserDetails};
use app::domain::Role;
use app::server::config::Config;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use tokio::sync::Mutex;

use crate::helpers::{Process, TestApp, free_port, wait_for_port};

struct SmtpServer {
    _process: Process,
    maildir: PathBuf,
    port: u16,
}

fn python() -> PathBuf {
    std::env::var_os("IZKT_TEST_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.tools/venv/bin/python"))
}

async fn start_smtp() -> SmtpServer {
    let port = free_port();
    let maildir = std::env::temp_dir().join(format!("izkt-maildir-{port}"));
    let _ = std::fs::remove_dir_all(&maildir);
    let child = Command::new(python())
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
        .arg(&maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("aiosmtpd could not start with {} ({e}); run `make test-tools`", python().display())
        });
    let server = SmtpServer { _process: Process(child), maildir, port };
    wait_for_port(port, "aiosmtpd").await;
    server
}

fn mails(dir: &std::path::Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir.join("new")) else {
        return Vec::new();
    };
    entries.filter_map(|e| e.ok()).filter_map(|e| std::fs::read_to_string(e.path()).ok()).collect()
}

#[tokio::test]
async fn e_mail_goes_over_smtp_and_stays_in_the_outbox() {
    let smtp = start_smtp().await;
    let mut config = Config::for_tests();
    config.smtp_url = Some(format!("smtp://127.0.0.1:{}", smtp.port));
    let app = TestApp::spawn_with(config).await;
    let admin = app.onboard(40).await;
    let token = app.link_token(&admin.email).await;
    let mut received = Vec::new();
    for _ in 0..50 {
        received = mails(&smtp.maildir);
        if !received.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(received.len(), 1, "one e-mail delivered");
    let mail = &received[0];
    assert!(mail.contains(&format!("To: {}", admin.email)), "{mail}");
    assert!(mail.contains("Content-Transfer-Encoding: base64"), "{mail}");
    let body: String = mail.split_once("\n\n").map(|(_, b)| b).unwrap_or_default().split_whitespace().collect();
    use base64::Engine;
    let body =
        String::from_utf8(base64::engine::general_purpose::STANDARD.decode(body).expect("base64 body")).expect("UTF-8");
    assert!(body.contains(&format!("/verify/{token}")), "{body}");
    assert!(body.contains("Здравствуйте, Анна!"), "{body}");
    let rows = app.outbox().await;
    let email = rows.iter().find(|r| r.channel == "email").expect("outbox row");
    assert_eq!(email.status, "sent");
    // SMS has no gateway here: it stays in the outbox only.
    assert_eq!(rows.iter().find(|r| r.channel == "sms").expect("sms").status, "stored");
}

/// What the gateway was sent: the `Authorization` header and the body.
type Received = Vec<(Option<String>, serde_json::Value)>;

#[derive(Clone, Default)]
struct Gateway {
    status: Arc<AtomicU16>,
    received: Arc<Mutex<Received>>,
}

async fn gateway_handler(
    State(gw): State<Gateway>,
    headers: HeaderMap,
    Json(body): Json<serde_json::Value>,
) -> StatusCode {
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok()).map(str::to_string);
    gw.received.lock().await.push((auth, body));
    StatusCode::from_u16(gw.status.load(Ordering::SeqCst)).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

async fn start_gateway() -> (Gateway, SocketAddr) {
    let gw = Gateway::default();
    gw.status.store(503, Ordering::SeqCst);
    let router = axum::Router::new().route("/sms", axum::routing::post(gateway_handler)).with_state(gw.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, router).await });
    (gw, addr)
}

fn sms_state(d: &UserDetails) -> (String, DeliveryState) {
    let sms = d.verification.as_ref().and_then(|v| v.sms.clone()).expect("sms delivery");
    (sms.message_id, sms.state)
}

#[tokio::test]
async fn sms_goes_to_the_gateway_and_a_failure_is_shown_and_retried() {
    let (gw, gw_addr) = start_gateway().await;
    let mut config = Config::for_tests();
    config.sms_url = Some(format!("http://{gw_addr}/sms"));
    config.sms_token = Some("secret-token".into());
    let app = TestApp::spawn_with(config).await;
    // The first administrator's SMS fails (gateway answers 503) …
    let admin = app.onboard(41).await;
    let rows = app.outbox().await;
    let sms = rows.iter().find(|r| r.channel == "sms").expect("sms");
    assert_eq!(sms.status, "failed");
    assert_eq!(sms.last_error.as_deref(), Some("SMS gateway: HTTP 503"));
    // … but nothing is lost: the code is in the outbox. Let the gateway work.
    gw.status.store(200, Ordering::SeqCst);
    app.confirm(&admin).await;
    app.login(&admin.login, &admin.password).await.expect("login");
    app.change_password(&app.client, &admin.password, "Собственный-Пароль-41").await.expect("changed");

    let input = app.user_input("sms.user", vec![Role::Operator]).await;
    let id = app.create_user(&input).await.expect("created");
    gw.status.store(500, Ordering::SeqCst);
    let details = app.send_verification(&id).await.expect("sent");
    let (message, state) = sms_state(&details);
    assert!(matches!(state, DeliveryState::Failed { .. }), "{state:?}");
    gw.status.store(200, Ordering::SeqCst);
    let details: UserDetails = app
        .form("admin/users/retry_delivery", &[("id", id.as_str()), ("message", message.as_str())])
        .await
        .expect("retried");
    assert_eq!(sms_state(&details).1, DeliveryState::Sent);

    let received = gw.received.lock().await;
    let (auth, body) = received.last().expect("a request");
    assert_eq!(auth.as_deref(), Some("Bearer secret-token"));
    assert_eq!(body["to"], serde_json::json!(app::domain::MobilePhone::parse(&input.phone).expect("phone").e164()));
    assert!(body["text"].as_str().expect("text").contains("код подтверждения"));
}
