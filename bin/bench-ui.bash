# shellcheck shell=bash disable=SC2154,SC2034  # sourced by bin/bench, which sets java, jar, out_dir, ...
# The `ui` phase of bin/bench, which sources this file (it uses bin/bench's helpers: free_port,
# now_ms, row, stop_pid, tracking in pids, data_root, tmp_dirs).
# Issue 8's figures: each page's server time under 100 ms on the demo data, each page under 300 KB
# transferred, no external requests.
#
#   1. Starts `sightline demo` (the appliance, the three sample services and their steady load) on
#      free ports and lets it run --ui-warmup (default 120 s) so every page has data.
#   2. For each page (overview, a service, the explorer with a RED query, logs with a LogQL query,
#      trace search, one trace's waterfall, the service map, alerts, load, status): one untimed
#      request, then --ui-runs (default 20) timed GETs with curl (Accept-Encoding: gzip, keep-alive
#      off): the time to the first byte on loopback (the server's time plus a loopback round trip),
#      p50 and p95; the page's gzipped HTML plus every /ui/static asset it references, gzipped, as
#      "transferred" for a first visit with an empty cache; and any src/href pointing outside
#      Sightline (must be none).

ui_warmup=120
ui_runs=20

# Every absolute URL a page references that is not Sightline's own: $1 html file -> lines
ui_external_refs() {
  grep -oE '(src|href|action)="[^"]*"' "$1" | sed -E 's/^[a-z]+="//; s/"$//' \
    | grep -E '^(https?:)?//' | grep -vE "^https?://127\.0\.0\.1:$http_port" || true
}

# gzipped bytes of the page at $1 plus each /ui/static asset it references
ui_transferred_bytes() {
  local url=$1 html="$out_dir/ui-page.html" total asset
  total=$(curl -s --compressed -H 'Accept-Encoding: gzip' -o "$html" -w '%{size_download}' "$url")
  for asset in $(grep -oE '(src|href)="/ui/static/[^"]*"' "$html" | sed -E 's/^[a-z]+="//; s/"$//' | sort -u); do
    total=$(( total + $(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$http_port$asset") ))
  done
  echo "$total"
}

phase_ui() {
  local data_dir frontend orders inventory grpc_port app_log="$out_dir/appliance-ui.log" deadline
  data_dir=$(mktemp -d "$data_root/sightline-bench.XXXXXX")
  tmp_dirs+=("$data_dir")
  http_port=$(free_port); grpc_port=$(free_port); otlp_port=$(free_port)
  frontend=$(free_port); orders=$(free_port); inventory=$(free_port)
  echo "=== ui: sightline demo, ${ui_warmup}s of steady load first" >&2
  "$java" --sun-misc-unsafe-memory-access=allow -jar "$jar" demo --data-dir "$data_dir" --bind 127.0.0.1 \
    --http-port "$http_port" --otlp-grpc-port "$grpc_port" --otlp-http-port "$otlp_port" \
    --frontend-port "$frontend" --orders-port "$orders" --inventory-port "$inventory" >"$app_log" 2>&1 &
  app_pid=$!
  pids+=("$app_pid")
  deadline=$(( $(now_ms) + 120000 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$http_port/-/ready")" = 200 ]; do
    kill -0 "$app_pid" 2>/dev/null || die "the demo exited; see $app_log"
    [ "$(now_ms)" -lt "$deadline" ] || die "the demo was not ready within 120 s; see $app_log"
    sleep 0.5
  done
  sleep "$ui_warmup"
  local trace_id
  trace_id=$(curl -s "http://127.0.0.1:$http_port/api/traces?service=frontend&limit=1&lookback=1h" | jq -r '.data[0].traceID // empty')
  [ -n "$trace_id" ] || die "no frontend trace after ${ui_warmup}s of demo load"
  local pages=(
    "overview|/overview"
    "service|/services/frontend"
    "explore|/explore?query=sum%20by%20(service_name)%20(rate(traces_span_metrics_calls_total%5B1m%5D))"
    "logs|/logs?query=%7Bservice_name%3D%22orders%22%7D"
    "traces|/traces?service=frontend"
    "trace|/traces/$trace_id"
    "map|/map"
    "alerts|/alerts"
    "load|/load"
    "status|/status"
  )
  local entry name path url times p50 p95 bytes code external worst_p95=0 worst_bytes=0
  for entry in "${pages[@]}"; do
    name=${entry%%|*}; path=${entry#*|}; url="http://127.0.0.1:$http_port$path"
    code=$(curl -s -o "$out_dir/ui-$name.html" -w '%{http_code}' "$url")
    times=()
    for _ in $(seq "$ui_runs"); do
      times+=("$(curl -s -o /dev/null -H 'Accept-Encoding: gzip' -H 'Connection: close' -w '%{time_starttransfer}' "$url")")
    done
    p50=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { printf "%.1f", 1000 * a[int((NR + 1) / 2)] }')
    p95=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { i = int(NR * 0.95 + 0.999); printf "%.1f", 1000 * a[i] }')
    bytes=$(ui_transferred_bytes "$url")
    external=$(ui_external_refs "$out_dir/ui-$name.html" | wc -l)
    row "ui" "\`$name\` (HTTP $code): time to first byte p50 / p95 over $ui_runs requests; transferred (gzip, empty cache); external references" \
      "$p50 / **$p95 ms**; **$(( bytes / 1024 )) KB**; $external"
    worst_p95=$(awk -v a="$worst_p95" -v b="$p95" 'BEGIN { print (b > a) ? b : a }')
    [ "$bytes" -gt "$worst_bytes" ] && worst_bytes=$bytes
  done
  row "ui" "slowest page's p95 (target < 100 ms); heaviest page (target < 300 KB)" \
    "**$worst_p95 ms**; **$(( worst_bytes / 1024 )) KB**"
  stop_pid "$app_pid" 100
}
