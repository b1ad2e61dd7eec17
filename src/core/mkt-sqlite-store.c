/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-sqlite-store"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "mkt-error.h"
#include "mkt-sqlite-store-private.h"

/**
 * MktSqliteStore:
 *
 * The desktop's store: one SQLite file in WAL mode with foreign keys on and
 * a busy timeout. Its tables are made from the entity descriptions
 * (mkt-schema.c) by versioned migrations, each in one transaction, counted in
 * `PRAGMA user_version`. Prepared statements are kept for reuse.
 */

static void mkt_sqlite_store_iface_init (MktStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MktSqliteStore, mkt_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MKT_TYPE_STORE, mkt_sqlite_store_iface_init))

#define BUSY_TIMEOUT_MS 5000

/* Errors --------------------------------------------------------------------- */

gboolean
mkt_sqlite_store_set_error (MktSqliteStore  *self,
                            GError         **error,
                            int              rc,
                            const char      *what)
{
  int code = MKT_STORE_ERROR_FAILED;
  const char *message = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = MKT_STORE_ERROR_BUSY;
      break;
    case SQLITE_CONSTRAINT:
      code = (rc == SQLITE_CONSTRAINT_TRIGGER) ? MKT_STORE_ERROR_READ_ONLY : MKT_STORE_ERROR_CONFLICT;
      break;
    default:
      break;
    }

  g_set_error (error, MKT_STORE_ERROR, code, "%s: %s", what, message);
  return FALSE;
}

/* Statements ----------------------------------------------------------------- */

sqlite3_stmt *
mkt_sqlite_store_prepare (MktSqliteStore  *self,
                          const char      *sql,
                          GError         **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      mkt_sqlite_store_set_error (self, error, rc, "Could not prepare a statement");
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* The statements of every mutation are found by a key pointer rather than by
 * hashing their text, which is long. */
sqlite3_stmt *
mkt_sqlite_store_prepare_keyed (MktSqliteStore  *self,
                                gconstpointer    key,
                                const char      *sql,
                                GError         **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->keyed, key);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  stmt = mkt_sqlite_store_prepare (self, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->keyed, (gpointer)key, stmt);

  return stmt;
}

gboolean
mkt_sqlite_store_step_done (MktSqliteStore  *self,
                            sqlite3_stmt    *stmt,
                            const char      *what,
                            GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }

  mkt_sqlite_store_set_error (self, error, sqlite3_extended_errcode (self->db), what);
  sqlite3_reset (stmt);
  return FALSE;
}

/**
 * mkt_sqlite_store_exec:
 * @self: a store
 * @sql: one or more SQL statements
 * @error: return location for an error
 *
 * Runs SQL that returns nothing. For migrations, maintenance and tests (which
 * use it to install failure-injecting triggers); the rules of the data live in
 * #MktSession, not here.
 */
gboolean
mkt_sqlite_store_exec (MktSqliteStore  *self,
                       const char      *sql,
                       GError         **error)
{
  int rc;

  g_return_val_if_fail (MKT_IS_SQLITE_STORE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return mkt_sqlite_store_set_error (self, error, sqlite3_extended_errcode (self->db), "Could not run SQL");

  return TRUE;
}

/* Columns -------------------------------------------------------------------- */

const char *
mkt_sqlite_type (MktFieldType type)
{
  return mkt_field_type_is_integer (type) ? "INTEGER" : "TEXT";
}

/* The common columns of @spec, in the order rows are read and written. */
guint
mkt_sqlite_common_columns (const MktEntitySpec  *spec,
                           const char          **names)
{
  guint n = 0;

  names[n++] = "tenant_id";
  names[n++] = "id";
  names[n++] = "created_at";
  if (spec->kind == MKT_ENTITY_MUTABLE)
    {
      names[n++] = "updated_at";
      names[n++] = "deleted_at";
    }
  if (mkt_entity_spec_has_hlc (spec))
    names[n++] = "hlc";

  return n;
}

void
mkt_sqlite_append_column_list (GString             *sql,
                               const MktEntitySpec *spec)
{
  const char *common[MKT_SQLITE_MAX_COMMON_COLUMNS];
  guint n_common = mkt_sqlite_common_columns (spec, common);

  for (guint i = 0; i < n_common; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      g_string_append (sql, common[i]);
    }
  for (guint i = 0; i < spec->n_fields; i++)
    {
      g_string_append (sql, ", \"");
      g_string_append (sql, spec->fields[i].name);
      g_string_append_c (sql, '"');
    }
}

gboolean
mkt_sqlite_is_common_column (const MktEntitySpec *spec,
                             const char          *name)
{
  const char *common[MKT_SQLITE_MAX_COMMON_COLUMNS];
  guint n_common = mkt_sqlite_common_columns (spec, common);

  for (guint i = 0; i < n_common; i++)
    if (g_str_equal (common[i], name))
      return TRUE;

  return FALSE;
}

/* Object --------------------------------------------------------------------- */

static void
mkt_sqlite_store_finalize (GObject *object)
{
  MktSqliteStore *self = (MktSqliteStore *)object;

  /* Statements must go before the connection. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->keyed, g_hash_table_unref);
  g_clear_pointer (&self->insert_sql, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* What SQLite recommends before closing: refresh the planner's
       * statistics where they are stale, cheaply. */
      sqlite3_exec (self->db, "PRAGMA optimize", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (mkt_sqlite_store_parent_class)->finalize (object);
}

static void
mkt_sqlite_store_class_init (MktSqliteStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mkt_sqlite_store_finalize;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
mkt_sqlite_store_init (MktSqliteStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->insert_sql = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->keyed = g_hash_table_new (NULL, NULL);
}

/* Opens @path and migrates it up to @version (tests stop short of the
 * newest to test migrations). */
MktSqliteStore *
mkt_sqlite_store_new_at_version (const char  *path,
                                 guint        version,
                                 GError     **error)
{
  g_autoptr(MktSqliteStore) self = NULL;
  g_autofree char *folder = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (MKT_TYPE_SQLITE_STORE, NULL);
  self->path = g_strdup (path);
  self->target_version = version;

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED,
                   "Could not create %s: %s", folder, g_strerror (saved_errno));
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED,
                   "Could not open %s: %s", path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);

  /* A double-quoted name that is no column must be an error, not the
   * string SQLite would otherwise take it for. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* NORMAL is durable in WAL mode up to the last checkpointed commit and
   * never corrupts; FULL would fsync on every sale at the stall. */
  if (!mkt_sqlite_store_exec (self,
                              "PRAGMA journal_mode = WAL;"
                              "PRAGMA synchronous = NORMAL;"
                              "PRAGMA foreign_keys = ON;"
                              /* Each mutation may be a savepoint; its statement
                               * journal belongs in memory, not in a temp file
                               * written page by page. */
                              "PRAGMA temp_store = MEMORY;"
                              /* 32 MiB of page cache (the default is 2 MiB):
                               * a catalogue of 100k materials with its audit
                               * trail then stays in memory while it is
                               * written. */
                              "PRAGMA cache_size = -32768;"
                              "PRAGMA trusted_schema = OFF;",
                              error))
    return NULL;

  if (!mkt_sqlite_store_migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * mkt_sqlite_store_new:
 * @path: the database file; its folder is created if missing
 * @error: return location for a %MKT_STORE_ERROR
 *
 * Opens (or creates) the file and migrates it to the newest schema.
 *
 * Returns: (transfer full) (nullable): the store
 */
MktSqliteStore *
mkt_sqlite_store_new (const char  *path,
                      GError     **error)
{
  return mkt_sqlite_store_new_at_version (path, MKT_SCHEMA_VERSION, error);
}

const char *
mkt_sqlite_store_get_path (MktSqliteStore *self)
{
  g_return_val_if_fail (MKT_IS_SQLITE_STORE (self), NULL);

  return self->path;
}

/**
 * mkt_sqlite_store_get_version:
 * @self: a store
 *
 * Returns: the schema version of the open file
 */
guint
mkt_sqlite_store_get_version (MktSqliteStore *self)
{
  g_return_val_if_fail (MKT_IS_SQLITE_STORE (self), 0);

  return self->version;
}

/**
 * mkt_sqlite_store_get_meta:
 * @self: a store
 * @key: a key of this file's local settings ("device_id", "tenant_id")
 *
 * Returns: (transfer full) (nullable): the value, or %NULL if unset
 */
char *
mkt_sqlite_store_get_meta (MktSqliteStore *self,
                           const char     *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (MKT_IS_SQLITE_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = mkt_sqlite_store_prepare (self, "SELECT value FROM local_meta WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

gboolean
mkt_sqlite_store_set_meta (MktSqliteStore  *self,
                           const char      *key,
                           const char      *value,
                           GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MKT_IS_SQLITE_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = mkt_sqlite_store_prepare (self, "INSERT OR REPLACE INTO local_meta (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return mkt_sqlite_store_step_done (self, stmt, "Could not save a local setting", error);
}

/**
 * mkt_sqlite_store_dump_schema:
 * @self: a store
 *
 * Returns: (transfer full): the CREATE statements of the file, in a stable
 *   order, for tests and for people; SQLite's own tables (the planner's
 *   statistics) are left out
 */
char *
mkt_sqlite_store_dump_schema (MktSqliteStore *self)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MKT_IS_SQLITE_STORE (self), NULL);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
                          " ORDER BY type DESC, name",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (out, "%s;\n", (const char *)sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }

  return g_string_free (out, FALSE);
}

/* Transactions --------------------------------------------------------------- */

/* Runs one statement that returns no rows through the statement cache: the
 * savepoint of every mutation would otherwise be parsed again each time. */
static gboolean
run_cached (MktSqliteStore  *self,
            const char      *sql,
            const char      *what,
            GError         **error)
{
  sqlite3_stmt *stmt = mkt_sqlite_store_prepare (self, sql, error);

  return stmt != NULL && mkt_sqlite_store_step_done (self, stmt, what, error);
}

static gboolean
mkt_sqlite_store_begin (MktStore  *store,
                        GError   **error)
{
  MktSqliteStore *self = MKT_SQLITE_STORE (store);
  char sql[32];

  /* IMMEDIATE takes the write lock now, so two writers wait for each other
   * under the busy timeout instead of failing when they upgrade. */
  if (self->depth == 0)
    g_strlcpy (sql, "BEGIN IMMEDIATE", sizeof sql);
  else
    g_snprintf (sql, sizeof sql, "SAVEPOINT s%u", self->depth);

  if (!run_cached (self, sql, "Could not start a transaction", error))
    return FALSE;

  self->depth++;
  return TRUE;
}

static gboolean
mkt_sqlite_store_commit (MktStore  *store,
                         GError   **error)
{
  MktSqliteStore *self = MKT_SQLITE_STORE (store);
  char sql[32];

  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    g_strlcpy (sql, "COMMIT", sizeof sql);
  else
    g_snprintf (sql, sizeof sql, "RELEASE s%u", self->depth - 1);

  /* A failed COMMIT leaves the transaction open; the caller rolls back. */
  if (!run_cached (self, sql, "Could not commit", error))
    return FALSE;

  self->depth--;
  return TRUE;
}

static void
mkt_sqlite_store_rollback (MktStore *store)
{
  MktSqliteStore *self = MKT_SQLITE_STORE (store);
  g_autoptr(GError) error = NULL;
  char sql[32];
  gboolean ok;

  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    ok = run_cached (self, "ROLLBACK", "Could not roll back", &error);
  else
    {
      g_snprintf (sql, sizeof sql, "ROLLBACK TO s%u", self->depth - 1);
      ok = run_cached (self, sql, "Could not roll back", &error);
      g_snprintf (sql, sizeof sql, "RELEASE s%u", self->depth - 1);
      ok = run_cached (self, sql, "Could not roll back", ok ? &error : NULL) && ok;
    }

  /* SQLite may have rolled back on its own (a full disk); nothing is left
   * to undo then. */
  if (!ok && sqlite3_get_autocommit (self->db) == 0)
    g_warning ("%s", error->message);

  self->depth--;
}

static void
mkt_sqlite_store_iface_init (MktStoreInterface *iface)
{
  iface->append_log = mkt_sqlite_store_append_log;
  iface->begin = mkt_sqlite_store_begin;
  iface->commit = mkt_sqlite_store_commit;
  iface->rollback = mkt_sqlite_store_rollback;
  iface->get = mkt_sqlite_store_get;
  iface->list = mkt_sqlite_store_list;
  iface->insert = mkt_sqlite_store_insert;
  iface->update = mkt_sqlite_store_update;
  iface->remove = mkt_sqlite_store_remove;
}

/**
 * mkt_sqlite_store_replace_with:
 * @self: a store
 * @source: another store, at the same schema version
 * @error: return location for an error
 *
 * Replaces the whole content of @self's file with @source's, through
 * SQLite's backup API: one write transaction that other connections to the
 * file (which may be open, in this process or another) see at once, WAL and
 * all, rather than a file swapped under them.
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_sqlite_store_replace_with (MktSqliteStore  *self,
                               MktSqliteStore  *source,
                               GError         **error)
{
  sqlite3_backup *backup;
  guint attempts = 0;
  int rc;

  g_return_val_if_fail (MKT_IS_SQLITE_STORE (self), FALSE);
  g_return_val_if_fail (MKT_IS_SQLITE_STORE (source), FALSE);
  g_return_val_if_fail (self != source, FALSE);

  if (self->version != source->version)
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED,
                   "Cannot replace a schema %u file with a schema %u one",
                   self->version, source->version);
      return FALSE;
    }

  backup = sqlite3_backup_init (self->db, "main", source->db, "main");
  if (backup == NULL)
    return mkt_sqlite_store_set_error (self, error, sqlite3_errcode (self->db), "Could not replace the database");

  /* Another connection may be writing for a moment: each step waits the
   * connection's busy timeout; give up after a few. */
  do
    rc = sqlite3_backup_step (backup, -1);
  while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++attempts < 3);

  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    return mkt_sqlite_store_set_error (self, error, rc, "Could not replace the database");

  return TRUE;
}
