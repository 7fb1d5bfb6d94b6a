//! The account form's server functions: create, refuse with per-field
//! errors, unique logins (also under concurrency), the role rule, the
//! two-accounts password rule, role and organisation checks.

use app::api::types::{AccountStatus, UploadResult};
use app::domain::user_form::USER_FIELDS;
use app::domain::{Field, Role};

use crate::helpers::{TestApp, check_unique_logins, field_errors, message_for, pdf};

#[tokio::test]
async fn an_administrator_creates_an_account_with_status_new() {
    let app = TestApp::spawn().await;
    app.admin(1).await;
    let input = app.user_input("i.ivanov", vec![Role::Operator, Role::Controller]).await;
    let id = app.create_user(&input).await.expect("created");
    let rows = app.list_users().await.expect("list");
    let row = rows.iter().find(|r| r.id == id).expect("in the list");
    assert_eq!(row.status, AccountStatus::New);
    assert_eq!(row.full_name, "Иванов Иван Иванович");
    assert_eq!(row.roles, vec![Role::Operator, Role::Controller]);
    let details = app.get_user(&id).await.expect("details");
    assert_eq!(
        details.phone,
        format!("+7-916-{}", input.phone.chars().filter(char::is_ascii_digit).skip(4).collect::<String>())
    );
    assert!(details.must_change_password);
    assert_eq!(details.scan.map(|s| s.pages), Some(1));
    // The password is stored as an Argon2id hash, never as typed.
    let account = app::server::accounts::by_login(&app.state.db, "i.ivanov").await.expect("db").expect("account");
    assert!(account.password_hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
    assert!(!account.password_hash.contains(&input.password));
}

#[tokio::test]
async fn a_refused_form_names_every_field() {
    let app = TestApp::spawn().await;
    app.admin(2).await;
    let input = app::domain::user_form::UserInput { roles: vec![Role::Admin, Role::Manager], ..Default::default() };
    let errors = field_errors(&app.create_user(&input).await.expect_err("refused"));
    for field in USER_FIELDS.into_iter().filter(|f| *f != Field::Patronymic) {
        assert!(errors.for_field(field).is_some(), "{field:?} missing in {errors:?}");
    }
    assert!(message_for(&errors, Field::Roles).contains("не совмещается"));
    assert!(errors.for_field(Field::Patronymic).is_none());
}

#[tokio::test]
async fn server_only_rules_refuse_weak_and_common_passwords_and_foreign_uploads() {
    let app = TestApp::spawn().await;
    app.admin(3).await;
    let mut input = app.user_input("p.petrov", vec![Role::Operator]).await;
    input.password = "qwertyuiop123".into();
    input.password_repeat = input.password.clone();
    let errors = field_errors(&app.create_user(&input).await.expect_err("common"));
    assert_eq!(message_for(&errors, Field::Password), "Этот пароль есть в списке распространённых паролей");
    input.password = "aaaaaaaaaaaaaaaa".into();
    input.password_repeat = input.password.clone();
    let errors = field_errors(&app.create_user(&input).await.expect_err("weak"));
    assert!(message_for(&errors, Field::Password).contains("слишком простой"));
    // A scan id that is not this administrator's pending upload.
    input.password = "Снег-идёт-над-Волгой-7".into();
    input.password_repeat = input.password.clone();
    input.scan_upload = Some("aaaaaaaaaaaaaaaaaaaa".into());
    let errors = field_errors(&app.create_user(&input).await.expect_err("no upload"));
    assert!(message_for(&errors, Field::Scan).contains("не загружен"));
}

#[tokio::test]
async fn logins_are_unique_case_insensitively_and_concurrent_creates_have_one_winner() {
    let app = TestApp::spawn().await;
    let admin = app.admin(4).await;
    assert_eq!(app.login_available(&admin.login.to_uppercase()).await, Ok(false));
    assert_eq!(app.login_available("free.login").await, Ok(true));
    check_unique_logins(&app, &admin).await;
}

#[tokio::test]
async fn the_two_accounts_of_one_person_have_different_passwords() {
    let app = TestApp::spawn().await;
    let admin = app.admin(5).await;
    // The same person's operational account: same e-mail and phone, same
    // password as their administrator account — refused.
    let mut input = app.user_input("ops.petrova", vec![Role::Operator]).await;
    input.email = admin.email.clone();
    input.phone = admin.phone.clone();
    input.password = admin.password.clone();
    input.password_repeat = admin.password.clone();
    let errors = field_errors(&app.create_user(&input).await.expect_err("same password"));
    assert_eq!(
        message_for(&errors, Field::Password),
        "Пароль совпадает с паролем другой учётной записи этого сотрудника"
    );
    // An administrator of another organisation learns nothing about this
    // person's password from the rule.
    let other = TestApp { addr: app.addr, state: app.state.clone(), client: app.new_client() };
    other.admin(55).await;
    let mut probe = other.user_input("probe.petrova", vec![Role::Operator]).await;
    probe.email = admin.email.clone();
    probe.password = admin.password.clone();
    probe.password_repeat = admin.password.clone();
    other.create_user(&probe).await.expect("no password oracle across organisations");
    // Contact data may repeat: with another password it is created.
    input.password = "Другой-Пароль-Оператора-9".into();
    input.password_repeat = input.password.clone();
    app.create_user(&input).await.expect("created");
}

#[tokio::test]
async fn uploads_are_checked_on_the_server() {
    let app = TestApp::spawn().await;
    app.admin(6).await;
    assert!(matches!(app.upload(pdf("pdflatex-4-pages.pdf")).await, UploadResult::Ok(info) if info.pages == 4));
    assert_eq!(
        app.upload(pdf("libreoffice-writer-password.pdf")).await,
        UploadResult::Refused("PDF защищён паролем: загрузите файл без пароля".into())
    );
    match app.upload(pdf("GeoTopo-komprimiert.pdf")).await {
        UploadResult::Refused(e) => assert!(e.starts_with("Файл больше 1 МБ"), "{e}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        app.upload(b"GIF89a....".to_vec()).await,
        UploadResult::Refused("Это не PDF: допустимы только файлы PDF".into())
    );
    // Not signed in: no upload at all.
    let resp = app
        .new_client()
        .post(app.url("/files/scans"))
        .header("Origin", app.origin())
        .body(pdf("minimal-document.pdf"))
        .send()
        .await
        .expect("upload");
    assert_eq!(resp.status(), 401);
}

#[tokio::test]
async fn roles_and_organisations_are_checked_on_the_server() {
    let app = TestApp::spawn().await;
    app.admin(7).await;
    let input = app.user_input("ops.user", vec![Role::Operator]).await;
    let id = app.create_user(&input).await.expect("created");
    app.send_verification(&id).await.expect("sent");
    let ops = crate::helpers::Credentials::of(&input);
    app.confirm(&ops).await;

    // An operational user: signed in, own password — and no admin function.
    let ops_client = app.new_client();
    assert_eq!(app.login_with(&ops_client, &ops.login, &ops.password).await, Ok("/change-password".into()));
    assert_eq!(app.change_password(&ops_client, &ops.password, "Пароль-Оператора-Свой-1").await, Ok("/ops".into()));
    let refused = app.form_with::<serde_json::Value>(&ops_client, "admin/users", &[]).await.expect_err("forbidden");
    assert_eq!(refused, serde_json::json!("Forbidden"));
    let refused =
        app.form_with::<serde_json::Value>(&ops_client, "admin/user", &[("id", &id)]).await.expect_err("forbidden");
    assert_eq!(refused, serde_json::json!("Forbidden"));

    // An administrator of another organisation sees nothing of this one.
    let other = TestApp { addr: app.addr, state: app.state.clone(), client: app.new_client() };
    other.admin(8).await;
    assert_eq!(other.get_user(&id).await.expect_err("not found"), serde_json::json!("NotFound"));
    assert!(other.list_users().await.expect("list").iter().all(|r| r.id != id));
    let resp = other
        .client
        .get(app.url(&format!("/files/scans/{}", details_scan(&app, &id).await)))
        .send()
        .await
        .expect("scan");
    assert_eq!(resp.status(), 404);

    // Nobody signed in.
    let anon = app.new_client();
    assert_eq!(
        app.form_with::<serde_json::Value>(&anon, "admin/users", &[]).await.expect_err("anon"),
        serde_json::json!("Unauthorized")
    );

    // Pages: the 403 page for the other part, a redirect to /login without a session.
    let page = ops_client.get(app.url("/admin/users")).send().await.expect("page");
    assert_eq!(page.status(), 403);
    let body = page.text().await.expect("body");
    assert!(body.contains("Доступ запрещён"));
    // Nothing of the administrative part: not the other accounts' names.
    assert!(!body.contains("Петрова") && !body.contains("admin7"), "{body}");
    let page = anon.get(app.url("/admin")).header("Accept", "text/html").send().await.expect("page");
    assert!(page.status().is_redirection(), "{}", page.status());
    assert_eq!(page.headers().get("location").and_then(|v| v.to_str().ok()), Some("/login"));
}

async fn details_scan(app: &TestApp, id: &str) -> String {
    app.get_user(id).await.expect("details").scan.expect("scan").id
}

#[tokio::test]
async fn state_changing_requests_only_from_the_own_origin() {
    let app = TestApp::spawn().await;
    app.admin(9).await;
    for origin in [Some("http://evil.example"), None] {
        let mut req = app.client.post(app.url("/api/admin/users")).form(&[("x", "y")]);
        if let Some(o) = origin {
            req = req.header("Origin", o);
        }
        let resp = req.send().await.expect("request");
        assert_eq!(resp.status(), 403, "{origin:?}");
    }
}

#[tokio::test]
async fn scans_are_served_to_the_organisation_without_caching_and_each_opening_is_logged() {
    let app = TestApp::spawn().await;
    app.admin(10).await;
    let input = app.user_input("scan.owner", vec![Role::Operator]).await;
    let id = app.create_user(&input).await.expect("created");
    let scan = details_scan(&app, &id).await;
    let before = app::server::audit::count(&app.state.db, app::server::audit::Action::ScanOpened).await.expect("audit");
    let resp = app.client.get(app.url(&format!("/files/scans/{scan}"))).send().await.expect("scan");
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    assert_eq!(resp.headers().get("content-type").and_then(|v| v.to_str().ok()), Some("application/pdf"));
    assert_eq!(resp.bytes().await.expect("bytes").to_vec(), pdf("minimal-document.pdf"));
    let after = app::server::audit::count(&app.state.db, app::server::audit::Action::ScanOpened).await.expect("audit");
    assert_eq!(after, before + 1);
}

#[tokio::test]
async fn editing_contacts_of_a_verified_account_returns_it_to_new() {
    let app = TestApp::spawn().await;
    app.admin(11).await;
    let mut input = app.user_input("edit.me", vec![Role::Operator]).await;
    let id = app.create_user(&input).await.expect("created");
    app.send_verification(&id).await.expect("sent");
    let creds = crate::helpers::Credentials::of(&input);
    app.confirm(&creds).await;
    assert_eq!(app.get_user(&id).await.expect("details").status, AccountStatus::Verified);
    // Same data, empty password, no new file: nothing changes.
    input.password.clear();
    input.password_repeat.clear();
    input.scan_upload = None;
    app.update_user(&id, &input).await.expect("saved");
    assert_eq!(app.get_user(&id).await.expect("details").status, AccountStatus::Verified);
    // A new e-mail: back to «Новая» until confirmed.
    input.email = "new.address@example.ru".into();
    app.update_user(&id, &input).await.expect("saved");
    let details = app.get_user(&id).await.expect("details");
    assert_eq!(details.status, AccountStatus::New);
    assert_eq!(details.email, "new.address@example.ru");
}
