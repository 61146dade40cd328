//! A stand-in for a PostgreSQL server, for what the test server cannot be
//! made to do (it trusts every login, and its certificate is not a CA's):
//! it takes one connection, over plain text or TLS with a given
//! certificate, reads the client's first message and answers it with an
//! error, as a server refusing the login does.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::thread::JoinHandle;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

/// An error as PostgreSQL sends it: SQLSTATE `code` and `message`.
pub struct Refusal {
    pub code: &'static str,
    pub message: &'static str,
}

/// Listens on a free loopback port; the thread answers one connection,
/// over TLS with `tls`'s certificate and key when given.
pub fn start(refusal: Refusal, tls: Option<(&Path, &Path)>) -> (u16, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let tls = tls.map(|(cert, key)| server_config(cert, key));
    let thread = std::thread::spawn(move || {
        let (socket, _) = listener.accept().unwrap();
        // A client that gives up (a refused certificate) is not a failure
        // here: the test reads what the client said.
        let _ = serve(socket, tls, &refusal);
    });
    (port, thread)
}

fn serve(
    mut socket: TcpStream,
    tls: Option<Arc<rustls::ServerConfig>>,
    refusal: &Refusal,
) -> std::io::Result<()> {
    let Some(config) = tls else {
        return refuse(&mut socket, refusal);
    };
    // The client asks for TLS first (8 bytes); 'S' says yes.
    let mut request = [0u8; 8];
    socket.read_exact(&mut request)?;
    socket.write_all(b"S")?;
    let connection = rustls::ServerConnection::new(config).map_err(std::io::Error::other)?;
    let mut stream = rustls::StreamOwned::new(connection, socket);
    refuse(&mut stream, refusal)
}

/// Reads the startup message (its length, then the rest) and answers with
/// an ErrorResponse.
fn refuse(socket: &mut (impl Read + Write), refusal: &Refusal) -> std::io::Result<()> {
    let mut length = [0u8; 4];
    socket.read_exact(&mut length)?;
    let mut rest = vec![0u8; (u32::from_be_bytes(length) as usize).saturating_sub(4)];
    socket.read_exact(&mut rest)?;
    let mut fields = Vec::new();
    for (tag, text) in [
        (b'S', "FATAL"),
        (b'V', "FATAL"),
        (b'C', refusal.code),
        (b'M', refusal.message),
    ] {
        fields.push(tag);
        fields.extend_from_slice(text.as_bytes());
        fields.push(0);
    }
    fields.push(0);
    let mut reply = vec![b'E'];
    reply.extend_from_slice(&(fields.len() as u32 + 4).to_be_bytes());
    reply.extend_from_slice(&fields);
    socket.write_all(&reply)?;
    socket.flush()
}

fn server_config(cert: &Path, key: &Path) -> Arc<rustls::ServerConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let cert = CertificateDer::from_pem_file(cert).unwrap();
    let key = PrivateKeyDer::from_pem_file(key).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .unwrap();
    Arc::new(config)
}
