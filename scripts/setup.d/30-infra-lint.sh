#!/usr/bin/env bash
# dockerfilelint for the container images in infra/docker, pinned by infra/package-lock.json
# (tests/ForgetCloud.AppHost.Tests/Deployment/DockerfileTests runs it from infra/node_modules).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x infra/node_modules/.bin/dockerfilelint ]; then
  npm ci --prefix infra --no-audit --no-fund
fi
