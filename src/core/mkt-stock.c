/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-stock"

#include "config.h"

#include "mkt-error.h"
#include "mkt-stock.h"
#include "mkt-unit.h"

/* -Wpedantic knows no 128-bit integers; gcc and clang do. */
G_GNUC_EXTENSION typedef __int128 Int128;

/* On-hand is never stored: it is the sum of a ledger of movements, one
 * ledger for materials (stock_movement) and one for finished products
 * (product_movement). Nothing here sets on-hand; it appends movements. */

/**
 * mkt_stock_ledger_for:
 * @item_spec: %mkt_material_spec or %mkt_product_spec
 *
 * Returns: (transfer none): the ledger of that kind of item
 */
const MktEntitySpec *
mkt_stock_ledger_for (const MktEntitySpec *item_spec)
{
  g_return_val_if_fail (item_spec == &mkt_material_spec || item_spec == &mkt_product_spec, NULL);

  return item_spec == &mkt_material_spec ? &mkt_stock_movement_spec : &mkt_product_movement_spec;
}

static const char *
item_field (const MktEntitySpec *item_spec)
{
  return item_spec == &mkt_material_spec ? "material_id" : "product_id";
}

/* Rows of a ledger read at a time for a whole shop. */
#define LEDGER_PAGE 2000

typedef struct
{
  GHashTable          *on_hand;
  const MktEntitySpec *item_spec;
} OnHand;

static gboolean
add_movements (GPtrArray  *movements,
               gpointer    data,
               GError    **error)
{
  OnHand *sums = data;
  const char *field = item_field (sums->item_spec);

  for (guint i = 0; i < movements->len; i++)
    {
      MktRecord *movement = g_ptr_array_index (movements, i);
      const char *item_id = mkt_record_get_string (movement, field);
      gint64 *sum = g_hash_table_lookup (sums->on_hand, item_id);

      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (sums->on_hand, g_strdup (item_id), sum);
        }

      if (!mkt_quantity_add (*sum, mkt_record_get_int (movement, "quantity"), sum, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * mkt_stock_on_hand_all:
 * @session: a session
 * @item_spec: %mkt_material_spec or %mkt_product_spec
 * @error: return location for an error
 *
 * Sums the whole ledger once.
 *
 * Returns: (transfer full) (element-type utf8 gint64): item id → on-hand;
 *   items without movements are absent (on-hand 0)
 */
GHashTable *
mkt_stock_on_hand_all (MktSession           *session,
                       const MktEntitySpec  *item_spec,
                       GError              **error)
{
  g_autoptr(GHashTable) on_hand = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  OnHand sums = { on_hand, item_spec };

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);

  /* A page at a time: a shop's whole ledger is never in memory at once. */
  if (!mkt_session_list_pages (session, mkt_stock_ledger_for (item_spec), NULL, LEDGER_PAGE,
                               add_movements, &sums, error))
    return NULL;

  return g_steal_pointer (&on_hand);
}

/**
 * mkt_stock_on_hand_sum:
 * @item_spec: %mkt_material_spec or %mkt_product_spec
 * @movements: (element-type MktRecord): the whole ledger of @item_spec,
 *   as mkt_session_list() reads it (for a caller that reads it for more)
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type utf8 gint64): what
 *   mkt_stock_on_hand_all() returns
 */
GHashTable *
mkt_stock_on_hand_sum (const MktEntitySpec  *item_spec,
                       GPtrArray            *movements,
                       GError              **error)
{
  g_autoptr(GHashTable) on_hand = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  OnHand sums = { on_hand, item_spec };

  g_return_val_if_fail (movements != NULL, NULL);

  if (!add_movements (movements, &sums, error))
    return NULL;

  return g_steal_pointer (&on_hand);
}

/**
 * mkt_stock_on_hand_lookup:
 * @on_hand: what mkt_stock_on_hand_all() returned
 * @item_id: a material or product
 *
 * Returns: its on-hand quantity
 */
MktQuantity
mkt_stock_on_hand_lookup (GHashTable *on_hand,
                          const char *item_id)
{
  gint64 *sum = g_hash_table_lookup (on_hand, item_id);

  return sum != NULL ? *sum : 0;
}

/**
 * mkt_stock_on_hand:
 * @session: a session
 * @item_spec: %mkt_material_spec or %mkt_product_spec
 * @item_id: the item
 * @at: a time in microseconds: on-hand as the ledger says it was then
 *   (movements that occurred at @at included); 0 for now, every movement
 * @out_quantity: (out): the quantity, in the item's unit
 * @error: return location for an error
 */
gboolean
mkt_stock_on_hand (MktSession           *session,
                   const MktEntitySpec  *item_spec,
                   const char           *item_id,
                   gint64                at,
                   MktQuantity          *out_quantity,
                   GError              **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) movements = NULL;
  MktQuantity sum = 0;

  g_return_val_if_fail (MKT_IS_SESSION (session), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);
  g_return_val_if_fail (out_quantity != NULL, FALSE);

  mkt_query_add_filter (query, item_field (item_spec), MKT_FILTER_EQ, g_variant_new_string (item_id));
  if (at != 0)
    mkt_query_add_filter (query, "occurred_at", MKT_FILTER_LE, g_variant_new_int64 (at));

  movements = mkt_session_list (session, mkt_stock_ledger_for (item_spec), query, NULL, error);
  if (movements == NULL)
    return FALSE;

  for (guint i = 0; i < movements->len; i++)
    if (!mkt_quantity_add (sum, mkt_record_get_int (g_ptr_array_index (movements, i), "quantity"), &sum, error))
      return FALSE;

  *out_quantity = sum;
  return TRUE;
}

/**
 * mkt_stock_to_item_unit:
 * @item: a material or product
 * @quantity: an amount in @unit
 * @unit: (nullable): a unit, or the material's pack ("skein"); %NULL for the
 *   item's own unit
 * @out_quantity: (out): @quantity in the item's unit
 * @error: return location for a %MKT_UNIT_ERROR
 *
 * Products are counted in pieces.
 */
gboolean
mkt_stock_to_item_unit (MktRecord    *item,
                        MktQuantity   quantity,
                        const char   *unit,
                        MktQuantity  *out_quantity,
                        GError      **error)
{
  const char *item_unit = "pc";
  MktPack pack = { 0 };

  if (mkt_record_get_spec (item) == &mkt_material_spec)
    {
      item_unit = mkt_record_get_string (item, "unit");
      pack.name = mkt_record_get_string (item, "purchase_unit");
      pack.size = mkt_record_get_int (item, "purchase_size");
      pack.unit = mkt_unit_lookup (item_unit);
    }

  if (unit == NULL)
    {
      *out_quantity = quantity;
      return TRUE;
    }

  return mkt_unit_convert_named (quantity, unit, item_unit, pack.name ? &pack : NULL, out_quantity, error);
}

static MktRecord *
append (MktSession  *session,
        MktRecord   *item,
        const char  *kind,
        MktQuantity  quantity,
        gboolean     has_cost,
        MktMoney     total_cost,
        gint64       at,
        const char  *reference,
        const char  *reason,
        GError     **error)
{
  const MktEntitySpec *item_spec = mkt_record_get_spec (item);
  g_autoptr(MktRecord) movement = mkt_record_new (mkt_stock_ledger_for (item_spec));

  mkt_record_set_string (movement, item_field (item_spec), mkt_record_get_id (item));
  mkt_record_set_string (movement, "kind", kind);
  mkt_record_set_int (movement, "quantity", quantity);
  if (has_cost)
    mkt_record_set_int (movement, "total_cost", total_cost);
  mkt_record_set_int (movement, "occurred_at", at != 0 ? at : mkt_session_now (session));
  if (reference != NULL && reference[0] != '\0')
    mkt_record_set_string (movement, "reference", reference);
  if (reason != NULL && reason[0] != '\0')
    mkt_record_set_string (movement, "reason", reason);

  if (!mkt_session_create (session, movement, error))
    return NULL;

  return g_steal_pointer (&movement);
}

static gboolean
convert_checked (MktRecord    *item,
                 MktQuantity   quantity,
                 const char   *unit,
                 MktQuantity  *out,
                 GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (mkt_stock_to_item_unit (item, quantity, unit, out, &local_error))
    return TRUE;

  mkt_set_validation_error (error, "unit", MKT_VALIDATION_ERROR_INVALID, "%s", local_error->message);
  return FALSE;
}

/**
 * mkt_stock_purchase:
 * @session: a session
 * @material: the material bought
 * @quantity: how much, in @unit
 * @unit: (nullable): a unit or the material's pack ("3 skein"); %NULL for
 *   the material's unit
 * @total_cost: what was paid for all of it, in minor units
 * @reference: (nullable): an invoice or shop
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the purchase movement
 */
MktRecord *
mkt_stock_purchase (MktSession   *session,
                    MktRecord    *material,
                    MktQuantity   quantity,
                    const char   *unit,
                    MktMoney      total_cost,
                    const char   *reference,
                    GError      **error)
{
  MktQuantity converted;

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);
  g_return_val_if_fail (MKT_IS_RECORD (material) && mkt_record_get_spec (material) == &mkt_material_spec, NULL);

  if (total_cost < 0)
    {
      mkt_set_validation_error (error, "total_cost", MKT_VALIDATION_ERROR_OUT_OF_RANGE, "must not be negative");
      return NULL;
    }

  if (!convert_checked (material, quantity, unit, &converted, error))
    return NULL;

  return append (session, material, "purchase", converted, TRUE, total_cost, 0, reference, NULL, error);
}

/**
 * mkt_stock_total_for_each:
 * @quantity: how much was bought, in the unit or pack it was given in
 * @each: the price of one of that unit or pack, in minor units
 * @currency: the business's currency, for the message
 * @field: the field an error names: the caller's cost field
 * @out_total: (out): what was paid for all of it, in minor units
 * @error: return location for an error
 *
 * A purchase's total from a cost each: @quantity × @each, exactly or not
 * at all, since the ledger keeps what was paid. "2.5 skein at 4.99" is
 * refused (12.475 is not a whole amount of minor units), as is a total
 * beyond #MktMoney; either is a %MKT_VALIDATION_ERROR_INVALID naming
 * @field.
 *
 * Returns: %TRUE with @out_total set, or %FALSE with @error set
 */
gboolean
mkt_stock_total_for_each (MktQuantity   quantity,
                          MktMoney      each,
                          const char   *currency,
                          const char   *field,
                          MktMoney     *out_total,
                          GError      **error)
{
  Int128 total;

  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (out_total != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  total = (Int128) each * quantity;
  if (total % MKT_QUANTITY_SCALE != 0 || total / MKT_QUANTITY_SCALE > G_MAXINT64 ||
      total / MKT_QUANTITY_SCALE < G_MININT64)
    {
      g_autofree char *shown = mkt_quantity_format (quantity);
      g_autofree char *price = mkt_money_format (each, currency);

      mkt_set_validation_error (error, field, MKT_VALIDATION_ERROR_INVALID,
                                "%s × %s %s is not a whole amount of %s; give the total paid instead",
                                shown, price, currency, currency);
      return FALSE;
    }

  *out_total = (MktMoney) (total / MKT_QUANTITY_SCALE);
  return TRUE;
}

/**
 * mkt_stock_adjust:
 * @session: a session
 * @item: a material or product
 * @delta: how much to add (or, negative, take away), in @unit
 * @unit: (nullable): as for mkt_stock_purchase()
 * @reason: why: breakage, a gift, a sample…
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the adjustment movement
 */
MktRecord *
mkt_stock_adjust (MktSession   *session,
                  MktRecord    *item,
                  MktQuantity   delta,
                  const char   *unit,
                  const char   *reason,
                  GError      **error)
{
  MktQuantity converted;

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);
  g_return_val_if_fail (MKT_IS_RECORD (item), NULL);

  if (delta == 0)
    {
      mkt_set_validation_error (error, "quantity", MKT_VALIDATION_ERROR_OUT_OF_RANGE,
                                "an adjustment must change something");
      return NULL;
    }

  if (!convert_checked (item, delta, unit, &converted, error))
    return NULL;

  return append (session, item, "adjustment", converted, FALSE, 0, 0, NULL, reason, error);
}

/**
 * mkt_stock_count:
 * @session: a session
 * @item: a material or product
 * @counted: how much was counted, in @unit
 * @unit: (nullable): as for mkt_stock_purchase()
 * @at: when it was counted (microseconds), or 0 for now
 * @error: return location for an error
 *
 * A stocktake: "counted N at time T". The difference to what the ledger
 * says was there at T becomes a count movement at T, so movements after T
 * still count on top of it. A count that matches is recorded too, with 0.
 *
 * Returns: (transfer full) (nullable): the count movement
 */
MktRecord *
mkt_stock_count (MktSession   *session,
                 MktRecord    *item,
                 MktQuantity   counted,
                 const char   *unit,
                 gint64        at,
                 GError      **error)
{
  const MktEntitySpec *item_spec;
  g_autofree char *reason = NULL;
  g_autofree char *text = NULL;
  MktQuantity converted, before, difference;
  MktRecord *movement;

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);
  g_return_val_if_fail (MKT_IS_RECORD (item), NULL);

  item_spec = mkt_record_get_spec (item);

  if (counted < 0)
    {
      mkt_set_validation_error (error, "quantity", MKT_VALIDATION_ERROR_OUT_OF_RANGE,
                                "a count must not be negative");
      return NULL;
    }
  if (at == 0)
    at = mkt_session_now (session);
  if (!convert_checked (item, counted, unit, &converted, error))
    return NULL;

  /* Read and write in one transaction: nothing may slip in between. */
  if (!mkt_session_begin (session, error))
    return NULL;

  if (!mkt_stock_on_hand (session, item_spec, mkt_record_get_id (item), at, &before, error) ||
      !mkt_quantity_add (converted, -before, &difference, error))
    {
      mkt_session_rollback (session);
      return NULL;
    }

  text = mkt_quantity_format (converted);
  reason = g_strdup_printf ("Stocktake: counted %s %s", text,
                            item_spec == &mkt_material_spec ? mkt_record_get_string (item, "unit") : "pc");
  movement = append (session, item, "count", difference, FALSE, 0, at, NULL, reason, error);
  if (movement == NULL)
    {
      mkt_session_rollback (session);
      return NULL;
    }

  if (!mkt_session_commit (session, error))
    {
      g_object_unref (movement);
      return NULL;
    }

  return movement;
}

void
mkt_low_stock_free (MktLowStock *item)
{
  g_clear_object (&item->material);
  g_clear_pointer (&item->blocked, g_ptr_array_unref);
  g_free (item);
}

/* The products whose recipes use @material, at any depth. */
static GPtrArray *
products_using (MktSession  *session,
                const char  *material_id,
                GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func (g_object_unref);
  GQueue pending = G_QUEUE_INIT;
  const char *field = "material_id";
  char *id = g_strdup (material_id);

  while (id != NULL)
    {
      g_autoptr(MktQuery) query = mkt_query_new ();
      g_autoptr(GPtrArray) parts = NULL;

      mkt_query_add_filter (query, field, MKT_FILTER_EQ, g_variant_new_take_string (id));
      parts = mkt_session_list (session, &mkt_part_spec, query, NULL, error);
      if (parts == NULL)
        {
          g_queue_clear_full (&pending, g_free);
          return NULL;
        }

      for (guint i = 0; i < parts->len; i++)
        {
          MktRecord *part = g_ptr_array_index (parts, i);
          const char *product_id = mkt_record_get_string (part, "product_id");
          const char *component_id = mkt_record_get_string (part, "parent_component_id");

          if (product_id != NULL && g_hash_table_add (seen, g_strdup (product_id)))
            {
              MktRecord *product = mkt_session_get (session, &mkt_product_spec, product_id, NULL);
              if (product != NULL)
                g_ptr_array_add (products, product);
            }
          else if (component_id != NULL && g_hash_table_add (seen, g_strdup (component_id)))
            g_queue_push_tail (&pending, g_strdup (component_id));
        }

      field = "component_id";
      id = g_queue_pop_head (&pending);
    }

  return g_steal_pointer (&products);
}

/**
 * mkt_stock_is_low:
 * @material: a material
 * @on_hand: its on-hand quantity
 *
 * Returns: whether @material is at or below its reorder level, or below
 *   zero (after a forced production run)
 */
gboolean
mkt_stock_is_low (MktRecord   *material,
                  MktQuantity  on_hand)
{
  g_return_val_if_fail (MKT_IS_RECORD (material), FALSE);

  return on_hand < 0 || (mkt_record_has (material, "reorder_level") &&
                         on_hand <= mkt_record_get_int (material, "reorder_level"));
}

typedef struct
{
  MktSession *session;
  GHashTable *on_hand;
  GPtrArray  *low;
  guint       max_items;
} LowStock;

#define LOW_PAGE 2000

static gboolean
add_low (GPtrArray  *materials,
         gpointer    data,
         GError    **error)
{
  LowStock *scan = data;

  for (guint i = 0; i < materials->len; i++)
    {
      MktRecord *material = g_ptr_array_index (materials, i);
      MktQuantity quantity = mkt_stock_on_hand_lookup (scan->on_hand, mkt_record_get_id (material));
      MktLowStock *item;

      if (!mkt_stock_is_low (material, quantity))
        continue;

      /* Enough: the reading stops, which is no error. */
      if (scan->max_items > 0 && scan->low->len == scan->max_items)
        return FALSE;

      item = g_new0 (MktLowStock, 1);
      item->material = g_object_ref (material);
      item->on_hand = quantity;
      item->blocked = products_using (scan->session, mkt_record_get_id (material), error);
      g_ptr_array_add (scan->low, item);
      if (item->blocked == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * mkt_stock_low:
 * @session: a session
 * @max_items: how many to list at most (0: all); mkt_report_inventory()
 *   counts them all
 * @error: return location for an error
 *
 * Reads the materials a page at a time: only the low ones are kept.
 *
 * Returns: (transfer container) (element-type MktLowStock): the active
 *   materials at or below their reorder level (a negative on-hand, after a
 *   forced production run, among them), by name, with the products they
 *   block
 */
GPtrArray *
mkt_stock_low (MktSession  *session,
               guint        max_items,
               GError     **error)
{
  g_autoptr(GPtrArray) low = g_ptr_array_new_with_free_func ((GDestroyNotify)mkt_low_stock_free);
  g_autoptr(GHashTable) on_hand = NULL;
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GError) local_error = NULL;
  LowStock scan = { session, NULL, low, max_items };

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);

  on_hand = mkt_stock_on_hand_all (session, &mkt_material_spec, error);
  if (on_hand == NULL)
    return NULL;

  scan.on_hand = on_hand;
  mkt_query_set_sort (query, "name", FALSE);
  if (!mkt_session_list_pages (session, &mkt_material_spec, query, LOW_PAGE, add_low, &scan, &local_error) &&
      local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&low);
}
