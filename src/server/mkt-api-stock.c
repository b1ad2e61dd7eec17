/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-api"

#include "config.h"

#include "mkt-api-private.h"
#include "mkt-error.h"
#include "mkt-market.h"
#include "mkt-stock.h"
#include "mkt-time.h"

/* The stock and the stall, through the core's own calls: purchases,
 * adjustments and counts as the CLI records them (units and packs
 * converted, a count's difference worked out), voids, items brought to and
 * back from a market, and what is on hand. Nothing here decides a rule. */

static const MktApiResource materials = { .path = "/api/v1/inventory/materials", .spec = &mkt_material_spec };
static const MktApiResource products = { .path = "/api/v1/products", .spec = &mkt_product_spec };
static const MktApiResource sales = { .path = "/api/v1/sales", .spec = &mkt_sale_spec };

static void
set_quantity_member (JsonObject  *object,
                     const char  *name,
                     MktQuantity  quantity)
{
  g_autofree char *text = mkt_quantity_format (quantity);

  json_object_set_string_member (object, name, text);
}

/* A member of @object as a string, or %NULL if absent or null; FALSE and a
 * 422 naming it if it is something else. */
static gboolean
get_string (JsonObject    *object,
            const char    *name,
            const char   **out_value,
            MktApiResult  *result)
{
  JsonNode *node = json_object_get_member (object, name);

  *out_value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      mkt_api_result_set_error (result, 422, "invalid", name, "%s must be a string", name);
      return FALSE;
    }

  *out_value = json_node_get_string (node);
  return TRUE;
}

/* A quantity as the CLI takes it: "2 skein", "2" with a "unit" member, or
 * a number. Returns the amount in @out_quantity and the unit (%NULL for the
 * item's own) in @out_unit, a new string. */
static gboolean
get_quantity (JsonObject    *object,
              MktQuantity   *out_quantity,
              char         **out_unit,
              MktApiResult  *result)
{
  JsonNode *node = json_object_get_member (object, "quantity");
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *unit = NULL;
  const char *unit_member;

  if (!get_string (object, "unit", &unit_member, result))
    return FALSE;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      mkt_api_result_set_error (result, 422, "invalid", "quantity", "is required");
      return FALSE;
    }

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));
      g_auto(GStrv) words = g_strsplit_set (text, " \t", 2);

      number = g_strdup (words[0] != NULL ? words[0] : "");
      if (words[0] != NULL && words[1] != NULL)
        unit = g_strdup (g_strstrip (words[1]));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      number = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    }
  else
    {
      mkt_api_result_set_error (result, 422, "invalid", "quantity",
                                "quantity must be a number or a text such as “2 skein”");
      return FALSE;
    }

  if (unit != NULL && unit_member != NULL)
    {
      mkt_api_result_set_error (result, 422, "invalid", "unit",
                                "the quantity names its unit already (“%s”)", unit);
      return FALSE;
    }

  if (!mkt_quantity_parse (number, out_quantity, &error))
    {
      mkt_api_result_set_error (result, 422, "invalid", "quantity", "%s", error->message);
      return FALSE;
    }

  *out_unit = unit != NULL ? g_steal_pointer (&unit) : g_strdup (unit_member);
  return TRUE;
}

/* A money member in minor units, as a row's JSON has it. */
static gboolean
get_money (JsonObject    *object,
           const char    *name,
           gboolean      *out_has,
           MktMoney      *out_money,
           MktApiResult  *result)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GVariant) value = NULL;
  GError *error = NULL;

  *out_has = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  /* total_cost's own parsing, for both members. */
  if (!mkt_api_value_from_json (&mkt_stock_movement_spec, "total_cost", node, &value, &error))
    {
      mkt_api_result_set_error (result, 422, "invalid", name, "%s", error->message);
      g_error_free (error);
      return FALSE;
    }

  *out_has = value != NULL;
  *out_money = value != NULL ? g_variant_get_int64 (value) : 0;
  return TRUE;
}

/* What a purchase cost in all: total_cost, or cost_each (for one of the
 * quantity's unit) times the quantity, exactly or not at all, as the CLI's
 * --each. */
static gboolean
purchase_cost (MktSession    *session,
               JsonObject    *object,
               MktQuantity    quantity,
               MktMoney      *out_cost,
               MktApiResult  *result)
{
  gboolean has_total, has_each;
  MktMoney total, each;
  g_autoptr(GError) error = NULL;

  if (!get_money (object, "total_cost", &has_total, &total, result) ||
      !get_money (object, "cost_each", &has_each, &each, result))
    return FALSE;

  if (has_total == has_each)
    {
      mkt_api_result_set_error (result, 422, "invalid", "total_cost",
                                has_total ? "give total_cost or cost_each, not both"
                                          : "a purchase needs total_cost (or cost_each)");
      return FALSE;
    }

  if (has_total)
    {
      *out_cost = total;
      return TRUE;
    }

  if (!mkt_stock_total_for_each (quantity, each, mkt_session_get_currency (session), "cost_each", out_cost, &error))
    {
      mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));
      return FALSE;
    }

  return TRUE;
}

/* The members each kind takes, beside kind, material, quantity, unit. */
static gboolean
check_members (JsonObject    *object,
               const char    *kind,
               MktApiResult  *result)
{
  static const struct
  {
    const char *kind;
    const char *members;
  } allowed[] = {
    { "purchase", "total_cost cost_each reference" },
    { "adjustment", "reason" },
    { "count", "at" },
  };
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      gboolean ok = FALSE;

      if (g_strv_contains ((const char * const[]) { "kind", "material", "quantity", "unit", NULL }, name))
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
        if (g_str_equal (allowed[i].kind, kind))
          {
            g_auto(GStrv) members = g_strsplit (allowed[i].members, " ", -1);

            ok = g_strv_contains ((const char * const *) members, name);
          }

      if (!ok)
        {
          mkt_api_result_set_error (result, 422, "invalid", name,
                                    "a %s takes no %s (a purchase takes total_cost or cost_each and reference, "
                                    "an adjustment a reason, a count at)", kind, name);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * mkt_api_create_movement:
 * @session: who acts
 * @body: `{"kind": "purchase"|"adjustment"|"count", "material": id,
 *   "quantity": "2 skein" (or a number with "unit"), …}`
 * @result: the error, if any
 *
 * Records a stock movement of a material the way the CLI's purchase,
 * adjust and count do: mkt_stock_purchase(), mkt_stock_adjust(),
 * mkt_stock_count().
 *
 * Returns: (transfer full) (nullable): the movement written
 */
MktRecord *
mkt_api_create_movement (MktSession   *session,
                         JsonNode     *body,
                         MktApiResult *result)
{
  g_autoptr(MktRecord) material = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unit = NULL;
  const char *kind, *material_id, *text;
  MktQuantity quantity;
  MktRecord *movement = NULL;
  JsonObject *object = json_node_get_object (body);

  if (!get_string (object, "kind", &kind, result) ||
      !get_string (object, "material", &material_id, result))
    return NULL;

  if (kind == NULL || !g_strv_contains ((const char * const[]) { "purchase", "adjustment", "count", NULL }, kind))
    {
      mkt_api_result_set_error (result, 422, "invalid", "kind",
                                "kind must be purchase, adjustment or count with material; "
                                "sales, production and markets write the other kinds");
      return NULL;
    }

  if (!check_members (object, kind, result))
    return NULL;

  if (material_id == NULL)
    {
      mkt_api_result_set_error (result, 422, "invalid", "material", "is required: the material's id");
      return NULL;
    }

  material = mkt_api_find (&materials, session, material_id, FALSE, result);
  if (material == NULL || !get_quantity (object, &quantity, &unit, result))
    return NULL;

  if (g_str_equal (kind, "purchase"))
    {
      MktMoney cost;

      if (!purchase_cost (session, object, quantity, &cost, result) ||
          !get_string (object, "reference", &text, result))
        return NULL;
      movement = mkt_stock_purchase (session, material, quantity, unit, cost, text, &error);
    }
  else if (g_str_equal (kind, "adjustment"))
    {
      if (!get_string (object, "reason", &text, result))
        return NULL;
      movement = mkt_stock_adjust (session, material, quantity, unit, text, &error);
    }
  else
    {
      gint64 at = 0;

      if (!get_string (object, "at", &text, result))
        return NULL;
      if (text != NULL && !mkt_timestamp_parse (text, &at, &error))
        {
          mkt_api_result_set_error (result, 422, "invalid", "at", "%s", error->message);
          return NULL;
        }
      movement = mkt_stock_count (session, material, quantity, unit, at, &error);
    }

  if (movement == NULL)
    mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));

  return movement;
}

/* GET /inventory/materials/:id/stock, /products/:id/stock: what the item's
 * ledger says is on hand, in the material's unit or in items. */
void
mkt_api_stock_cb (const MktApiRoute   *route,
                  MktSession          *session,
                  const MktApiRequest *request,
                  MktApiResult        *result)
{
  const MktEntitySpec *spec = route->resource->spec;
  g_autoptr(MktRecord) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *id_member = NULL;
  MktQuantity on_hand;

  item = mkt_api_find (route->resource, session, mkt_api_request_param (request, "id"), FALSE, result);
  if (item == NULL)
    return;

  if (!mkt_stock_on_hand (session, spec, mkt_record_get_id (item), 0, &on_hand, &error))
    {
      mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));
      return;
    }

  id_member = g_strconcat (spec->name, "_id", NULL);
  object = json_object_new ();
  json_object_set_string_member (object, id_member, mkt_record_get_id (item));
  set_quantity_member (object, "on_hand", on_hand);
  json_object_set_string_member (object, "unit",
                                 spec == &mkt_material_spec ? mkt_record_get_string (item, "unit") : "item");
  mkt_api_result_set_json (result, 200, json_node_init_object (json_node_alloc (), object));
}

/* POST /sales/:id/void */
void
mkt_api_sale_void_cb (const MktApiRoute   *route,
                      MktSession          *session,
                      const MktApiRequest *request,
                      MktApiResult        *result)
{
  g_autoptr(MktRecord) sale = NULL;
  g_autoptr(MktRecord) void_row = NULL;
  g_autoptr(GError) error = NULL;

  sale = mkt_api_find (&sales, session, mkt_api_request_param (request, "id"), FALSE, result);
  if (sale == NULL)
    return;

  void_row = mkt_market_void (session, mkt_record_get_id (sale), &error);
  if (void_row == NULL)
    {
      mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));
      return;
    }

  mkt_api_result_set_json (result, 201, mkt_api_record_node (void_row));
}

/* The event's sheet: a row per product with what was brought, returned,
 * sold and is at the stall. */
static JsonObject *
line_object (MktMarketLine *line)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "product_id", mkt_record_get_id (line->product));
  json_object_set_string_member (object, "name", mkt_record_get_title (line->product));
  json_object_set_int_member (object, "price", line->price);
  set_quantity_member (object, "brought", line->brought);
  set_quantity_member (object, "returned", line->returned);
  set_quantity_member (object, "sold", line->sold);
  set_quantity_member (object, "on_hand", line->on_hand);
  json_object_set_int_member (object, "revenue", line->revenue);
  return object;
}

/* The lines of @event_id: all of them, or only @product_id's (the object
 * of its line, not a page). */
static void
set_lines (MktSession   *session,
           const char   *event_id,
           const char   *product_id,
           MktApiResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *items;

  lines = mkt_market_lines (session, event_id, &error);
  if (lines == NULL)
    {
      mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));
      return;
    }

  items = json_array_sized_new (lines->len);
  for (guint i = 0; i < lines->len; i++)
    {
      MktMarketLine *line = g_ptr_array_index (lines, i);

      if (product_id == NULL)
        json_array_add_object_element (items, line_object (line));
      else if (g_ascii_strcasecmp (mkt_record_get_id (line->product), product_id) == 0)
        {
          json_array_unref (items);
          mkt_api_result_set_json (result, 200, json_node_init_object (json_node_alloc (), line_object (line)));
          return;
        }
    }

  if (product_id != NULL)
    {
      json_array_unref (items);
      mkt_api_result_set_error (result, 500, "internal_error", NULL, "The product is not on the event’s sheet");
      return;
    }

  json_object_set_array_member (root, "items", items);
  mkt_api_result_set_json (result, 200, json_node_init_object (json_node_alloc (), g_steal_pointer (&root)));
}

/* GET /market-events/:id/lines */
void
mkt_api_event_lines_cb (const MktApiRoute   *route,
                        MktSession          *session,
                        const MktApiRequest *request,
                        MktApiResult        *result)
{
  g_autoptr(MktRecord) event = mkt_api_find (route->resource, session,
                                             mkt_api_request_param (request, "id"), FALSE, result);

  if (event != NULL)
    set_lines (session, mkt_record_get_id (event), NULL, result);
}

/* POST /market-events/:id/bring and /return: {"product_id", "quantity"},
 * whole items. */
void
mkt_api_event_transfer_cb (const MktApiRoute   *route,
                           MktSession          *session,
                           const MktApiRequest *request,
                           MktApiResult        *result)
{
  g_autoptr(MktRecord) event = NULL;
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;
  gboolean bring = g_str_has_suffix (route->pattern, "/bring");
  const char *product_id;
  JsonObject *object;
  JsonNode *node;
  gboolean ok;

  event = mkt_api_find (route->resource, session, mkt_api_request_param (request, "id"), FALSE, result);
  if (event == NULL)
    return;

  if (request->body == NULL || !JSON_NODE_HOLDS_OBJECT (request->body))
    {
      mkt_api_result_set_error (result, 400, "bad_request", NULL,
                                "The body must be a JSON object: {\"product_id\", \"quantity\"}");
      return;
    }
  object = json_node_get_object (request->body);

  if (!get_string (object, "product_id", &product_id, result))
    return;
  if (product_id == NULL)
    {
      mkt_api_result_set_error (result, 422, "invalid", "product_id", "is required");
      return;
    }
  product = mkt_api_find (&products, session, product_id, FALSE, result);
  if (product == NULL)
    return;

  node = json_object_get_member (object, "quantity");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      mkt_api_result_set_error (result, 422, "invalid", "quantity", "is required");
      return;
    }
  if (!mkt_api_value_from_json (&mkt_sale_spec, "quantity", node, &value, &error))
    {
      mkt_api_result_take_gerror (result, NULL, NULL, g_steal_pointer (&error));
      return;
    }

  if (bring)
    ok = mkt_market_bring (session, mkt_record_get_id (event), mkt_record_get_id (product),
                           value != NULL ? g_variant_get_int64 (value) : 0, &error);
  else
    ok = mkt_market_return (session, mkt_record_get_id (event), mkt_record_get_id (product),
                            value != NULL ? g_variant_get_int64 (value) : 0, &error);
  if (!ok)
    {
      mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));
      return;
    }

  set_lines (session, mkt_record_get_id (event), mkt_record_get_id (product), result);
}
