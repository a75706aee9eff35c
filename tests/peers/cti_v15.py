"""CTI Server protocol version 15 on the wire, written from the protocol fact sheet alone
(cti-protocol-v15.md) so that the peers test the Rust crate against an independent reading of
the spec, not against its own tables.

Standard library only. Shared by cti_server_peer.py and cti_client_peer.py: the byte layouts,
a framed reader with deadlines, the check log and the summary line.
"""

import contextlib
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

# §1.1: MHDR = MessageLength UINT (body only, header excluded) + MessageType UINT, big-endian.
HEADER = struct.Struct(">II")
HEADER_LEN = HEADER.size

# §2 message types used here.
FAILURE_CONF = 1
FAILURE_EVENT = 2
OPEN_REQ = 3
OPEN_CONF = 4
HEARTBEAT_REQ = 5
HEARTBEAT_CONF = 6
CLOSE_REQ = 7
CLOSE_CONF = 8
SYSTEM_EVENT = 31

# §5.1 status codes used here.
E_CTI_NO_ERROR = 0
E_CTI_INVALID_VERSION = 1
E_CTI_SESSION_NOT_OPEN = 4
E_CTI_SESSION_ALREADY_OPEN = 5
E_CTI_CTI_SERVER_OFFLINE = 15
E_CTI_INVALID_TIMEOUT = 18
E_CTI_INVALID_RESERVED_FIELD = 22
E_CTI_INVALID_PASSWORD = 36

# §4 floating tags used here.
TAG_CLIENT_ID = 1
TAG_CLIENT_PASSWORD = 2
TAG_FLT_PERIPHERAL_ID = 208
TAG_MULTILINE_AGENT_CONTROL = 224
TAG_NUM_PERIPHERALS = 228

# §5.2–5.4 the largest valid v15 masks, and the bits named in v15.
CTI_SERVICE_ALL_EVENTS = 0x10
SERVICE_BITS_V15 = (0x00003FFF | 0x00008000 | 0x00040000 | 0x00080000 | 0x00100000
                    | 0x00200000 | 0x00400000 | 0x80000000)
CALL_MSG_MASK_V15 = 0x0FFFFFFF
AGENT_STATE_MASK_V15 = 0x3FF
NULL_PERIPHERAL_ID = 0xFFFFFFFF

# §3.3: OPEN_REQ fixed body is 11 UINTs.
OPEN_REQ_FIXED = struct.Struct(">11I")
# §3.4: OPEN_CONF fixed body 26 = 5 UINT/TIME + BOOL + 2 USHORT.
OPEN_CONF_FIXED = struct.Struct(">IIIIIHHH")
# §3.7: SYSTEM_EVENT fixed body 26 = 6 UINT/TIME + USHORT.
SYSTEM_EVENT_FIXED = struct.Struct(">IIIIIIH")
assert OPEN_REQ_FIXED.size == 44 and OPEN_CONF_FIXED.size == 26
assert SYSTEM_EVENT_FIXED.size == 26

# §1.5: the largest v15 message is 4329 bytes with its header.
MAX_V15_MESSAGE = 4329


def message(mtype, body):
    """Header + body: the header's length counts the body only (§1.1)."""
    return HEADER.pack(len(body), mtype) + body


def floating(tag, data, version=15):
    """One floating field: one-byte tag and length below version 20 (§1.3)."""
    if version < 20:
        return struct.pack(">BB", tag, len(data)) + data
    return struct.pack(">HH", tag, len(data)) + data


def string(text):
    """A STRING floating value: NUL-terminated, the NUL counted in the length (§1.3)."""
    return text.encode("ascii") + b"\0"


def parse_floating(data):
    """Splits a v15 floating part into (tag, bytes) pairs; raises ValueError when a field runs
    past the end."""
    fields = []
    at = 0
    while at < len(data):
        if at + 2 > len(data):
            raise ValueError(f"floating field header cut at offset {at}")
        tag, length = data[at], data[at + 1]
        if at + 2 + length > len(data):
            raise ValueError(f"floating field tag {tag} length {length} runs past the end")
        fields.append((tag, data[at + 2:at + 2 + length]))
        at += 2 + length
    return fields


def open_req(invoke_id, password, *, client_id="peer", version=15, idle_timeout=20,
             services=CTI_SERVICE_ALL_EVENTS, reserved=(0, 0, 0)):
    """OPEN_REQ (§3.3) with ClientID and ClientPassword (UNSPEC: no NUL)."""
    fixed = OPEN_REQ_FIXED.pack(invoke_id, version, idle_timeout, NULL_PERIPHERAL_ID, services,
                                CALL_MSG_MASK_V15, AGENT_STATE_MASK_V15, 0, *reserved)
    body = fixed + floating(TAG_CLIENT_ID, string(client_id)) \
        + floating(TAG_CLIENT_PASSWORD, password.encode("ascii"))
    return message(OPEN_REQ, body)


def open_conf(invoke_id, *, services, monitor_id, pg_status, time_, online, peripheral_type,
              agent_state, peripherals):
    """OPEN_CONF (§3.4) with NumPeripherals and one FltPeripheralID/MultilineAgentControl pair
    per peripheral."""
    body = OPEN_CONF_FIXED.pack(invoke_id, services, monitor_id, pg_status, time_,
                                1 if online else 0, peripheral_type, agent_state)
    body += floating(TAG_NUM_PERIPHERALS, struct.pack(">H", len(peripherals)))
    for p in peripherals:
        body += floating(TAG_FLT_PERIPHERAL_ID, struct.pack(">I", p))
        body += floating(TAG_MULTILINE_AGENT_CONTROL, struct.pack(">H", 0))
    return message(OPEN_CONF, body)


def u32_message(mtype, *values):
    """A message whose body is only UINTs: HEARTBEAT_*, CLOSE_*, FAILURE_CONF/EVENT (§3.1–3.6)."""
    return message(mtype, struct.pack(f">{len(values)}I", *values))


class Closed(Exception):
    """The peer closed (`reset` tells whether by RST)."""

    def __init__(self, reset, after):
        super().__init__("connection reset" if reset else "connection closed")
        self.reset = reset
        self.after = after


class Framed:
    """Reads whole messages from a socket, with deadlines; refuses lengths beyond `limit`."""

    def __init__(self, sock, limit=MAX_V15_MESSAGE):
        self.sock = sock
        self.buf = b""
        self.limit = limit

    def _fill(self, need, deadline):
        while len(self.buf) < need:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"timed out with {len(self.buf)} of {need} bytes")
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                raise TimeoutError(f"timed out with {len(self.buf)} of {need} bytes") from None
            except ConnectionResetError:
                raise Closed(True, time.monotonic()) from None
            if not chunk:
                raise Closed(False, time.monotonic())
            self.buf += chunk

    def read(self, timeout):
        """One message as (type, body, arrival time)."""
        deadline = time.monotonic() + timeout
        self._fill(HEADER_LEN, deadline)
        length, mtype = HEADER.unpack_from(self.buf)
        if length + HEADER_LEN > self.limit:
            raise ValueError(f"MessageLength {length} exceeds the v15 maximum")
        self._fill(HEADER_LEN + length, deadline)
        body = self.buf[HEADER_LEN:HEADER_LEN + length]
        self.buf = self.buf[HEADER_LEN + length:]
        return mtype, body, time.monotonic()

    def read_until(self, wanted, timeout, skipped=None):
        """The next message whose type is in `wanted`; unsolicited events before it (which a
        v15 server may interleave, §6.9) go to `skipped`."""
        deadline = time.monotonic() + timeout
        while True:
            mtype, body, at = self.read(max(0.0, deadline - time.monotonic()))
            if mtype in wanted:
                return mtype, body, at
            if skipped is not None:
                skipped.append(mtype)

    def wait_closed(self, timeout):
        """Reads and drops everything until the peer closes; returns the Closed, or None."""
        deadline = time.monotonic() + timeout
        try:
            while True:
                self._fill(len(self.buf) + 1, deadline)
                self.buf = b""
        except Closed as c:
            return c
        except TimeoutError:
            return None


class Checks:
    """One line per check, thread-safe; `summary` prints `N passed, M failed`."""

    def __init__(self):
        self.lock = threading.Lock()
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        with self.lock:
            if ok:
                self.passed += 1
            else:
                self.failed += 1
            line = f"{'ok  ' if ok else 'FAIL'} {name}"
            if detail:
                line += f" ({detail})"
            print(line, flush=True)
        return ok

    def summary(self):
        print(f"{self.passed} passed, {self.failed} failed", flush=True)
        return 0 if self.failed == 0 and self.passed > 0 else 1


def repo_root():
    return os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def tool_binary(name):
    """The path of one of the installed tools (`cti-client`, `cti-sim`): the file named by
    the environment variable `CTI_CLIENT_BIN` / `CTI_SIM_BIN` (as `cargo install --path tools`
    put it), else the binary that `cargo build -p cti-tools --bins` makes in cargo's target dir
    (which respects CARGO_TARGET_DIR and cargo configuration), built once here."""
    var = name.upper().replace("-", "_") + "_BIN"
    given = os.environ.get(var)
    if given:
        if not os.path.isfile(given):
            raise SystemExit(f"{var}={given}: no such file")
        return given
    root = repo_root()
    subprocess.run(["cargo", "build", "-q", "-p", "cti-tools", "--bins"], cwd=root, check=True)
    meta = subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps"], cwd=root,
                          check=True, capture_output=True, text=True)
    target = json.loads(meta.stdout)["target_directory"]
    exe = os.path.join(target, "debug", name)
    if sys.platform == "win32":
        exe += ".exe"
    return exe


def free_port():
    """A loopback port that was free a moment ago (for a child process to bind)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_sim(checks, *args):
    """Runs `cti-sim --listen 127.0.0.1:PORT ARGS…` (the binary `tool_binary` finds) and yields
    its process and port once it listens, or None when it does not (a failed check); kills it
    on the way out and, when a check failed, prints the last lines of its log."""
    exe = tool_binary("cti-sim")
    port = free_port()
    log = tempfile.TemporaryFile(mode="w+")
    sim = subprocess.Popen([exe, "--listen", f"127.0.0.1:{port}", *args],
                           stdout=log, stderr=subprocess.STDOUT)
    try:
        listening = False
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                listening = True
                break
            except OSError:
                if sim.poll() is not None:
                    break
                time.sleep(0.1)
        ok = checks.check("cti-sim listens on loopback", listening, f"port {port}")
        yield (sim, port) if ok else None
    finally:
        if sim.poll() is None:
            sim.kill()
        sim.wait()
        if checks.failed:
            log.seek(0)
            print("cti-sim log (last lines):")
            print("".join(log.readlines()[-20:]), end="")
        log.close()
