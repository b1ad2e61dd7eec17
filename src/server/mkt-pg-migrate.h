/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

gboolean  mkt_pg_migrate              (PGconn    *conn,
                                       GArray   **applied,
                                       GError   **error);
gboolean  mkt_pg_get_schema_version   (PGconn    *conn,
                                       guint     *version,
                                       GError   **error);
gboolean  mkt_pg_check_schema         (PGconn    *conn,
                                       GError   **error);
gboolean  mkt_pg_check_app_role       (PGconn    *conn,
                                       GError   **error);

G_END_DECLS
