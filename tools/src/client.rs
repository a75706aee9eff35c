//! `cti-client` on the crate's blocking driver: command line, event lines, and the loop over
//! `cti_proto::blocking::Client` (which owns the socket and reconnects). Kept apart from `main`
//! so the loopback tests run it against a real socket.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use cti_proto::blocking::Client;
use cti_proto::client::{Config, Event, FailureReason, Outcome};
use cti_proto::driver::ClientEvent;
use cti_proto::wire::codes::{AgentStateMask, CallMsgMask, ServiceMask};
use cti_proto::wire::{Message, MessageDump, Version};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::Value;

use crate::password::Password;
use crate::render;

/// The heartbeat interval the tool uses unless `--heartbeat` says otherwise, in seconds. The
/// library's default is the spec's (no heartbeats); a tool left running wants to notice a dead
/// server: at 30 s it does within two minutes (three unconfirmed, then a failure).
pub const DEFAULT_HEARTBEAT_SECS: u64 = 30;

/// The command line (DESIGN.md, "Tools' command-line contracts").
#[derive(Parser, Clone, Debug)]
#[command(
    name = "cti-client",
    about = "A CTI Server (GED-188 v15) client over TCP: one line per session event.",
    after_help = "The ClientPassword comes from --password, else --password-file, else the \
                  environment variable CTI_PASSWORD, else it is empty.\n\nWithout --once the \
                  client reconnects after a failure, alternating --server and --server-b by the \
                  spec's schedule; with --once it exits after the first failure (status 2) or \
                  clean close (status 0). TCP_NODELAY and TCP keepalive are on."
)]
pub struct Args {
    /// Side A's CTI Server.
    #[arg(long = "server", value_name = "HOST:PORT")]
    pub server_a: String,
    /// Side B's CTI Server, tried after side A fails.
    #[arg(long, value_name = "HOST:PORT")]
    pub server_b: Option<String>,
    /// ClientID, password, heartbeat and services.
    #[command(flatten)]
    pub session: SessionArgs,
    /// One JSON object per event instead of a line of text.
    #[arg(long)]
    pub json: bool,
    /// Exit after the first failure or close instead of reconnecting.
    #[arg(long)]
    pub once: bool,
}

/// The session flags every client tool takes (`cti-client`, `cti-bridge`).
#[derive(clap::Args, Clone, Debug)]
pub struct SessionArgs {
    /// ClientID.
    #[arg(long, value_name = "ID")]
    pub client_id: String,
    /// ClientPassword. Visible to other local users (in the process list): prefer
    /// --password-file or CTI_PASSWORD.
    #[arg(long, value_name = "PW")]
    pub password: Option<String>,
    /// Read the ClientPassword from the first line of FILE (its line ending stripped).
    #[arg(long, value_name = "FILE", conflicts_with = "password")]
    pub password_file: Option<PathBuf>,
    /// Heartbeat interval in seconds (the spec's minimum is 5); -1 turns heartbeats off.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_HEARTBEAT_SECS as i64,
          allow_negative_numbers = true, value_parser = parse_heartbeat)]
    pub heartbeat: i64,
    /// ServicesRequested, decimal or 0x-hex.
    #[arg(long, value_name = "MASK", default_value = "0x10", value_parser = parse_mask)]
    pub services: u32,
}

impl SessionArgs {
    /// The password the flags (or `env`, the value of `CTI_PASSWORD`) give; empty without
    /// any.
    pub fn password(&self, env: Option<Vec<u8>>) -> Result<Password, String> {
        Password::resolve(self.password.as_deref(), self.password_file.as_deref(), env)
            .map(Option::unwrap_or_default)
    }

    /// `--heartbeat` in seconds; `None` for `-1`.
    pub fn heartbeat_secs(&self) -> Option<u64> {
        u64::try_from(self.heartbeat).ok()
    }
}

/// The session settings of a tool that passes events on: every call event and agent state
/// v15 defines, as real CTI OS bridges ask (spec §9).
pub fn session_config<'a>(
    client_id: &'a str,
    password: &'a Password,
    heartbeat_secs: Option<u64>,
    services: u32,
) -> Config<'a> {
    Config::new(client_id, &password.0)
        .with_services_requested(ServiceMask(services))
        .with_call_msg_mask(CallMsgMask::ALL)
        .with_agent_state_mask(AgentStateMask::ALL)
        .with_heartbeat_interval(heartbeat_secs.map(Duration::from_secs))
}

/// `--heartbeat`: seconds, or -1 for none.
pub fn parse_heartbeat(s: &str) -> Result<i64, String> {
    match s.parse::<i64>() {
        Ok(v) if v >= -1 => Ok(v),
        _ => Err(format!("not a number of seconds (or -1): {s}")),
    }
}

/// A mask flag: decimal or 0x-hex.
pub fn parse_mask(s: &str) -> Result<u32, String> {
    match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(hex) => u32::from_str_radix(hex, 16),
        None => s.parse(),
    }
    .map_err(|_| format!("not a mask: {s}"))
}

/// What the command line asks for, the password resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Side A's address.
    pub server_a: String,
    /// Side B's address, if any.
    pub server_b: Option<String>,
    /// ClientID.
    pub client_id: String,
    /// ClientPassword.
    pub password: Password,
    /// Heartbeat interval in seconds; `None` (`--heartbeat -1`) disables heartbeats.
    pub heartbeat: Option<u64>,
    /// ServicesRequested.
    pub services: u32,
    /// JSON lines.
    pub json: bool,
    /// Exit after the first session.
    pub once: bool,
}

/// Parses the arguments after the program name; the password may come from `CTI_PASSWORD`.
pub fn parse(args: &[String]) -> Result<Options, String> {
    parse_with_env(args, crate::password::env_password())
}

/// [`parse`] with the value of `CTI_PASSWORD` given.
pub fn parse_with_env(args: &[String], env_password: Option<Vec<u8>>) -> Result<Options, String> {
    let argv = std::iter::once("cti-client").chain(args.iter().map(String::as_str));
    let a = Args::try_parse_from(argv).map_err(|e| e.to_string())?;
    Options::from_args(a, env_password)
}

impl Options {
    /// Resolves the password of parsed arguments.
    pub fn from_args(a: Args, env_password: Option<Vec<u8>>) -> Result<Options, String> {
        let password = a.session.password(env_password)?;
        Ok(Options {
            server_a: a.server_a,
            server_b: a.server_b,
            heartbeat: a.session.heartbeat_secs(),
            client_id: a.session.client_id,
            password,
            services: a.session.services,
            json: a.json,
            once: a.once,
        })
    }

    /// The session settings these options ask for: [`session_config`].
    pub fn config(&self) -> Config<'_> {
        session_config(
            &self.client_id,
            &self.password,
            self.heartbeat,
            self.services,
        )
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
            // Driver events added later change nothing here.
            _ => None,
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
            let peripherals: Vec<Value> = c
                .peripherals()
                .filter_map(|p| p.flt_peripheral_id())
                .map(Value::from)
                .collect();
            let fields = [
                ("services_granted", c.services_granted.0.into()),
                ("pg_status", c.pg_status.0.into()),
                ("monitor_id", c.monitor_id.into()),
                ("peripheral_online", c.peripheral_online.get().into()),
                ("peripheral_type", c.peripheral_type.0.into()),
                ("agent_state", c.agent_state.0.into()),
                ("peripherals", Value::Array(peripherals)),
            ];
            line(json, "opened", &fields)
        }
        (Event::Message(m), _) => message_line(m, json),
        (
            Event::Completed {
                invoke_id,
                request,
                outcome,
            },
            _,
        ) => {
            let mut fields = vec![
                ("invoke_id", invoke_id.0.into()),
                ("request", request.to_string().into()),
            ];
            match outcome {
                Outcome::Conf(m) => {
                    fields.push(("outcome", "conf".into()));
                    fields.push(("type", m.message_type().to_string().into()));
                }
                Outcome::Failure(status) => {
                    fields.push(("outcome", "failure".into()));
                    fields.push(("status", status.to_string().into()));
                }
                Outcome::ControlFailure {
                    code,
                    peripheral_error,
                } => {
                    fields.push(("outcome", "control_failure".into()));
                    fields.push(("code", code.0.into()));
                    fields.push(("peripheral_error", (*peripheral_error).into()));
                }
                Outcome::TimedOut => fields.push(("outcome", "timed_out".into())),
                _ => fields.push(("outcome", "other".into())),
            }
            line(json, "completed", &fields)
        }
        (Event::SessionFailed(reason), _) => line(
            json,
            "session_failed",
            &[
                ("reason", reason.name().into()),
                ("detail", reason.to_string().into()),
            ],
        ),
        (Event::Closed, _) => line(json, "closed", &[]),
        (_, _) => line(json, "other", &[]),
    }
}

/// A received message as `ctidump` renders it: `{"event":"message","type":...,"type_id":...,
/// "len":...,"fields":{...}}` (floating fields included), or its text line. The session hands
/// out a decoded view, so the message is encoded again to render the bytes it came as.
fn message_line(m: &Message<'_>, json: bool) -> String {
    let version = Version::V15;
    let mut bytes = Vec::new();
    let body = render::encoded_body(m, version, &mut bytes);
    if json {
        /// `{"event":"message"}` and the message's own members after it.
        #[derive(Serialize)]
        struct MessageEvent<'b> {
            event: &'static str,
            #[serde(flatten)]
            message: MessageDump<'b>,
        }
        to_json(&MessageEvent {
            event: "message",
            message: m.dump(body, version),
        })
    } else {
        format!("message {}", render::text_line(m, body, version))
    }
}

/// `{"event":"name","k":v,...}` with `--json`, else `name k=v ...` (strings unquoted).
fn line(json: bool, event: &str, fields: &[(&str, Value)]) -> String {
    if json {
        /// The members in the order given, after `event`.
        struct Line<'a>(&'a str, &'a [(&'a str, Value)]);

        impl Serialize for Line<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.1.len() + 1))?;
                m.serialize_entry("event", self.0)?;
                for (k, v) in self.1 {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
        to_json(&Line(event, fields))
    } else {
        let mut s = event.to_string();
        for (k, v) in fields {
            match v {
                Value::String(text) => s.push_str(&format!(" {k}={text}")),
                v => s.push_str(&format!(" {k}={v}")),
            }
        }
        s
    }
}

/// A value as compact JSON. The tool's values serialize without fail (string keys, no
/// custom errors); were one not to, the line says so rather than stop the client.
fn to_json(v: &impl Serialize) -> String {
    serde_json::to_string(v).unwrap_or_else(|e| {
        let mut error = serde_json::Map::new();
        error.insert("event".into(), "error".into());
        error.insert("detail".into(), e.to_string().into());
        Value::Object(error).to_string()
    })
}
