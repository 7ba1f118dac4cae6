#!/usr/bin/env bash
# Makes a Docker engine answer on this machine, for the compose profiles (quickstart, full) and
# their tests. As root on a fresh Debian machine it installs Debian's docker.io and docker-compose
# (Compose v1) when they are absent, starts dockerd when it is not running, and waits until it
# answers. Where an engine already answers (Docker Desktop, a CI service, a systemd unit), it only
# says so. Idempotent: run it as often as you like.
#
#   profiles/images/setup-docker.sh            # as root
#
# Exit status: 0 when `docker info` answers at the end; 1 otherwise, with the reason on stderr.
set -euo pipefail

log() { printf '[setup-docker] %s\n' "$*" >&2; }
fail() { log "$*"; exit 1; }

answers() { docker info >/dev/null 2>&1; }
has_compose() { docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1; }

if answers && has_compose; then
    log "a Docker engine answers ($(docker version --format '{{.Server.Version}}' 2>/dev/null)) and a compose CLI is present"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    fail "no Docker engine answers and this is not root, so nothing can be installed or started. Run this script as root (sudo $0), or start Docker yourself and make sure 'docker info' works for this user."
fi

packages=()
command -v dockerd >/dev/null 2>&1 || packages+=(docker.io)
has_compose || packages+=(docker-compose)
if [ "${#packages[@]}" -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || fail "apt-get is missing: install ${packages[*]} with this system's package manager, then run this again."
    log "installing ${packages[*]} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 || fail "apt-get update failed: check the apt sources in /etc/apt/sources.list(.d)"
    # Docker's own service scripts must not try to start the daemon during installation: there may
    # be no init system to start it with. This script starts it below.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${packages[@]}" iptables ca-certificates >&2 \
        || fail "apt-get install ${packages[*]} failed (see above)"
fi

if ! answers; then
    if ! pgrep -x dockerd >/dev/null 2>&1; then
        log "starting dockerd (log: /var/log/tollgate-dockerd.log)"
        # Started in a session of its own so it outlives this script and the build that called it.
        setsid nohup dockerd >/var/log/tollgate-dockerd.log 2>&1 < /dev/null &
    fi
    for _ in $(seq 1 60); do
        answers && break
        sleep 1
    done
    answers || fail "dockerd did not answer within 60 s. Its log: /var/log/tollgate-dockerd.log (last lines: $(tail -n 5 /var/log/tollgate-dockerd.log 2>/dev/null | tr '\n' ' '))"
fi
has_compose || fail "no compose CLI: neither 'docker compose' nor 'docker-compose' works. Install docker-compose (Debian) or the Compose v2 plugin."
log "Docker engine $(docker version --format '{{.Server.Version}}' 2>/dev/null) answers; compose: $( (docker compose version 2>/dev/null || docker-compose version --short 2>/dev/null) | head -1)"
