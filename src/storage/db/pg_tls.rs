//! TLS for PostgreSQL in pure Rust (rustls with the `ring` provider), so
//! building needs no system OpenSSL: the checks each `sslmode` asks for, as
//! libpq makes them. Why a handshake failed is worded in `reason`.

mod reason;
#[cfg(test)]
mod tests;

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

pub(super) use reason::tls_reason;

/// The TLS settings for `mode`, as libpq reads it: `require` encrypts
/// without checking whom it talks to unless a root certificate is given,
/// `verify-ca` checks the certificate's chain, `verify-full` its host name
/// too. `prefer` encrypts when the server can, checking nothing. Without
/// `sslrootcert`, chains are checked against the system's roots.
pub(super) fn connector(mode: SslMode, root: Option<&Path>) -> Result<MakeRustlsConnect> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| setup(&e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(verifier(mode, root, provider)?)
        .with_no_client_auth();
    // The connector names the server by IP address when the host is one
    // (no SNI is sent then) and by DNS name otherwise.
    Ok(MakeRustlsConnect::new(config))
}

/// What checks the server's certificate under `mode`.
fn verifier(
    mode: SslMode,
    root: Option<&Path>,
    provider: Arc<CryptoProvider>,
) -> Result<Arc<dyn ServerCertVerifier>> {
    let verify = match mode {
        SslMode::Disable | SslMode::Prefer => false,
        SslMode::Require => root.is_some(),
        SslMode::VerifyCa | SslMode::VerifyFull => true,
    };
    if !verify {
        return Ok(Arc::new(NoCheck(provider)));
    }
    // Like libpq, a given root certificate is the only one trusted.
    let (roots, pinned) = match root {
        Some(path) => root_certificates(path)?,
        None => (system_roots()?, Vec::new()),
    };
    let chain = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
        .build()
        .map_err(|e| setup(&e.to_string()))?;
    Ok(match mode {
        SslMode::VerifyFull => chain,
        _ => Arc::new(AnyName { chain, pinned }),
    })
}

fn setup(why: &str) -> Error {
    Error::Message(format!("cannot set up TLS: {}", one_line(why)))
}

/// The certificates in the PEM file `sslrootcert` names, as roots and as
/// they are written (see `AnyName`).
fn root_certificates(path: &Path) -> Result<(RootCertStore, Vec<CertificateDer<'static>>)> {
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
    let (added, _) = roots.add_parsable_certificates(certs.iter().cloned());
    if added == 0 {
        return Err(Error::Message(format!(
            "sslrootcert '{shown}' holds no PEM certificate"
        )));
    }
    Ok((roots, certs))
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
///
/// A server certificate that is byte for byte one of sslrootcert's is
/// trusted as it is, as OpenSSL trusts it, even when it is a CA's (a
/// self-signed certificate made its own root), which the inner verifier
/// refuses as a server's. Its dates are still checked: that verifier looks
/// at them before asking whether it is a CA's. The handshake's signatures
/// are checked against its key as for any other.
#[derive(Debug)]
struct AnyName {
    chain: Arc<WebPkiServerVerifier>,
    pinned: Vec<CertificateDer<'static>>,
}

impl AnyName {
    fn pinned(&self, cert: &CertificateDer<'_>) -> bool {
        self.pinned.iter().any(|p| p.as_ref() == cert.as_ref())
    }
}

/// Whether rustls refused a certificate only for being a CA's.
fn ca_as_server(e: &CertificateError) -> bool {
    match e {
        CertificateError::Other(other) => matches!(
            other.0.downcast_ref::<webpki::Error>(),
            Some(webpki::Error::CaUsedAsEndEntity)
        ),
        _ => false,
    }
}

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        match self.chain.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            Err(rustls::Error::InvalidCertificate(why))
                if ca_as_server(&why) && self.pinned(end_entity) =>
            {
                Ok(ServerCertVerified::assertion())
            }
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.chain.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.chain.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.chain.supported_verify_schemes()
    }
}
