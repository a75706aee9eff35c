//! A fixed byte queue: bytes are appended at the back and consumed from the front, the free
//! space is handed out for in-place encoding, and nothing ever allocates.

/// `N` bytes of storage holding one contiguous run of pending bytes.
pub(crate) struct Buf<const N: usize> {
    data: [u8; N],
    start: usize,
    end: usize,
}

impl<const N: usize> Buf<N> {
    pub const fn new() -> Self {
        Buf {
            data: [0; N],
            start: 0,
            end: 0,
        }
    }

    /// Pending bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The pending bytes, oldest first.
    pub fn bytes(&self) -> &[u8] {
        self.data.get(self.start..self.end).unwrap_or_default()
    }

    /// Drops `n` bytes from the front.
    pub fn consume(&mut self, n: usize) {
        self.start = self.start.saturating_add(n).min(self.end);
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
    }

    /// Keeps only the first `len` pending bytes (undoes appends).
    pub fn truncate(&mut self, len: usize) {
        if len < self.len() {
            self.end = self.start + len;
        }
    }

    pub fn clear(&mut self) {
        self.start = 0;
        self.end = 0;
    }

    /// All free space, after moving the pending bytes to the front.
    pub fn spare(&mut self) -> &mut [u8] {
        if self.start > 0 {
            self.data.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        self.data.get_mut(self.end..).unwrap_or_default()
    }

    /// Marks `n` bytes written into [`spare`](Self::spare) as pending.
    pub fn commit(&mut self, n: usize) {
        self.end = self.end.saturating_add(n).min(N);
    }

    /// Appends as much of `src` as fits; returns how much that was.
    pub fn push(&mut self, src: &[u8]) -> usize {
        let spare = self.spare();
        let n = spare.len().min(src.len());
        if let (Some(dst), Some(src)) = (spare.get_mut(..n), src.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.commit(n);
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_wraps_by_compacting() {
        let mut b = Buf::<8>::new();
        assert_eq!(b.push(b"abcdef"), 6);
        b.consume(4);
        assert_eq!(b.bytes(), b"ef");
        assert_eq!(b.push(b"ghijklm"), 6);
        assert_eq!(b.bytes(), b"efghijkl");
        assert_eq!(b.push(b"x"), 0);
        b.truncate(3);
        assert_eq!(b.bytes(), b"efg");
        b.consume(100);
        assert!(b.is_empty());
        assert_eq!(b.spare().len(), 8);
    }
}
