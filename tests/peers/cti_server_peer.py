#!/usr/bin/env python3
"""A scripted, independent CTI Server (protocol version 15) that tests the `cti-client` tool
over loopback TCP, one scenario per fresh listener, the scenarios in parallel threads.

    python3 tests/peers/cti_server_peer.py

Uses the binary named by `CTI_CLIENT_BIN` (an installed `cti-client`), else
builds the tools once (`cargo build -p cti-tools --bins`), runs it as
`cti-client --server 127.0.0.1:PORT --client-id ID --password PW --heartbeat 5 --json --once`
and checks the bytes it sends, the timing of its heartbeats, its event lines and its exit status
(0 after a clean close, 2 after a failure). Prints one line per check and `N passed, M failed`;
exits non-zero on any failure.
"""

import json
import socket
import struct
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True  # keep the source tree clean
import cti_v15 as w  # noqa: E402

CLIENT_ID = "peer-bridge"
PASSWORD = "s3cret"
INTERVAL = 5.0  # --heartbeat 5
TOLERANCE = 1.0  # the machine is shared and loaded
PERIPHERALS = [5000, 5001]

checks = w.Checks()


class Scenario:
    """One listener, one cti-client process, one accepted connection."""

    def __init__(self, name, exe):
        self.name = name
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(1)
        port = self.listener.getsockname()[1]
        self.proc = subprocess.Popen(
            [exe, "--server", f"127.0.0.1:{port}", "--client-id", CLIENT_ID, "--password",
             PASSWORD, "--heartbeat", str(int(INTERVAL)), "--json", "--once"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.listener.settimeout(20)
        try:
            self.conn, _ = self.listener.accept()
        except OSError:
            self.proc.kill()
            self.proc.wait()
            self.listener.close()
            raise
        self.conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.framed = w.Framed(self.conn)
        self.split = False

    def check(self, what, ok, detail=""):
        return checks.check(f"{self.name}: {what}", ok, detail)

    def send(self, data):
        if not self.split:
            self.conn.sendall(data)
            return
        for i in range(len(data)):
            self.conn.sendall(data[i:i + 1])
            time.sleep(0.002)

    def read(self, wanted, timeout=INTERVAL + 3):
        return self.framed.read_until(wanted, timeout)

    def open(self):
        """Reads the OPEN_REQ and answers OPEN_CONF; returns (InvokeID, arrival, OPEN_CONF)."""
        _, body, at = self.read({w.OPEN_REQ}, timeout=15)
        invoke_id = struct.unpack_from(">I", body)[0]
        return invoke_id, at, self.open_conf(invoke_id)

    @staticmethod
    def open_conf(invoke_id):
        return w.open_conf(invoke_id, services=w.CTI_SERVICE_ALL_EVENTS, monitor_id=7,
                           pg_status=0, time_=0x5746CC1E, online=True, peripheral_type=17,
                           agent_state=9, peripherals=PERIPHERALS)

    def finish(self, timeout=15):
        """Waits for the client to exit; returns (exit status, parsed event lines)."""
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
            self.check("client exits in time", False, f"killed after {timeout} s")
        events = []
        for line in out.splitlines():
            try:
                events.append(json.loads(line))
            except ValueError:
                self.check("every stdout line is JSON", False, repr(line))
        self.stderr = err
        return self.proc.returncode, events

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        for s in (self.conn, self.listener):
            try:
                s.close()
            except OSError:
                pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def expect_events(sc, events, names):
    got = [e.get("event") for e in events]
    sc.check(f"events are {names}", got == names, f"got {got}")


def expect_failure_event(sc, event):
    """FAILURE_EVENT is shown as a message line with its Status and the status's name (spec §3.2)."""
    ok = (event.get("type") == "FAILURE_EVENT" and event.get("type_id") == 2
          and event.get("fields", {}).get("status") == 15
          and event.get("fields", {}).get("status_name") == "E_CTI_CTI_SERVER_OFFLINE")
    sc.check("FAILURE_EVENT shown with Status 15", ok, f"{event}")


def expect_failed(sc, events, reason):
    failed = [e for e in events if e.get("event") == "session_failed"]
    ok = len(failed) == 1 and failed[0].get("reason") == reason
    sc.check(f"session_failed reason {reason}", ok, f"got {failed}")
    return failed[0] if failed else {}


def scenario_open(exe):
    """(a) The OPEN_REQ byte by byte, then OPEN_CONF and an `opened` line that carries it."""
    with Scenario("a/open", exe) as sc:
        header = sc.framed
        header._fill(w.HEADER_LEN, time.monotonic() + 15)
        length, mtype = w.HEADER.unpack_from(header.buf)
        _, body, _ = header.read(5)
        sc.check("first message is OPEN_REQ (type 3)", mtype == w.OPEN_REQ, f"type {mtype}")
        sc.check("MessageLength counts the body only", length == len(body),
                 f"length {length}, body {len(body)}")
        fixed = w.OPEN_REQ_FIXED.unpack_from(body)
        (invoke, version, idle, peripheral, services, call_mask, agent_mask, config_mask,
         r1, r2, r3) = fixed
        sc.check("VersionNumber 15", version == 15, f"{version}")
        sc.check("IdleTimeout 20 = 4 x 5 s", idle == 20, f"{idle}")
        sc.check("PeripheralID NULL_PERIPHERAL_ID without Client Events",
                 peripheral == w.NULL_PERIPHERAL_ID, f"{peripheral:#x}")
        sc.check("ServicesRequested asks ALL_EVENTS, no unnamed bits",
                 services & w.CTI_SERVICE_ALL_EVENTS and not services & ~w.SERVICE_BITS_V15,
                 f"{services:#x}")
        sc.check("CallMsgMask is every v15 call event (0x0FFFFFFF)",
                 call_mask == w.CALL_MSG_MASK_V15, f"{call_mask:#x}")
        sc.check("AgentStateMask is every v15 state (0x3FF)",
                 agent_mask == w.AGENT_STATE_MASK_V15, f"{agent_mask:#x}")
        sc.check("ConfigMsgMask 0", config_mask == 0, f"{config_mask:#x}")
        sc.check("Reserved1..3 are 0", (r1, r2, r3) == (0, 0, 0), f"{(r1, r2, r3)}")
        try:
            fields = w.parse_floating(body[w.OPEN_REQ_FIXED.size:])
        except ValueError as e:
            fields = []
            sc.check("floating part parses with one-byte tag and length", False, str(e))
        tags = [t for t, _ in fields]
        sc.check("floating fields are ClientID then ClientPassword", tags == [1, 2], f"{tags}")
        values = dict(fields)
        cid = values.get(w.TAG_CLIENT_ID, b"")
        sc.check("ClientID NUL-terminated, NUL counted in its length",
                 cid == w.string(CLIENT_ID), f"{cid!r}")
        pw = values.get(w.TAG_CLIENT_PASSWORD, b"")
        sc.check("ClientPassword raw bytes (UNSPEC, no NUL)", pw == PASSWORD.encode(), f"{pw!r}")
        sc.send(sc.open_conf(invoke))
        # The session is open; ending the connection from this side must be a failure.
        time.sleep(0.3)
        sc.conn.shutdown(socket.SHUT_WR)
        status, events = sc.finish()
        opened = events[0] if events else {}
        want = {"event": "opened", "services_granted": 16, "pg_status": 0, "monitor_id": 7,
                "peripheral_online": True, "peripheral_type": 17, "agent_state": 9,
                "peripherals": PERIPHERALS}
        sc.check("opened line carries the OPEN_CONF fields", opened == want, f"got {opened}")
        expect_failed(sc, events, "peer_closed")
        sc.check("exit status 2 after a failure", status == 2, f"{status}")


def scenario_heartbeats(exe):
    """(b) HEARTBEAT_REQ one interval after the last message sent, fresh InvokeIDs; then
    FAILURE_EVENT offline ends the session with CLOSE_REQ/CLOSE_CONF."""
    with Scenario("b/heartbeat", exe) as sc:
        invoke, last_sent, conf = sc.open()
        sc.send(conf)
        ids = [invoke]
        gaps = []
        lengths = []
        for _ in range(3):
            _, body, at = sc.read({w.HEARTBEAT_REQ})
            lengths.append(len(body))
            hb = struct.unpack_from(">I", body)[0]
            gaps.append(at - last_sent)
            ids.append(hb)
            last_sent = at
            sc.send(w.u32_message(w.HEARTBEAT_CONF, hb))
        sc.check("HEARTBEAT_REQ body is the InvokeID alone (4 bytes)",
                 lengths == [4, 4, 4], f"{lengths}")
        sc.check(f"3 heartbeats each {INTERVAL:.0f} s +/- {TOLERANCE:.0f} s after the last message",
                 all(abs(g - INTERVAL) <= TOLERANCE for g in gaps),
                 "gaps " + ", ".join(f"{g:.3f} s" for g in gaps))
        sc.check("fresh InvokeIDs", len(set(ids)) == len(ids), f"{ids}")
        sc.send(w.u32_message(w.FAILURE_EVENT, w.E_CTI_CTI_SERVER_OFFLINE))
        _, body, _ = sc.read({w.CLOSE_REQ})
        close_id, status = struct.unpack(">II", body)
        sc.check("CLOSE_REQ Status 15 after FAILURE_EVENT offline", status == 15, f"{status}")
        sc.send(w.u32_message(w.CLOSE_CONF, close_id))
        code, events = sc.finish()
        expect_events(sc, events, ["opened", "message", "closed"])
        expect_failure_event(sc, events[1] if len(events) > 1 else {})
        sc.check("exit status 0 after a clean close", code == 0, f"{code}")
        return gaps


def scenario_heartbeat_timeout(exe):
    """(c) After one confirmed heartbeat the peer goes silent: three unconfirmed heartbeats,
    then `heartbeat_timeout` four intervals after the last confirmation, and a reset."""
    with Scenario("c/silent", exe) as sc:
        invoke, _, conf = sc.open()
        sc.send(conf)
        _, body, _ = sc.read({w.HEARTBEAT_REQ})
        sc.send(w.u32_message(w.HEARTBEAT_CONF, struct.unpack(">I", body)[0]))
        confirmed_at = time.monotonic()
        unanswered = 0
        closed = None
        while closed is None:
            try:
                sc.read({w.HEARTBEAT_REQ}, timeout=4 * INTERVAL + 5)
                unanswered += 1
            except w.Closed as c:
                closed = c
        after = closed.after - confirmed_at
        sc.check("three heartbeats went unconfirmed", unanswered == 3, f"{unanswered}")
        sc.check(f"connection ends {4 * INTERVAL:.0f} s +/- {TOLERANCE:.0f} s after the last "
                 "confirmation", abs(after - 4 * INTERVAL) <= TOLERANCE, f"{after:.3f} s")
        sc.check("connection reset (RST, linger 0)", closed.reset)
        code, events = sc.finish()
        expect_events(sc, events, ["opened", "session_failed"])
        expect_failed(sc, events, "heartbeat_timeout")
        sc.check("exit status 2", code == 2, f"{code}")
        return after


def scenario_rejected(exe):
    """(d) FAILURE_CONF E_CTI_INVALID_PASSWORD to the OPEN_REQ."""
    with Scenario("d/rejected", exe) as sc:
        invoke, _, _ = sc.open()
        sc.send(w.u32_message(w.FAILURE_CONF, invoke, w.E_CTI_INVALID_PASSWORD))
        closed = sc.framed.wait_closed(10)
        sc.check("client resets the connection after the rejection",
                 closed is not None and closed.reset, f"{closed}")
        code, events = sc.finish()
        expect_events(sc, events, ["session_failed"])
        failed = expect_failed(sc, events, "rejected")
        sc.check("detail names E_CTI_INVALID_PASSWORD",
                 "INVALID_PASSWORD" in failed.get("detail", ""), f"{failed.get('detail')}")
        sc.check("exit status 2", code == 2, f"{code}")


def scenario_offline(exe, split=False):
    """(e) FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE: the client closes with Status 15. With
    `split` (f), every byte the peer sends goes in its own TCP segment, and a SYSTEM_EVENT
    travels between OPEN_CONF and FAILURE_EVENT."""
    with Scenario("f/split" if split else "e/offline", exe) as sc:
        sc.split = split
        invoke, _, conf = sc.open()
        out = conf
        if split:
            out += w.message(w.SYSTEM_EVENT, w.SYSTEM_EVENT_FIXED.pack(
                0, 0x5746CC1E, 3, 5000, 0, 0, 0xFFFF))
        out += w.u32_message(w.FAILURE_EVENT, w.E_CTI_CTI_SERVER_OFFLINE)
        sc.send(out)
        _, body, _ = sc.read({w.CLOSE_REQ})
        sc.check("CLOSE_REQ body is InvokeID + Status (8 bytes)", len(body) == 8, f"{len(body)}")
        close_id, status = struct.unpack_from(">II", body)
        sc.check("CLOSE_REQ Status E_CTI_CTI_SERVER_OFFLINE (15)", status == 15, f"{status}")
        sc.check("CLOSE_REQ has a fresh InvokeID", close_id != invoke, f"{close_id} vs {invoke}")
        sc.send(w.u32_message(w.CLOSE_CONF, close_id))
        code, events = sc.finish()
        names = ["opened", "message", "message", "closed"] if split else [
            "opened", "message", "closed"]
        expect_events(sc, events, names)
        expect_failure_event(sc, events[-2] if len(events) > 1 else {})
        if split:
            msg = events[1] if len(events) > 1 else {}
            fields = msg.get("fields", {})
            sc.check("SYSTEM_EVENT reassembled from single bytes",
                     msg.get("type_id") == 31 and fields.get("system_event_id") == 3
                     and fields.get("system_event_arg1") == 5000, f"{msg}")
        sc.check("exit status 0 after a clean close", code == 0, f"{code}")


def scenario_oversize(exe):
    """(g) A MessageLength of 0x00100000: refused from the header alone."""
    with Scenario("g/oversize", exe) as sc:
        invoke, _, conf = sc.open()
        sc.send(conf)
        sent = time.monotonic()
        sc.send(w.HEADER.pack(0x00100000, w.SYSTEM_EVENT))
        closed = sc.framed.wait_closed(10)
        sc.check("client resets without waiting for the body",
                 closed is not None and closed.reset and closed.after - sent < 2,
                 f"{closed} after {closed.after - sent:.3f} s" if closed else "still open")
        code, events = sc.finish()
        expect_events(sc, events, ["opened", "session_failed"])
        failed = expect_failed(sc, events, "oversize")
        sc.check("detail names the length", "1048576" in failed.get("detail", ""),
                 f"{failed.get('detail')}")
        sc.check("exit status 2", code == 2, f"{code}")


def main():
    started = time.monotonic()
    exe = w.tool_binary("cti-client")
    built = time.monotonic()
    results = {}

    def run(name, fn, *args):
        try:
            results[name] = fn(exe, *args)
        except Exception as e:  # a scenario that breaks off is a failed check, not a crash
            checks.check(f"{name}: scenario completes", False, f"{type(e).__name__}: {e}")

    threads = [threading.Thread(target=run, args=a) for a in [
        ("a/open", scenario_open), ("b/heartbeat", scenario_heartbeats),
        ("c/silent", scenario_heartbeat_timeout), ("d/rejected", scenario_rejected),
        ("e/offline", scenario_offline), ("f/split", scenario_offline, True),
        ("g/oversize", scenario_oversize)]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    gaps = results.get("b/heartbeat")
    if gaps:
        print("heartbeat gaps: " + ", ".join(f"{g:.3f} s" for g in gaps))
    if results.get("c/silent") is not None:
        print(f"heartbeat_timeout after the last confirmation: {results['c/silent']:.3f} s")
    print(f"build {built - started:.1f} s, scenarios {time.monotonic() - built:.1f} s")
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
