//! The registry of finding codes: each code's check, default severity and its `explain` text.
//! Codes are a public API: add, never rename.

use crate::check::{Check, Severity};

/// Documentation of one finding code.
#[derive(Debug, Clone, Copy)]
pub struct CodeDoc {
    pub code: &'static str,
    pub check: Check,
    pub severity: Severity,
    pub title: &'static str,
    /// What it means, usual causes, and fixes.
    pub explain: &'static str,
}

macro_rules! codes {
    ($( $var:ident, $code:literal, $check:ident, $sev:ident, $title:literal, $explain:literal; )*) => {
        /// Every finding code: a finding can only be made with one of these (an unknown code does
        /// not compile). Serialised as its kebab-case spelling, the public API.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $var, )*
        }

        impl Code {
            /// Every code, in registry order (the order of [`CODES`]).
            pub const ALL: &'static [Code] = &[ $( Code::$var, )* ];

            /// The stable kebab-case spelling (JSON, SARIF rule IDs, `explain`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Code::$var => $code, )*
                }
            }
        }

        /// Every finding code, grouped by check.
        pub static CODES: &[CodeDoc] = &[
            $( CodeDoc { code: $code, check: Check::$check, severity: Severity::$sev, title: $title, explain: $explain }, )*
        ];
    };
}

impl Code {
    /// Its registry entry (check, default severity, explain text).
    pub fn doc(self) -> &'static CodeDoc {
        // The enum and the registry are generated from the same rows in the same order.
        &CODES[self as usize]
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

codes! {
    UrlSafeBase64, "url-safe-base64", Input, Info, "The message used the URL-safe base64 alphabet",
        "The capture used '-' and '_' instead of '+' and '/'. SAML bindings require standard base64; some proxies and copy tools rewrite it. samlcheck decoded it anyway.\nFix: if the SP rejects the message, check what re-encodes the form field between IdP and SP.";
    StatusNotSuccess, "status-not-success", Status, Error, "The IdP answered with a non-Success status",
        "The Response's top-level StatusCode is not urn:oasis:names:tc:SAML:2.0:status:Success, so it carries no usable assertion.\nCommon second-level codes: InvalidNameIDPolicy (the SP asked for a NameID format the IdP is not configured to send), AuthnFailed (the user failed to authenticate), RequestDenied (the user is not assigned to the application), NoPassive (IsPassive was set but the user has no session), RequestUnsupported, UnknownPrincipal.\nFix: read the StatusMessage, then align the SP's NameIDPolicy with the IdP's NameID format, or assign the user to the app.";
    StatusMissing, "status-missing", Status, Error, "The Response has no Status",
        "SAML core §3.2.2: a StatusResponseType message MUST carry a Status element; without one nothing says the request succeeded, and conforming SPs reject it.\nFix: a conforming IdP always sends <samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>; a hand-built one must add it.";
    SignatureMissing, "signature-missing", Signature, Error, "Nothing the SP consumes is signed",
        "Neither the Response nor the consumed Assertion carries a signature that verifies. An SP must reject such a message: anyone could have written it.\nFix: in the IdP, enable signing of the assertion (or the response, or both).";
    SignatureDigestMismatch, "signature-digest-mismatch", Signature, Error, "The signed content was changed after signing",
        "The Reference's DigestValue does not match the canonical form of the element it covers: the element was modified after the IdP signed it (an edit, a proxy rewriting whitespace or namespaces, or tampering).\nFix: capture the message unmodified; if the IdP itself produces it, its XML serialisation after signing is broken.";
    SignatureReindented, "signature-reindented", Signature, Error, "The message was re-indented after signing",
        "The digest fails on the message as given, but matches once the whitespace between elements is removed: an editor, a pretty-printer or `samlcheck decode` (which pretty-prints by default) reformatted it after signing. Whitespace is content to XML Signature, so the signature no longer verifies; nothing is authenticated.\nFix: check the raw capture: the SAMLResponse value as posted, a HAR, or `samlcheck decode --raw`.";
    SignatureValueMismatch, "signature-value-mismatch", Signature, Error, "The signature does not verify under the trusted key",
        "The SignedInfo digest is intact but the SignatureValue does not verify with any trusted certificate: the message was signed by a different key.\nFix: load the IdP's current metadata or certificate; if the IdP rotated its signing certificate, update it in the SP.";
    SignatureUntrustedKey, "signature-untrusted-key", Signature, Error, "Valid only under the certificate the message carries",
        "The signature verifies under the certificate embedded in the message's KeyInfo, but that certificate is not among the ones you trust. Either the IdP rotated its signing certificate and the SP still has the old one, or someone re-signed the message with their own key.\nFix: compare the embedded certificate's SHA-256 fingerprint with the IdP console; if it is the IdP's new certificate, upload it (or fresh IdP metadata) to the SP.";
    AssertionSignatureRequired, "assertion-signature-required", Signature, Error, "The SP wants the Assertion signed, and it is not",
        "The SP metadata says WantAssertionsSigned=\"true\", but only the Response is signed (or nothing is). Such an SP rejects the message even though the Response signature is valid.\nFix: enable assertion signing in the IdP application (or both response and assertion).";
    SignatureNotChecked, "signature-not-checked", Signature, Info, "Signatures were not verified",
        "No trusted certificate was given, so samlcheck could not check who signed the message. The anatomy and the embedded-certificate result are shown as information only.\nFix: pass --idp-metadata FILE or --cert FILE.";
    SignatureError, "signature-error", Signature, Error, "libxmlsec1 could not process the signature",
        "The signature is malformed or uses something libxmlsec1 refuses (an unknown algorithm, a missing element). The finding names libxmlsec1's reason.";
    SignatureEcdsaDer, "signature-ecdsa-der", Signature, Error, "The ECDSA SignatureValue is DER-encoded",
        "XML Signature (RFC 4050, RFC 6931) encodes an ECDSA signature as the raw concatenation r‖s. This one is an ASN.1 DER SEQUENCE of two INTEGERs, as Java's SHA256withECDSA or OpenSSL's default produce: libxmlsec1 and conforming SPs reject it even though the key is right.\nFix: the IdP's signing code must convert to r‖s (Java: SHA256withECDSAinP1363Format), or sign with RSA.";
    RedirectSignatureInvalid, "redirect-signature-invalid", Signature, Error, "The HTTP-Redirect binding signature does not verify",
        "For the HTTP-Redirect binding the signature covers the query string octets SAMLRequest/SAMLResponse, RelayState and SigAlg exactly as sent. A proxy that re-encodes the URL, or a wrong certificate, breaks it.\nFix: capture the URL exactly as the browser sent it and check the trusted certificate.";
    WrappingMultipleAssertions, "wrapping-multiple-assertions", Wrapping, Error, "The Response holds more than one Assertion",
        "A Response must carry exactly one Assertion (encrypted or not) for SSO. Extra assertions are the classic XML Signature Wrapping vector: the signature covers one while the SP reads another.";
    WrappingHiddenAssertion, "wrapping-hidden-assertion", Wrapping, Error, "An Assertion sits somewhere an SP should never read it",
        "An Assertion element appears outside the Response's direct children (in Extensions, inside a Signature's Object, nested in another Assertion). This is how XSW attacks hide the signed original next to a forged one.";
    WrappingDuplicateId, "wrapping-duplicate-id", Wrapping, Error, "Two elements share one ID",
        "ID values must be unique. With duplicates, a signature Reference can resolve to a different element than the one the SP reads.";
    WrappingReferenceTarget, "wrapping-reference-target", Wrapping, Error, "The signature covers an element the SP does not consume",
        "The Reference resolves to an element that is neither the Response root nor the single consumed Assertion, so a valid signature proves nothing about what the SP reads.";
    WrappingSignaturePlacement, "wrapping-signature-placement", Wrapping, Error, "The signature is not inside the element it signs",
        "An enveloped SAML signature must be a direct child of the element its Reference points to. A signature anywhere else is how wrapping attacks detach the signed content from what is processed.";
    SignaturePlacementUnusual, "signature-placement-unusual", Wrapping, Warning, "The signature is not in the schema position",
        "The Signature is a direct child of the element it signs, and that element is the Response or the consumed Assertion, but it is not where the schema puts it (SAML core §5.4.1 and the schemas of §2.3.3 and §3.2.1: right after the Issuer; in a SAML 1.1 Assertion, the last child). Auth0 and IdPs built on node-saml/xml-crypto or Perl's XML::Sig append it as the last child. The enveloped signature covers that whole element wherever it sits, so its position cannot change what the SP reads: this is no wrapping attack, and the signature counts. Most SP stacks accept it (gosaml2, crewjam/saml, node-saml, Spring Security/OpenSAML, Keycloak, Net::SAML2); stacks that validate the schema reject it (python3-saml, ruby-saml).\nA policy finding: `--deny signature-placement-unusual` (or `deny` in samlcheck.toml) makes samlcheck judge as those stacks do, and then the signature does not count.\nFix: if your SP validates the schema, have the IdP sign the Assertion too (Auth0 does by default) or place the signature after the Issuer.";
    SignatureObjectContent, "signature-object-content", Wrapping, Warning, "A signature carries content in ds:Object",
        "A SAML signature is enveloped: SignedInfo, SignatureValue, KeyInfo, nothing else. Content in a ds:Object inside it is not covered by the enveloped signature and is where XML Signature Wrapping attacks hide a forged NameID, attribute or Assertion (CVE-2012 XSW family; the SAML 1.1 variant of issue 18). samlcheck reads values only through the signed element's schema children and never from inside ds:Signature, so the report is unaffected; an SP that searches descendants may not be.\nFix: treat the message as manipulated unless the IdP is known to emit Objects; no mainstream IdP does.";
    AssertionInAdvice, "assertion-in-advice", Wrapping, Warning, "An Assertion sits in the Advice of the consumed Assertion",
        "SAML core §2.6.1 lets an Assertion carry other Assertions in <Advice> as evidence. The SP consumes the outer Assertion only; an Advice Assertion is never the sign-in, and its own signature is not evaluated.\nFix: nothing, unless your SP does not expect Advice; then ask the IdP to stop sending it.";
    WrappingReferenceUri, "wrapping-reference-uri", Wrapping, Error, "The Reference URI is not a same-document ID",
        "A SAML signature's Reference must name the element it sits in as URI=\"#ID\" (SAML core §5.4.2). URI=\"\" (the whole document) counts only on the document root's own signature, where it covers exactly that root (see signature-reference-whole-document); on any other signature it is refused, as are external URIs, XPointer expressions, a missing ID or an ID that resolves to more than one element.";
    SignatureReferenceWholeDocument, "signature-reference-whole-document", Wrapping, Warning, "The root's signature references the whole document (URI=\"\")",
        "The signature on the document root (a Response, or a SAML 1.1 Assertion) references URI=\"\": the whole document without comments (XML-DSig §4.3.3.3), which with the enveloped-signature transform is exactly the root it sits in. SAML core §5.4.2 asks for \"#\" plus the root's ID, but the coverage is the same, so the signature counts. Okta's test IdP and some Okta tenants emit it. ruby-saml, goxmldsig (gosaml2, crewjam/saml) and OpenSAML (Spring Security, Shibboleth SP) accept it; node-saml (passport-saml) and Sustainsys.Saml2 reject it.\nA policy finding: `--deny signature-reference-whole-document` judges as the stacks that reject it.\nFix: if your SP rejects it, have the IdP reference the signed element by its ID.";
    WrappingReferenceCount, "wrapping-reference-count", Wrapping, Error, "The signature has not exactly one SignedInfo and one Reference",
        "A SAML signature signs exactly one element. Several SignedInfo or Reference elements are refused because they let the signature vouch for more (or other) content than the SP reads.";
    WrappingTransform, "wrapping-transform", Wrapping, Error, "The signature uses a transform outside the allowed set",
        "Only enveloped-signature and (exclusive) canonicalisation transforms are accepted, at most two. XSLT, XPath and other transforms can make a signature cover something other than the visible content.";
    WrappingParserDisagreement, "wrapping-parser-disagreement", Wrapping, Error, "Two XML parsers disagree about the signed element",
        "samlcheck reads the signed element with libxml2 (as verified) and again with a second parser; they disagree on the NameID, so the message is ambiguous and is refused.";
    WrappingUncoveredIdentity, "wrapping-uncovered-identity", Wrapping, Error, "Identity-shaped content outside every verified signature",
        "An element an SP may read identity from (Assertion, EncryptedAssertion, Subject, NameID, NameIdentifier, BaseID, EncryptedID, Attribute, AttributeStatement, AttributeValue, AuthnStatement, Conditions, Audience, SubjectConfirmation: matched by local name, in any namespace) sits where no counted signature covers it: beside the signed Assertion, in the Response's Extensions or StatusDetail, in a foreign namespace, in a second EncryptedAssertion, or inside a ds:Signature (KeyInfo, Object), which the enveloped-signature transform removes from what is signed (XML-DSig §6.6.4). samlcheck reads only the signed element's schema children, but SP code that looks elements up by local name or with a descendant search (`//NameID`, getElementsByTagNameNS('*', …)) signs that value in: the XML Signature Wrapping family (Somorovsky et al., USENIX Security 2012; CVE-2012-6115, CVE-2017-11427 family). SAML core §5.4 and profiles §4.1.4.2-4.1.4.3 require the SP to act only on what the signature covers.\nFix: treat the message as manipulated: no IdP emits identity elements outside its signed Assertion or Response. If an IdP really does, its output is broken; report it to the vendor.";
    WrappingUnboundPrefix, "wrapping-unbound-prefix", Wrapping, Error, "A namespace prefix is bound to no namespace",
        "An element or attribute name uses a prefix (saml2:Assertion) that no xmlns declaration in scope binds. Namespaces in XML 1.0 §5 (\"Prefix Declared\") makes the document not namespace-well-formed: libxml2 accepts it with a warning and keeps the name in no namespace, other parsers refuse it, and an SP that matches local names or prefixes reads the element as SAML. Parsers disagreeing about what an element is is how wrapping attacks get past the signature check.\nFix: treat the message as manipulated; an IdP's serialiser never emits undeclared prefixes.";
    AlgorithmUnsupported, "algorithm-unsupported", Algorithm, Error, "The signature uses an algorithm libxmlsec1 does not implement",
        "The SignatureMethod or DigestMethod is a real algorithm (for example RSA-PSS, http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1) that this build's libxmlsec1 does not implement. The signature is reported as not_checked — unsupported is not invalid — but nothing it covers is authenticated, so verify cannot pass.\nFix: have the IdP sign with RSA-SHA256 (the SAML default everywhere), or check the message with a tool whose XML-DSig library implements the algorithm.";
    AlgorithmSha1, "algorithm-sha1", Algorithm, Warning, "SHA-1 is used for signing or digesting",
        "SHA-1 is deprecated for signatures. Many SPs still accept it, some reject it.\nFix: switch the IdP application's signing algorithm to RSA-SHA256 (Entra ID: Single sign-on > SAML Certificates > Signing Algorithm; ADFS: relying party trust > Advanced > Secure hash algorithm).";
    AlgorithmForbidden, "algorithm-forbidden", Algorithm, Error, "MD5 or HMAC is used",
        "MD5 digests and HMAC signatures are refused: MD5 is broken, and HMAC needs a shared secret, which is not how SAML IdPs sign.";
    CertificateExpired, "certificate-expired", Certificate, Error, "A trusted certificate has expired",
        "The certificate you trust (from metadata or --cert) is past its NotAfter date. Many SPs refuse it.\nFix: generate a new signing certificate in the IdP, make it active, and upload the new metadata to the SP.";
    CertificateNotYetValid, "certificate-not-yet-valid", Certificate, Error, "A trusted certificate is not valid yet",
        "The certificate you trust (from metadata or --cert) has a NotBefore later than the time judged (--now, or the message's IssueInstant with --at issue-instant): either the clock is wrong, the capture is older than the certificate, or the IdP signs with a certificate it has not activated yet.\nFix: check --now/--at; if the IdP staged a new certificate, keep the previous one trusted until it is activated.";
    CertificateExpiring, "certificate-expiring", Certificate, Warning, "A trusted certificate expires soon",
        "The certificate expires within the warning window (--min-days for metadata, 30 days otherwise).\nFix: create the next certificate now and give the SP both during the rollover.";
    BearerMissing, "bearer-missing", Subject, Error, "No bearer SubjectConfirmation",
        "The Web Browser SSO profile (SAML profiles §4.1.4.2) requires the Assertion's Subject to carry a SubjectConfirmation with Method urn:oasis:names:tc:SAML:2.0:cm:bearer. SPs reject an assertion without it.\nFix: the IdP application is probably not a SAML 2.0 Web SSO app (holder-of-key or sender-vouches configuration); use the standard SAML 2.0 app type.";
    BearerNoExpiry, "bearer-no-expiry", Time, Error, "The bearer confirmation has no NotOnOrAfter",
        "SAML profiles §4.1.4.2: the bearer SubjectConfirmationData must carry NotOnOrAfter, limiting how long the assertion can be presented. Without it, a captured assertion could be replayed indefinitely; conforming SPs reject it.\nFix: a conforming IdP always sets it; a custom or hand-built IdP must add NotOnOrAfter (a few minutes after IssueInstant).";
    BearerNoRecipient, "bearer-no-recipient", Recipient, Error, "The bearer confirmation has no Recipient",
        "SAML profiles §4.1.4.2: the bearer SubjectConfirmationData must carry Recipient, the ACS URL the assertion is meant for. Without it, the assertion could be replayed at another SP that trusts the same IdP; conforming SPs reject it.\nFix: set the ACS / Recipient URL in the IdP application (Okta: 'Use this for Recipient URL and Destination URL').";
    IssuerInconsistent, "issuer-inconsistent", Issuer, Error, "The Assertion and the Response name different Issuers",
        "SAML profiles §4.1.4.2: the Issuer of the Assertion must be the entity that issued the Response. Different values mean the Assertion was taken from another IdP's message (or the IdP is misconfigured); SP libraries such as python3-saml, ruby-saml and OpenSAML refuse it.\nFix: if both are the same IdP, make its entity ID consistent; otherwise treat the message as forged.";
    IssuerFormatInvalid, "issuer-format-invalid", Issuer, Error, "The Issuer's Format is not entity",
        "SAML profiles §4.1.4.2: the Issuer of a Response and its Assertion MUST have no Format or Format urn:oasis:names:tc:SAML:2.0:nameid-format:entity.\nFix: the IdP writes its entity ID as the Issuer with no Format (or the entity format).";
    IssuerMissingSigned, "issuer-missing-signed-response", Issuer, Error, "A signed Response names no Issuer",
        "SAML profiles §4.1.4.2 (Web Browser SSO): if the <Response> is signed, or an enclosed assertion is encrypted, its <Issuer> MUST be present; an SP checks the signature against the keys of that entity. Without it, conforming SPs (OpenSAML-based stacks, python3-saml in strict mode) reject the message.\nFix: the IdP's serialiser must write <saml:Issuer> as the Response's first child; a proxy or hand-built Response dropped it.";
    IssuerMissing, "issuer-missing", Issuer, Warning, "The message names no Issuer",
        "An Assertion must name its Issuer; SPs use it to pick the IdP configuration.";
    IssuerMismatch, "issuer-mismatch", Issuer, Error, "The Issuer is not the expected IdP",
        "The Issuer differs from --issuer or the IdP metadata's entityID. The SP will look for a different IdP configuration, or refuse the message.\nFix: copy the IdP's entity ID (Issuer URL) exactly into the SP configuration.";
    AudienceMissing, "audience-missing", Audience, Error, "The Assertion has no AudienceRestriction",
        "SAML profiles §4.1.4.2: an Assertion for Web Browser SSO MUST carry an AudienceRestriction naming the SP's entity ID. Without Conditions, without an AudienceRestriction, or without an Audience in it, any SP that trusts the IdP would accept the assertion. A policy finding (`--allow audience-missing` lowers it to a warning): a few SPs do not require it.\nFix: set the IdP application's Audience / Identifier (Entity ID) to the SP's entity ID.";
    AudienceRestrictionEmpty, "audience-restriction-empty", Audience, Error, "An AudienceRestriction names no Audience",
        "SAML core §2.5.1.4: an AudienceRestriction is satisfied when the SP is one of its Audiences; one with none can never be satisfied, so the Conditions are Invalid. Several AudienceRestriction elements must each be satisfied (AND); the Audiences inside one are alternatives (OR).\nFix: fill the IdP application's Audience / Identifier.";
    ConditionUnknown, "condition-unknown", Audience, Error, "The Conditions carry a condition samlcheck cannot evaluate",
        "SAML core §2.5.1.1: a condition the relying party does not understand makes the Conditions Indeterminate, and the assertion MUST NOT be accepted. Known conditions are AudienceRestriction, OneTimeUse and ProxyRestriction (SAML 1.1: AudienceRestrictionCondition, DoNotCacheCondition).\nFix: remove the custom condition in the IdP, or use an SP that implements it.";
    ConditionOneTimeUse, "condition-one-time-use", Time, Info, "The Assertion may be used once only",
        "SAML core §2.5.1.5: OneTimeUse asks the SP to cache the Assertion and refuse it the second time. Informational: a replayed copy fails at an SP that honours it.";
    NameidSpNameQualifier, "nameid-sp-name-qualifier", Audience, Warning, "The NameID's SPNameQualifier is another SP",
        "SAML core §2.2.2, §8.3.7 and §8.3.8: SPNameQualifier names the SP a persistent or transient NameID was issued for. When it is present and is not this SP's entity ID, the identifier was minted for another SP: the IdP's application is probably configured with another entity ID. The specification gives the SP no rule to reject it, and stacks differ: python3-saml and ruby-saml refuse it, crewjam/saml and samael do not look at it. A policy finding: `--deny nameid-sp-name-qualifier` judges as the stacks that refuse it.\nFix: set the IdP application's entity ID / audience to the SP's; it writes it into SPNameQualifier.";
    NameidWhitespace, "nameid-whitespace", Subject, Warning, "The NameID has XML whitespace around it",
        "The NameID's text starts or ends with XML whitespace (space, tab, CR, LF). SAML core §2.2 does not say to trim it, and SP stacks differ: OpenSAML (Spring Security, Shibboleth SP) trims it, python3-saml and others keep it, so two SPs can sign the same assertion into two different accounts (\" alice@example.com\" is not \"alice@example.com\"). samlcheck shows the exact value and compares the trimmed one. A policy finding: `--deny nameid-whitespace` makes it fail.\nFix: trim the value in the IdP's attribute mapping or user record (a stray space in the directory's email field is the usual cause).";
    AudienceMismatch, "audience-mismatch", Audience, Error, "The Audience is not the SP's entity ID",
        "The Assertion's Audience does not equal the SP entity ID (from --audience or --sp-metadata). The SP refuses assertions meant for someone else.\nFix: set the IdP application's Audience / Identifier (Entity ID) to exactly the SP's entity ID.";
    DestinationMissing, "destination-missing", Destination, Error, "The signed Response has no Destination",
        "SAML bindings §3.5.5.2: a signed Response sent with the HTTP-POST binding MUST carry Destination, the ACS URL it was sent to, so it cannot be replayed at another endpoint. A policy finding (`--allow destination-missing` lowers it): some SPs do not check it.\nFix: set the ACS / Reply URL in the IdP application so it is written into Destination.";
    DestinationEmpty, "destination-empty", Destination, Error, "The Destination attribute is empty",
        "The Response has Destination=\"\": it names no ACS URL, which SPs reject (an empty value is not the same as no attribute).\nFix: set the ACS / Reply URL in the IdP application.";
    RequestDestinationMismatch, "request-destination-mismatch", Destination, Error, "The AuthnRequest goes to another IdP URL",
        "The AuthnRequest's Destination is none of the SingleSignOnService locations in the IdP metadata given with --idp-metadata (SAML bindings §3.4.5.2 and §3.5.5.2: the IdP checks Destination against its own endpoint). The SP is configured with another IdP's, another tenant's or an old sign-in URL, and that IdP answers with an error (Entra: AADSTS700016 or a tenant error) or not at all.\nFix: set the SP's IdP SSO / Login URL from the IdP's current metadata.";
    RequestAcsUnknown, "request-acs-unknown", Destination, Error, "The AuthnRequest asks for an ACS URL the SP does not publish",
        "The AuthnRequest's AssertionConsumerServiceURL is none of the SP's ACS URLs (from --sp-metadata, --acs or the profile). SAML profiles §4.1.4.1: the IdP must make sure the URL belongs to the SP — it compares it with the ACS / Reply URLs registered for the application — and refuses a request for any other (Entra: AADSTS50011 'The redirect URI … does not match'; Okta and Google show an error page). Causes: the SP behind a proxy builds http:// or an internal host name into the request, a second SP instance, a changed path.\nFix: make the SP request the ACS URL its metadata publishes (its base URL setting), or register the requested URL at the IdP as an additional Reply / ACS URL.";
    RequestAcsIndex, "request-acs-index", Destination, Warning, "The AuthnRequest's AssertionConsumerServiceIndex is unknown or combined",
        "SAML core §3.4.1: AssertionConsumerServiceIndex names one of the SP metadata's indexed AssertionConsumerService endpoints; an index the metadata does not publish lets the IdP refuse the request or send the Response to the default ACS, and the index is mutually exclusive with AssertionConsumerServiceURL and ProtocolBinding (IdPs differ in which one wins).\nFix: have the SP request an index its current metadata publishes (and upload that metadata to the IdP), or send the ACS URL instead of the index.";
    FlowProtocolBinding, "flow-protocol-binding", Destination, Warning, "The Response came back over another binding than requested",
        "The AuthnRequest asked for the Response over one binding (its ProtocolBinding, or the binding of the ACS endpoint its index names in the SP metadata) and the capture shows it arriving over another (SAML core §3.4.1, profiles §4.1.2: HTTP-POST and HTTP-Artifact carry Responses, never HTTP-Redirect). An SP endpoint built for one binding does not read the other: an Artifact endpoint ignores a SAMLResponse form field.\nFix: set the binding of the ACS endpoint in the IdP application to the one the SP requests (usually HTTP-POST), or make the SP request the binding the IdP uses.";
    DestinationMismatch, "destination-mismatch", Destination, Error, "The Destination is not the SP's ACS URL",
        "The Response's Destination differs from every expected Assertion Consumer Service URL. The usual causes are http vs https behind a proxy, a different host or port, a trailing slash, or letter case.\nFix: set the IdP application's ACS (Reply) URL to exactly the URL the SP publishes.";
    RecipientMismatch, "recipient-mismatch", Recipient, Error, "SubjectConfirmationData Recipient is not the SP's ACS URL",
        "The bearer confirmation's Recipient must equal the ACS URL the assertion is delivered to.\nFix: set the IdP application's ACS (Reply) URL to exactly the URL the SP publishes.";
    InResponseToMismatch, "in-response-to-mismatch", InResponseTo, Error, "InResponseTo does not match the request",
        "The Response answers a different AuthnRequest than --request-id. The SP will refuse it as a replay or a stale tab.\nFix: start the sign-in again from the SP; check that the SP keeps its request state (cookies with SameSite=None on the ACS POST).";
    InResponseToUnsolicited, "in-response-to-unsolicited", InResponseTo, Warning, "IdP-initiated Response where a request was expected",
        "The Response carries no InResponseTo, so it was IdP-initiated, but --request-id says the SP started the sign-in. SPs that disallow unsolicited responses refuse it.\nFix: allow IdP-initiated sign-in in the SP, or start sign-in from the SP.";
    BearerNotBefore, "bearer-not-before", Time, Error, "The bearer confirmation carries NotBefore",
        "SAML profiles §4.1.4.2: the bearer SubjectConfirmationData MUST NOT contain NotBefore (its window is NotOnOrAfter only). SP libraries such as python3-saml refuse it.\nFix: a custom IdP must drop NotBefore from SubjectConfirmationData (it belongs on Conditions).";
    SubjectConfirmationIgnored, "subject-confirmation-ignored", Subject, Info, "A SubjectConfirmation that does not confirm was passed over",
        "SAML core §2.4.1.1: the subject is confirmed when any one SubjectConfirmation is satisfied. Another one did confirm it, so this one (another Recipient, expired, a method the SP does not use) changes nothing; it is listed for information.";
    InResponseToMissing, "in-response-to-missing", InResponseTo, Error, "The bearer confirmation does not name the request",
        "SAML profiles §4.1.4.2/§4.1.4.3: when the Response answers an AuthnRequest (it carries InResponseTo, or --request-id says the SP started the sign-in), the bearer SubjectConfirmationData MUST carry InResponseTo with the request's ID. Without it an IdP-initiated assertion could be slipped into a solicited Response. A policy finding (`--allow in-response-to-missing`).\nFix: a conforming IdP writes InResponseTo in both places.";
    TimeTooOld, "time-too-old", Time, Error, "The message was issued longer ago than --max-age",
        "The IssueInstant is older than the maximum age (default 50 minutes, the maxAssertionTime of 3000 s that Spring Security SAML uses; `--max-age` or the config's `max_age` sets it). An SP that bounds message age refuses a stale or replayed message even when NotOnOrAfter is later. A policy finding (`--allow time-too-old`).\nFix: retry the sign-in; for an old capture, judge it with --at issue-instant.";
    IssueInstantMissing, "issue-instant-missing", Time, Error, "The message or Assertion has no IssueInstant",
        "SAML core §3.2.1 and §2.3.3: IssueInstant is REQUIRED on every protocol message and Assertion; without it the SP cannot judge age or replay.\nFix: a conforming IdP always writes it.";
    AssertionReplayed, "assertion-replayed", Time, Error, "The same Assertion ID was seen twice",
        "SAML profiles §4.1.4.5: an SP must refuse a bearer Assertion whose ID it has already accepted. The same Assertion ID occurs in two messages of this run (a HAR, a batch, `check`): the second is a replay.\nFix: retry the sign-in; if the IdP reuses IDs, it is broken.";
    TimeNotYetValid, "time-not-yet-valid", Time, Error, "The assertion is not yet valid",
        "Now (with the allowed clock skew) is before NotBefore: the IdP's clock runs ahead of the SP's, or the SP's runs behind.\nFix: sync both clocks with NTP; raise the SP's allowed skew if it has one.";
    TimeExpired, "time-expired", Time, Error, "The assertion has expired",
        "Now (with the allowed clock skew) is at or after NotOnOrAfter. Either the capture is old (use --at issue-instant to judge it as of its own time), the SP's clock is wrong, or the message took too long to arrive.\nFix: retry the sign-in; sync clocks with NTP.";
    TimeIssuedInFuture, "time-issued-in-future", Time, Error, "The message was issued in the future",
        "IssueInstant is later than now plus the allowed clock skew: the IdP's clock is ahead.\nFix: sync the IdP's clock (NTP).";
    TimeUnparseable, "time-unparseable", Time, Error, "A time value is not an xs:dateTime",
        "NotBefore, NotOnOrAfter or IssueInstant does not parse as an xs:dateTime (e.g. 2024-05-01T10:00:00Z), so SPs cannot judge validity.";
    TimeSessionExpired, "time-session-expired", Time, Warning, "The IdP session has already ended",
        "AuthnStatement SessionNotOnOrAfter is in the past; SPs that honour it end the session at once.";
    AssertionMissing, "assertion-missing", Subject, Error, "The Response carries no Assertion",
        "A successful SSO Response must carry one Assertion. Without it the SP has no user to sign in.";
    Saml11Assertion, "saml11-assertion", Input, Info, "A SAML 1.1 assertion was checked",
        "The token is a SAML 1.1 assertion, as AD FS and Entra ID send to WS-Federation applications. samlcheck reads it into the same model as a SAML 2.0 message (AssertionID as the ID, NameIdentifier, AttributeName, AudienceRestrictionCondition) and runs it through the same trust stage: signature policy, trusted keys only, algorithms, certificate validity, the pre-digest cross-check; then issuer, audience, time, subject, email and attribute checks. The SAML 2.0 Web SSO Response rules (bearer Recipient, Destination, InResponseTo) do not exist in SAML 1.1.\nFix: nothing to fix; to have the SAML 2.0 checks, set the relying party trust's token type to SAML 2.0.";
    VersionInvalid, "version-invalid", Input, Error, "The SAML Version is not 2.0",
        "SAML core §3.2.1 and §2.3.3: a SAML 2.0 protocol message and its Assertion carry Version=\"2.0\" (a SAML 1.1 assertion MajorVersion 1, MinorVersion 1). Any other or no value is refused by conforming SPs.\nFix: the IdP must produce SAML 2.0 messages; check the application type.";
    MessageUnauthenticated, "message-unauthenticated", Signature, Error, "The message's own signature was not verified under its sender's key",
        "An AuthnRequest, LogoutRequest or LogoutResponse is authenticated only by its own signature (an enveloped ds:Signature on the root, or the HTTP-Redirect query signature, SAML bindings §3.4.4.1), verified under a key of its sender: the SP's for an AuthnRequest, either party's for logout. Without that, nothing about it was checked, so `verify` cannot pass it. An Assertion inside such a message is never authenticated.\nFix: pass the sender's key: --sp-metadata or --sp-cert for the SP, --idp-metadata or --cert for the IdP; if the message is unsigned, it can only be inspected.";
    BindingRedirectResponse, "binding-redirect-response", Signature, Error, "A Response was sent over the HTTP-Redirect binding",
        "SAML profiles §4.1.2: the Web Browser SSO profile delivers the Response with HTTP-POST or HTTP-Artifact, never HTTP-Redirect; its detached query signature is not an authentication of the Response, and SPs refuse it.\nFix: set the IdP application's ACS binding to HTTP-POST.";
    BindingDetachedSignaturePost, "binding-detached-signature-post", Signature, Error, "A POST body carries SigAlg and Signature",
        "SAML bindings §3.5.4: with HTTP-POST the signature is enveloped in the XML; SigAlg/Signature parameters belong to the HTTP-Redirect binding only. samlcheck does not treat them as authentication, as no SP does.\nFix: sign the message itself (enveloped signature) when posting it.";
    FlowNoResponse, "flow-no-response", Status, Warning, "The capture ends before the IdP answered",
        "The HAR or SAML-tracer export holds the SP's AuthnRequest but no Response and no error page samlcheck recognises: the sign-in did not complete while the capture was recording (the IdP's login page was left open, the capture was stopped early, or 'Preserve log' was off and the pages were lost). Nothing about the sign-in's outcome can be judged from it.\nFix: record again with devtools → Network → Preserve log on, starting at the SP and ending after the SP's page loads; if the IdP showed an error page, its code names the cause.";
    FlowMessageUnreadable, "flow-message-unreadable", Input, Error, "A message the capture recorded could not be read",
        "The capture holds a SAML message parameter (a SAMLResponse posted to the ACS, an IdP's auto-submit form) that samlcheck could not decode or parse: the sign-in broke at that hop, or the capture cut the value (a HAR saved before the page finished, a SAML-tracer export with values removed). The IdP did answer; what it sent cannot be judged. The message's own line says what is wrong with it (SAML bindings §3.5.4: the value is the base64 of a complete XML message).\nFix: if the SP also refused it, the IdP's output is broken (read the IdP's sign-in logs); otherwise record the sign-in again and save the HAR after the SP's page has loaded.";
    SpStackRejects, "sp-stack-rejects", SpStack, Error, "The SP stack named with --sp-stack would reject the Response",
        "With `--sp-stack NAME`, the named SP library's rules decide the verdict: they are applied in the library's own order and the first that fires is reported with the text that library prints (grep the SP's logs for it) and where the rule lives in its source. samlcheck's own findings stay beside it as warnings, except the forgery floor (signature, wrapping, decryption, comment-in-text), which no stack relaxes. `samlcheck explain sp-stacks` lists the stacks, their settings and how each was checked against the real library.\nFix: the rule's own text says what the SP wants; change the IdP's configuration (or the SP's, with --sp-set to try a setting) until the stack accepts.";
    SpStackWeakness, "sp-stack-weakness", SpStack, Warning, "The SP stack would accept what samlcheck refuses, or a known weakness applies",
        "The named SP library's rules let this message through although samlcheck refuses it as a forgery (its signature, wrapping, decryption or comment-in-text findings say why), or a weakness documented for that library applies to it (a Recipient matched as a substring, a status ignored, a CVE fixed in a later version). The run fails anyway: security rules are not a stack's to relax (SAML core §5.4, profiles §4.1.4.3).\nFix: upgrade or configure the SP library as the weakness names, and fix the message's cause at the IdP.";
    FlowInResponseTo, "flow-in-response-to", InResponseTo, Error, "The Response answers another request than the captured one",
        "In a capture of one sign-in, the Response's InResponseTo must be the ID of the SP's AuthnRequest just before it (SAML profiles §4.1.4.2). A stale ID (an earlier request in the capture) means the browser posted an old Response: a second tab, the back button, a retry. An unknown ID means the SP's request state and the Response do not belong together.\nFix: start the sign-in once from the SP; if it persists, see sp-cookie-samesite.";
    FlowAcsMismatch, "flow-acs-mismatch", Destination, Error, "The Response went elsewhere than the AuthnRequest asked",
        "The AuthnRequest named an AssertionConsumerServiceURL; the IdP must deliver the Response there (SAML profiles §4.1.4.1), and write it as Destination and Recipient. A different URL — or a browser POST to a URL other than the Destination — is refused by the SP, or lands on another tenant or application.\nFix: set the IdP application's ACS (Reply) URL to exactly the URL the SP requests.";
    FlowNameidFormat, "flow-nameid-format", Subject, Warning, "The NameID format is not the one the SP asked for",
        "The AuthnRequest's NameIDPolicy asked for one NameID format and the Response's NameID has another. SAML core §3.4.1.1 lets the IdP refuse (InvalidNameIDPolicy) but not substitute; SPs that check the format refuse the Response.\nFix: set the IdP application's Name ID format to the one the SP asks for, or have the SP ask for unspecified.";
    FlowAuthnContext, "flow-authn-context", Subject, Warning, "The authentication context is not the one the SP required",
        "The AuthnRequest's RequestedAuthnContext (Comparison exact) lists classes the Assertion's AuthnContextClassRef is not among (SAML core §3.3.2.2.1). SPs that enforce it refuse the sign-in; Entra ID answers with AADSTS75011 when it cannot satisfy it.\nFix: have the SP stop sending RequestedAuthnContext or use Comparison=\"minimum\".";
    FlowForceAuthn, "flow-force-authn", Subject, Warning, "The IdP did not re-authenticate for ForceAuthn",
        "The AuthnRequest carried ForceAuthn=\"true\" (SAML core §3.4.1: the IdP MUST authenticate the presenter directly rather than rely on a previous security context), but the Assertion's AuthnInstant is before the request: the IdP reused the session. SPs that use ForceAuthn for re-authentication or step-up refuse it.\nFix: make the IdP honour ForceAuthn (a sign-on policy that requires re-authentication), or have the SP stop asking for it.";
    FlowAudience, "flow-audience", Audience, Error, "The SP that asked is not the Audience",
        "The AuthnRequest's Issuer is the SP's entity ID; the Response's Audience should be that entity ID (SAML profiles §4.1.4.2). A different value means the IdP application is set up with another Identifier.\nFix: set the IdP application's Audience / Identifier (Entity ID) to the SP's entity ID.";
    FlowRelayState, "flow-relay-state", InResponseTo, Error, "RelayState did not come back as sent",
        "SAML bindings §3.4.3 and §3.5.3: RelayState is at most 80 bytes and the IdP returns exactly what it received. A changed RelayState (often an IdP 'Default RelayState' that replaces the SP's) loses the SP's state or deep link; one longer than 80 bytes is a warning, since IdPs may cut or refuse it.\nFix: clear the IdP application's Default RelayState for SP-initiated sign-in, and keep the SP's RelayState short.";
    FlowNoSpAnswer, "flow-no-sp-answer", Status, Warning, "The capture holds no answer to the ACS POST",
        "The browser POSTed the Response to the SP's ACS, but the capture records no answer (HAR status 0): the request was cancelled (the user navigated away), blocked (an extension, a corporate proxy, mixed content) or the capture was saved before the SP answered. Whether the SP accepted the sign-in cannot be told from it.\nFix: record again with devtools → Network → Preserve log on until the SP's page has loaded; if the POST stays at status 0 (blocked / canceled in the Network tab), look for an extension or proxy blocking the ACS URL.";
    SpAnswerError, "sp-answer-error", Status, Error, "The SP refused the sign-in",
        "The capture shows the SP's answer to the ACS POST: a server error, a refusal, or a redirect to an error or login page. The Response reached the SP and the SP did not sign the user in; the error it names (the redirect's error parameter, the page title) is the cause, often outside SAML: the user does not exist in the SP (not provisioned), is not allowed, or the SP failed.\nFix: read the SP's error; provision the user in the SP (or turn on just-in-time provisioning), or check the SP's logs for a server error.";
    SpCookieSamesite, "sp-cookie-samesite", InResponseTo, Warning, "A cookie of the SP was not sent with the IdP's POST",
        "The IdP's auto-submit form posts to the ACS from another site. Browsers send a cookie with such a cross-site POST only when it is SameSite=None; Secure: a Lax (the default) or Strict cookie set by the SP before the redirect stays home, and an SP that keeps its AuthnRequest state in it cannot match the Response (unsolicited, unknown InResponseTo, a redirect back to the login page).\nFix: set the SP's session cookie with SameSite=None; Secure and serve the ACS over https.";
    IdpErrorPage, "idp-error-page", Status, Error, "The IdP answered with an error page",
        "The capture holds the IdP's error page or error redirect instead of (or before) a Response: Entra ID's AADSTS codes, Google's app_not_configured_for_user, Okta's assignment page. The code names the cause; the finding gives the fix in the IdP's console terms (the table is data/idp-errors.tsv).\nFix: as the finding says.";
    WrappingEncryptedAssertion, "wrapping-encrypted-assertion", Wrapping, Error, "An EncryptedAssertion does not hold exactly one EncryptedData",
        "SAML core §2.3.4: an EncryptedAssertion holds one xenc:EncryptedData (and optionally EncryptedKeys). A plaintext Assertion inside it, or extra content beside the EncryptedData, was never encrypted to the SP: a consumer that decrypts and then reads 'the Assertion in EncryptedAssertion' would read the attacker's. Nothing in it is consumed or decrypted.\nFix: treat the message as manipulated.";
    WsFederationToken, "ws-federation-token", Input, Info, "A WS-Federation token, judged by that profile",
        "The Assertion came in a WS-Federation sign-in (wa=wsignin1.0&wresult=…, or a bare RequestSecurityTokenResponse), as AD FS, Entra ID and Office 365 send to WS-Fed applications. The WS-Federation passive requestor profile (WS-Federation 1.2 §13) secures the token by its signature, issuer, audience (AppliesTo) and validity window; it has no Web Browser SSO profile rules, so a bearer SubjectConfirmation without SubjectConfirmationData (Recipient, NotOnOrAfter, InResponseTo; SAML profiles §4.1.4.2) is normal there and not a finding.\nFix: nothing; this says which rules were applied.";
    AssertionBare, "assertion-bare", Input, Info, "A bare Assertion was checked without its Response",
        "The input was a saml:Assertion on its own (as SPs often log it). samlcheck wrapped it in a Response to check it: its signature, subject, conditions, audience, attributes and email are judged as usual, but the Response's status, Destination, InResponseTo and any Response signature do not exist here and were not checked.\nFix: to check those too, capture the whole SAMLResponse (browser devtools, a HAR file or SAML-tracer).";
    AssertionEncrypted, "assertion-encrypted", Decryption, Warning, "The Assertion is encrypted and was not opened",
        "The Assertion is an EncryptedAssertion; its content can be read only with the SP's private key. Without it, the subject, conditions, audience, attributes and the Assertion's own signature go unchecked, so `verify` fails the decryption check (a pass must mean every check was made); `inspect` reports it as a warning.\nFix: pass --sp-key FILE (the SP's private key, PEM) to decrypt it.";
    NameidEncrypted, "nameid-encrypted", Decryption, Warning, "The NameID is encrypted and was not opened",
        "The consumed Assertion's Subject carries an EncryptedID (SAML core §2.2.4) instead of a NameID; the SP decrypts it with its private key to learn who signs in. Without that key the user's identity (often the email) goes unchecked, so `verify` fails the decryption check; `inspect` reports it as a warning. With --sp-key it is decrypted and its NameID judged like any other; the Assertion's signature covers the ciphertext, so it is authenticated when the Assertion is.\nFix: pass --sp-key FILE (the SP's private key, PEM).";
    DecryptionFailed, "decryption-failed", Decryption, Error, "The EncryptedAssertion could not be decrypted",
        "Decryption with --sp-key failed: the IdP encrypted to a different SP certificate, or the key is not the SP's.\nFix: upload the SP's current encryption certificate to the IdP, or pass the matching key.";
    DecryptionKeyNotFound, "decryption-key-not-found", Decryption, Error, "The encrypted session key was not found",
        "The EncryptedData's KeyInfo names no reachable xenc:EncryptedKey: neither one inside it nor one that a same-document ds:RetrievalMethod points to (Okta places the EncryptedKey beside the EncryptedData and points to it by Id). Without it nothing can be decrypted, whatever key you give.\nFix: capture the message unmodified; if the IdP sends it this way, its encryption layout is broken.";
    DecryptionWrongKey, "decryption-wrong-key", Decryption, Error, "The private key does not fit the certificate the IdP encrypted to",
        "The EncryptedKey names the SP certificate the IdP encrypted to, and --sp-key is not that certificate's private key (their public keys differ). Usually the SP rotated its encryption certificate and the IdP still has the old one, or the wrong key file was passed.\nFix: pass the matching private key, or upload the SP's current encryption certificate to the IdP application.";
    AuthnStatementMissing, "authn-statement-missing", Subject, Error, "The Assertion has no AuthnStatement",
        "SAML profiles §4.1.4.2: the Assertion of a Web Browser SSO Response MUST contain at least one AuthnStatement (how and when the user authenticated). SPs such as python3-saml refuse it.\nFix: the IdP application must be a SAML 2.0 SSO app; attribute-query style assertions are not sign-ins.";
    AuthnContextMissing, "authn-context-missing", Subject, Error, "The AuthnStatement has no AuthnContext",
        "SAML core §2.7.2: an AuthnStatement MUST carry an AuthnContext, and it must name a class (AuthnContextClassRef) or a declaration.\nFix: a conforming IdP always writes one (e.g. urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport).";
    ValueEmpty, "value-empty", Subject, Error, "A SAML string or URI value is empty",
        "SAML core §1.3.1/§1.3.2: string and URI values MUST contain at least one non-whitespace character. An empty Format, NameQualifier, SPNameQualifier or AuthnContextClassRef is malformed, and strict SPs refuse it.\nFix: leave the attribute out instead of sending it empty.";
    ValueDocumentationPlaceholder, "value-documentation-placeholder", Destination, Error, "A URL or identifier was copied from a setup guide",
        "Setup guides write values as patterns: Microsoft's Amplitude guide gives the Reply URL as https://analytics.amplitude.com/saml/sso/<UNIQUE_ID> and says the value isn't real; others write YOUR_ACCOUNT_ID, {tenant}, example.com hosts or an all-zero GUID. Copied into the IdP as typed, the pattern comes back in Destination, Recipient, Audience or Issuer, and the SP refuses it.\nFix: copy the real value from the SP (its SSO settings page or metadata) into the IdP application.";
    ValueInvisibleCharacter, "value-invisible-character", Subject, Warning, "A value holds an invisible or non-ASCII space character",
        "The value contains a character that is not XML whitespace but looks like a space or nothing at all (U+00A0 no-break space, U+3000 ideographic space, zero-width characters, bidi controls). samlcheck trims only XML whitespace (space, tab, CR, LF, XML 1.0 §2.3) and shows the value escaped: `alice@example.test\\u{00A0}` is a different identity from `alice@example.test`, and an SP that trims differently may sign in the wrong user. An error in an identifier (NameID, Issuer, Audience, Destination, Recipient, an email source); a warning in other attribute values.\nFix: clean the user's directory value (pasted from a document or spreadsheet) in the IdP.";
    SubjectMissing, "subject-missing", Subject, Error, "The Assertion has no Subject",
        "Without a Subject the SP cannot tell who signed in.";
    NameidMissing, "nameid-missing", Subject, Error, "The Subject has no NameID",
        "The Subject carries no NameID (or only an EncryptedID), so SPs that identify users by NameID cannot sign anyone in.\nFix: configure the IdP application's Name ID / Subject (for example the user's email, format emailAddress).";
    NameidEmpty, "nameid-empty", Subject, Error, "The NameID is empty",
        "The NameID element is present but empty: the IdP user attribute it maps to has no value.\nFix: give the user a value for the attribute the IdP maps to Name ID (often the primary email).";
    NameidFormatNotEmail, "nameid-format-not-email", Subject, Warning, "NameID format says emailAddress but the value is not an email",
        "The NameID Format is urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress, but the value is not an email address. SPs that use the NameID as the email will fail.\nFix: map the Subject / Name ID to the user's email attribute.";
    CommentInText, "comment-in-text", Subject, Error, "A comment or CDATA section splits a value",
        "An XML comment, or a CDATA section beside other text, inside NameID, an attribute value or the Issuer. Exclusive and inclusive canonicalisation (without comments) erase both, so they can be added to signed text after signing without breaking the digest; libraries that read only the first text node take the text before the split (CVE-2017-11427, CVE-2017-11428, CVE-2018-0489 and relatives: python-saml, ruby-saml, OneLogin's toolkits, Shibboleth's OpenSAML-C before their fixes), which lets an attacker who controls a signed account name (bob@evil.example.com becomes bob@evil.example<!---->.com) sign in as another user. No IdP emits either. samlcheck reports the full text (comments removed, text joined) and fails the message.\nFix: treat the message as manipulated; if your own IdP emits it, its serialiser is broken.";
    EmailMissing, "email-missing", Email, Error, "No email address can be found",
        "None of the email sources holds an email address (an error with a profile whose SP identifies users by email, such as amplitude; a warning otherwise): the NameID is not an email, and there is no emailaddress claim, 'emailaddress' or 'email' attribute with one. SPs that identify users by email (Amplitude among them) refuse the sign-in.\nFix: map the user's email to the Subject (format emailAddress) or add an 'email' attribute in the IdP application.";
    EmailPlaceholder, "email-placeholder", Email, Error, "An email source holds an unresolved placeholder",
        "A value is an IdP template expression such as ${user:email}, {{email}}, %email%, <Email Address>, LoginUser.Email or user.mail sent literally: the IdP did not resolve the mapping, or the mapping was typed as a fixed string.\nFix: in the IdP application's attribute mappings, map the field to the user attribute (not a literal string), and make sure the user has a value.";
    EmailEmptyValue, "email-empty-value", Email, Error, "An email source is present but empty",
        "An email attribute or the NameID is present but empty: the IdP attribute it maps to has no value for this user.\nFix: set the user's primary email in the IdP directory.";
    EmailSourcesDisagree, "email-sources-disagree", Email, Warning, "Two email sources hold different addresses",
        "The email the SP reads (by the lookup order) differs from another source in the same assertion: most often the NameID is the user principal name (alice@contoso.onmicrosoft.com) and the email claim the mailbox (alice@contoso.com). An SP that identifies users by one and provisions or matches by the other creates a duplicate account or signs in the wrong one.\nFix: map the NameID and the email attribute to the same source attribute in the IdP.";
    EmailMixedCase, "email-mixed-case", Email, Warning, "The email has capital letters",
        "Email addresses are compared case-insensitively by people, but many SPs compare them exactly: Alice@Contoso.com and alice@contoso.com become two accounts when the IdP's value changes case.\nFix: send the address in lower case (an IdP transformation such as Entra's ToLowercase()), or make sure the SP compares case-insensitively.";
    EmailInvalid, "email-invalid", Email, Warning, "An email source holds something that is not an email address",
        "An attribute named like an email holds a value that is not an email address, so it cannot identify the user.";
    EmailElsewhere, "email-elsewhere", Email, Warning, "The email is probably in an attribute the SP does not read",
        "No email source in the lookup order holds an email, but other attributes probably do: one whose value is an email address, or whose Name or FriendlyName is mail, an email-like name, urn:oid:0.9.2342.19200300.100.1.3 (mail), urn:oid:1.2.840.113549.1.9.1 (PKCS#9 emailAddress), a username or UPN. Shibboleth and other LDAP-backed IdPs send mail under its OID; Entra sends the UPN claim; many consoles name it 'mail' or 'Email Address'.\nFix: have the IdP send the email under a name the SP reads (the Subject NameID or an 'email' attribute), or, if your SP reads that attribute, check with --email-from NAME.";
    AttributeStatementEmpty, "attribute-statement-empty", Attributes, Warning, "The AttributeStatement is empty",
        "The assertion carries an AttributeStatement with no attributes (or none with a value). Some IdPs send no attributes until mappings are configured.\nFix: add the attribute mappings the SP needs in the IdP application.";
    AttributeEmptyValue, "attribute-empty-value", Attributes, Warning, "An attribute has no value",
        "An Attribute is present with no AttributeValue, or an empty one: the IdP user attribute it maps to is empty.";
    AttributeDuplicate, "attribute-duplicate", Attributes, Warning, "An attribute name occurs more than once",
        "Several Attribute elements share a name. Sending one element per value is allowed by SAML and normal for multi-valued data (Keycloak's role mapper sends one 'Role' per role; Shibboleth and others do the same): a warning, since most SPs merge them and some read only the first. Names that differ only by case or NameFormat are also a warning: SPs pick one of them unpredictably. It is an error where the SP reads a single value that the repeats contradict, such as two different addresses in an email attribute.\nFix: Keycloak: turn on the mapper's 'Single Role Attribute'; elsewhere, send one Attribute with several AttributeValues, and remove duplicate mappings.";
    AttributeRequiredMissing, "attribute-required-missing", Attributes, Error, "A required attribute is missing",
        "The profile in use requires this attribute and the assertion does not carry it.\nFix: add the attribute mapping in the IdP application.";
    AwsRoleInvalid, "aws-role-invalid", Attributes, Error, "An AWS Role attribute value is malformed",
        "Each https://aws.amazon.com/SAML/Attributes/Role value must be 'arn:aws:iam::<account>:role/<name>,arn:aws:iam::<account>:saml-provider/<name>' (either order).\nFix: correct the Role mapping in the IdP; the account IDs must be 12 digits and the provider name must match the IAM identity provider.";
    AwsRoleSessionNameMissing, "aws-role-session-name-missing", Attributes, Error, "AWS RoleSessionName is missing",
        "AWS sign-in requires https://aws.amazon.com/SAML/Attributes/RoleSessionName (2-64 characters of [\\w+=,.@-]).\nFix: map RoleSessionName to the user's email or user name.";
    AwsSessionDurationInvalid, "aws-session-duration-invalid", Attributes, Error, "AWS SessionDuration is out of range",
        "https://aws.amazon.com/SAML/Attributes/SessionDuration must be an integer from 900 to 43200 seconds.";
    PairRoles, "pair-roles", Input, Error, "The metadata pair is not an IdP and an SP",
        "`metadata IDP --sp-metadata SP` and `check` pair an IdP's metadata (with an IDPSSODescriptor) with an SP's (with an SPSSODescriptor). One of the files lacks its role.\nFix: pass the IdP's metadata first and the SP's with --sp-metadata.";
    PairEntityId, "pair-entity-id", Audience, Error, "The SP's entityID is not the audience the IdP issues",
        "The audience the IdP application issues (from --audience or the config's `audience`) differs from the SP metadata's entityID, or both metadata documents carry the same entityID (one was uploaded in the other's place). The SP refuses assertions whose Audience is not its entityID.\nFix: set the IdP application's Audience / Identifier (Entity ID) to exactly the SP's entityID.";
    PairAcsBinding, "pair-acs-binding", Destination, Error, "The SP has no HTTP-POST AssertionConsumerService",
        "IdPs deliver Responses in the Web Browser SSO profile with the HTTP-POST binding. An SP whose metadata lists ACS endpoints only with other bindings (Artifact, PAOS, Redirect) cannot receive them from most IdPs.\nFix: add an AssertionConsumerService with Binding urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST to the SP metadata.";
    PairAcsMismatch, "pair-acs-mismatch", Destination, Error, "The IdP posts to a URL the SP does not list",
        "The ACS URL configured in the IdP application (--acs or the config's `acs`) is none of the SP metadata's AssertionConsumerService locations; the Response's Destination and Recipient will not match and the SP refuses it.\nFix: copy the SP's ACS URL exactly (scheme, host, path, trailing slash) into the IdP application.";
    PairSsoBinding, "pair-sso-binding", Destination, Error, "The IdP offers no Redirect or POST SSO endpoint",
        "SPs send AuthnRequests with the HTTP-Redirect or HTTP-POST binding; the IdP metadata lists SingleSignOnService endpoints with neither.\nFix: export the IdP metadata again from the IdP console (it normally lists both).";
    PairNameidFormat, "pair-nameid-format", Subject, Error, "No NameID format both sides accept",
        "The IdP metadata's NameIDFormat list and the SP metadata's share no format (and neither accepts unspecified). An SP that asks for its format in NameIDPolicy gets status InvalidNameIDPolicy.\nFix: configure the IdP application's NameID format to one the SP lists (for email-based SPs, emailAddress).";
    PairAuthnRequestsUnsigned, "pair-authn-requests-unsigned", Signature, Error, "AuthnRequest signing does not fit",
        "The IdP wants signed AuthnRequests (WantAuthnRequestsSigned) but the SP does not sign them (AuthnRequestsSigned), or requests are to be signed and the SP metadata has no signing certificate to verify them with. The IdP will reject the SP's sign-in requests.\nFix: turn on AuthnRequest signing in the SP and put its signing certificate in its metadata, or turn off the requirement in the IdP application.";
    PairAssertionsSigned, "pair-assertions-signed", Signature, Info, "The SP wants signed Assertions",
        "The SP metadata says WantAssertionsSigned=\"true\": a Response signed only on the outside is refused. IdP metadata cannot say which element the IdP signs, so this is a reminder, checked for real by `verify` on a captured Response.\nFix: set the IdP application to sign the Assertion (Okta: Assertion Signature Signed; Entra ID: Signing Option 'Sign SAML assertion' or 'Sign SAML response and assertion'; AD FS: Set-AdfsRelyingPartyTrust -SamlResponseSignature AssertionOnly or MessageAndAssertion).";
    MetadataNoSigningKey, "metadata-no-signing-key", Certificate, Error, "The IdP metadata has no signing certificate",
        "The IdPSSODescriptor has no KeyDescriptor with use=\"signing\" (or without use) holding an X509Certificate.";
    MetadataNoEndpoint, "metadata-no-endpoint", Destination, Error, "The metadata lists no SSO or ACS endpoint",
        "IdP metadata needs a SingleSignOnService; SP metadata needs an AssertionConsumerService.";
    MetadataInsecureEndpoint, "metadata-insecure-endpoint", Destination, Warning, "An endpoint uses http, not https",
        "SAML endpoints should be served over HTTPS; browsers and SPs increasingly refuse plain http.";
    MetadataNoEntityId, "metadata-no-entity-id", Issuer, Error, "The metadata has no entityID",
        "EntityDescriptor must carry an entityID; it is the Issuer (IdP) or the Audience (SP).";
    MetadataSignatureInvalid, "metadata-signature-invalid", Signature, Error, "The metadata's signature does not verify",
        "The metadata is signed, but not validly under the certificate given with --cert (or the signature does not cover the whole document). Metadata fetched from a federation or an IdP URL should be authenticated before its keys are trusted.\nFix: get the metadata signing certificate from the federation operator or IdP and fetch the metadata again.";
    MetadataUnsigned, "metadata-unsigned", Signature, Warning, "The metadata is not signed",
        "--cert asks for signed metadata, but this document carries no signature on its root, so its keys cannot be authenticated.";
    MetadataExpired, "metadata-expired", Time, Error, "The metadata's validUntil has passed",
        "The metadata document says it is valid only until a date that has passed; SPs that honour validUntil refuse it.";
}

/// Policy findings: where conformant SPs differ, so `--allow CODE` may lower them to a warning
/// and `--deny CODE` raise them to an error. Every other code with error severity is a forgery
/// or a MUST of the specifications, and can never be allowed.
pub const POLICY: &[Code] = &[
    Code::SignaturePlacementUnusual,
    Code::SignatureReferenceWholeDocument,
    Code::CertificateExpired,
    Code::CertificateNotYetValid,
    Code::CertificateExpiring,
    Code::AlgorithmSha1,
    Code::AudienceMissing,
    Code::DestinationMissing,
    Code::InResponseToMissing,
    Code::InResponseToUnsolicited,
    Code::TimeTooOld,
    Code::AssertionInAdvice,
    Code::AttributeDuplicate,
    Code::IssuerMissing,
    Code::EmailMissing,
    Code::NameidSpNameQualifier,
    Code::NameidWhitespace,
];

/// The candidate closest to a mistyped `input` (edit distance at most a third of its length, or
/// a prefix), for "did you mean" in usage errors.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&input, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= (input.len() / 3).max(1) || c.starts_with(&input))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Whether `code` is a policy finding (see [`POLICY`]).
pub fn is_policy(code: &str) -> bool {
    POLICY.iter().any(|c| c.as_str() == code)
}

/// The registry entry for `code`.
pub fn get(code: &str) -> Option<&'static CodeDoc> {
    CODES.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_codes_are_registered_and_no_forgery_is_policy() {
        for p in POLICY.iter().map(|c| c.as_str()) {
            assert!(get(p).is_some(), "{p}");
            assert!(
                !p.starts_with("wrapping-") && !p.starts_with("decryption-"),
                "{p}"
            );
        }
    }

    #[test]
    fn every_code_is_its_own_registry_row() {
        assert_eq!(Code::ALL.len(), CODES.len());
        for (i, c) in Code::ALL.iter().enumerate() {
            assert_eq!(c.doc().code, c.as_str());
            assert_eq!(CODES[i].code, c.as_str());
        }
    }

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for c in CODES {
            assert!(seen.insert(c.code), "duplicate {}", c.code);
            assert!(
                c.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                c.code
            );
        }
    }
}
