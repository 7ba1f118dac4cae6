#!/usr/bin/env bash
# Builds every image the compose profiles (quickstart, full) need, on a machine that reaches only
# Debian's package mirror: no image registry is involved.
#
#   tollgate/debian:<codename>     a Debian root filesystem made by debootstrap from the mirror apt
#                                  is configured with, imported with `docker import`; it carries the
#                                  JRE, PostgreSQL and HAProxy from Debian's packages
#   tollgate/postgres:15           PostgreSQL with the official postgres image's environment contract
#                                  (POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB, PGDATA,
#                                  /docker-entrypoint-initdb.d), so a compose file runs on either
#   tollgate/sample-app:<release>  one per sample-app release (sample-app/target/sample-app.jar),
#                                  with SAMPLE_RELEASE set; bad candidates included
#
# Idempotent and quick when the images exist: the base is rebuilt only when its package list
# changes, PostgreSQL when its files change, the release images when the jar's sha256 changes (each
# image carries what it was built from as a label).
#
#   profiles/images/build-images.sh [path/to/sample-app.jar]
#   profiles/images/build-images.sh --base     # the base and PostgreSQL only (before the jar is built)
#
# The base needs root (debootstrap). Where a registry is reachable, none of this is needed: set
# POSTGRES_IMAGE=postgres:15 and the compose files use the official image.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
base_only=false
if [ "${1:-}" = "--base" ]; then
    base_only=true
    shift
fi
jar="${1:-$root/sample-app/target/sample-app.jar}"

log() { printf '[images %5ss] %s\n' "$SECONDS" "$*" >&2; }
fail() { log "$*"; exit 1; }
label_of() { docker image inspect --format "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true; }

# One build at a time on this machine: suites that start together all ask for the same images.
if command -v flock >/dev/null 2>&1; then
    exec 9>"${TMPDIR:-/tmp}/tollgate-build-images.lock"
    flock 9
fi

docker info >/dev/null 2>&1 || fail "no Docker engine answers. Run profiles/images/setup-docker.sh as root, or start Docker, then run this again."

# ---- base: debootstrap + docker import ---------------------------------------------------------
. /etc/os-release
codename="${TOLLGATE_DEBIAN_SUITE:-${VERSION_CODENAME:-bookworm}}"
base="tollgate/debian:$codename"
base_packages="ca-certificates,curl,openjdk-17-jre-headless,postgresql-15,postgresql-client-15,haproxy,procps"
base_recipe="$(printf '%s %s v1' "$codename" "$base_packages" | sha256sum | cut -c1-16)"

# The mirror apt already uses for this suite: deb822 sources first, then one-line sources. No host
# is written here; a machine with its own mirror builds from its own mirror.
apt_mirror() {
    local file
    for file in /etc/apt/sources.list.d/*.sources; do
        [ -f "$file" ] || continue
        awk -v suite="$codename" '
            BEGIN { RS=""; FS="\n" }
            {
                uris=""; suites=""; types=""; enabled="yes"
                for (i = 1; i <= NF; i++) {
                    if ($i ~ /^URIs:/) { uris=$i; sub(/^URIs:[ \t]*/, "", uris) }
                    if ($i ~ /^Suites:/) { suites=" " $i " "; sub(/^ Suites:/, "", suites) }
                    if ($i ~ /^Types:/) { types=$i }
                    if ($i ~ /^Enabled:[ \t]*no/) { enabled="no" }
                }
                if (enabled == "yes" && types ~ /deb( |$)/ && suites ~ (" " suite " ")) { split(uris, u, /[ \t]+/); print u[1]; exit }
            }' "$file"
    done
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
        | awk -v suite="$codename" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ } if ($(i+1) == suite) { print $i; exit } }' || true
}

if [ "$(label_of "$base" dev.tollgate.recipe)" = "$base_recipe" ]; then
    log "$base is up to date"
else
    [ "$(id -u)" -eq 0 ] || fail "$base is missing and debootstrap needs root: run this script as root once (sudo $0)."
    mirror="$(apt_mirror || true)"; mirror="${mirror%%$'\n'*}"
    [ -n "$mirror" ] || fail "no apt source for suite '$codename' in /etc/apt/sources.list(.d): add one, or set TOLLGATE_DEBIAN_SUITE to a suite apt has."
    if ! command -v debootstrap >/dev/null 2>&1; then
        log "installing debootstrap"
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq debootstrap >&2 \
            || { apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq debootstrap >&2; } \
            || fail "cannot install debootstrap with apt-get"
    fi
    rootfs="$(mktemp -d /var/tmp/tollgate-rootfs.XXXXXX)"
    trap 'rm -rf "$rootfs"' EXIT
    log "debootstrap $codename (minbase + $base_packages) from $mirror: about 2 minutes"
    debootstrap --variant=minbase --include="$base_packages" "$codename" "$rootfs" "$mirror" \
        > "$rootfs.log" 2>&1 || { tail -n 20 "$rootfs.log" >&2; fail "debootstrap failed; full log: $rootfs.log"; }
    rm -f "$rootfs.log"
    # No package caches, no cluster the postinst made: the postgres entrypoint makes its own.
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
        "$rootfs"/etc/postgresql/* "$rootfs"/var/lib/postgresql/*
    log "docker import $base"
    tar -C "$rootfs" -c . | docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change "LABEL dev.tollgate.recipe=$base_recipe" \
        --change "LABEL dev.tollgate.image=debian-base" \
        - "$base" >/dev/null
    rm -rf "$rootfs"
    trap - EXIT
fi

# ---- images built on the base ------------------------------------------------------------------
# Dockerfiles are fed on stdin or with a small context; the legacy builder is enough and needs no
# BuildKit image from a registry.
export DOCKER_BUILDKIT=0

# Builds $1 from directory $2 unless an image of that name was built from the same files on the same base.
build_dir() {
    local image="$1" dir="$2" recipe
    recipe="$( (cat "$dir"/*; docker image inspect --format '{{.Id}}' "$base") | sha256sum | cut -c1-16)"
    if [ "$(label_of "$image" dev.tollgate.recipe)" = "$recipe" ]; then
        log "$image is up to date"
        return
    fi
    log "building $image"
    docker build -q --build-arg "BASE=$base" --label "dev.tollgate.recipe=$recipe" -t "$image" "$dir" >/dev/null
}

build_dir tollgate/postgres:15 "$here/postgres"
if $base_only; then
    log "done (base only)"
    exit 0
fi

[ -f "$jar" ] || fail "$jar does not exist: build it with 'mvn -B -pl sample-app -am package' (or any mvn verify), then run this again."
jar_sha="$(sha256sum "$jar" | cut -c1-64)"
releases="$(java -jar "$jar" releases)" || fail "java -jar $jar releases failed"
jar_image="tollgate/sample-app:jar-${jar_sha:0:12}"
base_id="$(docker image inspect --format '{{.Id}}' "$base")"
app_recipe="$( (cat "$here"/sample-app/Dockerfile; echo "$base_id $jar_sha") | sha256sum | cut -c1-16)"
if [ "$(label_of "$jar_image" dev.tollgate.recipe)" != "$app_recipe" ]; then
    log "building $jar_image"
    context="$(mktemp -d)"
    cp "$here/sample-app/Dockerfile" "$jar" "$context/"
    docker build -q --build-arg "BASE=$base" --label "dev.tollgate.recipe=$app_recipe" \
        --label "dev.tollgate.jar-sha256=$jar_sha" -t "$jar_image" "$context" >/dev/null
    rm -rf "$context"
fi
built=0
for release in $releases; do
    image="tollgate/sample-app:$release"
    [ "$(label_of "$image" dev.tollgate.recipe)" = "$app_recipe" ] && continue
    printf 'FROM %s\nENV SAMPLE_RELEASE=%s\nLABEL dev.tollgate.recipe=%s dev.tollgate.release=%s\n' \
        "$jar_image" "$release" "$app_recipe" "$release" | docker build -q -t "$image" - >/dev/null
    built=$((built + 1))
done
log "sample-app images: $(echo $releases | wc -w) releases, $built (re)built, jar sha256 ${jar_sha:0:12}"
# Release images of older jars are superseded; drop them so they do not pile up.
docker images --format '{{.Repository}}:{{.Tag}}' tollgate/sample-app | grep ':jar-' | grep -v "$jar_image" \
    | xargs -r docker rmi >/dev/null 2>&1 || true
log "done"
