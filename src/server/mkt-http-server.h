/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mkt-http-config.h"

G_BEGIN_DECLS

#define MKT_TYPE_HTTP_SERVER (mkt_http_server_get_type ())

G_DECLARE_FINAL_TYPE (MktHttpServer, mkt_http_server, MKT, HTTP_SERVER, GObject)

MktHttpServer       *mkt_http_server_new              (MktHttpConfig  *config);
gboolean             mkt_http_server_listen           (MktHttpServer  *self,
                                                       gboolean        reuse_port,
                                                       GError        **error);
guint16              mkt_http_server_get_port         (MktHttpServer  *self);
int                  mkt_http_server_run              (MktHttpServer  *self,
                                                       gboolean        handle_sigint);

G_END_DECLS
