//! The receive buffer: bytes in, whole frames out, handed out as zero-copy views.
//!
//! Layout of the buffer:
//!
//! ```text
//! 0        head                    scanned                  len
//! | handed | processed frames, not | incomplete frame,       |
//! |  out   | yet handed out        | not yet processed       |
//! ```
//!
//! Frames are processed (state transitions, heartbeat and request bookkeeping) as soon as they
//! are complete, in [`Session::handle_receive`](super::Session::handle_receive); only the
//! handing out as events waits for `poll_event`. Processing records what the frame becomes in
//! the first byte of its header: that byte belongs to MessageLength, whose top byte is always
//! zero in an accepted frame because the receive limit is far below 16 MiB. The space of
//! handed-out frames is reclaimed when more bytes arrive.

use super::event::FailureReason;
use crate::wire::{Decoder, Frame, MessageType, Status, HEADER_LEN};

/// What a processed frame becomes when it is handed out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Disposition {
    /// `Event::Message`.
    Message = 1,
    /// `Event::Opened`.
    Opened = 2,
    /// `Event::Completed`: the answer to a pending request.
    Completed = 3,
    /// Nothing: consumed by the session itself (HEARTBEAT_CONF, CLOSE_CONF, …).
    Skip = 4,
}

impl Disposition {
    fn from_byte(b: u8) -> Disposition {
        match b {
            1 => Disposition::Message,
            2 => Disposition::Opened,
            3 => Disposition::Completed,
            _ => Disposition::Skip,
        }
    }
}

/// The largest frame the in-header marking can describe.
pub(crate) const MAX_FRAME: usize = 1 << 24;

/// A fixed receive buffer of `N` bytes.
#[derive(Clone, Debug)]
pub(crate) struct RxBuffer<const N: usize> {
    buf: heapless::Vec<u8, N>,
    /// Start of the first frame not yet handed out.
    head: usize,
    /// End of the processed frames.
    scanned: usize,
    /// Length of the frame handed out last; it is dropped at the next call.
    lent: usize,
}

impl<const N: usize> RxBuffer<N> {
    pub(crate) const fn new() -> Self {
        RxBuffer {
            buf: heapless::Vec::new(),
            head: 0,
            scanned: 0,
            lent: 0,
        }
    }

    /// Drops the frame handed out last and any frames the session consumed itself.
    pub(crate) fn release(&mut self) {
        self.head += self.lent;
        self.lent = 0;
        while let Some((Disposition::Skip, len)) = self.front() {
            self.head += len;
        }
        if self.head == self.buf.len() {
            self.buf.clear();
            self.head = 0;
            self.scanned = 0;
        }
    }

    /// Appends as many of `data` as fit after reclaiming handed-out space; returns how many.
    pub(crate) fn append(&mut self, data: &[u8]) -> usize {
        self.release();
        if self.head > 0 {
            let len = self.buf.len();
            self.buf.copy_within(self.head..len, 0);
            self.buf.truncate(len - self.head);
            self.scanned -= self.head;
            self.head = 0;
        }
        let n = data.len().min(N - self.buf.len());
        // Cannot fail: `n` bytes fit.
        let _ = self
            .buf
            .extend_from_slice(data.get(..n).unwrap_or_default());
        n
    }

    /// The first unprocessed frame: complete, partial, or an error in its header.
    pub(crate) fn next_unscanned(
        &self,
        decoder: &Decoder,
    ) -> Result<Status<Frame<'_>>, FailureReason> {
        let rest = self.buf.get(self.scanned..).unwrap_or_default();
        decoder.frame(rest).map_err(FailureReason::from_decode)
    }

    /// Records the first unprocessed frame (`len` bytes) as processed into `d`.
    pub(crate) fn mark(&mut self, len: usize, d: Disposition) {
        if let Some(b) = self.buf.get_mut(self.scanned) {
            *b = d as u8;
        }
        self.scanned += len;
    }

    /// Drops every unprocessed byte (the session ended; nothing more is processed).
    pub(crate) fn drop_unscanned(&mut self) {
        self.buf.truncate(self.scanned);
    }

    /// True if processed frames wait to be handed out.
    pub(crate) fn has_ready(&self) -> bool {
        self.head + self.lent < self.scanned
    }

    /// Bytes held: waiting frames plus an incomplete one.
    pub(crate) fn len(&self) -> usize {
        self.buf.len() - self.head
    }

    /// Disposition and total length of the processed frame at `head`.
    fn front(&self) -> Option<(Disposition, usize)> {
        if self.head >= self.scanned {
            return None;
        }
        let (&[d, l1, l2, l3, ..], _) = self
            .buf
            .get(self.head..)?
            .split_first_chunk::<HEADER_LEN>()?;
        let len = u32::from_be_bytes([0, l1, l2, l3]) as usize;
        Some((Disposition::from_byte(d), HEADER_LEN + len))
    }

    /// Lends the next processed frame (after [`release`](Self::release)): its disposition, type
    /// and body. It stays in the buffer until the next `release`.
    pub(crate) fn lend(&mut self) -> Option<(Disposition, MessageType, &[u8])> {
        let (d, len) = self.front()?;
        self.lent = len;
        let frame = self.buf.get(self.head..self.head + len)?;
        let (&[_, _, _, _, t0, t1, t2, t3], body) = frame.split_first_chunk::<HEADER_LEN>()?;
        Some((d, MessageType(u32::from_be_bytes([t0, t1, t2, t3])), body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HB_CONF: [u8; 12] = [0, 0, 0, 4, 0, 0, 0, 6, 0, 0, 0, 9];

    #[test]
    fn frames_are_lent_in_order_and_space_is_reclaimed() {
        let d = Decoder::default();
        let mut rx = RxBuffer::<30>::new();
        assert_eq!(rx.append(&HB_CONF), 12);
        assert_eq!(rx.append(&HB_CONF), 12);
        assert_eq!(rx.append(&HB_CONF), 6, "only what fits");
        for disp in [Disposition::Message, Disposition::Skip] {
            let Ok(Status::Complete(f)) = rx.next_unscanned(&d) else {
                panic!("frame expected")
            };
            let len = f.total_len();
            rx.mark(len, disp);
        }
        assert!(matches!(
            rx.next_unscanned(&d),
            Ok(Status::Partial { needed: 2 })
        ));
        rx.release();
        let (disp, t, body) = rx.lend().expect("a frame");
        assert_eq!(
            (disp, t.0, body),
            (Disposition::Message, 6, &[0, 0, 0, 9][..])
        );
        rx.release();
        assert!(!rx.has_ready(), "the second frame was consumed internally");
        assert_eq!(rx.len(), 6);
        assert_eq!(rx.append(&HB_CONF[6..]), 6, "space was reclaimed");
        assert!(matches!(rx.next_unscanned(&d), Ok(Status::Complete(_))));
    }
}
