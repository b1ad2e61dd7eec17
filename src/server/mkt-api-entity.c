/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-api"

#include "config.h"

#include "mkt-api-private.h"
#include "mkt-error.h"
#include "mkt-market.h"
#include "mkt-uuid.h"

/* The REST verbs of one collection (materials, products, sales…): list,
 * get, create, replace, patch, delete, restore and delete for good, each a
 * call of the session, which runs every rule. Nothing here decides what a
 * valid row is. */

/* Members of a row's JSON that the server sets: ignored in a body, so that
 * a row read can be sent back as it is. */
static const char * const server_members[] = {
  "created_at", "updated_at", "deleted_at", "hlc", NULL
};

static gboolean
is_ledger (const MktApiResource *resource)
{
  return resource->spec->kind != MKT_ENTITY_MUTABLE;
}

static void
refuse_append_only (const MktApiResource *resource,
                    MktApiResult         *result)
{
  mkt_api_result_set_error (result, 405, "method_not_allowed", NULL,
                            "A %s cannot be changed or deleted: the ledger is append-only; "
                            "record a correcting one instead",
                            mkt_entity_spec_get_label (resource->spec));
}

MktRecord *
mkt_api_find (const MktApiResource *resource,
              MktSession           *session,
              const char           *id,
              gboolean              any,
              MktApiResult         *result)
{
  g_autoptr(MktRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const char *label = mkt_entity_spec_get_label (resource->spec);

  if (id == NULL || !mkt_uuid_is_valid (id))
    {
      mkt_api_result_set_error (result, 404, "not_found", NULL, "There is no %s with id “%s”",
                                label, id != NULL ? id : "");
      return NULL;
    }

  if (any)
    record = mkt_session_get_any (session, resource->spec, id, &error);
  else
    record = mkt_session_get (session, resource->spec, id, &error);
  if (record == NULL)
    {
      mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));
      return NULL;
    }

  /* A material that is no yarn is not found among the yarns. */
  if (resource->fixed_field != NULL &&
      g_strcmp0 (mkt_record_get_string (record, resource->fixed_field), resource->fixed_value) != 0)
    {
      mkt_api_result_set_error (result, 404, "not_found", NULL, "There is no %s %s with id “%s”",
                                resource->fixed_value, label, id);
      return NULL;
    }

  return g_steal_pointer (&record);
}

/**
 * mkt_api_value_from_json:
 *
 * Reads a JSON value of a field as a body would give it, through the
 * record's own parsing. Returns the value (%NULL for empty) in @out_value,
 * a full reference.
 */
gboolean
mkt_api_value_from_json (const MktEntitySpec  *spec,
                         const char           *field,
                         JsonNode             *node,
                         GVariant            **out_value,
                         GError              **error)
{
  g_autoptr(MktRecord) scratch = mkt_record_new (spec);
  GVariant *value;
  int index;

  if (!mkt_record_set_from_json (scratch, field, node, error))
    return FALSE;

  index = mkt_entity_spec_field_index (spec, field);
  value = mkt_record_get_value (scratch, index);
  *out_value = value != NULL ? g_variant_ref (value) : NULL;
  return TRUE;
}

/* Sets @record's fields from a JSON object body: all of them for a
 * replacement (absent ones emptied, immutable ones left), the given ones
 * otherwise. */
gboolean
mkt_api_record_set_body (const MktApiResource *resource,
                         MktSession           *session,
                         MktRecord            *record,
                         JsonNode             *body,
                         gboolean              replace,
                         MktApiResult         *result)
{
  const MktEntitySpec *spec = resource->spec;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  JsonObject *object;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    {
      mkt_api_result_set_error (result, 400, "bad_request", NULL,
                                "The body must be a JSON object of the %s’s fields",
                                mkt_entity_spec_get_label (spec));
      return FALSE;
    }
  object = json_node_get_object (body);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      GError *error = NULL;

      if (g_str_equal (name, "id"))
        {
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            {
              mkt_api_result_set_error (result, 422, "invalid", "id", "id must be a string");
              return FALSE;
            }
          if (mkt_record_get_id (record) == NULL)
            mkt_record_set_id (record, json_node_get_string (node));
          else if (g_ascii_strcasecmp (mkt_record_get_id (record), json_node_get_string (node)) != 0)
            {
              mkt_api_result_set_error (result, 422, "invalid", "id",
                                        "id “%s” is not the id of the row addressed",
                                        json_node_get_string (node));
              return FALSE;
            }
          continue;
        }

      if (g_strv_contains (server_members, name))
        continue;

      if (!mkt_record_set_from_json (record, name, node, &error))
        {
          mkt_api_result_take_gerror (result, NULL, NULL, error);
          return FALSE;
        }

      if (resource->fixed_field != NULL && g_str_equal (name, resource->fixed_field) &&
          g_strcmp0 (mkt_record_get_string (record, name), resource->fixed_value) != 0)
        {
          mkt_api_result_set_error (result, 422, "invalid", name, "must be “%s” here", resource->fixed_value);
          return FALSE;
        }
    }

  if (replace)
    for (guint i = 0; i < spec->n_fields; i++)
      {
        const MktFieldSpec *field = &spec->fields[i];

        if (!json_object_has_member (object, field->name) && !(field->flags & MKT_FIELD_IMMUTABLE))
          mkt_record_take_value (record, i, NULL);
      }

  /* A new or replaced yarn is a yarn; a patch leaves the kind as it is. */
  if (resource->fixed_field != NULL && !json_object_has_member (object, resource->fixed_field) &&
      (replace || mkt_record_get_created_at (record) == 0))
    mkt_record_take_value (record, mkt_entity_spec_field_index (spec, resource->fixed_field),
                           g_variant_new_string (resource->fixed_value));

  return TRUE;
}

/* Sales go through the market's rules: the unit cost of the goods, the
 * stall's stock. The client names what was sold and for how much. */
static MktRecord *
create_sale (MktSession    *session,
             JsonNode      *body,
             MktApiResult  *result)
{
  static const MktApiResource sales = { .spec = &mkt_sale_spec };
  static const char * const settable[] = {
    "product_id", "market_event_id", "quantity", "unit_price", "discount", "payment_method", NULL
  };
  g_autoptr(MktRecord) input = mkt_record_new (&mkt_sale_spec);
  g_autoptr(GError) error = NULL;
  MktRecord *sale;

  if (!mkt_api_record_set_body (&sales, session, input, body, FALSE, result))
    return NULL;

  if (mkt_record_get_id (input) != NULL)
    {
      mkt_api_result_set_error (result, 422, "invalid", "id", "a sale’s id is made by the server");
      return NULL;
    }

  for (guint i = 0; i < mkt_sale_spec.n_fields; i++)
    if (mkt_record_is_dirty (input, i) && !g_strv_contains (settable, mkt_sale_spec.fields[i].name))
      {
        mkt_api_result_set_error (result, 422, "invalid", mkt_sale_spec.fields[i].name,
                                  "is set by the server; a sale takes %s",
                                  "product_id, market_event_id, quantity, unit_price, discount and payment_method");
        return NULL;
      }

  if (!mkt_record_has (input, "product_id") || !mkt_record_has (input, "quantity"))
    {
      mkt_api_result_set_error (result, 422, "invalid", mkt_record_has (input, "product_id") ? "quantity" : "product_id",
                                "is required");
      return NULL;
    }

  sale = mkt_market_sell (session,
                          mkt_record_get_string (input, "market_event_id"),
                          mkt_record_get_string (input, "product_id"),
                          mkt_record_get_int (input, "quantity"),
                          mkt_record_has (input, "unit_price"),
                          mkt_record_get_int (input, "unit_price"),
                          mkt_record_get_int (input, "discount"),
                          mkt_record_get_string (input, "payment_method"),
                          &error);
  if (sale == NULL)
    mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));

  return sale;
}

static gboolean
apply_create (const MktApiResource *resource,
              MktSession           *session,
              const char           *id,
              JsonNode             *body,
              MktApiResult         *result)
{
  g_autoptr(MktRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (resource->spec == &mkt_sale_spec)
    {
      record = create_sale (session, body, result);
      if (record == NULL)
        return FALSE;
      mkt_api_result_set_json (result, 201, mkt_api_record_node (record));
      return TRUE;
    }

  /* A movement naming its "material" is a purchase, adjustment or count
   * in the core's terms; one naming material_id is a raw ledger row, which
   * the session's rules check as any other. */
  if (resource->spec == &mkt_stock_movement_spec && body != NULL && JSON_NODE_HOLDS_OBJECT (body) &&
      json_object_has_member (json_node_get_object (body), "material"))
    {
      if (id != NULL || json_object_has_member (json_node_get_object (body), "material_id"))
        {
          mkt_api_result_set_error (result, 422, "invalid", id != NULL ? "id" : "material_id",
                                    "a movement given by material is made by the server and takes no %s",
                                    id != NULL ? "id" : "material_id");
          return FALSE;
        }
      record = mkt_api_create_movement (session, body, result);
      if (record == NULL)
        return FALSE;
      mkt_api_result_set_json (result, 201, mkt_api_record_node (record));
      return TRUE;
    }

  /* A bulk operation may give the new row's id beside its data. */
  record = mkt_record_new (resource->spec);
  if (id != NULL)
    mkt_record_set_id (record, id);
  if (!mkt_api_record_set_body (resource, session, record, body, FALSE, result))
    return FALSE;

  /* A ledger row happened now unless the client says when. */
  if (mkt_entity_spec_field (resource->spec, "occurred_at") != NULL && !mkt_record_has (record, "occurred_at"))
    mkt_record_set_int (record, "occurred_at", mkt_session_now (session));

  if (!mkt_session_create (session, record, &error))
    {
      mkt_api_result_take_gerror (result, session, record, g_steal_pointer (&error));
      return FALSE;
    }

  mkt_api_result_set_json (result, 201, mkt_api_record_node (record));
  return TRUE;
}

static gboolean
apply_update (const MktApiResource *resource,
              MktSession           *session,
              const char           *id,
              JsonNode             *body,
              gboolean              replace,
              MktApiResult         *result)
{
  g_autoptr(MktRecord) current = NULL;
  g_autoptr(MktRecord) changes = NULL;
  g_autoptr(GError) error = NULL;

  current = mkt_api_find (resource, session, id, FALSE, result);
  if (current == NULL)
    return FALSE;

  /* The changes carry the row's times, so that set_body knows it exists. */
  changes = mkt_record_new (resource->spec);
  mkt_record_set_id (changes, mkt_record_get_id (current));
  mkt_record_set_meta (changes, mkt_record_get_created_at (current), mkt_record_get_updated_at (current),
                       0, mkt_record_get_hlc (current));
  if (!mkt_api_record_set_body (resource, session, changes, body, replace, result))
    return FALSE;

  if (!mkt_session_update (session, changes, &error))
    {
      mkt_api_result_take_gerror (result, session, changes, g_steal_pointer (&error));
      return FALSE;
    }

  mkt_api_result_set_json (result, 200, mkt_api_record_node (changes));
  return TRUE;
}

static gboolean
apply_delete (const MktApiResource *resource,
              MktSession           *session,
              const char           *id,
              gboolean              restore,
              MktApiResult         *result)
{
  g_autoptr(MktRecord) row = NULL;
  g_autoptr(MktRecord) after = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  row = mkt_api_find (resource, session, id, restore, result);
  if (row == NULL)
    return FALSE;

  if (restore && !mkt_record_is_deleted (row))
    {
      mkt_api_result_set_error (result, 409, "conflict", NULL, "The %s “%s” is not in the trash",
                                mkt_entity_spec_get_label (resource->spec), mkt_record_get_title (row));
      return FALSE;
    }

  if (restore)
    ok = mkt_session_restore (session, resource->spec, mkt_record_get_id (row), &error);
  else
    ok = mkt_session_delete (session, resource->spec, mkt_record_get_id (row), &error);
  if (ok)
    after = mkt_session_get_any (session, resource->spec, mkt_record_get_id (row), &error);

  if (after == NULL)
    {
      mkt_api_result_take_gerror (result, session, row, g_steal_pointer (&error));
      return FALSE;
    }

  mkt_api_result_set_json (result, 200, mkt_api_record_node (after));
  return TRUE;
}

/* Delete for good: an active row goes to the trash first, both in one
 * transaction, so that the audit tells the whole story. */
static gboolean
apply_purge (const MktApiResource *resource,
             MktSession           *session,
             const char           *id,
             MktApiResult         *result)
{
  g_autoptr(MktRecord) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  guint n_owned = 0;

  row = mkt_api_find (resource, session, id, TRUE, result);
  if (row == NULL)
    return FALSE;

  if (!mkt_session_begin (session, &error))
    goto failed;

  if ((!mkt_record_is_deleted (row) && !mkt_session_delete (session, resource->spec, id, &error)) ||
      !mkt_session_purge_row (session, resource->spec, id, &n_owned, &error))
    {
      mkt_session_rollback (session);
      goto failed;
    }

  if (!mkt_session_commit (session, &error))
    goto failed;

  object = json_object_new ();
  json_object_set_string_member (object, "id", mkt_record_get_id (row));
  json_object_set_boolean_member (object, "purged", TRUE);
  json_object_set_int_member (object, "owned_rows_removed", n_owned);
  mkt_api_result_set_json (result, 200, json_node_init_object (json_node_alloc (), object));
  return TRUE;

failed:
  mkt_api_result_take_gerror (result, session, row, g_steal_pointer (&error));
  return FALSE;
}

/**
 * mkt_api_apply:
 * @resource: the collection
 * @session: who acts
 * @op: what to do
 * @id: (nullable): the row's id (all but create; for create, an id made
 *   by the client, or %NULL)
 * @body: (nullable): the fields (create, replace, patch)
 * @result: the answer: the row and 200 or 201, or the error
 *
 * Returns: whether it succeeded; a failure wrote nothing
 */
gboolean
mkt_api_apply (const MktApiResource *resource,
               MktSession           *session,
               MktApiOp              op,
               const char           *id,
               JsonNode             *body,
               MktApiResult         *result)
{
  if (op != MKT_API_OP_CREATE && is_ledger (resource))
    {
      refuse_append_only (resource, result);
      return FALSE;
    }

  switch (op)
    {
    case MKT_API_OP_CREATE:
      return apply_create (resource, session, id, body, result);
    case MKT_API_OP_REPLACE:
    case MKT_API_OP_PATCH:
      return apply_update (resource, session, id, body, op == MKT_API_OP_REPLACE, result);
    case MKT_API_OP_DELETE:
    case MKT_API_OP_RESTORE:
      return apply_delete (resource, session, id, op == MKT_API_OP_RESTORE, result);
    case MKT_API_OP_PURGE:
      return apply_purge (resource, session, id, result);
    default:
      g_assert_not_reached ();
    }
}

static const char * const op_names[] = {
  [MKT_API_OP_CREATE] = "create",
  [MKT_API_OP_REPLACE] = "replace",
  [MKT_API_OP_PATCH] = "update",
  [MKT_API_OP_DELETE] = "delete",
  [MKT_API_OP_RESTORE] = "restore",
  [MKT_API_OP_PURGE] = "purge",
};

const char *
mkt_api_op_to_string (MktApiOp op)
{
  return op_names[op];
}

gboolean
mkt_api_op_from_string (const char *text,
                        MktApiOp   *out_op)
{
  for (guint i = 0; i < G_N_ELEMENTS (op_names); i++)
    if (g_strcmp0 (text, op_names[i]) == 0)
      {
        *out_op = i;
        return TRUE;
      }

  if (g_strcmp0 (text, "patch") == 0)
    {
      *out_op = MKT_API_OP_PATCH;
      return TRUE;
    }

  return FALSE;
}

/* One row --------------------------------------------------------------------- */

void
mkt_api_get_cb (const MktApiRoute   *route,
                MktSession          *session,
                const MktApiRequest *request,
                MktApiResult        *result)
{
  g_autoptr(MktRecord) record = mkt_api_find (route->resource, session,
                                              mkt_api_request_param (request, "id"), FALSE, result);

  if (record != NULL)
    mkt_api_result_set_text (result, 200, mkt_api_record_text (record));
}

/* What a row route does, by REST's conventions: POST on the collection
 * creates, PUT replaces, PATCH changes some fields, DELETE moves to the
 * trash, POST …/restore brings back and DELETE …/permanent purges. */
static MktApiOp
route_op (const MktApiRoute *route)
{
  if (g_str_has_suffix (route->pattern, "/:id/restore"))
    return MKT_API_OP_RESTORE;
  if (g_str_has_suffix (route->pattern, "/:id/permanent"))
    return MKT_API_OP_PURGE;
  if (g_str_equal (route->method, "PUT"))
    return MKT_API_OP_REPLACE;
  if (g_str_equal (route->method, "PATCH"))
    return MKT_API_OP_PATCH;
  if (g_str_equal (route->method, "DELETE"))
    return MKT_API_OP_DELETE;

  g_assert (g_str_equal (route->method, "POST"));
  return MKT_API_OP_CREATE;
}

/* POST on a collection; PUT, PATCH, DELETE on …/:id; POST …/:id/restore;
 * DELETE …/:id/permanent. */
void
mkt_api_row_cb (const MktApiRoute   *route,
                MktSession          *session,
                const MktApiRequest *request,
                MktApiResult        *result)
{
  MktApiOp op = route_op (route);
  gboolean takes_body = op == MKT_API_OP_CREATE || op == MKT_API_OP_REPLACE || op == MKT_API_OP_PATCH;

  mkt_api_apply (route->resource, session, op,
                 op != MKT_API_OP_CREATE ? mkt_api_request_param (request, "id") : NULL,
                 takes_body ? request->body : NULL, result);
}

void
mkt_api_append_only_cb (const MktApiRoute   *route,
                        MktSession          *session,
                        const MktApiRequest *request,
                        MktApiResult        *result)
{
  refuse_append_only (route->resource, result);
}
