#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0-or-later
# trapd-informs.pl: sends SNMPv2c InformRequests, each with its own
# request-id and a varbind "id-N", at a steady rate from one process, and
# records which were answered and how long each answer took.  Used by
# trapd-kill.sh (every answered inform must be stored) and
# bench/trapd-bench.sh (trap -> stored latency: printdev-trapd answers an
# inform only after the batch holding it is committed).
#
#   trapd-informs.pl PORT COMMUNITY RATE SECONDS ACKFILE
#
# ACKFILE gets one line per answered inform, "id-N LATENCY_MS", written as
# the answers arrive (so it is complete up to the moment the receiver
# died).  The last line on stdout: "sent S answered A p50 X p99 Y max Z" (ms).
use strict;
use warnings;
use Socket;
use IO::Handle;
use Time::HiRes qw(time sleep);

my ($port, $community, $rate, $secs, $ackfile) = @ARGV;
die "usage: $0 PORT COMMUNITY RATE SECONDS ACKFILE\n" unless defined $ackfile;

sub len_ {
    my $l = shift;
    return chr($l) if $l < 128;
    return "\x81" . chr($l) if $l < 256;
    return "\x82" . pack("n", $l);
}
sub tlv { my ($t, $v) = @_; return chr($t) . len_(length $v) . $v; }
sub int_ {
    my $n = shift;
    my $b = pack("N", $n);
    $b =~ s/^\x00(?=[\x00-\x7f])// for 1 .. 3;
    return tlv(0x02, $b);
}
sub oid_ {
    my @s = split /\./, shift;
    my $b = chr(40 * $s[0] + $s[1]);
    for my $v (@s[2 .. $#s]) {
        my $e = chr($v & 0x7f);
        $v >>= 7;
        while ($v) { $e = chr(0x80 | ($v & 0x7f)) . $e; $v >>= 7; }
        $b .= $e;
    }
    return tlv(0x06, $b);
}
sub vb { return tlv(0x30, oid_($_[0]) . $_[1]); }

sub inform {
    my ($reqid, $id) = @_;
    my $vbs = vb("1.3.6.1.2.1.1.3.0", tlv(0x43, "\x01"))
        . vb("1.3.6.1.6.3.1.1.4.1.0", oid_("1.3.6.1.4.1.99999.0.1"))
        . vb("1.3.6.1.4.1.99999.1.0", tlv(0x04, "id-$id"));
    my $pdu = tlv(0xa6, int_($reqid) . int_(0) . int_(0) . tlv(0x30, $vbs));
    return tlv(0x30, int_(1) . tlv(0x04, $community) . $pdu);
}

# request-id of a Response-PDU (version, community, then A2 { reqid ... })
sub reqid_of {
    my $p = shift;
    my $i = 0;
    my $hdr = sub {    # returns (tag, length) and moves $i to the contents
        my $t = ord(substr($p, $i++, 1));
        my $l = ord(substr($p, $i++, 1));
        if ($l & 0x80) {
            my $n = $l & 0x7f;
            $l = 0;
            $l = $l * 256 + ord(substr($p, $i++, 1)) for 1 .. $n;
        }
        return ($t, $l);
    };
    my ($t, $l) = $hdr->();
    return undef unless $t == 0x30;
    ($t, $l) = $hdr->(); $i += $l;    # version
    ($t, $l) = $hdr->(); $i += $l;    # community
    ($t, $l) = $hdr->();
    return undef unless $t == 0xa2;
    ($t, $l) = $hdr->();
    return undef unless $t == 0x02 && $l <= 4;
    my $v = 0;
    $v = $v * 256 + ord(substr($p, $i++, 1)) for 1 .. $l;
    return $v;
}

socket(my $s, PF_INET, SOCK_DGRAM, 0) or die "socket: $!";
bind($s, sockaddr_in(0, inet_aton("127.0.0.1"))) or die "bind: $!";
my $to = sockaddr_in($port, inet_aton("127.0.0.1"));
open(my $ack, ">", $ackfile) or die "$ackfile: $!";
$ack->autoflush(1);

my (%sent_at, @lat);
my $base = 0x10000000 + int(rand(0x1000000));
my ($n, $answered) = (0, 0);
my $t0 = time;
my $end = $t0 + $secs;

sub drain_answers {
    my $wait = shift;
    my $rin = '';
    vec($rin, fileno($s), 1) = 1;
    while (select(my $rout = $rin, undef, undef, $wait) > 0) {
        my $buf;
        defined(recv($s, $buf, 65535, 0)) or last;
        my $r = reqid_of($buf);
        next unless defined $r && exists $sent_at{$r};
        my $ms = (time - $sent_at{$r}) * 1000;
        delete $sent_at{$r};
        push @lat, $ms;
        $answered++;
        printf $ack "id-%d %.3f\n", $r - $base, $ms;
        $wait = 0;
    }
}

while (time < $end) {
    $n++;
    my $reqid = $base + $n;
    $sent_at{$reqid} = time;
    defined(send($s, inform($reqid, $n), 0, $to)) or die "send: $!";
    drain_answers(0);
    my $d = $t0 + $n / $rate - time;
    if ($d > 0) { drain_answers($d); }
}
my $grace = time + 2;
while (%sent_at && time < $grace) { drain_answers(0.05); }
close($ack);
@lat = sort { $a <=> $b } @lat;
my $pct = sub { return @lat ? $lat[int($_[0] * $#lat + 0.5)] : -1; };
printf "sent %d answered %d p50 %.2f p99 %.2f max %.2f\n", $n, $answered, $pct->(0.50),
    $pct->(0.99), $pct->(1.0);
