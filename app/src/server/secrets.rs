//! Random identifiers, tokens and codes, and how they are stored (hashed).

use base64::Engine;
use rand::Rng;
use sha2::{Digest, Sha256};

const ID_ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// A random record key: 20 characters of [0-9a-z] (≈103 bits).
pub fn new_id() -> String {
    let mut rng = rand::rng();
    (0..20).map(|_| char::from(ID_ALPHABET[rng.random_range(0..ID_ALPHABET.len())])).collect()
}

/// Is this string shaped like a key made by `new_id`? Used to refuse
/// malformed ids before they reach a query.
pub fn is_id(s: &str) -> bool {
    s.len() == 20 && s.bytes().all(|b| ID_ALPHABET.contains(&b))
}

/// A secret token for links and cookies: 256 random bits, base64url.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A 6-digit code for SMS.
pub fn new_code() -> String {
    format!("{:06}", rand::rng().random_range(0..1_000_000u32))
}

/// How tokens are stored: SHA-256, hex. Tokens carry 256 bits of entropy, so
/// a fast hash is enough.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// How SMS codes are stored: SHA-256 over the request's own salt and the
/// code, so equal codes of different requests have different hashes.
pub fn hash_code(salt: &str, code: &str) -> String {
    hex::encode(Sha256::digest(format!("{salt}:{code}").as_bytes()))
}

/// Compares two hashes in time independent of where they differ.
pub fn same_hash(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_tokens_codes() {
        let id = new_id();
        assert!(is_id(&id));
        assert_ne!(new_id(), id);
        assert!(!is_id("../etc/passwd"));
        assert!(!is_id("ABCDEFGHIJKLMNOPQRST"));
        let token = new_token();
        assert_eq!(token.len(), 43);
        assert_eq!(hash_token(&token), hash_token(&token));
        assert_ne!(hash_token(&token), token);
        let code = new_code();
        assert_eq!(code.len(), 6);
        assert!(code.bytes().all(|b| b.is_ascii_digit()));
        assert_ne!(hash_code("a", "123456"), hash_code("b", "123456"));
        assert!(same_hash("abc", "abc"));
        assert!(!same_hash("abc", "abd"));
    }
}
