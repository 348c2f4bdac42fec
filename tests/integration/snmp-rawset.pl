#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0-or-later
# snmp-rawset.pl: sends one SNMPv2c SetRequest whose varbind value has any
# BER type, encoded by hand -- Net-SNMP's snmpset cannot send BIT STRING
# (0x03) or NsapAddress (0x45) -- and waits a bounded time for the answer.
#
#   snmp-rawset.pl HOST PORT COMMUNITY OID TYPE-HEX VALUE-HEX SECONDS
#
# Prints "error-status N" (N from the Response-PDU) and exits 0, or prints
# "timeout" and exits 1.  Core Perl only (perl-base).
use strict;
use warnings;
use IO::Socket::INET;

@ARGV == 7 or die "usage: $0 HOST PORT COMMUNITY OID TYPE-HEX VALUE-HEX SECONDS\n";
my ($host, $port, $community, $oid, $type, $value, $seconds) = @ARGV;

sub ber_len {
    my $n = shift;
    return chr($n) if $n < 0x80;
    return "\x81" . chr($n) if $n < 0x100;
    return "\x82" . pack('n', $n);
}
sub tlv { my ($t, $v) = @_; return chr($t) . ber_len(length $v) . $v; }
sub ber_int {
    my $s = pack('N', shift);
    $s =~ s/^\x00+(?=[\x00-\x7f])//;
    return tlv(0x02, $s);
}
sub ber_oid {
    my @sub = grep { length } split /\./, shift;
    my $b = chr(40 * $sub[0] + $sub[1]);
    for my $x (@sub[2 .. $#sub]) {
        my @o = ($x & 0x7f);
        $x >>= 7;
        while ($x) { unshift @o, 0x80 | ($x & 0x7f); $x >>= 7; }
        $b .= join '', map { chr } @o;
    }
    return tlv(0x06, $b);
}

my $reqid = 1000 + $$ % 30000;
my $vb = tlv(0x30, ber_oid($oid) . tlv(hex $type, pack('H*', $value)));
my $pdu = tlv(0xa3, ber_int($reqid) . ber_int(0) . ber_int(0) . tlv(0x30, $vb));
my $msg = tlv(0x30, ber_int(1) . tlv(0x04, $community) . $pdu);

my $s = IO::Socket::INET->new(PeerAddr => $host, PeerPort => $port, Proto => 'udp')
    or die "socket: $!\n";
defined $s->send($msg) or die "send: $!\n";
my $rin = '';
vec($rin, fileno($s), 1) = 1;
if (select(my $rout = $rin, undef, undef, $seconds)) {
    my $buf;
    defined $s->recv($buf, 65535) or die "recv: $!\n";
    # Message { version, community, Response-PDU { request-id, error-status, ... } }
    my $pos = 0;
    my $read = sub {    # one TLV header at $pos: (type, length); $pos at its value
        my $t = ord substr($buf, $pos++, 1);
        my $l = ord substr($buf, $pos++, 1);
        if ($l & 0x80) {
            my $n = $l & 0x7f;
            $l = 0;
            $l = $l * 256 + ord substr($buf, $pos++, 1) for 1 .. $n;
        }
        return ($t, $l);
    };
    my ($t, $l) = $read->();                     # Message
    ($t, $l) = $read->(); $pos += $l;            # version
    ($t, $l) = $read->(); $pos += $l;            # community
    ($t, $l) = $read->();                        # PDU
    die "not a Response-PDU\n" unless $t == 0xa2;
    ($t, $l) = $read->(); $pos += $l;            # request-id
    ($t, $l) = $read->();                        # error-status
    my $status = 0;
    $status = $status * 256 + ord substr($buf, $pos++, 1) for 1 .. $l;
    print "error-status $status\n";
    exit 0;
}
print "timeout\n";
exit 1;
