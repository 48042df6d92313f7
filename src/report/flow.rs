//! The sign-ins a capture records, as report data: the JSON `flows` (every message of a capture
//! carries its capture's sign-ins and its own place in them), and the time line the human and
//! HTML reports open with. A capture (a HAR, a SAML-tracer export) of one sign-in reads SP page →
//! AuthnRequest to the IdP → the IdP's pages → the Response POSTed to the ACS → the SP's answer;
//! each of those is a hop, and the sign-in broke at the first hop that failed (an IdP error page,
//! a Response or request that fails its checks, the SP refusing the Response) — the question a
//! support engineer asks first. Built once, after every judgement of the run (replays included),
//! from the reports themselves.

use serde::Serialize;

use crate::check::Severity;
use crate::codes::Code;
use crate::input::exchange::Exchange;
use crate::report::{Report, Verdict};

/// One sign-in (or logout) a capture records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowReport {
    /// Its position in the capture, from 1.
    pub index: usize,
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
    pub message: Option<&'static str>,
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
}

/// One hop as every renderer shows it (the outline; renderers only mark it up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
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
    pub fn lines(&self) -> Vec<Line> {
        self.hops
            .iter()
            .enumerate()
            .map(|(k, h)| Line {
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
        None => {}
    }
    if let Some(e) = &h.idp_error {
        parts.push(format!("IdP error {e}"));
    }
    parts.join(" · ")
}

/// Fills `flows` and `flow` of the reports of one input that a capture recorded (those with an
/// HTTP exchange); other reports are left alone.
pub fn assemble(reports: &mut [Report]) {
    let captured: Vec<usize> = (0..reports.len())
        .filter(|&i| reports[i].http.is_some())
        .collect();
    if captured.is_empty() {
        return;
    }
    let (sp, idp) = hosts(reports, &captured);
    let party = |url: &str| match host(url) {
        Some(h) if sp.iter().any(|s| s == h) => Party::Sp,
        Some(h) if idp.iter().any(|s| s == h) => Party::Idp,
        _ => Party::Other,
    };
    let mut flows: Vec<FlowReport> = Vec::new();
    let mut places = Vec::new();
    for (n, &i) in captured.iter().enumerate() {
        let r = &reports[i];
        if n == 0 || starts_new(r, flows.last()) {
            flows.push(FlowReport {
                index: flows.len() + 1,
                verdict: FlowVerdict::Pass,
                broken_hop: None,
                cause: None,
                cause_message: None,
                hops: Vec::new(),
            });
        }
        let Some(flow) = flows.last_mut() else {
            continue;
        };
        if n == 0 {
            for x in r.earlier.iter().filter(|x| worth_showing(x)) {
                flow.hops.push(page(x, party(&x.url)));
            }
        }
        if let Some(x) = &r.http {
            let mut hop = page(x, party(&x.url));
            hop.message = r.message;
            hop.message_index = Some(i + 1);
            hop.label = Some(r.hop_label());
            hop.verdict = Some(r.verdict);
            hop.saml_status = r
                .status
                .as_ref()
                .and_then(|s| s.code.as_deref())
                .filter(|_| r.message == Some("response"))
                .map(|c| c.rsplit(':').next().unwrap_or(c).to_string());
            flow.hops.push(hop);
            places.push((
                i,
                FlowPlace {
                    sign_in: flow.index,
                    hop: flow.hops.len(),
                },
            ));
            judge(flow, r);
        }
        for x in r.later.iter().filter(|x| worth_showing(x)) {
            flow.hops.push(page(x, party(&x.url)));
        }
    }
    for f in flows.iter_mut() {
        if f.broken_hop.is_none() {
            f.broken_hop = f.hops.iter().position(|h| h.idp_error.is_some()).map(|p| {
                f.cause = Some(Code::IdpErrorPage);
                p + 1
            });
        }
        if f.cause == Some(Code::FlowNoResponse) {
            f.broken_hop = Some(f.hops.len());
        }
        f.verdict = match f.cause {
            None => FlowVerdict::Pass,
            Some(Code::FlowNoResponse) => FlowVerdict::Incomplete,
            Some(_) => FlowVerdict::Fail,
        };
    }
    for (i, place) in places {
        reports[i].flow = Some(place);
        reports[i].flows = flows.clone();
    }
}

/// Marks the flow broken at the hop just added when its message failed: at an IdP error page
/// before it, if the capture shows one; at the last hop when the sign-in never got an answer.
fn judge(flow: &mut FlowReport, r: &Report) {
    if flow.broken_hop.is_some() {
        return;
    }
    let first = r
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error && r.verdict != Verdict::Pass)
        .or_else(|| r.findings.iter().find(|f| f.code == Code::FlowNoResponse));
    let Some(first) = first else {
        return;
    };
    let at = match first.code {
        Code::IdpErrorPage => flow.hops.iter().position(|h| h.idp_error.is_some()),
        _ => None,
    }
    .map_or(flow.hops.len(), |p| p + 1);
    flow.broken_hop = Some(at);
    flow.cause = Some(first.code);
    flow.cause_message = Some(first.message.clone());
}

/// Whether a message opens a new sign-in: a second AuthnRequest, a second Response, a logout.
fn starts_new(r: &Report, current: Option<&FlowReport>) -> bool {
    let Some(flow) = current else {
        return true;
    };
    let has = |kind: &str| flow.hops.iter().any(|h| h.message == Some(kind));
    let any = flow.hops.iter().any(|h| h.message.is_some());
    match r.message {
        Some("authn_request" | "logout_request") => any,
        Some("response") => has("response") || has("logout_request"),
        _ => false,
    }
}

/// A page or redirect worth a line: a redirect, an error, an HTML page, a recognised IdP error
/// (not the scripts, styles and images a page loads).
fn worth_showing(x: &Exchange) -> bool {
    x.status >= 300 || x.title.is_some() || idp_error(x).is_some()
}

fn page(x: &Exchange, party: Party) -> Hop {
    Hop {
        time: x.started.clone(),
        party,
        method: x.method.clone(),
        url: crate::input::short_url(&x.url),
        status: x.status,
        location: x.location.as_deref().map(shown),
        title: x.title.clone(),
        message: None,
        message_index: None,
        label: None,
        verdict: None,
        saml_status: None,
        idp_error: idp_error(x),
    }
}

/// A redirect target as shown: whole (its query names the error, `?error=user_not_provisioned`)
/// unless it carries a SAML message, then without its query; at most 300 characters.
fn shown(url: &str) -> String {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let saml = ["SAMLRequest=", "SAMLResponse=", "SAMLart=", "wresult="]
        .iter()
        .any(|p| query.contains(p));
    if saml {
        return crate::input::short_url(url);
    }
    match url.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &url[..at]),
        None => url.to_string(),
    }
}

fn idp_error(x: &Exchange) -> Option<String> {
    crate::idp::errors::recognise(&x.evidence)
        .map(|e| e.code.to_string())
        .or_else(|| crate::idp::errors::aadsts(&x.evidence))
}

/// The SP's and the IdP's hosts: the ACS a Response was posted to and the URLs the messages
/// name as the SP's (request ACS, Response Destination) are the SP; where an AuthnRequest was
/// sent is the IdP.
fn hosts(reports: &[Report], captured: &[usize]) -> (Vec<String>, Vec<String>) {
    let (mut sp, mut idp) = (Vec::new(), Vec::new());
    for &i in captured {
        let r = &reports[i];
        let Some(x) = &r.http else { continue };
        let to = host(&x.url).map(str::to_string);
        match r.message {
            Some("response" | "logout_response") => sp.extend(to.clone()),
            Some("authn_request" | "logout_request") => idp.extend(to.clone()),
            _ => {}
        }
        if let Some(req) = &r.request {
            sp.extend(req.acs_url.as_deref().and_then(host).map(str::to_string));
        }
        if r.message == Some("response") {
            sp.extend(r.destination.as_deref().and_then(host).map(str::to_string));
        }
        // The page that redirected the browser to the IdP with the request is the SP's.
        if r.message == Some("authn_request") {
            let before = r.earlier.last().and_then(|e| host(&e.url));
            if before.is_some() && before != to.as_deref() {
                sp.extend(before.map(str::to_string));
            }
        }
    }
    idp.retain(|h| !sp.contains(h));
    (sp, idp)
}

fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest)).filter(|h| !h.is_empty())
}
