//! The requests waiting for an answer, keyed by InvokeID (spec §6.5–6.6): a fixed-size table,
//! no heap. An entry stays until its answer has been handed out as an event, so the event can
//! say which request type it answers.

use crate::wire::{InvokeId, MessageType};

/// One outstanding request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    invoke_id: InvokeId,
    request: MessageType,
    /// The answer has been received and waits in the receive buffer to be handed out.
    answered: bool,
}

/// A table of at most `N` outstanding requests.
#[derive(Clone, Debug)]
pub(crate) struct Pending<const N: usize> {
    entries: heapless::Vec<Entry, N>,
}

impl<const N: usize> Pending<N> {
    pub(crate) const fn new() -> Self {
        Pending {
            entries: heapless::Vec::new(),
        }
    }

    /// Requests not yet completed by an event (answered ones included).
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn is_full(&self) -> bool {
        self.entries.is_full()
    }

    pub(crate) fn contains(&self, id: InvokeId) -> bool {
        self.entries.iter().any(|e| e.invoke_id == id)
    }

    /// Registers a request; `false` if the table is full.
    pub(crate) fn insert(&mut self, invoke_id: InvokeId, request: MessageType) -> bool {
        self.entries
            .push(Entry {
                invoke_id,
                request,
                answered: false,
            })
            .is_ok()
    }

    /// Marks the unanswered request `id` as answered; `false` if there is none, so a duplicate
    /// or stray confirmation is not mistaken for an answer.
    pub(crate) fn answer(&mut self, id: InvokeId) -> bool {
        match self
            .entries
            .iter_mut()
            .find(|e| e.invoke_id == id && !e.answered)
        {
            Some(e) => {
                e.answered = true;
                true
            }
            None => false,
        }
    }

    /// Removes the answered request `id` when its answer is handed out; returns its type.
    pub(crate) fn complete(&mut self, id: InvokeId) -> Option<MessageType> {
        let i = self
            .entries
            .iter()
            .position(|e| e.invoke_id == id && e.answered)?;
        Some(self.entries.swap_remove(i).request)
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
        let mut p = Pending::<2>::new();
        assert!(p.insert(InvokeId(7), MessageType(36)));
        assert!(p.insert(InvokeId(8), MessageType(38)));
        assert!(!p.insert(InvokeId(9), MessageType(38)));
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
}
