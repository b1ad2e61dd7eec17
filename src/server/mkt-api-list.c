/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-api"

#include "config.h"

#include <string.h>

#include "mkt-api-private.h"
#include "mkt-error.h"
#include "mkt-time.h"

/* Lists: a page of a collection or of the audit log, its query read from
 * the request's parameters. What is wrong with them is the request's
 * fault: 400 naming the parameter. */

static const char * const list_params[] = { "search", "sort", "order", "limit", "cursor", NULL };

static gboolean
is_common_column (const MktEntitySpec *spec,
                  const char          *name)
{
  if (g_str_equal (name, "id") || g_str_equal (name, "created_at"))
    return TRUE;

  return spec->kind == MKT_ENTITY_MUTABLE && (g_str_equal (name, "updated_at") || g_str_equal (name, "deleted_at"));
}

static gboolean
parse_filter_op (const char  *text,
                 MktFilterOp *out_op)
{
  static const struct { const char *name; MktFilterOp op; } ops[] = {
    { "eq", MKT_FILTER_EQ }, { "ne", MKT_FILTER_NE },
    { "lt", MKT_FILTER_LT }, { "le", MKT_FILTER_LE }, { "lte", MKT_FILTER_LE },
    { "gt", MKT_FILTER_GT }, { "ge", MKT_FILTER_GE }, { "gte", MKT_FILTER_GE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    if (g_str_equal (text, ops[i].name))
      {
        *out_op = ops[i].op;
        return TRUE;
      }

  return FALSE;
}

/* A filter's value as the query names it: money and whole numbers as
 * integers (minor units, as in JSON), times as ISO 8601, the rest as a
 * person types it. Empty text: the field is empty. The value returned is
 * the caller's (a full reference). */
static gboolean
filter_value (MktSession           *session,
              const MktEntitySpec  *spec,
              const char           *field,
              const char           *text,
              GVariant            **out_value,
              GError              **error)
{
  const MktFieldSpec *spec_field = mkt_entity_spec_field (spec, field);
  g_autoptr(MktRecord) scratch = NULL;
  gint64 number;

  *out_value = NULL;
  if (*text == '\0')
    return TRUE;

  if (spec_field == NULL)
    {
      if (g_str_equal (field, "id"))
        {
          *out_value = g_variant_ref_sink (g_variant_new_take_string (g_ascii_strdown (text, -1)));
          return TRUE;
        }
      if (!mkt_timestamp_parse (text, &number, error))
        return FALSE;
      *out_value = g_variant_ref_sink (g_variant_new_int64 (number));
      return TRUE;
    }

  if (spec_field->type == MKT_FIELD_MONEY || spec_field->type == MKT_FIELD_INT)
    {
      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
        {
          g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_INVALID,
                       "“%s” is not a whole number%s", text,
                       spec_field->type == MKT_FIELD_MONEY ? " of minor units (cents)" : "");
          return FALSE;
        }
      *out_value = g_variant_ref_sink (g_variant_new_int64 (number));
      return TRUE;
    }

  scratch = mkt_record_new (spec);
  if (!mkt_record_set_from_text (scratch, field, text, mkt_session_get_currency (session), error))
    return FALSE;

  *out_value = mkt_record_get_value (scratch, mkt_entity_spec_field_index (spec, field));
  if (*out_value != NULL)
    g_variant_ref (*out_value);
  return TRUE;
}

/* Query parameters of a list: search, sort, order, limit, cursor, and a
 * filter per other parameter (`kind=yarn`, `purchase_price[gte]=500`).
 * @extra: parameters the caller reads itself, not filters. */
static MktQuery *
parse_list_query (MktSession           *session,
                  const MktEntitySpec  *spec,
                  const MktApiRequest  *request,
                  const char * const   *extra,
                  const char           *default_sort,
                  gboolean              default_descending,
                  MktApiResult         *result)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  const char *sort = mkt_api_request_query (request, "sort");
  const char *order = mkt_api_request_query (request, "order");
  const char *search = mkt_api_request_query (request, "search");
  const char *cursor = mkt_api_request_query (request, "cursor");
  gboolean descending = FALSE;
  GHashTableIter iter;
  gpointer key, value;
  guint limit;

  if (!mkt_api_parse_limit (request, &limit, result))
    return NULL;
  mkt_query_set_limit (query, limit);

  if (sort != NULL && sort[0] == '-')
    {
      descending = TRUE;
      sort++;
    }
  if (order != NULL)
    {
      if (g_str_equal (order, "asc"))
        descending = FALSE;
      else if (g_str_equal (order, "desc"))
        descending = TRUE;
      else
        {
          mkt_api_result_set_error (result, 400, "bad_request", "order",
                                    "order must be asc or desc, not “%s”", order);
          return NULL;
        }
    }
  if (sort != NULL)
    {
      const MktFieldSpec *field = mkt_entity_spec_field (spec, sort);

      if ((field == NULL && !is_common_column (spec, sort)) || (field != NULL && field->type == MKT_FIELD_JSON))
        {
          mkt_api_result_set_error (result, 400, "bad_request", "sort",
                                    "a %s cannot be sorted by “%s”", mkt_entity_spec_get_label (spec), sort);
          return NULL;
        }
      mkt_query_set_sort (query, sort, descending);
    }
  else if (default_sort != NULL)
    mkt_query_set_sort (query, default_sort, order != NULL ? descending : default_descending);
  else if (descending)
    mkt_query_set_sort (query, "id", TRUE);

  if (search != NULL && *search != '\0')
    mkt_query_set_search (query, search);
  if (cursor != NULL)
    mkt_query_set_cursor (query, cursor);

  if (request->query == NULL)
    return g_steal_pointer (&query);

  g_hash_table_iter_init (&iter, request->query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *name = key;
      g_autofree char *field = NULL;
      g_autoptr(GError) error = NULL;
      MktFilterOp op = MKT_FILTER_EQ;
      g_autoptr(GVariant) filter = NULL;
      const char *bracket;

      if (g_strv_contains (list_params, name) || (extra != NULL && g_strv_contains (extra, name)))
        continue;

      bracket = strchr (name, '[');
      if (bracket != NULL)
        {
          g_autofree char *op_name = NULL;

          if (!g_str_has_suffix (bracket, "]") ||
              !parse_filter_op ((op_name = g_strndup (bracket + 1, strlen (bracket) - 2)), &op))
            {
              mkt_api_result_set_error (result, 400, "bad_request", name,
                                        "“%s” is no filter: use field=value or field[op]=value "
                                        "with op one of eq, ne, lt, lte, gt, gte", name);
              return NULL;
            }
          field = g_strndup (name, bracket - name);
        }
      else
        field = g_strdup (name);

      if (mkt_entity_spec_field (spec, field) == NULL && !is_common_column (spec, field))
        {
          mkt_api_result_set_error (result, 400, "bad_request", name,
                                    "unknown query parameter “%s”: a %s has no such field", name,
                                    mkt_entity_spec_get_label (spec));
          return NULL;
        }

      if (!filter_value (session, spec, field, value, &filter, &error))
        {
          mkt_api_result_set_parameter_error (result, name, error);
          return NULL;
        }

      if (filter == NULL && op != MKT_FILTER_EQ && op != MKT_FILTER_NE)
        {
          mkt_api_result_set_error (result, 400, "bad_request", name, "%s needs a value", name);
          return NULL;
        }

      mkt_query_add_filter (query, field, op, filter);
    }

  return g_steal_pointer (&query);
}

/* Runs a list; errors of the query's own (a cursor from another list, a
 * filter of the wrong type) are the request's, 400. The page is written
 * as the store reads it, without records in between. */
static void
run_list (MktSession           *session,
          const MktEntitySpec  *spec,
          MktQuery             *query,
          MktApiResult         *result)
{
  g_autoptr(GString) text = g_string_sized_new (256 + mkt_query_get_limit (query) * 512);
  g_autoptr(GError) error = NULL;
  g_autofree char *next_cursor = NULL;

  g_string_append (text, "{\"items\":");
  if (!mkt_session_list_json (session, spec, query, text, &next_cursor, &error))
    {
      if (error->domain == MKT_VALIDATION_ERROR)
        mkt_api_result_set_parameter_error (result, mkt_validation_error_get_field (error), error);
      else
        mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));
      return;
    }

  mkt_api_page_finish (text, next_cursor);
  mkt_api_result_set_text (result, 200, g_steal_pointer (&text));
}

void
mkt_api_list_cb (const MktApiRoute   *route,
                 MktSession          *session,
                 const MktApiRequest *request,
                 MktApiResult        *result)
{
  const MktApiResource *resource = route->resource;
  g_autoptr(MktQuery) query = NULL;

  query = parse_list_query (session, resource->spec, request, NULL, NULL, FALSE, result);
  if (query == NULL)
    return;

  if (resource->fixed_field != NULL)
    mkt_query_add_filter (query, resource->fixed_field, MKT_FILTER_EQ, g_variant_new_string (resource->fixed_value));

  run_list (session, resource->spec, query, result);
}

void
mkt_api_audit_cb (const MktApiRoute   *route,
                  MktSession          *session,
                  const MktApiRequest *request,
                  MktApiResult        *result)
{
  g_autoptr(MktQuery) query = NULL;

  /* Newest first, as an activity log reads. */
  query = parse_list_query (session, &mkt_audit_spec, request, NULL, "created_at", TRUE, result);
  if (query == NULL)
    return;

  run_list (session, &mkt_audit_spec, query, result);
}
