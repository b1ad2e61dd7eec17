/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-report"

#include "config.h"

#include "mkt-cost-private.h"
#include "mkt-report.h"
#include "mkt-stock.h"

/* What the dashboard shows, read in a handful of whole-table lists (the
 * materials, their ledger, the products, theirs, the cost cache) rather than
 * a query per row: a catalogue of 100 000 materials is five reads. */

typedef struct
{
  MktQuantity  on_hand;
  GPtrArray   *purchases;  /* MktRecord, or NULL */
} MaterialStock;

static void
material_stock_free (MaterialStock *stock)
{
  g_clear_pointer (&stock->purchases, g_ptr_array_unref);
  g_free (stock);
}

/* One pass over the material ledger: on-hand and the purchases that make
 * the unit cost, per material. */
static GHashTable *
read_material_ledger (MktSession  *session,
                      GError     **error)
{
  g_autoptr(GHashTable) stocks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify)material_stock_free);
  g_autoptr(GPtrArray) movements = NULL;

  movements = mkt_session_list (session, &mkt_stock_movement_spec, NULL, NULL, error);
  if (movements == NULL)
    return NULL;

  for (guint i = 0; i < movements->len; i++)
    {
      MktRecord *movement = g_ptr_array_index (movements, i);
      const char *material_id = mkt_record_get_string (movement, "material_id");
      MaterialStock *stock = g_hash_table_lookup (stocks, material_id);

      if (stock == NULL)
        {
          stock = g_new0 (MaterialStock, 1);
          g_hash_table_insert (stocks, g_strdup (material_id), stock);
        }

      if (!mkt_quantity_add (stock->on_hand, mkt_record_get_int (movement, "quantity"), &stock->on_hand, error))
        return NULL;

      if (g_strcmp0 (mkt_record_get_string (movement, "kind"), "purchase") == 0)
        {
          if (stock->purchases == NULL)
            stock->purchases = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (stock->purchases, g_object_ref (movement));
        }
    }

  return g_steal_pointer (&stocks);
}

/* Saturates where no craft business goes rather than fail the report. */
static void
add_value (MktCostValue *sum,
           MktCostValue  value)
{
  if (!mkt_money_add (*sum, value, sum, NULL))
    *sum = G_MAXINT64;
}

static gboolean
material_value (MktSession          *session,
                MktInventoryReport  *report,
                GError             **error)
{
  g_autoptr(MktRecord) tenant = NULL;
  g_autoptr(GHashTable) stocks = NULL;
  g_autoptr(GPtrArray) materials = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  MktSettings settings;
  MktCostValue value = 0;

  tenant = mkt_session_get (session, &mkt_tenant_spec, mkt_session_get_tenant_id (session), error);
  if (tenant == NULL || !mkt_settings_from_tenant (tenant, &settings, error))
    return FALSE;

  stocks = read_material_ledger (session, error);
  if (stocks == NULL)
    return FALSE;

  materials = mkt_session_list (session, &mkt_material_spec, NULL, NULL, error);
  if (materials == NULL)
    return FALSE;

  report->n_materials = materials->len;
  for (guint i = 0; i < materials->len; i++)
    {
      MktRecord *material = g_ptr_array_index (materials, i);
      MaterialStock *stock = g_hash_table_lookup (stocks, mkt_record_get_id (material));
      MktQuantity on_hand = stock != NULL ? stock->on_hand : 0;
      MktUnitCost unit_cost;

      if (mkt_stock_is_low (material, on_hand))
        report->n_low_stock++;

      /* Stock below zero (a forced run) is owed, not held: it adds nothing. */
      if (on_hand <= 0)
        continue;

      /* The purchases are passed in, so no material is read twice. */
      if (!mkt_cost_unit_cost_of (mkt_session_get_store (session), mkt_session_get_tenant_id (session),
                                  material, stock->purchases != NULL ? stock->purchases : none,
                                  &settings, &unit_cost, error))
        return FALSE;

      if (g_str_equal (unit_cost.source, "none"))
        report->n_unpriced++;
      add_value (&value, mkt_cost_for_quantity (&unit_cost, on_hand));
    }

  report->material_value = mkt_cost_round (value);
  return TRUE;
}

static gboolean
product_value (MktSession          *session,
               MktInventoryReport  *report,
               GError             **error)
{
  g_autoptr(GHashTable) on_hand = NULL;
  g_autoptr(GHashTable) costs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) cached = NULL;
  g_autoptr(GPtrArray) products = NULL;
  MktCostValue value = 0;

  on_hand = mkt_stock_on_hand_all (session, &mkt_product_spec, error);
  if (on_hand == NULL)
    return FALSE;

  products = mkt_session_list (session, &mkt_product_spec, NULL, NULL, error);
  if (products == NULL)
    return FALSE;

  cached = mkt_session_list (session, &mkt_cost_spec, NULL, NULL, error);
  if (cached == NULL)
    return FALSE;
  for (guint i = 0; i < cached->len; i++)
    {
      MktRecord *row = g_ptr_array_index (cached, i);

      g_hash_table_insert (costs, (gpointer)mkt_record_get_id (row), row);
    }

  report->n_products = products->len;
  for (guint i = 0; i < products->len; i++)
    {
      MktRecord *product = g_ptr_array_index (products, i);
      const char *id = mkt_record_get_id (product);
      MktQuantity quantity = mkt_stock_on_hand_lookup (on_hand, id);
      MktRecord *row;
      MktCostValue one;

      if (quantity <= 0)
        continue;

      row = g_hash_table_lookup (costs, id);
      if (row != NULL)
        one = mkt_record_get_int (row, "total_cost");
      else
        {
          /* Not cached yet (a product made before costs were kept). */
          MktCostTotals totals;

          if (!mkt_cost_get (session, &mkt_product_spec, id, &totals, error))
            return FALSE;
          one = totals.total_cost;
        }

      add_value (&value, mkt_cost_mul_div (one, quantity, MKT_QUANTITY_SCALE));
    }

  report->product_value = mkt_cost_round (value);
  return TRUE;
}

/**
 * mkt_report_inventory:
 * @session: a session
 * @out_report: (out caller-allocates): the report
 * @error: return location for an error
 *
 * What the stock is worth and how much of it there is: materials on hand at
 * their unit cost (mkt_cost_material_unit_cost()), finished products on hand
 * at their cost (mkt_cost_get()), and the counts the dashboard shows. Reads
 * whole tables a few times, never row by row.
 */
gboolean
mkt_report_inventory (MktSession          *session,
                      MktInventoryReport  *out_report,
                      GError             **error)
{
  MktInventoryReport report = { 0 };

  g_return_val_if_fail (MKT_IS_SESSION (session), FALSE);
  g_return_val_if_fail (out_report != NULL, FALSE);

  if (!material_value (session, &report, error) ||
      !product_value (session, &report, error))
    return FALSE;

  if (!mkt_money_add (report.material_value, report.product_value, &report.total_value, error))
    return FALSE;

  *out_report = report;
  return TRUE;
}

/**
 * mkt_report_recent_events:
 * @session: a session
 * @before: a time in microseconds: events that start after it are left out
 * @max_events: how many at most
 * @error: return location for an error
 *
 * The last @max_events market events that started by @before, oldest first,
 * each with its summary: revenue, cost of goods, fees and profit.
 *
 * Returns: (transfer container) (element-type MktMarketSummary): the
 *   summaries
 */
GPtrArray *
mkt_report_recent_events (MktSession  *session,
                          gint64       before,
                          guint        max_events,
                          GError     **error)
{
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func ((GDestroyNotify)mkt_market_summary_free);
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);

  if (max_events == 0)
    return g_steal_pointer (&summaries);

  mkt_query_add_filter (query, "starts_on", MKT_FILTER_LE, g_variant_new_int64 (before));
  mkt_query_set_sort (query, "starts_on", TRUE);
  mkt_query_set_limit (query, max_events);
  events = mkt_session_list (session, &mkt_market_event_spec, query, NULL, error);
  if (events == NULL)
    return NULL;

  for (guint i = events->len; i > 0; i--)
    {
      MktRecord *event = g_ptr_array_index (events, i - 1);
      MktMarketSummary *summary = mkt_market_summary (session, mkt_record_get_id (event), error);

      if (summary == NULL)
        return NULL;
      g_ptr_array_add (summaries, summary);
    }

  return g_steal_pointer (&summaries);
}
