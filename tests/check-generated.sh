#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# check-generated.sh: the committed generated C matches its sources (what
# `make check-enums` and `make check-columns` check), so a TSV edit without
# re-generating, or a hand edit of generated code, fails `make check`.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
awk=${AWK:-awk}
fail=0
check() { # check OUT FILE GENERATOR SOURCES...
  out=$1 file=$2 gen=$3
  shift 3
  if "$awk" -v out="$out" -f "$top/$gen" "$@" | diff -u "$top/$file" - >/dev/null; then
    echo "ok - $file"
  else
    echo "not ok - $file differs from what $gen generates (re-run it, see its header)"
    fail=1
  fi
}
enums=$top/tools/printer-mib-enums.tsv
columns=$top/tools/printdev-columns.tsv
check h module/common/prt_enums.h tools/gen-enums.awk "$enums"
check c module/common/prt_enums_tables.c tools/gen-enums.awk "$enums"
check h module/common/prt_columns.h tools/gen-columns.awk "$enums" "$columns"
check c module/common/prt_columns.c tools/gen-columns.awk "$enums" "$columns"
check glue module/glue/glue_columns.h tools/gen-columns.awk "$enums" "$columns"
check model module/model/prt_column_fields.h tools/gen-columns.awk "$enums" "$columns"
exit $fail
