//! The SAML model: what a message says, read from the libxml2 tree, with the line of each part.
//!
//! Nothing here is trusted by itself; `authenticated` decisions are made by the signature layer
//! against the node identities recorded here.

use serde::Serialize;

use crate::trust::cert::CertInfo;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    Response,
    AuthnRequest,
    LogoutRequest,
    LogoutResponse,
    /// A SAML 1.1 Assertion (WS-Federation token) on its own: the root is what is consumed.
    Saml11Assertion,
}

impl MessageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::Response => "response",
            MessageKind::AuthnRequest => "authn_request",
            MessageKind::LogoutRequest => "logout_request",
            MessageKind::LogoutResponse => "logout_response",
            MessageKind::Saml11Assertion => "saml11_assertion",
        }
    }

    /// The message's own name, for findings ("the AuthnRequest").
    pub fn title(self) -> &'static str {
        match self {
            MessageKind::Response => "Response",
            MessageKind::AuthnRequest => "AuthnRequest",
            MessageKind::LogoutRequest => "LogoutRequest",
            MessageKind::LogoutResponse => "LogoutResponse",
            MessageKind::Saml11Assertion => "SAML 1.1 Assertion",
        }
    }

    /// Messages whose root signature is all that can authenticate them (requests, logout).
    pub fn is_protocol_only(self) -> bool {
        matches!(
            self,
            MessageKind::AuthnRequest | MessageKind::LogoutRequest | MessageKind::LogoutResponse
        )
    }
}

/// The identity of one libxml2 element within its document (its address while the document
/// lives): how the trust stage names what a signature covers. Never a line number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub usize);

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Status {
    pub code: Option<String>,
    pub second_level: Option<String>,
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameId {
    pub value: String,
    pub format: Option<String>,
    pub sp_name_qualifier: Option<String>,
    pub name_qualifier: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectConfirmation {
    pub method: Option<String>,
    pub recipient: Option<String>,
    pub not_before: Option<String>,
    pub not_on_or_after: Option<String>,
    pub in_response_to: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    pub name_id: Option<NameId>,
    /// The subject is an EncryptedID this tool cannot read without the SP key.
    pub encrypted_id: bool,
    pub confirmations: Vec<SubjectConfirmation>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditions {
    pub not_before: Option<String>,
    pub not_on_or_after: Option<String>,
    /// Every Audience of every AudienceRestriction, in order (what the report shows).
    pub audiences: Vec<String>,
    /// The Audiences of each AudienceRestriction: each must hold (SAML core §2.5.1.4).
    pub restrictions: Vec<Vec<String>>,
    /// Conditions this reader does not know (name, line): Indeterminate (core §2.5.1.1).
    pub unknown: Vec<(String, usize)>,
    pub one_time_use: bool,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthnStatement {
    pub authn_instant: Option<String>,
    pub session_index: Option<String>,
    pub session_not_on_or_after: Option<String>,
    pub context_class_ref: Option<String>,
    /// An AuthnContext element is present (core §2.7.2 requires one).
    pub has_authn_context: bool,
    /// It names a class (ClassRef), a declaration or a DeclRef.
    pub authn_context_filled: bool,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Attribute {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub friendly_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_format: Option<String>,
    pub values: Vec<String>,
    #[serde(skip)]
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttributeStatement {
    pub attributes: Vec<Attribute>,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assertion {
    pub id: Option<String>,
    pub version: Option<String>,
    pub issuer_format: Option<String>,
    pub line: usize,
    pub path: String,
    pub issuer: Option<String>,
    pub issue_instant: Option<String>,
    pub subject: Option<Subject>,
    pub conditions: Option<Conditions>,
    pub authn_statements: Vec<AuthnStatement>,
    pub attribute_statements: Vec<AttributeStatement>,
    /// Came out of an EncryptedAssertion decrypted with the SP key.
    pub decrypted: bool,
    /// Identity of the libxml2 node.
    pub node: NodeId,
}

impl Assertion {
    /// All attributes of all statements, in document order.
    pub fn attributes(&self) -> impl Iterator<Item = &Attribute> {
        self.attribute_statements
            .iter()
            .flat_map(|s| s.attributes.iter())
    }
}

/// Where a `ds:Signature` sits and what it claims to sign.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignatureInfo {
    pub line: usize,
    /// Path of the element the Signature sits in.
    pub parent_path: String,
    /// Identity of the element the Signature sits in.
    pub parent_node: NodeId,
    /// The parent's `ID` attribute.
    pub parent_id: Option<String>,
    pub signed_info_count: usize,
    pub reference_uris: Vec<Option<String>>,
    pub c14n_algorithm: Option<String>,
    pub signature_algorithm: Option<String>,
    pub digest_algorithm: Option<String>,
    pub transforms: Vec<String>,
    /// The SignatureValue text (base64, whitespace kept).
    pub signature_value: Option<String>,
    /// Certificates in KeyInfo (never trusted).
    pub embedded_certs: Vec<CertInfo>,
    /// Undecodable X509Certificate text, if any.
    pub embedded_cert_error: Option<String>,
    /// Identity of the Signature node.
    pub node: NodeId,
    /// Only an Issuer precedes it among its siblings (the schema position in Response and Assertion).
    pub schema_position: bool,
    /// Names of the elements inside its `ds:Object` children (SAML signatures carry none).
    pub object_content: Vec<String>,
}

/// AuthnRequest basics.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RequestInfo {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acs_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol_binding: Option<String>,
    /// AssertionConsumerServiceIndex: the ACS named by its index in the SP's metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acs_index: Option<String>,
    /// The ACS the index (or, with neither URL nor index, the default) names in `--sp-metadata`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acs_from_metadata: Option<AcsEndpoint>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_id_policy_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force_authn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_passive: Option<String>,
    /// LogoutRequest: the NameID being logged out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_index: Option<String>,
    /// AuthnRequest RequestedAuthnContext: its Comparison (default "exact") and class refs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requested_authn_context: Option<RequestedAuthnContext>,
}

/// An SP metadata AssertionConsumerService endpoint.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AcsEndpoint {
    pub index: Option<String>,
    pub location: String,
    pub binding: Option<String>,
}

/// What an AuthnRequest asks of the authentication (SAML core §3.3.2.2.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RequestedAuthnContext {
    pub comparison: String,
    pub class_refs: Vec<String>,
}

/// A comment found inside a text value (NameID, AttributeValue, Issuer …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextComment {
    pub path: String,
    pub line: usize,
    pub text: String,
}

/// One SAML protocol message as read from the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub kind: MessageKind,
    pub id: Option<String>,
    /// The attribute that holds IDs in this message kind (`ID`, or `AssertionID` in SAML 1.1).
    pub id_attr: &'static str,
    pub version: Option<String>,
    pub root_node: NodeId,
    pub root_name: String,
    pub issuer: Option<String>,
    pub issuer_format: Option<String>,
    pub destination: Option<String>,
    pub in_response_to: Option<String>,
    pub issue_instant: Option<String>,
    pub status: Option<Status>,
    /// Assertions that are direct children of the Response (the candidates for consumption).
    pub assertions: Vec<Assertion>,
    /// (path, line, node) of every Assertion that is not a consumable one and not in the Advice
    /// of one (wrapping attacks hide them).
    pub hidden_assertions: Vec<(String, usize, NodeId)>,
    /// (path, line, node) of Assertions in the `<Advice>` of a consumable Assertion.
    pub advice_assertions: Vec<(String, usize, NodeId)>,
    pub encrypted_assertions: usize,
    /// (path, line, why) of each EncryptedAssertion that is not exactly one xenc:EncryptedData
    /// (optionally with EncryptedKeys): a plaintext Assertion inside one, or extra content.
    pub malformed_encrypted: Vec<(String, usize, String)>,
    pub signatures: Vec<SignatureInfo>,
    pub request: Option<RequestInfo>,
    pub comments: Vec<TextComment>,
    /// `ID` values that occur more than once.
    pub duplicate_ids: Vec<String>,
}

impl Message {
    /// The assertion a service provider would consume: the single direct-child Assertion.
    pub fn consumed(&self) -> Option<&Assertion> {
        match self.assertions.as_slice() {
            [a] => Some(a),
            _ => None,
        }
    }
}
