//! The protocol's numbers that both roles follow, defined once. Heartbeat and IdleTimeout rules
//! live in [`heartbeat`](super::heartbeat); everything else is here.

use core::time::Duration;

/// Default receive limit: the longest message accepted, header included. Documented maxima
/// exceed v15's 4329 bytes, so a receiver allows more (spec §1.5).
pub(crate) const DEFAULT_RECEIVE_LIMIT: usize = 12_500;

/// Default receive buffer of either role: one message of the default receive limit.
pub(crate) const DEFAULT_RX: usize = DEFAULT_RECEIVE_LIMIT;

/// Default transmit buffer of either role.
pub(crate) const DEFAULT_TX: usize = 8_192;

/// Default size of the client's pending-request table.
pub(crate) const DEFAULT_PENDING: usize = 32;

/// How long a client waits for OPEN_CONF by default (spec §6.2: allow at least 30 s).
pub(crate) const DEFAULT_OPEN_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a client waits for CLOSE_CONF after CLOSE_REQ (spec §6.4).
pub(crate) const DEFAULT_CLOSE_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a client waits for the answer to a request by default. The spec sets no limit; a
/// slot held for ever by a request the server never answers would block every later request.
pub(crate) const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a server waits for an acceptable OPEN_REQ by default: 15 s. A real client sends
/// OPEN_REQ as soon as it has connected, so a few seconds suffice even on a slow network; the
/// spec sets no such limit. It keeps a connection that never authenticates from holding a slot
/// (and its buffers) for long.
pub(crate) const DEFAULT_OPEN_WAIT: Duration = Duration::from_secs(15);

/// NULL_PERIPHERAL_ID: OPEN_REQ's PeripheralID when no Client Events are requested (spec §5.11).
pub(crate) const NULL_PERIPHERAL_ID: u32 = 0xFFFF_FFFF;

/// Most peripherals a server lists in OPEN_CONF.
pub(crate) const MAX_PERIPHERALS: usize = 8;

/// Longest ClientID or ClientPassword (spec §3.3: STRING 64 / UNSPEC 64).
pub(crate) const MAX_CREDENTIAL_LEN: usize = 64;

/// Events a server session holds until they are polled.
pub(crate) const MAX_SERVER_EVENTS: usize = 16;
