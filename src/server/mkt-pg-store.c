/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-pg-store"

#include "config.h"

#include <string.h>

#include "mkt-error.h"
#include "mkt-pg.h"
#include "mkt-pg-schema.h"
#include "mkt-pg-store-private.h"

/**
 * MktPgStore:
 *
 * The server's store: mkt-core's #MktStore over one libpq connection to the
 * database `market-server migrate` made, as the application role, which row
 * level security holds to the tenant each transaction names. #MktSession's
 * rules run unchanged on top of it, and behave as they do over SQLite:
 * the same rows, orders, cursors and errors.
 *
 * Every statement is parameterised and prepared once per connection. The
 * transaction's BEGIN or SAVEPOINT, its tenant (set_config (…, true)) and
 * the statement go to the server together, in one round trip (libpq's
 * pipeline mode).
 *
 * A failed statement spoils a whole PostgreSQL transaction, where SQLite
 * undoes just that statement; #MktSession relies on the latter (a refused
 * mutation leaves its batch as it was, and a unique field's clash is
 * explained by a query after it). So each write inside a transaction is
 * wrapped in a savepoint of its own, sent in the same round trip.
 *
 * One store is one connection: use it from one thread at a time.
 */

static void mkt_pg_store_iface_init (MktStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MktPgStore, mkt_pg_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MKT_TYPE_STORE, mkt_pg_store_iface_init))

/* Lists have as many shapes as their filters, searches and sorts: past this
 * many, new shapes run unprepared rather than fill the server's memory. */
#define MAX_PREPARED 512

#define SET_TENANT_SQL \
  "SELECT set_config ('app.current_tenant_id', $1, true), set_config ('app.include_deleted', $2, true)"

/* How long a statement waits for a row another transaction holds before it
 * fails as BUSY, by default: the SQLite store's busy timeout. */
#define DEFAULT_LOCK_TIMEOUT_MS 5000

/* Errors --------------------------------------------------------------------- */

static char *
tidy (const char *message)
{
  return g_strstrip (g_strdup (message != NULL && *message != '\0' ? message : "unknown error"));
}

/* A unique index is named "<table>_<field>_key" (mkt-pg-schema.c): say
 * which field clashed, as validation would and as the SQLite store does. */
static char *
unique_field (const MktEntitySpec *spec,
              const char          *constraint)
{
  gsize table_length;
  g_autofree char *field = NULL;

  if (spec == NULL || constraint == NULL)
    return NULL;

  table_length = strlen (spec->table);
  if (strncmp (constraint, spec->table, table_length) != 0 || constraint[table_length] != '_' ||
      !g_str_has_suffix (constraint, "_key"))
    return NULL;

  field = g_strndup (constraint + table_length + 1, strlen (constraint) - table_length - 1 - strlen ("_key"));
  if (mkt_entity_spec_field (spec, field) == NULL)
    return NULL;

  return g_steal_pointer (&field);
}

/* The same codes as the SQLite store's for the same failures: a trigger's
 * refusal (restrict_violation, as mkt-pg-schema.c raises it) is READ_ONLY,
 * any other constraint a CONFLICT, lock and serialisation failures BUSY. */
static int
store_error_code (const char *sqlstate)
{
  if (sqlstate == NULL)
    return MKT_STORE_ERROR_FAILED;

  if (g_str_equal (sqlstate, MKT_PG_SQLSTATE_APPEND_ONLY))
    return MKT_STORE_ERROR_READ_ONLY;
  if (g_str_has_prefix (sqlstate, "23"))
    return MKT_STORE_ERROR_CONFLICT;
  /* insufficient_privilege: the role may not make this change at all (an
   * audit row, which it may only add). */
  if (g_str_equal (sqlstate, "42501"))
    return MKT_STORE_ERROR_READ_ONLY;
  if (g_str_equal (sqlstate, "40001") ||   /* serialization_failure */
      g_str_equal (sqlstate, "40P01") ||   /* deadlock_detected */
      g_str_equal (sqlstate, "55P03") ||   /* lock_not_available */
      g_str_equal (sqlstate, "57014"))     /* query_canceled (statement_timeout) */
    return MKT_STORE_ERROR_BUSY;

  return MKT_STORE_ERROR_FAILED;
}

static void
set_error (MktPgStore           *self,
           PGresult             *result,
           const MktEntitySpec  *spec,
           const char           *what,
           GError              **error)
{
  const char *sqlstate = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_autofree char *message = tidy (primary != NULL ? primary : PQerrorMessage (self->conn));

  if (sqlstate != NULL && g_str_equal (sqlstate, "23505"))
    {
      g_autofree char *field = unique_field (spec, PQresultErrorField (result, PG_DIAG_CONSTRAINT_NAME));

      if (field != NULL)
        {
          mkt_set_validation_error (error, field, MKT_VALIDATION_ERROR_INVALID,
                                    "is already used by another %s", mkt_entity_spec_get_label (spec));
          return;
        }
    }

  g_set_error (error, MKT_STORE_ERROR, store_error_code (sqlstate), "%s: %s", what, message);
}

/* Runs a statement of the store's own (transaction control) at once. */
static gboolean
exec_simple (MktPgStore  *self,
             const char  *sql,
             const char  *what,
             GError     **error)
{
  g_autoptr(PGresult) result = PQexec (self->conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      set_error (self, result, NULL, what, error);
      return FALSE;
    }

  return TRUE;
}

/* What every connection of the store is set to; again after a reconnection,
 * which forgets it. */
static gboolean
set_lock_timeout (PGconn  *conn,
                  guint    timeout_ms,
                  GError **error)
{
  g_autoptr(PGresult) result = NULL;
  char text[16];
  const char *params[] = { text };

  g_snprintf (text, sizeof text, "%u", timeout_ms);
  result = mkt_pg_query (conn, "SELECT set_config ('lock_timeout', $1, false)", 1, params, error);
  return result != NULL;
}

/* The commands every transaction sends, prepared once per connection (as
 * pgbench -M prepared does) rather than parsed again each time. */
static const struct
{
  const char *name;
  const char *sql;
  int         n_params;
} fixed_commands[] = {
  { "mkt_begin", "BEGIN", 0 },
  { "mkt_commit", "COMMIT", 0 },
  { "mkt_tenant", SET_TENANT_SQL, 2 },
  { "mkt_guard", "SAVEPOINT mkt_write", 0 },
  { "mkt_unguard", "RELEASE mkt_write", 0 },
};

static gboolean
configure_connection (PGconn  *conn,
                      guint    lock_timeout_ms,
                      GError **error)
{
  g_autoptr(PGresult) settings = NULL;

  /* Records hold UTF-8, whatever the server's or the environment's. */
  if (PQsetClientEncoding (conn, "UTF8") != 0)
    {
      g_set_error (error, MKT_PG_ERROR, MKT_PG_ERROR_CONNECT,
                   "Could not use UTF-8 with the database: %s", PQerrorMessage (conn));
      return FALSE;
    }

  /* Every statement the store prepares names its tenant ($1) first and
   * every index starts with tenant_id, so one generic plan fits all
   * tenants. Left to itself PostgreSQL plans a page's SELECT anew on every
   * run: the generic plan's LIMIT $n is costed at a tenth of the table,
   * so it never wins the comparison, though the plan is the same. */
  settings = mkt_pg_query (conn, "SELECT set_config ('plan_cache_mode', 'force_generic_plan', false)",
                           0, NULL, error);
  if (settings == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (fixed_commands); i++)
    {
      g_autoptr(PGresult) result = PQprepare (conn, fixed_commands[i].name, fixed_commands[i].sql,
                                              fixed_commands[i].n_params, NULL);

      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          g_set_error (error, MKT_PG_ERROR, MKT_PG_ERROR_QUERY, "Could not prepare “%s”: %s",
                       fixed_commands[i].sql, PQresultErrorMessage (result));
          return FALSE;
        }
    }

  return set_lock_timeout (conn, lock_timeout_ms, error);
}

/* Statements ----------------------------------------------------------------- */

/* Returns the prepared statement's name in @out_name, or %NULL there for a
 * statement to run unprepared. */
static gboolean
prepared_name (MktPgStore   *self,
               const char   *sql,
               int           n_params,
               const char  **out_name,
               GError      **error)
{
  g_autoptr(PGresult) result = NULL;
  char *name = g_hash_table_lookup (self->statements, sql);

  *out_name = name;
  if (name != NULL || g_hash_table_size (self->statements) >= MAX_PREPARED)
    return TRUE;

  name = g_strdup_printf ("mkt_%u", self->next_statement++);
  result = PQprepare (self->conn, name, sql, n_params, NULL);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      set_error (self, result, NULL, "Could not prepare a statement", error);
      g_free (name);
      return FALSE;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), name);
  *out_name = name;
  return TRUE;
}

typedef enum
{
  COMMAND_LEVEL,      /* a deferred BEGIN or SAVEPOINT of begin() */
  COMMAND_TENANT,     /* set_config of the tenant and the trash */
  COMMAND_GUARD,      /* SAVEPOINT around one write */
  COMMAND_MAIN,
  COMMAND_UNGUARD,    /* RELEASE of it */
  COMMAND_BEGIN,      /* the implicit transaction of a lone statement */
  COMMAND_COMMIT,
  COMMAND_DEFERRED,   /* mkt_pg_store_defer()'s read, carried along */
} CommandKind;

#define MAX_COMMANDS 16

static gboolean
send_command (MktPgStore         *self,
              const char         *sql,
              int                 n_params,
              const char * const *params)
{
  return PQsendQueryParams (self->conn, sql, n_params, NULL, params, NULL, NULL, 0) == 1;
}

/* Sends one of fixed_commands[] by its name. */
static gboolean
send_fixed (MktPgStore         *self,
            const char         *name,
            int                 n_params,
            const char * const *params)
{
  return PQsendQueryPrepared (self->conn, name, n_params, params, NULL, NULL, 0) == 1;
}

static void
clear_deferred (MktPgStore *self)
{
  g_clear_pointer (&self->deferred_sql, g_free);
  g_clear_pointer (&self->deferred_tenant, g_free);
  g_clear_pointer (&self->deferred_params, g_strfreev);
  g_clear_pointer (&self->deferred_result, PQclear);
  self->deferred_pending = FALSE;
  self->deferred_ran = FALSE;
}

/* Runs the deferred read alone, before a statement it cannot go with. */
static void
run_deferred_alone (MktPgStore *self)
{
  MktPgStatement statement = {
    .sql = self->deferred_sql,
    .n_params = g_strv_length (self->deferred_params),
    .params = (const char * const *) self->deferred_params,
    .tenant_id = self->deferred_tenant,
    .visibility = MKT_PG_ACTIVE,
    /* Inside a transaction, in a savepoint of its own: its failure must
     * not spoil what the caller does there. */
    .write = self->depth > 0,
    .what = "Could not run a deferred read",
  };

  self->deferred_pending = FALSE;
  self->deferred_ran = TRUE;
  self->deferred_result = mkt_pg_store_run (self, &statement, NULL);
}

/**
 * mkt_pg_store_defer:
 * @self: a store
 * @tenant_id: the tenant the read runs for
 * @sql: a SELECT, run as visibility %MKT_PG_ACTIVE
 * @params: (array zero-terminated=1): its parameters
 *
 * Defers a read to the round trip of the next lone read of @tenant_id
 * (which it precedes in one transaction), or runs it alone first when the
 * next statement is a write or runs in a transaction: the authorisation of
 * a GET costs no round trip of its own. Its result is
 * mkt_pg_store_take_deferred()'s.
 */
void
mkt_pg_store_defer (MktPgStore         *self,
                    const char         *tenant_id,
                    const char         *sql,
                    const char * const *params)
{
  g_return_if_fail (MKT_IS_PG_STORE (self));

  clear_deferred (self);
  self->deferred_sql = g_strdup (sql);
  self->deferred_tenant = g_strdup (tenant_id);
  self->deferred_params = g_strdupv ((char **) params);
  self->deferred_pending = TRUE;
}

/**
 * mkt_pg_store_take_deferred:
 * @self: a store
 * @error: return location for an error
 *
 * Runs the deferred read now if nothing carried it.
 *
 * Returns: (transfer full) (nullable): its result, or %NULL if it (or the
 *   round trip that carried it) failed
 */
PGresult *
mkt_pg_store_take_deferred (MktPgStore  *self,
                            GError     **error)
{
  PGresult *result;

  g_return_val_if_fail (MKT_IS_PG_STORE (self), NULL);

  if (self->deferred_pending)
    run_deferred_alone (self);

  result = g_steal_pointer (&self->deferred_result);
  clear_deferred (self);
  if (result == NULL)
    g_set_error_literal (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED, "The deferred read failed");
  return result;
}

static void
forget_tenant (MktPgStore *self)
{
  g_clear_pointer (&self->applied_tenant, g_free);
  self->applied_include = -1;
}

static void
end_transaction (MktPgStore *self)
{
  self->depth = 0;
  self->sent_depth = 0;
  g_clear_pointer (&self->bound_tenant, g_free);
  forget_tenant (self);
}

/**
 * mkt_pg_store_run:
 * @self: a store
 * @statement: what to run, for which tenant
 * @error: return location for an error
 *
 * Runs one statement in the current transaction (or in a transaction of
 * its own outside one), after whatever the transaction still owes the
 * server: its deferred BEGIN and SAVEPOINTs, its tenant, whether it sees
 * the trash. All of it is one round trip. A write inside a transaction that
 * fails is undone alone, leaving the transaction usable.
 *
 * Returns: (transfer full) (nullable): the statement's result, or %NULL
 */
PGresult *
mkt_pg_store_run (MktPgStore            *self,
                  const MktPgStatement  *statement,
                  GError               **error)
{
  CommandKind kinds[MAX_COMMANDS];
  const char *tenant_params[2];
  const char *deferred_name = NULL;
  gboolean deferred = FALSE;
  g_autoptr(PGresult) main_result = NULL;
  g_autoptr(PGresult) failed = NULL;
  CommandKind failed_kind = COMMAND_MAIN;
  gboolean implicit = self->depth == 0;
  gboolean guarded = statement->write && !implicit;
  const char *name = NULL;
  gboolean sent = TRUE;
  gboolean synced;
  PGresult *result;
  int include;
  guint n = 0;

  g_assert (statement->n_params <= MKT_PG_MAX_PARAMS);

  if (!implicit && self->bound_tenant != NULL && !g_str_equal (self->bound_tenant, statement->tenant_id))
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED,
                   "%s: this transaction belongs to another tenant", statement->what);
      return NULL;
    }

  /* A connection lost between transactions is made again; within one, its
   * work is gone and the statement fails, and so will the commit. */
  if (PQstatus (self->conn) != CONNECTION_OK && self->sent_depth == 0)
    {
      PQreset (self->conn);
      if (PQstatus (self->conn) == CONNECTION_OK)
        configure_connection (self->conn, self->lock_timeout_ms, NULL);
      g_hash_table_remove_all (self->statements);
      forget_tenant (self);
    }

  if (statement->visibility == MKT_PG_ANY)
    include = MAX (self->applied_include, 0);
  else
    include = statement->visibility == MKT_PG_WITH_DELETED;

  /* The deferred read goes along with a lone read of its tenant that sees
   * what it sees; before anything else, it runs alone. */
  if (self->deferred_pending)
    {
      deferred = implicit && !statement->write && include == 0 &&
                 g_str_equal (statement->tenant_id, self->deferred_tenant);
      if (!deferred)
        run_deferred_alone (self);
      else
        {
          self->deferred_pending = FALSE;
          self->deferred_ran = TRUE;
          if (!prepared_name (self, self->deferred_sql, g_strv_length (self->deferred_params),
                              &deferred_name, error))
            return NULL;
        }
    }

  if (!prepared_name (self, statement->sql, statement->n_params, &name, error))
    return NULL;

  if (!PQenterPipelineMode (self->conn))
    {
      set_error (self, NULL, NULL, statement->what, error);
      return NULL;
    }

  /* What goes out before a sync is one transaction of its own already
   * (the tenant's set_config included): a lone read needs no BEGIN and
   * COMMIT around it. A lone write has them, so that its commit is a
   * command whose failure is its own. */
  if (implicit && statement->write)
    {
      sent = sent && send_fixed (self, "mkt_begin", 0, NULL);
      kinds[n++] = COMMAND_BEGIN;
    }
  else if (!implicit)
    for (guint level = self->sent_depth; level < self->depth; level++)
      {
        char sql[32];

        if (level == 0)
          g_strlcpy (sql, "BEGIN", sizeof sql);
        else
          g_snprintf (sql, sizeof sql, "SAVEPOINT s%u", level);
        sent = sent && send_command (self, sql, 0, NULL);
        kinds[n++] = COMMAND_LEVEL;
      }

  if (implicit || self->applied_tenant == NULL || !g_str_equal (self->applied_tenant, statement->tenant_id) ||
      self->applied_include != include)
    {
      tenant_params[0] = statement->tenant_id;
      tenant_params[1] = include ? "on" : "off";
      sent = sent && send_fixed (self, "mkt_tenant", 2, tenant_params);
      kinds[n++] = COMMAND_TENANT;
    }

  if (deferred)
    {
      int n_deferred = g_strv_length (self->deferred_params);
      const char * const *deferred_params = (const char * const *) self->deferred_params;

      if (deferred_name != NULL)
        sent = sent && PQsendQueryPrepared (self->conn, deferred_name, n_deferred, deferred_params,
                                            NULL, NULL, 0) == 1;
      else
        sent = sent && send_command (self, self->deferred_sql, n_deferred, deferred_params);
      kinds[n++] = COMMAND_DEFERRED;
    }

  if (guarded)
    {
      sent = sent && send_fixed (self, "mkt_guard", 0, NULL);
      kinds[n++] = COMMAND_GUARD;
    }

  if (name != NULL)
    sent = sent && PQsendQueryPrepared (self->conn, name, statement->n_params, statement->params,
                                        NULL, NULL, 0) == 1;
  else
    sent = sent && send_command (self, statement->sql, statement->n_params, statement->params);
  kinds[n++] = COMMAND_MAIN;

  if (guarded)
    {
      sent = sent && send_fixed (self, "mkt_unguard", 0, NULL);
      kinds[n++] = COMMAND_UNGUARD;
    }
  if (implicit && statement->write)
    {
      sent = sent && send_fixed (self, "mkt_commit", 0, NULL);
      kinds[n++] = COMMAND_COMMIT;
    }

  g_assert (n <= MAX_COMMANDS);
  /* Whatever went out is answered only after a sync. */
  synced = PQpipelineSync (self->conn) == 1;

  /* Each command's results end in NULL; the sync's result comes last. On
   * a broken connection everything reads as NULL. */
  for (guint i = 0; i < n; i++)
    while ((result = PQgetResult (self->conn)) != NULL)
      {
        ExecStatusType status = PQresultStatus (result);
        gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

        if (ok && kinds[i] == COMMAND_LEVEL)
          self->sent_depth++;
        else if (ok && kinds[i] == COMMAND_TENANT)
          {
            g_free (self->applied_tenant);
            self->applied_tenant = g_strdup (statement->tenant_id);
            self->applied_include = include;
            if (!implicit && self->bound_tenant == NULL)
              self->bound_tenant = g_strdup (statement->tenant_id);
          }

        if (ok && kinds[i] == COMMAND_DEFERRED && self->deferred_result == NULL)
          self->deferred_result = result;
        else if (ok && kinds[i] == COMMAND_MAIN && main_result == NULL)
          main_result = result;
        else if (!ok && status != PGRES_PIPELINE_ABORTED && failed == NULL)
          {
            failed = result;
            failed_kind = kinds[i];
          }
        else
          PQclear (result);
      }

  if (synced && (result = PQgetResult (self->conn)) != NULL)
    {
      if (PQresultStatus (result) != PGRES_PIPELINE_SYNC)
        g_warning ("Unexpected result in a pipeline: %s", PQresStatus (PQresultStatus (result)));
      PQclear (result);
    }
  PQexitPipelineMode (self->conn);

  if (implicit)
    forget_tenant (self);

  if (sent && synced && failed == NULL && main_result != NULL)
    return g_steal_pointer (&main_result);

  set_error (self, failed, statement->spec, statement->what, error);

  /* Leave the connection as SQLite would leave its file: a lone statement
   * undone, the transaction around a failed write as it was before it. */
  if (implicit && PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    exec_simple (self, "ROLLBACK", "Could not roll back", NULL);
  else if (guarded && (failed_kind == COMMAND_MAIN || failed_kind == COMMAND_UNGUARD) &&
           PQtransactionStatus (self->conn) == PQTRANS_INERROR)
    exec_simple (self, "ROLLBACK TO SAVEPOINT mkt_write; RELEASE mkt_write", "Could not undo a write", NULL);

  return NULL;
}

/* Transactions --------------------------------------------------------------- */

static gboolean
mkt_pg_store_begin (MktStore  *store,
                    GError   **error)
{
  MktPgStore *self = MKT_PG_STORE (store);

  /* Sent with the first statement. */
  self->depth++;
  return TRUE;
}

static gboolean
mkt_pg_store_commit (MktStore  *store,
                     GError   **error)
{
  MktPgStore *self = MKT_PG_STORE (store);
  g_autoptr(PGresult) result = NULL;
  char sql[32];

  g_return_val_if_fail (self->depth > 0, FALSE);

  /* A level that ran nothing has nothing to keep. */
  if (self->depth > self->sent_depth)
    {
      self->depth--;
      if (self->depth == 0)
        end_transaction (self);
      return TRUE;
    }

  if (self->depth > 1)
    {
      g_snprintf (sql, sizeof sql, "RELEASE s%u", self->depth - 1);
      if (!exec_simple (self, sql, "Could not commit", error))
        return FALSE;
      self->depth--;
      self->sent_depth--;
      return TRUE;
    }

  /* COMMIT of a failed transaction answers ROLLBACK, not an error. As
   * with SQLite, a failed commit leaves the caller to roll back. */
  if (PQtransactionStatus (self->conn) == PQTRANS_INERROR)
    {
      g_set_error_literal (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED,
                           "Could not commit: a statement of the transaction failed");
      return FALSE;
    }

  result = PQexec (self->conn, "COMMIT");
  if (PQresultStatus (result) != PGRES_COMMAND_OK || !g_str_equal (PQcmdStatus (result), "COMMIT"))
    {
      set_error (self, result, NULL, "Could not commit", error);
      return FALSE;
    }

  end_transaction (self);
  return TRUE;
}

static void
mkt_pg_store_rollback (MktStore *store)
{
  MktPgStore *self = MKT_PG_STORE (store);
  g_autoptr(GError) error = NULL;
  char sql[80];

  g_return_if_fail (self->depth > 0);

  if (self->depth > self->sent_depth)
    {
      self->depth--;
      if (self->depth == 0)
        end_transaction (self);
      return;
    }

  if (self->depth == 1)
    {
      /* A failed COMMIT may have ended it already. */
      if (PQtransactionStatus (self->conn) != PQTRANS_IDLE &&
          !exec_simple (self, "ROLLBACK", "Could not roll back", &error) &&
          PQstatus (self->conn) == CONNECTION_OK)
        g_warning ("%s", error->message);
      end_transaction (self);
      return;
    }

  g_snprintf (sql, sizeof sql, "ROLLBACK TO SAVEPOINT s%u; RELEASE s%u", self->depth - 1, self->depth - 1);
  if (!exec_simple (self, sql, "Could not roll back", &error) && PQstatus (self->conn) == CONNECTION_OK)
    g_warning ("%s", error->message);

  /* The tenant and trash settings made since the savepoint are undone. */
  forget_tenant (self);
  self->depth--;
  self->sent_depth--;
}

/* Object --------------------------------------------------------------------- */

static void
mkt_pg_store_finalize (GObject *object)
{
  MktPgStore *self = (MktPgStore *)object;

  g_clear_pointer (&self->conn, PQfinish);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->entity_sql, g_hash_table_unref);
  g_clear_pointer (&self->bound_tenant, g_free);
  g_clear_pointer (&self->applied_tenant, g_free);
  clear_deferred (self);

  G_OBJECT_CLASS (mkt_pg_store_parent_class)->finalize (object);
}

static void
mkt_pg_store_class_init (MktPgStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mkt_pg_store_finalize;
}

static void
mkt_pg_store_init (MktPgStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->entity_sql = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)mkt_pg_entity_sql_free);
  self->applied_include = -1;
}

static void
mkt_pg_store_iface_init (MktStoreInterface *iface)
{
  iface->begin = mkt_pg_store_begin;
  iface->commit = mkt_pg_store_commit;
  iface->rollback = mkt_pg_store_rollback;
  iface->get = mkt_pg_store_get;
  iface->list = mkt_pg_store_list;
  iface->list_json = mkt_pg_store_list_json;
  iface->insert = mkt_pg_store_insert;
  iface->update = mkt_pg_store_update;
  iface->remove = mkt_pg_store_remove;
  iface->append_log = mkt_pg_store_append_log;
}

/**
 * mkt_pg_store_new:
 * @conninfo: a libpq connection string of the application role
 *   (%MKT_PG_APP_ROLE) on a migrated database
 * @error: return location for a %MKT_PG_ERROR
 *
 * Connects. A role that row-level security would not hold (a superuser,
 * or one with BYPASSRLS) is refused: every tenant's rows would be open to
 * it.
 *
 * Returns: (transfer full) (nullable): the store
 */
MktPgStore *
mkt_pg_store_new (const char  *conninfo,
                  GError     **error)
{
  g_autoptr(MktPgStore) self = NULL;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(PGconn) conn = NULL;

  conn = mkt_pg_connect (conninfo, error);
  if (conn == NULL)
    return NULL;

  if (!configure_connection (conn, DEFAULT_LOCK_TIMEOUT_MS, error))
    return NULL;

  result = mkt_pg_query (conn, "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user",
                         0, NULL, error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) != 1 || !g_str_equal (PQgetvalue (result, 0, 0), "f"))
    {
      g_set_error_literal (error, MKT_PG_ERROR, MKT_PG_ERROR_UNSAFE_ROLE,
                           "The store's role is a superuser or has BYPASSRLS: row-level security would not"
                           " hold for it; connect as " MKT_PG_APP_ROLE);
      return NULL;
    }

  self = g_object_new (MKT_TYPE_PG_STORE, NULL);
  self->conn = g_steal_pointer (&conn);
  self->lock_timeout_ms = DEFAULT_LOCK_TIMEOUT_MS;

  return g_steal_pointer (&self);
}

/**
 * mkt_pg_store_get_n_prepared:
 * @self: a store
 *
 * Returns: how many statements the connection has prepared (for tests)
 */
guint
mkt_pg_store_get_n_prepared (MktPgStore *self)
{
  g_return_val_if_fail (MKT_IS_PG_STORE (self), 0);

  return g_hash_table_size (self->statements);
}

/**
 * mkt_pg_store_set_lock_timeout:
 * @self: a store outside a transaction
 * @timeout_ms: how long a statement waits for rows another transaction
 *   holds before it fails with %MKT_STORE_ERROR_BUSY (5000 by default, the
 *   SQLite store's busy timeout); 0 waits for ever
 * @error: return location for a %MKT_PG_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_pg_store_set_lock_timeout (MktPgStore  *self,
                               guint        timeout_ms,
                               GError     **error)
{
  g_return_val_if_fail (MKT_IS_PG_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (!set_lock_timeout (self->conn, timeout_ms, error))
    return FALSE;

  self->lock_timeout_ms = timeout_ms;
  return TRUE;
}
