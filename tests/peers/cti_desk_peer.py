#!/usr/bin/env python3
"""An independent agent desktop (protocol version 15) against `cti-sim --agents 1`: logs the
agent in, makes it ready, takes the call the simulator offers, holds, retrieves and releases
it, and checks every confirmation and event byte by byte with the layouts of the protocol fact
sheet (§3.9–3.21), with one ConnectionCallID and one device throughout.

    python3 tests/peers/cti_desk_peer.py

Uses the binary named by `CTI_SIM_BIN` (an installed `cti-sim`), else builds the tools once
(`cargo build -p cti-tools --bins`). Prints one line per check and `N passed, M failed`; exits
non-zero on any failure.
"""

import socket
import struct
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # keep the source tree clean
import cti_v15 as w  # noqa: E402

PASSWORD = "desk-pw"
AGENT_ID = "1001"  # cti-sim's generated agents: AgentIDs 1001.., instruments 2001..
INSTRUMENT = "2001"

# §2 message types of agent and call control.
CALL_DELIVERED_EVENT = 9
CALL_ESTABLISHED_EVENT = 10
CALL_HELD_EVENT = 11
CALL_RETRIEVED_EVENT = 12
CALL_CLEARED_EVENT = 13
CALL_CONNECTION_CLEARED_EVENT = 14
BEGIN_CALL_EVENT = 23
END_CALL_EVENT = 24
RELEASE_CALL_REQ, RELEASE_CALL_CONF = 28, 29
AGENT_STATE_EVENT = 30
CONTROL_FAILURE_CONF = 35
SET_AGENT_STATE_REQ, SET_AGENT_STATE_CONF = 38, 39
ANSWER_CALL_REQ, ANSWER_CALL_CONF = 42, 43
HOLD_CALL_REQ, HOLD_CALL_CONF = 54, 55
RETRIEVE_CALL_REQ, RETRIEVE_CALL_CONF = 62, 63
CONFIRMATIONS = {SET_AGENT_STATE_CONF, ANSWER_CALL_CONF, HOLD_CALL_CONF, RETRIEVE_CALL_CONF,
                 RELEASE_CALL_CONF, CONTROL_FAILURE_CONF, w.FAILURE_CONF}

# §5.2: control, and every event (bridge mode).
CTI_SERVICE_CLIENT_CONTROL = 0x04

# §5.8 AgentState.
LOGIN, NOT_READY, AVAILABLE, TALKING, RESERVED, HOLD = 0, 2, 3, 4, 8, 10
# §5.12 LocalConnectionState.
LCS_ALERTING, LCS_CONNECT, LCS_HOLD = 2, 3, 4
# §5.13 ControlFailureCode.
CF_NO_ACTIVE_CALL = 24
CF_NO_CALL_TO_ANSWER = 28
CF_SPECIFIED_AGENT_ALREADY_SIGNED_ON = 259

# §4 tags.
TAG_AGENT_ID = 5
TAG_AGENT_INSTRUMENT = 6
TAG_CONNECTION_DEVID = 25
TAG_ALERTING_DEVID = 26
TAG_ANSWERING_DEVID = 30
TAG_HOLDING_DEVID = 31
TAG_RETRIEVING_DEVID = 32
TAG_RELEASING_DEVID = 33
TAG_HELD_CONNECTION_DEVID = 53

# Fixed parts (§3.9–3.21), big-endian.
SET_AGENT_STATE_REQ_FIXED = struct.Struct(">IIHHHHBI")  # 21 bytes, ForcedFlag is a UCHAR
CALL_REQ_FIXED = struct.Struct(">IIIH")  # ANSWER_CALL_REQ, RETRIEVE_CALL_REQ
HOLD_CALL_REQ_FIXED = struct.Struct(">IIIHH")  # + Reservation BOOL
RELEASE_CALL_REQ_FIXED = struct.Struct(">IIHI")
AGENT_STATE_EVENT_FIXED = struct.Struct(">IIIHHIIIHHHiIHIiIH")
BEGIN_CALL_EVENT_FIXED = struct.Struct(">IIHHHHHHIH")
CONTROL_FAILURE_CONF_FIXED = struct.Struct(">IHI")
assert SET_AGENT_STATE_REQ_FIXED.size == 21 and AGENT_STATE_EVENT_FIXED.size == 58
assert BEGIN_CALL_EVENT_FIXED.size == 26 and CONTROL_FAILURE_CONF_FIXED.size == 10

# Where each call event keeps ConnectionCallID, LocalConnectionState and its fixed size (§3.11–3.15).
CALL_EVENTS = {
    # type: (fixed size, offset of ConnectionCallID, offset of LocalConnectionState or None)
    BEGIN_CALL_EVENT: (26, 20, None),
    CALL_DELIVERED_EVENT: (54, 12, 46),
    CALL_ESTABLISHED_EVENT: (50, 12, 46),
    CALL_HELD_EVENT: (22, 12, 18),
    CALL_RETRIEVED_EVENT: (22, 12, 18),
    CALL_CONNECTION_CLEARED_EVENT: (22, 12, 18),
    CALL_CLEARED_EVENT: (20, 12, 16),
    END_CALL_EVENT: (16, 12, None),
}

checks = w.Checks()


class Event:
    """The parts of one event that the checks read."""

    def __init__(self, mtype, body):
        self.type = mtype
        self.peripheral = None
        self.call = None
        self.state = None
        self.lcs = None
        self.fields = {}
        if mtype == AGENT_STATE_EVENT:
            fixed = AGENT_STATE_EVENT_FIXED.unpack_from(body)
            self.state = fixed[9]
            self.peripheral = fixed[1]
            self.fields = dict(w.parse_floating(body[AGENT_STATE_EVENT_FIXED.size:]))
        elif mtype in CALL_EVENTS:
            size, call_at, lcs_at = CALL_EVENTS[mtype]
            if len(body) < size:
                raise ValueError(f"message {mtype}: body {len(body)} bytes, fixed part {size}")
            self.peripheral = struct.unpack_from(">I", body, 4)[0]
            self.call = struct.unpack_from(">I", body, call_at)[0]
            if lcs_at is not None:
                self.lcs = struct.unpack_from(">H", body, lcs_at)[0]
            if mtype == BEGIN_CALL_EVENT:
                self.device_type = BEGIN_CALL_EVENT_FIXED.unpack_from(body)[7]
            self.fields = dict(w.parse_floating(body[size:]))

    def text(self, tag):
        raw = self.fields.get(tag)
        return raw.rstrip(b"\0").decode("ascii") if raw is not None else None

    def __repr__(self):
        return f"<type {self.type} call {self.call} state {self.state} lcs {self.lcs}>"


class Desk:
    """One open session: sends requests with fresh InvokeIDs, reads answers and events."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.framed = w.Framed(self.sock)
        self.invoke = 100
        self.pending = []  # events read while waiting for an answer
        self.system_events = 0
        self.sock.sendall(open_req(1))
        mtype, body, _ = self.framed.read_until({w.OPEN_CONF, w.FAILURE_CONF}, timeout=10)
        checks.check("OPEN_REQ with CLIENT_CONTROL | ALL_EVENTS -> OPEN_CONF", mtype == w.OPEN_CONF,
                     f"type {mtype}")
        fields = w.parse_floating(body[w.OPEN_CONF_FIXED.size:])
        ids = [struct.unpack(">I", v)[0] for t, v in fields if t == w.TAG_FLT_PERIPHERAL_ID]
        checks.check("OPEN_CONF names one peripheral", len(ids) == 1, f"{ids}")
        self.peripheral = ids[0] if ids else 0

    def read(self, timeout=10):
        mtype, body, _ = self.framed.read(timeout)
        return mtype, body

    def request(self, mtype, fixed, floating):
        """Sends the request; returns (answer type, answer body, events that followed before
        `wait_events` collected them)."""
        self.invoke += 1
        invoke = self.invoke
        self.sock.sendall(w.message(mtype, struct.pack(">I", invoke) + fixed + floating))
        deadline = time.monotonic() + 10
        while True:
            ty, body = self.read(max(0.0, deadline - time.monotonic()))
            if ty in CONFIRMATIONS:
                got = struct.unpack_from(">I", body)[0]
                checks.check(f"answer to request {mtype} echoes its InvokeID", got == invoke,
                             f"sent {invoke}, got {got}")
                return ty, body
            self.keep(ty, body)

    def keep(self, ty, body):
        """Keeps agent and call events; the SYSTEM_EVENT a server may send at any time
        (§6.9) is not part of the scenario."""
        if ty == w.SYSTEM_EVENT:
            self.system_events += 1
        else:
            self.pending.append(Event(ty, body))

    def events(self, n, timeout=10):
        """The next `n` agent and call events."""
        deadline = time.monotonic() + timeout
        while len(self.pending) < n:
            ty, body = self.read(max(0.0, deadline - time.monotonic()))
            self.keep(ty, body)
        got, self.pending = self.pending[:n], self.pending[n:]
        return got


def open_req(invoke_id):
    """OPEN_REQ (§3.3) for a desktop that controls agents and sees every event."""
    fixed = w.OPEN_REQ_FIXED.pack(invoke_id, 15, 20, w.NULL_PERIPHERAL_ID,
                                  CTI_SERVICE_CLIENT_CONTROL | w.CTI_SERVICE_ALL_EVENTS,
                                  w.CALL_MSG_MASK_V15, w.AGENT_STATE_MASK_V15, 0, 0, 0, 0)
    return w.message(w.OPEN_REQ, fixed + w.floating(w.TAG_CLIENT_ID, w.string("desk"))
                     + w.floating(w.TAG_CLIENT_PASSWORD, PASSWORD.encode("ascii")))


def set_agent_state(desk, state):
    fixed = SET_AGENT_STATE_REQ_FIXED.pack(0, desk.peripheral, state, 0, 0, 0, 0, 0)[4:]
    floating = (w.floating(TAG_AGENT_INSTRUMENT, w.string(INSTRUMENT))
                + w.floating(TAG_AGENT_ID, w.string(AGENT_ID)))
    return desk.request(SET_AGENT_STATE_REQ, fixed, floating)


def call_request(desk, mtype, call, device_type, device, reservation=None):
    """ANSWER_CALL_REQ / HOLD_CALL_REQ (§3.21): the call and the agent's instrument."""
    if reservation is None:
        fixed = CALL_REQ_FIXED.pack(0, desk.peripheral, call, device_type)[4:]
    else:
        fixed = HOLD_CALL_REQ_FIXED.pack(0, desk.peripheral, call, device_type, reservation)[4:]
    floating = (w.floating(TAG_CONNECTION_DEVID, w.string(device))
                + w.floating(TAG_AGENT_INSTRUMENT, w.string(INSTRUMENT)))
    return desk.request(mtype, fixed, floating)


def expect_conf(name, answer, wanted):
    ty, body = answer
    detail = f"type {ty}"
    if ty == CONTROL_FAILURE_CONF and len(body) >= CONTROL_FAILURE_CONF_FIXED.size:
        detail += f", FailureCode {CONTROL_FAILURE_CONF_FIXED.unpack_from(body)[1]}"
    checks.check(name, ty == wanted and len(body) == 4, detail)


def expect_failure(name, answer, code):
    ty, body = answer
    got = None
    if ty == CONTROL_FAILURE_CONF and len(body) >= CONTROL_FAILURE_CONF_FIXED.size:
        got = CONTROL_FAILURE_CONF_FIXED.unpack_from(body)[1]
    checks.check(name, ty == CONTROL_FAILURE_CONF and got == code,
                 f"type {ty}, FailureCode {got}")


def expect_events(name, events, wanted):
    checks.check(name, [e.type for e in events] == wanted,
                 f"got {[e.type for e in events]}, wanted {wanted}")


def expect_agent(name, event, state):
    ok = (event.type == AGENT_STATE_EVENT and event.state == state
          and event.text(TAG_AGENT_ID) == AGENT_ID
          and event.text(TAG_AGENT_INSTRUMENT) == INSTRUMENT)
    checks.check(name, ok, f"{event!r}, AgentID {event.text(TAG_AGENT_ID)}, "
                 f"AgentInstrument {event.text(TAG_AGENT_INSTRUMENT)}")


def expect_call(name, event, call, device, lcs=None, party=None):
    """The event is about `call` at `device`; `party` is (tag, device) of the acting party."""
    ok = event.call == call and event.text(TAG_CONNECTION_DEVID) == device
    detail = f"{event!r}, ConnectionDeviceID {event.text(TAG_CONNECTION_DEVID)}"
    if lcs is not None:
        ok = ok and event.lcs == lcs
    if party is not None:
        ok = ok and event.text(party[0]) == party[1]
        detail += f", tag {party[0]} {event.text(party[0])}"
    checks.check(name, ok, detail)


def desk_scenario(port):
    desk = Desk(port)
    with desk.sock:
        expect_conf("SET_AGENT_STATE_REQ LOGIN -> SET_AGENT_STATE_CONF",
                    set_agent_state(desk, LOGIN), SET_AGENT_STATE_CONF)
        ev = desk.events(2)
        expect_agent("AGENT_STATE_EVENT LOGIN", ev[0], LOGIN)
        expect_agent("AGENT_STATE_EVENT NOT_READY after the login", ev[1], NOT_READY)
        checks.check("AGENT_STATE_EVENT on the peripheral of OPEN_CONF",
                     ev[0].peripheral == desk.peripheral, f"{ev[0].peripheral}")
        expect_failure("a second LOGIN -> CONTROL_FAILURE_CONF "
                       "CF_SPECIFIED_AGENT_ALREADY_SIGNED_ON (259)",
                       set_agent_state(desk, LOGIN), CF_SPECIFIED_AGENT_ALREADY_SIGNED_ON)
        expect_conf("SET_AGENT_STATE_REQ AVAILABLE -> SET_AGENT_STATE_CONF",
                    set_agent_state(desk, AVAILABLE), SET_AGENT_STATE_CONF)
        expect_agent("AGENT_STATE_EVENT AVAILABLE", desk.events(1)[0], AVAILABLE)

        # The simulator offers a call to the ready agent.
        ev = desk.events(3)
        expect_events("offered call: BEGIN_CALL, CALL_DELIVERED, AGENT_STATE_EVENT", ev,
                      [BEGIN_CALL_EVENT, CALL_DELIVERED_EVENT, AGENT_STATE_EVENT])
        if [e.type for e in ev] != [BEGIN_CALL_EVENT, CALL_DELIVERED_EVENT, AGENT_STATE_EVENT]:
            return
        call = ev[0].call
        device = ev[0].text(TAG_CONNECTION_DEVID)
        device_type = ev[0].device_type
        checks.check("BEGIN_CALL names the call's connection", call not in (None, 0)
                     and device is not None, f"ConnectionCallID {call}, device {device}")
        expect_call("CALL_DELIVERED: same call, alerting at the agent's instrument", ev[1], call,
                    device, LCS_ALERTING, (TAG_ALERTING_DEVID, INSTRUMENT))
        expect_agent("AGENT_STATE_EVENT RESERVED while the call rings", ev[2], RESERVED)

        expect_failure("HOLD_CALL_REQ on a ringing call -> CF_NO_ACTIVE_CALL (24)",
                       call_request(desk, HOLD_CALL_REQ, call, device_type, device, 0),
                       CF_NO_ACTIVE_CALL)

        expect_conf("ANSWER_CALL_REQ -> ANSWER_CALL_CONF",
                    call_request(desk, ANSWER_CALL_REQ, call, device_type, device),
                    ANSWER_CALL_CONF)
        ev = desk.events(2)
        expect_events("answered: CALL_ESTABLISHED, AGENT_STATE_EVENT", ev,
                      [CALL_ESTABLISHED_EVENT, AGENT_STATE_EVENT])
        expect_call("CALL_ESTABLISHED: same call, connected, answered at the instrument", ev[0],
                    call, device, LCS_CONNECT, (TAG_ANSWERING_DEVID, INSTRUMENT))
        expect_agent("AGENT_STATE_EVENT TALKING", ev[1], TALKING)
        expect_failure("ANSWER_CALL_REQ again -> CF_NO_CALL_TO_ANSWER (28)",
                       call_request(desk, ANSWER_CALL_REQ, call, device_type, device),
                       CF_NO_CALL_TO_ANSWER)

        expect_conf("HOLD_CALL_REQ -> HOLD_CALL_CONF",
                    call_request(desk, HOLD_CALL_REQ, call, device_type, device, 0),
                    HOLD_CALL_CONF)
        ev = desk.events(2)
        expect_events("held: CALL_HELD, AGENT_STATE_EVENT", ev, [CALL_HELD_EVENT,
                                                                 AGENT_STATE_EVENT])
        expect_call("CALL_HELD: same call, on hold, held by the instrument", ev[0], call, device,
                    LCS_HOLD, (TAG_HOLDING_DEVID, INSTRUMENT))
        expect_agent("AGENT_STATE_EVENT HOLD", ev[1], HOLD)

        fixed = CALL_REQ_FIXED.pack(0, desk.peripheral, call, device_type)[4:]
        expect_conf("RETRIEVE_CALL_REQ -> RETRIEVE_CALL_CONF",
                    desk.request(RETRIEVE_CALL_REQ, fixed,
                                 w.floating(TAG_HELD_CONNECTION_DEVID, w.string(device))),
                    RETRIEVE_CALL_CONF)
        ev = desk.events(2)
        expect_events("retrieved: CALL_RETRIEVED, AGENT_STATE_EVENT", ev,
                      [CALL_RETRIEVED_EVENT, AGENT_STATE_EVENT])
        expect_call("CALL_RETRIEVED: same call, connected again, by the instrument", ev[0], call,
                    device, LCS_CONNECT, (TAG_RETRIEVING_DEVID, INSTRUMENT))
        expect_agent("AGENT_STATE_EVENT TALKING after the retrieve", ev[1], TALKING)

        fixed = RELEASE_CALL_REQ_FIXED.pack(0, desk.peripheral, device_type, call)[4:]
        expect_conf("RELEASE_CALL_REQ -> RELEASE_CALL_CONF",
                    desk.request(RELEASE_CALL_REQ, fixed,
                                 w.floating(TAG_CONNECTION_DEVID, w.string(device))),
                    RELEASE_CALL_CONF)
        ev = desk.events(4)
        expect_events("released: CALL_CONNECTION_CLEARED, CALL_CLEARED, END_CALL, "
                      "AGENT_STATE_EVENT", ev, [CALL_CONNECTION_CLEARED_EVENT,
                                                CALL_CLEARED_EVENT, END_CALL_EVENT,
                                                AGENT_STATE_EVENT])
        if len(ev) == 4:
            expect_call("CALL_CONNECTION_CLEARED: same call, released by the instrument", ev[0],
                        call, device, None, (TAG_RELEASING_DEVID, INSTRUMENT))
            expect_call("CALL_CLEARED: same call", ev[1], call, device)
            expect_call("END_CALL: same call", ev[2], call, device)
            expect_agent("AGENT_STATE_EVENT AVAILABLE after the call", ev[3], AVAILABLE)
        every = [e for e in ev if e.type != AGENT_STATE_EVENT]
        checks.check("every call event on the peripheral of OPEN_CONF",
                     all(e.peripheral == desk.peripheral for e in every))


def guarded(fn, *args):
    """Runs the scenario; one that breaks off (timeout, reset, bad layout) is a failed check."""
    try:
        fn(*args)
    except Exception as e:  # reported, so that the summary line is always printed
        checks.check(f"{fn.__name__} completes", False, f"{type(e).__name__}: {e}")


def main():
    exe = w.tool_binary("cti-sim")
    port = w.free_port()
    log = tempfile.TemporaryFile(mode="w+")
    # One agent; a call offered every 20 ms finds it once it is ready; long talk and ring
    # times, so the desk, not a timer, ends the call.
    sim = subprocess.Popen([exe, "--listen", f"127.0.0.1:{port}", "--password", PASSWORD,
                            "--agents", "1", "--call-rate", "3000", "--talk-time", "600",
                            "--ring-time", "600"], stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if sim.poll() is not None:
                    break
                time.sleep(0.1)
        guarded(desk_scenario, port)
        checks.check("cti-sim still running", sim.poll() is None)
    finally:
        if sim.poll() is None:
            sim.kill()
        sim.wait()
        if checks.failed:
            log.seek(0)
            print("cti-sim log (last lines):")
            print("".join(log.readlines()[-20:]), end="")
        log.close()
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
