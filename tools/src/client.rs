//! `cti-client` on the crate's blocking driver: command line, event lines, and the loop over
//! `cti_proto::blocking::Client` (which owns the socket and reconnects). Kept apart from `main`
//! so the loopback tests run it against a real socket.

#![allow(dead_code)]

use std::io::Write;
use std::time::Duration;

use cti_proto::blocking::{Client, ClientEvent};
use cti_proto::client::{Config, Event, FailureReason, Outcome};
use cti_proto::wire::codes::{AgentStateMask, CallMsgMask, ServiceMask};
use cti_proto::wire::{Message, MessageSpec, Scalar, Version, HEADER_LEN};

/// The command-line contract (DESIGN.md).
pub const USAGE: &str = "usage: cti-client --server HOST:PORT [--server-b HOST:PORT] \
--client-id ID [--password PW] [--heartbeat SECS] [--services MASK] [--json] [--once]";

/// Parsed command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub server_a: String,
    pub server_b: Option<String>,
    pub client_id: String,
    pub password: String,
    /// Heartbeat interval in seconds; `None` (or `--heartbeat -1`) disables heartbeats.
    pub heartbeat: Option<u64>,
    pub services: u32,
    pub json: bool,
    pub once: bool,
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Options, String> {
    let mut server_a = None;
    let mut opts = Options {
        server_a: String::new(),
        server_b: None,
        client_id: String::new(),
        password: String::new(),
        heartbeat: None,
        services: ServiceMask::ALL_EVENTS.0,
        json: false,
        once: false,
    };
    let mut client_id = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--server" => server_a = Some(value()?),
            "--server-b" => opts.server_b = Some(value()?),
            "--client-id" => client_id = Some(value()?),
            "--password" => opts.password = value()?,
            "--heartbeat" => {
                let v = value()?;
                opts.heartbeat = match v.parse::<i64>() {
                    Ok(-1) => None,
                    Ok(s) if s >= 0 => Some(s as u64),
                    _ => return Err(format!("--heartbeat: not a number of seconds: {v}")),
                };
            }
            "--services" => {
                let v = value()?;
                let parsed = match v.strip_prefix("0x").or_else(|| v.strip_prefix("0X")) {
                    Some(hex) => u32::from_str_radix(hex, 16),
                    None => v.parse(),
                };
                opts.services = parsed.map_err(|_| format!("--services: not a mask: {v}"))?;
            }
            "--json" => opts.json = true,
            "--once" => opts.once = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    opts.server_a = server_a.ok_or("--server is required")?;
    opts.client_id = client_id.ok_or("--client-id is required")?;
    Ok(opts)
}

impl Options {
    /// The session settings these options ask for. A tool that prints events wants all of
    /// them: every call event and agent state v15 defines, as real CTI OS bridges ask (spec §9).
    pub fn config(&self) -> Config<'_> {
        Config::new(&self.client_id, self.password.as_bytes())
            .with_services_requested(ServiceMask(self.services))
            .with_call_msg_mask(CallMsgMask::ALL)
            .with_agent_state_mask(AgentStateMask::ALL)
            .with_heartbeat_interval(self.heartbeat.map(Duration::from_secs))
    }
}

/// How one session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    Failed(FailureReason),
    Closed,
}

/// Runs sessions until `--once` says stop; returns the exit status. The socket, the clock and
/// the side A / side B reconnect schedule are the crate's blocking driver,
/// `cti_proto::blocking::Client`: TCP_NODELAY, linger 0 after a failure.
pub fn run(opts: &Options, out: &mut dyn Write) -> i32 {
    let config = opts.config();
    let mut servers = vec![opts.server_a.as_str()];
    servers.extend(opts.server_b.as_deref());
    let mut client = match Client::connect(&config, &servers) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cti-client: {e}");
            return 1;
        }
    };
    // The server of the current attempt, and whether its TCP connection is up.
    let mut server = String::new();
    let mut connected = false;
    loop {
        let event = match client.next_event() {
            Ok(Some(event)) => event,
            Ok(None) => return 0,
            Err(e) => {
                eprintln!("cti-client: {e}");
                return 2;
            }
        };
        let ended = match event {
            ClientEvent::Connecting {
                side,
                server: addr,
                delay,
            } => {
                if !delay.is_zero() {
                    eprintln!("cti-client: waiting {delay:?}");
                }
                eprintln!("cti-client: connecting to side {side:?} ({addr})");
                server = addr.to_string();
                None
            }
            ClientEvent::Connected { .. } => {
                connected = true;
                None
            }
            ClientEvent::HeartbeatSent { .. } | ClientEvent::HeartbeatConfirmed { .. } => None,
            // No connection, no session: a line on stderr, as for any connect error.
            ClientEvent::Session(Event::SessionFailed(reason)) if !connected => {
                eprintln!("cti-client: {server}: {reason}");
                Some(Ended::Failed(reason))
            }
            ClientEvent::Session(event) => {
                let _ = writeln!(out, "{}", format_event(&event, opts.json));
                let _ = out.flush();
                match event {
                    Event::SessionFailed(reason) => Some(Ended::Failed(reason)),
                    Event::Closed => Some(Ended::Closed),
                    _ => None,
                }
            }
        };
        if let Some(ended) = ended {
            connected = false;
            if opts.once {
                return match ended {
                    Ended::Closed => 0,
                    Ended::Failed(_) => 2,
                };
            }
        }
    }
}

/// One output line for an event.
pub fn format_event(event: &Event<'_>, json: bool) -> String {
    match (event, json) {
        (Event::Opened(c), _) => {
            let peripherals: Vec<String> = c
                .peripherals()
                .filter_map(|p| p.flt_peripheral_id())
                .map(|id| id.to_string())
                .collect();
            let fields = [
                ("services_granted", c.services_granted.0.to_string()),
                ("pg_status", c.pg_status.0.to_string()),
                ("monitor_id", c.monitor_id.to_string()),
                ("peripheral_online", c.peripheral_online.get().to_string()),
                ("peripheral_type", c.peripheral_type.0.to_string()),
                ("agent_state", c.agent_state.0.to_string()),
                ("peripherals", format!("[{}]", peripherals.join(","))),
            ];
            line(json, "opened", &fields)
        }
        (Event::Message(m), _) => line(json, "message", &message_fields(m)),
        (
            Event::Completed {
                invoke_id,
                request,
                outcome,
            },
            _,
        ) => {
            let mut fields = vec![
                ("invoke_id", invoke_id.0.to_string()),
                ("request", quote(&request.to_string())),
            ];
            match outcome {
                Outcome::Conf(m) => {
                    fields.push(("outcome", quote("conf")));
                    fields.push(("type", quote(&m.message_type().to_string())));
                }
                Outcome::Failure(status) => {
                    fields.push(("outcome", quote("failure")));
                    fields.push(("status", quote(&status.to_string())));
                }
                Outcome::ControlFailure {
                    code,
                    peripheral_error,
                } => {
                    fields.push(("outcome", quote("control_failure")));
                    fields.push(("code", code.0.to_string()));
                    fields.push(("peripheral_error", peripheral_error.to_string()));
                }
                Outcome::TimedOut => fields.push(("outcome", quote("timed_out"))),
                _ => fields.push(("outcome", quote("other"))),
            }
            line(json, "completed", &fields)
        }
        (Event::SessionFailed(reason), _) => line(
            json,
            "session_failed",
            &[
                ("reason", quote(reason.name())),
                ("detail", quote(&reason.to_string())),
            ],
        ),
        (Event::Closed, _) => line(json, "closed", &[]),
        (_, _) => line(json, "other", &[]),
    }
}

fn message_fields(m: &Message<'_>) -> Vec<(&'static str, String)> {
    let t = m.message_type();
    let name = t.name().unwrap_or("UNKNOWN");
    let mut fields = vec![("type", quote(name)), ("type_id", t.0.to_string())];
    if let Some(spec) = m.spec() {
        fields.push(("fields", fixed_fields(m, spec)));
    }
    fields
}

/// The fixed part as a JSON object, keys in snake_case, values as numbers: read back from the
/// message's own encoding with the layout table, so every known type prints the same way.
fn fixed_fields(m: &Message<'_>, spec: &MessageSpec) -> String {
    let mut bytes = vec![0u8; m.encoded_len(Version::V15)];
    let _ = m.encode(Version::V15, &mut bytes);
    let mut at = HEADER_LEN;
    let mut parts = Vec::new();
    for f in spec.fixed {
        let size = f.kind.scalar.size();
        let Some(raw) = bytes.get(at..at + size) else {
            break;
        };
        at += size;
        let unsigned = raw.iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b));
        let value = match f.kind.scalar {
            Scalar::I32 => (unsigned as u32 as i32).to_string(),
            _ => unsigned.to_string(),
        };
        parts.push(format!("\"{}\":{value}", snake_case(f.name)));
    }
    format!("{{{}}}", parts.join(","))
}

/// A spec field name as `ctidump --json` writes it: snake case the way the `heck` crate
/// writes it (`InvokeID` -> `invoke_id`, `PGStatus` -> `pg_status`).
pub fn snake_case(name: &str) -> String {
    heck::ToSnakeCase::to_snake_case(name)
}

/// `{"event":"name","k":v,...}` with `--json`, else `name k=v ...` (strings unquoted).
fn line(json: bool, event: &str, fields: &[(&str, String)]) -> String {
    if json {
        let mut s = format!("{{\"event\":\"{event}\"");
        for (k, v) in fields {
            s.push_str(&format!(",\"{k}\":{v}"));
        }
        s.push('}');
        s
    } else {
        let mut s = event.to_string();
        for (k, v) in fields {
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(v);
            s.push_str(&format!(" {k}={}", v.replace("\\\"", "\"")));
        }
        s
    }
}

/// A JSON string literal.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
