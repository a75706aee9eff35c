//! The async drivers (feature `tokio`): [`Client`] drives a client
//! [`Session`](crate::client::Session) over a tokio `TcpStream`, and [`Server`] accepts
//! connections and runs a [`ServerSession`](crate::server::ServerSession) on each
//! ([`Connection`]).
//!
//! Both own the socket and the clock and wait with one `select!` over readable, writable (when
//! bytes wait) and the next deadline, so every timer fires on time even while a write to a slow
//! peer is blocked. Neither loses a received byte when the application is slow: the session
//! takes what it can hold and the rest is offered again once its events are handed out.
//!
//! ```no_run
//! use cti_proto::client::{Config, Event};
//! use cti_proto::driver::ClientEvent;
//! use cti_proto::tokio::Client;
//!
//! # async fn run() -> Result<(), cti_proto::driver::Error> {
//! let config = Config::new("bridge-1", b"secret");
//! let mut client = Client::connect(&config, &["ctisvr-a:42027", "ctisvr-b:43027"]).await?;
//! while let Some(event) = client.next_event().await? {
//!     match event {
//!         ClientEvent::Session(Event::Opened(_)) => break,
//!         other => println!("{other:?}"),
//!     }
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! A server, answering nothing but what the session answers itself:
//!
//! ```no_run
//! use cti_proto::server::ServerConfig;
//! use cti_proto::tokio::Server;
//!
//! # async fn run() -> std::io::Result<()> {
//! let server = Server::bind("127.0.0.1:42027", ServerConfig::default()).await?;
//! loop {
//!     let mut conn = server.accept().await?;
//!     tokio::spawn(async move {
//!         while let Ok(Some(event)) = conn.next_event().await {
//!             println!("{event:?}");
//!         }
//!     });
//! }
//! # }
//! ```

mod client;
mod server;

pub use client::Client;
pub use server::{Connection, ConnectionEvent, Cut, Server, ServerOptions};
