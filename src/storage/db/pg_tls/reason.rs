//! Why a TLS handshake failed, in words for the person at the terminal
//! rather than the names of rustls' error variants.

use std::path::Path;

use rustls::CertificateError as C;

use super::ca_as_server;
use crate::storage::db::pg_connect::one_line;

/// A failed handshake in words. `root` is the `sslrootcert` the server's
/// certificate was checked against; without one, the system's roots were.
pub(in crate::storage::db) fn tls_reason(e: &rustls::Error, root: Option<&Path>) -> String {
    match e {
        rustls::Error::InvalidCertificate(why) => certificate(why, root),
        rustls::Error::NoCertificatesPresented => "the server sent no certificate".to_string(),
        rustls::Error::AlertReceived(alert) => format!(
            "the server ended the handshake ({})",
            words(&format!("{alert:?}"))
        ),
        other => one_line(&other.to_string()),
    }
}

fn certificate(why: &C, root: Option<&Path>) -> String {
    match why {
        C::UnknownIssuer => match root {
            Some(path) => format!(
                "the server's certificate is not signed by any certificate in sslrootcert '{}'",
                path.display()
            ),
            None => "the server's certificate is not signed by any root certificate this system trusts (name one with sslrootcert)".to_string(),
        },
        C::NotValidForName => "the certificate names another host".to_string(),
        C::NotValidForNameContext {
            expected,
            presented,
        } => {
            let expected = expected.to_str();
            match presented.as_slice() {
                [] => format!("the certificate names no host, so not '{expected}'"),
                names => {
                    let names: Vec<String> = names.iter().map(|n| name(n)).collect();
                    format!(
                        "the certificate names another host: '{}', not '{expected}'",
                        names.join("', '")
                    )
                }
            }
        }
        C::Expired | C::ExpiredContext { .. } => "the certificate has expired".to_string(),
        C::NotValidYet | C::NotValidYetContext { .. } => {
            "the certificate is not valid yet (is this machine's clock right?)".to_string()
        }
        C::Revoked => "the certificate has been revoked".to_string(),
        C::BadSignature => {
            "the certificate's signature does not match the certificate that should have signed it"
                .to_string()
        }
        C::BadEncoding => "the certificate is not a well-formed certificate".to_string(),
        C::InvalidPurpose | C::InvalidPurposeContext { .. } => {
            "the certificate is not one for a server".to_string()
        }
        C::UnsupportedSignatureAlgorithmContext { .. }
        | C::UnsupportedSignatureAlgorithmForPublicKeyContext { .. } => {
            "the certificate is signed with an algorithm rhythm does not support".to_string()
        }
        why if ca_as_server(why) => "the server's certificate is a CA's; it is taken as the server's own only with sslmode=verify-ca and that very certificate in sslrootcert".to_string(),
        other => format!("the certificate was refused ({})", words(&other.to_string())),
    }
}

/// A name as the certificate gives it: `DnsName("db.example")` reads as
/// `db.example`, `IpAddress(10.0.0.5)` as `10.0.0.5`.
fn name(presented: &str) -> String {
    let inner = ["DnsName(\"", "IpAddress("]
        .iter()
        .find_map(|p| presented.strip_prefix(p))
        .map(|rest| rest.trim_end_matches(')').trim_end_matches('"'));
    inner.unwrap_or(presented).to_string()
}

/// rustls names some reasons only by their variant: `HandshakeFailure`
/// reads as `handshake failure`. Sentences are kept as they are.
fn words(text: &str) -> String {
    if !text.chars().all(|c| c.is_ascii_alphanumeric()) {
        return one_line(text);
    }
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_uppercase() && !out.is_empty() {
            out.push(' ');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}
