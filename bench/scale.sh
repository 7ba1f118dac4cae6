#!/usr/bin/env bash
# The scale benchmark (docs/benchmarks.md, "Scale"): for each size, bench/scale/generate.sql fills an
# embedded PostgreSQL (rows made in the server), then every phase Tollgate adds is timed beside its
# peer (pg_dump --data-only | sha256sum, pg_dump -Fc + pg_restore, CREATE DATABASE … TEMPLATE). The
# figures go to scale.json (merged with the sizes an earlier run left there) and the plot to
# scale.png, both in OUT; each size's database is deleted once measured.
#
#   bench/scale.sh [SIZE_GB...]                     default: 1 5
#   OUT=docs/bench WORK=/data/scratch bench/scale.sh 0.25 1 5
#
# Needs pg_dump, pg_restore, psql and createdb on the PATH (Debian: postgresql-client), free disk of
# about three times the largest size in WORK, and Maven to build harness-core's test classes (not a
# Maven run itself: the benchmark runs in a JVM of its own, with a 512 MB heap, so a reading that
# pulled rows into the JVM would fail). TOLLGATE_BUILD_LOCK=FILE takes that lock for the build only.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ $# -gt 0 ] || set -- 1 5
out=${OUT:-harness-core/target/bench}
work=${WORK:-harness-core/target/scale-work}
classpath=harness-core/target/scale-classpath.txt

for tool in pg_dump pg_restore psql createdb sha256sum; do
  command -v "$tool" >/dev/null || { echo "bench/scale.sh: $tool is not on the PATH (Debian: apt-get install postgresql-client)" >&2; exit 2; }
done

build=(mvn -B -q -pl harness-core test-compile dependency:build-classpath -Dmdep.outputFile="$root/$classpath" -Dmdep.includeScope=test)
if [ -n "${TOLLGATE_BUILD_LOCK:-}" ]; then
  flock "$TOLLGATE_BUILD_LOCK" "${build[@]}"
else
  "${build[@]}"
fi

exec "${JAVA:-java}" -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "harness-core/target/test-classes:harness-core/target/classes:$(cat "$classpath")" \
  dev.tollgate.runtime.ScaleBenchmark --out "$out" --work "$work" "$@"
