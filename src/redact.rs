//! `--redact`: every personal value in a report (and in decoded XML) replaced by a stable
//! pseudonym shaped like the original — an email stays email-shaped (`user1@redacted.invalid`),
//! a GUID stays a GUID, an IP address stays an IP (TEST-NET-1) — while what triage needs stays:
//! structure, attribute names and NameFormats, placeholders such as `${user:email}` (they are the
//! bug), empty values, issuer/audience/ACS URLs (hosts too unless `--redact-urls`), algorithms,
//! certificates and times. It runs after analysis, so verdicts and findings are the unredacted
//! run's; it is one pass over the model before any renderer, so no format can leak.

use std::collections::HashMap;

use crate::checks::email::resolution::{is_email, is_placeholder, Candidate, NearMiss};
use crate::finding::Finding;
use crate::input::exchange::Exchange;
use crate::report::flow::{FlowReport, Hop};
use crate::report::{
    ConditionsReport, EmailReport, ErrorReport, Report, SignatureReport, SubjectReport,
};
use crate::xml::model::{Attribute, RequestInfo, Status};

/// The pseudonyms of one run: the same value gets the same token everywhere.
#[derive(Debug, Default)]
pub struct Redactor {
    tokens: HashMap<String, String>,
    counts: HashMap<&'static str, usize>,
    /// Also mask hosts in URLs (issuer, destination, audience, ACS).
    pub urls: bool,
}

impl Redactor {
    pub fn new(urls: bool) -> Self {
        Self {
            urls,
            ..Default::default()
        }
    }

    fn next(&mut self, kind: &'static str) -> usize {
        let n = self.counts.entry(kind).or_insert(0);
        *n += 1;
        *n
    }

    /// The pseudonym of a personal value (placeholders and empty values are kept).
    pub fn value(&mut self, v: &str) -> String {
        let t = v.trim();
        if t.is_empty() || is_placeholder(t) {
            return v.to_string();
        }
        if t.starts_with("https://") || t.starts_with("http://") {
            // A URL (e.g. a RelayState deep link) is configuration, masked like the others; its
            // query values are personal (an invitation's email, a token).
            return self.query_values(t);
        }
        if let Some(tok) = self.tokens.get(t) {
            return tok.clone();
        }
        let tok = if is_email(t) {
            format!("user{}@redacted.invalid", self.next("email"))
        } else if crate::diff::shape(t) == "GUID" {
            format!("00000000-0000-4000-8000-{:012}", self.next("guid"))
        } else if t.parse::<std::net::IpAddr>().is_ok() {
            format!("192.0.2.{}", self.next("ip") % 255)
        } else {
            format!("redacted-{}", self.next("text"))
        };
        self.tokens.insert(t.to_string(), tok.clone());
        tok
    }

    /// A URL with its host masked when `--redact-urls` was given.
    pub fn url(&mut self, u: &str) -> String {
        if !self.urls {
            return u.to_string();
        }
        let Some((scheme, rest)) = u.split_once("://") else {
            return self.value(u);
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let host = &rest[..end];
        let tok = match self.tokens.get(host) {
            Some(t) => t.clone(),
            None => {
                let t = format!("host{}.redacted.invalid", self.next("host"));
                self.tokens.insert(host.to_string(), t.clone());
                t
            }
        };
        format!("{scheme}://{tok}{}", &rest[end..])
    }

    /// Replaces, in free text (finding messages, hints), every value already pseudonymised.
    pub fn text(&self, s: &str) -> String {
        let mut pairs: Vec<(&String, &String)> = self.tokens.iter().collect();
        pairs.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        let mut out = s.to_string();
        for (orig, tok) in pairs {
            if orig.len() >= 3 && out.contains(orig.as_str()) {
                out = out.replace(orig.as_str(), tok);
            }
            // As a finding quotes it (`{:?}`): quotes and backslashes escaped.
            let quoted = format!("{orig:?}");
            let escaped = &quoted[1..quoted.len() - 1];
            if escaped != orig.as_str() && out.contains(escaped) {
                out = out.replace(escaped, tok);
            }
        }
        out
    }

    /// Learns the pseudonyms of the links a report's capture recorded (URLs, redirects, the
    /// RelayState) without changing it: called for every report of an input before any is
    /// redacted, so text in one message that quotes another's URL is covered.
    pub fn learn(&mut self, r: &Report) {
        // The input's file name is the support ticket's (`ZD-4411 jane.doe@acme.com.har`): it
        // becomes `input1.har` everywhere it appears.
        let _ = self.origin(&r.origin);
        for x in r.http.iter().chain(&r.earlier).chain(&r.later) {
            let _ = self.link(&x.url);
            if let Some(l) = &x.location {
                let _ = self.link(l);
            }
        }
        for v in [&r.relay_state, &r.in_response_to, &r.message_id]
            .into_iter()
            .flatten()
        {
            let _ = self.value(v);
        }
        // The message's personal values, so a page title or URL elsewhere in the capture that
        // names the user is redacted with the same pseudonym.
        let subject = r.subject.as_ref().and_then(|s| s.name_id.as_ref());
        let email = r.email.iter().flat_map(|e| {
            e.value
                .iter()
                .chain(e.candidates.iter().filter_map(|c| c.value.as_ref()))
        });
        let attributes = r.attributes.iter().flat_map(|a| a.values.iter());
        let request = r
            .request
            .iter()
            .flat_map(|q| q.name_id.iter().chain(q.session_index.iter()));
        let values: Vec<String> = subject
            .into_iter()
            .chain(email)
            .chain(attributes)
            .chain(request)
            .cloned()
            .collect();
        for v in values {
            let _ = self.value(&v);
        }
    }

    /// Redacts a report in place. Every field of the report, and of each part that holds text
    /// from the input, is named here (no `..`): a field added anywhere does not compile until
    /// this pass says whether it is personal, so no new field can leak with every test green.
    pub fn report(&mut self, r: &mut Report) {
        let Report {
            // Structure, verdicts, codes, algorithms, certificates and times: not personal.
            schema: _,
            message: _,
            verdict: _,
            decoding: _,
            checks: _,
            judged: _,
            context_of_sign_in: _,
            issue_instant: _,
            idp: _,
            idp_basis: _,
            timeline: _,
            judged_at: _,
            time_basis: _,
            trusted_keys: _,
            assertion_decrypted: _,
            flow: _,
            authn_class: _,
            authn_instant: _,
            stacks: _,
            stack_decides: _,
            parameter: _,
            // An Assertion ID, for replay detection only (never rendered).
            assertion_id: _,
            // Personal values and the URLs the message names.
            subject,
            email,
            attributes,
            in_response_to,
            message_id,
            relay_state,
            request,
            status,
            issuer,
            destination,
            recipients,
            conditions,
            // What a capture recorded around the message.
            http,
            later,
            earlier,
            flows,
            // The message kept for a capture's SP settings: personal, and needed no more.
            stack_basis,
            // Free text (last: the values above registered the pseudonyms it quotes).
            origin,
            context,
            findings,
            signatures,
            error,
        } = r;
        *stack_basis = None;
        if let Some(SubjectReport {
            name_id,
            format: _,
            authenticated: _,
        }) = subject
        {
            self.opt(name_id);
        }
        if let Some(EmailReport {
            value,
            source: _,
            authenticated: _,
            candidates,
            elsewhere,
        }) = email
        {
            self.opt(value);
            for Candidate {
                value,
                source: _,
                present: _,
                verdict: _,
                line: _,
            } in candidates
            {
                self.opt(value);
            }
            for NearMiss {
                value,
                name: _,
                friendly_name: _,
                holds: _,
                line: _,
            } in elsewhere
            {
                *value = self.value(value);
            }
        }
        for Attribute {
            values,
            name: _,
            friendly_name: _,
            name_format: _,
            line: _,
        } in attributes
        {
            for v in values {
                *v = self.value(v);
            }
        }
        self.opt(in_response_to);
        self.opt(message_id);
        self.opt(relay_state);
        if let Some(RequestInfo {
            name_id,
            session_index,
            acs_url: _,
            protocol_binding: _,
            acs_index: _,
            acs_from_metadata: _,
            name_id_policy_format: _,
            force_authn: _,
            is_passive: _,
            requested_authn_context: _,
        }) = request
        {
            self.opt(name_id);
            self.opt(session_index);
        }
        if let Some(Status {
            message: Some(m),
            code: _,
            second_level: _,
        }) = status
        {
            *m = self.scrub(m);
        }
        for u in issuer
            .iter_mut()
            .chain(destination.iter_mut())
            .chain(recipients.iter_mut())
        {
            *u = self.url(u);
        }
        if let Some(ConditionsReport {
            audiences,
            not_before: _,
            not_on_or_after: _,
        }) = conditions
        {
            for a in audiences {
                *a = self.url(a);
            }
        }
        for x in http
            .iter_mut()
            .chain(later.iter_mut())
            .chain(earlier.iter_mut())
        {
            self.exchange(x);
        }
        // The hops first: their links register the pseudonyms the cause's message needs.
        for FlowReport {
            hops,
            cause_message,
            index: _,
            kind: _,
            verdict: _,
            broken_hop: _,
            cause: _,
        } in flows
        {
            for Hop {
                url,
                location,
                title,
                label,
                idp_error,
                entry: _,
                time: _,
                party: _,
                method: _,
                status: _,
                message: _,
                message_index: _,
                verdict: _,
                saml_status: _,
            } in hops
            {
                *url = self.link(url);
                *location = location.as_deref().map(|l| self.link(l));
                *title = title.as_deref().map(|t| self.scrub(t));
                *label = label.as_deref().map(|t| self.text(t));
                *idp_error = idp_error.as_deref().map(|t| self.scrub(t));
            }
            *cause_message = cause_message.as_deref().map(|m| self.scrub(m));
        }
        *origin = self.origin(origin);
        if let Some(c) = context {
            *c = self.scrub(c);
        }
        for Finding {
            message,
            hint,
            code: _,
            check: _,
            severity: _,
            location: _,
        } in findings
        {
            *message = self.scrub(message);
            if let Some(h) = hint {
                *h = self.scrub(h);
            }
        }
        for SignatureReport {
            detail,
            covers: _,
            reference: _,
            resolves_to: _,
            line: _,
            location: _,
            c14n_algorithm: _,
            signature_algorithm: _,
            digest_algorithm: _,
            transforms: _,
            result: _,
            key: _,
            embedded_cert: _,
            valid_under_embedded_cert: _,
        } in signatures
        {
            if let Some(d) = detail {
                *d = self.scrub(d);
            }
        }
        if let Some(ErrorReport { message, offset: _ }) = error {
            *message = self.scrub(message);
        }
    }

    fn opt(&mut self, v: &mut Option<String>) {
        if let Some(x) = v {
            *x = self.value(x);
        }
    }

    /// One recorded HTTP exchange: links, title, evidence text, cookie values.
    fn exchange(&mut self, x: &mut Exchange) {
        let Exchange {
            url,
            location,
            title,
            evidence,
            set_cookies,
            request_cookies,
            method: _,
            started: _,
            status: _,
            index: _,
        } = x;
        *url = self.link(url);
        *location = location.as_deref().map(|l| self.link(l));
        *title = title.as_deref().map(|t| self.scrub(t));
        *evidence = self.scrub(evidence);
        for c in set_cookies.iter_mut().chain(request_cookies.iter_mut()) {
            *c = match c.split_once('=') {
                Some((name, rest)) => {
                    let (value, attrs) = rest.split_once(';').unwrap_or((rest, ""));
                    let v = self.value(value);
                    if attrs.is_empty() {
                        format!("{name}={v}")
                    } else {
                        format!("{name}={v};{attrs}")
                    }
                }
                None => c.clone(),
            };
        }
    }

    /// The pseudonym of an input's path: its file name becomes `inputN.EXT` (the folders,
    /// which name tickets and customers too, are dropped); `stdin` and `argument` stay.
    fn origin(&mut self, origin: &str) -> String {
        if matches!(origin, "stdin" | "argument" | "") {
            return origin.to_string();
        }
        if let Some(t) = self.tokens.get(origin) {
            return t.clone();
        }
        let name = origin.rsplit(['/', '\\']).next().unwrap_or(origin);
        let ext = match name.rsplit_once('.') {
            Some((_, e)) if e.len() <= 8 && e.chars().all(|c| c.is_ascii_alphanumeric()) => {
                format!(".{e}")
            }
            _ => String::new(),
        };
        let tok = format!("input{}{ext}", self.next("input"));
        self.tokens.insert(origin.to_string(), tok.clone());
        if name != origin {
            self.tokens.insert(name.to_string(), tok.clone());
        }
        tok
    }

    /// A captured link: query values pseudonymised, then every value already pseudonymised (a
    /// RelayState path, an email) replaced wherever else it occurs in the URL.
    fn link(&mut self, url: &str) -> String {
        let q = self.query_values(url);
        // An email in the path (`/users/jane%40acme.com/`) too.
        self.scrub(&q)
    }

    /// A URL with every query parameter's value replaced by its pseudonym (RelayState, an email
    /// in a deep link, a session token); the host too with `--redact-urls`.
    pub fn query_values(&mut self, url: &str) -> String {
        let (rest, fragment) = match url.split_once('#') {
            Some((r, f)) => (r, Some(f)),
            None => (url, None),
        };
        let (base, query) = match rest.split_once('?') {
            Some((b, q)) => (b, Some(q)),
            None => (rest, None),
        };
        let mut out = self.url(base);
        if let Some(q) = query {
            out.push('?');
            out.push_str(&self.pairs(q));
        }
        if let Some(f) = fragment {
            out.push('#');
            // A fragment of `key=value` pairs (an SPA's route state) is redacted like a query.
            if f.contains('=') {
                out.push_str(&self.pairs(f));
            } else {
                out.push_str(&self.value(f));
            }
        }
        out
    }

    /// `k=v&k=v` with every value pseudonymised (error codes kept).
    fn pairs(&mut self, query: &str) -> String {
        let parts: Vec<String> = query
            .split('&')
            .map(|p| match p.split_once('=') {
                // An error code names the failure and nothing personal: it stays.
                Some((k, v)) if is_error_code(k, v) => p.to_string(),
                Some((k, v)) if !v.is_empty() => {
                    let decoded = crate::input::urlenc::percent_decode(&v.replace('+', "%20"))
                        .unwrap_or_else(|_| v.to_string());
                    let tok = self.value(&decoded);
                    // The encoded spelling too, for finding messages that quote the raw URL.
                    if v != decoded && v.len() >= 3 {
                        self.tokens.insert(v.to_string(), tok.clone());
                    }
                    format!("{k}={tok}")
                }
                _ => p.to_string(),
            })
            .collect();
        parts.join("&")
    }
}

/// A query parameter that carries an error code (`error=user_not_provisioned`,
/// `error_code=AADSTS50105`): a short token of letters, digits and `_.:-`, under an error key.
fn is_error_code(key: &str, value: &str) -> bool {
    let key = key.to_ascii_lowercase();
    [
        "error",
        "err",
        "error_code",
        "errorcode",
        "error_type",
        "reason",
    ]
    .contains(&key.as_str())
        && !value.is_empty()
        && value.len() <= 64
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.:-".contains(c))
}

impl Redactor {
    /// Free text with every value already pseudonymised replaced, and any other email address
    /// in it pseudonymised too (a page title or an SP's error text that names the user).
    pub fn scrub(&mut self, s: &str) -> String {
        let out = self.text(s);
        // Emails as written, and encoded as a URL (`%40`) or an HTML page (`&#64;`, `&#x40;`)
        // write them: each occurrence gets the pseudonym of the decoded address.
        let encoded_at = ["%40", "&#64;", "&#x40;", "&#X40;"];
        let emails: Vec<(String, String)> = out
            .split(|c: char| c.is_whitespace() || "\"'()<>[],=?/".contains(c))
            .flat_map(|w| w.split(['&', ';']).chain(std::iter::once(w)))
            .map(|w| w.trim_matches(|c: char| ".:".contains(c)))
            .filter_map(|w| {
                let decoded = encoded_at
                    .iter()
                    .fold(w.to_string(), |acc, e| acc.replace(e, "@"));
                (decoded.contains('@')
                    && is_email(&decoded)
                    && !decoded.ends_with("@redacted.invalid"))
                .then(|| (w.to_string(), decoded))
            })
            .collect();
        let mut out = out;
        for (written, decoded) in emails {
            let tok = self.value(&decoded);
            out = out.replace(&written, &tok);
        }
        out
    }

    /// The decoded XML with personal values replaced (signatures no longer verify, by design);
    /// the output still parses.
    pub fn xml(&mut self, xml: &[u8]) -> Result<Vec<u8>, crate::error::InputError> {
        let doc = crate::xml::dom::parse(xml)?;
        let Some(root) = doc.get_root_element() else {
            return Ok(xml.to_vec());
        };
        // Elements inside structured content already redacted with it: their text is not
        // redacted again (a pseudonym of a pseudonym).
        let mut covered = std::collections::HashSet::new();
        for n in crate::xml::dom::all_elements(&root) {
            let name = n.get_name();
            let leaf = n.get_child_elements().is_empty();
            let text_done = covered.contains(&crate::xml::dom::identity(&n));
            match name.as_str() {
                _ if text_done => {}
                "NameID" | "NameIdentifier" | "AttributeValue" | "SessionIndex" if leaf => {
                    let v = n.get_content();
                    let r = self.value(&v);
                    if r != v {
                        n.set_content(&r);
                    }
                }
                // Structured content (an AttributeValue holding elements, mixed text): every
                // piece of text below it, each pseudonymised on its own.
                "NameID" | "NameIdentifier" | "AttributeValue" | "SessionIndex" => {
                    n.replace_texts(|v| self.value(v));
                    covered.extend(
                        crate::xml::dom::all_elements(&n)
                            .iter()
                            .map(crate::xml::dom::identity),
                    );
                }
                "Issuer" | "Audience" if leaf && self.urls => {
                    let v = n.get_content();
                    n.set_content(&self.url(v.trim()));
                }
                _ => {}
            }
            // A request's ID comes back as the Response's InResponseTo: both get one pseudonym.
            if matches!(name.as_str(), "AuthnRequest" | "LogoutRequest") {
                n.replace_attributes("ID", |v| self.value(v));
            }
            // In any namespace: a reader matching local names would read a prefixed copy too.
            for attr in ["InResponseTo", "SessionIndex", "Address", "DNSName"] {
                n.replace_attributes(attr, |v| self.value(v));
            }
            if self.urls {
                for attr in [
                    "Destination",
                    "Recipient",
                    "Location",
                    "AssertionConsumerServiceURL",
                ] {
                    n.replace_attributes(attr, |v| self.url(v));
                }
            }
        }
        Ok(doc.serialize().into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text inside structured values is redacted, once, and a finding's escaped quote of a
    /// value is replaced like the value itself.
    #[test]
    fn structured_values_and_quoted_values_are_redacted() {
        let mut r = Redactor::new(false);
        let xml = br#"<a xmlns:s="urn:oasis:names:tc:SAML:2.0:assertion"><s:AttributeValue>NESTED<x>INNER</x>TAIL<s:NameID>jane@acme.example</s:NameID></s:AttributeValue><s:NameID>Alice "Al" Smith</s:NameID></a>"#;
        let out = String::from_utf8(r.xml(xml).unwrap()).unwrap();
        for secret in ["NESTED", "INNER", "TAIL", "jane@", "Alice", "Smith"] {
            assert!(!out.contains(secret), "{secret} in {out}");
        }
        assert!(out.contains("user1@redacted.invalid"), "{out}");
        assert!(!out.contains("user2@"), "one pseudonym per value: {out}");
        let finding = format!("NameID is {:?}", "Alice \"Al\" Smith");
        let scrubbed = r.scrub(&finding);
        assert!(!scrubbed.contains("Smith"), "{scrubbed}");
    }

    #[test]
    fn tokens_are_stable_and_shaped_like_the_value() {
        let mut r = Redactor::new(false);
        assert_eq!(r.value("alice@example.com"), "user1@redacted.invalid");
        assert_eq!(r.value("bob@example.com"), "user2@redacted.invalid");
        assert_eq!(r.value("alice@example.com"), "user1@redacted.invalid");
        assert_eq!(r.value("${user:email}"), "${user:email}");
        assert_eq!(r.value(""), "");
        assert_eq!(
            r.value("0c2a6f4e-5b1d-4a8e-9f3c-2d7e1b6a4c90"),
            "00000000-0000-4000-8000-000000000001"
        );
        assert_eq!(r.value("10.1.2.3"), "192.0.2.1");
        assert_eq!(r.value("Alice Example"), "redacted-1");
        assert_eq!(
            r.text("user alice@example.com denied"),
            "user user1@redacted.invalid denied"
        );
        assert_eq!(
            r.query_values("https://sp.example/deep?email=alice%40example.com&x="),
            "https://sp.example/deep?email=user1@redacted.invalid&x="
        );
        let mut u = Redactor::new(true);
        assert_eq!(
            u.url("https://idp.corp.example/saml?x=1"),
            "https://host1.redacted.invalid/saml?x=1"
        );
    }
}
