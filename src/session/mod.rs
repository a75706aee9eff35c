//! What the client and server roles share: the protocol's limits and heartbeat rules, one timer
//! table, one byte buffer (wiped as it empties) under both roles' receive and transmit buffers,
//! the queue of events waiting to be polled, the pending-request table and the handling of
//! secrets.
//!
//! Each role keeps only what differs: its states, its transition table and what it answers.
//! The client hands out received messages as views into its receive buffer, so its events need
//! no queue of their own beyond that buffer and the timed-out requests in [`requests`]; the
//! server copies what its events borrow into an [`events::EventQueue`] and a byte store.

pub(crate) mod buffer;
#[cfg(test)]
pub(crate) mod diagram;
pub(crate) mod events;
pub(crate) mod heartbeat;
pub(crate) mod limits;
pub(crate) mod requests;
pub(crate) mod secret;
pub(crate) mod timers;
