# shellcheck shell=bash disable=SC2154,SC2034  # sourced by bin/bench, which sets java, load_cp, out_dir, ...
# The `traces` phase of bin/bench, which sources this file (it uses bin/bench's helpers:
# start_appliance, wait_ready, stop_appliance, free_port, cpu_ticks, median, row, fmt_int, now_ms,
# tracking in pids and tmp_dirs; bin/bench-logs.bash's percentile, ms_of_us and heap_poller; and
# bin/bench-metrics.bash's wait_http_ready, await_size_settled and disk_bytes). Issue 5's figures,
# with OtlpSpanLoad (sample-api) sending a shop API's traces (~15 attributes a span):
#
#   a. ingest against Zipkin: io.zipkin:zipkin-server's exec jar (fetched through Maven into
#      target/zipkin/), in-memory (STORAGE_TYPE=mem), then the fat jar, one after the other, each
#      fed unpaced by the same generator with the same seed, batch and connections for
#      --trace-duration after --trace-warmup: Zipkin v2 JSON to /api/v2/spans, OTLP/HTTP protobuf
#      to /v1/traces. Spans acknowledged per second by each, and the ratio.
#   b. paced: --trace-rate spans/s (default 60,000) for --trace-paced-duration (default 60 s), after
#      10 s unpaced (its JIT) and --trace-warmup at the same rate (counted apart), into a fresh appliance: acknowledged, errors, latency, the heap's peak (jvm_memory_used_bytes
#      {area="heap"} every second), and the time until the last acknowledged traces are found by
#      id (GET /api/traces/{id}, Jaeger's query API).
#   c. store: --trace-records spans (default 10,000,000) over the --trace-span (default 24 h) before
#      the phase's start, as fast as the connections can, into a fresh appliance; then bytes per
#      span of traces/ (and of the traces WAL), trace by id over --byid-samples ids sampled from the
#      acknowledged traces (p50/p99), and GET /api/traces?service=frontend&minDuration=500ms over
#      the last 24 h (median/p90/p99 of --trace-search-runs).
#
# A build without the trace store answers 404 on GET /api/services: then b's searchable row and c's
# store rows say "skipped: this build has no trace store", and the WAL's bytes per span still show.

trace_duration=30          # seconds of unpaced load against each of Zipkin and Sightline
trace_warmup=15           # JIT of both JVMs: Zipkin still speeds up after 5 s here
trace_rate=60000           # spans/s of the paced run
paced_jit=10               # seconds of unpaced load, not reported, into the fresh appliance before the paced run
trace_paced_duration=60
trace_records=10000000
trace_span=86400           # seconds
trace_batch=500            # spans a request
trace_pool=256             # distinct bodies in the store run (ids and times are new on every send)
trace_parts=ingest,paced,store
trace_heap=""              # -Xmx of both Zipkin and the appliance in this phase; empty = the JVM's default
byid_samples=1000
trace_search_runs=20
trace_last_ids=20          # the newest acknowledged traces that must be found for "all searchable"
zipkin_version=3.6.1       # the newest io.zipkin:zipkin-server that resolved here (2026-11-30)
trace_service=frontend     # every trace's root service

# Runs OtlpSpanLoad in the background (so the trap can end it) and waits for it.
run_span_load() { # $1 label, then generator flags
  local label=$1 lpid rc=0
  shift
  echo "--- span load: $*" >&2
  "$java" -Xms256m -Xmx1g -cp "$load_cp" io.sightline.sample.load.OtlpSpanLoad --batch "$trace_batch" \
    --connections "$connections" --json "$out_dir/load-$label.json" "$@" >"$out_dir/load-$label.txt" &
  lpid=$!
  pids+=("$lpid")
  wait "$lpid" || rc=$?
  untrack "$lpid"
  cat "$out_dir/load-$label.txt" >&2
  [ "$rc" -le 1 ] || { echo "bench: the span load generator failed (exit $rc)" >&2; exit 1; }
  [ -s "$out_dir/load-$label.json" ] || { echo "bench: no JSON summary from the span load generator" >&2; exit 1; }
}

sj() { jq -r "$1" "$out_dir/load-$2.json"; }

# Fetches zipkin-server's exec jar into target/zipkin/ (offline first); sets zipkin_jar.
fetch_zipkin() {
  zipkin_jar="$root/target/zipkin/zipkin-server-$zipkin_version-exec.jar"
  [ -f "$zipkin_jar" ] && return 0
  echo "Fetching io.zipkin:zipkin-server:$zipkin_version (exec jar) through Maven..." >&2
  local args=(-q -B -N dependency:copy "-Dartifact=io.zipkin:zipkin-server:$zipkin_version:jar:exec"
    "-DoutputDirectory=$root/target/zipkin")
  (cd "$root" && { mvn -o "${args[@]}" 2>/dev/null || mvn "${args[@]}"; }) >&2 \
    || die "could not fetch io.zipkin:zipkin-server:$zipkin_version:jar:exec (--zipkin-version picks another)"
  [ -f "$zipkin_jar" ] || die "no $zipkin_jar after mvn dependency:copy"
}

# Starts Zipkin in memory on a free loopback port; sets zipkin_pid, zipkin_port.
start_zipkin() {
  zipkin_port=$(free_port)
  local heap=()
  [ -z "$trace_heap" ] || heap=(-Xmx"$trace_heap")
  STORAGE_TYPE=mem QUERY_PORT=$zipkin_port "$java" "${heap[@]}" -jar "$zipkin_jar" \
    >"$out_dir/zipkin.log" 2>&1 &
  zipkin_pid=$!
  pids+=("$zipkin_pid")
  wait_http_ready "http://127.0.0.1:$zipkin_port/health" "$zipkin_pid" "$out_dir/zipkin.log"
}

stop_zipkin() {
  stop_pid "$zipkin_pid" 300
}

# Whether this build serves Jaeger's query API: 404 (or nothing) on GET /api/services means no.
has_trace_api() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$http_port/api/services" || true)
  [ "$code" != "404" ] && [ "$code" != "000" ]
}

# Whether every one of the newest $trace_last_ids ids in $1 answers 200 with a trace.
last_traces_found() { # $1 the ids file
  local id
  for id in $(tail -n "$trace_last_ids" "$1"); do
    curl -s --max-time 10 "http://127.0.0.1:$http_port/api/traces/$id" \
      | jq -e '(.data // []) | length > 0' >/dev/null 2>&1 || return 1
  done
}

# Polls until the newest acknowledged traces are found by id; sets found_ms (from $2) or leaves it empty.
await_traces_found() { # $1 ids file, $2 from (ms), $3 timeout (s)
  found_ms=""
  local deadline=$(( $(now_ms) + $3 * 1000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    if last_traces_found "$1"; then
      found_ms=$(( $(now_ms) - $2 ))
      return 0
    fi
    sleep 0.5
  done
}

heap_max_row() { # $1 heap file, $2 from (ms) -> "max MiB; max after 30 s"
  awk -v t0="$2" '$2 >= 0 { if ($2 > m) m = $2; if ($1 - t0 >= 30000 && $2 > m30) m30 = $2; n++ }
    END { printf "%.0f MiB; after the first 30 s %s (%d readings)", m / 1048576, m30 ? sprintf("%.0f MiB", m30 / 1048576) : "n/a", n }' "$1"
}

start_heap_poller() { # $1 file; sets poller
  heap_poller "$1" &
  poller=$!
  pids+=("$poller")
}

stop_heap_poller() {
  kill "$poller" 2>/dev/null || true
  wait "$poller" 2>/dev/null || true
  untrack "$poller"
}

traces_ingest() {
  local unpaced=(--rate 0 --warmup "${trace_warmup}s" --duration "${trace_duration}s")
  echo "== traces a: Zipkin $zipkin_version in memory, unpaced for ${trace_duration}s after ${trace_warmup}s" >&2
  start_zipkin
  local cpu0 t0 zipkin_cpu
  cpu0=$(cpu_ticks "$zipkin_pid")
  t0=$(now_ms)
  run_span_load zipkin --zipkin --endpoint "http://127.0.0.1:$zipkin_port" "${unpaced[@]}"
  zipkin_cpu=$(awk -v t="$(( $(cpu_ticks "$zipkin_pid") - cpu0 ))" -v hz="$(getconf CLK_TCK)" -v s="$(( $(now_ms) - t0 ))" 'BEGIN { printf "%.0f", 100 * t / hz / (s / 1000) }')
  local zipkin_load app_load zipkin_oom=""
  zipkin_load=$(cut -d' ' -f1 /proc/loadavg)
  grep -q OutOfMemoryError "$out_dir/zipkin.log" && zipkin_oom="; **OutOfMemoryError** in its log"
  stop_zipkin

  echo "== traces a: Sightline, OTLP/HTTP, the same load" >&2
  [ -z "$trace_heap" ] || jvm_extra=(-Xmx"$trace_heap")
  start_appliance traces-ingest
  jvm_extra=()
  wait_ready
  cpu0=$(cpu_ticks "$app_pid")
  t0=$(now_ms)
  run_span_load sightline --endpoint "http://127.0.0.1:$otlp_port" "${unpaced[@]}"
  local app_cpu
  app_cpu=$(awk -v t="$(( $(cpu_ticks "$app_pid") - cpu0 ))" -v hz="$(getconf CLK_TCK)" -v s="$(( $(now_ms) - t0 ))" 'BEGIN { printf "%.0f", 100 * t / hz / (s / 1000) }')
  app_load=$(cut -d' ' -f1 /proc/loadavg)
  stop_appliance

  local z s
  z=$(sj .spansPerSecond zipkin)
  s=$(sj .spansPerSecond sightline)
  row "traces" "ingest, unpaced, $connections connections, batches of $trace_batch spans, ${trace_duration} s after ${trace_warmup} s: Zipkin $zipkin_version in memory (Zipkin v2 JSON), spans/s acknowledged" \
    "$(printf '%.0f' "$z") spans/s; non-2xx $(sj .rejectedRequests zipkin), failed $(sj .failedRequests zipkin); p99 $(sj .latencyMs.p99 zipkin) ms; server CPU ${zipkin_cpu}% of one core; load average (1 min) at the end $zipkin_load$zipkin_oom"
  row "traces" "... Sightline (OTLP/HTTP protobuf, the same spans), spans/s acknowledged" \
    "$(printf '%.0f' "$s") spans/s; non-2xx $(sj .rejectedRequests sightline) $(jq -c .statusCounts "$out_dir/load-sightline.json"), failed $(sj .failedRequests sightline); p99 $(sj .latencyMs.p99 sightline) ms; server CPU ${app_cpu}% of one core; load average (1 min) at the end $app_load"
  row "traces" "... Sightline / Zipkin" "$(awk -v a="$s" -v b="$z" 'BEGIN { if (b > 0) printf "**%.2f**", a / b; else print "n/a" }')"
}

traces_paced() {
  echo "== traces b: $trace_rate spans/s for ${trace_paced_duration}s into Sightline" >&2
  [ -z "$trace_heap" ] || jvm_extra=(-Xmx"$trace_heap")
  start_appliance traces-paced
  jvm_extra=()
  wait_ready
  local ids="$out_dir/traces-paced-ids.txt" heap_file="$out_dir/traces-paced-heap.txt" t0 t_end
  # A fresh JVM on these cores takes ~10 s to reach full speed; a schedule that starts cold falls
  # behind at once and, measured from the schedule, carries that backlog for the rest of the run.
  run_span_load paced-jit --endpoint "http://127.0.0.1:$otlp_port" --rate 0 --duration "${paced_jit}s"
  start_heap_poller "$heap_file"
  local cpu0
  cpu0=$(cpu_ticks "$app_pid")
  t0=$(now_ms)
  run_span_load paced --endpoint "http://127.0.0.1:$otlp_port" --rate "$trace_rate" --warmup "${trace_warmup}s" \
    --duration "${trace_paced_duration}s" --trace-ids-out "$ids"
  t_end=$(now_ms)
  local found_row cpu_row="n/a: the newest traces were not found"
  if has_trace_api; then
    await_traces_found "$ids" "$t_end" "$search_timeout"
    found_row=${found_ms:+"$found_ms ms"}
    found_row=${found_row:-"NO: the newest $trace_last_ids traces not all found after $search_timeout s"}
    if [ -n "$found_ms" ]; then
      # everything the appliance did for the paced spans (warm-up included): receiving, the WAL,
      # decoding, derived metrics, the store, Lucene, refreshes, merges, JIT and GC
      local spans
      spans=$(( $(sj .spansAcknowledged paced) + $(sj .warmupSpansAcknowledged paced) ))
      cpu_row=$(awk -v t="$(( $(cpu_ticks "$app_pid") - cpu0 ))" -v hz="$(getconf CLK_TCK)" -v n="$spans" \
        -v ms="$(( $(now_ms) - t0 ))" -v rate="$trace_rate" \
        'BEGIN { printf "%.1f µs a span (%d spans, %.0f s of CPU over %.0f s: %.0f%% of the 2 cores); the budget at %d spans/s on 2 cores: %.1f µs, the generator'"'"'s share included", 1e6 * t / hz / n, n, t / hz, ms / 1000, 100 * t / hz / (ms / 1000) / 2, rate, 2e6 / rate }')
    fi
  else
    found_row="skipped: this build has no trace store (404 on /api/services)"
  fi
  stop_heap_poller
  row "traces" "paced: target; achieved (acknowledged / s) over ${trace_paced_duration} s after ${trace_warmup} s at the same rate" \
    "$(fmt_int "$trace_rate"); $(printf '%.0f' "$(sj .spansPerSecond paced)") spans/s"
  row "traces" "... spans acknowledged; non-2xx; failed; not sent" \
    "$(fmt_int "$(sj .spansAcknowledged paced)"); $(sj .rejectedRequests paced) $(jq -c .statusCounts "$out_dir/load-paced.json"); $(sj .failedRequests paced); $(sj .notSent paced)"
  row "traces" "... request latency p50 / p99 / max" "$(sj .latencyMs.p50 paced) / $(sj .latencyMs.p99 paced) / $(sj .latencyMs.max paced) ms"
  row "traces" "... heap used (1 s readings from the load's start): max" "$(heap_max_row "$heap_file" "$t0")${trace_heap:+ with -Xmx$trace_heap}"
  row "traces" "... the newest $trace_last_ids acknowledged traces found by id, after the load ended" "$found_row"
  row "traces" "... appliance CPU from the paced load's start until they were found, a span" "$cpu_row"
  stop_appliance
}

# Times GET $1 (a URL list file, one a line) through one curl (one keep-alive connection); sets
# tq_times (µs, one a line) and tq_codes (status counts).
time_urls() { # $1 file of URLs
  local config="$1.curl" out
  awk '{ printf "url = \"%s\"\noutput = \"/dev/null\"\n", $0 }' "$1" >"$config"
  out=$(curl -s --max-time 600 -K "$config" -w '%{http_code} %{time_total}\n' || true)
  tq_times=$(awk '{ printf "%d\n", $2 * 1000000 }' <<<"$out")
  tq_codes=$(awk '{ c[$1]++ } END { for (k in c) printf "%s%s x %d", (n++ ? ", " : ""), k, c[k] }' <<<"$out")
}

traces_store() {
  local requests=$(( (trace_records + trace_batch - 1) / trace_batch ))
  local total=$(( requests * trace_batch ))
  # the WAL keeps each request as received (~600 B a span) beside the store's ~120 B target:
  # refuse early rather than fill the disk
  local need_kb avail_kb
  need_kb=$(( total * 900 / 1024 ))
  avail_kb=$(df -Pk "$data_root" | awk 'NR == 2 { print $4 }')
  [ "$avail_kb" -ge "$need_kb" ] || die "the traces store run needs ~$(( need_kb / 1048576 + 1 )) GiB free in $data_root, $(( avail_kb / 1048576 )) GiB there"
  local end_s
  end_s=$(date +%s)
  echo "=== traces c: $(fmt_int "$total") spans over ${trace_span} s before $(date -u -d "@$end_s" '+%F %T UTC')" >&2
  [ -z "$trace_heap" ] || jvm_extra=(-Xmx"$trace_heap")
  start_appliance traces-store
  jvm_extra=()
  wait_ready
  local ids="$out_dir/traces-store-ids.txt" heap_file="$out_dir/traces-store-heap.txt" t0 t_end
  start_heap_poller "$heap_file"
  t0=$(now_ms)
  run_span_load store --endpoint "http://127.0.0.1:$otlp_port" --rate 0 --max-requests "$requests" \
    --duration 24h --span "${trace_span}s" --span-end "$(( end_s * 1000 ))" --pool "$trace_pool" --trace-ids-out "$ids"
  t_end=$(now_ms)
  local acked api=false
  acked=$(sj .spansAcknowledged store)
  has_trace_api && api=true
  local found_row="skipped: this build has no trace store (404 on /api/services)"
  if $api; then
    local wait_s=$(( total / 5000 ))
    [ "$wait_s" -ge "$search_timeout" ] || wait_s=$search_timeout
    await_traces_found "$ids" "$t_end" "$wait_s"
    found_row=${found_ms:+"$(awk -v ms="$found_ms" 'BEGIN { printf "%.1f s", ms / 1000 }')"}
    found_row=${found_row:-"NO: the newest $trace_last_ids traces not all found after $wait_s s"}
  fi
  stop_heap_poller
  row "traces" "store: $(fmt_int "$total") spans over ${trace_span} s, unpaced, $connections connections; acknowledged / s" \
    "$(fmt_int "$acked") spans ($(fmt_int "$(wc -l <"$ids")") traces), $(printf '%.0f' "$(sj .spansPerSecond store)") spans/s over $(sj .elapsedSeconds store) s; non-2xx $(sj .rejectedRequests store), failed $(sj .failedRequests store)"
  row "traces" "... heap used while ingesting (1 s readings until found or the load's end): max" "$(heap_max_row "$heap_file" "$t0")${trace_heap:+ with -Xmx$trace_heap}"
  row "traces" "... the newest $trace_last_ids traces found by id, after the load ended" "$found_row"

  local wal="$data_dir/wal/traces"
  if [ -d "$wal" ]; then
    row "traces" "... WAL: du of wal/traces / spans acknowledged" \
      "$(awk -v d="$(disk_bytes "$wal")" -v n="$acked" 'BEGIN { printf "%.0f B a span (%.0f MiB)", d / n, d / 1048576 }')"
  fi
  if [ -d "$data_dir/traces" ]; then
    echo "waiting until $data_dir/traces stops changing..." >&2
    await_size_settled "$data_dir/traces"
    row "traces" "disk: du of traces/ once settled / spans acknowledged" \
      "$(awk -v d="$(disk_bytes "$data_dir/traces")" -v n="$acked" 'BEGIN { printf "**%.1f B** a span (%.0f MiB)", d / n, d / 1048576 }')"
  else
    row "traces" "disk: du of traces/ / spans acknowledged" "skipped: this build has no traces/ directory"
  fi

  if ! $api; then
    row "traces" "trace by id; search service=$trace_service minDuration=500ms over 24 h" "skipped: this build has no trace store (404 on /api/services)"
    stop_appliance
    return
  fi
  local sample="$out_dir/traces-byid-urls.txt"
  shuf -n "$byid_samples" "$ids" | awk -v b="http://127.0.0.1:$http_port/api/traces/" '{ print b $0 }' >"$sample"
  time_urls "$sample"  # warm: the first pass reads from disk
  time_urls "$sample"
  row "traces" "trace by id (GET /api/traces/{id}, $(wc -l <"$sample") ids sampled from the acknowledged traces, one connection, second pass): p50 / p99 / max" \
    "$(ms_of_us "$(percentile 50 <<<"$tq_times")") / **$(ms_of_us "$(percentile 99 <<<"$tq_times")")** / $(ms_of_us "$(percentile 100 <<<"$tq_times")") ms ($tq_codes)"

  local start_us=$(( (end_s - 86400) * 1000000 )) end_us=$(( end_s * 1000000 ))
  local url="http://127.0.0.1:$http_port/api/traces?service=$trace_service&minDuration=500ms&start=$start_us&end=$end_us&limit=20"
  local answer
  answer=$(curl -s --max-time 300 "$url" || true)
  printf '%s\n' "$url" >"$out_dir/traces-search-url.txt"
  for _ in $(seq 2 "$trace_search_runs"); do echo "$url"; done >>"$out_dir/traces-search-url.txt"
  time_urls "$out_dir/traces-search-url.txt"
  row "traces" "search: GET /api/traces?service=$trace_service&minDuration=500ms&limit=20 over the last 24 h, $trace_search_runs runs after one untimed: median / p90 / p99" \
    "$(ms_of_us "$(median <<<"$tq_times")") / $(ms_of_us "$(percentile 90 <<<"$tq_times")") / **$(ms_of_us "$(percentile 99 <<<"$tq_times")")** ms ($tq_codes; $(jq -r '"\(.data // [] | length) traces, \([.data[]?.spans | length] | add // 0) spans"' <<<"$answer" 2>/dev/null || echo "unreadable answer"))"
  stop_appliance
}

phase_traces() {
  if [[ ",$trace_parts," == *,ingest,* ]]; then
    fetch_zipkin
    traces_ingest
  fi
  [[ ",$trace_parts," != *,paced,* ]] || traces_paced
  [[ ",$trace_parts," != *,store,* ]] || traces_store
}
