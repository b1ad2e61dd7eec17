/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-sqlite-store"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "mkt-error.h"
#include "mkt-sqlite-store-private.h"

/* Reading and writing rows: MktStore's get, insert, update, remove and
 * append_log for SQLite. */

void
mkt_sqlite_bind_value (sqlite3_stmt *stmt,
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

MktRecord *
mkt_sqlite_read_row (sqlite3_stmt        *stmt,
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

MktRecord *
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

  mkt_sqlite_append_column_list (sql, spec);
  g_string_append_printf (sql, " FROM \"%s\" WHERE tenant_id = ? AND id = ?", spec->table);

  stmt = mkt_sqlite_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, tenant_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      record = mkt_sqlite_read_row (stmt, spec);
      sqlite3_reset (stmt);
      return record;
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mkt_sqlite_store_set_error (self, error, rc, "Could not read a row");
      return NULL;
    }

  g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND,
               "There is no %s with id %s", mkt_entity_spec_get_label (spec), id);
  return NULL;
}

static const char *
insert_sql (MktSqliteStore      *self,
            const MktEntitySpec *spec)
{
  const char *common[MKT_SQLITE_MAX_COMMON_COLUMNS];
  const char *cached;
  GString *sql;
  guint n_columns;

  cached = g_hash_table_lookup (self->insert_sql, spec);
  if (cached != NULL)
    return cached;

  n_columns = mkt_sqlite_common_columns (spec, common) + spec->n_fields;
  sql = g_string_new (NULL);
  /* A cache row replaces the one of the same id. */
  g_string_append_printf (sql, "INSERT %sINTO \"%s\" (",
                          spec->kind == MKT_ENTITY_CACHE ? "OR REPLACE " : "", spec->table);
  mkt_sqlite_append_column_list (sql, spec);
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
                                "is already used by another %s", mkt_entity_spec_get_label (spec));
      return FALSE;
    }

  mkt_sqlite_store_set_error (self, error, rc, what);
  sqlite3_reset (stmt);
  return FALSE;
}

gboolean
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
    stmt = mkt_sqlite_store_prepare_keyed (self, spec, insert_sql (self, spec), error);
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
    mkt_sqlite_bind_value (stmt, column++, mkt_record_get_value (record, i));

  return step_write (self, stmt, spec, "Could not add a row", error);
}

gboolean
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

  stmt = mkt_sqlite_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, column++, mkt_record_get_updated_at (record));
  bind_int_or_null (stmt, column++, mkt_record_get_deleted_at (record));
  sqlite3_bind_text (stmt, column++, mkt_record_get_hlc (record), -1, SQLITE_STATIC);
  for (guint i = 0; i < spec->n_fields; i++)
    mkt_sqlite_bind_value (stmt, column++, mkt_record_get_value (record, i));
  sqlite3_bind_text (stmt, column++, mkt_record_get_tenant_id (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, column++, mkt_record_get_id (record), -1, SQLITE_STATIC);

  if (!step_write (self, stmt, spec, "Could not change a row", error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND,
                   "There is no %s with id %s", mkt_entity_spec_get_label (spec), mkt_record_get_id (record));
      return FALSE;
    }

  return TRUE;
}

gboolean
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
  stmt = mkt_sqlite_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, tenant_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);

  if (!mkt_sqlite_store_step_done (self, stmt, "Could not remove a row", error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND,
                   "There is no %s with id %s", mkt_entity_spec_get_label (spec), id);
      return FALSE;
    }

  return TRUE;
}

gboolean
mkt_sqlite_store_append_log (MktStore           *store,
                             const char         *tenant_id,
                             const MktLogEntry  *entry,
                             GError            **error)
{
  MktSqliteStore *self = MKT_SQLITE_STORE (store);
  sqlite3_stmt *stmt;

  stmt = mkt_sqlite_store_prepare_keyed (self, &mkt_audit_spec,
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
  if (!mkt_sqlite_store_step_done (self, stmt, "Could not write the audit row", error))
    return FALSE;

  /* Derived values are audited but not synced. */
  if (entry->change_id == NULL)
    return TRUE;

  stmt = mkt_sqlite_store_prepare_keyed (self, &mkt_change_spec,
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
  return mkt_sqlite_store_step_done (self, stmt, "Could not write the outbox change", error);
}
