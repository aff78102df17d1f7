#!/usr/bin/env bash
# The main job: the tiny study with both optimizers, in this process, into outputs/tiny
# (docs/study.md: what it runs, how long it takes, what it found). Extra arguments go to `forgetcloud study`,
# e.g. `scripts/study.sh --seeds 3 --output-dir outputs/tiny-3seeds` (other flags on an existing output folder are refused:
# it resumes only the study it holds). Ctrl-C stops at a clean point; the
# same command resumes.
set -euo pipefail
cd "$(dirname "$0")/.."

# No environment is needed: forgetcloud sets its allocator itself and keeps libtorch's thread count (one per core),
# which measured 1.7-2.5x (allocator) and 1.6-1.9x (two threads vs one) faster on a quiet 2-core machine (docs/benchmarks.md).

# outputs/tiny unless the caller names another --output-dir.
output=(--output-dir outputs/tiny)
for arg in "$@"; do
  case "$arg" in --output-dir|--output-dir=*) output=() ;; esac
done

exec dotnet run -c Release --project tools/ForgetCloud.Cli -- \
  study --config configs/tiny.yaml --compare-optimizers "${output[@]}" "$@"
