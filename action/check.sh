#!/usr/bin/env bash
# The check step of the openai-migrate GitHub Action (action.yml): runs a pinned
# openai-migrate with --format github (annotations on stdout, at most what GitHub
# shows; the Markdown job summary appended to $GITHUB_STEP_SUMMARY), optionally
# writes SARIF, and records exit-code / findings / sarif-file in $GITHUB_OUTPUT.
# It never fails the step itself: the action's last step turns exit-code into the
# job's result, so the SARIF upload still runs when the check fails.
# Inputs: OAM_PROVIDER, OAM_PATHS, OAM_FAIL_ON, OAM_BASELINE, OAM_CHANGED_SINCE,
# OAM_SARIF, OAM_VERSION. OAM_BIN replaces `npx openai-migrate@<version>` (tests).
set -uo pipefail

out="${GITHUB_OUTPUT:-/dev/null}"
finish() { echo "exit-code=$1" >>"$out"; exit 0; }

major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$major" -lt 22 ]; then
  echo "::error title=openai-migrate::Node.js 22 or later is needed (found $(node --version 2>/dev/null || echo none)); set node-version."
  finish 2
fi

version="${OAM_VERSION:-}"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]]; then
  echo "::error title=openai-migrate::version must be an exact version such as 0.1.0 (got \"$version\"), so the gate does not change under you."
  finish 2
fi

if [ -n "${OAM_BIN:-}" ]; then
  read -r -a cmd <<<"$OAM_BIN"
else
  cmd=(npx --yes "openai-migrate@$version")
fi

args=(check --format github --fail-on "${OAM_FAIL_ON:-error}")
[ -n "${OAM_PROVIDER:-}" ] && args+=(--provider "$OAM_PROVIDER")
[ -n "${OAM_BASELINE:-}" ] && args+=(--baseline "$OAM_BASELINE")
[ -n "${OAM_CHANGED_SINCE:-}" ] && args+=(--changed-since "$OAM_CHANGED_SINCE")
sarif=""
if [ "${OAM_SARIF:-false}" = "true" ]; then
  sarif="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/openai-migrate.sarif"
  args+=(--sarif-file "$sarif")
fi
# Paths: separated by spaces or new lines (a path with spaces: give its folder).
read -r -d '' -a paths <<<"${OAM_PATHS:-.}" || true
[ "${#paths[@]}" -gt 0 ] && args+=(--)
args+=("${paths[@]}")

log="$(mktemp)"
"${cmd[@]}" "${args[@]}" | tee "$log"
rc="${PIPESTATUS[0]}"
# The last line of --format github: "...; N finding(s), ...".
findings="$(tail -n 1 "$log" | sed -n 's/.*; \([0-9][0-9]*\) finding(s).*/\1/p')"
rm -f "$log"
echo "findings=${findings:-0}" >>"$out"
[ -n "$sarif" ] && [ -s "$sarif" ] && echo "sarif-file=$sarif" >>"$out"
finish "$rc"
