//! Password hashing: Argon2id, m = 19 MiB, t = 2, p = 1, always on the
//! blocking thread pool so the async runtime keeps serving.

use std::sync::LazyLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing: {0}")]
    Hash(String),
    #[error("password hashing task failed: {0}")]
    Join(#[from] tokio::task::JoinError),
}

fn argon2() -> Argon2<'static> {
    // 19 MiB, 2 passes, 1 lane (OWASP's recommendation for Argon2id).
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError::Hash(e.to_string()))
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => argon2().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

pub async fn hash(password: String) -> Result<String, HashError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password)).await?
}

pub async fn verify(password: String, hash: String) -> Result<bool, HashError> {
    Ok(tokio::task::spawn_blocking(move || verify_blocking(&password, &hash)).await?)
}

/// A hash of a random password, verified against when the login is unknown
/// so that unknown logins take as long as known ones.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| hash_blocking(&super::secrets::new_token()).unwrap_or_default());

pub async fn verify_dummy(password: String) -> Result<(), HashError> {
    let dummy = tokio::task::spawn_blocking(|| DUMMY_HASH.clone()).await?;
    verify(password, dummy).await.map(|_| ())
}

/// Does `password` match any of the given hashes? Used for the rule that the
/// accounts of one person have different passwords.
pub async fn matches_any(password: &str, hashes: Vec<String>) -> Result<bool, HashError> {
    for hash in hashes {
        if verify(password.to_string(), hash).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_with_the_owasp_parameters() {
        let h = hash("Снег-идёт-над-Волгой-7".into()).await.expect("hash");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("Снег-идёт-над-Волгой-7".into(), h.clone()).await.expect("verify"));
        assert!(!verify("Снег-идёт-над-Волгой-8".into(), h.clone()).await.expect("verify"));
        assert!(!verify("x".into(), "not a hash".into()).await.expect("verify"));
        assert!(matches_any("Снег-идёт-над-Волгой-7", vec!["junk".into(), h]).await.expect("any"));
        verify_dummy("whatever".into()).await.expect("dummy");
    }
}
