//! The support commands (`izkt org create`, `izkt outbox`, `izkt message …`)
//! and the local channel over which the CLI hands them to a running server.
//!
//! An embedded database can be opened by one process only. When the server
//! runs, it listens on a Unix socket (mode 0600) next to its data; the CLI
//! sends the command there. When it does not, the CLI opens the database and
//! runs the command itself. Either way the same `run` does the work.

use std::path::Path;

use base64::Engine;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{UnixListener, UnixStream};

use super::onboarding::{self, OnboardingError};
use super::outbox::{self, OutboxJson};
use super::state::AppState;
use super::users::ScanSource;
use super::{format_datetime, messages, orgs, scans};
use crate::domain::password::strength;
use crate::domain::pdf_scan::PdfScan;
use crate::domain::user_form::{OrgInput, UserInput};
use crate::domain::{Field, Role};

/// The connection questionnaire (анкета на подключение) as a TOML file. See
/// `examples/questionnaire.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    pub organisation: QOrganisation,
    pub administrator: QAdministrator,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QOrganisation {
    pub full_name: String,
    pub short_name: String,
    pub inn: String,
    pub kpp: String,
    pub ogrn: String,
    pub address: String,
    #[serde(default)]
    pub time_zone: String,
    pub responsible: QResponsible,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QResponsible {
    pub surname: String,
    pub name: String,
    #[serde(default)]
    pub patronymic: String,
    pub email: String,
    pub phone: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QAdministrator {
    pub login: String,
    pub email: String,
    /// The temporary password; generated and printed when left out.
    #[serde(default)]
    pub password: Option<String>,
    pub surname: String,
    pub name: String,
    #[serde(default)]
    pub patronymic: String,
    pub birth_date: String,
    pub passport_number: String,
    pub passport_issuer: String,
    pub passport_issued: String,
    pub position: String,
    pub phone: String,
    /// Path of the PDF scan, relative to the questionnaire file.
    pub passport_scan: String,
}

impl Questionnaire {
    pub fn parse(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    pub fn org_input(&self) -> OrgInput {
        let o = &self.organisation;
        OrgInput {
            full_name: o.full_name.clone(),
            short_name: o.short_name.clone(),
            inn: o.inn.clone(),
            kpp: o.kpp.clone(),
            ogrn: o.ogrn.clone(),
            address: o.address.clone(),
            time_zone: o.time_zone.clone(),
            contact_surname: o.responsible.surname.clone(),
            contact_name: o.responsible.name.clone(),
            contact_patronymic: o.responsible.patronymic.clone(),
            contact_email: o.responsible.email.clone(),
            contact_phone: o.responsible.phone.clone(),
        }
    }

    pub fn admin_input(&self, password: &str, scan_key: &str) -> UserInput {
        let a = &self.administrator;
        UserInput {
            login: a.login.clone(),
            email: a.email.clone(),
            password: password.to_string(),
            password_repeat: password.to_string(),
            roles: vec![Role::Admin],
            surname: a.surname.clone(),
            name: a.name.clone(),
            patronymic: a.patronymic.clone(),
            birth_date: a.birth_date.clone(),
            passport_number: a.passport_number.clone(),
            passport_issuer: a.passport_issuer.clone(),
            passport_issued: a.passport_issued.clone(),
            position: a.position.clone(),
            phone: a.phone.clone(),
            scan_upload: Some(scan_key.to_string()),
            remove_scan: false,
        }
    }
}

/// A command of the support CLI, as it travels over the socket.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Command {
    OrgCreate {
        questionnaire: Box<Questionnaire>,
        /// The scan file's bytes (base64), or why it could not be read.
        scan: Result<String, String>,
    },
    Outbox {
        json: bool,
    },
    MessagePublish {
        text: String,
        org_inn: Option<String>,
    },
    MessageList {
        json: bool,
    },
    /// A new verification request to an account's contacts (when the first
    /// administrator's link expired, say).
    VerificationSend {
        login: String,
    },
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Output {
    fn ok(stdout: String) -> Self {
        Self { stdout, stderr: String::new(), code: 0 }
    }

    fn fail(stderr: String) -> Self {
        Self { stdout: String::new(), stderr, code: 1 }
    }
}

/// A strong random temporary password (16 characters without look-alikes).
pub fn temporary_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    loop {
        let p: String = (0..16).map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())])).collect();
        if strength::score(&p, &[]) >= 3 && p.chars().any(|c| c.is_ascii_digit()) {
            return p;
        }
    }
}

pub async fn run(state: &AppState, command: Command) -> Output {
    match command {
        Command::OrgCreate { questionnaire, scan } => org_create(state, questionnaire, scan).await,
        Command::Outbox { json } => outbox_list(state, json).await,
        Command::MessagePublish { text, org_inn } => message_publish(state, &text, org_inn.as_deref()).await,
        Command::MessageList { json } => message_list(state, json).await,
        Command::VerificationSend { login } => verification_send(state, &login).await,
    }
}

fn field_line(field: Field, message: &str) -> String {
    format!("  {} ({}): {}\n", field.questionnaire_key(), field.label(), message)
}

async fn org_create(state: &AppState, q: Box<Questionnaire>, scan: Result<String, String>) -> Output {
    let scan_bytes = scan.and_then(|b64| {
        base64::engine::general_purpose::STANDARD.decode(b64).map_err(|e| format!("файл не прочитан: {e}"))
    });
    let checked = scan_bytes.map(|bytes| PdfScan::parse(bytes).map_err(|e| e.to_string())).and_then(|r| r);
    let scan = match checked {
        Ok(scan) => scan,
        Err(message) => return Output::fail(format!("Анкета не принята:\n{}", field_line(Field::Scan, &message))),
    };
    let scan_id = match scans::store(&state.db, &scan, None).await {
        Ok(id) => id,
        Err(e) => return Output::fail(format!("Ошибка базы данных: {e}\n")),
    };
    let generated = q.administrator.password.is_none();
    let password = q.administrator.password.clone().unwrap_or_else(temporary_password);
    let admin_input = q.admin_input(&password, &super::key_of(&scan_id));
    match onboarding::connect_organisation(state, &q.org_input(), &admin_input, ScanSource::Stored(scan_id)).await {
        Ok(done) => {
            let org = orgs::get(&state.db, &done.org).await.ok().flatten();
            let org_name = org.map(|o| o.short_name).unwrap_or_default();
            let mut out = format!(
                "Организация «{org_name}» (ИНН {inn}) подключена.\n\
                 Первый администратор: логин «{login}», статус «Новая».\n\
                 Запрос на подтверждение контактных данных отправлен (письмо и СМС; см. `izkt outbox`).\n",
                inn = q.organisation.inn.trim(),
                login = q.administrator.login.trim(),
            );
            if generated {
                out.push_str(&format!(
                    "Временный пароль администратора: {password}\nПередайте его администратору; при первом входе пароль нужно сменить.\n"
                ));
            }
            Output::ok(out)
        }
        Err(OnboardingError::Invalid(errors)) => {
            let mut err = String::from("Анкета не принята:\n");
            for e in &errors.0 {
                err.push_str(&field_line(e.field, &e.message));
            }
            Output::fail(err)
        }
        Err(e) => {
            tracing::error!(error = %e, "org create failed");
            Output::fail("Внутренняя ошибка: организация не создана. Подробности — в журнале сервера.\n".into())
        }
    }
}

async fn outbox_list(state: &AppState, json: bool) -> Output {
    let rows = match outbox::list(state).await {
        Ok(rows) => rows,
        Err(e) => return Output::fail(format!("Ошибка базы данных: {e}\n")),
    };
    let mut out = String::new();
    for row in &rows {
        if json {
            out.push_str(&serde_json::to_string(&OutboxJson::from(row)).unwrap_or_default());
            out.push('\n');
        } else {
            let status = match row.status.as_str() {
                "sent" => "отправлено",
                "failed" => "ошибка доставки",
                _ => "в outbox",
            };
            out.push_str(&format!(
                "{}  {:5}  {}  [{status}]{}\n",
                format_datetime(row.created_at, "Europe/Moscow"),
                row.channel,
                row.to,
                row.subject.as_deref().map(|s| format!("  {s}")).unwrap_or_default(),
            ));
            for line in row.text.lines() {
                out.push_str(&format!("    {line}\n"));
            }
            out.push('\n');
        }
    }
    if rows.is_empty() && !json {
        out.push_str("Исходящих сообщений нет.\n");
    }
    Output::ok(out)
}

async fn message_publish(state: &AppState, text: &str, org_inn: Option<&str>) -> Output {
    let text = text.trim();
    if text.is_empty() {
        return Output::fail("Текст сообщения пуст.\n".into());
    }
    let org = match org_inn {
        Some(inn) => match orgs::by_inn(&state.db, inn).await {
            Ok(Some(org)) => Some(org.id),
            Ok(None) => return Output::fail(format!("Организация с ИНН {inn} не найдена.\n")),
            Err(e) => return Output::fail(format!("Ошибка базы данных: {e}\n")),
        },
        None => None,
    };
    match messages::publish(&state.db, org.as_ref(), messages::Kind::Support, text).await {
        Ok(id) => {
            super::audit::log(
                &state.db,
                super::audit::Action::MessagePublished,
                super::audit::Event { target: Some(super::key_of(&id)), ..Default::default() },
            )
            .await;
            Output::ok(format!("Сообщение {} опубликовано.\n", super::key_of(&id)))
        }
        Err(e) => Output::fail(format!("Ошибка базы данных: {e}\n")),
    }
}

async fn message_list(state: &AppState, json: bool) -> Output {
    match messages::all(&state.db).await {
        Ok(rows) => {
            let mut out = String::new();
            for m in rows {
                if json {
                    let line = serde_json::json!({
                        "id": super::key_of(&m.id),
                        "kind": m.kind,
                        "text": m.text,
                        "created_at": m.created_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                    });
                    out.push_str(&line.to_string());
                } else {
                    out.push_str(&format!("{}  {}", format_datetime(m.created_at, "Europe/Moscow"), m.text));
                }
                out.push('\n');
            }
            Output::ok(out)
        }
        Err(e) => Output::fail(format!("Ошибка базы данных: {e}\n")),
    }
}

async fn verification_send(state: &AppState, login: &str) -> Output {
    use crate::api::types::AccountStatus;
    let Ok(login) = crate::domain::Login::parse(login) else {
        return Output::fail("Такого логина нет.\n".into());
    };
    let account = match super::accounts::by_login(&state.db, &login.normalised()).await {
        Ok(Some(a)) => a,
        Ok(None) => return Output::fail(format!("Учётной записи «{}» нет.\n", login.as_str())),
        Err(e) => return Output::fail(format!("Ошибка базы данных: {e}\n")),
    };
    match account.status() {
        AccountStatus::Verified => return Output::fail("Контактные данные уже подтверждены.\n".into()),
        AccountStatus::Archived => return Output::fail("Учётная запись в архиве.\n".into()),
        AccountStatus::New => {}
    }
    let zone = match orgs::get(&state.db, &account.org).await {
        Ok(Some(o)) => o.time_zone,
        _ => crate::domain::org::DEFAULT_TIME_ZONE.to_string(),
    };
    match super::verification::request(state, &account, None, &zone).await {
        Ok(_) => Output::ok(format!(
            "Новый запрос на подтверждение отправлен «{}»: письмо и СМС (прежние ссылка и код больше не действуют).\n",
            account.login
        )),
        Err(e) => Output::fail(format!("Ошибка базы данных: {e}\n")),
    }
}

/// Reads the questionnaire file and its scan into a command.
pub fn org_create_command(path: &Path) -> Result<Command, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let questionnaire = Questionnaire::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let base = path.parent().unwrap_or_else(|| Path::new("."));
    let scan_path = base.join(&questionnaire.administrator.passport_scan);
    let scan = std::fs::read(&scan_path)
        .map(|bytes| base64::engine::general_purpose::STANDARD.encode(bytes))
        .map_err(|e| format!("файл {} не прочитан: {e}", scan_path.display()));
    Ok(Command::OrgCreate { questionnaire: Box::new(questionnaire), scan })
}

/// Serves support commands on the Unix socket until the process ends.
pub async fn serve_socket(state: AppState, path: &Path) -> std::io::Result<()> {
    if path.exists() {
        if UnixStream::connect(path).await.is_ok() {
            return Err(std::io::Error::new(std::io::ErrorKind::AddrInUse, "another server answers on the socket"));
        }
        std::fs::remove_file(path)?;
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let listener = UnixListener::bind(path)?;
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    tracing::info!(socket = %path.display(), "support socket ready");
    loop {
        let (stream, _) = listener.accept().await?;
        let state = state.clone();
        tokio::spawn(async move {
            if let Err(e) = handle_connection(state, stream).await {
                tracing::warn!(error = %e, "support socket connection failed");
            }
        });
    }
}

async fn handle_connection(state: AppState, stream: UnixStream) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    let Some(line) = lines.next_line().await? else {
        return Ok(());
    };
    let output = match serde_json::from_str::<Command>(&line) {
        Ok(command) => run(&state, command).await,
        Err(e) => Output::fail(format!("bad command: {e}\n")),
    };
    let mut reply = serde_json::to_string(&output).unwrap_or_default();
    reply.push('\n');
    write.write_all(reply.as_bytes()).await?;
    write.shutdown().await
}

/// Sends a command to the running server. `None` when no server listens.
pub async fn send_to_server(path: &Path, command: &Command) -> Option<std::io::Result<Output>> {
    let stream = UnixStream::connect(path).await.ok()?;
    Some(
        async {
            let (read, mut write) = stream.into_split();
            let mut line = serde_json::to_string(command).map_err(std::io::Error::other)?;
            line.push('\n');
            write.write_all(line.as_bytes()).await?;
            write.shutdown().await?;
            let mut lines = BufReader::new(read).lines();
            let reply =
                lines.next_line().await?.ok_or_else(|| std::io::Error::other("the server closed the socket"))?;
            serde_json::from_str(&reply).map_err(std::io::Error::other)
        }
        .await,
    )
}
