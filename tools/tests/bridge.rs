//! `cti-bridge` against a real `nats-server` with JetStream (started here on a free port, with
//! a store in a temporary folder) and real `cti-sim` processes, never a mock: each test counts
//! the stream against what `cti-sim` says it sent on each connection (its last line for a
//! connection: `#N disconnected: …; K events sent`).
//!
//! The simulator numbers its events per connection (1, 2, 3, …; README "numbered events"), so
//! each connection's messages in the stream must be OPEN_CONF, then the simulator's events
//! numbered exactly 1..=K in `seq` order: nothing lost, doubled or reordered. What K must be:
//! - after a clean stop (SIGTERM) of the bridge, the stream has every event the simulator sent
//!   on that connection: K equals the simulator's count exactly;
//! - after `kill -9` of the bridge, events it had received and not yet had acknowledged are
//!   gone by definition: the stream holds exactly the numbers 1..=K, every message the bridge
//!   logged as acknowledged is among them, and K is at most the simulator's count;
//! - and across the whole stream no Nats-Msg-Id, and no (connection, event number), occurs
//!   twice.
//!
//! `nats-server` is found through `NATS_SERVER`, else on PATH or in /usr/sbin, /usr/bin
//! (Debian's package; `.ci/run` installs it and sets `CTI_REQUIRE_NATS`, so that there the
//! tests fail without it rather than say why they did not run).

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_nats::jetstream;
use serde_json::Value;

const STREAM: &str = "CTI";
const CLIENT_ID: &str = "bridge-1";

/// A child process whose stdout and stderr lines are collected as they come.
struct Proc {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
    name: String,
}

impl Proc {
    fn spawn(name: &str, cmd: &mut Command) -> Proc {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
        let lines = Arc::new(Mutex::new(Vec::new()));
        let out = child.stdout.take().unwrap();
        let err = child.stderr.take().unwrap();
        for stream in [
            Box::new(out) as Box<dyn std::io::Read + Send>,
            Box::new(err),
        ] {
            let lines = lines.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { break };
                    lines.lock().unwrap().push(line);
                }
            });
        }
        Proc {
            child,
            lines,
            name: name.to_string(),
        }
    }

    fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    fn pid(&self) -> String {
        self.child.id().to_string()
    }

    /// SIGTERM, then waits for the exit (10 s at most); the exit status.
    async fn terminate(&mut self) -> std::process::ExitStatus {
        let ok = Command::new("kill")
            .args(["-TERM", &self.pid()])
            .status()
            .unwrap();
        assert!(ok.success(), "kill -TERM {}", self.name);
        self.wait(Duration::from_secs(10)).await
    }

    async fn wait(&mut self, limit: Duration) -> std::process::ExitStatus {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader threads take the last lines.
                tokio::time::sleep(Duration::from_millis(50)).await;
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "{} did not exit; its lines:\n{}",
                self.name,
                self.lines().join("\n")
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// SIGKILL.
    async fn kill9(&mut self) {
        self.child.kill().unwrap();
        self.wait(Duration::from_secs(5)).await;
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits until `cond` holds, `limit` at most; panics with `what` and `context()` otherwise.
async fn wait_for<F: std::future::Future<Output = bool>>(
    what: &str,
    limit: Duration,
    mut cond: impl FnMut() -> F,
    context: impl Fn() -> String,
) {
    let deadline = Instant::now() + limit;
    while !cond().await {
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}\n{}",
            context()
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

fn find_nats_server() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NATS_SERVER") {
        return Some(p.into());
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/usr/bin".into()])
        .map(|d| d.join("nats-server"))
        .find(|p| p.is_file())
}

fn nats_server_binary() -> PathBuf {
    find_nats_server()
        .expect("nats-server not found (apt-get install nats-server, or set NATS_SERVER)")
}

/// True when a `nats-server` is there. Without one a test says why and returns, unless
/// `CTI_REQUIRE_NATS` is set (`.ci/run` installs nats-server and sets it): then it fails.
fn have_nats() -> bool {
    if find_nats_server().is_some() {
        return true;
    }
    let msg = "nats-server not found (Debian: apt-get install nats-server, or set NATS_SERVER)";
    assert!(
        std::env::var_os("CTI_REQUIRE_NATS").is_none(),
        "{msg}, and CTI_REQUIRE_NATS is set: the bridge tests cannot run"
    );
    eprintln!("{msg}: skipping this bridge test");
    false
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!(
            "cti-bridge-test-{}-{name}-{}",
            std::process::id(),
            free_port()
        ));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `nats-server -js` on `port`, its store in `store`; ready when it accepts connections.
async fn start_nats(port: u16, store: &Path) -> Proc {
    let p = Proc::spawn(
        "nats-server",
        Command::new(nats_server_binary())
            .args(["-js", "-a", "127.0.0.1", "-p", &port.to_string(), "-sd"])
            .arg(store),
    );
    wait_for(
        "nats-server to listen",
        Duration::from_secs(10),
        || async move {
            tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
        },
        || p.lines().join("\n"),
    )
    .await;
    p
}

/// A test's NATS side: a store folder, `nats-server` on a free port, a JetStream context.
struct Nats {
    dir: TempDir,
    port: u16,
    server: Proc,
    js: jetstream::Context,
}

impl Nats {
    async fn start(name: &str) -> Nats {
        let dir = TempDir::new(name);
        let port = free_port();
        let server = start_nats(port, &dir.0).await;
        let js = jetstream_on(port).await;
        Nats {
            dir,
            port,
            server,
            js,
        }
    }
}

/// `cti-sim --events-every MS` on a free port; returns it and its address.
async fn start_sim(every_ms: u64) -> (Proc, String) {
    let p = Proc::spawn(
        "cti-sim",
        Command::new(env!("CARGO_BIN_EXE_cti-sim")).args([
            "--listen",
            "127.0.0.1:0",
            "--events-every",
            &every_ms.to_string(),
        ]),
    );
    let mut addr = None;
    wait_for(
        "cti-sim to listen",
        Duration::from_secs(10),
        || {
            addr = p
                .lines()
                .iter()
                .find_map(|l| l.split("listening on ").nth(1).map(str::to_string));
            let found = addr.is_some();
            async move { found }
        },
        || p.lines().join("\n"),
    )
    .await;
    (p, addr.unwrap())
}

/// `cti-bridge` with every acknowledgement on its log.
fn start_bridge(servers: &[&str], nats_port: u16, extra: &[&str]) -> Proc {
    start_bridge_logging(servers, nats_port, extra, "cti_tools::bridge=debug")
}

/// `cti-bridge` with `RUST_LOG=log`.
fn start_bridge_logging(servers: &[&str], nats_port: u16, extra: &[&str], log: &str) -> Proc {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cti-bridge"));
    for s in servers {
        cmd.args(["--server", s]);
    }
    cmd.args(["--client-id", CLIENT_ID, "--stream", STREAM, "--nats"])
        .arg(format!("nats://127.0.0.1:{nats_port}"))
        .args(extra)
        .env("RUST_LOG", log)
        .env_remove("CTI_PASSWORD");
    Proc::spawn("cti-bridge", &mut cmd)
}

/// A JetStream context on `port`, reconnecting by itself.
async fn jetstream_on(port: u16) -> jetstream::Context {
    let client = async_nats::ConnectOptions::new()
        .retry_on_initial_connect()
        .reconnect_delay_callback(|_| Duration::from_millis(100))
        .connect(format!("nats://127.0.0.1:{port}"))
        .await
        .unwrap();
    jetstream::ContextBuilder::new()
        .timeout(Duration::from_secs(2))
        .build(client)
}

/// Messages in the stream, 0 while it is missing or NATS is away.
async fn stream_len(js: &jetstream::Context) -> u64 {
    match js.get_stream(STREAM).await {
        Ok(s) => s.get_info().await.map_or(0, |i| i.state.messages),
        Err(_) => 0,
    }
}

/// Every message of the stream, in stream order: the payloads.
async fn read_stream(js: &jetstream::Context) -> Vec<Value> {
    let stream = js.get_stream(STREAM).await.unwrap();
    let state = stream.get_info().await.unwrap().state;
    let mut out = Vec::new();
    for seq in state.first_sequence..=state.last_sequence {
        let m = stream.get_raw_message(seq).await.unwrap();
        let v: Value = serde_json::from_slice(&m.payload).unwrap();
        // The subject is the message's own: client id, peripheral, type.
        let peripheral = match &v["fields"]["peripheral_id"] {
            Value::Number(n) => n.to_string(),
            _ => "none".to_string(),
        };
        let kind = v["type"].as_str().unwrap().to_lowercase();
        assert_eq!(
            m.subject.as_str(),
            format!("cti.{CLIENT_ID}.{peripheral}.{kind}")
        );
        assert_eq!(
            m.headers.get("Nats-Msg-Id").map(|h| h.as_str()),
            v["msg_id"].as_str()
        );
        out.push(v);
    }
    assert_eq!(out.len() as u64, state.messages, "a gap in the stream");
    out
}

/// The number the simulator gave a scripted event (README: call k is events 5k − 3 and
/// 5k − 1; AGENT_STATE_EVENT carries it in EventReasonCode), `None` for other messages.
fn event_number(v: &Value) -> Option<u64> {
    let f = &v["fields"];
    let call = || f["connection_call_id"].as_u64().map(|c| c - 0x100);
    match v["type"].as_str()? {
        "AGENT_STATE_EVENT" => f["event_reason_code"].as_u64(),
        "BEGIN_CALL_EVENT" => call().map(|k| 5 * k - 3),
        "END_CALL_EVENT" => call().map(|k| 5 * k - 1),
        _ => None,
    }
}

/// One bridge connection's messages in the stream.
#[derive(Debug)]
struct Connection {
    run: String,
    server: String,
    side: String,
    /// The simulator's event numbers, in `seq` order.
    numbers: Vec<u64>,
    msg_ids: Vec<String>,
}

/// The stream's messages by bridge connection, in order of first appearance, each checked:
/// `seq` runs 1, 2, 3, … without gap or repeat, OPEN_CONF first, and the simulator's numbers
/// run 1, 2, 3, … too. No Nats-Msg-Id occurs twice in the whole stream.
fn connections(stream: &[Value]) -> Vec<Connection> {
    let mut ids = HashSet::new();
    let mut order = Vec::new();
    let mut by: BTreeMap<(String, u64, u64), Vec<&Value>> = BTreeMap::new();
    for v in stream {
        let id = v["msg_id"].as_str().unwrap().to_string();
        assert!(ids.insert(id.clone()), "{id} twice in the stream");
        let s = &v["session"];
        let key = (
            s["run"].as_str().unwrap().to_string(),
            s["gateway"].as_u64().unwrap(),
            s["connection"].as_u64().unwrap(),
        );
        if !by.contains_key(&key) {
            order.push(key.clone());
        }
        by.entry(key).or_default().push(v);
    }
    order
        .into_iter()
        .map(|key| {
            let mut msgs = by.remove(&key).unwrap();
            msgs.sort_by_key(|v| v["seq"].as_u64());
            let seqs: Vec<u64> = msgs.iter().map(|v| v["seq"].as_u64().unwrap()).collect();
            let want: Vec<u64> = (1..=msgs.len() as u64).collect();
            assert_eq!(seqs, want, "{key:?}: seq has a gap or a repeat");
            assert_eq!(msgs[0]["type"], "OPEN_CONF", "{key:?}");
            let numbers: Vec<u64> = msgs.iter().filter_map(|v| event_number(v)).collect();
            let want: Vec<u64> = (1..=numbers.len() as u64).collect();
            assert_eq!(
                numbers, want,
                "{key:?}: an event lost, doubled or reordered"
            );
            Connection {
                run: key.0,
                server: msgs[0]["session"]["server"].as_str().unwrap().to_string(),
                side: msgs[0]["session"]["side"].as_str().unwrap().to_string(),
                numbers,
                msg_ids: msgs
                    .iter()
                    .map(|v| v["msg_id"].as_str().unwrap().to_string())
                    .collect(),
            }
        })
        .collect()
}

/// What the simulator says it sent on each connection that has ended, by its number.
fn sim_sent(sim: &Proc) -> BTreeMap<u64, u64> {
    sim.lines()
        .iter()
        .filter_map(|l| {
            let rest = l.split(" sim #").nth(1)?;
            let (id, rest) = rest.split_once(' ')?;
            let sent = rest.strip_prefix("disconnected: ")?;
            // `HOW; K events sent`, perhaps with ` (N lines suppressed)` after it.
            let counted = sent.rsplit_once("; ")?.1;
            let n = counted.split_once(" events sent")?.0;
            Some((id.parse().ok()?, n.parse().ok()?))
        })
        .collect()
}

/// Waits until the simulator has logged the end of `n` connections.
async fn sim_ended(sim: &Proc, n: usize) -> BTreeMap<u64, u64> {
    wait_for(
        "the simulator's last line for each connection",
        Duration::from_secs(10),
        || {
            let done = sim_sent(sim).len() >= n;
            async move { done }
        },
        || sim.lines().join("\n"),
    )
    .await;
    sim_sent(sim)
}

/// The Nats-Msg-Ids the bridge logged as acknowledged.
fn acked(bridge: &Proc) -> Vec<String> {
    bridge
        .lines()
        .iter()
        .filter_map(|l| {
            l.split(" acked ")
                .nth(1)?
                .split(' ')
                .next()
                .map(str::to_string)
        })
        .collect()
}

/// Waits until a line of `p` contains `text`.
async fn logs(p: &Proc, text: &str, limit: Duration) {
    wait_for(
        &format!("{text:?} on the log of {}", p.name),
        limit,
        || {
            let found = p.lines().iter().any(|l| l.contains(text));
            async move { found }
        },
        || p.lines().join("\n"),
    )
    .await;
}

/// Waits until the stream holds at least `n` messages.
async fn stream_reaches(js: &jetstream::Context, n: u64, bridge: &Proc) {
    wait_for(
        &format!("{n} messages in the stream"),
        Duration::from_secs(15),
        || async move { stream_len(js).await >= n },
        || bridge.lines().join("\n"),
    )
    .await;
}

/// A clean stop: SIGTERM, exit status 0, "nothing left" on the log.
async fn stop_cleanly(bridge: &mut Proc) {
    let status = bridge.terminate().await;
    let lines = bridge.lines();
    assert!(status.success(), "{status}\n{}", lines.join("\n"));
    assert!(
        lines.iter().any(|l| l.contains("nothing left")),
        "{}",
        lines.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_publishes_every_event_received_before_exiting() {
    if !have_nats() {
        return;
    }
    let n = Nats::start("sigterm").await;
    let (port, js) = (n.port, n.js.clone());
    let (sim_a, addr_a) = start_sim(10).await;
    let (sim_b, addr_b) = start_sim(10).await;
    // Two gateways, one session each.
    let mut bridge = start_bridge(&[&addr_a, &addr_b], port, &[]);
    stream_reaches(&js, 150, &bridge).await;
    stop_cleanly(&mut bridge).await;
    let sent_a = sim_ended(&sim_a, 1).await;
    let sent_b = sim_ended(&sim_b, 1).await;
    let conns = connections(&read_stream(&js).await);
    assert_eq!(conns.len(), 2, "{conns:?}");
    for (sim_sent, addr) in [(&sent_a, &addr_a), (&sent_b, &addr_b)] {
        let c = conns.iter().find(|c| &c.server == addr).unwrap();
        let sent = sim_sent[&1];
        println!(
            "SIGTERM: {addr}: cti-sim sent {sent}, stream has {}",
            c.numbers.len()
        );
        assert_eq!(c.numbers.len() as u64, sent, "{addr}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_and_restart_of_the_bridge() {
    if !have_nats() {
        return;
    }
    let n = Nats::start("kill").await;
    let (port, js) = (n.port, n.js.clone());
    let (sim, addr) = start_sim(100).await;
    let mut first = start_bridge(&[&addr], port, &[]);
    wait_for(
        "14 acknowledgements on the bridge's log",
        Duration::from_secs(15),
        || {
            let n = acked(&first).len();
            async move { n >= 14 }
        },
        || first.lines().join("\n"),
    )
    .await;
    first.kill9().await;
    let acked_first = acked(&first);
    let before = stream_len(&js).await;
    let mut second = start_bridge(&[&addr], port, &[]);
    stream_reaches(&js, before + 12, &second).await;
    stop_cleanly(&mut second).await;
    let sent = sim_ended(&sim, 2).await;
    let conns = connections(&read_stream(&js).await);
    assert_eq!(conns.len(), 2, "{conns:?}");
    assert_ne!(conns[0].run, conns[1].run);
    // The killed bridge: every acknowledged message is there (once: checked above), and the
    // stream holds exactly the events 1..=k, k at most what the simulator sent.
    let ids: HashSet<&String> = conns[0].msg_ids.iter().collect();
    for id in &acked_first {
        assert!(
            ids.contains(id),
            "{id} was acknowledged but is not in the stream"
        );
    }
    let k = conns[0].numbers.len() as u64;
    assert!(k <= sent[&1], "{k} events in the stream, {} sent", sent[&1]);
    assert!(acked_first.len() >= 14, "{acked_first:?}");
    println!(
        "kill -9: cti-sim sent {} on the first connection; the bridge logged {} messages \
         acknowledged (OPEN_CONF and SYSTEM_EVENT included); the stream has all of them and \
         events 1..={k}; {} received or in flight when killed, lost by definition",
        sent[&1],
        acked_first.len(),
        sent[&1] - k
    );
    // The restarted bridge, stopped cleanly: exactly what the simulator sent.
    println!(
        "kill -9: after the restart cti-sim sent {}, the stream has {}",
        sent[&2],
        conns[1].numbers.len()
    );
    assert_eq!(conns[1].numbers.len() as u64, sent[&2]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nats_restart_with_the_same_store_while_the_bridge_runs() {
    if !have_nats() {
        return;
    }
    let mut n = Nats::start("nats-restart").await;
    let (port, js) = (n.port, n.js.clone());
    let (sim, addr) = start_sim(100).await;
    // A small queue, so that the outage fills it and reads pause.
    let mut bridge = start_bridge(&[&addr], port, &["--queue", "8", "--ack-timeout", "1"]);
    stream_reaches(&js, 10, &bridge).await;
    n.server.kill9().await;
    logs(&bridge, "queue full", Duration::from_secs(10)).await;
    let during = stream_len(&js).await;
    assert_eq!(during, 0, "NATS is down");
    n.server = start_nats(port, &n.dir.0).await;
    logs(&bridge, "reading again", Duration::from_secs(15)).await;
    let after = stream_len(&js).await;
    stream_reaches(&js, after + 10, &bridge).await;
    stop_cleanly(&mut bridge).await;
    let sent = sim_ended(&sim, 1).await;
    let conns = connections(&read_stream(&js).await);
    assert_eq!(conns.len(), 1, "{conns:?}");
    let lines = bridge.lines();
    let failures = lines
        .iter()
        .filter(|l| l.contains("publishing failed"))
        .count();
    assert!(failures >= 1, "{}", lines.join("\n"));
    println!(
        "NATS restart: cti-sim sent {}, the stream has {} (and OPEN_CONF, SYSTEM_EVENT), \
         {} publish attempts acknowledged as duplicates",
        sent[&1],
        conns[0].numbers.len(),
        lines.iter().filter(|l| l.contains(", duplicate)")).count()
    );
    assert_eq!(conns[0].numbers.len() as u64, sent[&1]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn side_a_goes_away_and_the_bridge_switches_to_side_b() {
    if !have_nats() {
        return;
    }
    let n = Nats::start("side-switch").await;
    let (port, js) = (n.port, n.js.clone());
    let (mut sim_a, addr_a) = start_sim(100).await;
    let (sim_b, addr_b) = start_sim(100).await;
    let pair = format!("{addr_a},{addr_b}");
    let mut bridge = start_bridge(&[&pair], port, &[]);
    stream_reaches(&js, 10, &bridge).await;
    // Side A stops: it ends its connection (logging its count) and refuses from then on.
    assert!(sim_a.terminate().await.success());
    let sent_a = sim_sent(&sim_a);
    let before = stream_len(&js).await;
    stream_reaches(&js, before + 10, &bridge).await;
    stop_cleanly(&mut bridge).await;
    let sent_b = sim_ended(&sim_b, 1).await;
    let conns = connections(&read_stream(&js).await);
    assert_eq!(conns.len(), 2, "{conns:?}");
    assert_eq!(
        (conns[0].side.as_str(), conns[0].server.as_str()),
        ("A", addr_a.as_str())
    );
    assert_eq!(
        (conns[1].side.as_str(), conns[1].server.as_str()),
        ("B", addr_b.as_str())
    );
    println!(
        "side switch: side A's cti-sim sent {}, the stream has {}; side B's sent {}, the \
         stream has {}",
        sent_a[&1],
        conns[0].numbers.len(),
        sent_b[&1],
        conns[1].numbers.len()
    );
    assert_eq!(conns[0].numbers.len() as u64, sent_a[&1]);
    assert_eq!(conns[1].numbers.len() as u64, sent_b[&1]);
}

/// One counter's value from the bridge's `--metrics` endpoint.
async fn scrape(addr: &str, name: &str) -> f64 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut sock = tokio::net::TcpStream::connect(addr).await.unwrap();
    sock.write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut text = String::new();
    sock.read_to_string(&mut text).await.unwrap();
    text.lines()
        .filter(|l| l.starts_with(name))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

/// Events per second through the bridge into a stream on disk: `CTI_BRIDGE_SESSIONS`
/// sessions (16 by default) to one `cti-sim` sending an event every millisecond on each, for
/// `CTI_BRIDGE_SECS` seconds (5 by default) after a second of warm-up. Prints the figures:
///
/// ```sh
/// cargo test --release -p cti-tools --test bridge -- --ignored --nocapture throughput
/// ```
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: run it alone, in release, and read its figures"]
async fn throughput() {
    if !have_nats() {
        return;
    }
    let env = |k: &str, d: u64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let sessions = env("CTI_BRIDGE_SESSIONS", 16) as usize;
    let secs = env("CTI_BRIDGE_SECS", 5);
    let n = Nats::start("throughput").await;
    let (port, js) = (n.port, n.js.clone());
    let (sim, addr) = start_sim(1).await;
    let metrics = format!("127.0.0.1:{}", free_port());
    let servers: Vec<&str> = std::iter::repeat_n(addr.as_str(), sessions).collect();
    let mut bridge = start_bridge_logging(&servers, port, &["--metrics", metrics.as_str()], "info");
    stream_reaches(&js, 1, &bridge).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let t0 = Instant::now();
    let (r0, p0, s0) = (
        scrape(&metrics, "cti_bridge_events_received_total").await,
        scrape(&metrics, "cti_bridge_published_total").await,
        stream_len(&js).await,
    );
    tokio::time::sleep(Duration::from_secs(secs)).await;
    let (r1, p1, s1) = (
        scrape(&metrics, "cti_bridge_events_received_total").await,
        scrape(&metrics, "cti_bridge_published_total").await,
        stream_len(&js).await,
    );
    let dt = t0.elapsed().as_secs_f64();
    let depth = scrape(&metrics, "cti_bridge_queue_depth").await;
    stop_cleanly(&mut bridge).await;
    // Every connection the simulator accepted has ended (reconnects included).
    let accepted = || {
        sim.lines()
            .iter()
            .filter(|l| l.ends_with(" connected"))
            .count()
    };
    let sent = sim_ended(&sim, accepted()).await;
    let sent = if sent.len() < accepted() {
        sim_ended(&sim, accepted()).await
    } else {
        sent
    };
    // A connection the simulator cut because the bridge paused its reads (queue full): its
    // count includes events still in the simulator's output when it was cut, which the bridge
    // never received.
    let cut: HashSet<u64> = sim
        .lines()
        .iter()
        .filter(|l| l.contains("(client not reading)"))
        .filter_map(|l| l.split(" sim #").nth(1)?.split(' ').next()?.parse().ok())
        .collect();
    let total_stream = stream_len(&js).await;
    let numbered: u64 = connections(&read_stream(&js).await)
        .iter()
        .map(|c| c.numbers.len() as u64)
        .sum();
    let total_sent: u64 = sent.values().sum();
    println!(
        "throughput: {sessions} sessions, one event a millisecond each, stream on disk, {dt:.1} s: \
         received {:.0}/s, published {:.0}/s, stream grew {:.0}/s; queue depth at the end {depth}",
        (r1 - r0) / dt,
        (p1 - p0) / dt,
        (s1 - s0) as f64 / dt
    );
    let ends = |what: &str| bridge.lines().iter().filter(|l| l.contains(what)).count();
    println!(
        "throughput: the bridge's sessions ended: {} closed, {} failed",
        ends("session closed"),
        ends("session failed")
    );
    let sent_uncut: u64 = sent
        .iter()
        .filter(|(id, _)| !cut.contains(id))
        .map(|(_, n)| n)
        .sum();
    println!(
        "throughput: after SIGTERM the stream holds {total_stream} messages, {numbered} of them \
         numbered events; cti-sim sent {total_sent} on {} connections, {} of them cut by \
         cti-sim for not reading (queue full) with {} events sent",
        sent.len(),
        cut.len(),
        total_sent - sent_uncut
    );
    if cut.is_empty() {
        assert_eq!(numbered, total_sent);
    } else {
        assert!(numbered <= total_sent && numbered >= sent_uncut);
    }
}
