# SPDX-License-Identifier: GPL-2.0-or-later
# tests/integration/trap-lib.sh: helpers shared by the trap-*.sh tests and
# bench/trap-bench.sh (sourced after tests/lib.sh; not a test itself).
#
# The snmptrapd configuration is always the SHIPPED one
# (conf/snmptrapd/printdev-snmptrapd.conf) with its install-time
# placeholders filled in for the private temp dir, its port replaced by a
# free high loopback port, and the commented loopback community and SNMPv3
# examples filled in and enabled (the shipped file accepts nothing: see
# trap-defaults.sh).  Extra handler options are appended to its traphandle
# line.

PT_ENGINE=0x8000000001020304
PT_V3USER=printdevtest
PT_AUTHPASS=authpass-1234
PT_PRIVPASS=privpass-5678
PT_COMMUNITY=pdtest-trap

# pt_trapd_conf OUT PORT HANDLER [EXTRA HANDLER OPTIONS...]: writes the
# configuration.  HANDLER replaces @sbindir@/printdev-traphandle (so the
# benchmark can put another handler on the same configuration).
pt_trapd_conf() {
    local out=$1 port=$2 handler=$3 shipped extra
    shift 3
    extra="$*"
    shipped="$top_srcdir/conf/snmptrapd/printdev-snmptrapd.conf"
    [ -f "$shipped" ] || pd_die "missing $shipped"
    mkdir -p "$PD_TMP/etc" "$PD_TMP/state"
    sed -e "s|^snmpTrapdAddr udp:127.0.0.1:2697\$|snmpTrapdAddr udp:127.0.0.1:$port|" \
        -e "s|@sbindir@/printdev-traphandle|$handler|" \
        -e "s|@PRINTDEV_CONFDIR@|$PD_TMP/etc|g" \
        -e "s|@PRINTDEV_STATEDIR@|$PD_TMP/state|g" \
        -e "s|^#createUser -e 0x80000000PRINTERENGINEID USERNAME SHA \"AUTH-PASSPHRASE\" AES \"PRIV-PASSPHRASE\"\$|createUser -e $PT_ENGINE $PT_V3USER SHA \"$PT_AUTHPASS\" AES \"$PT_PRIVPASS\"|" \
        -e "s|^#authUser log,execute USERNAME priv\$|authUser log,execute $PT_V3USER priv|" \
        -e "s|^#authCommunity log,execute COMMUNITY 127.0.0.1/32\$|authCommunity log,execute $PT_COMMUNITY 127.0.0.1/32|" \
        -e "/^traphandle default /s|\$| $extra|" \
        "$shipped" > "$out"
    # every substitution must have hit: the test relies on the shipped lines
    grep -q "^snmpTrapdAddr udp:127.0.0.1:$port\$" "$out" || pd_die "shipped conf: no snmpTrapdAddr line"
    grep -q "^createUser -e $PT_ENGINE $PT_V3USER " "$out" || pd_die "shipped conf: no createUser example"
    grep -q "^authUser log,execute $PT_V3USER priv\$" "$out" || pd_die "shipped conf: no authUser example"
    grep -q "^authCommunity log,execute $PT_COMMUNITY 127.0.0.1/32\$" "$out" ||
        pd_die "shipped conf: no loopback authCommunity example"
    grep -q "^traphandle default $handler" "$out" || pd_die "shipped conf: no traphandle line"
    ! grep -q '@[A-Za-z_]*@' "$out" || pd_die "shipped conf: unsubstituted placeholder"
}

# pt_printer_alert PORT VERSION DEV ALERT SEVERITY GROUP GROUPINDEX LOCATION CODE
# sends a printerV2Alert (v2c/v3 trap, inform) or its SNMPv1 form.
# VERSION: v1 | v2c | v3 | inform
pt_printer_alert() {
    local port=$1 ver=$2 d=$3 a=$4 sev=$5 grp=$6 gi=$7 loc=$8 code=$9 vbs
    local p=1.3.6.1.2.1.43.18.1.1
    vbs="$p.1.$d.$a i $a $p.2.$d.$a i $sev $p.4.$d.$a i $grp $p.5.$d.$a i $gi $p.6.$d.$a i $loc $p.7.$d.$a i $code"
    # shellcheck disable=SC2086
    case $ver in
    v1) snmptrap -v1 -c "$PT_COMMUNITY" "127.0.0.1:$port" 1.3.6.1.2.1.43.18.2 127.0.0.1 6 1 '' $vbs ;;
    v2c) snmptrap -v2c -c "$PT_COMMUNITY" "127.0.0.1:$port" '' 1.3.6.1.2.1.43.18.2.0.1 $vbs ;;
    v3) snmptrap -v3 -e "$PT_ENGINE" -u "$PT_V3USER" -l authPriv -a SHA -A "$PT_AUTHPASS" \
            -x AES -X "$PT_PRIVPASS" "127.0.0.1:$port" '' 1.3.6.1.2.1.43.18.2.0.1 $vbs ;;
    inform) snmpinform -v2c -c "$PT_COMMUNITY" -t 10 -r 0 "127.0.0.1:$port" '' \
            1.3.6.1.2.1.43.18.2.0.1 $vbs >/dev/null ;;
    *) pd_die "pt_printer_alert: unknown version $ver" ;;
    esac
}

# pt_trap_packet FILE ARGS...: writes to FILE the UDP payload snmptrap
# would send for these snmptrap arguments (read from snmptrap's own packet
# dump, -d), so that pt_blast can replay it without a process per trap.
pt_trap_packet() {
    local out=$1 hex
    shift
    # octal escapes: the only ones every printf(1) understands (dash too)
    hex=$(snmptrap -d "$@" 2>&1 |
        awk '/^[0-9][0-9][0-9][0-9]: / { s = substr($0, 7, 50); n = split(s, h, " ");
                 for (i = 1; i <= n; i++) if (h[i] ~ /^[0-9A-F][0-9A-F]$/) {
                     v = (index("0123456789ABCDEF", substr(h[i], 1, 1)) - 1) * 16 + \
                         index("0123456789ABCDEF", substr(h[i], 2, 1)) - 1
                     printf "\\%03o", v } }')
    [ -n "$hex" ] || pd_die "pt_trap_packet: no packet dump from snmptrap"
    printf "$hex" > "$out"
}

# pt_blast PORT FILE COUNT [PER_SECOND]: sends the packet in FILE COUNT
# times to 127.0.0.1:PORT from one process (perl is part of every Debian
# system), as fast as possible or paced.
pt_blast() {
    perl -e '
        use strict; use Socket; use Time::HiRes qw(time sleep);
        my ($port, $file, $n, $rate) = @ARGV;
        open(my $f, "<:raw", $file) or die "$file: $!"; local $/; my $p = <$f>;
        socket(my $s, PF_INET, SOCK_DGRAM, 0) or die "socket: $!";
        my $to = sockaddr_in($port, inet_aton("127.0.0.1"));
        my $t0 = time;
        for my $i (1 .. $n) {
            defined(send($s, $p, 0, $to)) or die "send: $!";
            if ($rate) { my $d = $t0 + $i / $rate - time; sleep($d) if $d > 0; }
        }' "$@"
}

# pt_wait_lines FILE N SECONDS: wait until FILE has at least N lines.
pt_wait_lines() {
    local f=$1 n=$2 secs=$3 i
    for i in $(seq 1 $((secs * 10))); do
        [ -f "$f" ] && [ "$(wc -l < "$f")" -ge "$n" ] && return 0
        sleep 0.1
    done
    return 1
}

# pt_norm: replace the variable parts of handler output (times, the
# sender's UDP port, the pid in syslog lines) so it can be compared exactly.
pt_norm() {
    sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z/TIME/g' \
        -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIME/g' \
        -e 's/^<([0-9]+)>[A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} /<\1>STAMP /' \
        -e 's/printdev-traphandle\[[0-9]+\]/printdev-traphandle[PID]/'
}
