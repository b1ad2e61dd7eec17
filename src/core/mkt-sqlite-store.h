/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mkt-store.h"

G_BEGIN_DECLS

#define MKT_TYPE_SQLITE_STORE (mkt_sqlite_store_get_type ())

G_DECLARE_FINAL_TYPE (MktSqliteStore, mkt_sqlite_store, MKT, SQLITE_STORE, GObject)

MktSqliteStore *mkt_sqlite_store_new             (const char      *path,
                                                  GError         **error);
const char     *mkt_sqlite_store_get_path        (MktSqliteStore  *self);
guint           mkt_sqlite_store_get_version     (MktSqliteStore  *self);
char           *mkt_sqlite_store_get_meta        (MktSqliteStore  *self,
                                                  const char      *key);
gboolean        mkt_sqlite_store_set_meta        (MktSqliteStore  *self,
                                                  const char      *key,
                                                  const char      *value,
                                                  GError         **error);
gboolean        mkt_sqlite_store_exec            (MktSqliteStore  *self,
                                                  const char      *sql,
                                                  GError         **error);
char           *mkt_sqlite_store_dump_schema     (MktSqliteStore  *self);
gboolean        mkt_sqlite_store_replace_with    (MktSqliteStore  *self,
                                                  MktSqliteStore  *source,
                                                  GError         **error);

G_END_DECLS
