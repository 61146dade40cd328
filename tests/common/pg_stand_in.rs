//! A stand-in for a PostgreSQL server, for what the test server cannot be
//! made to do (it trusts every login): it takes one connection, reads the
//! client's first message and answers it with an error, as a server
//! refusing the login does.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::thread::JoinHandle;

/// An error as PostgreSQL sends it: SQLSTATE `code` and `message`.
pub struct Refusal {
    pub code: &'static str,
    pub message: &'static str,
}

/// Listens on a free loopback port; the thread answers one connection.
pub fn start(refusal: Refusal) -> (u16, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let thread = std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        refuse(&mut socket, &refusal).unwrap();
    });
    (port, thread)
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
