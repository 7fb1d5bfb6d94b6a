//! The support CLI: the questionnaire, the outbox, the hand-over to a
//! running server over its socket, and durability of acknowledged writes
//! when the server is killed with `kill -9`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::{Process, free_port};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A fresh data directory for one test.
fn data_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("izkt-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("data dir");
    dir
}

fn izkt(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_izkt"))
        .args(args)
        .current_dir(root())
        .env("IZKT_DB", format!("surrealkv://{}", data.join("db").display()))
        .env_remove("IZKT_SOCKET")
        .output()
        .expect("izkt runs")
}

fn text(out: &Output) -> (String, String) {
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The example questionnaire with another ИНН and login, written next to
/// the example PDF.
fn questionnaire(dir: &Path, inn: &str, login: &str) -> PathBuf {
    let example = std::fs::read_to_string(root().join("examples/questionnaire.toml")).expect("example");
    let text = example
        .replace("inn = \"7707083893\"", &format!("inn = \"{inn}\""))
        .replace("login = \"a.petrova\"", &format!("login = \"{login}\""))
        .replace(
            "passport_scan = \"example-passport.pdf\"",
            &format!("passport_scan = \"{}\"", root().join("examples/example-passport.pdf").display()),
        );
    let path = dir.join(format!("{login}.toml"));
    std::fs::write(&path, text).expect("questionnaire");
    path
}

#[test]
fn org_create_from_the_example_questionnaire_and_the_outbox() {
    let data = data_dir("example");
    let out = izkt(&data, &["org", "create", "--questionnaire", "examples/questionnaire.toml"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("ООО «Тахограф-Сервис»") && stdout.contains("a.petrova"), "{stdout}");

    let out = izkt(&data, &["outbox", "--json"]);
    let (stdout, _) = text(&out);
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(lines.len(), 2);
    let email = lines.iter().find(|l| l["channel"] == "email").expect("email");
    assert_eq!(email["to"], "petrova@example.ru");
    assert_eq!(email["subject"], "ИЗКТ: подтвердите контактные данные");
    assert!(email["text"].as_str().expect("text").contains("/verify/"));
    assert!(email["created_at"].as_str().expect("created_at").ends_with('Z'));
    let sms = lines.iter().find(|l| l["channel"] == "sms").expect("sms");
    assert_eq!(sms["to"], "+79120001122");
    assert!(sms.get("subject").is_none());

    // Support can send the first administrator a new request.
    let out = izkt(&data, &["verification", "send", "--login", "a.petrova"]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert_eq!(text(&izkt(&data, &["outbox", "--json"])).0.lines().count(), 4);

    // The same ИНН again is refused, naming the field.
    let out = izkt(&data, &["org", "create", "--questionnaire", "examples/questionnaire.toml"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("organisation.inn") && stderr.contains("уже подключена"), "{stderr}");
}

#[test]
fn org_create_names_every_bad_field() {
    let data = data_dir("bad");
    let example = std::fs::read_to_string(root().join("examples/questionnaire.toml")).expect("example");
    let bad = example
        .replace("inn = \"7707083893\"", "inn = \"7707083894\"")
        .replace("birth_date = \"10.11.1980\"", "birth_date = \"31.02.1980\"")
        .replace(
            "surname = \"Петрова\"\nname = \"Анна\"\npatronymic = \"Сергеевна\"\nbirth_date",
            "surname = \"Петрoва\"\nname = \"Анна\"\npatronymic = \"Сергеевна\"\nbirth_date",
        )
        .replace(
            "passport_scan = \"example-passport.pdf\"",
            &format!("passport_scan = \"{}\"", root().join("examples/example-passport.pdf").display()),
        );
    let path = data.join("bad.toml");
    std::fs::write(&path, bad).expect("write");
    let out = izkt(&data, &["org", "create", "--questionnaire", path.to_str().expect("path")]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for key in ["organisation.inn", "administrator.birth_date", "administrator.surname"] {
        assert!(stderr.contains(key), "{key} in {stderr}");
    }
    assert!(stderr.contains("Латинская буква «o»"), "{stderr}");

    // A password-protected scan is refused.
    let enc = app::testdata::file("pdf/libreoffice-writer-password.pdf");
    let example = std::fs::read_to_string(root().join("examples/questionnaire.toml")).expect("example");
    std::fs::write(
        &path,
        example.replace("passport_scan = \"example-passport.pdf\"", &format!("passport_scan = \"{}\"", enc.display())),
    )
    .expect("write");
    let (_, stderr) = text(&izkt(&data, &["org", "create", "--questionnaire", path.to_str().expect("path")]));
    assert!(stderr.contains("administrator.passport_scan") && stderr.contains("защищён паролем"), "{stderr}");

    // Syntax errors and unknown keys are reported with the file name.
    std::fs::write(&path, "[organisation\n").expect("write");
    let out = izkt(&data, &["org", "create", "--questionnaire", path.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("bad.toml"));
}

fn start_server(data: &Path) -> Process {
    let child = Command::new(env!("CARGO_BIN_EXE_izkt"))
        .arg("serve")
        .current_dir(root())
        .env("IZKT_DB", format!("surrealkv://{}", data.join("db").display()))
        .env("IZKT_ADDR", format!("127.0.0.1:{}", free_port()))
        .env_remove("IZKT_SOCKET")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    let socket = data.join("izkt.sock");
    let start = Instant::now();
    while !socket.exists() {
        assert!(start.elapsed() < Duration::from_secs(30), "server did not open its socket");
        std::thread::sleep(Duration::from_millis(50));
    }
    Process(child)
}

#[test]
fn with_the_server_running_the_cli_hands_commands_over_its_socket() {
    use std::os::unix::fs::PermissionsExt;
    let data = data_dir("socket");
    let mut server = start_server(&data);
    let mode = std::fs::metadata(data.join("izkt.sock")).expect("socket").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // The embedded database is locked by the server: success means the
    // command ran inside the server.
    let q = questionnaire(&data, "7707329152", "socket.admin");
    let out = izkt(&data, &["org", "create", "--questionnaire", q.to_str().expect("path")]);
    assert!(out.status.success(), "{:?}", text(&out));
    let out = izkt(&data, &["outbox"]);
    assert!(text(&out).0.contains("ИЗКТ: подтвердите контактные данные"));
    // A clean stop removes the socket; then the CLI opens the database itself.
    let _ = Command::new("kill").arg("-TERM").arg(server.0.id().to_string()).status();
    let _ = server.0.wait();
    assert!(!data.join("izkt.sock").exists());
    let out = izkt(&data, &["outbox", "--json"]);
    assert_eq!(text(&out).0.lines().count(), 2, "{:?}", text(&out));
}

#[test]
fn acknowledged_writes_survive_kill_9() {
    let data = data_dir("durable");
    let server = start_server(&data);
    let pid = server.0.id();
    // Writers publish messages through the running server; each one the
    // CLI reports as published is acknowledged. The server is killed with
    // SIGKILL while they write.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let data = data.clone();
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut acknowledged = Vec::new();
                for i in 0.. {
                    if stop.load(std::sync::atomic::Ordering::SeqCst) {
                        break;
                    }
                    let text = format!("durability {w}-{i}");
                    let out = izkt(&data, &["message", "publish", &text]);
                    if !out.status.success() {
                        break;
                    }
                    acknowledged.push(text);
                }
                acknowledged
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(2500));
    // Writes in flight when the server dies either were acknowledged by it,
    // or fail, or (the socket gone) are written by the CLI itself.
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let killed = Command::new("kill").arg("-KILL").arg(pid.to_string()).status().expect("kill");
    assert!(killed.success());
    drop(server);
    let acknowledged: Vec<String> = writers.into_iter().flat_map(|w| w.join().expect("writer")).collect();
    assert!(acknowledged.len() >= 10, "only {} writes before the kill", acknowledged.len());
    // Reopen the database (the socket is stale: the CLI opens it itself).
    let out = izkt(&data, &["message", "list", "--json"]);
    assert!(out.status.success(), "{:?}", text(&out));
    let stored: Vec<String> = text(&out)
        .0
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON")["text"].as_str().expect("text").to_string()
        })
        .collect();
    let lost: Vec<&String> = acknowledged.iter().filter(|t| !stored.contains(t)).collect();
    assert!(lost.is_empty(), "{} of {} acknowledged writes lost: {lost:?}", lost.len(), acknowledged.len());
}
