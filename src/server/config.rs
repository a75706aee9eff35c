//! What a server session accepts and how it answers: versions, credentials, services, the
//! peripherals it reports, and fault switches for simulators.

use core::time::Duration;

use crate::session::limits;
use crate::session::secret::StoredSecret;
use crate::wire::codes::{AgentState, PeripheralType, PgStatus, ServiceMask};
use crate::wire::{Version, HEADER_LEN};

/// Most peripherals a [`ServerConfig`] can list in OPEN_CONF.
pub const MAX_PERIPHERALS: usize = limits::MAX_PERIPHERALS;

/// Longest ClientID or ClientPassword (spec §3.3: STRING 64 / UNSPEC 64).
pub const MAX_CREDENTIAL_LEN: usize = limits::MAX_CREDENTIAL_LEN;

/// One peripheral the server reports: in OPEN_CONF's list and, for All Events sessions, in one
/// SYSTEM_EVENT each right after the open (spec §6.2 step 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PeripheralConfig {
    /// `FltPeripheralID` in OPEN_CONF, `SystemEventArg1` in the SYSTEM_EVENT.
    pub peripheral_id: u32,
    /// 0 single line, 1 multiline (`MultilineAgentControl`).
    pub multiline_agent_control: u16,
    /// SYS_PERIPHERAL_ONLINE when true, SYS_PERIPHERAL_OFFLINE when false.
    pub online: bool,
}

impl PeripheralConfig {
    /// An online, single-line peripheral.
    pub const fn new(peripheral_id: u32) -> Self {
        PeripheralConfig {
            peripheral_id,
            multiline_agent_control: 0,
            online: true,
        }
    }

    /// Sets `MultilineAgentControl`.
    #[must_use]
    pub const fn with_multiline_agent_control(mut self, value: u16) -> Self {
        self.multiline_agent_control = value;
        self
    }

    /// Sets whether it is reported online.
    #[must_use]
    pub const fn with_online(mut self, online: bool) -> Self {
        self.online = online;
        self
    }
}

/// Settings of a [`ServerSession`](super::ServerSession).
///
/// The defaults describe a healthy v15 PG with one UCCE agent peripheral, 5000, that accepts
/// any client and grants every service a client asks for that the spec names. Change them with
/// the `with_*` setters (or assign the public fields); the credentials and peripherals are set
/// only through setters. `Debug` never shows the password.
///
/// ```
/// use cti_proto::server::{PeripheralConfig, ServerConfig};
///
/// let config = ServerConfig::default()
///     .with_credentials("bridge-1", b"secret")?
///     .with_peripherals(&[PeripheralConfig::new(5000), PeripheralConfig::new(5001)])?
///     .with_open_wait(None);
/// assert_eq!(config.peripherals().len(), 2);
/// assert!(!format!("{config:?}").contains("secret"));
/// # Ok::<(), cti_proto::server::ConfigError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServerConfig {
    /// Lowest accepted OPEN_REQ VersionNumber. Default 13.
    ///
    /// The default range is exactly the versions whose layouts the codec's tables hold,
    /// [`Version::SUPPORTED`] (13 to 25); every message of a session is written in its
    /// opened version's layout. Which versions a real server accepts is undocumented (versions
    /// sheet, key facts ⚠): narrow the range to imitate one.
    pub min_version: u32,
    /// Highest accepted VersionNumber. Default 25.
    pub max_version: u32,
    /// If set, OPEN_REQ's ClientID must equal it, else E_CTI_INVALID_PASSWORD.
    client_id: Option<StoredSecret<MAX_CREDENTIAL_LEN>>,
    /// The ClientID as text, for [`ServerConfig::client_id`].
    client_id_text: Option<heapless::String<MAX_CREDENTIAL_LEN>>,
    /// If set, OPEN_REQ's ClientPassword must equal it, else E_CTI_INVALID_PASSWORD.
    client_password: Option<StoredSecret<MAX_CREDENTIAL_LEN>>,
    /// Services this server can grant; ServicesGranted = ServicesRequested & this.
    pub services_supported: ServiceMask,
    /// The peripherals listed in OPEN_CONF.
    peripherals: heapless::Vec<PeripheralConfig, MAX_PERIPHERALS>,
    /// OPEN_CONF and SYSTEM_EVENT PGStatus. Default 0 (normal).
    pub pg_status: PgStatus,
    /// OPEN_CONF PeripheralOnline. Default true.
    pub peripheral_online: bool,
    /// OPEN_CONF PeripheralType. Default PT_ENTERPRISE_AGENT (17), the UCCE agent PG.
    pub peripheral_type: PeripheralType,
    /// OPEN_CONF AgentState for Client Events sessions (the agent's state). Default
    /// AGENT_STATE_NOT_READY. Other sessions get AGENT_STATE_UNKNOWN, as a real server sends
    /// (spec §9).
    pub agent_state: AgentState,
    /// The Unix time (seconds) at `Instant::ZERO` of the caller's timeline: the
    /// ICMCentralControllerTime sent is this plus the session's `now` in whole seconds.
    pub unix_time_at_zero: u32,
    /// Send one SYSTEM_EVENT per peripheral right after OPEN_CONF when CTI_SERVICE_ALL_EVENTS is
    /// granted, as a real server does (spec §6.2 step 5). Default true.
    pub system_events_on_open: bool,
    /// How long to wait for an acceptable OPEN_REQ before failing with
    /// [`FailureReason::OpenTimeout`](super::FailureReason::OpenTimeout). The spec sets no such
    /// limit; this server policy keeps a silent connection from holding a slot forever.
    /// Default 15 s: a real client sends OPEN_REQ at once, so this is ample, and a connection
    /// that never authenticates costs a slot for at most that long. `None` waits forever.
    pub open_wait: Option<Duration>,
    /// Fault switch: answer this many HEARTBEAT_REQs, then stop answering them (they still count
    /// as received for the IdleTimeout). `None` (default) answers all.
    pub stop_heartbeats_after: Option<u32>,
    /// The longest message accepted from the client, header included; longer ones fail the
    /// session from their header alone. Capped by the receive buffer. Default 12 500.
    pub max_message_len: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        let mut peripherals = heapless::Vec::new();
        let _ = peripherals.push(PeripheralConfig::new(5000));
        ServerConfig {
            min_version: Version::V13.0,
            max_version: Version::V25.0,
            client_id: None,
            client_id_text: None,
            client_password: None,
            services_supported: ServiceMask::ALL,
            peripherals,
            pg_status: PgStatus::EMPTY,
            peripheral_online: true,
            peripheral_type: PeripheralType::ENTERPRISE_AGENT,
            agent_state: AgentState::NOT_READY,
            unix_time_at_zero: 0,
            system_events_on_open: true,
            open_wait: Some(limits::DEFAULT_OPEN_WAIT),
            stop_heartbeats_after: None,
            max_message_len: limits::DEFAULT_RECEIVE_LIMIT,
        }
    }
}

impl ServerConfig {
    /// Requires OPEN_REQ to carry this ClientID and ClientPassword.
    pub fn with_credentials(self, client_id: &str, password: &[u8]) -> Result<Self, ConfigError> {
        self.with_client_id(client_id)?.with_password(password)
    }

    /// Requires OPEN_REQ to carry this ClientID, whatever its ClientPassword.
    pub fn with_client_id(mut self, client_id: &str) -> Result<Self, ConfigError> {
        let mut text = heapless::String::new();
        text.push_str(client_id)
            .map_err(|_| ConfigError::CredentialTooLong)?;
        self.client_id =
            Some(StoredSecret::new(client_id.as_bytes()).ok_or(ConfigError::CredentialTooLong)?);
        self.client_id_text = Some(text);
        Ok(self)
    }

    /// Requires OPEN_REQ to carry this ClientPassword, whatever its ClientID.
    pub fn with_password(mut self, password: &[u8]) -> Result<Self, ConfigError> {
        self.client_password =
            Some(StoredSecret::new(password).ok_or(ConfigError::CredentialTooLong)?);
        Ok(self)
    }

    /// The ClientID OPEN_REQ must carry, if one is required.
    pub fn client_id(&self) -> Option<&str> {
        self.client_id_text.as_deref()
    }

    /// True if a ClientPassword is required.
    pub fn requires_password(&self) -> bool {
        self.client_password.is_some()
    }

    /// Lists these peripherals in OPEN_CONF (at most [`MAX_PERIPHERALS`]).
    pub fn with_peripherals(
        mut self,
        peripherals: &[PeripheralConfig],
    ) -> Result<Self, ConfigError> {
        self.peripherals =
            heapless::Vec::from_slice(peripherals).map_err(|_| ConfigError::TooManyPeripherals)?;
        Ok(self)
    }

    /// The peripherals listed in OPEN_CONF.
    pub fn peripherals(&self) -> &[PeripheralConfig] {
        &self.peripherals
    }

    /// Sets the accepted VersionNumber range.
    #[must_use]
    pub const fn with_versions(mut self, min: u32, max: u32) -> Self {
        self.min_version = min;
        self.max_version = max;
        self
    }

    /// Sets the services this server can grant.
    #[must_use]
    pub const fn with_services_supported(mut self, services: ServiceMask) -> Self {
        self.services_supported = services;
        self
    }

    /// Sets PGStatus.
    #[must_use]
    pub const fn with_pg_status(mut self, status: PgStatus) -> Self {
        self.pg_status = status;
        self
    }

    /// Sets PeripheralOnline.
    #[must_use]
    pub const fn with_peripheral_online(mut self, online: bool) -> Self {
        self.peripheral_online = online;
        self
    }

    /// Sets PeripheralType.
    #[must_use]
    pub const fn with_peripheral_type(mut self, peripheral_type: PeripheralType) -> Self {
        self.peripheral_type = peripheral_type;
        self
    }

    /// Sets the AgentState reported to Client Events sessions.
    #[must_use]
    pub const fn with_agent_state(mut self, state: AgentState) -> Self {
        self.agent_state = state;
        self
    }

    /// Sets the Unix time at `Instant::ZERO`.
    #[must_use]
    pub const fn with_unix_time_at_zero(mut self, secs: u32) -> Self {
        self.unix_time_at_zero = secs;
        self
    }

    /// Sets whether SYSTEM_EVENTs follow OPEN_CONF.
    #[must_use]
    pub const fn with_system_events_on_open(mut self, on: bool) -> Self {
        self.system_events_on_open = on;
        self
    }

    /// Sets the wait for OPEN_REQ (`None`: forever).
    #[must_use]
    pub const fn with_open_wait(mut self, wait: Option<Duration>) -> Self {
        self.open_wait = wait;
        self
    }

    /// Sets the heartbeat fault switch.
    #[must_use]
    pub const fn with_stop_heartbeats_after(mut self, n: Option<u32>) -> Self {
        self.stop_heartbeats_after = n;
        self
    }

    /// Sets the longest message accepted.
    #[must_use]
    pub const fn with_max_message_len(mut self, len: usize) -> Self {
        self.max_message_len = len;
        self
    }

    /// True if `client_id` and `password` (one trailing NUL ignored) are the required ones, or
    /// none are required. Both are compared in time independent of their contents, and both
    /// always, so the time does not tell which one was wrong.
    pub(crate) fn credentials_match(&self, client_id: &[u8], password: &[u8]) -> bool {
        let sent = password.strip_suffix(&[0]).unwrap_or(password);
        let id_ok = self
            .client_id
            .as_ref()
            .is_none_or(|id| id.matches(client_id));
        let pw_ok = self
            .client_password
            .as_ref()
            .is_none_or(|pw| pw.matches(sent));
        // Non-short-circuit `&`: both comparisons run.
        id_ok & pw_ok
    }

    /// Checks the settings.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.min_version > self.max_version {
            return Err(ConfigError::EmptyVersionRange);
        }
        // The smallest request is a header and a 4-byte InvokeID; OPEN_REQ needs 44 more.
        if self.max_message_len < HEADER_LEN + 44 {
            return Err(ConfigError::MaxMessageLenTooSmall);
        }
        Ok(())
    }

    /// True if OPEN_REQ VersionNumber `v` is accepted.
    pub fn accepts_version(&self, v: u32) -> bool {
        (self.min_version..=self.max_version).contains(&v)
    }
}

/// A [`ServerConfig`] that cannot work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum ConfigError {
    /// `min_version` is above `max_version`.
    EmptyVersionRange,
    /// `max_message_len` cannot hold an OPEN_REQ.
    MaxMessageLenTooSmall,
    /// A ClientID or password longer than 64 bytes.
    CredentialTooLong,
    /// More than [`MAX_PERIPHERALS`] peripherals.
    TooManyPeripherals,
    /// The session's transmit buffer is below [`MIN_TX`](super::MIN_TX) bytes.
    TransmitBufferTooSmall,
}

impl core::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            ConfigError::EmptyVersionRange => "min_version is above max_version",
            ConfigError::MaxMessageLenTooSmall => "max_message_len cannot hold an OPEN_REQ",
            ConfigError::CredentialTooLong => "ClientID and ClientPassword are at most 64 bytes",
            ConfigError::TooManyPeripherals => "more peripherals than MAX_PERIPHERALS",
            ConfigError::TransmitBufferTooSmall => "the transmit buffer is below MIN_TX bytes",
        })
    }
}

impl core::error::Error for ConfigError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_checked_exactly() {
        let open = ServerConfig::default();
        assert!(open.credentials_match(b"anyone", b"anything"));
        let c = ServerConfig::default()
            .with_credentials("bridge", b"pw")
            .unwrap();
        assert!(c.credentials_match(b"bridge", b"pw"));
        assert!(
            c.credentials_match(b"bridge", b"pw\0"),
            "one trailing NUL is ignored"
        );
        assert!(!c.credentials_match(b"bridge", b"pw\0\0"));
        assert!(!c.credentials_match(b"bridge", b"pW"));
        assert!(!c.credentials_match(b"bridge", b"p"));
        assert!(!c.credentials_match(b"bridge", b""));
        assert!(!c.credentials_match(b"bridgE", b"pw"));
        assert!(!c.credentials_match(b"bridge2", b"pw"));
        let shown = std::format!("{c:?}");
        assert!(
            !shown.contains("pw\"") && !shown.contains("112, 119"),
            "{shown}"
        );
    }

    #[test]
    fn too_many_peripherals_are_refused() {
        let many = [PeripheralConfig::new(1); MAX_PERIPHERALS + 1];
        assert_eq!(
            ServerConfig::default().with_peripherals(&many),
            Err(ConfigError::TooManyPeripherals)
        );
        assert!(ServerConfig::default()
            .with_peripherals(&many[..MAX_PERIPHERALS])
            .is_ok());
    }
}
