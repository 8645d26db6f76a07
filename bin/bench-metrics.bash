# shellcheck shell=bash disable=SC2154  # sourced by bin/bench, which sets java, load_cp, out_dir, ...
# The `metrics` phase of bin/bench, which sources this file (it uses bin/bench's helpers: free_port,
# start_appliance, wait_ready, stop_appliance, cpu_ticks, status_kb, median, tracking in pids and
# tmp_dirs). It compares Sightline with Debian's Prometheus 2.42 over the same HTTP protocols:
# remote_write 1.0 in, the Prometheus query API out. Each system is started twice on a fresh data
# directory and free loopback port, one after the other, never both at once:
#
#   1. ingest: RemoteWriteLoad sends --metrics-series active series (default 100,000; 15 s
#      simulated scrapes from 2 h ago) as fast as --metrics-connections senders can for
#      --metrics-duration after --metrics-warmup; figure: samples acknowledged (2xx) per second.
#      Then heap per active series after a forced GC:
#        Prometheus: GET /debug/pprof/heap?gc=1 (runs runtime.GC()), then go_memstats_heap_inuse_bytes
#                    from /metrics, divided by prometheus_tsdb_head_series;
#        Sightline:  jcmd <pid> GC.run, then jvm_memory_used_bytes{area="heap"} from /metrics (or the
#                    "used" figure of jcmd GC.heap_info), divided by the series sent.
#      Both also as the growth over the same measurement taken before the load.
#   2. store: the same --query-series series (default 1,000) backfilled from a 2 h boundary 3.5-5.5 h
#      ago up to the phase's start, at 15 s: the same samples for both (same start, scrape count
#      and seed). Then:
#        Prometheus: wait until its head is no longer compactable (span <= 3 h, >= 1 block), then
#                    bytes of the compacted blocks / their meta.json numSamples, and the whole
#                    TSDB directory (blocks, head chunks, WAL) / samples acknowledged;
#        Sightline:  the data directory / samples acknowledged, once its size stops changing.
#      Disk is du's allocated size. Then the median of --query-runs timings (after one untimed
#      run) of two range queries over the last hour of that data at a 15 s step.
#
# A Sightline without metrics ingest (404 on POST /api/v1/write) is reported "not available".

metrics_series=100000
metrics_duration=60
metrics_warmup=10
metrics_connections=4
metrics_batch=2000
query_series=1000
query_runs=20
prometheus_bin=/usr/bin/prometheus
settle_timeout=180

metrics_queries=(
  'sum by (job) (rate(http_requests_total[5m]))'
  'histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))'
)

declare -A mres=()  # "<system>.<figure>" -> value
metric_rows=()
metric_notes=()

# Runs RemoteWriteLoad in the background (so the trap can end it) and waits for it.
run_metric_load() { # $1 label, then generator flags
  local label=$1 lpid rc=0
  shift
  echo "--- metrics load: $*" >&2
  "$java" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -Xms256m -Xmx1g -cp "$load_cp" \
    io.sightline.sample.load.RemoteWriteLoad --endpoint "$sys_write" --connections "$metrics_connections" \
    --batch "$metrics_batch" --json "$out_dir/load-$label.json" "$@" >"$out_dir/load-$label.txt" &
  lpid=$!
  pids+=("$lpid")
  wait "$lpid" || rc=$?
  untrack "$lpid"
  cat "$out_dir/load-$label.txt" >&2
  [ "$rc" -le 1 ] || { echo "bench: the metrics load generator failed (exit $rc)" >&2; exit 1; }
  [ -s "$out_dir/load-$label.json" ] || { echo "bench: no JSON summary from the load generator" >&2; exit 1; }
}

wait_http_ready() { # $1 URL, $2 pid, $3 log
  local deadline=$(( $(now_ms) + ready_timeout * 1000 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$1" || true)" = "200" ]; do
    if ! kill -0 "$2" 2>/dev/null || [ "$(now_ms)" -gt "$deadline" ]; then
      echo "bench: $1 did not answer 200; the end of $3:" >&2
      tail -n 30 "$3" >&2
      exit 1
    fi
    sleep 0.05
  done
}

# Starts a system on a fresh data dir; sets sys_pid, sys_base, sys_write, sys_data, sys_log.
start_system() { # $1 prometheus|sightline, $2 label
  if [ "$1" = prometheus ]; then
    local dir port
    dir=$(mktemp -d "$data_root/prometheus-bench.XXXXXX")
    tmp_dirs+=("$dir")
    port=$(free_port)
    printf 'global:\n  scrape_interval: 15s\nscrape_configs: []\n' >"$dir/prometheus.yml"
    sys_data="$dir/tsdb"
    sys_log="$out_dir/prometheus-$2.log"
    # Nothing to scrape: all data comes by remote_write. The admin API is not needed (compaction
    # is awaited, not forced). Default retention (15 d) and block ranges (2 h).
    "$prometheus_bin" --config.file="$dir/prometheus.yml" --storage.tsdb.path="$sys_data" \
      --web.listen-address="127.0.0.1:$port" --web.enable-remote-write-receiver >"$sys_log" 2>&1 &
    sys_pid=$!
    pids+=("$sys_pid")
    sys_base="http://127.0.0.1:$port"
    wait_http_ready "$sys_base/-/ready" "$sys_pid" "$sys_log"
  else
    start_appliance "$2"
    wait_ready
    sys_pid=$app_pid
    sys_data=$data_dir
    sys_log=$app_log
    sys_base="http://127.0.0.1:$http_port"
  fi
  sys_write="$sys_base/api/v1/write"
}

stop_system() { # $1 prometheus|sightline
  if [ "$1" = sightline ]; then stop_appliance; return; fi
  kill -TERM "$sys_pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$sys_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$sys_pid" 2>/dev/null || true
  wait "$sys_pid" 2>/dev/null || true
  untrack "$sys_pid"
  rm -rf "$(dirname "$sys_data")"
}

# 404 on POST /api/v1/write (an empty body) means no remote_write receiver; anything else is one.
remote_write_available() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST -H 'Content-Type: application/x-protobuf' \
    -H 'Content-Encoding: snappy' -H 'X-Prometheus-Remote-Write-Version: 0.1.0' --data-binary '' "$sys_write" || true)
  [ "$code" != "404" ] && [ "$code" != "000" ]
}

metric_value() { # $1 metric line prefix (name or name{labels}) -> the value as an integer, or empty
  { curl -s --max-time 10 "$sys_base/metrics" || true; } \
    | awk -v m="$1" 'index($0, m) == 1 && substr($0, length(m) + 1, 1) == " " && v == "" { v = $NF } END { if (v != "") printf "%.0f", v }'
}

heap_after_gc() { # $1 system -> heap bytes in use after a forced collection
  if [ "$1" = prometheus ]; then
    curl -s -o /dev/null --max-time 60 "$sys_base/debug/pprof/heap?gc=1" || true
    metric_value go_memstats_heap_inuse_bytes
    return
  fi
  "$JAVA_HOME/bin/jcmd" "$sys_pid" GC.run >/dev/null 2>&1 || true
  local v
  v=$(curl -s --max-time 10 "$sys_base/metrics" \
    | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ { s += $NF; n++ } END { if (n) printf "%.0f", s }')
  if [ -z "$v" ]; then
    v=$({ "$JAVA_HOME/bin/jcmd" "$sys_pid" GC.heap_info 2>/dev/null || true; } | grep -o 'used [0-9]*K' | sed -n '1s/[^0-9]//gp')
    [ -z "$v" ] || v=$(( v * 1024 ))
  fi
  echo "$v"
}

disk_bytes() { du -sk "$1" | awk '{ printf "%.0f\n", $1 * 1024 }'; }  # printf: mawk prints 4.2e+09 for print

metrics_ingest() { # $1 system
  start_system "$1" "metrics-ingest-$1"
  if [ "$1" = sightline ] && ! remote_write_available; then
    mres[sightline.ingest]="not available"
    mres[sightline.missing]="not available"
    metric_notes+=("Sightline answered 404 on POST /api/v1/write: no remote_write receiver in this build.")
    stop_system "$1"
    return
  fi
  local heap0 cpu0 t0 cpu1 t1 j="$out_dir/load-ingest-$1.json"
  heap0=$(heap_after_gc "$1")
  cpu0=$(cpu_ticks "$sys_pid")
  t0=$(now_ms)
  run_metric_load "ingest-$1" --series "$metrics_series" --rate 0 --warmup "${metrics_warmup}s" \
    --duration "${metrics_duration}s" --start-ago 2h
  cpu1=$(cpu_ticks "$sys_pid")
  t1=$(now_ms)
  mres[$1.ingest]=$(jq -r '.samplesPerSecond | floor' "$j")
  mres[$1.errors]="$(jq -r '.rejectedRequests + .failedRequests' "$j") $(jq -c '.statusCounts' "$j")"
  mres[$1.p99]=$(jq -r .latencyMs.p99 "$j")
  mres[$1.cpu]=$(awk -v t="$(( cpu1 - cpu0 ))" -v hz="$(getconf CLK_TCK)" -v s="$(( t1 - t0 ))" 'BEGIN { printf "%.0f", 100 * t / hz / (s / 1000) }')
  [ "$(jq -r .caughtUp "$j")" = "false" ] \
    || metric_notes+=("$1: the ingest run caught up with the wall clock and waited; its rate is bounded by that.")
  local heap1 series
  heap1=$(heap_after_gc "$1")
  series=$metrics_series
  if [ "$1" = prometheus ]; then series=$(metric_value prometheus_tsdb_head_series); fi
  mres[$1.series]=$series
  if [ -n "$heap1" ] && [ "${series:-0}" -gt 0 ]; then
    mres[$1.heap]=$(( heap1 / series ))
    [ -z "$heap0" ] || mres[$1.heapgrowth]=$(( (heap1 - heap0) / series ))
  fi
  mres[$1.rss]=$(( $(status_kb "$sys_pid" VmRSS) / 1024 ))
  stop_system "$1"
}

# OTLP/HTTP metrics into Sightline only (Prometheus 2.42 has no OTLP receiver): the same series
# shape as cumulative sums, gauges and histograms in ExportMetricsServiceRequest protobuf.
metrics_ingest_otlp() {
  start_system sightline "metrics-otlp-sightline"
  local j="$out_dir/load-otlp-sightline.json"
  run_metric_load "otlp-sightline" --otlp --endpoint "http://127.0.0.1:$otlp_port/v1/metrics" \
    --series "$metrics_series" --rate 0 --warmup "${metrics_warmup}s" --duration "${metrics_duration}s" --start-ago 2h
  mres[sightline.otlp]=$(jq -r '.samplesPerSecond | floor' "$j")
  mres[sightline.otlperrors]="$(jq -r '.rejectedRequests + .failedRequests' "$j") $(jq -c '.statusCounts' "$j")"
  [ "$(jq -r .caughtUp "$j")" = "false" ] \
    || metric_notes+=("sightline (OTLP): the ingest run caught up with the wall clock and waited; its rate is bounded by that.")
  stop_system sightline
}

# Waits until Prometheus's head is no longer compactable: at least one block, head span <= 3 h.
await_prometheus_compaction() {
  local deadline=$(( $(now_ms) + settle_timeout * 1000 )) blocks lo hi
  while [ "$(now_ms)" -lt "$deadline" ]; do
    blocks=$(metric_value prometheus_tsdb_blocks_loaded)
    lo=$(metric_value prometheus_tsdb_head_min_time)
    hi=$(metric_value prometheus_tsdb_head_max_time)
    if [ "${blocks:-0}" -ge 1 ] && [ -n "$lo" ] && [ -n "$hi" ] && [ $(( hi - lo )) -le 10800000 ]; then return 0; fi
    sleep 1
  done
  metric_notes+=("prometheus: head compaction not finished within ${settle_timeout} s; disk figures taken anyway.")
}

# Waits until the directory's size is unchanged over three readings two seconds apart.
await_sightline_block() { # waits up to 150 s for the first persisted TSDB block
  local deadline=$(( $(now_ms) + 150000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    compgen -G "$sys_data/metrics/blocks/*/meta.json" >/dev/null && return 0
    sleep 2
  done
  echo "no TSDB block appeared within 150 s" >&2
}

await_size_settled() { # $1 dir
  local deadline=$(( $(now_ms) + settle_timeout * 1000 )) last="" same=0 size
  while [ "$(now_ms)" -lt "$deadline" ] && [ "$same" -lt 2 ]; do
    size=$(disk_bytes "$1")
    if [ "$size" = "$last" ]; then same=$(( same + 1 )); else same=0; fi
    last=$size
    sleep 2
  done
}

time_query() { # $1 promql, $2 start, $3 end; sets q_median (µs, median of query_runs) and q_shape
  local body times=() i t
  q_median=""
  body=$(curl -s -G --max-time 120 "$sys_base/api/v1/query_range" --data-urlencode "query=$1" \
    --data-urlencode "start=$2" --data-urlencode "end=$3" --data-urlencode "step=15")
  if [ "$(jq -r '.status' <<<"$body" 2>/dev/null)" != "success" ]; then
    q_shape="failed: $(head -c 200 <<<"$body")"
    return
  fi
  q_shape="$(jq '.data.result | length' <<<"$body") series x $(jq '[.data.result[].values | length] | max' <<<"$body") points"
  for i in $(seq 1 "$query_runs"); do
    t=$(curl -s -o /dev/null -w '%{time_total}' -G --max-time 120 "$sys_base/api/v1/query_range" \
      --data-urlencode "query=$1" --data-urlencode "start=$2" --data-urlencode "end=$3" --data-urlencode "step=15")
    times+=("$(awk -v t="$t" 'BEGIN { printf "%d", t * 1000000 }')")
  done
  q_median=$(printf '%s\n' "${times[@]}" | median)
}

metrics_store() { # $1 system
  start_system "$1" "metrics-store-$1"
  if [ "$1" = sightline ] && ! remote_write_available; then
    mres[sightline.store]="not available"
    mres[sightline.missing]="not available"
    stop_system "$1"
    return
  fi
  run_metric_load "backfill-$1" --series "$query_series" --rate 0 --start-at "$backfill_start_ms" \
    --scrapes "$backfill_scrapes" --duration 10m
  local j="$out_dir/load-backfill-$1.json" acked end
  acked=$(jq -r '.samplesAcknowledged + .warmupSamplesAcknowledged' "$j")
  end=$(( $(jq -r .simulatedEndMillis "$j") / 1000 ))
  mres[$1.backfill]=$acked
  local bytes=0 samples=0 meta
  if [ "$1" = prometheus ]; then
    await_prometheus_compaction
    for meta in "$sys_data"/*/meta.json; do
      [ -f "$meta" ] || continue
      bytes=$(( bytes + $(disk_bytes "$(dirname "$meta")") ))
      samples=$(( samples + $(jq -r .stats.numSamples "$meta") ))
    done
  else
    # Sightline cuts a block once its head spans 3 h, at the next compaction run (every 60 s).
    await_sightline_block
    for meta in "$sys_data"/metrics/blocks/*/meta.json; do
      [ -f "$meta" ] || continue
      bytes=$(( bytes + $(disk_bytes "$(dirname "$meta")") ))
      samples=$(( samples + $(jq -r .samples "$meta") ))
    done
    await_size_settled "$sys_data"
  fi
  [ "$samples" -eq 0 ] || mres[$1.blockbps]=$(awk -v b="$bytes" -v s="$samples" 'BEGIN { printf "%.2f", b / s }')
  mres[$1.blocksamples]=$samples
  [ "${acked:-0}" -eq 0 ] || mres[$1.dirbps]=$(awk -v b="$(disk_bytes "$sys_data")" -v s="$acked" 'BEGIN { printf "%.2f", b / s }')
  local code q i=0
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$sys_base/api/v1/query_range?query=up&start=$(( end - 60 ))&end=$end&step=15" || true)
  for q in "${metrics_queries[@]}"; do
    i=$(( i + 1 ))
    if [ "$code" = "404" ]; then mres[$1.q$i]="not available"; continue; fi
    time_query "$q" "$(( end - 3600 ))" "$end"
    mres[$1.q$i]=$q_median
    mres[$1.q${i}shape]=$q_shape
  done
  stop_system "$1"
}

is_number() { [[ "$1" =~ ^[0-9]+(\.[0-9]+)?$ ]]; }

mrow() { # $1 figure, $2 key, $3 unit, $4 awk divisor for display (default 1), $5 display decimals
  local p=${mres[prometheus.$2]:-} s=${mres[sightline.$2]:-${mres[sightline.missing]:-}} div=${4:-1} dec=${5:-0} pv sv ratio="—"
  pv=$p; sv=$s
  if is_number "$p"; then pv="$(awk -v v="$p" -v d="$div" -v n="$dec" 'BEGIN { printf "%.*f", n, v / d }') $3"; fi
  if is_number "$s"; then sv="$(awk -v v="$s" -v d="$div" -v n="$dec" 'BEGIN { printf "%.*f", n, v / d }') $3"; fi
  if is_number "$p" && is_number "$s" && awk -v v="$p" 'BEGIN { exit !(v > 0) }'; then
    ratio=$(awk -v a="$s" -v b="$p" 'BEGIN { printf "%.2f", a / b }')
  fi
  metric_rows+=("| $1 | ${pv:-?} | ${sv:-?} | $ratio |")
}

phase_metrics() {
  [ -x "$prometheus_bin" ] || die "the metrics phase needs Prometheus at $prometheus_bin (Debian: apt-get install prometheus), or --prometheus FILE"
  local now block=7200000
  now=$(now_ms)
  backfill_start_ms=$(( (now - 12600000) / block * block ))  # a 2 h boundary 3.5 to 5.5 h ago
  backfill_scrapes=$(( (now - backfill_start_ms) / 15000 - 1 ))
  echo "=== metrics: Prometheus ($("$prometheus_bin" --version 2>&1 | head -n 1)) and Sightline" >&2
  local sys
  for sys in prometheus sightline; do
    echo "== metrics ingest: $sys, $metrics_series series, unpaced for ${metrics_duration}s after ${metrics_warmup}s" >&2
    metrics_ingest "$sys"
    echo "== metrics store: $sys, $query_series series, $backfill_scrapes scrapes from $backfill_start_ms ms" >&2
    metrics_store "$sys"
  done
  if [ "${mres[sightline.missing]:-}" != "not available" ]; then
    echo "== metrics ingest over OTLP/HTTP: sightline, $metrics_series series" >&2
    metrics_ingest_otlp
  fi
  mrow "ingest: samples/s acknowledged, $(( metrics_series / 1000 ))k series, $metrics_connections connections (higher is better)" ingest "/s"
  metric_rows+=("| ... non-2xx + failed requests | ${mres[prometheus.errors]:-?} | ${mres[sightline.errors]:-${mres[sightline.missing]:-?}} | |")
  mrow "... request latency p99" p99 ms 1 1
  metric_rows+=("| ingest: samples/s acknowledged over OTLP/HTTP protobuf, $(( metrics_series / 1000 ))k series (Prometheus 2.42 has no OTLP receiver) | — | ${mres[sightline.otlp]:-${mres[sightline.missing]:-?}} /s | |")
  metric_rows+=("| ... non-2xx + failed requests | — | ${mres[sightline.otlperrors]:-?} | |")
  mrow "... server CPU during the load, % of one core" cpu "%"
  mrow "heap per active series after GC (lower is better)" heap B
  mrow "... growth over the idle heap, per series" heapgrowth B
  mrow "RSS after the ingest run" rss MiB
  mrow "disk per sample, compacted 2 h blocks (bytes / meta.json numSamples)" blockbps B 1 2
  mrow "disk per sample, whole data dir / samples acknowledged" dirbps B 1 2
  local i=0 q
  for q in "${metrics_queries[@]}"; do
    i=$(( i + 1 ))
    mrow "\`$q\`, 1 h at 15 s, median of $query_runs (lower is better)" "q$i" ms 1000 2
    metric_rows+=("| ... result | ${mres[prometheus.q${i}shape]:-?} | ${mres[sightline.q${i}shape]:-${mres[sightline.missing]:-?}} | |")
  done
  metric_notes+=("Backfill: $query_series series, $backfill_scrapes scrapes at 15 s from $(date -u -d "@$(( backfill_start_ms / 1000 ))" '+%H:%M UTC'): ${mres[prometheus.backfill]:-?} samples acknowledged by Prometheus, ${mres[sightline.backfill]:-n/a} by Sightline; ${mres[prometheus.blocksamples]:-?} of Prometheus's and ${mres[sightline.blocksamples]:-?} of Sightline's in persisted blocks. Sightline's whole data directory includes the metrics WAL, kept until the head is persisted.")
}
