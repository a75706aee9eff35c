//! The one byte buffer of both roles, and the receive buffer built on it.
//!
//! [`ByteQueue`] is a fixed run of pending bytes: appended at the back, consumed from the front,
//! its free space handed out for in-place encoding. Every byte that leaves it is overwritten with
//! zeros at once (consumed, truncated, or left behind when the pending bytes move to the front),
//! so nothing once sent or received — an OPEN_REQ's password above all — stays readable in the
//! session's memory. It serves as the transmit buffer of both roles and the server's event store.
//!
//! [`RxBuffer`] is the receive buffer of both roles: bytes in, whole frames out, each frame
//! marked once processed and handed out (or dropped) later as a zero-copy view:
//!
//! ```text
//! start                         scanned                 end
//! | processed frames, not yet   | incomplete frame,       |
//! | handed out                  | not yet processed       |
//! ```
//!
//! Processing records what a frame becomes in the first byte of its header: that byte belongs to
//! MessageLength, whose top byte is always zero in an accepted frame because the receive limit
//! is far below 16 MiB. Mark [`CONSUMED`] means "nothing to hand out".

use crate::wire::{DecodeError, Decoder, Frame, MessageType, Status, HEADER_LEN};

/// `N` bytes of storage holding one contiguous run of pending bytes; bytes that leave are zeroed.
pub(crate) struct ByteQueue<const N: usize> {
    data: [u8; N],
    start: usize,
    end: usize,
}

impl<const N: usize> ByteQueue<N> {
    /// An empty queue.
    pub(crate) const fn new() -> Self {
        ByteQueue {
            data: [0; N],
            start: 0,
            end: 0,
        }
    }

    /// Pending bytes.
    pub(crate) fn len(&self) -> usize {
        self.end - self.start
    }

    /// True without pending bytes.
    pub(crate) fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The pending bytes, oldest first.
    pub(crate) fn bytes(&self) -> &[u8] {
        self.data.get(self.start..self.end).unwrap_or_default()
    }

    /// The pending bytes, writable (to patch a field of a queued message).
    pub(crate) fn bytes_mut(&mut self) -> &mut [u8] {
        self.data.get_mut(self.start..self.end).unwrap_or_default()
    }

    fn wipe(&mut self, from: usize, to: usize) {
        if let Some(b) = self.data.get_mut(from..to) {
            b.fill(0);
        }
    }

    /// Drops and wipes `n` bytes from the front.
    pub(crate) fn consume(&mut self, n: usize) {
        let new_start = self.start.saturating_add(n).min(self.end);
        self.wipe(self.start, new_start);
        self.start = new_start;
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
    }

    /// Keeps only the first `len` pending bytes (undoes appends) and wipes the rest.
    pub(crate) fn truncate(&mut self, len: usize) {
        if len < self.len() {
            let new_end = self.start + len;
            self.wipe(new_end, self.end);
            self.end = new_end;
        }
    }

    /// Drops and wipes everything.
    pub(crate) fn clear(&mut self) {
        self.data.fill(0);
        self.start = 0;
        self.end = 0;
    }

    /// Free bytes, counting those a compaction would reclaim.
    pub(crate) fn free(&self) -> usize {
        N - self.len()
    }

    /// All free space, after moving the pending bytes to the front (and wiping where they were).
    pub(crate) fn spare(&mut self) -> &mut [u8] {
        if self.start > 0 {
            let len = self.len();
            self.data.copy_within(self.start..self.end, 0);
            self.wipe(len, self.end);
            self.start = 0;
            self.end = len;
        }
        self.data.get_mut(self.end..).unwrap_or_default()
    }

    /// Marks `n` bytes written into [`spare`](Self::spare) as pending.
    pub(crate) fn commit(&mut self, n: usize) {
        self.end = self.end.saturating_add(n).min(N);
    }

    /// Appends as much of `src` as fits; returns how much that was.
    pub(crate) fn push(&mut self, src: &[u8]) -> usize {
        let spare = self.spare();
        let n = spare.len().min(src.len());
        if let (Some(dst), Some(src)) = (spare.get_mut(..n), src.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.commit(n);
        n
    }

    /// Encodes into the free space with `encode` and keeps what it wrote; on an error the bytes
    /// it may have written are wiped and nothing is kept.
    pub(crate) fn append_with<E>(
        &mut self,
        encode: impl FnOnce(&mut [u8]) -> Result<usize, E>,
    ) -> Result<usize, E> {
        let end = self.spare().len();
        match encode(self.spare()) {
            Ok(n) => {
                self.commit(n.min(end));
                Ok(n)
            }
            Err(e) => {
                let from = self.end;
                self.wipe(from, N);
                Err(e)
            }
        }
    }

    /// The whole backing storage, pending or not (for tests that look for leftovers).
    #[cfg(test)]
    pub(crate) fn storage(&self) -> &[u8] {
        &self.data
    }
}

/// The mark of a processed frame with nothing to hand out.
pub(crate) const CONSUMED: u8 = 0xFF;

/// The largest frame the in-header marking can describe.
pub(crate) const MAX_FRAME: usize = 1 << 24;

/// A fixed receive buffer of `N` bytes: whole frames are marked as processed, then handed out
/// in order as views, then dropped and wiped.
pub(crate) struct RxBuffer<const N: usize> {
    q: ByteQueue<N>,
    /// End of the processed frames, from the queue's start.
    scanned: usize,
    /// Length of the frame handed out last; it is dropped at the next `release`.
    lent: usize,
    /// Bytes dropped from the front since the start: the position of the queue's start in the
    /// stream, to order events that are not frames among those that are.
    dropped: u64,
}

impl<const N: usize> RxBuffer<N> {
    /// An empty buffer.
    pub(crate) const fn new() -> Self {
        RxBuffer {
            q: ByteQueue::new(),
            scanned: 0,
            lent: 0,
            dropped: 0,
        }
    }

    fn drop_front(&mut self, n: usize) {
        self.q.consume(n);
        self.scanned = self.scanned.saturating_sub(n);
        self.dropped += n as u64;
    }

    /// Drops the frame handed out last and any frames marked [`CONSUMED`] before the next one.
    pub(crate) fn release(&mut self) {
        let lent = core::mem::take(&mut self.lent);
        self.drop_front(lent);
        while let Some((CONSUMED, len)) = self.front() {
            self.drop_front(len);
        }
    }

    /// Appends as many of `data` as fit after reclaiming released space; returns how many.
    pub(crate) fn append(&mut self, data: &[u8]) -> usize {
        self.release();
        self.q.push(data)
    }

    /// The first unprocessed frame: complete, partial, or an error in its header.
    pub(crate) fn next_unscanned(
        &self,
        decoder: &Decoder,
    ) -> Result<Status<Frame<'_>>, DecodeError> {
        let rest = self.q.bytes().get(self.scanned..).unwrap_or_default();
        decoder.frame(rest)
    }

    /// The body of the first unprocessed frame, whose total length is `len`.
    pub(crate) fn unscanned_body(&self, len: usize) -> &[u8] {
        self.q
            .bytes()
            .get(self.scanned + HEADER_LEN..self.scanned + len)
            .unwrap_or_default()
    }

    /// Records the first unprocessed frame (`len` bytes) as processed, marked `mark`
    /// (not zero: that is an unmarked frame).
    pub(crate) fn mark(&mut self, len: usize, mark: u8) {
        let at = self.scanned;
        if let Some(b) = self.q.bytes_mut().get_mut(at) {
            *b = mark;
        }
        self.scanned += len;
    }

    /// Drops every unprocessed byte (the session ended; nothing more is processed).
    pub(crate) fn drop_unscanned(&mut self) {
        self.q.truncate(self.scanned);
    }

    /// True if processed frames wait to be handed out.
    pub(crate) fn has_ready(&self) -> bool {
        self.lent < self.scanned
    }

    /// Bytes held: waiting frames plus an incomplete one.
    pub(crate) fn len(&self) -> usize {
        self.q.len()
    }

    /// Stream position of the next frame to hand out (after [`release`](Self::release)).
    pub(crate) fn handed_out_position(&self) -> u64 {
        self.dropped
    }

    /// Stream position just after the processed frames.
    pub(crate) fn scanned_position(&self) -> u64 {
        self.dropped + self.scanned as u64
    }

    /// The bytes held from stream position `pos` on (empty if `pos` is outside them).
    pub(crate) fn bytes_at(&self, pos: u64) -> &[u8] {
        let off = pos
            .checked_sub(self.dropped)
            .and_then(|o| usize::try_from(o).ok());
        off.and_then(|o| self.q.bytes().get(o..))
            .unwrap_or_default()
    }

    /// Mark and total length of the processed frame at the front.
    fn front(&self) -> Option<(u8, usize)> {
        if self.scanned == 0 {
            return None;
        }
        let (&[m, l1, l2, l3, ..], _) = self.q.bytes().split_first_chunk::<HEADER_LEN>()?;
        let len = u32::from_be_bytes([0, l1, l2, l3]) as usize;
        Some((m, HEADER_LEN + len))
    }

    /// Lends the next processed frame (after [`release`](Self::release)): its mark, type and
    /// body. It stays in the buffer until the next `release`.
    pub(crate) fn lend(&mut self) -> Option<(u8, MessageType, &[u8])> {
        let (m, len) = self.front()?;
        self.lent = len;
        let frame = self.q.bytes().get(..len)?;
        let (&[_, _, _, _, t0, t1, t2, t3], body) = frame.split_first_chunk::<HEADER_LEN>()?;
        Some((m, MessageType(u32::from_be_bytes([t0, t1, t2, t3])), body))
    }

    /// Drops and wipes everything.
    pub(crate) fn clear(&mut self) {
        let all = self.q.len();
        self.q.clear();
        self.dropped += all as u64;
        self.scanned = 0;
        self.lent = 0;
    }

    /// The whole backing storage (for tests that look for leftovers).
    #[cfg(test)]
    pub(crate) fn storage(&self) -> &[u8] {
        self.q.storage()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HB_CONF: [u8; 12] = [0, 0, 0, 4, 0, 0, 0, 6, 0, 0, 0, 9];

    #[test]
    fn queue_wraps_by_compacting_and_wipes_what_leaves() {
        let mut b = ByteQueue::<8>::new();
        assert_eq!(b.push(b"abcdef"), 6);
        b.consume(4);
        assert_eq!(b.bytes(), b"ef");
        assert_eq!(b.storage(), b"\0\0\0\0ef\0\0");
        assert_eq!(b.push(b"g"), 1);
        assert_eq!(
            b.storage(),
            b"efg\0\0\0\0\0",
            "compaction leaves no copy behind"
        );
        assert_eq!(b.push(b"hijklm"), 5);
        assert_eq!(b.bytes(), b"efghijkl");
        assert_eq!(b.push(b"x"), 0);
        b.truncate(3);
        assert_eq!(b.bytes(), b"efg");
        assert_eq!(b.storage(), b"efg\0\0\0\0\0");
        b.consume(100);
        assert!(b.is_empty());
        assert_eq!(b.storage(), [0; 8]);
        assert_eq!(b.spare().len(), 8);
        assert_eq!(b.append_with(|_| Err::<usize, ()>(())), Err(()));
        assert_eq!(
            b.append_with(|s| {
                s[..2].copy_from_slice(b"zz");
                Ok::<_, ()>(2)
            }),
            Ok(2)
        );
        assert_eq!(b.bytes(), b"zz");
    }

    #[test]
    fn frames_are_lent_in_order_and_space_is_reclaimed() {
        let d = Decoder::default();
        let mut rx = RxBuffer::<30>::new();
        assert_eq!(rx.append(&HB_CONF), 12);
        assert_eq!(rx.append(&HB_CONF), 12);
        assert_eq!(rx.append(&HB_CONF), 6, "only what fits");
        for mark in [1, CONSUMED] {
            let Ok(Status::Complete(f)) = rx.next_unscanned(&d) else {
                panic!("frame expected")
            };
            let len = f.total_len();
            rx.mark(len, mark);
        }
        assert!(matches!(
            rx.next_unscanned(&d),
            Ok(Status::Partial { needed: 2 })
        ));
        assert_eq!(rx.scanned_position(), 24);
        rx.release();
        let (mark, t, body) = rx.lend().expect("a frame");
        assert_eq!((mark, t.0, body), (1, 6, &[0, 0, 0, 9][..]));
        rx.release();
        assert!(!rx.has_ready(), "the second frame was consumed internally");
        assert_eq!(rx.handed_out_position(), 24);
        assert_eq!(rx.len(), 6);
        assert_eq!(rx.append(&HB_CONF[6..]), 6, "space was reclaimed");
        assert!(matches!(rx.next_unscanned(&d), Ok(Status::Complete(_))));
        assert_eq!(&rx.storage()[12..], &[0; 18], "released frames are wiped");
    }
}
