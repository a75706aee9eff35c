//! The live model never touches the heap: folding a contact centre's whole traffic (agents
//! logging in, calls offered, answered, held, transferred, ended) into a `Model` runs under a
//! global allocator that counts every allocation made on this thread.

#[path = "../tools/src/cc.rs"]
mod cc;
mod counting_alloc;

use cc::{AgentSpec, CcConfig, ContactCentre};
use counting_alloc::{allocations, Counting};
use cti_proto::model::Model;
use cti_proto::wire::{Decoder, Status};
use cti_proto::Instant;
use std::time::Duration;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn folding_a_busy_floor_allocates_nothing() {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(|| {
            // The counter counts (else the assertion below could not fail).
            let (v, n) = allocations(|| std::hint::black_box(vec![1u8; 10]));
            assert!(v.len() == 10 && n >= 1);

            let mut cc = ContactCentre::new(
                CcConfig {
                    agents: AgentSpec::generated(8, 2),
                    call_rate_per_min: 30,
                    talk_time: Duration::from_secs(20),
                    auto_answer: true,
                    ..CcConfig::default()
                },
                Instant::ZERO,
            )
            .unwrap();
            let mut traffic = cc.login_all(Instant::ZERO);
            for s in 1..=120 {
                traffic.extend(cc.tick(Instant::from_secs(s)));
            }
            assert!(traffic.len() > 300);
            let mut model: Model<16, 16, 4, 4> = Model::new();
            let ((), n) = allocations(|| {
                for (i, o) in traffic.iter().enumerate() {
                    let Ok(Status::Complete((m, _))) = Decoder::default().decode(o.bytes()) else {
                        panic!("undecodable");
                    };
                    let changes = model.apply(Instant::from_millis(i as u64), &m);
                    assert!(changes.full().is_none());
                    std::hint::black_box(changes.iter().count());
                }
            });
            assert_eq!(n, 0, "allocations while folding");
            assert_eq!(model.agents().count(), 8);
            assert_eq!(model.call_count(), cc.model().call_count());
        })
        .unwrap()
        .join()
        .unwrap();
}
