#!/usr/bin/env bash
# The project's one test command: installs what the tests need (idempotent), builds, runs every test project,
# and ends with the line "N passed, N failed" taken from the test platform's own summary.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test --solution ForgetCloud.slnx -c Release 2>&1 | tee "$log" || status=$?

summary=$(sed -n '/^Test run summary/,$p' "$log")
passed=$(printf '%s\n' "$summary" | sed -n 's/^ *succeeded: *\([0-9]*\).*/\1/p' | tail -n 1)
failed=$(printf '%s\n' "$summary" | sed -n 's/^ *failed: *\([0-9]*\).*/\1/p' | tail -n 1)
total=$(printf '%s\n' "$summary" | sed -n 's/^ *total: *\([0-9]*\).*/\1/p' | tail -n 1)
if [ -z "$passed" ] || [ -z "$failed" ] || [ "${total:-0}" -eq 0 ]; then
  echo "error: no test summary found (build failure or no tests ran)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
if [ "$failed" -ne 0 ]; then
  # The test hosts' standard output can bury the failures: repeat each one (name, message, first frames) at the end.
  echo "=== failed tests ==="
  awk '/^failed / { n = 12; print; next } n > 0 && /^  / { print; n--; next } { n = 0 }' "$log" | head -n 200
  echo "===================="
fi
echo "$passed passed, $failed failed"
if [ "$failed" -ne 0 ] && [ "$status" -eq 0 ]; then status=1; fi
exit "$status"
