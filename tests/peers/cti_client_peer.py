#!/usr/bin/env python3
"""Independent CTI clients (protocol version 15) that test the `cti-sim` tool over loopback
TCP: open validation, heartbeats, close, the IdleTimeout and 200 sessions at once.

    python3 tests/peers/cti_client_peer.py

Uses the binary named by `CTI_SIM_BIN` (an installed `cti-sim`), else
builds the tools once (`cargo build -p cti-tools --bins`), runs
`cti-sim --listen 127.0.0.1:PORT --password PW`, and checks its answers byte by byte. Prints
one line per check and `N passed, M failed`; exits non-zero on any failure.
"""

import socket
import struct
import sys
import threading
import time

sys.dont_write_bytecode = True  # keep the source tree clean
import cti_v15 as w  # noqa: E402

PASSWORD = "sim-pw"
IDLE_TIMEOUT = 20  # the smallest IdleTimeout a v15 server accepts (spec §6.3)
SESSIONS = 200

checks = w.Checks()

# OPEN_REQs a v15 server refuses, with the Status of its FAILURE_CONF (spec §6.2).
REJECTIONS = [
    ("OPEN_REQ version 14 -> FAILURE_CONF E_CTI_INVALID_VERSION (1)",
     w.E_CTI_INVALID_VERSION, {"version": 14}),
    ("OPEN_REQ version 99 -> FAILURE_CONF E_CTI_INVALID_VERSION (1)",
     w.E_CTI_INVALID_VERSION, {"version": 99}),
    ("OPEN_REQ IdleTimeout 10 -> FAILURE_CONF E_CTI_INVALID_TIMEOUT (18)",
     w.E_CTI_INVALID_TIMEOUT, {"idle_timeout": 10}),
    ("OPEN_REQ wrong password -> FAILURE_CONF E_CTI_INVALID_PASSWORD (36)",
     w.E_CTI_INVALID_PASSWORD, {"password": "wrong"}),
    ("OPEN_REQ Reserved2 = 1 -> FAILURE_CONF E_CTI_INVALID_RESERVED_FIELD (22)",
     w.E_CTI_INVALID_RESERVED_FIELD, {"reserved": (0, 1, 0)}),
]


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s, w.Framed(s)


def expect_answer(name, framed, wanted_type, invoke_id, body_len, extra=None):
    """Reads the next CONF or FAILURE_CONF (skipping unsolicited events) and checks its type,
    its echoed InvokeID, its length and, for FAILURE_CONF, the Status in `extra`."""
    mtype, body, _ = framed.read_until({w.FAILURE_CONF, w.OPEN_CONF, w.HEARTBEAT_CONF,
                                        w.CLOSE_CONF}, timeout=10)
    got_id = struct.unpack_from(">I", body)[0] if len(body) >= 4 else None
    detail = f"type {mtype}, InvokeID {got_id}, body {len(body)} bytes"
    ok = mtype == wanted_type and got_id == invoke_id and len(body) >= body_len
    if extra is not None:
        status = struct.unpack_from(">I", body, 4)[0] if len(body) >= 8 else None
        if mtype == w.FAILURE_CONF:
            detail += f", Status {status}"
        ok = ok and len(body) == 8 and status == extra
    checks.check(name, ok, detail)
    return body


def check_open(port):
    s, f = connect(port)
    with s:
        invoke = 0x0BADF00D
        s.sendall(w.open_req(invoke, PASSWORD))
        body = expect_answer("OPEN_REQ v15 -> OPEN_CONF with the same InvokeID", f, w.OPEN_CONF,
                             invoke, w.OPEN_CONF_FIXED.size)
        if len(body) >= w.OPEN_CONF_FIXED.size:
            granted = struct.unpack_from(">I", body, 4)[0]
            checks.check("OPEN_CONF ServicesGranted within ServicesRequested",
                         granted & ~w.CTI_SERVICE_ALL_EVENTS == 0, f"{granted:#x}")
            try:
                tags = [t for t, _ in w.parse_floating(body[w.OPEN_CONF_FIXED.size:])]
                checks.check("OPEN_CONF floating part: one-byte tags and lengths that add up",
                             True, f"tags {tags}")
            except ValueError as e:
                checks.check("OPEN_CONF floating part: one-byte tags and lengths that add up",
                             False, str(e))
        # A second OPEN_REQ on an open session (spec §6.2: E_CTI_SESSION_ALREADY_OPEN).
        s.sendall(w.open_req(invoke + 1, PASSWORD))
        expect_answer("second OPEN_REQ -> FAILURE_CONF E_CTI_SESSION_ALREADY_OPEN (5)", f,
                      w.FAILURE_CONF, invoke + 1, 8, w.E_CTI_SESSION_ALREADY_OPEN)
        for n, hb in enumerate((100, 101, 0xFFFFFFFF)):
            s.sendall(w.u32_message(w.HEARTBEAT_REQ, hb))
            expect_answer(f"HEARTBEAT_REQ {hb} -> HEARTBEAT_CONF with the same InvokeID", f,
                          w.HEARTBEAT_CONF, hb, 4)
        s.sendall(w.u32_message(w.CLOSE_REQ, 200, w.E_CTI_NO_ERROR))
        expect_answer("CLOSE_REQ -> CLOSE_CONF with the same InvokeID", f, w.CLOSE_CONF, 200, 4)
        closed = f.wait_closed(5)
        checks.check("connection ends after CLOSE_CONF", closed is not None, f"{closed}")


def check_rejected(port, name, status, **open_args):
    s, f = connect(port)
    with s:
        invoke = 4242
        s.sendall(w.open_req(invoke, open_args.pop("password", PASSWORD), **open_args))
        expect_answer(name, f, w.FAILURE_CONF, invoke, 8, status)


def check_not_open(port):
    s, f = connect(port)
    with s:
        s.sendall(w.u32_message(w.HEARTBEAT_REQ, 77))
        expect_answer("HEARTBEAT_REQ before OPEN_REQ -> FAILURE_CONF E_CTI_SESSION_NOT_OPEN (4)",
                      f, w.FAILURE_CONF, 77, 8, w.E_CTI_SESSION_NOT_OPEN)
        # The session can still be opened afterwards.
        s.sendall(w.open_req(78, PASSWORD))
        expect_answer("OPEN_REQ after the refused request -> OPEN_CONF", f, w.OPEN_CONF, 78,
                      w.OPEN_CONF_FIXED.size)


def check_idle(port, result):
    """Silent after OPEN_CONF: the simulator must end the connection after IdleTimeout."""
    s, f = connect(port)
    with s:
        s.sendall(w.open_req(5, PASSWORD, idle_timeout=IDLE_TIMEOUT))
        sent = time.monotonic()
        expect_answer("OPEN_REQ IdleTimeout 20 -> OPEN_CONF", f, w.OPEN_CONF, 5,
                      w.OPEN_CONF_FIXED.size)
        closed = f.wait_closed(IDLE_TIMEOUT + 10)
        after = closed.after - sent if closed else None
        result.append(after)
        checks.check(f"silent client: connection ends after IdleTimeout {IDLE_TIMEOUT} s "
                     "(not before 19 s, not after 22 s)",
                     after is not None and 19 <= after <= 22,
                     f"{'reset' if closed and closed.reset else 'closed'} after {after:.3f} s"
                     if closed else "still open")


def check_many(port, result):
    """SESSIONS clients open at once, each heartbeats once and closes."""
    barrier = threading.Barrier(SESSIONS, timeout=30)
    done = []
    errors = []
    lock = threading.Lock()

    def one(i):
        try:
            s, f = connect(port)
            with s:
                barrier.wait()
                steps = [(w.open_req(i, PASSWORD, client_id=f"peer-{i}"), w.OPEN_CONF, i),
                         (w.u32_message(w.HEARTBEAT_REQ, 10000 + i), w.HEARTBEAT_CONF, 10000 + i),
                         (w.u32_message(w.CLOSE_REQ, 20000 + i, 0), w.CLOSE_CONF, 20000 + i)]
                for out, want, invoke in steps:
                    s.sendall(out)
                    mtype, body, _ = f.read_until({w.FAILURE_CONF, want}, timeout=30)
                    got = struct.unpack_from(">I", body)[0]
                    if mtype != want or got != invoke:
                        raise ValueError(f"session {i}: type {mtype} InvokeID {got}, "
                                         f"wanted type {want} InvokeID {invoke}")
            with lock:
                done.append(i)
        except Exception as e:  # counted below; one failure must not hide the others
            with lock:
                errors.append(f"{type(e).__name__}: {e}")

    start = time.monotonic()
    threads = [threading.Thread(target=one, args=(i,)) for i in range(1, SESSIONS + 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(0.1, 60 - (time.monotonic() - start)))
    took = time.monotonic() - start
    result.append(took)
    checks.check(f"{SESSIONS} sessions at once: every open, heartbeat and close answered",
                 len(done) == SESSIONS and not errors,
                 f"{len(done)} complete in {took:.2f} s, {len(errors)} errors"
                 + (f", first: {errors[0]}" if errors else ""))


def guarded(fn, *args, **kwargs):
    """Runs one group of checks; one that breaks off (timeout, reset) is a failed check."""
    try:
        fn(*args, **kwargs)
    except Exception as e:  # reported, so that the summary line is always printed
        checks.check(f"{fn.__name__} completes", False, f"{type(e).__name__}: {e}")


def main():
    started = time.monotonic()
    w.tool_binary("cti-sim")
    built = time.monotonic()
    with w.running_sim(checks, "--password", PASSWORD) as running:
        if running is None:
            return checks.summary()
        sim, port = running
        idle, many = [], []
        idle_thread = threading.Thread(target=guarded, args=(check_idle, port, idle))
        idle_thread.start()
        guarded(check_open, port)
        for name, status, args in REJECTIONS:
            guarded(check_rejected, port, name, status, **args)
        guarded(check_not_open, port)
        guarded(check_many, port, many)
        idle_thread.join()
        checks.check("cti-sim still running", sim.poll() is None)
        if idle and idle[0] is not None:
            print(f"idle timeout measured: {idle[0]:.3f} s")
        if many:
            print(f"{SESSIONS} sessions: {many[0]:.2f} s")
    print(f"build {built - started:.1f} s, checks {time.monotonic() - built:.1f} s")
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
