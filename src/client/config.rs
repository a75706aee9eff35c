//! What a client session asks for: the contents of its OPEN_REQ and its timers, checked against
//! the rules of spec §3.3 and §6.3 before anything is sent.

use core::fmt;
use core::time::Duration;

use crate::session::secret::Password;
use crate::session::{heartbeat, limits};
use crate::wire::codes::{AgentStateMask, CallMsgMask, ConfigMsgMask, ServiceMask};
use crate::wire::Version;

/// The settings of one client session: the OPEN_REQ fields and the timers.
///
/// Strings are borrowed: [`Session::new`](super::Session::new) writes the OPEN_REQ at once and
/// keeps only the numbers, so a `Config` can live on the stack of the code that opens the
/// session. Build it with [`Config::new`] and the `with_*` setters; the fields can be read and
/// assigned, and new ones may be added, so it cannot be built as a struct literal.
///
/// The password is a [`Password`]: `Debug` shows `<redacted>`.
///
/// ```
/// use core::time::Duration;
/// use cti_proto::client::Config;
/// use cti_proto::wire::codes::ServiceMask;
///
/// let config = Config::new("bridge-1", b"secret")
///     .with_services_requested(ServiceMask::ALL_EVENTS)
///     .with_heartbeat_interval(Duration::from_secs(30));
/// assert_eq!(config.idle_timeout_secs(), Ok(120));
/// assert!(!format!("{config:?}").contains("secret"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Config<'a> {
    /// ClientID (required; at most 63 bytes, the 64th is the NUL).
    pub client_id: &'a str,
    /// ClientPassword (required, may be empty; at most 64 bytes).
    pub client_password: Password<'a>,
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
    /// The protocol version sent in OPEN_REQ; 15 by default, the highest version this crate
    /// speaks fully. Every version of [`Version::SUPPORTED`] has its fixed parts and tags in
    /// the codec, and the session answers v24's ACTIVE_MAINTENANCE_REQ_MSG
    /// ([`Config::accept_maintenance`]), but not every later layout is covered: the
    /// record-based configuration events (254, 260, 261, 276, 282) and the types no source lays
    /// out (255–258, 262–270, 277, 281) are handed out raw, OPEN_REQ's v24 UniqueInstanceID
    /// cannot be sent (its tag is undocumented), and a v24 client is expected to keep a session
    /// to each side (versions sheet §4.3, §9) where the drivers keep one. Ask for a later
    /// version with [`Config::with_version`], and for [`Config::with_version_fallback`] to
    /// step down to what an older server accepts.
    pub version: Version,
    /// The lowest version to fall back to when the server refuses `version` with
    /// E_CTI_INVALID_VERSION ([`Config::fallback`]); `None` (the default): no fallback.
    pub version_fallback: Option<Version>,
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
    /// How long a request sent with [`Session::send`](super::Session::send) waits for its
    /// answer before it completes as [`Outcome::TimedOut`](super::Outcome::TimedOut) and frees
    /// its slot. The spec sets no limit; 30 s by default, like the open timeout.
    pub request_timeout: Duration,
    /// The answer the session gives, by itself, to ACTIVE_MAINTENANCE_REQ_MSG (278) in a
    /// session of version 24 or later: ACTIVE_MAINTENANCE_RESP_MSG (279) with the request's
    /// InvokeID and MaintenanceModeAccepted = this value, queued the moment 278 is processed.
    /// The spec requires the answer within 5 s, counts no answer as a rejection, and cancels
    /// the maintenance if any client rejects it (versions sheet §4.2, §4.3 rule 5; V25-SM).
    /// `true` (the default): the client lets the active CTI Server go into maintenance; its
    /// session is then closed and the driver reconnects by the A/B schedule, to the side that
    /// became active. `false`: the client vetoes it. The 278 is handed out as an
    /// [`Event::Message`](super::Event::Message) either way. A server sends 278 only to
    /// clients that requested CTI_SERVICE_ACTIVE_STANDBY; before version 24 the type does not
    /// exist and is handed out raw, unanswered.
    pub accept_maintenance: bool,
}

impl<'a> Config<'a> {
    /// NULL_PERIPHERAL_ID: OPEN_REQ's PeripheralID when no Client Events are requested.
    pub const NULL_PERIPHERAL_ID: u32 = limits::NULL_PERIPHERAL_ID;
    /// IdleTimeout meaning "none", sent when heartbeats are off.
    pub const NO_IDLE_TIMEOUT: u32 = heartbeat::NO_IDLE_TIMEOUT;
    /// The shortest heartbeat interval the spec allows.
    pub const MIN_HEARTBEAT_INTERVAL: Duration = heartbeat::MIN_HEARTBEAT_INTERVAL;
    /// The shortest IdleTimeout a server accepts (else E_CTI_INVALID_TIMEOUT).
    pub const MIN_IDLE_TIMEOUT: Duration = heartbeat::MIN_IDLE_TIMEOUT;
    /// Default wait for OPEN_CONF (spec §6.2: allow at least 30 s).
    pub const DEFAULT_OPEN_TIMEOUT: Duration = limits::DEFAULT_OPEN_TIMEOUT;
    /// Default wait for CLOSE_CONF (spec §6.4).
    pub const DEFAULT_CLOSE_TIMEOUT: Duration = limits::DEFAULT_CLOSE_TIMEOUT;
    /// Default wait for the answer to a request (the spec gives none).
    pub const DEFAULT_REQUEST_TIMEOUT: Duration = limits::DEFAULT_REQUEST_TIMEOUT;

    /// A configuration with the given ClientID and ClientPassword and every other setting at its
    /// default: no services, no masks, no peripheral, version 15, heartbeats off.
    pub const fn new(client_id: &'a str, client_password: &'a [u8]) -> Self {
        Config {
            client_id,
            client_password: Password::new(client_password),
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
            version_fallback: None,
            heartbeat_interval: None,
            idle_timeout: None,
            open_timeout: Self::DEFAULT_OPEN_TIMEOUT,
            close_timeout: Self::DEFAULT_CLOSE_TIMEOUT,
            request_timeout: Self::DEFAULT_REQUEST_TIMEOUT,
            accept_maintenance: true,
        }
    }

    /// Sets ClientSignature.
    #[must_use]
    pub const fn with_client_signature(mut self, signature: &'a str) -> Self {
        self.client_signature = Some(signature);
        self
    }

    /// Sets AgentExtension.
    #[must_use]
    pub const fn with_agent_extension(mut self, extension: &'a str) -> Self {
        self.agent_extension = Some(extension);
        self
    }

    /// Sets AgentID.
    #[must_use]
    pub const fn with_agent_id(mut self, agent_id: &'a str) -> Self {
        self.agent_id = Some(agent_id);
        self
    }

    /// Sets AgentInstrument.
    #[must_use]
    pub const fn with_agent_instrument(mut self, instrument: &'a str) -> Self {
        self.agent_instrument = Some(instrument);
        self
    }

    /// Sets ApplicationPathID.
    #[must_use]
    pub const fn with_application_path_id(mut self, id: i32) -> Self {
        self.application_path_id = Some(id);
        self
    }

    /// Sets ServicesRequested.
    #[must_use]
    pub const fn with_services_requested(mut self, services: ServiceMask) -> Self {
        self.services_requested = services;
        self
    }

    /// Sets CallMsgMask.
    #[must_use]
    pub const fn with_call_msg_mask(mut self, mask: CallMsgMask) -> Self {
        self.call_msg_mask = mask;
        self
    }

    /// Sets AgentStateMask.
    #[must_use]
    pub const fn with_agent_state_mask(mut self, mask: AgentStateMask) -> Self {
        self.agent_state_mask = mask;
        self
    }

    /// Sets ConfigMsgMask.
    #[must_use]
    pub const fn with_config_msg_mask(mut self, mask: ConfigMsgMask) -> Self {
        self.config_msg_mask = mask;
        self
    }

    /// Sets PeripheralID.
    #[must_use]
    pub const fn with_peripheral_id(mut self, id: u32) -> Self {
        self.peripheral_id = id;
        self
    }

    /// Sets the protocol version.
    #[must_use]
    pub const fn with_version(mut self, version: Version) -> Self {
        self.version = version;
        self
    }

    /// Allows falling back to versions down to `min` when the server refuses the one tried
    /// with E_CTI_INVALID_VERSION: see [`Config::fallback`].
    #[must_use]
    pub const fn with_version_fallback(mut self, min: Version) -> Self {
        self.version_fallback = Some(min);
        self
    }

    /// The configuration to reopen with after the session failed with `status` in answer to
    /// its OPEN_REQ: the next lower version when `status` is E_CTI_INVALID_VERSION and that
    /// version is not below the fallback minimum, else `None`. The session reports the refusal
    /// (with the version it tried, `self.version`); the caller or driver reopens with the
    /// configuration this returns. Which versions a server accepts is undocumented (versions
    /// sheet, key facts ⚠), hence one step at a time.
    ///
    /// The masks lose the bits the lower version does not define: a server refuses an
    /// OPEN_REQ with any of them (with a mask error, which would end the fallback), so a v24
    /// client asking for every call and agent event still opens at v15 with v15's full masks.
    #[must_use]
    pub fn fallback(&self, status: crate::wire::codes::StatusCode) -> Option<Self> {
        use crate::wire::codes::{AgentStateMask, CallMsgMask, ConfigMsgMask, ServiceMask};
        let min = self.version_fallback?;
        let next = Version(self.version.0.checked_sub(1)?);
        if status != crate::wire::codes::StatusCode::INVALID_VERSION || next < min {
            return None;
        }
        let mut c = (*self).with_version(next);
        c.services_requested.0 &= ServiceMask::valid_bits(next);
        c.call_msg_mask.0 &= CallMsgMask::valid_bits(next);
        c.agent_state_mask.0 &= AgentStateMask::valid_bits(next);
        c.config_msg_mask.0 &= ConfigMsgMask::valid_bits(next);
        Some(c)
    }

    /// Sets the answer to ACTIVE_MAINTENANCE_REQ_MSG (v24+): see
    /// [`Config::accept_maintenance`].
    #[must_use]
    pub const fn with_accept_maintenance(mut self, accept: bool) -> Self {
        self.accept_maintenance = accept;
        self
    }

    /// Sets the heartbeat interval: a `Duration`, or `None` for no heartbeats.
    #[must_use]
    pub fn with_heartbeat_interval(mut self, interval: impl Into<Option<Duration>>) -> Self {
        self.heartbeat_interval = interval.into();
        self
    }

    /// Sets the IdleTimeout: a `Duration`, or `None` to derive it from the heartbeat interval.
    #[must_use]
    pub fn with_idle_timeout(mut self, idle_timeout: impl Into<Option<Duration>>) -> Self {
        self.idle_timeout = idle_timeout.into();
        self
    }

    /// Sets the open timeout.
    #[must_use]
    pub const fn with_open_timeout(mut self, timeout: Duration) -> Self {
        self.open_timeout = timeout;
        self
    }

    /// Sets the close timeout.
    #[must_use]
    pub const fn with_close_timeout(mut self, timeout: Duration) -> Self {
        self.close_timeout = timeout;
        self
    }

    /// Sets the request timeout.
    #[must_use]
    pub const fn with_request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// The IdleTimeout OPEN_REQ will carry, in seconds, or the rule it breaks.
    pub fn idle_timeout_secs(&self) -> Result<u32, ConfigError> {
        heartbeat::announced_idle_timeout(self.idle_timeout, self.heartbeat_interval)
            .map_err(ConfigError::from)
    }

    /// Checks every rule; [`Session::new`](super::Session::new) calls this first.
    pub fn validate(&self) -> Result<(), ConfigError> {
        heartbeat::check_interval(self.heartbeat_interval)?;
        self.idle_timeout_secs()?;
        for (field, d) in [
            ("open_timeout", self.open_timeout),
            ("close_timeout", self.close_timeout),
            ("request_timeout", self.request_timeout),
        ] {
            if d.is_zero() {
                return Err(ConfigError::ZeroTimeout { field });
            }
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
        if self.client_password.len() > limits::MAX_CREDENTIAL_LEN {
            return Err(ConfigError::FieldTooLong {
                field: "ClientPassword",
                max: limits::MAX_CREDENTIAL_LEN,
            });
        }
        Ok(())
    }
}

impl From<heartbeat::Rule> for ConfigError {
    fn from(rule: heartbeat::Rule) -> Self {
        match rule {
            heartbeat::Rule::IntervalTooShort(interval) => {
                ConfigError::HeartbeatIntervalTooShort { interval }
            }
            heartbeat::Rule::IdleTooShort(idle_timeout) => {
                ConfigError::IdleTimeoutTooShort { idle_timeout }
            }
            heartbeat::Rule::IdleTooLong(idle_timeout) => {
                ConfigError::IdleTimeoutTooLong { idle_timeout }
            }
        }
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
#[non_exhaustive]
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
    /// An open, close or request timeout of zero would fail before the peer could answer.
    ZeroTimeout {
        /// `"open_timeout"`, `"close_timeout"` or `"request_timeout"`.
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
        let c = Config::new("x", b"").with_agent_id(long);
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

#[cfg(test)]
mod secret_tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_password() {
        let c = Config::new("bridge-1", b"s3cr3t-pw");
        let shown = std::format!("{c:?} {c:#?}");
        assert!(shown.contains("bridge-1"), "{shown}");
        assert!(!shown.contains("s3cr3t-pw"), "{shown}");
        // Nor as a list of byte values.
        assert!(!shown.contains("115, 51"), "{shown}");
    }
}
