# shellcheck shell=bash disable=SC2154,SC2034  # sourced by bin/bench, which sets java, load_cp, out_dir, ...
# The `logs-search` phase of bin/bench, which sources this file (it uses bin/bench's helpers:
# start_appliance, wait_ready, stop_appliance, run_load, search_total, median, row, tracking in pids
# and tmp_dirs, and bin/bench-metrics.bash's await_size_settled and disk_bytes). Issue 4's figures:
# log search over --search-records records (default 10,000,000) spread over --search-span (default
# 24 h), side by side with plain grep over the same records as a text file, in the same run.
#
#   1. load: the fat jar on a fresh data directory, fed by OtlpLogLoad's backfill mode as fast as
#      --connections senders can: lean records (time, severity, body: ~250 bytes as text) stamped
#      evenly over the span before the phase's start, oldest first; 1% of them timeout messages;
#      the token below in exactly 3 records; every acknowledged record also written as a text line
#      to a raw file (the "raw log bytes"). Meanwhile the appliance's heap is read every second from
#      /metrics (jvm_memory_used_bytes{area="heap"}) until every record is searchable (the search
#      API's total reaches the records acknowledged).
#   2. disk: once logs/ stops changing (commits every 5 s, merges), du of logs/ against the raw
#      file's size.
#   3. queries through Loki's HTTP API (/loki/api/v1/query_range), each timed --search-runs times
#      (curl's time_total) after one untimed run: the token over the whole span; one service's
#      `|= "timeout"` lines over 24 h (limit 100, Loki's default); one service's
#      `sum by (level) (count_over_time(...[1m]))` over 24 h at a 1 min step.
#   4. grep over the raw file (page cache warm, as the store's): the same three questions, each
#      --grep-runs times after one untimed run, in the C locale.
#
# Each query's rows also give the LogQL answer's own stats (stats.summary: lines processed, engine
# time) and, where the build has it (GET /api/v1/logs/explain, 404 otherwise), the engine's explain
# with analyze=true: what went to the index, what ran per record, partitions and records read.

search_records=10000000
search_span=86400         # seconds
search_runs=20
grep_runs=3
search_heap=""            # -Xmx of the appliance in this phase; empty = the JVM's default
search_token=needle7xq    # not a hex digit after the first letter: no random id can contain it
search_token_records=3
search_timeout_percent=1
search_service=frontend   # LogBatchGenerator's service 0

percentile() { # $1 percent; numbers on stdin -> the nearest-rank percentile
  sort -n | awk -v p="$1" '{ a[NR] = $1 } END { if (NR) { i = int((p * NR + 99) / 100); if (i < 1) i = 1; print a[i] } }'
}

ms_of_us() { awk -v v="$1" 'BEGIN { printf "%.1f", v / 1000 }'; }

# Times a Loki range query; sets lq_median/lq_p90 (µs), lq_answer (the untimed run's body).
time_loki() { # $1 query, $2 start (s), $3 end (s), $4 step (s)
  local url="http://127.0.0.1:$http_port/loki/api/v1/query_range" times=() t
  local args=(-G --max-time 300 "$url" --data-urlencode "query=$1" --data-urlencode "start=$2"
    --data-urlencode "end=$3" --data-urlencode "step=$4")
  lq_answer=$(curl -s "${args[@]}" || true)
  lq_median=""
  lq_p90=""
  [ "$(jq -r '.status' <<<"$lq_answer" 2>/dev/null)" = "success" ] || return 0
  for _ in $(seq 1 "$search_runs"); do
    t=$(curl -s -o /dev/null -w '%{time_total}' "${args[@]}" || echo 0)
    times+=("$(awk -v t="$t" 'BEGIN { printf "%d", t * 1000000 }')")
  done
  lq_median=$(printf '%s\n' "${times[@]}" | median)
  lq_p90=$(printf '%s\n' "${times[@]}" | percentile 90)
}

# Times a full-text search (GET /api/v1/logs/search?q=, the index's terms); sets lq_median/lq_p90
# (µs) and lq_answer, as time_loki does.
time_search() { # $1 q, $2 start (s), $3 end (s)
  local url="http://127.0.0.1:$http_port/api/v1/logs/search" times=() t
  local args=(-G --max-time 300 "$url" --data-urlencode "q=$1" --data-urlencode "start=$2"
    --data-urlencode "end=$3" --data-urlencode "limit=100")
  lq_answer=$(curl -s "${args[@]}" || true)
  lq_median=""
  lq_p90=""
  [ "$(jq -r '.status' <<<"$lq_answer" 2>/dev/null)" = "success" ] || return 0
  for _ in $(seq 1 "$search_runs"); do
    t=$(curl -s -o /dev/null -w '%{time_total}' "${args[@]}" || echo 0)
    times+=("$(awk -v t="$t" 'BEGIN { printf "%d", t * 1000000 }')")
  done
  lq_median=$(printf '%s\n' "${times[@]}" | median)
  lq_p90=$(printf '%s\n' "${times[@]}" | percentile 90)
}

loki_shape() { # the answer's size and the engine's own figures, one line
  if [ -z "$lq_median" ]; then
    echo "FAILED: $(head -c 300 <<<"$lq_answer")"
    return
  fi
  jq -r '(.data.stats.summary // {}) as $s
    | (if .data.resultType == "streams"
       then "\(.data.result | length) streams, \([.data.result[].values | length] | add // 0) lines"
       else "\(.data.result | length) series x \([.data.result[].values | length] | max // 0) points, sum \([.data.result[].values[][1] | tonumber] | add // 0)"
       end)
      + "; first run, engine: \($s.totalLinesProcessed // "?") lines, \((($s.totalBytesProcessed // 0) / 1048576 * 10 | floor) / 10) MiB processed, exec \((($s.execTime // 0) * 10000 | floor) / 10) ms"' <<<"$lq_answer"
}

# Times a shell pipeline over the raw file; sets gq_median (µs) and gq_out (its output).
time_grep() { # $1 the pipeline (bash -c), reading "$raw_file"
  local times=() t0 t1
  gq_out=$(raw_file=$raw_file bash -c "$1")
  for _ in $(seq 1 "$grep_runs"); do
    t0=$(date +%s%N)
    raw_file=$raw_file bash -c "$1" >/dev/null
    t1=$(date +%s%N)
    times+=("$(( (t1 - t0) / 1000 ))")
  done
  gq_median=$(printf '%s\n' "${times[@]}" | median)
}

loki_row() { # $1 query, $2 window, $3 median, $4 p90, $5 shape, $6 grep command, $7 grep µs, $8 grep output
  local l="FAILED" q=${1//|/\\|} g=${6//|/\\|}  # a | splits a Markdown table cell, even in code
  [ -z "$3" ] || l="median $(ms_of_us "$3") ms, p90 $(ms_of_us "$4") ms"
  row "logs-search" "\`$q\` over $2: LogQL (median, p90 of $search_runs)" "$l: $5"
  row "logs-search" "... grep: \`$g\` (median of $grep_runs)" "$(ms_of_us "$7") ms: $8"
}

# The engine's explain of a query (analyze=true), kept whole in the results dir; sets ex_row to a
# row's value, or to nothing (and explain_missing) when the build has no such endpoint.
explain_query() { # $1 query, $2 start (s), $3 end (s), $4 step (s), $5 file label
  local answer code summary
  answer=$(curl -s -G --max-time 300 -w '\n%{http_code}' "http://127.0.0.1:$http_port/api/v1/logs/explain" \
    --data-urlencode "query=$1" --data-urlencode "start=$2" --data-urlencode "end=$3" \
    --data-urlencode "step=$4" --data-urlencode "analyze=true" || true)
  code=${answer##*$'\n'}
  answer=${answer%$'\n'*}
  ex_row=""
  if [ "$code" = 404 ]; then
    explain_missing=true
    return 0
  fi
  printf '%s\n' "$answer" >"$out_dir/logs-search-explain-$5.json"
  summary=$(jq -r '.data as $d
    | ($d.scans | map("index: " + .selector + ([.lineFilters[] | " " + .] | join(""))
        + (if .indexOnly then " (the index alone)" else "" end)
        + (if (.stages | length) > 0 then "; per record: " + (.stages | join(", ")) else "" end)) | join("; "))
      + (if $d.stats then "; \($d.stats.partitionsSearched) partitions, \($d.stats.linesProcessed) records read, \(($d.stats.bytesProcessed / 1048576 * 10 | floor) / 10) MiB, exec \(($d.stats.execSeconds * 10000 | floor) / 10) ms" else "" end)' \
    <<<"$answer" 2>/dev/null || true)
  summary=${summary:-unreadable answer (HTTP $code): $(head -c 200 <<<"$answer")}
  ex_row="${summary//|/\\|}"
}

heap_poller() { # $1 output file: "<ms> <heap bytes> <1-min load average>" every second until killed
  local heap
  while :; do
    heap=$({ curl -s --max-time 2 "http://127.0.0.1:$http_port/metrics" || true; } \
      | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ { s += $NF; n++ } END { printf "%.0f", n ? s : -1 }')
    echo "$(now_ms) $heap $(cut -d' ' -f1 /proc/loadavg)"
    sleep 1
  done >"$1"
}

phase_logs_search() {
  local requests=$(( (search_records + batch - 1) / batch ))
  local total=$(( requests * batch ))
  local work need_kb avail_kb
  work=$(mktemp -d "$data_root/sightline-logs-search.XXXXXX")
  tmp_dirs+=("$work")
  raw_file="$work/raw.log"
  # raw text (~260 B), the WAL (~250 B) and the index, a record; refuse early rather than fill the disk
  need_kb=$(( total * 700 / 1024 ))
  avail_kb=$(df -Pk "$data_root" | awk 'NR == 2 { print $4 }')
  [ "$avail_kb" -ge "$need_kb" ] || die "logs-search needs ~$(( need_kb / 1048576 )) GiB free in $data_root, $(( avail_kb / 1048576 )) GiB there"

  local end_s span=$search_span
  end_s=$(date +%s)
  local day=86400 q24_start
  q24_start=$(( end_s - day ))
  echo "=== logs-search: $(fmt_int "$total") records over ${span} s before $(date -u -d "@$end_s" '+%F %T UTC'), then LogQL and grep" >&2
  [ -z "$search_heap" ] || jvm_extra=(-Xmx"$search_heap")
  start_appliance logs-search
  jvm_extra=()
  wait_ready

  local heap_file="$out_dir/logs-search-heap.txt" poller t0 t_end
  heap_poller "$heap_file" &
  poller=$!
  pids+=("$poller")
  t0=$(now_ms)
  run_load logs-search --rate 0 --max-requests "$requests" --duration 24h --span "${span}s" \
    --span-end "$(( end_s * 1000 ))" --lean --timeout-percent "$search_timeout_percent" \
    --token "$search_token" --token-records "$search_token_records" --raw-out "$raw_file"
  t_end=$(now_ms)

  local acked wait_s searchable_ms="" found=""
  acked=$(( $(j .recordsAcknowledged logs-search) + $(j .warmupRecordsAcknowledged logs-search) ))
  wait_s=$(( total / 5000 ))
  [ "$wait_s" -ge "$search_timeout" ] || wait_s=$search_timeout
  echo "waiting up to ${wait_s}s until $acked acknowledged records are searchable..." >&2
  local deadline=$(( t_end + wait_s * 1000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    found=$(search_total)
    if [ -n "$found" ] && [ "$found" -ge "$acked" ]; then
      searchable_ms=$(( $(now_ms) - t_end ))
      break
    fi
    sleep 1
  done
  kill "$poller" 2>/dev/null || true
  wait "$poller" 2>/dev/null || true
  untrack "$poller"

  local raw_bytes line_bytes
  raw_bytes=$(stat -c %s "$raw_file")
  line_bytes=$(awk -v b="$raw_bytes" -v n="$acked" 'BEGIN { if (n) printf "%.0f", b / n }')
  row "logs-search" "load: lean records over ${span} s, unpaced, $connections connections; acknowledged / s" \
    "$(fmt_int "$acked") of $(fmt_int "$total") records ($(awk -v b="$raw_bytes" 'BEGIN { printf "%.2f GB", b / 1e9 }') raw, $line_bytes B a line); $(printf '%.0f' "$(j .recordsPerSecond logs-search)") records/s over $(j .elapsedSeconds logs-search) s; rejected $(j .recordsRejected logs-search), failed $(j .recordsFailed logs-search)"
  if [ -n "$searchable_ms" ]; then
    row "logs-search" "all searchable: after the load ended; indexing rate from the load's start" \
      "$(awk -v ms="$searchable_ms" 'BEGIN { printf "%.1f s", ms / 1000 }'); $(awk -v n="$acked" -v ms="$(( t_end - t0 + searchable_ms ))" 'BEGIN { printf "%.0f records/s", n / (ms / 1000) }')"
  else
    row "logs-search" "all searchable after the load ended" "NO: search total ${found:-?} of $acked after ${wait_s} s"
  fi
  row "logs-search" "heap used (jvm_memory_used_bytes{area=\"heap\"}, every 1 s until searchable): max; max after the first 30 s" \
    "$(awk -v t0="$t0" '$2 >= 0 { if ($2 > m) m = $2; if ($1 - t0 >= 30000 && $2 > m30) m30 = $2; n++ }
       END { printf "%.0f MiB; %s (%d readings)", m / 1048576, m30 ? sprintf("%.0f MiB", m30 / 1048576) : "n/a", n }' "$heap_file")${search_heap:+ with -Xmx$search_heap}"

  row "logs-search" "machine load average (1 min) during the load and indexing: min / median / max" \
    "$(awk '{ print $3 }' "$heap_file" | sort -n | awk '{ a[NR] = $1 } END { if (NR) printf "%s / %s / %s (on %d cores, the generator included)", a[1], a[int((NR + 1) / 2)], a[NR], '"$(nproc)"' }')"
  echo "waiting until $data_dir/logs stops changing..." >&2
  await_size_settled "$data_dir/logs"
  local disk
  disk=$(disk_bytes "$data_dir/logs")
  row "logs-search" "disk: du of logs/ once settled / raw text bytes" \
    "$(awk -v d="$disk" -v r="$raw_bytes" 'BEGIN { printf "%.0f MiB / %.0f MiB = %.1f%%", d / 1048576, r / 1048576, 100 * d / r }') (whole data dir with the WAL: $(( $(disk_bytes "$data_dir") / 1048576 )) MiB)"
  # Where the bytes are, by file extension (Lucene: fdt stored fields, tim/tip/doc/pos postings, dv* doc values, ...)
  find "$data_dir/logs" -type f -printf '%s %f\n' \
    | awk '{ n = split($2, p, "."); e = n > 1 ? p[n] : "(none)"; b[e] += $1 } END { for (e in b) printf "%.0f %s\n", b[e], e }' \
    | sort -rn >"$out_dir/logs-search-disk.txt"
  row "logs-search" "... logs/ by file extension (apparent sizes, largest first)" \
    "$(awk -v r="$raw_bytes" '{ printf "%s%s %.1f%%", (NR > 1 ? ", " : ""), $2, 100 * $1 / r } NR == 6 { exit }' "$out_dir/logs-search-disk.txt") of raw"

  local q_rare q_timeout q_levels
  q_rare="{service_name=~\".+\"} |= \"$search_token\""
  q_timeout="{service_name=\"$search_service\"} |= \"timeout\""
  q_levels="sum by (level) (count_over_time({service_name=\"$search_service\"}[1m]))"
  local c_rare="LC_ALL=C grep -c -F '$search_token' \"\$raw_file\" || true"
  local service_lines="LC_ALL=C grep -F ' service=$search_service ' \"\$raw_file\""
  if [ "$span" -gt "$day" ]; then  # the raw file spans more than the 24 h queries: cut it first
    service_lines="LC_ALL=C awk -v from='$(date -u -d "@$q24_start" '+%Y-%m-%dT%H:%M:%S')' '\$1 >= from' \"\$raw_file\" | LC_ALL=C grep -F ' service=$search_service '"
  fi
  local c_timeout="$service_lines | LC_ALL=C grep -c -F timeout || true"
  local c_levels="$service_lines | LC_ALL=C awk '{ c[substr(\$1, 1, 16) \" \" \$3]++ } END { for (k in c) { n++; s += c[k] } print n \" minute-level counts, sum \" s }'"

  echo "== LogQL over Loki's API, $search_runs timed runs each" >&2
  time_loki "$q_rare" "$(( end_s - span ))" "$end_s" 60
  local rare_l=$lq_median rare_l90=$lq_p90 rare_shape
  rare_shape=$(loki_shape)
  time_search "$search_token" "$(( end_s - span ))" "$end_s"
  local term_l=$lq_median term_l90=$lq_p90 term_shape
  term_shape=$(if [ -n "$lq_median" ]; then jq -r '"\(.data.records | length) records (total \(.data.total))"' <<<"$lq_answer"; else echo "FAILED: $(head -c 300 <<<"$lq_answer")"; fi)
  time_loki "$q_timeout" "$q24_start" "$end_s" 60
  local timeout_l=$lq_median timeout_l90=$lq_p90 timeout_shape
  timeout_shape=$(loki_shape)
  time_loki "$q_levels" "$q24_start" "$end_s" 60
  local levels_l=$lq_median levels_l90=$lq_p90 levels_shape
  levels_shape=$(loki_shape)
  explain_missing=false
  explain_query "$q_rare" "$(( end_s - span ))" "$end_s" 60 rare
  local rare_ex=$ex_row
  explain_query "$q_timeout" "$q24_start" "$end_s" 60 timeout
  local timeout_ex=$ex_row
  explain_query "$q_levels" "$q24_start" "$end_s" 60 levels
  local levels_ex=$ex_row
  stop_appliance

  echo "== grep over the raw file, $grep_runs timed runs each" >&2
  time_grep "$c_rare"
  local rare_g=$gq_median rare_gout=$gq_out
  time_grep "$c_timeout"
  local timeout_g=$gq_median timeout_gout=$gq_out
  time_grep "$c_levels"
  local levels_g=$gq_median levels_gout=$gq_out

  loki_row "$q_rare" "the span (${span} s)" "$rare_l" "$rare_l90" "$rare_shape" "grep -c -F $search_token" "$rare_g" "$rare_gout (expected $search_token_records)"
  [ -z "$rare_ex" ] || row "logs-search" "... engine explain (analyze=true)" "$rare_ex"
  row "logs-search" "rare term, full-text: GET /api/v1/logs/search?q=$search_token over the span, limit 100" \
    "$( [ -n "$term_l" ] && echo "median $(ms_of_us "$term_l") ms, p90 $(ms_of_us "$term_l90") ms ($term_shape); grep -c -F $search_token $(ms_of_us "$rare_g") ms" || echo "$term_shape")"
  loki_row "$q_timeout" "24 h, limit 100" "$timeout_l" "$timeout_l90" "$timeout_shape" \
    "grep -F ' service=$search_service ' | grep -c -F timeout" "$timeout_g" "$timeout_gout matching lines"
  [ -z "$timeout_ex" ] || row "logs-search" "... engine explain (analyze=true)" "$timeout_ex"
  loki_row "$q_levels" "24 h at 1 min steps" "$levels_l" "$levels_l90" "$levels_shape" \
    "grep -F ' service=$search_service ' | awk (count by minute and level)" "$levels_g" "$levels_gout"
  [ -z "$levels_ex" ] || row "logs-search" "... engine explain (analyze=true)" "$levels_ex"
  if $explain_missing; then
    row "logs-search" "engine explain" "skipped: this build answers 404 on /api/v1/logs/explain"
  fi
  rm -f "$raw_file"
}
