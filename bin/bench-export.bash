# shellcheck shell=bash disable=SC2154,SC2034  # sourced by bin/bench, which sets java, load_cp, out_dir, ...
# The `export` phase of bin/bench, which sources this file (it uses bin/bench's helpers:
# start_appliance, wait_ready, stop_appliance, stop_pid, free_port, cpu_ticks, row, fmt_int, now_ms,
# tracking in pids and tmp_dirs; bin/bench-metrics.bash's wait_http_ready; bin/bench-traces.bash's
# run_span_load flags). Issue 9's figures. The receivers run beside the appliance; their CPU is not
# counted in the appliance's. By default (--export-receiver sink) both exporters send to ExportSink
# (io.sightline.sample.load.ExportSink, run from the load classpath): a receiver of OTLP/HTTP and
# Prometheus remote_write 1.0 that decodes every request fully (opentelemetry-proto classes; snappy
# and a protobuf walk for remote_write), counts the items and keeps nothing. That is the
# OpenTelemetry Collector testbed's practice of measuring an exporter against a mock backend that
# only receives and counts. On two shared cores a receiving Sightline takes 0.3-0.9 of a core
# beside the appliance at 100,000 samples/s and ~1.3 cores while a drain delivers ~28,000 spans/s,
# so the figures measured it as much as the exporter (a span catch-up of 4.6x real time against it).
# --export-receiver sightline sends to second Sightlines as before. The sink's /metrics carries
# sightline_ingest_items_accepted_total{signal=...}, so the checks read it as they read a Sightline's.
#
#   cost: the appliance ingests --export-metrics-rate samples/s (RemoteWriteLoad, remote_write 1.0,
#      --export-series series) for --export-duration after --export-warmup, once without any
#      exporter and once with a remote_write exporter to the receiver; then the same with
#      --export-span-rate spans/s (OtlpSpanLoad, OTLP/HTTP) and an otlp_http exporter. Each run is a
#      fresh appliance (and receiver), --export-repeats pairs of them per signal. Figure: the
#      appliance's CPU (utime + stime of /proc/<pid>/stat) over the measured window as a fraction of
#      one core, without and with, and with / without - 1; the same for the all-in CPU per item
#      (from the load's start until every consumer is at lag 0); the medians of the pairs. Beside
#      them, from the with-run alone: the CPU of the forwarding threads (the exporter's export-*
#      tailer and shard senders, which also compress, and the JDK HTTP client's HttpClient-*
#      threads, from /proc/<pid>/task) over the window, as a share of the rest of the appliance's
#      CPU: what forwarding costs without the run-to-run swing of two separate runs, but without
#      its indirect costs (garbage collection, caches) either.
#      Checks: the exporter's lag right at the window's end, then (after the load) lag 0, sent
#      items = items the appliance accepted, nothing failed or dropped, and the receiver accepted
#      what was sent.
#   catchup: one appliance with both exporters (remote_write for metrics, otlp_http for traces, each
#      retry.max_backoff 1s so the drain is not a backoff wait, backlog.max_bytes 16GiB so nothing is
#      dropped) whose receivers are not started; both loads at --export-outage-metrics-rate and
#      --export-outage-span-rate. After --export-outage the receivers are started; the outage is from
#      the loads' start to their readiness. The loads go on for outage / 5 + 30 s more, so
#      the exporter drains while live data keeps coming. The backlog is drained once every WAL entry
#      written before the receivers were ready is forwarded: lag 0, or the oldest unforwarded entry
#      (lagSeconds of GET /api/v1/status/exporters, polled every 0.5 s) younger than the time since
#      the receivers became ready. Catch-up speed = outage / drain time, per signal. Each receiver's
#      CPU over its signal's drain is reported beside it.

export_metrics_rate=100000   # samples/s of the cost runs
export_span_rate=30000       # spans/s of the cost runs
export_series=100000         # active series of the metrics loads
export_duration=60           # seconds of the measured window
export_warmup=60             # seconds of load at the same rate before it: the JIT (busiest in the first minute), the receiver's start
export_outage=600            # seconds the receiver is down in the catch-up run
export_outage_metrics_rate=20000
export_outage_span_rate=5000
export_parts=cost,catchup
export_signals=metrics,traces  # the signals of the cost runs
export_repeats=3             # pairs of cost runs (without, with) per signal; the figure is their median
export_drain_timeout=900     # longest wait for a drain or for lag 0, seconds
export_max_backoff=1s        # retry.max_backoff in the bench's exporters file (the default is 30s)
export_receiver=sink         # where the exporters send: sink (ExportSink) or sightline (a second Sightline)

# Launches a second Sightline on the given ports and a fresh data dir without waiting; sets
# recv_pid, recv_dir, recv_base, recv_log.
launch_receiver() { # $1 label, $2 http port, $3 otlp grpc port, $4 otlp http port
  recv_dir=$(mktemp -d "$data_root/sightline-receiver.XXXXXX")
  tmp_dirs+=("$recv_dir")
  recv_log="$out_dir/receiver-$1.log"
  "$java" --sun-misc-unsafe-memory-access=allow -jar "$jar" serve --data-dir "$recv_dir" --bind 127.0.0.1 \
    --http-port "$2" --otlp-grpc-port "$3" --otlp-http-port "$4" >"$recv_log" 2>&1 &
  recv_pid=$!
  pids+=("$recv_pid")
  recv_base="http://127.0.0.1:$2"
}

# Launches ExportSink on the given port without waiting; sets recv_pid, recv_base, recv_log, and
# recv_dir empty (it keeps nothing).
launch_sink() { # $1 label, $2 port
  recv_dir=""
  recv_log="$out_dir/receiver-$1.log"
  "$java" -Xms64m -Xmx512m -cp "$load_cp" io.sightline.sample.load.ExportSink --port "$2" >"$recv_log" 2>&1 &
  recv_pid=$!
  pids+=("$recv_pid")
  recv_base="http://127.0.0.1:$2"
}

# A signal's receiver (--export-receiver): ExportSink, or a second Sightline on all three ports; as
# launch_receiver. Sets recv_target, the port the exporter sends to.
launch_export_receiver() { # $1 signal, $2 label, $3 http port, $4 otlp grpc port, $5 otlp http port
  if [ "$export_receiver" = sink ]; then
    launch_sink "$2" "$3"
    recv_target=$3
  else
    launch_receiver "$2" "$3" "$4" "$5"
    if [ "$1" = metrics ]; then recv_target=$3; else recv_target=$5; fi
  fi
}

# What receives the exports, for the results table.
receiver_text() {
  if [ "$export_receiver" = sink ]; then
    echo "ExportSink (decodes and counts, keeps nothing)"
  else
    echo "a second Sightline"
  fi
}

stop_receiver() { # $1 pid, $2 data dir (default: the last receiver's; none for the sink)
  stop_pid "${1:-$recv_pid}" 300
  local dir=${2-$recv_dir}
  [ -z "$dir" ] || rm -rf "$dir"
}

# Writes the bench's exporters file; $1 file, then pairs of "metrics|traces <receiver port>".
write_exporters() {
  local file=$1 signal port
  shift
  echo "exporters:" >"$file"
  while [ $# -gt 0 ]; do
    signal=$1 port=$2
    shift 2
    if [ "$signal" = metrics ]; then
      printf '  - name: bench-rw\n    protocol: remote_write\n    endpoint: http://127.0.0.1:%s/api/v1/write\n' "$port" >>"$file"
    else
      printf '  - name: bench-otlp\n    protocol: otlp_http\n    endpoint: http://127.0.0.1:%s\n    signals: [traces]\n' "$port" >>"$file"
    fi
    printf '    retry: {initial_backoff: 100ms, max_backoff: %s}\n    backlog: {max_bytes: 16GiB}\n' "$export_max_backoff" >>"$file"
  done
}

exporter_name() { if [ "$1" = metrics ]; then echo bench-rw; else echo bench-otlp; fi; }

# One exporter's state from GET /api/v1/status/exporters as JSON (empty when absent).
exporter_state() { # $1 signal
  curl -s --max-time 5 "http://127.0.0.1:$http_port/api/v1/status/exporters" \
    | jq -c --arg n "$(exporter_name "$1")" --arg s "$1" '.data[]? | select(.name == $n and .signal == $s)' 2>/dev/null || true
}

accepted_items() { # $1 base URL, $2 signal -> sum of sightline_ingest_items_accepted_total{signal=$2}
  { curl -s --max-time 10 "$1/metrics" || true; } | awk -v s="signal=\"$2\"" \
    '/^sightline_ingest_items_accepted_total\{/ && index($0, s) { t += $NF } END { printf "%.0f", t }'
}

# Waits until the exporter of $1 reports lag 0; sets lag0_ms (from the call) or leaves it empty.
await_lag_zero() { # $1 signal
  lag0_ms=""
  local t0 deadline
  t0=$(now_ms)
  deadline=$(( t0 + export_drain_timeout * 1000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    if [ "$(exporter_state "$1" | jq -r '.lagEntries // empty')" = "0" ]; then
      lag0_ms=$(( $(now_ms) - t0 ))
      return 0
    fi
    sleep 0.5
  done
}

lag0_text() { if [ -n "$lag0_ms" ]; then echo "$lag0_ms ms after the load"; else echo "NOT reached in ${export_drain_timeout} s"; fi; }

# Waits until the appliance's WAL consumers (sightline_wal_consumer_lag_entries) are all at lag 0.
await_wal_idle() {
  local deadline=$(( $(now_ms) + export_drain_timeout * 1000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    [ "$(wal_lag_total)" != "0" ] || return 0
    sleep 0.5
  done
  echo "bench: the WAL consumers did not reach lag 0 in ${export_drain_timeout} s" >&2
}

# Starts the load of $1 at rate $2 for $3 s in the background against the current appliance; sets load_pid.
start_export_load() { # $1 signal, $2 rate, $3 seconds, $4 label
  local log="$out_dir/load-$4.txt"
  if [ "$1" = metrics ]; then
    # simulated scrapes advance rate / series * 15 s per second: start far enough back never to catch up
    local ago=$(( $2 * 15 * ($3 + 30) / export_series + 600 ))
    "$java" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -Xms256m -Xmx1g -cp "$load_cp" io.sightline.sample.load.RemoteWriteLoad \
      --endpoint "http://127.0.0.1:$http_port/api/v1/write" --connections 4 --batch 2000 --series "$export_series" \
      --rate "$2" --duration "${3}s" --start-ago "${ago}s" --progress 30s --json "$out_dir/load-$4.json" >"$log" 2>&1 &
  else
    "$java" -Xms256m -Xmx1g -cp "$load_cp" io.sightline.sample.load.OtlpSpanLoad --endpoint "http://127.0.0.1:$otlp_port" \
      --batch 500 --connections 4 --rate "$2" --duration "${3}s" --progress 30s --json "$out_dir/load-$4.json" >"$log" 2>&1 &
  fi
  load_pid=$!
  pids+=("$load_pid")
}

wait_export_load() { # $1 pid, $2 label
  local rc=0
  wait "$1" || rc=$?
  untrack "$1"
  tail -n 12 "$out_dir/load-$2.txt" >&2
  [ "$rc" -le 1 ] || { echo "bench: the export load generator failed (exit $rc), see $out_dir/load-$2.txt" >&2; exit 1; }
  [ -s "$out_dir/load-$2.json" ] || { echo "bench: no JSON summary from the export load generator" >&2; exit 1; }
}

declare -A xres=()  # "<signal>.<without|with>.<figure>" -> value

# One measured run: $1 signal, $2 without|with, $3 repetition (names the logs).
export_cost_run() {
  local signal=$1 mode=$2 label="export-$1-$2-$3" rate unit
  if [ "$signal" = metrics ]; then rate=$export_metrics_rate unit=samples; else rate=$export_span_rate unit=spans; fi
  echo "== export cost: $signal at $rate $unit/s, $mode exporter" >&2
  if [ "$mode" = with ]; then
    local rh rg ro
    rh=$(free_port) rg=$(free_port) ro=$(free_port)
    launch_export_receiver "$signal" "$label" "$rh" "$rg" "$ro"
    wait_http_ready "$recv_base/-/ready" "$recv_pid" "$recv_log"
    local target=$recv_target
    write_exporters "$out_dir/exporters-$label.yml" "$signal" "$target"
    app_extra=(--export.config-file "$out_dir/exporters-$label.yml")
  fi
  start_appliance "$label"
  app_extra=()
  wait_ready
  local cpu_s acc_s
  cpu_s=$(cpu_ticks "$app_pid")
  acc_s=$(accepted_items "http://127.0.0.1:$http_port" "$signal")
  start_export_load "$signal" "$rate" $(( export_warmup + export_duration )) "$label"
  sleep "$export_warmup"
  local cpu0 t0 cpu1 t1 acc0 fwd0 fwd1
  fwd0=$(forwarding_ticks "$app_pid")
  cpu0=$(cpu_ticks "$app_pid")
  t0=$(now_ms)
  acc0=$(accepted_items "http://127.0.0.1:$http_port" "$signal")
  wait_export_load "$load_pid" "$label"
  cpu1=$(cpu_ticks "$app_pid")
  fwd1=$(forwarding_ticks "$app_pid")
  t1=$(now_ms)
  local acc1 hz
  acc1=$(accepted_items "http://127.0.0.1:$http_port" "$signal")
  hz=$(getconf CLK_TCK)
  xres[$signal.$mode.cpu]=$(awk -v t="$(( cpu1 - cpu0 ))" -v hz="$hz" -v s="$(( t1 - t0 ))" 'BEGIN { printf "%.4f", t / hz / (s / 1000) }')
  xres[$signal.$mode.rate]=$(awk -v n="$(( acc1 - acc0 ))" -v s="$(( t1 - t0 ))" 'BEGIN { printf "%.0f", n / (s / 1000) }')
  xres[$signal.$mode.window]=$(awk -v s="$(( t1 - t0 ))" 'BEGIN { printf "%.1f", s / 1000 }')
  xres[$signal.$mode.errors]=$(jq -r '"\(.rejectedRequests) non-2xx, \(.failedRequests) failed, \(.notSent // 0) not sent"' "$out_dir/load-$label.json")
  xres[$signal.$mode.load]=$(cut -d' ' -f1-3 /proc/loadavg)
  xres[$signal.$mode.forwarding]=$(awk -v f="$(( fwd1 - fwd0 ))" -v t="$(( cpu1 - cpu0 ))" -v hz="$hz" -v s="$(( t1 - t0 ))" \
    'BEGIN { printf "%.1f %.3f", 100 * f / (t > f ? t - f : 1), f / hz / (s / 1000) }')
  if [ "$mode" = with ]; then
    local st
    st=$(exporter_state "$signal")
    xres[$signal.lagend]="$(jq -r '"\(.lagEntries) entries, \(.lagSeconds) s"' <<<"$st")"
    await_lag_zero "$signal"
    await_wal_idle
    st=$(exporter_state "$signal")
    local accepted sent received
    accepted=$(accepted_items "http://127.0.0.1:$http_port" "$signal")
    sent=$(jq -r .sentItems <<<"$st")
    # a Sightline writes derived span metrics to its metrics WAL too: with spans, metrics sent > accepted
    received=$(accepted_items "$recv_base" "$signal")
    xres[$signal.check]="lag 0 $(lag0_text); accepted $(fmt_int "$accepted"), sent $(fmt_int "$sent"), receiver accepted $(fmt_int "$received"); failed $(jq -r .failedItems <<<"$st"), dropped $(jq -r .droppedItems <<<"$st"), retries $(jq -r .retries <<<"$st")"
    if [ "$sent" = "$accepted" ] && [ "$received" = "$sent" ] && [ -n "$lag0_ms" ]; then
      xres[$signal.ok]=yes
    else
      xres[$signal.ok]=NO
    fi
    curl -s --max-time 5 "http://127.0.0.1:$http_port/metrics" | grep '^sightline_exporter_' >"$out_dir/metrics-$label.txt" || true
  else
    await_wal_idle
  fi
  # Work the window left behind (indexing, forwarding: low-priority threads that wait while the
  # cores are busy) is counted too: CPU from the load's start until every consumer caught up.
  xres[$signal.$mode.allin]=$(awk -v t="$(( $(cpu_ticks "$app_pid") - cpu_s ))" -v hz="$hz" \
    -v n="$(( $(accepted_items "http://127.0.0.1:$http_port" "$signal") - acc_s ))" 'BEGIN { printf "%.3f", 1e6 * t / hz / n }')
  stop_appliance
  [ "$mode" = without ] || stop_receiver
}

# utime + stime of the appliance's forwarding threads: export-* (tailers and shard senders) and the
# JDK HTTP client's HttpClient-* (only exporters use it in the bench's appliance). A thread that ended
# since the last call takes its ticks with it: the shard senders and the client's workers live as
# long as batches keep coming, which they do in the window.
forwarding_ticks() { # $1 pid
  local task total=0 stat fields
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      export-*|HttpClient-*) ;;
      *) continue ;;
    esac
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    read -r -a fields <<<"${stat##*) }"
    total=$(( total + fields[11] + fields[12] ))
  done
  echo "$total"
}

median_of() { # the median of the arguments (numbers; bin/bench's median reads stdin and rounds)
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# --export-repeats pairs of runs (without, then with) per signal: run-to-run swings of the added
# CPU (a few points either way: JIT, G1's heap sizing, the receiver on the same cores) are larger
# than the differences that matter, so the figure is the median of the pairs' ratios.
export_cost() {
  local signal unit rate rep
  for signal in metrics traces; do
    [[ ",$export_signals," == *,$signal,* ]] || continue
    if [ "$signal" = metrics ]; then rate=$export_metrics_rate unit=samples; else rate=$export_span_rate unit=spans; fi
    local proto="remote_write" windows=() allins=() shares=() ok=yes
    [ "$signal" = metrics ] || proto="otlp_http"
    for rep in $(seq 1 "$export_repeats"); do
      export_cost_run "$signal" without "$rep"
      export_cost_run "$signal" with "$rep"
      local a=${xres[$signal.without.cpu]} b=${xres[$signal.with.cpu]} ia=${xres[$signal.without.allin]} ib=${xres[$signal.with.allin]}
      local window allin
      window=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", 100 * (b / a - 1) }')
      allin=$(awk -v a="$ia" -v b="$ib" 'BEGIN { printf "%.1f", 100 * (b / a - 1) }')
      windows+=("$window")
      allins+=("$allin")
      local share fwd_core
      read -r share fwd_core <<<"${xres[$signal.with.forwarding]}"
      shares+=("$share")
      [ "${xres[$signal.ok]}" = yes ] || ok=NO
      row "export" "$signal at $(fmt_int "$rate") $unit/s, ${export_duration} s after ${export_warmup} s, pair $rep: appliance CPU without / with an exporter ($proto to $(receiver_text)), ingested $unit/s, load average; all-in CPU per item (warm-up included, until the WAL consumers and the exporter are at lag 0)" \
        "$(awk -v c="$a" 'BEGIN { printf "%.3f", c }') / $(awk -v c="$b" 'BEGIN { printf "%.3f", c }') of one core: **$(printf '%+.1f' "$window")%** ($(fmt_int "${xres[$signal.without.rate]}")/s, $(fmt_int "${xres[$signal.with.rate]}")/s; ${xres[$signal.with.errors]}; load ${xres[$signal.without.load]} / ${xres[$signal.with.load]}); all-in $ia / $ib µs: **$(printf '%+.1f' "$allin")%**"
      row "export" "... pair $rep: the forwarding threads' CPU in the with-run's window (export-*, HttpClient-*), as a share of the rest of the appliance's" \
        "$fwd_core of one core: **$(printf '%.1f' "$share")%**"
      row "export" "... pair $rep: the exporter's lag at the window's end; after the load" "${xres[$signal.lagend]}; ${xres[$signal.check]} (all forwarded: ${xres[$signal.ok]})"
    done
    row "export" "$signal: CPU added by forwarding, median of the $export_repeats pairs (target <= +15%): in the window; all-in" \
      "**$(printf '%+.1f' "$(median_of "${windows[@]}")")%**; **$(printf '%+.1f' "$(median_of "${allins[@]}")")%** (all forwarded in every pair: $ok)"
    row "export" "$signal: the forwarding threads' share, median of the $export_repeats with-runs (target <= 15%)" \
      "**$(printf '%.1f' "$(median_of "${shares[@]}")")%**"
  done
}

export_catchup() {
  # Two receivers, so each one's CPU is its signal's: and a Sightline derives span metrics from the
  # spans it receives, so one receiving Sightline of both the spans and the sender's (equally
  # derived) metrics would refuse the forwarded copies of its own series as out of order.
  local mh mg mo th tg to cfg="$out_dir/exporters-export-catchup.yml"
  mh=$(free_port) mg=$(free_port) mo=$(free_port) th=$(free_port) tg=$(free_port) to=$(free_port)
  local mt=$mh tt=$to
  [ "$export_receiver" != sink ] || tt=$th
  write_exporters "$cfg" metrics "$mt" traces "$tt"
  echo "== export catch-up: receiver down for ${export_outage} s while $export_outage_metrics_rate samples/s and $export_outage_span_rate spans/s arrive" >&2
  app_extra=(--export.config-file "$cfg")
  start_appliance export-catchup
  app_extra=()
  wait_ready
  local live=$(( export_outage / 5 + 30 )) t0 mpid spid
  t0=$(now_ms)
  start_export_load metrics "$export_outage_metrics_rate" $(( export_outage + live )) export-catchup-metrics
  mpid=$load_pid
  start_export_load traces "$export_outage_span_rate" $(( export_outage + live )) export-catchup-traces
  spid=$load_pid
  sleep "$export_outage"
  local before_m before_t
  before_m=$(exporter_state metrics)
  before_t=$(exporter_state traces)
  echo "before the receiver starts: metrics $before_m; traces $before_t" >&2
  launch_export_receiver metrics export-catchup-metrics "$mh" "$mg" "$mo"
  local m_pid=$recv_pid m_dir=$recv_dir m_base=$recv_base m_log=$recv_log
  launch_export_receiver traces export-catchup-traces "$th" "$tg" "$to"
  local t_pid=$recv_pid t_dir=$recv_dir t_base=$recv_base t_log=$recv_log
  wait_http_ready "$m_base/-/ready" "$m_pid" "$m_log"
  wait_http_ready "$t_base/-/ready" "$t_pid" "$t_log"
  local t_ready outage_ms m_cpu0 t_cpu0 m_cpu1="" t_cpu1=""
  t_ready=$(now_ms)
  m_cpu0=$(cpu_ticks "$m_pid")
  t_cpu0=$(cpu_ticks "$t_pid")
  outage_ms=$(( t_ready - t0 ))
  local m_ms="" t_ms="" deadline=$(( t_ready + export_drain_timeout * 1000 )) now st sig
  while [ -z "$m_ms" ] || [ -z "$t_ms" ]; do
    now=$(now_ms)
    [ "$now" -lt "$deadline" ] || break
    for sig in metrics traces; do
      if [ "$sig" = metrics ] && [ -n "$m_ms" ]; then continue; fi
      if [ "$sig" = traces ] && [ -n "$t_ms" ]; then continue; fi
      st=$(exporter_state "$sig")
      [ -n "$st" ] || continue
      if jq -e --argjson since "$(( now - t_ready ))" '.lagEntries == 0 or (.lagSeconds * 1000 < $since)' <<<"$st" >/dev/null; then
        if [ "$sig" = metrics ]; then
          m_ms=$(( now - t_ready )) m_cpu1=$(cpu_ticks "$m_pid")
        else
          t_ms=$(( now - t_ready )) t_cpu1=$(cpu_ticks "$t_pid")
        fi
        echo "$sig: backlog drained $(( now - t_ready )) ms after the receiver was ready: $st" >&2
      fi
    done
    sleep 0.5
  done
  wait_export_load "$mpid" export-catchup-metrics
  wait_export_load "$spid" export-catchup-traces
  local unit rate drained backlog cpu_used hz
  hz=$(getconf CLK_TCK)
  for sig in metrics traces; do
    await_lag_zero "$sig"
    st=$(exporter_state "$sig")
    local accepted received before
    cpu_used=0
    accepted=$(accepted_items "http://127.0.0.1:$http_port" "$sig")
    if [ "$sig" = metrics ]; then received=$(accepted_items "$m_base" "$sig"); else received=$(accepted_items "$t_base" "$sig"); fi
    if [ "$sig" = metrics ]; then
      drained=$m_ms rate=$export_outage_metrics_rate unit=samples before=$before_m
      [ -z "$m_cpu1" ] || cpu_used=$(( m_cpu1 - m_cpu0 ))
    else
      drained=$t_ms rate=$export_outage_span_rate unit=spans before=$before_t
      [ -z "$t_cpu1" ] || cpu_used=$(( t_cpu1 - t_cpu0 ))
    fi
    backlog=$(jq -r '"\(.lagEntries) WAL entries, the oldest \(.lagSeconds) s old; \(.retries) retries"' <<<"$before")
    row "export" "catch-up, $sig: $(fmt_int "$rate") $unit/s with its receiver, $(receiver_text), down for $(awk -v s="$outage_ms" 'BEGIN { printf "%.0f", s / 1000 }') s (loads' start to its readiness); backlog then" "$backlog"
    if [ -n "$drained" ]; then
      row "export" "... backlog drained (every entry written before the receiver was ready forwarded), after readiness, while the load went on; catch-up speed = outage / drain (target >= 5)" \
        "$(awk -v d="$drained" 'BEGIN { printf "%.1f s", d / 1000 }'); **$(awk -v o="$outage_ms" -v d="$drained" 'BEGIN { printf "%.1f", o / (d > 0 ? d : 1) }')x** real time"
      row "export" "... the receiver's CPU over the drain (its readiness to the backlog drained; not the appliance's)" \
        "$(awk -v t="$cpu_used" -v hz="$hz" -v d="$drained" 'BEGIN { printf "%.2f of one core", t / hz / (d > 0 ? d / 1000 : 1) }')"
    else
      row "export" "... backlog drained; catch-up speed" "NO: not drained within ${export_drain_timeout} s"
    fi
    row "export" "... after the load: lag 0; accepted by the appliance / sent / accepted by the receiver; failed, dropped" \
      "$(lag0_text); $(fmt_int "$accepted") / $(fmt_int "$(jq -r .sentItems <<<"$st")") / $(fmt_int "$received"); $(jq -r .failedItems <<<"$st"), $(jq -r .droppedItems <<<"$st")"
  done
  curl -s --max-time 5 "http://127.0.0.1:$http_port/metrics" | grep '^sightline_exporter_' >"$out_dir/metrics-export-catchup.txt" || true
  stop_appliance
  stop_receiver "$m_pid" "$m_dir"
  stop_receiver "$t_pid" "$t_dir"
}

phase_export() {
  [[ ",$export_parts," != *,cost,* ]] || export_cost
  [[ ",$export_parts," != *,catchup,* ]] || export_catchup
}
