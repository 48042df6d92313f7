#!/usr/bin/env python3
"""The IdP shape gallery: per product, a valid signed Response in that product's real shape, a
tampered copy, and (where the product encrypts) an encrypted one, under testdata/idp/<product>/.

Shapes follow each product's public documentation and published sample responses: namespace
prefixes (saml2p/saml2 for Java stacks, samlp/saml for .NET and Node, default namespaces for
Entra ID and AD FS, dsig: for Keycloak), which element is signed and where the Signature sits
(Auth0 appends the Response signature as the Response's last child), algorithms (Auth0 still
defaults to RSA-SHA1), the encryption layout (Okta points to an EncryptedKey beside the
EncryptedData with ds:RetrievalMethod), NameID formats, attribute names and NameFormats, Issuer
patterns and fractional seconds. Every signature is made by the xmlsec1 CLI with the fixture IdP
key (keys/idp.key); every encryption by xmlsec1 to keys/sp.crt.

Run: python3 testdata/gallery.py   (generate.py runs it too)
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate as g  # noqa: E402

SAMLP, SAML, DS = g.SAMLP, g.SAML, g.DS
XENC = "http://www.w3.org/2001/04/xmlenc#"
XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
ACS, AUD = g.AMP_ACS, g.AMP_ENTITY
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"
BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer"
EMAIL_FMT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
UNSPEC_FMT = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"
TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"
PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
BASIC = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic"
URI = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"
UNSPEC_NF = "urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified"
PPT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
CLAIMS = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims"
OUT = os.path.join(g.HERE, "idp")


def t(frac=""):
    """The fixture times with a product's fractional-second style."""
    return {k: v.replace("Z", frac + "Z") for k, v in
            {"issue": g.ISSUE, "nb": g.NOT_BEFORE, "noa": g.NOT_AFTER, "session": g.SESSION_END,
             "authn": "2026-01-15T09:59:58Z"}.items()}


def sig(ref, p="ds", alg="rsa-sha256", digest="sha256", keyname=False):
    """A signature template; p is the prefix ('' for a default namespace)."""
    s = g.sig_template(ref, alg, digest)
    if p != "ds":
        pre = f"{p}:" if p else ""
        decl = f'xmlns:{p}="{DS}"' if p else f'xmlns="{DS}"'
        s = s.replace(f'xmlns:ds="{DS}"', decl).replace("<ds:", "<" + pre).replace("</ds:", "</" + pre)
    if keyname:
        pre = f"{p}:" if p else ""
        s = s.replace(f"<{pre}KeyInfo>", f"<{pre}KeyInfo><{pre}KeyName>kc-rsa-key</{pre}KeyName>")
    return s


def attr(p, name, values, fmt=None, friendly=None, typed=True):
    """typed: True declares xs/xsi on each value, "declared" relies on the root's declarations, False untyped."""
    nf = f' NameFormat="{fmt}"' if fmt else ""
    fr = f' FriendlyName="{friendly}"' if friendly else ""
    pre = f"{p}:" if p else ""
    ty = {True: f' {XS} xsi:type="xs:string"', "declared": ' xsi:type="xs:string"', False: ""}[typed]
    vals = "".join(f"<{pre}AttributeValue{ty}>{v}</{pre}AttributeValue>" for v in values)
    return f'<{pre}Attribute Name="{name}"{nf}{fr}>{vals}</{pre}Attribute>'


def subject(p, name_id, fmt, t_, irt=None, extra=""):
    pre = f"{p}:" if p else ""
    i = f' InResponseTo="{irt}"' if irt else ""
    return (f'<{pre}Subject><{pre}NameID Format="{fmt}"{extra}>{name_id}</{pre}NameID>'
            f'<{pre}SubjectConfirmation Method="{BEARER}"><{pre}SubjectConfirmationData{i} NotOnOrAfter="{t_["noa"]}" Recipient="{ACS}"/>'
            f'</{pre}SubjectConfirmation></{pre}Subject>')


def conditions(p, t_):
    pre = f"{p}:" if p else ""
    return (f'<{pre}Conditions NotBefore="{t_["nb"]}" NotOnOrAfter="{t_["noa"]}"><{pre}AudienceRestriction>'
            f'<{pre}Audience>{AUD}</{pre}Audience></{pre}AudienceRestriction></{pre}Conditions>')


def authn(p, t_, session="_s1", cls=PPT):
    pre = f"{p}:" if p else ""
    return (f'<{pre}AuthnStatement AuthnInstant="{t_["authn"]}" SessionIndex="{session}" SessionNotOnOrAfter="{t_["session"]}">'
            f'<{pre}AuthnContext><{pre}AuthnContextClassRef>{cls}</{pre}AuthnContextClassRef></{pre}AuthnContext></{pre}AuthnStatement>')


def strip_decl(x):
    return re.sub(r"^<\?xml[^>]*\?>\s*", "", x).strip()


def sign_alone(xml, xpath=None):
    """Signs an element as its own document (how IdPs sign an Assertion before embedding it)."""
    return strip_decl(sign('<?xml version="1.0" encoding="UTF-8"?>\n' + xml, xpath))


def sign(xml, xpath=None):
    if xpath is None:
        return g.xmlsec_sign(xml)
    src, dst = os.path.join(g.TMP, "gin.xml"), os.path.join(g.TMP, "gout.xml")
    open(src, "w").write(xml)
    g.run("xmlsec1", "--sign", "--privkey-pem", f"{g.KEYS}/idp.key,{g.KEYS}/idp.crt",
          "--id-attr:ID", f"{SAML}:Assertion", "--id-attr:ID", f"{SAMLP}:Response",
          "--node-xpath", xpath, "--output", dst, src)
    return open(dst).read()


def encrypt(assertion_xml, alg="aes256-cbc", transport="rsa-oaep-mgf1p", ds_prefix="ds"):
    """xmlsec1 encrypts the (signed) Assertion to the SP certificate; returns the EncryptedData
    with the EncryptedKey inside its KeyInfo (the XML Encryption default layout)."""
    plain = os.path.join(g.TMP, "gplain.xml")
    open(plain, "w").write('<?xml version="1.0" encoding="UTF-8"?>\n' + assertion_xml)
    ns = "http://www.w3.org/2009/xmlenc11#" if alg.endswith("gcm") else XENC
    tmpl = os.path.join(g.TMP, "gtmpl.xml")
    open(tmpl, "w").write(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<xenc:EncryptedData xmlns:xenc="{XENC}" Type="{XENC}Element"><xenc:EncryptionMethod Algorithm="{ns}{alg}"/>'
        f'<ds:KeyInfo xmlns:ds="{DS}"><xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="{XENC}{transport}"/>'
        f'<ds:KeyInfo><ds:X509Data><ds:X509Certificate>{g.cert_b64("sp.crt")}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>'
        '<xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo>'
        '<xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedData>\n')
    out = os.path.join(g.TMP, "genc.xml")
    session = "aes-256" if "256" in alg else "aes-128"
    g.run("xmlsec1", "--encrypt", "--pubkey-cert-pem", f"{g.KEYS}/sp.crt", "--session-key", session,
          "--xml-data", plain, "--output", out, tmpl)
    return strip_decl(open(out).read())


def okta_layout(enc, key_id):
    """Okta's layout: the EncryptedKey moves out of KeyInfo to sit beside the EncryptedData, with
    an Id, and the EncryptedData's KeyInfo points to it with ds:RetrievalMethod."""
    m = re.search(r"<xenc:EncryptedKey>.*?</xenc:EncryptedKey>", enc, re.S)
    key = m.group(0).replace("<xenc:EncryptedKey>", f'<xenc:EncryptedKey xmlns:xenc="{XENC}" Id="{key_id}">', 1)
    key = key.replace("<ds:KeyInfo>", f'<ds:KeyInfo xmlns:ds="{DS}">', 1)
    data = enc.replace(m.group(0), f'<ds:RetrievalMethod Type="{XENC}EncryptedKey" URI="#{key_id}"/>')
    return data, key


def write(product, name, xml):
    d = os.path.join(OUT, product)
    os.makedirs(d, exist_ok=True)
    if not xml.startswith("<?xml"):
        xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + xml
    with open(os.path.join(d, name), "w") as f:
        f.write(xml.rstrip("\n") + "\n")


def tamper(product, xml, old, new):
    assert old in xml, (product, old)
    write(product, "tampered.xml", xml.replace(old, new, 1))


# --- the products -------------------------------------------------------------------------------

def entra():
    iss = "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/"
    t_ = t(".1234567")
    a = (f'<Assertion xmlns="{SAML}" ID="_d71a3a8e-9fcd-4c44-8ab8-6b5e1c0a9f01" IssueInstant="{t_["issue"]}" Version="2.0">'
         f'<Issuer>{iss}</Issuer>{sig("_d71a3a8e-9fcd-4c44-8ab8-6b5e1c0a9f01", "")}'
         + subject("", "alice@contoso.example", EMAIL_FMT, t_, "_req42") + conditions("", t_)
         + "<AttributeStatement>"
         + attr("", "http://schemas.microsoft.com/identity/claims/tenantid", ["72f988bf-86f1-41af-91ab-2d7cd011db47"], typed=False)
         + attr("", "http://schemas.microsoft.com/identity/claims/objectidentifier", ["0c2a6f4e-5b1d-4a8e-9f3c-2d7e1b6a4c90"], typed=False)
         + attr("", "http://schemas.microsoft.com/identity/claims/displayname", ["Alice Example"], typed=False)
         + attr("", "http://schemas.microsoft.com/identity/claims/identityprovider", [iss], typed=False)
         + attr("", "http://schemas.microsoft.com/claims/authnmethodsreferences", ["http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password"], typed=False)
         + attr("", f"{CLAIMS}/givenname", ["Alice"], typed=False)
         + attr("", f"{CLAIMS}/surname", ["Example"], typed=False)
         + attr("", f"{CLAIMS}/emailaddress", ["alice@contoso.example"], typed=False)
         + attr("", f"{CLAIMS}/name", ["alice@contoso.example"], typed=False)
         + "</AttributeStatement>"
         + authn("", t_, "_d71a3a8e-9fcd-4c44-8ab8-6b5e1c0a9f01", "urn:oasis:names:tc:SAML:2.0:ac:classes:Password")
         + "</Assertion>")
    signed = sign_alone(a)
    head = (f'<samlp:Response ID="_5f3e1a2b-7c4d-4e8f-a1b2-c3d4e5f60718" Version="2.0" IssueInstant="{t_["issue"]}" '
            f'Destination="{ACS}" InResponseTo="_req42" xmlns:samlp="{SAMLP}"><Issuer xmlns="{SAML}">{iss}</Issuer>'
            f'<samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>')
    valid = head + signed + "</samlp:Response>"
    write("entra-id", "valid.xml", valid)
    tamper("entra-id", valid, ">Alice Example<", ">Mallory Example<")
    enc = encrypt(signed)
    write("entra-id", "encrypted.xml", head + f'<EncryptedAssertion xmlns="{SAML}">{enc}</EncryptedAssertion></samlp:Response>')


def okta():
    iss = "http://www.okta.com/exk1abcdEFGH2345x697"
    t_ = t(".512")
    ent = ' Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity"'
    aid = "id30519284783926531174162789"
    a = (f'<saml2:Assertion ID="{aid}" IssueInstant="{t_["issue"]}" Version="2.0" xmlns:saml2="{SAML}" xmlns:xs="http://www.w3.org/2001/XMLSchema">'
         f'<saml2:Issuer{ent}>{iss}</saml2:Issuer>{sig(aid)}'
         + subject("saml2", "alice@example.com", EMAIL_FMT, t_) + conditions("saml2", t_)
         + authn("saml2", t_, "id1768471200512.1234567")
         + "<saml2:AttributeStatement>"
         + attr("saml2", "email", ["alice@example.com"], UNSPEC_NF)
         + attr("saml2", "firstName", ["Alice"], UNSPEC_NF)
         + attr("saml2", "lastName", ["Example"], UNSPEC_NF)
         + "</saml2:AttributeStatement></saml2:Assertion>")
    signed = sign_alone(a)
    rid = "id3051928478341171736829218"

    def resp(body):
        return sign(f'<?xml version="1.0" encoding="UTF-8"?>\n<saml2p:Response Destination="{ACS}" ID="{rid}" IssueInstant="{t_["issue"]}" Version="2.0" '
                    f'xmlns:saml2p="{SAMLP}" xmlns:xs="http://www.w3.org/2001/XMLSchema"><saml2:Issuer xmlns:saml2="{SAML}"{ent}>{iss}</saml2:Issuer>{sig(rid)}'
                    f'<saml2p:Status xmlns:saml2p="{SAMLP}"><saml2p:StatusCode Value="{SUCCESS}"/></saml2p:Status>{body}</saml2p:Response>')
    valid = resp(signed)
    write("okta", "valid.xml", valid)
    tamper("okta", valid, ">alice@example.com</saml2:AttributeValue>", ">mallory@example.com</saml2:AttributeValue>")
    data, key = okta_layout(encrypt(signed), "_6d2d1f7d8f1b4b5c9f0e3a7b2c1d0e9f")
    write("okta", "encrypted.xml", resp(f'<saml2:EncryptedAssertion xmlns:saml2="{SAML}">{data}{key}</saml2:EncryptedAssertion>'))


def google():
    iss = "https://accounts.google.com/o/saml2?idpid=C01abcd23"
    t_ = t(".456")
    aid = "_a5d6c9e0b7f14e22c8d1f0a3b4c5d6e7"
    # Google sends no AttributeStatement unless attributes are mapped; the NameID is the primary email.
    a = (f'<saml2:Assertion xmlns:saml2="{SAML}" ID="{aid}" IssueInstant="{t_["issue"]}" Version="2.0">'
         f'<saml2:Issuer>{iss}</saml2:Issuer>{sig(aid)}'
         + subject("saml2", "alice@example.com", UNSPEC_FMT, t_) + conditions("saml2", t_)
         + f'<saml2:AuthnStatement AuthnInstant="{t_["authn"]}" SessionIndex="_9f8e7d6c5b4a39281706f5e4d3c2b1a0"><saml2:AuthnContext>'
         '<saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>'
         "</saml2:Assertion>")
    valid = (f'<saml2p:Response xmlns:saml2p="{SAMLP}" Destination="{ACS}" ID="_7c2b8e4f1a0d9c3b6e5f4a3b2c1d0e9f" IssueInstant="{t_["issue"]}" Version="2.0">'
             f'<saml2:Issuer xmlns:saml2="{SAML}">{iss}</saml2:Issuer><saml2p:Status><saml2p:StatusCode Value="{SUCCESS}"/></saml2p:Status>'
             + sign_alone(a) + "</saml2p:Response>")
    write("google", "valid.xml", valid)
    tamper("google", valid, ">alice@example.com</saml2:NameID>", ">mallory@example.com</saml2:NameID>")


def onelogin():
    iss = "https://app.onelogin.com/saml/metadata/1234567"
    t_ = t()
    aid = "pfx3b6f0c84-2e0c-7a2b-96a2-2f4f8b1a0c5d"
    a = (f'<saml:Assertion xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         f'xmlns:saml="{SAML}" Version="2.0" ID="{aid}" IssueInstant="{t_["issue"]}"><saml:Issuer>{iss}</saml:Issuer>{sig(aid)}'
         + subject("saml", "alice@example.com", EMAIL_FMT, t_) + conditions("saml", t_)
         + authn("saml", t_, "_0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e")
         + "<saml:AttributeStatement>"
         + attr("saml", "User.email", ["alice@example.com"], BASIC, typed="declared")
         + attr("saml", "User.FirstName", ["Alice"], BASIC, typed="declared")
         + attr("saml", "memberOf", [""], BASIC, typed="declared")
         + "</saml:AttributeStatement></saml:Assertion>")
    valid = (f'<samlp:Response xmlns:saml="{SAML}" xmlns:samlp="{SAMLP}" ID="R0a1b2c3d4e5f60718293a4b5c6d7e8f901234567" Version="2.0" '
             f'IssueInstant="{t_["issue"]}" Destination="{ACS}"><saml:Issuer>{iss}</saml:Issuer>'
             f'<samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>' + sign_alone(a) + "</samlp:Response>")
    write("onelogin", "valid.xml", valid)
    tamper("onelogin", valid, f'NotOnOrAfter="{t_["noa"]}"><saml:AudienceRestriction>', 'NotOnOrAfter="2027-01-15T10:05:00Z"><saml:AudienceRestriction>')


def auth0():
    iss = "urn:dev-abc123.us.auth0.com"
    t_ = t(".789")
    aid = "_bxe1ZJ4v8xYwQ3cNq2rFkT0pLm"
    uid = "auth0|6412a0b1c2d3e4f5a6b7c8d9"
    a = (f'<saml:Assertion xmlns:saml="{SAML}" Version="2.0" ID="{aid}" IssueInstant="{t_["issue"]}"><saml:Issuer>{iss}</saml:Issuer>'
         + sig(aid, "", "rsa-sha1", "sha1")
         + subject("saml", uid, UNSPEC_FMT, t_) + conditions("saml", t_)
         + authn("saml", t_, "_kZ1b2c3d4e5f6g7h8i9j0", "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified")
         + f'<saml:AttributeStatement {XS}>'
         + attr("saml", f"{CLAIMS}/nameidentifier", [uid], URI, typed="declared")
         + attr("saml", f"{CLAIMS}/emailaddress", ["alice@example.com"], URI, typed="declared")
         + attr("saml", f"{CLAIMS}/name", ["alice@example.com"], URI, typed="declared")
         + attr("saml", f"{CLAIMS}/upn", ["alice@example.com"], URI, typed="declared")
         + attr("saml", "http://schemas.auth0.com/identities/default/provider", ["auth0"], URI, typed="declared")
         + attr("saml", "http://schemas.auth0.com/identities/default/connection", ["Username-Password-Authentication"], URI, typed="declared")
         + attr("saml", "http://schemas.auth0.com/identities/default/isSocial", ["false"], URI, typed=False).replace("<saml:AttributeValue>", '<saml:AttributeValue xsi:type="xs:boolean">')
         + "</saml:AttributeStatement></saml:Assertion>")
    rid = "_0c4a8bb9a1234c0e9a0d"
    # signResponse: true — Auth0 appends the Response's Signature as the last child of Response.
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<samlp:Response xmlns:samlp="{SAMLP}" ID="{rid}" Version="2.0" IssueInstant="{t_["issue"]}" Destination="{ACS}">'
           f'<saml:Issuer xmlns:saml="{SAML}">{iss}</saml:Issuer><samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>'
           + sign_alone(a) + sig(rid, "", "rsa-sha1", "sha1") + "</samlp:Response>")
    valid = sign(xml, "/*/*[last()]")
    write("auth0", "valid.xml", valid)
    tamper("auth0", valid, f'{CLAIMS}/emailaddress" NameFormat="{URI}"><saml:AttributeValue xsi:type="xs:string">alice@example.com',
           f'{CLAIMS}/emailaddress" NameFormat="{URI}"><saml:AttributeValue xsi:type="xs:string">mallory@example.com')


def adfs():
    iss = "http://adfs.contoso.example/adfs/services/trust"
    t_ = t(".312")
    aid = "_5b7c3a1e-8f2d-4c6b-9a0e-1d2c3b4a5f60"
    a = (f'<Assertion ID="{aid}" IssueInstant="{t_["issue"]}" Version="2.0" xmlns="{SAML}"><Issuer>{iss}</Issuer>{sig(aid)}'
         + subject("", "alice@contoso.example", EMAIL_FMT, t_, "_req42") + conditions("", t_)
         + "<AttributeStatement>"
         + attr("", f"{CLAIMS}/emailaddress", ["alice@contoso.example"], typed=False)
         + attr("", f"{CLAIMS}/upn", ["alice@corp.contoso.example"], typed=False)
         + attr("", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", ["Domain Users"], typed=False)
         + "</AttributeStatement>"
         + f'<AuthnStatement AuthnInstant="{t_["authn"]}" SessionIndex="{aid}"><AuthnContext><AuthnContextClassRef>{PPT}</AuthnContextClassRef></AuthnContext></AuthnStatement>'
         + "</Assertion>")
    signed = sign_alone(a)
    head = (f'<samlp:Response ID="_e5a0b1c2-d3e4-4f56-a789-0b1c2d3e4f50" Version="2.0" IssueInstant="{t_["issue"]}" Destination="{ACS}" '
            f'Consent="urn:oasis:names:tc:SAML:2.0:consent:unspecified" InResponseTo="_req42" xmlns:samlp="{SAMLP}">'
            f'<Issuer xmlns="{SAML}">{iss}</Issuer><samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>')
    valid = head + signed + "</samlp:Response>"
    write("adfs", "valid.xml", valid)
    tamper("adfs", valid, 'Recipient="' + ACS, 'Recipient="' + ACS.replace("123456", "999999"))
    write("adfs", "encrypted.xml", head + f'<EncryptedAssertion xmlns="{SAML}">{encrypt(signed)}</EncryptedAssertion></samlp:Response>')


def pingfederate():
    iss = "https://pingfed.example.com:9031"
    t_ = t(".321")
    aid = "sGy9DkRj5A4sWsZUC8jGbo3dHM2"
    a = (f'<saml:Assertion ID="{aid}" IssueInstant="{t_["issue"]}" Version="2.0" xmlns:saml="{SAML}"><saml:Issuer>{iss}</saml:Issuer>{sig(aid)}'
         + subject("saml", "alice@example.com", EMAIL_FMT, t_) + conditions("saml", t_)
         + authn("saml", t_, "hQ3dxa1bVJ9kmsC8aO5Ea3xZ3Cq", "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified")
         + "<saml:AttributeStatement>"
         + attr("saml", "email", ["alice@example.com"], BASIC, typed=False)
         + attr("saml", "memberOf", ["CN=Sales,OU=Groups,DC=example,DC=com"], BASIC, typed=False)
         + "</saml:AttributeStatement></saml:Assertion>")
    valid = (f'<samlp:Response Version="2.0" ID="aB3dxa1bVJ9kmsC8aO5Ea3xZ3Cq" IssueInstant="{t_["issue"]}" Destination="{ACS}" xmlns:samlp="{SAMLP}">'
             f'<saml:Issuer xmlns:saml="{SAML}">{iss}</saml:Issuer><samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>'
             + sign_alone(a) + "</samlp:Response>")
    write("pingfederate", "valid.xml", valid)
    tamper("pingfederate", valid, ">CN=Sales,", ">CN=Admins,")


def keycloak():
    iss = "https://kc.example.com/realms/main"
    t_ = t(".123")
    rid = "ID_6e5b6b1f-2c5f-4d3a-9b0f-3c1d2e4f5a6b"
    roles = ["offline_access", "uma_authorization", "default-roles-main", "manage-account", "view-profile"]
    # Keycloak's default: documents (the Response) signed, assertions not; one Role attribute per role.
    a = (f'<saml:Assertion xmlns="{SAML}" ID="ID_0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d" IssueInstant="{t_["issue"]}" Version="2.0">'
         f'<saml:Issuer>{iss}</saml:Issuer>'
         + subject("saml", "alice@example.com", EMAIL_FMT, t_) + conditions("saml", t_)
         + authn("saml", t_, "1f7e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b::0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified")
         + "<saml:AttributeStatement>"
         + attr("saml", "urn:oid:1.2.840.113549.1.9.1", ["alice@example.com"], URI, "email")
         + "".join(attr("saml", "Role", [r], BASIC) for r in roles)
         + "</saml:AttributeStatement></saml:Assertion>")

    def resp(body):
        return sign(f'<?xml version="1.0" encoding="UTF-8"?>\n<samlp:Response xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" Destination="{ACS}" ID="{rid}" '
                    f'IssueInstant="{t_["issue"]}" Version="2.0"><saml:Issuer>{iss}</saml:Issuer>{sig(rid, "dsig", keyname=True)}'
                    f'<samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>{body}</samlp:Response>')
    valid = resp(a)
    write("keycloak", "valid.xml", valid)
    tamper("keycloak", valid, ">view-profile<", ">realm-admin<")
    enc = encrypt(a.replace(f'<saml:Assertion xmlns="{SAML}"', f'<saml:Assertion xmlns="{SAML}" xmlns:saml="{SAML}"', 1), "aes128-cbc")
    write("keycloak", "encrypted.xml", resp(f"<saml:EncryptedAssertion>{enc}</saml:EncryptedAssertion>"))


def shibboleth():
    iss = "https://idp.example.org/idp/shibboleth"
    t_ = t(".512")
    aid = "_9d8c7b6a5f4e3d2c1b0a99887766554433"
    nq = f' NameQualifier="{iss}" SPNameQualifier="{AUD}"'
    a = (f'<saml2:Assertion xmlns:saml2="{SAML}" ID="{aid}" IssueInstant="{t_["issue"]}" Version="2.0">'
         f'<saml2:Issuer>{iss}</saml2:Issuer>{sig(aid)}'
         + subject("saml2", "AAdzZWNyZXQxc2Vzc2lvbi1pZC1vcGFxdWU=", TRANSIENT, t_, "_req42", nq) + conditions("saml2", t_)
         + authn("saml2", t_, "_0f1e2d3c4b5a69788796a5b4c3d2e1f0")
         + "<saml2:AttributeStatement>"
         + attr("saml2", "urn:oid:0.9.2342.19200300.100.1.3", ["alice@example.org"], URI, "mail", typed=False)
         + attr("saml2", "urn:oid:1.3.6.1.4.1.5923.1.1.1.6", ["alice@example.org"], URI, "eduPersonPrincipalName", typed=False)
         + attr("saml2", "urn:oid:2.16.840.1.113730.3.1.241", ["Alice Example"], URI, "displayName", typed=False)
         + attr("saml2", "urn:oid:1.3.6.1.4.1.5923.1.1.1.9", ["member@example.org", "staff@example.org"], URI, "eduPersonScopedAffiliation", typed=False)
         + "</saml2:AttributeStatement></saml2:Assertion>")
    signed = sign_alone(a)
    head = (f'<saml2p:Response xmlns:saml2p="{SAMLP}" Destination="{ACS}" ID="_0a1b2c3d4e5f60718293a4b5c6d7e8f9" InResponseTo="_req42" '
            f'IssueInstant="{t_["issue"]}" Version="2.0"><saml2:Issuer xmlns:saml2="{SAML}">{iss}</saml2:Issuer>'
            f'<saml2p:Status><saml2p:StatusCode Value="{SUCCESS}"/></saml2p:Status>')
    valid = head + signed + "</saml2p:Response>"
    write("shibboleth", "valid.xml", valid)
    tamper("shibboleth", valid, ">alice@example.org</saml2:AttributeValue>", ">mallory@example.org</saml2:AttributeValue>")
    # encryptNameIDs: the NameID (email format for this SP) travels as an EncryptedID to keys/sp.crt
    # inside the signed Assertion; the email is read from it only after decryption.
    nid = f'<saml2:NameID xmlns:saml2="{SAML}" Format="{EMAIL_FMT}"{nq}>alice@example.org</saml2:NameID>'
    eid = subject("saml2", "X", EMAIL_FMT, t_, "_req42").replace(
        f'<saml2:NameID Format="{EMAIL_FMT}">X</saml2:NameID>',
        f"<saml2:EncryptedID>{encrypt(nid, 'aes128-gcm')}</saml2:EncryptedID>")
    plain = subject("saml2", "AAdzZWNyZXQxc2Vzc2lvbi1pZC1vcGFxdWU=", TRANSIENT, t_, "_req42", nq)
    a_eid = a.replace(plain, eid).replace(
        attr("saml2", "urn:oid:0.9.2342.19200300.100.1.3", ["alice@example.org"], URI, "mail", typed=False), "")
    write("shibboleth", "encrypted-nameid.xml", head + sign_alone(a_eid) + "</saml2p:Response>")
    # Shibboleth IdP v4+ encrypts with AES-GCM by default.
    write("shibboleth", "encrypted.xml", head + f'<saml2:EncryptedAssertion xmlns:saml2="{SAML}">{encrypt(signed, "aes128-gcm")}</saml2:EncryptedAssertion></saml2p:Response>')


def simplesamlphp():
    iss = "https://idp.example.org/simplesaml/saml2/idp/metadata.php"
    t_ = t()
    aid = "_d71a3a8e9fcc45c9e9d248ef7049393fc8f04e5f75"
    rid = "_8e8dc5f69a98cc4c1ff3427e5ce34606fd672f91e6"
    nq = f' SPNameQualifier="{AUD}"'
    a = (f'<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="{aid}" Version="2.0" IssueInstant="{t_["issue"]}">'
         f'<saml:Issuer>{iss}</saml:Issuer>{sig(aid)}'
         + subject("saml", "_ce3d2948b4cf20146dee0a0b3dd6f69b6cf86f62d7", TRANSIENT, t_, None, nq) + conditions("saml", t_)
         + authn("saml", t_, "_be9967abd904ddcae3c0eb4189adbe3f71e327cf93")
         + "<saml:AttributeStatement>"
         + attr("saml", "uid", ["alice"], BASIC, typed="declared")
         + attr("saml", "mail", ["alice@example.org"], BASIC, typed="declared")
         + attr("saml", "eduPersonAffiliation", ["member", "student"], BASIC, typed="declared")
         + "</saml:AttributeStatement></saml:Assertion>")
    # The Assertion is signed inside its Response (namespace from the Response), then the Response.
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<samlp:Response xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="{rid}" Version="2.0" IssueInstant="{t_["issue"]}" '
           f'Destination="{ACS}"><saml:Issuer>{iss}</saml:Issuer>{sig(rid)}<samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>{a}</samlp:Response>')
    xml = sign(xml, "/*/*[local-name()='Assertion']/*[local-name()='Signature']")
    valid = sign(xml, "/*/*[local-name()='Signature']")
    write("simplesamlphp", "valid.xml", valid)
    tamper("simplesamlphp", valid, ">student<", ">faculty<")


def jumpcloud():
    iss = "JumpCloud"
    t_ = t(".123")
    aid = "_4b1f0c2e8d9a7b6c5d4e3f2a1b0c9d8e"
    a = (f'<saml2:Assertion xmlns:saml2="{SAML}" ID="{aid}" IssueInstant="{t_["issue"]}" Version="2.0"><saml2:Issuer>{iss}</saml2:Issuer>{sig(aid)}'
         + subject("saml2", "alice@example.com", EMAIL_FMT, t_) + conditions("saml2", t_)
         + authn("saml2", t_, "_8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d")
         + "<saml2:AttributeStatement>"
         + attr("saml2", "email", ["alice@example.com"], UNSPEC_NF)
         + attr("saml2", "memberOf", ["engineering"], UNSPEC_NF)
         + "</saml2:AttributeStatement></saml2:Assertion>")
    valid = (f'<saml2p:Response xmlns:saml2p="{SAMLP}" Destination="{ACS}" ID="_1a2b3c4d5e6f708192a3b4c5d6e7f809" IssueInstant="{t_["issue"]}" Version="2.0">'
             f'<saml2:Issuer xmlns:saml2="{SAML}">{iss}</saml2:Issuer><saml2p:Status><saml2p:StatusCode Value="{SUCCESS}"/></saml2p:Status>'
             + sign_alone(a) + "</saml2p:Response>")
    write("jumpcloud", "valid.xml", valid)
    tamper("jumpcloud", valid, ">engineering<", ">admins<")


def iam_identity_center():
    iss = g.AWS_IC
    t_ = t()
    aid = "_a3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
    rid = "_7e8f9a0b-1c2d-4e3f-a4b5-c6d7e8f9a0b1"
    a = (f'<saml2:Assertion xmlns:saml2="{SAML}" ID="{aid}" IssueInstant="{t_["issue"]}" Version="2.0"><saml2:Issuer>{iss}</saml2:Issuer>{sig(aid)}'
         + subject("saml2", "alice@example.com", EMAIL_FMT, t_) + conditions("saml2", t_)
         + authn("saml2", t_, "_be9c2f1a-3d4e-4f5a-9b8c-7d6e5f4a3b2c")
         + "<saml2:AttributeStatement>"
         + attr("saml2", "email", ["alice@example.com"], BASIC)
         + "</saml2:AttributeStatement></saml2:Assertion>")
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<saml2p:Response xmlns:saml2p="{SAMLP}" Destination="{ACS}" ID="{rid}" IssueInstant="{t_["issue"]}" Version="2.0">'
           f'<saml2:Issuer xmlns:saml2="{SAML}">{iss}</saml2:Issuer>{sig(rid)}<saml2p:Status><saml2p:StatusCode Value="{SUCCESS}"/></saml2p:Status>'
           + sign_alone(a) + "</saml2p:Response>")
    valid = sign(xml)
    write("iam-identity-center", "valid.xml", valid)
    tamper("iam-identity-center", valid, ">alice@example.com</saml2:NameID>", ">mallory@example.com</saml2:NameID>")


def azure_ad_b2c():
    iss = "https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1A_signup_signin_saml"
    t_ = t(".1234567")
    ent = ' Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity"'
    aid = "_2b5c1e4a-8f3d-4e6b-a9c0-7d1e2f3a4b5c"
    rid = "_98ad4283-6f4a-4d1c-bd43-0f2e1a3c5b7d"
    oid = "3f2a1b0c-9d8e-4f7a-6b5c-4d3e2f1a0b9c"
    # Custom policy with SamlAssertionSigning and SamlMessageSigning keys: both are signed; the
    # NameID is the objectId (unspecified), the email a claim URI (PartnerClaimType).
    a = (f'<saml:Assertion ID="{aid}" IssueInstant="{t_["issue"]}" Version="2.0" xmlns:saml="{SAML}">'
         f'<saml:Issuer{ent}>{iss}</saml:Issuer>{sig(aid, "")}'
         + subject("saml", oid, UNSPEC_FMT, t_, "_req42") + conditions("saml", t_)
         + authn("saml", t_, aid, "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified")
         + "<saml:AttributeStatement>"
         + attr("saml", "http://schemas.microsoft.com/identity/claims/objectidentifier", [oid], URI, typed=False)
         + attr("saml", f"{CLAIMS}/givenname", ["Alice"], URI, typed=False)
         + attr("saml", f"{CLAIMS}/surname", ["Example"], URI, typed=False)
         + attr("saml", f"{CLAIMS}/emailaddress", ["alice@contoso.example"], URI, typed=False)
         + "</saml:AttributeStatement></saml:Assertion>")
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<samlp:Response ID="{rid}" InResponseTo="_req42" Version="2.0" IssueInstant="{t_["issue"]}" '
           f'Destination="{ACS}" xmlns:samlp="{SAMLP}"><saml:Issuer{ent} xmlns:saml="{SAML}">{iss}</saml:Issuer>{sig(rid, "")}'
           f'<samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>' + sign_alone(a) + "</samlp:Response>")
    valid = sign(xml, "/*/*[local-name()='Signature']")
    write("azure-ad-b2c", "valid.xml", valid)
    tamper("azure-ad-b2c", valid, ">alice@contoso.example<", ">mallory@contoso.example<")


def pingone():
    iss = "https://auth.pingone.com/0a7af83d-4ed9-4510-93cd-506fe835f69a"
    t_ = t(".447")
    aid = "_0f9d6e2a-3b1c-4d5e-8f7a-6b5c4d3e2f1a"
    rid = "_5e4d3c2b-1a09-4f8e-7d6c-5b4a39281706"
    a = (f'<saml:Assertion xmlns:saml="{SAML}" ID="{aid}" IssueInstant="{t_["issue"]}" Version="2.0"><saml:Issuer>{iss}</saml:Issuer>{sig(aid)}'
         + subject("saml", "alice@example.com", UNSPEC_FMT, t_, "_req42") + conditions("saml", t_)
         + authn("saml", t_, "0c2d4e6f-8a0b-4c2d-9e4f-6a8b0c2d4e6f")
         + "<saml:AttributeStatement>"
         + attr("saml", "email", ["alice@example.com"], BASIC, typed=False)
         + attr("saml", "given_name", ["Alice"], BASIC, typed=False)
         + attr("saml", "family_name", ["Example"], BASIC, typed=False)
         + "</saml:AttributeStatement></saml:Assertion>")
    valid = (f'<samlp:Response xmlns:samlp="{SAMLP}" Destination="{ACS}" ID="{rid}" InResponseTo="_req42" IssueInstant="{t_["issue"]}" Version="2.0">'
             f'<saml:Issuer xmlns:saml="{SAML}">{iss}</saml:Issuer><samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>'
             + sign_alone(a) + "</samlp:Response>")
    write("pingone", "valid.xml", valid)
    tamper("pingone", valid, ">Alice<", ">Mallory<")


def oracle_access_manager():
    iss = "http://oam.example.com:14100/oam/fed"
    t_ = t()
    aid = "id-hG8aYv5Qy-3nLuk3gF0Oc7DCPmU-"
    rid = "id-b0xP1yBl7cQ9-Hn3dVUu5kWq2XmA-"
    # OAM signs the Response (dsig: prefix), not the Assertion; NameID emailAddress, attributes basic.
    a = (f'<saml:Assertion xmlns:saml="{SAML}" ID="{aid}" IssueInstant="{t_["issue"]}" Version="2.0"><saml:Issuer>{iss}</saml:Issuer>'
         + subject("saml", "alice@example.com", EMAIL_FMT, t_, "_req42") + conditions("saml", t_)
         + authn("saml", t_, "id-5dXzw0Rt7aLG-Yy8bTfIoVgW3Pc-")
         + "<saml:AttributeStatement>"
         + attr("saml", "mail", ["alice@example.com"], BASIC, typed=False)
         + attr("saml", "cn", ["Alice Example"], BASIC, typed=False)
         + "</saml:AttributeStatement></saml:Assertion>")
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<samlp:Response xmlns:samlp="{SAMLP}" Destination="{ACS}" ID="{rid}" InResponseTo="_req42" '
           f'IssueInstant="{t_["issue"]}" Version="2.0"><saml:Issuer xmlns:saml="{SAML}">{iss}</saml:Issuer>{sig(rid, "dsig")}'
           f'<samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>{a}</samlp:Response>')
    valid = sign(xml)
    write("oracle-access-manager", "valid.xml", valid)
    tamper("oracle-access-manager", valid, ">Alice Example<", ">Mallory Example<")


def duo():
    iss = "https://sso-4b2c9e1f.sso.duosecurity.com/saml2/sp/DI0A1B2C3D4E5F6G7H8I/metadata"
    t_ = t()
    aid = "_6c0d83a1f2b94e57a8c3d2e1f0a9b8c7"
    rid = "_1f2e3d4c5b6a79880a9b8c7d6e5f4a3b"
    a = (f'<saml2:Assertion xmlns:saml2="{SAML}" ID="{aid}" IssueInstant="{t_["issue"]}" Version="2.0"><saml2:Issuer>{iss}</saml2:Issuer>{sig(aid)}'
         + subject("saml2", "alice@example.com", EMAIL_FMT, t_, "_req42") + conditions("saml2", t_)
         + authn("saml2", t_, "_a1b2c3d4e5f60718293a4b5c6d7e8f90")
         + "<saml2:AttributeStatement>"
         + attr("saml2", "Email", ["alice@example.com"], BASIC, typed=False)
         + attr("saml2", "Username", ["alice"], BASIC, typed=False)
         + attr("saml2", "FirstName", ["Alice"], BASIC, typed=False)
         + "</saml2:AttributeStatement></saml2:Assertion>")
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<saml2p:Response xmlns:saml2p="{SAMLP}" Destination="{ACS}" ID="{rid}" InResponseTo="_req42" '
           f'IssueInstant="{t_["issue"]}" Version="2.0"><saml2:Issuer xmlns:saml2="{SAML}">{iss}</saml2:Issuer>{sig(rid)}'
           f'<saml2p:Status><saml2p:StatusCode Value="{SUCCESS}"/></saml2p:Status>' + sign_alone(a) + "</saml2p:Response>")
    valid = sign(xml)
    write("duo", "valid.xml", valid)
    tamper("duo", valid, ">Alice<", ">Mallory<")


def cyberark():
    iss = "https://abc1234.id.cyberark.cloud/8e4f2a1c-7b3d-4c5e-9f0a-1b2c3d4e5f6a"
    t_ = t()
    aid = "_4a0a3f3e-5b8f-4c21-a5d7-0f9e8d7c6b5a"
    a = (f'<saml2:Assertion xmlns:saml2="{SAML}" ID="{aid}" IssueInstant="{t_["issue"]}" Version="2.0"><saml2:Issuer>{iss}</saml2:Issuer>{sig(aid)}'
         + subject("saml2", "alice@example.com", EMAIL_FMT, t_, "_req42") + conditions("saml2", t_)
         + authn("saml2", t_, "_9b8a7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d")
         + "<saml2:AttributeStatement>"
         + attr("saml2", "email", ["alice@example.com"], UNSPEC_NF, typed=False)
         + attr("saml2", "DisplayName", ["Alice Example"], UNSPEC_NF, typed=False)
         + "</saml2:AttributeStatement></saml2:Assertion>")
    valid = (f'<saml2p:Response xmlns:saml2p="{SAMLP}" Destination="{ACS}" ID="_c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f" InResponseTo="_req42" '
             f'IssueInstant="{t_["issue"]}" Version="2.0"><saml2:Issuer xmlns:saml2="{SAML}">{iss}</saml2:Issuer>'
             f'<saml2p:Status><saml2p:StatusCode Value="{SUCCESS}"/></saml2p:Status>' + sign_alone(a) + "</saml2p:Response>")
    write("cyberark", "valid.xml", valid)
    tamper("cyberark", valid, ">Alice Example<", ">Mallory Example<")


def salesforce():
    iss = "https://example.my.salesforce.com"
    t_ = t(".284")
    aid = "_4c5d8b1a0e7f2a3b9c6d1e0f7a8b5c2d1768471200284"
    rid = "_2CAAAAZk3n4sCME8wMDAwMDAwMDAwMDAwAAAA9iR"
    # Salesforce as IdP signs the Response; the NameID is the (email-shaped) username.
    a = (f'<saml:Assertion xmlns:saml="{SAML}" ID="{aid}" IssueInstant="{t_["issue"]}" Version="2.0"><saml:Issuer>{iss}</saml:Issuer>'
         + subject("saml", "alice@example.com", UNSPEC_FMT, t_, "_req42") + conditions("saml", t_)
         + authn("saml", t_, "_0a1b2c3d4e5f6789", "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport")
         + '<saml:AttributeStatement>'
         + attr("saml", "userId", ["0055g00000AbCdEAAV"], UNSPEC_NF)
         + attr("saml", "username", ["alice@example.com"], UNSPEC_NF)
         + attr("saml", "email", ["alice@example.com"], UNSPEC_NF)
         + attr("saml", "is_portal_user", ["false"], UNSPEC_NF)
         + "</saml:AttributeStatement></saml:Assertion>")
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<samlp:Response xmlns:samlp="{SAMLP}" Destination="{ACS}" ID="{rid}" InResponseTo="_req42" '
           f'IssueInstant="{t_["issue"]}" Version="2.0"><saml:Issuer xmlns:saml="{SAML}" Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">{iss}</saml:Issuer>{sig(rid)}'
           f'<samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>{a}</samlp:Response>')
    valid = sign(xml)
    write("salesforce", "valid.xml", valid)
    tamper("salesforce", valid, ">0055g00000AbCdEAAV<", ">0055g00000ZzZzZAAV<")


def adfs_wsfed_saml11():
    """AD FS to a WS-Federation relying party with the SAML 1.1 token type: a SAML 1.1 assertion
    (AssertionID, Issuer attribute, AttributeNamespace, the Signature last), signed by xmlsec1 with
    AssertionID as the ID, inside a RequestSecurityTokenResponse posted as wa/wresult/wctx."""
    import urllib.parse
    s11 = "urn:oasis:names:tc:SAML:1.0:assertion"
    iss = "http://adfs.contoso.example/adfs/services/trust"
    t_ = t(".312")
    aid = "_9c1d6f3e-2b4a-4c8d-9e7f-1a2b3c4d5e6f"
    subj = ('<saml:Subject><saml:NameIdentifier Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">alice@contoso.example</saml:NameIdentifier>'
            '<saml:SubjectConfirmation><saml:ConfirmationMethod>urn:oasis:names:tc:SAML:1.0:cm:bearer</saml:ConfirmationMethod></saml:SubjectConfirmation></saml:Subject>')
    a = (f'<?xml version="1.0" encoding="UTF-8"?>\n<saml:Assertion MajorVersion="1" MinorVersion="1" AssertionID="{aid}" Issuer="{iss}" IssueInstant="{t_["issue"]}" xmlns:saml="{s11}">'
         f'<saml:Conditions NotBefore="{t_["nb"]}" NotOnOrAfter="{t_["noa"]}"><saml:AudienceRestrictionCondition><saml:Audience>{AUD}</saml:Audience></saml:AudienceRestrictionCondition></saml:Conditions>'
         f'<saml:AttributeStatement>{subj}'
         f'<saml:Attribute AttributeName="emailaddress" AttributeNamespace="{CLAIMS}"><saml:AttributeValue>alice@contoso.example</saml:AttributeValue></saml:Attribute>'
         f'<saml:Attribute AttributeName="upn" AttributeNamespace="{CLAIMS}"><saml:AttributeValue>alice@corp.contoso.example</saml:AttributeValue></saml:Attribute>'
         '</saml:AttributeStatement>'
         f'<saml:AuthenticationStatement AuthenticationMethod="urn:oasis:names:tc:SAML:1.0:am:password" AuthenticationInstant="{t_["authn"]}">{subj}</saml:AuthenticationStatement>'
         + g.sig_template(aid) + '</saml:Assertion>')
    src, dst = os.path.join(g.TMP, "s11in.xml"), os.path.join(g.TMP, "s11out.xml")
    open(src, "w").write(a)
    g.run("xmlsec1", "--sign", "--privkey-pem", f"{g.KEYS}/idp.key,{g.KEYS}/idp.crt",
          "--id-attr:AssertionID", f"{s11}:Assertion", "--output", dst, src)
    signed = strip_decl(open(dst).read())

    def post(assertion):
        rstr = ('<t:RequestSecurityTokenResponse xmlns:t="http://schemas.xmlsoap.org/ws/2005/02/trust">'
                f'<t:Lifetime><wsu:Created xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">{t_["issue"]}</wsu:Created></t:Lifetime>'
                f'<wsp:AppliesTo xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy"><wsa:EndpointReference xmlns:wsa="http://www.w3.org/2005/08/addressing"><wsa:Address>{AUD}</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>'
                f'<t:RequestedSecurityToken>{assertion}</t:RequestedSecurityToken>'
                '<t:TokenType>urn:oasis:names:tc:SAML:1.0:assertion</t:TokenType><t:RequestType>http://schemas.xmlsoap.org/ws/2005/02/trust/Issue</t:RequestType>'
                '<t:KeyType>http://schemas.xmlsoap.org/ws/2005/05/identity/NoProofKey</t:KeyType></t:RequestSecurityTokenResponse>')
        return "wa=wsignin1.0&wresult=" + urllib.parse.quote(rstr, safe="") + "&wctx=rm%3d0%26id%3dpassive%26ru%3d%252f"
    d = os.path.join(OUT, "adfs")
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "wsfed-saml11.form"), "w").write(post(signed) + "\n")
    open(os.path.join(d, "wsfed-saml11-tampered.form"), "w").write(post(signed.replace(">alice@corp.contoso.example<", ">mallory@corp.contoso.example<")) + "\n")


PRODUCTS = [entra, okta, google, onelogin, auth0, adfs, pingfederate, keycloak, shibboleth,
            simplesamlphp, jumpcloud, iam_identity_center, azure_ad_b2c, pingone,
            oracle_access_manager, duo, cyberark, salesforce, adfs_wsfed_saml11]


def main():
    g.keys()
    os.makedirs(g.TMP, exist_ok=True)
    for p in PRODUCTS:
        p()
    # Sanity: xmlsec1 verifies the first signature of every valid message.
    for product in sorted(os.listdir(OUT)):
        f = os.path.join(OUT, product, "valid.xml")
        if not g.xmlsec_verify(f, os.path.join(g.KEYS, "idp.crt")):
            sys.exit(f"xmlsec1 does not verify {f}")
    print("gallery written to", OUT)


if __name__ == "__main__":
    main()
