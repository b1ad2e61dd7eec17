/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-market"

#include "config.h"

#include "mkt-cost.h"
#include "mkt-error.h"
#include "mkt-market.h"
#include "mkt-rules-private.h"
#include "mkt-stock.h"

/* Market events: the products on the sheet, the stock brought and taken
 * back (transfers in the product ledger: home ↔ event, so the business's
 * total stock does not change), and stall sales, which are append-only: a
 * void is a new sale of the opposite quantity, never an edit. What an event
 * took (its lines and summary) is read in mkt-market-summary.c. */

/* One product appears once on an event's sheet. */
gboolean
mkt_market_line_check (MktSession  *session,
                       MktRecord   *record,
                       const char  *action,
                       GError     **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;

  mkt_query_add_filter (query, "market_event_id", MKT_FILTER_EQ,
                        g_variant_new_string (mkt_record_get_string (record, "market_event_id")));
  mkt_query_add_filter (query, "product_id", MKT_FILTER_EQ,
                        g_variant_new_string (mkt_record_get_string (record, "product_id")));
  mkt_query_add_filter (query, "id", MKT_FILTER_NE, g_variant_new_string (mkt_record_get_id (record)));
  mkt_query_set_limit (query, 1);
  rows = mkt_session_list (session, &mkt_market_line_spec, query, NULL, error);
  if (rows == NULL)
    return FALSE;

  if (rows->len > 0)
    {
      mkt_set_validation_error (error, "product_id", MKT_VALIDATION_ERROR_INVALID,
                                "the product is already on this event's sheet");
      return FALSE;
    }

  return TRUE;
}

/* Finished items are counted whole: nobody brings or sells half a hat. */
static gboolean
whole_items (MktQuantity   quantity,
             GError      **error)
{
  if (quantity <= 0)
    {
      mkt_set_validation_error (error, "quantity", MKT_VALIDATION_ERROR_OUT_OF_RANGE, "must be more than 0");
      return FALSE;
    }

  if (quantity % MKT_QUANTITY_SCALE != 0)
    {
      g_autofree char *text = mkt_quantity_format (quantity);
      mkt_set_validation_error (error, "quantity", MKT_VALIDATION_ERROR_INVALID,
                                "items are counted whole, not %s", text);
      return FALSE;
    }

  return TRUE;
}

static MktRecord *
find_line (MktSession  *session,
           const char  *event_id,
           const char  *product_id,
           GError     **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;

  mkt_query_add_filter (query, "market_event_id", MKT_FILTER_EQ, g_variant_new_string (event_id));
  mkt_query_add_filter (query, "product_id", MKT_FILTER_EQ, g_variant_new_string (product_id));
  mkt_query_set_limit (query, 1);
  rows = mkt_session_list (session, &mkt_market_line_spec, query, NULL, error);
  if (rows == NULL)
    return NULL;

  return rows->len > 0 ? g_object_ref (g_ptr_array_index (rows, 0)) : NULL;
}

/**
 * mkt_market_add_product:
 * @session: a session
 * @event_id: an active market event
 * @product_id: an active product
 * @has_price: whether @price is the price at this event
 * @price: that price; otherwise the product's own applies
 * @error: return location for an error
 *
 * Puts a product on the event's sheet, or sets its price there if it is
 * on it already.
 *
 * Returns: (transfer full) (nullable): the sheet line
 */
MktRecord *
mkt_market_add_product (MktSession   *session,
                        const char   *event_id,
                        const char   *product_id,
                        gboolean      has_price,
                        MktMoney      price,
                        GError      **error)
{
  g_autoptr(MktRecord) line = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);

  line = find_line (session, event_id, product_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (line == NULL)
    {
      line = mkt_record_new (&mkt_market_line_spec);
      mkt_record_set_string (line, "market_event_id", event_id);
      mkt_record_set_string (line, "product_id", product_id);
      if (has_price)
        mkt_record_set_int (line, "price", price);
      if (!mkt_session_create (session, line, error))
        return NULL;
      return g_steal_pointer (&line);
    }

  if (has_price)
    {
      mkt_record_set_int (line, "price", price);
      if (!mkt_session_update (session, line, error))
        return NULL;
    }

  return g_steal_pointer (&line);
}

static gboolean
append_movement (MktSession   *session,
                 const char   *product_id,
                 const char   *kind,
                 MktQuantity   quantity,
                 const char   *event_id,
                 const char   *sale_id,
                 gint64        at,
                 const char   *reference,
                 GError      **error)
{
  g_autoptr(MktRecord) movement = mkt_record_new (&mkt_product_movement_spec);

  mkt_record_set_string (movement, "product_id", product_id);
  mkt_record_set_string (movement, "kind", kind);
  mkt_record_set_int (movement, "quantity", quantity);
  mkt_record_set_int (movement, "occurred_at", at);
  if (event_id != NULL)
    mkt_record_set_string (movement, "market_event_id", event_id);
  if (sale_id != NULL)
    mkt_record_set_string (movement, "sale_id", sale_id);
  if (reference != NULL)
    mkt_record_set_string (movement, "reference", reference);

  return mkt_session_create (session, movement, error);
}

/* Moves @quantity of a product from home to the event (or back), as two
 * movements that cancel out in the product's total. */
static gboolean
transfer (MktSession   *session,
          const char   *event_id,
          const char   *product_id,
          MktQuantity   quantity,
          gboolean      to_event,
          GError      **error)
{
  g_autoptr(MktRecord) event = NULL;
  g_autoptr(MktRecord) line = NULL;
  g_autofree char *reference = NULL;
  gint64 now;

  g_return_val_if_fail (MKT_IS_SESSION (session), FALSE);

  if (!whole_items (quantity, error))
    return FALSE;

  event = mkt_session_get (session, &mkt_market_event_spec, event_id, error);
  if (event == NULL)
    return FALSE;

  if (!mkt_session_begin (session, error))
    return FALSE;

  /* What is not at the stall cannot go home from it. */
  if (!to_event)
    {
      g_autoptr(MktQuery) query = mkt_query_new ();
      g_autoptr(GPtrArray) movements = NULL;
      MktQuantity at_stall = 0;

      mkt_query_add_filter (query, "market_event_id", MKT_FILTER_EQ, g_variant_new_string (event_id));
      mkt_query_add_filter (query, "product_id", MKT_FILTER_EQ, g_variant_new_string (product_id));
      movements = mkt_session_list (session, &mkt_product_movement_spec, query, NULL, error);
      if (movements == NULL)
        {
          mkt_session_rollback (session);
          return FALSE;
        }
      for (guint i = 0; i < movements->len; i++)
        at_stall += mkt_record_get_int (g_ptr_array_index (movements, i), "quantity");

      if (quantity > at_stall)
        {
          g_autofree char *there = mkt_quantity_format (MAX (at_stall, 0));
          mkt_set_validation_error (error, "quantity", MKT_VALIDATION_ERROR_OUT_OF_RANGE,
                                    "only %s at the stall of “%s”", there, mkt_record_get_title (event));
          mkt_session_rollback (session);
          return FALSE;
        }
    }

  /* Bringing a product puts it on the sheet. */
  line = mkt_market_add_product (session, event_id, product_id, FALSE, 0, error);
  now = mkt_session_now (session);
  reference = g_strdup_printf ("%s “%s”", to_event ? "To" : "Back from", mkt_record_get_title (event));

  if (line == NULL ||
      !append_movement (session, product_id, "transfer_out", -quantity, to_event ? NULL : event_id,
                        NULL, now, reference, error) ||
      !append_movement (session, product_id, "transfer_in", quantity, to_event ? event_id : NULL,
                        NULL, now, reference, error))
    {
      mkt_session_rollback (session);
      return FALSE;
    }

  return mkt_session_commit (session, error);
}

/**
 * mkt_market_bring:
 * @session: a session
 * @event_id: a market event
 * @product_id: a product
 * @quantity: how many go to the stall (more than 0)
 * @error: return location for an error
 *
 * Records items taken to the event: a transfer from home to the event in
 * the product ledger. The product goes on the event's sheet if it is not.
 */
gboolean
mkt_market_bring (MktSession   *session,
                  const char   *event_id,
                  const char   *product_id,
                  MktQuantity   quantity,
                  GError      **error)
{
  return transfer (session, event_id, product_id, quantity, TRUE, error);
}

/**
 * mkt_market_return:
 * @session: a session
 * @event_id: a market event
 * @product_id: a product
 * @quantity: how many come back home (more than 0)
 * @error: return location for an error
 */
gboolean
mkt_market_return (MktSession   *session,
                   const char   *event_id,
                   const char   *product_id,
                   MktQuantity   quantity,
                   GError      **error)
{
  return transfer (session, event_id, product_id, quantity, FALSE, error);
}

/* What one item cost to make, for the cost of goods: the average of the
 * production runs' snapshots, else today's cost. */
static gboolean
unit_cost_now (MktSession  *session,
               const char  *product_id,
               MktMoney    *out,
               GError     **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) runs = NULL;
  MktMoney total = 0;
  MktQuantity made = 0;
  MktCostTotals totals;

  mkt_query_add_filter (query, "product_id", MKT_FILTER_EQ, g_variant_new_string (product_id));
  runs = mkt_session_list (session, &mkt_production_run_spec, query, NULL, error);
  if (runs == NULL)
    return FALSE;

  for (guint i = 0; i < runs->len; i++)
    {
      MktRecord *run = g_ptr_array_index (runs, i);

      total += mkt_record_get_int (run, "total_cost");
      made += mkt_record_get_int (run, "quantity");
    }

  if (made > 0)
    {
      if (!mkt_mul_div_round_half_even (total, MKT_QUANTITY_SCALE, made, out))
        *out = 0;
      return TRUE;
    }

  if (!mkt_cost_get (session, &mkt_product_spec, product_id, &totals, error))
    return FALSE;
  *out = mkt_cost_round (totals.total_cost);
  return TRUE;
}

static gboolean
line_price (MktSession  *session,
            const char  *event_id,
            MktRecord   *product,
            MktMoney    *out,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MktRecord) line = NULL;

  /* A sale elsewhere has no sheet: the product's price. */
  if (event_id != NULL)
    line = find_line (session, event_id, mkt_record_get_id (product), &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (line != NULL && mkt_record_has (line, "price"))
    *out = mkt_record_get_int (line, "price");
  else if (mkt_record_has (product, "price"))
    *out = mkt_record_get_int (product, "price");
  else
    {
      mkt_set_validation_error (error, "unit_price", MKT_VALIDATION_ERROR_REQUIRED,
                                "“%s” has no price; give one for this sale", mkt_record_get_title (product));
      return FALSE;
    }

  return TRUE;
}

/* In the batch the caller began: the sale (or void) and its movement out of
 * (or back into) the stock at the event; then the batch ends either way. */
static gboolean
write_sale (MktSession  *session,
            MktRecord   *sale,
            const char  *reference,
            GError     **error)
{
  if (!mkt_session_create (session, sale, error) ||
      !append_movement (session, mkt_record_get_string (sale, "product_id"), "sale",
                        -mkt_record_get_int (sale, "quantity"), mkt_record_get_string (sale, "market_event_id"),
                        mkt_record_get_id (sale), mkt_record_get_int (sale, "occurred_at"), reference, error))
    {
      mkt_session_rollback (session);
      return FALSE;
    }

  return mkt_session_commit (session, error);
}

/**
 * mkt_market_sell:
 * @session: a session
 * @event_id: (nullable): the market event, or %NULL for a sale elsewhere
 * @product_id: the product sold
 * @quantity: how many (more than 0)
 * @has_price: whether @unit_price is given
 * @unit_price: the price of one; otherwise the event's price, else the
 *   product's
 * @discount: taken off the whole sale, in minor units (0 for none)
 * @payment_method: cash, card or other
 * @error: return location for an error
 *
 * Records a sale and, in the same transaction, its movement out of the
 * stock at the event. Works offline like everything else: it is a row in
 * the local file and an outbox change.
 *
 * Returns: (transfer full) (nullable): the sale
 */
MktRecord *
mkt_market_sell (MktSession   *session,
                 const char   *event_id,
                 const char   *product_id,
                 MktQuantity   quantity,
                 gboolean      has_price,
                 MktMoney      unit_price,
                 MktMoney      discount,
                 const char   *payment_method,
                 GError      **error)
{
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(MktRecord) sale = mkt_record_new (&mkt_sale_spec);
  MktMoney unit_cost, gross;

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  product = mkt_session_get (session, &mkt_product_spec, product_id, error);
  if (product == NULL)
    return NULL;

  if (event_id != NULL)
    {
      g_autoptr(MktRecord) event = mkt_session_get (session, &mkt_market_event_spec, event_id, error);
      if (event == NULL)
        return NULL;
    }

  if (!whole_items (quantity, error))
    return NULL;

  if (!has_price && !line_price (session, event_id, product, &unit_price, error))
    return NULL;

  if (unit_price < 0)
    {
      mkt_set_validation_error (error, "unit_price", MKT_VALIDATION_ERROR_OUT_OF_RANGE, "must not be negative");
      return NULL;
    }

  if (discount < 0)
    {
      mkt_set_validation_error (error, "discount", MKT_VALIDATION_ERROR_OUT_OF_RANGE, "must not be negative");
      return NULL;
    }
  if (quantity > 0 && mkt_mul_div_round_half_even (unit_price, quantity, MKT_QUANTITY_SCALE, &gross) &&
      discount > gross)
    {
      mkt_set_validation_error (error, "discount", MKT_VALIDATION_ERROR_OUT_OF_RANGE,
                                "must not be more than the sale is worth");
      return NULL;
    }

  if (!mkt_session_begin (session, error))
    return NULL;

  mkt_record_set_string (sale, "product_id", product_id);
  if (event_id != NULL)
    mkt_record_set_string (sale, "market_event_id", event_id);
  mkt_record_set_int (sale, "quantity", quantity);
  mkt_record_set_int (sale, "unit_price", unit_price);
  if (discount != 0)
    mkt_record_set_int (sale, "discount", discount);
  mkt_record_set_int (sale, "occurred_at", mkt_session_now (session));
  mkt_record_set_string (sale, "device_id", mkt_session_get_device_id (session));

  if (!mkt_record_set_from_text (sale, "payment_method", payment_method ? payment_method : "cash", NULL, error) ||
      !unit_cost_now (session, product_id, &unit_cost, error))
    {
      mkt_session_rollback (session);
      return NULL;
    }
  mkt_record_set_int (sale, "unit_cost", unit_cost);

  if (!write_sale (session, sale, "Sale", error))
    return NULL;

  return g_steal_pointer (&sale);
}

/**
 * mkt_market_void:
 * @session: a session
 * @sale_id: a sale that was not voided
 * @error: return location for an error
 *
 * Takes a sale back: a new sale of the opposite quantity and discount that
 * names it, and the items back into the stock at the event. The sale
 * itself is never changed.
 *
 * Returns: (transfer full) (nullable): the void
 */
MktRecord *
mkt_market_void (MktSession  *session,
                 const char  *sale_id,
                 GError     **error)
{
  g_autoptr(MktRecord) sale = NULL;
  g_autoptr(MktRecord) void_row = mkt_record_new (&mkt_sale_spec);
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) voids = NULL;
  const char *event_id;

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);
  g_return_val_if_fail (sale_id != NULL, NULL);

  sale = mkt_session_get (session, &mkt_sale_spec, sale_id, error);
  if (sale == NULL)
    return NULL;

  if (mkt_record_has (sale, "voids_sale_id"))
    {
      g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT, "A void cannot be voided; record the sale again");
      return NULL;
    }

  if (!mkt_session_begin (session, error))
    return NULL;

  mkt_query_add_filter (query, "voids_sale_id", MKT_FILTER_EQ, g_variant_new_string (sale_id));
  mkt_query_set_limit (query, 1);
  voids = mkt_session_list (session, &mkt_sale_spec, query, NULL, error);
  if (voids == NULL || voids->len > 0)
    {
      if (voids != NULL)
        g_set_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT, "The sale is voided already");
      mkt_session_rollback (session);
      return NULL;
    }

  event_id = mkt_record_get_string (sale, "market_event_id");
  mkt_record_set_string (void_row, "product_id", mkt_record_get_string (sale, "product_id"));
  if (event_id != NULL)
    mkt_record_set_string (void_row, "market_event_id", event_id);
  mkt_record_set_int (void_row, "quantity", -mkt_record_get_int (sale, "quantity"));
  mkt_record_set_int (void_row, "unit_price", mkt_record_get_int (sale, "unit_price"));
  if (mkt_record_has (sale, "discount"))
    mkt_record_set_int (void_row, "discount", -mkt_record_get_int (sale, "discount"));
  mkt_record_set_string (void_row, "payment_method", mkt_record_get_string (sale, "payment_method"));
  mkt_record_set_int (void_row, "occurred_at", mkt_session_now (session));
  if (mkt_record_has (sale, "unit_cost"))
    mkt_record_set_int (void_row, "unit_cost", mkt_record_get_int (sale, "unit_cost"));
  mkt_record_set_string (void_row, "voids_sale_id", sale_id);
  mkt_record_set_string (void_row, "device_id", mkt_session_get_device_id (session));

  if (!write_sale (session, void_row, "Void", error))
    return NULL;

  return g_steal_pointer (&void_row);
}
