//! The `cti-top` wallboard: a live [`cti_proto::model::Model`] of a CTI session drawn with
//! ratatui. Kept apart from the binary so the layout's words (the summary lines a person or a
//! test reads) live in one place.
//!
//! The screen, top to bottom: a status line (server, session state, how many messages folded);
//! the summary `Agents N: STATE n, …` and `Calls N`; the agents (AgentID, extension, state,
//! time in state, skill groups); the calls in progress (ConnectionCallID, state, time, type,
//! ANI, DNIS, parties with their connection states, call variables); per skill group counts.

use cti_proto::model::{Call, CallState, Model, StateCounts};
use cti_proto::wire::codes::AgentState;
use cti_proto::Instant;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};
use ratatui::Frame;

/// The wallboard's model: room for a large peripheral's agents and calls. About 600 KB: keep
/// it boxed.
pub type TopModel = Model<512, 128, 64, 8>;

/// Every agent state the spec names (§5.10), in its numeric order.
pub const STATES: [AgentState; 15] = [
    AgentState::LOGIN,
    AgentState::LOGOUT,
    AgentState::NOT_READY,
    AgentState::AVAILABLE,
    AgentState::TALKING,
    AgentState::WORK_NOT_READY,
    AgentState::WORK_READY,
    AgentState::BUSY_OTHER,
    AgentState::RESERVED,
    AgentState::UNKNOWN,
    AgentState::HOLD,
    AgentState::ACTIVE,
    AgentState::PAUSED,
    AgentState::INTERRUPTED,
    AgentState::NOT_ACTIVE,
];

/// A state's short name: `AVAILABLE` for AGENT_STATE_AVAILABLE.
pub fn state_name(state: AgentState) -> String {
    let full = state.to_string();
    full.strip_prefix("AGENT_STATE_")
        .map_or(full.clone(), str::to_string)
}

/// `Agents N: STATE n, …` over every agent the model knows, states with no agent left out.
pub fn agents_line<const A: usize, const C: usize, const G: usize, const E: usize>(
    model: &Model<A, C, G, E>,
) -> String {
    let parts: Vec<String> = STATES
        .iter()
        .filter_map(|&s| {
            let n = model.count_in(s);
            (n > 0).then(|| format!("{} {n}", state_name(s)))
        })
        .collect();
    format!("Agents {}: {}", model.agents().count(), parts.join(", "))
}

/// `Calls N` (calls in progress), then how many are in each call state.
pub fn calls_line<const A: usize, const C: usize, const G: usize, const E: usize>(
    model: &Model<A, C, G, E>,
) -> String {
    let mut by_state: Vec<(CallState, usize)> = Vec::new();
    for call in model.calls() {
        match by_state.iter_mut().find(|(s, _)| *s == call.state) {
            Some((_, n)) => *n += 1,
            None => by_state.push((call.state, 1)),
        }
    }
    let parts: Vec<String> = by_state.iter().map(|(s, n)| format!("{s:?} {n}")).collect();
    format!("Calls {}: {}", model.call_count(), parts.join(", "))
}

/// A duration as `m:ss` (or `h:mm:ss`).
pub fn clock(d: std::time::Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A call's parties: `2001 CONNECT, 5551234 CONNECT`.
fn parties<const E: usize>(call: &Call<E>) -> String {
    call.parties()
        .iter()
        .map(|p| {
            let state = p.state.to_string();
            let state = state.strip_prefix("LCS_").unwrap_or(&state).to_string();
            format!("{} {state}", text(p.device_id.as_bytes()))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A call's non-empty call variables: `v1=… v3=…`, then its ECC variables.
fn variables<const E: usize>(call: &Call<E>) -> String {
    let mut out: Vec<String> = (1..=10)
        .filter_map(|n| {
            let v = call.call_variable(n)?;
            (!v.is_empty()).then(|| format!("v{n}={}", text(v.as_bytes())))
        })
        .collect();
    for nv in call.named_values() {
        let name = text(nv.name.as_bytes());
        match nv.index {
            Some(i) => out.push(format!("{name}[{i}]={}", text(nv.value.as_bytes()))),
            None => out.push(format!("{name}={}", text(nv.value.as_bytes()))),
        }
    }
    out.join(" ")
}

/// One skill group's counts: `LOGIN 0` style parts for the states with agents.
fn group_counts(counts: &StateCounts) -> String {
    STATES
        .iter()
        .filter_map(|&s| {
            let n = counts.get(s);
            (n > 0).then(|| format!("{} {n}", state_name(s)))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Draws the wallboard for `model` at `now`, under the status line `status`.
pub fn draw<const A: usize, const C: usize, const G: usize, const E: usize>(
    frame: &mut Frame<'_>,
    model: &Model<A, C, G, E>,
    now: Instant,
    status: &str,
) {
    let area = frame.area();
    let [head, agents_area, calls_area, groups_area] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Percentage(45),
        Constraint::Percentage(35),
        Constraint::Min(4),
    ])
    .areas(area);

    let bold = Style::default().add_modifier(Modifier::BOLD);
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(format!("cti-top  {status}   (q quits)"), bold),
            Line::raw(agents_line(model)),
            Line::raw(calls_line(model)),
        ]),
        head,
    );

    let mut agents: Vec<_> = model.agents().map(|(_, a)| a).collect();
    agents.sort_by_key(|a| (a.state.0, std::cmp::Reverse(a.time_in_state(now))));
    let rows = agents.iter().map(|a| {
        let groups = a
            .skill_groups()
            .iter()
            .map(|g| g.number.to_string())
            .collect::<Vec<_>>()
            .join(",");
        Row::new(vec![
            text(a.agent_id.as_bytes()),
            text(a.extension.as_bytes()),
            state_name(a.state),
            clock(a.time_in_state(now)),
            groups,
        ])
    });
    frame.render_widget(
        Table::new(
            rows,
            [
                Constraint::Length(12),
                Constraint::Length(10),
                Constraint::Length(16),
                Constraint::Length(8),
                Constraint::Min(6),
            ],
        )
        .header(Row::new(["Agent", "Ext", "State", "In state", "Groups"]).style(bold))
        .block(Block::default().borders(Borders::TOP).title("Agents")),
        agents_area,
    );

    let mut calls: Vec<_> = model.calls().collect();
    calls.sort_by_key(|c| c.started);
    let rows = calls.iter().map(|c| {
        let call_type = c.call_type.to_string();
        let call_type = call_type
            .strip_prefix("CALLTYPE_")
            .unwrap_or(&call_type)
            .to_string();
        Row::new(vec![
            c.key.call_id.to_string(),
            format!("{:?}", c.state),
            clock(c.time_in_state(now)),
            call_type,
            text(c.ani.as_bytes()),
            text(c.dnis.as_bytes()),
            parties(c),
            variables(c),
        ])
    });
    frame.render_widget(
        Table::new(
            rows,
            [
                Constraint::Length(10),
                Constraint::Length(10),
                Constraint::Length(7),
                Constraint::Length(10),
                Constraint::Length(10),
                Constraint::Length(6),
                Constraint::Length(34),
                Constraint::Min(10),
            ],
        )
        .header(
            Row::new([
                "CallID",
                "State",
                "Time",
                "Type",
                "ANI",
                "DNIS",
                "Parties",
                "Variables",
            ])
            .style(bold),
        )
        .block(Block::default().borders(Borders::TOP).title("Calls")),
        calls_area,
    );

    let mut groups: Vec<_> = model.skill_groups().collect();
    groups.sort_by_key(|g| (g.peripheral_id, g.number));
    let rows = groups.iter().map(|g| {
        let counts = model.skill_group_counts(g.peripheral_id, g.number);
        Row::new(vec![
            g.number.to_string(),
            counts.map_or(0, |c| c.logged_in()).to_string(),
            counts.as_ref().map(group_counts).unwrap_or_default(),
        ])
    });
    frame.render_widget(
        Table::new(
            rows,
            [
                Constraint::Length(8),
                Constraint::Length(10),
                Constraint::Min(10),
            ],
        )
        .header(Row::new(["Group", "Logged in", "By state"]).style(bold))
        .block(Block::default().borders(Borders::TOP).title("Skill groups")),
        groups_area,
    );
}
