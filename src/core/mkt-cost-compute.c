/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-cost"

#include "config.h"

#include <string.h>

#include "mkt-cost-private.h"
#include "mkt-error.h"
#include "mkt-session-private.h"
#include "mkt-time.h"

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
  if (!mkt_cost_unit_cost_of (calc->store, calc->tenant_id, material, purchases, &calc->settings, cost, error))
    {
      g_free (cost);
      return NULL;
    }

  g_hash_table_insert (calc->unit_costs, g_strdup (id), cost);
  return cost;
}

const char *
mkt_cost_parent_field (const MktEntitySpec *spec)
{
  return spec == &mkt_product_spec ? "product_id" : "parent_component_id";
}

Line
mkt_cost_line_from_part (Calc      *calc,
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
  mkt_query_add_filter (query, mkt_cost_parent_field (spec), MKT_FILTER_EQ, g_variant_new_string (id));
  parts = mkt_store_list (calc->store, &mkt_part_spec, calc->tenant_id, query, NULL, error);
  if (parts == NULL)
    return NULL;

  lines = g_array_sized_new (FALSE, FALSE, sizeof (Line), parts->len);
  for (guint i = 0; i < parts->len; i++)
    {
      Line line = mkt_cost_line_from_part (calc, g_ptr_array_index (parts, i));
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

gboolean
mkt_cost_read_cached (Calc           *calc,
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

MktCostLine *
mkt_cost_line_new (const char *kind,
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
  priced = mkt_cost_convert_to_material (material, part->quantity, part->unit, &quantity, &unit_error) &&
           !g_str_equal (unit_cost->source, "none");
  if (priced)
    cost = mkt_cost_for_quantity (unit_cost, quantity);
  else
    totals->unpriced++;

  totals->material_cost += cost;

  if (explain != NULL)
    {
      g_autofree char *label = mkt_record_dup_label (material);
      MktCostLine *line = mkt_cost_line_new ("material", mkt_record_get_id (material), label);

      calc->explained++;
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
    {
      line = mkt_cost_line_new ("component", id, NULL);
      calc->explained++;
    }

  if (line != NULL && calc->explained > MKT_COST_EXPLAIN_MAX_LINES)
    {
      g_autoptr(MktRecord) component = mkt_store_get (calc->store, &mkt_component_spec, calc->tenant_id, id, error);

      /* Its totals, not its lines. */
      if (component == NULL || !mkt_cost_node_totals (calc, &mkt_component_spec, id, &child, NULL, error))
        {
          mkt_cost_line_free (line);
          return FALSE;
        }
      line->name = g_strdup (mkt_record_get_title (component));
      line->totals = child;
    }
  else if (!mkt_cost_node_totals (calc, &mkt_component_spec, id, &child, line, error))
    {
      mkt_cost_line_free (line);
      return FALSE;
    }

  /* A component is counted in pieces: the part's unit was checked to be pc. */
  totals->material_cost += mkt_cost_mul_div (child.material_cost, count, MKT_QUANTITY_SCALE);
  totals->labour_minutes += mkt_cost_mul_div (child.labour_minutes, count, MKT_QUANTITY_SCALE);
  totals->unpriced += child.unpriced;

  if (line != NULL)
    {
      line->quantity = count;
      line->unit = g_strdup (part->unit);
      line->cost = mkt_cost_mul_div (child.material_cost + child.labour_cost, count, MKT_QUANTITY_SCALE);
      line_add (explain, line);
    }

  return TRUE;
}

/* The totals of one product or component, for one item. Components it
 * contains come from this computation, or from the cache when the change
 * being followed cannot reach them. */
gboolean
mkt_cost_node_totals (Calc                 *calc,
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
      !g_hash_table_contains (calc->affected, id) && mkt_cost_read_cached (calc, id, out))
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
  totals.labour_cost = mkt_cost_mul_div (calc->settings.labour_rate, totals.labour_minutes, 60);

  if (spec == &mkt_product_spec)
    totals.overhead_cost = mkt_cost_mul3_div (totals.material_cost + totals.labour_cost,
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
          MktCostLine *line = mkt_cost_line_new ("labour", NULL, "Labour");

          line->quantity = own_minutes;
          line->unit = g_strdup ("min");
          line->cost = mkt_cost_mul_div (calc->settings.labour_rate, own_minutes, 60);
          line_add (explain, line);
        }
      if (totals.overhead_cost > 0)
        {
          MktCostLine *line = mkt_cost_line_new ("overhead", NULL, "Overhead");

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

  had_old = mkt_cost_read_cached (calc, id, &old);
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

gboolean
mkt_cost_compute_and_store (Calc                 *calc,
                            const MktEntitySpec  *spec,
                            const char           *id,
                            GError              **error)
{
  MktCostTotals totals;

  return mkt_cost_node_totals (calc, spec, id, &totals, NULL, error) &&
         store_totals (calc, spec, id, &totals, error);
}
