
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'samlcheck' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'samlcheck'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'samlcheck' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Print the XML of every SAML message in the input (pretty by default)')
            [CompletionResult]::new('metadata', 'metadata', [CompletionResultType]::ParameterValue, 'Lint IdP or SP metadata: certificates, endpoints, entityID, expiry')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a whole SSO setup described in samlcheck.toml: metadata, pairing, captured responses')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'List the built-in SP profiles')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Full report; never fails on findings (trust is reported, not required)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Full report and every check against trusted keys and expectations (exit 1 on failure)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare two captures (a working and a failing sign-in) field by field (exit 1 if they differ)')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain a finding code (all codes without an argument)')
            break
        }
        'samlcheck;decode' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--glob', '--glob', [CompletionResultType]::ParameterName, 'In directories, only files matching this glob, e.g. ''*.b64'' or ''**/responses/*.xml''')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Of a capture holding several messages, report only the Nth (1-based), or `responses`')
            [CompletionResult]::new('--max-input', '--max-input', [CompletionResultType]::ParameterName, 'Largest encoded message, bytes')
            [CompletionResult]::new('--max-file', '--max-file', [CompletionResultType]::ParameterName, 'Largest container file (HAR, SAML-tracer export), bytes')
            [CompletionResult]::new('--max-inflated', '--max-inflated', [CompletionResultType]::ParameterName, 'Largest inflated (DEFLATE) message, bytes')
            [CompletionResult]::new('--max-ratio', '--max-ratio', [CompletionResultType]::ParameterName, 'Largest inflate ratio once past 64 KiB')
            [CompletionResult]::new('--max-depth', '--max-depth', [CompletionResultType]::ParameterName, 'Deepest element nesting')
            [CompletionResult]::new('--max-elements', '--max-elements', [CompletionResultType]::ParameterName, 'Most elements in one message')
            [CompletionResult]::new('--max-attributes', '--max-attributes', [CompletionResultType]::ParameterName, 'Most attributes on one element')
            [CompletionResult]::new('--max-seconds', '--max-seconds', [CompletionResultType]::ParameterName, 'Time budget for analysing one message, seconds')
            [CompletionResult]::new('--max-signatures', '--max-signatures', [CompletionResultType]::ParameterName, 'Most ds:Signature elements in one message')
            [CompletionResult]::new('--max-c14n-work', '--max-c14n-work', [CompletionResultType]::ParameterName, 'Most canonicalisation work for one signature, in units of (namespace declarations in scope)² summed over the signed elements; refused before libxmlsec1 runs')
            [CompletionResult]::new('--paste', '--paste', [CompletionResultType]::ParameterName, 'Read one pasted message from stdin: at a terminal it ends by itself when the message is complete (no line-length limit); from a pipe, at the first blank line')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print the XML exactly as received instead of pretty-printed')
            [CompletionResult]::new('--redact', '--redact', [CompletionResultType]::ParameterName, 'Replace personal values (NameID, emails, names, attribute values, session IDs, IPs) by stable pseudonyms; placeholders, URLs, algorithms, certificates and times stay')
            [CompletionResult]::new('--redact-urls', '--redact-urls', [CompletionResultType]::ParameterName, '--redact, and also mask the hosts of issuer, destination, audience and ACS URLs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'samlcheck;metadata' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--min-days', '--min-days', [CompletionResultType]::ParameterName, 'Fail when a signing certificate expires within this many days (default: warn within 30)')
            [CompletionResult]::new('--sp-metadata', '--sp-metadata', [CompletionResultType]::ParameterName, 'SP metadata to pair with the IdP metadata: endpoints, entityIDs, NameID formats, signing')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'The audience the IdP application issues, checked against the SP''s entityID when pairing')
            [CompletionResult]::new('--acs', '--acs', [CompletionResultType]::ParameterName, 'The ACS URL the IdP application posts to, checked against the SP''s endpoints when pairing')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Certificate the metadata must be signed with (PEM or DER, repeatable)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'The time to judge against, RFC 3339 (default: the system clock)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'samlcheck;check' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'The time to judge against, RFC 3339 (wins over the config''s `now`)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--init', '--init', [CompletionResultType]::ParameterName, 'Write a commented example config (samlcheck.toml, or CONFIG) and exit')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'samlcheck;profiles' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'samlcheck;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'samlcheck;man' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'samlcheck;help' {
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Print the XML of every SAML message in the input (pretty by default)')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Full report; never fails on findings (trust is reported, not required)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Full report and every check against trusted keys and expectations (exit 1 on failure)')
            [CompletionResult]::new('metadata', 'metadata', [CompletionResultType]::ParameterValue, 'Lint IdP or SP metadata: certificates, endpoints, entityID, expiry')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare two captures (a working and a failing sign-in) field by field (exit 1 if they differ)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a whole SSO setup described in samlcheck.toml: metadata, pairing, captured responses')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain a finding code (all codes without an argument)')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'List the built-in SP profiles')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'samlcheck;help;decode' {
            break
        }
        'samlcheck;help;inspect' {
            break
        }
        'samlcheck;help;verify' {
            break
        }
        'samlcheck;help;metadata' {
            break
        }
        'samlcheck;help;diff' {
            break
        }
        'samlcheck;help;check' {
            break
        }
        'samlcheck;help;explain' {
            break
        }
        'samlcheck;help;profiles' {
            break
        }
        'samlcheck;help;completions' {
            break
        }
        'samlcheck;help;man' {
            break
        }
        'samlcheck;help;help' {
            break
        }
        'samlcheck;inspect' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--glob', '--glob', [CompletionResultType]::ParameterName, 'In directories, only files matching this glob, e.g. ''*.b64'' or ''**/responses/*.xml''')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Of a capture holding several messages, report only the Nth (1-based), or `responses`')
            [CompletionResult]::new('--max-input', '--max-input', [CompletionResultType]::ParameterName, 'Largest encoded message, bytes')
            [CompletionResult]::new('--max-file', '--max-file', [CompletionResultType]::ParameterName, 'Largest container file (HAR, SAML-tracer export), bytes')
            [CompletionResult]::new('--max-inflated', '--max-inflated', [CompletionResultType]::ParameterName, 'Largest inflated (DEFLATE) message, bytes')
            [CompletionResult]::new('--max-ratio', '--max-ratio', [CompletionResultType]::ParameterName, 'Largest inflate ratio once past 64 KiB')
            [CompletionResult]::new('--max-depth', '--max-depth', [CompletionResultType]::ParameterName, 'Deepest element nesting')
            [CompletionResult]::new('--max-elements', '--max-elements', [CompletionResultType]::ParameterName, 'Most elements in one message')
            [CompletionResult]::new('--max-attributes', '--max-attributes', [CompletionResultType]::ParameterName, 'Most attributes on one element')
            [CompletionResult]::new('--max-seconds', '--max-seconds', [CompletionResultType]::ParameterName, 'Time budget for analysing one message, seconds')
            [CompletionResult]::new('--max-signatures', '--max-signatures', [CompletionResultType]::ParameterName, 'Most ds:Signature elements in one message')
            [CompletionResult]::new('--max-c14n-work', '--max-c14n-work', [CompletionResultType]::ParameterName, 'Most canonicalisation work for one signature, in units of (namespace declarations in scope)² summed over the signed elements; refused before libxmlsec1 runs')
            [CompletionResult]::new('--idp-metadata', '--idp-metadata', [CompletionResultType]::ParameterName, 'IdP metadata: its signing certificates are trusted, its entityID is the expected issuer')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'A trusted IdP signing certificate, PEM or DER (repeatable)')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'Trust the certificate the message carries if its SHA-256 fingerprint is this (repeatable)')
            [CompletionResult]::new('--sp-key', '--sp-key', [CompletionResultType]::ParameterName, 'The SP''s private key (PEM), to decrypt an EncryptedAssertion')
            [CompletionResult]::new('--sp-metadata', '--sp-metadata', [CompletionResultType]::ParameterName, 'SP metadata: entityID is the expected audience, ACS URLs the allowed Destination/Recipient; its signing certificates verify AuthnRequests and logout messages the SP sent')
            [CompletionResult]::new('--sp-cert', '--sp-cert', [CompletionResultType]::ParameterName, 'A trusted SP signing certificate, PEM or DER, for AuthnRequests and logout messages (repeatable)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Expected audience (SP entity ID); repeatable')
            [CompletionResult]::new('--acs', '--acs', [CompletionResultType]::ParameterName, 'Expected ACS URL (Destination and Recipient); repeatable')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Expected IdP issuer (defaults to the IdP metadata''s entityID)')
            [CompletionResult]::new('--request-id', '--request-id', [CompletionResultType]::ParameterName, 'ID of the AuthnRequest this Response should answer (InResponseTo)')
            [CompletionResult]::new('--email-from', '--email-from', [CompletionResultType]::ParameterName, 'Read the email from this attribute (Name or FriendlyName) before the usual sources; repeatable')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A profile of your own (JSON, the fields of src/profiles/amplitude.json: name, description, audiences, acs, email_order, check_email, required_attributes, rules, sp_console)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'The time to judge against, RFC 3339 (default: the system clock)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'What time to judge at: capture (the default: a HAR or SAML-tracer message at the time it was recorded), now (--now or the clock), issue-instant (the message''s own IssueInstant)')
            [CompletionResult]::new('--clock-skew', '--clock-skew', [CompletionResultType]::ParameterName, 'Allowed clock difference, e.g. 3m, 90s')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Refuse a message whose IssueInstant is older than this, e.g. 1h, 50m (default 50m)')
            [CompletionResult]::new('--sp-stack', '--sp-stack', [CompletionResultType]::ParameterName, 'Would this SP library accept it? python3-saml, pysaml2, ruby-saml, node-saml, spring-security, shibboleth-sp, crewjam-saml, gosaml2, keycloak, sustainsys, samael (NAME@VERSION picks a version), or all. With one stack its rules decide the exit code; forgeries fail whatever it does')
            [CompletionResult]::new('--sp-set', '--sp-set', [CompletionResultType]::ParameterName, 'Change a stack''s default, e.g. clock_skew=120, strict=false (repeatable; `samlcheck explain sp-stacks` lists each stack''s settings)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'SP profile: amplitude, aws, aws-identity-center, generic')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Make a policy finding an error, e.g. signature-placement-unusual, algorithm-sha1 (repeatable)')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Lower a policy finding to a warning (repeatable; `samlcheck explain CODE` says which are policy)')
            [CompletionResult]::new('--paste', '--paste', [CompletionResultType]::ParameterName, 'Read one pasted message from stdin: at a terminal it ends by itself when the message is complete (no line-length limit); from a pipe, at the first blank line')
            [CompletionResult]::new('--redact', '--redact', [CompletionResultType]::ParameterName, 'Replace personal values (NameID, emails, names, attribute values, session IDs, IPs) by stable pseudonyms; placeholders, URLs, algorithms, certificates and times stay')
            [CompletionResult]::new('--redact-urls', '--redact-urls', [CompletionResultType]::ParameterName, '--redact, and also mask the hosts of issuer, destination, audience and ACS URLs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'samlcheck;verify' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--glob', '--glob', [CompletionResultType]::ParameterName, 'In directories, only files matching this glob, e.g. ''*.b64'' or ''**/responses/*.xml''')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Of a capture holding several messages, report only the Nth (1-based), or `responses`')
            [CompletionResult]::new('--max-input', '--max-input', [CompletionResultType]::ParameterName, 'Largest encoded message, bytes')
            [CompletionResult]::new('--max-file', '--max-file', [CompletionResultType]::ParameterName, 'Largest container file (HAR, SAML-tracer export), bytes')
            [CompletionResult]::new('--max-inflated', '--max-inflated', [CompletionResultType]::ParameterName, 'Largest inflated (DEFLATE) message, bytes')
            [CompletionResult]::new('--max-ratio', '--max-ratio', [CompletionResultType]::ParameterName, 'Largest inflate ratio once past 64 KiB')
            [CompletionResult]::new('--max-depth', '--max-depth', [CompletionResultType]::ParameterName, 'Deepest element nesting')
            [CompletionResult]::new('--max-elements', '--max-elements', [CompletionResultType]::ParameterName, 'Most elements in one message')
            [CompletionResult]::new('--max-attributes', '--max-attributes', [CompletionResultType]::ParameterName, 'Most attributes on one element')
            [CompletionResult]::new('--max-seconds', '--max-seconds', [CompletionResultType]::ParameterName, 'Time budget for analysing one message, seconds')
            [CompletionResult]::new('--max-signatures', '--max-signatures', [CompletionResultType]::ParameterName, 'Most ds:Signature elements in one message')
            [CompletionResult]::new('--max-c14n-work', '--max-c14n-work', [CompletionResultType]::ParameterName, 'Most canonicalisation work for one signature, in units of (namespace declarations in scope)² summed over the signed elements; refused before libxmlsec1 runs')
            [CompletionResult]::new('--idp-metadata', '--idp-metadata', [CompletionResultType]::ParameterName, 'IdP metadata: its signing certificates are trusted, its entityID is the expected issuer')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'A trusted IdP signing certificate, PEM or DER (repeatable)')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'Trust the certificate the message carries if its SHA-256 fingerprint is this (repeatable)')
            [CompletionResult]::new('--sp-key', '--sp-key', [CompletionResultType]::ParameterName, 'The SP''s private key (PEM), to decrypt an EncryptedAssertion')
            [CompletionResult]::new('--sp-metadata', '--sp-metadata', [CompletionResultType]::ParameterName, 'SP metadata: entityID is the expected audience, ACS URLs the allowed Destination/Recipient; its signing certificates verify AuthnRequests and logout messages the SP sent')
            [CompletionResult]::new('--sp-cert', '--sp-cert', [CompletionResultType]::ParameterName, 'A trusted SP signing certificate, PEM or DER, for AuthnRequests and logout messages (repeatable)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Expected audience (SP entity ID); repeatable')
            [CompletionResult]::new('--acs', '--acs', [CompletionResultType]::ParameterName, 'Expected ACS URL (Destination and Recipient); repeatable')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Expected IdP issuer (defaults to the IdP metadata''s entityID)')
            [CompletionResult]::new('--request-id', '--request-id', [CompletionResultType]::ParameterName, 'ID of the AuthnRequest this Response should answer (InResponseTo)')
            [CompletionResult]::new('--email-from', '--email-from', [CompletionResultType]::ParameterName, 'Read the email from this attribute (Name or FriendlyName) before the usual sources; repeatable')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A profile of your own (JSON, the fields of src/profiles/amplitude.json: name, description, audiences, acs, email_order, check_email, required_attributes, rules, sp_console)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'The time to judge against, RFC 3339 (default: the system clock)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'What time to judge at: capture (the default: a HAR or SAML-tracer message at the time it was recorded), now (--now or the clock), issue-instant (the message''s own IssueInstant)')
            [CompletionResult]::new('--clock-skew', '--clock-skew', [CompletionResultType]::ParameterName, 'Allowed clock difference, e.g. 3m, 90s')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Refuse a message whose IssueInstant is older than this, e.g. 1h, 50m (default 50m)')
            [CompletionResult]::new('--sp-stack', '--sp-stack', [CompletionResultType]::ParameterName, 'Would this SP library accept it? python3-saml, pysaml2, ruby-saml, node-saml, spring-security, shibboleth-sp, crewjam-saml, gosaml2, keycloak, sustainsys, samael (NAME@VERSION picks a version), or all. With one stack its rules decide the exit code; forgeries fail whatever it does')
            [CompletionResult]::new('--sp-set', '--sp-set', [CompletionResultType]::ParameterName, 'Change a stack''s default, e.g. clock_skew=120, strict=false (repeatable; `samlcheck explain sp-stacks` lists each stack''s settings)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'SP profile: amplitude, aws, aws-identity-center, generic')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Make a policy finding an error, e.g. signature-placement-unusual, algorithm-sha1 (repeatable)')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Lower a policy finding to a warning (repeatable; `samlcheck explain CODE` says which are policy)')
            [CompletionResult]::new('--paste', '--paste', [CompletionResultType]::ParameterName, 'Read one pasted message from stdin: at a terminal it ends by itself when the message is complete (no line-length limit); from a pipe, at the first blank line')
            [CompletionResult]::new('--redact', '--redact', [CompletionResultType]::ParameterName, 'Replace personal values (NameID, emails, names, attribute values, session IDs, IPs) by stable pseudonyms; placeholders, URLs, algorithms, certificates and times stay')
            [CompletionResult]::new('--redact-urls', '--redact-urls', [CompletionResultType]::ParameterName, '--redact, and also mask the hosts of issuer, destination, audience and ACS URLs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'samlcheck;diff' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--glob', '--glob', [CompletionResultType]::ParameterName, 'In directories, only files matching this glob, e.g. ''*.b64'' or ''**/responses/*.xml''')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Of a capture holding several messages, report only the Nth (1-based), or `responses`')
            [CompletionResult]::new('--max-input', '--max-input', [CompletionResultType]::ParameterName, 'Largest encoded message, bytes')
            [CompletionResult]::new('--max-file', '--max-file', [CompletionResultType]::ParameterName, 'Largest container file (HAR, SAML-tracer export), bytes')
            [CompletionResult]::new('--max-inflated', '--max-inflated', [CompletionResultType]::ParameterName, 'Largest inflated (DEFLATE) message, bytes')
            [CompletionResult]::new('--max-ratio', '--max-ratio', [CompletionResultType]::ParameterName, 'Largest inflate ratio once past 64 KiB')
            [CompletionResult]::new('--max-depth', '--max-depth', [CompletionResultType]::ParameterName, 'Deepest element nesting')
            [CompletionResult]::new('--max-elements', '--max-elements', [CompletionResultType]::ParameterName, 'Most elements in one message')
            [CompletionResult]::new('--max-attributes', '--max-attributes', [CompletionResultType]::ParameterName, 'Most attributes on one element')
            [CompletionResult]::new('--max-seconds', '--max-seconds', [CompletionResultType]::ParameterName, 'Time budget for analysing one message, seconds')
            [CompletionResult]::new('--max-signatures', '--max-signatures', [CompletionResultType]::ParameterName, 'Most ds:Signature elements in one message')
            [CompletionResult]::new('--max-c14n-work', '--max-c14n-work', [CompletionResultType]::ParameterName, 'Most canonicalisation work for one signature, in units of (namespace declarations in scope)² summed over the signed elements; refused before libxmlsec1 runs')
            [CompletionResult]::new('--idp-metadata', '--idp-metadata', [CompletionResultType]::ParameterName, 'IdP metadata: its signing certificates are trusted, its entityID is the expected issuer')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'A trusted IdP signing certificate, PEM or DER (repeatable)')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'Trust the certificate the message carries if its SHA-256 fingerprint is this (repeatable)')
            [CompletionResult]::new('--sp-key', '--sp-key', [CompletionResultType]::ParameterName, 'The SP''s private key (PEM), to decrypt an EncryptedAssertion')
            [CompletionResult]::new('--sp-metadata', '--sp-metadata', [CompletionResultType]::ParameterName, 'SP metadata: entityID is the expected audience, ACS URLs the allowed Destination/Recipient; its signing certificates verify AuthnRequests and logout messages the SP sent')
            [CompletionResult]::new('--sp-cert', '--sp-cert', [CompletionResultType]::ParameterName, 'A trusted SP signing certificate, PEM or DER, for AuthnRequests and logout messages (repeatable)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Expected audience (SP entity ID); repeatable')
            [CompletionResult]::new('--acs', '--acs', [CompletionResultType]::ParameterName, 'Expected ACS URL (Destination and Recipient); repeatable')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Expected IdP issuer (defaults to the IdP metadata''s entityID)')
            [CompletionResult]::new('--request-id', '--request-id', [CompletionResultType]::ParameterName, 'ID of the AuthnRequest this Response should answer (InResponseTo)')
            [CompletionResult]::new('--email-from', '--email-from', [CompletionResultType]::ParameterName, 'Read the email from this attribute (Name or FriendlyName) before the usual sources; repeatable')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A profile of your own (JSON, the fields of src/profiles/amplitude.json: name, description, audiences, acs, email_order, check_email, required_attributes, rules, sp_console)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'The time to judge against, RFC 3339 (default: the system clock)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'What time to judge at: capture (the default: a HAR or SAML-tracer message at the time it was recorded), now (--now or the clock), issue-instant (the message''s own IssueInstant)')
            [CompletionResult]::new('--clock-skew', '--clock-skew', [CompletionResultType]::ParameterName, 'Allowed clock difference, e.g. 3m, 90s')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Refuse a message whose IssueInstant is older than this, e.g. 1h, 50m (default 50m)')
            [CompletionResult]::new('--sp-stack', '--sp-stack', [CompletionResultType]::ParameterName, 'Would this SP library accept it? python3-saml, pysaml2, ruby-saml, node-saml, spring-security, shibboleth-sp, crewjam-saml, gosaml2, keycloak, sustainsys, samael (NAME@VERSION picks a version), or all. With one stack its rules decide the exit code; forgeries fail whatever it does')
            [CompletionResult]::new('--sp-set', '--sp-set', [CompletionResultType]::ParameterName, 'Change a stack''s default, e.g. clock_skew=120, strict=false (repeatable; `samlcheck explain sp-stacks` lists each stack''s settings)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'SP profile: amplitude, aws, aws-identity-center, generic')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Make a policy finding an error, e.g. signature-placement-unusual, algorithm-sha1 (repeatable)')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Lower a policy finding to a warning (repeatable; `samlcheck explain CODE` says which are policy)')
            [CompletionResult]::new('--paste', '--paste', [CompletionResultType]::ParameterName, 'Read one pasted message from stdin: at a terminal it ends by itself when the message is complete (no line-length limit); from a pipe, at the first blank line')
            [CompletionResult]::new('--redact', '--redact', [CompletionResultType]::ParameterName, 'Replace personal values (NameID, emails, names, attribute values, session IDs, IPs) by stable pseudonyms; placeholders, URLs, algorithms, certificates and times stay')
            [CompletionResult]::new('--redact-urls', '--redact-urls', [CompletionResultType]::ParameterName, '--redact, and also mask the hosts of issuer, destination, audience and ACS URLs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'samlcheck;explain' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
