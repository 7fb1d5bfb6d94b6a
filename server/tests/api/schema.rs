//! The schema is versioned: a database is brought from its version to the
//! newest, once; a database newer than the program is refused.

use app::server::config::Config;
use app::server::db::{self, DbError};

#[tokio::test]
async fn a_fresh_database_gets_every_migration_once() {
    let config = Config::for_tests();
    let database = db::connect(&config).await.expect("connect");
    assert_eq!(db::schema_version(&database).await.expect("version"), db::latest_version());
    // Running the migrations again changes nothing and does not fail.
    db::migrate(&database).await.expect("idempotent");
    assert_eq!(db::schema_version(&database).await.expect("version"), db::latest_version());
    // The unique index on the normalised login exists.
    let info: Option<serde_json::Value> =
        database.query("INFO FOR TABLE account").await.expect("info").take(0).expect("take");
    assert!(format!("{info:?}").contains("account_login"), "{info:?}");
}

#[tokio::test]
async fn a_database_of_an_older_version_gets_only_the_newer_migrations() {
    // A database made by a program that knew only version 1 …
    let config = Config { db_url: "mem://".into(), ..Config::for_tests() };
    let database = surrealdb::engine::any::connect(config.db_url.clone()).await.expect("connect");
    database.use_ns(db::NAMESPACE).use_db(db::DATABASE).await.expect("ns");
    db::migrate_with(&database, &db::MIGRATIONS[..1]).await.expect("v1");
    assert_eq!(db::schema_version(&database).await.expect("version"), 1);
    database.query("CREATE organisation:old SET full_name = 'Старая', short_name = 'С', inn = '7707083893', kpp = '773601001', ogrn = '1027700132195', address = 'г. Москва, ул. Вавилова, 19', time_zone = 'Europe/Moscow', contact = { surname: 'П', name: 'А', email: 'a@b.ru', phone: '+79120001122' }, status = 'active', created_at = time::now()").await.expect("row").check().expect("created");
    // … opened by a program that knows a version 2: only version 2 runs
    // (version 1's DEFINEs would fail if run again), and the data stays.
    let mut migrations = db::MIGRATIONS[..1].to_vec();
    migrations.push("DEFINE FIELD note ON organisation TYPE option<string>;");
    db::migrate_with(&database, &migrations).await.expect("v2");
    assert_eq!(db::schema_version(&database).await.expect("version"), 2);
    let n: Option<i64> =
        database.query("SELECT count() AS n FROM organisation GROUP ALL").await.expect("q").take((0, "n")).expect("n");
    assert_eq!(n, Some(1));
    database
        .query("UPDATE organisation:old SET note = 'новое поле'")
        .await
        .expect("q")
        .check()
        .expect("field of v2 exists");
    // A database newer than the program is refused, not damaged.
    assert!(matches!(
        db::migrate_with(&database, &db::MIGRATIONS[..1]).await,
        Err(DbError::SchemaTooNew { found: 2, known: 1 })
    ));
}

#[tokio::test]
async fn the_embedded_database_is_opened_with_sync_on_every_commit() {
    let dir = std::env::temp_dir().join(format!("izkt-sync-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let config = Config { db_url: format!("surrealkv://{}", dir.join("db").display()), ..Config::for_tests() };
    assert!(app::server::config::durable_url(&config.db_url).ends_with("?sync=every"));
    let database = db::connect(&config).await.expect("connect");
    assert_eq!(db::schema_version(&database).await.expect("version"), db::latest_version());
}
