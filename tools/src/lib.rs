//! The code behind the `cti-tools` binaries (`ctidump`, `cti-client`, `cti-sim`, `cti-top`,
//! `cti-bridge`, `demo`, `tokio-client`), kept in a library so the tests run it in-process and against real sockets.
//! It is not an API for other crates: use `cti-proto` itself.

#![forbid(unsafe_code)]

pub mod bridge;
pub mod cc;
pub mod client;
pub mod dump;
pub mod password;
pub mod render;
pub mod sim;
pub mod tokio_client;
pub mod top;
