/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-report, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-report, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-report"

#include "config.h"

#include "mkt-core.h"
#include "mkt-test-market.h"

/* The dashboard's numbers: what the stock is worth, how much of it there
 * is, and the last market days, checked against the row-by-row calls of
 * mkt-core they must agree with. */

/* The same value the slow way: a unit cost and an on-hand read per row. */
static MktMoney
value_row_by_row (MktSession *session)
{
  g_autoptr(GPtrArray) materials = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GError) error = NULL;
  MktCostValue materials_value = 0, products_value = 0;

  materials = mkt_session_list (session, &mkt_material_spec, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < materials->len; i++)
    {
      MktRecord *material = g_ptr_array_index (materials, i);
      MktQuantity on_hand = mkt_test_on_hand (session, material, 0);
      MktUnitCost unit_cost;

      if (on_hand <= 0)
        continue;
      mkt_cost_material_unit_cost (session, material, NULL, &unit_cost, &error);
      g_assert_no_error (error);
      materials_value += mkt_cost_for_quantity (&unit_cost, on_hand);
    }

  products = mkt_session_list (session, &mkt_product_spec, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < products->len; i++)
    {
      MktRecord *product = g_ptr_array_index (products, i);
      MktQuantity on_hand = mkt_test_on_hand (session, product, 0);

      if (on_hand <= 0)
        continue;
      products_value += mkt_test_cost (session, product).total_cost * (on_hand / MKT_QUANTITY_SCALE);
    }

  return mkt_cost_round (materials_value) + mkt_cost_round (products_value);
}

static guint
n_low_stock (MktSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) low = mkt_stock_low (session, 0, &error);

  g_assert_no_error (error);
  return low->len;
}

static void
test_empty (MktTestFixture *f,
            gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  MktInventoryReport report;

  g_assert_true (mkt_report_inventory (f->session, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.total_value, ==, 0);
  g_assert_cmpuint (report.n_materials, ==, 0);
  g_assert_cmpuint (report.n_products, ==, 0);
  g_assert_cmpuint (report.n_low_stock, ==, 0);

  events = mkt_report_recent_events (f->session, f->now_ms * 1000, 6, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
}

/* MktTestMarket's shop: 5 of the 10 cotton balls left (850 m of 1700 m
 * bought for 32.00: 16.00), no merino; 10 dishcloths at today's 9.68 and
 * 4 beanies at 29.70. */
static void
test_value (MktTestFixture *f,
            gconstpointer   data)
{
  g_auto(MktTestMarket) market = { 0 };
  g_autoptr(GError) error = NULL;
  MktInventoryReport report;

  mkt_test_market_init (f, &market);
  mkt_test_update_text (f, market.cotton, "reorder_level", "1000");

  g_assert_true (mkt_report_inventory (f->session, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.material_value, ==, 1600);
  g_assert_cmpint (report.product_value, ==, 9680 + 11880);
  g_assert_cmpint (report.total_value, ==, 1600 + 9680 + 11880);
  g_assert_cmpint (report.total_value, ==, value_row_by_row (f->session));
  g_assert_cmpuint (report.n_materials, ==, 2);
  g_assert_cmpuint (report.n_products, ==, 2);
  g_assert_cmpuint (report.n_low_stock, ==, 1);
  g_assert_cmpuint (report.n_low_stock, ==, n_low_stock (f->session));
  g_assert_cmpuint (report.n_unpriced, ==, 0);

  /* Items at a stall are still the business's; a sale takes one away. */
  mkt_test_bring (f, market.fair, market.beanie, "2");
  g_object_unref (mkt_test_sell (f, market.fair, market.beanie, "1", MKT_TEST_NO_PRICE, 0, "card"));
  g_assert_true (mkt_report_inventory (f->session, &report, &error));
  g_assert_cmpint (report.product_value, ==, 9680 + 3 * 2970);

  /* A deleted product's stock is not counted. */
  mkt_test_delete_row (f, &mkt_product_spec, market.dishcloth);
  g_assert_true (mkt_report_inventory (f->session, &report, &error));
  g_assert_cmpint (report.product_value, ==, 3 * 2970);
  g_assert_cmpuint (report.n_products, ==, 1);
}

/* A forced run leaves stock below zero: owed, not worth anything, and low. */
static void
test_negative (MktTestFixture *f,
               gconstpointer   data)
{
  g_auto(MktTestMarket) market = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) run = NULL;
  MktInventoryReport report;

  mkt_test_market_init (f, &market);
  run = mkt_production_make (f->session, mkt_record_get_id (market.beanie), mkt_test_quantity ("1"), TRUE,
                             NULL, &error);
  g_assert_no_error (error);

  g_assert_true (mkt_report_inventory (f->session, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.total_value, ==, value_row_by_row (f->session));
  g_assert_cmpuint (report.n_low_stock, ==, 1);
  g_assert_cmpuint (report.n_low_stock, ==, n_low_stock (f->session));
}

/* A material with neither purchases nor a catalogue price counts as free. */
static void
test_unpriced (MktTestFixture *f,
               gconstpointer   data)
{
  g_autoptr(MktRecord) material = mkt_test_create_material (f->session, "Gift yarn", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) movement = NULL;
  MktInventoryReport report;

  movement = mkt_stock_adjust (f->session, material, mkt_test_quantity ("50"), NULL, "a gift", &error);
  g_assert_no_error (error);

  g_assert_true (mkt_report_inventory (f->session, &report, &error));
  g_assert_cmpint (report.total_value, ==, 0);
  g_assert_cmpuint (report.n_unpriced, ==, 1);
  g_assert_cmpuint (report.n_materials, ==, 1);
}

static MktRecord *
event_on (MktTestFixture *f,
          const char     *name,
          gint64          days)
{
  gint64 now_ms = f->now_ms;
  MktRecord *event;

  f->now_ms = now_ms + days * MKT_TEST_DAY_MS;
  event = mkt_test_create_event (f, name, 1000, 0);
  f->now_ms = now_ms;

  return event;
}

/* The last market days that have started, oldest first, at most so many. */
static void
test_recent_events (MktTestFixture *f,
                    gconstpointer   data)
{
  g_auto(MktTestMarket) market = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(MktRecord) old = NULL;
  g_autoptr(MktRecord) older = NULL;
  g_autoptr(MktRecord) next = NULL;
  MktMarketSummary *summary;

  mkt_test_market_init (f, &market);
  older = event_on (f, "Spring Fair", -60);
  old = event_on (f, "Summer Fair", -30);
  next = event_on (f, "Winter Fair", 7);
  mkt_test_bring (f, market.fair, market.beanie, "2");
  g_object_unref (mkt_test_sell (f, market.fair, market.beanie, "1", MKT_TEST_NO_PRICE, 500, "cash"));

  events = mkt_report_recent_events (f->session, f->now_ms * 1000, 6, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (mkt_record_get_title (((MktMarketSummary *)events->pdata[0])->event), ==, "Spring Fair");
  g_assert_cmpstr (mkt_record_get_title (((MktMarketSummary *)events->pdata[1])->event), ==, "Summer Fair");
  summary = events->pdata[2];
  g_assert_cmpstr (mkt_record_get_title (summary->event), ==, "Harvest Fair");
  g_assert_cmpint (summary->revenue, ==, 5500);
  g_assert_cmpint (summary->profit, ==, 5500 - 2970 - 2500 - 350);
  g_assert_cmpint (((MktMarketSummary *)events->pdata[0])->profit, ==, -1000);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = mkt_report_recent_events (f->session, f->now_ms * 1000, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (mkt_record_get_title (((MktMarketSummary *)events->pdata[0])->event), ==, "Summer Fair");
  g_clear_pointer (&events, g_ptr_array_unref);

  events = mkt_report_recent_events (f->session, f->now_ms * 1000, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
}

/* The demo shop has a few market days behind it to show. */
static void
test_demo (MktTestFixture *f,
           gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  MktInventoryReport report;
  guint n_voids = 0;
  gboolean loaded;

  g_assert_true (mkt_demo_load (f->session, &loaded, &error));
  g_assert_no_error (error);
  g_assert_true (loaded);

  g_assert_true (mkt_report_inventory (f->session, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.total_value, >, 0);
  g_assert_cmpint (report.total_value, ==, value_row_by_row (f->session));
  g_assert_cmpuint (report.n_low_stock, ==, n_low_stock (f->session));
  g_assert_cmpuint (report.n_low_stock, >, 0);

  events = mkt_report_recent_events (f->session, mkt_session_now (f->session), 6, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, >=, 3);
  for (guint i = 0; i < events->len; i++)
    {
      MktMarketSummary *summary = events->pdata[i];

      g_assert_cmpint (summary->revenue, >, 0);
      g_assert_cmpuint (summary->n_sales, >, 0);
      g_assert_cmpint (summary->revenue_cash, >, 0);
      if (i > 0)
        g_assert_cmpint (mkt_record_get_int (summary->event, "starts_on"), >,
                         mkt_record_get_int (((MktMarketSummary *)events->pdata[i - 1])->event, "starts_on"));
      n_voids += summary->n_voids;
    }
  g_assert_cmpuint (n_voids, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  mkt_test_add ("/report/empty", NULL, test_empty);
  mkt_test_add ("/report/value", NULL, test_value);
  mkt_test_add ("/report/negative", NULL, test_negative);
  mkt_test_add ("/report/unpriced", NULL, test_unpriced);
  mkt_test_add ("/report/recent-events", NULL, test_recent_events);
  mkt_test_add ("/report/demo", NULL, test_demo);

  return g_test_run ();
}
