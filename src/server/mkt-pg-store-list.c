/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-pg-store"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "mkt-cursor.h"
#include "mkt-error.h"
#include "mkt-pg-store-private.h"

/* Lists: the SQLite store's semantics in PostgreSQL's terms, so that a
 * list, a search or a page reads the same rows in the same order on both.
 *
 * - SQLite compares text bytewise (BINARY), and sorts the text fields of
 *   people (TEXT, LONG_TEXT) with NOCASE, which folds ASCII letters only:
 *   here `COLLATE "C"`, and lower() under "C", which folds ASCII alone too,
 *   whatever the database's locale.
 * - SQLite sorts NULL first ascending and last descending: NULLS FIRST and
 *   NULLS LAST are said.
 * - LIKE in SQLite ignores the case of ASCII letters: ILIKE under "C".
 * - ids are uuid, whose order is that of their canonical text.
 * - A cursor is the same opaque text (the sort value and id of the last
 *   row, as JSON in URL-safe base64), so a cursor means the same on both. */

typedef enum
{
  COLUMN_TEXT,          /* bytewise */
  COLUMN_TEXT_NOCASE,   /* people's text: sorted ignoring ASCII case */
  COLUMN_UUID,
  COLUMN_INT,
  COLUMN_BOOL,
  COLUMN_JSON,
} ColumnKind;

static ColumnKind
column_kind (const MktEntitySpec *spec,
             const char          *name)
{
  const MktFieldSpec *field = mkt_entity_spec_field (spec, name);

  if (field == NULL)
    {
      if (g_str_equal (name, "tenant_id") || g_str_equal (name, "id"))
        return COLUMN_UUID;
      if (g_str_equal (name, "hlc"))
        return COLUMN_TEXT;
      return COLUMN_INT;
    }

  switch (field->type)
    {
    case MKT_FIELD_TEXT:
    case MKT_FIELD_LONG_TEXT:
      return COLUMN_TEXT_NOCASE;
    case MKT_FIELD_BOOL:
      return COLUMN_BOOL;
    case MKT_FIELD_JSON:
      return COLUMN_JSON;
    case MKT_FIELD_REF:
    case MKT_FIELD_UUID:
      return COLUMN_UUID;
    default:
      return mkt_field_type_is_integer (field->type) ? COLUMN_INT : COLUMN_TEXT;
    }
}

static gboolean
column_exists (const MktEntitySpec *spec,
               const char          *name)
{
  return mkt_pg_is_common_column (spec, name) || mkt_entity_spec_field (spec, name) != NULL;
}

static const char *
filter_operator (MktFilterOp op)
{
  switch (op)
    {
    case MKT_FILTER_EQ: return "=";
    case MKT_FILTER_NE: return "<>";
    case MKT_FILTER_LT: return "<";
    case MKT_FILTER_LE: return "<=";
    case MKT_FILTER_GT: return ">";
    case MKT_FILTER_GE: return ">=";
    default: g_assert_not_reached ();
    }
}

/* The column as SQLite compares it with a value of its own type. */
static void
append_compared (GString    *sql,
                 const char *name,
                 ColumnKind  kind)
{
  switch (kind)
    {
    case COLUMN_TEXT:
    case COLUMN_TEXT_NOCASE:
      g_string_append_printf (sql, "\"%s\" COLLATE \"C\"", name);
      break;
    case COLUMN_JSON:
      g_string_append_printf (sql, "\"%s\"::text COLLATE \"C\"", name);
      break;
    case COLUMN_BOOL:
      /* SQLite holds 0 and 1. */
      g_string_append_printf (sql, "\"%s\"::int", name);
      break;
    case COLUMN_UUID:
    case COLUMN_INT:
    default:
      g_string_append_printf (sql, "\"%s\"", name);
      break;
    }
}

/* The sort key: as compared, but people's text ignoring ASCII case. */
static void
append_sort_key (GString    *sql,
                 const char *name,
                 ColumnKind  kind)
{
  if (kind == COLUMN_TEXT_NOCASE)
    g_string_append_printf (sql, "lower (\"%s\" COLLATE \"C\")", name);
  else
    append_compared (sql, name, kind);
}

static void
append_sort_value (GString    *sql,
                   guint       param,
                   ColumnKind  kind)
{
  switch (kind)
    {
    case COLUMN_TEXT_NOCASE:
      g_string_append_printf (sql, "lower ($%u::text COLLATE \"C\")", param);
      break;
    case COLUMN_TEXT:
    case COLUMN_JSON:
      g_string_append_printf (sql, "$%u::text COLLATE \"C\"", param);
      break;
    case COLUMN_UUID:
      g_string_append_printf (sql, "$%u::uuid", param);
      break;
    case COLUMN_INT:
    case COLUMN_BOOL:
    default:
      g_string_append_printf (sql, "$%u::bigint", param);
      break;
    }
}

/* Besides being well formed (mkt_cursor_decode, the text every store
 * gives out), a cursor's values must be of the column's type: PostgreSQL,
 * unlike SQLite, would fail the transaction on them. */
static gboolean
decode_cursor (const char  *cursor,
               const char  *sort_field,
               ColumnKind   kind,
               JsonNode   **out_value,
               char       **out_id,
               GError     **error)
{
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *id = NULL;
  gboolean integer = kind == COLUMN_INT || kind == COLUMN_BOOL;
  GType type;

  if (!mkt_cursor_decode (cursor, sort_field != NULL, &value, &id, error))
    return FALSE;

  if (!mkt_pg_is_uuid (id))
    goto invalid;

  if (value != NULL)
    {
      type = JSON_NODE_HOLDS_NULL (value) ? G_TYPE_NONE : json_node_get_value_type (value);
      if (type != G_TYPE_NONE &&
          !(integer && type == G_TYPE_INT64) &&
          !(!integer && type == G_TYPE_STRING))
        goto invalid;
      if (kind == COLUMN_UUID && type == G_TYPE_STRING && !mkt_pg_is_uuid (json_node_get_string (value)))
        goto invalid;
    }

  *out_value = g_steal_pointer (&value);
  *out_id = g_steal_pointer (&id);
  return TRUE;

invalid:
  mkt_set_validation_error (error, "cursor", MKT_VALIDATION_ERROR_INVALID,
                            "is not a cursor this list gave out");
  return FALSE;
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

/* Adds one filter. A value of another type than the column's is refused
 * (PostgreSQL would fail the transaction on it); a uuid column compared
 * with what is no canonical uuid is compared as text, as SQLite does. */
static gboolean
append_filter (GString             *sql,
               const MktEntitySpec *spec,
               const MktFilter     *filter,
               GPtrArray           *params,
               GPtrArray           *owned,
               GError             **error)
{
  ColumnKind kind = column_kind (spec, filter->field);
  const char *op = filter_operator (filter->op);
  gboolean integer = kind == COLUMN_INT || kind == COLUMN_BOOL;
  gboolean is_string = g_variant_is_of_type (filter->value, G_VARIANT_TYPE_STRING);

  if (integer == is_string)
    {
      mkt_set_validation_error (error, filter->field, MKT_VALIDATION_ERROR_INVALID,
                                integer ? "is a number: it cannot be compared with text"
                                        : "is text: it cannot be compared with a number");
      return FALSE;
    }

  g_string_append (sql, " AND ");
  if (integer)
    {
      char *number = g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (filter->value));

      g_ptr_array_add (owned, number);
      g_ptr_array_add (params, number);
      append_compared (sql, filter->field, kind);
      g_string_append_printf (sql, " %s $%u::bigint", op, params->len);
      return TRUE;
    }

  g_ptr_array_add (params, (gpointer)g_variant_get_string (filter->value, NULL));
  if (kind != COLUMN_UUID)
    {
      append_compared (sql, filter->field, kind);
      g_string_append_printf (sql, " %s $%u::text", op, params->len);
    }
  else if (mkt_pg_is_uuid (g_variant_get_string (filter->value, NULL)))
    g_string_append_printf (sql, "\"%s\" %s $%u::uuid", filter->field, op, params->len);
  else
    g_string_append_printf (sql, "\"%s\"::text COLLATE \"C\" %s $%u::text", filter->field, op, params->len);

  return TRUE;
}

/* Runs the list's SELECT. Its rows are in *@out_result, one more than the
 * page's limit when there is a next page; none at all (and no result) for
 * what cannot be a tenant's id. The sort field the cursor is made of is in
 * *@out_sort_field (%NULL: the id). */
static gboolean
run_list_query (MktPgStore           *self,
                const MktEntitySpec  *spec,
                const char           *tenant_id,
                MktQuery             *query,
                PGresult            **out_result,
                const char          **out_sort_field,
                GError              **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(GPtrArray) params = g_ptr_array_new ();
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) cursor_value = NULL;
  g_autoptr(PGresult) result = NULL;
  g_autofree char *cursor_id = NULL;
  g_autofree char *cursor_number = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *limit_text = NULL;
  const char *sort_field = mkt_query_get_sort_field (query);
  const char *search = mkt_query_get_search (query);
  gboolean descending = mkt_query_get_descending (query);
  guint limit = mkt_query_get_limit (query);
  const char *order = descending ? "DESC" : "ASC";
  const char *nulls = descending ? "NULLS LAST" : "NULLS FIRST";
  MktDeletedFilter deleted = mkt_query_get_deleted (query);
  MktPgStatement statement = {
    .tenant_id = tenant_id,
    .visibility = MKT_PG_ANY,
    .spec = spec,
    .what = "Could not list rows",
  };
  ColumnKind sort_kind = COLUMN_INT;
  const MktFilter *filters;
  guint n_filters;

  *out_result = NULL;
  *out_sort_field = NULL;
  filters = mkt_query_get_filters (query, &n_filters);

  if (sort_field != NULL && g_str_equal (sort_field, "id"))
    sort_field = NULL;
  if (sort_field != NULL && !column_exists (spec, sort_field))
    {
      mkt_set_validation_error (error, "sort", MKT_VALIDATION_ERROR_UNKNOWN_FIELD,
                                "%s has no field “%s”", spec->name, sort_field);
      return FALSE;
    }
  if (sort_field != NULL)
    sort_kind = column_kind (spec, sort_field);

  for (guint i = 0; i < n_filters; i++)
    if (!column_exists (spec, filters[i].field))
      {
        mkt_set_validation_error (error, filters[i].field, MKT_VALIDATION_ERROR_UNKNOWN_FIELD,
                                  "%s has no such field to filter by", spec->name);
        return FALSE;
      }

  if (mkt_query_get_cursor (query) != NULL &&
      !decode_cursor (mkt_query_get_cursor (query), sort_field, sort_kind,
                      &cursor_value, &cursor_id, error))
    return FALSE;

  /* No tenant's id, no tenant's rows. */
  if (!mkt_pg_is_uuid (tenant_id))
    return TRUE;

  mkt_pg_append_column_list (sql, spec);
  g_string_append_printf (sql, " FROM \"%s\" WHERE tenant_id = $1", spec->table);
  g_ptr_array_add (params, (gpointer)tenant_id);

  if (spec->kind == MKT_ENTITY_MUTABLE)
    switch (deleted)
      {
      case MKT_DELETED_EXCLUDE:
        g_string_append (sql, " AND deleted_at IS NULL");
        statement.visibility = MKT_PG_ACTIVE;
        break;
      case MKT_DELETED_ONLY:
        g_string_append (sql, " AND deleted_at IS NOT NULL");
        statement.visibility = MKT_PG_WITH_DELETED;
        break;
      case MKT_DELETED_INCLUDE:
      default:
        statement.visibility = MKT_PG_WITH_DELETED;
        break;
      }

  for (guint i = 0; i < n_filters; i++)
    {
      if (filters[i].value == NULL)
        g_string_append_printf (sql, " AND \"%s\" IS %sNULL", filters[i].field,
                                filters[i].op == MKT_FILTER_NE ? "NOT " : "");
      else if (!append_filter (sql, spec, &filters[i], params, owned, error))
        return FALSE;
    }

  if (search != NULL)
    {
      gboolean first = TRUE;

      /* Every parameter sent must be used: the pattern is sent only if a
       * field is searched. */
      g_string_append (sql, " AND (");
      for (guint i = 0; i < spec->n_fields; i++)
        if (spec->fields[i].flags & MKT_FIELD_SEARCHABLE)
          {
            if (pattern == NULL)
              g_ptr_array_add (params, pattern = like_pattern (search));
            g_string_append_printf (sql, "%s\"%s\"::text COLLATE \"C\" ILIKE $%u::text ESCAPE '\\'",
                                    first ? "" : " OR ", spec->fields[i].name, params->len);
            first = FALSE;
          }
      if (first)
        g_string_append (sql, "FALSE");
      g_string_append (sql, ")");
    }

  if (cursor_id != NULL)
    {
      const char *cmp = descending ? "<" : ">";
      guint id_param;

      g_ptr_array_add (params, cursor_id);
      id_param = params->len;

      if (sort_field == NULL)
        g_string_append_printf (sql, " AND id %s $%u::uuid", cmp, id_param);
      else if (JSON_NODE_HOLDS_NULL (cursor_value))
        {
          /* NULLs sort first ascending, last descending. */
          if (descending)
            g_string_append_printf (sql, " AND (\"%s\" IS NULL AND id < $%u::uuid)", sort_field, id_param);
          else
            g_string_append_printf (sql, " AND ((\"%s\" IS NULL AND id > $%u::uuid) OR \"%s\" IS NOT NULL)",
                                    sort_field, id_param, sort_field);
        }
      else
        {
          guint value_param;

          if (json_node_get_value_type (cursor_value) == G_TYPE_INT64)
            g_ptr_array_add (params, cursor_number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                                      json_node_get_int (cursor_value)));
          else
            g_ptr_array_add (params, (gpointer)json_node_get_string (cursor_value));
          value_param = params->len;

          g_string_append (sql, " AND (");
          append_sort_key (sql, sort_field, sort_kind);
          g_string_append_printf (sql, " %s ", cmp);
          append_sort_value (sql, value_param, sort_kind);
          g_string_append (sql, " OR (");
          append_sort_key (sql, sort_field, sort_kind);
          g_string_append (sql, " = ");
          append_sort_value (sql, value_param, sort_kind);
          g_string_append_printf (sql, " AND id %s $%u::uuid)", cmp, id_param);
          if (descending)
            g_string_append_printf (sql, " OR \"%s\" IS NULL", sort_field);
          g_string_append (sql, ")");
        }
    }

  if (sort_field != NULL)
    {
      g_string_append (sql, " ORDER BY ");
      append_sort_key (sql, sort_field, sort_kind);
      g_string_append_printf (sql, " %s %s, id %s", order, nulls, order);
    }
  else
    g_string_append_printf (sql, " ORDER BY id %s", order);

  /* One row more than asked tells whether there is a next page. */
  if (limit > 0)
    {
      limit_text = g_strdup_printf ("%u", limit + 1);
      g_ptr_array_add (params, limit_text);
      g_string_append_printf (sql, " LIMIT $%u::bigint", params->len);
    }

  if (params->len > MKT_PG_MAX_PARAMS)
    {
      mkt_set_validation_error (error, "filter", MKT_VALIDATION_ERROR_OUT_OF_RANGE,
                                "a list takes at most %u filters", MKT_PG_MAX_PARAMS - 6);
      return FALSE;
    }

  statement.sql = sql->str;
  statement.n_params = params->len;
  statement.params = (const char * const *)params->pdata;
  *out_result = mkt_pg_store_run (self, &statement, error);
  *out_sort_field = sort_field;
  return *out_result != NULL;
}

/* A page holds the query's limit of rows; the row after them, if any, says
 * that there is a next page, which starts after the page's last row. */
static guint
page_length (PGresult   *result,
             MktQuery   *query,
             gboolean   *out_more)
{
  guint limit = mkt_query_get_limit (query);
  guint n_rows = result != NULL ? (guint) PQntuples (result) : 0;

  *out_more = limit > 0 && n_rows > limit;
  return *out_more ? limit : n_rows;
}

GPtrArray *
mkt_pg_store_list (MktStore             *store,
                   const MktEntitySpec  *spec,
                   const char           *tenant_id,
                   MktQuery             *query,
                   char                **next_cursor,
                   GError              **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PGresult) result = NULL;
  const char *sort_field;
  gboolean more;
  guint n_rows;

  if (!run_list_query (MKT_PG_STORE (store), spec, tenant_id, query, &result, &sort_field, error))
    return NULL;

  n_rows = page_length (result, query, &more);
  for (guint r = 0; r < n_rows; r++)
    g_ptr_array_add (rows, mkt_pg_read_row (result, r, spec));

  if (more && next_cursor != NULL)
    *next_cursor = mkt_cursor_encode (g_ptr_array_index (rows, rows->len - 1), spec, sort_field);

  return g_steal_pointer (&rows);
}

/* The same page written straight from the result as JSON: no records are
 * made, but the one the next page's cursor is read from. */
gboolean
mkt_pg_store_list_json (MktStore             *store,
                        const MktEntitySpec  *spec,
                        const char           *tenant_id,
                        MktQuery             *query,
                        GString              *out,
                        char                **next_cursor,
                        GError              **error)
{
  g_autoptr(PGresult) result = NULL;
  const char *sort_field;
  gboolean more;
  guint n_rows;

  if (!run_list_query (MKT_PG_STORE (store), spec, tenant_id, query, &result, &sort_field, error))
    return FALSE;

  n_rows = page_length (result, query, &more);
  g_string_append_c (out, '[');
  for (guint r = 0; r < n_rows; r++)
    {
      if (r > 0)
        g_string_append_c (out, ',');
      mkt_pg_append_row_json (result, r, spec, out);
    }
  g_string_append_c (out, ']');

  if (more && next_cursor != NULL)
    {
      g_autoptr(MktRecord) last = mkt_pg_read_row (result, n_rows - 1, spec);

      *next_cursor = mkt_cursor_encode (last, spec, sort_field);
    }

  return TRUE;
}
