#!/usr/bin/env bash
# Runs the JMH benchmarks with the launcher's native settings. Examples:
#   benchmarks/jmh.sh TrainStep -f 1 -wi 3 -i 5
#   benchmarks/jmh.sh ExactOt -p n=1024
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -Dstyle.color=never -Dmaven.test.skip=true -pl benchmarks -am install
mvn -q -B -Dstyle.color=never -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath >/dev/null
if [ -z "${OMP_NUM_THREADS:-}" ]; then
  cpus=$(nproc); if [ "$cpus" -le 2 ]; then export OMP_NUM_THREADS=1; else export OMP_NUM_THREADS=$((cpus / 2)); fi
fi
export OPENBLAS_NUM_THREADS="$OMP_NUM_THREADS" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -q -m1 -w avx512f /proc/cpuinfo 2>/dev/null; then export OPENBLAS_CORETYPE=SKYLAKEX; fi
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/jmh.classpath)" org.openjdk.jmh.Main \
  -jvmArgs "-Xmx2g -Xmn64m -XX:+UseParallelGC --add-modules jdk.incubator.vector -Dorg.slf4j.simpleLogger.defaultLogLevel=warn" "$@"
