/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "mkt-sqlite-store.h"

G_BEGIN_DECLS

struct _MktSqliteStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */
  GHashTable *insert_sql;   /* MktEntitySpec → SQL text */
  GHashTable *keyed;        /* key pointer → sqlite3_stmt, owned by statements */
  guint       depth;
  guint       version;
  guint       target_version;
};

/* The most common columns an entity has (tenant_id, id, created_at,
 * updated_at, deleted_at, hlc). */
#define MKT_SQLITE_MAX_COMMON_COLUMNS 6

gboolean      mkt_sqlite_store_set_error    (MktSqliteStore       *self,
                                             GError              **error,
                                             int                   rc,
                                             const char           *what);
sqlite3_stmt *mkt_sqlite_store_prepare      (MktSqliteStore       *self,
                                             const char           *sql,
                                             GError              **error);
gboolean      mkt_sqlite_store_step_done    (MktSqliteStore       *self,
                                             sqlite3_stmt         *stmt,
                                             const char           *what,
                                             GError              **error);
gboolean      mkt_sqlite_store_migrate      (MktSqliteStore       *self,
                                             GError              **error);
/* For tests of migrations: a file brought only up to @version. */
MktSqliteStore *mkt_sqlite_store_new_at_version (const char       *path,
                                                 guint             version,
                                                 GError          **error);
GPtrArray    *mkt_sqlite_store_list         (MktStore             *store,
                                             const MktEntitySpec  *spec,
                                             const char           *tenant_id,
                                             MktQuery             *query,
                                             char                **next_cursor,
                                             GError              **error);

const char   *mkt_sqlite_type               (MktFieldType          type);
guint         mkt_sqlite_common_columns     (const MktEntitySpec  *spec,
                                             const char          **names);
void          mkt_sqlite_append_column_list (GString              *sql,
                                             const MktEntitySpec  *spec);
gboolean      mkt_sqlite_is_common_column   (const MktEntitySpec  *spec,
                                             const char           *name);
void          mkt_sqlite_bind_value         (sqlite3_stmt         *stmt,
                                             int                   column,
                                             GVariant             *value);
MktRecord    *mkt_sqlite_read_row           (sqlite3_stmt         *stmt,
                                             const MktEntitySpec  *spec);
sqlite3_stmt *mkt_sqlite_store_prepare_keyed (MktSqliteStore      *self,
                                              gconstpointer        key,
                                              const char          *sql,
                                              GError             **error);

/* MktStore's row functions, in mkt-sqlite-rows.c. */
MktRecord    *mkt_sqlite_store_get          (MktStore             *store,
                                             const MktEntitySpec  *spec,
                                             const char           *tenant_id,
                                             const char           *id,
                                             GError              **error);
gboolean      mkt_sqlite_store_insert       (MktStore             *store,
                                             MktRecord            *record,
                                             GError              **error);
gboolean      mkt_sqlite_store_update       (MktStore             *store,
                                             MktRecord            *record,
                                             GError              **error);
gboolean      mkt_sqlite_store_remove       (MktStore             *store,
                                             const MktEntitySpec  *spec,
                                             const char           *tenant_id,
                                             const char           *id,
                                             GError              **error);
gboolean      mkt_sqlite_store_append_log   (MktStore             *store,
                                             const char           *tenant_id,
                                             const MktLogEntry    *entry,
                                             GError              **error);

G_END_DECLS
