//! Where the tests find the project's shared test data (naughty strings,
//! real PDFs): `../shared/testdata` next to the repository, or the directory
//! named by `IZKT_TESTDATA` (for a checkout elsewhere).

use std::path::PathBuf;

pub fn dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("IZKT_TESTDATA") {
        return PathBuf::from(dir);
    }
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/testdata");
    if beside.exists() {
        return beside;
    }
    // The workplace's own copy, for a clone made somewhere else.
    PathBuf::from("/work/shared/testdata")
}

pub fn file(name: &str) -> PathBuf {
    dir().join(name)
}
