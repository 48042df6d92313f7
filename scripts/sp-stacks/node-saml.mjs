// node-saml oracle for scripts/sp-stacks/harness.py: reads [{name, xml, cert, sp, acs, idp, now,
// request_id}] on stdin, runs @node-saml/node-saml's validatePostResponseAsync on each with its
// default options (wantAuthnResponseSigned and wantAssertionsSigned on, zero clock skew,
// validateInResponseTo never) and the case's certificate, SP entity ID (issuer and audience) and
// ACS, the clock pinned to the case's time; prints [{accepts, error}].
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const require = createRequire(path.join(process.cwd(), "package.json"));
const { SAML } = require("@node-saml/node-saml");

const RealDate = Date;
let frozen = RealDate.now();
class FixedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(frozen);
    else super(...args);
  }
  static now() {
    return frozen;
  }
}
globalThis.Date = FixedDate;

const cases = JSON.parse(readFileSync(0, "utf8"));
const out = [];
for (const c of cases) {
  frozen = RealDate.parse(c.now);
  try {
    const saml = new SAML({
      callbackUrl: c.acs,
      issuer: c.sp,
      audience: c.sp,
      idpCert: c.cert,
      ...(c.sp_key ? { decryptionPvk: c.sp_key } : {}),
    });
    const b64 = Buffer.from(c.xml, "utf8").toString("base64");
    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: b64 });
    out.push(profile ? { accepts: true } : { accepts: false, error: "no profile" });
  } catch (e) {
    out.push({ accepts: false, error: String(e && e.message ? e.message : e) });
  }
}
process.stdout.write(JSON.stringify(out));
