//! Assembles a capture's sign-ins from its messages' reports: which hops (pages, redirects,
//! the messages' own exchanges) belong to which sign-in, who served each hop, and where each
//! sign-in broke. The types it fills are the report's (`report::flow`); the logic is here.

use crate::check::Severity;
use crate::codes::Code;
use crate::input::exchange::Exchange;
use crate::input::host_of as host;
use crate::report::flow::{FlowKind, FlowPlace, FlowReport, FlowVerdict, Hop, Party, UNANSWERED};
use crate::report::{Report, Verdict};
use crate::xml::model::MessageKind;

/// Fills `flows` and `flow` of the reports of one input that a capture recorded (those with an
/// HTTP exchange); other reports are left alone.
pub fn assemble(reports: &mut [Report]) {
    let captured: Vec<usize> = (0..reports.len())
        .filter(|&i| reports[i].http.is_some())
        .collect();
    if captured.is_empty() {
        return;
    }
    // Each flow as hops, each hop with the report it carried (when it carried one).
    let mut flows: Vec<Vec<(Hop, Option<usize>)>> = Vec::new();
    // The HAR entries already shown, so a page is one hop however many messages it carried.
    let mut seen: Vec<usize> = Vec::new();
    let mut push = |hops: &mut Vec<(Hop, Option<usize>)>, x: &Exchange, msg: Option<usize>| {
        push_hop(hops, &mut seen, x, msg)
    };
    for (n, &i) in captured.iter().enumerate() {
        let r = &reports[i];
        let opens = n == 0 || starts_new(r, flows.last().map(Vec::as_slice), reports);
        if opens {
            let mut hops = Vec::new();
            if let Some(prev) = flows.last_mut() {
                hops = trailing(prev);
            }
            flows.push(hops);
        }
        let Some(hops) = flows.last_mut() else {
            continue;
        };
        for x in r.earlier.iter().filter(|x| worth_showing(x)) {
            push(hops, x, None);
        }
        if let Some(x) = &r.http {
            push(hops, x, Some(i));
        }
        // After a Response, its answer chain; later pages are the user's next steps.
        let later = if r.message == Some(MessageKind::Response) {
            crate::input::exchange::answer_chain(r.http.as_ref(), &r.later)
        } else {
            &r.later
        };
        for x in later.iter().filter(|x| worth_showing(x)) {
            push(hops, x, None);
        }
    }
    let flows: Vec<FlowReport> = flows
        .into_iter()
        .enumerate()
        .map(|(k, hops)| finish(k + 1, hops, reports))
        .collect();
    // Each sign-in is carried once, by the first message in it; every message carries its
    // place (sign-in, hop, number). One copy per sign-in keeps output and memory linear in the
    // capture's size; renderers gather a capture's sign-ins back ([`of_capture`]).
    for f in flows {
        let mut first = None;
        for (h, hop) in f.hops.iter().enumerate() {
            if let Some(m) = hop.message_index {
                reports[m - 1].flow = Some(FlowPlace {
                    sign_in: f.index,
                    hop: h + 1,
                    message: m,
                });
                first.get_or_insert(m);
            }
        }
        if let Some(m) = first {
            reports[m - 1].flows = vec![f];
        }
    }
}

/// Adds the exchange `x` (carrying report `msg`, if any) to a flow's hops, once per HAR entry: a
/// message the page of an entry already shown carried (an auto-submit form) is a hop of its own
/// right after that page's.
fn push_hop(
    hops: &mut Vec<(Hop, Option<usize>)>,
    seen: &mut Vec<usize>,
    x: &Exchange,
    msg: Option<usize>,
) {
    if let Some(k) = x.index {
        if seen.contains(&k) {
            let at = hops.iter().position(|h| h.0.entry == Some(k));
            if let (Some(m), Some(at)) = (msg, at) {
                let mut form = hops[at].0.clone();
                form.entry = None;
                form.method = "FORM".into();
                form.status = 0;
                form.location = None;
                form.title = None;
                form.idp_error = None;
                hops.insert(at + 1, (form, Some(m)));
            }
            return;
        }
        seen.push(k);
    }
    hops.push((page(x), msg));
}

/// The hops at the end of a flow that belong to the next one: after the last message's answer
/// chain (the redirects it started), the pages that lead to the next AuthnRequest.
fn trailing(prev: &mut Vec<(Hop, Option<usize>)>) -> Vec<(Hop, Option<usize>)> {
    let Some(last) = prev.iter().rposition(|h| h.1.is_some()) else {
        return Vec::new();
    };
    use crate::input::without_query as base;
    let mut end = last + 1;
    while end < prev.len() {
        let follows = prev[end - 1]
            .0
            .location
            .as_deref()
            .is_some_and(|l| base(l) == base(&prev[end].0.url));
        if !follows {
            break;
        }
        end += 1;
    }
    prev.split_off(end)
}

/// A flow's report: the messages' details on their hops, who served each hop, where it broke.
fn finish(index: usize, hops: Vec<(Hop, Option<usize>)>, reports: &[Report]) -> FlowReport {
    let logout = hops.iter().find_map(|h| h.1).is_some_and(|m| {
        matches!(
            reports[m].message,
            Some(MessageKind::LogoutRequest | MessageKind::LogoutResponse)
        )
    });
    let mut f = FlowReport {
        index,
        kind: if logout {
            FlowKind::Logout
        } else {
            FlowKind::SignIn
        },
        verdict: FlowVerdict::Pass,
        broken_hop: None,
        cause: None,
        cause_message: None,
        hops: Vec::with_capacity(hops.len()),
    };
    let roles = roles(&hops, reports);
    for (k, (mut hop, msg)) in hops.into_iter().enumerate() {
        hop.party = roles[k];
        if let Some(m) = msg {
            let r = &reports[m];
            hop.message = r.message;
            hop.message_index = Some(m + 1);
            hop.label = Some(r.hop_label());
            hop.verdict = Some(r.verdict);
            hop.saml_status = r
                .status
                .as_ref()
                .and_then(|s| s.code.as_deref())
                .filter(|_| r.message == Some(MessageKind::Response))
                .map(|c| c.rsplit(':').next().unwrap_or(c).to_string());
        }
        f.hops.push(hop);
        if let Some(m) = msg {
            judge(&mut f, &reports[m]);
        }
    }
    // An IdP error page is the hop that shows it.
    let error_page = f.hops.iter().position(|h| h.idp_error.is_some());
    if let (None | Some(Code::IdpErrorPage), Some(p)) = (f.cause, error_page) {
        f.broken_hop = Some(p + 1);
        f.cause = Some(Code::IdpErrorPage);
    }
    // A sign-in whose request nothing in it answered (its answer, if any, came in a later
    // sign-in) did not complete, whatever its hops say.
    let holds = |k: MessageKind| f.hops.iter().any(|h| h.message == Some(k));
    if f.cause.is_none()
        && f.kind == FlowKind::SignIn
        && holds(MessageKind::AuthnRequest)
        && !holds(MessageKind::Response)
    {
        f.cause = Some(Code::FlowNoResponse);
        f.cause_message = Some(UNANSWERED.into());
    }
    if f.cause == Some(Code::FlowNoResponse) {
        f.broken_hop = Some(f.hops.len());
    }
    f.verdict = match f.cause {
        None => FlowVerdict::Pass,
        Some(Code::FlowNoResponse | Code::FlowNoSpAnswer) => FlowVerdict::Incomplete,
        Some(_) => FlowVerdict::Fail,
    };
    f
}

/// Marks the flow broken at the hop just added when its message failed (or, with a warning that
/// the capture ends early, incomplete there).
fn judge(flow: &mut FlowReport, r: &Report) {
    if flow.broken_hop.is_some() {
        return;
    }
    let first = r
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error && r.verdict.fails())
        .or_else(|| {
            r.findings
                .iter()
                .find(|f| matches!(f.code, Code::FlowNoResponse | Code::FlowNoSpAnswer))
        });
    if let Some(first) = first {
        flow.broken_hop = Some(flow.hops.len());
        flow.cause = Some(first.code);
        flow.cause_message = Some(first.message.clone());
    } else if r.verdict == Verdict::InputError {
        // The IdP answered (or the browser posted) a message nobody can read: the sign-in broke
        // here, whatever follows.
        flow.broken_hop = Some(flow.hops.len());
        flow.cause = Some(Code::FlowMessageUnreadable);
        flow.cause_message = r.error.as_ref().map(|e| e.message.clone());
    }
}

/// Who served each hop. What the messages say comes first: a hop carrying an AuthnRequest or a
/// LogoutRequest to the IdP is the IdP's, a Response POSTed to the ACS is the SP's, and the page
/// before that POST (the IdP's auto-submit form) is the IdP's. Other hops go by host, when the
/// host is only the SP's or only the IdP's.
fn roles(hops: &[(Hop, Option<usize>)], reports: &[Report]) -> Vec<Party> {
    let mut roles = vec![Party::Other; hops.len()];
    for (k, (hop, msg)) in hops.iter().enumerate() {
        let Some(r) = msg.map(|m| &reports[m]) else {
            continue;
        };
        let form = r.decoding.contains(&crate::input::Step::HtmlForm);
        match (r.message, form) {
            (_, true) => roles[k] = Party::Idp,
            (Some(MessageKind::AuthnRequest), _) => roles[k] = Party::Idp,
            (Some(MessageKind::Response), _) if hop.method == "POST" => {
                roles[k] = Party::Sp;
                if k > 0 && hops[k - 1].1.is_none() && host(&hops[k - 1].0.url) != host(&hop.url) {
                    roles[k - 1] = Party::Idp;
                }
            }
            _ => {}
        }
    }
    // URLs the messages name as the SP's: the ACS a request asks for, a Response's Destination.
    use crate::input::without_query as base;
    let sp_urls: Vec<String> = hops
        .iter()
        .filter_map(|h| h.1)
        .flat_map(|m| {
            let r = &reports[m];
            let acs = r.request.as_ref().and_then(|q| q.acs_url.clone());
            let dest = r
                .destination
                .clone()
                .filter(|_| r.message == Some(MessageKind::Response));
            acs.into_iter().chain(dest)
        })
        .map(|u| base(&u).to_string())
        .collect();
    for (k, (hop, _)) in hops.iter().enumerate() {
        if roles[k] == Party::Other && sp_urls.iter().any(|u| u == base(&hop.url)) {
            roles[k] = Party::Sp;
        }
    }
    let hosts = |p: Party| -> Vec<&str> {
        hops.iter()
            .zip(&roles)
            .filter(|(_, r)| **r == p)
            .filter_map(|(h, _)| host(&h.0.url))
            .collect()
    };
    let (sp, idp) = (hosts(Party::Sp), hosts(Party::Idp));
    for (k, (hop, _)) in hops.iter().enumerate() {
        if roles[k] != Party::Other {
            continue;
        }
        let h = host(&hop.url);
        let (is_sp, is_idp) = (
            h.is_some_and(|h| sp.contains(&h)),
            h.is_some_and(|h| idp.contains(&h)),
        );
        roles[k] = match (is_sp, is_idp) {
            (true, false) => Party::Sp,
            (false, true) => Party::Idp,
            _ => Party::Other,
        };
    }
    // The SP's redirect that sent the request: the hop whose Location is the request's URL.
    for k in 1..hops.len() {
        if roles[k] == Party::Idp
            && hops[k].1.is_some()
            && roles[k - 1] == Party::Other
            && hops[k - 1].0.location.is_some()
        {
            roles[k - 1] = Party::Sp;
        }
    }
    roles
}

/// Whether a message opens a new sign-in: a second AuthnRequest, a second Response, a logout.
fn starts_new(r: &Report, current: Option<&[(Hop, Option<usize>)]>, reports: &[Report]) -> bool {
    let Some(hops) = current else {
        return true;
    };
    let kinds: Vec<Option<MessageKind>> = hops
        .iter()
        .filter_map(|h| h.1)
        .map(|m| reports[m].message)
        .collect();
    let has = |kind: MessageKind| kinds.contains(&Some(kind));
    // The same AuthnRequest again (Okta and Google send the browser back to the SSO URL with it
    // after their login pages) continues the sign-in it opened, unless that was answered.
    let repeated = r.message == Some(MessageKind::AuthnRequest)
        && r.message_id.is_some()
        && !has(MessageKind::Response)
        && hops.iter().filter_map(|h| h.1).any(|m| {
            reports[m].message == Some(MessageKind::AuthnRequest)
                && reports[m].message_id == r.message_id
        });
    if repeated {
        return false;
    }
    // An IdP proxy (a broker such as Keycloak or an Entra B2C policy in front of another IdP):
    // a request the flow's last hop sent the browser on with (its redirect, or its page's
    // auto-submit form) while nothing has answered yet is the proxy's own hop of this sign-in;
    // a Response that names a request of this flow nothing has answered yet is that request's
    // answer.
    // The last hop of the redirect chain that starts at the flow's last message, when the
    // chain runs to the end of the flow (pages the user opened after it break the chain).
    let last = hops.iter().rposition(|h| h.1.is_some()).and_then(|k| {
        let chained = hops[k + 1..].iter().enumerate().all(|(j, h)| {
            hops[k + j].0.location.as_deref().is_some_and(|loc| {
                crate::input::without_query(loc) == crate::input::without_query(&h.0.url)
            })
        });
        chained.then(|| &hops[hops.len() - 1].0)
    });
    let onward = r.http.as_ref().is_some_and(|x| {
        last.is_some_and(|l| {
            (x.index.is_some()
                && x.index == l.entry
                && r.decoding.contains(&crate::input::Step::HtmlForm))
                || l.location.as_deref().is_some_and(|loc| {
                    crate::input::without_query(loc) == crate::input::without_query(&x.url)
                })
        })
    });
    if r.message == Some(MessageKind::AuthnRequest) && onward && !has(MessageKind::Response) {
        return false;
    }
    let requests: Vec<&Report> = hops
        .iter()
        .filter_map(|h| h.1)
        .map(|m| &reports[m])
        .filter(|q| q.message == Some(MessageKind::AuthnRequest))
        .collect();
    let unanswered = |id: &str| {
        requests.iter().any(|q| q.message_id.as_deref() == Some(id))
            && !hops.iter().filter_map(|h| h.1).any(|m| {
                reports[m].message == Some(MessageKind::Response)
                    && reports[m].in_response_to.as_deref() == Some(id)
            })
    };
    if r.message == Some(MessageKind::Response)
        && requests.len() > 1
        && r.in_response_to.as_deref().is_some_and(unanswered)
    {
        return false;
    }
    match r.message {
        Some(MessageKind::AuthnRequest | MessageKind::LogoutRequest) => !kinds.is_empty(),
        Some(MessageKind::Response) => {
            has(MessageKind::Response) || has(MessageKind::LogoutRequest)
        }
        // A LogoutResponse answers a LogoutRequest in its flow; on its own it is a logout.
        Some(MessageKind::LogoutResponse) => !has(MessageKind::LogoutRequest),
        _ => false,
    }
}

/// A page or redirect worth a line: a redirect, an error, an HTML page, a recognised IdP error
/// (not the scripts, styles and images a page loads).
fn worth_showing(x: &Exchange) -> bool {
    x.status >= 300 || x.title.is_some() || idp_error(x).is_some()
}

fn page(x: &Exchange) -> Hop {
    Hop {
        entry: x.index,
        time: x.started.clone(),
        party: Party::Other,
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
    let saml = crate::input::FORM_PARAMS.iter().any(|p| query.contains(p));
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
