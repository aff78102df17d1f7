#!/usr/bin/env bash
# tcmalloc for CPU training and evaluation: glibc malloc maps and unmaps the large logits buffer every step
# (docs/benchmarks.md measures the difference). scripts/study.sh preloads it when present.
set -euo pipefail
if ! dpkg-query -W -f='${Status}' libtcmalloc-minimal4 2>/dev/null | grep -q "install ok installed"; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libtcmalloc-minimal4 >/dev/null
fi
