//! The client path: a `Session` sized for a small device, driven through its whole API, with
//! the codec it pulls in (the session's own messages, and what `send` and `poll_event` reach).
#![no_std]
#![no_main]

use core::hint::black_box;
use cti_proto::client::{Config, Session};
use cti_proto::server::ServerSession;
use cti_proto::wire::codes::StatusCode;
use cti_proto::wire::session::ClientEventReportReq;
use cti_proto::wire::{Floating, InvokeId, Message, SessionCatalogue};
use cti_proto::Instant;
use cti_proto_footprint as _;

/// A receive buffer for v15's largest message, 1 KiB to send, 8 requests outstanding, and the
/// session-management messages typed (the rest handed out raw).
type DeviceSession = Session<4400, 1024, 8, SessionCatalogue>;

/// Records the size of each type on the target as the size of a symbol, read back by the CI
/// step; the section is not loaded, so the symbols take neither flash nor RAM.
macro_rules! sizes {
    ($( $name:ident: $ty:ty, )*) => {
        $(
            #[used]
            #[no_mangle]
            #[link_section = ".sizes"]
            static $name: [u8; core::mem::size_of::<$ty>()] = [0; core::mem::size_of::<$ty>()];
        )*
    };
}

sizes! {
    SIZE_OF_SESSION_4400_1024_8: DeviceSession,
    SIZE_OF_SESSION_DEFAULT: Session,
    SIZE_OF_SERVER_SESSION_DEFAULT: ServerSession,
    SIZE_OF_MESSAGE: Message<'static>,
}

#[no_mangle]
#[allow(clippy::empty_loop)] // Nothing to wait for: the image only has to link.
pub extern "C" fn _start() -> ! {
    let config: Config<'static> = black_box(Config::new("gateway", b""));
    let Ok(mut session) = DeviceSession::with_buffers(&config, Instant::from_millis(black_box(0))) else {
        loop {}
    };
    loop {
        let now = Instant::from_millis(black_box(0));
        let input: &[u8] = black_box(&[]);
        black_box(session.handle_receive(now, input));
        session.handle_timeout(now);
        if black_box(false) {
            session.handle_eof(now);
        }
        if black_box(false) {
            // The request a gateway sends: a client event report (spec §3.8).
            let report = ClientEventReportReq {
                invoke_id: InvokeId(0),
                state: black_box(0).into(),
                floating: black_box(Floating::EMPTY),
            };
            let _ = black_box(session.send(now, &report));
        }
        if black_box(false) {
            let _ = black_box(session.close(now, StatusCode::NO_ERROR));
        }
        while let Some(event) = session.poll_event() {
            black_box(&event);
        }
        if let Some(bytes) = session.poll_transmit() {
            let n = black_box(bytes).len();
            session.advance_transmit(n);
        }
        black_box(session.poll_timeout());
        black_box(session.state());
    }
}
