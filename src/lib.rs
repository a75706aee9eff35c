//! # cti-proto
//!
//! A sans-IO, `#![no_std]` implementation of the Cisco CTI Server protocol (GED-188), Protocol
//! Version 15 (UCCE 8.5(1)).
//!
//! The crate never touches a socket or a clock: callers feed received bytes and timestamps in
//! and take bytes to send, events and deadlines out, so it embeds in any event loop and runs on
//! microcontrollers without a heap.
//!
//! - [`wire`]: the codec. Framing, every primitive type, floating fields, enumerations and
//!   masks, and typed zero-copy messages generated from declarative layout tables. Every codec
//!   type has one path, under `wire` ([`wire::Message`], [`wire::Decoder`], ...); the crate root
//!   re-exports none of them.
//! - [`client`]: the client session, [`client::Session`]: a state machine with the spec's open,
//!   heartbeat and close rules, requests with deadlines, fixed buffers and zero-copy events.
//!   **After every `handle_*` or command: write out `poll_transmit`, drain `poll_event`, then
//!   sleep until `poll_timeout` or the socket is readable.**
//! - [`server`]: the server role, [`server::ServerSession`], for simulators, bridges and tests,
//!   driven the same way.
//! - [`Instant`]: the caller's clock, in milliseconds.
//! - [`model`]: a live model of agents, calls and skill groups folded from received events,
//!   with fixed capacities.
//! - `blocking` (feature `std`) and `tokio` (feature `tokio`): drivers that own the socket and
//!   the clock, for hosts: connect, reconnect between side A and side B, and hand out events;
//!   `driver` (feature `std`) holds what the client drivers share (`ClientEvent`,
//!   `ClientOptions`, `Error`).
//!
//! Both roles share one core: the same timer table, buffers, event queue, limits and heartbeat
//! policy, and the same names for the same things (`FailureReason::PeerClosed`,
//! `SendError::BufferFull`, `SendError::MessageTooLong { len, limit }`,
//! `send(now, &message)`). `Session::new(&config, now)` and `ServerSession::new(config, now)`
//! use the default buffers; `with_buffers` takes the sizes from the type's parameters
//! (`Session::<4400, 1024, 8>::with_buffers(&config, now)`). Passwords never show in `Debug`,
//! are wiped from the session's buffers once written or checked, and are compared in constant
//! time.
//!
//! ```
//! use cti_proto::wire::{Decoder, Message, Status};
//!
//! // A real OPEN_CONF from a v15 CTI Server (spec §9).
//! let bytes = [
//!     0x00, 0x00, 0x00, 0x28, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x1c, 0x02,
//!     0x96, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x57, 0x46, 0xcc, 0x1e, 0x00, 0x00,
//!     0x00, 0x11, 0x00, 0x09, 0xe4, 0x02, 0x00, 0x01, 0xd0, 0x04, 0x00, 0x00, 0x13, 0x88, 0xe0,
//!     0x02, 0x00, 0x00,
//! ];
//! let Ok(Status::Complete((Message::OpenConf(conf), used))) = Decoder::default().decode(&bytes)
//! else {
//!     panic!("not an OPEN_CONF")
//! };
//! assert_eq!(used, 48);
//! assert_eq!(conf.invoke_id.0, 1);
//! assert_eq!(conf.num_peripherals(), Some(1));
//! assert_eq!(conf.peripherals().next().and_then(|p| p.flt_peripheral_id()), Some(5000));
//! ```

#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]
// The statistics confirmations name 145 counters, one accessor per macro step.
#![recursion_limit = "512"]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(any(test, feature = "std"))]
extern crate std;

#[macro_use]
mod fmt;
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub mod blocking;
pub mod client;
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub mod driver;
pub mod model;
pub mod server;
mod session;
mod time;
#[cfg(feature = "tokio")]
#[cfg_attr(docsrs, doc(cfg(feature = "tokio")))]
pub mod tokio;
pub mod wire;

pub use time::Instant;

/// The README's Rust examples, compiled and run as doctests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// The package readme's examples (its client example needs the `std` driver).
#[cfg(all(doctest, feature = "std"))]
#[doc = include_str!("../README-crate.md")]
struct CrateReadmeDoctests;
