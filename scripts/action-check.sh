#!/usr/bin/env bash
# The check step of action.yml: runs `samlcheck check` on SAMLCHECK_CONFIG, writes SARIF to
# SAMLCHECK_SARIF and the human report to the log, and records the exit code as the step output
# `exit-code` (the action fails on it after the SARIF upload).
set -uo pipefail
config=${SAMLCHECK_CONFIG:-samlcheck.toml}
sarif=${SAMLCHECK_SARIF:-samlcheck.sarif}
samlcheck check --format sarif "$config" > "$sarif"
code=$?
samlcheck check "$config" || true
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$code" >> "$GITHUB_OUTPUT"
fi
echo "samlcheck check: exit $code, SARIF in $sarif"
exit 0
