//! TLS for PostgreSQL in pure Rust (rustls with the `ring` provider), so
//! building needs no system OpenSSL: the checks each `sslmode` asks for, as
//! libpq makes them.

use std::path::Path;
use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::pg_connect::{io_reason, one_line};
use super::{Error, Result};
use crate::pg_url::SslMode;

/// The TLS settings for `mode`, as libpq reads it: `require` encrypts
/// without checking whom it talks to unless a root certificate is given,
/// `verify-ca` checks the certificate's chain, `verify-full` its host name
/// too. `prefer` encrypts when the server can, checking nothing. Without
/// `sslrootcert`, chains are checked against the system's roots.
pub(super) fn connector(mode: SslMode, root: Option<&Path>) -> Result<MakeRustlsConnect> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verify = match mode {
        SslMode::Disable | SslMode::Prefer => false,
        SslMode::Require => root.is_some(),
        SslMode::VerifyCa | SslMode::VerifyFull => true,
    };
    let verifier: Arc<dyn ServerCertVerifier> = if verify {
        // Like libpq, a given root certificate is the only one trusted.
        let roots = match root {
            Some(path) => root_certificates(path)?,
            None => system_roots()?,
        };
        let chain = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
            .build()
            .map_err(|e| setup(&e.to_string()))?;
        if mode == SslMode::VerifyFull {
            chain
        } else {
            Arc::new(AnyName(chain))
        }
    } else {
        Arc::new(NoCheck(provider.clone()))
    };
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| setup(&e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    // The connector names the server by IP address when the host is one
    // (no SNI is sent then) and by DNS name otherwise.
    Ok(MakeRustlsConnect::new(config))
}

fn setup(why: &str) -> Error {
    Error::Message(format!("cannot set up TLS: {}", one_line(why)))
}

/// The certificates in the PEM file `sslrootcert` names.
fn root_certificates(path: &Path) -> Result<RootCertStore> {
    let shown = path.display();
    let pem = std::fs::read(path).map_err(|e| {
        Error::Message(format!(
            "cannot read sslrootcert '{shown}': {}",
            io_reason(&e)
        ))
    })?;
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&pem)
        .collect::<std::result::Result<_, _>>()
        .unwrap_or_default();
    let mut roots = RootCertStore::empty();
    let (added, _) = roots.add_parsable_certificates(certs);
    if added == 0 {
        return Err(Error::Message(format!(
            "sslrootcert '{shown}' holds no PEM certificate"
        )));
    }
    Ok(roots)
}

/// The operating system's trusted roots, read where OpenSSL would read them
/// (`SSL_CERT_FILE`, `SSL_CERT_DIR`, else the system's bundle and folder).
/// Files it cannot read are passed over, as OpenSSL does.
fn system_roots() -> Result<RootCertStore> {
    let found = rustls_native_certs::load_native_certs();
    let mut roots = RootCertStore::empty();
    roots.add_parsable_certificates(found.certs);
    if roots.is_empty() {
        return Err(setup(
            "no system root certificates found (give one with sslrootcert)",
        ));
    }
    Ok(roots)
}

/// `prefer`, and `require` without a root: any certificate is taken, but
/// the handshake's signatures are still checked with the provider's
/// algorithms, so the key the server shows is the one it holds.
#[derive(Debug)]
struct NoCheck(Arc<CryptoProvider>);

impl ServerCertVerifier for NoCheck {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `verify-ca`, and `require` with a root: the full check, less the host
/// name. The inner verifier checks the chain before the name, so a name
/// mismatch, and only that, means the chain was good.
#[derive(Debug)]
struct AnyName(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// A failed handshake in words: a refused certificate reads as OpenSSL's
/// `certificate verify failed (WHY)`, other failures as rustls says them.
pub(super) fn tls_reason(e: &rustls::Error) -> String {
    match e {
        rustls::Error::InvalidCertificate(why) => {
            format!("certificate verify failed ({})", words(&why.to_string()))
        }
        other => one_line(&other.to_string()),
    }
}

/// rustls names many reasons only by their variant: `UnknownIssuer` reads
/// as `unknown issuer`. Sentences are kept as they are.
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

#[cfg(test)]
mod tests {
    use super::tls_reason;
    use rustls::CertificateError;

    #[test]
    fn refused_certificates_read_as_openssl_says_them() {
        assert_eq!(
            tls_reason(&CertificateError::UnknownIssuer.into()),
            "certificate verify failed (unknown issuer)"
        );
        let name = CertificateError::NotValidForNameContext {
            expected: "127.0.0.1".try_into().unwrap(),
            presented: vec!["DnsName(\"localhost\")".to_string()],
        };
        assert_eq!(
            tls_reason(&name.into()),
            "certificate verify failed (certificate not valid for name \"127.0.0.1\"; \
             certificate is only valid for DnsName(\"localhost\"))"
        );
        assert_eq!(
            tls_reason(&rustls::Error::General("handshake\nfailed".into())),
            "unexpected error: handshake failed"
        );
    }
}
