#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tools/check-deps.sh [TOP [BUILDDIR]]: the one-way dependency rule of
# module/ (run by `make check`; exit 1 on a finding, 77 without a build).
#
# 1. Layers, over the #include "..." lines: common (0) <- model (1) <- feed
#    protocol and glue (2, with the feed server, which is Net-SNMP glue) <-
#    entry points (3: module/agent, printdevctl, printdev-sim, printdev-ipp);
#    the pure IPP mapping (module/ipp but printdev-ipp*.[ch]) is layer 1.  A file may
#    include headers of its own layer or lower ones.  module/trap is beside
#    them: it may include common and trap headers only, and nothing outside
#    module/trap may include a trap header.
# 2. No cycle between source files, over what they really use: file A
#    depends on file B when A's object refers to a global symbol B's object
#    defines (nm of the built objects; headers only declare).  A cycle is a
#    set of files that all reach each other; none is allowed except the
#    ones in ALLOWED_CYCLES below.
set -u
top=${1:-${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}}
build=${2:-${top_builddir:-$top/_build}}

# Known cycles: each line is a set of files allowed to form cycles among
# themselves (a cycle passes when all its files are on one line).  Empty this
# list as the cycles are removed; a line that matches no cycle any more is
# reported, so the list cannot go stale.
#  (none today: the feed/glue cycles went with feed_agent_ops, the trap
#  rules/translator cycle with trap_event.h, the store's with
#  trap_store_common.c)
ALLOWED_CYCLES='
'

status=0
cd "$top/module" || { echo "check-deps: no module/ under $top" >&2; exit 2; }

# ---- 1. layers ----
for f in */*.c */*.h; do
    sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
        while read -r h; do echo "$f $h"; done
done | awk '
function unit(f) { sub(/\.[ch]$/, "", f); return f }
function layer(u,   d) {
    d = u; sub(/\/.*/, "", d)
    if (d == "common") return 0
    if (d == "model") return 1
    if (d == "glue") return 2
    if (d == "feed") return (u == "feed/printdevctl" || u == "feed/printdev-sim") ? 3 : 2
    if (d == "agent") return 3
    if (d == "ipp") return (u ~ /^ipp\/printdev-ipp/) ? 3 : 1
    if (d == "trap") return "T"
    return "?"
}
{ file[NR] = $1; inc[NR] = $2; n = NR; b = unit($1); sub(/.*\//, "", b); where[b ".h"] = unit($1) }
END {
    for (i = 1; i <= n; i++) {
        if (!(inc[i] in where)) continue          # config.h, system headers
        lf = layer(unit(file[i])); lh = layer(where[inc[i]])
        if (lf == "T") bad = (lh != "T" && lh != 0)
        else if (lh == "T") bad = 1
        else bad = (lh > lf)
        if (bad) {
            printf "layer: module/%s (layer %s) includes %s (layer %s)\n", file[i], lf, inc[i], lh
            fail = 1
        }
        checked++
    }
    printf "layers: %d includes checked\n", checked
    exit fail
}' || status=1

# ---- 2. cycles between files, from the built objects ----
pairs=$(mktemp) || exit 2
trap 'rm -f "$pairs"' EXIT
found=0
for src in */*.c; do
    d=${src%/*} s=${src##*/}
    s=${s%.c}
    obj=
    for o in "$build/module/$d/.libs/$s.o" "$build/module/$d/$s.o" \
             "$build/module/$d"/.libs/*-"$s.o" "$build/module/$d"/*-"$s.o"; do
        [ -f "$o" ] && { obj=$o; break; }
    done
    if [ -z "$obj" ]; then
        echo "cycles: note: no object for module/$src (not built in this configuration)" >&2
        continue
    fi
    found=$((found + 1))
    nm "$obj" | awk -v u="$d/$s" '$1 == "U" { print "U", u, $2; next } NF == 3 && $2 ~ /^[TDBRVWG]$/ { print "D", u, $3 }'
done > "$pairs"
if [ "$found" -eq 0 ]; then
    echo "cycles: no objects under $build/module (build first); skipped"
    [ "$status" -eq 0 ] && exit 77
    exit "$status"
fi
awk -v allowed="$ALLOWED_CYCLES" -v nobj="$found" '
$1 == "D" { def[$3] = $2; units[$2] = 1; next }
$1 == "U" { use[++nu] = $2 SUBSEP $3; units[$2] = 1 }
END {
    for (i = 1; i <= nu; i++) {
        split(use[i], p, SUBSEP)
        if ((p[2] in def) && def[p[2]] != p[1]) edge[p[1], def[p[2]]] = 1
    }
    m = 0
    for (u in units) node[++m] = u
    for (a = 1; a <= m; a++) for (b = 1; b <= m; b++) r[a, b] = ((node[a], node[b]) in edge)
    for (k = 1; k <= m; k++) for (a = 1; a <= m; a++) if (r[a, k]) for (b = 1; b <= m; b++) if (r[k, b]) r[a, b] = 1
    na = split(allowed, al, "\n")
    for (a = 1; a <= m; a++) {
        if (done[a]) continue
        cnt = 1; mem[1] = node[a]
        for (b = 1; b <= m; b++)
            if (b != a && r[a, b] && r[b, a]) { done[b] = 1; mem[++cnt] = node[b] }
        if (cnt < 2) continue
        for (x = 2; x <= cnt; x++)
            for (y = x; y > 1 && mem[y - 1] > mem[y]; y--) { t = mem[y]; mem[y] = mem[y - 1]; mem[y - 1] = t }
        comp = mem[1]
        for (x = 2; x <= cnt; x++) comp = comp " " mem[x]
        ok = 0
        for (x = 1; x <= na; x++) {
            if (al[x] == "") continue
            nin = 0
            for (y = 1; y <= cnt; y++) nin += index(" " al[x] " ", " " mem[y] " ") > 0
            if (nin == cnt) { ok = 1; seen[x] = 1 }
        }
        printf "%s: %s\n", ok ? "cycle (allowed, see ALLOWED_CYCLES)" : "cycle", comp
        if (!ok) fail = 1
    }
    for (x = 1; x <= na; x++)
        if (al[x] != "" && !seen[x]) {
            printf "allowed cycle no longer exists, remove it from ALLOWED_CYCLES: %s\n", al[x]
            fail = 1
        }
    printf "cycles: %d objects, %d files\n", nobj, m
    exit fail
}' "$pairs" || status=1
[ "$status" -eq 0 ] && echo "check-deps: ok" || echo "check-deps: FAILED"
exit "$status"
