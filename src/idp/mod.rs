//! Recognising the identity provider — from its Issuer, its metadata, or the syntax of a mapping
//! expression it sent unresolved — and naming it. The fixes in its console's terms live in `hints`.

pub mod errors;
mod hints;

use serde::Serialize;

pub use hints::Topic;

/// Identity providers whose consoles the hints know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Idp {
    AwsIdentityCenter,
    EntraId,
    AzureAdB2c,
    Okta,
    Google,
    OneLogin,
    Auth0,
    Adfs,
    JumpCloud,
    Keycloak,
    PingFederate,
    PingOne,
    Shibboleth,
    SimpleSamlPhp,
    OracleAccessManager,
    Duo,
    CyberArk,
    Salesforce,
    Zscaler,
    Unknown,
}

/// What the IdP was recognised from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", content = "value", rename_all = "snake_case")]
pub enum Basis {
    /// The message's Issuer.
    Issuer,
    /// The entityID of the IdP metadata, or `--issuer`.
    Expected,
    /// The syntax of an unresolved mapping expression the IdP sent, e.g. `${user:email}`.
    Placeholder(String),
}

impl Idp {
    /// Recognises the IdP from an Issuer or entityID.
    pub fn recognise(issuer: Option<&str>) -> Idp {
        let Some(i) = issuer else { return Idp::Unknown };
        let l = i.to_ascii_lowercase();
        let has = |s: &str| l.contains(s);
        if has("portal.sso.") && has(".amazonaws.com/saml") {
            Idp::AwsIdentityCenter
        } else if has("b2clogin.com") || has("/b2c_1") {
            // B2C policies are named B2C_1_… (user flows) or B2C_1A_… (custom policies).
            Idp::AzureAdB2c
        } else if l.starts_with("https://sts.windows.net/") || has("login.microsoftonline.com") {
            Idp::EntraId
        } else if has("okta.com") || has("oktapreview.com") || has("okta-emea.com") {
            Idp::Okta
        } else if has("accounts.google.com") {
            Idp::Google
        } else if has("onelogin.com") {
            Idp::OneLogin
        } else if has("auth0.com") {
            Idp::Auth0
        } else if has("/adfs/services/trust") {
            Idp::Adfs
        } else if has("jumpcloud") {
            Idp::JumpCloud
        } else if has("/realms/") {
            Idp::Keycloak
        } else if has("pingone.") {
            Idp::PingOne
        } else if has(":9031") || has("pingfed") || has("/idp/sso.saml2") {
            Idp::PingFederate
        } else if l.ends_with("/idp/shibboleth") || has("shibboleth") {
            Idp::Shibboleth
        } else if has("/simplesaml/") || has("simplesamlphp") {
            Idp::SimpleSamlPhp
        } else if has("/oam/fed") || has("oracleaccessmanager") {
            Idp::OracleAccessManager
        } else if has("duosecurity.com") {
            Idp::Duo
        } else if has("cyberark") || has("idaptive") || has("centrify.com") {
            Idp::CyberArk
        } else if has(".salesforce.com") || has(".force.com") {
            Idp::Salesforce
        } else if has("zslogin.net") || has("zscaler") {
            Idp::Zscaler
        } else {
            Idp::Unknown
        }
    }

    /// The IdP whose console writes mapping expressions the way `value` is written, when the
    /// syntax is particular to one product.
    pub fn from_placeholder(value: &str) -> Option<Idp> {
        let v = crate::xml::text::trim_xml(value);
        let l = v.to_ascii_lowercase();
        if ["${user:", "${path:", "$<user:", "$(user:", "$[user:"]
            .iter()
            .any(|p| l.starts_with(p))
        {
            Some(Idp::AwsIdentityCenter)
        } else if l.starts_with("${user.") || l.starts_with("${providerattributes.") {
            Some(Idp::PingOne)
        } else if l.starts_with("$user.attr.") || l.starts_with("$user.") {
            Some(Idp::OracleAccessManager)
        } else if l.starts_with("loginuser.") {
            Some(Idp::CyberArk)
        } else if v.starts_with('<') && v.ends_with('>') && v.len() > 2 {
            // Duo's bridge attributes: <Email Address>, <Username>, <First Name>.
            Some(Idp::Duo)
        } else if [
            "user.mail",
            "user.userprincipalname",
            "user.givenname",
            "user.surname",
            "user.displayname",
            "user.objectid",
            "user.onpremisessamaccountname",
        ]
        .contains(&l.as_str())
        {
            Some(Idp::EntraId)
        } else if [
            "user.email",
            "user.login",
            "user.firstname",
            "user.lastname",
        ]
        .contains(&l.as_str())
            || l.starts_with("appuser.")
        {
            Some(Idp::Okta)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Idp::AwsIdentityCenter => "AWS IAM Identity Center",
            Idp::EntraId => "Microsoft Entra ID",
            Idp::AzureAdB2c => "Azure AD B2C",
            Idp::Okta => "Okta",
            Idp::Google => "Google Workspace",
            Idp::OneLogin => "OneLogin",
            Idp::Auth0 => "Auth0",
            Idp::Adfs => "AD FS",
            Idp::JumpCloud => "JumpCloud",
            Idp::Keycloak => "Keycloak",
            Idp::PingFederate => "PingFederate",
            Idp::PingOne => "PingOne",
            Idp::Shibboleth => "Shibboleth IdP",
            Idp::SimpleSamlPhp => "SimpleSAMLphp",
            Idp::OracleAccessManager => "Oracle Access Manager",
            Idp::Duo => "Duo",
            Idp::CyberArk => "CyberArk Identity",
            Idp::Salesforce => "Salesforce",
            Idp::Zscaler => "Zscaler",
            Idp::Unknown => "the IdP",
        }
    }
}

impl Basis {
    /// Words for the report, after the IdP's name.
    pub fn describe(&self) -> String {
        match self {
            Basis::Issuer => "from the Issuer".into(),
            Basis::Expected => "from the IdP metadata / --issuer".into(),
            Basis::Placeholder(p) => format!("guessed from the placeholder syntax {p:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_issuers() {
        let cases = [
            (
                "https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIz",
                Idp::AwsIdentityCenter,
            ),
            (
                "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
                Idp::EntraId,
            ),
            (
                "https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1A_signup_signin_saml",
                Idp::AzureAdB2c,
            ),
            (
                "https://login.microsoftonline.com/te/contoso.onmicrosoft.com/B2C_1A_SAML",
                Idp::AzureAdB2c,
            ),
            ("http://www.okta.com/exk1234", Idp::Okta),
            ("https://accounts.google.com/o/saml2?idpid=C01", Idp::Google),
            ("https://app.onelogin.com/saml/metadata/123", Idp::OneLogin),
            ("urn:dev-abc.us.auth0.com", Idp::Auth0),
            ("http://adfs.example.com/adfs/services/trust", Idp::Adfs),
            ("JumpCloud", Idp::JumpCloud),
            ("https://kc.example.com/realms/main", Idp::Keycloak),
            ("https://pingfed.example.com:9031", Idp::PingFederate),
            (
                "https://auth.pingone.com/0a7af83d-4ed9-4510-93cd-506fe835f69a",
                Idp::PingOne,
            ),
            ("https://idp.example.org/idp/shibboleth", Idp::Shibboleth),
            (
                "https://idp.example.org/simplesaml/saml2/idp/metadata.php",
                Idp::SimpleSamlPhp,
            ),
            (
                "http://oam.example.com:14100/oam/fed",
                Idp::OracleAccessManager,
            ),
            (
                "https://sso-4fe91b2c.sso.duosecurity.com/saml2/sp/DIRP9Z0/metadata",
                Idp::Duo,
            ),
            ("https://abc1234.id.cyberark.cloud/1f3ac9e2", Idp::CyberArk),
            ("https://example.my.salesforce.com", Idp::Salesforce),
            ("https://example.zslogin.net/oauth2", Idp::Zscaler),
            ("https://idp.example.org", Idp::Unknown),
        ];
        for (issuer, idp) in cases {
            assert_eq!(Idp::recognise(Some(issuer)), idp, "{issuer}");
        }
    }

    #[test]
    fn recognises_placeholder_syntax() {
        let cases = [
            ("${user:email}", Some(Idp::AwsIdentityCenter)),
            ("${user.email}", Some(Idp::PingOne)),
            ("$user.attr.mail", Some(Idp::OracleAccessManager)),
            ("LoginUser.Email", Some(Idp::CyberArk)),
            ("<Email Address>", Some(Idp::Duo)),
            ("user.mail", Some(Idp::EntraId)),
            ("user.userprincipalname", Some(Idp::EntraId)),
            ("user.email", Some(Idp::Okta)),
            ("{{email}}", None),
            ("%email%", None),
            ("alice@example.com", None),
        ];
        for (value, idp) in cases {
            assert_eq!(Idp::from_placeholder(value), idp, "{value}");
        }
    }
}
