/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-report"

#include "config.h"

#include "mkt-cost-private.h"
#include "mkt-report.h"
#include "mkt-stock.h"

/* What the dashboard shows, read a page at a time: the ledgers summed per
 * item, the purchases summed per material, the cost cache as a number per
 * product, then the materials and the products themselves. No whole table
 * is in memory at once, and no query is made per row. */

#define REPORT_PAGE 2000

/* Saturates where no craft business goes rather than fail the report. */
static void
add_value (MktCostValue *sum,
           MktCostValue  value)
{
  if (!mkt_money_add (*sum, value, sum, NULL))
    *sum = G_MAXINT64;
}

typedef struct
{
  MktInventoryReport *report;
  GHashTable         *on_hand;     /* item id → MktQuantity */
  GHashTable         *unit_costs;  /* mkt_cost_material_unit_costs () */
  GHashTable         *costs;       /* product id → its cached total cost */
  MktSession         *session;
  MktCostValue        value;
} Valuation;

static gboolean
add_materials (GPtrArray  *materials,
               gpointer    data,
               GError    **error)
{
  Valuation *valuation = data;

  valuation->report->n_materials += materials->len;
  for (guint i = 0; i < materials->len; i++)
    {
      MktRecord *material = g_ptr_array_index (materials, i);
      MktQuantity on_hand = mkt_stock_on_hand_lookup (valuation->on_hand, mkt_record_get_id (material));
      MktUnitCost unit_cost;

      if (mkt_stock_is_low (material, on_hand))
        valuation->report->n_low_stock++;

      /* Stock below zero (a forced run) is owed, not held: it adds nothing. */
      if (on_hand <= 0)
        continue;

      mkt_cost_material_unit_cost_lookup (valuation->unit_costs, material, &unit_cost);
      if (g_str_equal (unit_cost.source, "none"))
        valuation->report->n_unpriced++;
      add_value (&valuation->value, mkt_cost_for_quantity (&unit_cost, on_hand));
    }

  return TRUE;
}

static gboolean
material_value (MktSession          *session,
                MktInventoryReport  *report,
                GError             **error)
{
  g_autoptr(GHashTable) on_hand = NULL;
  g_autoptr(GHashTable) unit_costs = NULL;
  Valuation valuation = { .report = report };

  on_hand = mkt_stock_on_hand_all (session, &mkt_material_spec, error);
  if (on_hand == NULL)
    return FALSE;

  unit_costs = mkt_cost_material_unit_costs (session, NULL, error);
  if (unit_costs == NULL)
    return FALSE;

  valuation.on_hand = on_hand;
  valuation.unit_costs = unit_costs;
  if (!mkt_session_list_pages (session, &mkt_material_spec, NULL, REPORT_PAGE, add_materials, &valuation, error))
    return FALSE;

  report->material_value = mkt_cost_round (valuation.value);
  return TRUE;
}

static gboolean
keep_costs (GPtrArray  *rows,
            gpointer    data,
            GError    **error)
{
  GHashTable *costs = data;

  for (guint i = 0; i < rows->len; i++)
    {
      MktRecord *row = g_ptr_array_index (rows, i);
      gint64 *total = g_new (gint64, 1);

      *total = mkt_record_get_int (row, "total_cost");
      g_hash_table_insert (costs, g_strdup (mkt_record_get_id (row)), total);
    }

  return TRUE;
}

static gboolean
add_products (GPtrArray  *products,
              gpointer    data,
              GError    **error)
{
  Valuation *valuation = data;

  valuation->report->n_products += products->len;
  for (guint i = 0; i < products->len; i++)
    {
      const char *id = mkt_record_get_id (g_ptr_array_index (products, i));
      MktQuantity quantity = mkt_stock_on_hand_lookup (valuation->on_hand, id);
      gint64 *cached;
      MktCostValue one;

      if (quantity <= 0)
        continue;

      cached = g_hash_table_lookup (valuation->costs, id);
      if (cached != NULL)
        one = *cached;
      else
        {
          /* Not cached yet (a product made before costs were kept). */
          MktCostTotals totals;

          if (!mkt_cost_get (valuation->session, &mkt_product_spec, id, &totals, error))
            return FALSE;
          one = totals.total_cost;
        }

      add_value (&valuation->value, mkt_cost_mul_div (one, quantity, MKT_QUANTITY_SCALE));
    }

  return TRUE;
}

static gboolean
product_value (MktSession          *session,
               MktInventoryReport  *report,
               GError             **error)
{
  g_autoptr(GHashTable) on_hand = NULL;
  g_autoptr(GHashTable) costs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Valuation valuation = { .report = report, .session = session };

  on_hand = mkt_stock_on_hand_all (session, &mkt_product_spec, error);
  if (on_hand == NULL)
    return FALSE;

  if (!mkt_session_list_pages (session, &mkt_cost_spec, NULL, REPORT_PAGE, keep_costs, costs, error))
    return FALSE;

  valuation.on_hand = on_hand;
  valuation.costs = costs;
  if (!mkt_session_list_pages (session, &mkt_product_spec, NULL, REPORT_PAGE, add_products, &valuation, error))
    return FALSE;

  report->product_value = mkt_cost_round (valuation.value);
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
 * each table a page at a time, never row by row.
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
