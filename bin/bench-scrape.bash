# shellcheck shell=bash disable=SC2154,SC2034  # sourced by bin/bench, which sets java, load_cp, out_dir, ...
# The `scrape` phase of bin/bench, which sources this file (it uses bin/bench's helpers: free_port,
# start_appliance, wait_ready, stop_appliance, stop_pid, now_ms, cpu_ticks, row, fmt_int, tracking
# in pids, and bench-metrics.bash's prometheus_bin and wait_http_ready).
# Issue 9's figure: scraping 1,000 targets x 1,000 series at 15 s uses under half a core.
#
#   1. Starts the target server (io.sightline.sample.load.ScrapeTargetServer): --scrape-targets
#      listening sockets on 127.0.0.1, each its own target (own port, own instance) with a page of
#      --scrape-series text-format series (counters, histograms, gauges) whose values move.
#   2. Writes one Prometheus configuration (job bench, every target, --scrape-interval, timeout 10 s)
#      and starts both the appliance (--scrape.config-file, series limits raised to fit) and
#      Debian's Prometheus (--prometheus) with it, each on a fresh data directory.
#   3. Waits until every target is up in both, then --scrape-warmup more (JIT, head growth).
#   4. For --scrape-measure seconds: each process's CPU (utime + stime from /proc/<pid>/stat) as a
#      fraction of one core; the target server's CPU is its own process and not counted. Samples
#      written per second are read back from each: the scraped samples of the window
#      (sum_over_time of scrape_samples_post_metric_relabeling) plus the 5 report series a scrape.
#      With --scrape-jfr, a JFR recording (settings=profile) of the appliance over the window goes
#      to scrape-sightline.jfr, and its hottest frames (jdk.ExecutionSample tops) to
#      scrape-sightline-top.txt (the recording costs a little CPU itself).

scrape_targets=1000
scrape_series=1000
scrape_interval=15
scrape_warmup=60
scrape_measure=120
scrape_jfr=false

# An instant query against $1 (base URL) at time $3 (unix s, optional); prints the first value or "".
scrape_query() {
  curl -s --max-time 60 "$1/api/v1/query" --data-urlencode "query=$2" ${3:+--data-urlencode "time=$3"} \
    | jq -r '.data.result[0].value[1] // empty' 2>/dev/null || true
}

phase_scrape() {
  [ -x "$prometheus_bin" ] || die "the scrape phase needs Prometheus at $prometheus_bin (Debian: apt-get install prometheus), or --prometheus FILE"
  echo "=== scrape: $(fmt_int "$scrape_targets") targets x $(fmt_int "$scrape_series") series every ${scrape_interval}s" >&2
  local addresses="$out_dir/scrape-targets.txt" config="$out_dir/scrape-prometheus.yml" tpid
  "$java" -Xms256m -Xmx1g -cp "$load_cp" io.sightline.sample.load.ScrapeTargetServer --targets "$scrape_targets" \
    --series "$scrape_series" --addresses "$addresses" >"$out_dir/scrape-targets.log" 2>&1 &
  tpid=$!
  pids+=("$tpid")
  local deadline=$(( $(now_ms) + 60000 ))
  until [ -s "$addresses" ]; do
    kill -0 "$tpid" 2>/dev/null || { cat "$out_dir/scrape-targets.log" >&2; die "the target server exited"; }
    [ "$(now_ms)" -lt "$deadline" ] || die "the target server did not list its addresses within 60 s"
    sleep 0.2
  done
  {
    printf 'global:\n  scrape_interval: %ss\n  scrape_timeout: %ss\nscrape_configs:\n  - job_name: bench\n' \
      "$scrape_interval" "$(( scrape_interval < 10 ? scrape_interval : 10 ))"
    printf '    static_configs:\n      - targets:\n'
    sed "s/.*/          - '&'/" "$addresses"
  } >"$config"

  local limit=$(( scrape_targets * (scrape_series + 5) * 2 ))
  app_extra=(--scrape.config-file "$config" --metrics.max-series "$limit" --metrics.max-series-per-metric "$limit")
  start_appliance scrape
  app_extra=()
  wait_ready
  local sl_base="http://127.0.0.1:$http_port"

  local pdir pport ppid plog="$out_dir/prometheus-scrape.log"
  pdir=$(mktemp -d "$data_root/prometheus-bench.XXXXXX")
  tmp_dirs+=("$pdir")
  pport=$(free_port)
  "$prometheus_bin" --config.file="$config" --storage.tsdb.path="$pdir/tsdb" \
    --web.listen-address="127.0.0.1:$pport" >"$plog" 2>&1 &
  ppid=$!
  pids+=("$ppid")
  local pr_base="http://127.0.0.1:$pport"
  wait_http_ready "$pr_base/-/ready" "$ppid" "$plog"

  echo "waiting until all $scrape_targets targets are up in both..." >&2
  local base up
  deadline=$(( $(now_ms) + (4 * scrape_interval + 120) * 1000 ))
  for base in "$sl_base" "$pr_base"; do
    while :; do
      up=$(scrape_query "$base" 'count(up{job="bench"} == 1)')
      [ "${up:-0}" = "$scrape_targets" ] && break
      [ "$(now_ms)" -lt "$deadline" ] || die "$base: only ${up:-0} of $scrape_targets targets up"
      sleep 2
    done
  done
  echo "all up; warming up for ${scrape_warmup}s" >&2
  sleep "$scrape_warmup"

  local t0 t1 s0 s1 p0 p1 load0 hz
  hz=$(getconf CLK_TCK)
  load0=$(cut -d' ' -f1-3 /proc/loadavg)
  t0=$(now_ms)
  s0=$(cpu_ticks "$app_pid")
  p0=$(cpu_ticks "$ppid")
  if $scrape_jfr; then
    "$JAVA_HOME/bin/jcmd" "$app_pid" JFR.start name=scrape settings=profile duration="${scrape_measure}s" \
      filename="$out_dir/scrape-sightline.jfr" >/dev/null
  fi
  sleep "$scrape_measure"
  t1=$(now_ms)
  s1=$(cpu_ticks "$app_pid")
  p1=$(cpu_ticks "$ppid")
  local secs end window
  secs=$(awk -v ms="$(( t1 - t0 ))" 'BEGIN { printf "%.1f", ms / 1000 }')
  end=$(( t1 / 1000 ))
  window=$(( (t1 - t0) / 1000 ))
  local q="sum(sum_over_time(scrape_samples_post_metric_relabeling{job=\"bench\"}[${window}s])) + 5 * sum(count_over_time(up{job=\"bench\"}[${window}s]))"
  local sl_samples pr_samples sl_dur pr_dur sl_up pr_up
  sl_samples=$(scrape_query "$sl_base" "$q" "$end")
  pr_samples=$(scrape_query "$pr_base" "$q" "$end")
  sl_dur=$(scrape_query "$sl_base" 'quantile(0.5, scrape_duration_seconds{job="bench"})' "$end")
  pr_dur=$(scrape_query "$pr_base" 'quantile(0.5, scrape_duration_seconds{job="bench"})' "$end")
  sl_up=$(scrape_query "$sl_base" 'count(up{job="bench"} == 1)' "$end")
  pr_up=$(scrape_query "$pr_base" 'count(up{job="bench"} == 1)' "$end")
  local cores='BEGIN { printf "%.2f", t / hz / s }'
  row "scrape" "$(fmt_int "$scrape_targets") targets x $(fmt_int "$scrape_series") series every ${scrape_interval} s, CPU over ${secs} s as a fraction of one core: Sightline; Debian's Prometheus (load average before: $load0)" \
    "**$(awk -v t="$(( s1 - s0 ))" -v hz="$hz" -v s="$secs" "$cores")**; $(awk -v t="$(( p1 - p0 ))" -v hz="$hz" -v s="$secs" "$cores")"
  row "scrape" "samples written per second (scraped + report series, read back over the window): Sightline; Prometheus" \
    "$(awk -v n="${sl_samples:-0}" -v s="$window" 'BEGIN { printf "%.0f", n / s }'); $(awk -v n="${pr_samples:-0}" -v s="$window" 'BEGIN { printf "%.0f", n / s }')"
  row "scrape" "targets up; median scrape_duration_seconds: Sightline; Prometheus" \
    "${sl_up:-?}, ${sl_dur:-?} s; ${pr_up:-?}, ${pr_dur:-?} s"
  row "scrape" "VmRSS at the end: Sightline; Prometheus" \
    "$(( $(status_kb "$app_pid" VmRSS) / 1024 )) MiB; $(( $(status_kb "$ppid" VmRSS) / 1024 )) MiB"
  if $scrape_jfr; then
    sleep 2 # the recording ends with the window; let it be written
    "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample "$out_dir/scrape-sightline.jfr" \
      | awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); top[$0]++; n++ }
             END { for (f in top) printf "%6d %5.1f%% %s\n", top[f], 100 * top[f] / n, f }' \
      | sort -rn | head -n 40 >"$out_dir/scrape-sightline-top.txt"
    echo "hottest frames of the appliance (of all its threads):" >&2
    head -n 15 "$out_dir/scrape-sightline-top.txt" >&2
  fi
  stop_pid "$ppid" 300
  stop_appliance
  stop_pid "$tpid" 20
}
