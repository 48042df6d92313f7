//! samael oracle for scripts/sp-stacks/harness.py: reads one case {xml, idp_metadata, sp, acs,
//! request_id} as JSON on stdin, runs `ServiceProvider::parse_xml_response` with samael's
//! defaults (IdP-initiated refused, 90 s issue delay, 180 s skew) and the case's IdP metadata,
//! SP entity ID and ACS, and prints {"accepts": bool, "error": "..."}. The clock is the
//! process's: the harness runs it under faketime at the case's time.
use samael::metadata::EntityDescriptor;
use samael::service_provider::ServiceProviderBuilder;
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("stdin");
    let case: serde_json::Value = serde_json::from_str(&input).expect("case JSON");
    let s = |k: &str| case[k].as_str().unwrap_or_default().to_string();
    let answer = (|| -> Result<(), String> {
        let md: EntityDescriptor = s("idp_metadata").parse().map_err(|e| format!("metadata: {e}"))?;
        let sp = ServiceProviderBuilder::default()
            .entity_id(s("sp"))
            .acs_url(s("acs"))
            .idp_metadata(md)
            .build()
            .map_err(|e| format!("{e}"))?;
        let rid = s("request_id");
        let ids = [rid.as_str()];
        let possible = if rid.is_empty() { None } else { Some(&ids[..]) };
        sp.parse_xml_response(&s("xml"), possible)
            .map(|_| ())
            .map_err(|e| format!("{e}"))
    })();
    let out = match answer {
        Ok(()) => serde_json::json!({"accepts": true}),
        Err(e) => serde_json::json!({"accepts": false, "error": e}),
    };
    println!("{out}");
}
