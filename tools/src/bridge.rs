//! `cti-bridge`: every message received on one or more CTI sessions, published to NATS
//! JetStream as JSON, exactly once.
//!
//! One session per peripheral gateway (`--server A[,B]`, repeatable), each on the crate's tokio
//! driver with its side A / side B reconnect schedule. Each received message (OPEN_CONF
//! included) becomes one JetStream message on `cti.<client-id>.<peripheral_id>.<message_type>`:
//! `<peripheral_id>` is the message's fixed PeripheralID field, or [`NO_PERIPHERAL`] for a
//! message without one (OPEN_CONF, SYSTEM_EVENT, …); `<message_type>` is the spec's name in
//! lower snake case (`agent_state_event`), `unknown` for a type the codec does not know. The
//! payload is `ctidump --json`'s object with two more keys, `"session"` (who received it) and
//! `"seq"` (its number on that connection), and `"msg_id"`, the `Nats-Msg-Id` it was published
//! with.
//!
//! # What "exactly once" means here
//!
//! A CTI Server never sends an event twice and has no replay: an event exists for the bridge
//! only on the one connection it arrived on, and a message carries no identity of its own
//! (no sequence number, no timestamp). The bridge therefore names each event when it receives
//! it: `<run>.<gateway>.<connection>.<seq>`, where `<run>` is a random id (NUID) drawn when the
//! bridge starts, `<gateway>` the index of the `--server` flag, `<connection>` the number of the
//! TCP connection within the run (1, 2, … across reconnects and side switches) and `<seq>` the
//! message's number on that connection (OPEN_CONF is 1). That name is the `Nats-Msg-Id`.
//!
//! - **Stable where it matters.** An event is published again only when an earlier attempt was
//!   not acknowledged (NATS restarting, an ack lost, a timeout); every attempt carries the same
//!   id, so JetStream stores it once and acknowledges the repeats as duplicates (counted in
//!   `cti_bridge_duplicates_total`). This holds while the repeats fall within the stream's
//!   duplicate window (`--duplicate-window`, 2 minutes by default): the bridge warns when it
//!   retries an event first sent longer ago than that, since from then on a second copy is
//!   possible. Consumers can also drop repeats themselves by `msg_id` (or `session` and `seq`).
//! - **Never reused.** A restarted bridge draws a new run id, so an event of a new session can
//!   never be taken for a duplicate of an older one and dropped.
//! - **What is lost.** Nothing the bridge received is dropped while it runs: when NATS cannot
//!   keep up or is unreachable the queue (`--queue`) fills and the bridge stops reading from the
//!   CTI Servers instead (TCP then holds the server back). The queue is in memory: after
//!   `kill -9` the events received and not yet acknowledged are gone, by definition; a clean
//!   stop (SIGTERM, Ctrl-C) closes the CTI sessions, keeps every message that arrives before
//!   CLOSE_CONF and publishes the whole queue before exiting.
//!
//! So after any mix of bridge restarts, NATS restarts and side switches, the stream holds each
//! event that the bridge received and acknowledged exactly once, in a gap-free run of `seq`
//! per connection.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_nats::jetstream::{self, stream};
use clap::{Parser, ValueEnum};
use cti_proto::client::{Config, Event};
use cti_proto::driver::{ClientEvent, ClientOptions};
use cti_proto::tokio::Client;
use cti_proto::wire::codes::StatusCode;
use cti_proto::wire::{Message, Version};
use log::{debug, error, info, warn};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::{mpsc, watch};

use crate::client::{session_config, SessionArgs};
use crate::password::Password;
use crate::render;

/// The `<peripheral_id>` subject token of a message without a PeripheralID field.
pub const NO_PERIPHERAL: &str = "none";

/// The command line (DESIGN.md, "Tools' command-line contracts").
#[derive(Parser, Clone, Debug)]
#[command(
    name = "cti-bridge",
    about = "Publishes every message of one or more CTI sessions to NATS JetStream as JSON, \
             exactly once.",
    after_help = "Subjects: cti.<client-id>.<peripheral_id>.<message_type>, <peripheral_id> \
                  being `none` for a message without a PeripheralID. Each message's \
                  Nats-Msg-Id is <run>.<gateway>.<connection>.<seq>; JetStream drops a \
                  repeat of it within the duplicate window.\n\nThe ClientPassword comes from \
                  --password, else --password-file, else the environment variable \
                  CTI_PASSWORD, else it is empty. SIGTERM or Ctrl-C closes the sessions and \
                  publishes the queue before exiting (status 1 if --shutdown-timeout ends it \
                  first). RUST_LOG=debug logs every acknowledged message."
)]
pub struct Args {
    /// One peripheral gateway's CTI Servers: side A, then optionally side B after a comma.
    /// Repeat the flag for each gateway.
    #[arg(long = "server", value_name = "A[,B]", required = true, value_parser = parse_servers)]
    pub servers: Vec<Servers>,
    /// ClientID (of every session; also the second token of the subjects), password,
    /// heartbeat and services.
    #[command(flatten)]
    pub session: SessionArgs,
    /// The NATS server.
    #[arg(long, value_name = "URL", default_value = "nats://127.0.0.1:4222")]
    pub nats: String,
    /// The JetStream stream, created if missing (taking `cti.<client-id>.>`); an existing one
    /// is used as it is.
    #[arg(long, value_name = "NAME", default_value = "CTI")]
    pub stream: String,
    /// Where a created stream keeps its messages.
    #[arg(long, value_enum, default_value_t = Storage::File)]
    pub storage: Storage,
    /// Retention policy of a created stream.
    #[arg(long, value_enum, default_value_t = Retention::Limits)]
    pub retention: Retention,
    /// A created stream's oldest message age in seconds (0: unlimited); 7 days by default.
    #[arg(long, value_name = "SECS", default_value_t = 7 * 24 * 3600)]
    pub max_age: u64,
    /// A created stream's size limit in bytes (-1: unlimited).
    #[arg(long, value_name = "BYTES", default_value_t = -1, allow_negative_numbers = true)]
    pub max_bytes: i64,
    /// A created stream's message count limit (-1: unlimited).
    #[arg(long, value_name = "N", default_value_t = -1, allow_negative_numbers = true)]
    pub max_msgs: i64,
    /// A created stream's duplicate window in seconds: how long JetStream remembers a
    /// Nats-Msg-Id.
    #[arg(long, value_name = "SECS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..))]
    pub duplicate_window: u64,
    /// A created stream's replicas (cluster only).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=5))]
    pub replicas: u64,
    /// Messages received and waiting to be published, at most (besides the `--window` being
    /// published); when full the bridge stops reading from the CTI Servers until NATS takes
    /// more.
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub queue: u64,
    /// Publishes awaiting their acknowledgement at once, at most.
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub window: u64,
    /// How long to wait for a publish's acknowledgement before sending it again, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 2.0, value_parser = parse_secs)]
    pub ack_timeout: f64,
    /// Serve counters in the Prometheus (OpenMetrics) text format on http://ADDR/metrics.
    #[arg(long, value_name = "ADDR")]
    pub metrics: Option<SocketAddr>,
    /// On SIGTERM, how long closing the sessions and publishing the queue may take, in
    /// seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30.0, value_parser = parse_secs)]
    pub shutdown_timeout: f64,
}

/// One peripheral gateway's CTI Servers: side A, and side B if it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Servers(pub Vec<String>);

/// `--storage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Storage {
    /// On disk.
    File,
    /// In memory.
    Memory,
}

/// `--retention`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Retention {
    /// Kept until the limits (age, bytes, count) remove them.
    Limits,
    /// Kept while a consumer is interested.
    Interest,
    /// Removed once a consumer acknowledges them.
    Workqueue,
}

/// `A` or `A,B`, each `host:port`.
pub fn parse_servers(s: &str) -> Result<Servers, String> {
    let sides: Vec<String> = s.split(',').map(|x| x.trim().to_string()).collect();
    if sides.len() > 2 {
        return Err(format!("{s}: at most two servers (side A and side B)"));
    }
    for side in &sides {
        match side.rsplit_once(':') {
            Some((host, port)) if !host.is_empty() && port.parse::<u16>().is_ok() => {}
            _ => return Err(format!("{side:?} is not HOST:PORT")),
        }
    }
    Ok(Servers(sides))
}

fn parse_secs(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && Duration::try_from_secs_f64(v).is_ok() => Ok(v),
        _ => Err(format!("not a positive number of seconds: {s}")),
    }
}

/// Checks a name used as one token of a NATS subject or as a stream name.
fn check_token(what: &str, s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Err(format!("{what} is empty"));
    }
    if let Some(c) = s
        .chars()
        .find(|c| matches!(c, '.' | '*' | '>' | '/' | '\\') || c.is_whitespace() || c.is_control())
    {
        return Err(format!(
            "{what} {s:?} contains {c:?}, which NATS does not take in a name"
        ));
    }
    Ok(())
}

/// What the command line asks for, checked, the password resolved.
#[derive(Clone, Debug)]
pub struct Options {
    /// The arguments.
    pub args: Args,
    /// ClientPassword.
    pub password: Password,
}

impl Options {
    /// Checks `args` and resolves the password (`env`: the value of `CTI_PASSWORD`).
    pub fn from_args(args: Args, env: Option<Vec<u8>>) -> Result<Options, String> {
        let id = &args.session.client_id;
        check_token("--client-id", id)?;
        if id.len() > 64 {
            return Err("--client-id is at most 64 bytes".into());
        }
        check_token("--stream", &args.stream)?;
        let password = args.session.password(env)?;
        if password.0.len() > 64 {
            return Err("the password is at most 64 bytes".into());
        }
        let options = Options { args, password };
        options
            .config()
            .validate()
            .map_err(|e| format!("session settings: {e:?}"))?;
        Ok(options)
    }

    /// The session settings of every gateway: [`session_config`], as `cti-client` asks, with
    /// the close timeout raised to `--shutdown-timeout`: a bridge that is behind still has
    /// events to read before CLOSE_CONF, which the server sent before it, and the spec's 5 s
    /// would drop them unread.
    pub fn config(&self) -> Config<'_> {
        let s = &self.args.session;
        session_config(&s.client_id, &self.password, s.heartbeat_secs(), s.services)
            .with_close_timeout(Duration::from_secs_f64(self.args.shutdown_timeout))
    }

    /// The ClientID.
    pub fn client_id(&self) -> &str {
        &self.args.session.client_id
    }

    /// The stream created when `--stream` is missing.
    pub fn stream_config(&self) -> stream::Config {
        let a = &self.args;
        stream::Config {
            name: a.stream.clone(),
            subjects: vec![format!("cti.{}.>", self.client_id())],
            storage: match a.storage {
                Storage::File => stream::StorageType::File,
                Storage::Memory => stream::StorageType::Memory,
            },
            retention: match a.retention {
                Retention::Limits => stream::RetentionPolicy::Limits,
                Retention::Interest => stream::RetentionPolicy::Interest,
                Retention::Workqueue => stream::RetentionPolicy::WorkQueue,
            },
            max_age: Duration::from_secs(a.max_age),
            max_bytes: a.max_bytes,
            max_messages: a.max_msgs,
            duplicate_window: Duration::from_secs(a.duplicate_window),
            num_replicas: usize::try_from(a.replicas).unwrap_or(1),
            ..Default::default()
        }
    }
}

/// The bridge's counters, served on `--metrics`.
pub struct Metrics {
    registry: Registry,
    /// Messages received, per gateway.
    pub received: Family<Vec<(String, String)>, Counter>,
    /// Messages acknowledged by JetStream (duplicates included).
    pub published: Counter,
    /// Acknowledgements saying the message was a duplicate (an earlier attempt was stored).
    pub duplicates: Counter,
    /// Publish attempts that failed or timed out (each is retried).
    pub publish_failures: Counter,
    /// Messages received and not yet acknowledged.
    pub queue_depth: Gauge,
    /// `--queue`.
    pub queue_capacity: Gauge,
    /// 1 while a gateway's reads are paused because the queue is full.
    pub reads_paused: Family<Vec<(String, String)>, Gauge>,
    /// 1 while publishing fails (NATS unreachable or not answering).
    pub behind: Gauge,
    /// 1 while the NATS connection is up.
    pub nats_connected: Gauge,
    /// Per gateway and server: 0 not connected, 1 connected (OPEN_REQ sent), 2 session open.
    pub session_state: Family<Vec<(String, String)>, Gauge>,
}

impl Metrics {
    /// Registers every counter under the `cti_bridge_` prefix.
    pub fn new(queue: u64) -> Metrics {
        let mut registry = Registry::with_prefix("cti_bridge");
        let m = Metrics {
            registry: Registry::default(),
            received: Family::default(),
            published: Counter::default(),
            duplicates: Counter::default(),
            publish_failures: Counter::default(),
            queue_depth: Gauge::default(),
            queue_capacity: Gauge::default(),
            reads_paused: Family::default(),
            behind: Gauge::default(),
            nats_connected: Gauge::default(),
            session_state: Family::default(),
        };
        m.queue_capacity
            .set(i64::try_from(queue).unwrap_or(i64::MAX));
        let counters = [
            (
                "published",
                "Messages acknowledged by JetStream, duplicates included",
                &m.published,
            ),
            (
                "duplicates",
                "Acknowledgements of a message JetStream already had (a repeated attempt)",
                &m.duplicates,
            ),
            (
                "publish_failures",
                "Publish attempts that failed or timed out, each retried",
                &m.publish_failures,
            ),
        ];
        for (name, help, c) in counters {
            registry.register(name, help, c.clone());
        }
        let gauges = [
            (
                "queue_depth",
                "Messages received and not yet acknowledged",
                &m.queue_depth,
            ),
            (
                "queue_capacity",
                "Most messages held before reads pause (--queue)",
                &m.queue_capacity,
            ),
            (
                "behind",
                "1 while publishing fails (NATS unreachable or not answering)",
                &m.behind,
            ),
            (
                "nats_connected",
                "1 while the NATS connection is up",
                &m.nats_connected,
            ),
        ];
        for (name, help, g) in gauges {
            registry.register(name, help, g.clone());
        }
        registry.register(
            "events_received",
            "Messages received from the CTI Servers, per gateway",
            m.received.clone(),
        );
        let families = [
            (
                "reads_paused",
                "1 while a gateway's reads are paused because the queue is full",
                &m.reads_paused,
            ),
            (
                "session_state",
                "Per gateway and server: 0 not connected, 1 connected, 2 session open",
                &m.session_state,
            ),
        ];
        for (name, help, f) in families {
            registry.register(name, help, f.clone());
        }
        Metrics { registry, ..m }
    }

    /// Every counter in the OpenMetrics text format (which Prometheus reads).
    pub fn render(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }

    fn gateway(gw: usize) -> Vec<(String, String)> {
        vec![("gateway".into(), gw.to_string())]
    }

    fn set_state(&self, gw: usize, servers: &[String], current: &str, state: i64) {
        for s in servers {
            let labels = vec![
                ("gateway".into(), gw.to_string()),
                ("server".into(), s.clone()),
            ];
            let v = if s == current { state } else { 0 };
            self.session_state.get_or_create(&labels).set(v);
        }
    }
}

/// One message on its way to JetStream.
#[derive(Clone, Debug)]
struct Item {
    subject: String,
    msg_id: String,
    payload: String,
}

/// Who received a message: the parts of its id, and what the payload's `"session"` says.
struct Origin<'a> {
    client_id: &'a str,
    run: &'a str,
    gateway: usize,
    connection: u64,
    server: &'a str,
    side: &'a str,
}

impl Origin<'_> {
    /// The JetStream message for `m`, the `seq`-th message of this connection.
    fn item(&self, m: &Message<'_>, version: Version, seq: u64, buf: &mut Vec<u8>) -> Item {
        let body = render::encoded_body(m, version, buf);
        // A dump of a decoded message serializes without error.
        let object = serde_json::to_string(&m.dump(body, version)).unwrap_or_default();
        let peripheral = render::peripheral_id(m, body, version)
            .map_or_else(|| NO_PERIPHERAL.to_string(), |p| p.to_string());
        let kind = m
            .spec()
            .map_or_else(|| "unknown".to_string(), |s| s.name.to_lowercase());
        let msg_id = format!("{}.{}.{}.{seq}", self.run, self.gateway, self.connection);
        let head = serde_json::json!({
            "session": {
                "client_id": self.client_id,
                "run": self.run,
                "gateway": self.gateway,
                "connection": self.connection,
                "server": self.server,
                "side": self.side,
            },
            "seq": seq,
            "msg_id": msg_id,
        })
        .to_string();
        // `{"msg_id":…,"seq":…,"session":{…}` + `,` + ctidump's members.
        let mut payload = head;
        payload.pop();
        payload.push(',');
        payload.push_str(object.strip_prefix('{').unwrap_or(&object));
        Item {
            subject: format!("cti.{}.{peripheral}.{kind}", self.client_id),
            msg_id,
            payload,
        }
    }
}

/// What the tasks share.
struct Shared {
    options: Options,
    run: String,
    metrics: Metrics,
}

/// Runs the bridge until SIGTERM or Ctrl-C; the process's exit status.
pub async fn run(options: Options) -> i32 {
    let run_id = nuid::next().to_string();
    let a = &options.args;
    info!(
        "run {run_id}: {} gateway(s), client id {}, NATS {}, stream {}, queue {}",
        a.servers.len(),
        a.session.client_id,
        a.nats,
        a.stream,
        a.queue
    );
    let shared = Arc::new(Shared {
        metrics: Metrics::new(a.queue),
        run: run_id,
        options,
    });
    let a = &shared.options.args;
    if let Some(addr) = a.metrics {
        match tokio::net::TcpListener::bind(addr).await {
            Ok(listener) => {
                info!("metrics on http://{addr}/metrics");
                tokio::spawn(serve_metrics(listener, shared.clone()));
            }
            Err(e) => {
                error!("--metrics {addr}: {e}");
                return 2;
            }
        }
    }
    let nats = match connect_nats(&shared).await {
        Ok(c) => c,
        Err(e) => {
            error!("--nats {}: {e}", a.nats);
            return 2;
        }
    };
    let timeout = Duration::from_secs_f64(a.ack_timeout);
    let js = jetstream::ContextBuilder::new()
        .timeout(timeout)
        .backpressure_on_inflight(true)
        .build(nats.clone());
    let (tx, rx) = mpsc::channel(usize::try_from(a.queue).unwrap_or(usize::MAX));
    let (stop, stopped) = watch::channel(false);
    let publisher = tokio::spawn(publish(js, rx, shared.clone()));
    let mut gateways = tokio::task::JoinSet::new();
    for gw in 0..a.servers.len() {
        gateways.spawn(gateway(gw, shared.clone(), tx.clone(), stopped.clone()));
    }
    drop(tx);
    tokio::spawn(status(shared.clone()));
    if let Err(e) = signalled().await {
        error!("cannot wait for signals: {e}");
    }
    info!("stopping: closing the CTI sessions, then publishing what is queued");
    let _ = stop.send(true);
    let limit = Duration::from_secs_f64(a.shutdown_timeout);
    let drained = tokio::time::timeout(limit, async {
        while gateways.join_next().await.is_some() {}
        let _ = publisher.await;
    })
    .await;
    let left = shared.metrics.queue_depth.get();
    let m = &shared.metrics;
    match drained {
        Ok(()) if left == 0 => {
            info!(
                "stopped: {} published ({} duplicates), nothing left",
                m.published.get(),
                m.duplicates.get()
            );
            let _ = nats.flush().await;
            0
        }
        _ => {
            error!(
                "stopped after --shutdown-timeout with {left} message(s) not acknowledged: \
                 they are lost"
            );
            1
        }
    }
}

/// Waits for SIGTERM or Ctrl-C.
async fn signalled() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = signal(SignalKind::terminate())?;
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

/// Connects to NATS, retrying in the background while it is unreachable.
async fn connect_nats(
    shared: &Arc<Shared>,
) -> Result<async_nats::Client, async_nats::ConnectError> {
    let events = shared.clone();
    async_nats::ConnectOptions::new()
        .name("cti-bridge")
        .retry_on_initial_connect()
        .max_reconnects(None)
        .reconnect_delay_callback(|attempts| {
            Duration::from_millis(100 * u64::try_from(attempts.min(10)).unwrap_or(10))
        })
        .event_callback(move |event| {
            let shared = events.clone();
            async move {
                match event {
                    async_nats::Event::Connected => {
                        shared.metrics.nats_connected.set(1);
                        info!("NATS connected");
                    }
                    async_nats::Event::Disconnected => {
                        shared.metrics.nats_connected.set(0);
                        warn!("NATS disconnected; reconnecting");
                    }
                    // Every failed reconnect attempt says so: not worth a line each.
                    async_nats::Event::ClientError(e) => debug!("NATS: {e}"),
                    other => info!("NATS: {other}"),
                }
            }
        })
        .connect(shared.options.args.nats.as_str())
        .await
}

/// One gateway's session: every received message into the queue, until stopped.
async fn gateway(
    gw: usize,
    shared: Arc<Shared>,
    tx: mpsc::Sender<Item>,
    mut stopped: watch::Receiver<bool>,
) {
    let servers = &shared.options.args.servers[gw].0;
    let refs: Vec<&str> = servers.iter().map(String::as_str).collect();
    let config = shared.options.config();
    let mut client = match Client::with_options(&config, &refs, ClientOptions::default()) {
        Ok(c) => c,
        Err(e) => {
            error!("gateway {gw}: {e}");
            return;
        }
    };
    let m = &shared.metrics;
    m.set_state(gw, servers, "", 0);
    let mut connection = 0u64;
    let mut seq = 0u64;
    let mut server = String::new();
    let mut side = "A";
    let mut closing = false;
    let mut buf = Vec::new();
    loop {
        let version = client.session().map_or(Version::V15, |s| s.version());
        let mut item = None;
        let next = tokio::select! {
            e = client.next_event() => Some(e),
            _ = stopped.changed(), if !closing => None,
        };
        match next {
            None => {
                closing = true;
                client.start_close(StatusCode::NO_ERROR);
                continue;
            }
            Some(Err(e)) => {
                error!("gateway {gw}: {e}");
                break;
            }
            Some(Ok(None)) => break,
            Some(Ok(Some(event))) => {
                let origin = |server, side| Origin {
                    client_id: shared.options.client_id(),
                    run: &shared.run,
                    gateway: gw,
                    connection,
                    server,
                    side,
                };
                match event {
                    ClientEvent::Connecting {
                        side: s,
                        server: addr,
                        delay,
                    } => {
                        info!("gateway {gw}: connecting to side {s:?} ({addr}) in {delay:?}");
                    }
                    ClientEvent::Connected {
                        side: s,
                        server: addr,
                        ..
                    } => {
                        connection += 1;
                        seq = 0;
                        server = addr.to_string();
                        side = if s == cti_proto::client::Side::A {
                            "A"
                        } else {
                            "B"
                        };
                        m.set_state(gw, servers, &server, 1);
                        info!("gateway {gw}: connection {connection} to side {side} ({server})");
                    }
                    ClientEvent::HeartbeatSent { .. } | ClientEvent::HeartbeatConfirmed { .. } => {}
                    ClientEvent::Session(Event::Opened(conf)) => {
                        m.set_state(gw, servers, &server, 2);
                        info!("gateway {gw}: session open on side {side} ({server})");
                        seq += 1;
                        let msg = Message::OpenConf(conf);
                        item = Some(origin(&server, side).item(&msg, version, seq, &mut buf));
                    }
                    ClientEvent::Session(Event::Message(msg)) => {
                        seq += 1;
                        item = Some(origin(&server, side).item(&msg, version, seq, &mut buf));
                    }
                    ClientEvent::Session(Event::SessionFailed(reason)) => {
                        m.set_state(gw, servers, &server, 0);
                        warn!("gateway {gw}: session failed on side {side} ({server}): {reason}");
                    }
                    ClientEvent::Session(Event::Closed) => {
                        m.set_state(gw, servers, &server, 0);
                        info!("gateway {gw}: session closed");
                    }
                    ClientEvent::Session(other) => debug!("gateway {gw}: {other:?}"),
                    other => debug!("gateway {gw}: {other:?}"),
                }
            }
        }
        if let Some(item) = item {
            m.received.get_or_create(&Metrics::gateway(gw)).inc();
            if !enqueue(gw, &tx, item, m).await {
                break;
            }
        }
    }
    m.set_state(gw, servers, "", 0);
}

/// Puts `item` on the queue, waiting (and so not reading) while it is full; it counts in
/// `queue_depth` from now on, the wait included. False when the publisher is gone.
async fn enqueue(gw: usize, tx: &mpsc::Sender<Item>, item: Item, m: &Metrics) -> bool {
    m.queue_depth.inc();
    let item = match tx.try_send(item) {
        Ok(()) => return true,
        Err(mpsc::error::TrySendError::Closed(_)) => {
            m.queue_depth.dec();
            return false;
        }
        Err(mpsc::error::TrySendError::Full(item)) => item,
    };
    warn!(
        "gateway {gw}: queue full ({} messages): reading paused until NATS takes more",
        tx.max_capacity()
    );
    let paused = m.reads_paused.get_or_create(&Metrics::gateway(gw)).clone();
    paused.set(1);
    let since = Instant::now();
    let sent = tx.send(item).await.is_ok();
    paused.set(0);
    if sent {
        info!("gateway {gw}: reading again after {:?}", since.elapsed());
    } else {
        m.queue_depth.dec();
    }
    sent
}

/// A message being published, and when its first attempt was.
struct Attempt {
    item: Item,
    first: Option<Instant>,
    warned: bool,
}

/// Publishes the queue in order, `--window` at a time, each until acknowledged (a message whose
/// acknowledgement failed is published again after the later ones of its window: consumers
/// order by `seq`); returns once every gateway has stopped and everything is acknowledged.
async fn publish(js: jetstream::Context, mut rx: mpsc::Receiver<Item>, shared: Arc<Shared>) {
    let m = &shared.metrics;
    let a = &shared.options.args;
    ensure_stream(&js, &shared).await;
    let window = usize::try_from(a.window).unwrap_or(256);
    let dup_window = Duration::from_secs(a.duplicate_window);
    let mut retry: VecDeque<Attempt> = VecDeque::new();
    let mut failing: Option<(Instant, u32)> = None;
    loop {
        let mut batch: Vec<Attempt> = Vec::with_capacity(window);
        while batch.len() < window {
            match retry.pop_front() {
                Some(p) => batch.push(p),
                None => break,
            }
        }
        if batch.is_empty() {
            match rx.recv().await {
                Some(item) => batch.push(Attempt::new(item)),
                None => return,
            }
        }
        while batch.len() < window {
            match rx.try_recv() {
                Ok(item) => batch.push(Attempt::new(item)),
                Err(_) => break,
            }
        }
        let mut acks = Vec::with_capacity(batch.len());
        for p in &mut batch {
            let first = *p.first.get_or_insert_with(Instant::now);
            if !p.warned && first.elapsed() > dup_window {
                p.warned = true;
                warn!(
                    "{} first sent {:?} ago, beyond the duplicate window: if that attempt was \
                     stored, this one is a second copy",
                    p.item.msg_id,
                    first.elapsed()
                );
            }
            let message = jetstream::message::PublishMessage::build()
                .message_id(&p.item.msg_id)
                .payload(p.item.payload.clone().into());
            acks.push(js.send_publish(p.item.subject.clone(), message).await);
        }
        let mut error = None;
        for (p, ack) in batch.into_iter().zip(acks) {
            let result = match ack {
                Ok(future) => future.await,
                Err(e) => Err(e),
            };
            match result {
                Ok(ack) => {
                    m.published.inc();
                    m.queue_depth.dec();
                    if ack.duplicate {
                        m.duplicates.inc();
                    }
                    debug!(
                        "acked {} {} (stream sequence {}{})",
                        p.item.msg_id,
                        p.item.subject,
                        ack.sequence,
                        if ack.duplicate { ", duplicate" } else { "" }
                    );
                }
                Err(e) => {
                    m.publish_failures.inc();
                    error = Some(e);
                    retry.push_back(p);
                }
            }
        }
        match (error, &mut failing) {
            (Some(e), None) => {
                m.behind.set(1);
                warn!(
                    "publishing failed: {e}; {} message(s) held, retrying",
                    m.queue_depth.get()
                );
                failing = Some((Instant::now(), 1));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            (Some(_), Some((_, n))) => {
                *n += 1;
                tokio::time::sleep(Duration::from_millis(100 * u64::from((*n).min(10)))).await;
            }
            (None, Some((since, _))) => {
                m.behind.set(0);
                info!(
                    "publishing again after {:?}; {} message(s) held",
                    since.elapsed(),
                    m.queue_depth.get()
                );
                failing = None;
            }
            (None, None) => {}
        }
    }
}

impl Attempt {
    fn new(item: Item) -> Attempt {
        Attempt {
            item,
            first: None,
            warned: false,
        }
    }
}

/// Finds the stream or creates it, retrying while NATS is unreachable.
async fn ensure_stream(js: &jetstream::Context, shared: &Shared) {
    let config = shared.options.stream_config();
    let subject = format!("cti.{}.>", shared.options.client_id());
    let mut warned = false;
    loop {
        match js.get_or_create_stream(config.clone()).await {
            Ok(mut s) => {
                let subjects = s.cached_info().config.subjects.clone();
                info!("stream {}: subjects {subjects:?}", config.name);
                if !subjects
                    .iter()
                    .any(|x| x == &subject || x == "cti.>" || x == ">")
                {
                    warn!(
                        "stream {} may not take {subject} (its subjects: {subjects:?}); \
                         publishes it does not take are retried forever",
                        config.name
                    );
                }
                let _ = s.info().await;
                return;
            }
            Err(e) => {
                if !warned {
                    warn!("stream {}: {e}; retrying", config.name);
                    warned = true;
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        }
    }
}

/// A line on the log every 10 s while anything moves.
async fn status(shared: Arc<Shared>) {
    let m = &shared.metrics;
    let mut last = (u64::MAX, 0);
    loop {
        tokio::time::sleep(Duration::from_secs(10)).await;
        let now = (m.published.get(), m.queue_depth.get());
        if now != last {
            info!(
                "{} published ({} duplicates), {} waiting",
                now.0,
                m.duplicates.get(),
                now.1
            );
            last = now;
        }
    }
}

/// Answers `GET /metrics` (and `GET /`) with the counters, anything else with 404 or 405.
async fn serve_metrics(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    loop {
        let (mut sock, _) = match listener.accept().await {
            Ok(x) => x,
            Err(e) => {
                warn!("metrics: accept: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            let request = match read_head(&mut sock).await {
                Ok(r) => r,
                Err(_) => return,
            };
            let response = metrics_response(&request, &shared.metrics);
            let _ = sock.write_all(response.as_bytes()).await;
            let _ = sock.shutdown().await;
        });
    }
}

/// The request line and headers, up to the blank line: 8 KiB and 5 s at most.
async fn read_head(sock: &mut tokio::net::TcpStream) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::new();
    let mut chunk = [0u8; 1024];
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 8192 {
        let n = tokio::time::timeout_at(deadline, sock.read(&mut chunk)).await??;
        if n == 0 {
            break;
        }
        head.extend_from_slice(chunk.get(..n).unwrap_or_default());
    }
    Ok(head)
}

/// The whole HTTP/1.1 response to a request head.
pub fn metrics_response(head: &[u8], metrics: &Metrics) -> String {
    let line = head
        .split(|&b| b == b'\r' || b == b'\n')
        .next()
        .unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    let mut parts = line.split(' ');
    let (status, ctype, body) = match (parts.next(), parts.next()) {
        (Some("GET"), Some("/metrics" | "/")) => (
            "200 OK",
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
            metrics.render(),
        ),
        (Some("GET"), _) => ("404 Not Found", "text/plain", "not found\n".to_string()),
        _ => (
            "405 Method Not Allowed",
            "text/plain",
            "only GET\n".to_string(),
        ),
    };
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(extra: &[&str]) -> Result<Options, String> {
        let argv = ["cti-bridge", "--client-id", "bridge-1"]
            .into_iter()
            .chain(extra.iter().copied());
        let a = Args::try_parse_from(argv).map_err(|e| e.to_string())?;
        Options::from_args(a, None)
    }

    #[test]
    fn servers_are_one_or_two_host_ports() {
        let o = args(&["--server", "a:1,b:2", "--server", "c:3"]).unwrap();
        assert_eq!(
            o.args.servers,
            vec![
                Servers(vec!["a:1".into(), "b:2".into()]),
                Servers(vec!["c:3".into()])
            ]
        );
        for bad in ["a:1,b:2,c:3", "a", "a:x", ":1", "a:1,"] {
            let e = args(&["--server", bad]).unwrap_err();
            assert!(
                e.contains("HOST:PORT") || e.contains("at most two"),
                "{bad}: {e}"
            );
        }
        assert!(args(&[]).unwrap_err().contains("--server"));
    }

    #[test]
    fn names_nats_cannot_take_are_refused() {
        for id in ["a.b", "a*", "a>", "a b", ""] {
            let argv = ["cti-bridge", "--server", "h:1", "--client-id", id];
            let a = Args::try_parse_from(argv).unwrap();
            let e = Options::from_args(a, None).unwrap_err();
            assert!(e.contains("--client-id"), "{id:?}: {e}");
        }
        let e = args(&["--server", "h:1", "--stream", "a.b"]).unwrap_err();
        assert!(e.contains("--stream"), "{e}");
        let e = args(&["--server", "h:1", "--queue", "0"]).unwrap_err();
        assert!(e.contains("--queue"), "{e}");
        let e = args(&["--server", "h:1", "--ack-timeout", "0"]).unwrap_err();
        assert!(e.contains("--ack-timeout"), "{e}");
    }

    #[test]
    fn the_stream_takes_the_client_ids_subjects_with_the_flags_limits() {
        let o = args(&[
            "--server",
            "h:1",
            "--stream",
            "S",
            "--max-age",
            "60",
            "--max-msgs",
            "1000",
            "--duplicate-window",
            "30",
            "--storage",
            "memory",
            "--retention",
            "workqueue",
        ])
        .unwrap();
        let c = o.stream_config();
        assert_eq!(c.name, "S");
        assert_eq!(c.subjects, vec!["cti.bridge-1.>".to_string()]);
        assert_eq!(c.max_age, Duration::from_secs(60));
        assert_eq!(c.max_messages, 1000);
        assert_eq!(c.max_bytes, -1);
        assert_eq!(c.duplicate_window, Duration::from_secs(30));
        assert_eq!(c.storage, stream::StorageType::Memory);
        assert_eq!(c.retention, stream::RetentionPolicy::WorkQueue);
        // A bridge that is behind reads its backlog until CLOSE_CONF, up to the shutdown
        // timeout, rather than the spec's 5 s.
        assert_eq!(o.config().close_timeout, Duration::from_secs(30));
    }

    #[test]
    fn a_message_gets_its_subject_id_and_ctidump_keys() {
        use cti_proto::wire::Decoder;
        // AGENT_STATE_EVENT and a FAILURE_EVENT (no PeripheralID) from the simulator's codec.
        let hex = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../examples/captures/session.hex"
        ))
        .unwrap();
        let origin = Origin {
            client_id: "bridge-1",
            run: "RUN",
            gateway: 0,
            connection: 3,
            server: "h:1",
            side: "B",
        };
        let mut buf = Vec::new();
        let mut seen = 0;
        for line in hex.lines().filter(|l| !l.trim().is_empty()) {
            let bytes: Vec<u8> = line
                .split_whitespace()
                .collect::<String>()
                .as_bytes()
                .chunks(2)
                .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
                .collect();
            let Ok(cti_proto::wire::Status::Complete((m, _))) =
                Decoder::new(Version::V15).decode(&bytes)
            else {
                panic!("capture line does not decode: {line}");
            };
            seen += 1;
            let item = origin.item(&m, Version::V15, seen, &mut buf);
            let v: serde_json::Value = serde_json::from_str(&item.payload).unwrap();
            assert_eq!(item.msg_id, format!("RUN.0.3.{seen}"));
            assert_eq!(v["msg_id"], item.msg_id.as_str());
            assert_eq!(v["seq"], seen);
            assert_eq!(v["session"]["side"], "B");
            assert_eq!(v["session"]["connection"], 3);
            let name = m.spec().unwrap().name;
            assert_eq!(v["type"], name);
            let peripheral = match &v["fields"]["peripheral_id"] {
                serde_json::Value::Number(n) => n.to_string(),
                _ => NO_PERIPHERAL.to_string(),
            };
            assert_eq!(
                item.subject,
                format!("cti.bridge-1.{peripheral}.{}", name.to_lowercase())
            );
            // The ctidump keys, in ctidump's order, follow the bridge's.
            let body = render::encoded_body(&m, Version::V15, &mut Vec::new()).to_vec();
            let dump = serde_json::to_string(&m.dump(&body, Version::V15)).unwrap();
            assert!(item.payload.ends_with(dump.strip_prefix('{').unwrap()));
        }
        assert!(seen >= 3, "{seen} messages in the capture");
    }

    #[test]
    fn metrics_are_served_for_get_only() {
        let m = Metrics::new(10);
        m.published.inc();
        m.received.get_or_create(&Metrics::gateway(1)).inc_by(5);
        m.set_state(1, &["a:1".into(), "b:2".into()], "b:2", 2);
        let r = metrics_response(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", &m);
        assert!(r.starts_with("HTTP/1.1 200 OK\r\n"), "{r}");
        for want in [
            "cti_bridge_published_total 1\n",
            "cti_bridge_events_received_total{gateway=\"1\"} 5\n",
            "cti_bridge_queue_capacity 10\n",
            "cti_bridge_session_state{gateway=\"1\",server=\"b:2\"} 2\n",
            "cti_bridge_session_state{gateway=\"1\",server=\"a:1\"} 0\n",
        ] {
            assert!(r.contains(want), "{want} missing from {r}");
        }
        let body = r.split("\r\n\r\n").nth(1).unwrap();
        assert!(r.contains(&format!("Content-Length: {}\r\n", body.len())));
        assert!(metrics_response(b"GET /x HTTP/1.1\r\n\r\n", &m).starts_with("HTTP/1.1 404"));
        assert!(metrics_response(b"POST / HTTP/1.1\r\n\r\n", &m).starts_with("HTTP/1.1 405"));
        assert!(metrics_response(b"", &m).starts_with("HTTP/1.1 405"));
    }
}
