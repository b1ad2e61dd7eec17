/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mkt-http-config.h"

G_BEGIN_DECLS

GSocket  *mkt_http_socket_new     (const char           *host,
                                   guint16               port,
                                   gboolean              reuse_port,
                                   gboolean              listen,
                                   GError              **error);
char     *mkt_http_format_url     (const char           *host,
                                   guint16               port);
int       mkt_http_supervise      (const MktHttpConfig  *config,
                                   GError              **error);

G_END_DECLS
