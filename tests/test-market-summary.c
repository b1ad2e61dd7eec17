/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-market-summary, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-market-summary, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-market"

#include "config.h"

#include "mkt-core.h"
#include "mkt-test-market.h"

/* What a market day earned: the event's lines (brought, returned, sold, at
 * the stall, revenue and cost of goods per product) and its summary
 * (revenue by payment method, items sold, booth fee, other costs, profit),
 * on MktTestMarket's shop: ten dishcloths made at 8.89 on average, four
 * beanies at 29.70, the Harvest Fair (booth fee 25.00, other costs 3.50)
 * with the dishcloth on its sheet at 8.00. */

/* The product's total on hand, home and stalls together. */
static MktQuantity
total (MktTestFixture *f,
       MktRecord      *product)
{
  return mkt_test_on_hand (f->session, product, 0);
}

static char *
row_text (MktTestFixture      *f,
          const MktEntitySpec *spec,
          const char          *id)
{
  g_autoptr(MktRecord) row = mkt_test_get_row (f, spec, id);

  return mkt_test_record_to_string (row);
}

/* The market day ------------------------------------------------------------------ */

typedef struct
{
  gboolean    beanie;
  const char *count;
  MktMoney    price;
  MktMoney    discount;
  const char *payment;
} DaySale;

/* Dishcloths at the sheet's 8.00, beanies at their own 60.00. */
static const DaySale day_sales[] = {
  { FALSE, "2", MKT_TEST_NO_PRICE, 0, "cash" },    /* 16.00 */
  { TRUE, "1", MKT_TEST_NO_PRICE, 500, "card" },   /* 55.00 */
  { FALSE, "3", 750, 150, "other" },               /* 22.50 − 1.50 = 21.00 */
  { TRUE, "1", MKT_TEST_NO_PRICE, 0, "cash" },     /* 60.00, voided below */
  { FALSE, "1", MKT_TEST_NO_PRICE, 0, "card" },    /* 8.00 */
  { TRUE, "2", MKT_TEST_NO_PRICE, 1000, "card" },  /* 120.00 − 10.00 = 110.00 */
};
#define VOIDED_SALE 3

static void
assert_line (MktMarketLine *line,
             MktMoney       price,
             MktQuantity    brought,
             MktQuantity    returned,
             MktQuantity    sold,
             MktQuantity    on_hand,
             MktMoney       revenue,
             MktMoney       cost_of_goods)
{
  g_assert_cmpint (line->price, ==, price);
  g_assert_cmpint (line->brought, ==, brought);
  g_assert_cmpint (line->returned, ==, returned);
  g_assert_cmpint (line->sold, ==, sold);
  g_assert_cmpint (line->on_hand, ==, on_hand);
  g_assert_cmpint (line->revenue, ==, revenue);
  g_assert_cmpint (line->cost_of_goods, ==, cost_of_goods);
}

static void
assert_day (MktTestFixture *f,
            MktTestMarket  *shop)
{
  g_autoptr(MktMarketSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  MktMarketLine *dishcloths, *beanies;

  summary = mkt_market_summary (f->session, mkt_record_get_id (shop->fair), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mkt_record_get_id (summary->event), ==, mkt_record_get_id (shop->fair));

  /* By name; 6 of 10 dishcloths (60 %) at 8.89, 3 of 4 beanies (75 %) at 29.70. */
  g_assert_cmpuint (summary->lines->len, ==, 2);
  dishcloths = g_ptr_array_index (summary->lines, 0);
  beanies = g_ptr_array_index (summary->lines, 1);
  g_assert_true (dishcloths == mkt_test_market_line (summary->lines, shop->dishcloth));
  g_assert_true (beanies == mkt_test_market_line (summary->lines, shop->beanie));
  assert_line (dishcloths, 800, 10000000, 4000000, 6000000, 0, 1600 + 2100 + 800, 6 * 889);
  assert_line (beanies, 6000, 4000000, 1000000, 3000000, 0, 5500 + 11000, 3 * 2970);
  g_assert_cmpint (dishcloths->sold * 10000 / dishcloths->brought, ==, 6000);
  g_assert_cmpint (beanies->sold * 10000 / beanies->brought, ==, 7500);

  g_assert_cmpint (summary->revenue, ==, 21000);
  g_assert_cmpint (summary->revenue_cash, ==, 1600 + 6000 - 6000);
  g_assert_cmpint (summary->revenue_card, ==, 5500 + 800 + 11000);
  g_assert_cmpint (summary->revenue_other, ==, 2100);
  g_assert_cmpint (summary->items_sold, ==, 9000000);
  g_assert_cmpuint (summary->n_sales, ==, 6);
  g_assert_cmpuint (summary->n_voids, ==, 1);
  g_assert_cmpint (summary->cost_of_goods, ==, 6 * 889 + 3 * 2970);
  g_assert_cmpint (summary->booth_fee, ==, 2500);
  g_assert_cmpint (summary->other_costs, ==, 350);
  g_assert_cmpint (summary->profit, ==, 21000 - 14244 - 2500 - 350);
}

static void
test_day (MktTestFixture *f,
          gconstpointer   data)
{
  g_auto(MktTestMarket) shop = { 0 };
  g_autoptr(GPtrArray) sales = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MktRecord) void_row = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  mkt_test_market_init (f, &shop);
  mkt_test_bring (f, shop.fair, shop.dishcloth, "10");
  mkt_test_bring (f, shop.fair, shop.beanie, "4");

  for (guint i = 0; i < G_N_ELEMENTS (day_sales); i++)
    {
      const DaySale *s = &day_sales[i];

      f->now_ms += 60000;
      g_ptr_array_add (sales, mkt_test_sell (f, shop.fair, s->beanie ? shop.beanie : shop.dishcloth, s->count,
                                             s->price, s->discount, s->payment));
      g_assert_cmpint (mkt_record_get_int (g_ptr_array_index (sales, i), "unit_cost"), ==,
                       s->beanie ? 2970 : 889);
    }
  f->now_ms += 60000;
  void_row = mkt_test_void (f, g_ptr_array_index (sales, VOIDED_SALE));

  /* Left at the stall, and in all: 4 dishcloths, 1 beanie. */
  lines = mkt_test_market_lines (f, shop.fair);
  g_assert_cmpint (mkt_test_market_line (lines, shop.dishcloth)->on_hand, ==, 4000000);
  g_assert_cmpint (mkt_test_market_line (lines, shop.beanie)->on_hand, ==, 1000000);
  g_assert_cmpint (total (f, shop.dishcloth), ==, 4000000);
  g_assert_cmpint (total (f, shop.beanie), ==, 1000000);

  /* Packing up: what is left goes home; the totals stay. */
  g_assert_true (mkt_market_return (f->session, mkt_record_get_id (shop.fair), mkt_record_get_id (shop.dishcloth),
                                    4000000, NULL));
  g_assert_true (mkt_market_return (f->session, mkt_record_get_id (shop.fair), mkt_record_get_id (shop.beanie),
                                    1000000, NULL));
  g_assert_cmpint (total (f, shop.dishcloth), ==, 4000000);
  g_assert_cmpint (total (f, shop.beanie), ==, 1000000);
  assert_day (f, &shop);

  /* Dearer labour later changes what a dishcloth costs now, not what the
   * ones sold cost. */
  mkt_test_set_setting (f->session, "labour_rate", "15.00");
  g_assert_cmpint (mkt_test_cost (f->session, shop.dishcloth).total_cost, ==, G_GINT64_CONSTANT (1166000000));
  assert_day (f, &shop);
}

/* Without production runs, a sale's cost is the product's cost at the time. */
static void
test_cost_snapshot (MktTestFixture *f,
                    gconstpointer   data)
{
  g_autoptr(MktRecord) event = mkt_test_create_event (f, "Craft Night", 0, 0);
  g_autoptr(MktRecord) bookmark = NULL;
  g_autoptr(MktRecord) first = NULL;
  g_autoptr(MktRecord) second = NULL;
  g_autoptr(MktMarketSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *now = NULL;

  mkt_test_set_setting (f->session, "labour_rate", "12.00");
  bookmark = mkt_test_create_product (f->session, "Bookmark", "10", "3.00");
  first = mkt_test_sell (f, event, bookmark, "1", MKT_TEST_NO_PRICE, 0, "cash");
  g_assert_cmpint (mkt_record_get_int (first, "unit_cost"), ==, 200);
  kept = row_text (f, &mkt_sale_spec, mkt_record_get_id (first));

  mkt_test_update_text (f, bookmark, "labour_minutes", "25");
  second = mkt_test_sell (f, event, bookmark, "2", MKT_TEST_NO_PRICE, 0, "cash");
  g_assert_cmpint (mkt_record_get_int (second, "unit_cost"), ==, 500);
  now = row_text (f, &mkt_sale_spec, mkt_record_get_id (first));
  g_assert_cmpstr (now, ==, kept);

  summary = mkt_market_summary (f->session, mkt_record_get_id (event), &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->cost_of_goods, ==, 200 + 2 * 500);
  g_assert_cmpint (summary->revenue, ==, 900);
}

/* A product sold without being on the sheet (or brought) is still a line. */
static void
test_off_sheet (MktTestFixture *f,
                gconstpointer   data)
{
  g_auto(MktTestMarket) shop = { 0 };
  g_autoptr(MktRecord) bookmark = mkt_test_create_product (f->session, "Bookmark", "10", NULL);
  g_autoptr(GPtrArray) lines = NULL;
  MktMarketLine *line;

  mkt_test_market_init (f, &shop);
  mkt_test_bring (f, shop.fair, shop.dishcloth, "10");
  g_object_unref (mkt_test_sell (f, shop.fair, bookmark, "2", 300, 50, "cash"));

  lines = mkt_test_market_lines (f, shop.fair);
  g_assert_cmpuint (lines->len, ==, 2);
  line = g_ptr_array_index (lines, 0);
  g_assert_true (line == mkt_test_market_line (lines, bookmark));
  g_assert_null (line->line);
  assert_line (line, 300, 0, 0, 2000000, -2000000, 550, 2 * 220);
  line = g_ptr_array_index (lines, 1);
  g_assert_true (line == mkt_test_market_line (lines, shop.dishcloth));
  g_assert_nonnull (line->line);
  assert_line (line, 800, 10000000, 0, 0, 10000000, 0, 0);
}


/* An event with nothing brought or sold costs its fees. */
static void
test_empty (MktTestFixture *f,
            gconstpointer   data)
{
  g_autoptr(MktRecord) event = mkt_test_create_event (f, "Rainy Sunday", 1800, 250);
  g_autoptr(MktMarketSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = mkt_market_summary (f->session, mkt_record_get_id (event), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->lines->len, ==, 0);
  g_assert_cmpint (summary->revenue, ==, 0);
  g_assert_cmpint (summary->revenue_cash + summary->revenue_card + summary->revenue_other, ==, 0);
  g_assert_cmpint (summary->items_sold, ==, 0);
  g_assert_cmpuint (summary->n_sales + summary->n_voids, ==, 0);
  g_assert_cmpint (summary->cost_of_goods, ==, 0);
  g_assert_cmpint (summary->profit, ==, -2050);

  g_assert_null (mkt_market_summary (f->session, "01234567-89ab-7def-8123-456789abcdef", &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
}

/* Items taken to the stall stay there, and on its lines, when the product's
 * line on the sheet goes to the trash. */
static void
test_trashed_line (MktTestFixture *f,
                   gconstpointer   data)
{
  g_auto(MktTestMarket) shop = { 0 };
  g_autoptr(GPtrArray) sheet = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  mkt_test_market_init (f, &shop);
  mkt_test_bring (f, shop.fair, shop.dishcloth, "5");
  sheet = mkt_test_list_where (f->session, &mkt_market_line_spec, "product_id", mkt_record_get_id (shop.dishcloth));
  g_assert_cmpuint (sheet->len, ==, 1);
  mkt_test_delete_row (f, &mkt_market_line_spec, g_ptr_array_index (sheet, 0));
  g_assert_cmpint (total (f, shop.dishcloth), ==, 10000000);

  lines = mkt_test_market_lines (f, shop.fair);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpint (mkt_test_market_line (lines, shop.dishcloth)->brought, ==, 5000000);
  g_assert_cmpint (mkt_test_market_line (lines, shop.dishcloth)->on_hand, ==, 5000000);
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  mkt_test_add ("/market-summary/day", NULL, test_day);
  mkt_test_add ("/market-summary/cost-snapshot", NULL, test_cost_snapshot);
  mkt_test_add ("/market-summary/off-sheet", NULL, test_off_sheet);
  mkt_test_add ("/market-summary/empty", NULL, test_empty);
  mkt_test_add ("/market-summary/trashed-line", NULL, test_trashed_line);

  return g_test_run ();
}
