#!/usr/bin/env bash
# kohyo scale benchmark (issue 6) and search benchmark (issue 4 item 4). See bench/README.md.
#
#   bench/run.sh N [--skip-hugo] [--skip-pagefind] [--skip-jbake] [--skip-search] [--skip-incremental] [--reuse-corpus]
#                  [--with-zip] [--jbake-timeout MIN] [--seed S]
#
# Environment: KOHYO_JAR (use this CLI jar instead of building a copy of the repository),
#              KOHYO_JAVA_OPTS (extra JVM options for kohyo, e.g. -Xmx1g), BENCH_WORK (default bench/work).
set -uo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")
WORK=${BENCH_WORK:-$BENCH/work}
N=""
SKIP_HUGO=0; SKIP_PAGEFIND=0; SKIP_JBAKE=0; SKIP_SEARCH=0; SKIP_INCREMENTAL=0; WITH_ZIP=0
JBAKE_TIMEOUT=15
SEED=20261122
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-hugo) SKIP_HUGO=1 ;;
    --skip-pagefind) SKIP_PAGEFIND=1 ;;
    --skip-jbake) SKIP_JBAKE=1 ;;
    --skip-search) SKIP_SEARCH=1 ;;
    --skip-incremental) SKIP_INCREMENTAL=1 ;;
    --with-zip) WITH_ZIP=1 ;;
    --reuse-corpus) REUSE_CORPUS=1 ;;
    --jbake-timeout) JBAKE_TIMEOUT=$2; shift ;;
    --seed) SEED=$2; shift ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) if [ -z "$N" ]; then N=$1; else echo "unknown argument: $1" >&2; exit 2; fi ;;
  esac
  shift
done
[ -n "$N" ] || { echo "usage: bench/run.sh N [--skip-hugo] [--skip-pagefind] [--skip-jbake] [--skip-search] [--jbake-timeout MIN]" >&2; exit 2; }
SKIP_REASON_HUGO="--skip-hugo given"; SKIP_REASON_PAGEFIND="--skip-pagefind given"; SKIP_REASON_JBAKE="--skip-jbake given"
if [ $SKIP_HUGO = 1 ] && [ $SKIP_PAGEFIND = 0 ]; then SKIP_PAGEFIND=1; SKIP_REASON_PAGEFIND="Pagefind indexes Hugo's output and Hugo was skipped"; fi

mkdir -p "$WORK"
log() { echo "== $*" >&2; }
apt_install() { # package, command to check
  if ! command -v "$2" >/dev/null 2>&1; then
    log "installing Debian package $1"
    (apt-get install -y "$1" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "$1" >/dev/null 2>&1; }) \
      || { echo "could not install $1" >&2; return 1; }
  fi
}

# ---------------------------------------------------------------- tools
apt_install time /usr/bin/time || exit 1
if [ $SKIP_HUGO = 0 ] && ! apt_install hugo hugo; then SKIP_HUGO=1; SKIP_REASON_HUGO="Debian package hugo could not be installed"; SKIP_PAGEFIND=1; SKIP_REASON_PAGEFIND="no Hugo output to index"; fi
PAGEFIND=$WORK/node_modules/@pagefind/linux-x64/bin/pagefind_extended
if [ $SKIP_PAGEFIND = 0 ] && [ ! -x "$PAGEFIND" ]; then
  log "installing npm pagefind@1.6.0 into $WORK/node_modules"
  [ -f "$WORK/package.json" ] || echo '{"private":true}' > "$WORK/package.json"
  (cd "$WORK" && npm i --no-audit --no-fund pagefind@1.6.0 >/dev/null 2>&1) || true
  [ -x "$PAGEFIND" ] || { SKIP_PAGEFIND=1; SKIP_REASON_PAGEFIND="npm pagefind could not be installed"; }
fi
if [ $SKIP_JBAKE = 0 ] && ! ls "$WORK"/jbake-lib/jbake-core-2.7.0.jar >/dev/null 2>&1; then
  log "fetching JBake 2.7.0 and its libraries from Maven Central into $WORK/jbake-lib"
  mvn -B -q -f "$BENCH/jbake/pom.xml" dependency:copy-dependencies -DoutputDirectory="$WORK/jbake-lib" >"$WORK/jbake-fetch.log" 2>&1 \
    || { SKIP_JBAKE=1; SKIP_REASON_JBAKE="JBake jars could not be fetched (see $WORK/jbake-fetch.log)"; }
fi
PLAYWRIGHT=""
if [ $SKIP_SEARCH = 0 ]; then
  apt_install chromium /usr/bin/chromium || SKIP_SEARCH=1
  for d in "$REPO/node_modules/playwright-core" "$WORK/kohyo-src/node_modules/playwright-core"; do
    [ -f "$d/package.json" ] && { PLAYWRIGHT=$d; break; }
  done
  if [ -z "$PLAYWRIGHT" ]; then
    log "installing playwright-core (npm ci in a copy of the repository)"
    mkdir -p "$WORK/kohyo-src" && cp "$REPO/package.json" "$REPO/package-lock.json" "$WORK/kohyo-src/" \
      && (cd "$WORK/kohyo-src" && npm ci --no-audit --no-fund >/dev/null 2>&1) && PLAYWRIGHT=$WORK/kohyo-src/node_modules/playwright-core
  fi
  [ -n "$PLAYWRIGHT" ] || { SKIP_SEARCH=1; echo "search benchmark skipped: playwright-core not available" >&2; }
fi

# kohyo's CLI: built from a private copy of the repository, so concurrent edits do not disturb it
if [ -z "${KOHYO_JAR:-}" ]; then
  log "building kohyo from a copy of $REPO in $WORK/kohyo-src"
  mkdir -p "$WORK/kohyo-src"
  rsync -a --delete --exclude target --exclude node_modules --exclude bench/work --exclude bench/out --exclude .git \
    "$REPO/" "$WORK/kohyo-src/" || exit 1
  (cd "$WORK/kohyo-src" && mvn -B -q -o -DskipTests package >"$WORK/kohyo-build.log" 2>&1) \
    || (cd "$WORK/kohyo-src" && mvn -B -q -DskipTests package >"$WORK/kohyo-build.log" 2>&1) \
    || { echo "kohyo build failed, see $WORK/kohyo-build.log" >&2; exit 1; }
  KOHYO_JAR=$WORK/kohyo-src/generator/kohyo-cli/target/kohyo-cli-0.1.0-SNAPSHOT-all.jar
fi

# ---------------------------------------------------------------- corpus
CORPUS=$WORK/corpus-$N
OUT=$WORK/out-$N
log "generating corpus N=$N seed=$SEED into $CORPUS"
if [ "${REUSE_CORPUS:-0}" = 1 ] && [ -f "$CORPUS/corpus.json" ] && grep -q "\"seed\": $SEED" "$CORPUS/corpus.json" && grep -q "\"documents\": $N," "$CORPUS/corpus.json"; then
  echo "== reusing the corpus in $CORPUS (--reuse-corpus; same N and seed)"
else
  python3 "$BENCH/gencorpus.py" "$N" "$CORPUS" --seed "$SEED" --repo "$REPO" >"$WORK/corpus-$N.log" || { cat "$WORK/corpus-$N.log"; exit 1; }
fi
rm -rf "$OUT"; mkdir -p "$OUT"
echo "corpus: $(cat "$CORPUS/corpus.json" | tr -d '\n' | tr -s ' ')"

# ---------------------------------------------------------------- measuring
declare -A WALL CPU RSS OUTB IDXB NOTE
measure() { # name timeout-seconds command...
  local name=$1 to=$2; shift 2
  local tf="$OUT/$name.time" lf="$OUT/$name.log"
  timeout --signal=KILL "$to" /usr/bin/time -v -o "$tf" "$@" >"$lf" 2>&1
  local rc=$?
  if [ $rc = 137 ] || [ ! -s "$tf" ] || grep -q "Command terminated by signal 9" "$tf"; then
    WALL[$name]="over $((to / 60)) min"; CPU[$name]="-"; RSS[$name]="-"; NOTE[$name]="killed after ${to}s"
    return 1
  fi
  local el; el=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$tf")
  WALL[$name]=$(echo "$el" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  CPU[$name]=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.2f", u+s}' "$tf")
  RSS[$name]=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$tf")
  [ $rc = 0 ] || NOTE[$name]="exit code $rc, see $lf"
  return $rc
}
bytes() { [ -e "$1" ] && du -sb "$1" | cut -f1 || echo 0; }

log "kohyo: full public build (render + index + leak check)"
# kohyo's builds write the folder only, as the peers do; --with-zip adds the zip to each of them
# (the full build's, and the 差分ビルド's, which copies the unchanged entries of the previous zip)
zip_args() { if [ $WITH_ZIP = 1 ]; then echo "--zip $OUT/$1.zip"; else echo "--no-zip"; fi; }
[ $WITH_ZIP = 1 ] && rm -f "$OUT/kohyo.zip" "$OUT/kohyo-rebuilt.zip"
measure kohyo 7200 java ${KOHYO_JAVA_OPTS:-} -jar "$KOHYO_JAR" build --config "$CORPUS/kohyo/site-config.yml" --output "$OUT/kohyo" $(zip_args kohyo) --full
OUTB[kohyo]=$(bytes "$OUT/kohyo"); IDXB[kohyo]=$(bytes "$OUT/kohyo/search")
KOHYO_STATIC=$(( $(bytes "$OUT/kohyo/search") - $(bytes "$OUT/kohyo/search/lucene") ))
KOHYO_LUCENE=$(bytes "$OUT/kohyo/search/lucene")
STAGES=$(grep -E "所要時間|漏えい検査|評価書 .* 件" "$OUT/kohyo.log" | sed 's/^ *//')

# 差分ビルド (issue 6 item 4): one sentence added to one source, an incremental build of the same
# output, then a full rebuild of the edited sources elsewhere; the two outputs must be byte-identical
# a measured run's wall time as a percentage of kohyo's full build
percent_of_full() { awk -v a="${WALL[$1]:-0}" -v b="${WALL[kohyo]:-0}" 'BEGIN{ if (b>0) printf "%.1f", 100*a/b; else print "n/a" }'; }
INCREMENTAL_LINE=""
if [ $SKIP_INCREMENTAL = 0 ] && [ -z "${NOTE[kohyo]:-}" ]; then
  log "kohyo: incremental build after one source changed"
  EDITED=$(ls "$CORPUS/kohyo/content/evaluations" | sort | sed -n "$(( N / 2 + 1 ))p")
  EDITED="$CORPUS/kohyo/content/evaluations/$EDITED"
  cp "$EDITED" "$OUT/edited-source.orig"
  python3 - "$EDITED" <<'PY' || { echo "could not edit $EDITED" >&2; exit 1; }
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
# the first block-text line ending in 。: one sentence more (a correction, as a municipality would make)
m = re.search(r"^(\s+)(\S[^\n:]*。)$", s, re.M)
if not m:
    sys.exit("no text line to edit")
s = s[:m.end()] + "（差分ビルドの計測のため、この一文を加えた。）" + s[m.end():]
open(p, "w", encoding="utf-8").write(s)
PY
  measure kohyo-incremental 3600 java ${KOHYO_JAVA_OPTS:-} -jar "$KOHYO_JAR" build --config "$CORPUS/kohyo/site-config.yml" --output "$OUT/kohyo" $(zip_args kohyo)
  # the same build once more, nothing changed (what a publisher who runs the build again waits for)
  measure kohyo-nochange 3600 java ${KOHYO_JAVA_OPTS:-} -jar "$KOHYO_JAR" build --config "$CORPUS/kohyo/site-config.yml" --output "$OUT/kohyo" $(zip_args kohyo)
  measure kohyo-rebuilt 7200 java ${KOHYO_JAVA_OPTS:-} -jar "$KOHYO_JAR" build --config "$CORPUS/kohyo/site-config.yml" --output "$OUT/kohyo-rebuilt" $(zip_args kohyo-rebuilt) --full
  cp "$OUT/edited-source.orig" "$EDITED"
  if diff -rq "$OUT/kohyo" "$OUT/kohyo-rebuilt" >"$OUT/incremental-diff.txt" 2>&1; then SAME=yes; else SAME="NO (see $OUT/incremental-diff.txt)"; fi
  if [ $WITH_ZIP = 1 ]; then
    if cmp -s "$OUT/kohyo.zip" "$OUT/kohyo-rebuilt.zip"; then SAME="$SAME, zip yes"; else SAME="$SAME, zip NO"; fi
    rm -f "$OUT/kohyo-rebuilt.zip"
  fi
  INC_STAGES=$(grep -E "差分ビルド|所要時間" "$OUT/kohyo-incremental.log" | sed 's/^ *//' | tr '\n' ' ')
  INCREMENTAL_LINE="kohyo incremental: ${WALL[kohyo-incremental]:-n/a} s wall, ${CPU[kohyo-incremental]:-n/a} s CPU, ${RSS[kohyo-incremental]:-n/a} MB RSS = $(percent_of_full kohyo-incremental) % of the full build (target <= 5 %); byte-identical to a full rebuild (${WALL[kohyo-rebuilt]:-n/a} s): $SAME; edited $(basename "$EDITED"); $INC_STAGES; nothing changed: ${WALL[kohyo-nochange]:-n/a} s wall ($(percent_of_full kohyo-nochange) %), $(grep -E "全体をビルド|差分ビルド:" "$OUT/kohyo-nochange.log" | sed -e 's/^ *//' -e 's/、.*//')"
  rm -rf "$OUT/kohyo-rebuilt"
fi

if [ $SKIP_HUGO = 0 ]; then
  log "hugo: render only"
  measure hugo 3600 hugo --quiet -s "$CORPUS/hugo" -d "$OUT/hugo"
  OUTB[hugo]=$(bytes "$OUT/hugo"); IDXB[hugo]=0
fi
if [ $SKIP_PAGEFIND = 0 ]; then
  log "pagefind: index Hugo's output"
  measure pagefind 7200 "$PAGEFIND" --site "$OUT/hugo"
  OUTB[pagefind]=$(bytes "$OUT/hugo/pagefind"); IDXB[pagefind]=${OUTB[pagefind]}
fi
if [ $SKIP_JBAKE = 0 ]; then
  log "jbake: render only (timeout $JBAKE_TIMEOUT min)"
  measure jbake $((JBAKE_TIMEOUT * 60)) java -cp "$WORK/jbake-lib/*" org.jbake.launcher.Main -b "$CORPUS/jbake" "$OUT/jbake"
  OUTB[jbake]=$(bytes "$OUT/jbake"); IDXB[jbake]=0
fi

SEARCH_LINES=""
if [ $SKIP_SEARCH = 0 ]; then
  log "search benchmark in Chromium"
  SEARCH_LINES=$(node "$BENCH/search-bench.mjs" --site "$OUT/kohyo" --kind kohyo --playwright "$PLAYWRIGHT" --json "$OUT/search-kohyo.json" 2>&1 | grep -v "unexpected operator")
  if [ $SKIP_PAGEFIND = 0 ] && [ -d "$OUT/hugo/pagefind" ]; then
    SEARCH_LINES+=$'\n'$(node "$BENCH/search-bench.mjs" --site "$OUT/hugo" --kind pagefind --playwright "$PLAYWRIGHT" --json "$OUT/search-pagefind.json" 2>&1 | grep -v "unexpected operator")
  fi
fi

# ---------------------------------------------------------------- report
echo
echo "N=$N  date=$(date -u +%Y-%m-%dT%H:%MZ)  nproc=$(nproc)  mem=$(free -g | awk '/Mem:/{print $2}')G  load=$(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-10s %12s %10s %10s %14s %14s  %s\n" tool "wall(s)" "cpu(s)" "rss(MB)" "output(B)" "index(B)" note
row() {
  local t=$1 skip=$2 reason=$3
  if [ "$skip" = 1 ]; then printf "%-10s %12s %10s %10s %14s %14s  %s\n" "$t" - - - - - "skipped: $reason"; return; fi
  printf "%-10s %12s %10s %10s %14s %14s  %s\n" "$t" "${WALL[$t]}" "${CPU[$t]}" "${RSS[$t]}" "${OUTB[$t]:-0}" "${IDXB[$t]:-0}" "${NOTE[$t]:-}"
}
row kohyo 0 ""
row hugo $SKIP_HUGO "$SKIP_REASON_HUGO"
row pagefind $SKIP_PAGEFIND "$SKIP_REASON_PAGEFIND"
row jbake $SKIP_JBAKE "$SKIP_REASON_JBAKE"
echo "kohyo index: static browser index $KOHYO_STATIC B, Lucene index $KOHYO_LUCENE B"
echo "kohyo stages: $STAGES" | tr '\n' ' '; echo
[ -n "$INCREMENTAL_LINE" ] && echo "$INCREMENTAL_LINE"
[ $SKIP_INCREMENTAL = 1 ] && echo "incremental build skipped"
[ -n "$SEARCH_LINES" ] && echo "$SEARCH_LINES"
[ $SKIP_SEARCH = 1 ] && echo "search benchmark skipped"
[ $SKIP_HUGO = 1 ] && echo "hugo skipped: $SKIP_REASON_HUGO"
[ $SKIP_PAGEFIND = 1 ] && echo "pagefind skipped: $SKIP_REASON_PAGEFIND"
[ $SKIP_JBAKE = 1 ] && echo "jbake skipped: $SKIP_REASON_JBAKE"
[ -n "${NOTE[kohyo]:-}" ] && echo "WARNING: kohyo ${NOTE[kohyo]}"

ratio() { # numerator denominator  (denominator may be "over N min")
  local a=$1 b=$2
  case "$a" in over*|"") echo "n/a"; return ;; esac
  case "$b" in
    over*) local m; m=$(echo "$b" | awk '{print $2}'); awk -v a="$a" -v b="$m" 'BEGIN{printf "<%.3f", a/(b*60)}' ;;
    ""|-) echo "n/a" ;;
    *) awk -v a="$a" -v b="$b" 'BEGIN{ if (b>0) printf "%.3f", a/b; else print "n/a" }' ;;
  esac
}
K=${WALL[kohyo]:-}
RH=n/a; RHP=n/a; RJ=n/a
[ $SKIP_HUGO = 0 ] && RH=$(ratio "$K" "${WALL[hugo]:-}")
if [ $SKIP_PAGEFIND = 0 ]; then
  case "${WALL[pagefind]:-}" in over*) RHP=$(ratio "$K" "${WALL[pagefind]}") ;;
    *) RHP=$(ratio "$K" "$(awk -v a="${WALL[hugo]}" -v b="${WALL[pagefind]}" 'BEGIN{print a+b}')") ;; esac
fi
[ $SKIP_JBAKE = 0 ] && RJ=$(ratio "$K" "${WALL[jbake]:-}")
{ for t in kohyo hugo pagefind jbake; do echo -e "$t\t${WALL[$t]:-}\t${CPU[$t]:-}\t${RSS[$t]:-}\t${OUTB[$t]:-}\t${IDXB[$t]:-}"; done; } > "$OUT/summary.tsv"
echo "ratio kohyo/hugo=$RH kohyo/hugo+pagefind=$RHP kohyo/jbake=$RJ"
