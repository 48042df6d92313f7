#!/usr/bin/env python3
"""Regenerates every fixture in testdata/ with real tooling: openssl for keys and certificates,
the xmlsec1 CLI for XML signatures and encryption, openssl dgst for the redirect binding.

Run from anywhere: python3 testdata/generate.py   (needs openssl and xmlsec1 on PATH)
Outputs are committed; tests never regenerate them. See testdata/README.md for what each is.
"""
import base64, json, os, re, shutil, subprocess, sys, tempfile, urllib.parse, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = os.path.join(HERE, "keys")
OUT = HERE
TMP = tempfile.mkdtemp(prefix="samlcheck-fixtures-")

SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
DS = "http://www.w3.org/2000/09/xmldsig#"

AWS_IC = "https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIzNDU2Nzg5MDEyX2lucy1hYmNkZWYxMjM0NTY3ODkw"
AMP_ENTITY = "https://amplitude.com/saml/sso/metadata"
AMP_ACS = "https://analytics.amplitude.com/saml/sso/123456"
ISSUE = "2026-01-15T10:00:00Z"
NOT_BEFORE = "2026-01-15T09:55:00Z"
NOT_AFTER = "2026-01-15T10:05:00Z"
SESSION_END = "2026-01-15T18:00:00Z"


def run(*cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{r.stdout}\n{r.stderr}")
    return r.stdout


def self_signed(key, crt, cn, start, end):
    """A self-signed certificate for KEY with an explicit validity window (openssl ca -selfsign,
    since `openssl req -x509` always starts at the current time and the fixtures are dated)."""
    d = tempfile.mkdtemp(prefix="ca-", dir=TMP)
    open(os.path.join(d, "index.txt"), "w").close()
    conf = os.path.join(d, "ca.cnf")
    open(conf, "w").write(
        f"[ca]\ndefault_ca=fx\n[fx]\ndir={d}\ndatabase={d}/index.txt\nnew_certs_dir={d}\nserial={d}/serial\n"
        "default_md=sha256\npolicy=any\nunique_subject=no\ncopy_extensions=none\nx509_extensions=ext\n"
        "[any]\ncommonName=supplied\norganizationName=optional\n[ext]\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
        "[req]\ndistinguished_name=dn\n[dn]\n")
    open(os.path.join(d, "serial"), "w").write("1000\n")
    csr = os.path.join(d, "req.csr")
    run("openssl", "req", "-new", "-key", key, "-out", csr, "-subj", f"/CN={cn}/O=samlcheck fixtures", "-config", conf)
    run("openssl", "ca", "-batch", "-selfsign", "-config", conf, "-keyfile", key, "-in", csr, "-out", crt,
        "-startdate", start, "-enddate", end, "-notext")


def keys():
    os.makedirs(KEYS, exist_ok=True)
    os.makedirs(TMP, exist_ok=True)
    for name, cn, alg in [
        ("idp", "samlcheck test IdP", "rsa"),
        ("idp-new", "samlcheck test IdP (rotated)", "rsa"),
        ("attacker", "attacker", "rsa"),
        ("idp-ec", "samlcheck test IdP (EC)", "ec"),
        ("sp", "samlcheck test SP", "rsa"),
    ]:
        key, crt = os.path.join(KEYS, name + ".key"), os.path.join(KEYS, name + ".crt")
        if not os.path.exists(key):
            if alg == "rsa":
                run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key)
            else:
                run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key)
        if not os.path.exists(crt):
            # Valid from 2025-01-01 for ten years: the fixtures are issued 2026-01-15.
            self_signed(key, crt, cn, "20250101000000Z", "20350101000000Z")
    idp_key = os.path.join(KEYS, "idp.key")
    # idp.key's certificate, expiring two hours after the fixtures are issued (certificate-expired,
    # certificate-expiring, and --at issue-instant judging certificates at the message's own time).
    short = os.path.join(KEYS, "idp-short.crt")
    if not os.path.exists(short):
        self_signed(idp_key, short, "samlcheck test IdP (short-lived)", "20251215000000Z", "20260115120000Z")
    # idp.key's certificate, valid only from 2026-02-01 (certificate-not-yet-valid).
    future = os.path.join(KEYS, "idp-future.crt")
    if not os.path.exists(future):
        self_signed(idp_key, future, "samlcheck test IdP (staged)", "20260201000000Z", "20360201000000Z")


def key_forms():
    """The IdP key as people copy it: a bare public key (SPKI and PKCS#1 PEM) and the one-line
    base64 body of its certificate (as in metadata's X509Certificate or an IdP console)."""
    idp_key = os.path.join(KEYS, "idp.key")
    run("openssl", "pkey", "-in", idp_key, "-pubout", "-out", os.path.join(KEYS, "idp.pub.pem"))
    run("openssl", "rsa", "-in", idp_key, "-RSAPublicKey_out", "-out", os.path.join(KEYS, "idp.rsapub.pem"))
    with open(os.path.join(KEYS, "idp.crt.b64"), "w") as f:
        f.write(cert_b64("idp.crt") + "\n")


def cert_b64(name):
    pem = open(os.path.join(KEYS, name)).read()
    return "".join(l for l in pem.splitlines() if "-----" not in l)


def sig_template(ref, alg="rsa-sha256", digest="sha256"):
    salg = {
        "rsa-sha256": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        "rsa-sha1": "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
        "rsa-sha512": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
        "ecdsa-sha256": "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
    }[alg]
    dalg = {
        "sha256": "http://www.w3.org/2001/04/xmlenc#sha256",
        "sha1": "http://www.w3.org/2000/09/xmldsig#sha1",
        "sha512": "http://www.w3.org/2001/04/xmlenc#sha512",
    }[digest]
    return (
        f'<ds:Signature xmlns:ds="{DS}"><ds:SignedInfo>'
        '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
        f'<ds:SignatureMethod Algorithm="{salg}"/>'
        f'<ds:Reference URI="#{ref}"><ds:Transforms>'
        '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>'
        '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
        f'</ds:Transforms><ds:DigestMethod Algorithm="{dalg}"/><ds:DigestValue></ds:DigestValue></ds:Reference>'
        '</ds:SignedInfo><ds:SignatureValue></ds:SignatureValue>'
        '<ds:KeyInfo><ds:X509Data><ds:X509Certificate></ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>'
    )


def attribute(name, values, fmt="urn:oasis:names:tc:SAML:2.0:attrname-format:basic", friendly=None):
    fr = f' FriendlyName="{friendly}"' if friendly else ""
    vals = "".join(f'<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">{v}</saml:AttributeValue>' for v in values)
    return f'<saml:Attribute Name="{name}" NameFormat="{fmt}"{fr}>{vals}</saml:Attribute>'


def assertion(aid="_a1", issuer=AWS_IC, name_id="alice@example.com", name_fmt="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
              audience=AMP_ENTITY, recipient=AMP_ACS, in_response_to=None, attrs=None, signed=True,
              not_before=NOT_BEFORE, not_after=NOT_AFTER, issue=ISSUE, alg="rsa-sha256", digest="sha256"):
    irt = f' InResponseTo="{in_response_to}"' if in_response_to else ""
    stmt = "" if attrs is None else f"<saml:AttributeStatement>{''.join(attrs)}</saml:AttributeStatement>"
    sig = sig_template(aid, alg, digest) if signed else ""
    return (
        f'<saml:Assertion xmlns:saml="{SAML}" ID="{aid}" Version="2.0" IssueInstant="{issue}">'
        f'<saml:Issuer>{issuer}</saml:Issuer>{sig}'
        f'<saml:Subject><saml:NameID Format="{name_fmt}">{name_id}</saml:NameID>'
        f'<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
        f'<saml:SubjectConfirmationData NotOnOrAfter="{not_after}" Recipient="{recipient}"{irt}/></saml:SubjectConfirmation></saml:Subject>'
        f'<saml:Conditions NotBefore="{not_before}" NotOnOrAfter="{not_after}"><saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>'
        f'<saml:AuthnStatement AuthnInstant="{issue}" SessionIndex="_s1" SessionNotOnOrAfter="{SESSION_END}"><saml:AuthnContext>'
        '<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>'
        f'{stmt}</saml:Assertion>'
    )


def response(inner, rid="_r1", issuer=AWS_IC, destination=AMP_ACS, in_response_to=None, signed=False,
             status="urn:oasis:names:tc:SAML:2.0:status:Success", second=None, message=None, issue=ISSUE, alg="rsa-sha256", digest="sha256", extra=""):
    irt = f' InResponseTo="{in_response_to}"' if in_response_to else ""
    sig = sig_template(rid, alg, digest) if signed else ""
    sub = f'<samlp:StatusCode Value="{second}"/>' if second else ""
    msg = f"<samlp:StatusMessage>{message}</samlp:StatusMessage>" if message else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<samlp:Response xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="{rid}" Version="2.0" '
        f'IssueInstant="{issue}" Destination="{destination}"{irt}><saml:Issuer>{issuer}</saml:Issuer>{sig}{extra}'
        f'<samlp:Status><samlp:StatusCode Value="{status}">{sub}</samlp:StatusCode>{msg}</samlp:Status>{inner}</samlp:Response>\n'
    )


def xmlsec_sign(xml, key="idp", node="urn:oasis:names:tc:SAML:2.0:assertion:Assertion"):
    """Signs the first ds:Signature template in document order with KEY (.key + .crt)."""
    src = os.path.join(TMP, "in.xml")
    dst = os.path.join(TMP, "out.xml")
    open(src, "w").write(xml)
    run("xmlsec1", "--sign", "--privkey-pem", f"{KEYS}/{key}.key,{KEYS}/{key}.crt",
        "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
        "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:protocol:Response",
        "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:protocol:AuthnRequest",
        "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor",
        "--output", dst, src)
    return open(dst).read()


def signed_assertion(key="idp", **kw):
    """An Assertion signed on its own (as a standalone document), without XML declaration."""
    a = assertion(**kw)
    s = xmlsec_sign('<?xml version="1.0" encoding="UTF-8"?>\n' + a, key)
    return re.sub(r"^<\?xml[^>]*\?>\s*", "", s).strip()


def write(name, text):
    with open(os.path.join(OUT, name), "w") as f:
        f.write(text)


def xmlsec_verify(path, cert):
    r = subprocess.run(["xmlsec1", "--verify", "--pubkey-cert-pem", cert,
                        "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
                        "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:protocol:Response", path], capture_output=True, text=True)
    return r.returncode == 0


def der_ecdsa(raw):
    """Raw r||s (XML-DSig) → DER SEQUENCE { INTEGER r, INTEGER s }."""
    half = len(raw) // 2

    def integer(b):
        b = b.lstrip(b"\x00") or b"\x00"
        if b[0] & 0x80:
            b = b"\x00" + b
        return bytes([2, len(b)]) + b
    body = integer(raw[:half]) + integer(raw[half:])
    return bytes([0x30, len(body)]) + body


def good_placeholder():
    good = open(os.path.join(OUT, "signed-assertion.xml")).read()
    return good.replace("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1")


def xmlsec_verify_text(xml):
    path = os.path.join(TMP, "check.xml")
    open(path, "w").write(xml)
    return xmlsec_verify(path, os.path.join(KEYS, "idp.crt"))


def email_attrs(value="alice@example.com"):
    return [attribute("email", [value]), attribute("firstName", ["Alice"]), attribute("lastName", ["Example"])]


def main():
    keys()
    key_forms()
    os.makedirs(os.path.join(OUT, "xsw"), exist_ok=True)

    # --- basic signed shapes -------------------------------------------------------------
    write("signed-assertion.xml", response(signed_assertion(attrs=email_attrs())))
    write("signed-response.xml", xmlsec_sign(response(assertion(signed=False, attrs=email_attrs()), signed=True)))
    write("signed-both.xml", xmlsec_sign(response(signed_assertion(attrs=email_attrs()), signed=True)))
    write("unsigned.xml", response(assertion(signed=False, attrs=email_attrs())))
    write("signed-sha1.xml", response(signed_assertion(alg="rsa-sha1", digest="sha1", attrs=email_attrs())))
    write("signed-sha512.xml", response(signed_assertion(alg="rsa-sha512", digest="sha512", attrs=email_attrs())))
    write("signed-ecdsa.xml", response(signed_assertion(key="idp-ec", alg="ecdsa-sha256", attrs=email_attrs())))

    # --- email sources and attribute problems ---------------------------------------------
    pid = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
    write("placeholder-email.xml", response(signed_assertion(name_id="${user:email}", attrs=[attribute("email", ["${user:email}"])])))
    write("empty-attributes.xml", response(signed_assertion(name_id="9a8b7c6d-1234", name_fmt=pid, attrs=[])))
    write("email-subject.xml", response(signed_assertion(attrs=None)))
    write("email-claim.xml", response(signed_assertion(name_id="9a8b7c6d-1234", name_fmt=pid, attrs=[
        attribute("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", ["claim@example.com"], fmt="urn:oasis:names:tc:SAML:2.0:attrname-format:uri")])))
    write("email-emailaddress.xml", response(signed_assertion(name_id="9a8b7c6d-1234", name_fmt=pid, attrs=[attribute("EmailAddress", ["upper@example.com"])])))
    write("email-attr.xml", response(signed_assertion(name_id="9a8b7c6d-1234", name_fmt=pid, attrs=[attribute("Email", ["attr@example.com"])])))
    write("email-empty.xml", response(signed_assertion(name_id="9a8b7c6d-1234", name_fmt=pid, attrs=[attribute("email", [""]), attribute("Email", ["x@example.com"], fmt="urn:oasis:names:tc:SAML:2.0:attrname-format:uri")])))
    write("nameid-not-email.xml", response(signed_assertion(name_id="alice", attrs=None)))

    # --- AWS federation -------------------------------------------------------------------
    okta = "http://www.okta.com/exk1abcdEFGH2345"
    role = "arn:aws:iam::123456789012:role/Admin,arn:aws:iam::123456789012:saml-provider/Okta"
    write("aws-role.xml", response(signed_assertion(issuer=okta, audience="urn:amazon:webservices", recipient="https://signin.aws.amazon.com/saml", name_id="alice@example.com", attrs=[
        attribute("https://aws.amazon.com/SAML/Attributes/Role", [role], fmt="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"),
        attribute("https://aws.amazon.com/SAML/Attributes/RoleSessionName", ["alice@example.com"], fmt="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"),
        attribute("https://aws.amazon.com/SAML/Attributes/SessionDuration", ["3600"], fmt="urn:oasis:names:tc:SAML:2.0:attrname-format:uri")]),
        issuer=okta, destination="https://signin.aws.amazon.com/saml"))
    write("aws-role-bad.xml", response(signed_assertion(issuer=okta, audience="urn:amazon:webservices", recipient="https://signin.aws.amazon.com/saml", attrs=[
        attribute("https://aws.amazon.com/SAML/Attributes/Role", ["arn:aws:iam::12345:role/Admin"], fmt="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"),
        attribute("https://aws.amazon.com/SAML/Attributes/SessionDuration", ["99999"], fmt="urn:oasis:names:tc:SAML:2.0:attrname-format:uri")]),
        issuer=okta, destination="https://signin.aws.amazon.com/saml"))

    # --- expectations, time, status --------------------------------------------------------
    entra = "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/"
    write("entra-http-acs.xml", response(signed_assertion(issuer=entra, recipient="http://analytics.amplitude.com/saml/sso/123456", attrs=email_attrs()),
                                         issuer=entra, destination="http://analytics.amplitude.com/saml/sso/123456"))
    # Entra ID's shape: default namespaces, seven fractional digits, claim-URI attributes, signed assertion.
    entra_a = (
        f'<Assertion xmlns="{SAML}" ID="_e1" IssueInstant="2026-01-15T10:00:00.1234567Z" Version="2.0"><Issuer>{entra}</Issuer>'
        + sig_template("_e1")
        + '<Subject><NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">alice@contoso.example</NameID>'
        f'<SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><SubjectConfirmationData NotOnOrAfter="2026-01-15T10:05:00.1234567Z" Recipient="{AMP_ACS}"/></SubjectConfirmation></Subject>'
        f'<Conditions NotBefore="2026-01-15T09:55:00.1234567Z" NotOnOrAfter="2026-01-15T11:00:00.1234567Z"><AudienceRestriction><Audience>{AMP_ENTITY}</Audience></AudienceRestriction></Conditions>'
        '<AttributeStatement>'
        '<Attribute Name="http://schemas.microsoft.com/identity/claims/tenantid"><AttributeValue>72f988bf-86f1-41af-91ab-2d7cd011db47</AttributeValue></Attribute>'
        '<Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"><AttributeValue>alice@contoso.example</AttributeValue></Attribute>'
        '<Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"><AttributeValue>alice@contoso.example</AttributeValue></Attribute>'
        '</AttributeStatement><AuthnStatement AuthnInstant="2026-01-15T09:59:58.000Z" SessionIndex="_e1"><AuthnContext>'
        '<AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</AuthnContextClassRef></AuthnContext></AuthnStatement></Assertion>'
    )
    entra_signed = re.sub(r"^<\?xml[^>]*\?>\s*", "", xmlsec_sign('<?xml version="1.0" encoding="UTF-8"?>\n' + entra_a)).strip()
    write("entra-shaped.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<samlp:Response xmlns:samlp="{SAMLP}" ID="_er1" Version="2.0" IssueInstant="2026-01-15T10:00:00.1234567Z" '
          f'Destination="{AMP_ACS}"><Issuer xmlns="{SAML}">{entra}</Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>{entra_signed}</samlp:Response>\n')
    write("wrong-audience.xml", response(signed_assertion(audience="https://amplitude.com/saml/sso/metadata/", attrs=email_attrs())))
    write("sp-initiated.xml", response(signed_assertion(in_response_to="_req42", attrs=email_attrs()), in_response_to="_req42"))
    write("status-responder.xml", response("", status="urn:oasis:names:tc:SAML:2.0:status:Responder",
                                           second="urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy", message="NameID format not supported"))
    write("status-denied.xml", response("", issuer=entra, status="urn:oasis:names:tc:SAML:2.0:status:Requester",
                                        second="urn:oasis:names:tc:SAML:2.0:status:RequestDenied", message="AADSTS50105: user is not assigned to a role for the application"))
    write("duplicate-attributes.xml", response(signed_assertion(attrs=[attribute("email", ["alice@example.com"]),
                                                                       attribute("Email", ["alice@example.com"], fmt="urn:oasis:names:tc:SAML:2.0:attrname-format:uri")])))

    # --- tampering, keys, rotation -----------------------------------------------------------
    good = open(os.path.join(OUT, "signed-assertion.xml")).read()
    write("tampered-nameid.xml", good.replace(">alice@example.com</saml:NameID>", ">mallory@example.com</saml:NameID>"))
    write("tampered-attribute.xml", good.replace(">Alice</saml:AttributeValue>", ">Mallory</saml:AttributeValue>"))
    write("attacker-resigned.xml", response(signed_assertion(key="attacker", name_id="mallory@example.com", attrs=email_attrs("mallory@example.com"))))
    write("rotated.xml", response(signed_assertion(key="idp-new", attrs=email_attrs())))
    # Comment injection: the IdP signed "admin@example.com.evil.example"; a comment is added afterwards.
    signed = response(signed_assertion(name_id="admin@example.com.evil.example", attrs=None))
    write("comment-nameid.xml", signed.replace(">admin@example.com.evil.example<", ">admin@example.com<!---->.evil.example<"))
    write("duplicate-id.xml", good.replace('<samlp:Status>', '<samlp:Extensions><x:Blob xmlns:x="urn:x" ID="_a1"/></samlp:Extensions><samlp:Status>'))
    a1 = signed_assertion(attrs=email_attrs())
    a2 = assertion(aid="_a2", signed=False, name_id="mallory@example.com")
    write("two-assertions.xml", xmlsec_sign(response(assertion(signed=False, attrs=email_attrs()) + a2, signed=True)))
    write("external-reference.xml", good.replace('URI="#_a1"', 'URI="https://evil.example/assertion.xml"'))
    write("xslt-transform.xml", good.replace('<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>',
                                             '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116"/>', 1))
    write("hmac-signature.xml", good.replace("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2000/09/xmldsig#hmac-sha1"))

    # Parser confusion: the IdP signed a Subject holding a foreign-namespace NameID before the real
    # one. libxml2 (namespace-aware) reads the real one; a local-name parser would read both.
    write("parser-confusion.xml", response(xmlsec_sign('<?xml version="1.0" encoding="UTF-8"?>\n' + assertion(attrs=email_attrs()).replace(
        "<saml:Subject>", '<saml:Subject><evil:NameID xmlns:evil="urn:evil">attacker@evil.example</evil:NameID>'), "idp").split("?>", 1)[1].strip()))

    # --- XML Signature Wrapping, XSW1–XSW8 (after SAML Raider's catalogue) -----------------
    evil = assertion(aid="_evil", signed=False, name_id="attacker@evil.example", attrs=email_attrs("attacker@evil.example"))
    resp_signed = open(os.path.join(OUT, "signed-response.xml")).read()
    body = re.sub(r"^<\?xml[^>]*\?>\s*", "", resp_signed).strip()
    sig_r = re.search(r"<ds:Signature.*?</ds:Signature>", body, re.S).group(0)
    resp_no_sig = body.replace(sig_r, "")
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<samlp:Response xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="_evilresp" Version="2.0" IssueInstant="{ISSUE}" Destination="{AMP_ACS}"><saml:Issuer>{AWS_IC}</saml:Issuer>'
    status = '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
    # XSW1: evil Response root; the original signed Response moved into the Signature's Object.
    sig_with_obj = sig_r.replace("</ds:Signature>", f"<ds:Object>{resp_no_sig}</ds:Object></ds:Signature>")
    write("xsw/xsw1.xml", f"{head}{sig_with_obj}{status}{evil}</samlp:Response>\n")
    # XSW2: as XSW1 but the original Response is a sibling before the Signature.
    write("xsw/xsw2.xml", f"{head}{resp_no_sig}{sig_r}{status}{evil}</samlp:Response>\n")
    sa = open(os.path.join(OUT, "signed-assertion.xml")).read()
    orig_a = re.search(r"<saml:Assertion .*?</saml:Assertion>", sa, re.S).group(0)
    sig_a = re.search(r"<ds:Signature.*?</ds:Signature>", orig_a, re.S).group(0)
    a_no_sig = orig_a.replace(sig_a, "")
    pre, post = sa.split(orig_a)
    # XSW3: evil Assertion inserted before the signed original (siblings).
    write("xsw/xsw3.xml", pre + evil + orig_a + post)
    # XSW4: the signed original nested inside the evil Assertion.
    write("xsw/xsw4.xml", pre + evil.replace("</saml:Assertion>", orig_a + "</saml:Assertion>") + post)
    # XSW5: evil Assertion takes the original's ID and Signature; the original (unsigned copy) follows.
    evil_same_id = evil.replace('ID="_evil"', 'ID="_a1"').replace("</saml:Issuer>", "</saml:Issuer>" + sig_a, 1)
    write("xsw/xsw5.xml", pre + evil_same_id + a_no_sig + post)
    # XSW6: evil Assertion with the original's ID; the original sits in the Signature's Object.
    sig_obj_a = sig_a.replace("</ds:Signature>", f"<ds:Object>{a_no_sig}</ds:Object></ds:Signature>")
    write("xsw/xsw6.xml", pre + evil_same_id.replace(sig_a, sig_obj_a) + post)
    # XSW7: the signed original hidden in an Extensions element; the evil Assertion is consumed.
    write("xsw/xsw7.xml", pre.replace("<samlp:Status>", f"<samlp:Extensions>{orig_a}</samlp:Extensions><samlp:Status>") + evil + post)
    # XSW8: evil Assertion carries the Signature whose Object holds the original without its signature.
    sig_obj_a8 = sig_a.replace("</ds:Signature>", f"<ds:Object>{a_no_sig}</ds:Object></ds:Signature>")
    write("xsw/xsw8.xml", pre + evil.replace("</saml:Issuer>", "</saml:Issuer>" + sig_obj_a8, 1) + post)

    # --- encrypted assertion (AES-256-CBC and AES-128-GCM, RSA-OAEP key transport) ---------
    for name, alg, transport in [("encrypted.xml", "aes256-cbc", "rsa-oaep-mgf1p"), ("encrypted-gcm.xml", "aes128-gcm", "rsa-oaep-mgf1p"),
                                 ("encrypted-rsa15.xml", "aes128-cbc", "rsa-1_5")]:
        plain = os.path.join(TMP, "assertion.xml")
        open(plain, "w").write('<?xml version="1.0" encoding="UTF-8"?>\n' + signed_assertion(attrs=email_attrs()))
        tmpl = os.path.join(TMP, "enc-template.xml")
        open(tmpl, "w").write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Element">'
            f'<xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#{alg}" />' if alg.endswith("cbc") else
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Element">'
            f'<xenc:EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#{alg}" />')
        with open(tmpl, "a") as f:
            f.write('<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><xenc:EncryptedKey>'
                    f'<xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#{transport}"/>'
                    '<xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo>'
                    '<xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedData>\n')
        enc = os.path.join(TMP, "enc.xml")
        session = "aes-256" if alg.startswith("aes256") else "aes-128"
        run("xmlsec1", "--encrypt", "--pubkey-cert-pem", f"{KEYS}/sp.crt", "--session-key", session, "--xml-data", plain, "--output", enc, tmpl)
        data = re.sub(r"^<\?xml[^>]*\?>\s*", "", open(enc).read()).strip()
        write(name, response(f"<saml:EncryptedAssertion>{data}</saml:EncryptedAssertion>"))

    # --- real-traffic classes (issue 8) ------------------------------------------------------
    # CRLF / lone CR line endings: signed with LF, then every line ending rewritten as a Windows
    # or classic-Mac tool would. XML 1.0 §2.11 normalises them, so the signature stays valid; a
    # multi-line attribute value makes the second parser see them.
    lf_a = assertion(attrs=email_attrs() + [attribute("postalAddress", ["1 Main St\nSpringfield"])]).replace("><saml:", ">\n<saml:")
    pretty = response(xmlsec_sign('<?xml version="1.0" encoding="UTF-8"?>\n' + lf_a).split("?>", 1)[1].strip())
    if not xmlsec_verify_text(pretty):
        sys.exit("xmlsec1 does not verify the LF original of crlf.xml")
    write("crlf.xml", pretty.replace("\n", "\r\n"))
    write("cr.xml", pretty.replace("\n", "\r"))
    # An Assertion in the Advice of the signed, consumed Assertion (SAML core §2.6.1).
    advice = assertion(aid="_adv1", signed=False, name_id="evidence@example.com")
    adv_a = assertion(attrs=email_attrs()).replace("</saml:Conditions>", f"</saml:Conditions><saml:Advice>{advice}</saml:Advice>")
    write("advice-assertion.xml", response(xmlsec_sign('<?xml version="1.0" encoding="UTF-8"?>\n' + adv_a).split("?>", 1)[1].strip()))
    # Web SSO profile §4.1.4.2: bearer SubjectConfirmationData without NotOnOrAfter / Recipient.
    write("bearer-no-notonorafter.xml", response(xmlsec_sign('<?xml version="1.0" encoding="UTF-8"?>\n' + assertion(attrs=email_attrs()).replace(
        f'<saml:SubjectConfirmationData NotOnOrAfter="{NOT_AFTER}" ', "<saml:SubjectConfirmationData ")).split("?>", 1)[1].strip()))
    write("bearer-no-recipient.xml", response(xmlsec_sign('<?xml version="1.0" encoding="UTF-8"?>\n' + assertion(attrs=email_attrs()).replace(
        f' Recipient="{AMP_ACS}"', "")).split("?>", 1)[1].strip()))
    # An Assertion without Issuer (the Response names one).
    write("assertion-no-issuer.xml", response(xmlsec_sign('<?xml version="1.0" encoding="UTF-8"?>\n' + assertion(attrs=email_attrs()).replace(
        f"<saml:Issuer>{AWS_IC}</saml:Issuer>", "")).split("?>", 1)[1].strip()))
    # RSA-PSS (RFC 6931 sha256-rsa-MGF1), which libxmlsec1 1.2 does not implement: signed by
    # xmlsec1 as RSA-SHA256, then the SignatureMethod is renamed (libxmlsec1 stops at the
    # algorithm, so the value is never evaluated).
    write("rsa-pss.xml", good_placeholder())
    # ECDSA with a DER-encoded SignatureValue (XML-DSig wants raw r||s): xmlsec1 signs, then the
    # value is re-encoded as an ASN.1 SEQUENCE of two INTEGERs, as some Java signers emit it.
    ec = response(signed_assertion(key="idp-ec", alg="ecdsa-sha256", attrs=email_attrs()))
    raw_b64 = re.search(r"<ds:SignatureValue>(.*?)</ds:SignatureValue>", ec, re.S).group(1)
    write("ecdsa-der.xml", ec.replace(raw_b64, base64.b64encode(der_ecdsa(base64.b64decode(raw_b64))).decode()))

    # --- metadata --------------------------------------------------------------------------
    def idp_md(entity, certs):
        kds = "".join(f'<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="{DS}"><ds:X509Data><ds:X509Certificate>{cert_b64(c)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>' for c in certs)
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{entity}">'
                f'<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">{kds}'
                '<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>'
                '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIz"/>'
                '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIz"/>'
                '</md:IDPSSODescriptor></md:EntityDescriptor>\n')
    write("idp-metadata.xml", idp_md(AWS_IC, ["idp.crt"]))
    write("idp-metadata-rotated.xml", idp_md(AWS_IC, ["idp.crt", "idp-new.crt"]))
    write("idp-metadata-ec.xml", idp_md(AWS_IC, ["idp-ec.crt"]))
    # Metadata signed by the IdP key (its own root Signature, first child as the schema wants).
    unsigned_md = idp_md(AWS_IC, ["idp.crt"]).replace(f'entityID="{AWS_IC}">', f'entityID="{AWS_IC}" ID="_md1">' + sig_template("_md1"), 1)
    write("idp-metadata-signed.xml", xmlsec_sign(unsigned_md))
    write("sp-metadata.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{AMP_ENTITY}">'
          '<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="true" WantAssertionsSigned="true">'
          f'<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="{DS}"><ds:X509Data><ds:X509Certificate>{cert_b64("sp.crt")}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>'
          f'<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{AMP_ACS}" index="0" isDefault="true"/>'
          '</md:SPSSODescriptor></md:EntityDescriptor>\n')
    write("sp-metadata-insecure.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sp.example.com">'
          '<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
          '<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="http://sp.example.com/acs" index="0"/>'
          '</md:SPSSODescriptor></md:EntityDescriptor>\n')

    # --- capture forms ----------------------------------------------------------------------
    b64 = base64.b64encode(good.encode()).decode()
    write("signed-assertion.b64", "\n".join(b64[i:i + 76] for i in range(0, len(b64), 76)) + "\n")
    write("signed-assertion.urlsafe.b64", base64.urlsafe_b64encode(good.encode()).decode().rstrip("=") + "\n")
    form = "SAMLResponse=" + urllib.parse.quote(b64, safe="") + "&RelayState=" + urllib.parse.quote("https://analytics.amplitude.com/", safe="")
    write("signed-assertion.form", form + "\n")
    write("signed-assertion.urlencoded", urllib.parse.quote(b64, safe="") + "\n")

    # HTTP-Redirect AuthnRequest signed by the SP key over the query octets.
    req = (f'<samlp:AuthnRequest xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="_req42" Version="2.0" IssueInstant="{ISSUE}" '
           f'Destination="https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIz" AssertionConsumerServiceURL="{AMP_ACS}" '
           'ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">'
           f'<saml:Issuer>{AMP_ENTITY}</saml:Issuer><samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" AllowCreate="true"/></samlp:AuthnRequest>')
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = comp.compress(req.encode()) + comp.flush()
    q = "SAMLRequest=" + urllib.parse.quote(base64.b64encode(deflated).decode(), safe="")
    q += "&RelayState=" + urllib.parse.quote("state-7", safe="")
    q += "&SigAlg=" + urllib.parse.quote("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", safe="")
    octets = os.path.join(TMP, "octets")
    open(octets, "w").write(q)
    sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", f"{KEYS}/sp.key", octets], capture_output=True, check=True).stdout
    url = "https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIz?" + q + "&Signature=" + urllib.parse.quote(base64.b64encode(sig).decode(), safe="")
    write("authnrequest-redirect.url", url + "\n")
    write("authnrequest-redirect-tampered.url", url.replace("RelayState=state-7", "RelayState=state-8") + "\n")
    write("logout-request.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<samlp:LogoutRequest xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="_lr1" Version="2.0" '
          f'IssueInstant="{ISSUE}" Destination="https://portal.sso.us-east-1.amazonaws.com/saml/logout/MTIz"><saml:Issuer>{AMP_ENTITY}</saml:Issuer>'
          '<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">alice@example.com</saml:NameID><samlp:SessionIndex>_s1</samlp:SessionIndex></samlp:LogoutRequest>\n')
    write("logout-response.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<samlp:LogoutResponse xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="_lo1" Version="2.0" '
          f'IssueInstant="{ISSUE}" Destination="https://analytics.amplitude.com/saml/slo" InResponseTo="_lr1"><saml:Issuer>{AWS_IC}</saml:Issuer>'
          '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:PartialLogout"/></samlp:StatusCode></samlp:Status></samlp:LogoutResponse>\n')
    write("authnrequest.xml", '<?xml version="1.0" encoding="UTF-8"?>\n' + req + "\n")

    # The IdP's auto-submit page, captured without the browser's POST (capture stopped early).
    html = ('<html><body onload="document.forms[0].submit()"><form method="post" action="' + AMP_ACS + '">'
            '<input type="hidden" name="SAMLResponse" value="' + b64.replace("+", "&#x2B;").replace("=", "&#61;") + '"/>'
            '<input type="hidden" name="RelayState" value="https://analytics.amplitude.com/?a=1&amp;b=2"/></form></body></html>')
    sp_b64 = base64.b64encode(open(os.path.join(OUT, "sp-initiated.xml")).read().encode()).decode()
    sp_form = "SAMLResponse=" + urllib.parse.quote(sp_b64, safe="") + "&RelayState=state-7"
    # The IdP's auto-submit page for that Response (what the browser then posts).
    sp_html = ('<html><body onload="document.forms[0].submit()"><form method="post" action="' + AMP_ACS + '">'
               '<input type="hidden" name="SAMLResponse" value="' + sp_b64 + '"/>'
               '<input type="hidden" name="RelayState" value="state-7"/></form></body></html>')
    har = {"log": {"version": "1.2", "creator": {"name": "samlcheck fixtures", "version": "1"}, "entries": [
        {"startedDateTime": "2026-01-15T09:59:58.000Z", "request": {"method": "GET", "url": url, "headers": [], "queryString": []},
         "response": {"status": 200, "content": {"mimeType": "text/html", "text": sp_html}}},
        {"startedDateTime": "2026-01-15T09:59:59.000Z", "request": {"method": "GET", "url": "https://portal.sso.us-east-1.amazonaws.com/static/app.js", "headers": []}, "response": {"status": 200}},
        # The ACS POST answers the AuthnRequest above: InResponseTo _req42, its RelayState back.
        {"startedDateTime": "2026-01-15T10:00:01.000Z", "request": {"method": "POST", "url": AMP_ACS, "headers": [],
            "postData": {"mimeType": "application/x-www-form-urlencoded", "text": sp_form,
                         "params": [{"name": "SAMLResponse", "value": urllib.parse.quote(sp_b64, safe="")}, {"name": "RelayState", "value": "state-7"}]}},
         "response": {"status": 302, "redirectURL": "https://analytics.amplitude.com/home", "headers": [{"name": "Location", "value": "https://analytics.amplitude.com/home"}]}}]}}
    write("capture.har", json.dumps(har, indent=2) + "\n")
    write("capture-idp-form.har", json.dumps({"log": {"version": "1.2", "entries": [
        {"startedDateTime": "2026-01-15T10:00:00.500Z", "request": {"method": "GET", "url": "https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIz", "headers": []},
         "response": {"status": 200, "content": {"mimeType": "text/html", "text": html}}}]}}, indent=2) + "\n")
    write("no-saml.har", json.dumps({"log": {"version": "1.2", "entries": [har["log"]["entries"][1]]}}, indent=2) + "\n")
    tracer = {"requests": [
        {"requestId": "1", "method": "POST", "url": AMP_ACS, "post": [["SAMLResponse", b64], ["RelayState", "x"]], "saml": good, "protocol": "saml"}],
        "timestamp": "2026-01-15T10:00:02.000Z"}
    write("saml-tracer.json", json.dumps(tracer, indent=2) + "\n")

    # Sanity: xmlsec1 agrees the plain signed fixtures verify.
    for f, c in [("signed-assertion.xml", "idp.crt"), ("signed-response.xml", "idp.crt"), ("signed-sha1.xml", "idp.crt"), ("signed-ecdsa.xml", "idp-ec.crt")]:
        if not xmlsec_verify(os.path.join(OUT, f), os.path.join(KEYS, c)):
            sys.exit(f"xmlsec1 does not verify {f}")
    import gallery
    gallery.main()
    shutil.rmtree(TMP)
    print("fixtures written to", OUT)


if __name__ == "__main__":
    main()
