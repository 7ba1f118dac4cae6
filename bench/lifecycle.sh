#!/usr/bin/env bash
# The lifecycle of the five release-gate suites, as a person would script it with curl and psql,
# and none of Tollgate's checks: the peer that ReleaseGateBenchmark times Tollgate against.
#
#   bench/lifecycle.sh DATABASE_URI SAMPLE_APP_JAR [PREVIOUS [CANDIDATE]]
#   bench/lifecycle.sh postgresql://postgres@127.0.0.1:5432 sample-app/target/sample-app.jar 1.0.0 1.1.0
#
# DATABASE_URI names a running PostgreSQL server (no database part) whose user may create databases;
# psql takes its password from PGPASSWORD as usual. The service connects as that user without a
# password, unless SERVICE_DATABASE_USER and SERVICE_DATABASE_PASSWORD name another way in (the
# benchmark's server asks the service for a SCRAM password, as Tollgate's local server does).
# Each suite gets a fresh database on it; the suites run one after another, as a script would.
# Backups are template copies (CREATE DATABASE … TEMPLATE), Tollgate's default on the local profile.
set -euo pipefail

server=${1:?usage: lifecycle.sh DATABASE_URI SAMPLE_APP_JAR [PREVIOUS [CANDIDATE]]}
jar=${2:?usage: lifecycle.sh DATABASE_URI SAMPLE_APP_JAR [PREVIOUS [CANDIDATE]]}
previous=${3:-1.0.0}
candidate=${4:-1.1.0}
server=${server%/}
hostport=${server#*@}
user=${server#postgresql://}
user=${user%@*}
java=${JAVA:-java}
service_user=${SERVICE_DATABASE_USER:-$user}
service_password=${SERVICE_DATABASE_PASSWORD:-}
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
pid=
# shellcheck source=requests.sh
. "$(dirname "$0")/requests.sh"
starts=0

cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

sql() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 "$server/postgres" -c "$1" >/dev/null; }

free_port() {
  port=$((port + 1))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
}

# start RELEASE DATABASE: the release on that database, until /health answers; then its version.
# A port taken between the probe and the release's bind (another process on this machine) is
# tried again with the next free one, as Tollgate does.
start() {
  local attempt
  for attempt in 1 2 3; do
    free_port
    starts=$((starts + 1))
    SAMPLE_RELEASE=$1 DATABASE_URL="jdbc:postgresql://$hostport/$2" DATABASE_USER=$service_user DATABASE_PASSWORD=$service_password \
      PORT=$port BIND_ADDRESS=127.0.0.1 SAMPLE_SUBJECTS=$subjects \
      "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar "$jar" serve >"$work/$starts-$1.log" 2>&1 &
    pid=$!
    until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && break
    wait "$pid" 2>/dev/null || true; pid=
    if [ "$attempt" = 3 ] || ! grep -q "already in use" "$work/$starts-$1.log"; then
      echo "release $1 exited; its log:" >&2; cat "$work/$starts-$1.log" >&2; exit 1
    fi
  done
  base="http://127.0.0.1:$port"
  curl -sf "$base/api/v1/version" >/dev/null
}

stop() { [ -z "$pid" ] || { kill "$pid"; wait "$pid" 2>/dev/null || true; }; pid=; }

fresh() { sql "DROP DATABASE IF EXISTS $1 WITH (FORCE)"; sql "CREATE DATABASE $1"; }

# backup NAME: a template copy needs a quiet database, so the running release stops for it. As in
# Tollgate, it starts again only when something needs it up; in these suites an upgrade comes next,
# which starts the candidate instead.
backup() { stop; sql "CREATE DATABASE $1 TEMPLATE app"; }

# authz, clean-install, health-version: the candidate on an empty database.
for suite in authz clean-install health-version; do
  fresh app; start "$candidate" app; stop
done

# rollback-restore
fresh app; start "$previous" app; seed
sql "DROP DATABASE IF EXISTS backup_1"; backup backup_1
stop; start "$candidate" app
call POST /api/v1/missions "${tokens[1]}" '{"name":"Vostok"}' >/dev/null
stop; sql "DROP DATABASE app WITH (FORCE)"; sql "CREATE DATABASE app TEMPLATE backup_1"; start "$previous" app; stop

# upgrade-from-previous, with the clean install of the candidate that convergence compares against
fresh app; start "$previous" app; seed
sql "DROP DATABASE IF EXISTS backup_2"; backup backup_2
stop; start "$candidate" app
upgraded=$pid; pid=
fresh clean_install; start "$candidate" clean_install; stop
pid=$upgraded; stop
start "$previous" app; call GET /api/v1/missions "${tokens[3]}" >/dev/null; stop

echo "lifecycle.sh: $starts service starts, $previous → $candidate"
