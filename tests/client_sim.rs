//! The client session against a scripted server on a virtual clock: every rule of spec §6 with
//! exact times, under delay, re-chunking, loss and corruption.

mod client_common;

use std::time::Duration;

use client_common::*;
use cti_proto::client::{Config, FailureReason, SendError, Session, State};
use cti_proto::wire::codes::*;
use cti_proto::wire::{DecodeError, InvokeId, MessageType};
use cti_proto::Instant;

const HEARTBEAT_REQ: u32 = 5;
const CLOSE_REQ: u32 = 7;

fn sim(hb: Option<u64>, server: Server, faults: Faults) -> Sim {
    Sim::<12_500>::new(&sim_config(hb), server, faults)
}

fn failed_at(s: &Sim) -> Vec<(u64, String)> {
    s.events
        .iter()
        .filter(|(_, e)| e.starts_with("failed") || e == "closed")
        .cloned()
        .collect()
}

// ----- open -----

#[test]
fn open_req_is_byte_identical_to_the_real_cti_os_capture() {
    // The OPEN_REQ of spec §9, sent by a real CTI OS Server.
    let capture = hex(
        "00000056 00000003 00000001 0000000f 7fffffff 00001388 001c0296 0fffffff 000003ff
         00000003 00000000 00000000 00000000
         010c 4354494f5353657276657200 020c 4354494f5353657276657200 030c 4354494f5353657276657200",
    );
    let config = Config::new("CTIOSServer", b"CTIOSServer\0")
        .with_client_signature("CTIOSServer")
        .with_idle_timeout(Some(Duration::from_secs(0x7fff_ffff)))
        .with_peripheral_id(5000)
        .with_services_requested(ServiceMask(0x001c_0296))
        .with_call_msg_mask(CallMsgMask(0x0fff_ffff))
        .with_agent_state_mask(AgentStateMask(0x3ff))
        .with_config_msg_mask(ConfigMsgMask(3));
    let s = Session::new(&config, Instant::ZERO).unwrap();
    assert_eq!(s.poll_transmit(), Some(&capture[..]));
}

#[test]
fn open_req_defaults() {
    let s = Session::new(&Config::new("me", b""), Instant::ZERO).unwrap();
    let b = s.poll_transmit().unwrap();
    let word = |i: usize| u32::from_be_bytes(b[i..i + 4].try_into().unwrap());
    assert_eq!(word(4), 3, "OPEN_REQ");
    assert_eq!(word(8), 1, "InvokeID");
    assert_eq!(word(12), 15, "VersionNumber");
    assert_eq!(word(16), 0xFFFF_FFFF, "IdleTimeout without heartbeats");
    assert_eq!(word(20), 0xFFFF_FFFF, "NULL_PERIPHERAL_ID");
    assert_eq!(
        &b[52..],
        &[1, 3, b'm', b'e', 0, 2, 0],
        "ClientID, empty password"
    );

    let c = Config::new("me", b"").with_heartbeat_interval(Some(Duration::from_secs(90)));
    let s = Session::new(&c, Instant::ZERO).unwrap();
    let b = s.poll_transmit().unwrap();
    assert_eq!(
        &b[16..20],
        &360u32.to_be_bytes(),
        "IdleTimeout = 4 x interval"
    );
}

#[test]
fn open_conf_opens_and_reports_what_was_granted() {
    let mut s = sim(None, Server::default(), Faults::default());
    s.run_until(secs(1));
    assert_eq!(s.log(), [(0, "opened services=0x10")]);
    assert_eq!(s.client.state(), State::Open);
    assert_eq!(s.client.poll_timeout(), None, "no heartbeats, no timer");
}

#[test]
fn open_rejected_with_the_servers_status() {
    let server = Server {
        open: OpenReply::Failure(StatusCode::INVALID_PASSWORD),
        ..Server::default()
    };
    let faults = Faults {
        delay: Duration::from_millis(250),
        ..Faults::default()
    };
    let mut s = sim(Some(5), server, faults);
    s.run_until(secs(60));
    assert_eq!(
        s.log(),
        [(250, "failed Rejected { status: E_CTI_INVALID_PASSWORD }")]
    );
    assert_eq!(s.client.poll_timeout(), None);
    assert_eq!(
        s.client.send(secs(61), &report_req()),
        Err(SendError::Failed)
    );
}

#[test]
fn no_open_conf_fails_at_exactly_the_open_timeout() {
    let server = Server {
        open: OpenReply::Silent,
        ..Server::default()
    };
    let mut s = sim(Some(5), server, Faults::default());
    s.run_until(secs(100));
    assert_eq!(s.log(), [(30_000, "failed OpenTimeout")]);
    assert!(
        s.server.got(HEARTBEAT_REQ).is_empty(),
        "no heartbeats before open"
    );
}

#[test]
fn open_conf_just_before_the_timeout_still_opens() {
    let faults = Faults {
        delay: Duration::from_millis(29_999),
        ..Faults::default()
    };
    let mut s = sim(None, Server::default(), faults);
    s.run_until(secs(40));
    assert_eq!(s.log(), [(29_999, "opened services=0x10")]);
}

#[test]
fn events_before_open_conf_are_tolerated_confirmations_are_not() {
    let server = Server {
        open: OpenReply::Silent,
        ..Server::default()
    };
    let mut s = sim(None, server.clone(), Faults::default());
    s.inject(system_event());
    s.inject(unknown_message());
    s.inject(open_conf(1));
    s.run_until(secs(1));
    assert_eq!(
        s.log(),
        [
            (0, "message SYSTEM_EVENT"),
            (0, "message UNKNOWN(9999)"),
            (0, "opened services=0x10")
        ]
    );

    let mut s = sim(None, server.clone(), Faults::default());
    s.inject(heartbeat_conf(1));
    s.inject(system_event());
    s.run_until(secs(1));
    assert_eq!(
        s.log(),
        [(
            0,
            "failed UnexpectedMessage { message_type: HEARTBEAT_CONF }"
        )],
        "nothing after the failure"
    );

    let mut s = sim(None, server, Faults::default());
    s.inject(open_conf(7));
    s.run_until(secs(1));
    assert_eq!(
        s.log(),
        [(0, "failed UnexpectedMessage { message_type: OPEN_CONF }")]
    );
}

// ----- heartbeats -----

#[test]
fn heartbeats_every_interval_while_answered() {
    let mut s = sim(Some(5), Server::default(), Faults::default());
    s.run_until(secs(31));
    assert_eq!(
        s.server.got(HEARTBEAT_REQ),
        [
            (5000, 2),
            (10_000, 3),
            (15_000, 4),
            (20_000, 5),
            (25_000, 6),
            (30_000, 7)
        ],
        "fresh InvokeIDs, one interval apart"
    );
    assert_eq!(s.log(), [(0, "opened services=0x10")]);
    assert_eq!(s.client.stats().heartbeats_sent, 6);
    assert_eq!(s.client.stats().heartbeat_rtt, Some(Duration::ZERO));
}

#[test]
fn silent_server_fails_at_exactly_four_intervals() {
    let server = Server {
        heartbeat: HeartbeatReply::Silent,
        ..Server::default()
    };
    let mut s = sim(Some(5), server, Faults::default());
    s.run_until(secs(100));
    assert_eq!(
        s.server.got(HEARTBEAT_REQ),
        [(5000, 2), (10_000, 3), (15_000, 4)]
    );
    assert_eq!(
        s.log(),
        [
            (0, "opened services=0x10"),
            (20_000, "failed HeartbeatTimeout")
        ]
    );
    assert_eq!(s.client.poll_timeout(), None);
    assert_eq!(s.client.state(), State::Failed);
}

#[test]
fn server_falling_silent_fails_four_intervals_after_the_last_confirmed_heartbeat() {
    let server = Server {
        heartbeat: HeartbeatReply::SilentFrom(secs(12)),
        ..Server::default()
    };
    let mut s = sim(Some(5), server, Faults::default());
    s.run_until(secs(100));
    assert_eq!(
        s.server.got(HEARTBEAT_REQ).len(),
        5,
        "5 and 10 answered; 15, 20, 25 not"
    );
    assert_eq!(failed_at(&s), [(30_000, "failed HeartbeatTimeout".into())]);
}

#[test]
fn any_sent_message_restarts_the_heartbeat_interval() {
    let mut s = sim(Some(5), Server::default(), Faults::default());
    s.run_until(secs(3));
    assert_eq!(s.send(&report_req()), Ok(InvokeId(2)));
    s.run_until(ms(14_500));
    s.send(&report_req()).unwrap();
    s.run_until(secs(21));
    assert_eq!(
        s.server.got(HEARTBEAT_REQ),
        [(8000, 3), (13_000, 4), (19_500, 6)]
    );
}

#[test]
fn answers_slower_than_three_intervals_fail_at_the_fourth() {
    // Each HEARTBEAT_CONF arrives 14.999 s late: at 20 s, heartbeat 5 s is confirmed.
    let faults = Faults {
        delay: Duration::from_millis(14_999),
        delay_only: Some(6),
        ..Faults::default()
    };
    let mut s = sim(Some(5), Server::default(), faults);
    s.run_until(secs(120));
    assert_eq!(failed_at(&s), []);
    assert_eq!(
        s.client.stats().heartbeat_rtt,
        Some(Duration::from_millis(14_999))
    );

    // 15 s late: the confirmation arrives at the moment the fourth falls due, and the deadline
    // wins (the module docs: a deadline due at an input's `now` fires first).
    let faults = Faults {
        delay: Duration::from_secs(15),
        delay_only: Some(6),
        ..Faults::default()
    };
    let mut s = sim(Some(5), Server::default(), faults);
    s.run_until(secs(120));
    assert_eq!(
        s.log(),
        [
            (0, "opened services=0x10"),
            (20_000, "failed HeartbeatTimeout")
        ]
    );
}

#[test]
fn a_caller_waking_late_does_not_delay_heartbeats_cumulatively() {
    let server = Server {
        heartbeat: HeartbeatReply::SilentFrom(secs(12)),
        ..Server::default()
    };
    let mut s = sim(Some(5), server, Faults::default());
    s.late = Duration::from_millis(300);
    s.run_until(secs(100));
    assert_eq!(
        s.server.got(HEARTBEAT_REQ),
        [
            (5300, 2),
            (10_300, 3),
            (15_300, 4),
            (20_300, 5),
            (25_300, 6)
        ]
    );
    assert_eq!(failed_at(&s), [(30_300, "failed HeartbeatTimeout".into())]);
}

#[test]
fn a_confirmation_also_confirms_older_heartbeats() {
    let server = Server {
        heartbeat: HeartbeatReply::Silent,
        ..Server::default()
    };
    let mut s = sim(Some(5), server, Faults::default());
    s.run_until(secs(16));
    assert_eq!(s.client.unconfirmed_heartbeats(), 3);
    s.inject(heartbeat_conf(3)); // confirms the heartbeats of 5 s and 10 s
    s.run_until(ms(16_000));
    assert_eq!(s.client.unconfirmed_heartbeats(), 1);
    s.run_until(secs(100));
    // 15 s is unconfirmed; 20 s and 25 s are sent; at 30 s three are unconfirmed.
    assert_eq!(failed_at(&s), [(30_000, "failed HeartbeatTimeout".into())]);
}

#[test]
fn dropped_heartbeat_confirmations_fail_like_silence() {
    let faults = Faults {
        drop_types: vec![6],
        ..Faults::default()
    };
    let mut s = sim(Some(7), Server::default(), faults);
    s.run_until(secs(100));
    assert_eq!(failed_at(&s), [(28_000, "failed HeartbeatTimeout".into())]);
}

#[test]
fn failure_conf_to_a_heartbeat_means_server_offline() {
    let server = Server {
        heartbeat: HeartbeatReply::Failure(StatusCode::CTI_SERVER_OFFLINE),
        ..Server::default()
    };
    let mut s = sim(Some(5), server, Faults::default());
    s.run_until(secs(100));
    assert_eq!(
        s.log(),
        [
            (0, "opened services=0x10"),
            (
                5000,
                "failed ServerOffline { status: E_CTI_CTI_SERVER_OFFLINE }"
            )
        ]
    );
}

#[test]
fn a_stray_heartbeat_confirmation_is_surfaced_not_counted() {
    let server = Server {
        heartbeat: HeartbeatReply::Silent,
        ..Server::default()
    };
    let mut s = sim(Some(5), server, Faults::default());
    s.run_until(secs(6));
    s.inject(heartbeat_conf(99));
    s.run_until(secs(100));
    assert_eq!(
        s.log(),
        [
            (0, "opened services=0x10"),
            (6000, "message HEARTBEAT_CONF"),
            (20_000, "failed HeartbeatTimeout")
        ]
    );
}

// ----- close -----

#[test]
fn close_waits_for_close_conf() {
    let faults = Faults {
        delay: Duration::from_millis(300),
        ..Faults::default()
    };
    let mut s = sim(Some(5), Server::default(), faults);
    s.run_until(secs(7));
    s.client.close(s.now, StatusCode::NO_ERROR).unwrap();
    s.flush();
    assert_eq!(s.client.state(), State::Closing);
    s.run_until(secs(60));
    assert_eq!(s.server.got(CLOSE_REQ), [(7000, 3)]);
    assert_eq!(
        s.server.got(HEARTBEAT_REQ),
        [(5000, 2)],
        "none while closing"
    );
    assert_eq!(failed_at(&s), [(7300, "closed".into())]);
    let closing = &s.server.received.last().unwrap().3;
    assert_eq!(&closing[12..16], &[0, 0, 0, 0], "status E_CTI_NO_ERROR");
    assert_eq!(
        s.client.close(secs(61), StatusCode::NO_ERROR),
        Err(SendError::Closed)
    );
}

#[test]
fn close_without_close_conf_ends_after_five_seconds() {
    let server = Server {
        close: false,
        ..Server::default()
    };
    let mut s = sim(Some(5), server, Faults::default());
    s.run_until(ms(2500));
    s.client.close(s.now, StatusCode::TIMEOUT).unwrap();
    assert_eq!(
        s.client.close(s.now, StatusCode::TIMEOUT),
        Err(SendError::Closing)
    );
    assert_eq!(s.send(&report_req()), Err(SendError::Closing));
    s.run_until(secs(60));
    assert_eq!(failed_at(&s), [(7500, "closed".into())]);
    assert_eq!(s.client.poll_timeout(), None);
}

#[test]
fn server_offline_failure_event_closes_with_status_15() {
    let mut s = sim(Some(5), Server::default(), Faults::default());
    s.run_until(secs(4));
    s.inject(failure_event(StatusCode::CTI_SERVER_OFFLINE));
    s.run_until(secs(60));
    let close = s.server.got(CLOSE_REQ);
    assert_eq!(close, [(4000, 2)]);
    let bytes = &s.server.received.last().unwrap().3;
    assert_eq!(&bytes[12..16], &15u32.to_be_bytes());
    assert_eq!(
        s.log(),
        [
            (0, "opened services=0x10"),
            (4000, "message FAILURE_EVENT"),
            (4000, "closed")
        ]
    );
}

#[test]
fn other_failure_events_are_only_reported() {
    let mut s = sim(None, Server::default(), Faults::default());
    s.inject(failure_event(StatusCode::UNSPECIFIED_FAILURE));
    s.run_until(secs(10));
    assert_eq!(s.client.state(), State::Open);
    assert!(s.server.got(CLOSE_REQ).is_empty());
}

#[test]
fn close_while_opening_needs_no_close_req() {
    let server = Server {
        open: OpenReply::Silent,
        ..Server::default()
    };
    let mut s = sim(None, server, Faults::default());
    s.client.close(secs(1), StatusCode::NO_ERROR).unwrap();
    s.run_until(secs(60));
    assert_eq!(s.log(), [(0, "closed")]);
    assert!(s.server.got(CLOSE_REQ).is_empty());
}

// ----- requests -----

#[test]
fn requests_get_counter_invoke_ids_and_their_answers() {
    let mut s = sim(None, Server::default(), Faults::default());
    s.run_until(secs(1));
    assert_eq!(s.send(&report_req()), Ok(InvokeId(2)));
    s.server.request = RequestReply::Failure(StatusCode::INVALID_AGENT_DATA);
    assert_eq!(s.send(&report_req()), Ok(InvokeId(3)));
    s.server.request = RequestReply::ControlFailure(256, 77);
    assert_eq!(s.send(&report_req()), Ok(InvokeId(4)));
    s.run_until(secs(2));
    assert_eq!(
        s.log(),
        [
            (0, "opened services=0x10"),
            (
                1000,
                "completed 2 CLIENT_EVENT_REPORT_REQ conf CLIENT_EVENT_REPORT_CONF"
            ),
            (
                1000,
                "completed 3 CLIENT_EVENT_REPORT_REQ failure E_CTI_INVALID_AGENT_DATA"
            ),
            (
                1000,
                "completed 4 CLIENT_EVENT_REPORT_REQ control_failure 256 77"
            ),
        ]
    );
    assert_eq!(s.client.pending_requests(), 0);
    let ids: Vec<u32> = s.server.got(32).iter().map(|g| g.1).collect();
    assert_eq!(
        ids,
        [2, 3, 4],
        "the InvokeID on the wire is the one returned"
    );
}

#[test]
fn unmatched_and_duplicate_confirmations_are_messages() {
    let mut s = sim(None, Server::default(), Faults::default());
    s.run_until(secs(1));
    s.send(&report_req()).unwrap();
    s.inject(report_conf(2)); // a duplicate
    s.inject(report_conf(50));
    s.inject(failure_conf(51, StatusCode::TIMEOUT));
    s.run_until(secs(2));
    assert_eq!(
        &s.log()[1..],
        [
            (
                1000,
                "completed 2 CLIENT_EVENT_REPORT_REQ conf CLIENT_EVENT_REPORT_CONF"
            ),
            (1000, "message CLIENT_EVENT_REPORT_CONF"),
            (1000, "message CLIENT_EVENT_REPORT_CONF"),
            (1000, "message FAILURE_CONF"),
        ]
    );
}

#[test]
fn send_errors_are_local() {
    let server = Server {
        request: RequestReply::Silent,
        open: OpenReply::Silent,
        ..Server::default()
    };
    let mut s: Sim<12_500, 8_192, 2> = Sim::new(&sim_config(None), server, Faults::default());
    assert_eq!(s.send(&report_req()), Err(SendError::NotOpen));
    s.inject(open_conf(1));
    s.run_until(secs(1));
    s.send(&report_req()).unwrap();
    s.send(&report_req()).unwrap();
    assert_eq!(s.send(&report_req()), Err(SendError::PendingFull));
    assert_eq!(s.client.pending_requests(), 2);
    let hb = cti_proto::wire::Message::HeartbeatReq(cti_proto::wire::session::HeartbeatReq {
        invoke_id: InvokeId(9),
        floating: cti_proto::wire::Floating::EMPTY,
    });
    assert_eq!(
        s.send(&hb),
        Err(SendError::SessionOwned {
            message_type: MessageType::HEARTBEAT_REQ
        })
    );
    let raw = hex("00000000 0000270f");
    let unknown =
        cti_proto::wire::Message::decode(MessageType(9999), &raw[8..], Default::default()).unwrap();
    assert_eq!(
        s.send(&unknown),
        Err(SendError::NotARequest {
            message_type: MessageType(9999)
        })
    );
    assert_eq!(s.client.send_unsolicited(s.now, &unknown), Ok(()));
    assert_eq!(
        s.client.send_unsolicited(s.now, &report_req()),
        Err(SendError::NotARequest {
            message_type: MessageType::CLIENT_EVENT_REPORT_REQ
        })
    );
}

#[test]
fn transmit_buffer_full_and_message_too_long() {
    let config = sim_config(None);
    let mut s: Session<12_500, 256> = Session::with_buffers(&config, Instant::ZERO).unwrap();
    s.advance_transmit(usize::MAX);
    let _ = s.handle_receive(Instant::ZERO, &open_conf(1));
    assert!(s.poll_event().is_some());
    let mut sent = 0;
    let err = loop {
        match s.send(Instant::ZERO, &report_req()) {
            Ok(_) => sent += 1,
            Err(e) => break e,
        }
    };
    // 14-byte requests; 96 bytes stay reserved for heartbeats, CLOSE_REQ and the answer to a
    // v24 ACTIVE_MAINTENANCE_REQ_MSG.
    assert_eq!((sent, err), ((256 - 96) / 14, SendError::BufferFull));
    s.advance_transmit(14);
    assert!(s.send(Instant::ZERO, &report_req()).is_ok(), "room again");
    // CLOSE_REQ still fits in the reserve.
    assert_eq!(s.close(Instant::ZERO, StatusCode::NO_ERROR), Ok(()));

    let text = "x".repeat(254);
    let mut buf = [0u8; 6000];
    let mut w = cti_proto::wire::FloatingWriter::new(&mut buf, Default::default());
    for _ in 0..20 {
        w.put(
            cti_proto::wire::tag::TEXT,
            cti_proto::wire::Str::from(&text[..]),
        )
        .unwrap();
    }
    let big = cti_proto::wire::Message::ClientEventReportReq(
        cti_proto::wire::session::ClientEventReportReq {
            invoke_id: InvokeId(0),
            state: ClientEventReportState(0),
            floating: w.finish(),
        },
    );
    let mut s = sim(None, Server::default(), Faults::default());
    s.run_until(secs(1));
    assert_eq!(
        s.send(&big),
        Err(SendError::MessageTooLong {
            len: 14 + 20 * 257,
            limit: 4329
        })
    );
}

#[test]
fn a_blocked_transmit_buffer_fails_the_session_instead_of_dropping_heartbeats() {
    // The caller never writes; a peer confirms heartbeats it never saw (InvokeIDs are
    // predictable), so they keep coming until the reserve is used up.
    let config = sim_config(Some(5));
    let mut s: Session<12_500, 256> = Session::with_buffers(&config, Instant::ZERO).unwrap();
    let open_req_len = s.poll_transmit().unwrap().len();
    assert_eq!(open_req_len, 62);
    let _ = s.handle_receive(Instant::ZERO, &open_conf(1));
    let mut events = vec![(0, describe(&s.poll_event().unwrap()))];
    let mut sent = 0u32;
    while s.send(Instant::ZERO, &report_req()).is_ok() {
        sent += 1;
    }
    // 62 + 7 x 14 = 160 bytes queued: an eighth request would cut into the 96-byte reserve.
    assert_eq!(sent, 7);
    let mut t = 0;
    for id in 2 + sent.. {
        t += 5;
        s.handle_timeout(secs(t));
        let _ = s.handle_receive(secs(t), &heartbeat_conf(id));
        while let Some(e) = s.poll_event() {
            events.push((t, describe(&e)));
        }
        if s.is_terminal() {
            break;
        }
    }
    // 96 bytes free hold eight 12-byte heartbeats; the ninth, due at 45 s, does not fit. By
    // then the requests have timed out (30 s).
    assert_eq!(s.stats().heartbeats_sent, 8);
    let mut want = vec![(0, "opened services=0x10".to_string())];
    want.extend((2..2 + sent).map(|id| {
        (
            30,
            format!("completed {id} CLIENT_EVENT_REPORT_REQ timed_out"),
        )
    }));
    want.push((45, "failed TransmitBlocked".to_string()));
    assert_eq!(events, want);
}

// ----- what the peer does wrong -----

#[test]
fn corrupt_message_fails_with_the_decode_error() {
    // Byte 35 of OPEN_CONF+floating does not exist; corrupt the SYSTEM_EVENT instead: its
    // header length grows by one, so the next message's first byte is read as its body.
    let mut s = sim(None, Server::default(), Faults::default());
    s.run_until(secs(1));
    s.faults.corrupt = Some((1, 3, 0x01)); // MessageLength 26 -> 27
    s.inject(system_event());
    s.inject(system_event());
    s.run_until(secs(2));
    assert_eq!(
        s.log(),
        [
            (0, "opened services=0x10"),
            (
                1000,
                "failed Malformed(TruncatedFieldHeader { offset: 34 })"
            )
        ]
    );
}

#[test]
fn unterminated_string_fails_with_its_offset() {
    let mut s = sim(None, Server::default(), Faults::default());
    s.run_until(secs(1));
    // SYSTEM_EVENT with Text "ab" lacking its NUL.
    let mut m = system_event();
    m.extend_from_slice(&[7, 2, b'a', b'b']);
    m[3] += 4;
    s.inject(m);
    s.run_until(secs(2));
    assert_eq!(
        s.events.last().unwrap().1,
        "failed Malformed(UnterminatedString { offset: 34, tag: 7 })"
    );
}

#[test]
fn oversize_length_fails_from_the_header_alone() {
    let faults = Faults {
        chunk: 1,
        ..Faults::default()
    };
    let mut s = sim(None, Server::default(), faults);
    s.run_until(secs(1));
    // Eight header bytes announcing 1 MB, delivered one byte at a time, and nothing more.
    s.inject(hex("00100000 0000001f"));
    s.run_until(secs(2));
    assert_eq!(
        s.events.last().unwrap().1,
        "failed Oversize { length: 1048576, limit: 12492 }"
    );
    assert_eq!(
        FailureReason::Oversize {
            length: 1,
            limit: 1
        }
        .name(),
        "oversize"
    );
    let _ = DecodeError::TruncatedFieldHeader { offset: 0 };
}

#[test]
fn end_of_stream_is_peer_closed_except_while_closing() {
    let mut s = sim(Some(5), Server::default(), Faults::default());
    s.eof_at = Some(secs(3));
    s.run_until(secs(60));
    assert_eq!(failed_at(&s), [(3000, "failed PeerClosed".into())]);

    let server = Server {
        close: false,
        ..Server::default()
    };
    let mut s = sim(Some(5), server, Faults::default());
    s.run_until(secs(1));
    s.client.close(s.now, StatusCode::NO_ERROR).unwrap();
    s.eof_at = Some(secs(2));
    s.run_until(secs(60));
    assert_eq!(failed_at(&s), [(2000, "closed".into())]);
}

#[test]
fn unknown_types_are_events_not_failures() {
    let mut s = sim(Some(5), Server::default(), Faults::default());
    s.inject(unknown_message());
    s.run_until(secs(11));
    assert_eq!(
        s.log(),
        [(0, "opened services=0x10"), (0, "message UNKNOWN(9999)")]
    );
    assert_eq!(s.client.state(), State::Open);
}

#[test]
fn byte_by_byte_delivery_gives_the_same_events_at_the_same_times() {
    let run = |chunk| {
        let faults = Faults {
            chunk,
            delay: Duration::from_millis(100),
            ..Faults::default()
        };
        let mut s = sim(Some(5), Server::default(), faults);
        s.inject(system_event());
        s.run_until(secs(3));
        s.send(&report_req()).unwrap();
        s.inject(unknown_message());
        s.inject(failure_event(StatusCode::CTI_SERVER_OFFLINE));
        s.run_until(secs(30));
        (s.events, s.server.received)
    };
    let whole = run(0);
    assert_eq!(whole.0.len(), 6, "{:?}", whole.0);
    for chunk in [1, 2, 3, 7, 13] {
        assert_eq!(run(chunk), whole, "chunk size {chunk}");
    }
}

// ----- buffers and clock -----

#[test]
fn a_full_receive_buffer_takes_only_what_fits() {
    let config = sim_config(None);
    let mut s: Session<64> = Session::with_buffers(&config, Instant::ZERO).unwrap();
    let _ = s.handle_receive(Instant::ZERO, &open_conf(1));
    assert!(s.poll_event().is_some());
    let mut three = system_event();
    three.extend(system_event());
    three.extend(system_event());
    assert_eq!(three.len(), 102);
    // The buffer holds one whole 34-byte message at a time beside the next one's start: the
    // caller offers the rest again after draining.
    let mut offered = &three[..];
    let mut took = Vec::new();
    let mut events = 0;
    while !offered.is_empty() {
        let n = s.handle_receive(secs(1), offered);
        took.push(n);
        offered = &offered[n..];
        while let Some(e) = s.poll_event() {
            assert_eq!(describe(&e), "message SYSTEM_EVENT");
            events += 1;
        }
    }
    assert_eq!(took, [64, 34, 4]);
    assert_eq!(events, 3);
    // A message larger than the buffer is oversize for this session.
    let _ = s.handle_receive(secs(1), &hex("00000039 0000001f"));
    assert_eq!(
        s.poll_event().map(|e| describe(&e)),
        Some("failed Oversize { length: 57, limit: 56 }".into())
    );
}

#[test]
fn time_going_backwards_is_clamped() {
    let mut s = sim(Some(5), Server::default(), Faults::default());
    s.run_until(secs(12));
    s.client.handle_timeout(secs(12));
    s.client.handle_timeout(secs(1));
    assert_eq!(s.client.now(), secs(12));
    assert_eq!(s.client.poll_timeout(), Some(secs(15)));
    let _ = s.client.handle_receive(Instant::ZERO, &system_event());
    assert_eq!(s.client.poll_timeout(), Some(secs(15)));
    assert_eq!(s.client.state(), State::Open);
}

#[test]
fn an_overdue_deadline_fires_before_late_input() {
    // The caller never called handle_timeout; OPEN_CONF is handed in after the open timeout.
    let config = sim_config(Some(5));
    let mut s = Session::new(&config, Instant::ZERO).unwrap();
    let _ = s.handle_receive(ms(30_001), &open_conf(1));
    assert_eq!(
        s.poll_event().map(|e| describe(&e)),
        Some("failed OpenTimeout".into())
    );
    assert!(s.poll_event().is_none());

    // A heartbeat handled late is sent once, at the time it is handled.
    let mut s = Session::new(&config, Instant::ZERO).unwrap();
    s.advance_transmit(usize::MAX);
    let _ = s.handle_receive(Instant::ZERO, &open_conf(1));
    let _ = s.handle_receive(secs(40), &system_event());
    assert_eq!(s.poll_transmit().map(<[u8]>::len), Some(12));
    assert_eq!(s.poll_timeout(), Some(secs(45)));
}

#[test]
fn config_errors_name_the_rule() {
    let c = Config::new("x", b"").with_heartbeat_interval(Some(Duration::from_secs(4)));
    let e = Session::<12_500>::with_buffers(&c, Instant::ZERO).unwrap_err();
    assert_eq!(
        e.to_string(),
        "heartbeat interval 4s is under the 5 s minimum (use None to disable)"
    );
    let c = Config::new("x", b"").with_idle_timeout(Some(Duration::from_secs(10)));
    assert!(Session::<12_500>::with_buffers(&c, Instant::ZERO)
        .unwrap_err()
        .to_string()
        .contains("20 s minimum"));
    let (sig, inst, id) = ("s".repeat(64), "i".repeat(63), "c".repeat(63));
    let c = Config::new(&id, &[1; 64])
        .with_client_signature(&sig)
        .with_agent_instrument(&inst);
    assert_eq!(
        Session::<12_500, 256>::with_buffers(&c, Instant::ZERO).unwrap_err(),
        cti_proto::client::ConfigError::FieldTooLong {
            field: "ClientSignature",
            max: 63
        }
    );
    let c = Config::new(&id, &[1; 64]).with_agent_instrument(&inst);
    assert_eq!(
        Session::<12_500, 256>::with_buffers(&c, Instant::ZERO).unwrap_err(),
        cti_proto::client::ConfigError::TransmitBufferTooSmall {
            needed: 52 + 66 + 66 + 66 + 96
        }
    );
}
