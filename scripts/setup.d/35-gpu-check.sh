#!/usr/bin/env bash
# python3 for the CPU-side tests of scripts/gpu-check (GpuCheckTests parses gpu_check.py and its arguments; no torch).
set -euo pipefail
if ! command -v python3 >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 >/dev/null
fi
echo "gpu-check: $(python3 --version)"
