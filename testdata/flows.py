#!/usr/bin/env python3
"""Whole sign-ins as browsers record them (issue 19): HAR 1.2 files and SAML-tracer exports of
the SP's redirect with its AuthnRequest, the IdP's answer (an auto-submit form with the Response,
or an error page), the POST to the ACS and the SP's answer to it. Responses are signed by the
xmlsec1 CLI with keys/idp.key (through generate.py's helpers); AuthnRequests use the
HTTP-Redirect binding (raw DEFLATE, base64, URL-encoded), unsigned as most SPs send them.

Run from anywhere: python3 testdata/flows.py   (needs xmlsec1; keys/ must exist)
Outputs go to testdata/flows/ and are committed; testdata/README.md says what each shows.
"""
import base64
import json
import os
import re
import sys
import urllib.parse
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate as g  # noqa: E402

OUT = os.path.join(g.HERE, "flows")
SP_LOGIN = "https://analytics.amplitude.com/login"
IDP_SSO = "https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIz"
ENTRA_SSO = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/saml2"
GOOGLE_SSO = "https://accounts.google.com/o/saml2/idp?idpid=C01abcd23"
OKTA_SSO = "https://contoso.okta.com/app/amplitude/exk1a2b3c4d5/sso/saml"
POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
ARTIFACT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact"
PPT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"


def t(day, hms, minutes=0):
    """DAY and HH:MM:SS[.fff] as RFC 3339 UTC, MINUTES later (or earlier)."""
    if minutes:
        import datetime
        at = datetime.datetime.fromisoformat(f"{day}T{hms}") + datetime.timedelta(minutes=minutes)
        return at.strftime("%Y-%m-%dT%H:%M:%S") + "Z"
    return f"{day}T{hms}Z"


def authn_request(rid, issue, acs=g.AMP_ACS, extra="", force_authn=False, acs_attrs=None, destination=IDP_SSO):
    """ACS_ATTRS replaces the AssertionConsumerServiceURL and ProtocolBinding attributes (an
    AssertionConsumerServiceIndex, another binding)."""
    force = ' ForceAuthn="true"' if force_authn else ""
    if acs_attrs is None:
        acs_attrs = f'AssertionConsumerServiceURL="{acs}" ProtocolBinding="{POST}"'
    return (f'<samlp:AuthnRequest xmlns:samlp="{g.SAMLP}" xmlns:saml="{g.SAML}" ID="{rid}" Version="2.0" IssueInstant="{issue}"{force} '
            f'Destination="{destination}" {acs_attrs}>'
            f'<saml:Issuer>{g.AMP_ENTITY}</saml:Issuer>'
            '<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" AllowCreate="true"/>'
            f'{extra}</samlp:AuthnRequest>')


def redirect_url(base, xml, relay):
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = comp.compress(xml.encode()) + comp.flush()
    q = "SAMLRequest=" + urllib.parse.quote(base64.b64encode(deflated).decode(), safe="")
    q += "&RelayState=" + urllib.parse.quote(relay, safe="")
    return base + ("&" if "?" in base else "?") + q


def signed_response(irt, issue, not_before, not_after, acs=g.AMP_ACS, name_fmt=None, klass=PPT, aid="_fa1", rid="_fr1",
                    audience=g.AMP_ENTITY, authn_instant=None):
    kw = dict(aid=aid, in_response_to=irt, recipient=acs, issue=issue, not_before=not_before,
              not_after=not_after, attrs=g.email_attrs(), audience=audience)
    if name_fmt:
        kw["name_fmt"] = name_fmt
    a = g.assertion(**kw)
    a = a.replace(PPT, klass)
    if authn_instant:
        a = a.replace(f'AuthnInstant="{issue}"', f'AuthnInstant="{authn_instant}"')
    signed = g.xmlsec_sign('<?xml version="1.0" encoding="UTF-8"?>\n' + a)
    signed = re.sub(r"^<\?xml[^>]*\?>\s*", "", signed).strip()
    return g.response(signed, rid=rid, destination=acs, in_response_to=irt, issue=issue)


def form_page(action, b64, relay):
    return ('<html><head><title>Working...</title></head><body onload="document.forms[0].submit()">'
            f'<form method="post" action="{action}"><input type="hidden" name="SAMLResponse" value="{b64}"/>'
            f'<input type="hidden" name="RelayState" value="{relay}"/></form></body></html>')


def entry(when, method, url, status, *, location=None, set_cookie=None, cookies=None, html=None, post=None):
    req = {"method": method, "url": url, "httpVersion": "HTTP/2", "headers": [], "queryString": [], "cookies": []}
    if cookies:
        req["headers"].append({"name": "Cookie", "value": "; ".join(f"{k}={v}" for k, v in cookies)})
        req["cookies"] = [{"name": k, "value": v} for k, v in cookies]
    if post:
        text = "&".join(f"{k}={urllib.parse.quote(v, safe='')}" for k, v in post)
        req["postData"] = {"mimeType": "application/x-www-form-urlencoded", "text": text,
                           "params": [{"name": k, "value": urllib.parse.quote(v, safe="")} for k, v in post]}
    res = {"status": status, "statusText": "", "httpVersion": "HTTP/2", "headers": [], "cookies": [],
           "redirectURL": location or "", "content": {"size": 0, "mimeType": "text/html"}}
    if location:
        res["headers"].append({"name": "Location", "value": location})
    if set_cookie:
        res["headers"].append({"name": "Set-Cookie", "value": set_cookie})
    if html is not None:
        res["content"] = {"size": len(html), "mimeType": "text/html", "text": html}
    return {"startedDateTime": when, "time": 120, "request": req, "response": res, "cache": {}, "timings": {"send": 0, "wait": 100, "receive": 20}}


def har(entries):
    return json.dumps({"log": {"version": "1.2", "creator": {"name": "samlcheck flows.py", "version": "1"},
                               "entries": entries}}, indent=1) + "\n"


def write(name, text):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        f.write(text)


def sign_in(day, *, start="10:00", rid="_req1", relay="/projects/42", acs_requested=g.AMP_ACS, acs_used=g.AMP_ACS, irt=None,
            sp_cookie="amp_sess=abc123; Path=/; Secure; HttpOnly; SameSite=None", send_cookie=True,
            answer=(302, "https://analytics.amplitude.com/projects/42"), name_fmt=None, klass=PPT, request_extra="",
            posts=1, relay_back=None, audience=g.AMP_ENTITY, force_authn=False, authn_instant=None, acs_attrs=None,
            answer_page=None, posted=True, aid="_fa1", resp_id="_fr1", landing_title="Amplitude"):
    """One SP-initiated sign-in on DAY at START (HH:MM): SP login → 302 to the IdP with the AuthnRequest → the IdP's
    auto-submit page → POST to the ACS → the SP's answer."""
    req = authn_request(rid, t(day, f"{start}:00"), acs=acs_requested, extra=request_extra, force_authn=force_authn,
                        acs_attrs=acs_attrs)
    url = redirect_url(IDP_SSO, req, relay)
    resp = signed_response(irt if irt is not None else rid, t(day, f"{start}:02"), t(day, f"{start}:02", minutes=-5), t(day, f"{start}:02", minutes=5),
                           acs=acs_used, name_fmt=name_fmt, klass=klass, audience=audience, authn_instant=authn_instant,
                           aid=aid, rid=resp_id)
    b64 = base64.b64encode(resp.encode()).decode()
    entries = [
        entry(t(day, f"{start}:00.100"), "GET", SP_LOGIN, 302, location=url, set_cookie=sp_cookie),
        entry(t(day, f"{start}:00.400"), "GET", url, 200, html=form_page(acs_used, b64, relay_back or relay)),
    ]
    cookies = [("amp_sess", "abc123")] if send_cookie else None
    if not posted:
        return entries, resp
    for i in range(posts):
        status, loc = answer
        entries.append(entry(t(day, f"{start}:0{3 + i}.000"), "POST", acs_used, status, location=loc, cookies=cookies,
                             post=[("SAMLResponse", b64), ("RelayState", relay_back or relay)],
                             html=answer_page or ("<html><head><title>Internal Server Error</title></head><body>500</body></html>" if status >= 500 else None)))
    if answer[1] and answer[0] in (301, 302, 303) and posts == 1:
        entries.append(entry(t(day, f"{start}:05.000"), "GET", answer[1], 200,
                             html=f"<html><head><title>{landing_title}</title></head><body></body></html>"))
    return entries, resp


def idp_error(day, sso, page, title, acs=g.AMP_ACS):
    req = authn_request("_reqE", t(day, "10:00:00"), acs=acs, destination=sso)
    url = redirect_url(sso, req, "/projects/42")
    return [
        entry(t(day, "10:00:00.100"), "GET", SP_LOGIN, 302, location=url,
              set_cookie="amp_sess=abc123; Path=/; Secure; HttpOnly; SameSite=None"),
        entry(t(day, "10:00:00.400"), "GET", url, 200, html=f"<html><head><title>{title}</title></head><body><div>{page}</div></body></html>"),
    ]


def main():
    os.makedirs(g.TMP, exist_ok=True)
    old = "2025-06-02"      # more than a year before the tests' real clock (2026-12)
    day = "2026-01-15"
    entries, _ = sign_in(old)
    write("healthy-2025.har", har(entries))
    # Stale: two requests, the Response answers the first.
    e1, _ = sign_in(day, rid="_reqA")
    req_b = authn_request("_reqB", t(day, "10:00:01"))
    url_b = redirect_url(IDP_SSO, req_b, "/projects/42")
    stale = e1[:2] + [entry(t(day, "10:00:01.500"), "GET", url_b, 200, html="<html><title>Signing in</title></html>")] + e1[2:]
    write("stale-in-response-to.har", har(stale))
    entries, _ = sign_in(day, acs_used="https://analytics.amplitude.com/saml/sso/654321")
    write("acs-mismatch.har", har(entries))
    rac = f'<samlp:RequestedAuthnContext Comparison="exact"><saml:AuthnContextClassRef>{PPT}</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>'
    entries, _ = sign_in(day, name_fmt="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
                         klass="urn:oasis:names:tc:SAML:2.0:ac:classes:X509", request_extra=rac)
    write("nameid-authn-mismatch.har", har(entries))
    entries, _ = sign_in(day, answer=(302, "https://analytics.amplitude.com/login?error=user_not_provisioned"))
    write("sp-302-error.har", har(entries))
    entries, _ = sign_in(day, answer=(500, None))
    write("sp-500.har", har(entries))
    entries, _ = sign_in(day, sp_cookie="amp_sess=abc123; Path=/; HttpOnly", send_cookie=False,
                         answer=(302, "https://analytics.amplitude.com/login"))
    write("cookie-samesite.har", har(entries))
    entries, _ = sign_in(day, posts=2)
    write("replay.har", har(entries))
    # The IdP application's Default RelayState replaces the SP's.
    entries, _ = sign_in(day, relay_back="https://analytics.amplitude.com/")
    write("relay-state-replaced.har", har(entries))
    # The IdP application's Identifier is another entity ID than the SP's Issuer.
    entries, _ = sign_in(day, audience="https://amplitude.com/saml/sso/metadata/old")
    write("audience-other.har", har(entries))
    # The same Response defect, and the SP refusing the sign-in because of it: the Response's own
    # error must lead, the SP's answer corroborate it.
    entries, _ = sign_in(day, audience="https://amplitude.com/saml/sso/metadata/old",
                         answer=(302, "https://analytics.amplitude.com/login?error=user_not_provisioned"))
    write("audience-sp-refused.har", har(entries))
    # ForceAuthn asked, but the IdP reused a session from an hour before.
    entries, _ = sign_in(day, request_extra="", force_authn=True, authn_instant=t(day, "09:00:00"))
    write("force-authn-reused.har", har(entries))
    write("entra-aadsts50105.har", har(idp_error(day, ENTRA_SSO,
          "AADSTS50105: Your administrator has configured the application Amplitude ('d3f1a2b4-0000-4000-8000-000000000001') to block users unless they are specifically granted ('assigned') access to the application. The signed in user 'alice@contoso.com' is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator.",
          "Sign in to your account")))
    write("entra-aadsts75011.har", har(idp_error(day, ENTRA_SSO,
          "AADSTS75011: Authentication method 'X509, MultiFactor' by which the user authenticated with the service doesn't match requested authentication method 'Password, ProtectedTransport'. Contact the Amplitude application owner.",
          "Sign in to your account")))
    write("google-app-not-configured.har", har(idp_error(day, GOOGLE_SSO,
          "Error: app_not_configured_for_user<br>Service is not configured for this user.", "Error")))
    # The capture stopped at the IdP's login page: no answer at all.
    write("stopped-at-login.har", har(idp_error(day, ENTRA_SSO,
          "<input type=\"email\" name=\"loginfmt\" placeholder=\"Email, phone, or Skype\"/>", "Sign in to your account")))
    write("okta-not-assigned.har", har(idp_error(day, OKTA_SSO,
          "Sorry, you can't access Amplitude because you are not assigned this app in Okta. If you're wondering why this is happening, please contact your administrator.",
          "contoso - Sign In")))
    # The SP's metadata publishes indexed ACS endpoints; its request names index 1, but the IdP
    # application posts to the default one.
    write("sp-metadata-indexed.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{g.AMP_ENTITY}">'
          '<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
          '<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>'
          f'<md:AssertionConsumerService Binding="{POST}" Location="{g.AMP_ACS}" index="0" isDefault="true"/>'
          f'<md:AssertionConsumerService Binding="{POST}" Location="https://analytics.amplitude.com/saml/sso/654321" index="1"/>'
          f'<md:AssertionConsumerService Binding="{ARTIFACT}" Location="https://analytics.amplitude.com/saml/artifact/123456" index="2"/>'
          '</md:SPSSODescriptor></md:EntityDescriptor>\n')
    entries, _ = sign_in(day, acs_attrs='AssertionConsumerServiceIndex="1"')
    write("acs-index-other.har", har(entries))
    # The SP asks for the Artifact binding; the IdP posts the Response.
    entries, _ = sign_in(day, acs_attrs=f'AssertionConsumerServiceURL="{g.AMP_ACS}" ProtocolBinding="{ARTIFACT}"')
    write("binding-artifact.har", har(entries))
    # Behind a TLS-terminating proxy the SP requests an http:// ACS, which Entra refuses.
    write("entra-aadsts50011.har", har(idp_error(day, ENTRA_SSO,
          "AADSTS50011: The redirect URI 'http://analytics.amplitude.com/saml/sso/123456' specified in the request does not match the redirect URIs configured for the application 'd3f1a2b4-0000-4000-8000-000000000001'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.",
          "Sign in to your account", acs="http://analytics.amplitude.com/saml/sso/123456")))
    # The SP answers the POST with 200 and an error page (many SAML toolkits do).
    entries, _ = sign_in(day, answer=(200, None),
                         answer_page="<html><head><title>Error - Invalid SAML response: Signature validation failed</title></head><body>SAML error</body></html>")
    write("sp-200-error-page.har", har(entries))
    # The ACS POST was cancelled (status 0) and nothing came after.
    entries, _ = sign_in(day, answer=(0, None))
    write("post-aborted.har", har(entries))
    # The IdP's page carried the Response form, but the browser never posted it.
    entries, _ = sign_in(day, posted=False)
    write("form-not-posted.har", har(entries))
    # Two sign-ins in one capture: the first refused, the user tries again a minute later.
    first, _ = sign_in(day, rid="_reqA", answer=(302, "https://analytics.amplitude.com/login?error=user_not_provisioned"))
    second, _ = sign_in(day, start="10:01", rid="_reqB", aid="_fb1", resp_id="_fr2")
    write("two-sign-ins.har", har(first + second))
    # Personal values in URLs: a RelayState deep link with the invitee's email and a token, and
    # the SP's error redirect naming the user.
    entries, _ = sign_in(day, relay="https://analytics.amplitude.com/invite?email=bob.secret%40contoso.com&token=SEKRET123",
                         answer=(302, "https://analytics.amplitude.com/login?error=user_not_provisioned&error_description=No+user+bob.secret%40contoso.com"))
    write("redact-relay.har", har(entries))
    # A healthy sign-in; twenty minutes later the user opens another app (an Entra error page) and a
    # page of the SP they may not see (403): neither belongs to this sign-in.
    entries, _ = sign_in(day)
    entries.append(entry(t(day, "10:20:00.000"), "GET", ENTRA_SSO + "?sso_reload=true", 200,
                         html="<html><head><title>Sign in to your account</title></head><body>AADSTS50105: not assigned</body></html>"))
    entries.append(entry(t(day, "10:26:00.000"), "GET", "https://analytics.amplitude.com/settings/billing", 403,
                         html="<html><head><title>Forbidden</title></head><body>403</body></html>"))
    write("later-pages.har", har(entries))
    # The SP sends the user back to the deep link it was asked for, whose words look like an error.
    entries, _ = sign_in(day, relay="/charts/errors-by-country?filter=invalid_events",
                         answer=(302, "https://analytics.amplitude.com/charts/errors-by-country?filter=invalid_events"),
                         landing_title="Error Tracking | Amplitude")
    write("deep-link-error-words.har", har(entries))
    # The first attempt was abandoned at the IdP; the second went through.
    first, _ = sign_in(day, rid="_reqA", posted=False)
    first = first[:1] + [entry(t(day, "10:00:00.400"), "GET", first[1]["request"]["url"], 200,
                               html="<html><head><title>Sign in</title></head><body>login form</body></html>")]
    second, _ = sign_in(day, start="10:01", rid="_reqB", aid="_fb1", resp_id="_fr2")
    write("abandoned-then-ok.har", har(first + second))
    # The IdP refuses with an HTTP 403 page of its own instead of a Response.
    req = authn_request("_req403", t(day, "10:00:00"))
    url = redirect_url(IDP_SSO, req, "/projects/42")
    write("idp-403.har", har([
        entry(t(day, "10:00:00.100"), "GET", SP_LOGIN, 302, location=url),
        entry(t(day, "10:00:00.400"), "GET", url, 302, location="https://portal.sso.us-east-1.amazonaws.com/error?code=403"),
        entry(t(day, "10:00:00.600"), "GET", "https://portal.sso.us-east-1.amazonaws.com/error?code=403", 403,
              html="<html><head><title>Access denied</title></head><body>You do not have access to this application.</body></html>"),
    ]))
    # Only the IdP's error page was recorded (the SP's redirect with the request was not).
    write("entra-error-only.har", har([
        entry(t(day, "10:00:00.400"), "GET", "https://login.microsoftonline.com/common/login", 200,
              html="<html><head><title>Sign in to your account</title></head><body>AADSTS50105: Your administrator has configured the application Amplitude to block users unless they are specifically granted ('assigned') access to the application.</body></html>"),
    ]))
    # The landing page greets the user by name and email; the NameID is in an SP URL too.
    entries, _ = sign_in(day, answer=(302, "https://analytics.amplitude.com/users/alice@example.com/home"),
                         landing_title="Welcome back, alice@example.com")
    write("redact-title.har", har(entries))
    # Okta's shape: the app's SSO URL with the AuthnRequest sends the browser to Okta's sign-in
    # page; after the password, Okta sends it back to the same SSO URL with the same request,
    # which answers with the Response form.
    req = authn_request("_reqOk", t(day, "10:00:00"), destination=OKTA_SSO)
    url = redirect_url(OKTA_SSO, req, "/projects/42")
    login = "https://contoso.okta.com/login/login.htm?fromURI=%2Fapp%2Famplitude%2Fexk1a2b3c4d5%2Fsso%2Fsaml"
    resp = signed_response("_reqOk", t(day, "10:00:20"), t(day, "10:00:20", minutes=-5), t(day, "10:00:20", minutes=5),
                           aid="_fok1", rid="_frok1")
    b64 = base64.b64encode(resp.encode()).decode()
    write("okta-login-then-response.har", har([
        entry(t(day, "10:00:00.100"), "GET", SP_LOGIN, 302, location=url,
              set_cookie="amp_sess=abc123; Path=/; Secure; HttpOnly; SameSite=None"),
        entry(t(day, "10:00:00.400"), "GET", url, 302, location=login),
        entry(t(day, "10:00:00.700"), "GET", login, 200, html="<html><head><title>contoso - Sign In</title></head><body>sign in</body></html>"),
        entry(t(day, "10:00:15.000"), "POST", "https://contoso.okta.com/api/v1/authn", 200),
        entry(t(day, "10:00:19.000"), "GET", "https://contoso.okta.com/login/sessionCookieRedirect?token=x", 302, location=url),
        entry(t(day, "10:00:20.000"), "GET", url, 200, html=form_page(g.AMP_ACS, b64, "/projects/42")),
        entry(t(day, "10:00:21.000"), "POST", g.AMP_ACS, 302, location="https://analytics.amplitude.com/projects/42",
              cookies=[("amp_sess", "abc123")], post=[("SAMLResponse", b64), ("RelayState", "/projects/42")]),
        entry(t(day, "10:00:22.000"), "GET", "https://analytics.amplitude.com/projects/42", 200,
              html="<html><head><title>Amplitude</title></head><body></body></html>"),
    ]))
    # The IdP posted a Response the SP could not read (the form's value cut short): the IdP did
    # answer, and the outline must say the Response is unreadable, not that the IdP never answered.
    entries, resp = sign_in(day)
    cut = base64.b64encode(resp.encode()).decode()[:1200]
    entries[1]["response"]["content"]["text"] = form_page(g.AMP_ACS, cut, "/projects/42")
    for e in entries:
        if e["request"]["method"] == "POST":
            e["request"]["postData"]["text"] = "SAMLResponse=" + urllib.parse.quote(cut, safe="") + "&RelayState=%2Fprojects%2F42"
            e["request"]["postData"]["params"] = [{"name": "SAMLResponse", "value": urllib.parse.quote(cut, safe="")},
                                                  {"name": "RelayState", "value": "%2Fprojects%2F42"}]
    write("unreadable-response.har", har(entries))
    # A request that got no answer of its own, then a second request whose answer names the first
    # (a stale Response): the first sign-in never got a Response and is not "completed".
    first, _ = sign_in(day, rid="_reqA", posted=False)
    first = first[:1] + [entry(t(day, "10:00:00.400"), "GET", first[1]["request"]["url"], 200,
                               html="<html><head><title>Sign in</title></head><body>login form</body></html>")]
    second, _ = sign_in(day, start="10:01", rid="_reqB", irt="_reqA", aid="_fb1", resp_id="_fr2")
    write("unanswered-then-stale.har", har(first + second))
    # An IdP proxy (a Keycloak broker in front of the IdP): the SP's request goes to the broker, the
    # broker's own request to the IdP; the IdP's Response is posted to the broker's endpoint, whose
    # answer is an auto-submit form carrying the broker's Response to the SP's ACS.
    broker_sso = "https://kc.contoso.com/realms/acme/protocol/saml"
    broker_ep = "https://kc.contoso.com/realms/acme/broker/aws/endpoint"
    sp_req = authn_request("_reqSP", t(day, "10:00:00"), destination=broker_sso)
    sp_url = redirect_url(broker_sso, sp_req, "/projects/42")
    kc_req = authn_request("_reqKC", t(day, "10:00:01"), acs=broker_ep, destination=IDP_SSO)
    kc_url = redirect_url(IDP_SSO, kc_req, "kcstate123")
    up = signed_response("_reqKC", t(day, "10:00:05"), t(day, "10:00:05", minutes=-5), t(day, "10:00:05", minutes=5),
                         acs=broker_ep, aid="_fup1", rid="_frup1", audience="https://kc.contoso.com/realms/acme")
    down = signed_response("_reqSP", t(day, "10:00:06"), t(day, "10:00:06", minutes=-5), t(day, "10:00:06", minutes=5),
                           aid="_fkc1", rid="_frkc1")
    up64 = base64.b64encode(up.encode()).decode()
    down64 = base64.b64encode(down.encode()).decode()
    write("broker-proxy.har", har([
        entry(t(day, "10:00:00.100"), "GET", SP_LOGIN, 302, location=sp_url,
              set_cookie="amp_sess=abc123; Path=/; Secure; HttpOnly; SameSite=None"),
        entry(t(day, "10:00:00.400"), "GET", sp_url, 302, location=kc_url),
        entry(t(day, "10:00:01.000"), "GET", kc_url, 200, html=form_page(broker_ep, up64, "kcstate123")),
        entry(t(day, "10:00:05.000"), "POST", broker_ep, 200, post=[("SAMLResponse", up64), ("RelayState", "kcstate123")],
              html=form_page(g.AMP_ACS, down64, "/projects/42")),
        entry(t(day, "10:00:06.000"), "POST", g.AMP_ACS, 302, location="https://analytics.amplitude.com/projects/42",
              cookies=[("amp_sess", "abc123")], post=[("SAMLResponse", down64), ("RelayState", "/projects/42")]),
        entry(t(day, "10:00:07.000"), "GET", "https://analytics.amplitude.com/projects/42", 200,
              html="<html><head><title>Amplitude</title></head><body></body></html>"),
    ]))
    # A SAML-tracer export as the add-on writes it: no per-request timestamp, protocol "SAML-P",
    # the requests around the messages kept, and "Mask values" applied to the POST.
    e1, resp = sign_in(day)
    reqs = []
    for n, e in enumerate(e1):
        r = {"requestId": str(n + 1), "method": e["request"]["method"], "url": e["request"]["url"],
             "requestHeaders": [], "responseStatus": e["response"]["status"], "responseStatusText": "",
             "responseHeaders": [{"name": "Location", "value": e["response"]["redirectURL"]}] if e["response"].get("redirectURL") else []}
        if "SAMLRequest=" in r["url"]:
            r["protocol"] = "SAML-P"
            r["saml"] = authn_request("_req1", t(day, "10:00:00"))
        if r["method"] == "POST":
            r["post"] = [["SAMLResponse", "{hash:1e625451}"], ["RelayState", "{hash:14e5758b}"]]
            r["protocol"] = "SAML-P"
            r["saml"] = resp
        reqs.append(r)
    write("tracer-addon-masked.json", json.dumps({"requests": reqs, "timestamp": "2026-01-15T10:30:00.000Z"}, indent=2) + "\n")
    # SAML-tracer exports made with the "Mask values" (hash) and "Remove values" (obfuscate)
    # filters: the parameters are replaced, the decoded XML stays in `saml`.
    _, resp = sign_in(day)
    for name, value in [("tracer-masked.json", "{hash:9f2c1e}"), ("tracer-removed.json", "{obf:alternative_0}")]:
        export = {"requests": [
            {"requestId": "1", "method": "POST", "url": g.AMP_ACS, "timestamp": 1768471203000,
             "post": [["SAMLResponse", value], ["RelayState", "{obf:alternative_1}"]], "saml": resp, "protocol": "saml",
             "requestHeaders": [], "responseStatus": 302, "responseStatusText": "Found",
             "responseHeaders": [{"name": "Location", "value": "https://analytics.amplitude.com/projects/42"}]}],
            "timestamp": "2026-01-15T10:30:00.000Z"}
        write(name, json.dumps(export, indent=2) + "\n")
    print("flow fixtures written to", OUT)


if __name__ == "__main__":
    main()
