//! The verifiers on certificates kept in `tests/fixtures/tls`: `pinned.crt`,
//! self-signed for `localhost`, a CA's (basicConstraints CA:TRUE) and good
//! until 2126; `other.crt`, another self-signed CA.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rustls::CertificateError;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};

use super::{tls_reason, verifier};
use crate::pg_url::SslMode;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tls")
        .join(name)
}

fn pinned() -> CertificateDer<'static> {
    CertificateDer::from_pem_file(fixture("pinned.crt")).unwrap()
}

/// What checking `pinned.crt` at `host` and `now` under `mode` says.
fn check(mode: SslMode, root: &str, host: &str, now: UnixTime) -> Result<(), rustls::Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let root = fixture(root);
    let verifier = verifier(mode, Some(&root), provider).unwrap();
    let host = ServerName::try_from(host.to_string()).unwrap();
    verifier
        .verify_server_cert(&pinned(), &[], &host, &[], now)
        .map(|_| ())
}

fn reason(result: Result<(), rustls::Error>, root: &str) -> String {
    tls_reason(&result.unwrap_err(), Some(&fixture(root)))
}

#[test]
fn verify_ca_takes_a_ca_certificate_that_is_itself_in_sslrootcert() {
    let now = UnixTime::now();
    for mode in [SslMode::VerifyCa, SslMode::Require] {
        for host in ["127.0.0.1", "localhost", "db.example"] {
            assert_eq!(
                check(mode, "pinned.crt", host, now),
                Ok(()),
                "{mode:?} {host}"
            );
        }
    }
}

#[test]
fn a_pinned_certificate_still_has_its_dates_checked() {
    let later = UnixTime::since_unix_epoch(Duration::from_secs(7_258_118_400)); // 2200
    assert_eq!(
        reason(
            check(SslMode::VerifyCa, "pinned.crt", "localhost", later),
            "pinned.crt"
        ),
        "the certificate has expired"
    );
}

#[test]
fn verify_full_still_refuses_a_ca_certificate_as_the_servers() {
    let result = check(
        SslMode::VerifyFull,
        "pinned.crt",
        "localhost",
        UnixTime::now(),
    );
    assert_eq!(
        reason(result, "pinned.crt"),
        "the server's certificate is a CA's; it is taken as the server's own only with \
         sslmode=verify-ca and that very certificate in sslrootcert"
    );
}

#[test]
fn a_certificate_not_in_sslrootcert_is_refused() {
    let result = check(SslMode::VerifyCa, "other.crt", "localhost", UnixTime::now());
    // Refused for being a CA's before its issuer is looked for: the way
    // out is the same.
    assert_eq!(
        reason(result, "other.crt"),
        "the server's certificate is a CA's; it is taken as the server's own only with \
         sslmode=verify-ca and that very certificate in sslrootcert"
    );
}

#[test]
fn refused_certificates_read_in_plain_words() {
    let root = fixture("root.crt");
    let said = |e: CertificateError, root: Option<&Path>| tls_reason(&e.into(), root);
    assert_eq!(
        said(CertificateError::UnknownIssuer, Some(&root)),
        format!(
            "the server's certificate is not signed by any certificate in sslrootcert '{}'",
            root.display()
        )
    );
    assert_eq!(
        said(CertificateError::UnknownIssuer, None),
        "the server's certificate is not signed by any root certificate this system trusts \
         (name one with sslrootcert)"
    );
    let name = CertificateError::NotValidForNameContext {
        expected: "127.0.0.1".try_into().unwrap(),
        presented: vec![
            "DnsName(\"localhost\")".to_string(),
            "IpAddress(10.0.0.5)".to_string(),
        ],
    };
    assert_eq!(
        said(name, None),
        "the certificate names another host: 'localhost', '10.0.0.5', not '127.0.0.1'"
    );
    assert_eq!(
        said(CertificateError::Expired, None),
        "the certificate has expired"
    );
    assert_eq!(
        tls_reason(&rustls::Error::General("handshake\nfailed".into()), None),
        "unexpected error: handshake failed"
    );
    assert_eq!(
        tls_reason(
            &rustls::Error::AlertReceived(rustls::AlertDescription::HandshakeFailure),
            None
        ),
        "the server ended the handshake (handshake failure)"
    );
}
