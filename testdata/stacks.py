#!/usr/bin/env python3
"""Fixtures that split the SP stacks (issue 28; ../shared/reference/sp-stacks.md §D5): one healthy
SP-initiated Response that every profiled stack accepts (Response and Assertion both signed, as
node-saml's defaults want; InResponseTo, Destination, Recipient, Conditions, AttributeStatement
present; judged at 2026-01-15T10:01:00Z), and one variant per row of the reference's table, each
changing one thing. Signed by the xmlsec1 CLI with keys/idp.key through generate.py's helpers.

Run from anywhere: python3 testdata/stacks.py   (needs xmlsec1 and openssl; keys/ must exist)
Outputs go to testdata/stacks/ and are committed; tests/it/stacks.rs says which stack takes each.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate as g  # noqa: E402

OUT = os.path.join(g.HERE, "stacks")
RID = "_req1"


def expired_cert():
    """keys/idp-expired.crt: idp.key's certificate, valid only during 2025."""
    path = os.path.join(g.KEYS, "idp-expired.crt")
    if not os.path.exists(path):
        g.self_signed(os.path.join(g.KEYS, "idp.key"), path, "samlcheck test IdP (expired)",
                      "20250101000000Z", "20251231000000Z")
    return path


def sign(xml, xpath, crt="idp.crt"):
    """Signs the Signature template at XPATH with keys/idp.key, embedding keys/CRT in KeyInfo."""
    src, dst = os.path.join(g.TMP, "in.xml"), os.path.join(g.TMP, "out.xml")
    open(src, "w").write(xml)
    g.run("xmlsec1", "--sign", "--privkey-pem", f"{g.KEYS}/idp.key,{g.KEYS}/{crt}",
          "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
          "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:protocol:Response",
          "--node-xpath", xpath, "--output", dst, src)
    return open(dst).read()


def signed_assertion_xml(a, crt):
    s = sign('<?xml version="1.0" encoding="UTF-8"?>\n' + a, "/*/*[local-name()='Signature']", crt)
    return re.sub(r"^<\?xml[^>]*\?>\s*", "", s).strip()


def build(*, assertion_edit=None, response_edit=None, sign_response=True, sign_assertion=True, alg="rsa-sha256",
          digest="sha256", irt=RID, aid="_a1", rid="_r1", crt="idp.crt", **kw):
    """A Response around an Assertion: each edited as text before it is signed, then signed."""
    a = g.assertion(aid=aid, in_response_to=irt, attrs=g.email_attrs(), signed=sign_assertion, alg=alg,
                    digest=digest, **kw)
    if assertion_edit:
        a = assertion_edit(a)
    if sign_assertion:
        a = signed_assertion_xml(a, crt)
    r = g.response(a, rid=rid, in_response_to=irt, signed=sign_response, alg=alg, digest=digest)
    if response_edit:
        r = response_edit(r)
    if not sign_response:
        return r
    # The Response's own template, wherever it now is: the child Signature of the root.
    return sign(r, "/*/*[local-name()='Signature']", crt)


def write(name, xml):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        f.write(xml)


def move_signature_after_status(r):
    """The Response's signature template moved after its Status (and Assertion): appended."""
    m = re.search(r"<ds:Signature .*?</ds:Signature>", r, re.S)
    sig = m.group(0)
    r = r.replace(sig, "", 1)
    return r.replace("</samlp:Response>", sig + "</samlp:Response>")


def main():
    os.makedirs(g.TMP, exist_ok=True)
    expired_cert()
    write("healthy.xml", build())
    write("signature-appended.xml", build(response_edit=move_signature_after_status))
    write("reference-uri-empty.xml", build(response_edit=lambda r: r.replace('URI="#_r1"', 'URI=""', 1)))
    write("sha1.xml", build(alg="rsa-sha1", digest="sha1"))
    # Signed with idp.key and its certificate that expired in 2025, which the IdP's metadata (and
    # the message's KeyInfo) carries: verified with --cert keys/idp-expired.crt.
    write("expired-cert.xml", build(crt="idp-expired.crt"))
    write("assertion-20min-old.xml", build(issue="2026-01-15T09:41:00Z", not_before="2026-01-15T09:40:00Z",
                                           not_after="2026-01-15T10:40:00Z"))
    write("no-attribute-statement.xml",
          build(assertion_edit=lambda a: re.sub(r"<saml:AttributeStatement>.*?</saml:AttributeStatement>", "", a)))
    write("responder-with-assertion.xml",
          build(response_edit=lambda r: r.replace("urn:oasis:names:tc:SAML:2.0:status:Success",
                                                  "urn:oasis:names:tc:SAML:2.0:status:Responder")))
    write("no-destination.xml", build(response_edit=lambda r: r.replace(f' Destination="{g.AMP_ACS}"', "", 1)))
    write("no-recipient.xml", build(assertion_edit=lambda a: a.replace(f' Recipient="{g.AMP_ACS}"', "")))
    write("recipient-suffix.xml", build(recipient=g.AMP_ACS + "2"))
    write("no-subject-confirmation.xml",
          build(assertion_edit=lambda a: re.sub(r"<saml:SubjectConfirmation .*?</saml:SubjectConfirmation>", "", a)))
    write("two-audience-restrictions.xml", build(assertion_edit=lambda a: a.replace(
        "</saml:AudienceRestriction>",
        "</saml:AudienceRestriction><saml:AudienceRestriction><saml:Audience>https://other.example.com/sp</saml:Audience></saml:AudienceRestriction>", 1)))
    write("idp-initiated.xml", build(irt=None))
    write("one-time-use.xml", build(assertion_edit=lambda a: a.replace(
        "</saml:AudienceRestriction></saml:Conditions>", "</saml:AudienceRestriction><saml:OneTimeUse/></saml:Conditions>", 1)))
    write("id-starts-with-digit.xml", build(aid="1a", rid="1r"))
    write("conditions-expired-2min.xml", build(assertion_edit=lambda a: a.replace(
        f'<saml:Conditions NotBefore="{g.NOT_BEFORE}" NotOnOrAfter="{g.NOT_AFTER}">',
        f'<saml:Conditions NotBefore="{g.NOT_BEFORE}" NotOnOrAfter="2026-01-15T09:59:00Z">', 1)))
    write("scd-expired-6min.xml", build(assertion_edit=lambda a: a.replace(
        f'<saml:SubjectConfirmationData NotOnOrAfter="{g.NOT_AFTER}"',
        '<saml:SubjectConfirmationData NotOnOrAfter="2026-01-15T09:55:00Z"', 1)))
    # From the attack review of --sp-stack: where libraries read what samlcheck's model smooths.
    # A bad confirmation beside a good one (one valid confirmation suffices for most stacks).
    write("two-confirmations-first-bad.xml", build(assertion_edit=lambda a: a.replace(
        "<saml:SubjectConfirmation ",
        '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData '
        f'NotOnOrAfter="2026-01-15T09:50:00Z" Recipient="{g.AMP_ACS}" InResponseTo="{RID}"/></saml:SubjectConfirmation>'
        "<saml:SubjectConfirmation ", 1)))
    # Whitespace around the Audience and the Issuers (compared untrimmed by most libraries).
    write("audience-padded.xml", build(assertion_edit=lambda a: a.replace(
        f"<saml:Audience>{g.AMP_ENTITY}</saml:Audience>", f"<saml:Audience> {g.AMP_ENTITY}\n</saml:Audience>")))
    write("issuer-padded.xml", build(
        assertion_edit=lambda a: a.replace(f"<saml:Issuer>{g.AWS_IC}</saml:Issuer>", f"<saml:Issuer>\n  {g.AWS_IC}\n</saml:Issuer>"),
        response_edit=lambda r: r.replace(f"<saml:Issuer>{g.AWS_IC}</saml:Issuer>", f"<saml:Issuer>\n  {g.AWS_IC}\n</saml:Issuer>")))
    # The Destination's scheme and host in capitals (python3-saml and ruby-saml normalise them).
    upper = g.AMP_ACS.replace("https://analytics.amplitude.com", "HTTPS://Analytics.Amplitude.COM")
    write("destination-case.xml", build(response_edit=lambda r: r.replace(f'Destination="{g.AMP_ACS}"', f'Destination="{upper}"', 1)))
    # A Conditions NotOnOrAfter that is no date at all.
    write("conditions-time-garbage.xml", build(assertion_edit=lambda a: a.replace(
        f'<saml:Conditions NotBefore="{g.NOT_BEFORE}" NotOnOrAfter="{g.NOT_AFTER}">',
        f'<saml:Conditions NotBefore="{g.NOT_BEFORE}" NotOnOrAfter="later">', 1)))
    print("stack fixtures written to", OUT)


if __name__ == "__main__":
    main()
