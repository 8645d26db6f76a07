# shellcheck shell=bash disable=SC2154,SC2034  # sourced by bin/bench, which sets java, load_cp, out_dir, ...
# The `load` phase of bin/bench, which sources this file (it uses bin/bench's helpers: free_port,
# cpu_ticks, now_ms, row, fmt_int, tracking in pids; and bin/bench-metrics.bash's wait_http_ready).
# Issue 6's figure: the HTTP load generator (io.sightline.sample.httpload.HttpLoadMain, which the
# appliance runs as `sightline load`) sustains at least 5,000 requests/s against the sample services
# on this machine, with its own CPU cost reported.
#
#   1. Unless --load-target is given, starts the sample services
#      (io.sightline.sample.services.SampleApiMain) with their telemetry sent to an unused local
#      port (nothing listens: the phase measures the generator, not the appliance), and waits until
#      the frontend (--load-frontend, default http://127.0.0.1:8081) answers.
#   2. Runs the generator unlimited (--rate 0) with --load-users users, all started at once, for
#      --load-duration, with the sample shop's weighted requests (stock 5, place order 3, look up an
#      order 2), on the same cores as the services.
#   3. Reports requests/s, failures (5xx and connection errors), 4xx, latency p50/p95/p99/max, the
#      generator's CPU (% of one core and us a request, from its own process CPU time) and, when it
#      started them, the services' CPU over the same time.
#   4. When it started the services, runs the generator again the same way against the frontend's
#      GET /healthz (answered without telemetry or downstream calls): the shop scenario is bound by
#      the three instrumented services' CPU on these cores, this run by the generator's.

load_duration=30           # seconds of unlimited load
load_users=50              # virtual users, one keep-alive connection each
load_target=""             # empty: start the sample services and load their frontend
load_frontend=http://127.0.0.1:8081

# Starts the sample services; sets services_pid. Fails when they are not in the build yet.
start_sample_services() {
  local cp_main
  if [ -f "$load_cp" ]; then
    "$JAVA_HOME/bin/jar" tf "$load_cp" | grep -q '^io/sightline/sample/services/SampleApiMain.class$' && cp_main=yes
  else
    [ -f "$root/sample-api/target/classes/io/sightline/sample/services/SampleApiMain.class" ] && cp_main=yes
  fi
  [ -n "${cp_main:-}" ] || die "the sample services (io.sightline.sample.services.SampleApiMain) are not in this build; pass --load-target URL"
  local sink
  sink=$(free_port)    # nothing listens there: the services' exports fail quietly and cost little
  "$java" -Xms256m -Xmx512m -cp "$load_cp" io.sightline.sample.services.SampleApiMain \
    --otlp-endpoint "http://127.0.0.1:$sink" >"$out_dir/sample-services.log" 2>&1 &
  services_pid=$!
  pids+=("$services_pid")
  wait_http_ready "$load_frontend/api/stock/SKU-1" "$services_pid" "$out_dir/sample-services.log"
}

stop_sample_services() {
  stop_pid "$services_pid" 100
}

lj() { jq -r "$1" "$out_dir/load-http.json"; }

# Runs the generator unlimited against $1 for --load-duration (more flags after it); summary in load-$label.json.
run_http_load() { # $1 target, $2 label, then more generator flags
  local target=$1 label=$2 lpid rc=0
  shift 2
  "$java" -Xms256m -Xmx512m -cp "$load_cp" io.sightline.sample.httpload.HttpLoadMain \
    --target "$target" --users "$load_users" --spawn-rate 100000 --rate 0 --duration "${load_duration}s" \
    --run-id "bench-$stamp-$label" --json "$out_dir/load-$label.json" "$@" >"$out_dir/load-$label.txt" &
  lpid=$!
  pids+=("$lpid")
  wait "$lpid" || rc=$?
  untrack "$lpid"
  cat "$out_dir/load-$label.txt" >&2
  [ "$rc" -le 1 ] || { echo "bench: the HTTP load generator failed (exit $rc)" >&2; exit 1; }
  [ -s "$out_dir/load-$label.json" ] || { echo "bench: no JSON summary from the HTTP load generator" >&2; exit 1; }
}

phase_load() {
  local target=$load_target services_pid="" cpu0="" cpu1="" t0 t1
  if [ -z "$target" ]; then
    echo "=== load: starting the sample services" >&2
    start_sample_services
    target=$load_frontend
    cpu0=$(cpu_ticks "$services_pid")
  fi
  echo "=== load: $load_users users, unlimited, for ${load_duration}s against $target" >&2
  t0=$(now_ms)
  run_http_load "$target" http
  t1=$(now_ms)
  [ -z "$services_pid" ] || cpu1=$(cpu_ticks "$services_pid")

  row "load" "$load_users users, unlimited, ${load_duration} s against $( [ -n "$load_target" ] && echo "$load_target" || echo "the sample services"): requests/s (requests)" \
    "**$(printf '%.0f' "$(lj .requestsPerSecond)")** ($(fmt_int "$(lj .requests)") over $(lj .elapsedSeconds) s)"
  row "load" "failures (5xx; connection errors); 4xx" \
    "$(lj .failures) ($(lj .serverErrors); $(lj .connectionErrors) $(jq -c .errors "$out_dir/load-http.json")); $(lj .clientErrors) $(jq -c .statusCounts "$out_dir/load-http.json")"
  row "load" "latency p50 / p95 / p99 / max" \
    "$(lj .latencyMs.p50) / $(lj .latencyMs.p95) / $(lj .latencyMs.p99) / $(lj .latencyMs.max) ms"
  row "load" "generator CPU: % of one core; per request" \
    "$(printf '%.0f' "$(lj .cpu.percentOfOneCore)")%; $(printf '%.1f' "$(lj .cpu.microsPerRequest)") us"
  if [ -n "$services_pid" ]; then
    row "load" "sample services' CPU over the same time" \
      "$(awk -v t="$(( cpu1 - cpu0 ))" -v hz="$(getconf CLK_TCK)" -v s="$(( t1 - t0 ))" -v n="$(lj .requests)" \
        'BEGIN { printf "%.0f%% of one core; %.1f us a request", 100 * t / hz / (s / 1000), 1e6 * t / hz / n }')"
    local scenario="$out_dir/load-healthz.yaml"
    printf 'endpoints:\n  - {name: healthz, method: GET, path: /healthz, weight: 1}\n' >"$scenario"
    echo "=== load: the same against $target/healthz (the generator's capacity)" >&2
    run_http_load "$target" healthz --scenario "$scenario"
    local hj="$out_dir/load-healthz.json"
    row "load" "... the same against the sample frontend's GET /healthz (no telemetry, no downstream call): requests/s; failures; p50 / p99" \
      "**$(printf '%.0f' "$(jq -r .requestsPerSecond "$hj")")** ($(fmt_int "$(jq -r .requests "$hj")")); $(jq -r .failures "$hj"); $(jq -r .latencyMs.p50 "$hj") / $(jq -r .latencyMs.p99 "$hj") ms"
    row "load" "... generator CPU: % of one core; per request" \
      "$(printf '%.0f' "$(jq -r .cpu.percentOfOneCore "$hj")")%; $(printf '%.1f' "$(jq -r .cpu.microsPerRequest "$hj")") us"
    stop_sample_services
  fi
}
