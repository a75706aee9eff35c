//! The full catalogue: decode and encode of every message type through `Message`, fed from
//! `black_box` so that no type can be proven absent.
#![no_std]
#![no_main]

use core::hint::black_box;
use cti_proto::wire::{Decoder, Status, Version};
use cti_proto_footprint as _;

#[no_mangle]
pub extern "C" fn _start() -> ! {
    let decoder = black_box(Decoder::default());
    let mut out = [0u8; 512];
    loop {
        let input: &[u8] = black_box(&[]);
        if let Ok(Status::Complete((message, used))) = decoder.decode(input) {
            let version = black_box(Version::V15);
            black_box(message.encoded_len(version));
            black_box(message.invoke_id());
            let _ = black_box(message.encode(version, &mut out));
            black_box(used);
        }
    }
}
