//! SAML metadata: entity IDs, signing certificates, SSO and ACS endpoints, validUntil.

use crate::xml::dom::Node;

use super::cert::CertInfo;
use crate::error::InputError;
use crate::input::Limits;
use crate::xml::dom::{self, attr, child, children, descendants, MD};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub binding: Option<String>,
    pub location: String,
    /// An indexed endpoint's `index` (AssertionConsumerService) and `isDefault`.
    pub index: Option<String>,
    pub is_default: Option<bool>,
    pub line: usize,
}

/// The default of indexed endpoints (SAML metadata §2.2.3): the first with isDefault="true",
/// else the first without isDefault="false", else the first.
pub fn default_endpoint(e: &[Endpoint]) -> Option<&Endpoint> {
    {
        e.iter()
            .find(|x| x.is_default == Some(true))
            .or_else(|| e.iter().find(|x| x.is_default.is_none()))
            .or_else(|| e.first())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Descriptor {
    /// Certificates of KeyDescriptors with use="signing" or no use.
    pub signing_certs: Vec<CertInfo>,
    pub encryption_certs: Vec<CertInfo>,
    /// SingleSignOnService (IdP) or AssertionConsumerService (SP).
    pub endpoints: Vec<Endpoint>,
    pub line: usize,
    /// SPSSODescriptor WantAssertionsSigned="true".
    pub want_assertions_signed: bool,
    /// SPSSODescriptor AuthnRequestsSigned="true".
    pub authn_requests_signed: bool,
    /// IDPSSODescriptor WantAuthnRequestsSigned="true".
    pub want_authn_requests_signed: bool,
    /// NameIDFormat elements, in document order.
    pub name_id_formats: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub entity_id: Option<String>,
    pub valid_until: Option<String>,
    pub idp: Option<Descriptor>,
    pub sp: Option<Descriptor>,
    /// Certificates that could not be decoded, with the reason.
    pub cert_errors: Vec<String>,
    pub signed: bool,
}

/// Parses a metadata document (EntityDescriptor or EntitiesDescriptor) with the same guard as messages.
pub fn parse(bytes: &[u8], limits: &Limits) -> Result<Metadata, InputError> {
    // `_doc` keeps the tree alive while `root` and its descendants are read.
    let (_doc, root) = dom::parse_guarded(bytes, limits)?;
    let entities: Vec<Node> = if dom::is(&root, MD, "EntityDescriptor") {
        vec![root.clone()]
    } else if dom::is(&root, MD, "EntitiesDescriptor") {
        descendants(&root, MD, "EntityDescriptor")
    } else {
        return Err(InputError::new(format!(
            "not SAML metadata: the root element is {} (expected md:EntityDescriptor)",
            root.get_name()
        )));
    };
    let mut md = Metadata {
        valid_until: attr(&root, "validUntil"),
        signed: child(&root, dom::DS, "Signature").is_some(),
        ..Default::default()
    };
    for e in &entities {
        if md.entity_id.is_none() {
            md.entity_id = attr(e, "entityID");
        }
        if md.valid_until.is_none() {
            md.valid_until = attr(e, "validUntil");
        }
        if let Some(d) = child(e, MD, "IDPSSODescriptor") {
            if md.idp.is_none() {
                md.idp = Some(descriptor(&d, "SingleSignOnService", &mut md.cert_errors));
            }
        }
        if let Some(d) = child(e, MD, "SPSSODescriptor") {
            if md.sp.is_none() {
                md.sp = Some(descriptor(
                    &d,
                    "AssertionConsumerService",
                    &mut md.cert_errors,
                ));
            }
        }
    }
    Ok(md)
}

/// An xs:boolean attribute that is true.
fn flag(d: &Node, name: &str) -> bool {
    matches!(attr(d, name).as_deref().map(str::trim), Some("true" | "1"))
}

fn descriptor(d: &Node, endpoint: &str, errors: &mut Vec<String>) -> Descriptor {
    let mut out = Descriptor {
        line: dom::line(d),
        want_assertions_signed: flag(d, "WantAssertionsSigned"),
        authn_requests_signed: flag(d, "AuthnRequestsSigned"),
        want_authn_requests_signed: flag(d, "WantAuthnRequestsSigned"),
        name_id_formats: children(d, MD, "NameIDFormat")
            .iter()
            .map(|n| crate::xml::text::trim_xml(&dom::text(n).0).to_string())
            .filter(|f| !f.is_empty())
            .collect(),
        ..Default::default()
    };
    for kd in children(d, MD, "KeyDescriptor") {
        let usage = attr(&kd, "use");
        for x in descendants(&kd, dom::DS, "X509Certificate") {
            match CertInfo::from_base64(&dom::text(&x).0) {
                Ok(c) => match usage.as_deref() {
                    Some("encryption") => out.encryption_certs.push(c),
                    Some("signing") => out.signing_certs.push(c),
                    _ => {
                        out.encryption_certs.push(c.clone());
                        out.signing_certs.push(c);
                    }
                },
                Err(e) => errors.push(format!("line {}: {e}", dom::line(&x))),
            }
        }
    }
    out.endpoints = children(d, MD, endpoint)
        .iter()
        .filter_map(|n| {
            Some(Endpoint {
                binding: attr(n, "Binding"),
                location: attr(n, "Location")?.trim().to_string(),
                index: attr(n, "index").map(|i| i.trim().to_string()),
                is_default: attr(n, "isDefault").map(|d| matches!(d.trim(), "true" | "1")),
                line: dom::line(n),
            })
        })
        .collect();
    out
}
