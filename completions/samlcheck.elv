
use builtin;
use str;

set edit:completion:arg-completer[samlcheck] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'samlcheck'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'samlcheck'= {
            cand --color 'When to use colour (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand decode 'Print the XML of every SAML message in the input (pretty by default)'
            cand metadata 'Lint IdP or SP metadata: certificates, endpoints, entityID, expiry'
            cand check 'Check a whole SSO setup described in samlcheck.toml: metadata, pairing, captured responses'
            cand profiles 'List the built-in SP profiles'
            cand completions 'Print shell completions'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
            cand inspect 'Full report; never fails on findings (trust is reported, not required)'
            cand verify 'Full report and every check against trusted keys and expectations (exit 1 on failure)'
            cand diff 'Compare two captures (a working and a failing sign-in) field by field (exit 1 if they differ)'
            cand explain 'Explain a finding code (all codes without an argument)'
        }
        &'samlcheck;decode'= {
            cand --color 'When to use colour (NO_COLOR is honoured with auto)'
            cand --glob 'In directories, only files matching this glob, e.g. ''*.b64'' or ''**/responses/*.xml'''
            cand --message 'Of a capture holding several messages, report only the Nth (1-based), or `responses`'
            cand --max-input 'Largest encoded message, bytes'
            cand --max-file 'Largest container file (HAR, SAML-tracer export), bytes'
            cand --max-inflated 'Largest inflated (DEFLATE) message, bytes'
            cand --max-ratio 'Largest inflate ratio once past 64 KiB'
            cand --max-depth 'Deepest element nesting'
            cand --max-elements 'Most elements in one message'
            cand --max-attributes 'Most attributes on one element'
            cand --max-seconds 'Time budget for analysing one message, seconds'
            cand --max-signatures 'Most ds:Signature elements in one message'
            cand --max-c14n-work 'Most canonicalisation work for one signature, in units of (namespace declarations in scope)² summed over the signed elements; refused before libxmlsec1 runs'
            cand --paste 'Read one pasted message from stdin: at a terminal it ends by itself when the message is complete (no line-length limit); from a pipe, at the first blank line'
            cand --raw 'Print the XML exactly as received instead of pretty-printed'
            cand --redact 'Replace personal values (NameID, emails, names, attribute values, session IDs, IPs) by stable pseudonyms; placeholders, URLs, algorithms, certificates and times stay'
            cand --redact-urls '--redact, and also mask the hosts of issuer, destination, audience and ACS URLs'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'samlcheck;metadata'= {
            cand --color 'When to use colour (NO_COLOR is honoured with auto)'
            cand --min-days 'Fail when a signing certificate expires within this many days (default: warn within 30)'
            cand --sp-metadata 'SP metadata to pair with the IdP metadata: endpoints, entityIDs, NameID formats, signing'
            cand --audience 'The audience the IdP application issues, checked against the SP''s entityID when pairing'
            cand --acs 'The ACS URL the IdP application posts to, checked against the SP''s endpoints when pairing'
            cand --cert 'Certificate the metadata must be signed with (PEM or DER, repeatable)'
            cand --now 'The time to judge against, RFC 3339 (default: the system clock)'
            cand --format 'Output format'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'samlcheck;check'= {
            cand --color 'When to use colour (NO_COLOR is honoured with auto)'
            cand --now 'The time to judge against, RFC 3339 (wins over the config''s `now`)'
            cand --format 'Output format'
            cand --init 'Write a commented example config (samlcheck.toml, or CONFIG) and exit'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'samlcheck;profiles'= {
            cand --color 'When to use colour (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'samlcheck;completions'= {
            cand --color 'When to use colour (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'samlcheck;man'= {
            cand --color 'When to use colour (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'samlcheck;help'= {
            cand decode 'Print the XML of every SAML message in the input (pretty by default)'
            cand inspect 'Full report; never fails on findings (trust is reported, not required)'
            cand verify 'Full report and every check against trusted keys and expectations (exit 1 on failure)'
            cand metadata 'Lint IdP or SP metadata: certificates, endpoints, entityID, expiry'
            cand diff 'Compare two captures (a working and a failing sign-in) field by field (exit 1 if they differ)'
            cand check 'Check a whole SSO setup described in samlcheck.toml: metadata, pairing, captured responses'
            cand explain 'Explain a finding code (all codes without an argument)'
            cand profiles 'List the built-in SP profiles'
            cand completions 'Print shell completions'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'samlcheck;help;decode'= {
        }
        &'samlcheck;help;inspect'= {
        }
        &'samlcheck;help;verify'= {
        }
        &'samlcheck;help;metadata'= {
        }
        &'samlcheck;help;diff'= {
        }
        &'samlcheck;help;check'= {
        }
        &'samlcheck;help;explain'= {
        }
        &'samlcheck;help;profiles'= {
        }
        &'samlcheck;help;completions'= {
        }
        &'samlcheck;help;man'= {
        }
        &'samlcheck;help;help'= {
        }
        &'samlcheck;inspect'= {
            cand --color 'When to use colour (NO_COLOR is honoured with auto)'
            cand --glob 'In directories, only files matching this glob, e.g. ''*.b64'' or ''**/responses/*.xml'''
            cand --message 'Of a capture holding several messages, report only the Nth (1-based), or `responses`'
            cand --max-input 'Largest encoded message, bytes'
            cand --max-file 'Largest container file (HAR, SAML-tracer export), bytes'
            cand --max-inflated 'Largest inflated (DEFLATE) message, bytes'
            cand --max-ratio 'Largest inflate ratio once past 64 KiB'
            cand --max-depth 'Deepest element nesting'
            cand --max-elements 'Most elements in one message'
            cand --max-attributes 'Most attributes on one element'
            cand --max-seconds 'Time budget for analysing one message, seconds'
            cand --max-signatures 'Most ds:Signature elements in one message'
            cand --max-c14n-work 'Most canonicalisation work for one signature, in units of (namespace declarations in scope)² summed over the signed elements; refused before libxmlsec1 runs'
            cand --idp-metadata 'IdP metadata: its signing certificates are trusted, its entityID is the expected issuer'
            cand --cert 'A trusted IdP signing certificate, PEM or DER (repeatable)'
            cand --fingerprint 'Trust the certificate the message carries if its SHA-256 fingerprint is this (repeatable)'
            cand --sp-key 'The SP''s private key (PEM), to decrypt an EncryptedAssertion'
            cand --sp-metadata 'SP metadata: entityID is the expected audience, ACS URLs the allowed Destination/Recipient; its signing certificates verify AuthnRequests and logout messages the SP sent'
            cand --sp-cert 'A trusted SP signing certificate, PEM or DER, for AuthnRequests and logout messages (repeatable)'
            cand --audience 'Expected audience (SP entity ID); repeatable'
            cand --acs 'Expected ACS URL (Destination and Recipient); repeatable'
            cand --issuer 'Expected IdP issuer (defaults to the IdP metadata''s entityID)'
            cand --request-id 'ID of the AuthnRequest this Response should answer (InResponseTo)'
            cand --email-from 'Read the email from this attribute (Name or FriendlyName) before the usual sources; repeatable'
            cand --profile-file 'A profile of your own (JSON, the fields of src/profiles/amplitude.json: name, description, audiences, acs, email_order, check_email, required_attributes, rules, sp_console)'
            cand --now 'The time to judge against, RFC 3339 (default: the system clock)'
            cand --at 'What time to judge at: capture (the default: a HAR or SAML-tracer message at the time it was recorded), now (--now or the clock), issue-instant (the message''s own IssueInstant)'
            cand --clock-skew 'Allowed clock difference, e.g. 3m, 90s'
            cand --max-age 'Refuse a message whose IssueInstant is older than this, e.g. 1h, 50m (default 50m)'
            cand --sp-stack 'Would this SP library accept it? python3-saml, pysaml2, ruby-saml, node-saml, spring-security, shibboleth-sp, crewjam-saml, gosaml2, keycloak, sustainsys, samael (NAME@VERSION picks a version), or all. With one stack its rules decide the exit code; forgeries fail whatever it does'
            cand --sp-set 'Change a stack''s default, e.g. clock_skew=120, strict=false (repeatable; `samlcheck explain sp-stacks` lists each stack''s settings)'
            cand --format 'Output format'
            cand --profile 'SP profile: amplitude, aws, aws-identity-center, generic'
            cand --deny 'Make a policy finding an error, e.g. signature-placement-unusual, algorithm-sha1 (repeatable)'
            cand --allow 'Lower a policy finding to a warning (repeatable; `samlcheck explain CODE` says which are policy)'
            cand --paste 'Read one pasted message from stdin: at a terminal it ends by itself when the message is complete (no line-length limit); from a pipe, at the first blank line'
            cand --redact 'Replace personal values (NameID, emails, names, attribute values, session IDs, IPs) by stable pseudonyms; placeholders, URLs, algorithms, certificates and times stay'
            cand --redact-urls '--redact, and also mask the hosts of issuer, destination, audience and ACS URLs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'samlcheck;verify'= {
            cand --color 'When to use colour (NO_COLOR is honoured with auto)'
            cand --glob 'In directories, only files matching this glob, e.g. ''*.b64'' or ''**/responses/*.xml'''
            cand --message 'Of a capture holding several messages, report only the Nth (1-based), or `responses`'
            cand --max-input 'Largest encoded message, bytes'
            cand --max-file 'Largest container file (HAR, SAML-tracer export), bytes'
            cand --max-inflated 'Largest inflated (DEFLATE) message, bytes'
            cand --max-ratio 'Largest inflate ratio once past 64 KiB'
            cand --max-depth 'Deepest element nesting'
            cand --max-elements 'Most elements in one message'
            cand --max-attributes 'Most attributes on one element'
            cand --max-seconds 'Time budget for analysing one message, seconds'
            cand --max-signatures 'Most ds:Signature elements in one message'
            cand --max-c14n-work 'Most canonicalisation work for one signature, in units of (namespace declarations in scope)² summed over the signed elements; refused before libxmlsec1 runs'
            cand --idp-metadata 'IdP metadata: its signing certificates are trusted, its entityID is the expected issuer'
            cand --cert 'A trusted IdP signing certificate, PEM or DER (repeatable)'
            cand --fingerprint 'Trust the certificate the message carries if its SHA-256 fingerprint is this (repeatable)'
            cand --sp-key 'The SP''s private key (PEM), to decrypt an EncryptedAssertion'
            cand --sp-metadata 'SP metadata: entityID is the expected audience, ACS URLs the allowed Destination/Recipient; its signing certificates verify AuthnRequests and logout messages the SP sent'
            cand --sp-cert 'A trusted SP signing certificate, PEM or DER, for AuthnRequests and logout messages (repeatable)'
            cand --audience 'Expected audience (SP entity ID); repeatable'
            cand --acs 'Expected ACS URL (Destination and Recipient); repeatable'
            cand --issuer 'Expected IdP issuer (defaults to the IdP metadata''s entityID)'
            cand --request-id 'ID of the AuthnRequest this Response should answer (InResponseTo)'
            cand --email-from 'Read the email from this attribute (Name or FriendlyName) before the usual sources; repeatable'
            cand --profile-file 'A profile of your own (JSON, the fields of src/profiles/amplitude.json: name, description, audiences, acs, email_order, check_email, required_attributes, rules, sp_console)'
            cand --now 'The time to judge against, RFC 3339 (default: the system clock)'
            cand --at 'What time to judge at: capture (the default: a HAR or SAML-tracer message at the time it was recorded), now (--now or the clock), issue-instant (the message''s own IssueInstant)'
            cand --clock-skew 'Allowed clock difference, e.g. 3m, 90s'
            cand --max-age 'Refuse a message whose IssueInstant is older than this, e.g. 1h, 50m (default 50m)'
            cand --sp-stack 'Would this SP library accept it? python3-saml, pysaml2, ruby-saml, node-saml, spring-security, shibboleth-sp, crewjam-saml, gosaml2, keycloak, sustainsys, samael (NAME@VERSION picks a version), or all. With one stack its rules decide the exit code; forgeries fail whatever it does'
            cand --sp-set 'Change a stack''s default, e.g. clock_skew=120, strict=false (repeatable; `samlcheck explain sp-stacks` lists each stack''s settings)'
            cand --format 'Output format'
            cand --profile 'SP profile: amplitude, aws, aws-identity-center, generic'
            cand --deny 'Make a policy finding an error, e.g. signature-placement-unusual, algorithm-sha1 (repeatable)'
            cand --allow 'Lower a policy finding to a warning (repeatable; `samlcheck explain CODE` says which are policy)'
            cand --paste 'Read one pasted message from stdin: at a terminal it ends by itself when the message is complete (no line-length limit); from a pipe, at the first blank line'
            cand --redact 'Replace personal values (NameID, emails, names, attribute values, session IDs, IPs) by stable pseudonyms; placeholders, URLs, algorithms, certificates and times stay'
            cand --redact-urls '--redact, and also mask the hosts of issuer, destination, audience and ACS URLs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'samlcheck;diff'= {
            cand --color 'When to use colour (NO_COLOR is honoured with auto)'
            cand --glob 'In directories, only files matching this glob, e.g. ''*.b64'' or ''**/responses/*.xml'''
            cand --message 'Of a capture holding several messages, report only the Nth (1-based), or `responses`'
            cand --max-input 'Largest encoded message, bytes'
            cand --max-file 'Largest container file (HAR, SAML-tracer export), bytes'
            cand --max-inflated 'Largest inflated (DEFLATE) message, bytes'
            cand --max-ratio 'Largest inflate ratio once past 64 KiB'
            cand --max-depth 'Deepest element nesting'
            cand --max-elements 'Most elements in one message'
            cand --max-attributes 'Most attributes on one element'
            cand --max-seconds 'Time budget for analysing one message, seconds'
            cand --max-signatures 'Most ds:Signature elements in one message'
            cand --max-c14n-work 'Most canonicalisation work for one signature, in units of (namespace declarations in scope)² summed over the signed elements; refused before libxmlsec1 runs'
            cand --idp-metadata 'IdP metadata: its signing certificates are trusted, its entityID is the expected issuer'
            cand --cert 'A trusted IdP signing certificate, PEM or DER (repeatable)'
            cand --fingerprint 'Trust the certificate the message carries if its SHA-256 fingerprint is this (repeatable)'
            cand --sp-key 'The SP''s private key (PEM), to decrypt an EncryptedAssertion'
            cand --sp-metadata 'SP metadata: entityID is the expected audience, ACS URLs the allowed Destination/Recipient; its signing certificates verify AuthnRequests and logout messages the SP sent'
            cand --sp-cert 'A trusted SP signing certificate, PEM or DER, for AuthnRequests and logout messages (repeatable)'
            cand --audience 'Expected audience (SP entity ID); repeatable'
            cand --acs 'Expected ACS URL (Destination and Recipient); repeatable'
            cand --issuer 'Expected IdP issuer (defaults to the IdP metadata''s entityID)'
            cand --request-id 'ID of the AuthnRequest this Response should answer (InResponseTo)'
            cand --email-from 'Read the email from this attribute (Name or FriendlyName) before the usual sources; repeatable'
            cand --profile-file 'A profile of your own (JSON, the fields of src/profiles/amplitude.json: name, description, audiences, acs, email_order, check_email, required_attributes, rules, sp_console)'
            cand --now 'The time to judge against, RFC 3339 (default: the system clock)'
            cand --at 'What time to judge at: capture (the default: a HAR or SAML-tracer message at the time it was recorded), now (--now or the clock), issue-instant (the message''s own IssueInstant)'
            cand --clock-skew 'Allowed clock difference, e.g. 3m, 90s'
            cand --max-age 'Refuse a message whose IssueInstant is older than this, e.g. 1h, 50m (default 50m)'
            cand --sp-stack 'Would this SP library accept it? python3-saml, pysaml2, ruby-saml, node-saml, spring-security, shibboleth-sp, crewjam-saml, gosaml2, keycloak, sustainsys, samael (NAME@VERSION picks a version), or all. With one stack its rules decide the exit code; forgeries fail whatever it does'
            cand --sp-set 'Change a stack''s default, e.g. clock_skew=120, strict=false (repeatable; `samlcheck explain sp-stacks` lists each stack''s settings)'
            cand --format 'Output format'
            cand --profile 'SP profile: amplitude, aws, aws-identity-center, generic'
            cand --deny 'Make a policy finding an error, e.g. signature-placement-unusual, algorithm-sha1 (repeatable)'
            cand --allow 'Lower a policy finding to a warning (repeatable; `samlcheck explain CODE` says which are policy)'
            cand --paste 'Read one pasted message from stdin: at a terminal it ends by itself when the message is complete (no line-length limit); from a pipe, at the first blank line'
            cand --redact 'Replace personal values (NameID, emails, names, attribute values, session IDs, IPs) by stable pseudonyms; placeholders, URLs, algorithms, certificates and times stay'
            cand --redact-urls '--redact, and also mask the hosts of issuer, destination, audience and ACS URLs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'samlcheck;explain'= {
            cand --color 'When to use colour (NO_COLOR is honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
    ]
    $completions[$command]
}
