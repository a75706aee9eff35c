//! The queue of events waiting to be polled, oldest first, of a fixed size.

/// At most `N` events of type `T`, oldest first.
#[derive(Clone, Debug)]
pub(crate) struct EventQueue<T, const N: usize> {
    q: heapless::Deque<T, N>,
}

impl<T, const N: usize> EventQueue<T, N> {
    /// An empty queue.
    pub(crate) const fn new() -> Self {
        EventQueue {
            q: heapless::Deque::new(),
        }
    }

    /// Events waiting.
    pub(crate) fn len(&self) -> usize {
        self.q.len()
    }

    /// True without events.
    pub(crate) fn is_empty(&self) -> bool {
        self.q.is_empty()
    }

    /// True if no more event fits.
    pub(crate) fn is_full(&self) -> bool {
        self.q.is_full()
    }

    /// Queues `event`; gives it back if the queue is full.
    pub(crate) fn push(&mut self, event: T) -> Result<(), T> {
        self.q.push_back(event)
    }

    /// The oldest event.
    pub(crate) fn front(&self) -> Option<&T> {
        self.q.front()
    }

    /// Removes the oldest event.
    pub(crate) fn pop(&mut self) -> Option<T> {
        self.q.pop_front()
    }

    /// Keeps the oldest `len` events (undoes pushes).
    pub(crate) fn truncate(&mut self, len: usize) {
        while self.q.len() > len {
            self.q.pop_back();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_in_first_out_within_capacity() {
        let mut q = EventQueue::<u8, 2>::new();
        assert_eq!(q.push(1), Ok(()));
        assert_eq!(q.push(2), Ok(()));
        assert_eq!(q.push(3), Err(3));
        assert!(q.is_full());
        q.truncate(1);
        assert_eq!(q.len(), 1);
        assert_eq!(q.front(), Some(&1));
        assert_eq!(q.pop(), Some(1));
        assert!(q.is_empty());
    }
}
