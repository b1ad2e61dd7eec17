/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-sqlite-store"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "mkt-error.h"
#include "mkt-sqlite-store.h"

/**
 * MktSqliteStore:
 *
 * The desktop's store: one SQLite file in WAL mode with foreign keys on and
 * a busy timeout. Its tables are made from the entity descriptions
 * (mkt-schema.c) by versioned migrations, each in one transaction, counted in
 * `PRAGMA user_version`. Prepared statements are kept for reuse.
 */
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
};

static void mkt_sqlite_store_iface_init (MktStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MktSqliteStore, mkt_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MKT_TYPE_STORE, mkt_sqlite_store_iface_init))

#define BUSY_TIMEOUT_MS 5000

/* Errors --------------------------------------------------------------------- */

static gboolean
set_sqlite_error (MktSqliteStore  *self,
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

static sqlite3_stmt *
prepare (MktSqliteStore  *self,
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
      set_sqlite_error (self, error, rc, "Could not prepare a statement");
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* The statements of every mutation are found by a key pointer rather than by
 * hashing their text, which is long. */
static sqlite3_stmt *
prepare_keyed (MktSqliteStore  *self,
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

  stmt = prepare (self, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->keyed, (gpointer)key, stmt);

  return stmt;
}

static gboolean
step_done (MktSqliteStore  *self,
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

  set_sqlite_error (self, error, sqlite3_extended_errcode (self->db), what);
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
    return set_sqlite_error (self, error, sqlite3_extended_errcode (self->db), "Could not run SQL");

  return TRUE;
}

/* Columns -------------------------------------------------------------------- */

static const char *
sqlite_type (MktFieldType type)
{
  return mkt_field_type_is_integer (type) ? "INTEGER" : "TEXT";
}

/* The common columns of @spec, in the order rows are read and written. */
static guint
common_columns (const MktEntitySpec  *spec,
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

static void
append_column_list (GString             *sql,
                    const MktEntitySpec *spec)
{
  const char *common[6];
  guint n_common = common_columns (spec, common);

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

static gboolean
is_common_column (const MktEntitySpec *spec,
                  const char          *name)
{
  const char *common[6];
  guint n_common = common_columns (spec, common);

  for (guint i = 0; i < n_common; i++)
    if (g_str_equal (common[i], name))
      return TRUE;

  return FALSE;
}

/* Migrations ----------------------------------------------------------------- */

static void
append_column_ddl (GString            *sql,
                   const MktFieldSpec *field)
{
  g_string_append_printf (sql, "\"%s\" %s", field->name, sqlite_type (field->type));
  if (field->flags & MKT_FIELD_REQUIRED)
    g_string_append (sql, " NOT NULL");
}

static void
append_create_table (GString             *sql,
                     const MktEntitySpec *spec,
                     guint                version)
{
  gboolean is_tenant = g_str_equal (spec->name, "tenant");

  g_string_append_printf (sql, "CREATE TABLE \"%s\" (\n", spec->table);
  /* Log rows are written by MktSession alone, with its tenant; they carry the
   * tenant's id without a foreign key check on every mutation. */
  if (is_tenant || spec->kind == MKT_ENTITY_LOG)
    g_string_append (sql, "  tenant_id TEXT NOT NULL,\n");
  else
    g_string_append (sql, "  tenant_id TEXT NOT NULL REFERENCES tenant (id),\n");
  g_string_append (sql, "  id TEXT NOT NULL,\n  created_at INTEGER NOT NULL,\n");
  if (spec->kind == MKT_ENTITY_MUTABLE)
    g_string_append (sql, "  updated_at INTEGER NOT NULL,\n  deleted_at INTEGER,\n");
  if (mkt_entity_spec_has_hlc (spec))
    g_string_append (sql, "  hlc TEXT NOT NULL,\n");

  for (guint i = 0; i < spec->n_fields; i++)
    {
      if (spec->fields[i].since > version)
        continue;
      g_string_append (sql, "  ");
      append_column_ddl (sql, &spec->fields[i]);
      g_string_append (sql, ",\n");
    }

  g_string_append (sql, "  PRIMARY KEY (tenant_id, id)");
  if (is_tenant)
    g_string_append (sql, ",\n  UNIQUE (id),\n  CHECK (tenant_id = id)");

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const MktFieldSpec *field = &spec->fields[i];
      const MktEntitySpec *target;

      if (field->type != MKT_FIELD_REF || field->since > version)
        continue;

      target = mkt_schema_lookup (field->ref);
      g_assert (target != NULL);
      g_string_append_printf (sql, ",\n  FOREIGN KEY (tenant_id, \"%s\") REFERENCES \"%s\" (tenant_id, id)",
                              field->name, target->table);
    }

  /* Log rows are written on every mutation and read by key: keeping them in
   * their primary key's b-tree spares a second b-tree per row. */
  if (spec->kind == MKT_ENTITY_LOG)
    g_string_append (sql, "\n) STRICT, WITHOUT ROWID;\n");
  else
    g_string_append (sql, "\n) STRICT;\n");
}

static void
append_indexes (GString             *sql,
                const MktEntitySpec *spec,
                guint                version)
{
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const MktFieldSpec *field = &spec->fields[i];

      if (field->since != version && spec->since != version)
        continue;

      if (field->flags & MKT_FIELD_INDEXED)
        g_string_append_printf (sql, "CREATE INDEX \"%s_%s_idx\" ON \"%s\" (tenant_id, \"%s\");\n",
                                spec->table, field->name, spec->table, field->name);

      if (field->flags & MKT_FIELD_UNIQUE)
        g_string_append_printf (sql,
                                "CREATE UNIQUE INDEX \"%s_%s_key\" ON \"%s\" (tenant_id, \"%s\")"
                                " WHERE \"%s\" IS NOT NULL%s;\n",
                                spec->table, field->name, spec->table, field->name, field->name,
                                spec->kind == MKT_ENTITY_MUTABLE ? " AND deleted_at IS NULL" : "");
    }

  if (spec->since != version)
    return;

  if (spec->kind == MKT_ENTITY_MUTABLE)
    g_string_append_printf (sql,
                            "CREATE INDEX \"%s_trash_idx\" ON \"%s\" (tenant_id, deleted_at)"
                            " WHERE deleted_at IS NOT NULL;\n",
                            spec->table, spec->table);

  /* Ledger and log rows are append-only. A ledger row may leave only with
   * its owner, once the owner is in the trash (a purge). */
  if (spec->kind != MKT_ENTITY_MUTABLE)
    g_string_append_printf (sql,
                            "CREATE TRIGGER \"%s_append_only\" BEFORE UPDATE ON \"%s\"\n"
                            "BEGIN SELECT RAISE (ABORT, '%s rows are append-only'); END;\n",
                            spec->table, spec->table, spec->name);

  if (spec->kind == MKT_ENTITY_LOG && g_str_equal (spec->name, "audit"))
    g_string_append_printf (sql,
                            "CREATE TRIGGER \"%s_keep\" BEFORE DELETE ON \"%s\"\n"
                            "BEGIN SELECT RAISE (ABORT, 'audit rows are never deleted'); END;\n",
                            spec->table, spec->table);

  if (spec->kind == MKT_ENTITY_LEDGER)
    for (guint i = 0; i < spec->n_fields; i++)
      {
        const MktFieldSpec *field = &spec->fields[i];
        const MktEntitySpec *owner;

        if (!(field->flags & MKT_FIELD_OWNER))
          continue;

        owner = mkt_schema_lookup (field->ref);
        g_string_append_printf (sql,
                                "CREATE TRIGGER \"%s_keep\" BEFORE DELETE ON \"%s\"\n"
                                "WHEN EXISTS (SELECT 1 FROM \"%s\" o WHERE o.tenant_id = OLD.tenant_id"
                                " AND o.id = OLD.\"%s\" AND o.deleted_at IS NULL)\n"
                                "BEGIN SELECT RAISE (ABORT, '%s rows leave only when their %s is purged'); END;\n",
                                spec->table, spec->table, owner->table, field->name,
                                spec->name, owner->name);
      }
}

/**
 * build_migration:
 * @version: the version to migrate to
 *
 * The SQL that brings a database at @version - 1 to @version: the entities
 * that appeared in @version, the fields added to older ones, their indexes
 * and triggers.
 */
static char *
build_migration (guint version)
{
  const MktEntitySpec * const *entities;
  GString *sql = g_string_new (NULL);
  guint n_entities;

  entities = mkt_schema_list (&n_entities);

  if (version == 1)
    g_string_append (sql,
                     "CREATE TABLE local_meta (\n"
                     "  key TEXT NOT NULL PRIMARY KEY,\n"
                     "  value TEXT\n"
                     ") STRICT;\n");

  for (guint i = 0; i < n_entities; i++)
    {
      const MktEntitySpec *spec = entities[i];

      if (spec->since == version)
        append_create_table (sql, spec, version);
      else if (spec->since < version)
        for (guint f = 0; f < spec->n_fields; f++)
          if (spec->fields[f].since == version)
            {
              /* SQLite cannot add a NOT NULL column without a default. */
              g_assert (!(spec->fields[f].flags & MKT_FIELD_REQUIRED));
              g_string_append_printf (sql, "ALTER TABLE \"%s\" ADD COLUMN ", spec->table);
              append_column_ddl (sql, &spec->fields[f]);
              g_string_append (sql, ";\n");
            }

      if (spec->since <= version)
        append_indexes (sql, spec, version);
    }

  g_string_append_printf (sql, "PRAGMA user_version = %u;\n", version);

  return g_string_free (sql, FALSE);
}

static gboolean
read_version (MktSqliteStore  *self,
              guint           *out_version,
              GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, error, rc, "Could not read the schema version");

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return set_sqlite_error (self, error, rc, "Could not read the schema version");
    }

  *out_version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
migrate (MktSqliteStore  *self,
         GError         **error)
{
  if (!read_version (self, &self->version, error))
    return FALSE;

  if (self->version > MKT_SCHEMA_VERSION)
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_SCHEMA_TOO_NEW,
                   "%s was written by a newer Market Manager (schema %u; this one knows up to %u)",
                   self->path, self->version, MKT_SCHEMA_VERSION);
      return FALSE;
    }

  while (self->version < MKT_SCHEMA_VERSION)
    {
      g_autofree char *sql = build_migration (self->version + 1);
      g_autoptr(GError) local_error = NULL;

      if (!mkt_sqlite_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!mkt_sqlite_store_exec (self, sql, &local_error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED,
                       "Could not migrate %s to schema %u: %s",
                       self->path, self->version + 1, local_error->message);
          return FALSE;
        }

      if (!mkt_sqlite_store_exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }

      self->version++;
      g_debug ("Migrated %s to schema %u", self->path, self->version);
    }

  return TRUE;
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
    sqlite3_close_v2 (self->db);
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
  g_autoptr(MktSqliteStore) self = NULL;
  g_autofree char *folder = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (MKT_TYPE_SQLITE_STORE, NULL);
  self->path = g_strdup (path);

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

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
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

  stmt = prepare (self, "SELECT value FROM local_meta WHERE key = ?", NULL);
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

  stmt = prepare (self, "INSERT OR REPLACE INTO local_meta (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return step_done (self, stmt, "Could not save a local setting", error);
}

/**
 * mkt_sqlite_store_dump_schema:
 * @self: a store
 *
 * Returns: (transfer full): the CREATE statements of the file, in a stable
 *   order, for tests and for people
 */
char *
mkt_sqlite_store_dump_schema (MktSqliteStore *self)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MKT_IS_SQLITE_STORE (self), NULL);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type DESC, name",
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
  sqlite3_stmt *stmt = prepare (self, sql, error);

  return stmt != NULL && step_done (self, stmt, what, error);
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

/* Rows ----------------------------------------------------------------------- */

static void
bind_value (sqlite3_stmt *stmt,
            int           column,
            GVariant     *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, column);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    sqlite3_bind_int64 (stmt, column, g_variant_get_int64 (value));
  else
    sqlite3_bind_text (stmt, column, g_variant_get_string (value, NULL), -1, SQLITE_STATIC);
}

static void
bind_int_or_null (sqlite3_stmt *stmt,
                  int           column,
                  gint64        value)
{
  if (value == 0)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int64 (stmt, column, value);
}

static GVariant *
column_value (sqlite3_stmt *stmt,
              int           column,
              gboolean      integer)
{
  const char *text;

  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      return NULL;

    case SQLITE_INTEGER:
      if (integer)
        return g_variant_new_int64 (sqlite3_column_int64 (stmt, column));
      break;

    default:
      break;
    }

  text = (const char *)sqlite3_column_text (stmt, column);
  if (integer)
    return g_variant_new_int64 (g_ascii_strtoll (text, NULL, 10));

  /* The file may have been written by something else; never hand GVariant
   * invalid UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    return g_variant_new_take_string (g_utf8_make_valid (text, -1));

  return g_variant_new_string (text);
}

static MktRecord *
read_row (sqlite3_stmt        *stmt,
          const MktEntitySpec *spec)
{
  MktRecord *record = mkt_record_new (spec);
  gint64 updated_at = 0, deleted_at = 0;
  const char *hlc = NULL;
  gint64 created_at;
  int column = 0;

  mkt_record_set_tenant_id (record, (const char *)sqlite3_column_text (stmt, column++));
  mkt_record_set_id (record, (const char *)sqlite3_column_text (stmt, column++));
  created_at = sqlite3_column_int64 (stmt, column++);
  if (spec->kind == MKT_ENTITY_MUTABLE)
    {
      updated_at = sqlite3_column_int64 (stmt, column++);
      deleted_at = sqlite3_column_int64 (stmt, column++);
    }
  if (mkt_entity_spec_has_hlc (spec))
    hlc = (const char *)sqlite3_column_text (stmt, column++);
  mkt_record_set_meta (record, created_at, updated_at, deleted_at, hlc);

  for (guint i = 0; i < spec->n_fields; i++)
    mkt_record_take_value (record, i,
                           column_value (stmt, column++, mkt_field_type_is_integer (spec->fields[i].type)));

  mkt_record_clear_dirty (record);
  return record;
}

static MktRecord *
mkt_sqlite_store_get (MktStore             *store,
                      const MktEntitySpec  *spec,
                      const char           *tenant_id,
                      const char           *id,
                      GError              **error)
{
  MktSqliteStore *self = MKT_SQLITE_STORE (store);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  MktRecord *record;
  sqlite3_stmt *stmt;
  int rc;

  append_column_list (sql, spec);
  g_string_append_printf (sql, " FROM \"%s\" WHERE tenant_id = ? AND id = ?", spec->table);

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, tenant_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      record = read_row (stmt, spec);
      sqlite3_reset (stmt);
      return record;
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, "Could not read a row");
      return NULL;
    }

  g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND,
               "There is no %s with id %s", spec->name, id);
  return NULL;
}

static const char *
insert_sql (MktSqliteStore      *self,
            const MktEntitySpec *spec)
{
  const char *common[6];
  const char *cached;
  GString *sql;
  guint n_columns;

  cached = g_hash_table_lookup (self->insert_sql, spec);
  if (cached != NULL)
    return cached;

  n_columns = common_columns (spec, common) + spec->n_fields;
  sql = g_string_new (NULL);
  g_string_append_printf (sql, "INSERT INTO \"%s\" (", spec->table);
  append_column_list (sql, spec);
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < n_columns; i++)
    g_string_append (sql, i ? ", ?" : "?");
  g_string_append (sql, ")");

  cached = g_string_free (sql, FALSE);
  g_hash_table_insert (self->insert_sql, (gpointer)spec, (gpointer)cached);
  return cached;
}

/* SQLite names a failed unique index by its columns, "material.tenant_id,
 * material.sku": say which field clashed, as validation would. */
static gboolean
step_write (MktSqliteStore       *self,
            sqlite3_stmt         *stmt,
            const MktEntitySpec  *spec,
            const char           *what,
            GError              **error)
{
  const char *message, *column;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }

  rc = sqlite3_extended_errcode (self->db);
  message = sqlite3_errmsg (self->db);
  column = strrchr (message, '.');
  if (rc == SQLITE_CONSTRAINT_UNIQUE && column != NULL &&
      mkt_entity_spec_field (spec, column + 1) != NULL)
    {
      g_autofree char *field = g_strdup (column + 1);

      sqlite3_reset (stmt);
      mkt_set_validation_error (error, field, MKT_VALIDATION_ERROR_INVALID,
                                "is already used by another %s", spec->name);
      return FALSE;
    }

  set_sqlite_error (self, error, rc, what);
  sqlite3_reset (stmt);
  return FALSE;
}

static gboolean
mkt_sqlite_store_insert (MktStore   *store,
                         MktRecord  *record,
                         GError    **error)
{
  MktSqliteStore *self = MKT_SQLITE_STORE (store);
  const MktEntitySpec *spec = mkt_record_get_spec (record);
  sqlite3_stmt *stmt;
  int column = 1;

  stmt = g_hash_table_lookup (self->keyed, spec);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  else
    stmt = prepare_keyed (self, spec, insert_sql (self, spec), error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, column++, mkt_record_get_tenant_id (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, column++, mkt_record_get_id (record), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, column++, mkt_record_get_created_at (record));
  if (spec->kind == MKT_ENTITY_MUTABLE)
    {
      sqlite3_bind_int64 (stmt, column++, mkt_record_get_updated_at (record));
      bind_int_or_null (stmt, column++, mkt_record_get_deleted_at (record));
    }
  if (mkt_entity_spec_has_hlc (spec))
    sqlite3_bind_text (stmt, column++, mkt_record_get_hlc (record), -1, SQLITE_STATIC);

  for (guint i = 0; i < spec->n_fields; i++)
    bind_value (stmt, column++, mkt_record_get_value (record, i));

  return step_write (self, stmt, spec, "Could not add a row", error);
}

static gboolean
mkt_sqlite_store_update (MktStore   *store,
                         MktRecord  *record,
                         GError    **error)
{
  MktSqliteStore *self = MKT_SQLITE_STORE (store);
  const MktEntitySpec *spec = mkt_record_get_spec (record);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int column = 1;

  g_string_append_printf (sql, "UPDATE \"%s\" SET updated_at = ?, deleted_at = ?, hlc = ?", spec->table);
  for (guint i = 0; i < spec->n_fields; i++)
    g_string_append_printf (sql, ", \"%s\" = ?", spec->fields[i].name);
  g_string_append (sql, " WHERE tenant_id = ? AND id = ?");

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, column++, mkt_record_get_updated_at (record));
  bind_int_or_null (stmt, column++, mkt_record_get_deleted_at (record));
  sqlite3_bind_text (stmt, column++, mkt_record_get_hlc (record), -1, SQLITE_STATIC);
  for (guint i = 0; i < spec->n_fields; i++)
    bind_value (stmt, column++, mkt_record_get_value (record, i));
  sqlite3_bind_text (stmt, column++, mkt_record_get_tenant_id (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, column++, mkt_record_get_id (record), -1, SQLITE_STATIC);

  if (!step_write (self, stmt, spec, "Could not change a row", error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND,
                   "There is no %s with id %s", spec->name, mkt_record_get_id (record));
      return FALSE;
    }

  return TRUE;
}

static gboolean
mkt_sqlite_store_remove (MktStore             *store,
                         const MktEntitySpec  *spec,
                         const char           *tenant_id,
                         const char           *id,
                         GError              **error)
{
  MktSqliteStore *self = MKT_SQLITE_STORE (store);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE tenant_id = ? AND id = ?", spec->table);
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, tenant_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);

  if (!step_done (self, stmt, "Could not remove a row", error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND,
                   "There is no %s with id %s", spec->name, id);
      return FALSE;
    }

  return TRUE;
}

/* Lists ---------------------------------------------------------------------- */

static const char *
filter_operator (MktFilterOp op)
{
  switch (op)
    {
    case MKT_FILTER_EQ: return "=";
    case MKT_FILTER_NE: return "!=";
    case MKT_FILTER_LT: return "<";
    case MKT_FILTER_LE: return "<=";
    case MKT_FILTER_GT: return ">";
    case MKT_FILTER_GE: return ">=";
    default: g_assert_not_reached ();
    }
}

/* Sorting text ignores case, as people expect of a list of names. */
static const char *
column_collation (const MktEntitySpec *spec,
                  const char          *column)
{
  const MktFieldSpec *field = mkt_entity_spec_field (spec, column);

  if (field != NULL && (field->type == MKT_FIELD_TEXT || field->type == MKT_FIELD_LONG_TEXT))
    return " COLLATE NOCASE";

  return "";
}

static gboolean
column_exists (const MktEntitySpec *spec,
               const char          *name)
{
  return is_common_column (spec, name) || mkt_entity_spec_field (spec, name) != NULL;
}

static char *
encode_cursor (MktRecord           *last,
               const MktEntitySpec *spec,
               const char          *sort_field)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *text = NULL;
  char *cursor;

  if (sort_field != NULL)
    {
      int index = mkt_entity_spec_field_index (spec, sort_field);
      g_autoptr(GVariant) value = NULL;

      if (index >= 0)
        value = mkt_record_get_value (last, index) ? g_variant_ref (mkt_record_get_value (last, index)) : NULL;
      else if (g_str_equal (sort_field, "created_at"))
        value = g_variant_new_int64 (mkt_record_get_created_at (last));
      else if (g_str_equal (sort_field, "updated_at"))
        value = g_variant_new_int64 (mkt_record_get_updated_at (last));
      else if (g_str_equal (sort_field, "deleted_at") && mkt_record_is_deleted (last))
        value = g_variant_new_int64 (mkt_record_get_deleted_at (last));
      else if (g_str_equal (sort_field, "hlc"))
        value = g_variant_new_string (mkt_record_get_hlc (last));
      else if (g_str_equal (sort_field, "tenant_id"))
        value = g_variant_new_string (mkt_record_get_tenant_id (last));

      if (value != NULL && g_variant_is_floating (value))
        g_variant_ref_sink (value);

      if (value == NULL)
        json_array_add_null_element (array);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        json_array_add_int_element (array, g_variant_get_int64 (value));
      else
        json_array_add_string_element (array, g_variant_get_string (value, NULL));
    }

  json_array_add_string_element (array, mkt_record_get_id (last));
  json_node_set_array (root, array);
  text = json_to_string (root, FALSE);

  cursor = g_base64_encode ((const guchar *)text, strlen (text));
  g_strdelimit (cursor, "+", '-');
  g_strdelimit (cursor, "/", '_');
  return cursor;
}

/* A cursor is the sort value and id of the last row of the previous page. */
static gboolean
decode_cursor (const char  *cursor,
               gboolean     has_sort,
               JsonNode   **out_value,
               char       **out_id,
               GError     **error)
{
  g_autofree char *copy = g_strdup (cursor);
  g_autofree guchar *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonNode *id;
  gsize length;

  g_strdelimit (copy, "-", '+');
  g_strdelimit (copy, "_", '/');
  text = g_base64_decode (copy, &length);
  if (text != NULL && g_utf8_validate ((const char *)text, length, NULL))
    {
      g_autofree char *json = g_strndup ((const char *)text, length);
      root = json_from_string (json, NULL);
    }

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    goto invalid;

  array = json_node_get_array (root);
  if (json_array_get_length (array) != (has_sort ? 2u : 1u))
    goto invalid;

  id = json_array_get_element (array, has_sort ? 1 : 0);
  if (json_node_get_value_type (id) != G_TYPE_STRING)
    goto invalid;

  if (has_sort)
    {
      JsonNode *value = json_array_get_element (array, 0);
      GType type = JSON_NODE_HOLDS_NULL (value) ? G_TYPE_NONE : json_node_get_value_type (value);

      if (type != G_TYPE_NONE && type != G_TYPE_STRING && type != G_TYPE_INT64)
        goto invalid;
      *out_value = json_node_copy (value);
    }

  *out_id = json_node_dup_string (id);
  return TRUE;

invalid:
  mkt_set_validation_error (error, "cursor", MKT_VALIDATION_ERROR_INVALID,
                            "is not a cursor this list gave out");
  return FALSE;
}

static void
bind_json_value (sqlite3_stmt *stmt,
                 int           column,
                 JsonNode     *value)
{
  if (JSON_NODE_HOLDS_NULL (value))
    sqlite3_bind_null (stmt, column);
  else if (json_node_get_value_type (value) == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, column, json_node_get_int (value));
  else
    sqlite3_bind_text (stmt, column, json_node_get_string (value), -1, SQLITE_TRANSIENT);
}

static char *
like_pattern (const char *search)
{
  GString *pattern = g_string_new ("%");

  for (const char *c = search; *c; c++)
    {
      if (*c == '%' || *c == '_' || *c == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *c);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

static GPtrArray *
mkt_sqlite_store_list (MktStore             *store,
                       const MktEntitySpec  *spec,
                       const char           *tenant_id,
                       MktQuery             *query,
                       char                **next_cursor,
                       GError              **error)
{
  MktSqliteStore *self = MKT_SQLITE_STORE (store);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) cursor_value = NULL;
  g_autofree char *cursor_id = NULL;
  g_autofree char *pattern = NULL;
  const char *sort_field = mkt_query_get_sort_field (query);
  const char *search = mkt_query_get_search (query);
  gboolean descending = mkt_query_get_descending (query);
  guint limit = mkt_query_get_limit (query);
  const char *order = descending ? "DESC" : "ASC";
  const char *collate = "";
  const MktFilter *filters;
  sqlite3_stmt *stmt;
  guint n_filters;
  int column = 1;
  int rc;

  filters = mkt_query_get_filters (query, &n_filters);

  if (sort_field != NULL && g_str_equal (sort_field, "id"))
    sort_field = NULL;
  if (sort_field != NULL && !column_exists (spec, sort_field))
    {
      mkt_set_validation_error (error, "sort", MKT_VALIDATION_ERROR_UNKNOWN_FIELD,
                                "%s has no field “%s”", spec->name, sort_field);
      return NULL;
    }
  if (sort_field != NULL)
    collate = column_collation (spec, sort_field);

  for (guint i = 0; i < n_filters; i++)
    if (!column_exists (spec, filters[i].field))
      {
        mkt_set_validation_error (error, filters[i].field, MKT_VALIDATION_ERROR_UNKNOWN_FIELD,
                                  "%s has no such field to filter by", spec->name);
        return NULL;
      }

  if (mkt_query_get_cursor (query) != NULL &&
      !decode_cursor (mkt_query_get_cursor (query), sort_field != NULL,
                      &cursor_value, &cursor_id, error))
    return NULL;

  append_column_list (sql, spec);
  g_string_append_printf (sql, " FROM \"%s\" WHERE tenant_id = ?", spec->table);

  if (spec->kind == MKT_ENTITY_MUTABLE)
    switch (mkt_query_get_deleted (query))
      {
      case MKT_DELETED_EXCLUDE:
        g_string_append (sql, " AND deleted_at IS NULL");
        break;
      case MKT_DELETED_ONLY:
        g_string_append (sql, " AND deleted_at IS NOT NULL");
        break;
      case MKT_DELETED_INCLUDE:
      default:
        break;
      }

  for (guint i = 0; i < n_filters; i++)
    {
      if (filters[i].value == NULL)
        g_string_append_printf (sql, " AND \"%s\" IS %sNULL", filters[i].field,
                                filters[i].op == MKT_FILTER_NE ? "NOT " : "");
      else
        g_string_append_printf (sql, " AND \"%s\" %s ?", filters[i].field,
                                filter_operator (filters[i].op));
    }

  if (search != NULL)
    {
      gboolean first = TRUE;

      pattern = like_pattern (search);
      g_string_append (sql, " AND (");
      for (guint i = 0; i < spec->n_fields; i++)
        if (spec->fields[i].flags & MKT_FIELD_SEARCHABLE)
          {
            g_string_append_printf (sql, "%s\"%s\" LIKE ?1000 ESCAPE '\\'",
                                    first ? "" : " OR ", spec->fields[i].name);
            first = FALSE;
          }
      if (first)
        g_string_append (sql, "0");
      g_string_append (sql, ")");
    }

  if (cursor_id != NULL)
    {
      const char *cmp = descending ? "<" : ">";

      if (sort_field == NULL)
        g_string_append_printf (sql, " AND id %s ?1001", cmp);
      else if (JSON_NODE_HOLDS_NULL (cursor_value))
        {
          /* NULLs sort first ascending, last descending. */
          if (descending)
            g_string_append_printf (sql, " AND (\"%s\" IS NULL AND id < ?1001)", sort_field);
          else
            g_string_append_printf (sql, " AND ((\"%s\" IS NULL AND id > ?1001) OR \"%s\" IS NOT NULL)",
                                    sort_field, sort_field);
        }
      else
        {
          g_string_append_printf (sql,
                                  " AND (\"%s\"%s %s ?1002 OR (\"%s\"%s = ?1002 AND id %s ?1001)",
                                  sort_field, collate, cmp, sort_field, collate, cmp);
          if (descending)
            g_string_append_printf (sql, " OR \"%s\" IS NULL", sort_field);
          g_string_append (sql, ")");
        }
    }

  if (sort_field != NULL)
    g_string_append_printf (sql, " ORDER BY \"%s\"%s %s, id %s", sort_field, collate, order, order);
  else
    g_string_append_printf (sql, " ORDER BY id %s", order);

  /* One row more than asked tells whether there is a next page. */
  if (limit > 0)
    g_string_append_printf (sql, " LIMIT %u", limit + 1);

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, column++, tenant_id, -1, SQLITE_STATIC);
  for (guint i = 0; i < n_filters; i++)
    if (filters[i].value != NULL)
      bind_value (stmt, column++, filters[i].value);
  if (pattern != NULL)
    sqlite3_bind_text (stmt, 1000, pattern, -1, SQLITE_STATIC);
  if (cursor_id != NULL)
    sqlite3_bind_text (stmt, 1001, cursor_id, -1, SQLITE_STATIC);
  if (cursor_value != NULL && !JSON_NODE_HOLDS_NULL (cursor_value))
    bind_json_value (stmt, 1002, cursor_value);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (limit > 0 && rows->len == limit)
        {
          if (next_cursor != NULL)
            *next_cursor = encode_cursor (g_ptr_array_index (rows, rows->len - 1), spec, sort_field);
          break;
        }
      g_ptr_array_add (rows, read_row (stmt, spec));
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, "Could not list rows");
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static gboolean
mkt_sqlite_store_append_log (MktStore           *store,
                             const char         *tenant_id,
                             const MktLogEntry  *entry,
                             GError            **error)
{
  MktSqliteStore *self = MKT_SQLITE_STORE (store);
  sqlite3_stmt *stmt;

  stmt = prepare_keyed (self, &mkt_audit_spec,
                  "INSERT INTO audit_log (tenant_id, id, created_at, user_id, session_id, action,"
                  " entity, entity_id, old_values, new_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, tenant_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, entry->audit_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, entry->occurred_at);
  sqlite3_bind_text (stmt, 4, entry->user_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, entry->session_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, entry->action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, entry->entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, entry->entity_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, entry->old_values, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, entry->new_values, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, "Could not write the audit row", error))
    return FALSE;

  stmt = prepare_keyed (self, &mkt_change_spec,
                  "INSERT INTO change (tenant_id, id, created_at, entity, row_id, op, fields, hlc,"
                  " device_id, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, tenant_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, entry->change_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, entry->occurred_at);
  sqlite3_bind_text (stmt, 4, entry->entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, entry->entity_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, entry->action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, entry->new_values, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, entry->hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, entry->device_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, entry->user_id, -1, SQLITE_STATIC);
  return step_done (self, stmt, "Could not write the outbox change", error);
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
