//! What a server session accepts and how it answers: versions, credentials, services, the
//! peripherals it reports, and fault switches for simulators.

use core::time::Duration;

use crate::wire::codes::{AgentState, PeripheralType, PgStatus, ServiceMask};
use crate::wire::{Decoder, Version, HEADER_LEN};

/// Most peripherals a [`ServerConfig`] can list in OPEN_CONF.
pub const MAX_PERIPHERALS: usize = 8;

/// Longest ClientID or ClientPassword (spec §3.3: STRING 64 / UNSPEC 64).
pub const MAX_CREDENTIAL_LEN: usize = 64;

/// One peripheral the server reports: in OPEN_CONF's list and, for All Events sessions, in one
/// SYSTEM_EVENT each right after the open (spec §6.2 step 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeripheralConfig {
    /// `FltPeripheralID` in OPEN_CONF, `SystemEventArg1` in the SYSTEM_EVENT.
    pub peripheral_id: u32,
    /// 0 single line, 1 multiline (`MultilineAgentControl`).
    pub multiline_agent_control: u16,
    /// SYS_PERIPHERAL_ONLINE when true, SYS_PERIPHERAL_OFFLINE when false.
    pub online: bool,
}

/// Settings of a [`ServerSession`](super::ServerSession).
///
/// The defaults describe a healthy v15 PG with one UCCE agent peripheral, 5000, that accepts
/// any client and grants every service a client asks for that the spec names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerConfig {
    /// Lowest accepted OPEN_REQ VersionNumber. Default 15.
    ///
    /// Which versions a real 8.5 CTI Server accepts besides 15 is undocumented (spec §5.14 ⚠).
    /// This crate's fixed layouts are those of v15, so the default range is 15 alone; widening
    /// it lets v14 or v20+ clients in with v15 layouts (and two-byte floating tags from 20 on).
    pub min_version: u32,
    /// Highest accepted VersionNumber. Default 15.
    pub max_version: u32,
    /// If set, OPEN_REQ's ClientID must equal it, else E_CTI_INVALID_PASSWORD.
    pub client_id: Option<heapless::String<MAX_CREDENTIAL_LEN>>,
    /// If set, OPEN_REQ's ClientPassword must equal it, else E_CTI_INVALID_PASSWORD. ClientPassword
    /// is UNSPEC; one trailing NUL on the received value is ignored, because real clients send
    /// it NUL-terminated (spec §9) and others do not.
    pub client_password: Option<heapless::Vec<u8, MAX_CREDENTIAL_LEN>>,
    /// Services this server can grant; ServicesGranted = ServicesRequested & this.
    pub services_supported: ServiceMask,
    /// The peripherals listed in OPEN_CONF (NumPeripherals, FltPeripheralID,
    /// MultilineAgentControl).
    pub peripherals: heapless::Vec<PeripheralConfig, MAX_PERIPHERALS>,
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
    /// Default 60 s, twice the open timeout clients use; `None` waits forever.
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
        let _ = peripherals.push(PeripheralConfig {
            peripheral_id: 5000,
            multiline_agent_control: 0,
            online: true,
        });
        ServerConfig {
            min_version: Version::V15.0,
            max_version: Version::V15.0,
            client_id: None,
            client_password: None,
            services_supported: ServiceMask::ALL,
            peripherals,
            pg_status: PgStatus::EMPTY,
            peripheral_online: true,
            peripheral_type: PeripheralType::ENTERPRISE_AGENT,
            agent_state: AgentState::NOT_READY,
            unix_time_at_zero: 0,
            system_events_on_open: true,
            open_wait: Some(Duration::from_secs(60)),
            stop_heartbeats_after: None,
            max_message_len: Decoder::DEFAULT_MAX_MESSAGE_LEN,
        }
    }
}

impl ServerConfig {
    /// Requires OPEN_REQ to carry this ClientID and ClientPassword.
    pub fn with_credentials(
        mut self,
        client_id: &str,
        password: &[u8],
    ) -> Result<Self, ConfigError> {
        let mut id = heapless::String::new();
        id.push_str(client_id)
            .map_err(|_| ConfigError::CredentialTooLong)?;
        self.client_id = Some(id);
        self.client_password =
            Some(heapless::Vec::from_slice(password).map_err(|_| ConfigError::CredentialTooLong)?);
        Ok(self)
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
pub enum ConfigError {
    /// `min_version` is above `max_version`.
    EmptyVersionRange,
    /// `max_message_len` cannot hold an OPEN_REQ.
    MaxMessageLenTooSmall,
    /// A ClientID or password longer than 64 bytes.
    CredentialTooLong,
    /// The session's transmit buffer is below [`MIN_TX`](super::MIN_TX) bytes.
    TransmitBufferTooSmall,
}

impl core::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            ConfigError::EmptyVersionRange => "min_version is above max_version",
            ConfigError::MaxMessageLenTooSmall => "max_message_len cannot hold an OPEN_REQ",
            ConfigError::CredentialTooLong => "ClientID and ClientPassword are at most 64 bytes",
            ConfigError::TransmitBufferTooSmall => "the transmit buffer is below MIN_TX bytes",
        })
    }
}

impl core::error::Error for ConfigError {}
