//! A CTI Server simulator for developing CTI clients without a contact center.
//!
//! ```text
//! cti-sim [--listen ADDR] [--client-id ID] [--password PW | --password-file FILE]
//!     [--open-timeout SECS] [--stop-heartbeats-after N] [--failure-event-after SECS] [--reset-after SECS]
//!     [--events-every MS] [--max-clients N] [--versions MIN-MAX] [--verbose]
//! ```
//!
//! It listens on 127.0.0.1:42027 by default, serves any number of clients at once (one tokio
//! task each, up to `--max-clients`), speaks protocol version 15 through
//! `cti_proto::server::ServerSession` (open validation, heartbeats, close, IdleTimeout), and
//! prints one line per connection event. Fault switches: stop answering heartbeats after N
//! (the session then goes silent), send FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE some seconds
//! after each open, reset each connection some seconds after it was accepted. `--events-every`
//! streams a scripted agent's day (AGENT_STATE_EVENT, BEGIN_CALL_EVENT, END_CALL_EVENT),
//! filtered by each client's masks, numbered per connection (EventReasonCode of
//! AGENT_STATE_EVENT; call k, ConnectionCallID 0x100 + k, is events 5k − 3 and 5k − 1). Each
//! connection logs at most 5 lines a second, counting the rest. The required password may also come from `CTI_PASSWORD`;
//! a connection that has not opened a session within `--open-timeout` seconds (15 by default)
//! is closed.

use cti_tools::sim;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use cti_proto::server::ServerConfig;
use cti_tools::password::Password;

#[derive(Parser, Debug)]
#[command(
    name = "cti-sim",
    about = "CTI Server (GED-188 v15) simulator built on cti_proto::server::ServerSession",
    after_help = "The required ClientPassword comes from --password, else --password-file, else \
                  the environment variable CTI_PASSWORD; without any of them any password is \
                  accepted. Each connection logs at most 5 lines a second; the count of lines \
                  held back is given on the next line written."
)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:42027")]
    listen: SocketAddr,
    /// Require this ClientID (any is accepted without it).
    #[arg(long)]
    client_id: Option<String>,
    /// Require this ClientPassword (any is accepted without it). Visible to other local users
    /// (in the process list): prefer --password-file or CTI_PASSWORD.
    #[arg(long, value_name = "PW")]
    password: Option<String>,
    /// Require the ClientPassword on the first line of FILE (its line ending stripped).
    #[arg(long, value_name = "FILE", conflicts_with = "password")]
    password_file: Option<PathBuf>,
    /// Close a connection that has not opened a session this many seconds after it was
    /// accepted.
    #[arg(long, value_name = "SECS", default_value_t = 15.0)]
    open_timeout: f64,
    /// Answer N heartbeats per session, then stop answering and go silent.
    #[arg(long, value_name = "N")]
    stop_heartbeats_after: Option<u32>,
    /// Send FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE this many seconds after each open.
    #[arg(long, value_name = "SECS")]
    failure_event_after: Option<f64>,
    /// Reset each connection this many seconds after accepting it.
    #[arg(long, value_name = "SECS")]
    reset_after: Option<f64>,
    /// Send a scripted agent or call event every MS milliseconds while a session is open.
    /// Each connection's events are numbered 1, 2, 3, …: AGENT_STATE_EVENT carries the number
    /// in EventReasonCode, call k (ConnectionCallID 0x100 + k) is events 5k - 3 and 5k - 1.
    #[arg(long, value_name = "MS")]
    events_every: Option<u64>,
    /// Refuse connections beyond this many at once.
    #[arg(long, default_value_t = 1000)]
    max_clients: usize,
    /// Accepted OPEN_REQ VersionNumbers, e.g. 15 or 14-15.
    #[arg(long, default_value = "15", value_parser = parse_versions)]
    versions: (u32, u32),
    /// Also log every heartbeat and scripted event.
    #[arg(long)]
    verbose: bool,
}

fn parse_versions(s: &str) -> Result<(u32, u32), String> {
    let (a, b) = s.split_once('-').unwrap_or((s, s));
    let min = a.trim().parse().map_err(|e| format!("{a}: {e}"))?;
    let max = b.trim().parse().map_err(|e| format!("{b}: {e}"))?;
    if min > max {
        return Err(format!("{min} is above {max}"));
    }
    Ok((min, max))
}

fn secs(s: Option<f64>) -> Result<Option<Duration>, String> {
    s.map(|v| Duration::try_from_secs_f64(v).map_err(|e| format!("{v}: {e}")))
        .transpose()
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    env_logger::init();
    let args = Args::parse();
    let open_wait = secs(Some(args.open_timeout))?;
    let mut server = ServerConfig::default()
        .with_open_wait(open_wait)
        .with_versions(args.versions.0, args.versions.1)
        .with_stop_heartbeats_after(args.stop_heartbeats_after)
        .with_unix_time_at_zero(unix_now());
    if let Some(id) = &args.client_id {
        server = server
            .with_client_id(id)
            .map_err(|_| "--client-id is at most 64 bytes")?;
    }
    let password = Password::from_args(args.password.as_deref(), args.password_file.as_deref())?;
    if let Some(pw) = &password {
        server = server
            .with_password(&pw.0)
            .map_err(|_| "the password is at most 64 bytes")?;
    }
    let config = sim::SimConfig {
        server,
        failure_event_after: secs(args.failure_event_after)?,
        reset_after: secs(args.reset_after)?,
        events_every: args.events_every.map(Duration::from_millis),
        max_clients: args.max_clients,
        verbose: args.verbose,
    };
    let log = sim::Log::new("sim", true);
    let _sim = sim::Sim::start(args.listen, config, log).await?;
    // Serve until killed (Ctrl-C).
    std::future::pending::<()>().await;
    Ok(())
}

/// Seconds since 1970, for ICMCentralControllerTime.
fn unix_now() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u32::try_from(d.as_secs()).unwrap_or(u32::MAX))
}
