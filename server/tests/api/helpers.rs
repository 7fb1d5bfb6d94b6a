//! `TestApp`: the application on a random port over a fresh `mem://`
//! database, with one helper per server function and the outbox at hand.

use std::net::SocketAddr;
use std::path::PathBuf;

use app::api::types::{UploadResult, UserDetails, UserRow, VerifyView};
use app::domain::user_form::{OrgInput, UserInput};
use app::domain::{Field, FieldErrors, Role};
use app::server::config::Config;
use app::server::outbox::OutboxRow;
use app::server::state::AppState;
use app::server::users::ScanSource;
use app::server::{db, http, onboarding, outbox, scans};
use leptos::config::LeptosOptions;
use serde::Serialize;
use serde_json::Value;

pub fn testdata(name: &str) -> PathBuf {
    app::testdata::file(name)
}

pub fn pdf(name: &str) -> Vec<u8> {
    std::fs::read(testdata(&format!("pdf/{name}"))).expect("test PDF")
}

/// A server function's answer: the value, or the typed error.
pub type Answer<T> = Result<T, Value>;

pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    pub client: reqwest::Client,
}

pub struct Credentials {
    pub login: String,
    pub password: String,
    pub email: String,
    pub phone: String,
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(Config::for_tests()).await
    }

    pub async fn spawn_with(mut config: Config) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        config.addr = addr;
        config.public_url = format!("http://{addr}");
        let db = db::connect(&config).await.expect("database");
        let options = LeptosOptions::builder().output_name("izkt").site_root("target/site").build();
        let state = AppState::new(db, config, options);
        let router = http::router(state.clone());
        tokio::spawn(async move {
            axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.expect("serve");
        });
        Self { addr, state, client: client() }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A second browser: its own cookies.
    pub fn new_client(&self) -> reqwest::Client {
        client()
    }

    /// Calls a JSON-encoded server function as the browser does (same
    /// origin) with this client's cookies.
    pub async fn call_with<T: serde::de::DeserializeOwned>(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        body: &impl Serialize,
    ) -> Answer<T> {
        answer(endpoint, self.server_fn(client, endpoint).json(body)).await
    }

    /// Calls a URL-encoded server function (the default encoding).
    pub async fn form_with<T: serde::de::DeserializeOwned>(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> Answer<T> {
        answer(endpoint, self.server_fn(client, endpoint).form(form)).await
    }

    fn server_fn(&self, client: &reqwest::Client, endpoint: &str) -> reqwest::RequestBuilder {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("Origin", self.origin())
            .header("Accept", "application/json")
    }

    pub async fn call<T: serde::de::DeserializeOwned>(&self, endpoint: &str, body: &impl Serialize) -> Answer<T> {
        self.call_with(&self.client, endpoint, body).await
    }

    pub async fn form<T: serde::de::DeserializeOwned>(&self, endpoint: &str, form: &[(&str, &str)]) -> Answer<T> {
        self.form_with(&self.client, endpoint, form).await
    }

    // One helper per server function.

    pub async fn login_with(&self, client: &reqwest::Client, login: &str, password: &str) -> Answer<String> {
        self.form_with(client, "login", &[("login", login), ("password", password)]).await
    }

    pub async fn login(&self, login: &str, password: &str) -> Answer<String> {
        self.login_with(&self.client, login, password).await
    }

    pub async fn change_password(&self, client: &reqwest::Client, current: &str, new: &str) -> Answer<String> {
        self.call_with(
            client,
            "change_password",
            &serde_json::json!({ "current": current, "password": new, "password_repeat": new }),
        )
        .await
    }

    pub async fn create_user(&self, input: &UserInput) -> Answer<String> {
        self.call("admin/users/create", &serde_json::json!({ "input": input })).await
    }

    pub async fn update_user(&self, id: &str, input: &UserInput) -> Answer<()> {
        self.call("admin/users/update", &serde_json::json!({ "id": id, "input": input })).await
    }

    pub async fn list_users(&self) -> Answer<Vec<UserRow>> {
        self.form("admin/users", &[]).await
    }

    pub async fn get_user(&self, id: &str) -> Answer<UserDetails> {
        self.form("admin/user", &[("id", id)]).await
    }

    pub async fn send_verification(&self, id: &str) -> Answer<UserDetails> {
        self.form("admin/users/verify", &[("id", id)]).await
    }

    pub async fn login_available(&self, login: &str) -> Answer<bool> {
        self.call("login_available", &serde_json::json!({ "login": login, "except": null, "setup_token": null })).await
    }

    pub async fn open_link(&self, token: &str) -> Answer<VerifyView> {
        self.form_with(&self.new_client(), "verify/open", &[("token", token)]).await
    }

    pub async fn enter_code(&self, token: &str, code: &str) -> Answer<VerifyView> {
        self.form_with(&self.new_client(), "verify/code", &[("token", token), ("code", code)]).await
    }

    pub async fn resend_code(&self, token: &str) -> Answer<VerifyView> {
        self.form_with(&self.new_client(), "verify/resend", &[("token", token)]).await
    }

    /// Uploads a scan as the signed-in administrator.
    pub async fn upload(&self, bytes: Vec<u8>) -> UploadResult {
        let resp = self
            .client
            .post(self.url("/files/scans"))
            .header("Origin", self.origin())
            .header("Content-Type", "application/pdf")
            .body(bytes)
            .send()
            .await
            .expect("upload");
        assert!(resp.status().is_success(), "upload status {}", resp.status());
        resp.json().await.expect("upload answer")
    }

    pub async fn upload_ok(&self, bytes: Vec<u8>) -> String {
        match self.upload(bytes).await {
            UploadResult::Ok(info) => info.id,
            UploadResult::Refused(e) => panic!("upload refused: {e}"),
        }
    }

    pub async fn outbox(&self) -> Vec<OutboxRow> {
        outbox::list(&self.state).await.expect("outbox")
    }

    /// The token of the newest confirmation link sent to `email`.
    pub async fn link_token(&self, email: &str) -> String {
        let mail = self.outbox().await.into_iter().rfind(|m| m.channel == "email" && m.to == email).expect("e-mail");
        let link = mail.text.split_whitespace().find(|w| w.contains("/verify/")).expect("link");
        link.rsplit('/').next().expect("token").to_string()
    }

    /// The newest code sent to `phone` (E.164).
    pub async fn sms_code(&self, phone: &str) -> String {
        let sms = self.outbox().await.into_iter().rfind(|m| m.channel == "sms" && m.to == phone).expect("sms");
        sms.text.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).expect("code").to_string()
    }

    /// Connects an organisation as support does, with its first
    /// administrator (status «Новая», temporary password).
    pub async fn onboard(&self, n: u32) -> Credentials {
        let creds = Credentials {
            login: format!("admin{n}"),
            password: format!("Временный-Ключ-Админа-{n}"),
            email: format!("admin{n}@example.ru"),
            phone: format!("+7912000{n:04}"),
        };
        let org = OrgInput {
            full_name: format!("Общество с ограниченной ответственностью «Проверка {n}»"),
            short_name: format!("ООО «Проверка {n}»"),
            inn: inn(n),
            kpp: "773601001".into(),
            ogrn: "1027700132195".into(),
            address: "117997, г. Москва, ул. Вавилова, д. 19".into(),
            time_zone: String::new(),
            contact_surname: "Петрова".into(),
            contact_name: "Анна".into(),
            contact_patronymic: String::new(),
            contact_email: creds.email.clone(),
            contact_phone: creds.phone.clone(),
        };
        let scan = app::domain::pdf_scan::PdfScan::parse(pdf("minimal-document.pdf")).expect("pdf");
        let scan_id = scans::store(&self.state.db, &scan, None).await.expect("scan");
        let admin = UserInput {
            login: creds.login.clone(),
            email: creds.email.clone(),
            password: creds.password.clone(),
            password_repeat: creds.password.clone(),
            roles: vec![Role::Admin],
            surname: "Петрова".into(),
            name: "Анна".into(),
            patronymic: String::new(),
            birth_date: "10.11.1980".into(),
            passport_number: "4510 123456".into(),
            passport_issuer: "ГУ МВД России по г. Москве".into(),
            passport_issued: "15.11.2000".into(),
            position: "Начальник отдела".into(),
            phone: creds.phone.clone(),
            scan_upload: Some(app::server::key_of(&scan_id)),
            remove_scan: false,
        };
        onboarding::connect_organisation(&self.state, &org, &admin, ScanSource::Stored(scan_id))
            .await
            .map_err(|e| e.to_string())
            .expect("onboarding");
        creds
    }

    /// Confirms the contacts of an account by its link and code.
    pub async fn confirm(&self, creds: &Credentials) {
        let token = self.link_token(&creds.email).await;
        assert!(matches!(self.open_link(&token).await, Ok(VerifyView::AskCode { .. })));
        let code = self.sms_code(&creds.phone).await;
        assert!(matches!(self.enter_code(&token, &code).await, Ok(VerifyView::Done { .. })));
    }

    /// A verified administrator with their own password, signed in on
    /// `self.client`.
    pub async fn admin(&self, n: u32) -> Credentials {
        let mut creds = self.onboard(n).await;
        self.confirm(&creds).await;
        assert_eq!(self.login(&creds.login, &creds.password).await, Ok("/change-password".to_string()));
        let own = format!("Собственный-Пароль-Админа-{n}");
        assert_eq!(self.change_password(&self.client, &creds.password, &own).await, Ok("/admin".to_string()));
        creds.password = own;
        creds
    }

    /// A valid form for a new account (with a scan uploaded by the
    /// signed-in administrator).
    pub async fn user_input(&self, login: &str, roles: Vec<Role>) -> UserInput {
        let scan = self.upload_ok(pdf("minimal-document.pdf")).await;
        // A password of its own for each login, not containing it.
        let password = format!("Временный-Пароль-{}-7", login.chars().rev().collect::<String>());
        UserInput {
            login: login.into(),
            email: format!("{login}@example.ru"),
            password: password.clone(),
            password_repeat: password,
            roles,
            surname: "Иванов".into(),
            name: "Иван".into(),
            patronymic: "Иванович".into(),
            birth_date: "10.11.1980".into(),
            passport_number: "4510 123456".into(),
            passport_issuer: "ГУ МВД России по г. Москве".into(),
            passport_issued: "15.11.2000".into(),
            position: "Оператор".into(),
            phone: format!("+7 916 {:03} {:02} {:02}", login.len() * 7 % 1000, login.len() % 100, 42),
            scan_upload: Some(scan),
            remove_scan: false,
        }
    }
}

/// Sends a server function request; its value, or the typed error.
async fn answer<T: serde::de::DeserializeOwned>(endpoint: &str, request: reqwest::RequestBuilder) -> Answer<T> {
    let resp = request.send().await.expect("request");
    let status = resp.status();
    let text = resp.text().await.expect("body");
    let value: Value =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("{endpoint}: not JSON ({status}): {text}"));
    if status.is_success() {
        Ok(serde_json::from_value(value).unwrap_or_else(|e| panic!("{endpoint}: {e}: {text}")))
    } else {
        Err(value)
    }
}

/// A free local TCP port.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

/// A process the test started (a server), killed when the test is done.
pub struct Process(pub std::process::Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits (up to 30 s) until `what` listens on `port` on loopback.
pub async fn wait_for_port(port: u16, what: &str) {
    for _ in 0..300 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{what} did not listen on {port}");
}

/// Logins are unique case-insensitively, also for two saves of the same
/// login at once: exactly one wins, the other gets «Логин занят» on the
/// field (from the unique index).
pub async fn check_unique_logins(app: &TestApp, admin: &Credentials) {
    let mut taken = app.user_input("x", vec![Role::Operator]).await;
    taken.login = admin.login.to_uppercase();
    let errors = field_errors(&app.create_user(&taken).await.expect_err("taken"));
    assert_eq!(message_for(&errors, Field::Login), "Логин занят");

    let a = app.user_input("same.login", vec![Role::Operator]).await;
    let mut b = app.user_input("same.login", vec![Role::Manager]).await;
    b.login = "Same.Login".into();
    b.email = "other@example.ru".into();
    b.phone = "+7 999 111-22-33".into();
    let (ra, rb) = tokio::join!(app.create_user(&a), app.create_user(&b));
    let results = [ra, rb];
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
    let loser = results.iter().find_map(|r| r.as_ref().err()).expect("one refused");
    assert_eq!(message_for(&field_errors(loser), Field::Login), "Логин занят");
    let n = app.list_users().await.expect("list").iter().filter(|r| r.login.eq_ignore_ascii_case("same.login")).count();
    assert_eq!(n, 1);
}

impl Credentials {
    /// The credentials of an account created from this form.
    pub fn of(input: &UserInput) -> Self {
        Self {
            login: input.login.clone(),
            password: input.password.clone(),
            email: input.email.clone(),
            phone: app::domain::MobilePhone::parse(&input.phone).expect("phone").e164().to_string(),
        }
    }
}

/// A valid 10-digit ИНН made from `n`.
pub fn inn(n: u32) -> String {
    let body = format!("{:09}", 770_000_000 + n);
    let w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    let sum: u32 = body.chars().zip(w).map(|(c, w)| c.to_digit(10).unwrap_or(0) * w).sum();
    format!("{body}{}", sum % 11 % 10)
}

/// The per-field errors of a refusal.
pub fn field_errors(answer: &Value) -> FieldErrors {
    serde_json::from_value(answer.get("Invalid").cloned().unwrap_or_else(|| panic!("not Invalid: {answer}")))
        .expect("field errors")
}

pub fn message_for(errors: &FieldErrors, field: app::domain::Field) -> String {
    errors.for_field(field).unwrap_or_else(|| panic!("no error for {field:?} in {errors:?}")).to_string()
}
