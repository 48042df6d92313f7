//! The fix for each kind of problem, named in the IdP's own console terms.

use super::Idp;

/// What a hint is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// No email, a placeholder, or an empty attribute statement.
    EmailMapping,
    /// The email source exists but is empty for this user.
    EmptyEmail,
    /// Audience / entity ID.
    Audience,
    /// ACS / Reply URL.
    Acs,
    /// Signing certificate rotation or expiry.
    Certificate,
    /// NameID format and value.
    NameId,
    /// The user is not assigned to the application.
    Assignment,
    /// The message is not signed (or not where the SP needs it).
    Signing,
}

impl Idp {
    /// The fix for `topic`, in this IdP's console terms.
    pub fn hint(self, topic: Topic) -> String {
        use Idp::*;
        use Topic::*;
        match (self, topic) {
            (AwsIdentityCenter, EmailMapping) => "AWS IAM Identity Center sends no attributes by default: in IAM Identity Center > Applications > (your app) > Actions > Edit attribute mappings, set Subject → ${user:email} with format emailAddress, and add an attribute 'email' → ${user:email} with format basic".into(),
            (AwsIdentityCenter, EmptyEmail) => "${user:email} resolved to nothing: give every assigned user a Primary email in IAM Identity Center > Users".into(),
            (AwsIdentityCenter, Audience) => "in IAM Identity Center > Applications > (your app) > Actions > Edit configuration, set 'Application SAML audience' to the SP's entity ID exactly".into(),
            (AwsIdentityCenter, Acs) => "in IAM Identity Center > Applications > (your app) > Actions > Edit configuration, set 'Application ACS URL' to the SP's ACS URL exactly".into(),
            (AwsIdentityCenter, Certificate) => "download the current IAM Identity Center SAML metadata (Applications > your app > IAM Identity Center metadata) and upload it to the SP".into(),
            (AwsIdentityCenter, NameId) => "in Edit attribute mappings, map Subject to ${user:email} with format emailAddress".into(),
            (AwsIdentityCenter, Assignment) => "assign the user or a group to the application (Applications > your app > Assigned users and groups)".into(),
            (EntraId, EmailMapping) => "in Entra ID > Enterprise applications > (your app) > Single sign-on > Attributes & Claims, set Unique User Identifier (Name ID) to user.mail (format Email address) or add an 'email' claim with source attribute user.mail".into(),
            (EntraId, EmptyEmail) => "the user's Mail property is empty in Entra ID: set it (Users > the user > Properties > Email) or map user.userprincipalname instead".into(),
            (EntraId, Audience) => "in Entra ID > Enterprise applications > (your app) > Single sign-on > Basic SAML Configuration, set Identifier (Entity ID) to the SP's entity ID".into(),
            (EntraId, Acs) => "in Entra ID > Enterprise applications > (your app) > Single sign-on > Basic SAML Configuration, set Reply URL (Assertion Consumer Service URL) to the SP's ACS URL".into(),
            (EntraId, Certificate) => "in Entra ID > Enterprise applications > (your app) > Single sign-on > SAML Certificates, check which certificate is Active and download Federation Metadata XML for the SP".into(),
            (EntraId, NameId) => "in Attributes & Claims, edit Unique User Identifier (Name ID): source attribute user.mail, name identifier format Email address".into(),
            (EntraId, Assignment) => "assign the user in Entra ID > Enterprise applications > (your app) > Users and groups, or set 'Assignment required?' to No".into(),
            (Okta, EmailMapping) => "in Okta Admin > Applications > (your app) > Sign On > SAML settings, set Application username format to Email and add an Attribute Statement 'email' → user.email".into(),
            (Okta, EmptyEmail) => "the Okta user profile's email is empty: set it in Directory > People".into(),
            (Okta, Audience) => "in Okta Admin > Applications > (your app) > General > SAML Settings, set Audience URI (SP Entity ID)".into(),
            (Okta, Acs) => "in Okta Admin > Applications > (your app) > General > SAML Settings, set Single sign-on URL (and 'Use this for Recipient URL and Destination URL')".into(),
            (Okta, Certificate) => "in Okta Admin > Applications > (your app) > Sign On > SAML Signing Certificates, check the active certificate and download its metadata".into(),
            (Okta, NameId) => "set Name ID format to EmailAddress and Application username to Email in the app's SAML settings".into(),
            (Okta, Assignment) => "assign the user in Okta Admin > Applications > (your app) > Assignments".into(),
            (Google, EmailMapping) => "in Google Admin > Apps > Web and mobile apps > (your app) > SAML attribute mapping, map Basic Information > Primary email to 'email'; set Name ID to Primary email".into(),
            (Google, Audience) => "in Google Admin > Apps > Web and mobile apps > (your app) > Service provider details, set Entity ID".into(),
            (Google, Acs) => "in Google Admin > Apps > Web and mobile apps > (your app) > Service provider details, set ACS URL".into(),
            (Google, Certificate) => "download the IdP metadata again from Google Admin > Apps > Web and mobile apps > (your app) > Download metadata".into(),
            (Google, Assignment) => "turn the app ON for the user's organisational unit or group in Google Admin > Apps > Web and mobile apps > (your app) > User access".into(),
            (OneLogin, EmailMapping) => "in OneLogin > Applications > (your app) > Configuration/Parameters, map 'Email' and set SAML nameID format to Email".into(),
            (OneLogin, Audience) => "in OneLogin > Applications > (your app) > Configuration, set Audience (EntityID)".into(),
            (OneLogin, Acs) => "in OneLogin > Applications > (your app) > Configuration, set ACS (Consumer) URL and Recipient".into(),
            (Auth0, EmailMapping) => "in Auth0 > Applications > (your app) > Addons > SAML2 Web App > Settings, set \"nameIdentifierProbes\" to the email claim and keep the email mapping".into(),
            (Auth0, Audience) => "in the SAML2 Web App addon settings, set \"audience\" to the SP's entity ID".into(),
            (Auth0, Acs) => "in the SAML2 Web App addon, set Application Callback URL to the SP's ACS URL".into(),
            (Adfs, EmailMapping) => "in AD FS Management > Relying Party Trusts > (the trust) > Edit Claim Issuance Policy, add a 'Send LDAP Attributes as Claims' rule mapping E-Mail-Addresses to E-Mail Address, and a Transform rule to Name ID (format Email)".into(),
            (Adfs, Audience) => "in AD FS Management > Relying Party Trusts > (the trust) > Properties > Identifiers, add the SP's entity ID".into(),
            (Adfs, Acs) => "in AD FS Management > Relying Party Trusts > (the trust) > Properties > Endpoints, set the SAML Assertion Consumer endpoint".into(),
            (Adfs, Certificate) => "AD FS rolled its token-signing certificate (AD FS Management > Service > Certificates): update the SP with the new one or with fresh federation metadata".into(),
            (JumpCloud, EmailMapping) => "in JumpCloud > SSO > (your app) > SSO tab, set SAMLSubject NameID to email and add an attribute 'email' → email".into(),
            (JumpCloud, Audience) => "in JumpCloud > SSO > (your app), set SP Entity ID".into(),
            (JumpCloud, Acs) => "in JumpCloud > SSO > (your app), set ACS URL".into(),
            (Keycloak, EmailMapping) => "in Keycloak > Clients > (your client) > Client scopes > dedicated scope, add a 'User Property' mapper for email with SAML Attribute Name 'email', and set Name ID format to email".into(),
            (Keycloak, Audience) => "in Keycloak the SAML client's Client ID is the audience: make it equal the SP's entity ID".into(),
            (Keycloak, Acs) => "in Keycloak > Clients > (your client) > Advanced > Assertion Consumer Service POST Binding URL, set the SP's ACS URL".into(),
            (AzureAdB2c, EmailMapping) => "in the B2C SAML relying-party policy (e.g. SignUpOrSignin_saml.xml), add <OutputClaim ClaimTypeReferenceId=\"email\" PartnerClaimType=\"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress\"/> to the TechnicalProfile's OutputClaims, or set SubjectNamingInfo ClaimType to the email claim; upload the policy again in Azure AD B2C > Identity Experience Framework".into(),
            (AzureAdB2c, Audience) => "in Azure AD B2C > App registrations > (the SP's registration) > Expose an API, set the Application ID URI to the SP's entity ID exactly; B2C issues the audience from it".into(),
            (AzureAdB2c, Acs) => "in Azure AD B2C > App registrations > (the SP's registration) > Authentication, add the SP's ACS URL as a Web Redirect URI (B2C also reads it from the SP metadata's AssertionConsumerService)".into(),
            (PingOne, EmailMapping) => "in PingOne > Connections > Applications > (your app) > Attribute Mappings, map saml_subject to Email Address and add an attribute 'email' → Email Address".into(),
            (PingOne, Audience) => "in PingOne > Connections > Applications > (your app) > Configuration, set Entity ID to the SP's entity ID exactly".into(),
            (PingOne, Acs) => "in PingOne > Connections > Applications > (your app) > Configuration, set ACS URLs to the SP's ACS URL exactly".into(),
            (PingFederate, EmailMapping) => "in PingFederate > Applications > SP Connections > (the connection) > Browser SSO > Assertion Creation > Attribute Contract Fulfillment, map SAML_SUBJECT and an 'email' attribute to the data store's mail attribute".into(),
            (PingFederate, Audience) => "in PingFederate > Applications > SP Connections > (the connection) > General Info, set Partner's Entity ID (Connection ID) to the SP's entity ID".into(),
            (PingFederate, Acs) => "in PingFederate > Applications > SP Connections > (the connection) > Browser SSO > Protocol Settings > Assertion Consumer Service URL, set the SP's ACS URL".into(),
            (OracleAccessManager, EmailMapping) => "in the Oracle Access Manager console > Federation > Identity Provider Administration > (the SP partner) > Attribute Profile, map 'email' to $user.attr.mail, and set the NameID format to Email Address with value mail".into(),
            (OracleAccessManager, Audience) => "in the Oracle Access Manager console > Federation > Identity Provider Administration, the SP partner's Provider ID must equal the SP's entity ID (load the SP's metadata again)".into(),
            (OracleAccessManager, Acs) => "in Oracle Access Manager the ACS URL comes from the SP partner's metadata: load the SP's current metadata into the partner in Federation > Identity Provider Administration".into(),
            (Duo, EmailMapping) => "in the Duo Admin Panel > Applications > (your app) > SAML Response, set NameID format to emailAddress with NameID attribute <Email Address>, and under Map attributes map <Email Address> → email".into(),
            (Duo, Audience) => "in the Duo Admin Panel > Applications > (your app) > Service Provider, set Entity ID to the SP's entity ID exactly".into(),
            (Duo, Acs) => "in the Duo Admin Panel > Applications > (your app) > Service Provider, set Assertion Consumer Service (ACS) URL to the SP's ACS URL exactly".into(),
            (CyberArk, EmailMapping) => "in the CyberArk Identity Admin Portal > Web Apps > (your app) > SAML Response, add an attribute 'email' with value LoginUser.Email, and set the NameID to LoginUser.Email".into(),
            (CyberArk, Audience) => "in the CyberArk Identity Admin Portal > Web Apps > (your app) > Trust > Service Provider Configuration, set SP Entity ID to the SP's entity ID".into(),
            (CyberArk, Acs) => "in the CyberArk Identity Admin Portal > Web Apps > (your app) > Trust > Service Provider Configuration, set Assertion Consumer Service (ACS) URL".into(),
            (Salesforce, EmailMapping) => "in Salesforce Setup > App Manager > (the connected app) > Manage > Custom Attributes, add 'email' = $User.Email; in Edit Policies set Subject Type to 'User's email' (or a custom attribute) and Name ID Format to emailAddress".into(),
            (Salesforce, Audience) => "in Salesforce Setup > App Manager > (the connected app) > Edit > Web App Settings, set Entity Id to the SP's entity ID".into(),
            (Salesforce, Acs) => "in Salesforce Setup > App Manager > (the connected app) > Edit > Web App Settings, set ACS URL to the SP's ACS URL".into(),
            (_, EmailMapping) => format!("in {}, map the user's email to the Subject NameID (format emailAddress) or add an attribute named 'email' carrying it", self.name()),
            (_, EmptyEmail) => format!("the user has no email in {}: set it in the user's profile", self.name()),
            (_, Audience) => format!("set the Audience / SP entity ID in {}'s application to the SP's entity ID exactly", self.name()),
            (_, Acs) => format!("set the ACS / Reply URL in {}'s application to the SP's ACS URL exactly", self.name()),
            (_, Certificate) => format!("get the current signing certificate or metadata from {} and upload it to the SP", self.name()),
            (_, NameId) => format!("map the Name ID in {} to the user's email, format emailAddress", self.name()),
            (_, Assignment) => format!("assign the user to the application in {}", self.name()),
            (AwsIdentityCenter, Signing) => "IAM Identity Center signs its assertions: make sure the SP trusts the certificate from the IAM Identity Center metadata (Applications > your app > IAM Identity Center metadata)".into(),
            (EntraId, Signing) => "in Entra ID > Enterprise applications > (your app) > Single sign-on > SAML Certificates > Edit, set Signing Option to 'Sign SAML response and assertion'".into(),
            (Okta, Signing) => "in Okta Admin > Applications > (your app) > General > SAML Settings > Show Advanced Settings, set Response and Assertion Signature to Signed".into(),
            (Google, Signing) => "in Google Admin > Apps > Web and mobile apps > (your app) > Service provider details, enable Signed response".into(),
            (OneLogin, Signing) => "in OneLogin > Applications > (your app) > Configuration, set SAML signature element to Both".into(),
            (Auth0, Signing) => "in the SAML2 Web App addon settings, set \"signResponse\": true (assertions are signed by default)".into(),
            (Adfs, Signing) => "run Set-AdfsRelyingPartyTrust -TargetName <trust> -SamlResponseSignature MessageAndAssertion on the AD FS server".into(),
            (JumpCloud, Signing) => "in JumpCloud > SSO > (your app), set Sign to Assertion and Response".into(),
            (Keycloak, Signing) => "in Keycloak > Clients > (your client) > Keys / Signature and Encryption, turn on Sign documents and Sign assertions".into(),
            (_, Signing) => format!("enable assertion (and/or response) signing in {}'s application, and trust its current signing certificate", self.name()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_idp_has_console_specific_hints() {
        let known = [
            (Idp::AwsIdentityCenter, "IAM Identity Center"),
            (Idp::EntraId, "Entra ID"),
            (Idp::AzureAdB2c, "B2C"),
            (Idp::Okta, "Okta"),
            (Idp::Google, "Google Admin"),
            (Idp::OneLogin, "OneLogin"),
            (Idp::Auth0, "SAML2 Web App"),
            (Idp::Adfs, "AD FS"),
            (Idp::JumpCloud, "JumpCloud"),
            (Idp::Keycloak, "Keycloak"),
            (Idp::PingFederate, "PingFederate"),
            (Idp::PingOne, "PingOne"),
            (Idp::OracleAccessManager, "Oracle Access Manager"),
            (Idp::Duo, "Duo Admin Panel"),
            (Idp::CyberArk, "CyberArk Identity Admin Portal"),
            (Idp::Salesforce, "Salesforce Setup"),
        ];
        for (idp, console) in known {
            for topic in [Topic::EmailMapping, Topic::Audience, Topic::Acs] {
                let h = idp.hint(topic);
                assert!(h.contains(console), "{idp:?} {topic:?}: {h}");
            }
            for topic in [
                Topic::EmptyEmail,
                Topic::Certificate,
                Topic::NameId,
                Topic::Assignment,
                Topic::Signing,
            ] {
                assert!(!idp.hint(topic).is_empty());
            }
        }
        assert!(Idp::Unknown.hint(Topic::EmailMapping).contains("the IdP"));
    }
}
