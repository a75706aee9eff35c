//! The open handshake, server side: OPEN_REQ validation and the OPEN_CONF and SYSTEM_EVENTs
//! that answer an accepted one (spec §3.3, §3.4, §6.2).

use super::config::ServerConfig;
use crate::wire::codes::{
    AgentState, DeviceIdType, ServiceMask, SessionType, StatusCode, SystemEventId,
};
use crate::wire::session::{OpenConf, OpenReq, SystemEvent};
use crate::wire::{tag, Bool, EncodeError, Floating, FloatingWriter, Time, Version};

use crate::session::heartbeat;
use crate::session::limits::{MAX_PERIPHERALS, NULL_PERIPHERAL_ID};

/// Room for OPEN_CONF's floating part: three agent strings and every peripheral, in the widest
/// (v20+) format.
const OPEN_CONF_FLOATING_MAX: usize = 3 * (4 + 64) + (4 + 2) + MAX_PERIPHERALS * (8 + 6);

/// Checks an OPEN_REQ whose version is already accepted; returns ServicesGranted or the status
/// of the FAILURE_CONF to send. The checks run in this order and the first failing one decides
/// (a real server's order is unobserved):
///
/// 1. a non-zero Reserved1..3 → E_CTI_INVALID_RESERVED_FIELD (22);
/// 2. IdleTimeout under 20 s → E_CTI_INVALID_TIMEOUT (18);
/// 3. bits the OPEN_REQ's version does not define in ServicesRequested, CallMsgMask,
///    AgentStateMask or ConfigMsgMask → 19, 20, 21 or E_INVALID_CONFIG_MSG_MASK (95). Each
///    mask's `valid_bits(version)` says which (versions sheet §6): e.g. CallMsgMask 0xFFFF_FFFF
///    and AgentStateMask 0x3FFF from v24, 0x0FFF_FFFF and 0x3FF in v15;
/// 4. no ClientID or no ClientPassword (an empty password is allowed), or, for Client Events, no
///    PeripheralID or none of AgentExtension/AgentID/AgentInstrument →
///    E_CTI_REQUIRED_DATA_MISSING (6);
/// 5. Client Events for a peripheral the server does not have → E_CTI_INVALID_PERIPHERAL_ID (7);
/// 6. ClientID or ClientPassword not the configured ones → E_CTI_INVALID_PASSWORD (36).
pub(crate) fn check(req: &OpenReq<'_>, config: &ServerConfig) -> Result<ServiceMask, StatusCode> {
    if req.reserved1 != 0 || req.reserved2 != 0 || req.reserved3 != 0 {
        return Err(StatusCode::INVALID_RESERVED_FIELD);
    }
    if !heartbeat::idle_timeout_acceptable(req.idle_timeout) {
        return Err(StatusCode::INVALID_TIMEOUT);
    }
    let version = Version(req.version_number);
    if req.services_requested.invalid_bits(version) != 0 {
        return Err(StatusCode::INVALID_SERVICE_MASK);
    }
    if req.call_msg_mask.invalid_bits(version) != 0 {
        return Err(StatusCode::INVALID_CALL_MSG_MASK);
    }
    if req.agent_state_mask.invalid_bits(version) != 0 {
        return Err(StatusCode::INVALID_AGENT_STATE_MASK);
    }
    if req.config_msg_mask.invalid_bits(version) != 0 {
        return Err(StatusCode::INVALID_CONFIG_MSG_MASK);
    }
    let (Some(client_id), Some(password)) = (req.client_id(), req.client_password()) else {
        return Err(StatusCode::REQUIRED_DATA_MISSING);
    };
    let client_events = req.services_requested.contains(ServiceMask::CLIENT_EVENTS);
    if client_events {
        let agent_named = req.agent_extension().is_some()
            || req.agent_id().is_some()
            || req.agent_instrument().is_some();
        if req.peripheral_id == NULL_PERIPHERAL_ID || !agent_named {
            return Err(StatusCode::REQUIRED_DATA_MISSING);
        }
        if !config
            .peripherals()
            .iter()
            .any(|p| p.peripheral_id == req.peripheral_id)
        {
            return Err(StatusCode::INVALID_PERIPHERAL_ID);
        }
    }
    if !config.credentials_match(client_id.as_bytes(), password) {
        return Err(StatusCode::INVALID_PASSWORD);
    }
    Ok(req.services_requested & config.services_supported)
}

/// Writes OPEN_CONF into `out`: the request's InvokeID, the grant, the configured PG state,
/// the agent fields echoed for Client Events, and the peripheral list.
pub(crate) fn write_open_conf(
    req: &OpenReq<'_>,
    granted: ServiceMask,
    config: &ServerConfig,
    time: Time,
    version: Version,
    out: &mut [u8],
) -> Result<usize, EncodeError> {
    let mut buf = [0u8; OPEN_CONF_FLOATING_MAX];
    let mut w = FloatingWriter::new(&mut buf, version);
    let client_events = granted.contains(ServiceMask::CLIENT_EVENTS);
    if client_events {
        w.put_opt(tag::AGENT_EXTENSION, req.agent_extension())?
            .put_opt(tag::AGENT_ID, req.agent_id())?
            .put_opt(tag::AGENT_INSTRUMENT, req.agent_instrument())?;
    }
    let count = u16::try_from(config.peripherals().len()).unwrap_or(u16::MAX);
    w.put(tag::NUM_PERIPHERALS, count)?;
    for p in config.peripherals() {
        w.put(tag::PERIPHERAL_ID, p.peripheral_id)?
            .put(tag::MULTI_LINE_AGENT_CONTROL, p.multiline_agent_control)?;
    }
    let floating = w.finish();
    OpenConf {
        invoke_id: req.invoke_id,
        services_granted: granted,
        monitor_id: 0,
        pg_status: config.pg_status,
        icm_central_controller_time: time,
        peripheral_online: Bool::from(config.peripheral_online),
        peripheral_type: config.peripheral_type,
        agent_state: if client_events {
            config.agent_state
        } else {
            AgentState::UNKNOWN
        },
        // v19+: the simulated PG has no departments (0). v24+: a single server is the active
        // side (versions sheet §4.3 rule 4). Neither is written in versions without it.
        department_id: Some(0),
        session_type: Some(SessionType::ACTIVE),
        floating,
    }
    .encode(version, out)
}

/// Writes the SYSTEM_EVENT that reports one peripheral's status after the open.
pub(crate) fn write_peripheral_event(
    peripheral: &super::config::PeripheralConfig,
    config: &ServerConfig,
    time: Time,
    version: Version,
    out: &mut [u8],
) -> Result<usize, EncodeError> {
    SystemEvent {
        pg_status: config.pg_status,
        icm_central_controller_time: time,
        system_event_id: if peripheral.online {
            SystemEventId::PERIPHERAL_ONLINE
        } else {
            SystemEventId::PERIPHERAL_OFFLINE
        },
        system_event_arg1: peripheral.peripheral_id,
        system_event_arg2: 0,
        system_event_arg3: 0,
        event_device_type: DeviceIdType::NONE,
        floating: Floating::EMPTY,
    }
    .encode(version, out)
}
