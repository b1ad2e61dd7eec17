/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-cost"

#include "config.h"

#include "mkt-cost-private.h"
#include "mkt-error.h"
#include "mkt-session-private.h"
#include "mkt-time.h"

/* -Wpedantic knows no 128-bit integers; gcc and clang do. */
G_GNUC_EXTENSION typedef __int128 Int128;

/* Recipes nest at most MKT_RECIPE_MAX_DEPTH, checked when a part is
 * written; this only guards against a database edited by hand. */
#define MAX_DEPTH (2 * MKT_RECIPE_MAX_DEPTH)

/* One computation: what it has read and computed so far. */
typedef struct
{
  MktSession   *session;
  MktStore     *store;
  const char   *tenant_id;
  MktSettings   settings;

  GHashTable   *materials;     /* id → MktRecord */
  GHashTable   *unit_costs;    /* material id → MktUnitCost */
  GHashTable   *totals;        /* node id → MktCostTotals, computed now */
  GHashTable   *affected;      /* node ids to compute; NULL: all */
  GHashTable   *visiting;      /* node ids on the current path */

  /* Preloaded for a full recompute; NULL when reading row by row. The
   * recipes of a whole catalogue are kept as compact lines, not records. */
  GStringChunk *strings;       /* ids the lines and maps point into */
  GHashTable   *lines;         /* parent id → GArray of Line */
  GHashTable   *purchases;     /* material id → GPtrArray of MktRecord */
  GHashTable   *labour;        /* node id → MktQuantity * (labour minutes) */
} Calc;

/* One recipe line, as the computation needs it. */
typedef struct
{
  const char  *child;          /* a material or component id */
  gboolean     is_material;
  MktQuantity  quantity;
  const char  *unit;           /* interned */
} Line;

static void
calc_init (Calc       *calc,
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

static void
calc_clear (Calc *calc)
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

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Calc, calc_clear)

static gboolean
calc_load_settings (Calc    *calc,
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
static MktCostValue
mul3_div (gint64 a,
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

static MktCostValue
mul_div (gint64 a,
         gint64 b,
         gint64 c)
{
  return mul3_div (a, b, 1, c);
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

  return mul3_div (unit_cost->cost, quantity, MKT_COST_SCALE, unit_cost->quantity);
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

/* From a material's purchases: the weighted average of all of them, or the
 * last one. A purchase without a cost does not count. */
static gboolean
purchases_cost (GPtrArray         *purchases,
                const MktSettings *settings,
                MktUnitCost       *out)
{
  MktRecord *last = NULL;
  MktMoney cost = 0;
  MktQuantity quantity = 0;

  for (guint i = 0; i < purchases->len; i++)
    {
      MktRecord *movement = g_ptr_array_index (purchases, i);

      if (!mkt_record_has (movement, "total_cost") || mkt_record_get_int (movement, "quantity") <= 0)
        continue;

      if (last == NULL ||
          mkt_record_get_int (movement, "occurred_at") > mkt_record_get_int (last, "occurred_at") ||
          (mkt_record_get_int (movement, "occurred_at") == mkt_record_get_int (last, "occurred_at") &&
           g_strcmp0 (mkt_record_get_id (movement), mkt_record_get_id (last)) > 0))
        last = movement;

      if (!mkt_money_add (cost, mkt_record_get_int (movement, "total_cost"), &cost, NULL) ||
          !mkt_quantity_add (quantity, mkt_record_get_int (movement, "quantity"), &quantity, NULL))
        return FALSE;
    }

  if (last == NULL)
    return FALSE;

  if (settings->cost_method == MKT_COST_LAST)
    {
      out->cost = mkt_record_get_int (last, "total_cost");
      out->quantity = mkt_record_get_int (last, "quantity");
      out->source = "last purchase";
    }
  else
    {
      out->cost = cost;
      out->quantity = quantity;
      out->source = "average";
    }

  return TRUE;
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

static gboolean
unit_cost_of (MktStore           *store,
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

      calc_init (&calc, session);
      if (!calc_load_settings (&calc, error))
        return FALSE;
      own = calc.settings;
      settings = &own;
    }

  return unit_cost_of (mkt_session_get_store (session), mkt_session_get_tenant_id (session),
                       material, NULL, settings, out_cost, error);
}

static gboolean
convert_to_material (MktRecord    *material,
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
  return convert_to_material (material, mkt_record_get_int (part, "quantity"),
                              mkt_record_get_string (part, "unit"), out_quantity, error);
}

/* Reading, row by row or from what a full recompute preloaded ----------------- */

static MktRecord *
calc_material (Calc        *calc,
               const char  *id,
               GError     **error)
{
  MktRecord *material = g_hash_table_lookup (calc->materials, id);

  if (material == NULL)
    {
      material = mkt_store_get (calc->store, &mkt_material_spec, calc->tenant_id, id, error);
      if (material == NULL)
        return NULL;
      g_hash_table_insert (calc->materials, g_strdup (id), material);
    }

  return material;
}

static const MktUnitCost *
calc_unit_cost (Calc       *calc,
                MktRecord  *material,
                GError    **error)
{
  const char *id = mkt_record_get_id (material);
  MktUnitCost *cost = g_hash_table_lookup (calc->unit_costs, id);
  GPtrArray *purchases = NULL;

  if (cost != NULL)
    return cost;

  if (calc->purchases != NULL)
    {
      purchases = g_hash_table_lookup (calc->purchases, id);
      if (purchases == NULL)
        {
          /* Preloaded, and none: an empty list, not a reason to ask again. */
          purchases = g_ptr_array_new ();
          g_hash_table_insert (calc->purchases, g_strdup (id), purchases);
        }
    }

  cost = g_new0 (MktUnitCost, 1);
  if (!unit_cost_of (calc->store, calc->tenant_id, material, purchases, &calc->settings, cost, error))
    {
      g_free (cost);
      return NULL;
    }

  g_hash_table_insert (calc->unit_costs, g_strdup (id), cost);
  return cost;
}

static const char *
parent_field (const MktEntitySpec *spec)
{
  return spec == &mkt_product_spec ? "product_id" : "parent_component_id";
}

static Line
line_from_part (Calc      *calc,
                MktRecord *part)
{
  const char *material = mkt_record_get_string (part, "material_id");

  return (Line) {
    .child = g_string_chunk_insert_const (calc->strings,
                                          material ? material : mkt_record_get_string (part, "component_id")),
    .is_material = material != NULL,
    .quantity = mkt_record_get_int (part, "quantity"),
    .unit = g_intern_string (mkt_record_get_string (part, "unit")),
  };
}

/* The active recipe lines of a product or component. */
static GArray *
calc_lines (Calc                 *calc,
            const MktEntitySpec  *spec,
            const char           *id,
            GError              **error)
{
  g_autoptr(MktQuery) query = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  GArray *lines;

  if (calc->lines != NULL)
    {
      lines = g_hash_table_lookup (calc->lines, id);
      return lines != NULL ? g_array_ref (lines) : g_array_new (FALSE, FALSE, sizeof (Line));
    }

  query = mkt_query_new ();
  mkt_query_add_filter (query, parent_field (spec), MKT_FILTER_EQ, g_variant_new_string (id));
  parts = mkt_store_list (calc->store, &mkt_part_spec, calc->tenant_id, query, NULL, error);
  if (parts == NULL)
    return NULL;

  lines = g_array_sized_new (FALSE, FALSE, sizeof (Line), parts->len);
  for (guint i = 0; i < parts->len; i++)
    {
      Line line = line_from_part (calc, g_ptr_array_index (parts, i));
      g_array_append_val (lines, line);
    }

  return lines;
}

/* The labour minutes of a product or component, and its name for a
 * breakdown (read only then). */
static gboolean
calc_labour (Calc                 *calc,
             const MktEntitySpec  *spec,
             const char           *id,
             gboolean              want_name,
             MktQuantity          *out_minutes,
             char                **out_name,
             GError              **error)
{
  g_autoptr(MktRecord) node = NULL;
  MktQuantity *minutes;

  if (!want_name && calc->labour != NULL && (minutes = g_hash_table_lookup (calc->labour, id)) != NULL)
    {
      *out_minutes = *minutes;
      return TRUE;
    }

  node = mkt_store_get (calc->store, spec, calc->tenant_id, id, error);
  if (node == NULL)
    return FALSE;

  *out_minutes = mkt_record_get_int (node, "labour_minutes");
  if (out_name != NULL)
    *out_name = g_strdup (mkt_record_get_title (node));
  return TRUE;
}

static gboolean
read_cached (Calc           *calc,
             const char     *id,
             MktCostTotals  *out)
{
  g_autoptr(MktRecord) row = mkt_store_get (calc->store, &mkt_cost_spec, calc->tenant_id, id, NULL);

  if (row == NULL)
    return FALSE;

  *out = (MktCostTotals) {
    .material_cost = mkt_record_get_int (row, "material_cost"),
    .labour_minutes = mkt_record_get_int (row, "labour_minutes"),
    .labour_cost = mkt_record_get_int (row, "labour_cost"),
    .overhead_cost = mkt_record_get_int (row, "overhead_cost"),
    .total_cost = mkt_record_get_int (row, "total_cost"),
    .unpriced = mkt_record_get_int (row, "unpriced"),
  };
  return TRUE;
}

/* Computing ------------------------------------------------------------------ */

static gboolean node_totals (Calc                 *calc,
                             const MktEntitySpec  *spec,
                             const char           *id,
                             MktCostTotals        *out,
                             MktCostLine          *explain,
                             GError              **error);

static MktCostLine *
line_new (const char *kind,
          const char *id,
          const char *name)
{
  MktCostLine *line = g_new0 (MktCostLine, 1);

  line->kind = g_strdup (kind);
  line->id = g_strdup (id);
  line->name = g_strdup (name);
  return line;
}

void
mkt_cost_line_free (MktCostLine *line)
{
  if (line == NULL)
    return;

  g_free (line->kind);
  g_free (line->id);
  g_free (line->name);
  g_free (line->unit);
  g_free (line->base_unit);
  g_clear_pointer (&line->children, g_ptr_array_unref);
  g_free (line);
}

static void
line_add (MktCostLine *parent,
          MktCostLine *child)
{
  if (parent->children == NULL)
    parent->children = g_ptr_array_new_with_free_func ((GDestroyNotify)mkt_cost_line_free);
  g_ptr_array_add (parent->children, child);
}

/* One material line: the unit cost times the quantity in the material's
 * unit, exactly, in millionths of a minor unit. */
static gboolean
material_part (Calc           *calc,
               const Line     *part,
               MktCostTotals  *totals,
               MktCostLine    *explain,
               GError        **error)
{
  MktRecord *material = calc_material (calc, part->child, error);
  g_autoptr(GError) unit_error = NULL;
  const MktUnitCost *unit_cost;
  MktQuantity quantity = 0;
  MktCostValue cost = 0;
  gboolean priced;

  if (material == NULL)
    return FALSE;

  unit_cost = calc_unit_cost (calc, material, error);
  if (unit_cost == NULL)
    return FALSE;

  /* Parts are checked when they are written; a material whose unit was
   * changed by hand since is shown as unpriced rather than stopping every
   * cost of the business. */
  priced = convert_to_material (material, part->quantity, part->unit, &quantity, &unit_error) &&
           !g_str_equal (unit_cost->source, "none");
  if (priced)
    cost = mkt_cost_for_quantity (unit_cost, quantity);
  else
    totals->unpriced++;

  totals->material_cost += cost;

  if (explain != NULL)
    {
      g_autofree char *label = mkt_record_dup_label (material);
      MktCostLine *line = line_new ("material", mkt_record_get_id (material), label);

      line->quantity = part->quantity;
      line->unit = g_strdup (part->unit);
      line->base_quantity = quantity;
      line->base_unit = g_strdup (mkt_record_get_string (material, "unit"));
      line->unit_cost = *unit_cost;
      if (unit_error != NULL)
        line->unit_cost.source = "unit does not convert";
      line->cost = cost;
      line_add (explain, line);
    }

  return TRUE;
}

/* One component line: the component's own cost for one, times how many. */
static gboolean
component_part (Calc           *calc,
                const Line     *part,
                MktCostTotals  *totals,
                MktCostLine    *explain,
                GError        **error)
{
  const char *id = part->child;
  MktQuantity count = part->quantity;
  MktCostLine *line = NULL;
  MktCostTotals child;

  if (explain != NULL)
    line = line_new ("component", id, NULL);

  if (!node_totals (calc, &mkt_component_spec, id, &child, line, error))
    {
      mkt_cost_line_free (line);
      return FALSE;
    }

  /* A component is counted in pieces: the part's unit was checked to be pc. */
  totals->material_cost += mul_div (child.material_cost, count, MKT_QUANTITY_SCALE);
  totals->labour_minutes += mul_div (child.labour_minutes, count, MKT_QUANTITY_SCALE);
  totals->unpriced += child.unpriced;

  if (line != NULL)
    {
      line->quantity = count;
      line->unit = g_strdup (part->unit);
      line->cost = mul_div (child.material_cost + child.labour_cost, count, MKT_QUANTITY_SCALE);
      line_add (explain, line);
    }

  return TRUE;
}

/* The totals of one product or component, for one item. Components it
 * contains come from this computation, or from the cache when the change
 * being followed cannot reach them. */
static gboolean
node_totals (Calc                 *calc,
             const MktEntitySpec  *spec,
             const char           *id,
             MktCostTotals        *out,
             MktCostLine          *explain,
             GError              **error)
{
  g_autoptr(GArray) lines = NULL;
  g_autofree char *name = NULL;
  MktCostTotals totals = { 0 };
  MktCostTotals *memo;
  MktQuantity own_minutes;
  const char *key;

  memo = g_hash_table_lookup (calc->totals, id);
  if (memo != NULL && explain == NULL)
    {
      *out = *memo;
      return TRUE;
    }

  if (explain == NULL && calc->affected != NULL &&
      !g_hash_table_contains (calc->affected, id) && read_cached (calc, id, out))
    return TRUE;

  if (g_hash_table_contains (calc->visiting, id) || g_hash_table_size (calc->visiting) > MAX_DEPTH)
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT,
                   "The recipe of %s %s contains itself", spec->name, id);
      return FALSE;
    }

  if (!calc_labour (calc, spec, id, explain != NULL, &own_minutes, explain ? &name : NULL, error))
    return FALSE;
  lines = calc_lines (calc, spec, id, error);
  if (lines == NULL)
    return FALSE;

  if (explain != NULL)
    {
      g_free (explain->name);
      explain->name = g_steal_pointer (&name);
      g_free (explain->id);
      explain->id = g_strdup (id);
    }

  key = g_string_chunk_insert_const (calc->strings, id);
  g_hash_table_add (calc->visiting, (gpointer)key);

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);
      gboolean ok;

      if (line->is_material)
        ok = material_part (calc, line, &totals, explain, error);
      else
        ok = component_part (calc, line, &totals, explain, error);

      if (!ok)
        {
          g_hash_table_remove (calc->visiting, key);
          return FALSE;
        }
    }

  g_hash_table_remove (calc->visiting, key);

  totals.labour_minutes += own_minutes;
  /* rate per hour × minutes (in millionths) / 60 = millionths of a minor unit */
  totals.labour_cost = mul_div (calc->settings.labour_rate, totals.labour_minutes, 60);

  if (spec == &mkt_product_spec)
    totals.overhead_cost = mul3_div (totals.material_cost + totals.labour_cost,
                                     calc->settings.overhead_percent, 1, 100 * MKT_QUANTITY_SCALE) +
                           calc->settings.overhead_fixed * MKT_COST_SCALE;

  totals.total_cost = totals.material_cost + totals.labour_cost + totals.overhead_cost;

  if (explain != NULL)
    {
      explain->totals = totals;
      /* The node's own work: its components' work is in their lines, so
       * that the lines add up to the total. */
      if (own_minutes > 0)
        {
          MktCostLine *line = line_new ("labour", NULL, "Labour");

          line->quantity = own_minutes;
          line->unit = g_strdup ("min");
          line->cost = mul_div (calc->settings.labour_rate, own_minutes, 60);
          line_add (explain, line);
        }
      if (totals.overhead_cost > 0)
        {
          MktCostLine *line = line_new ("overhead", NULL, "Overhead");

          line->cost = totals.overhead_cost;
          line_add (explain, line);
        }
    }

  g_hash_table_replace (calc->totals, g_strdup (id), g_memdup2 (&totals, sizeof totals));
  *out = totals;
  return TRUE;
}

/* Writing -------------------------------------------------------------------- */

/* Stores @totals as the cache of @id, and audits a product's cost change. */
static gboolean
store_totals (Calc                 *calc,
              const MktEntitySpec  *spec,
              const char           *id,
              const MktCostTotals  *totals,
              GError              **error)
{
  g_autoptr(MktRecord) row = mkt_record_new (&mkt_cost_spec);
  MktCostTotals old;
  gboolean had_old;

  had_old = read_cached (calc, id, &old);
  if (had_old && memcmp (&old, totals, sizeof old) == 0)
    return TRUE;

  mkt_record_set_id (row, id);
  mkt_record_set_tenant_id (row, calc->tenant_id);
  mkt_record_set_meta (row, mkt_session_now (calc->session), 0, 0, NULL);
  mkt_record_set_string (row, spec == &mkt_product_spec ? "product_id" : "component_id", id);
  mkt_record_set_int (row, "material_cost", totals->material_cost);
  mkt_record_set_int (row, "labour_minutes", totals->labour_minutes);
  mkt_record_set_int (row, "labour_cost", totals->labour_cost);
  mkt_record_set_int (row, "overhead_cost", totals->overhead_cost);
  mkt_record_set_int (row, "total_cost", totals->total_cost);
  mkt_record_set_int (row, "unpriced", totals->unpriced);

  if (!mkt_store_insert (calc->store, row, error))
    return FALSE;

  /* What a crafter prices by changed: say so in the activity log. */
  if (spec == &mkt_product_spec && had_old && mkt_cost_round (old.total_cost) != mkt_cost_round (totals->total_cost))
    {
      g_autofree char *old_values = g_strdup_printf ("{\"cost\":%" G_GINT64_FORMAT "}", mkt_cost_round (old.total_cost));
      g_autofree char *new_values = g_strdup_printf ("{\"cost\":%" G_GINT64_FORMAT "}", mkt_cost_round (totals->total_cost));

      return mkt_session_write_audit (calc->session, &mkt_product_spec, id, "cost",
                                      old_values, new_values, error);
    }

  return TRUE;
}

static gboolean
compute_and_store (Calc                 *calc,
                   const MktEntitySpec  *spec,
                   const char           *id,
                   GError              **error)
{
  MktCostTotals totals;

  return node_totals (calc, spec, id, &totals, NULL, error) &&
         store_totals (calc, spec, id, &totals, error);
}

/* Incremental ---------------------------------------------------------------- */

/* Adds the parents of every part that uses @child (a material or component)
 * to @components and @products. */
static gboolean
add_users (Calc        *calc,
           const char  *child_field,
           const char  *child_id,
           GHashTable  *components,
           GQueue      *pending,
           GHashTable  *products,
           GError     **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) parts = NULL;

  mkt_query_add_filter (query, child_field, MKT_FILTER_EQ, g_variant_new_string (child_id));
  parts = mkt_store_list (calc->store, &mkt_part_spec, calc->tenant_id, query, NULL, error);
  if (parts == NULL)
    return FALSE;

  for (guint i = 0; i < parts->len; i++)
    {
      MktRecord *part = g_ptr_array_index (parts, i);
      const char *product = mkt_record_get_string (part, "product_id");
      const char *component = mkt_record_get_string (part, "parent_component_id");

      if (product != NULL)
        g_hash_table_add (products, g_strdup (product));
      else if (component != NULL && g_hash_table_add (components, g_strdup (component)))
        g_queue_push_tail (pending, g_strdup (component));
    }

  return TRUE;
}

/**
 * mkt_cost_recompute_from:
 * @session: a session, in the transaction of the change
 * @material_ids: (nullable) (array zero-terminated=1): materials whose cost
 *   changed
 * @component_ids: (nullable) (array zero-terminated=1): components whose
 *   recipe or labour changed
 * @product_ids: (nullable) (array zero-terminated=1): products whose recipe
 *   or labour changed
 * @out_n_nodes: (out) (optional): how many products and components were
 *   computed
 * @error: return location for an error
 *
 * Recomputes the cached cost of exactly what the change can reach: the
 * given components and products and, walking the recipes upwards, every
 * component and product that contains them. Product cost changes are
 * audited.
 */
gboolean
mkt_cost_recompute_from (MktSession          *session,
                         const char * const  *material_ids,
                         const char * const  *component_ids,
                         const char * const  *product_ids,
                         guint               *out_n_nodes,
                         GError             **error)
{
  g_auto(Calc) calc;
  g_autoptr(GHashTable) components = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) products = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GQueue pending = G_QUEUE_INIT;
  GHashTableIter iter;
  gpointer key;
  gboolean ok = TRUE;

  g_return_val_if_fail (MKT_IS_SESSION (session), FALSE);

  calc_init (&calc, session);
  if (!calc_load_settings (&calc, error))
    return FALSE;

  for (guint i = 0; material_ids != NULL && material_ids[i] != NULL && ok; i++)
    ok = add_users (&calc, "material_id", material_ids[i], components, &pending, products, error);
  for (guint i = 0; component_ids != NULL && component_ids[i] != NULL; i++)
    if (g_hash_table_add (components, g_strdup (component_ids[i])))
      g_queue_push_tail (&pending, g_strdup (component_ids[i]));
  for (guint i = 0; product_ids != NULL && product_ids[i] != NULL; i++)
    g_hash_table_add (products, g_strdup (product_ids[i]));

  /* Upwards: whatever contains a reached component is reached too. */
  while (ok && !g_queue_is_empty (&pending))
    {
      g_autofree char *component = g_queue_pop_head (&pending);
      ok = add_users (&calc, "component_id", component, components, &pending, products, error);
    }
  g_queue_clear_full (&pending, g_free);
  if (!ok)
    return FALSE;

  calc.affected = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, components);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (calc.affected, key);
  g_hash_table_iter_init (&iter, products);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (calc.affected, key);

  g_hash_table_iter_init (&iter, components);
  while (ok && g_hash_table_iter_next (&iter, &key, NULL))
    ok = compute_and_store (&calc, &mkt_component_spec, key, error);
  g_hash_table_iter_init (&iter, products);
  while (ok && g_hash_table_iter_next (&iter, &key, NULL))
    ok = compute_and_store (&calc, &mkt_product_spec, key, error);

  if (ok && out_n_nodes != NULL)
    *out_n_nodes = g_hash_table_size (calc.affected);

  return ok;
}

/* Full ----------------------------------------------------------------------- */

/* Reads every row a query selects a page at a time, so that a catalogue of
 * a quarter of a million recipe lines is never in memory as records. */
typedef gboolean (*RowFunc) (Calc       *calc,
                             MktRecord  *row,
                             gpointer    data,
                             GError    **error);

#define PAGE_SIZE 4096

static gboolean
for_each_row (Calc                 *calc,
              const MktEntitySpec  *spec,
              MktQuery             *query,
              RowFunc               func,
              gpointer              data,
              GError              **error)
{
  g_autofree char *cursor = NULL;

  mkt_query_set_limit (query, PAGE_SIZE);

  do
    {
      g_autoptr(GPtrArray) rows = NULL;
      g_autofree char *next = NULL;

      mkt_query_set_cursor (query, cursor);
      rows = mkt_store_list (calc->store, spec, calc->tenant_id, query, &next, error);
      if (rows == NULL)
        return FALSE;

      for (guint i = 0; i < rows->len; i++)
        if (!func (calc, g_ptr_array_index (rows, i), data, error))
          return FALSE;

      g_free (cursor);
      cursor = g_steal_pointer (&next);
    }
  while (cursor != NULL);

  return TRUE;
}

static gboolean
keep_line (Calc       *calc,
           MktRecord  *part,
           gpointer    data,
           GError    **error)
{
  const char *parent = mkt_record_get_string (part, "product_id");
  GArray *lines;
  Line line;

  if (parent == NULL)
    parent = mkt_record_get_string (part, "parent_component_id");
  parent = g_string_chunk_insert_const (calc->strings, parent);

  lines = g_hash_table_lookup (calc->lines, parent);
  if (lines == NULL)
    {
      lines = g_array_sized_new (FALSE, FALSE, sizeof (Line), 4);
      g_hash_table_insert (calc->lines, (gpointer)parent, lines);
    }

  line = line_from_part (calc, part);
  g_array_append_val (lines, line);
  return TRUE;
}

static gboolean
keep_purchase (Calc       *calc,
               MktRecord  *movement,
               gpointer    data,
               GError    **error)
{
  const char *material = mkt_record_get_string (movement, "material_id");
  GPtrArray *group = g_hash_table_lookup (calc->purchases, material);

  if (group == NULL)
    {
      group = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (calc->purchases, g_strdup (material), group);
    }
  g_ptr_array_add (group, g_object_ref (movement));
  return TRUE;
}

static gboolean
keep_material (Calc       *calc,
               MktRecord  *material,
               gpointer    data,
               GError    **error)
{
  g_hash_table_insert (calc->materials, g_strdup (mkt_record_get_id (material)), g_object_ref (material));
  return TRUE;
}

/* Keeps a node's labour and, in @data, its id, to compute it later. */
static gboolean
keep_node (Calc       *calc,
           MktRecord  *node,
           gpointer    data,
           GError    **error)
{
  const char *id = g_string_chunk_insert_const (calc->strings, mkt_record_get_id (node));
  MktQuantity minutes = mkt_record_get_int (node, "labour_minutes");

  g_hash_table_insert (calc->labour, (gpointer)id, g_memdup2 (&minutes, sizeof minutes));
  if (data != NULL)
    g_ptr_array_add (data, (gpointer)id);
  return TRUE;
}

static gboolean
read_all (Calc                 *calc,
          const MktEntitySpec  *spec,
          MktDeletedFilter      deleted,
          const char           *kind,
          RowFunc               func,
          gpointer              data,
          GError              **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();

  mkt_query_set_deleted (query, deleted);
  if (kind != NULL)
    mkt_query_add_filter (query, "kind", MKT_FILTER_EQ, g_variant_new_string (kind));
  return for_each_row (calc, spec, query, func, data, error);
}

/**
 * mkt_cost_recompute_all:
 * @session: a session
 * @out_n_nodes: (out) (optional): how many products and components were
 *   computed
 * @error: return location for an error
 *
 * Recomputes the cost of every product and component, reading the
 * recipes, materials and purchases once. For a change every cost depends
 * on (the labour rate, the overhead, the cost method), and to check the
 * incremental path.
 */
gboolean
mkt_cost_recompute_all (MktSession  *session,
                        guint       *out_n_nodes,
                        GError     **error)
{
  g_auto(Calc) calc;
  g_autoptr(GPtrArray) components = g_ptr_array_new ();
  g_autoptr(GPtrArray) products = g_ptr_array_new ();
  gboolean ok = TRUE;

  g_return_val_if_fail (MKT_IS_SESSION (session), FALSE);

  calc_init (&calc, session);
  if (!calc_load_settings (&calc, error))
    return FALSE;

  calc.lines = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_array_unref);
  calc.purchases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  calc.labour = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  /* Deleted materials and components still count where recipes use them;
   * deleted products get theirs again when they are restored. */
  if (!read_all (&calc, &mkt_part_spec, MKT_DELETED_EXCLUDE, NULL, keep_line, NULL, error) ||
      !read_all (&calc, &mkt_material_spec, MKT_DELETED_INCLUDE, NULL, keep_material, NULL, error) ||
      !read_all (&calc, &mkt_stock_movement_spec, MKT_DELETED_EXCLUDE, "purchase", keep_purchase, NULL, error) ||
      !read_all (&calc, &mkt_component_spec, MKT_DELETED_INCLUDE, NULL, keep_node, components, error) ||
      !read_all (&calc, &mkt_product_spec, MKT_DELETED_EXCLUDE, NULL, keep_node, products, error))
    return FALSE;

  for (guint i = 0; ok && i < components->len; i++)
    ok = compute_and_store (&calc, &mkt_component_spec, g_ptr_array_index (components, i), error);
  for (guint i = 0; ok && i < products->len; i++)
    ok = compute_and_store (&calc, &mkt_product_spec, g_ptr_array_index (products, i), error);

  if (ok && out_n_nodes != NULL)
    *out_n_nodes = components->len + products->len;

  return ok;
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

  calc_init (&calc, session);
  if (read_cached (&calc, id, out_totals))
    return TRUE;

  return calc_load_settings (&calc, error) &&
         node_totals (&calc, spec, id, out_totals, NULL, error);
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

  calc_init (&calc, session);
  if (!calc_load_settings (&calc, error))
    return NULL;

  root = line_new (spec->name, id, NULL);
  root->quantity = MKT_QUANTITY_SCALE;
  if (!node_totals (&calc, spec, id, &totals, root, error))
    return NULL;
  root->cost = totals.total_cost;

  return g_steal_pointer (&root);
}

/* Following changes ---------------------------------------------------------- */

static gboolean
note (MktSession  *session,
      GHashTable **set,
      const char  *id)
{
  if (id == NULL)
    return TRUE;

  if (*set == NULL)
    *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (*set, g_strdup (id));
  return TRUE;
}

gboolean
mkt_cost_note_material (MktSession  *session,
                        const char  *material_id,
                        GError     **error)
{
  return note (session, &session->cost_materials, material_id);
}

gboolean
mkt_cost_note_component (MktSession  *session,
                         const char  *component_id,
                         GError     **error)
{
  return note (session, &session->cost_components, component_id);
}

gboolean
mkt_cost_note_product (MktSession  *session,
                       const char  *product_id,
                       GError     **error)
{
  return note (session, &session->cost_products, product_id);
}

gboolean
mkt_cost_note_everything (MktSession  *session,
                          GError     **error)
{
  session->cost_everything = TRUE;
  return TRUE;
}

void
mkt_cost_forget (MktSession *session)
{
  g_clear_pointer (&session->cost_materials, g_hash_table_unref);
  g_clear_pointer (&session->cost_components, g_hash_table_unref);
  g_clear_pointer (&session->cost_products, g_hash_table_unref);
  session->cost_everything = FALSE;
}

static char **
keys (GHashTable *set)
{
  return set != NULL ? (char **)g_hash_table_get_keys_as_array (set, NULL) : NULL;
}

/* Past this many noted changes in one batch (an import), one full pass reads
 * less than following each of them. */
#define FULL_RECOMPUTE_THRESHOLD 2000

/**
 * mkt_cost_flush:
 * @session: a session whose transaction is about to commit
 * @error: return location for an error
 *
 * Recomputes what the transaction's changes reached, in the transaction.
 */
gboolean
mkt_cost_flush (MktSession  *session,
                GError     **error)
{
  g_autofree char **materials = NULL;
  g_autofree char **components = NULL;
  g_autofree char **products = NULL;
  guint n_noted;
  gboolean ok;

  n_noted = (session->cost_materials ? g_hash_table_size (session->cost_materials) : 0) +
            (session->cost_components ? g_hash_table_size (session->cost_components) : 0) +
            (session->cost_products ? g_hash_table_size (session->cost_products) : 0);

  if (!session->cost_everything && n_noted == 0)
    return TRUE;

  if (session->cost_everything || n_noted > FULL_RECOMPUTE_THRESHOLD)
    {
      ok = mkt_cost_recompute_all (session, NULL, error);
      mkt_cost_forget (session);
      return ok;
    }

  materials = keys (session->cost_materials);
  components = keys (session->cost_components);
  products = keys (session->cost_products);
  ok = mkt_cost_recompute_from (session, (const char * const *)materials, (const char * const *)components,
                                (const char * const *)products, NULL, error);

  /* The keys belong to the sets: free the arrays, then the sets. */
  g_clear_pointer (&materials, g_free);
  g_clear_pointer (&components, g_free);
  g_clear_pointer (&products, g_free);
  mkt_cost_forget (session);
  return ok;
}
