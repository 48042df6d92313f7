#!/usr/bin/env python3
"""Fixtures for coverage as any SP reads it (issue 26): a signed Response in the shape IdPs send
(an Assertion signed on its own, as Okta, IAM Identity Center and Entra ID do by default, or the
Response signed too), then changed after signing the way an attacker would: identity-shaped
elements put where no signature covers them — the Response's Extensions or StatusDetail,
directly under the Response, a foreign or undeclared namespace, inside the signature's KeyInfo
or ds:Object, a second EncryptedAssertion, several Assertions in one WS-Fed token. Each edit
keeps the signature valid (the enveloped transform removes ds:Signature; nothing signed is
touched), so only the coverage rule refuses them. The benign shapes beside them must pass.

Run from anywhere: python3 testdata/forgery.py   (needs xmlsec1 on PATH; keys/ must exist)
Outputs go to testdata/forgery/ and are committed; tests never regenerate them.
"""
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate as g  # noqa: E402
import trust as t  # noqa: E402

OUT = os.path.join(g.HERE, "forgery")
EVIL = "mallory@evil.example"
NAMEID = f'<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">{EVIL}</saml:NameID>'


def write(name, text):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
        f.write(text)


def good(**kw):
    """A Response whose Assertion is signed (one line, as IdPs post it)."""
    return g.response(g.signed_assertion(attrs=g.email_attrs()), **kw)


def after_issuer(resp, extra):
    """Inserts `extra` right after the Response's own Issuer (Extensions' schema place)."""
    i = resp.index("</saml:Issuer>") + len("</saml:Issuer>")
    return resp[:i] + extra + resp[i:]


def in_keyinfo(resp, extra):
    return resp.replace("<ds:KeyInfo>", "<ds:KeyInfo>" + extra, 1)


def in_object(resp, extra):
    return resp.replace("</ds:Signature>", f"<ds:Object>{extra}</ds:Object></ds:Signature>", 1)


def before_assertion(resp, extra):
    i = resp.index("<saml:Assertion ")
    return resp[:i] + extra + resp[i:]


def forged_assertion(prefix="saml", decl=f' xmlns:saml="{g.SAML}"'):
    return (f'<{prefix}:Assertion{decl} ID="_forged" Version="2.0" IssueInstant="{g.ISSUE}">'
            f'<{prefix}:Issuer>{g.AWS_IC}</{prefix}:Issuer><{prefix}:Subject><{prefix}:NameID>{EVIL}</{prefix}:NameID></{prefix}:Subject>'
            f'</{prefix}:Assertion>')


def main():
    base = good()
    # Benign: what real IdPs send passes, Extensions with non-identity content included.
    write("benign-extensions.xml", after_issuer(
        base, '<samlp:Extensions><x:TenantHint xmlns:x="urn:example:idp">contoso</x:TenantHint></samlp:Extensions>'))

    # Benign WS-Federation shapes (AD FS, Entra ID, Office 365): a SAML 2.0 token whose bearer
    # SubjectConfirmation has no SubjectConfirmationData; an AD FS SAML 1.1 token naming the user
    # only in its attributes (no NameIdentifier); one naming it only in the AttributeStatement.
    bearer_only = '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"/>'
    entra_wsfed = t.signed_a2(lambda a: re.sub(r"<saml:SubjectConfirmation .*?</saml:SubjectConfirmation>", bearer_only, a),
                              aid="_wsf_entra", issuer=t.ENTRA)
    write("benign-wsfed-saml2-no-confirmation-data.form", t.form(t.rstr(entra_wsfed), plus=True))
    nid = re.compile(r"<saml:NameIdentifier [^>]*>[^<]*</saml:NameIdentifier>")
    write("benign-saml11-no-nameidentifier.xml", t.saml11(aid="_s11_noname", edit=lambda a: nid.sub("", a)) + "\n")
    write("benign-saml11-nameidentifier-in-attributes-only.xml", t.saml11(
        aid="_s11_attronly",
        edit=lambda a: a.replace("<saml:AuthenticationStatement", "<AUTHN").split("<AUTHN")[0]
        + "<saml:AuthenticationStatement" + nid.sub("", a.split("<saml:AuthenticationStatement", 1)[1])) + "\n")

    # Advice as SAML core §2.6.1 allows it, inside the signed Assertion: an evidence Assertion
    # carrying its own signature with two References, and evidence nested in the evidence.
    two_refs = ('<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>'
                '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
                '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>'
                + "".join(f'<ds:Reference URI="#{r}"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AAAA</ds:DigestValue></ds:Reference>' for r in ("_ev1", "_ev2"))
                + '</ds:SignedInfo><ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>')
    inner_ev = (f'<saml:Assertion ID="_ev2" Version="2.0" IssueInstant="{g.ISSUE}"><saml:Issuer>https://evidence.example</saml:Issuer>'
                '<saml:Subject><saml:NameID>alice@example.com</saml:NameID></saml:Subject></saml:Assertion>')
    evidence = (f'<saml:Advice><saml:Assertion ID="_ev1" Version="2.0" IssueInstant="{g.ISSUE}"><saml:Issuer>https://evidence.example</saml:Issuer>'
                f'{two_refs}<saml:Subject><saml:NameID>alice@example.com</saml:NameID></saml:Subject>'
                f'<saml:Advice>{inner_ev}</saml:Advice></saml:Assertion></saml:Advice>')
    with_advice = g.assertion(attrs=g.email_attrs()).replace("</saml:Conditions>", "</saml:Conditions>" + evidence)
    signed = re.sub(r"^<\?xml[^>]*\?>\s*", "", g.xmlsec_sign('<?xml version="1.0" encoding="UTF-8"?>\n' + with_advice)).strip()
    write("benign-nested-advice-signed-evidence.xml", g.response(signed))

    # Identity beside the signed Assertion.
    write("extensions-nameid.xml", after_issuer(base, f"<samlp:Extensions>{NAMEID}</samlp:Extensions>"))
    write("statusdetail-attribute.xml", base.replace(
        "</samlp:StatusCode>",
        "</samlp:StatusCode><samlp:StatusDetail>" + g.attribute("email", [EVIL]) + "</samlp:StatusDetail>", 1))
    write("response-child-nameid.xml", base.replace("</samlp:Response>", NAMEID + "</samlp:Response>"))
    write("foreign-ns-assertion-before.xml", before_assertion(base, forged_assertion(decl=' xmlns:saml="urn:evil:ns"')))
    write("foreign-ns-assertion-after.xml", base.replace(
        "</samlp:Response>", forged_assertion(decl=' xmlns:saml="urn:evil:ns"') + "</samlp:Response>"))
    write("foreign-default-ns-assertion.xml", before_assertion(
        base, forged_assertion().replace("saml:", "").replace(f' xmlns:saml="{g.SAML}"', ' xmlns="urn:evil:ns"')))
    write("unbound-prefix-assertion.xml", before_assertion(base, forged_assertion(prefix="saml2", decl="")))
    # Inside the signed Assertion's own signature: KeyInfo and ds:Object are not signed.
    write("keyinfo-nameid.xml", in_keyinfo(base, NAMEID))
    write("object-subject.xml", in_object(base, f"<saml:Subject>{NAMEID}</saml:Subject>"))
    # A second EncryptedAssertion beside the signed plaintext one.
    write("second-encrypted-assertion.xml", base.replace(
        "</samlp:Response>",
        '<saml:EncryptedAssertion><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#">'
        '<xenc:CipherData><xenc:CipherValue>AAAA</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></saml:EncryptedAssertion></samlp:Response>'))

    # URI="" on the Assertion's signature (signed as a standalone document, then put in a
    # Response): not the root's own signature, so refused.
    whole = g.assertion(attrs=g.email_attrs()).replace('URI="#_a1"', 'URI=""')
    whole = re.sub(r"^<\?xml[^>]*\?>\s*", "", g.xmlsec_sign('<?xml version="1.0" encoding="UTF-8"?>\n' + whole)).strip()
    write("assertion-uri-empty.xml", g.response(whole))

    # Encrypted (open with keys/sp.key): a NameID in the EncryptedData's KeyInfo (replaced by
    # decryption, so walked before it), and a second EncryptedAssertion beside the real one.
    enc = open(os.path.join(g.HERE, "encrypted.xml")).read()
    ki = '<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">'
    write("encrypted-keyinfo-nameid.xml", enc.replace(ki, ki + NAMEID.replace("<saml:NameID ", f'<saml:NameID xmlns:saml="{g.SAML}" '), 1))
    end = enc.index("</saml:EncryptedAssertion>") + len("</saml:EncryptedAssertion>")
    write("encrypted-second-envelope.xml", enc[:end] + '<saml:EncryptedAssertion><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#">'
          '<xenc:CipherData><xenc:CipherValue>AAAA</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></saml:EncryptedAssertion>' + enc[end:])

    # Signed text split after signing: canonicalisation erases comments and turns CDATA into text,
    # so the digest holds; a reader of the first text node gets "alice@example" (CVE-2017-11427).
    write("split-comment-nameid.xml", base.replace(">alice@example.com</saml:NameID>", ">alice@example<!---->.com</saml:NameID>", 1))
    write("split-cdata-nameid.xml", base.replace(">alice@example.com</saml:NameID>", "><![CDATA[alice@example]]>.com</saml:NameID>", 1))

    # WS-Fed envelope with a DOCTYPE whose entity value holds the genuine signed RSTR: a reader
    # that ends the DOCTYPE at the first balanced '>' (quotes ignored) sees that decoy, while a
    # real XML parser sees the body after it, a forged Assertion ahead of the signed one. The
    # envelope must be refused before any reader looks at it (exit 2).
    rstr = t.rstr(t.signed_a2(aid="_wsf_dt", issuer=t.ENTRA))
    token_at = rstr.index("<t:RequestedSecurityToken>") + len("<t:RequestedSecurityToken>")
    body = rstr[:token_at] + forged_assertion().replace("_forged", "_dt_forged") + rstr[token_at:]
    desync = (f"<!DOCTYPE t:RequestSecurityTokenResponse [<!ENTITY decoy '>>{rstr}<!DOCTYPE <<'>\n]>\n"
              f"{body}<!-- > -->")
    write("doctype-wsfed-desync.form", t.form(desync, plus=True))

    # The same form parameter twice, the signed message first and a forged one last (PHP and
    # Rails read the last): no message to pick, refused (exit 2).
    import base64
    forged = g.response(g.assertion(signed=False, name_id=EVIL, attrs=g.email_attrs(EVIL)))
    b64 = lambda x: urllib.parse.quote(base64.b64encode(x.encode()).decode(), safe="")
    write("refused-two-samlresponses.form", f"SAMLResponse={b64(base)}&SAMLResponse={b64(forged)}&RelayState=%2F\n")

    # An encrypted WS-Federation SAML 2.0 token (AD FS and Entra ID encrypt to the relying party's
    # certificate): the RequestedSecurityToken holds an EncryptedAssertion whose plaintext
    # Assertion is signed. Opened with keys/sp.key, it passes.
    ea = re.search(r"<saml:EncryptedAssertion.*?</saml:EncryptedAssertion>", enc, re.S).group(0)
    if "xmlns:saml=" not in ea.split(">", 1)[0]:
        ea = ea.replace("<saml:EncryptedAssertion", f'<saml:EncryptedAssertion xmlns:saml="{g.SAML}"', 1)
    write("benign-wsfed-encrypted.form", t.form(t.rstr(ea), plus=True))

    # Captures whose reader and an SP could take different messages (exit 2): the HAR's params
    # hold the signed Response while the body sent holds a forged one; a lower-case parameter
    # name (ASP.NET reads it); an IdP page with two SAMLResponse fields (one disabled); a
    # SAML-tracer request whose posted value does not decode, beside a decoded `saml` field.
    import json
    har = json.load(open(os.path.join(g.HERE, "capture.har")))
    post = [e for e in har["log"]["entries"] if e["request"]["method"] == "POST"][0]
    genuine_b64 = base64.b64encode(base.encode()).decode()
    forged_b64 = base64.b64encode(forged.encode()).decode()
    post["request"]["postData"] = {"mimeType": "application/x-www-form-urlencoded",
                                   "text": "SAMLResponse=" + urllib.parse.quote(forged_b64, safe=""),
                                   "params": [{"name": "SAMLResponse", "value": genuine_b64}]}
    write("refused-har-params-disagree.har", json.dumps(har, indent=1))
    post["request"]["postData"] = {"mimeType": "application/x-www-form-urlencoded",
                                   "text": "SAMLResponse=" + urllib.parse.quote(genuine_b64, safe="")
                                   + "&samlresponse=" + urllib.parse.quote(forged_b64, safe="")}
    write("refused-har-lowercase-name.har", json.dumps(har, indent=1))
    write("refused-html-two-fields.html",
          '<html><body onload="document.forms[0].submit()"><form method="post" action="https://analytics.amplitude.com/saml/sso/123456">'
          f'<input type="hidden" name="SAMLResponse" value="{genuine_b64}" disabled>'
          f'<input type="hidden" name="SAMLResponse" value="{forged_b64}"></form></body></html>\n')
    tracer = {"requests": [{"requestId": "1", "method": "POST", "url": "https://analytics.amplitude.com/saml/sso/123456",
                            "post": [["SAMLResponse", forged_b64[:40] + "." + forged_b64[40:]]], "saml": base}]}
    write("refused-tracer-undecodable.json", json.dumps(tracer, indent=1))
    # A message posted to the ACS whose root is a LogoutResponse, holding a forged Assertion
    # ahead of a copy of the signed one: not a request to take as context — it fails.
    signed_a = re.search(r"<saml:Assertion .*</saml:Assertion>", base, re.S).group(0)
    logout = (f'<samlp:LogoutResponse xmlns:samlp="{g.SAMLP}" xmlns:saml="{g.SAML}" ID="_lo1" Version="2.0" IssueInstant="{g.ISSUE}">'
              f'<saml:Issuer>{g.AWS_IC}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
              + forged_assertion() + signed_a + '</samlp:LogoutResponse>')
    har = json.load(open(os.path.join(g.HERE, "capture.har")))
    post = [e for e in har["log"]["entries"] if e["request"]["method"] == "POST"][0]
    post["request"]["postData"] = {"mimeType": "application/x-www-form-urlencoded",
                                   "text": "SAMLResponse=" + urllib.parse.quote(base64.b64encode(logout.encode()).decode(), safe="")}
    write("capture-forged-as-context.har", json.dumps(har, indent=1))

    # A signed Response whose Issuer was left out before signing (profiles §4.1.4.2).
    unsigned_inner = g.assertion(signed=False, attrs=g.email_attrs())
    no_issuer = g.response(unsigned_inner, signed=True).replace(f"<saml:Issuer>{g.AWS_IC}</saml:Issuer>", "", 1)
    write("signed-response-no-issuer.xml", g.xmlsec_sign(no_issuer))

    # WS-Federation: a second Assertion in the token's envelope (after the signed one).
    entra = t.signed_a2(aid="_wsf_two", issuer=t.ENTRA)
    two = t.rstr(entra).replace(
        "</t:RequestedSecurityToken>",
        "</t:RequestedSecurityToken>" + forged_assertion().replace("_forged", "_wsf_forged"))
    write("wsfed-two-assertions.form", t.form(two, plus=True))


if __name__ == "__main__":
    main()
