//! A CTI client on tokio, built on the crate's tokio driver `cti_proto::tokio::Client` (see
//! `support/tokio_client.rs`).
//!
//! ```text
//! cargo run --bin tokio-client -- [--server ADDR] [--client-id ID] [--password PW]
//!     [--heartbeat SECS] [--services MASK] [--once]
//! ```
//!
//! One timestamped line per event; after a failure it reconnects after a short pause, until
//! Ctrl-C (or, with `--once`, exits with status 2). Try it against `cargo run --bin cti-sim`.

use cti_tools::tokio_client;

use std::time::Duration;

use clap::Parser;
use cti_proto::client::Config;
use cti_proto::wire::codes::{AgentStateMask, CallMsgMask, ServiceMask};
use tokio_client::{Ended, Report};

#[derive(Parser, Debug)]
#[command(about = "CTI client (GED-188 v15) on tokio, built on cti_proto::client::Session")]
struct Args {
    /// CTI Server address.
    #[arg(long, default_value = "127.0.0.1:42027")]
    server: String,
    /// ClientID.
    #[arg(long, default_value = "tokio-client")]
    client_id: String,
    /// ClientPassword.
    #[arg(long, default_value = "")]
    password: String,
    /// Heartbeat interval in seconds (at least 5; -1 disables heartbeats).
    #[arg(long, default_value_t = 5, allow_negative_numbers = true)]
    heartbeat: i64,
    /// ServicesRequested, decimal or 0x-hex.
    #[arg(long, default_value = "0x10", value_parser = parse_mask)]
    services: u32,
    /// Stop after the first session instead of reconnecting.
    #[arg(long)]
    once: bool,
}

fn parse_mask(s: &str) -> Result<u32, String> {
    match s.strip_prefix("0x") {
        Some(hex) => u32::from_str_radix(hex, 16),
        None => s.parse(),
    }
    .map_err(|e| format!("{s}: {e}"))
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let config = Config::new(&args.client_id, args.password.as_bytes())
        .with_services_requested(ServiceMask(args.services))
        .with_call_msg_mask(CallMsgMask::ALL)
        .with_agent_state_mask(AgentStateMask::ALL)
        .with_heartbeat_interval(u64::try_from(args.heartbeat).ok().map(Duration::from_secs));
    if let Err(e) = config.validate() {
        eprintln!("tokio-client: {e}");
        std::process::exit(1);
    }
    let epoch = tokio::time::Instant::now();
    let say = |line: &str| {
        let t = epoch.elapsed();
        println!("[{:>4}.{:03} s] {line}", t.as_secs(), t.subsec_millis());
    };
    // Nothing sends commands here; the channel shows where an application would.
    let (_commands, mut rx) = tokio::sync::mpsc::unbounded_channel();
    loop {
        say(&format!("connecting to {}", args.server));
        let result = tokio_client::run_session(&args.server, &config, &mut rx, |n| {
            say(&tokio_client::describe(&n))
        })
        .await;
        match result {
            Ok(Report {
                ended: Ended::Closed,
                ..
            }) if args.once => return,
            Ok(_) => {}
            Err(e) => say(&format!("connection error: {e}")),
        }
        if args.once {
            std::process::exit(2);
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}
