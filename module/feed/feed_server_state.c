/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * feed_server_state.c: the state the feed server's files share
 * (feed_server_internal.h) and the options its configuration tokens set,
 * defined in one file of their own so that the listener, the clients and
 * the session reports all depend on it and not on each other in a circle.
 */
#include <config.h>

#include <stdbool.h>

#include "feed_server.h"
#include "feed_server_internal.h"

struct feed_srv_state feed_srv = {.lfd = -1};

bool feed_srv_opt_sync = true; /* printdevFeedSync */
/* printdevFeedIdleTimeout, seconds; 0 off */
unsigned feed_srv_opt_idle = FEED_IDLE_DEFAULT;
/* printdevFeedControllerAfter, seconds; 0 only declared sessions */
unsigned feed_srv_opt_ctl_after = FEED_CTL_AFTER_DEFAULT;
/* printdevFeedNotifyInterval, seconds; 0 no limit */
unsigned feed_srv_opt_notify_interval = FEED_NOTIFY_INTERVAL_DEFAULT;
