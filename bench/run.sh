#!/usr/bin/env bash
# The newsgraph benchmark (issue 4): extraction alone, ingest against Oxigraph's bulk
# loader, peak memory for one and ten copies of a corpus, saved-query latency and
# `newsgraph query` start-up. See BENCHMARKS.md for what each figure means.
#
#   bench/run.sh CORPUS_DIR [OUT_DIR]
#
# CORPUS_DIR holds the articles (.jsonl, .txt, .md, read recursively). Results go to
# OUT_DIR (default /tmp/newsgraph-bench/results): raw.tsv (one figure a line) and
# results.md (the table). Environment: COPIES (default 10; 0 skips the copies),
# RUNS (query runs, default 5), BENCH_WORK (scratch, default /tmp/newsgraph-bench,
# emptied first), CARGO_TARGET_DIR.
set -euo pipefail

corpus=$(realpath "${1:?usage: bench/run.sh CORPUS_DIR [OUT_DIR]}")
work=${BENCH_WORK:-/tmp/newsgraph-bench}
out=${2:-$work/results}
copies=${COPIES:-10}
runs=${RUNS:-5}
cd "$(dirname "$0")/.."
repo=$PWD
target=${CARGO_TARGET_DIR:-$repo/target}

cargo build --release --bins --quiet
ng=$target/release/newsgraph
nb=$target/release/newsgraph-bench
if [ ! -x /usr/bin/time ]; then
    apt-get install -y time >/dev/null 2>&1 || sudo apt-get install -y time >/dev/null
fi

rm -rf "$work"
mkdir -p "$work" "$out"
out=$(realpath "$out")
raw=$out/raw.tsv
: >"$raw"

# record NAME VALUE: one figure, to raw.tsv and the terminal.
record() { printf '%s\t%s\n' "$1" "$2" | tee -a "$raw"; }
# timed NAME CMD…: runs CMD under /usr/bin/time; records NAME.seconds and NAME.rss_mb.
timed() {
    local name=$1
    shift
    /usr/bin/time -f '%e %M' -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err"
    read -r seconds kb <"$work/$name.time"
    record "$name.seconds" "$seconds"
    record "$name.rss_mb" "$((kb / 1024))"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
figure() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$raw"; }

record machine "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
record load_before "$(cut -d' ' -f1-3 /proc/loadavg)"
record corpus "$(find "$corpus" -type f \( -name '*.jsonl' -o -name '*.txt' -o -name '*.md' \) -print0 | du -cb --files0-from=- | tail -1 | cut -f1) bytes"
record commit "$(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet || echo '+changes')"

# 1. Extraction alone (articles read into memory first; no store).
for threads in 1 0; do
    IFS=$'\t' read -r n articles bytes setup seconds mbs aps quads < <("$nb" extract --threads "$threads" "$corpus")
    label=$([ "$threads" = 1 ] && echo 1 || echo all)
    record "extract.$label.threads" "$n"
    record "extract.$label.articles" "$articles"
    record "extract.$label.text_bytes" "$bytes"
    record "extract.$label.setup_seconds" "$setup"
    record "extract.$label.seconds" "$seconds"
    record "extract.$label.mb_per_s" "$mbs"
    record "extract.$label.articles_per_s" "$aps"
done

# 2. Ingest into a fresh store, against Oxigraph's bulk loader of the same quads.
timed ingest1 "$ng" --quiet --store "$work/one" ingest "$corpus"
"$ng" --store "$work/one" export --format nquads >"$work/one.nq"
record ingest1.quads "$(wc -l <"$work/one.nq")"
timed bulk1 "$nb" bulk-load "$work/bulk-one" "$work/one.nq"
record ingest_over_bulk "$(ratio "$(figure ingest1.seconds)" "$(figure bulk1.seconds)")"
rm -rf "$work/bulk-one" "$work/one.nq"

# 3. Ten copies (distinct ids), generated on the fly; peak memory and time ratio.
if [ "$copies" -gt 0 ]; then
    mkdir -p "$work/copies"
    python3 - "$corpus" "$work/copies" "$copies" <<'EOF'
import json, pathlib, sys
corpus, dest, copies = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
files = sorted(corpus.rglob("*.jsonl"))
for k in range(copies):
    with open(dest / f"copy-{k:02}.jsonl", "w") as out:
        for f in files:
            for n, line in enumerate(open(f)):
                if line.strip():
                    article = json.loads(line)
                    article["id"] = f"{article.get('id') or f.stem + '-' + str(n)}-copy{k}"
                    out.write(json.dumps(article, ensure_ascii=False) + "\n")
EOF
    timed ingest10 "$ng" --quiet --store "$work/ten" ingest "$work/copies"
    record ten_over_one "$(ratio "$(figure ingest10.seconds)" "$(figure ingest1.seconds)")"
    rm -rf "$work/copies"
    store=$work/ten
    article=bbc-business-001-copy0
else
    store=$work/one
    article=bbc-business-001
fi
record query_store "$(basename "$store")"

# 4. Saved queries: median of RUNS runs each (one run when it takes over 10 s), in
# one process, results fully read; a query still running after QUERY_TIMEOUT seconds
# (default 120) is recorded as "timeout".
while IFS='|' read -r name params; do
    read -ra args <<<"$params"
    if line=$(timeout "${QUERY_TIMEOUT:-120}" "$nb" query-latency "$store" "$runs" "$name" "${args[@]//_/ }"); then
        IFS=$'\t' read -r _ ms rows made <<<"$line"
        record "query.$name.median_ms" "$ms"
        record "query.$name.rows" "$rows"
        record "query.$name.runs" "$made"
    else
        record "query.$name.median_ms" "timeout (${QUERY_TIMEOUT:-120} s)"
    fi
done <<QUERIES
actors-of-article|article=$article
denied-and-hedged|
facts-with-evidence|
leaders|
meetings-of|name=Tony_Blair
most-mentioned|
partners-and-adversaries|name=United_States
relations-between|a=United_States b=Iraq
troop-deployments|
who-accuses|name=United_States
who-attacks|name=Iraq
who-sanctions|name=Iran
who-supports|name=Brasil
QUERIES

# 5. `newsgraph query` start-up on a small store (the bundled examples).
"$ng" --quiet --store "$work/small" ingest "$repo/examples"
record query_startup_ms "$("$nb" median 21 "$ng" --store "$work/small" query leaders)"
record load_after "$(cut -d' ' -f1-3 /proc/loadavg)"

# The table.
{
    echo "| figure | value |"
    echo "|---|---|"
    awk -F'\t' '{ printf "| %s | %s |\n", $1, $2 }' "$raw"
} >"$out/results.md"
echo "results: $out/results.md"
