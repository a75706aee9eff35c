//! What the client and server roles share: the protocol's limits and heartbeat rules, one timer
//! table, one byte buffer for receiving and transmitting (wiped as it empties), one event queue,
//! the pending-request table and the handling of secrets.
//!
//! Each role keeps only what differs: its states, its transitions and what it answers.

pub(crate) mod buffer;
#[cfg(test)]
pub(crate) mod diagram;
pub(crate) mod events;
pub(crate) mod heartbeat;
pub(crate) mod limits;
pub(crate) mod requests;
pub(crate) mod secret;
pub(crate) mod timers;
