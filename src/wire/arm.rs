//! Agent reporting and task routing (ARM, CTI_SERVICE_AGENT_REPORTING; spec §2, 151–210): the
//! messages by which an application reports agents and non-voice tasks to the router.
//!
//! ⚠ No source at hand gives their v15 fixed parts (the one implementation that lists every
//! other layout keeps these as raw bytes), so each is a known, named type whose body is kept
//! whole; a bridge sees what arrives and re-sends it unchanged.

use super::message::opaque;

opaque! {
    /// MEDIA_LOGIN_REQ (151): reports an agent's login to a media routing domain.
    MediaLoginReq = MEDIA_LOGIN_REQ(151): CLIENT_REQUEST;
    /// MEDIA_LOGIN_RESP (152): answers MEDIA_LOGIN_REQ.
    MediaLoginResp = MEDIA_LOGIN_RESP(152);
    /// MEDIA_LOGOUT_IND (153): reports an agent's logout from a media routing domain.
    MediaLogoutInd = MEDIA_LOGOUT_IND(153): CLIENT_REQUEST;
    /// MAKE_AGENT_ROUTABLE_IND (154): makes an agent routable for a media routing domain.
    MakeAgentRoutableInd = MAKE_AGENT_ROUTABLE_IND(154): CLIENT_REQUEST;
    /// MAKE_AGENT_NOT_ROUTABLE_REQ (155): makes an agent not routable for a media routing domain.
    MakeAgentNotRoutableReq = MAKE_AGENT_NOT_ROUTABLE_REQ(155): CLIENT_REQUEST;
    /// MAKE_AGENT_NOT_ROUTABLE_RESP (156): answers MAKE_AGENT_NOT_ROUTABLE_REQ.
    MakeAgentNotRoutableResp = MAKE_AGENT_NOT_ROUTABLE_RESP(156);
    /// MAKE_AGENT_READY_IND (157): reports an agent made ready.
    MakeAgentReadyInd = MAKE_AGENT_READY_IND(157): CLIENT_REQUEST;
    /// MAKE_AGENT_NOT_READY_REQ (158): reports an agent made not ready.
    MakeAgentNotReadyReq = MAKE_AGENT_NOT_READY_REQ(158): CLIENT_REQUEST;
    /// MAKE_AGENT_NOT_READY_RESP (159): answers MAKE_AGENT_NOT_READY_REQ.
    MakeAgentNotReadyResp = MAKE_AGENT_NOT_READY_RESP(159);
    /// OFFER_TASK_IND (160): reports a task offered to an agent the router selected.
    OfferTaskInd = OFFER_TASK_IND(160): CLIENT_REQUEST;
    /// OFFER_APPLICATION_TASK_REQ (161): reports a task offered to an agent the router did not
    /// select.
    OfferApplicationTaskReq = OFFER_APPLICATION_TASK_REQ(161): CLIENT_REQUEST;
    /// OFFER_APPLICATION_TASK_RESP (162): answers OFFER_APPLICATION_TASK_REQ.
    OfferApplicationTaskResp = OFFER_APPLICATION_TASK_RESP(162);
    /// START_TASK_IND (163): reports an agent starting a task the router assigned.
    StartTaskInd = START_TASK_IND(163): CLIENT_REQUEST;
    /// START_APPLICATION_TASK_REQ (164): reports an agent starting a task the router did not
    /// assign.
    StartApplicationTaskReq = START_APPLICATION_TASK_REQ(164): CLIENT_REQUEST;
    /// START_APPLICATION_TASK_RESP (165): answers START_APPLICATION_TASK_REQ.
    StartApplicationTaskResp = START_APPLICATION_TASK_RESP(165);
    /// PAUSE_TASK_IND (166): reports a task paused.
    PauseTaskInd = PAUSE_TASK_IND(166): CLIENT_REQUEST;
    /// RESUME_TASK_IND (167): reports a task resumed.
    ResumeTaskInd = RESUME_TASK_IND(167): CLIENT_REQUEST;
    /// WRAPUP_TASK_IND (168): reports a task in wrap-up.
    WrapupTaskInd = WRAPUP_TASK_IND(168): CLIENT_REQUEST;
    /// END_TASK_IND (169): reports a task ended.
    EndTaskInd = END_TASK_IND(169): CLIENT_REQUEST;
    /// AGENT_MADE_NOT_ROUTABLE_EVENT (170): reports an agent made not routable.
    AgentMadeNotRoutableEvent = AGENT_MADE_NOT_ROUTABLE_EVENT(170);
    /// AGENT_INTERRUPT_ADVISORY_EVENT (171): advises that an agent's task is interrupted.
    AgentInterruptAdvisoryEvent = AGENT_INTERRUPT_ADVISORY_EVENT(171);
    /// AGENT_INTERRUPT_ACCEPTED_IND (172): accepts an interrupt.
    AgentInterruptAcceptedInd = AGENT_INTERRUPT_ACCEPTED_IND(172): CLIENT_REQUEST;
    /// AGENT_INTERRUPT_UNACCEPTED_IND (173): refuses an interrupt.
    AgentInterruptUnacceptedInd = AGENT_INTERRUPT_UNACCEPTED_IND(173): CLIENT_REQUEST;
    /// AGENT_INTERRUPT_DONE_ADVISORY_EVENT (174): advises that an interrupt is over.
    AgentInterruptDoneAdvisoryEvent = AGENT_INTERRUPT_DONE_ADVISORY_EVENT(174);
    /// AGENT_INTERRUPT_DONE_ACCEPTED_IND (175): acknowledges the end of an interrupt.
    AgentInterruptDoneAcceptedInd = AGENT_INTERRUPT_DONE_ACCEPTED_IND(175): CLIENT_REQUEST;
    /// CHANGE_MAX_TASK_LIMIT_REQ (176): changes an agent's task limit.
    ChangeMaxTaskLimitReq = CHANGE_MAX_TASK_LIMIT_REQ(176): CLIENT_REQUEST;
    /// CHANGE_MAX_TASK_LIMIT_RESP (177): answers CHANGE_MAX_TASK_LIMIT_REQ.
    ChangeMaxTaskLimitResp = CHANGE_MAX_TASK_LIMIT_RESP(177);
    /// OVERRIDE_LIMIT_REQ (178): overrides an agent's task limit.
    OverrideLimitReq = OVERRIDE_LIMIT_REQ(178): CLIENT_REQUEST;
    /// OVERRIDE_LIMIT_RESP (179): answers OVERRIDE_LIMIT_REQ.
    OverrideLimitResp = OVERRIDE_LIMIT_RESP(179);
    /// UPDATE_TASK_CONTEXT_IND (180): updates a task's context.
    UpdateTaskContextInd = UPDATE_TASK_CONTEXT_IND(180): CLIENT_REQUEST;
    /// BEGIN_AGENT_INIT_IND (181): starts the initial agent state report.
    BeginAgentInitInd = BEGIN_AGENT_INIT_IND(181): CLIENT_REQUEST;
    /// AGENT_INIT_REQ (182): reports one agent's initial state.
    AgentInitReq = AGENT_INIT_REQ(182): CLIENT_REQUEST;
    /// AGENT_INIT_RESP (183): answers AGENT_INIT_REQ.
    AgentInitResp = AGENT_INIT_RESP(183);
    /// END_AGENT_INIT_IND (184): ends the initial agent state report.
    EndAgentInitInd = END_AGENT_INIT_IND(184): CLIENT_REQUEST;
    /// TASK_INIT_IND (185): reports one task's initial state.
    TaskInitInd = TASK_INIT_IND(185): CLIENT_REQUEST;
    /// AGENT_INIT_READY_EVENT (186): tells the client to start the initial agent report.
    AgentInitReadyEvent = AGENT_INIT_READY_EVENT(186);
    /// GET_PRECALL_MESSAGES_REQ (187): asks for pending pre-call messages.
    GetPrecallMessagesReq = GET_PRECALL_MESSAGES_REQ(187): CLIENT_REQUEST;
    /// GET_PRECALL_MESSAGES_RESP (188): answers GET_PRECALL_MESSAGES_REQ.
    GetPrecallMessagesResp = GET_PRECALL_MESSAGES_RESP(188);
    /// AGENT_LEGACY_PRE_CALL_EVENT (189): announces a task routed to an agent (legacy form).
    AgentLegacyPreCallEvent = AGENT_LEGACY_PRE_CALL_EVENT(189);
    /// FAILURE_RESP (190): is the failure answer to an agent reporting request.
    FailureResp = FAILURE_RESP(190);
    /// BEGIN_TASK_EVENT (191): reports a task entering the system.
    BeginTaskEvent = BEGIN_TASK_EVENT(191);
    /// QUEUED_TASK_EVENT (192): reports a task queued.
    QueuedTaskEvent = QUEUED_TASK_EVENT(192);
    /// DEQUEUED_TASK_EVENT (193): reports a task leaving a queue.
    DequeuedTaskEvent = DEQUEUED_TASK_EVENT(193);
    /// OFFER_TASK_EVENT (194): reports a task offered to an agent.
    OfferTaskEvent = OFFER_TASK_EVENT(194);
    /// START_TASK_EVENT (195): reports a task started.
    StartTaskEvent = START_TASK_EVENT(195);
    /// PAUSE_TASK_EVENT (196): reports a task paused.
    PauseTaskEvent = PAUSE_TASK_EVENT(196);
    /// RESUME_TASK_EVENT (197): reports a task resumed.
    ResumeTaskEvent = RESUME_TASK_EVENT(197);
    /// WRAPUP_TASK_EVENT (198): reports a task in wrap-up.
    WrapupTaskEvent = WRAPUP_TASK_EVENT(198);
    /// END_TASK_EVENT (199): reports a task ended.
    EndTaskEvent = END_TASK_EVENT(199);
    /// TASK_DATA_UPDATE_EVENT (200): reports a task's data changed.
    TaskDataUpdateEvent = TASK_DATA_UPDATE_EVENT(200);
    /// TASK_MONITOR_START_REQ (201): starts a task monitor.
    TaskMonitorStartReq = TASK_MONITOR_START_REQ(201): CLIENT_REQUEST;
    /// TASK_MONITOR_START_CONF (202): answers TASK_MONITOR_START_REQ.
    TaskMonitorStartConf = TASK_MONITOR_START_CONF(202);
    /// TASK_MONITOR_STOP_REQ (203): stops a task monitor.
    TaskMonitorStopReq = TASK_MONITOR_STOP_REQ(203): CLIENT_REQUEST;
    /// TASK_MONITOR_STOP_CONF (204): answers TASK_MONITOR_STOP_REQ.
    TaskMonitorStopConf = TASK_MONITOR_STOP_CONF(204);
    /// CHANGE_TASK_MONITOR_MASK_REQ (205): changes a task monitor's mask.
    ChangeTaskMonitorMaskReq = CHANGE_TASK_MONITOR_MASK_REQ(205): CLIENT_REQUEST;
    /// CHANGE_TASK_MONITOR_MASK_CONF (206): answers CHANGE_TASK_MONITOR_MASK_REQ.
    ChangeTaskMonitorMaskConf = CHANGE_TASK_MONITOR_MASK_CONF(206);
    /// MAX_TASK_LIFETIME_EXCEEDED_EVENT (207): reports a task ended for exceeding its lifetime.
    MaxTaskLifetimeExceededEvent = MAX_TASK_LIFETIME_EXCEEDED_EVENT(207);
    /// SET_APP_PATH_DATA_IND (208): sets the application path data of the session.
    SetAppPathDataInd = SET_APP_PATH_DATA_IND(208): CLIENT_REQUEST;
    /// TASK_INIT_REQ (209): reports one task's initial state, with an answer.
    TaskInitReq = TASK_INIT_REQ(209): CLIENT_REQUEST;
    /// TASK_INIT_RESP (210): answers TASK_INIT_REQ.
    TaskInitResp = TASK_INIT_RESP(210);
}
