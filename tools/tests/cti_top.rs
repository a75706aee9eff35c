//! `cti-top` in a real terminal: tmux runs it in a detached pane against the real `cti-sim
//! --agents 20 --call-rate 120`, the test reads the screen with `tmux capture-pane -p` while
//! the simulator's agents take calls, checks the counts change and end equal to the
//! simulator's own status line, then presses `q` and checks the wallboard exited.
//!
//! Without tmux the test prints why and returns, unless `CTI_REQUIRE_TMUX` is set (`.ci/run`
//! installs tmux and sets it), in which case it fails.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `cti-sim` whose log lines are collected; killed when dropped.
struct Sim {
    child: Child,
    addr: String,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Sim {
    fn start(args: &[&str]) -> Sim {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cti-sim"))
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .env_remove("CTI_PASSWORD")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut reader = BufReader::new(child.stdout.take().unwrap()).lines();
        let addr = loop {
            let line = reader.next().expect("cti-sim exited").unwrap();
            if let Some((_, addr)) = line.split_once("listening on ") {
                break addr.trim().to_string();
            }
        };
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in reader.map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        Sim { child, addr, lines }
    }

    /// The latest `centre:` status line's two model parts (`Agents …`, `Calls …`).
    fn status(&self) -> Option<(String, String)> {
        let lines = self.lines.lock().unwrap();
        let line = lines.iter().rev().find(|l| l.contains(" centre: "))?;
        let (_, rest) = line.split_once(" centre: ")?;
        let mut parts = rest.split(" | ");
        Some((parts.next()?.to_string(), parts.next()?.to_string()))
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A tmux server of its own (`-L`), killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("tmux runs");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn capture(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "top"])
    }

    /// Whether the pane's command is still running (`remain-on-exit` keeps a dead pane).
    fn pane_dead(&self) -> bool {
        self.run(&["display-message", "-p", "-t", "top", "#{pane_dead}"])
            .trim()
            == "1"
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").output();
    }
}

/// The screen's `Agents …` and `Calls …` summary lines.
fn summary(screen: &str) -> Option<(String, String)> {
    let agents = screen.lines().find(|l| l.starts_with("Agents "))?;
    let calls = screen.lines().find(|l| l.starts_with("Calls "))?;
    Some((agents.trim_end().to_string(), calls.trim_end().to_string()))
}

/// The number after `Agents ` / `Calls `, after `Connected ` and after `TALKING ` (0 when
/// absent).
fn counts(summary: &(String, String)) -> (u32, u32, u32, u32) {
    let head = |s: &str, word: &str| -> u32 {
        s.strip_prefix(word)
            .and_then(|r| r.split(':').next())
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    };
    let after = |s: &str, word: &str| -> u32 {
        s.split_once(word)
            .and_then(|(_, r)| r.split(',').next())
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    };
    (
        head(&summary.0, "Agents "),
        head(&summary.1, "Calls "),
        after(&summary.1, "Connected "),
        after(&summary.0, "TALKING "),
    )
}

#[test]
fn the_wallboard_follows_the_simulator_and_quits_on_q() {
    // A real terminal is the point of this test; `.ci/run` installs tmux and sets
    // CTI_REQUIRE_TMUX, so there it cannot pass without running.
    let version = Command::new("tmux").arg("-V").output();
    if !version.is_ok_and(|o| o.status.success()) {
        let msg = "tmux not found (Debian: apt-get install tmux)";
        assert!(
            std::env::var_os("CTI_REQUIRE_TMUX").is_none(),
            "{msg}, and CTI_REQUIRE_TMUX is set: the wallboard test cannot run"
        );
        eprintln!("{msg}: skipping the wallboard test");
        return;
    }

    // 20 agents logged in and answering; two calls a second, each lasting ten minutes, so
    // the floor fills up over ten seconds and then holds still: TALKING 20, 20 calls.
    let sim = Sim::start(&[
        "--agents",
        "20",
        "--call-rate",
        "120",
        "--login-all",
        "--talk-time",
        "600",
    ]);
    let tmux = Tmux {
        socket: format!("cti-top-test-{}", std::process::id()),
    };
    // The pane's shell writes cti-top's exit status to a file once it exits.
    let exit_file = std::env::temp_dir().join(format!("cti-top-exit-{}", std::process::id()));
    let _ = std::fs::remove_file(&exit_file);
    let top = format!(
        "{} --server {} --client-id wallboard; echo $? > {}",
        env!("CARGO_BIN_EXE_cti-top"),
        sim.addr,
        exit_file.display()
    );
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "top",
        "-x",
        "160",
        "-y",
        "60",
        "-e",
        "CTI_PASSWORD=secret",
        &top,
    ]);
    tmux.run(&["set-option", "-t", "top", "remain-on-exit", "on"]);

    // While the floor fills: the counts seen change.
    let start = Instant::now();
    let mut seen: Vec<(u32, u32, u32, u32)> = Vec::new();
    while start.elapsed() < Duration::from_secs(8) {
        std::thread::sleep(Duration::from_millis(700));
        let screen = tmux.capture();
        assert!(!tmux.pane_dead(), "cti-top exited:\n{screen}");
        if let Some(s) = summary(&screen) {
            let c = counts(&s);
            // Every connected call is one answered inbound call at one agent, who is TALKING.
            // The peripheral reports CALL_ESTABLISHED, then the AGENT_STATE_EVENT: a screen
            // drawn between the two shows one connected call more than talking agents.
            assert!(
                c.2 == c.3 || c.2 == c.3 + 1,
                "connected calls and talking agents differ:\n{screen}"
            );
            if seen.last() != Some(&c) {
                seen.push(c);
            }
        }
    }
    assert!(
        seen.len() >= 3,
        "the counts did not change: {seen:?}\n{}",
        tmux.capture()
    );
    assert!(seen.windows(2).all(|w| w[0].1 <= w[1].1), "{seen:?}");

    // Settled: the wallboard says what the simulator's own model says.
    let deadline = Instant::now() + Duration::from_secs(20);
    let screen = loop {
        let screen = tmux.capture();
        let shown = summary(&screen);
        let said = sim.status();
        if shown.is_some()
            && shown == said
            && shown
                .as_ref()
                .is_some_and(|s| counts(s) == (20, 20, 20, 20))
        {
            break screen;
        }
        assert!(
            Instant::now() < deadline,
            "screen {shown:?} vs simulator {said:?}:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(500));
    };
    assert!(screen.contains("Agents 20: TALKING 20"), "{screen}");
    assert!(screen.contains("Calls 20: Connected 20"), "{screen}");
    // Per skill group counts: generated agents alternate between groups 1 and 2.
    assert!(
        screen
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["1", "10", "TALKING", "10"]),
        "{screen}"
    );
    // A call row: its parties and call variable.
    assert!(
        screen
            .lines()
            .any(|l| l.contains("Connected") && l.contains("ACD_IN") && l.contains("v1=")),
        "{screen}"
    );
    if let Ok(path) = std::env::var("CTI_TOP_SCREEN") {
        std::fs::write(path, &screen).unwrap();
    }

    tmux.run(&["send-keys", "-t", "top", "q"]);
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        match std::fs::read_to_string(&exit_file) {
            Ok(s) if s.ends_with('\n') => break s,
            _ => {}
        }
        assert!(Instant::now() < deadline, "cti-top did not quit on q");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(status.trim(), "0", "cti-top's exit status");
    let _ = std::fs::remove_file(&exit_file);
}
