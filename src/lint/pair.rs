//! The fit of an IdP's metadata with an SP's: can the IdP post a Response the SP accepts, and can
//! the SP send an AuthnRequest the IdP accepts? ACS endpoints and bindings (and the ACS the IdP
//! is configured to post to), entityIDs and the configured audience, NameID formats both sides
//! accept, and request/assertion signing each side wants against what the other can sign.

use super::{verdict, PairReport};
use crate::codes::Code;
use crate::finding::{Finding, Sink};
use crate::trust::metadata::{Descriptor, Metadata};

const POST: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
const REDIRECT: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const UNSPECIFIED: &str = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";

/// What else is known of the connection (from flags or the config).
#[derive(Debug, Clone, Default)]
pub struct Expected<'a> {
    /// The audience the IdP application issues (`audience`).
    pub audience: &'a [String],
    /// The ACS URL the IdP application posts to (`acs`).
    pub acs: &'a [String],
}

/// Pairs the IdP metadata `idp` (from `idp_file`) with the SP metadata `sp` (from `sp_file`).
pub fn pair(
    (idp_file, idp): (&str, &Metadata),
    (sp_file, sp): (&str, &Metadata),
    expected: &Expected,
) -> PairReport {
    let mut sink = Sink::default();
    check(idp, sp, expected, &mut sink);
    let findings = sink.into_sorted();
    PairReport {
        idp_file: idp_file.to_string(),
        sp_file: sp_file.to_string(),
        idp_entity_id: idp.entity_id.clone(),
        sp_entity_id: sp.entity_id.clone(),
        verdict: verdict(&findings),
        findings,
    }
}

fn check(idp_md: &Metadata, sp_md: &Metadata, expected: &Expected, sink: &mut Sink) {
    let (Some(idp), Some(sp)) = (&idp_md.idp, &sp_md.sp) else {
        sink.push(Finding::new(
            Code::PairRoles,
            format!(
                "the first file must hold an IDPSSODescriptor and the second an SPSSODescriptor (found {} and {})",
                roles(idp_md),
                roles(sp_md)
            ),
        ));
        return;
    };
    entity_ids(idp_md, sp_md, expected, sink);
    acs(sp, expected, sink);
    sso(idp, sink);
    name_id_formats(idp, sp, sink);
    signing(idp, sp, sink);
}

/// Entity IDs and the audience the IdP issues.
fn entity_ids(idp_md: &Metadata, sp_md: &Metadata, expected: &Expected, sink: &mut Sink) {
    match sp_md.entity_id.as_deref().map(str::trim) {
        None | Some("") => {}
        Some(e) if Some(e) == idp_md.entity_id.as_deref().map(str::trim) => sink.push(Finding::new(
            Code::PairEntityId,
            format!("the IdP and the SP have the same entityID {e:?}: the IdP metadata was probably uploaded where the SP's belongs"),
        )),
        Some(e) => {
            if let Some(a) = expected.audience.iter().find(|a| crate::xml::text::trim_xml(a) != e) {
                sink.push(
                    Finding::new(
                        Code::PairEntityId,
                        format!("the IdP application issues audience {a:?} but the SP's entityID is {e:?}"),
                    )
                    .hint(format!("set the IdP application's Audience / Identifier (Entity ID) to exactly {e}")),
                );
            }
        }
    }
}

/// Where and how the IdP posts the Response.
fn acs(sp: &Descriptor, expected: &Expected, sink: &mut Sink) {
    let posts: Vec<&str> = sp
        .endpoints
        .iter()
        .filter(|e| e.binding.as_deref() == Some(POST))
        .map(|e| e.location.as_str())
        .collect();
    if posts.is_empty() {
        let listed: Vec<String> = sp
            .endpoints
            .iter()
            .map(|e| {
                format!(
                    "{} ({})",
                    e.location,
                    e.binding.as_deref().unwrap_or("no binding")
                )
            })
            .collect();
        sink.push(
            Finding::new(
                Code::PairAcsBinding,
                format!(
                    "the SP lists no AssertionConsumerService with the HTTP-POST binding, the one IdPs post Responses with (listed: {})",
                    if listed.is_empty() { "none".to_string() } else { listed.join(", ") }
                ),
            )
            .at(sp.line, "/EntityDescriptor/SPSSODescriptor"),
        );
    }
    for acs in expected.acs {
        if !sp
            .endpoints
            .iter()
            .any(|e| e.location == crate::xml::text::trim_xml(acs))
        {
            sink.push(
                Finding::new(
                    Code::PairAcsMismatch,
                    format!(
                        "the IdP application posts to {acs:?}, which is none of the SP's AssertionConsumerService URLs ({})",
                        sp.endpoints.iter().map(|e| e.location.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                )
                .hint("copy the SP's ACS URL exactly into the IdP application (Reply URL / ACS URL / Single sign-on URL)"),
            );
        }
    }
}

/// How the SP sends the AuthnRequest.
fn sso(idp: &Descriptor, sink: &mut Sink) {
    let sso_ok = idp
        .endpoints
        .iter()
        .any(|e| matches!(e.binding.as_deref(), Some(REDIRECT | POST)));
    if !sso_ok && !idp.endpoints.is_empty() {
        sink.push(
            Finding::new(
                Code::PairSsoBinding,
                "the IdP offers no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding, which SPs send AuthnRequests with",
            )
            .at(idp.line, "/EntityDescriptor/IDPSSODescriptor"),
        );
    }
}

/// NameID formats both sides accept.
fn name_id_formats(idp: &Descriptor, sp: &Descriptor, sink: &mut Sink) {
    let (i, s) = (&idp.name_id_formats, &sp.name_id_formats);
    let open = |v: &Vec<String>| v.is_empty() || v.iter().any(|f| f == UNSPECIFIED);
    if !open(i) && !open(s) && !s.iter().any(|f| i.contains(f)) {
        sink.push(
            Finding::new(
                Code::PairNameidFormat,
                format!(
                    "no NameID format both accept: the IdP offers {} and the SP asks for {}",
                    i.join(", "),
                    s.join(", ")
                ),
            )
            .hint("an SP that sends NameIDPolicy with its format gets status InvalidNameIDPolicy; configure the IdP application's NameID format to one the SP lists"),
        );
    }
}

/// Signing each side wants against what the other can sign.
fn signing(idp: &Descriptor, sp: &Descriptor, sink: &mut Sink) {
    if idp.want_authn_requests_signed && !sp.authn_requests_signed {
        sink.push(Finding::new(
            Code::PairAuthnRequestsUnsigned,
            "the IdP wants signed AuthnRequests (WantAuthnRequestsSigned=\"true\") but the SP does not sign them (AuthnRequestsSigned is not \"true\")",
        ));
    }
    if (idp.want_authn_requests_signed || sp.authn_requests_signed) && sp.signing_certs.is_empty() {
        sink.push(Finding::new(
            Code::PairAuthnRequestsUnsigned,
            "AuthnRequests are to be signed but the SP metadata has no signing certificate for the IdP to verify them with",
        ));
    }
    if sp.want_assertions_signed {
        sink.push(Finding::new(
            Code::PairAssertionsSigned,
            "the SP wants signed Assertions (WantAssertionsSigned=\"true\"): the IdP application must sign the Assertion, not only the Response",
        ));
    }
}

fn roles(md: &Metadata) -> &'static str {
    match (md.idp.is_some(), md.sp.is_some()) {
        (true, true) => "IdP+SP",
        (true, false) => "IdP",
        (false, true) => "SP",
        (false, false) => "neither",
    }
}
