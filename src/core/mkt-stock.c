/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-stock"

#include "config.h"

#include "mkt-error.h"
#include "mkt-stock.h"

/**
 * mkt_stock_on_hand_all:
 * @session: a session
 * @error: return location for an error
 *
 * On-hand is never stored: it is the sum of a material's ledger of stock
 * movements. This sums the whole ledger once.
 *
 * Returns: (transfer full) (element-type utf8 gint64): material id → on-hand
 *   quantity; materials without movements are absent (on-hand 0)
 */
GHashTable *
mkt_stock_on_hand_all (MktSession  *session,
                       GError     **error)
{
  g_autoptr(GHashTable) on_hand = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) movements = NULL;

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);

  movements = mkt_session_list (session, &mkt_stock_movement_spec, NULL, NULL, error);
  if (movements == NULL)
    return NULL;

  for (guint i = 0; i < movements->len; i++)
    {
      MktRecord *movement = g_ptr_array_index (movements, i);
      const char *material_id = mkt_record_get_string (movement, "material_id");
      gint64 *sum = g_hash_table_lookup (on_hand, material_id);

      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (on_hand, g_strdup (material_id), sum);
        }

      if (!mkt_quantity_add (*sum, mkt_record_get_int (movement, "quantity"), sum, error))
        return NULL;
    }

  return g_steal_pointer (&on_hand);
}

/**
 * mkt_stock_on_hand_lookup:
 * @on_hand: what mkt_stock_on_hand_all() returned
 * @material_id: a material
 *
 * Returns: the material's on-hand quantity
 */
MktQuantity
mkt_stock_on_hand_lookup (GHashTable *on_hand,
                          const char *material_id)
{
  gint64 *sum = g_hash_table_lookup (on_hand, material_id);

  return sum != NULL ? *sum : 0;
}
