#!/usr/bin/env bash
# Owner-aware routing vs the balancer on 3 grid-server node processes on loopback: interleaved rounds.
# Usage: examples/scripts/owner-routing.sh ROUNDS SECONDS   (from the repository root, after mvn package)
# Prints one line per run: the LoadGenerator result and the hops per request counted by the nodes
# (flotilla_map_requests_total{owner="remote"} over all document requests of the run, warm-up included).
set -euo pipefail
ROUNDS=${1:-3}; SECONDS_PER_RUN=${2:-8}
JAR=grid-server/target/grid-server-0.1.0-SNAPSHOT.jar
CP=examples/target/classes:client/target/classes:$(mvn -o -q -ntp -pl client dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
CLUSTER="measure-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
HTTP=(); MEMBER=(); PIDS=()
for i in 0 1 2; do HTTP+=("$(free_port)"); MEMBER+=("$(free_port)"); done
MEMBERS="127.0.0.1:${MEMBER[0]},127.0.0.1:${MEMBER[1]},127.0.0.1:${MEMBER[2]}"
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
for i in 0 1 2; do
  java -Xms256m -Xmx512m -Dhazelcast.shutdownhook.enabled=false -Dmicronaut.server.port="${HTTP[$i]}" \
       -Dmicronaut.server.host=127.0.0.1 -Dflotilla.cluster-name="$CLUSTER" -Dflotilla.bind-address=127.0.0.1 \
       -Dflotilla.port="${MEMBER[$i]}" -Dflotilla.port-auto-increment=false -Dflotilla.members="$MEMBERS" \
       -jar "$JAR" > "${LOG_DIR:-/tmp}/flotilla-routing-node$i.log" 2>&1 &
  PIDS+=($!)
done
ENDPOINTS="http://127.0.0.1:${HTTP[0]},http://127.0.0.1:${HTTP[1]},http://127.0.0.1:${HTTP[2]}"
for i in 0 1 2; do
  for t in $(seq 1 120); do
    curl -sf "http://127.0.0.1:${HTTP[$i]}/health" >/dev/null && break; sleep 1
  done
done
for t in $(seq 1 60); do
  n=$(curl -s "http://127.0.0.1:${HTTP[0]}/cluster" | python3 -c 'import json,sys; print(json.load(sys.stdin)["memberCount"])')
  [ "$n" = 3 ] && curl -sf "http://127.0.0.1:${HTTP[0]}/health" >/dev/null && break; sleep 1
done
counters() { # local remote, summed over the nodes
  for i in 0 1 2; do curl -s "http://127.0.0.1:${HTTP[$i]}/prometheus"; done \
    | awk '/^flotilla_map_requests_total\{owner="local"/{l+=$2} /^flotilla_map_requests_total\{owner="remote"/{r+=$2} END{printf "%d %d\n", l, r}'
}
echo "cluster $CLUSTER endpoints $ENDPOINTS"
for round in $(seq 1 "$ROUNDS"); do
  for op in get put; do
    for routing in balancer owner; do
      read -r l0 r0 < <(counters)
      out=$(java -Xmx256m -cp "$CP" dev.flotilla.examples.LoadGenerator --endpoints "$ENDPOINTS" --threads 16 \
            --seconds "$SECONDS_PER_RUN" --warmup 2 --op "$op" --batch 1 --routing "$routing" --keys 10000)
      read -r l1 r1 < <(counters)
      echo "round=$round $out hops/request=$(python3 -c "print(round(($r1-$r0)/max(1,($l1-$l0)+($r1-$r0)),3))") counted=$(( (l1-l0)+(r1-r0) ))"
    done
  done
done
