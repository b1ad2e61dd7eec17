/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mkt-store.h"

G_BEGIN_DECLS

#define MKT_TYPE_PG_STORE (mkt_pg_store_get_type ())

G_DECLARE_FINAL_TYPE (MktPgStore, mkt_pg_store, MKT, PG_STORE, GObject)

MktPgStore  *mkt_pg_store_new              (const char  *conninfo,
                                            GError     **error);
gboolean     mkt_pg_store_set_lock_timeout (MktPgStore  *self,
                                            guint        timeout_ms,
                                            GError     **error);
guint        mkt_pg_store_get_n_prepared   (MktPgStore  *self);

G_END_DECLS
