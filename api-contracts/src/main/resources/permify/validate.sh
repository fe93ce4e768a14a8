#!/usr/bin/env bash
# Runs `permify validate` on every scenario file and fails if any assertion fails.
#
#   validate.sh <path-to-permify-v1.3.8-binary>
#
# Permify resolves the scenarios' `schema: schema.perm` against the WORKING DIRECTORY (a path
# that does not exist is silently taken as inline schema text), so this script runs from the
# directory it lives in. When python3 is present it also checks that the committed scenario
# files are what gen_scenarios.py generates (stale files fail the run).
set -euo pipefail

PERMIFY="${1:-}"
if [[ -z "$PERMIFY" ]]; then
  echo "usage: $0 <path-to-permify-binary>" >&2
  exit 2
fi
PERMIFY="$(cd "$(dirname "$PERMIFY")" && pwd)/$(basename "$PERMIFY")"
if [[ ! -x "$PERMIFY" ]]; then
  echo "permify binary not executable: $PERMIFY" >&2
  exit 2
fi

cd "$(dirname "${BASH_SOURCE[0]}")"

version="$("$PERMIFY" version 2>/dev/null | tr -d '[:space:]' || true)"
if [[ "$version" != *v1.3.8* ]]; then
  echo "warning: expected permify v1.3.8, got '${version}'" >&2
fi

if command -v python3 >/dev/null 2>&1; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  python3 gen_scenarios.py "$tmp" >/dev/null
  if ! diff -r -q "$tmp" scenarios >/dev/null; then
    diff -r -q "$tmp" scenarios >&2 || true
    echo "scenario files are stale: run python3 gen_scenarios.py and commit the result" >&2
    exit 1
  fi
fi

passed=0
failed=0
for f in scenarios/*.yaml; do
  log="$(mktemp)"
  if "$PERMIFY" validate "$f" >"$log" 2>&1 && grep -q "SUCCESS" "$log"; then
    n="$(grep -c "success:" "$log" || true)"
    echo "PASS $f ($n successes)"
    passed=$((passed + 1))
  else
    echo "FAIL $f"
    grep -v "success" "$log" | sed 's/^/    /' | head -50
    failed=$((failed + 1))
  fi
  rm -f "$log"
done

echo "permify: ${passed} passed, ${failed} failed"
[[ "$failed" -eq 0 ]]
