//! `IZKT_DB=ws://host:port`: the application and the support CLI on a real
//! SurrealDB server (SurrealDB's own server, built by `make test-tools`, which
//! passes its path in `IZKT_TEST_SURREAL`), unchanged: schema, unique logins, verification, login,
//! and a restart that finds everything in place.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use app::api::types::AccountStatus;
use app::domain::Role;
use app::server::config::Config;
use app::server::db;

use crate::helpers::{Credentials, Process, TestApp, check_unique_logins, free_port, wait_for_port};

struct SurrealServer {
    _process: Process,
    url: String,
}

fn surreal() -> PathBuf {
    std::env::var_os("IZKT_TEST_SURREAL")
        .map(PathBuf::from)
        .expect("IZKT_TEST_SURREAL names SurrealDB's server binary; run the tests with `make test-rust`")
}

async fn start_surreal() -> SurrealServer {
    let port = free_port();
    let child = Command::new(surreal())
        .args(["start", "--user", "root", "--pass", "root", "--bind", &format!("127.0.0.1:{port}"), "memory"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("SurrealDB server {} could not start ({e}); run `make test-tools`", surreal().display())
        });
    let server = SurrealServer { _process: Process(child), url: format!("ws://127.0.0.1:{port}") };
    wait_for_port(port, "SurrealDB server").await;
    server
}

fn config(server: &SurrealServer) -> Config {
    Config {
        db_url: server.url.clone(),
        db_user: Some("root".into()),
        db_pass: Some("root".into()),
        ..Config::for_tests()
    }
}

fn izkt(server: &SurrealServer, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_izkt"))
        .args(args)
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".."))
        .env("IZKT_DB", &server.url)
        .env("IZKT_DB_USER", "root")
        .env("IZKT_DB_PASS", "root")
        .env_remove("IZKT_SOCKET")
        .output()
        .expect("izkt runs")
}

#[tokio::test]
async fn the_application_and_the_cli_work_unchanged_on_a_surrealdb_server() {
    let server = start_surreal().await;

    // Support connects an organisation from the command line: with a server
    // URL the CLI simply connects (no hand-over socket).
    let out = izkt(&server, &["org", "create", "--questionnaire", "examples/questionnaire.toml"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = izkt(&server, &["outbox", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);

    // The application on the same database: the CLI's organisation is there,
    // and a second one goes through the whole flow.
    let app = TestApp::spawn_with(config(&server)).await;
    assert_eq!(db::schema_version(&app.state.db).await.expect("version"), db::latest_version());
    assert!(app.outbox().await.iter().any(|m| m.to == "petrova@example.ru"));
    let admin = app.admin(60).await;

    let input = app.user_input("ws.user", vec![Role::Operator]).await;
    let id = app.create_user(&input).await.expect("created");
    assert_eq!(app.get_user(&id).await.expect("details").status, AccountStatus::New);

    // The unique index on the normalised login holds on the server too,
    // also for two saves at once.
    check_unique_logins(&app, &admin).await;

    // Verification and the user's first login.
    app.send_verification(&id).await.expect("sent");
    let user = Credentials::of(&input);
    app.confirm(&user).await;
    assert_eq!(app.get_user(&id).await.expect("details").status, AccountStatus::Verified);
    let phone = app.new_client();
    assert_eq!(app.login_with(&phone, &user.login, &user.password).await, Ok("/change-password".to_string()));

    // A restart of the application finds everything in place and does not
    // migrate again.
    drop(app);
    let app = TestApp::spawn_with(config(&server)).await;
    assert_eq!(db::schema_version(&app.state.db).await.expect("version"), db::latest_version());
    assert_eq!(app.login(&admin.login, &admin.password).await, Ok("/admin".to_string()));
    let logins: Vec<String> = app.list_users().await.expect("list").into_iter().map(|r| r.login).collect();
    assert!(logins.contains(&"ws.user".to_string()) && logins.contains(&admin.login), "{logins:?}");
}
