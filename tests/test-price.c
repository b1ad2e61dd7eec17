/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-price, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-price, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-price"

#include "config.h"

#include "mkt-core.h"
#include "mkt-test-utils.h"

/* Suggested prices from a cost and the business's settings. */

/* Price endings ----------------------------------------------------------------- */

static void
test_ending (void)
{
  const struct
  {
    MktMoney        amount;
    MktPriceEnding  ending;
    const char     *currency;
    MktMoney        expected;
  } cases[] = {
    { 1231, MKT_PRICE_ENDING_NONE, "USD", 1231 },
    /* .00: up to the next whole amount; a whole amount stays */
    { 1231, MKT_PRICE_ENDING_00, "USD", 1300 },
    { 1200, MKT_PRICE_ENDING_00, "USD", 1200 },
    { 1201, MKT_PRICE_ENDING_00, "USD", 1300 },
    { 1, MKT_PRICE_ENDING_00, "USD", 100 },
    /* .50: to the next half */
    { 1231, MKT_PRICE_ENDING_50, "USD", 1250 },
    { 1250, MKT_PRICE_ENDING_50, "USD", 1250 },
    { 1251, MKT_PRICE_ENDING_50, "USD", 1300 },
    { 1201, MKT_PRICE_ENDING_50, "USD", 1250 },
    { 1300, MKT_PRICE_ENDING_50, "USD", 1300 },
    /* .95 and .99: the next price that ends so, never below */
    { 1231, MKT_PRICE_ENDING_95, "USD", 1295 },
    { 1295, MKT_PRICE_ENDING_95, "USD", 1295 },
    { 1296, MKT_PRICE_ENDING_95, "USD", 1395 },
    { 1200, MKT_PRICE_ENDING_95, "USD", 1295 },
    { 1199, MKT_PRICE_ENDING_95, "USD", 1295 },
    { 1195, MKT_PRICE_ENDING_95, "USD", 1195 },
    { 50, MKT_PRICE_ENDING_95, "USD", 95 },
    { 96, MKT_PRICE_ENDING_95, "USD", 195 },
    { 1231, MKT_PRICE_ENDING_99, "USD", 1299 },
    { 1299, MKT_PRICE_ENDING_99, "USD", 1299 },
    { 1300, MKT_PRICE_ENDING_99, "USD", 1399 },
    { 1, MKT_PRICE_ENDING_99, "EUR", 99 },
    /* Nothing to round */
    { 0, MKT_PRICE_ENDING_99, "USD", 0 },
    { -1231, MKT_PRICE_ENDING_00, "USD", -1231 },
    /* No cents: yen are whole already, whatever the ending */
    { 1234, MKT_PRICE_ENDING_99, "JPY", 1234 },
    { 1234, MKT_PRICE_ENDING_95, "JPY", 1234 },
    { 1234, MKT_PRICE_ENDING_50, "JPY", 1234 },
    { 1234, MKT_PRICE_ENDING_00, "JPY", 1234 },
    /* Three decimals: .95 is 950 fils */
    { 12310, MKT_PRICE_ENDING_95, "KWD", 12950 },
    { 12950, MKT_PRICE_ENDING_95, "KWD", 12950 },
    { 12951, MKT_PRICE_ENDING_95, "KWD", 13950 },
    { 12310, MKT_PRICE_ENDING_50, "KWD", 12500 },
    { 12310, MKT_PRICE_ENDING_00, "KWD", 13000 },
    { 12310, MKT_PRICE_ENDING_99, "KWD", 12990 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%" G_GINT64_FORMAT " %s, ending %d", cases[i].amount, cases[i].currency, cases[i].ending);
      g_assert_cmpint (mkt_price_apply_ending (cases[i].amount, cases[i].ending, cases[i].currency), ==,
                       cases[i].expected);
    }
}

/* Suggestions ------------------------------------------------------------------- */

typedef struct
{
  const char     *name;
  MktCostValue    total_cost;
  const char     *wholesale_multiplier;
  const char     *retail_multiplier;
  const char     *fee_percent;
  MktMoney        fee_fixed;
  MktPriceEnding  ending;
  const char     *currency;
  gboolean        has_price;
  MktMoney        price;
  MktMoney        cost, wholesale, retail, marketplace;
  gint64          margin_bp, markup_bp;
} PriceCase;

/* A cost of 12.20956045 is 12.21. */
static const PriceCase price_cases[] = {
  { "defaults: 2 × 2", 1220956045, "2", "2", "0", 0, MKT_PRICE_ENDING_NONE, "USD", FALSE, 0,
    1221, 2442, 4884, 4884, 0, 0 },
  { "retail to .95", 1220956045, "2", "2", "0", 0, MKT_PRICE_ENDING_95, "USD", FALSE, 0,
    1221, 2442, 4895, 4895, 0, 0 },
  /* 1221 × 2.5 = 3052.5 → 3052 (to even); × 2.2 = 6714.4 → 6714 → 68.00 */
  { "multipliers", 1220956045, "2.5", "2.2", "0", 0, MKT_PRICE_ENDING_00, "USD", FALSE, 0,
    1221, 3052, 6800, 6800, 0, 0 },
  /* (48.84 + 0.20) / 0.935 = 52.449… → 52.45: what leaves 48.84 after fees */
  { "fees", 1220956045, "2", "2", "6.5", 20, MKT_PRICE_ENDING_NONE, "USD", FALSE, 0,
    1221, 2442, 4884, 5245, 0, 0 },
  /* 48.99; (48.99 + 0.20) / 0.935 = 52.609… → 52.61 → 52.99 */
  { "fees to .99", 1220956045, "2", "2", "6.5", 20, MKT_PRICE_ENDING_99, "USD", FALSE, 0,
    1221, 2442, 4899, 5299, 0, 0 },
  /* 49.00 / 0.9 = 54.444… → 54.45 → 54.50 */
  { "fee percent", 1220956045, "2", "2", "10", 0, MKT_PRICE_ENDING_50, "USD", FALSE, 0,
    1221, 2442, 4900, 5450, 0, 0 },
  { "fee per sale", 1220956045, "2", "2", "0", 30, MKT_PRICE_ENDING_NONE, "USD", FALSE, 0,
    1221, 2442, 4884, 4914, 0, 0 },
  /* (45.00 − 12.21) / 45.00 = 72.866…%; / 12.21 = 268.5503…% */
  { "margin and markup", 1220956045, "2", "2", "0", 0, MKT_PRICE_ENDING_NONE, "USD", TRUE, 4500,
    1221, 2442, 4884, 4884, 7287, 26855 },
  /* (10.00 − 12.21) / 10.00 = −22.1 %; / 12.21 = −18.0999…% */
  { "below cost", 1220956045, "2", "2", "0", 0, MKT_PRICE_ENDING_NONE, "USD", TRUE, 1000,
    1221, 2442, 4884, 4884, -2210, -1810 },
  /* No markup of nothing */
  { "free", 0, "2", "2", "0", 0, MKT_PRICE_ENDING_NONE, "USD", TRUE, 1500,
    0, 0, 0, 0, 10000, 0 },
  { "free, no price", 0, "2", "2", "0", 0, MKT_PRICE_ENDING_99, "USD", FALSE, 0,
    0, 0, 0, 0, 0, 0 },
  { "zero price", 1220956045, "2", "2", "0", 0, MKT_PRICE_ENDING_NONE, "USD", TRUE, 0,
    1221, 2442, 4884, 4884, 0, -10000 },
  /* 1 / 200.00 = 0.5 bp → 0 (to even); 3 / 200.00 = 1.5 bp → 2 */
  { "margin tie", 19999000000, "1", "1", "0", 0, MKT_PRICE_ENDING_NONE, "USD", TRUE, 20000,
    19999, 19999, 19999, 19999, 0, 1 },
  { "margin tie up", 19997000000, "1", "1", "0", 0, MKT_PRICE_ENDING_NONE, "USD", TRUE, 20000,
    19997, 19997, 19997, 19997, 2, 2 },
  /* 1234.5 yen: to the even yen, and yen end as they are */
  { "yen", 1234500000, "2", "2", "0", 0, MKT_PRICE_ENDING_99, "JPY", FALSE, 0,
    1234, 2468, 4936, 4936, 0, 0 },
  { "yen with fees", 1234500000, "2", "2", "6.5", 20, MKT_PRICE_ENDING_99, "JPY", FALSE, 0,
    1234, 2468, 4936, 5301, 0, 0 },
  { "dinar", 1234500000, "2", "2", "0", 0, MKT_PRICE_ENDING_95, "KWD", FALSE, 0,
    1234, 2468, 4950, 4950, 0, 0 },
};

static void
test_compute (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (price_cases); i++)
    {
      const PriceCase *c = &price_cases[i];
      MktCostTotals totals = { .total_cost = c->total_cost, .material_cost = c->total_cost };
      MktSettings settings;
      MktPricing pricing;

      g_test_message ("%s", c->name);
      mkt_settings_init_defaults (&settings);
      settings.wholesale_multiplier = mkt_test_quantity (c->wholesale_multiplier);
      settings.retail_multiplier = mkt_test_quantity (c->retail_multiplier);
      settings.fee_percent = mkt_test_quantity (c->fee_percent);
      settings.fee_fixed = c->fee_fixed;
      settings.price_ending = c->ending;

      mkt_price_compute (&totals, &settings, c->currency, c->has_price, c->price, &pricing);
      g_assert_cmpint (pricing.cost, ==, c->cost);
      g_assert_cmpint (pricing.wholesale, ==, c->wholesale);
      g_assert_cmpint (pricing.retail, ==, c->retail);
      g_assert_cmpint (pricing.marketplace, ==, c->marketplace);
      g_assert_cmpint (pricing.has_price, ==, c->has_price);
      g_assert_cmpint (pricing.price, ==, c->price);
      g_assert_cmpint (pricing.margin_bp, ==, c->margin_bp);
      g_assert_cmpint (pricing.markup_bp, ==, c->markup_bp);
      g_assert_cmpint (pricing.totals.total_cost, ==, c->total_cost);

      /* What the marketplace leaves is never less than the retail price. */
      if (settings.fee_percent > 0 || settings.fee_fixed > 0)
        {
          MktMoney fee = (pricing.marketplace * settings.fee_percent + 100 * MKT_QUANTITY_SCALE - 1) /
                         (100 * MKT_QUANTITY_SCALE) + settings.fee_fixed;
          g_assert_cmpint (pricing.marketplace - fee, >=, pricing.retail);
        }
    }
}

static void
test_format_percent (void)
{
  const struct
  {
    gint64      basis_points;
    const char *expected;
  } cases[] = {
    { 0, "0.0 %" },
    { 7287, "72.9 %" },
    { 26855, "268.6 %" },
    { 10000, "100.0 %" },
    { -2210, "-22.1 %" },
    { 25, "0.2 %" },
    { 35, "0.4 %" },
    { -5, "0.0 %" },
    { -15, "-0.2 %" },
    { 5, "0.0 %" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mkt_price_format_percent (cases[i].basis_points);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* Settings ---------------------------------------------------------------------- */

typedef enum
{
  READ_LABOUR_RATE,
  READ_OVERHEAD_PERCENT,
  READ_OVERHEAD_FIXED,
  READ_WHOLESALE,
  READ_RETAIL,
  READ_FEE_PERCENT,
  READ_FEE_FIXED,
  READ_ENDING,
  READ_METHOD,
  READ_RETENTION,
} Read;

static gint64
read_setting (const MktSettings *settings,
              Read               what)
{
  switch (what)
    {
    case READ_LABOUR_RATE: return settings->labour_rate;
    case READ_OVERHEAD_PERCENT: return settings->overhead_percent;
    case READ_OVERHEAD_FIXED: return settings->overhead_fixed;
    case READ_WHOLESALE: return settings->wholesale_multiplier;
    case READ_RETAIL: return settings->retail_multiplier;
    case READ_FEE_PERCENT: return settings->fee_percent;
    case READ_FEE_FIXED: return settings->fee_fixed;
    case READ_ENDING: return settings->price_ending;
    case READ_METHOD: return settings->cost_method;
    case READ_RETENTION:
    default: return settings->retention_days;
    }
}

static void
test_settings (void)
{
  const struct
  {
    const char *key;
    const char *text;
    Read        read;
    gboolean    ok;
    gint64      expected;
  } cases[] = {
    { "labour_rate", "12.00", READ_LABOUR_RATE, TRUE, 1200 },
    { "labour_rate", " 12 ", READ_LABOUR_RATE, TRUE, 1200 },
    { "labour_rate", "12.001", READ_LABOUR_RATE, FALSE },
    { "labour_rate", "-1", READ_LABOUR_RATE, FALSE },
    { "labour_rate", "twelve", READ_LABOUR_RATE, FALSE },
    { "labour_rate", "", READ_LABOUR_RATE, TRUE, 0 },
    { "overhead_percent", "10", READ_OVERHEAD_PERCENT, TRUE, 10000000 },
    { "overhead_percent", "12.5%", READ_OVERHEAD_PERCENT, TRUE, 12500000 },
    { "overhead_percent", "99.999999", READ_OVERHEAD_PERCENT, TRUE, 99999999 },
    { "overhead_percent", "100", READ_OVERHEAD_PERCENT, FALSE },
    { "overhead_percent", "-1", READ_OVERHEAD_PERCENT, FALSE },
    { "overhead_fixed", "0.50", READ_OVERHEAD_FIXED, TRUE, 50 },
    { "wholesale_multiplier", "2.5", READ_WHOLESALE, TRUE, 2500000 },
    { "wholesale_multiplier", "1", READ_WHOLESALE, TRUE, 1000000 },
    { "wholesale_multiplier", "0.99", READ_WHOLESALE, FALSE },
    { "wholesale_multiplier", "", READ_WHOLESALE, TRUE, 2000000 },
    { "retail_multiplier", "2.2", READ_RETAIL, TRUE, 2200000 },
    { "fee_percent", "6.5", READ_FEE_PERCENT, TRUE, 6500000 },
    { "fee_fixed", "0.30", READ_FEE_FIXED, TRUE, 30 },
    { "price_ending", ".99", READ_ENDING, TRUE, MKT_PRICE_ENDING_99 },
    { "price_ending", "95", READ_ENDING, TRUE, MKT_PRICE_ENDING_95 },
    { "price_ending", ".00", READ_ENDING, TRUE, MKT_PRICE_ENDING_00 },
    { "price_ending", "none", READ_ENDING, TRUE, MKT_PRICE_ENDING_NONE },
    { "price_ending", "0.99", READ_ENDING, FALSE },
    { "price_ending", ".49", READ_ENDING, FALSE },
    { "cost_method", "last", READ_METHOD, TRUE, MKT_COST_LAST },
    { "cost_method", "Average", READ_METHOD, TRUE, MKT_COST_AVERAGE },
    { "cost_method", "fifo", READ_METHOD, FALSE },
    { "retention_days", "45", READ_RETENTION, TRUE, 45 },
    { "retention_days", "-3", READ_RETENTION, FALSE },
    { "retention_days", "", READ_RETENTION, TRUE, 30 },
    { "labor_rate", "12.00", READ_LABOUR_RATE, FALSE },
  };
  g_autoptr(MktRecord) tenant = mkt_record_new (&mkt_tenant_spec);

  mkt_record_set_string (tenant, "name", "Test Crafts");
  mkt_record_set_string (tenant, "currency", "USD");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *field = g_strconcat ("settings.", cases[i].key, NULL);
      g_autofree char *stored = g_strdup (mkt_record_get_string (tenant, "settings"));
      MktSettings settings;

      g_test_message ("%s = “%s”", cases[i].key, cases[i].text);
      if (cases[i].ok)
        {
          g_assert_true (mkt_settings_set (tenant, cases[i].key, cases[i].text, &error));
          g_assert_no_error (error);
          g_assert_true (mkt_settings_from_tenant (tenant, &settings, &error));
          g_assert_no_error (error);
          g_assert_cmpint (read_setting (&settings, cases[i].read), ==, cases[i].expected);
        }
      else
        {
          g_assert_false (mkt_settings_set (tenant, cases[i].key, cases[i].text, &error));
          mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, field);
          /* Refused: the settings are as they were. */
          g_assert_cmpstr (mkt_record_get_string (tenant, "settings"), ==, stored);
        }
    }
}

static void
test_settings_json (void)
{
  const struct
  {
    const char *json;
    const char *field;        /* NULL: accepted */
  } cases[] = {
    { NULL, NULL },
    { "{}", NULL },
    { "{\"labour_rate\": 1200, \"overhead_percent\": \"10\"}", NULL },
    { "{\"overhead_percent\": 10}", NULL },
    { "{\"labour_rate\": \"12.00\"}", "settings.labour_rate" },
    { "{\"labour_rate\": -5}", "settings.labour_rate" },
    { "{\"wholesale_multiplier\": \"0.5\"}", "settings.wholesale_multiplier" },
    { "{\"price_ending\": 99}", "settings.price_ending" },
    { "{\"markup\": \"2\"}", "settings.markup" },
    { "[1, 2]", "settings" },
    { "not json", "settings" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      MktSettings settings;
      gboolean ok = mkt_settings_parse (cases[i].json, &settings, &error);

      g_test_message ("%s", cases[i].json ? cases[i].json : "(null)");
      if (cases[i].field == NULL)
        {
          g_assert_true (ok);
          g_assert_no_error (error);
        }
      else
        {
          g_assert_false (ok);
          mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, cases[i].field);
        }
    }

  {
    MktSettings settings;

    g_assert_true (mkt_settings_parse ("{\"labour_rate\": 1200, \"overhead_percent\": 10}", &settings, NULL));
    g_assert_cmpint (settings.labour_rate, ==, 1200);
    g_assert_cmpint (settings.overhead_percent, ==, 10000000);
    g_assert_cmpint (settings.wholesale_multiplier, ==, 2000000);
    g_assert_cmpint (settings.retail_multiplier, ==, 2000000);
    g_assert_cmpint (settings.cost_method, ==, MKT_COST_AVERAGE);
    g_assert_cmpint (settings.price_ending, ==, MKT_PRICE_ENDING_NONE);
    g_assert_cmpint (settings.retention_days, ==, 30);
  }
}

/* A product's suggestions ------------------------------------------------------- */

static void
test_suggest (MktTestFixture *f,
              gconstpointer   data)
{
  g_autoptr(MktRecord) yarn = mkt_test_create_stock_material (f->session, "Worsted", "yd", "skein", "364", "4.99");
  g_autoptr(MktRecord) ear_warmer = mkt_test_create_product (f->session, "Ear warmer", "45", "22.00");
  g_autoptr(MktRecord) unpriced = mkt_test_create_product (f->session, "Sample", "45", NULL);
  g_autoptr(MktRecord) tenant = NULL;
  g_autoptr(GError) error = NULL;
  MktPricing pricing;

  mkt_test_set_setting (f->session, "labour_rate", "12.00");
  mkt_test_set_setting (f->session, "overhead_percent", "10");
  mkt_test_set_setting (f->session, "overhead_fixed", "0.50");
  mkt_test_set_setting (f->session, "retail_multiplier", "1.5");
  mkt_test_set_setting (f->session, "price_ending", ".95");
  mkt_test_set_setting (f->session, "fee_percent", "6.5");
  mkt_test_set_setting (f->session, "fee_fixed", "0.20");
  g_object_unref (mkt_test_create_part (f->session, ear_warmer, yarn, "120", "yd"));

  /* 12.20956045 → 12.21; × 2 = 24.42; × 1.5 = 36.63 → 36.95;
   * (36.95 + 0.20) / 0.935 = 39.732… → 39.74 → 39.95. */
  g_assert_true (mkt_price_suggest (f->session, mkt_record_get_id (ear_warmer), &pricing, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pricing.totals.total_cost, ==, 1220956045);
  g_assert_cmpint (pricing.cost, ==, 1221);
  g_assert_cmpint (pricing.wholesale, ==, 2442);
  g_assert_cmpint (pricing.retail, ==, 3695);
  g_assert_cmpint (pricing.marketplace, ==, 3995);
  g_assert_true (pricing.has_price);
  g_assert_cmpint (pricing.price, ==, 2200);
  /* (22.00 − 12.21) / 22.00 = 44.5 %; / 12.21 = 80.18…% */
  g_assert_cmpint (pricing.margin_bp, ==, 4450);
  g_assert_cmpint (pricing.markup_bp, ==, 8018);

  /* Labour alone, no price set: 9.00 + 0.90 + 0.50 = 10.40. */
  g_assert_true (mkt_price_suggest (f->session, mkt_record_get_id (unpriced), &pricing, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pricing.cost, ==, 1040);
  g_assert_cmpint (pricing.wholesale, ==, 2080);
  g_assert_cmpint (pricing.retail, ==, 3195);
  g_assert_false (pricing.has_price);
  g_assert_cmpint (pricing.margin_bp, ==, 0);
  g_assert_cmpint (pricing.markup_bp, ==, 0);

  /* In the trash: no suggestion. */
  mkt_test_delete_row (f, &mkt_product_spec, unpriced);
  g_assert_false (mkt_price_suggest (f->session, mkt_record_get_id (unpriced), &pricing, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A stored settings object that does not parse is refused with the tenant. */
  tenant = mkt_test_get_row (f, &mkt_tenant_spec, mkt_session_get_tenant_id (f->session));
  mkt_record_set_string (tenant, "settings", "{\"labour_rate\": \"12.00\"}");
  g_assert_false (mkt_session_update (f->session, tenant, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "settings.labour_rate");
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  g_test_add_func ("/price/ending", test_ending);
  g_test_add_func ("/price/compute", test_compute);
  g_test_add_func ("/price/format-percent", test_format_percent);
  g_test_add_func ("/price/settings", test_settings);
  g_test_add_func ("/price/settings-json", test_settings_json);
  mkt_test_add ("/price/suggest", NULL, test_suggest);

  return g_test_run ();
}
