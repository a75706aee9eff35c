//! What a client session asks for: the contents of its OPEN_REQ and its timers, checked against
//! the rules of spec §3.3 and §6.3 before anything is sent.

use core::fmt;
use core::time::Duration;

use crate::wire::codes::{AgentStateMask, CallMsgMask, ConfigMsgMask, ServiceMask};
use crate::wire::Version;

/// The settings of one client session: the OPEN_REQ fields and the timers.
///
/// Strings are borrowed: [`Session::new`](super::Session::new) writes the OPEN_REQ at once and
/// keeps only the numbers, so a `Config` can live on the stack of the code that opens the
/// session.
///
/// ```
/// use core::time::Duration;
/// use cti_proto::client::Config;
/// use cti_proto::wire::codes::ServiceMask;
///
/// let config = Config {
///     services_requested: ServiceMask::ALL_EVENTS,
///     heartbeat_interval: Some(Duration::from_secs(30)),
///     ..Config::new("bridge-1", b"secret")
/// };
/// assert_eq!(config.idle_timeout_secs(), Ok(120));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config<'a> {
    /// ClientID (required; at most 63 bytes, the 64th is the NUL).
    pub client_id: &'a str,
    /// ClientPassword (required, may be empty; at most 64 bytes).
    pub client_password: &'a [u8],
    /// ClientSignature; the server uses the ClientID when it is absent.
    pub client_signature: Option<&'a str>,
    /// AgentExtension (Client Events sessions; at most 15 bytes).
    pub agent_extension: Option<&'a str>,
    /// AgentID (Client Events sessions; at most 11 bytes).
    pub agent_id: Option<&'a str>,
    /// AgentInstrument (Client Events sessions; at most 63 bytes).
    pub agent_instrument: Option<&'a str>,
    /// ApplicationPathID, if any.
    pub application_path_id: Option<i32>,
    /// ServicesRequested.
    pub services_requested: ServiceMask,
    /// CallMsgMask: which call events to receive.
    pub call_msg_mask: CallMsgMask,
    /// AgentStateMask: which agent states to be told about.
    pub agent_state_mask: AgentStateMask,
    /// ConfigMsgMask: which configuration events to receive (0 unless wanted, spec §5.5).
    pub config_msg_mask: ConfigMsgMask,
    /// PeripheralID: required for Client Events, otherwise NULL_PERIPHERAL_ID (0xFFFF_FFFF).
    pub peripheral_id: u32,
    /// The protocol version sent in OPEN_REQ; 15 by default.
    pub version: Version,
    /// Send HEARTBEAT_REQ after this long without sending anything. `None` (the default, the
    /// spec's −1) disables heartbeats; otherwise at least 5 s. Desktops should use 90 s or more.
    pub heartbeat_interval: Option<Duration>,
    /// OPEN_REQ's IdleTimeout. `None` derives it: 4 × the heartbeat interval, or 0xFFFF_FFFF
    /// (no timeout) without heartbeats. An explicit value must be at least 20 s.
    pub idle_timeout: Option<Duration>,
    /// How long to wait for OPEN_CONF before failing with `OpenTimeout`; 30 s by default.
    pub open_timeout: Duration,
    /// How long to wait for CLOSE_CONF after CLOSE_REQ; 5 s by default.
    pub close_timeout: Duration,
}

impl<'a> Config<'a> {
    /// NULL_PERIPHERAL_ID: OPEN_REQ's PeripheralID when no Client Events are requested.
    pub const NULL_PERIPHERAL_ID: u32 = 0xFFFF_FFFF;
    /// IdleTimeout meaning "none", sent when heartbeats are off.
    pub const NO_IDLE_TIMEOUT: u32 = 0xFFFF_FFFF;
    /// The shortest heartbeat interval the spec allows.
    pub const MIN_HEARTBEAT_INTERVAL: Duration = Duration::from_secs(5);
    /// The shortest IdleTimeout a server accepts (else E_CTI_INVALID_TIMEOUT).
    pub const MIN_IDLE_TIMEOUT: Duration = Duration::from_secs(20);
    /// Default wait for OPEN_CONF (spec §6.2: allow at least 30 s).
    pub const DEFAULT_OPEN_TIMEOUT: Duration = Duration::from_secs(30);
    /// Default wait for CLOSE_CONF (spec §6.4).
    pub const DEFAULT_CLOSE_TIMEOUT: Duration = Duration::from_secs(5);

    /// A configuration with the given ClientID and ClientPassword and every other setting at its
    /// default: no services, no masks, no peripheral, version 15, heartbeats off.
    pub const fn new(client_id: &'a str, client_password: &'a [u8]) -> Self {
        Config {
            client_id,
            client_password,
            client_signature: None,
            agent_extension: None,
            agent_id: None,
            agent_instrument: None,
            application_path_id: None,
            services_requested: ServiceMask::EMPTY,
            call_msg_mask: CallMsgMask::EMPTY,
            agent_state_mask: AgentStateMask::EMPTY,
            config_msg_mask: ConfigMsgMask::EMPTY,
            peripheral_id: Self::NULL_PERIPHERAL_ID,
            version: Version::V15,
            heartbeat_interval: None,
            idle_timeout: None,
            open_timeout: Self::DEFAULT_OPEN_TIMEOUT,
            close_timeout: Self::DEFAULT_CLOSE_TIMEOUT,
        }
    }

    /// The IdleTimeout OPEN_REQ will carry, in seconds, or the rule it breaks.
    pub fn idle_timeout_secs(&self) -> Result<u32, ConfigError> {
        let idle = match (self.idle_timeout, self.heartbeat_interval) {
            (Some(idle), _) => idle,
            (None, Some(hb)) => hb.saturating_mul(4),
            (None, None) => return Ok(Self::NO_IDLE_TIMEOUT),
        };
        if idle < Self::MIN_IDLE_TIMEOUT {
            return Err(ConfigError::IdleTimeoutTooShort { idle_timeout: idle });
        }
        match u32::try_from(idle.as_secs()) {
            Ok(s) if s < Self::NO_IDLE_TIMEOUT => Ok(s),
            _ => Err(ConfigError::IdleTimeoutTooLong { idle_timeout: idle }),
        }
    }

    /// Checks every rule; [`Session::new`](super::Session::new) calls this first.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if let Some(hb) = self.heartbeat_interval {
            if hb < Self::MIN_HEARTBEAT_INTERVAL {
                return Err(ConfigError::HeartbeatIntervalTooShort { interval: hb });
            }
        }
        self.idle_timeout_secs()?;
        if self.open_timeout.is_zero() {
            return Err(ConfigError::ZeroTimeout {
                field: "open_timeout",
            });
        }
        if self.close_timeout.is_zero() {
            return Err(ConfigError::ZeroTimeout {
                field: "close_timeout",
            });
        }
        if self.client_id.is_empty() {
            return Err(ConfigError::MissingClientId);
        }
        // Maximum data bytes of each floating field (spec §3.3); strings count their NUL.
        let strings = [
            ("ClientID", Some(self.client_id), 64),
            ("ClientSignature", self.client_signature, 64),
            ("AgentExtension", self.agent_extension, 16),
            ("AgentID", self.agent_id, 12),
            ("AgentInstrument", self.agent_instrument, 64),
        ];
        for (field, value, max) in strings {
            if let Some(v) = value {
                if v.len() + 1 > max || v.as_bytes().contains(&0) {
                    return Err(ConfigError::FieldTooLong {
                        field,
                        max: max - 1,
                    });
                }
            }
        }
        if self.client_password.len() > 64 {
            return Err(ConfigError::FieldTooLong {
                field: "ClientPassword",
                max: 64,
            });
        }
        Ok(())
    }
}

impl Default for Config<'_> {
    /// An empty ClientID and password; [`Config::validate`] rejects it until a ClientID is set.
    fn default() -> Self {
        Config::new("", b"")
    }
}

/// A [`Config`] that breaks a rule of the protocol; each variant names the rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum ConfigError {
    /// The heartbeat interval is under the spec's minimum of 5 s (spec §6.3).
    HeartbeatIntervalTooShort {
        /// The interval asked for.
        interval: Duration,
    },
    /// IdleTimeout is under 20 s; a server answers E_CTI_INVALID_TIMEOUT (spec §3.3).
    IdleTimeoutTooShort {
        /// The IdleTimeout asked for or derived.
        idle_timeout: Duration,
    },
    /// IdleTimeout does not fit the UINT seconds field below 0xFFFF_FFFF ("none").
    IdleTimeoutTooLong {
        /// The IdleTimeout asked for or derived.
        idle_timeout: Duration,
    },
    /// An open or close timeout of zero would fail before the peer could answer.
    ZeroTimeout {
        /// `"open_timeout"` or `"close_timeout"`.
        field: &'static str,
    },
    /// ClientID is required and may not be empty.
    MissingClientId,
    /// A floating field is longer than its maximum (or a string contains a NUL).
    FieldTooLong {
        /// The spec's field name.
        field: &'static str,
        /// The most bytes it may hold (without the NUL for strings).
        max: usize,
    },
    /// The session's transmit buffer cannot hold this OPEN_REQ plus the reserve for heartbeats
    /// and CLOSE_REQ.
    TransmitBufferTooSmall {
        /// Bytes the transmit buffer would need.
        needed: usize,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ConfigError::HeartbeatIntervalTooShort { interval } => write!(
                f,
                "heartbeat interval {interval:?} is under the 5 s minimum (use None to disable)"
            ),
            ConfigError::IdleTimeoutTooShort { idle_timeout } => {
                write!(f, "IdleTimeout {idle_timeout:?} is under the 20 s minimum")
            }
            ConfigError::IdleTimeoutTooLong { idle_timeout } => {
                write!(
                    f,
                    "IdleTimeout {idle_timeout:?} does not fit below 0xFFFFFFFF seconds"
                )
            }
            ConfigError::ZeroTimeout { field } => write!(f, "{field} must not be zero"),
            ConfigError::MissingClientId => f.write_str("ClientID is required"),
            ConfigError::FieldTooLong { field, max } => {
                write!(f, "{field} is longer than {max} bytes or contains a NUL")
            }
            ConfigError::TransmitBufferTooSmall { needed } => {
                write!(f, "transmit buffer too small: {needed} bytes needed")
            }
        }
    }
}

impl core::error::Error for ConfigError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_timeout_is_derived_from_the_heartbeat() {
        let mut c = Config::new("x", b"");
        assert_eq!(c.idle_timeout_secs(), Ok(0xFFFF_FFFF));
        c.heartbeat_interval = Some(Duration::from_secs(5));
        assert_eq!(c.idle_timeout_secs(), Ok(20));
        c.heartbeat_interval = Some(Duration::from_secs(90));
        assert_eq!(c.idle_timeout_secs(), Ok(360));
        c.idle_timeout = Some(Duration::from_secs(19));
        assert!(matches!(
            c.validate(),
            Err(ConfigError::IdleTimeoutTooShort { .. })
        ));
    }

    #[test]
    fn heartbeat_minimum_is_five_seconds() {
        let mut c = Config::new("x", b"");
        c.heartbeat_interval = Some(Duration::from_millis(4999));
        assert_eq!(
            c.validate(),
            Err(ConfigError::HeartbeatIntervalTooShort {
                interval: Duration::from_millis(4999)
            })
        );
        c.heartbeat_interval = Some(Duration::from_secs(5));
        assert_eq!(c.validate(), Ok(()));
    }

    #[test]
    fn field_lengths_follow_the_spec() {
        let long = "123456789012";
        let c = Config {
            agent_id: Some(long),
            ..Config::new("x", b"")
        };
        assert_eq!(
            c.validate(),
            Err(ConfigError::FieldTooLong {
                field: "AgentID",
                max: 11
            })
        );
        assert_eq!(
            Config::default().validate(),
            Err(ConfigError::MissingClientId)
        );
        let pw = [0u8; 65];
        assert!(Config::new("x", &pw).validate().is_err());
        assert!(Config::new("x", &pw[..64]).validate().is_ok());
    }
}
