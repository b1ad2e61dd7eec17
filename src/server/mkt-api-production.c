/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-api"

#include "config.h"

#include "mkt-api-private.h"
#include "mkt-error.h"
#include "mkt-production.h"

/* POST /products/:id/make: a production run through mkt-core's own call,
 * as the app's Make N… and the CLI's make record it. The answer lists what
 * the run needed of each material and what was on hand, also when a
 * shortage refuses it. */

static JsonArray *
requirements_array (GPtrArray *requirements)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; requirements != NULL && i < requirements->len; i++)
    {
      MktRequirement *requirement = g_ptr_array_index (requirements, i);
      JsonObject *object = json_object_new ();
      g_autofree char *needed = mkt_quantity_format (requirement->needed);
      g_autofree char *on_hand = mkt_quantity_format (requirement->on_hand);
      g_autofree char *short_by = mkt_quantity_format (MAX (requirement->needed - requirement->on_hand, 0));

      json_object_set_string_member (object, "material_id", mkt_record_get_id (requirement->material));
      json_object_set_string_member (object, "name", mkt_record_get_title (requirement->material));
      json_object_set_string_member (object, "needed", needed);
      json_object_set_string_member (object, "on_hand", on_hand);
      json_object_set_string_member (object, "short_by", short_by);
      json_object_set_string_member (object, "unit", mkt_record_get_string (requirement->material, "unit"));
      json_array_add_object_element (array, object);
    }

  return array;
}

void
mkt_api_product_make_cb (const MktApiRoute   *route,
                         MktSession          *session,
                         const MktApiRequest *request,
                         MktApiResult        *result)
{
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(MktRecord) run = NULL;
  g_autoptr(GPtrArray) requirements = NULL;
  g_autoptr(GVariant) quantity = NULL;
  g_autoptr(GError) error = NULL;
  gboolean force = FALSE;
  JsonObject *body, *answer;
  JsonNode *node;

  product = mkt_api_find (route->resource, session, mkt_api_request_param (request, "id"), FALSE, result);
  if (product == NULL)
    return;

  if (request->body == NULL || !JSON_NODE_HOLDS_OBJECT (request->body))
    {
      mkt_api_result_set_error (result, 400, "bad_request", NULL,
                                "The body must be a JSON object: {\"quantity\", \"force\"}");
      return;
    }
  body = json_node_get_object (request->body);

  node = json_object_get_member (body, "quantity");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      mkt_api_result_set_error (result, 422, "invalid", "quantity", "is required");
      return;
    }
  if (!mkt_api_value_from_json (&mkt_production_run_spec, "quantity", node, &quantity, &error))
    {
      mkt_api_result_take_gerror (result, NULL, NULL, g_steal_pointer (&error));
      return;
    }

  node = json_object_get_member (body, "force");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          mkt_api_result_set_error (result, 422, "invalid", "force", "must be true or false");
          return;
        }
      force = json_node_get_boolean (node);
    }

  run = mkt_production_make (session, mkt_record_get_id (product), g_variant_get_int64 (quantity), force,
                             &requirements, &error);
  if (run == NULL)
    {
      gboolean shortage = g_error_matches (error, MKT_STOCK_ERROR, MKT_STOCK_ERROR_SHORTAGE);

      mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));
      /* What is short, as the answer to a run that went through lists it. */
      if (shortage && result->body != NULL && JSON_NODE_HOLDS_OBJECT (result->body))
        json_object_set_array_member (json_object_get_object_member (json_node_get_object (result->body), "error"),
                                      "requirements", requirements_array (requirements));
      return;
    }

  answer = json_object_new ();
  json_object_set_member (answer, "run", mkt_api_record_node (run));
  json_object_set_array_member (answer, "requirements", requirements_array (requirements));
  mkt_api_result_set_json (result, 201, json_node_init_object (json_node_alloc (), answer));
}
