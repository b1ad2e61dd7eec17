/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-api"

#include "config.h"

#include "mkt-api-private.h"
#include "mkt-error.h"

/* POST|PUT|DELETE …/bulk: many operations in one transaction. Either all
 * of them are kept or none: the first that fails rolls back the others,
 * and the answer says which one it was and why.
 *
 *   {"operations": [{"op": "create", "data": {…}},
 *                   {"op": "update", "id": "…", "data": {…}},
 *                   {"op": "delete", "id": "…"}, …]}
 *
 * "op" may be left out: POST creates, PUT updates, DELETE deletes. PUT also
 * takes {"filter": {field: value, …}, "updates": {field: value, …}}, which
 * updates every active row whose fields equal the filter's (at most
 * MKT_API_MAX_BULK of them). */

typedef struct
{
  MktApiOp    op;
  const char *id;
  JsonNode   *data;
} Operation;

static gboolean
default_op (const MktApiRoute *route,
            MktApiOp          *out_op)
{
  if (g_str_equal (route->method, "POST"))
    *out_op = MKT_API_OP_CREATE;
  else if (g_str_equal (route->method, "PUT"))
    *out_op = MKT_API_OP_PATCH;
  else
    *out_op = MKT_API_OP_DELETE;
  return TRUE;
}

static gboolean
parse_operation (const MktApiRoute  *route,
                 JsonNode           *node,
                 guint               index,
                 Operation          *out,
                 MktApiResult       *result)
{
  g_autofree char *where = g_strdup_printf ("operations[%u]", index);
  JsonObject *object;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      mkt_api_result_set_error (result, 400, "bad_request", where, "%s must be an object", where);
      return FALSE;
    }
  object = json_node_get_object (node);

  default_op (route, &out->op);
  member = json_object_get_member (object, "op");
  if (member != NULL &&
      (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING ||
       !mkt_api_op_from_string (json_node_get_string (member), &out->op)))
    {
      mkt_api_result_set_error (result, 400, "bad_request", where,
                                "%s.op must be one of create, update, replace, delete, restore, purge", where);
      return FALSE;
    }

  member = json_object_get_member (object, "id");
  out->id = NULL;
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING)
    out->id = json_node_get_string (member);
  else if (out->op != MKT_API_OP_CREATE)
    {
      mkt_api_result_set_error (result, 400, "bad_request", where, "%s needs the id of the row (a string)", where);
      return FALSE;
    }

  out->data = json_object_get_member (object, "data");
  if (out->op == MKT_API_OP_CREATE || out->op == MKT_API_OP_REPLACE || out->op == MKT_API_OP_PATCH)
    {
      if (out->data == NULL || !JSON_NODE_HOLDS_OBJECT (out->data))
        {
          mkt_api_result_set_error (result, 400, "bad_request", where,
                                    "%s needs \"data\": an object of the row’s fields", where);
          return FALSE;
        }
    }

  return TRUE;
}

static JsonObject *
op_result (guint               index,
           MktApiOp            op,
           const char         *id,
           const MktApiResult *applied)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "index", index);
  json_object_set_string_member (object, "op", mkt_api_op_to_string (op));
  if (id != NULL)
    json_object_set_string_member (object, "id", id);
  json_object_set_int_member (object, "status", applied->status);

  if (applied->body != NULL && JSON_NODE_HOLDS_OBJECT (applied->body))
    {
      JsonObject *body = json_node_get_object (applied->body);

      if (json_object_has_member (body, "error"))
        json_object_set_member (object, "error", json_node_copy (json_object_get_member (body, "error")));
      else
        {
          if (id == NULL && json_object_has_member (body, "id"))
            json_object_set_string_member (object, "id", json_object_get_string_member (body, "id"));
          json_object_set_member (object, "item", json_node_copy (applied->body));
        }
    }

  return object;
}

/* Applies @ops in one batch. */
static void
run_operations (const MktApiRoute *route,
                MktSession        *session,
                Operation         *ops,
                guint              n_ops,
                JsonObject        *extra,
                MktApiResult      *result)
{
  g_autoptr(JsonArray) results = json_array_new ();
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(GError) error = NULL;

  if (!mkt_session_begin (session, &error))
    {
      mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < n_ops; i++)
    {
      g_auto(MktApiResult) applied = { 0 };
      gboolean ok = mkt_api_apply (route->resource, session, ops[i].op, ops[i].id, ops[i].data, &applied);

      json_array_add_object_element (results, op_result (i, ops[i].op, ops[i].id, &applied));
      if (!ok)
        {
          JsonObject *failure = json_object_get_object_member (json_node_get_object (applied.body), "error");

          mkt_session_rollback (session);

          /* The error of the whole request is the operation's, with where. */
          json_object_set_int_member (failure, "index", i);
          json_object_set_string_member (failure, "op", mkt_api_op_to_string (ops[i].op));
          json_object_set_boolean_member (root, "rolled_back", TRUE);
          json_object_set_member (root, "error", json_node_copy (json_object_get_member (json_node_get_object (applied.body), "error")));
          json_object_set_array_member (root, "results", g_steal_pointer (&results));
          mkt_api_result_set_json (result, applied.status, json_node_init_object (json_node_alloc (), root));
          if (applied.internal_error != NULL)
            result->internal_error = g_steal_pointer (&applied.internal_error);
          return;
        }
    }

  if (!mkt_session_commit (session, &error))
    {
      mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));
      return;
    }

  if (extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, extra);
      while (json_object_iter_next (&iter, &name, &node))
        json_object_set_member (root, name, json_node_copy (node));
    }
  json_object_set_int_member (root, "count", n_ops);
  json_object_set_array_member (root, "results", g_steal_pointer (&results));
  mkt_api_result_set_json (result, 200, json_node_init_object (json_node_alloc (), root));
}

/* The filter-plus-updates form: the rows are read and updated in the same
 * transaction as the others would be. */
static void
run_filter_update (const MktApiRoute *route,
                   MktSession        *session,
                   JsonObject        *body,
                   MktApiResult      *result)
{
  const MktApiResource *resource = route->resource;
  JsonNode *filter = json_object_get_member (body, "filter");
  JsonNode *updates = json_object_get_member (body, "updates");
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autofree Operation *ops = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (filter == NULL || !JSON_NODE_HOLDS_OBJECT (filter) || json_object_get_size (json_node_get_object (filter)) == 0)
    {
      mkt_api_result_set_error (result, 400, "bad_request", "filter",
                                "filter must be an object naming at least one field and its value");
      return;
    }
  if (updates == NULL || !JSON_NODE_HOLDS_OBJECT (updates) || json_object_get_size (json_node_get_object (updates)) == 0)
    {
      mkt_api_result_set_error (result, 400, "bad_request", "updates",
                                "updates must be an object of the fields to set");
      return;
    }

  json_object_iter_init (&iter, json_node_get_object (filter));
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *where = g_strdup_printf ("filter.%s", name);
      g_autoptr(GVariant) value = NULL;

      if (!mkt_api_value_from_json (resource->spec, name, node, &value, &error))
        {
          mkt_api_result_set_parameter_error (result, where, error);
          return;
        }
      mkt_query_add_filter (query, name, MKT_FILTER_EQ, value);
    }
  if (resource->fixed_field != NULL)
    mkt_query_add_filter (query, resource->fixed_field, MKT_FILTER_EQ, g_variant_new_string (resource->fixed_value));

  /* One more than allowed tells that there are too many. */
  mkt_query_set_limit (query, MKT_API_MAX_BULK + 1);
  rows = mkt_session_list (session, resource->spec, query, NULL, &error);
  if (rows == NULL)
    {
      mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));
      return;
    }
  if (rows->len > MKT_API_MAX_BULK)
    {
      mkt_api_result_set_error (result, 422, "too_many", "filter",
                                "the filter matches more than %u rows; narrow it", MKT_API_MAX_BULK);
      return;
    }

  ops = g_new0 (Operation, MAX (rows->len, 1));
  for (guint i = 0; i < rows->len; i++)
    {
      ops[i].op = MKT_API_OP_PATCH;
      ops[i].id = mkt_record_get_id (g_ptr_array_index (rows, i));
      ops[i].data = updates;
    }

  json_object_set_int_member (extra, "matched", rows->len);
  run_operations (route, session, ops, rows->len, extra, result);
}

void
mkt_api_bulk_cb (const MktApiRoute   *route,
                 MktSession          *session,
                 const MktApiRequest *request,
                 MktApiResult        *result)
{
  g_autofree Operation *ops = NULL;
  JsonObject *body;
  JsonNode *list;
  JsonArray *array;
  guint n_ops;

  if (request->body == NULL || !JSON_NODE_HOLDS_OBJECT (request->body))
    {
      mkt_api_result_set_error (result, 400, "bad_request", NULL,
                                "The body must be a JSON object: {\"operations\": […]}");
      return;
    }
  body = json_node_get_object (request->body);

  if (g_str_equal (route->method, "PUT") &&
      (json_object_has_member (body, "filter") || json_object_has_member (body, "updates")))
    {
      run_filter_update (route, session, body, result);
      return;
    }

  list = json_object_get_member (body, "operations");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      mkt_api_result_set_error (result, 400, "bad_request", "operations",
                                "operations must be an array of operations%s",
                                g_str_equal (route->method, "PUT") ? " (or give filter and updates)" : "");
      return;
    }

  array = json_node_get_array (list);
  n_ops = json_array_get_length (array);
  if (n_ops == 0 || n_ops > MKT_API_MAX_BULK)
    {
      mkt_api_result_set_error (result, 400, "bad_request", "operations",
                                "operations must hold from 1 to %u operations, not %u", MKT_API_MAX_BULK, n_ops);
      return;
    }

  ops = g_new0 (Operation, n_ops);
  for (guint i = 0; i < n_ops; i++)
    if (!parse_operation (route, json_array_get_element (array, i), i, &ops[i], result))
      return;

  run_operations (route, session, ops, n_ops, NULL, result);
}
