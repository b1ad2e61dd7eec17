/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-test-market"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "mkt-production.h"
#include "mkt-settings.h"
#include "mkt-stock.h"
#include "mkt-test-market.h"
#include "mkt-time.h"
#include "mkt-uuid.h"

/* Markets -------------------------------------------------------------------- */

MktRecord *
mkt_test_create_event (MktTestFixture *f,
                       const char     *name,
                       MktMoney        booth_fee,
                       MktMoney        other_costs)
{
  g_autoptr(MktRecord) event = mkt_record_new (&mkt_market_event_spec);
  g_autoptr(GError) error = NULL;

  mkt_record_set_string (event, "name", name);
  mkt_record_set_int (event, "starts_on", f->now_ms * 1000);
  mkt_record_set_int (event, "booth_fee", booth_fee);
  mkt_record_set_int (event, "other_costs", other_costs);
  mkt_session_create (f->session, event, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&event);
}

/* Sets one field of an active row as a person types it, and stores it. */
void
mkt_test_update_text (MktTestFixture *f,
                      MktRecord      *row,
                      const char     *field,
                      const char     *text)
{
  g_autoptr(MktRecord) edit = mkt_test_get_row (f, mkt_record_get_spec (row), mkt_record_get_id (row));
  g_autoptr(GError) error = NULL;

  mkt_session_set_from_text (f->session, edit, field, text, &error);
  g_assert_no_error (error);
  mkt_session_update (f->session, edit, &error);
  g_assert_no_error (error);
}

static void
market_make (MktTestFixture *f,
             MktRecord      *product,
             const char     *count)
{
  g_autoptr(GError) error = NULL;

  g_object_unref (mkt_production_make (f->session, mkt_record_get_id (product), mkt_test_quantity (count), FALSE,
                                       NULL, &error));
  g_assert_no_error (error);
}

static void
market_buy (MktTestFixture *f,
            MktRecord      *material,
            const char     *packs,
            MktMoney        cost)
{
  g_autoptr(GError) error = NULL;

  g_object_unref (mkt_stock_purchase (f->session, material, mkt_test_quantity (packs),
                                      mkt_record_get_string (material, "purchase_unit"), cost, NULL, &error));
  g_assert_no_error (error);
}

/* The shop of MktTestMarket; the clock moves on a minute after the runs and
 * after the sheet. */
void
mkt_test_market_init (MktTestFixture *f,
                      MktTestMarket  *market)
{
  MktSession *s = f->session;
  g_autoptr(GError) error = NULL;

  mkt_test_set_setting (s, "labour_rate", "12.00");
  mkt_test_set_setting (s, "overhead_percent", "10");

  market->cotton = mkt_test_create_stock_material (s, "Cotton", "m", "ball", "170", "3.20");
  market->merino = mkt_test_create_stock_material (s, "Merino", "yd", "skein", "200", "9.00");
  market_buy (f, market->cotton, "10", 3200);
  market_buy (f, market->merino, "4", 3600);

  market->dishcloth = mkt_test_create_product (s, "Cotton Dishcloth", "30", "8.50");
  g_object_unref (mkt_test_create_part (s, market->dishcloth, market->cotton, "0.5", "ball"));
  market->beanie = mkt_test_create_product (s, "Merino Beanie", "90", "60.00");
  g_object_unref (mkt_test_create_part (s, market->beanie, market->merino, "1", "skein"));
  g_assert_cmpint (mkt_test_cost (s, market->dishcloth).total_cost, ==, 836000000);
  g_assert_cmpint (mkt_test_cost (s, market->beanie).total_cost, ==, 2970000000);

  f->now_ms += 60000;
  market_make (f, market->dishcloth, "6");
  mkt_test_update_text (f, market->dishcloth, "labour_minutes", "36");
  g_assert_cmpint (mkt_test_cost (s, market->dishcloth).total_cost, ==, 968000000);
  market_make (f, market->dishcloth, "4");
  market_make (f, market->beanie, "4");

  market->fair = mkt_test_create_event (f, "Harvest Fair", 2500, 350);
  g_object_unref (mkt_market_add_product (s, mkt_record_get_id (market->fair), mkt_record_get_id (market->dishcloth),
                                          TRUE, 800, &error));
  g_assert_no_error (error);
  f->now_ms += 60000;
}

void
mkt_test_market_clear (MktTestMarket *market)
{
  g_clear_object (&market->cotton);
  g_clear_object (&market->merino);
  g_clear_object (&market->dishcloth);
  g_clear_object (&market->beanie);
  g_clear_object (&market->fair);
}

void
mkt_test_bring (MktTestFixture *f,
                MktRecord      *event,
                MktRecord      *product,
                const char     *count)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mkt_market_bring (f->session, mkt_record_get_id (event), mkt_record_get_id (product),
                                   mkt_test_quantity (count), &error));
  g_assert_no_error (error);
}

/**
 * mkt_test_sell:
 * @event: (nullable): where, or %NULL for a sale at no event
 * @price: the price of one, or %MKT_TEST_NO_PRICE for the usual one
 *
 * Returns: (transfer full): the sale, which must go through
 */
MktRecord *
mkt_test_sell (MktTestFixture *f,
               MktRecord      *event,
               MktRecord      *product,
               const char     *count,
               MktMoney        price,
               MktMoney        discount,
               const char     *payment)
{
  g_autoptr(GError) error = NULL;
  MktRecord *sale;

  sale = mkt_market_sell (f->session, event ? mkt_record_get_id (event) : NULL, mkt_record_get_id (product),
                          mkt_test_quantity (count), price != MKT_TEST_NO_PRICE,
                          price != MKT_TEST_NO_PRICE ? price : 0, discount, payment, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sale);

  return sale;
}

MktRecord *
mkt_test_void (MktTestFixture *f,
               MktRecord      *sale)
{
  g_autoptr(GError) error = NULL;
  MktRecord *void_row = mkt_market_void (f->session, mkt_record_get_id (sale), &error);

  g_assert_no_error (error);
  g_assert_nonnull (void_row);

  return void_row;
}

GPtrArray *
mkt_test_market_lines (MktTestFixture *f,
                       MktRecord      *event)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *lines = mkt_market_lines (f->session, mkt_record_get_id (event), &error);

  g_assert_no_error (error);
  g_assert_nonnull (lines);

  return lines;
}

/* The line of @product, which must be among @lines. */
MktMarketLine *
mkt_test_market_line (GPtrArray *lines,
                      MktRecord *product)
{
  for (guint i = 0; i < lines->len; i++)
    {
      MktMarketLine *line = g_ptr_array_index (lines, i);

      if (g_str_equal (mkt_record_get_id (line->product), mkt_record_get_id (product)))
        return line;
    }

  g_error ("“%s” is not among the event's lines", mkt_record_get_title (product));
}

/* What is at the event's stall now: brought − returned − sold. */
MktQuantity
mkt_test_at_stall (MktTestFixture *f,
                   MktRecord      *event,
                   MktRecord      *product)
{
  g_autoptr(GPtrArray) lines = mkt_test_market_lines (f, event);

  return mkt_test_market_line (lines, product)->on_hand;
}

/* The one product movement a sale (or a void) wrote. */
MktRecord *
mkt_test_sale_movement (MktTestFixture *f,
                        MktRecord      *sale)
{
  g_autoptr(GPtrArray) rows = mkt_test_list_where (f->session, &mkt_product_movement_spec, "sale_id",
                                                   mkt_record_get_id (sale));

  g_assert_cmpuint (rows->len, ==, 1);
  return g_object_ref (g_ptr_array_index (rows, 0));
}

/* mkt_test_snapshot() and the market tables: equal snapshots mean that
 * nothing was written. */
char *
mkt_test_market_snapshot (MktTestFixture *f)
{
  const MktEntitySpec *specs[] = { &mkt_market_event_spec, &mkt_market_line_spec, &mkt_sale_spec };
  g_autofree char *rest = mkt_test_snapshot (f->session);
  GString *out = g_string_new (NULL);

  for (guint s = 0; s < G_N_ELEMENTS (specs); s++)
    {
      g_autoptr(MktQuery) query = mkt_query_new ();
      g_autoptr(GPtrArray) rows = mkt_test_list_all (f->session, specs[s], query);

      g_string_append_printf (out, "%s: %u rows\n", specs[s]->table, rows->len);
      for (guint r = 0; r < rows->len; r++)
        {
          g_autofree char *text = mkt_test_record_to_string (g_ptr_array_index (rows, r));
          g_string_append_printf (out, "  %s\n", text);
        }
    }
  g_string_append (out, rest);

  return g_string_free (out, FALSE);
}
