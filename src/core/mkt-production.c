/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-production"

#include "config.h"

#include "mkt-cost.h"
#include "mkt-error.h"
#include "mkt-production.h"
#include "mkt-stock.h"

/* "Make N of product X": the materials its recipe needs, scaled through
 * every component and converted into each material's unit, go out of the
 * ledger; N finished items come in; the run keeps what they cost then. */

void
mkt_requirement_free (MktRequirement *requirement)
{
  g_clear_object (&requirement->material);
  g_free (requirement);
}

static gint64
scale (gint64 a,
       gint64 b)
{
  gint64 result;

  if (!mkt_mul_div_round_half_even (a, b, MKT_QUANTITY_SCALE, &result))
    return a > 0 ? G_MAXINT64 : G_MININT64;

  return result;
}

/* Adds what @count of the recipe of @id needs to @needs (material id →
 * MktRequirement). */
static gboolean
collect (MktSession           *session,
         const MktEntitySpec  *spec,
         const char           *id,
         MktQuantity           count,
         GHashTable           *needs,
         guint                 depth,
         GError              **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) parts = NULL;

  if (depth > 64)
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT,
                   "The recipe of %s %s nests too deep", spec->name, id);
      return FALSE;
    }

  mkt_query_add_filter (query, spec == &mkt_product_spec ? "product_id" : "parent_component_id",
                        MKT_FILTER_EQ, g_variant_new_string (id));
  parts = mkt_session_list (session, &mkt_part_spec, query, NULL, error);
  if (parts == NULL)
    return FALSE;

  for (guint i = 0; i < parts->len; i++)
    {
      MktRecord *part = g_ptr_array_index (parts, i);
      const char *material_id = mkt_record_get_string (part, "material_id");

      if (material_id == NULL)
        {
          MktQuantity inner = scale (count, mkt_record_get_int (part, "quantity"));

          if (!collect (session, &mkt_component_spec, mkt_record_get_string (part, "component_id"),
                        inner, needs, depth + 1, error))
            return FALSE;
        }
      else
        {
          MktRequirement *need = g_hash_table_lookup (needs, material_id);
          MktQuantity per_item;

          if (need == NULL)
            {
              need = g_new0 (MktRequirement, 1);
              need->material = mkt_session_get_any (session, &mkt_material_spec, material_id, error);
              if (need->material == NULL)
                {
                  g_free (need);
                  return FALSE;
                }
              g_hash_table_insert (needs, g_strdup (material_id), need);
            }

          if (!mkt_cost_part_quantity (part, need->material, &per_item, error) ||
              !mkt_quantity_add (need->needed, scale (count, per_item), &need->needed, error))
            return FALSE;
        }
    }

  return TRUE;
}

static int
compare_requirements (gconstpointer a,
                      gconstpointer b)
{
  const MktRequirement *ra = *(MktRequirement * const *)a;
  const MktRequirement *rb = *(MktRequirement * const *)b;

  g_autofree char *la = mkt_record_dup_label (ra->material);
  g_autofree char *lb = mkt_record_dup_label (rb->material);

  return g_utf8_collate (la, lb);
}

/**
 * mkt_production_requirements:
 * @session: a session
 * @product_id: the product to make
 * @count: how many (#MktQuantity)
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type MktRequirement): every
 *   material the run needs, with what is on hand, by name
 */
GPtrArray *
mkt_production_requirements (MktSession   *session,
                             const char   *product_id,
                             MktQuantity   count,
                             GError      **error)
{
  g_autoptr(GHashTable) needs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) on_hand = NULL;
  GPtrArray *requirements;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  requirements = g_ptr_array_new_with_free_func ((GDestroyNotify)mkt_requirement_free);

  if (!collect (session, &mkt_product_spec, product_id, count, needs, 0, error))
    {
      g_hash_table_iter_init (&iter, needs);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        mkt_requirement_free (value);
      g_ptr_array_unref (requirements);
      return NULL;
    }

  g_hash_table_iter_init (&iter, needs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (requirements, value);
  g_ptr_array_sort (requirements, compare_requirements);

  on_hand = mkt_stock_on_hand_all (session, &mkt_material_spec, error);
  if (on_hand == NULL)
    {
      g_ptr_array_unref (requirements);
      return NULL;
    }

  for (guint i = 0; i < requirements->len; i++)
    {
      MktRequirement *requirement = g_ptr_array_index (requirements, i);
      requirement->on_hand = mkt_stock_on_hand_lookup (on_hand, mkt_record_get_id (requirement->material));
    }

  return requirements;
}

static void
set_shortage_error (GPtrArray  *requirements,
                    GError    **error)
{
  GString *text = g_string_new ("Not enough on hand for this run (a forced run goes ahead anyway):");

  for (guint i = 0; i < requirements->len; i++)
    {
      MktRequirement *requirement = g_ptr_array_index (requirements, i);
      g_autofree char *needed = NULL;
      g_autofree char *on_hand = NULL;
      g_autofree char *label = NULL;

      if (requirement->needed <= requirement->on_hand)
        continue;

      needed = mkt_quantity_format (requirement->needed);
      on_hand = mkt_quantity_format (requirement->on_hand);
      label = mkt_record_dup_label (requirement->material);
      g_string_append_printf (text, "\n  %s: needs %s %s, %s %s on hand", label,
                              needed, mkt_record_get_string (requirement->material, "unit"), on_hand,
                              mkt_record_get_string (requirement->material, "unit"));
    }

  g_set_error_literal (error, MKT_STOCK_ERROR, MKT_STOCK_ERROR_SHORTAGE, text->str);
  g_string_free (text, TRUE);
}

static gboolean
write_run (MktSession     *session,
           MktRecord      *product,
           MktQuantity     count,
           gboolean        force,
           GPtrArray      *requirements,
           MktRecord     **out_run,
           GError        **error)
{
  g_autoptr(MktRecord) run = mkt_record_new (&mkt_production_run_spec);
  g_autoptr(MktRecord) output = mkt_record_new (&mkt_product_movement_spec);
  g_autofree char *reference = NULL;
  MktCostTotals totals;
  MktMoney material, labour, overhead, total, unit;
  gint64 now = mkt_session_now (session);

  if (!mkt_cost_get (session, &mkt_product_spec, mkt_record_get_id (product), &totals, error))
    return FALSE;

  /* The total is the product's exact cost times N, rounded once, so one
   * item made costs what the product costs; overhead takes what rounding
   * the parts leaves, so that they add up to it. */
  total = mkt_cost_round (scale (totals.total_cost, count));
  material = mkt_cost_round (scale (totals.material_cost, count));
  labour = mkt_cost_round (scale (totals.labour_cost, count));
  overhead = total - material - labour;

  /* Material and labour both rounded up, the total down: take the cent
   * back from them rather than show a negative overhead. */
  if (overhead < 0)
    {
      labour += overhead;
      overhead = 0;
      if (labour < 0)
        {
          material += labour;
          labour = 0;
        }
    }

  mkt_record_set_string (run, "product_id", mkt_record_get_id (product));
  mkt_record_set_int (run, "quantity", count);
  mkt_record_set_int (run, "material_cost", material);
  mkt_record_set_int (run, "labour_cost", labour);
  mkt_record_set_int (run, "overhead_cost", overhead);
  mkt_record_set_int (run, "total_cost", total);
  if (!mkt_mul_div_round_half_even (total, MKT_QUANTITY_SCALE, count, &unit))
    unit = 0;
  mkt_record_set_int (run, "unit_cost", unit);
  mkt_record_set_int (run, "forced", force ? 1 : 0);
  mkt_record_set_int (run, "occurred_at", now);
  if (!mkt_session_create (session, run, error))
    return FALSE;

  reference = g_strdup_printf ("Production run of %s", mkt_record_get_title (product));

  for (guint i = 0; i < requirements->len; i++)
    {
      MktRequirement *requirement = g_ptr_array_index (requirements, i);
      g_autoptr(MktRecord) use = mkt_record_new (&mkt_stock_movement_spec);
      MktUnitCost unit_cost;

      if (requirement->needed == 0)
        continue;

      if (!mkt_cost_material_unit_cost (session, requirement->material, NULL, &unit_cost, error))
        return FALSE;

      mkt_record_set_string (use, "material_id", mkt_record_get_id (requirement->material));
      mkt_record_set_string (use, "kind", "production_use");
      mkt_record_set_int (use, "quantity", -requirement->needed);
      mkt_record_set_int (use, "total_cost",
                          mkt_cost_round (mkt_cost_for_quantity (&unit_cost, requirement->needed)));
      mkt_record_set_int (use, "occurred_at", now);
      mkt_record_set_string (use, "reference", reference);
      mkt_record_set_string (use, "production_run_id", mkt_record_get_id (run));
      if (!mkt_session_create (session, use, error))
        return FALSE;
    }

  mkt_record_set_string (output, "product_id", mkt_record_get_id (product));
  mkt_record_set_string (output, "kind", "production_output");
  mkt_record_set_int (output, "quantity", count);
  mkt_record_set_int (output, "total_cost", total);
  mkt_record_set_int (output, "occurred_at", now);
  mkt_record_set_string (output, "reference", reference);
  mkt_record_set_string (output, "production_run_id", mkt_record_get_id (run));
  if (!mkt_session_create (session, output, error))
    return FALSE;

  if (out_run != NULL)
    *out_run = g_steal_pointer (&run);
  return TRUE;
}

/**
 * mkt_production_make:
 * @session: a session
 * @product_id: the product to make
 * @count: how many (#MktQuantity, more than 0)
 * @force: make it even with too little material on hand (the ledger goes
 *   negative and the low-stock list shows it)
 * @out_requirements: (out) (optional) (transfer container) (element-type MktRequirement):
 *   what the run needs, with what was on hand; set also when it is refused
 * @error: return location for an error (%MKT_STOCK_ERROR_SHORTAGE listing
 *   what is short)
 *
 * In one transaction: the run, with its cost snapshot; one production_use
 * movement per material; one production_output movement of the product.
 * Nothing of it is kept if any step fails.
 *
 * Returns: (transfer full) (nullable): the production run
 */
MktRecord *
mkt_production_make (MktSession   *session,
                     const char   *product_id,
                     MktQuantity   count,
                     gboolean      force,
                     GPtrArray   **out_requirements,
                     GError      **error)
{
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(GPtrArray) requirements = NULL;
  MktRecord *run = NULL;
  gboolean short_of_something = FALSE;

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  if (out_requirements != NULL)
    *out_requirements = NULL;

  if (count <= 0)
    {
      mkt_set_validation_error (error, "quantity", MKT_VALIDATION_ERROR_OUT_OF_RANGE, "must be more than 0");
      return NULL;
    }

  product = mkt_session_get (session, &mkt_product_spec, product_id, error);
  if (product == NULL)
    return NULL;

  if (!mkt_session_begin (session, error))
    return NULL;

  requirements = mkt_production_requirements (session, product_id, count, error);
  if (requirements == NULL)
    {
      mkt_session_rollback (session);
      return NULL;
    }

  for (guint i = 0; i < requirements->len; i++)
    {
      MktRequirement *requirement = g_ptr_array_index (requirements, i);
      short_of_something |= requirement->needed > requirement->on_hand;
    }

  if (short_of_something && !force)
    {
      set_shortage_error (requirements, error);
      mkt_session_rollback (session);
      if (out_requirements != NULL)
        *out_requirements = g_steal_pointer (&requirements);
      return NULL;
    }

  if (!write_run (session, product, count, short_of_something, requirements, &run, error))
    {
      mkt_session_rollback (session);
      return NULL;
    }

  if (!mkt_session_commit (session, error))
    {
      g_clear_object (&run);
      return NULL;
    }

  if (out_requirements != NULL)
    *out_requirements = g_steal_pointer (&requirements);
  return run;
}
