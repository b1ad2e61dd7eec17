/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-cost"

#include "config.h"

#include <string.h>

#include "mkt-cost-private.h"
#include "mkt-error.h"
#include "mkt-session-private.h"
#include "mkt-time.h"

void
mkt_cost_calc_init (Calc       *calc,
                    MktSession *session)
{
  *calc = (Calc) {
    .session = session,
    .store = mkt_session_get_store (session),
    .tenant_id = mkt_session_get_tenant_id (session),
    .materials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref),
    .unit_costs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    .totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    .visiting = g_hash_table_new (g_str_hash, g_str_equal),
    .strings = g_string_chunk_new (64 * 1024),
  };
  mkt_settings_init_defaults (&calc->settings);
}

void
mkt_cost_calc_clear (Calc *calc)
{
  g_clear_pointer (&calc->materials, g_hash_table_unref);
  g_clear_pointer (&calc->unit_costs, g_hash_table_unref);
  g_clear_pointer (&calc->totals, g_hash_table_unref);
  g_clear_pointer (&calc->affected, g_hash_table_unref);
  g_clear_pointer (&calc->visiting, g_hash_table_unref);
  g_clear_pointer (&calc->lines, g_hash_table_unref);
  g_clear_pointer (&calc->purchases, g_hash_table_unref);
  g_clear_pointer (&calc->labour, g_hash_table_unref);
  g_clear_pointer (&calc->strings, g_string_chunk_free);
}


gboolean
mkt_cost_calc_load_settings (Calc    *calc,
                             GError **error)
{
  g_autoptr(MktRecord) tenant = mkt_store_get (calc->store, &mkt_tenant_spec, calc->tenant_id,
                                               calc->tenant_id, error);

  return tenant != NULL && mkt_settings_from_tenant (tenant, &calc->settings, error);
}

/* Arithmetic ----------------------------------------------------------------- */

/* a × b × c / d, rounded half to even, in 128 bits: 4.99 × 120 yd in
 * millionths of a cent over 364 yd takes more than 64. Saturates where no
 * craft business goes. */
MktCostValue
mkt_cost_mul3_div (gint64 a,
                   gint64 b,
                   gint64 c,
                   gint64 d)
{
  Int128 n, q, r, twice;

  g_return_val_if_fail (d != 0, 0);

  if (__builtin_mul_overflow ((Int128) a, (Int128) b, &n) ||
      __builtin_mul_overflow (n, (Int128) c, &n))
    return ((a < 0) != (b < 0)) != ((c < 0) != (d < 0)) ? G_MININT64 : G_MAXINT64;

  if (d < 0)
    {
      n = -n;
      d = -d;
    }

  q = n / d;
  r = n % d;
  twice = 2 * (r < 0 ? -r : r);
  if (twice > d || (twice == d && (q & 1) != 0))
    q += n < 0 ? -1 : 1;

  if (q > G_MAXINT64)
    return G_MAXINT64;
  if (q < G_MININT64)
    return G_MININT64;
  return (MktCostValue) q;
}

MktCostValue
mkt_cost_mul_div (gint64 a,
                  gint64 b,
                  gint64 c)
{
  return mkt_cost_mul3_div (a, b, 1, c);
}

/**
 * mkt_cost_round:
 * @value: a cost in millionths of a minor unit
 *
 * Returns: @value in minor units, rounded half to even (1.645 → 1.64,
 *   1.6450001 → 1.65, 1.655 → 1.66)
 */
MktMoney
mkt_cost_round (MktCostValue value)
{
  return mkt_div_round_half_even (value, MKT_COST_SCALE);
}

/**
 * mkt_cost_for_quantity:
 * @unit_cost: a material's unit cost
 * @quantity: an amount in the material's unit
 *
 * Returns: what @quantity costs, exactly to a millionth of a minor unit
 */
MktCostValue
mkt_cost_for_quantity (const MktUnitCost *unit_cost,
                       MktQuantity        quantity)
{
  g_return_val_if_fail (unit_cost != NULL, 0);

  if (unit_cost->quantity == 0)
    return 0;

  return mkt_cost_mul3_div (unit_cost->cost, quantity, MKT_COST_SCALE, unit_cost->quantity);
}

/* Materials ------------------------------------------------------------------ */

static gboolean
catalogue_cost (MktRecord   *material,
                MktUnitCost *out)
{
  if (!mkt_record_has (material, "purchase_price"))
    return FALSE;

  out->cost = mkt_record_get_int (material, "purchase_price");
  out->quantity = mkt_record_has (material, "purchase_unit") && mkt_record_has (material, "purchase_size")
                  ? mkt_record_get_int (material, "purchase_size")
                  : MKT_QUANTITY_SCALE;
  out->source = "catalogue";
  return out->quantity > 0;
}

/* What a material's purchases add up to, one purchase at a time: the
 * weighted average of all of them, or the last one. A purchase without a
 * cost does not count. */
typedef struct
{
  MktMoney     cost;
  MktQuantity  quantity;
  gboolean     any;
  gboolean     overflow;
  gint64       last_at;
  char        *last_id;
  MktMoney     last_cost;
  MktQuantity  last_quantity;
} PurchaseSum;

static void
purchase_sum_free (gpointer data)
{
  PurchaseSum *sum = data;

  g_free (sum->last_id);
  g_free (sum);
}

static void
purchase_sum_add (PurchaseSum *sum,
                  MktRecord   *movement)
{
  gint64 at;

  if (!mkt_record_has (movement, "total_cost") || mkt_record_get_int (movement, "quantity") <= 0)
    return;

  at = mkt_record_get_int (movement, "occurred_at");
  if (!sum->any || at > sum->last_at ||
      (at == sum->last_at && g_strcmp0 (mkt_record_get_id (movement), sum->last_id) > 0))
    {
      sum->last_at = at;
      g_free (sum->last_id);
      sum->last_id = g_strdup (mkt_record_get_id (movement));
      sum->last_cost = mkt_record_get_int (movement, "total_cost");
      sum->last_quantity = mkt_record_get_int (movement, "quantity");
    }
  sum->any = TRUE;

  if (!mkt_money_add (sum->cost, mkt_record_get_int (movement, "total_cost"), &sum->cost, NULL) ||
      !mkt_quantity_add (sum->quantity, mkt_record_get_int (movement, "quantity"), &sum->quantity, NULL))
    sum->overflow = TRUE;
}

static gboolean
purchase_sum_finish (const PurchaseSum *sum,
                     const MktSettings *settings,
                     MktUnitCost       *out)
{
  if (!sum->any || sum->overflow)
    return FALSE;

  if (settings->cost_method == MKT_COST_LAST)
    {
      out->cost = sum->last_cost;
      out->quantity = sum->last_quantity;
      out->source = "last purchase";
    }
  else
    {
      out->cost = sum->cost;
      out->quantity = sum->quantity;
      out->source = "average";
    }

  return TRUE;
}

static gboolean
purchases_cost (GPtrArray         *purchases,
                const MktSettings *settings,
                MktUnitCost       *out)
{
  PurchaseSum sum = { 0 };
  gboolean ok;

  for (guint i = 0; i < purchases->len; i++)
    purchase_sum_add (&sum, g_ptr_array_index (purchases, i));

  ok = purchase_sum_finish (&sum, settings, out);
  g_free (sum.last_id);

  return ok;
}

static GPtrArray *
list_purchases (MktStore    *store,
                const char  *tenant_id,
                const char  *material_id,
                GError     **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();

  mkt_query_add_filter (query, "material_id", MKT_FILTER_EQ, g_variant_new_string (material_id));
  mkt_query_add_filter (query, "kind", MKT_FILTER_EQ, g_variant_new_string ("purchase"));
  return mkt_store_list (store, &mkt_stock_movement_spec, tenant_id, query, NULL, error);
}

gboolean
mkt_cost_unit_cost_of (MktStore           *store,
                       const char         *tenant_id,
                       MktRecord          *material,
                       GPtrArray          *purchases,
                       const MktSettings  *settings,
                       MktUnitCost        *out,
                       GError            **error)
{
  g_autoptr(GPtrArray) listed = NULL;

  if (purchases == NULL)
    {
      listed = list_purchases (store, tenant_id, mkt_record_get_id (material), error);
      if (listed == NULL)
        return FALSE;
      purchases = listed;
    }

  if (purchases_cost (purchases, settings, out) || catalogue_cost (material, out))
    return TRUE;

  *out = (MktUnitCost) { .cost = 0, .quantity = MKT_QUANTITY_SCALE, .source = "none" };
  return TRUE;
}

/**
 * mkt_cost_material_unit_cost:
 * @session: a session
 * @material: a material
 * @settings: (nullable): the tenant's settings, or %NULL to read them
 * @out_cost: (out caller-allocates): the unit cost
 * @error: return location for an error
 *
 * A material's unit cost: the weighted average of its purchases (or the last
 * purchase, as the tenant chooses), else its catalogue price (purchase_price
 * for purchase_size), else nothing ("none": the material counts as free and
 * breakdowns say so).
 */
gboolean
mkt_cost_material_unit_cost (MktSession         *session,
                             MktRecord          *material,
                             const MktSettings  *settings,
                             MktUnitCost        *out_cost,
                             GError            **error)
{
  MktSettings own;

  g_return_val_if_fail (MKT_IS_SESSION (session), FALSE);
  g_return_val_if_fail (MKT_IS_RECORD (material), FALSE);
  g_return_val_if_fail (out_cost != NULL, FALSE);

  if (settings == NULL)
    {
      g_auto(Calc) calc;

      mkt_cost_calc_init (&calc, session);
      if (!mkt_cost_calc_load_settings (&calc, error))
        return FALSE;
      own = calc.settings;
      settings = &own;
    }

  return mkt_cost_unit_cost_of (mkt_session_get_store (session), mkt_session_get_tenant_id (session),
                       material, NULL, settings, out_cost, error);
}

/* Rows of the ledger read at a time for a whole shop. */
#define LEDGER_PAGE 2000

static gboolean
add_purchases (GPtrArray  *movements,
               gpointer    data,
               GError    **error)
{
  GHashTable *sums = data;

  for (guint i = 0; i < movements->len; i++)
    {
      MktRecord *movement = g_ptr_array_index (movements, i);
      const char *material_id = mkt_record_get_string (movement, "material_id");
      PurchaseSum *sum;

      if (material_id == NULL || g_strcmp0 (mkt_record_get_string (movement, "kind"), "purchase") != 0)
        continue;

      sum = g_hash_table_lookup (sums, material_id);
      if (sum == NULL)
        {
          sum = g_new0 (PurchaseSum, 1);
          g_hash_table_insert (sums, g_strdup (material_id), sum);
        }
      purchase_sum_add (sum, movement);
    }

  return TRUE;
}

/**
 * mkt_cost_material_unit_costs:
 * @session: a session
 * @ledger: (nullable) (element-type MktRecord): the material stock ledger
 *   as mkt_session_list() reads it, when the caller has read it already
 *   (its purchases count, the rest is skipped); %NULL to read the purchases
 * @error: return location for an error
 *
 * Works out what their purchases say each material costs, reading them
 * once, for a list of many materials: mkt_cost_material_unit_cost() makes
 * a query per material. Look a material up with
 * mkt_cost_material_unit_cost_lookup().
 *
 * Returns: (transfer full) (element-type utf8 MktUnitCost): material id →
 *   its unit cost from purchases; materials whose purchases give no cost
 *   are absent
 */
GHashTable *
mkt_cost_material_unit_costs (MktSession  *session,
                              GPtrArray   *ledger,
                              GError     **error)
{
  g_auto(Calc) calc;
  g_autoptr(GHashTable) sums = NULL;
  g_autoptr(GHashTable) costs = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);

  mkt_cost_calc_init (&calc, session);
  if (!mkt_cost_calc_load_settings (&calc, error))
    return NULL;

  sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, purchase_sum_free);
  if (ledger != NULL)
    add_purchases (ledger, sums, NULL);
  else
    {
      g_autoptr(MktQuery) query = mkt_query_new ();

      /* The same purchases list_purchases() reads, for every material, a
       * page at a time: a shop's whole ledger is never in memory at once. */
      mkt_query_add_filter (query, "kind", MKT_FILTER_EQ, g_variant_new_string ("purchase"));
      if (!mkt_store_list_pages (calc.store, &mkt_stock_movement_spec, calc.tenant_id, query, LEDGER_PAGE,
                                 add_purchases, sums, error))
        return NULL;
    }

  costs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      MktUnitCost cost;

      if (purchase_sum_finish (value, &calc.settings, &cost))
        g_hash_table_insert (costs, g_strdup (key), g_memdup2 (&cost, sizeof cost));
    }

  return g_steal_pointer (&costs);
}

/**
 * mkt_cost_material_unit_cost_lookup:
 * @unit_costs: what mkt_cost_material_unit_costs() returned
 * @material: a material
 * @out_cost: (out caller-allocates): its unit cost, as
 *   mkt_cost_material_unit_cost() gives it
 */
void
mkt_cost_material_unit_cost_lookup (GHashTable  *unit_costs,
                                    MktRecord   *material,
                                    MktUnitCost *out_cost)
{
  const MktUnitCost *cost;

  g_return_if_fail (unit_costs != NULL);
  g_return_if_fail (MKT_IS_RECORD (material));
  g_return_if_fail (out_cost != NULL);

  cost = g_hash_table_lookup (unit_costs, mkt_record_get_id (material));
  if (cost != NULL)
    *out_cost = *cost;
  else if (!catalogue_cost (material, out_cost))
    *out_cost = (MktUnitCost) { .cost = 0, .quantity = MKT_QUANTITY_SCALE, .source = "none" };
}

gboolean
mkt_cost_convert_to_material (MktRecord    *material,
                              MktQuantity   quantity,
                              const char   *unit,
                              MktQuantity  *out_quantity,
                              GError      **error)
{
  const char *material_unit = mkt_record_get_string (material, "unit");
  MktPack pack = {
    .name = mkt_record_get_string (material, "purchase_unit"),
    .size = mkt_record_get_int (material, "purchase_size"),
    .unit = mkt_unit_lookup (material_unit),
  };

  return mkt_unit_convert_named (quantity, unit, material_unit, pack.name != NULL ? &pack : NULL,
                                 out_quantity, error);
}

/**
 * mkt_cost_part_quantity:
 * @part: a recipe line whose child is @material
 * @material: the material
 * @out_quantity: (out): the part's quantity in the material's unit
 * @error: return location for a %MKT_UNIT_ERROR
 *
 * Converts "2 skein" or "110 m" into the material's own unit (yd, say),
 * through the material's pack where the part names it.
 */
gboolean
mkt_cost_part_quantity (MktRecord    *part,
                        MktRecord    *material,
                        MktQuantity  *out_quantity,
                        GError      **error)
{
  return mkt_cost_convert_to_material (material, mkt_record_get_int (part, "quantity"),
                              mkt_record_get_string (part, "unit"), out_quantity, error);
}

/* Reading costs -------------------------------------------------------------- */

/**
 * mkt_cost_get:
 * @session: a session
 * @spec: %mkt_product_spec or %mkt_component_spec
 * @id: the row's id
 * @out_totals: (out caller-allocates): its cost for one
 * @error: return location for an error
 *
 * Reads the cached cost, computing it if there is none yet.
 */
gboolean
mkt_cost_get (MktSession           *session,
              const MktEntitySpec  *spec,
              const char           *id,
              MktCostTotals        *out_totals,
              GError              **error)
{
  g_auto(Calc) calc;

  g_return_val_if_fail (MKT_IS_SESSION (session), FALSE);
  g_return_val_if_fail (spec == &mkt_product_spec || spec == &mkt_component_spec, FALSE);

  /* Changes of the open transaction first: a run made in a batch must see
   * the purchases made before it in the batch. */
  if (!mkt_cost_flush (session, error))
    return FALSE;

  mkt_cost_calc_init (&calc, session);
  if (mkt_cost_read_cached (&calc, id, out_totals))
    return TRUE;

  return mkt_cost_calc_load_settings (&calc, error) &&
         mkt_cost_node_totals (&calc, spec, id, out_totals, NULL, error);
}

/**
 * mkt_cost_explain:
 * @session: a session
 * @spec: %mkt_product_spec or %mkt_component_spec
 * @id: the row's id
 * @error: return location for an error
 *
 * Computes the cost afresh as a tree: every material line with its quantity,
 * conversion and unit cost, every component with its own lines, labour and
 * overhead.
 *
 * Returns: (transfer full) (nullable): the root line
 */
MktCostLine *
mkt_cost_explain (MktSession           *session,
                  const MktEntitySpec  *spec,
                  const char           *id,
                  GError              **error)
{
  g_auto(Calc) calc;
  g_autoptr(MktCostLine) root = NULL;
  MktCostTotals totals;

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);
  g_return_val_if_fail (spec == &mkt_product_spec || spec == &mkt_component_spec, NULL);

  /* Settings changed in the open transaction count. */
  if (!mkt_cost_flush (session, error))
    return NULL;

  mkt_cost_calc_init (&calc, session);
  if (!mkt_cost_calc_load_settings (&calc, error))
    return NULL;

  root = mkt_cost_line_new (spec->name, id, NULL);
  root->quantity = MKT_QUANTITY_SCALE;
  if (!mkt_cost_node_totals (&calc, spec, id, &totals, root, error))
    return NULL;
  root->cost = totals.total_cost;

  return g_steal_pointer (&root);
}
