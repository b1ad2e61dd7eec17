/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-pg-store"

#include "config.h"

#include <string.h>

#include "mkt-error.h"
#include "mkt-pg-store-private.h"

/* Reading and writing rows: MktStore's get, insert, update, remove and
 * append_log for PostgreSQL. Values travel as text, each in its own
 * parameter; PostgreSQL reads them as the column's type. */

/* Values --------------------------------------------------------------------- */

/* The canonical form mkt-core writes (mkt_uuid_new_v7): lowercase, with
 * dashes. PostgreSQL would also read other forms, and fail on what is no
 * UUID at all, where SQLite just finds no row. */
gboolean
mkt_pg_is_uuid (const char *text)
{
  if (text == NULL || strlen (text) != 36)
    return FALSE;

  for (guint i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (text[i]) && !(text[i] >= 'a' && text[i] <= 'f'))
        return FALSE;
    }

  return TRUE;
}

/**
 * mkt_pg_param_value:
 * @field: (nullable): the field the value is for
 * @value: (nullable): an int64 or string value
 * @buffer: where to write a number
 * @size: its size
 *
 * Returns: (nullable): @value as a parameter's text
 */
const char *
mkt_pg_param_value (const MktFieldSpec *field,
                    GVariant           *value,
                    char               *buffer,
                    gsize               size)
{
  if (value == NULL)
    return NULL;

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return g_variant_get_string (value, NULL);

  if (field != NULL && field->type == MKT_FIELD_BOOL)
    return g_variant_get_int64 (value) != 0 ? "true" : "false";

  g_snprintf (buffer, size, "%" G_GINT64_FORMAT, g_variant_get_int64 (value));
  return buffer;
}

/* Columns -------------------------------------------------------------------- */

/* The common columns of @spec, in the order rows are read and written: the
 * SQLite store's. */
guint
mkt_pg_common_columns (const MktEntitySpec  *spec,
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

gboolean
mkt_pg_is_common_column (const MktEntitySpec *spec,
                         const char          *name)
{
  const char *common[8];
  guint n_common = mkt_pg_common_columns (spec, common);

  for (guint i = 0; i < n_common; i++)
    if (g_str_equal (common[i], name))
      return TRUE;

  return FALSE;
}

void
mkt_pg_append_column_list (GString             *sql,
                           const MktEntitySpec *spec)
{
  const char *common[8];
  guint n_common = mkt_pg_common_columns (spec, common);

  for (guint i = 0; i < n_common; i++)
    g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", common[i]);
  for (guint i = 0; i < spec->n_fields; i++)
    g_string_append_printf (sql, ", \"%s\"", spec->fields[i].name);
}

static gint64
int_value (PGresult *result,
           int       row,
           int       column)
{
  return PQgetisnull (result, row, column) ? 0 : g_ascii_strtoll (PQgetvalue (result, row, column), NULL, 10);
}

static GVariant *
field_value (PGresult           *result,
             int                 row,
             int                 column,
             const MktFieldSpec *field)
{
  const char *text;

  if (PQgetisnull (result, row, column))
    return NULL;

  text = PQgetvalue (result, row, column);
  if (field->type == MKT_FIELD_BOOL)
    return g_variant_new_int64 (text[0] == 't');
  if (mkt_field_type_is_integer (field->type))
    return g_variant_new_int64 (g_ascii_strtoll (text, NULL, 10));

  /* The client encoding is UTF-8; never hand GVariant anything else. */
  if (!g_utf8_validate (text, -1, NULL))
    return g_variant_new_take_string (g_utf8_make_valid (text, -1));

  return g_variant_new_string (text);
}

/* Reads a row selected with mkt_pg_append_column_list(). */
MktRecord *
mkt_pg_read_row (PGresult            *result,
                 int                  row,
                 const MktEntitySpec *spec)
{
  MktRecord *record = mkt_record_new (spec);
  gint64 updated_at = 0, deleted_at = 0;
  const char *hlc = NULL;
  gint64 created_at;
  int column = 0;

  mkt_record_set_tenant_id (record, PQgetvalue (result, row, column++));
  mkt_record_set_id (record, PQgetvalue (result, row, column++));
  created_at = int_value (result, row, column++);
  if (spec->kind == MKT_ENTITY_MUTABLE)
    {
      updated_at = int_value (result, row, column++);
      deleted_at = int_value (result, row, column++);
    }
  if (mkt_entity_spec_has_hlc (spec))
    hlc = PQgetvalue (result, row, column++);
  mkt_record_set_meta (record, created_at, updated_at, deleted_at, hlc);

  for (guint i = 0; i < spec->n_fields; i++)
    mkt_record_take_value (record, i, field_value (result, row, column++, &spec->fields[i]));

  mkt_record_clear_dirty (record);
  return record;
}

/* Writes a row selected with mkt_pg_append_column_list() as
 * mkt_record_append_json() would write mkt_pg_read_row()'s record of it. */
void
mkt_pg_append_row_json (PGresult            *result,
                        int                  row,
                        const MktEntitySpec *spec,
                        GString             *out)
{
  gint64 created_at, updated_at = 0, deleted_at = 0;
  const char *id, *hlc = NULL;
  int column = 1;

  id = PQgetvalue (result, row, column++);
  created_at = int_value (result, row, column++);
  if (spec->kind == MKT_ENTITY_MUTABLE)
    {
      updated_at = int_value (result, row, column++);
      deleted_at = int_value (result, row, column++);
    }
  if (mkt_entity_spec_has_hlc (spec))
    hlc = PQgetvalue (result, row, column++);
  mkt_json_append_row_head (out, spec, id, created_at, updated_at, deleted_at, hlc);

  for (guint i = 0; i < spec->n_fields; i++, column++)
    {
      const MktFieldSpec *field = &spec->fields[i];
      const char *text;

      if (PQgetisnull (result, row, column))
        {
          mkt_json_append_field (out, field, TRUE, 0, NULL);
          continue;
        }

      text = PQgetvalue (result, row, column);
      if (field->type == MKT_FIELD_BOOL)
        mkt_json_append_field (out, field, FALSE, text[0] == 't', NULL);
      else if (mkt_field_type_is_integer (field->type))
        mkt_json_append_field (out, field, FALSE, g_ascii_strtoll (text, NULL, 10), NULL);
      else if (g_utf8_validate (text, -1, NULL))
        mkt_json_append_field (out, field, FALSE, 0, text);
      else
        {
          /* The client encoding is UTF-8; as mkt_pg_read_row(). */
          g_autofree char *valid = g_utf8_make_valid (text, -1);

          mkt_json_append_field (out, field, FALSE, 0, valid);
        }
    }
  g_string_append_c (out, '}');
}

/* SQL ------------------------------------------------------------------------ */

void
mkt_pg_entity_sql_free (MktPgEntitySql *sql)
{
  g_free (sql->get);
  g_free (sql->insert);
  g_free (sql->update);
  g_free (sql->remove);
  g_free (sql);
}

static char *
build_insert (const MktEntitySpec *spec)
{
  const char *common[8];
  guint n_common = mkt_pg_common_columns (spec, common);
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO \"%s\" (", spec->table);
  mkt_pg_append_column_list (sql, spec);
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < n_common + spec->n_fields; i++)
    g_string_append_printf (sql, "%s$%u", i > 0 ? ", " : "", i + 1);
  g_string_append_c (sql, ')');

  /* A cache row replaces the one of the same id (SQLite's INSERT OR
   * REPLACE). */
  if (spec->kind == MKT_ENTITY_CACHE)
    {
      g_string_append (sql, " ON CONFLICT (tenant_id, id) DO UPDATE SET created_at = EXCLUDED.created_at");
      for (guint i = 0; i < spec->n_fields; i++)
        g_string_append_printf (sql, ", \"%s\" = EXCLUDED.\"%s\"", spec->fields[i].name, spec->fields[i].name);
    }

  return g_string_free (sql, FALSE);
}

static char *
build_update (const MktEntitySpec *spec)
{
  GString *sql = g_string_new (NULL);
  guint column = 1;

  g_string_append_printf (sql, "UPDATE \"%s\" SET updated_at = $1, deleted_at = $2, hlc = $3", spec->table);
  column = 4;
  for (guint i = 0; i < spec->n_fields; i++)
    g_string_append_printf (sql, ", \"%s\" = $%u", spec->fields[i].name, column++);
  g_string_append_printf (sql, " WHERE tenant_id = $%u AND id = $%u", column, column + 1);

  return g_string_free (sql, FALSE);
}

const MktPgEntitySql *
mkt_pg_store_entity_sql (MktPgStore          *self,
                         const MktEntitySpec *spec)
{
  MktPgEntitySql *sql = g_hash_table_lookup (self->entity_sql, spec);
  GString *get;

  if (sql != NULL)
    return sql;

  sql = g_new0 (MktPgEntitySql, 1);

  get = g_string_new ("SELECT ");
  mkt_pg_append_column_list (get, spec);
  g_string_append_printf (get, " FROM \"%s\" WHERE tenant_id = $1 AND id = $2", spec->table);
  sql->get = g_string_free (get, FALSE);
  sql->insert = build_insert (spec);
  if (spec->kind == MKT_ENTITY_MUTABLE)
    sql->update = build_update (spec);
  sql->remove = g_strdup_printf ("DELETE FROM \"%s\" WHERE tenant_id = $1 AND id = $2", spec->table);

  g_hash_table_insert (self->entity_sql, (gpointer)spec, sql);
  return sql;
}

/* Rows ----------------------------------------------------------------------- */

static void
set_not_found (GError              **error,
               const MktEntitySpec  *spec,
               const char           *id)
{
  g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND,
               "There is no %s with id %s", mkt_entity_spec_get_label (spec), id);
}

MktRecord *
mkt_pg_store_get (MktStore             *store,
                  const MktEntitySpec  *spec,
                  const char           *tenant_id,
                  const char           *id,
                  GError              **error)
{
  MktPgStore *self = MKT_PG_STORE (store);
  const char *params[] = { tenant_id, id };
  MktPgStatement statement = {
    .sql = mkt_pg_store_entity_sql (self, spec)->get,
    .n_params = G_N_ELEMENTS (params),
    .params = params,
    .tenant_id = tenant_id,
    .visibility = spec->kind == MKT_ENTITY_MUTABLE ? MKT_PG_WITH_DELETED : MKT_PG_ANY,
    .what = "Could not read a row",
  };
  g_autoptr(PGresult) result = NULL;

  /* What is no id names no row; asking would fail the transaction. */
  if (!mkt_pg_is_uuid (tenant_id) || !mkt_pg_is_uuid (id))
    {
      set_not_found (error, spec, id);
      return NULL;
    }

  result = mkt_pg_store_run (self, &statement, error);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) == 0)
    {
      set_not_found (error, spec, id);
      return NULL;
    }

  return mkt_pg_read_row (result, 0, spec);
}

gboolean
mkt_pg_store_insert (MktStore   *store,
                     MktRecord  *record,
                     GError    **error)
{
  MktPgStore *self = MKT_PG_STORE (store);
  const MktEntitySpec *spec = mkt_record_get_spec (record);
  const char *params[MKT_PG_MAX_PARAMS];
  char numbers[MKT_PG_MAX_PARAMS][24];
  MktPgStatement statement = {
    .sql = mkt_pg_store_entity_sql (self, spec)->insert,
    .params = params,
    .tenant_id = mkt_record_get_tenant_id (record),
    .visibility = MKT_PG_ANY,
    .write = TRUE,
    .spec = spec,
    .what = "Could not add a row",
  };
  g_autoptr(PGresult) result = NULL;
  int n = 0;

  g_assert (spec->n_fields + 6 <= MKT_PG_MAX_PARAMS);

  params[n++] = mkt_record_get_tenant_id (record);
  params[n++] = mkt_record_get_id (record);
  g_snprintf (numbers[n], sizeof numbers[n], "%" G_GINT64_FORMAT, mkt_record_get_created_at (record));
  params[n] = numbers[n];
  n++;
  if (spec->kind == MKT_ENTITY_MUTABLE)
    {
      g_snprintf (numbers[n], sizeof numbers[n], "%" G_GINT64_FORMAT, mkt_record_get_updated_at (record));
      params[n] = numbers[n];
      n++;
      if (mkt_record_get_deleted_at (record) != 0)
        {
          g_snprintf (numbers[n], sizeof numbers[n], "%" G_GINT64_FORMAT, mkt_record_get_deleted_at (record));
          params[n] = numbers[n];
        }
      else
        params[n] = NULL;
      n++;
    }
  if (mkt_entity_spec_has_hlc (spec))
    params[n++] = mkt_record_get_hlc (record);

  for (guint i = 0; i < spec->n_fields; i++, n++)
    params[n] = mkt_pg_param_value (&spec->fields[i], mkt_record_get_value (record, i),
                                    numbers[n], sizeof numbers[n]);

  statement.n_params = n;
  result = mkt_pg_store_run (self, &statement, error);
  return result != NULL;
}

gboolean
mkt_pg_store_update (MktStore   *store,
                     MktRecord  *record,
                     GError    **error)
{
  MktPgStore *self = MKT_PG_STORE (store);
  const MktEntitySpec *spec = mkt_record_get_spec (record);
  const char *params[MKT_PG_MAX_PARAMS];
  char numbers[MKT_PG_MAX_PARAMS][24];
  MktPgStatement statement = {
    .sql = mkt_pg_store_entity_sql (self, spec)->update,
    .params = params,
    .tenant_id = mkt_record_get_tenant_id (record),
    /* Moving a row into or out of the trash, or changing one there, is
     * checked against the SELECT policies too. */
    .visibility = MKT_PG_WITH_DELETED,
    .write = TRUE,
    .spec = spec,
    .what = "Could not change a row",
  };
  g_autoptr(PGresult) result = NULL;
  int n = 0;

  g_assert (spec->n_fields + 5 <= MKT_PG_MAX_PARAMS);

  if (!mkt_pg_is_uuid (mkt_record_get_tenant_id (record)) || !mkt_pg_is_uuid (mkt_record_get_id (record)))
    {
      set_not_found (error, spec, mkt_record_get_id (record));
      return FALSE;
    }

  g_snprintf (numbers[n], sizeof numbers[n], "%" G_GINT64_FORMAT, mkt_record_get_updated_at (record));
  params[n] = numbers[n];
  n++;
  if (mkt_record_get_deleted_at (record) != 0)
    {
      g_snprintf (numbers[n], sizeof numbers[n], "%" G_GINT64_FORMAT, mkt_record_get_deleted_at (record));
      params[n] = numbers[n];
    }
  else
    params[n] = NULL;
  n++;
  params[n++] = mkt_record_get_hlc (record);
  for (guint i = 0; i < spec->n_fields; i++, n++)
    params[n] = mkt_pg_param_value (&spec->fields[i], mkt_record_get_value (record, i),
                                    numbers[n], sizeof numbers[n]);
  params[n++] = mkt_record_get_tenant_id (record);
  params[n++] = mkt_record_get_id (record);

  statement.n_params = n;
  result = mkt_pg_store_run (self, &statement, error);
  if (result == NULL)
    return FALSE;

  if (g_str_equal (PQcmdTuples (result), "0"))
    {
      set_not_found (error, spec, mkt_record_get_id (record));
      return FALSE;
    }

  return TRUE;
}

gboolean
mkt_pg_store_remove (MktStore             *store,
                     const MktEntitySpec  *spec,
                     const char           *tenant_id,
                     const char           *id,
                     GError              **error)
{
  MktPgStore *self = MKT_PG_STORE (store);
  const char *params[] = { tenant_id, id };
  MktPgStatement statement = {
    .sql = mkt_pg_store_entity_sql (self, spec)->remove,
    .n_params = G_N_ELEMENTS (params),
    .params = params,
    .tenant_id = tenant_id,
    /* A purge removes rows in the trash, and a ledger's guard looks for
     * its owner there. */
    .visibility = MKT_PG_WITH_DELETED,
    .write = TRUE,
    .spec = spec,
    .what = "Could not remove a row",
  };
  g_autoptr(PGresult) result = NULL;

  if (!mkt_pg_is_uuid (tenant_id) || !mkt_pg_is_uuid (id))
    {
      set_not_found (error, spec, id);
      return FALSE;
    }

  result = mkt_pg_store_run (self, &statement, error);
  if (result == NULL)
    return FALSE;

  if (g_str_equal (PQcmdTuples (result), "0"))
    {
      set_not_found (error, spec, id);
      return FALSE;
    }

  return TRUE;
}

/* The audit row and the outbox change go in one statement: one round trip,
 * and both or neither. */
#define AUDIT_INSERT \
  "INSERT INTO audit_log (tenant_id, id, created_at, user_id, session_id, action," \
  " entity, entity_id, old_values, new_values) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"

#define AUDIT_AND_CHANGE_INSERT \
  "WITH audit AS (" AUDIT_INSERT ")" \
  " INSERT INTO change (tenant_id, id, created_at, entity, row_id, op, fields, hlc, device_id, user_id)" \
  " VALUES ($1, $11, $3, $7, $8, $6, $10, $12, $13, $4)"

gboolean
mkt_pg_store_append_log (MktStore           *store,
                         const char         *tenant_id,
                         const MktLogEntry  *entry,
                         GError            **error)
{
  MktPgStore *self = MKT_PG_STORE (store);
  char occurred_at[24];
  const char *params[] = {
    tenant_id, entry->audit_id, occurred_at, entry->user_id, entry->session_id, entry->action,
    entry->entity, entry->entity_id, entry->old_values, entry->new_values,
    entry->change_id, entry->hlc, entry->device_id,
  };
  /* Derived values are audited but not synced. */
  MktPgStatement statement = {
    .sql = entry->change_id != NULL ? AUDIT_AND_CHANGE_INSERT : AUDIT_INSERT,
    .n_params = entry->change_id != NULL ? 13 : 10,
    .params = params,
    .tenant_id = tenant_id,
    .visibility = MKT_PG_ANY,
    .write = TRUE,
    .spec = &mkt_audit_spec,
    .what = entry->change_id != NULL ? "Could not write the audit row and the outbox change"
                                     : "Could not write the audit row",
  };
  g_autoptr(PGresult) result = NULL;

  g_snprintf (occurred_at, sizeof occurred_at, "%" G_GINT64_FORMAT, entry->occurred_at);

  result = mkt_pg_store_run (self, &statement, error);
  return result != NULL;
}
