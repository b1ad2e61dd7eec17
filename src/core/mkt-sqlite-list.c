/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-sqlite-store"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "mkt-cursor.h"
#include "mkt-error.h"
#include "mkt-sqlite-store-private.h"

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
  return mkt_sqlite_is_common_column (spec, name) || mkt_entity_spec_field (spec, name) != NULL;
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

GPtrArray *
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
      !mkt_cursor_decode (mkt_query_get_cursor (query), sort_field != NULL,
                      &cursor_value, &cursor_id, error))
    return NULL;

  mkt_sqlite_append_column_list (sql, spec);
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

  stmt = mkt_sqlite_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, column++, tenant_id, -1, SQLITE_STATIC);
  for (guint i = 0; i < n_filters; i++)
    if (filters[i].value != NULL)
      mkt_sqlite_bind_value (stmt, column++, filters[i].value);
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
            *next_cursor = mkt_cursor_encode (g_ptr_array_index (rows, rows->len - 1), spec, sort_field);
          break;
        }
      g_ptr_array_add (rows, mkt_sqlite_read_row (stmt, spec));
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mkt_sqlite_store_set_error (self, error, rc, "Could not list rows");
      return NULL;
    }

  return g_steal_pointer (&rows);
}

