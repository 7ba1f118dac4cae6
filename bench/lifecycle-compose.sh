#!/usr/bin/env bash
# The lifecycle of the five release-gate suites on the quickstart profile, as a person would script
# it with docker compose, curl and psql, and none of Tollgate's checks: the peer that
# ReleaseGateBenchmark (-Dtollgate.bench.profile=quickstart) times Tollgate against.
#
#   bench/lifecycle-compose.sh COMPOSE_FILE [PREVIOUS [CANDIDATE]]
#   bench/lifecycle-compose.sh profiles/quickstart/docker-compose.yml 1.0.0 1.1.0
#
# Needs the images the compose file names (profiles/images/build-images.sh builds them), a compose
# CLI (v2 `docker compose` or v1 `docker-compose`), curl and psql. One compose project for the whole
# lifecycle, its database container started once: each suite gets a fresh database in it, and the
# suites run one after another, as a script would. A release is deployed as the quickstart profile
# deploys it, by swapping the app's image tag (up -d --no-deps app); backups are pg_dump -Fc in the
# database container while the release keeps serving, restores pg_restore there, as Tollgate's
# compose runtime does them. The project goes (down -v) when the script ends, however it ends.
set -euo pipefail

file=${1:?usage: lifecycle-compose.sh COMPOSE_FILE [PREVIOUS [CANDIDATE]]}
previous=${2:-1.0.0}
candidate=${3:-1.1.0}
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null; then
  compose=(docker-compose)
else
  echo "lifecycle-compose.sh: no compose CLI (neither 'docker compose' nor 'docker-compose')" >&2
  exit 2
fi
project=lifecycle-$$-$RANDOM
# shellcheck source=requests.sh
. "$(dirname "$0")/requests.sh"
export POSTGRES_USER=sample POSTGRES_DB=sample POSTGRES_PASSWORD=pw-$RANDOM$RANDOM SAMPLE_RELEASE=$candidate
export SAMPLE_SUBJECTS=$subjects
export PGPASSWORD=$POSTGRES_PASSWORD PGOPTIONS='-c client_min_messages=warning'
starts=0

dc() { "${compose[@]}" -p "$project" -f "$file" "$@"; }

cleanup() { docker rm -f "$project-reference" >/dev/null 2>&1 || true; dc down -v >/dev/null 2>&1 || true; }
trap cleanup EXIT

# The container of a service of this project, and where one of its ports is published.
container() { docker ps -q --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=$1"; }
published() { docker port "$1" "$2" | head -1 | sed 's/^0\.0\.0\.0:/127.0.0.1:/'; }

sql() { psql -X -q -v ON_ERROR_STOP=1 -h "${db_at%:*}" -p "${db_at#*:}" -U "$POSTGRES_USER" -d postgres -c "$1" >/dev/null; }

# The database container, until PostgreSQL answers on its published port (during its
# initialisation it listens on its socket only, so this waits for the real start).
dc up -d db
db=$(container db)
db_at=$(published "$db" 5432)
until sql "select 1" 2>/dev/null; do sleep 0.1; done

# start RELEASE: swaps the app to that release (its image tag), until /health answers; then its version.
start() {
  starts=$((starts + 1))
  SAMPLE_RELEASE=$1 dc up -d --no-deps app
  local app
  app=$(container app)
  base="http://$(published "$app" 8080)"
  until curl -sf "$base/health" >/dev/null; do
    [ "$(docker inspect -f '{{.State.Running}}' "$app")" = true ] || { echo "release $1 exited; its log:" >&2; docker logs "$app" >&2; exit 1; }
    sleep 0.1
  done
  curl -sf "$base/api/v1/version" >/dev/null
}

stop() { dc rm -s -f app >/dev/null; }

fresh() { sql "DROP DATABASE IF EXISTS $1 WITH (FORCE)"; sql "CREATE DATABASE $1"; }

backup() { docker exec -u postgres "$db" pg_dump -Fc -U "$POSTGRES_USER" -d "$POSTGRES_DB" -f "/tmp/$1.dump"; }

# restore NAME: the release stops, the database is emptied and the dump put back.
restore() {
  stop; fresh "$POSTGRES_DB"
  docker exec -u postgres "$db" pg_restore --exit-on-error --no-owner -U "$POSTGRES_USER" -d "$POSTGRES_DB" "/tmp/$1.dump"
}

# clean_install RELEASE DATABASE: a one-off container of the release on another database, until it
# answers (it publishes no port: asked from inside), then removed.
clean_install() {
  starts=$((starts + 1))
  sql "CREATE DATABASE $2"
  SAMPLE_RELEASE=$1 dc run -d --no-deps --name "$project-reference" \
    -e "DATABASE_URL=jdbc:postgresql://db:5432/$2" app >/dev/null
  until docker exec "$project-reference" curl -sf http://127.0.0.1:8080/health >/dev/null 2>&1; do
    [ "$(docker inspect -f '{{.State.Running}}' "$project-reference")" = true ] || { docker logs "$project-reference" >&2; exit 1; }
    sleep 0.1
  done
  docker rm -f "$project-reference" >/dev/null
}

# authz, clean-install, health-version: the candidate on an empty database.
for suite in authz clean-install health-version; do
  fresh "$POSTGRES_DB"; start "$candidate"; stop
done

# rollback-restore
fresh "$POSTGRES_DB"; start "$previous"; seed
backup before-upgrade-1
start "$candidate"
call POST /api/v1/missions "${tokens[1]}" '{"name":"Vostok"}' >/dev/null
restore before-upgrade-1; start "$previous"; stop

# upgrade-from-previous, with the clean install of the candidate that convergence compares against,
# then the code rollback: the previous release on the migrated database.
fresh "$POSTGRES_DB"; start "$previous"; seed
backup before-upgrade-2
start "$candidate"
clean_install "$candidate" clean_install
start "$previous"; call GET /api/v1/missions "${tokens[3]}" >/dev/null; stop

echo "lifecycle-compose.sh: $starts service starts, $previous → $candidate, compose project $project ($("${compose[@]}" version --short 2>/dev/null || echo compose))"
