//! `izkt`: the ИЗКТ server and its support commands.

use std::path::PathBuf;
use std::process::ExitCode;

use app::server::config::Config;
use app::server::state::AppState;
use app::server::support::{self, Command, Output};
use app::server::{db, http, scans, setup};
use leptos::config::{LeptosOptions, get_configuration};

const USAGE: &str = "\
izkt — ИЗКТ, Интерфейс заказов карт тахографа

Использование:
  izkt [serve]                                  запустить сервер
  izkt org create --questionnaire ФАЙЛ          подключить организацию по анкете (TOML)
  izkt outbox [--json]                          исходящие письма и СМС
  izkt message publish [--org ИНН] ТЕКСТ        опубликовать информационное сообщение
  izkt message list [--json]                    информационные сообщения
  izkt verification send --login ЛОГИН          новый запрос на подтверждение контактов

Настройки (переменные окружения):
  IZKT_DB          SurrealDB: surrealkv://data/izkt (по умолчанию), mem://, ws://host:port
  IZKT_ADDR        адрес сервера, по умолчанию 127.0.0.1:3000
  IZKT_PUBLIC_URL  начало ссылок в письмах, по умолчанию http://IZKT_ADDR
  IZKT_SMTP_URL    SMTP-сервер для писем (smtp://host:port), по умолчанию только outbox
  IZKT_SMS_URL     HTTP-шлюз для СМС, по умолчанию только outbox
  IZKT_SMS_TOKEN   bearer-токен шлюза СМС";

enum Cli {
    Serve,
    Support(Command),
    Help,
}

fn parse_args(args: &[String]) -> Result<Cli, String> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let json = words.contains(&"--json");
    match words.as_slice() {
        [] | ["serve"] => Ok(Cli::Serve),
        ["help"] | ["--help"] | ["-h"] => Ok(Cli::Help),
        ["org", "create", "--questionnaire", file] | ["org", "create", file, "--questionnaire"] => {
            support::org_create_command(&PathBuf::from(file)).map(Cli::Support)
        }
        ["outbox"] | ["outbox", "--json"] => Ok(Cli::Support(Command::Outbox { json })),
        ["message", "list"] | ["message", "list", "--json"] => Ok(Cli::Support(Command::MessageList { json })),
        ["message", "publish", "--org", inn, text @ ..] if !text.is_empty() => {
            Ok(Cli::Support(Command::MessagePublish { text: text.join(" "), org_inn: Some((*inn).to_string()) }))
        }
        ["verification", "send", "--login", login] => {
            Ok(Cli::Support(Command::VerificationSend { login: (*login).to_string() }))
        }
        ["message", "publish", text @ ..] if !text.is_empty() => {
            Ok(Cli::Support(Command::MessagePublish { text: text.join(" "), org_inn: None }))
        }
        _ => Err(format!("непонятная команда: {}\n\n{USAGE}", words.join(" "))),
    }
}

fn leptos_options(config: &Config) -> Result<LeptosOptions, String> {
    // Under cargo-leptos the LEPTOS_* variables describe the site; run
    // directly from the repository root, the site is the build in
    // target/site.
    let mut options = if std::env::var("LEPTOS_OUTPUT_NAME").is_ok() {
        get_configuration(None).map_err(|e| format!("настройки сайта не прочитаны: {e}"))?.leptos_options
    } else {
        let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
        if !std::path::Path::new(&site_root).join("pkg").exists() {
            return Err(format!(
                "сайт не собран: нет {site_root}/pkg. Запустите из корня репозитория после `cargo leptos build` (или `make run`)"
            ));
        }
        LeptosOptions::builder().output_name("izkt").site_root(site_root).site_pkg_dir("pkg").build()
    };
    options.site_addr = config.addr;
    Ok(options)
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(
            "info,surrealdb=warn,surrealkv=warn,surrealdb_core=warn,surrealdb_core::kvs::tasks=off",
        )
    });
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}

async fn serve(config: Config) -> Result<(), String> {
    let options = leptos_options(&config)?;
    let db = db::connect(&config).await.map_err(|e| e.to_string())?;
    let state = AppState::new(db, config.clone(), options);

    if let Some(token) = setup::issue_token(&state.db).await.map_err(|e| e.to_string())? {
        println!("В базе нет ни одной организации. Первоначальная настройка (ссылка одноразовая):");
        println!("  {}/setup/{token}", config.public_url);
        println!("или: izkt org create --questionnaire examples/questionnaire.toml");
    }

    if config.is_embedded() {
        let socket_state = state.clone();
        let path = config.socket_path.clone();
        tokio::spawn(async move {
            if let Err(e) = support::serve_socket(socket_state, &path).await {
                tracing::error!(error = %e, socket = %path.display(), "support socket failed");
            }
        });
    }
    let purge_db = state.db.clone();
    tokio::spawn(async move {
        loop {
            if let Err(e) = scans::purge_stale(&purge_db).await {
                tracing::warn!(error = %e, "purging stale uploads failed");
            }
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
        }
    });

    let listener = tokio::net::TcpListener::bind(config.addr).await.map_err(|e| format!("{}: {e}", config.addr))?;
    println!("ИЗКТ работает: http://{}", config.addr);
    let app = http::router(state);
    let socket_path = config.socket_path.clone();
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(async {
            let ctrl_c = tokio::signal::ctrl_c();
            let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
            let term = async {
                match term.as_mut() {
                    Some(t) => {
                        t.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = ctrl_c => {},
                _ = term => {},
            }
        })
        .await
        .map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(socket_path);
    Ok(())
}

/// Runs a support command: through the running server when there is one,
/// otherwise against the database directly.
async fn support_command(config: Config, command: Command) -> Result<Output, String> {
    if config.is_embedded()
        && let Some(reply) = support::send_to_server(&config.socket_path, &command).await
    {
        return reply.map_err(|e| format!("сервер не ответил: {e}"));
    }
    let options = LeptosOptions::builder().output_name("izkt").build();
    let db = db::connect(&config)
        .await
        .map_err(|e| format!("{e}\n(если сервер запущен, проверьте IZKT_SOCKET: {})", config.socket_path.display()))?;
    let state = AppState::new(db, config, options);
    Ok(support::run(&state, command).await)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cli = match parse_args(&args) {
        Ok(cli) => cli,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match cli {
        Cli::Help => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Cli::Serve => {
            init_tracing();
            match serve(config).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Cli::Support(command) => match support_command(config, command).await {
            Ok(out) => {
                print!("{}", out.stdout);
                eprint!("{}", out.stderr);
                ExitCode::from(u8::try_from(out.code).unwrap_or(1))
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
    }
}
