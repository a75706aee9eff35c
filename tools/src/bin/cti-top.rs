//! A live terminal wallboard over a CTI session.
//!
//! ```text
//! cti-top [--server A[,B]] [--client-id ID] [--password-file FILE] [--peripheral ID]
//! ```
//!
//! It opens a session (ALL_EVENTS, every call and agent state event) with the crate's tokio
//! driver, folds every message into a `cti_proto::model::Model` and draws, refreshed as events
//! arrive and once a second: agents by state with their time in state, calls in progress with
//! their parties and call variables, and per skill group counts. `q` (or Esc, or Ctrl-C)
//! quits. The ClientPassword comes from `--password-file`, else `CTI_PASSWORD`. The model
//! learns agents and calls from events: an agent appears with its first AGENT_STATE_EVENT.

use std::io::Stdout;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use crossterm::event::{Event as TermEvent, KeyCode, KeyEventKind, KeyModifiers};
use cti_proto::client::{Config, Event};
use cti_proto::driver::ClientEvent;
use cti_proto::model::Change;
use cti_proto::tokio::Client;
use cti_proto::wire::codes::{AgentStateMask, CallMsgMask, ServiceMask};
use cti_tools::password::Password;
use cti_tools::top::{self, TopModel};
use ratatui::prelude::CrosstermBackend;
use ratatui::Terminal;

#[derive(Parser, Debug)]
#[command(
    name = "cti-top",
    about = "Live wallboard over a CTI Server (GED-188 v15) session: agents, calls, skill groups",
    after_help = "The ClientPassword comes from --password-file, else the environment variable \
                  CTI_PASSWORD, else it is empty. Keys: q, Esc or Ctrl-C quit."
)]
struct Args {
    /// CTI Server address, or side A and side B separated by a comma.
    #[arg(long, default_value = "127.0.0.1:42027", value_name = "A[,B]")]
    server: String,
    /// ClientID.
    #[arg(long, default_value = "cti-top")]
    client_id: String,
    /// The ClientPassword on the first line of FILE (its line ending stripped).
    #[arg(long, value_name = "FILE")]
    password_file: Option<PathBuf>,
    /// Ask for this PeripheralID's events only (all peripherals without it).
    #[arg(long, value_name = "ID")]
    peripheral: Option<u32>,
}

type Term = Terminal<CrosstermBackend<Stdout>>;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let password = Password::from_args(None, args.password_file.as_deref())?.unwrap_or_default();
    // The model is large: made on the heap by the main thread, whose stack has room for a
    // debug build's temporary.
    let model: Box<TopModel> = Box::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut terminal = ratatui::try_init()?;
    let result = runtime.block_on(run(&args, &password.0, model, &mut terminal));
    ratatui::restore();
    result
}

async fn run(
    args: &Args,
    password: &[u8],
    mut model: Box<TopModel>,
    terminal: &mut Term,
) -> Result<(), Box<dyn std::error::Error>> {
    let servers: Vec<&str> = args.server.split(',').map(str::trim).collect();
    let mut config = Config::new(&args.client_id, password)
        .with_services_requested(ServiceMask::ALL_EVENTS)
        .with_call_msg_mask(CallMsgMask::ALL)
        .with_agent_state_mask(AgentStateMask::ALL)
        .with_heartbeat_interval(Some(Duration::from_secs(10)));
    if let Some(p) = args.peripheral {
        config = config.with_peripheral_id(p);
    }
    config.validate()?;
    let mut client = Client::connect(&config, &servers).await?;

    // Keys come from a thread of their own: crossterm's reads block.
    let (keys_tx, mut keys) = tokio::sync::mpsc::unbounded_channel();
    std::thread::spawn(move || {
        while let Ok(ev) = crossterm::event::read() {
            if keys_tx.send(ev).is_err() {
                break;
            }
        }
    });

    let mut status = format!("connecting to {}", args.server);
    let mut folded: u64 = 0;
    let mut dropped: u64 = 0;
    let mut second = tokio::time::interval(Duration::from_secs(1));
    // The model's clock: milliseconds since start.
    let epoch = std::time::Instant::now();
    let clock = || {
        cti_proto::Instant::from_millis(
            u64::try_from(epoch.elapsed().as_millis()).unwrap_or(u64::MAX),
        )
    };
    // The screen is drawn once the messages of a burst are folded (a call's events come
    // together: drawn between them, the floor would show states that last microseconds), and
    // at most every REDRAW_EVERY.
    let mut dirty = true;
    let mut next_draw = tokio::time::Instant::now();
    loop {
        if dirty && tokio::time::Instant::now() >= next_draw {
            let now = clock();
            let line = if dropped > 0 {
                format!("{status}  messages {folded}  (model full: {dropped} changes dropped)")
            } else {
                format!("{status}  messages {folded}")
            };
            terminal.draw(|f| top::draw(f, &model, now, &line))?;
            dirty = false;
            next_draw = tokio::time::Instant::now() + REDRAW_EVERY;
        }
        tokio::select! {
            event = client.next_event() => {
                if !dirty {
                    dirty = true;
                    next_draw = next_draw.max(tokio::time::Instant::now() + BURST);
                }
                let Some(event) = event? else { return Ok(()) };
                match event {
                    ClientEvent::Session(Event::Opened(_)) => {
                        status = format!("session open on {}", args.server);
                        // A new session starts from what its events say.
                        *model = TopModel::new();
                    }
                    ClientEvent::Session(Event::Message(m)) => {
                        folded += 1;
                        let changes = model.apply(clock(), &m);
                        dropped += changes
                            .iter()
                            .filter(|c| matches!(c, Change::Dropped(_)))
                            .count() as u64;
                    }
                    ClientEvent::Session(Event::SessionFailed(reason)) => {
                        status = format!("session failed ({reason:?}), reconnecting");
                    }
                    ClientEvent::Session(Event::Closed) => return Ok(()),
                    ClientEvent::Connecting { server, .. } => {
                        status = format!("connecting to {server}");
                    }
                    _ => {}
                }
            }
            key = keys.recv() => {
                if let Some(TermEvent::Key(k)) = key {
                    let ctrl_c = k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
                    if k.kind == KeyEventKind::Press
                        && (matches!(k.code, KeyCode::Char('q') | KeyCode::Esc) || ctrl_c)
                    {
                        return Ok(());
                    }
                }
            }
            _ = tokio::time::sleep_until(next_draw), if dirty => {}
            _ = second.tick() => dirty = true,
        }
    }
}

/// How long after a message the screen waits for the rest of its burst.
const BURST: Duration = Duration::from_millis(20);
/// The shortest time between two draws.
const REDRAW_EVERY: Duration = Duration::from_millis(100);
