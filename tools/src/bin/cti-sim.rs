//! A CTI Server simulator for developing CTI clients without a contact center.
//!
//! ```text
//! cti-sim [--listen ADDR] [--client-id ID] [--password PW | --password-file FILE]
//!     [--open-timeout SECS] [--stop-heartbeats-after N] [--failure-event-after SECS] [--reset-after SECS]
//!     [--events-every MS] [--max-clients N] [--versions MIN-MAX] [--verbose]
//!     [--agents N | --agents-file FILE] [--call-rate PER_MIN] [--talk-time SECS]
//!     [--ring-time SECS] [--login-all]
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
//! is closed. SIGTERM or Ctrl-C ends every connection (each logs its count of events sent) and
//! exits.
//!
//! With `--agents` or `--agents-file` it models a contact centre (`cti_tools::cc`): agent and
//! call control requests get the confirmation the spec gives and the events a peripheral
//! produces, and `--call-rate` offers inbound calls to available agents.

use cti_tools::sim;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use cti_proto::server::ServerConfig;
use cti_tools::cc::{AgentSpec, CcConfig};
use cti_tools::password::Password;

#[derive(Parser, Debug)]
#[command(
    name = "cti-sim",
    about = "CTI Server (GED-188 v15) simulator built on cti_proto::server::ServerSession",
    after_help = "The required ClientPassword comes from --password, else --password-file, else \
                  the environment variable CTI_PASSWORD; without any of them any password is \
                  accepted. Each connection logs at most 5 lines a second; the count of lines \
                  held back is given on the next line written. A connection's last line gives \
                  the number of events sent on it (`#3 disconnected: ...; 42 events sent`). \
                  SIGTERM or Ctrl-C ends every connection and exits."
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
    /// Connections at once at most. When full, the oldest connection that has not opened a
    /// session yet is closed for the new one; only when all have opened is the new one refused.
    #[arg(long, default_value_t = 1000)]
    max_clients: usize,
    /// Accepted OPEN_REQ VersionNumbers, e.g. 15 or 14-15, within 13-25 (the versions whose
    /// layouts the simulator speaks).
    #[arg(long, default_value = "15", value_parser = parse_versions)]
    versions: (u32, u32),
    /// Also log every heartbeat and scripted event.
    #[arg(long)]
    verbose: bool,
    /// Model a contact centre of N generated agents (AgentIDs 1001.., extensions and
    /// instruments 2001.., in skill groups 1 and 2 alternately), all logged out at start.
    #[arg(long, value_name = "N", conflicts_with = "agents_file")]
    agents: Option<usize>,
    /// Model a contact centre of the agents listed in FILE, one a line:
    /// `AGENT_ID EXTENSION INSTRUMENT SKILL_GROUPS` separated by blanks, SKILL_GROUPS a
    /// comma-separated list of skill group numbers; blank lines and lines starting with `#`
    /// are ignored. Example line: `1001 2001 2001 1,2`.
    #[arg(long, value_name = "FILE")]
    agents_file: Option<PathBuf>,
    /// Offer this many inbound calls a minute to available agents (the one available longest
    /// gets the call; with none available the call is lost).
    #[arg(long, value_name = "PER_MIN", default_value_t = 0)]
    call_rate: u32,
    /// How long an answered inbound call lasts before the caller hangs up.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    talk_time: f64,
    /// How long an offered call rings unanswered before it is taken back.
    #[arg(long, value_name = "SECS", default_value_t = 15.0)]
    ring_time: f64,
    /// Log every agent in, make it available and answer offered calls automatically, so the
    /// contact centre has traffic without any desktop.
    #[arg(long)]
    login_all: bool,
}

fn parse_versions(s: &str) -> Result<(u32, u32), String> {
    let (a, b) = s.split_once('-').unwrap_or((s, s));
    let min = a.trim().parse().map_err(|e| format!("{a}: {e}"))?;
    let max = b.trim().parse().map_err(|e| format!("{b}: {e}"))?;
    if min > max {
        return Err(format!("{min} is above {max}"));
    }
    let supported = cti_proto::wire::Version::SUPPORTED;
    for v in [min, max] {
        if !supported.contains(&v) {
            return Err(format!(
                "version {v} is not spoken here: versions {} to {} are",
                supported.start(),
                supported.end()
            ));
        }
    }
    Ok((min, max))
}

fn secs(s: Option<f64>) -> Result<Option<Duration>, String> {
    s.map(|v| Duration::try_from_secs_f64(v).map_err(|e| format!("{v}: {e}")))
        .transpose()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    env_logger::init();
    let args = Args::parse();
    // The contact centre's engine keeps a large model: room on the workers' stacks.
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(16 << 20)
        .build()?
        .block_on(serve(args))
}

/// The contact centre the arguments describe, if any.
fn centre(args: &Args) -> Result<Option<CcConfig>, Box<dyn std::error::Error>> {
    let agents = match (&args.agents, &args.agents_file) {
        (Some(n), _) => AgentSpec::generated(*n, 2),
        (None, Some(path)) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            AgentSpec::parse_list(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
        (None, None) => return Ok(None),
    };
    let talk_time = secs(Some(args.talk_time))?.unwrap_or_default();
    let ring_time = secs(Some(args.ring_time))?.unwrap_or_default();
    Ok(Some(CcConfig {
        agents,
        call_rate_per_min: args.call_rate,
        talk_time,
        ring_time,
        auto_answer: args.login_all,
        ..CcConfig::default()
    }))
}

async fn serve(args: Args) -> Result<(), Box<dyn std::error::Error>> {
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
        centre: centre(&args)?,
        login_all: args.login_all,
    };
    let log = sim::Log::new("sim", true);
    let sim = sim::Sim::start(args.listen, config, log.clone()).await?;
    // Serve until SIGTERM or Ctrl-C, then end every connection (each logs its last line, with
    // its count of events sent) and exit.
    stopped().await?;
    log.line(format_args!("stopping"));
    sim.stop();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    while sim.stats.active.load(std::sync::atomic::Ordering::Relaxed) > 0
        && tokio::time::Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    Ok(())
}

/// Waits for SIGTERM or Ctrl-C (SIGINT).
async fn stopped() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            _ = term.recv() => Ok(()),
            r = tokio::signal::ctrl_c() => r,
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
    }
}

/// Seconds since 1970, for ICMCentralControllerTime.
fn unix_now() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u32::try_from(d.as_secs()).unwrap_or(u32::MAX))
}
