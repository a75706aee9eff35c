//! The requests waiting for an answer, keyed by InvokeID (spec §6.5–6.6): a fixed-size table with
//! a deadline per request, no heap.
//!
//! Entries stay in the order the requests were sent. An entry lives from `send` until its
//! completion has been handed out as an event: an answer
//! marks it answered (the answer waits in the receive buffer), a deadline marks it timed out.
//! Cancelling removes it at once; a late answer then matches nothing and is a plain message.

use crate::wire::{InvokeId, MessageType};
use crate::Instant;

/// Where a request is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// Sent; no answer yet. The answer is due by the deadline.
    Waiting { deadline: Instant },
    /// The answer has been received and waits in the receive buffer to be handed out.
    Answered,
    /// The deadline passed; reported once the frames received before it have been handed out,
    /// i.e. when the receive stream has been handed out up to `position`.
    TimedOut { position: u64 },
}

/// One outstanding request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    invoke_id: InvokeId,
    request: MessageType,
    stage: Stage,
}

/// A table of at most `N` outstanding requests.
#[derive(Clone, Debug)]
pub(crate) struct Requests<const N: usize> {
    entries: heapless::Vec<Entry, N>,
}

impl<const N: usize> Requests<N> {
    pub(crate) const fn new() -> Self {
        Requests {
            entries: heapless::Vec::new(),
        }
    }

    /// Requests not yet completed by an event.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn is_full(&self) -> bool {
        self.entries.is_full()
    }

    pub(crate) fn contains(&self, id: InvokeId) -> bool {
        self.entries.iter().any(|e| e.invoke_id == id)
    }

    /// Registers a request whose answer is due by `deadline`; `false` if the table is full.
    pub(crate) fn insert(
        &mut self,
        invoke_id: InvokeId,
        request: MessageType,
        deadline: Instant,
    ) -> bool {
        self.entries
            .push(Entry {
                invoke_id,
                request,
                stage: Stage::Waiting { deadline },
            })
            .is_ok()
    }

    /// Marks the waiting request `id` as answered; `false` if there is none, so a duplicate,
    /// stray, or late (timed out, cancelled) confirmation is not mistaken for an answer.
    pub(crate) fn answer(&mut self, id: InvokeId) -> bool {
        match self
            .entries
            .iter_mut()
            .find(|e| e.invoke_id == id && matches!(e.stage, Stage::Waiting { .. }))
        {
            Some(e) => {
                e.stage = Stage::Answered;
                true
            }
            None => false,
        }
    }

    /// Removes the answered request `id` when its answer is handed out; returns its type, or
    /// `None` if it was cancelled meanwhile.
    pub(crate) fn complete(&mut self, id: InvokeId) -> Option<MessageType> {
        let i = self
            .entries
            .iter()
            .position(|e| e.invoke_id == id && e.stage == Stage::Answered)?;
        Some(self.entries.remove(i).request)
    }

    /// Forgets request `id`, whatever its stage; `false` if there is none.
    pub(crate) fn cancel(&mut self, id: InvokeId) -> bool {
        match self.entries.iter().position(|e| e.invoke_id == id) {
            Some(i) => {
                self.entries.remove(i);
                true
            }
            None => false,
        }
    }

    /// The earliest deadline of a waiting request.
    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        self.entries
            .iter()
            .filter_map(|e| match e.stage {
                Stage::Waiting { deadline } => Some(deadline),
                _ => None,
            })
            .min()
    }

    /// Marks every waiting request due at or before `now` as timed out, to be reported once the
    /// receive stream has been handed out up to `position`. Returns how many.
    pub(crate) fn expire(&mut self, now: Instant, position: u64) -> usize {
        let mut n = 0;
        for e in self.entries.iter_mut() {
            if matches!(e.stage, Stage::Waiting { deadline } if deadline <= now) {
                e.stage = Stage::TimedOut { position };
                n += 1;
            }
        }
        n
    }

    /// Removes and returns a timed-out request (InvokeID, type) that is ready to be reported now
    /// that the receive stream has been handed out up to `position`; the oldest first.
    pub(crate) fn take_timed_out(&mut self, position: u64) -> Option<(InvokeId, MessageType)> {
        let i = self
            .entries
            .iter()
            .position(|e| matches!(e.stage, Stage::TimedOut { position: p } if p <= position))?;
        let e = self.entries.remove(i);
        Some((e.invoke_id, e.request))
    }

    /// Forgets everything (the session ended).
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_then_complete() {
        let t = Instant::from_secs(30);
        let mut p = Requests::<2>::new();
        assert!(p.insert(InvokeId(7), MessageType(36), t));
        assert!(p.insert(InvokeId(8), MessageType(38), t));
        assert!(!p.insert(InvokeId(9), MessageType(38), t));
        assert!(p.is_full());
        assert_eq!(p.complete(InvokeId(7)), None, "not answered yet");
        assert!(p.answer(InvokeId(7)));
        assert!(
            !p.answer(InvokeId(7)),
            "a duplicate answer is not an answer"
        );
        assert!(!p.answer(InvokeId(1)));
        assert_eq!(p.complete(InvokeId(7)), Some(MessageType(36)));
        assert_eq!(p.len(), 1);
        assert!(p.contains(InvokeId(8)));
    }

    #[test]
    fn deadlines_time_out_and_late_answers_match_nothing() {
        let at = Instant::from_secs;
        let mut p = Requests::<4>::new();
        p.insert(InvokeId(1), MessageType(36), at(10));
        p.insert(InvokeId(2), MessageType(38), at(5));
        p.insert(InvokeId(3), MessageType(38), at(20));
        assert_eq!(p.next_deadline(), Some(at(5)));
        assert_eq!(p.expire(at(9), 100), 1);
        assert_eq!(p.next_deadline(), Some(at(10)));
        assert!(!p.answer(InvokeId(2)), "a late answer is no answer");
        assert_eq!(p.take_timed_out(99), None, "frames before it come first");
        assert_eq!(p.take_timed_out(100), Some((InvokeId(2), MessageType(38))));
        assert_eq!(p.take_timed_out(100), None);
        assert!(p.cancel(InvokeId(3)));
        assert!(!p.cancel(InvokeId(3)));
        assert_eq!(p.len(), 1);
    }
}
