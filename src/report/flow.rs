//! The sign-ins a capture records, as report data: the JSON `flows` (every message of a capture
//! carries its capture's sign-ins and its own place in them), and the time line the human and
//! HTML reports open with. A capture (a HAR, a SAML-tracer export) of one sign-in reads SP page →
//! AuthnRequest to the IdP → the IdP's pages → the Response POSTed to the ACS → the SP's answer;
//! each of those is a hop, and the sign-in broke at the first hop that failed (an IdP error page,
//! a Response or request that fails its checks, the SP refusing the Response) — the question a
//! support engineer asks first. Only the types and how they read live here; `flow::assemble`
//! builds them once, after every judgement of the run (replays included), from the reports.

use serde::Serialize;

use crate::codes::Code;
use crate::report::{Report, Verdict};
use crate::xml::model::MessageKind;

/// One sign-in (or logout) a capture records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowReport {
    /// Its position in the capture, from 1.
    pub index: usize,
    /// `sign_in`, or `logout` when it opens with a logout message.
    pub kind: FlowKind,
    /// `pass` when no hop failed, `fail` when one did, `incomplete` when the capture ends
    /// before the IdP answered.
    pub verdict: FlowVerdict,
    /// The first hop that failed (from 1), when one did.
    pub broken_hop: Option<usize>,
    /// The finding that hop failed with first.
    pub cause: Option<Code>,
    /// That finding's message.
    pub cause_message: Option<String>,
    pub hops: Vec<Hop>,
}

/// What a flow is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowKind {
    SignIn,
    Logout,
}

impl FlowKind {
    pub fn title(self) -> &'static str {
        match self {
            FlowKind::SignIn => "Sign-in",
            FlowKind::Logout => "Logout",
        }
    }
}

/// How a sign-in ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowVerdict {
    Pass,
    Fail,
    Incomplete,
}

/// Who served a hop: the SP, the IdP, or a host the capture does not tie to either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Sp,
    Idp,
    Other,
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Sp => "SP",
            Party::Idp => "IdP",
            Party::Other => "",
        }
    }
}

/// One HTTP exchange of a sign-in: a SAML message's, or a page or redirect around them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// The HAR entry (not serialised: to show a page once).
    #[serde(skip)]
    pub entry: Option<usize>,
    /// When the capture recorded it.
    pub time: Option<String>,
    pub party: Party,
    pub method: String,
    /// The URL without its query string.
    pub url: String,
    /// The answer's status (0 when the capture has none).
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The SAML message the hop carried: its kind, its place among the capture's messages (from
    /// 1, what `--message` takes), how it reads as a hop and its verdict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<MessageKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// The SAML status of a Response (`Success`, `Requester`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saml_status: Option<String>,
    /// An IdP error the page or redirect was recognised as (`AADSTS50105`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idp_error: Option<String>,
}

/// A message's place in its capture's sign-ins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FlowPlace {
    /// The sign-in (`index` in `flows`).
    pub sign_in: usize,
    /// The hop that carried the message, from 1.
    pub hop: usize,
    /// The message's number among the capture's messages, from 1 (what `--message N` and
    /// `FILE#N` take).
    pub message: usize,
}

/// One hop as every renderer shows it (the outline; renderers only mark it up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HopLine {
    /// The hop the sign-in broke at.
    pub broken: bool,
    /// `HH:MM:SS` of the capture's time (empty when it has none).
    pub time: String,
    /// `SP`, `IdP` or empty.
    pub party: &'static str,
    pub method: String,
    pub url: String,
    /// The message and its verdict, or the IdP error the page shows (empty for a plain page).
    pub what: String,
    /// The answer: status and redirect target or page title (empty when the capture has none).
    pub answer: String,
}

impl FlowReport {
    /// The hops as lines.
    pub fn lines(&self) -> Vec<HopLine> {
        self.hops
            .iter()
            .enumerate()
            .map(|(k, h)| HopLine {
                broken: self.broken_hop == Some(k + 1),
                time: h
                    .time
                    .as_deref()
                    .and_then(|t| t.get(11..19))
                    .unwrap_or("")
                    .to_string(),
                party: h.party.as_str(),
                method: h.method.clone(),
                url: h.url.clone(),
                what: what(h),
                answer: match (h.status, &h.location, &h.title) {
                    (0, _, _) => String::new(),
                    (s, Some(l), _) => format!("{s} {l}"),
                    (s, None, Some(t)) => format!("{s} {t:?}"),
                    (s, None, None) => s.to_string(),
                },
            })
            .collect()
    }

    /// How the sign-in ended, in words: "completed", "broke at hop 3 (POST …): CODE",
    /// "incomplete: …".
    pub fn outcome(&self) -> String {
        let at = self
            .broken_hop
            .and_then(|n| self.hops.get(n - 1).map(|h| (n, h)))
            .map(|(n, h)| {
                let who = match h.party {
                    Party::Other => String::new(),
                    p => format!("{} ", p.as_str()),
                };
                format!("hop {n} ({who}{} {})", h.method, h.url)
            })
            .unwrap_or_default();
        let cause = self.cause.map(|c| c.as_str()).unwrap_or("");
        match self.verdict {
            FlowVerdict::Pass => "completed: no hop failed".to_string(),
            FlowVerdict::Incomplete if self.cause == Some(Code::FlowNoSpAnswer) => {
                format!("incomplete: the capture holds no answer to {at} ({cause})")
            }
            FlowVerdict::Incomplete if self.cause_message.as_deref() == Some(UNANSWERED) => {
                format!("incomplete: nothing in this sign-in answers {at} ({cause})")
            }
            FlowVerdict::Incomplete => {
                format!("incomplete: the capture ends at {at} before the IdP answered ({cause})")
            }
            FlowVerdict::Fail => format!("broke at {at}: {cause}"),
        }
    }
}

fn what(h: &Hop) -> String {
    let mut parts = Vec::new();
    if let Some(l) = &h.label {
        parts.push(l.clone());
    }
    if let Some(s) = &h.saml_status {
        parts.push(s.clone());
    }
    match h.verdict {
        Some(Verdict::Pass) => parts.push("ok".into()),
        Some(Verdict::Fail) => parts.push("problems".into()),
        Some(Verdict::InputError) => parts.push("unreadable".into()),
        Some(Verdict::Context) => parts.push("sent".into()),
        None => {}
    }
    if let Some(e) = &h.idp_error {
        parts.push(format!("IdP error {e}"));
    }
    parts.join(" · ")
}

/// Why a sign-in whose request a later sign-in's Response named is still incomplete.
pub(crate) const UNANSWERED: &str =
    "no Response in this sign-in answers its request (a later one names it): it did not complete";

/// The sign-ins of the capture `reports[0]` came from, gathered from its messages (the run of
/// reports with its origin), in order, each once.
pub fn of_capture(reports: &[Report]) -> Vec<&FlowReport> {
    let Some(first) = reports.first() else {
        return Vec::new();
    };
    let mut out: Vec<&FlowReport> = reports
        .iter()
        .take_while(|r| r.origin == first.origin)
        .flat_map(|r| r.flows.iter())
        .collect();
    out.sort_by_key(|f| f.index);
    out.dedup_by_key(|f| f.index);
    out
}
