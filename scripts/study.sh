#!/usr/bin/env bash
# The main job: the tiny study with both optimizers, in this process, into outputs/tiny
# (docs/study.md: what it runs, how long it takes, what it found). Extra arguments go to `forgetcloud study`,
# e.g. `scripts/study.sh --seeds 3 --output-dir outputs/tiny-3seeds` (other flags on an existing output folder are refused:
# it resumes only the study it holds). Ctrl-C stops at a clean point; the
# same command resumes.
set -euo pipefail
cd "$(dirname "$0")/.."

# glibc malloc maps and unmaps the large logits buffers every step; tcmalloc is 1.03-1.8x faster (docs/training.md,
# PLATFORM.md). Debian: libtcmalloc-minimal4. Used when installed, never required.
tcmalloc=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
if [ -e "$tcmalloc" ]; then
  export LD_PRELOAD="${LD_PRELOAD:+$LD_PRELOAD:}$tcmalloc"
fi

# On a shared 2-core machine one torch thread is 1.6-10x faster than two (barrier waits; docs/benchmarks.md,
# Training). Set OMP_NUM_THREADS yourself where the cores are yours.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

# outputs/tiny unless the caller names another --output-dir.
output=(--output-dir outputs/tiny)
for arg in "$@"; do
  case "$arg" in --output-dir|--output-dir=*) output=() ;; esac
done

exec dotnet run -c Release --project tools/ForgetCloud.Cli -- \
  study --config configs/tiny.yaml --compare-optimizers "${output[@]}" "$@"
