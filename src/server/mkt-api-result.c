/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-api"

#include "config.h"

#include <string.h>

#include "mkt-api-private.h"
#include "mkt-error.h"
#include "mkt-permission.h"

/* Answers and errors: mkt-core's GErrors as HTTP statuses, one mapping for
 * every route. */

void
mkt_api_result_clear (MktApiResult *result)
{
  g_clear_pointer (&result->body, json_node_unref);
  if (result->text != NULL)
    g_string_free (g_steal_pointer (&result->text), TRUE);
  g_clear_error (&result->internal_error);
  result->status = 0;
}

/**
 * mkt_api_result_set_json:
 * @result: a result
 * @status: the HTTP status
 * @body: (transfer full) (nullable): the answer
 */
void
mkt_api_result_set_json (MktApiResult *result,
                         guint         status,
                         JsonNode     *body)
{
  g_clear_pointer (&result->body, json_node_unref);
  if (result->text != NULL)
    g_string_free (g_steal_pointer (&result->text), TRUE);
  result->status = status;
  result->body = body;
}

/**
 * mkt_api_result_set_text:
 * @result: a result
 * @status: the HTTP status
 * @text: (transfer full): the answer, JSON text
 */
void
mkt_api_result_set_text (MktApiResult *result,
                         guint         status,
                         GString      *text)
{
  mkt_api_result_set_json (result, status, NULL);
  result->text = text;
}

static JsonObject *
error_object (const char *code,
              const char *message,
              const char *field)
{
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "code", code);
  json_object_set_string_member (error, "message", message);
  if (field != NULL)
    json_object_set_string_member (error, "field", field);
  else
    json_object_set_null_member (error, "field");

  return error;
}

static void
set_error_object (MktApiResult *result,
                  guint         status,
                  JsonObject   *error)
{
  g_autoptr(JsonObject) root = json_object_new ();

  json_object_set_object_member (root, "error", error);
  mkt_api_result_set_json (result, status, json_node_init_object (json_node_alloc (), root));
}

void
mkt_api_result_set_error (MktApiResult *result,
                          guint         status,
                          const char   *code,
                          const char   *field,
                          const char   *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  set_error_object (result, status, error_object (code, message, field));
}

/**
 * mkt_api_result_set_parameter_error:
 * @result: where the answer goes
 * @name: (nullable): the parameter (a query's, or a member of the body)
 * @error: why its value was refused
 *
 * A 400 for a parameter whose value was refused: "name: why", the
 * parameter named once. A validation error's message names its field
 * already ("entity_id: “nope” is not an id"): that name gives way to the
 * parameter's, which may carry an operator (entity_id[ne]) or a path
 * (filter.kind).
 */
void
mkt_api_result_set_parameter_error (MktApiResult *result,
                                    const char   *name,
                                    const GError *error)
{
  const char *field = error->domain == MKT_VALIDATION_ERROR ? mkt_validation_error_get_field (error) : NULL;
  const char *reason = error->message;

  if (field != NULL && g_str_has_prefix (reason, field) && g_str_has_prefix (reason + strlen (field), ": "))
    reason += strlen (field) + strlen (": ");

  if (name == NULL)
    mkt_api_result_set_error (result, 400, "bad_request", NULL, "%s", reason);
  else
    mkt_api_result_set_error (result, 400, "bad_request", name, "%s: %s", name, reason);
}

/* A store reports a clash on a unique field as a validation error of that
 * field, as a value of the wrong form would be: it is a clash when another
 * active row holds the value. */
static gboolean
is_duplicate (MktSession   *session,
              MktRecord    *record,
              const GError *error)
{
  const MktEntitySpec *spec;
  const MktFieldSpec *field;
  const char *name = mkt_validation_error_get_field (error);
  g_autoptr(MktQuery) query = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GVariant *value;
  int index;

  if (session == NULL || record == NULL || name == NULL ||
      !g_error_matches (error, MKT_VALIDATION_ERROR, MKT_VALIDATION_ERROR_INVALID))
    return FALSE;

  spec = mkt_record_get_spec (record);
  index = mkt_entity_spec_field_index (spec, name);
  if (index < 0)
    return FALSE;
  field = &spec->fields[index];
  value = mkt_record_get_value (record, index);
  if (!(field->flags & MKT_FIELD_UNIQUE) || value == NULL)
    return FALSE;

  query = mkt_query_new ();
  mkt_query_add_filter (query, name, MKT_FILTER_EQ, value);
  if (mkt_record_get_id (record) != NULL)
    mkt_query_add_filter (query, "id", MKT_FILTER_NE, g_variant_new_string (mkt_record_get_id (record)));
  mkt_query_set_limit (query, 1);
  rows = mkt_session_list (session, spec, query, NULL, NULL);

  return rows != NULL && rows->len > 0;
}

/**
 * mkt_api_result_take_gerror:
 * @result: a result
 * @session: (nullable): the session that failed, to tell a clash of a
 *   unique value from an invalid one
 * @record: (nullable): the row written
 * @error: (transfer full): what went wrong
 *
 * Answers with the status @error stands for: a field's validation 422
 * (a unique value another row holds 409), a missing row 404, a conflict
 * 409, a permission 403 naming it, anything unexpected 500 (its cause kept
 * in @result's internal_error for the log, not in the body).
 */
void
mkt_api_result_take_gerror (MktApiResult *result,
                            MktSession   *session,
                            MktRecord    *record,
                            GError       *error)
{
  g_autoptr(GError) owned = error;
  const char *field = NULL;

  g_return_if_fail (error != NULL);

  if (error->domain == MKT_PERMISSION_ERROR)
    {
      JsonObject *object = error_object ("forbidden", error->message, NULL);
      const char *permission = mkt_permission_error_get_permission (error);

      if (permission != NULL)
        json_object_set_string_member (object, "permission", permission);
      else
        json_object_set_null_member (object, "permission");
      set_error_object (result, 403, object);
      return;
    }

  if (error->domain == MKT_VALIDATION_ERROR)
    {
      field = mkt_validation_error_get_field (error);

      if (is_duplicate (session, record, error))
        mkt_api_result_set_error (result, 409, "conflict", field, "%s", error->message);
      else
        mkt_api_result_set_error (result, 422, "invalid", field, "%s", error->message);
      return;
    }

  if (error->domain == MKT_VALUE_ERROR || error->domain == MKT_UNIT_ERROR)
    {
      mkt_api_result_set_error (result, 422, "invalid", NULL, "%s", error->message);
      return;
    }

  if (error->domain == MKT_STOCK_ERROR)
    {
      mkt_api_result_set_error (result, 409, "conflict", NULL, "%s", error->message);
      return;
    }

  if (error->domain == MKT_STORE_ERROR)
    switch (error->code)
      {
      case MKT_STORE_ERROR_NOT_FOUND:
        mkt_api_result_set_error (result, 404, "not_found", NULL, "%s", error->message);
        return;
      case MKT_STORE_ERROR_CONFLICT:
      case MKT_STORE_ERROR_IN_USE:
      case MKT_STORE_ERROR_READ_ONLY:
        mkt_api_result_set_error (result, 409, "conflict", NULL, "%s", error->message);
        return;
      case MKT_STORE_ERROR_BUSY:
        mkt_api_result_set_error (result, 503, "busy", NULL,
                                  "The data is busy with another change; try again");
        return;
      default:
        break;
      }

  mkt_api_result_set_error (result, 500, "internal_error", NULL,
                            "The server could not handle the request; "
                            "its X-Request-Id is in the server’s log");
  g_clear_error (&result->internal_error);
  result->internal_error = g_steal_pointer (&owned);
}

/* Requests -------------------------------------------------------------------- */

const char *
mkt_api_request_param (const MktApiRequest *request,
                       const char          *name)
{
  if (request == NULL || request->params == NULL)
    return NULL;

  return g_hash_table_lookup (request->params, name);
}

const char *
mkt_api_request_query (const MktApiRequest *request,
                       const char          *name)
{
  if (request == NULL || request->query == NULL)
    return NULL;

  return g_hash_table_lookup (request->query, name);
}

gboolean
mkt_api_parse_limit (const MktApiRequest *request,
                     guint               *out_limit,
                     MktApiResult        *result)
{
  const char *text = mkt_api_request_query (request, "limit");
  guint64 limit;

  *out_limit = MKT_API_DEFAULT_LIMIT;
  if (text == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (text, 10, 1, MKT_API_MAX_LIMIT, &limit, NULL))
    {
      mkt_api_result_set_error (result, 400, "bad_request", "limit",
                                "limit must be a whole number from 1 to %u, not “%s”",
                                MKT_API_MAX_LIMIT, text);
      return FALSE;
    }

  *out_limit = limit;
  return TRUE;
}

JsonNode *
mkt_api_record_node (MktRecord *record)
{
  g_autoptr(JsonObject) object = mkt_record_to_json (record);

  return json_node_init_object (json_node_alloc (), object);
}

JsonNode *
mkt_api_page_node (GPtrArray  *rows,
                   const char *next_cursor)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *items = json_array_sized_new (rows->len);

  for (guint i = 0; i < rows->len; i++)
    json_array_add_element (items, mkt_api_record_node (g_ptr_array_index (rows, i)));

  json_object_set_array_member (root, "items", items);
  if (next_cursor != NULL)
    json_object_set_string_member (root, "next_cursor", next_cursor);
  else
    json_object_set_null_member (root, "next_cursor");

  return json_node_init_object (json_node_alloc (), root);
}

/**
 * mkt_api_record_text:
 * @record: a row
 *
 * Returns: (transfer full): mkt_api_record_node()'s JSON as text
 */
GString *
mkt_api_record_text (MktRecord *record)
{
  GString *text = g_string_sized_new (512);

  mkt_record_append_json (record, text);
  return text;
}

/**
 * mkt_api_page_finish:
 * @text: "{\"items\":" and the page's rows as a JSON array
 * @next_cursor: (nullable): where the next page starts
 *
 * Closes a page's text as mkt_api_page_text() writes it.
 */
void
mkt_api_page_finish (GString    *text,
                     const char *next_cursor)
{
  g_string_append (text, ",\"next_cursor\":");
  if (next_cursor != NULL)
    mkt_json_append_string (text, next_cursor);
  else
    g_string_append (text, "null");
  g_string_append_c (text, '}');
}

/**
 * mkt_api_page_text:
 * @rows: the page's rows
 * @next_cursor: (nullable): where the next page starts
 *
 * Returns: (transfer full): the text json_to_string() makes of
 *   mkt_api_page_node(), written straight from the rows
 */
GString *
mkt_api_page_text (GPtrArray  *rows,
                   const char *next_cursor)
{
  GString *text = g_string_sized_new (256 + rows->len * 512);

  g_string_append (text, "{\"items\":[");
  for (guint i = 0; i < rows->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      mkt_record_append_json (g_ptr_array_index (rows, i), text);
    }
  g_string_append_c (text, ']');
  mkt_api_page_finish (text, next_cursor);

  return text;
}
