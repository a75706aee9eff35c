//! Routing through the CTI Server (spec §2, 211–215): a client registers as a routing client and
//! answers route requests.
//!
//! ⚠ No source at hand gives their v15 layouts, so each is a known, named type whose body is
//! kept whole.

use super::message::opaque;

opaque! {
    /// ROUTE_REGISTER_EVENT (211): registers the client as a routing client for dialed numbers.
    RouteRegisterEvent = ROUTE_REGISTER_EVENT(211): CLIENT_REQUEST;
    /// ROUTE_REGISTER_REPLY_EVENT (212): answers ROUTE_REGISTER_EVENT.
    RouteRegisterReplyEvent = ROUTE_REGISTER_REPLY_EVENT(212);
    /// ROUTE_REQUEST_EVENT (213): asks the routing client for a route.
    RouteRequestEvent = ROUTE_REQUEST_EVENT(213);
    /// ROUTE_SELECT (214): gives the route (ROUTE_SELECT_EVENT in later guides).
    RouteSelect = ROUTE_SELECT(214): CLIENT_REQUEST;
    /// ROUTE_END (215): ends a routing dialogue (ROUTE_END_EVENT in later guides).
    RouteEnd = ROUTE_END(215): CLIENT_REQUEST;
}
