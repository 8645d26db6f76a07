# shellcheck shell=bash disable=SC2154,SC2034  # sourced by bin/bench, which sets java, load_cp, out_dir, ...
# The `rules` phase of bin/bench, which sources this file (it uses bin/bench's helpers: free_port,
# start_appliance, wait_ready, stop_appliance, stop_pid, now_ms, row, fmt_int, tracking in pids).
# Issue 7's figures: evaluate 1,000 rules over 10,000 series at a 15 s interval using under 10% of
# one core; the first notification within `for` + one evaluation interval + `group_wait`.
#
#   1. Writes 1,000 rules in 10 groups of 100 (interval 15s), each group over one of the load's 10
#      jobs: recording rules (request rates by path, p99 latency from the histogram buckets) and
#      alerting rules (error ratio, p90 latency), each reading 300-550 series; plus one group with
#      the alert BenchFlip (`bench_flip > 0`, for: 30s).
#   2. Starts a webhook sink (python3) and the appliance with those rules, the sink as its webhook
#      receiver (group_by alertname, group_wait 30s, Alertmanager's default).
#   3. Feeds --rules-series series with RemoteWriteLoad (15 s scrapes, an hour of history first, then
#      in step with the clock), waits until the history is in and two evaluation rounds have run.
#   4. For --rules-measure seconds: the CPU time of the appliance's rule-evaluation threads (user +
#      system from /proc/<pid>/task/*, each evaluation including the WAL append of its results) as
#      % of one core; beside it the groups' last evaluation times from /api/v1/rules, summed, per
#      15 s.
#   5. Sends bench_flip = 1 over OTLP/HTTP JSON and times the first webhook notification of
#      BenchFlip from then, against 30 s + 15 s + 30 s.

rules_series=10000
rules_measure=120
rules_groups=10
rules_per_group=100
rules_interval=15
rules_flip_for=30
rules_group_wait=30

# The rule file: $1 path.
write_bench_rules() {
  awk -v groups="$rules_groups" -v per="$rules_per_group" -v interval="$rules_interval" -v flipfor="$rules_flip_for" 'BEGIN {
    split("api-gateway checkout catalog payments users search inventory shipping notifications auth", jobs, " ")
    print "groups:"
    for (g = 0; g < groups; g++) {
      job = jobs[g % 10 + 1]
      printf "  - name: bench-%d\n    interval: %ds\n    rules:\n", g, interval
      for (i = 0; i < per; i++) {
        n = g * per + i
        k = i % 4
        if (k == 0) {
          printf "      - record: job_path:http_requests:rate5m_%d\n        expr: sum by (job, path) (rate(http_requests_total{job=\"%s\"}[5m]))\n", n, job
        } else if (k == 1) {
          printf "      - record: job:http_request_duration_seconds:p99_%d\n        expr: histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket{job=\"%s\"}[5m])))\n", n, job
        } else if (k == 2) {
          printf "      - alert: HighErrorRatio%d\n        expr: sum by (job) (rate(http_requests_total{job=\"%s\",status=\"500\"}[5m])) / sum by (job) (rate(http_requests_total{job=\"%s\"}[5m])) > 0.3\n        for: 1m\n        labels: {severity: warning}\n        annotations: {summary: \"{{ $labels.job }} fails {{ humanizePercentage $value }} of requests\"}\n", n, job, job
        } else {
          printf "      - alert: HighLatency%d\n        expr: histogram_quantile(0.9, sum by (le, path) (rate(http_request_duration_seconds_bucket{job=\"%s\"}[5m]))) > 2\n        for: 10m\n        labels: {severity: page}\n        annotations: {summary: \"p90 {{ humanizeDuration $value }} on {{ $labels.path }}\"}\n", n, job
        }
      }
    }
    printf "  - name: bench-notify\n    interval: %ds\n    rules:\n      - alert: BenchFlip\n        expr: bench_flip > 0\n        for: %ds\n", interval, flipfor
  }' >"$1"
}

# A webhook sink on $1 appending "<arrival ms> <body>" lines to $2; sets sink_pid.
start_webhook_sink() {
  python3 - "$1" "$2" >"$out_dir/webhook-sink.log" 2>&1 <<'PY' &
import http.server, sys, time
port, out = int(sys.argv[1]), sys.argv[2]
class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(out, "a") as f:
            f.write("%d %s\n" % (int(time.time() * 1000), body.decode().replace("\n", " ")))
        self.send_response(200)
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), Sink).serve_forever()
PY
  sink_pid=$!
  pids+=("$sink_pid")
}

rule_thread_ticks() { # $1 pid -> user + system ticks of its rule-evaluation threads
  local total=0 task
  for task in /proc/"$1"/task/*; do
    [[ "$(cat "$task/comm" 2>/dev/null)" == rule-evaluatio* ]] || continue
    total=$(( total + $(sed 's/^.*) //' "$task/stat" | awk '{ print $12 + $13 }') ))
  done
  echo "$total"
}

phase_rules() {
  command -v python3 >/dev/null || die "the rules phase needs python3 (its webhook sink)"
  local rules_file="$out_dir/rules-bench.yml" sink_port sink_file="$out_dir/webhook-sink.txt"
  write_bench_rules "$rules_file"
  : >"$sink_file"
  sink_port=$(free_port)
  start_webhook_sink "$sink_port" "$sink_file"
  echo "=== rules: $(( rules_groups * rules_per_group )) rules over $(fmt_int "$rules_series") series, every ${rules_interval}s" >&2
  app_extra=(--rules.files "$rules_file" --alerting.webhook-urls "bench=http://127.0.0.1:$sink_port/hook"
    --alerting.group-by alertname --alerting.group-wait "${rules_group_wait}s")
  start_appliance rules
  app_extra=()
  wait_ready
  sys_write="http://127.0.0.1:$http_port/api/v1/write"
  local lpid run_s=$(( rules_measure + 420 ))
  "$java" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -Xms256m -Xmx512m -cp "$load_cp" \
    io.sightline.sample.load.RemoteWriteLoad --endpoint "$sys_write" --connections 2 --series "$rules_series" \
    --interval "${rules_interval}s" --start-ago 1h --rate 0 --duration "${run_s}s" --progress 0 \
    --json "$out_dir/load-rules.json" >"$out_dir/load-rules.txt" 2>&1 &
  lpid=$!
  pids+=("$lpid")
  # The history is in once the newest scrape is within two intervals of now.
  local deadline=$(( $(now_ms) + 600000 )) newest=0
  while [ "$(now_ms)" -lt "$deadline" ]; do
    newest=$(curl -s --max-time 5 "http://127.0.0.1:$http_port/api/v1/query" --data-urlencode 'query=max(timestamp(up))' \
      | jq -r '.data.result[0].value[1] // 0' 2>/dev/null || echo 0)
    [ "$(awk -v n="$newest" -v now="$(date +%s)" -v i="$rules_interval" 'BEGIN { print (now - n < 2 * i) ? 1 : 0 }')" = 1 ] && break
    sleep 2
  done
  sleep $(( 2 * rules_interval + 15 ))   # two evaluation rounds with the whole history, and the JIT
  local t0 c0 t1 c1
  t0=$(now_ms)
  c0=$(rule_thread_ticks "$app_pid")
  sleep "$rules_measure"
  t1=$(now_ms)
  c1=$(rule_thread_ticks "$app_pid")
  local rules_json="$out_dir/rules-status.json"
  curl -s --max-time 10 "http://127.0.0.1:$http_port/api/v1/rules" >"$rules_json"
  local count ok eval_sum firing
  count=$(jq '[.data.groups[].rules[]] | length' "$rules_json")
  ok=$(jq '[.data.groups[].rules[] | select(.health == "ok")] | length' "$rules_json")
  eval_sum=$(jq '[.data.groups[].evaluationTime] | add' "$rules_json")
  firing=$(curl -s --max-time 10 "http://127.0.0.1:$http_port/api/v1/alerts" | jq '[.data.alerts[] | select(.state == "firing")] | length')
  row "rules" "$(fmt_int "$count") rules ($ok healthy) in $(( rules_groups + 1 )) groups every ${rules_interval} s over $(fmt_int "$rules_series") series: CPU of the rule-evaluation threads over ${rules_measure} s" \
    "**$(awk -v t="$(( c1 - c0 ))" -v hz="$(getconf CLK_TCK)" -v ms="$(( t1 - t0 ))" 'BEGIN { printf "%.1f%%", 100 * t / hz / (ms / 1000) }')** of one core"
  row "rules" "... the groups' last evaluation times (/api/v1/rules), summed; per ${rules_interval} s" \
    "$(awk -v s="$eval_sum" -v i="$rules_interval" 'BEGIN { printf "%.0f ms; %.1f%% of the interval", 1000 * s, 100 * s / i }'); $firing alerts firing"

  # The first notification of an alert that becomes true now.
  local flip_ms body sent_ms="" line
  flip_ms=$(now_ms)
  body=$(printf '{"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"bench"}}]},"scopeMetrics":[{"metrics":[{"name":"bench_flip","gauge":{"dataPoints":[{"asDouble":1,"timeUnixNano":"%d000000"}]}}]}]}]}' "$flip_ms")
  curl -s -o /dev/null --max-time 5 -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$otlp_port/v1/metrics"
  deadline=$(( flip_ms + 240000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    line=$(grep -m1 '"alertname":"BenchFlip"' "$sink_file" || true)
    if [ -n "$line" ]; then
      sent_ms=${line%% *}
      break
    fi
    sleep 0.2
  done
  row "rules" "first notification of BenchFlip (for ${rules_flip_for} s, group_wait ${rules_group_wait} s) at the webhook sink, from the sample that made it true" \
    "$([ -n "$sent_ms" ] && echo "**$(( (sent_ms - flip_ms) / 1000 )).$(( (sent_ms - flip_ms) % 1000 / 100 )) s**" || echo "NOT received within 240 s"); bound: for + interval + group_wait = $(( rules_flip_for + rules_interval + rules_group_wait )) s"
  stop_pid "$lpid" 50
  stop_appliance
  stop_pid "$sink_pid" 20
}
