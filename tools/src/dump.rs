//! The whole of `ctidump` but its `main`: arguments, input formats, and the streaming decode
//! loop. Messages are rendered by [`crate::render`] through the core's `wire::MessageDump`,
//! which reads the codec's tables (`wire::MESSAGES`, `wire::tag::TAGS`), never per-message code,
//! so new message types show up by themselves. Kept apart from `main` so the tests can run it
//! in-process.
//!
//! The input is read in chunks of [`CHUNK`] bytes and each message is printed as soon as its
//! last byte is in: memory stays bounded by one chunk plus one message (at most the decoder's
//! limit) whatever the size of the input, and a live stream (`tail -f capture | ctidump`) is shown
//! as it comes.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::PathBuf;

use clap::Parser;
use cti_proto::wire::{Decoder, Header, MessageSpec, Status, Version, HEADER_LEN, MESSAGES};

use crate::render;

/// How much input is read at a time at most; the automatic hex/binary choice looks at the first
/// block read.
pub const CHUNK: usize = 64 * 1024;

/// The command line (DESIGN.md, "Tools' command-line contracts").
#[derive(Parser, Clone, Debug, PartialEq, Eq)]
#[command(
    name = "ctidump",
    about = "Decodes a stream of whole CTI Server messages (8-byte header included) from FILE, or \
             from standard input when FILE is absent or '-', and prints one line per message.",
    after_help = "Input made only of hex digits and whitespace (judged on the first block read) is \
                  read as hex unless --binary is given.\n\nMalformed or truncated input: the \
                  messages before it are printed, then an error naming the byte offset goes to \
                  standard error and the exit status is 1 (2 for bad usage)."
)]
pub struct Options {
    /// Input is hex text; whitespace and '#' comments to the end of a line are ignored.
    #[arg(long, overrides_with = "binary")]
    pub hex: bool,
    /// Input is raw bytes.
    #[arg(long, overrides_with = "hex")]
    pub binary: bool,
    /// Protocol version, 13 to 25: below 20 one-byte floating tags, 20 and up two-byte; the
    /// message types and layouts are the version's own (a type newer than N is shown as
    /// unknown). Also chooses the catalogue `--list-types` prints.
    #[arg(long, value_name = "N", default_value_t = 15, value_parser = parse_version)]
    pub version: u32,
    /// One JSON object per message instead of a line of text.
    #[arg(long)]
    pub json: bool,
    /// Print every message type the version (--version, 15 by default) knows, one 'ID NAME'
    /// a line, and exit.
    #[arg(long)]
    pub list_types: bool,
    /// Input file; standard input when absent or '-'.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// How the input is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Hex if the first block read holds only hex digits and whitespace, else binary.
    Auto,
    /// Hex text.
    Hex,
    /// Raw bytes.
    Binary,
}

impl Options {
    /// The input encoding the flags ask for.
    pub fn format(&self) -> Format {
        match (self.hex, self.binary) {
            (true, _) => Format::Hex,
            (_, true) => Format::Binary,
            _ => Format::Auto,
        }
    }
}

/// Runs ctidump with `args` (without the program name): returns the exit status (0 fine, 1 bad
/// input, 2 bad usage).
pub fn run<I, T>(args: I, stdin: &mut dyn Read, out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let argv = std::iter::once(OsString::from("ctidump")).chain(args.into_iter().map(Into::into));
    let opts = match Options::try_parse_from(argv) {
        Ok(o) => o,
        Err(e) => {
            return if e.use_stderr() {
                let _ = write!(err, "{}", e.render());
                2
            } else {
                let _ = write!(out, "{}", e.render());
                0
            };
        }
    };
    match run_with(&opts, stdin, out, err) {
        Ok(code) => code,
        // Standard output went away (a closed pipe): nothing left to tell anyone.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(err, "ctidump: {e}");
            1
        }
    }
}

/// Runs ctidump with parsed options.
pub fn run_with(
    opts: &Options,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    if opts.list_types {
        list_types(out, Version(opts.version))?;
        return Ok(0);
    }
    let file = opts.file.as_ref().filter(|f| f.as_os_str() != "-");
    let name = file.map_or_else(|| "standard input".into(), |f| f.display().to_string());
    let mut opened;
    let input: &mut dyn Read = match file {
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => {
                opened = f;
                &mut opened
            }
            Err(e) => {
                writeln!(err, "ctidump: cannot read {name}: {e}")?;
                return Ok(1);
            }
        },
        None => stdin,
    };
    let mut dump = Dump {
        decoder: Decoder::new(Version(opts.version)),
        json: opts.json,
        buf: Vec::with_capacity(2 * CHUNK),
        offset: 0,
    };
    let mut chunk = vec![0u8; CHUNK];
    // The first read decides the format (a binary stream starts with a NUL: the top byte of a
    // MessageLength below the decoder's limit).
    let mut n = read_some(input, &mut chunk).map_err(|e| cannot_read(&name, e))?;
    let mut hex = match opts.format() {
        Format::Hex => Some(HexDecoder::default()),
        Format::Binary => None,
        Format::Auto => looks_like_hex(&chunk[..n]).then(HexDecoder::default),
    };
    while n > 0 {
        let data = &chunk[..n];
        match &mut hex {
            Some(h) => {
                if let Err(msg) = h.feed(data, &mut dump.buf) {
                    // The messages before the bad digit are out already, or go out now.
                    if let Some(code) = dump.messages(out, err)? {
                        return Ok(code);
                    }
                    out.flush()?;
                    writeln!(err, "ctidump: {msg}")?;
                    return Ok(1);
                }
            }
            None => dump.buf.extend_from_slice(data),
        }
        if let Some(code) = dump.messages(out, err)? {
            return Ok(code);
        }
        // What is complete is shown before waiting for more input.
        out.flush()?;
        n = read_some(input, &mut chunk).map_err(|e| cannot_read(&name, e))?;
    }
    let lone_digit = hex.is_some_and(|h| h.lone_digit());
    dump.finish(lone_digit, out, err)
}

fn cannot_read(name: &str, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("cannot read {name}: {e}"))
}

/// One `read`, retried when interrupted.
fn read_some(input: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match input.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            r => return r,
        }
    }
}

/// The decode loop's state: bytes received but not yet part of a printed message.
struct Dump {
    decoder: Decoder,
    json: bool,
    /// At most one chunk plus one incomplete message (bounded by the decoder's limit).
    buf: Vec<u8>,
    /// The absolute offset of `buf[0]` in the decoded byte stream.
    offset: u64,
}

impl Dump {
    /// Prints every whole message in the buffer and drops its bytes. `Some(status)` when the
    /// input is malformed (the error is printed).
    fn messages(&mut self, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Option<i32>> {
        let mut pos = 0usize;
        let mut failed = None;
        while let Some(rest) = self.buf.get(pos..).filter(|r| !r.is_empty()) {
            match self.decoder.decode(rest) {
                Ok(Status::Complete((msg, used))) => {
                    let body = rest.get(HEADER_LEN..used).unwrap_or_default();
                    let version = self.decoder.version;
                    if self.json {
                        render::write_json(out, &msg, body, version)?;
                    } else {
                        writeln!(out, "{}", render::text_line(&msg, body, version))?;
                    }
                    pos += used;
                }
                Ok(Status::Partial { .. }) => break,
                Err(e) => {
                    // The messages before the error appear before it, even through a buffer.
                    out.flush()?;
                    let at = self.offset + pos as u64;
                    let ty = Header::parse(rest).map(|h| h.message_type.to_string());
                    writeln!(
                        err,
                        "ctidump: error at byte offset {} (offset {} of the malformed {} message \
                         starting at byte offset {at}): {e}",
                        at + e.offset() as u64,
                        e.offset(),
                        ty.as_deref().unwrap_or("?"),
                    )?;
                    failed = Some(1);
                    break;
                }
            }
        }
        self.buf.drain(..pos);
        self.offset += pos as u64;
        Ok(failed)
    }

    /// The input has ended: what is left in the buffer is a truncated message.
    fn finish(self, lone_digit: bool, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
        out.flush()?;
        let at = self.offset;
        if !self.buf.is_empty() {
            let have = self.buf.len();
            let needed = match self.decoder.decode(&self.buf) {
                Ok(Status::Partial { needed }) => needed,
                // `messages` left only an incomplete message behind.
                _ => 0,
            };
            match Header::parse(&self.buf) {
                None => writeln!(
                    err,
                    "ctidump: error at byte offset {at}: truncated message header: the input \
                     ends after {have} of its {HEADER_LEN} bytes ({needed} missing)"
                )?,
                Some(h) => writeln!(
                    err,
                    "ctidump: error at byte offset {at}: truncated {} message: the input \
                     ends after {have} of its {} bytes ({needed} missing)",
                    h.message_type,
                    h.total_len()
                )?,
            }
            if lone_digit {
                writeln!(
                    err,
                    "ctidump: the hex input also has an odd number of digits"
                )?;
            }
            return Ok(1);
        }
        if lone_digit {
            writeln!(
                err,
                "ctidump: error at byte offset {at}: the hex input ends with a lone digit \
                 (an odd number of hex digits)"
            )?;
            return Ok(1);
        }
        Ok(0)
    }
}

/// `--version`'s value: a number in [`Version::SUPPORTED`], or a message saying which are.
fn parse_version(s: &str) -> Result<u32, String> {
    let v: u32 = s.trim().parse().map_err(|e| format!("{s}: {e}"))?;
    if Version::SUPPORTED.contains(&v) {
        Ok(v)
    } else {
        Err(format!(
            "version {v} is not supported: the tables hold versions {} to {}",
            Version::SUPPORTED.start(),
            Version::SUPPORTED.end()
        ))
    }
}

/// `--list-types`: every message type `version` knows ([`MessageSpec::in_version`]), by
/// number.
fn list_types(out: &mut dyn Write, version: Version) -> io::Result<()> {
    let mut specs: Vec<&MessageSpec> = MESSAGES.iter().filter(|s| s.in_version(version)).collect();
    specs.sort_by_key(|s| s.id);
    for s in specs {
        writeln!(out, "{} {}", s.id, s.name)?;
    }
    Ok(())
}

/// The automatic choice: hex when every byte is a hex digit or whitespace.
pub fn looks_like_hex(input: &[u8]) -> bool {
    input
        .iter()
        .all(|b| b.is_ascii_hexdigit() || b.is_ascii_whitespace())
}

/// Hex text to bytes, a chunk at a time: whitespace and `#` comments (to the end of the line)
/// are skipped, and a digit pair may straddle two chunks.
#[derive(Clone, Copy, Debug)]
pub struct HexDecoder {
    high: Option<u8>,
    in_comment: bool,
    line: usize,
    col: usize,
}

impl Default for HexDecoder {
    fn default() -> Self {
        HexDecoder {
            high: None,
            in_comment: false,
            line: 1,
            col: 0,
        }
    }
}

impl HexDecoder {
    /// Appends the bytes of `input` to `out`; an error names the line and column of the first
    /// character that is not a hex digit.
    pub fn feed(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
        for &c in input {
            self.col += 1;
            if c == b'\n' {
                (self.line, self.col, self.in_comment) = (self.line + 1, 0, false);
                continue;
            }
            if self.in_comment || c.is_ascii_whitespace() {
                continue;
            }
            if c == b'#' {
                self.in_comment = true;
                continue;
            }
            let Some(d) = (c as char).to_digit(16) else {
                return Err(format!(
                    "invalid hex input at line {}, column {}: {:?} is not a hex digit",
                    self.line, self.col, c as char
                ));
            };
            match self.high.take() {
                Some(h) => out.push(h << 4 | d as u8),
                None => self.high = Some(d as u8),
            }
        }
        Ok(())
    }

    /// Whether a lone digit is left over (so far, an odd number of digits).
    pub fn lone_digit(&self) -> bool {
        self.high.is_some()
    }
}

/// Hex text to bytes, all at once. Returns the bytes and whether a lone digit was left over at
/// the end.
pub fn parse_hex(input: &[u8]) -> Result<(Vec<u8>, bool), String> {
    let mut h = HexDecoder::default();
    let mut bytes = Vec::with_capacity(input.len() / 2);
    h.feed(input, &mut bytes)?;
    Ok((bytes, h.lone_digit()))
}
