//! «Документ, удостоверяющий личность»: a PDF of at most 1 MiB whose bytes
//! start with `%PDF-`, which parses as a PDF and is not password-protected.
//!
//! The size and signature checks run in the browser before the upload (on the
//! first bytes of the chosen file) and again on the server; the parse and the
//! encryption check need the whole file and a PDF parser and run on the
//! server only.

use serde::{Deserialize, Serialize};

pub const SCAN_MAX_BYTES: u64 = 1_048_576;
pub const PDF_SIGNATURE: &[u8] = b"%PDF-";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ScanError {
    #[error("Выберите файл PDF")]
    Missing,
    #[error("Файл пустой")]
    Empty,
    #[error("Файл больше 1 МБ ({0}): уменьшите разрешение скана или сожмите PDF")]
    TooLarge(String),
    #[error("Файл больше 1 МБ: уменьшите разрешение скана или сожмите PDF")]
    TooLargeUnknownSize,
    #[error("Это не PDF: допустимы только файлы PDF")]
    NotPdf,
    #[error("Файл повреждён: его не удаётся прочитать как PDF")]
    Unreadable,
    #[error("PDF защищён паролем: загрузите файл без пароля")]
    Encrypted,
    #[error("Файл не загружен: выберите его ещё раз")]
    UploadLost,
}

/// The size in the form people read it: «1,7 МБ», «850 КБ».
pub fn human_size(bytes: u64) -> String {
    if bytes >= 1_048_576 {
        format!("{:.1} МБ", bytes as f64 / 1_048_576.0).replace('.', ",")
    } else if bytes >= 1024 {
        format!("{} КБ", bytes.div_ceil(1024))
    } else {
        format!("{bytes} Б")
    }
}

/// The checks that need only the size and the first bytes.
pub fn check_header(size: u64, first_bytes: &[u8]) -> Result<(), ScanError> {
    if size == 0 {
        return Err(ScanError::Empty);
    }
    if size > SCAN_MAX_BYTES {
        return Err(ScanError::TooLarge(human_size(size)));
    }
    if !first_bytes.starts_with(PDF_SIGNATURE) {
        return Err(ScanError::NotPdf);
    }
    Ok(())
}

/// A checked scan: the bytes and what was learnt about them.
#[derive(Clone, PartialEq, Eq)]
pub struct PdfScan {
    bytes: Vec<u8>,
    pages: usize,
}

impl std::fmt::Debug for PdfScan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PdfScan({} bytes, {} pages)", self.bytes.len(), self.pages)
    }
}

impl PdfScan {
    #[cfg(feature = "ssr")]
    pub fn parse(bytes: Vec<u8>) -> Result<Self, ScanError> {
        check_header(bytes.len() as u64, &bytes)?;
        let pages = parse_pdf(&bytes)?;
        Ok(Self { bytes, pages })
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    pub fn pages(&self) -> usize {
        self.pages
    }
}

#[cfg(feature = "ssr")]
fn parse_pdf(bytes: &[u8]) -> Result<usize, ScanError> {
    // A damaged file can make a parser panic; a panic here must not take
    // the request down.
    let parsed = std::panic::catch_unwind(|| lopdf::Document::load_mem(bytes));
    let doc = match parsed {
        Ok(Ok(doc)) => doc,
        Ok(Err(lopdf::Error::Decryption(_))) | Ok(Err(lopdf::Error::InvalidPassword)) => {
            return Err(ScanError::Encrypted);
        }
        Ok(Err(_)) | Err(_) => {
            // lopdf refuses some encrypted files before it reads them fully.
            return Err(if has_encrypt_entry(bytes) { ScanError::Encrypted } else { ScanError::Unreadable });
        }
    };
    if doc.is_encrypted() || doc.trailer.get(b"Encrypt").is_ok() || doc.encryption_state.is_some() {
        return Err(ScanError::Encrypted);
    }
    let pages = doc.get_pages().len();
    if pages == 0 {
        return Err(ScanError::Unreadable);
    }
    Ok(pages)
}

#[cfg(feature = "ssr")]
fn has_encrypt_entry(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_checks() {
        assert_eq!(check_header(0, b""), Err(ScanError::Empty));
        assert_eq!(check_header(10, b"%PDF-1.7\n"), Ok(()));
        assert_eq!(check_header(10, b"\x89PNG\r\n"), Err(ScanError::NotPdf));
        assert_eq!(check_header(SCAN_MAX_BYTES, b"%PDF-1.4"), Ok(()));
        assert_eq!(check_header(SCAN_MAX_BYTES + 1, b"%PDF-1.4"), Err(ScanError::TooLarge("1,0 МБ".into())));
        assert_eq!(check_header(1_793_479, b"%PDF-1.4"), Err(ScanError::TooLarge("1,7 МБ".into())));
    }

    #[test]
    fn sizes_read_like_russian() {
        assert_eq!(human_size(500), "500 Б");
        assert_eq!(human_size(17_000), "17 КБ");
        assert_eq!(human_size(1_793_479), "1,7 МБ");
    }

    #[cfg(feature = "ssr")]
    mod real_files {
        use super::super::*;

        fn testdata(name: &str) -> Vec<u8> {
            let path = crate::testdata::file(&format!("pdf/{name}"));
            std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        }

        #[test]
        fn valid_pdfs_parse() {
            for name in ["minimal-document.pdf", "pdflatex-4-pages.pdf", "grayscale-image.pdf"] {
                let scan = PdfScan::parse(testdata(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
                assert!(scan.pages() >= 1, "{name}");
            }
            assert_eq!(PdfScan::parse(testdata("pdflatex-4-pages.pdf")).map(|s| s.pages()), Ok(4));
        }

        #[test]
        fn password_protected_pdf_is_refused() {
            assert_eq!(PdfScan::parse(testdata("libreoffice-writer-password.pdf")), Err(ScanError::Encrypted));
        }

        #[test]
        fn over_one_mebibyte_is_refused() {
            assert_eq!(PdfScan::parse(testdata("GeoTopo-komprimiert.pdf")), Err(ScanError::TooLarge("1,7 МБ".into())));
        }

        #[test]
        fn truncated_and_fake_pdfs_are_refused() {
            let mut bytes = testdata("minimal-document.pdf");
            bytes.truncate(400);
            assert_eq!(PdfScan::parse(bytes), Err(ScanError::Unreadable));
            assert_eq!(PdfScan::parse(b"%PDF-1.4\nnot really a pdf".to_vec()), Err(ScanError::Unreadable));
            assert_eq!(PdfScan::parse(b"GIF89a".to_vec()), Err(ScanError::NotPdf));
        }
    }
}
