_samlcheck() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="samlcheck"
                ;;
            samlcheck,check)
                cmd="samlcheck__subcmd__check"
                ;;
            samlcheck,completions)
                cmd="samlcheck__subcmd__completions"
                ;;
            samlcheck,decode)
                cmd="samlcheck__subcmd__decode"
                ;;
            samlcheck,diff)
                cmd="samlcheck__subcmd__diff"
                ;;
            samlcheck,explain)
                cmd="samlcheck__subcmd__explain"
                ;;
            samlcheck,help)
                cmd="samlcheck__subcmd__help"
                ;;
            samlcheck,inspect)
                cmd="samlcheck__subcmd__inspect"
                ;;
            samlcheck,man)
                cmd="samlcheck__subcmd__man"
                ;;
            samlcheck,metadata)
                cmd="samlcheck__subcmd__metadata"
                ;;
            samlcheck,profiles)
                cmd="samlcheck__subcmd__profiles"
                ;;
            samlcheck,verify)
                cmd="samlcheck__subcmd__verify"
                ;;
            samlcheck__subcmd__help,check)
                cmd="samlcheck__subcmd__help__subcmd__check"
                ;;
            samlcheck__subcmd__help,completions)
                cmd="samlcheck__subcmd__help__subcmd__completions"
                ;;
            samlcheck__subcmd__help,decode)
                cmd="samlcheck__subcmd__help__subcmd__decode"
                ;;
            samlcheck__subcmd__help,diff)
                cmd="samlcheck__subcmd__help__subcmd__diff"
                ;;
            samlcheck__subcmd__help,explain)
                cmd="samlcheck__subcmd__help__subcmd__explain"
                ;;
            samlcheck__subcmd__help,help)
                cmd="samlcheck__subcmd__help__subcmd__help"
                ;;
            samlcheck__subcmd__help,inspect)
                cmd="samlcheck__subcmd__help__subcmd__inspect"
                ;;
            samlcheck__subcmd__help,man)
                cmd="samlcheck__subcmd__help__subcmd__man"
                ;;
            samlcheck__subcmd__help,metadata)
                cmd="samlcheck__subcmd__help__subcmd__metadata"
                ;;
            samlcheck__subcmd__help,profiles)
                cmd="samlcheck__subcmd__help__subcmd__profiles"
                ;;
            samlcheck__subcmd__help,verify)
                cmd="samlcheck__subcmd__help__subcmd__verify"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        samlcheck)
            opts="-h -V --color --help --version decode metadata check profiles completions man help inspect verify diff explain"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__check)
            opts="-h -V --color --init --now --format --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --now)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json ndjson sarif junit markdown html" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__completions)
            opts="-h -V --color --help --version bash zsh fish powershell elvish"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__decode)
            opts="-h -V --color --glob --paste --message --max-input --max-file --max-inflated --max-ratio --max-depth --max-elements --max-attributes --max-seconds --max-signatures --max-c14n-work --raw --redact --redact-urls --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --glob)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --message)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-input)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-inflated)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-ratio)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-depth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-elements)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-attributes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-seconds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-signatures)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-c14n-work)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__diff)
            opts="-h -V --color --glob --paste --message --max-input --max-file --max-inflated --max-ratio --max-depth --max-elements --max-attributes --max-seconds --max-signatures --max-c14n-work --idp-metadata --cert --fingerprint --sp-key --sp-metadata --sp-cert --audience --acs --issuer --request-id --email-from --profile-file --now --at --clock-skew --max-age --sp-stack --sp-set --redact --redact-urls --format --help --version --profile --deny --allow"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --glob)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --message)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-input)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-inflated)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-ratio)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-depth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-elements)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-attributes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-seconds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-signatures)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-c14n-work)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --idp-metadata)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sp-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sp-metadata)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sp-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --audience)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --acs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --issuer)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --request-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --email-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --now)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --at)
                    COMPREPLY=($(compgen -W "now capture issue-instant" -- "${cur}"))
                    return 0
                    ;;
                --clock-skew)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-age)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sp-stack)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sp-set)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json ndjson markdown" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "amplitude aws aws-identity-center generic" -- "${cur}"))
                    return 0
                    ;;
                --deny)
                    COMPREPLY=($(compgen -W "url-safe-base64 status-not-success status-missing signature-missing signature-digest-mismatch signature-reindented signature-value-mismatch signature-untrusted-key assertion-signature-required signature-not-checked signature-error signature-ecdsa-der redirect-signature-invalid wrapping-multiple-assertions wrapping-hidden-assertion wrapping-duplicate-id wrapping-reference-target wrapping-signature-placement signature-placement-unusual signature-object-content assertion-in-advice wrapping-reference-uri signature-reference-whole-document wrapping-reference-count wrapping-transform wrapping-parser-disagreement wrapping-uncovered-identity wrapping-unbound-prefix algorithm-unsupported algorithm-sha1 algorithm-forbidden certificate-expired certificate-not-yet-valid certificate-expiring bearer-missing bearer-no-expiry bearer-no-recipient issuer-inconsistent issuer-format-invalid issuer-missing-signed-response issuer-missing issuer-mismatch audience-missing audience-restriction-empty condition-unknown condition-one-time-use nameid-sp-name-qualifier nameid-whitespace audience-mismatch destination-missing destination-empty request-destination-mismatch request-acs-unknown request-acs-index flow-protocol-binding destination-mismatch recipient-mismatch in-response-to-mismatch in-response-to-unsolicited bearer-not-before subject-confirmation-ignored in-response-to-missing time-too-old issue-instant-missing assertion-replayed time-not-yet-valid time-expired time-issued-in-future time-unparseable time-session-expired assertion-missing saml11-assertion version-invalid message-unauthenticated binding-redirect-response binding-detached-signature-post flow-no-response flow-message-unreadable sp-stack-rejects sp-stack-weakness flow-in-response-to flow-acs-mismatch flow-nameid-format flow-authn-context flow-force-authn flow-audience flow-relay-state flow-no-sp-answer sp-answer-error sp-cookie-samesite idp-error-page wrapping-encrypted-assertion ws-federation-token assertion-bare assertion-encrypted nameid-encrypted decryption-failed decryption-key-not-found decryption-wrong-key authn-statement-missing authn-context-missing value-empty value-documentation-placeholder value-invisible-character subject-missing nameid-missing nameid-empty nameid-format-not-email comment-in-text email-missing email-placeholder email-empty-value email-sources-disagree email-mixed-case email-invalid email-elsewhere attribute-statement-empty attribute-empty-value attribute-duplicate attribute-required-missing aws-role-invalid aws-role-session-name-missing aws-session-duration-invalid pair-roles pair-entity-id pair-acs-binding pair-acs-mismatch pair-sso-binding pair-nameid-format pair-authn-requests-unsigned pair-assertions-signed metadata-no-signing-key metadata-no-endpoint metadata-insecure-endpoint metadata-no-entity-id metadata-signature-invalid metadata-unsigned metadata-expired" -- "${cur}"))
                    return 0
                    ;;
                --allow)
                    COMPREPLY=($(compgen -W "signature-placement-unusual signature-reference-whole-document certificate-expired certificate-not-yet-valid certificate-expiring algorithm-sha1 audience-missing destination-missing in-response-to-missing in-response-to-unsolicited time-too-old assertion-in-advice attribute-duplicate issuer-missing email-missing nameid-sp-name-qualifier nameid-whitespace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__explain)
            opts="-h -V --color --help --version url-safe-base64 status-not-success status-missing signature-missing signature-digest-mismatch signature-reindented signature-value-mismatch signature-untrusted-key assertion-signature-required signature-not-checked signature-error signature-ecdsa-der redirect-signature-invalid wrapping-multiple-assertions wrapping-hidden-assertion wrapping-duplicate-id wrapping-reference-target wrapping-signature-placement signature-placement-unusual signature-object-content assertion-in-advice wrapping-reference-uri signature-reference-whole-document wrapping-reference-count wrapping-transform wrapping-parser-disagreement wrapping-uncovered-identity wrapping-unbound-prefix algorithm-unsupported algorithm-sha1 algorithm-forbidden certificate-expired certificate-not-yet-valid certificate-expiring bearer-missing bearer-no-expiry bearer-no-recipient issuer-inconsistent issuer-format-invalid issuer-missing-signed-response issuer-missing issuer-mismatch audience-missing audience-restriction-empty condition-unknown condition-one-time-use nameid-sp-name-qualifier nameid-whitespace audience-mismatch destination-missing destination-empty request-destination-mismatch request-acs-unknown request-acs-index flow-protocol-binding destination-mismatch recipient-mismatch in-response-to-mismatch in-response-to-unsolicited bearer-not-before subject-confirmation-ignored in-response-to-missing time-too-old issue-instant-missing assertion-replayed time-not-yet-valid time-expired time-issued-in-future time-unparseable time-session-expired assertion-missing saml11-assertion version-invalid message-unauthenticated binding-redirect-response binding-detached-signature-post flow-no-response flow-message-unreadable sp-stack-rejects sp-stack-weakness flow-in-response-to flow-acs-mismatch flow-nameid-format flow-authn-context flow-force-authn flow-audience flow-relay-state flow-no-sp-answer sp-answer-error sp-cookie-samesite idp-error-page wrapping-encrypted-assertion ws-federation-token assertion-bare assertion-encrypted nameid-encrypted decryption-failed decryption-key-not-found decryption-wrong-key authn-statement-missing authn-context-missing value-empty value-documentation-placeholder value-invisible-character subject-missing nameid-missing nameid-empty nameid-format-not-email comment-in-text email-missing email-placeholder email-empty-value email-sources-disagree email-mixed-case email-invalid email-elsewhere attribute-statement-empty attribute-empty-value attribute-duplicate attribute-required-missing aws-role-invalid aws-role-session-name-missing aws-session-duration-invalid pair-roles pair-entity-id pair-acs-binding pair-acs-mismatch pair-sso-binding pair-nameid-format pair-authn-requests-unsigned pair-assertions-signed metadata-no-signing-key metadata-no-endpoint metadata-insecure-endpoint metadata-no-entity-id metadata-signature-invalid metadata-unsigned metadata-expired"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__help)
            opts="decode inspect verify metadata diff check explain profiles completions man help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__help__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__help__subcmd__decode)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__help__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__help__subcmd__explain)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__help__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__help__subcmd__man)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__help__subcmd__metadata)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__help__subcmd__profiles)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__help__subcmd__verify)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__inspect)
            opts="-h -V --color --glob --paste --message --max-input --max-file --max-inflated --max-ratio --max-depth --max-elements --max-attributes --max-seconds --max-signatures --max-c14n-work --idp-metadata --cert --fingerprint --sp-key --sp-metadata --sp-cert --audience --acs --issuer --request-id --email-from --profile-file --now --at --clock-skew --max-age --sp-stack --sp-set --redact --redact-urls --format --help --version --profile --deny --allow"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --glob)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --message)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-input)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-inflated)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-ratio)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-depth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-elements)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-attributes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-seconds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-signatures)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-c14n-work)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --idp-metadata)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sp-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sp-metadata)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sp-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --audience)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --acs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --issuer)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --request-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --email-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --now)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --at)
                    COMPREPLY=($(compgen -W "now capture issue-instant" -- "${cur}"))
                    return 0
                    ;;
                --clock-skew)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-age)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sp-stack)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sp-set)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json ndjson sarif junit markdown html" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "amplitude aws aws-identity-center generic" -- "${cur}"))
                    return 0
                    ;;
                --deny)
                    COMPREPLY=($(compgen -W "url-safe-base64 status-not-success status-missing signature-missing signature-digest-mismatch signature-reindented signature-value-mismatch signature-untrusted-key assertion-signature-required signature-not-checked signature-error signature-ecdsa-der redirect-signature-invalid wrapping-multiple-assertions wrapping-hidden-assertion wrapping-duplicate-id wrapping-reference-target wrapping-signature-placement signature-placement-unusual signature-object-content assertion-in-advice wrapping-reference-uri signature-reference-whole-document wrapping-reference-count wrapping-transform wrapping-parser-disagreement wrapping-uncovered-identity wrapping-unbound-prefix algorithm-unsupported algorithm-sha1 algorithm-forbidden certificate-expired certificate-not-yet-valid certificate-expiring bearer-missing bearer-no-expiry bearer-no-recipient issuer-inconsistent issuer-format-invalid issuer-missing-signed-response issuer-missing issuer-mismatch audience-missing audience-restriction-empty condition-unknown condition-one-time-use nameid-sp-name-qualifier nameid-whitespace audience-mismatch destination-missing destination-empty request-destination-mismatch request-acs-unknown request-acs-index flow-protocol-binding destination-mismatch recipient-mismatch in-response-to-mismatch in-response-to-unsolicited bearer-not-before subject-confirmation-ignored in-response-to-missing time-too-old issue-instant-missing assertion-replayed time-not-yet-valid time-expired time-issued-in-future time-unparseable time-session-expired assertion-missing saml11-assertion version-invalid message-unauthenticated binding-redirect-response binding-detached-signature-post flow-no-response flow-message-unreadable sp-stack-rejects sp-stack-weakness flow-in-response-to flow-acs-mismatch flow-nameid-format flow-authn-context flow-force-authn flow-audience flow-relay-state flow-no-sp-answer sp-answer-error sp-cookie-samesite idp-error-page wrapping-encrypted-assertion ws-federation-token assertion-bare assertion-encrypted nameid-encrypted decryption-failed decryption-key-not-found decryption-wrong-key authn-statement-missing authn-context-missing value-empty value-documentation-placeholder value-invisible-character subject-missing nameid-missing nameid-empty nameid-format-not-email comment-in-text email-missing email-placeholder email-empty-value email-sources-disagree email-mixed-case email-invalid email-elsewhere attribute-statement-empty attribute-empty-value attribute-duplicate attribute-required-missing aws-role-invalid aws-role-session-name-missing aws-session-duration-invalid pair-roles pair-entity-id pair-acs-binding pair-acs-mismatch pair-sso-binding pair-nameid-format pair-authn-requests-unsigned pair-assertions-signed metadata-no-signing-key metadata-no-endpoint metadata-insecure-endpoint metadata-no-entity-id metadata-signature-invalid metadata-unsigned metadata-expired" -- "${cur}"))
                    return 0
                    ;;
                --allow)
                    COMPREPLY=($(compgen -W "signature-placement-unusual signature-reference-whole-document certificate-expired certificate-not-yet-valid certificate-expiring algorithm-sha1 audience-missing destination-missing in-response-to-missing in-response-to-unsolicited time-too-old assertion-in-advice attribute-duplicate issuer-missing email-missing nameid-sp-name-qualifier nameid-whitespace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__man)
            opts="-h -V --color --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__metadata)
            opts="-h -V --color --min-days --sp-metadata --audience --acs --cert --now --format --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --min-days)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sp-metadata)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --audience)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --acs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --now)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json ndjson sarif junit markdown html" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__profiles)
            opts="-h -V --color --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        samlcheck__subcmd__verify)
            opts="-h -V --color --glob --paste --message --max-input --max-file --max-inflated --max-ratio --max-depth --max-elements --max-attributes --max-seconds --max-signatures --max-c14n-work --idp-metadata --cert --fingerprint --sp-key --sp-metadata --sp-cert --audience --acs --issuer --request-id --email-from --profile-file --now --at --clock-skew --max-age --sp-stack --sp-set --redact --redact-urls --format --help --version --profile --deny --allow"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --glob)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --message)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-input)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-inflated)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-ratio)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-depth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-elements)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-attributes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-seconds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-signatures)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-c14n-work)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --idp-metadata)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sp-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sp-metadata)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sp-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --audience)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --acs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --issuer)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --request-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --email-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --now)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --at)
                    COMPREPLY=($(compgen -W "now capture issue-instant" -- "${cur}"))
                    return 0
                    ;;
                --clock-skew)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-age)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sp-stack)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sp-set)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json ndjson sarif junit markdown html" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "amplitude aws aws-identity-center generic" -- "${cur}"))
                    return 0
                    ;;
                --deny)
                    COMPREPLY=($(compgen -W "url-safe-base64 status-not-success status-missing signature-missing signature-digest-mismatch signature-reindented signature-value-mismatch signature-untrusted-key assertion-signature-required signature-not-checked signature-error signature-ecdsa-der redirect-signature-invalid wrapping-multiple-assertions wrapping-hidden-assertion wrapping-duplicate-id wrapping-reference-target wrapping-signature-placement signature-placement-unusual signature-object-content assertion-in-advice wrapping-reference-uri signature-reference-whole-document wrapping-reference-count wrapping-transform wrapping-parser-disagreement wrapping-uncovered-identity wrapping-unbound-prefix algorithm-unsupported algorithm-sha1 algorithm-forbidden certificate-expired certificate-not-yet-valid certificate-expiring bearer-missing bearer-no-expiry bearer-no-recipient issuer-inconsistent issuer-format-invalid issuer-missing-signed-response issuer-missing issuer-mismatch audience-missing audience-restriction-empty condition-unknown condition-one-time-use nameid-sp-name-qualifier nameid-whitespace audience-mismatch destination-missing destination-empty request-destination-mismatch request-acs-unknown request-acs-index flow-protocol-binding destination-mismatch recipient-mismatch in-response-to-mismatch in-response-to-unsolicited bearer-not-before subject-confirmation-ignored in-response-to-missing time-too-old issue-instant-missing assertion-replayed time-not-yet-valid time-expired time-issued-in-future time-unparseable time-session-expired assertion-missing saml11-assertion version-invalid message-unauthenticated binding-redirect-response binding-detached-signature-post flow-no-response flow-message-unreadable sp-stack-rejects sp-stack-weakness flow-in-response-to flow-acs-mismatch flow-nameid-format flow-authn-context flow-force-authn flow-audience flow-relay-state flow-no-sp-answer sp-answer-error sp-cookie-samesite idp-error-page wrapping-encrypted-assertion ws-federation-token assertion-bare assertion-encrypted nameid-encrypted decryption-failed decryption-key-not-found decryption-wrong-key authn-statement-missing authn-context-missing value-empty value-documentation-placeholder value-invisible-character subject-missing nameid-missing nameid-empty nameid-format-not-email comment-in-text email-missing email-placeholder email-empty-value email-sources-disagree email-mixed-case email-invalid email-elsewhere attribute-statement-empty attribute-empty-value attribute-duplicate attribute-required-missing aws-role-invalid aws-role-session-name-missing aws-session-duration-invalid pair-roles pair-entity-id pair-acs-binding pair-acs-mismatch pair-sso-binding pair-nameid-format pair-authn-requests-unsigned pair-assertions-signed metadata-no-signing-key metadata-no-endpoint metadata-insecure-endpoint metadata-no-entity-id metadata-signature-invalid metadata-unsigned metadata-expired" -- "${cur}"))
                    return 0
                    ;;
                --allow)
                    COMPREPLY=($(compgen -W "signature-placement-unusual signature-reference-whole-document certificate-expired certificate-not-yet-valid certificate-expiring algorithm-sha1 audience-missing destination-missing in-response-to-missing in-response-to-unsolicited time-too-old assertion-in-advice attribute-duplicate issuer-missing email-missing nameid-sp-name-qualifier nameid-whitespace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _samlcheck -o nosort -o bashdefault -o default samlcheck
else
    complete -F _samlcheck -o bashdefault -o default samlcheck
fi
