/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_trapd_pdu.c: libFuzzer target over printdev-trapd's receive path:
 * a raw UDP datagram goes through Net-SNMP's own message parser
 * (snmp_parse() of a server session, as snmp_read() calls it: BER, SNMPv1/
 * v2c communities, SNMPv3 USM with a configured authPriv user), then, when
 * it is a notification, through the access check, the PDU front end
 * (trapd_pdu_to_msg) and the whole trap pipeline (translation, built-in
 * rules, rendering, text and JSON Lines outputs to /dev/null).  Seed
 * corpus: tests/fuzz/corpus/trapd_pdu/ (datagrams snmptrap and snmpinform
 * send: v1, v2c, v3 authPriv, informs).
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trap_pipeline.h"
#include "trapd_pdu.h"

static void *slp;
static netsnmp_session *sess;
static struct trap_pipeline *pipeline;

static void setup(void)
{
    netsnmp_session s;
    netsnmp_transport *t;
    struct trap_pipeline_config pc = {0};
    char line[] = "-e 0x8000000001020304 printdevtest SHA authpass-1234 AES privpass-5678";
    char err[256];

    setenv("MIBS", "", 1);
    setenv("MIBDIRS", "", 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
    init_usm_conf("fuzz-trapd");
    init_snmp("fuzz-trapd");
    usm_parse_create_usmUser("createUser", line);
    t = netsnmp_transport_open_client("snmptrap", "udp:127.0.0.1:9");
    if (!t)
        __builtin_trap();
    snmp_sess_init(&s);
    s.peername = SNMP_DEFAULT_PEERNAME;
    s.version = SNMP_DEFAULT_VERSION;
    s.isAuthoritative = SNMP_SESS_UNKNOWNAUTH;
    slp = snmp_sess_add(&s, t, NULL, NULL);
    if (!slp)
        __builtin_trap();
    sess = snmp_sess_session(slp);

    pc.no_db = true;
    pc.syslog_on = false;
    pc.out_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
    pc.jsonl = "/dev/null";
    pc.storm_window = 0;
    if (trap_pipeline_open(&pc, &pipeline, err, sizeof err) < 0)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    netsnmp_pdu *pdu;
    u_char *copy;

    if (!slp)
        setup();
    if (size > 65507) /* one UDP datagram */
        return 0;
    copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    pdu = snmp_pdu_create(0);
    pdu->transport_data = NULL;
    if (snmp_parse(slp, sess, pdu, copy, size) == SNMP_ERR_NOERROR &&
        (pdu->command == SNMP_MSG_TRAP || pdu->command == SNMP_MSG_TRAP2 ||
         pdu->command == SNMP_MSG_INFORM)) {
        struct trap_msg m;
        struct trap_pipeline_item item = {.msg = &m, .received_ms = 1};
        if (trapd_pdu_to_msg(pdu, "127.0.0.1", "UDP: [127.0.0.1]:1->[127.0.0.1]:2", &m) == 0)
            trap_pipeline_run(pipeline, &item, 1);
        trap_msg_free(&m);
    }
    snmp_free_pdu(pdu);
    free(copy);
    return 0;
}
