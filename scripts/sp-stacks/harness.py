#!/usr/bin/env python3
"""Differential harness for `--sp-stack` (issue 28): runs the real SP libraries that the package
registries carry over every Response fixture in testdata/ and tests/corpus, configured exactly
as samlcheck is (same trusted certificate, SP entity ID, ACS, IdP entity ID, request ID, clock),
and compares their accept/reject and first error with `samlcheck verify --sp-stack`.

Usage: harness.py SAMLCHECK_BINARY OUT.md [--oracle python3-saml] [--oracle node-saml]
Writes the agreement table (fixtures x stacks) to OUT.md and exits 1 when an accept/reject
disagreement is not listed, with its reason, in scripts/sp-stacks/explained.json.
"""
import base64
import glob
import json
import os
import re
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(ROOT, "tests", "corpus")

# testdata/generate.py's SP and IdP (the fixtures are issued 2026-01-15T10:00:00Z for 5 minutes).
AMP_ENTITY = "https://amplitude.com/saml/sso/metadata"
AMP_ACS = "https://analytics.amplitude.com/saml/sso/123456"
AWS_IC = "https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIzNDU2Nzg5MDEyX2lucy1hYmNkZWYxMjM0NTY3ODkw"
TESTDATA_NOW = "2026-01-15T10:01:00Z"

P = "urn:oasis:names:tc:SAML:2.0:protocol"


def decode(raw: bytes):
    """The XML of a fixture file (XML, base64, or base64 of raw DEFLATE); None if not a Response."""
    text = raw.strip()
    if not text.startswith(b"<"):
        try:
            data = base64.b64decode(b"".join(text.split()), validate=False)
        except Exception:
            return None
        if not data.lstrip().startswith(b"<"):
            try:
                data = zlib.decompress(data, -15)
            except Exception:
                return None
        text = data.strip()
    head = text[:4000].decode("utf-8", "replace")
    if not re.search(r"<(\w+:)?Response[\s>]", head) or P not in head:
        return None
    if "<!DOCTYPE" in head:
        return None
    return text


def attr(xml: str, element: str, name: str):
    m = re.search(r"<(?:\w+:)?%s\b[^>]*?\s%s=\"([^\"]*)\"" % (element, name), xml)
    return m.group(1) if m else None


def text_of(xml: str, element: str):
    m = re.search(r"<(?:\w+:)?%s\b[^>]*>([^<]*)<" % element, xml)
    return m.group(1).strip() if m else None


def cases():
    """(name, xml bytes, config) for every Response fixture."""
    out = []
    tops = sorted(glob.glob(os.path.join(ROOT, "testdata", "*.xml")))
    tops += sorted(glob.glob(os.path.join(ROOT, "testdata", "xsw", "*.xml")))
    tops += sorted(glob.glob(os.path.join(ROOT, "testdata", "forgery", "*.xml")))
    tops += sorted(glob.glob(os.path.join(ROOT, "testdata", "stacks", "*.xml")))
    # More Responses made the way testdata/ makes them (same SP, IdP key and clock), e.g. a
    # review's crafted cases: SP_STACKS_EXTRA=dir1:dir2.
    for extra in filter(None, os.environ.get("SP_STACKS_EXTRA", "").split(":")):
        tops += sorted(glob.glob(os.path.join(extra, "*.xml")))
    sp_key = os.path.join(ROOT, "testdata", "keys", "sp.key")
    for path in tops:
        xml = decode(open(path, "rb").read())
        if xml is None:
            continue
        s = xml.decode("utf-8", "replace")
        # testdata/stacks/expired-cert.xml is idp.key's signature under a certificate that expired.
        crt = "idp-expired.crt" if path.endswith("expired-cert.xml") else "idp.crt"
        name = os.path.relpath(path, ROOT) if path.startswith(ROOT) else path
        out.append((name, xml, {
            "cert": open(os.path.join(ROOT, "testdata", "keys", crt)).read(),
            "cert_path": os.path.join(ROOT, "testdata", "keys", crt),
            "sp": AMP_ENTITY, "acs": AMP_ACS, "idp": AWS_IC, "now": TESTDATA_NOW,
            "request_id": attr(s, "Response", "InResponseTo"),
            "sp_key_path": sp_key, "sp_key": open(sp_key).read(),
        }))
    manifest = os.path.join(CORPUS, "manifest.json")
    if os.path.exists(manifest):
        for e in json.load(open(manifest)):
            xml = decode(open(os.path.join(CORPUS, e["file"]), "rb").read())
            if xml is None or not e.get("trust"):
                continue
            s = xml.decode("utf-8", "replace")
            certs = e.get("xmlsec1_verifies_with") or e["trust"]
            cert_path = os.path.join(CORPUS, certs[0])
            url = lambda v, d: v if v and re.match(r"https?://[^/\s]+", v) else d
            out.append(("corpus/" + e["file"], xml, {
                "cert": open(cert_path).read(), "cert_path": cert_path,
                # The corpus gives no SP settings: the fixture's own values are the SP's.
                "sp": text_of(s, "Audience") or "https://sp.example.com/metadata",
                "acs": url(attr(s, "Response", "Destination") or attr(s, "SubjectConfirmationData", "Recipient"),
                           "https://sp.example.com/acs"),
                "idp": text_of(s, "Issuer") or "https://idp.example.com/metadata",
                "now": e.get("now") or "2014-03-21T13:41:09Z",
                "request_id": attr(s, "Response", "InResponseTo"),
            }))
    else:
        sys.exit(f"harness: {manifest} not found: the corpus is part of the repository (tests/corpus)")
    return out


def samlcheck(binary, name, xml, cfg):
    """samlcheck's answer per stack: {stack: (accepts, rule, error)}."""
    args = [binary, "verify", "--format", "json", "--sp-stack", "all", "--cert", cfg["cert_path"],
            "--audience", cfg["sp"], "--acs", cfg["acs"], "--issuer", cfg["idp"], "--now", cfg["now"],
            "--at", "now", "-"]
    if cfg["request_id"]:
        args[2:2] = ["--request-id", cfg["request_id"]]
    if cfg.get("sp_key_path"):
        args[2:2] = ["--sp-key", cfg["sp_key_path"]]
    p = subprocess.run(args, input=xml, capture_output=True)
    if p.returncode == 2:
        return {"_input_error": p.stderr.decode().strip()}
    r = json.loads(p.stdout)
    out = {}
    for s in r.get("stacks", []):
        out[s["stack"]] = out[f'{s["stack"]}@{s["version"]}'] = (s["accepts"], s.get("rule"), s.get("error"))
    return out


def python3_saml(xml, cfg):
    """OneLogin_Saml2_Response.is_valid, then the NameID as the Auth object reads it."""
    from freezegun import freeze_time
    from onelogin.saml2.response import OneLogin_Saml2_Response
    from onelogin.saml2.settings import OneLogin_Saml2_Settings
    from urllib.parse import urlparse
    settings = OneLogin_Saml2_Settings({
        "strict": True, "debug": False,
        "sp": {"entityId": cfg["sp"], "assertionConsumerService": {"url": cfg["acs"]},
               **({"privateKey": cfg["sp_key"]} if cfg.get("sp_key") else {})},
        "idp": {"entityId": cfg["idp"], "singleSignOnService": {"url": "https://idp.example.com/sso"},
                "x509cert": cfg["cert"]},
    }, sp_validation_only=True)
    u = urlparse(cfg["acs"])
    request = {"https": "on" if u.scheme == "https" else "off", "http_host": u.netloc, "script_name": u.path}
    with freeze_time(cfg["now"]):
        try:
            resp = OneLogin_Saml2_Response(settings, base64.b64encode(xml).decode())
            ok = resp.is_valid(request, request_id=cfg["request_id"])
            if not ok:
                return False, str(resp.get_error())
            resp.get_nameid_data()
            return True, None
        except Exception as e:  # the library's own exception is its answer
            return False, f"{type(e).__name__}: {e}"


def idp_metadata(cfg):
    """The IdP's metadata as pysaml2 reads it: entity ID and signing certificate."""
    body = "".join(l for l in cfg["cert"].splitlines() if "-----" not in l)
    return (f'<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
            f'xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{cfg["idp"]}">'
            '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
            f'<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{body}'
            '</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>'
            '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
            'Location="https://idp.example.com/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>')


def pysaml2(xml, cfg):
    """Saml2Client.parse_authn_request_response with pysaml2's SP defaults (want_response_signed
    on, allow_unsolicited off, accepted_time_diff 0), the request ID outstanding."""
    import logging
    import shutil
    from freezegun import freeze_time
    from saml2 import BINDING_HTTP_POST
    from saml2.client import Saml2Client
    from saml2.config import SPConfig
    logging.disable(logging.CRITICAL)
    conf = {
        "entityid": cfg["sp"],
        "service": {"sp": {"endpoints": {"assertion_consumer_service": [(cfg["acs"], BINDING_HTTP_POST)]}}},
        "metadata": {"inline": [idp_metadata(cfg)]},
        "xmlsec_binary": shutil.which("xmlsec1"),
        "allow_unknown_attributes": True,
    }
    if cfg.get("sp_key_path"):
        crt = os.path.join(ROOT, "testdata", "keys", "sp.crt")
        conf["encryption_keypairs"] = [{"key_file": cfg["sp_key_path"], "cert_file": crt}]
        conf["key_file"], conf["cert_file"] = cfg["sp_key_path"], crt
    with freeze_time(cfg["now"]):
        try:
            client = Saml2Client(config=SPConfig().load(conf))
            outstanding = {cfg["request_id"]: "/"} if cfg["request_id"] else {}
            r = client.parse_authn_request_response(base64.b64encode(xml).decode(), BINDING_HTTP_POST,
                                                    outstanding=outstanding)
            if r is None:
                return False, "None (no response)"
            r.get_subject()
            return True, None
        except Exception as e:  # the library's own exception is its answer
            return False, f"{type(e).__name__}: {e}"


def samael(xml, cfg):
    """scripts/sp-stacks/samael (built by run.sh) under faketime at the case's time."""
    binary = os.environ.get("SP_STACKS_SAMAEL")
    case = {"xml": xml.decode("utf-8", "replace"), "idp_metadata": idp_metadata(cfg), "sp": cfg["sp"],
            "acs": cfg["acs"], "request_id": cfg["request_id"] or ""}
    when = cfg["now"].replace("T", " ").rstrip("Z")
    p = subprocess.run(["faketime", when, binary], input=json.dumps(case).encode(), capture_output=True,
                       env=dict(os.environ, TZ="UTC"))
    if p.returncode != 0:
        return False, f"panic: {p.stderr.decode(errors='replace').strip().splitlines()[-1:]}"
    r = json.loads(p.stdout)
    return r["accepts"], r.get("error")


def ruby_saml(batch):
    """All cases through scripts/sp-stacks/ruby-saml.rb (Debian's ruby-saml) in one process."""
    p = subprocess.run(["ruby", os.path.join(HERE, "ruby-saml.rb")], input=json.dumps(batch).encode(),
                       capture_output=True)
    if p.returncode != 0:
        raise SystemExit(f"ruby-saml harness failed: {p.stderr.decode()[-2000:]}")
    return [(r["accepts"], r.get("error")) for r in json.loads(p.stdout)]


def node_saml(batch):
    """All cases through scripts/sp-stacks/node-saml.mjs in one process: [(accepts, error)]."""
    node_dir = os.environ.get("SP_STACKS_NODE", os.path.join(HERE, ".cache", "node"))
    p = subprocess.run(["node", os.path.join(HERE, "node-saml.mjs")], input=json.dumps(batch).encode(),
                       capture_output=True, env=dict(os.environ, NODE_PATH=os.path.join(node_dir, "node_modules")),
                       cwd=node_dir)
    if p.returncode != 0:
        raise SystemExit(f"node-saml harness failed: {p.stderr.decode()[-2000:]}")
    return [(r["accepts"], r.get("error")) for r in json.loads(p.stdout)]


def same_error(expected, got):
    """Whether the library's error is the profile's (placeholders <…> match anything)."""
    if expected is None or got is None:
        return expected is None and got is None
    pattern = ".*".join(re.escape(part) for part in re.split(r"<[^>]*>", expected))
    return re.search(pattern, got) is not None


def main():
    binary, out = sys.argv[1], sys.argv[2]
    oracles = [a for i, a in enumerate(sys.argv) if i > 0 and sys.argv[i - 1] == "--oracle"]
    explained = json.load(open(os.path.join(HERE, "explained.json")))
    rows, unexplained = [], []
    all_cases = cases()
    answers = {n: samlcheck(binary, n, x, c) for n, x, c in all_cases}
    real = {}
    if "python3-saml" in oracles:
        real["python3-saml"] = {n: python3_saml(x, c) for n, x, c in all_cases}
    if "pysaml2" in oracles:
        real["pysaml2"] = {n: pysaml2(x, c) for n, x, c in all_cases}
    if "samael" in oracles:
        real["samael"] = {n: samael(x, c) for n, x, c in all_cases}
    batch = [{"name": n, "xml": x.decode("utf-8", "replace"), **{k: v for k, v in c.items() if not k.endswith("_path")}}
             for n, x, c in all_cases]
    names = [n for n, _, _ in all_cases]
    if "node-saml" in oracles:
        real["node-saml"] = dict(zip(names, node_saml(batch)))
    if "ruby-saml" in oracles:
        # Debian's package is the 1.13 line: compared with the ruby-saml@1.13.0 profile.
        real["ruby-saml@1.13.0"] = dict(zip(names, ruby_saml(batch)))
    totals = {}
    for name, _, _ in all_cases:
        mine = answers[name]
        for stack, results in real.items():
            accepts, error = results[name]
            if "_input_error" in mine:
                ours = (False, "input-error", mine["_input_error"])
            else:
                ours = mine.get(stack, (None, "no profile", "no profile"))
            agree = ours[0] == accepts
            rule = same_error(ours[2], error) if not accepts and not ours[0] else agree
            t = totals.setdefault(stack, [0, 0, 0, 0])
            t[0] += 1
            t[1] += agree
            t[2] += (not accepts)
            t[3] += bool(rule and not accepts and not ours[0])
            why = explained.get(f"{stack} {name}")
            if not agree and not why:
                unexplained.append(f"{stack} {name}: library {'accepts' if accepts else 'rejects'} ({error}), samlcheck says {'accepts' if ours[0] else 'rejects'} ({ours[2]})")
            rows.append((name, stack, "accept" if accepts else "reject", "accept" if ours[0] else "reject",
                         "yes" if agree else ("explained" if why else "NO"),
                         "yes" if rule and not accepts else ("—" if accepts else "no"),
                         (error or "")[:100], why or ""))
    with open(out, "w") as f:
        f.write("# `--sp-stack` against the real libraries\n\n")
        f.write("Written by `scripts/sp-stacks/run.sh` (do not edit): every Response fixture in `testdata/` and "
                "`tests/corpus`, validated by the installed library with samlcheck's configuration "
                "(trusted certificate, SP entity ID, ACS, IdP entity ID, request ID, clock pinned to the fixture's time), "
                "compared with `samlcheck verify --sp-stack`.\n\n")
        f.write("| stack | fixtures | accept/reject agree | library rejects | first rule matches (of its rejects) |\n|---|---|---|---|---|\n")
        for stack, (n, agree, rejects, rule) in totals.items():
            f.write(f"| {stack} | {n} | {agree} ({100 * agree / max(n, 1):.1f}%) | {rejects} | {rule} ({100 * rule / max(rejects, 1):.1f}%) |\n")
        f.write("\n| fixture | stack | library | samlcheck | agree | same first rule | library's error | explanation |\n|---|---|---|---|---|---|---|---|\n")
        for r in rows:
            f.write("| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in r) + " |\n")
    for u in unexplained:
        print("DISAGREE", u)
    print(f"harness: {len(all_cases)} fixtures; " + "; ".join(
        f"{s}: {t[1]}/{t[0]} agree, first rule {t[3]}/{t[2]}" for s, t in totals.items()))
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
