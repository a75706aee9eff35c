#!/usr/bin/env python3
"""An independent CTI client speaking protocol version 24, written from the versions fact sheet
(cti-protocol-versions.md) alone, that tests the `cti-sim` tool over loopback TCP: the v24 open
with full masks, OPEN_CONF's v24 fixed part, AGENT_STATE_EVENT's v24 layout, heartbeats and
close in v24's two-byte floating format, and the masks a v15 session may not use.

    python3 tests/peers/cti_v24_peer.py

Uses the binary named by `CTI_SIM_BIN` (an installed `cti-sim`), else builds the tools once
(`cargo build -p cti-tools --bins`), runs `cti-sim --versions 13-25 --events-every 100`, and
checks its answers byte by byte. The byte layouts are written here from the sheet, not taken
from the crate or from the v15 peers' module (which lends only its framing writers, socket,
process and report plumbing). Prints one line per check and `N passed, M failed`; exits non-zero on any failure.
"""

import socket
import struct
import sys
import time

sys.dont_write_bytecode = True  # keep the source tree clean
import cti_v15 as plumbing  # noqa: E402  (framing, Framed, Checks, running_sim only)

PASSWORD = "v24-pw"
VERSION = 24

# Sheet §2.2: v24's largest message is 12500 bytes with its header.
MAX_V24_MESSAGE = 12500

# Message types (sheet §3.1, §3.3, §3.4; the v15 numbers are unchanged).
FAILURE_CONF, OPEN_REQ, OPEN_CONF = 1, 3, 4
HEARTBEAT_REQ, HEARTBEAT_CONF, CLOSE_REQ, CLOSE_CONF = 5, 6, 7, 8
AGENT_STATE_EVENT = 30

# Status codes (sheet §6.8; 0–98 as in v15).
E_CTI_NO_ERROR = 0
E_CTI_INVALID_CALL_MSG_MASK = 20

# Floating tags (sheet §3.2–§3.4: the v15 tags keep their numbers).
TAG_CLIENT_ID, TAG_CLIENT_PASSWORD = 1, 2
TAG_AGENT_EXTENSION, TAG_AGENT_ID, TAG_AGENT_INSTRUMENT = 4, 5, 6
TAG_NUM_PERIPHERALS = 228

# Masks (sheet §6.1–§6.3): ALL_EVENTS; CallMsgMask bits 28–31 from v23, so 0xFFFFFFFF in v24
# and 0x0FFFFFFF at most in v15–v22; AgentStateMask 0x3FFF in v24/25, 0x3FF before.
CTI_SERVICE_ALL_EVENTS = 0x10
CALL_MSG_MASK_V24 = 0xFFFFFFFF
AGENT_STATE_MASK_V24 = 0x3FFF
NULL_PERIPHERAL_ID = 0xFFFFFFFF

# Sheet §3.2: OPEN_REQ's fixed part is unchanged, 11 UINTs (44 bytes).
OPEN_REQ_FIXED = struct.Struct(">11I")
# Sheet §3.3: OPEN_CONF's fixed part in v24 is 32 bytes: InvokeID, ServicesGranted, MonitorID,
# PGStatus, ICMCentralControllerTime (UINT/TIME), PeripheralOnline BOOL, PeripheralType USHORT,
# AgentState USHORT, DepartmentID INT at 26 (v19), SessionType USHORT at 30 (v24).
OPEN_CONF_FIXED_V24 = struct.Struct(">IIIIIHHHiH")
# Sheet §3.4 (the v15 part from the v15 sheet §3.9): AGENT_STATE_EVENT's fixed part in v19+ is 62
# bytes: MonitorID, PeripheralID, SessionID, PeripheralType, SkillGroupState, StateDuration,
# SkillGroupNumber, SkillGroupID, SkillGroupPriority, AgentState, EventReasonCode, MRDID (INT),
# NumTasks, AgentMode, MaxTaskLimit, ICMAgentID (INT), AgentAvailabilityStatus,
# NumFltSkillGroups at 56, DepartmentID INT at 58.
AGENT_STATE_EVENT_FIXED_V24 = struct.Struct(">IIIHHIIIHHHiIHIiIHi")
assert OPEN_REQ_FIXED.size == 44
assert OPEN_CONF_FIXED_V24.size == 32
assert AGENT_STATE_EVENT_FIXED_V24.size == 62

checks = plumbing.Checks()


# Sheet §2.1: the header is unchanged, and from v20 each floating field has a USHORT tag and a
# USHORT length (data bytes only), before v20 one byte each: the plumbing's writers do both.
message = plumbing.message
floating = plumbing.floating


def parse_floating(data, version=VERSION):
    """(tag, bytes) pairs of a floating part; ValueError when a field runs past the end."""
    head = 4 if version >= 20 else 2
    fields, at = [], 0
    while at < len(data):
        if at + head > len(data):
            raise ValueError(f"floating field header cut at offset {at}")
        if version >= 20:
            tag, length = struct.unpack_from(">HH", data, at)
        else:
            tag, length = data[at], data[at + 1]
        if at + head + length > len(data):
            raise ValueError(f"tag {tag} length {length} runs past the end at {at}")
        fields.append((tag, data[at + head:at + head + length]))
        at += head + length
    return fields


def string_value(data):
    """A STRING value: NUL-terminated, the NUL counted in the length (sheet §2.1)."""
    if not data or data[-1] != 0:
        raise ValueError(f"STRING without its NUL: {data!r}")
    return data[:-1].decode("ascii")


def open_req(invoke_id, version, call_msg_mask, agent_state_mask):
    fixed = OPEN_REQ_FIXED.pack(invoke_id, version, 20, NULL_PERIPHERAL_ID,
                                CTI_SERVICE_ALL_EVENTS, call_msg_mask, agent_state_mask, 0, 0, 0, 0)
    body = fixed + floating(TAG_CLIENT_ID, b"v24-peer\0", version) \
        + floating(TAG_CLIENT_PASSWORD, PASSWORD.encode("ascii"), version)
    return message(OPEN_REQ, body)


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s, plumbing.Framed(s, limit=MAX_V24_MESSAGE)


def check_open_conf(body, invoke_id):
    ok = checks.check("OPEN_CONF v24 fixed part is 32 bytes or more",
                      len(body) >= OPEN_CONF_FIXED_V24.size, f"{len(body)} bytes")
    if not ok:
        return
    (got_id, granted, _monitor, _pg, _time, online, _ptype, _astate, department,
     session_type) = OPEN_CONF_FIXED_V24.unpack_from(body)
    checks.check("OPEN_CONF InvokeID echoes OPEN_REQ's", got_id == invoke_id, f"{got_id:#x}")
    checks.check("OPEN_CONF ServicesGranted within ServicesRequested",
                 granted & ~CTI_SERVICE_ALL_EVENTS == 0, f"{granted:#x}")
    checks.check("OPEN_CONF PeripheralOnline is a BOOL", online in (0, 1), str(online))
    checks.check("OPEN_CONF SessionType (off 30) is 0 unknown, 1 active or 2 standby",
                 session_type in (0, 1, 2), str(session_type))
    print(f"     OPEN_CONF DepartmentID {department}, SessionType {session_type}")
    try:
        fields = parse_floating(body[OPEN_CONF_FIXED_V24.size:])
    except ValueError as e:
        checks.check("OPEN_CONF floating part (after 32 fixed bytes) in 2+2 format", False, str(e))
        return
    tags = [t for t, _ in fields]
    checks.check("OPEN_CONF floating part (after 32 fixed bytes) in 2+2 format", True,
                 f"tags {tags}")
    num = [d for t, d in fields if t == TAG_NUM_PERIPHERALS]
    checks.check("OPEN_CONF NumPeripherals (228) is a USHORT",
                 len(num) == 1 and len(num[0]) == 2, repr(num))


def check_agent_state_event(body):
    ok = checks.check("AGENT_STATE_EVENT v24 fixed part is 62 bytes or more",
                      len(body) >= AGENT_STATE_EVENT_FIXED_V24.size, f"{len(body)} bytes")
    if not ok:
        return
    f = AGENT_STATE_EVENT_FIXED_V24.unpack_from(body)
    ptype, sg_state, agent_state, num_flt, department = f[3], f[4], f[9], f[17], f[18]
    checks.check("AGENT_STATE_EVENT AgentState is a v15..v25 value (0–14)",
                 0 <= agent_state <= 14, str(agent_state))
    checks.check("AGENT_STATE_EVENT SkillGroupState is a state too", 0 <= sg_state <= 14,
                 str(sg_state))
    checks.check("AGENT_STATE_EVENT NumFltSkillGroups (off 56) at most 99", num_flt <= 99,
                 str(num_flt))
    print(f"     AGENT_STATE_EVENT PeripheralType {ptype}, AgentState {agent_state}, "
          f"DepartmentID (off 58) {department}")
    try:
        fields = parse_floating(body[AGENT_STATE_EVENT_FIXED_V24.size:])
        agent_id = [string_value(d) for t, d in fields if t == TAG_AGENT_ID]
        strings_ok = all(string_value(d) is not None for t, d in fields
                         if t in (TAG_AGENT_ID, TAG_AGENT_EXTENSION, TAG_AGENT_INSTRUMENT))
    except ValueError as e:
        checks.check("AGENT_STATE_EVENT floating part (after 62 fixed bytes) in 2+2 format",
                     False, str(e))
        return
    checks.check("AGENT_STATE_EVENT floating part (after 62 fixed bytes) in 2+2 format",
                 strings_ok, f"tags {[t for t, _ in fields]}")
    checks.check("AGENT_STATE_EVENT carries one AgentID (5) of at most 11 characters",
                 len(agent_id) == 1 and 0 < len(agent_id[0]) <= 11, repr(agent_id))


def check_v24_session(port):
    s, f = connect(port)
    with s:
        invoke = 0x24000001
        s.sendall(open_req(invoke, VERSION, CALL_MSG_MASK_V24, AGENT_STATE_MASK_V24))
        mtype, body, _ = f.read_until({FAILURE_CONF, OPEN_CONF}, timeout=10)
        status = struct.unpack_from(">I", body, 4)[0] if mtype == FAILURE_CONF else None
        if not checks.check("OPEN_REQ v24, CallMsgMask 0xFFFFFFFF, AgentStateMask 0x3FFF -> "
                            "OPEN_CONF", mtype == OPEN_CONF, f"type {mtype}, status {status}"):
            return
        check_open_conf(body, invoke)

        skipped = []
        mtype, body, _ = f.read_until({AGENT_STATE_EVENT}, timeout=10, skipped=skipped)
        check_agent_state_event(body)
        # A few more: every AGENT_STATE_EVENT of the session has the v24 layout.
        for _ in range(3):
            _, body, _ = f.read_until({AGENT_STATE_EVENT}, timeout=10, skipped=skipped)
            if len(body) < AGENT_STATE_EVENT_FIXED_V24.size:
                break
            parse_floating(body[AGENT_STATE_EVENT_FIXED_V24.size:])
        checks.check("four AGENT_STATE_EVENTs in the v24 layout", True,
                     f"{len(skipped)} other messages between")

        hb = 0x24000002
        s.sendall(message(HEARTBEAT_REQ, struct.pack(">I", hb)))
        mtype, body, _ = f.read_until({HEARTBEAT_CONF, FAILURE_CONF}, timeout=10)
        checks.check("HEARTBEAT_REQ -> HEARTBEAT_CONF with its InvokeID",
                     mtype == HEARTBEAT_CONF and body[:4] == struct.pack(">I", hb),
                     f"type {mtype}, body {body.hex()}")

        close = 0x24000003
        s.sendall(message(CLOSE_REQ, struct.pack(">II", close, E_CTI_NO_ERROR)))
        mtype, body, _ = f.read_until({CLOSE_CONF, FAILURE_CONF}, timeout=10)
        checks.check("CLOSE_REQ -> CLOSE_CONF with its InvokeID",
                     mtype == CLOSE_CONF and body[:4] == struct.pack(">I", close),
                     f"type {mtype}, body {body.hex()}")


def check_v15_refuses_v23_bits(port):
    """Sheet §6.2: bits 28–31 of CallMsgMask come with v23; a v15 session may not ask for them
    (E_CTI_INVALID_CALL_MSG_MASK)."""
    s, f = connect(port)
    with s:
        invoke = 0x15000001
        s.sendall(open_req(invoke, 15, CALL_MSG_MASK_V24, 0x3FF))
        mtype, body, _ = f.read_until({FAILURE_CONF, OPEN_CONF}, timeout=10)
        status = struct.unpack_from(">I", body, 4)[0] if len(body) >= 8 else None
        checks.check("OPEN_REQ v15 with CallMsgMask 0xFFFFFFFF -> FAILURE_CONF "
                     "E_CTI_INVALID_CALL_MSG_MASK (20)",
                     mtype == FAILURE_CONF and status == E_CTI_INVALID_CALL_MSG_MASK
                     and body[:4] == struct.pack(">I", invoke),
                     f"type {mtype}, status {status}")


def guarded(fn, *args):
    try:
        fn(*args)
    except Exception as e:  # a check that could not run is a failed check
        checks.check(f"{fn.__name__} ran to the end", False, f"{type(e).__name__}: {e}")


def main():
    started = time.monotonic()
    with plumbing.running_sim(checks, "--password", PASSWORD, "--versions", "13-25",
                              "--events-every", "100") as running:
        if running is None:
            return checks.summary()
        sim, port = running
        guarded(check_v24_session, port)
        guarded(check_v15_refuses_v23_bits, port)
        checks.check("cti-sim still running", sim.poll() is None)
    print(f"{time.monotonic() - started:.1f} s")
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
