/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libpq-fe.h>

#include "mkt-http-server.h"
#include "mkt-pg-store.h"

G_BEGIN_DECLS

/* A worker thread's own state: its database connection, made on first
 * use and closed when the thread ends. */
struct _MktHttpWorker
{
  char       *database_url;
  PGconn     *conn;
  MktPgStore *store;    /* mkt_auth_get_store(): sessions and accounts */
};

/* Safe from any thread. */
const MktHttpConfig *mkt_http_server_get_config       (MktHttpServer  *self);
gint64               mkt_http_server_get_uptime       (MktHttpServer  *self);
guint                mkt_http_server_get_queue_length (MktHttpServer  *self);

G_END_DECLS
