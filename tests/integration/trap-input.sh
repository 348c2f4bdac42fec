#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# trap-input.sh: printdev-traphandle on hostile or broken input, run the
# way snmptrapd runs it (input on stdin): binary garbage, empty input,
# input over the 64 KiB cap, a writer that never closes, a broken rules
# file, and every trap captured from snmptrapd in tests/fixtures/trap.
# Each must end promptly with status 0 and exactly one event, its log
# lines free of raw control characters.  Also checks that the shipped
# snmptrapd.conf carries exactly the parser's `format execute` line.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/trap-lib.sh"
pd_init trap-input

H="$top_builddir/printdev-traphandle"
JL="$PD_TMP/events.jsonl"
RAW=$(printf '[\001-\010\013-\037\177]')

# run NAME [handler options]: stdin -> handler (foreground), captures stdout
run() {
    name=$1
    shift
    "$H" -S -s off -d "$PD_TMP/traps.db" -j "$JL" -o "$@" > "$PD_TMP/$name.out" 2> "$PD_TMP/$name.err"
    echo $? > "$PD_TMP/$name.rc"
}
last_json() { tail -n 1 "$JL"; }

: > "$JL"
head -c 3000 /dev/urandom | tr -d '\n' > "$PD_TMP/garbage"
printf 'PRINTDEV-TRAP 1\nlocalhost\n\033[2J\001\002 evil\r\n' >> "$PD_TMP/garbage"
run garbage < "$PD_TMP/garbage"
pd_eq "garbage: exit 0" 0 "$(cat "$PD_TMP/garbage.rc")"
pd_eq "garbage: one event" 1 "$(wc -l < "$JL")"
pd_ok "garbage: category unparsed, severity warning" \
    grep -q '"severity":"warning","category":"unparsed"' "$JL"
pd_eq "garbage: one stdout line without raw control characters" "1 0" \
    "$(wc -l < "$PD_TMP/garbage.out") $(grep -c "$RAW" "$PD_TMP/garbage.out")"
pd_eq "garbage: JSON line without raw control characters" 0 "$(grep -c "$RAW" "$JL")"

run empty < /dev/null
pd_eq "empty input: exit 0, one more event, unparsed" "0 2 1" \
    "$(cat "$PD_TMP/empty.rc") $(wc -l < "$JL") $(last_json | grep -c '"category":"unparsed"')"

# 100 KiB: over the cap; the rest is drained so the writer never blocks
{ printf 'localhost\nUDP: [127.0.0.1]:1->[127.0.0.1]:2\n'; head -c 102400 /dev/zero | tr '\0' 'A'; } > "$PD_TMP/big"
run big < "$PD_TMP/big"
pd_eq "100 KiB input: exit 0, one more event, unparsed" "0 3 1" \
    "$(cat "$PD_TMP/big.rc") $(wc -l < "$JL") $(last_json | grep -c '"category":"unparsed"')"

# a writer that sends half a trap and never closes: handled after the
# stdin timeout (10 s), not hung
(printf 'localhost\nUDP: [127.0.0.1]:1->[127.0.0.1]:2\niso.3.6.1.6.3.1.1.4.1.0 "unterminated'; sleep 16) |
    { start=$(date +%s); run stuck; echo $(( $(date +%s) - start )) > "$PD_TMP/took"; }
took=$(cat "$PD_TMP/took")
pd_ok "writer that never closes: handler gave up after ${took}s (10 s timeout)" \
    [ "$took" -ge 9 -a "$took" -le 13 ]
pd_eq "writer that never closes: one more event" 4 "$(wc -l < "$JL")"

# spool mode (the default) on garbage as well
"$H" -s off -d "$PD_TMP/traps.db" -j "$JL" < "$PD_TMP/garbage"
pd_eq "spool mode: exit 0" 0 $?
pt_wait_lines "$JL" 5 10
pd_eq "spool mode: one more event" 5 "$(wc -l < "$JL")"

# descriptors the caller leaks (snmptrapd's sockets are not close-on-exec)
# must not reach the background worker or its actions: hold the worker in
# a 3 s action and look at what it has open
printf 'rule hold\n    exec timeout=5 /bin/sleep 3\nend\n' > "$PD_TMP/hold.rules"
: > "$PD_TMP/leaked-marker"
mkdir -p "$PD_TMP/hold"
(
    exec 7< "$PD_TMP/leaked-marker"
    "$H" -s off -r "$PD_TMP/hold.rules" -d "$PD_TMP/hold/traps.db" < "$PD_TMP/garbage"
)
pd_ok "background worker running its action" pd_wait_for 5 pgrep -f "printdev-trapworker.*$PD_TMP/hold/traps.db"
leaks=0
for p in $(pgrep -f "printdev-trapworker.*$PD_TMP/hold/traps.db") $(pgrep -f '^/bin/sleep 3$'); do
    ls -l "/proc/$p/fd" 2>/dev/null | grep -q leaked-marker && leaks=$((leaks + 1))
done
pd_eq "background worker and its action inherit no stray descriptor" 0 "$leaks"
# let it finish before the temp dir goes
pd_wait_for 15 sh -c "! pgrep -f 'printdev-trapworke[r].*$PD_TMP/hold/traps.db'" ||
    pd_log "worker still running"

# a broken rules file: reported with file:line, built-in rules used
printf 'rule x\n    severity sideways\nend\n' > "$PD_TMP/bad.rules"
run badrules -r "$PD_TMP/bad.rules" < "$PD_TMP/garbage"
pd_ok "broken rules: reported as file:line" grep -q "bad.rules:2: " "$PD_TMP/badrules.err"
pd_eq "broken rules: the trap is still logged" 6 "$(wc -l < "$JL")"

# every captured snmptrapd input: one event each, nothing raw in the logs
n=0
bad=""
for f in "$top_srcdir"/tests/fixtures/trap/*.txt; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    : > "$JL"
    run fixture < "$f"
    if [ "$(cat "$PD_TMP/fixture.rc")" != 0 ] || [ "$(wc -l < "$JL")" != 1 ] ||
        [ "$(wc -l < "$PD_TMP/fixture.out")" != 1 ] || grep -q "$RAW" "$PD_TMP/fixture.out" "$JL"; then
        bad="$bad ${f##*/}"
    fi
done
if [ "$n" -gt 0 ]; then
    pd_eq "all $n captured inputs: one clean event each" "" "$bad"
fi

# the shipped snmptrapd.conf must carry the parser's format line verbatim
if command -v "${CPP:-cpp}" >/dev/null 2>&1; then
    want=$(printf '#include "trap_parse.h"\nTRAP_FORMAT_EXECUTE\n' |
        "${CPP:-cpp}" -P -I"$top_srcdir/module/trap" - 2>/dev/null | grep '"format execute' |
        sed -e 's/" *"//g' -e 's/^ *"//' -e 's/" *$//' -e 's/\\\\/\\/g')
    pd_eq "shipped conf: format execute line = TRAP_FORMAT_EXECUTE" "$want" \
        "$(grep '^format execute ' "$top_srcdir/conf/snmptrapd/printdev-snmptrapd.conf")"
fi

pd_finish
