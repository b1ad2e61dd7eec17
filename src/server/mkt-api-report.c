/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-api"

#include "config.h"

#include <string.h>

#include "mkt-api-private.h"
#include "mkt-cost.h"
#include "mkt-error.h"
#include "mkt-price.h"
#include "mkt-report.h"
#include "mkt-stock.h"
#include "mkt-time.h"
#include "mkt-uuid.h"

/* What is read across rows: a product with its recipe and costs, the
 * inventory dashboard, the trash. Money is in minor units as everywhere in
 * the API; costs are rounded once, here, as mkt-cost.h asks. */

/* The dashboard lists this many low materials at most, by name; its counts
 * say how many there are. */
#define MKT_API_DASHBOARD_LOW_STOCK 100

static void
set_quantity_member (JsonObject  *object,
                     const char  *name,
                     MktQuantity  quantity)
{
  g_autofree char *text = mkt_quantity_format (quantity);

  json_object_set_string_member (object, name, text);
}

static void
set_nullable_string (JsonObject *object,
                     const char *name,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static JsonObject *
totals_to_json (const MktCostTotals *totals)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "material_cost", mkt_cost_round (totals->material_cost));
  set_quantity_member (object, "labour_minutes", totals->labour_minutes);
  json_object_set_int_member (object, "labour_cost", mkt_cost_round (totals->labour_cost));
  json_object_set_int_member (object, "overhead_cost", mkt_cost_round (totals->overhead_cost));
  json_object_set_int_member (object, "total_cost", mkt_cost_round (totals->total_cost));
  json_object_set_int_member (object, "unpriced", totals->unpriced);

  return object;
}

static JsonObject *
cost_line_to_json (const MktCostLine *line)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "kind", line->kind);
  set_nullable_string (object, "id", line->id);
  set_nullable_string (object, "name", line->name);
  set_quantity_member (object, "quantity", line->quantity);
  set_nullable_string (object, "unit", line->unit);
  json_object_set_int_member (object, "cost", mkt_cost_round (line->cost));

  if (g_str_equal (line->kind, "material"))
    {
      JsonObject *unit_cost = json_object_new ();

      set_quantity_member (object, "base_quantity", line->base_quantity);
      set_nullable_string (object, "base_unit", line->base_unit);
      json_object_set_int_member (unit_cost, "cost", line->unit_cost.cost);
      set_quantity_member (unit_cost, "quantity", line->unit_cost.quantity);
      set_nullable_string (unit_cost, "source", line->unit_cost.source);
      json_object_set_object_member (object, "unit_cost", unit_cost);
    }

  if (g_str_equal (line->kind, "product") || g_str_equal (line->kind, "component"))
    json_object_set_object_member (object, "totals", totals_to_json (&line->totals));

  if (line->children != NULL)
    {
      JsonArray *children = json_array_sized_new (line->children->len);

      for (guint i = 0; i < line->children->len; i++)
        json_array_add_object_element (children, cost_line_to_json (g_ptr_array_index (line->children, i)));
      json_object_set_array_member (object, "children", children);
    }

  return object;
}

static JsonObject *
pricing_to_json (const MktPricing *pricing,
                 const char       *currency)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "currency", currency);
  json_object_set_int_member (object, "cost", pricing->cost);
  json_object_set_int_member (object, "wholesale", pricing->wholesale);
  json_object_set_int_member (object, "retail", pricing->retail);
  json_object_set_int_member (object, "marketplace", pricing->marketplace);
  if (pricing->has_price)
    {
      json_object_set_int_member (object, "price", pricing->price);
      json_object_set_int_member (object, "margin_bp", pricing->margin_bp);
      json_object_set_int_member (object, "markup_bp", pricing->markup_bp);
    }
  else
    {
      json_object_set_null_member (object, "price");
      json_object_set_null_member (object, "margin_bp");
      json_object_set_null_member (object, "markup_bp");
    }
  json_object_set_object_member (object, "totals", totals_to_json (&pricing->totals));

  return object;
}

static gboolean
product_pricing (MktSession    *session,
                 const char    *id,
                 JsonObject    *object,
                 MktApiResult  *result)
{
  g_autoptr(GError) error = NULL;
  MktPricing pricing;

  if (!mkt_price_suggest (session, id, &pricing, &error))
    {
      mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));
      return FALSE;
    }

  json_object_set_object_member (object, "pricing", pricing_to_json (&pricing, mkt_session_get_currency (session)));
  return TRUE;
}

/* GET /products/:id/complete: the product, its recipe lines and its cost
 * tree, as a product page shows them. */
void
mkt_api_product_complete_cb (const MktApiRoute   *route,
                             MktSession          *session,
                             const MktApiRequest *request,
                             MktApiResult        *result)
{
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(MktCostLine) tree = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *array;

  product = mkt_api_find (route->resource, session, mkt_api_request_param (request, "id"), FALSE, result);
  if (product == NULL)
    return;

  mkt_query_add_filter (query, "product_id", MKT_FILTER_EQ, g_variant_new_string (mkt_record_get_id (product)));
  parts = mkt_session_list (session, &mkt_part_spec, query, NULL, &error);
  if (parts != NULL)
    tree = mkt_cost_explain (session, &mkt_product_spec, mkt_record_get_id (product), &error);
  if (tree == NULL)
    {
      mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));
      return;
    }

  json_object_set_member (root, "product", mkt_api_record_node (product));
  array = json_array_sized_new (parts->len);
  for (guint i = 0; i < parts->len; i++)
    json_array_add_element (array, mkt_api_record_node (g_ptr_array_index (parts, i)));
  json_object_set_array_member (root, "parts", array);
  json_object_set_object_member (root, "cost", cost_line_to_json (tree));
  if (!product_pricing (session, mkt_record_get_id (product), root, result))
    return;

  mkt_api_result_set_json (result, 200, json_node_init_object (json_node_alloc (), root));
}

/* POST /products/:id/calculate-costs: brings the cached cost up to date
 * from the recipe and the ledger as they are now, and returns it with the
 * suggested prices. */
void
mkt_api_product_costs_cb (const MktApiRoute   *route,
                          MktSession          *session,
                          const MktApiRequest *request,
                          MktApiResult        *result)
{
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  const char *ids[2] = { NULL, NULL };
  MktCostTotals totals;
  guint n_nodes = 0;

  product = mkt_api_find (route->resource, session, mkt_api_request_param (request, "id"), FALSE, result);
  if (product == NULL)
    return;

  ids[0] = mkt_record_get_id (product);
  if (!mkt_cost_recompute_from (session, NULL, NULL, ids, &n_nodes, &error) ||
      !mkt_cost_get (session, &mkt_product_spec, ids[0], &totals, &error))
    {
      mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));
      return;
    }

  json_object_set_string_member (root, "product_id", ids[0]);
  json_object_set_object_member (root, "cost", totals_to_json (&totals));
  json_object_set_int_member (root, "recomputed", n_nodes);
  if (!product_pricing (session, ids[0], root, result))
    return;

  mkt_api_result_set_json (result, 200, json_node_init_object (json_node_alloc (), root));
}

/* GET /inventory/dashboard */
void
mkt_api_dashboard_cb (const MktApiRoute   *route,
                      MktSession          *session,
                      const MktApiRequest *request,
                      MktApiResult        *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) low = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *counts, *value;
  JsonArray *array;
  MktInventoryReport report;

  if (!mkt_report_inventory (session, &report, &error) ||
      (low = mkt_stock_low (session, MKT_API_DASHBOARD_LOW_STOCK, &error)) == NULL)
    {
      mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));
      return;
    }

  counts = json_object_new ();
  json_object_set_int_member (counts, "materials", report.n_materials);
  json_object_set_int_member (counts, "products", report.n_products);
  json_object_set_int_member (counts, "low_stock", report.n_low_stock);
  json_object_set_int_member (counts, "unpriced", report.n_unpriced);
  json_object_set_object_member (root, "counts", counts);

  value = json_object_new ();
  json_object_set_string_member (value, "currency", mkt_session_get_currency (session));
  json_object_set_int_member (value, "materials", report.material_value);
  json_object_set_int_member (value, "products", report.product_value);
  json_object_set_int_member (value, "total", report.total_value);
  json_object_set_object_member (root, "value", value);

  array = json_array_sized_new (low->len);
  for (guint i = 0; i < low->len; i++)
    {
      MktLowStock *item = g_ptr_array_index (low, i);
      JsonObject *object = json_object_new ();
      JsonArray *blocked = json_array_new ();

      json_object_set_member (object, "material", mkt_api_record_node (item->material));
      set_quantity_member (object, "on_hand", item->on_hand);
      for (guint b = 0; item->blocked != NULL && b < item->blocked->len; b++)
        {
          MktRecord *product = g_ptr_array_index (item->blocked, b);
          JsonObject *entry = json_object_new ();

          json_object_set_string_member (entry, "id", mkt_record_get_id (product));
          set_nullable_string (entry, "name", mkt_record_get_title (product));
          json_array_add_object_element (blocked, entry);
        }
      json_object_set_array_member (object, "blocked_products", blocked);
      json_array_add_object_element (array, object);
    }
  json_object_set_array_member (root, "low_stock", array);

  mkt_api_result_set_json (result, 200, json_node_init_object (json_node_alloc (), root));
}

/* Trash ------------------------------------------------------------------------ */

/* The entities whose rows go to the trash, as the API names them. */
static const MktEntitySpec *
trash_spec (const char *name)
{
  static const MktEntitySpec * const specs[] = {
    &mkt_category_spec, &mkt_material_spec, &mkt_component_spec, &mkt_product_spec,
    &mkt_part_spec, &mkt_market_event_spec, &mkt_market_line_spec,
  };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (name == NULL || g_str_equal (specs[i]->name, name))
      return specs[i];

  return NULL;
}

typedef struct
{
  gint64      deleted_at;
  const char *entity;
  const char *id;
} TrashKey;

/* Newest first; ties by entity, then id, both descending. */
static int
trash_key_compare (const TrashKey *a,
                   const TrashKey *b)
{
  int c;

  if (a->deleted_at != b->deleted_at)
    return a->deleted_at > b->deleted_at ? -1 : 1;
  if ((c = strcmp (a->entity, b->entity)) != 0)
    return -c;
  return -strcmp (a->id, b->id);
}

static void
trash_key_of (MktRecord *record,
              TrashKey  *out)
{
  out->deleted_at = mkt_record_get_deleted_at (record);
  out->entity = mkt_record_get_spec (record)->name;
  out->id = mkt_record_get_id (record);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  TrashKey ka, kb;

  trash_key_of (*(MktRecord **)a, &ka);
  trash_key_of (*(MktRecord **)b, &kb);
  return trash_key_compare (&ka, &kb);
}

static char *
encode_trash_cursor (MktRecord *record)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT " %s %s", mkt_record_get_deleted_at (record),
                                           mkt_record_get_spec (record)->name, mkt_record_get_id (record));
  char *cursor = g_base64_encode ((const guchar *)text, strlen (text));

  g_strdelimit (cursor, "+", '-');
  g_strdelimit (cursor, "/", '_');
  return cursor;
}

/* Fills @out, whose strings point into @storage. */
static gboolean
decode_trash_cursor (const char  *cursor,
                     char       **storage,
                     TrashKey    *out)
{
  g_autofree char *copy = g_strdup (cursor);
  g_autofree guchar *bytes = NULL;
  g_auto(GStrv) parts = NULL;
  gsize length;

  g_strdelimit (copy, "-", '+');
  g_strdelimit (copy, "_", '/');
  bytes = g_base64_decode (copy, &length);
  if (bytes == NULL || length == 0 || !g_utf8_validate ((const char *)bytes, length, NULL))
    return FALSE;

  *storage = g_strndup ((const char *)bytes, length);
  parts = g_strsplit (*storage, " ", -1);
  if (g_strv_length (parts) != 3 || trash_spec (parts[1]) == NULL || !mkt_uuid_is_valid (parts[2]) ||
      !g_ascii_string_to_signed (parts[0], 10, 1, G_MAXINT64, &out->deleted_at, NULL))
    return FALSE;

  /* Point into the storage, split in place. */
  (*storage)[strlen (parts[0])] = '\0';
  (*storage)[strlen (parts[0]) + 1 + strlen (parts[1])] = '\0';
  out->entity = *storage + strlen (parts[0]) + 1;
  out->id = out->entity + strlen (parts[1]) + 1;
  return TRUE;
}

/* GET /trash: deleted rows of every entity (or ?entity=material), newest
 * first, a page at a time. Each entity is read down from the cursor and
 * the pages merged. */
void
mkt_api_trash_cb (const MktApiRoute   *route,
                  MktSession          *session,
                  const MktApiRequest *request,
                  MktApiResult        *result)
{
  static const MktEntitySpec * const all[] = {
    &mkt_category_spec, &mkt_material_spec, &mkt_component_spec, &mkt_product_spec,
    &mkt_part_spec, &mkt_market_event_spec, &mkt_market_line_spec,
  };
  const char *entity = mkt_api_request_query (request, "entity");
  const char *cursor = mkt_api_request_query (request, "cursor");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonObject) root = json_object_new ();
  g_autofree char *storage = NULL;
  g_autofree char *next_cursor = NULL;
  TrashKey after = { 0 };
  JsonArray *items;
  guint limit, n_items = 0;

  if (!mkt_api_parse_limit (request, &limit, result))
    return;

  if (entity != NULL && trash_spec (entity) == NULL)
    {
      mkt_api_result_set_error (result, 400, "bad_request", "entity",
                                "“%s” has no trash: use category, material, component, product, part, "
                                "market_event or market_line", entity);
      return;
    }

  if (cursor != NULL && !decode_trash_cursor (cursor, &storage, &after))
    {
      mkt_api_result_set_error (result, 400, "bad_request", "cursor", "cursor is not a cursor this list gave out");
      return;
    }

  for (guint s = 0; s < G_N_ELEMENTS (all); s++)
    {
      g_autoptr(MktQuery) query = NULL;
      g_autoptr(GPtrArray) page = NULL;
      g_autoptr(GError) error = NULL;

      if (entity != NULL && !g_str_equal (entity, all[s]->name))
        continue;

      query = mkt_query_new ();
      mkt_query_set_deleted (query, MKT_DELETED_ONLY);
      mkt_query_set_sort (query, "deleted_at", TRUE);
      if (cursor != NULL)
        mkt_query_add_filter (query, "deleted_at", MKT_FILTER_LE, g_variant_new_int64 (after.deleted_at));
      /* Rows at the cursor's time that came before it are skipped below:
       * ask for enough to fill the page after them. */
      mkt_query_set_limit (query, limit + 1 + (cursor != NULL ? MKT_API_MAX_LIMIT : 0));
      page = mkt_session_list (session, all[s], query, NULL, &error);
      if (page == NULL)
        {
          mkt_api_result_take_gerror (result, session, NULL, g_steal_pointer (&error));
          return;
        }

      for (guint r = 0; r < page->len; r++)
        {
          TrashKey key;

          trash_key_of (g_ptr_array_index (page, r), &key);
          if (cursor == NULL || trash_key_compare (&key, &after) > 0)
            g_ptr_array_add (rows, g_object_ref (g_ptr_array_index (page, r)));
        }
    }

  g_ptr_array_sort (rows, compare_rows);

  items = json_array_new ();
  for (guint r = 0; r < rows->len && n_items < limit; r++, n_items++)
    {
      MktRecord *record = g_ptr_array_index (rows, r);
      JsonObject *object = json_object_new ();
      g_autofree char *deleted_at = mkt_timestamp_format (mkt_record_get_deleted_at (record));

      json_object_set_string_member (object, "entity", mkt_record_get_spec (record)->name);
      json_object_set_string_member (object, "id", mkt_record_get_id (record));
      set_nullable_string (object, "title", mkt_record_get_title (record));
      json_object_set_string_member (object, "deleted_at", deleted_at);
      json_object_set_member (object, "item", mkt_api_record_node (record));
      json_array_add_object_element (items, object);
    }
  if (rows->len > limit)
    next_cursor = encode_trash_cursor (g_ptr_array_index (rows, limit - 1));

  json_object_set_array_member (root, "items", items);
  set_nullable_string (root, "next_cursor", next_cursor);
  mkt_api_result_set_json (result, 200, json_node_init_object (json_node_alloc (), root));
}
