//! `cti-bridge`: every message received on one or more CTI sessions into NATS JetStream as
//! JSON, exactly once (see `cti_tools::bridge` for what that means precisely).
//!
//! ```text
//! cti-bridge --server A[,B] [--server A[,B] ...] --client-id ID [--password-file FILE]
//!     [--nats URL] [--stream NAME] [--storage file|memory] [--retention limits|interest|workqueue]
//!     [--max-age SECS] [--max-bytes N] [--max-msgs N] [--duplicate-window SECS]
//!     [--queue N] [--window N] [--ack-timeout SECS] [--metrics ADDR] [--shutdown-timeout SECS]
//! ```
//!
//! Subjects are `cti.<client-id>.<peripheral_id>.<message_type>`; the password may also come
//! from `CTI_PASSWORD`; `RUST_LOG` sets the log level (info by default). Exit status: 0 after
//! a clean stop with everything published, 1 when `--shutdown-timeout` cut the flush short, 2
//! for bad arguments or an unusable `--metrics` address.

#![forbid(unsafe_code)]

use clap::Parser;
use cti_tools::bridge::{self, Args, Options};

fn main() {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let args = Args::parse();
    let options = match Options::from_args(args, cti_tools::password::env_password()) {
        Ok(o) => o,
        Err(msg) => {
            eprintln!("cti-bridge: {msg}");
            std::process::exit(2);
        }
    };
    let code = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt.block_on(bridge::run(options)),
        Err(e) => {
            eprintln!("cti-bridge: cannot start the runtime: {e}");
            1
        }
    };
    std::process::exit(code);
}
