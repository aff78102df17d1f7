#!/usr/bin/env bash
# Installs the three servers the AppHost runs as local executables when no container runtime is present:
# redis-server and rabbitmq-server (Debian packages) and Azurite's blob server (npm, pinned, global).
# Idempotent: each piece is skipped when the wanted version is already there. Debian 12, run as root.
# The packages' system services are never started: the AppHost runs its own foreground servers per run.
set -euo pipefail

AZURITE_VERSION=3.35.0

have_apt_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
have_apt_pkg redis-server || missing+=(redis-server)
have_apt_pkg rabbitmq-server || missing+=(rabbitmq-server)

if ((${#missing[@]})); then
  echo "install-servers: apt-get install ${missing[*]}"
  # policy-rc.d exit 101 tells invoke-rc.d not to start the packages' services during installation.
  created_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    created_policy=1
  fi
  trap '[[ $created_policy == 1 ]] && rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # rabbitmq-server's postinst runs Erlang tools that leave the package user's epmd daemon behind: stop exactly that one.
  for pid in $(pgrep -u rabbitmq -x epmd || true); do kill "$pid" || true; done
fi

# Where systemd runs, the packages enable their units: keep them stopped so they hold no ports.
if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then
  for unit in redis-server rabbitmq-server; do
    systemctl disable --now "$unit" >/dev/null 2>&1 || true
  done
fi
# Without systemd, a service started anyway by an earlier install would still be running: stop it.
for svc in redis-server rabbitmq-server; do
  if [[ -x /etc/init.d/$svc ]] && service "$svc" status >/dev/null 2>&1; then
    service "$svc" stop >/dev/null 2>&1 || true
  fi
done

current_azurite=$(azurite-blob --version 2>/dev/null || true)
if [[ "$current_azurite" != "$AZURITE_VERSION" ]]; then
  echo "install-servers: npm install -g azurite@$AZURITE_VERSION (found '${current_azurite:-none}')"
  npm install -g --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION" >/dev/null
fi

echo "install-servers: redis-server $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p'), \
rabbitmq-server $(dpkg-query -W -f='${Version}' rabbitmq-server), azurite-blob $(azurite-blob --version) at $(command -v azurite-blob)"
