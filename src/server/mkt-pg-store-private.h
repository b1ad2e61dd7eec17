/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libpq-fe.h>

#include "mkt-pg.h"
#include "mkt-pg-store.h"

G_BEGIN_DECLS

/**
 * MktPgVisibility:
 * @MKT_PG_ACTIVE: the statement must not see rows in the trash
 * @MKT_PG_WITH_DELETED: the statement reads or moves rows in the trash
 *   (app.include_deleted is on)
 * @MKT_PG_ANY: the table has no trash
 */
typedef enum
{
  MKT_PG_ACTIVE,
  MKT_PG_WITH_DELETED,
  MKT_PG_ANY,
} MktPgVisibility;

/* The most parameters one statement of the store binds: an update of the
 * widest entity, or a list with many filters. */
#define MKT_PG_MAX_PARAMS 128

struct _MktPgStore
{
  GObject     parent_instance;

  PGconn     *conn;
  GHashTable *statements;     /* SQL text → prepared statement's name */
  GHashTable *entity_sql;     /* MktEntitySpec → MktPgEntitySql */
  guint       next_statement;
  guint       lock_timeout_ms;

  /* Transactions: begin() only counts; BEGIN and SAVEPOINTs are sent with
   * the next statement, in the same round trip, and a transaction that ran
   * nothing costs nothing. */
  guint       depth;          /* levels begun */
  guint       sent_depth;     /* levels the server knows of */

  /* What the server's transaction is set to: one tenant for the whole
   * transaction, and whether the trash is visible. A rollback to a
   * savepoint may undo either, so both are set again after one. */
  char       *bound_tenant;
  char       *applied_tenant;
  int         applied_include;  /* -1 unknown, 0 off, 1 on */

  /* A read deferred by mkt_pg_store_defer(): sent in the round trip (and
   * transaction) of the next lone read of its tenant, or alone before
   * anything else; its result waits for mkt_pg_store_take_deferred(). */
  char       *deferred_sql;
  char       *deferred_tenant;
  char      **deferred_params;
  gboolean    deferred_pending;
  gboolean    deferred_ran;
  PGresult   *deferred_result;
};

/* The SQL of one entity's row statements, made once per store. */
typedef struct
{
  char *get;
  char *insert;
  char *update;
  char *remove;
} MktPgEntitySql;

/* One statement of the store, run in the tenant's transaction. */
typedef struct
{
  const char          *sql;
  int                  n_params;
  const char * const  *params;
  const char          *tenant_id;
  MktPgVisibility      visibility;
  gboolean             write;       /* undone alone if it fails */
  const MktEntitySpec *spec;        /* names a unique field's clash */
  const char          *what;        /* the error message's start */
} MktPgStatement;

PGresult    *mkt_pg_store_run              (MktPgStore           *self,
                                            const MktPgStatement *statement,
                                            GError              **error);
void         mkt_pg_store_defer            (MktPgStore           *self,
                                            const char           *tenant_id,
                                            const char           *sql,
                                            const char * const   *params);
PGresult    *mkt_pg_store_take_deferred    (MktPgStore           *self,
                                            GError              **error);
const MktPgEntitySql *mkt_pg_store_entity_sql (MktPgStore        *self,
                                               const MktEntitySpec *spec);
void         mkt_pg_entity_sql_free        (MktPgEntitySql       *sql);

/* Values: records hold int64 and string GVariants; statements take text. */
gboolean     mkt_pg_is_uuid                (const char           *text);
const char  *mkt_pg_param_value            (const MktFieldSpec   *field,
                                            GVariant             *value,
                                            char                 *buffer,
                                            gsize                 size);
guint        mkt_pg_common_columns         (const MktEntitySpec  *spec,
                                            const char          **names);
gboolean     mkt_pg_is_common_column       (const MktEntitySpec  *spec,
                                            const char           *name);
void         mkt_pg_append_column_list     (GString              *sql,
                                            const MktEntitySpec  *spec);
MktRecord   *mkt_pg_read_row               (PGresult             *result,
                                            int                   row,
                                            const MktEntitySpec  *spec);
void         mkt_pg_append_row_json        (PGresult             *result,
                                            int                   row,
                                            const MktEntitySpec  *spec,
                                            GString              *out);

/* MktStore's functions. */
MktRecord   *mkt_pg_store_get              (MktStore             *store,
                                            const MktEntitySpec  *spec,
                                            const char           *tenant_id,
                                            const char           *id,
                                            GError              **error);
GPtrArray   *mkt_pg_store_list             (MktStore             *store,
                                            const MktEntitySpec  *spec,
                                            const char           *tenant_id,
                                            MktQuery             *query,
                                            char                **next_cursor,
                                            GError              **error);
gboolean     mkt_pg_store_list_json        (MktStore             *store,
                                            const MktEntitySpec  *spec,
                                            const char           *tenant_id,
                                            MktQuery             *query,
                                            GString              *out,
                                            char                **next_cursor,
                                            GError              **error);
gboolean     mkt_pg_store_insert           (MktStore             *store,
                                            MktRecord            *record,
                                            GError              **error);
gboolean     mkt_pg_store_update           (MktStore             *store,
                                            MktRecord            *record,
                                            GError              **error);
gboolean     mkt_pg_store_remove           (MktStore             *store,
                                            const MktEntitySpec  *spec,
                                            const char           *tenant_id,
                                            const char           *id,
                                            GError              **error);
gboolean     mkt_pg_store_append_log       (MktStore             *store,
                                            const char           *tenant_id,
                                            const MktLogEntry    *entry,
                                            GError              **error);

G_END_DECLS
