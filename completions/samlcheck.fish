# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_samlcheck_global_optspecs
    string join \n color= h/help V/version
end

function __fish_samlcheck_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_samlcheck_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_samlcheck_using_subcommand
    set -l cmd (__fish_samlcheck_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c samlcheck -n "__fish_samlcheck_needs_command" -l color -d 'When to use colour (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samlcheck -n "__fish_samlcheck_needs_command" -s h -l help -d 'Print help'
complete -c samlcheck -n "__fish_samlcheck_needs_command" -s V -l version -d 'Print version'
complete -c samlcheck -n "__fish_samlcheck_needs_command" -f -a "decode" -d 'Print the XML of every SAML message in the input (pretty by default)'
complete -c samlcheck -n "__fish_samlcheck_needs_command" -f -a "metadata" -d 'Lint IdP or SP metadata: certificates, endpoints, entityID, expiry'
complete -c samlcheck -n "__fish_samlcheck_needs_command" -f -a "check" -d 'Check a whole SSO setup described in samlcheck.toml: metadata, pairing, captured responses'
complete -c samlcheck -n "__fish_samlcheck_needs_command" -f -a "profiles" -d 'List the built-in SP profiles'
complete -c samlcheck -n "__fish_samlcheck_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c samlcheck -n "__fish_samlcheck_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c samlcheck -n "__fish_samlcheck_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c samlcheck -n "__fish_samlcheck_needs_command" -f -a "inspect" -d 'Full report; never fails on findings (trust is reported, not required)'
complete -c samlcheck -n "__fish_samlcheck_needs_command" -f -a "verify" -d 'Full report and every check against trusted keys and expectations (exit 1 on failure)'
complete -c samlcheck -n "__fish_samlcheck_needs_command" -f -a "diff" -d 'Compare two captures (a working and a failing sign-in) field by field (exit 1 if they differ)'
complete -c samlcheck -n "__fish_samlcheck_needs_command" -f -a "explain" -d 'Explain a finding code (all codes without an argument)'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l color -d 'When to use colour (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l glob -d 'In directories, only files matching this glob, e.g. \'*.b64\' or \'**/responses/*.xml\'' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l message -d 'Of a capture holding several messages, report only the Nth (1-based), or `responses`' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l max-input -d 'Largest encoded message, bytes' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l max-file -d 'Largest container file (HAR, SAML-tracer export), bytes' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l max-inflated -d 'Largest inflated (DEFLATE) message, bytes' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l max-ratio -d 'Largest inflate ratio once past 64 KiB' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l max-depth -d 'Deepest element nesting' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l max-elements -d 'Most elements in one message' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l max-attributes -d 'Most attributes on one element' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l max-seconds -d 'Time budget for analysing one message, seconds' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l max-signatures -d 'Most ds:Signature elements in one message' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l max-c14n-work -d 'Most canonicalisation work for one signature, in units of (namespace declarations in scope)² summed over the signed elements; refused before libxmlsec1 runs' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l paste -d 'Read one pasted message from stdin: at a terminal it ends by itself when the message is complete (no line-length limit); from a pipe, at the first blank line'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l raw -d 'Print the XML exactly as received instead of pretty-printed'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l redact -d 'Replace personal values (NameID, emails, names, attribute values, session IDs, IPs) by stable pseudonyms; placeholders, URLs, algorithms, certificates and times stay'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -l redact-urls -d '--redact, and also mask the hosts of issuer, destination, audience and ACS URLs'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -s h -l help -d 'Print help'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand decode" -s V -l version -d 'Print version'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand metadata" -l color -d 'When to use colour (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand metadata" -l min-days -d 'Fail when a signing certificate expires within this many days (default: warn within 30)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand metadata" -l sp-metadata -d 'SP metadata to pair with the IdP metadata: endpoints, entityIDs, NameID formats, signing' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand metadata" -l audience -d 'The audience the IdP application issues, checked against the SP\'s entityID when pairing' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand metadata" -l acs -d 'The ACS URL the IdP application posts to, checked against the SP\'s endpoints when pairing' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand metadata" -l cert -d 'Certificate the metadata must be signed with (PEM or DER, repeatable)' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand metadata" -l now -d 'The time to judge against, RFC 3339 (default: the system clock)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand metadata" -l format -d 'Output format' -r -f -a "human\t''
json\t'One JSON document (an array for several)'
ndjson\t'One JSON line per message, streamed as each finishes'
sarif\t'SARIF 2.1.0 (GitHub code scanning)'
junit\t'JUnit XML (CI test reports)'
markdown\t'A ticket-ready Markdown report (GitHub, GitLab, Jira, Zendesk)'
html\t'One self-contained HTML file: time line of the validity window, signature coverage tree'"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand metadata" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand metadata" -s V -l version -d 'Print version'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand check" -l color -d 'When to use colour (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand check" -l now -d 'The time to judge against, RFC 3339 (wins over the config\'s `now`)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand check" -l format -d 'Output format' -r -f -a "human\t''
json\t'One JSON document (an array for several)'
ndjson\t'One JSON line per message, streamed as each finishes'
sarif\t'SARIF 2.1.0 (GitHub code scanning)'
junit\t'JUnit XML (CI test reports)'
markdown\t'A ticket-ready Markdown report (GitHub, GitLab, Jira, Zendesk)'
html\t'One self-contained HTML file: time line of the validity window, signature coverage tree'"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand check" -l init -d 'Write a commented example config (samlcheck.toml, or CONFIG) and exit'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand check" -s V -l version -d 'Print version'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand profiles" -l color -d 'When to use colour (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand profiles" -s h -l help -d 'Print help'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand profiles" -s V -l version -d 'Print version'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand completions" -l color -d 'When to use colour (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand completions" -s h -l help -d 'Print help'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand completions" -s V -l version -d 'Print version'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand man" -l color -d 'When to use colour (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand man" -s h -l help -d 'Print help'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand man" -s V -l version -d 'Print version'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand help; and not __fish_seen_subcommand_from decode inspect verify metadata diff check explain profiles completions man help" -f -a "decode" -d 'Print the XML of every SAML message in the input (pretty by default)'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand help; and not __fish_seen_subcommand_from decode inspect verify metadata diff check explain profiles completions man help" -f -a "inspect" -d 'Full report; never fails on findings (trust is reported, not required)'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand help; and not __fish_seen_subcommand_from decode inspect verify metadata diff check explain profiles completions man help" -f -a "verify" -d 'Full report and every check against trusted keys and expectations (exit 1 on failure)'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand help; and not __fish_seen_subcommand_from decode inspect verify metadata diff check explain profiles completions man help" -f -a "metadata" -d 'Lint IdP or SP metadata: certificates, endpoints, entityID, expiry'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand help; and not __fish_seen_subcommand_from decode inspect verify metadata diff check explain profiles completions man help" -f -a "diff" -d 'Compare two captures (a working and a failing sign-in) field by field (exit 1 if they differ)'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand help; and not __fish_seen_subcommand_from decode inspect verify metadata diff check explain profiles completions man help" -f -a "check" -d 'Check a whole SSO setup described in samlcheck.toml: metadata, pairing, captured responses'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand help; and not __fish_seen_subcommand_from decode inspect verify metadata diff check explain profiles completions man help" -f -a "explain" -d 'Explain a finding code (all codes without an argument)'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand help; and not __fish_seen_subcommand_from decode inspect verify metadata diff check explain profiles completions man help" -f -a "profiles" -d 'List the built-in SP profiles'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand help; and not __fish_seen_subcommand_from decode inspect verify metadata diff check explain profiles completions man help" -f -a "completions" -d 'Print shell completions'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand help; and not __fish_seen_subcommand_from decode inspect verify metadata diff check explain profiles completions man help" -f -a "man" -d 'Print the man page (roff)'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand help; and not __fish_seen_subcommand_from decode inspect verify metadata diff check explain profiles completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l color -d 'When to use colour (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l glob -d 'In directories, only files matching this glob, e.g. \'*.b64\' or \'**/responses/*.xml\'' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l message -d 'Of a capture holding several messages, report only the Nth (1-based), or `responses`' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l max-input -d 'Largest encoded message, bytes' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l max-file -d 'Largest container file (HAR, SAML-tracer export), bytes' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l max-inflated -d 'Largest inflated (DEFLATE) message, bytes' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l max-ratio -d 'Largest inflate ratio once past 64 KiB' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l max-depth -d 'Deepest element nesting' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l max-elements -d 'Most elements in one message' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l max-attributes -d 'Most attributes on one element' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l max-seconds -d 'Time budget for analysing one message, seconds' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l max-signatures -d 'Most ds:Signature elements in one message' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l max-c14n-work -d 'Most canonicalisation work for one signature, in units of (namespace declarations in scope)² summed over the signed elements; refused before libxmlsec1 runs' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l idp-metadata -d 'IdP metadata: its signing certificates are trusted, its entityID is the expected issuer' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l cert -d 'A trusted IdP signing certificate, PEM or DER (repeatable)' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l fingerprint -d 'Trust the certificate the message carries if its SHA-256 fingerprint is this (repeatable)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l sp-key -d 'The SP\'s private key (PEM), to decrypt an EncryptedAssertion' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l sp-metadata -d 'SP metadata: entityID is the expected audience, ACS URLs the allowed Destination/Recipient; its signing certificates verify AuthnRequests and logout messages the SP sent' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l sp-cert -d 'A trusted SP signing certificate, PEM or DER, for AuthnRequests and logout messages (repeatable)' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l audience -d 'Expected audience (SP entity ID); repeatable' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l acs -d 'Expected ACS URL (Destination and Recipient); repeatable' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l issuer -d 'Expected IdP issuer (defaults to the IdP metadata\'s entityID)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l request-id -d 'ID of the AuthnRequest this Response should answer (InResponseTo)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l email-from -d 'Read the email from this attribute (Name or FriendlyName) before the usual sources; repeatable' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l profile-file -d 'A profile of your own (JSON, the fields of src/profiles/amplitude.json: name, description, audiences, acs, email_order, check_email, required_attributes, rules, sp_console)' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l now -d 'The time to judge against, RFC 3339 (default: the system clock)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l at -d 'What time to judge at: capture (the default: a HAR or SAML-tracer message at the time it was recorded), now (--now or the clock), issue-instant (the message\'s own IssueInstant)' -r -f -a "now\t'Judge at --now or the system clock, even for a HAR or SAML-tracer capture'
capture\t'Judge a HAR or SAML-tracer message at the time the capture recorded it (the default)'
issue-instant\t'Judge time as of the message\'s own IssueInstant (for old captures)'"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l clock-skew -d 'Allowed clock difference, e.g. 3m, 90s' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l max-age -d 'Refuse a message whose IssueInstant is older than this, e.g. 1h, 50m (default 50m)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l sp-stack -d 'Would this SP library accept it? python3-saml, pysaml2, ruby-saml, node-saml, spring-security, shibboleth-sp, crewjam-saml, gosaml2, keycloak, sustainsys, samael (NAME@VERSION picks a version), or all. With one stack its rules decide the exit code; forgeries fail whatever it does' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l sp-set -d 'Change a stack\'s default, e.g. clock_skew=120, strict=false (repeatable; `samlcheck explain sp-stacks` lists each stack\'s settings)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l format -d 'Output format' -r -f -a "human\t''
json\t'One JSON document (an array for several)'
ndjson\t'One JSON line per message, streamed as each finishes'
sarif\t'SARIF 2.1.0 (GitHub code scanning)'
junit\t'JUnit XML (CI test reports)'
markdown\t'A ticket-ready Markdown report (GitHub, GitLab, Jira, Zendesk)'
html\t'One self-contained HTML file: time line of the validity window, signature coverage tree'"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l profile -d 'SP profile: amplitude, aws, aws-identity-center, generic' -r -f -a "amplitude\t''
aws\t''
aws-identity-center\t''
generic\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l deny -d 'Make a policy finding an error, e.g. signature-placement-unusual, algorithm-sha1 (repeatable)' -r -f -a "url-safe-base64\t''
status-not-success\t''
status-missing\t''
signature-missing\t''
signature-digest-mismatch\t''
signature-reindented\t''
signature-value-mismatch\t''
signature-untrusted-key\t''
assertion-signature-required\t''
signature-not-checked\t''
signature-error\t''
signature-ecdsa-der\t''
redirect-signature-invalid\t''
wrapping-multiple-assertions\t''
wrapping-hidden-assertion\t''
wrapping-duplicate-id\t''
wrapping-reference-target\t''
wrapping-signature-placement\t''
signature-placement-unusual\t''
signature-object-content\t''
assertion-in-advice\t''
wrapping-reference-uri\t''
signature-reference-whole-document\t''
wrapping-reference-count\t''
wrapping-transform\t''
wrapping-parser-disagreement\t''
wrapping-uncovered-identity\t''
wrapping-unbound-prefix\t''
algorithm-unsupported\t''
algorithm-sha1\t''
algorithm-forbidden\t''
certificate-expired\t''
certificate-not-yet-valid\t''
certificate-expiring\t''
bearer-missing\t''
bearer-no-expiry\t''
bearer-no-recipient\t''
issuer-inconsistent\t''
issuer-format-invalid\t''
issuer-missing-signed-response\t''
issuer-missing\t''
issuer-mismatch\t''
audience-missing\t''
audience-restriction-empty\t''
condition-unknown\t''
condition-one-time-use\t''
nameid-sp-name-qualifier\t''
nameid-whitespace\t''
audience-mismatch\t''
destination-missing\t''
destination-empty\t''
request-destination-mismatch\t''
request-acs-unknown\t''
request-acs-index\t''
flow-protocol-binding\t''
destination-mismatch\t''
recipient-mismatch\t''
in-response-to-mismatch\t''
in-response-to-unsolicited\t''
bearer-not-before\t''
subject-confirmation-ignored\t''
in-response-to-missing\t''
time-too-old\t''
issue-instant-missing\t''
assertion-replayed\t''
time-not-yet-valid\t''
time-expired\t''
time-issued-in-future\t''
time-unparseable\t''
time-session-expired\t''
assertion-missing\t''
saml11-assertion\t''
version-invalid\t''
message-unauthenticated\t''
binding-redirect-response\t''
binding-detached-signature-post\t''
flow-no-response\t''
flow-message-unreadable\t''
sp-stack-rejects\t''
sp-stack-weakness\t''
flow-in-response-to\t''
flow-acs-mismatch\t''
flow-nameid-format\t''
flow-authn-context\t''
flow-force-authn\t''
flow-audience\t''
flow-relay-state\t''
flow-no-sp-answer\t''
sp-answer-error\t''
sp-cookie-samesite\t''
idp-error-page\t''
wrapping-encrypted-assertion\t''
ws-federation-token\t''
assertion-bare\t''
assertion-encrypted\t''
nameid-encrypted\t''
decryption-failed\t''
decryption-key-not-found\t''
decryption-wrong-key\t''
authn-statement-missing\t''
authn-context-missing\t''
value-empty\t''
value-documentation-placeholder\t''
value-invisible-character\t''
subject-missing\t''
nameid-missing\t''
nameid-empty\t''
nameid-format-not-email\t''
comment-in-text\t''
email-missing\t''
email-placeholder\t''
email-empty-value\t''
email-sources-disagree\t''
email-mixed-case\t''
email-invalid\t''
email-elsewhere\t''
attribute-statement-empty\t''
attribute-empty-value\t''
attribute-duplicate\t''
attribute-required-missing\t''
aws-role-invalid\t''
aws-role-session-name-missing\t''
aws-session-duration-invalid\t''
pair-roles\t''
pair-entity-id\t''
pair-acs-binding\t''
pair-acs-mismatch\t''
pair-sso-binding\t''
pair-nameid-format\t''
pair-authn-requests-unsigned\t''
pair-assertions-signed\t''
metadata-no-signing-key\t''
metadata-no-endpoint\t''
metadata-insecure-endpoint\t''
metadata-no-entity-id\t''
metadata-signature-invalid\t''
metadata-unsigned\t''
metadata-expired\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l allow -d 'Lower a policy finding to a warning (repeatable; `samlcheck explain CODE` says which are policy)' -r -f -a "signature-placement-unusual\t''
signature-reference-whole-document\t''
certificate-expired\t''
certificate-not-yet-valid\t''
certificate-expiring\t''
algorithm-sha1\t''
audience-missing\t''
destination-missing\t''
in-response-to-missing\t''
in-response-to-unsolicited\t''
time-too-old\t''
assertion-in-advice\t''
attribute-duplicate\t''
issuer-missing\t''
email-missing\t''
nameid-sp-name-qualifier\t''
nameid-whitespace\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l paste -d 'Read one pasted message from stdin: at a terminal it ends by itself when the message is complete (no line-length limit); from a pipe, at the first blank line'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l redact -d 'Replace personal values (NameID, emails, names, attribute values, session IDs, IPs) by stable pseudonyms; placeholders, URLs, algorithms, certificates and times stay'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -l redact-urls -d '--redact, and also mask the hosts of issuer, destination, audience and ACS URLs'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand inspect" -s V -l version -d 'Print version'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l color -d 'When to use colour (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l glob -d 'In directories, only files matching this glob, e.g. \'*.b64\' or \'**/responses/*.xml\'' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l message -d 'Of a capture holding several messages, report only the Nth (1-based), or `responses`' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l max-input -d 'Largest encoded message, bytes' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l max-file -d 'Largest container file (HAR, SAML-tracer export), bytes' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l max-inflated -d 'Largest inflated (DEFLATE) message, bytes' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l max-ratio -d 'Largest inflate ratio once past 64 KiB' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l max-depth -d 'Deepest element nesting' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l max-elements -d 'Most elements in one message' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l max-attributes -d 'Most attributes on one element' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l max-seconds -d 'Time budget for analysing one message, seconds' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l max-signatures -d 'Most ds:Signature elements in one message' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l max-c14n-work -d 'Most canonicalisation work for one signature, in units of (namespace declarations in scope)² summed over the signed elements; refused before libxmlsec1 runs' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l idp-metadata -d 'IdP metadata: its signing certificates are trusted, its entityID is the expected issuer' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l cert -d 'A trusted IdP signing certificate, PEM or DER (repeatable)' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l fingerprint -d 'Trust the certificate the message carries if its SHA-256 fingerprint is this (repeatable)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l sp-key -d 'The SP\'s private key (PEM), to decrypt an EncryptedAssertion' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l sp-metadata -d 'SP metadata: entityID is the expected audience, ACS URLs the allowed Destination/Recipient; its signing certificates verify AuthnRequests and logout messages the SP sent' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l sp-cert -d 'A trusted SP signing certificate, PEM or DER, for AuthnRequests and logout messages (repeatable)' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l audience -d 'Expected audience (SP entity ID); repeatable' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l acs -d 'Expected ACS URL (Destination and Recipient); repeatable' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l issuer -d 'Expected IdP issuer (defaults to the IdP metadata\'s entityID)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l request-id -d 'ID of the AuthnRequest this Response should answer (InResponseTo)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l email-from -d 'Read the email from this attribute (Name or FriendlyName) before the usual sources; repeatable' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l profile-file -d 'A profile of your own (JSON, the fields of src/profiles/amplitude.json: name, description, audiences, acs, email_order, check_email, required_attributes, rules, sp_console)' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l now -d 'The time to judge against, RFC 3339 (default: the system clock)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l at -d 'What time to judge at: capture (the default: a HAR or SAML-tracer message at the time it was recorded), now (--now or the clock), issue-instant (the message\'s own IssueInstant)' -r -f -a "now\t'Judge at --now or the system clock, even for a HAR or SAML-tracer capture'
capture\t'Judge a HAR or SAML-tracer message at the time the capture recorded it (the default)'
issue-instant\t'Judge time as of the message\'s own IssueInstant (for old captures)'"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l clock-skew -d 'Allowed clock difference, e.g. 3m, 90s' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l max-age -d 'Refuse a message whose IssueInstant is older than this, e.g. 1h, 50m (default 50m)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l sp-stack -d 'Would this SP library accept it? python3-saml, pysaml2, ruby-saml, node-saml, spring-security, shibboleth-sp, crewjam-saml, gosaml2, keycloak, sustainsys, samael (NAME@VERSION picks a version), or all. With one stack its rules decide the exit code; forgeries fail whatever it does' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l sp-set -d 'Change a stack\'s default, e.g. clock_skew=120, strict=false (repeatable; `samlcheck explain sp-stacks` lists each stack\'s settings)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l format -d 'Output format' -r -f -a "human\t''
json\t'One JSON document (an array for several)'
ndjson\t'One JSON line per message, streamed as each finishes'
sarif\t'SARIF 2.1.0 (GitHub code scanning)'
junit\t'JUnit XML (CI test reports)'
markdown\t'A ticket-ready Markdown report (GitHub, GitLab, Jira, Zendesk)'
html\t'One self-contained HTML file: time line of the validity window, signature coverage tree'"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l profile -d 'SP profile: amplitude, aws, aws-identity-center, generic' -r -f -a "amplitude\t''
aws\t''
aws-identity-center\t''
generic\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l deny -d 'Make a policy finding an error, e.g. signature-placement-unusual, algorithm-sha1 (repeatable)' -r -f -a "url-safe-base64\t''
status-not-success\t''
status-missing\t''
signature-missing\t''
signature-digest-mismatch\t''
signature-reindented\t''
signature-value-mismatch\t''
signature-untrusted-key\t''
assertion-signature-required\t''
signature-not-checked\t''
signature-error\t''
signature-ecdsa-der\t''
redirect-signature-invalid\t''
wrapping-multiple-assertions\t''
wrapping-hidden-assertion\t''
wrapping-duplicate-id\t''
wrapping-reference-target\t''
wrapping-signature-placement\t''
signature-placement-unusual\t''
signature-object-content\t''
assertion-in-advice\t''
wrapping-reference-uri\t''
signature-reference-whole-document\t''
wrapping-reference-count\t''
wrapping-transform\t''
wrapping-parser-disagreement\t''
wrapping-uncovered-identity\t''
wrapping-unbound-prefix\t''
algorithm-unsupported\t''
algorithm-sha1\t''
algorithm-forbidden\t''
certificate-expired\t''
certificate-not-yet-valid\t''
certificate-expiring\t''
bearer-missing\t''
bearer-no-expiry\t''
bearer-no-recipient\t''
issuer-inconsistent\t''
issuer-format-invalid\t''
issuer-missing-signed-response\t''
issuer-missing\t''
issuer-mismatch\t''
audience-missing\t''
audience-restriction-empty\t''
condition-unknown\t''
condition-one-time-use\t''
nameid-sp-name-qualifier\t''
nameid-whitespace\t''
audience-mismatch\t''
destination-missing\t''
destination-empty\t''
request-destination-mismatch\t''
request-acs-unknown\t''
request-acs-index\t''
flow-protocol-binding\t''
destination-mismatch\t''
recipient-mismatch\t''
in-response-to-mismatch\t''
in-response-to-unsolicited\t''
bearer-not-before\t''
subject-confirmation-ignored\t''
in-response-to-missing\t''
time-too-old\t''
issue-instant-missing\t''
assertion-replayed\t''
time-not-yet-valid\t''
time-expired\t''
time-issued-in-future\t''
time-unparseable\t''
time-session-expired\t''
assertion-missing\t''
saml11-assertion\t''
version-invalid\t''
message-unauthenticated\t''
binding-redirect-response\t''
binding-detached-signature-post\t''
flow-no-response\t''
flow-message-unreadable\t''
sp-stack-rejects\t''
sp-stack-weakness\t''
flow-in-response-to\t''
flow-acs-mismatch\t''
flow-nameid-format\t''
flow-authn-context\t''
flow-force-authn\t''
flow-audience\t''
flow-relay-state\t''
flow-no-sp-answer\t''
sp-answer-error\t''
sp-cookie-samesite\t''
idp-error-page\t''
wrapping-encrypted-assertion\t''
ws-federation-token\t''
assertion-bare\t''
assertion-encrypted\t''
nameid-encrypted\t''
decryption-failed\t''
decryption-key-not-found\t''
decryption-wrong-key\t''
authn-statement-missing\t''
authn-context-missing\t''
value-empty\t''
value-documentation-placeholder\t''
value-invisible-character\t''
subject-missing\t''
nameid-missing\t''
nameid-empty\t''
nameid-format-not-email\t''
comment-in-text\t''
email-missing\t''
email-placeholder\t''
email-empty-value\t''
email-sources-disagree\t''
email-mixed-case\t''
email-invalid\t''
email-elsewhere\t''
attribute-statement-empty\t''
attribute-empty-value\t''
attribute-duplicate\t''
attribute-required-missing\t''
aws-role-invalid\t''
aws-role-session-name-missing\t''
aws-session-duration-invalid\t''
pair-roles\t''
pair-entity-id\t''
pair-acs-binding\t''
pair-acs-mismatch\t''
pair-sso-binding\t''
pair-nameid-format\t''
pair-authn-requests-unsigned\t''
pair-assertions-signed\t''
metadata-no-signing-key\t''
metadata-no-endpoint\t''
metadata-insecure-endpoint\t''
metadata-no-entity-id\t''
metadata-signature-invalid\t''
metadata-unsigned\t''
metadata-expired\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l allow -d 'Lower a policy finding to a warning (repeatable; `samlcheck explain CODE` says which are policy)' -r -f -a "signature-placement-unusual\t''
signature-reference-whole-document\t''
certificate-expired\t''
certificate-not-yet-valid\t''
certificate-expiring\t''
algorithm-sha1\t''
audience-missing\t''
destination-missing\t''
in-response-to-missing\t''
in-response-to-unsolicited\t''
time-too-old\t''
assertion-in-advice\t''
attribute-duplicate\t''
issuer-missing\t''
email-missing\t''
nameid-sp-name-qualifier\t''
nameid-whitespace\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l paste -d 'Read one pasted message from stdin: at a terminal it ends by itself when the message is complete (no line-length limit); from a pipe, at the first blank line'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l redact -d 'Replace personal values (NameID, emails, names, attribute values, session IDs, IPs) by stable pseudonyms; placeholders, URLs, algorithms, certificates and times stay'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -l redact-urls -d '--redact, and also mask the hosts of issuer, destination, audience and ACS URLs'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand verify" -s V -l version -d 'Print version'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l color -d 'When to use colour (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l glob -d 'In directories, only files matching this glob, e.g. \'*.b64\' or \'**/responses/*.xml\'' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l message -d 'Of a capture holding several messages, report only the Nth (1-based), or `responses`' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l max-input -d 'Largest encoded message, bytes' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l max-file -d 'Largest container file (HAR, SAML-tracer export), bytes' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l max-inflated -d 'Largest inflated (DEFLATE) message, bytes' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l max-ratio -d 'Largest inflate ratio once past 64 KiB' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l max-depth -d 'Deepest element nesting' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l max-elements -d 'Most elements in one message' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l max-attributes -d 'Most attributes on one element' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l max-seconds -d 'Time budget for analysing one message, seconds' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l max-signatures -d 'Most ds:Signature elements in one message' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l max-c14n-work -d 'Most canonicalisation work for one signature, in units of (namespace declarations in scope)² summed over the signed elements; refused before libxmlsec1 runs' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l idp-metadata -d 'IdP metadata: its signing certificates are trusted, its entityID is the expected issuer' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l cert -d 'A trusted IdP signing certificate, PEM or DER (repeatable)' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l fingerprint -d 'Trust the certificate the message carries if its SHA-256 fingerprint is this (repeatable)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l sp-key -d 'The SP\'s private key (PEM), to decrypt an EncryptedAssertion' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l sp-metadata -d 'SP metadata: entityID is the expected audience, ACS URLs the allowed Destination/Recipient; its signing certificates verify AuthnRequests and logout messages the SP sent' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l sp-cert -d 'A trusted SP signing certificate, PEM or DER, for AuthnRequests and logout messages (repeatable)' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l audience -d 'Expected audience (SP entity ID); repeatable' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l acs -d 'Expected ACS URL (Destination and Recipient); repeatable' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l issuer -d 'Expected IdP issuer (defaults to the IdP metadata\'s entityID)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l request-id -d 'ID of the AuthnRequest this Response should answer (InResponseTo)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l email-from -d 'Read the email from this attribute (Name or FriendlyName) before the usual sources; repeatable' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l profile-file -d 'A profile of your own (JSON, the fields of src/profiles/amplitude.json: name, description, audiences, acs, email_order, check_email, required_attributes, rules, sp_console)' -r -F
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l now -d 'The time to judge against, RFC 3339 (default: the system clock)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l at -d 'What time to judge at: capture (the default: a HAR or SAML-tracer message at the time it was recorded), now (--now or the clock), issue-instant (the message\'s own IssueInstant)' -r -f -a "now\t'Judge at --now or the system clock, even for a HAR or SAML-tracer capture'
capture\t'Judge a HAR or SAML-tracer message at the time the capture recorded it (the default)'
issue-instant\t'Judge time as of the message\'s own IssueInstant (for old captures)'"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l clock-skew -d 'Allowed clock difference, e.g. 3m, 90s' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l max-age -d 'Refuse a message whose IssueInstant is older than this, e.g. 1h, 50m (default 50m)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l sp-stack -d 'Would this SP library accept it? python3-saml, pysaml2, ruby-saml, node-saml, spring-security, shibboleth-sp, crewjam-saml, gosaml2, keycloak, sustainsys, samael (NAME@VERSION picks a version), or all. With one stack its rules decide the exit code; forgeries fail whatever it does' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l sp-set -d 'Change a stack\'s default, e.g. clock_skew=120, strict=false (repeatable; `samlcheck explain sp-stacks` lists each stack\'s settings)' -r
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l format -d 'Output format' -r -f -a "human\t''
json\t'One JSON document'
ndjson\t'The same JSON document (one comparison is one line\'s worth)'
markdown\t'A ticket-ready Markdown table'"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l profile -d 'SP profile: amplitude, aws, aws-identity-center, generic' -r -f -a "amplitude\t''
aws\t''
aws-identity-center\t''
generic\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l deny -d 'Make a policy finding an error, e.g. signature-placement-unusual, algorithm-sha1 (repeatable)' -r -f -a "url-safe-base64\t''
status-not-success\t''
status-missing\t''
signature-missing\t''
signature-digest-mismatch\t''
signature-reindented\t''
signature-value-mismatch\t''
signature-untrusted-key\t''
assertion-signature-required\t''
signature-not-checked\t''
signature-error\t''
signature-ecdsa-der\t''
redirect-signature-invalid\t''
wrapping-multiple-assertions\t''
wrapping-hidden-assertion\t''
wrapping-duplicate-id\t''
wrapping-reference-target\t''
wrapping-signature-placement\t''
signature-placement-unusual\t''
signature-object-content\t''
assertion-in-advice\t''
wrapping-reference-uri\t''
signature-reference-whole-document\t''
wrapping-reference-count\t''
wrapping-transform\t''
wrapping-parser-disagreement\t''
wrapping-uncovered-identity\t''
wrapping-unbound-prefix\t''
algorithm-unsupported\t''
algorithm-sha1\t''
algorithm-forbidden\t''
certificate-expired\t''
certificate-not-yet-valid\t''
certificate-expiring\t''
bearer-missing\t''
bearer-no-expiry\t''
bearer-no-recipient\t''
issuer-inconsistent\t''
issuer-format-invalid\t''
issuer-missing-signed-response\t''
issuer-missing\t''
issuer-mismatch\t''
audience-missing\t''
audience-restriction-empty\t''
condition-unknown\t''
condition-one-time-use\t''
nameid-sp-name-qualifier\t''
nameid-whitespace\t''
audience-mismatch\t''
destination-missing\t''
destination-empty\t''
request-destination-mismatch\t''
request-acs-unknown\t''
request-acs-index\t''
flow-protocol-binding\t''
destination-mismatch\t''
recipient-mismatch\t''
in-response-to-mismatch\t''
in-response-to-unsolicited\t''
bearer-not-before\t''
subject-confirmation-ignored\t''
in-response-to-missing\t''
time-too-old\t''
issue-instant-missing\t''
assertion-replayed\t''
time-not-yet-valid\t''
time-expired\t''
time-issued-in-future\t''
time-unparseable\t''
time-session-expired\t''
assertion-missing\t''
saml11-assertion\t''
version-invalid\t''
message-unauthenticated\t''
binding-redirect-response\t''
binding-detached-signature-post\t''
flow-no-response\t''
flow-message-unreadable\t''
sp-stack-rejects\t''
sp-stack-weakness\t''
flow-in-response-to\t''
flow-acs-mismatch\t''
flow-nameid-format\t''
flow-authn-context\t''
flow-force-authn\t''
flow-audience\t''
flow-relay-state\t''
flow-no-sp-answer\t''
sp-answer-error\t''
sp-cookie-samesite\t''
idp-error-page\t''
wrapping-encrypted-assertion\t''
ws-federation-token\t''
assertion-bare\t''
assertion-encrypted\t''
nameid-encrypted\t''
decryption-failed\t''
decryption-key-not-found\t''
decryption-wrong-key\t''
authn-statement-missing\t''
authn-context-missing\t''
value-empty\t''
value-documentation-placeholder\t''
value-invisible-character\t''
subject-missing\t''
nameid-missing\t''
nameid-empty\t''
nameid-format-not-email\t''
comment-in-text\t''
email-missing\t''
email-placeholder\t''
email-empty-value\t''
email-sources-disagree\t''
email-mixed-case\t''
email-invalid\t''
email-elsewhere\t''
attribute-statement-empty\t''
attribute-empty-value\t''
attribute-duplicate\t''
attribute-required-missing\t''
aws-role-invalid\t''
aws-role-session-name-missing\t''
aws-session-duration-invalid\t''
pair-roles\t''
pair-entity-id\t''
pair-acs-binding\t''
pair-acs-mismatch\t''
pair-sso-binding\t''
pair-nameid-format\t''
pair-authn-requests-unsigned\t''
pair-assertions-signed\t''
metadata-no-signing-key\t''
metadata-no-endpoint\t''
metadata-insecure-endpoint\t''
metadata-no-entity-id\t''
metadata-signature-invalid\t''
metadata-unsigned\t''
metadata-expired\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l allow -d 'Lower a policy finding to a warning (repeatable; `samlcheck explain CODE` says which are policy)' -r -f -a "signature-placement-unusual\t''
signature-reference-whole-document\t''
certificate-expired\t''
certificate-not-yet-valid\t''
certificate-expiring\t''
algorithm-sha1\t''
audience-missing\t''
destination-missing\t''
in-response-to-missing\t''
in-response-to-unsolicited\t''
time-too-old\t''
assertion-in-advice\t''
attribute-duplicate\t''
issuer-missing\t''
email-missing\t''
nameid-sp-name-qualifier\t''
nameid-whitespace\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l paste -d 'Read one pasted message from stdin: at a terminal it ends by itself when the message is complete (no line-length limit); from a pipe, at the first blank line'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l redact -d 'Replace personal values (NameID, emails, names, attribute values, session IDs, IPs) by stable pseudonyms; placeholders, URLs, algorithms, certificates and times stay'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -l redact-urls -d '--redact, and also mask the hosts of issuer, destination, audience and ACS URLs'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand diff" -s V -l version -d 'Print version'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand explain" -l color -d 'When to use colour (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c samlcheck -n "__fish_samlcheck_using_subcommand explain" -s h -l help -d 'Print help'
complete -c samlcheck -n "__fish_samlcheck_using_subcommand explain" -s V -l version -d 'Print version'
