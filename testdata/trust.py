#!/usr/bin/env python3
"""Fixtures for the trust stage (issue 18): one pipeline for every message kind, only what the
signature covers, SAML semantics as the specifications state them. Each is signed by the xmlsec1
CLI with the keys in keys/ (made by generate.py), in the shape the real product sends, and then,
for the attacks, changed the way an attacker would after signing.

Run from anywhere: python3 testdata/trust.py   (needs xmlsec1 on PATH; keys/ must exist)
Outputs go to testdata/trust/ and are committed; tests never regenerate them. testdata/README.md
says what each file is.
"""
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate as g  # noqa: E402

OUT = os.path.join(g.HERE, "trust")
S11 = "urn:oasis:names:tc:SAML:1.0:assertion"
ADFS = "http://adfs.contoso.example/adfs/services/trust"
ENTRA = "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/"
CLAIMS = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims"
TRUST = "http://schemas.xmlsoap.org/ws/2005/02/trust"


def write(name, text):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
        f.write(text)


def strip_decl(x):
    return re.sub(r"^<\?xml[^>]*\?>\s*", "", x).strip()


def sign(xml, key="idp", id_attrs=None):
    """Signs the first ds:Signature template of XML (a whole document) with xmlsec1."""
    src, dst = os.path.join(g.TMP, "t-in.xml"), os.path.join(g.TMP, "t-out.xml")
    open(src, "w").write('<?xml version="1.0" encoding="UTF-8"?>\n' + xml)
    attrs = id_attrs or [
        "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
        "urn:oasis:names:tc:SAML:2.0:protocol:Response",
        "urn:oasis:names:tc:SAML:2.0:protocol:AuthnRequest",
        "urn:oasis:names:tc:SAML:2.0:protocol:LogoutRequest",
    ]
    cmd = ["xmlsec1", "--sign", "--privkey-pem", f"{g.KEYS}/{key}.key,{g.KEYS}/{key}.crt"]
    for a in attrs:
        name = "AssertionID" if a.startswith(S11) else "ID"
        cmd += [f"--id-attr:{name}", a]
    g.run(*cmd, "--output", dst, src)
    return strip_decl(open(dst).read())


def saml11(name_id="alice@contoso.example", advice="", aid="_s11a", edit=lambda a: a):
    """An AD FS SAML 1.1 token (WS-Federation, token type SAML 1.1): the Signature last, as the
    SAML 1.1 schema puts it; both statements carry the Subject, as AD FS writes them."""
    subj = (f'<saml:Subject><saml:NameIdentifier Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">{name_id}</saml:NameIdentifier>'
            '<saml:SubjectConfirmation><saml:ConfirmationMethod>urn:oasis:names:tc:SAML:1.0:cm:bearer</saml:ConfirmationMethod></saml:SubjectConfirmation></saml:Subject>')
    a = (f'<saml:Assertion xmlns:saml="{S11}" MajorVersion="1" MinorVersion="1" AssertionID="{aid}" Issuer="{ADFS}" IssueInstant="{g.ISSUE}">'
         f'<saml:Conditions NotBefore="{g.NOT_BEFORE}" NotOnOrAfter="{g.NOT_AFTER}"><saml:AudienceRestrictionCondition><saml:Audience>{g.AMP_ENTITY}</saml:Audience></saml:AudienceRestrictionCondition></saml:Conditions>'
         f'{advice}'
         f'<saml:AttributeStatement>{subj}'
         f'<saml:Attribute AttributeName="emailaddress" AttributeNamespace="{CLAIMS}"><saml:AttributeValue>{name_id}</saml:AttributeValue></saml:Attribute>'
         '</saml:AttributeStatement>'
         f'<saml:AuthenticationStatement AuthenticationMethod="urn:oasis:names:tc:SAML:1.0:am:password" AuthenticationInstant="{g.ISSUE}">{subj}</saml:AuthenticationStatement>'
         + g.sig_template(aid) + '</saml:Assertion>')
    return sign(edit(a), id_attrs=[f"{S11}:Assertion"])


def move_signature_first(assertion, extra_in_object):
    """The attack of issue 18: the IdP's enveloped Signature moved to the front of the SAML 1.1
    Assertion (still valid: the enveloped transform removes it wherever it is) with content hidden
    in a ds:Object inside it."""
    sig = re.search(r"<ds:Signature .*?</ds:Signature>", assertion, re.S).group(0)
    rest = assertion.replace(sig, "")
    obj = f"<ds:Object>{extra_in_object}</ds:Object>"
    moved = sig.replace("</ds:Signature>", obj + "</ds:Signature>")
    head_end = rest.index(">") + 1
    return rest[:head_end] + moved + rest[head_end:]


def rstr(assertion, trust_prefix="t"):
    return (f'<{trust_prefix}:RequestSecurityTokenResponse xmlns:{trust_prefix}="{TRUST}">'
            f'<{trust_prefix}:Lifetime><wsu:Created xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">{g.ISSUE}</wsu:Created></{trust_prefix}:Lifetime>'
            f'<wsp:AppliesTo xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy"><wsa:EndpointReference xmlns:wsa="http://www.w3.org/2005/08/addressing"><wsa:Address>{g.AMP_ENTITY}</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>'
            f'<{trust_prefix}:RequestedSecurityToken>{assertion}</{trust_prefix}:RequestedSecurityToken>'
            f'<{trust_prefix}:TokenType>urn:oasis:names:tc:SAML:2.0:assertion</{trust_prefix}:TokenType>'
            f'<{trust_prefix}:RequestType>http://schemas.xmlsoap.org/ws/2005/02/trust/Issue</{trust_prefix}:RequestType>'
            f'<{trust_prefix}:KeyType>http://schemas.xmlsoap.org/ws/2005/05/identity/NoProofKey</{trust_prefix}:KeyType></{trust_prefix}:RequestSecurityTokenResponse>')


def form(rstr_xml, plus=False):
    """wa=wsignin1.0&wresult=…&wctx=… as the browser posts it (application/x-www-form-urlencoded:
    Entra and AD FS pages let the browser encode spaces as '+')."""
    enc = urllib.parse.quote_plus if plus else (lambda s: urllib.parse.quote(s, safe=""))
    return f"wa=wsignin1.0&wresult={enc(rstr_xml)}&wctx=rm%3d0%26id%3dpassive%26ru%3d%252f\n"


def response_with(assertion_xml, **kw):
    return g.response(assertion_xml, **kw)


def a2(**kw):
    """An unsigned SAML 2.0 Assertion (generate.py's shape) to edit before signing."""
    return g.assertion(signed=True, attrs=g.email_attrs(), **kw)


def signed_a2(edit=lambda a: a, **kw):
    return sign(edit(a2(**kw)))


def main():
    # --- SAML 1.1 / WS-Federation -------------------------------------------------------
    good11 = saml11()
    write("saml11-signed.xml", good11 + "\n")
    write("saml11-object-nameid.xml", move_signature_first(
        good11, f'<saml:NameIdentifier xmlns:saml="{S11}">mallory@contoso.example</saml:NameIdentifier>') + "\n")
    write("saml11-object-nameid.form", form(rstr(move_signature_first(
        good11, f'<saml:NameIdentifier xmlns:saml="{S11}">mallory@contoso.example</saml:NameIdentifier>'))).replace(
        "urn%3Aoasis%3Anames%3Atc%3ASAML%3A2.0%3Aassertion%3C", "urn%3Aoasis%3Anames%3Atc%3ASAML%3A1.0%3Aassertion%3C"))
    write("saml11-object-attribute.xml", move_signature_first(
        good11, f'<saml:AttributeStatement xmlns:saml="{S11}"><saml:Attribute AttributeName="role" AttributeNamespace="{CLAIMS}"><saml:AttributeValue>admin</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>') + "\n")
    advice = (f'<saml:Advice><saml:Assertion MajorVersion="1" MinorVersion="1" AssertionID="_adv" Issuer="{ADFS}" IssueInstant="{g.ISSUE}">'
              '<saml:AttributeStatement><saml:Subject><saml:NameIdentifier>mallory@contoso.example</saml:NameIdentifier></saml:Subject>'
              f'<saml:Attribute AttributeName="role" AttributeNamespace="{CLAIMS}"><saml:AttributeValue>admin</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>'
              '</saml:Assertion></saml:Advice>')
    write("saml11-advice.xml", saml11(advice=advice, aid="_s11adv") + "\n")

    # SAML 2.0 in WS-Federation: Entra's wsignin1.0 post ('+' for spaces), an Advice assertion
    # inside the token, and the bare RSTR that SPs log.
    adv2 = (f'<saml:Advice><saml:Assertion ID="_adv2" Version="2.0" IssueInstant="{g.ISSUE}"><saml:Issuer>{ENTRA}</saml:Issuer>'
            '<saml:Subject><saml:NameID>mallory@example.com</saml:NameID></saml:Subject></saml:Assertion></saml:Advice>')
    entra_a = signed_a2(lambda a: a.replace("</saml:Conditions>", "</saml:Conditions>" + adv2), aid="_wsf2", issuer=ENTRA)
    write("wsfed-saml2-advice.form", form(rstr(entra_a), plus=True))
    write("rstr-bare.xml", rstr(signed_a2(aid="_rstr", issuer=ENTRA)) + "\n")

    # --- Messages that are not Responses ---------------------------------------------------
    idp_a = signed_a2(aid="_inlogout")
    write("logout-request-with-assertion.xml",
          f'<samlp:LogoutRequest xmlns:samlp="{g.SAMLP}" xmlns:saml="{g.SAML}" ID="_lr1" Version="2.0" IssueInstant="{g.ISSUE}" '
          f'Destination="https://portal.sso.us-east-1.amazonaws.com/saml/logout"><saml:Issuer>{g.AMP_ENTITY}</saml:Issuer>'
          f'<saml:NameID>alice@example.com</saml:NameID>{idp_a}</samlp:LogoutRequest>\n')
    req = (f'<samlp:AuthnRequest xmlns:samlp="{g.SAMLP}" xmlns:saml="{g.SAML}" ID="_req77" Version="2.0" IssueInstant="{g.ISSUE}" '
           f'Destination="https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIz" AssertionConsumerServiceURL="{g.AMP_ACS}" '
           'ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">'
           f'<saml:Issuer>{g.AMP_ENTITY}</saml:Issuer>{g.sig_template("_req77")}'
           '<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" AllowCreate="true"/></samlp:AuthnRequest>')
    write("authnrequest-signed.xml", sign(req, key="sp") + "\n")
    lr = (f'<samlp:LogoutRequest xmlns:samlp="{g.SAMLP}" xmlns:saml="{g.SAML}" ID="_lr2" Version="2.0" IssueInstant="{g.ISSUE}" '
          f'Destination="https://portal.sso.us-east-1.amazonaws.com/saml/logout"><saml:Issuer>{g.AMP_ENTITY}</saml:Issuer>{g.sig_template("_lr2")}'
          '<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">alice@example.com</saml:NameID>'
          '<samlp:SessionIndex>_s1</samlp:SessionIndex></samlp:LogoutRequest>')
    write("logout-request-signed.xml", sign(lr, key="sp") + "\n")

    # --- SAML semantics --------------------------------------------------------------------
    bearer = 'urn:oasis:names:tc:SAML:2.0:cm:bearer'
    foreign = (f'<saml:SubjectConfirmation Method="{bearer}"><saml:SubjectConfirmationData NotOnOrAfter="{g.NOT_AFTER}" '
               'Recipient="https://other-sp.example.net/acs"/></saml:SubjectConfirmation>')
    write("two-bearers.xml", g.response(signed_a2(lambda a: a.replace("<saml:SubjectConfirmation ", foreign + "<saml:SubjectConfirmation ", 1), aid="_2b")))
    other = '<saml:AudienceRestriction><saml:Audience>https://other-sp.example.net</saml:Audience></saml:AudienceRestriction>'
    write("two-audience-restrictions.xml", g.response(signed_a2(lambda a: a.replace("</saml:Conditions>", other + "</saml:Conditions>"), aid="_2ar")))
    write("empty-audience-restriction.xml", g.response(signed_a2(lambda a: a.replace("</saml:Conditions>", "<saml:AudienceRestriction/></saml:Conditions>"), aid="_ear")))
    custom = '<saml:Condition xmlns:x="urn:example:conditions" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="x:DeviceCompliant"/>'
    write("unknown-condition.xml", g.response(signed_a2(lambda a: a.replace("</saml:Conditions>", custom + "</saml:Conditions>"), aid="_uc")))
    write("nbsp-nameid.xml", g.response(signed_a2(name_id="alice@example.test\u00a0", aid="_nb")))
    write("bearer-not-before.xml", g.response(signed_a2(lambda a: a.replace("<saml:SubjectConfirmationData ", f'<saml:SubjectConfirmationData NotBefore="{g.NOT_BEFORE}" '), aid="_bnb")))
    write("solicited-no-confirmation-irt.xml", g.response(signed_a2(aid="_snc"), in_response_to="_req42"))
    write("issuer-inconsistent.xml", g.response(signed_a2(aid="_ii", issuer="https://idp.other.example/"), ))
    # Auth0 / node-saml / XML::Sig shape: the Response signed, its Signature the last child.
    resp = g.response(g.assertion(signed=False, attrs=g.email_attrs(), aid="_ap1"), rid="_ap")
    resp = strip_decl(resp).replace("</samlp:Response>", g.sig_template("_ap") + "</samlp:Response>")
    write("appended-signature.xml", sign(resp) + "\n")
    # A Response signed with URI="" (the whole document) — core §5.4.2 requires "#ID".
    resp = strip_decl(g.response(g.assertion(signed=False, attrs=g.email_attrs(), aid="_ue1"), rid="_ue", signed=True)).replace('URI="#_ue"', 'URI=""')
    write("response-uri-empty.xml", sign(resp) + "\n")
    # An EncryptedAssertion carrying an IdP-signed plaintext Assertion (and, in the second, an
    # EncryptedData beside it): nothing there was encrypted to the SP.
    inner = signed_a2(aid="_pt")
    write("encrypted-plaintext.xml", g.response(f"<saml:EncryptedAssertion>{inner}</saml:EncryptedAssertion>"))
    enc_data = ('<xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Element">'
                '<xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes256-cbc"/><xenc:CipherData><xenc:CipherValue>AAAA</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData>')
    write("encrypted-plaintext-beside.xml", g.response(f"<saml:EncryptedAssertion>{enc_data}{inner}</saml:EncryptedAssertion>"))
    # Far-future instants (year 9999), unsigned: must never crash.
    far = "9999-12-31T23:59:59Z"
    write("far-future.xml", g.response(g.assertion(signed=False, attrs=g.email_attrs(), aid="_ff", not_after=far).replace(
        f'SessionNotOnOrAfter="{g.SESSION_END}"', f'SessionNotOnOrAfter="{far}"')))
    # PowerShell 5's `>`: UTF-16LE with a byte-order mark.
    good = open(os.path.join(g.HERE, "signed-assertion.xml"), encoding="utf-8").read()
    with open(os.path.join(OUT, "utf16.xml"), "wb") as f:
        f.write(b"\xff\xfe" + good.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le"))
    print("trust fixtures written to", OUT)


if __name__ == "__main__":
    os.makedirs(g.TMP, exist_ok=True)
    main()
