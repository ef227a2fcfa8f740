#!/usr/bin/env bash
# The floor (下限) of a full build: what reading and analysing the corpus costs at the least with the
# libraries kohyo must use, against the wall-time budgets issue 6 sets. See bench/README.md.
#
#   bench/floor.sh N        (after bench/run.sh N has generated bench/work/corpus-N)
#
# Environment: KOHYO_JAR (the CLI's -all.jar, whose classpath has Jackson and Lucene; default: the
# repository's generator/kohyo-cli/target build), BENCH_WORK (default bench/work).
set -uo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")
WORK=${BENCH_WORK:-$BENCH/work}
N=${1:?usage: bench/floor.sh N}
JAR=${KOHYO_JAR:-$(ls "$REPO"/generator/kohyo-cli/target/kohyo-cli-*-all.jar 2>/dev/null | head -1)}
[ -f "$JAR" ] || { echo "no kohyo CLI jar: build it (mvn -B -DskipTests package) or set KOHYO_JAR" >&2; exit 2; }
CONTENT=$WORK/corpus-$N/kohyo/content
[ -d "$CONTENT" ] || { echo "no corpus at $CONTENT: run bench/run.sh $N first" >&2; exit 2; }
CLASSES=$(mktemp -d); SCRATCH=$(mktemp -d)
trap 'rm -rf "$CLASSES" "$SCRATCH"' EXIT
javac -d "$CLASSES" -cp "$JAR" "$BENCH/floor/Floor.java" || exit 1

printf '%-16s %8s %8s %8s  %s\n' mode "wall s" "CPU s" "RSS MB" "what it does"
declare -A WALL
for mode in read write bigram words words+readings; do
  rm -rf "$SCRATCH"/*; sync
  /usr/bin/time -f '%e %U %S %M' -o "$SCRATCH.time" java -cp "$JAR:$CLASSES" Floor "$CONTENT" "$mode" "$SCRATCH" >"$SCRATCH.log" 2>&1 \
    || { cat "$SCRATCH.log" >&2; exit 1; }
  read -r wall user sys rss < "$SCRATCH.time"
  WALL[$mode]=$wall
  case $mode in
    read) what="parse every source (jackson-dataformat-yaml)" ;;
    write) what="parse + one file per source with its text" ;;
    bigram) what="parse + one pass of CJKAnalyzer (bigrams)" ;;
    words) what="parse + one pass of JapaneseTokenizer (SEARCH)" ;;
    words+readings) what="parse + words + one pass for kana readings" ;;
  esac
  printf '%-16s %8.2f %8.2f %8.0f  %s\n' "$mode" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" "$((rss / 1024))" "$what"
  echo "  $(cat "$SCRATCH.log")"
done
rm -f "$SCRATCH.time" "$SCRATCH.log"

# the budgets of issue 6 item 3, from the peers' wall times in bench/run.sh's summary for this N
SUMMARY=$WORK/out-$N/summary.tsv
wall_of() { awk -F'\t' -v t="$1" '$1==t && $2 ~ /^[0-9.]+$/ {print $2}' "$SUMMARY" 2>/dev/null; }
budget() { # label, seconds or empty
  [ -n "$2" ] || return 0
  local over=""
  for mode in read write bigram words words+readings; do
    if awk -v f="${WALL[$mode]}" -v b="$2" 'BEGIN{exit !(f > b)}'; then over="$over $mode"; fi
  done
  local verdict="above every floor"
  [ -n "$over" ] && verdict="BELOW the floor of:$over (no build that does that much fits in it)"
  awk -v l="$1" -v b="$2" -v v="$verdict" 'BEGIN{printf "budget %-30s %8.2f s  %s\n", l, b, v}'
}
calc() { awk "BEGIN{print $1}"; }
HUGO=$(wall_of hugo); PAGEFIND=$(wall_of pagefind); JBAKE=$(wall_of jbake)
if [ -n "$HUGO" ]; then
  if [ "$N" -ge 10000 ]; then budget "1.5 x hugo" "$(calc "1.5 * $HUGO")"; else budget "2.0 x hugo" "$(calc "2 * $HUGO")"; fi
fi
[ -n "$HUGO" ] && [ -n "$PAGEFIND" ] && budget "0.15 x (hugo + pagefind)" "$(calc "0.15 * ($HUGO + $PAGEFIND)")"
if [ -n "$JBAKE" ]; then
  if [ "$N" -ge 10000 ]; then budget "0.1 x jbake" "$(calc "0.1 * $JBAKE")"; else budget "0.15 x jbake" "$(calc "0.15 * $JBAKE")"; fi
fi
[ -f "$SUMMARY" ] || echo "(no $SUMMARY: run bench/run.sh $N for the peers' times and the budgets)"
