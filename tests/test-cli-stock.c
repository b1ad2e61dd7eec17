/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>

#include "mkt-cli-test-utils.h"

/* market-cli on the stock ledgers (purchase, adjust, count, stock) and
 * production (make), run on the demo shop. In the demo (EUR), the Worsted
 * Ear Warmer is 120 yd of Worsted Acrylic Green (8 skeins of 364 yd bought
 * at 4.99: 3992 for 2912 yd, so 120 yd cost 164.505… cents), a woven label,
 * 45 minutes at 12.00 an hour and 10 % overhead. The demo made 10 of them
 * for its past markets: 1712 yd of the yarn are left. */

typedef MktCliTestFixture Fixture;

/* "437.5" → 437500000: quantities and amounts compared exactly. */
static gint64
micro (const char *text)
{
  gboolean negative = text[0] == '-';
  const char *p = text + (negative ? 1 : 0);
  gint64 whole = 0;
  gint64 fraction = 0;
  int digits = 0;

  for (; g_ascii_isdigit (*p); p++)
    whole = whole * 10 + (*p - '0');
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++, digits++)
      fraction = fraction * 10 + (*p - '0');
  g_assert_cmpint (*p, ==, '\0');
  g_assert_cmpint (digits, <=, 6);
  for (; digits < 6; digits++)
    fraction *= 10;

  return (negative ? -1 : 1) * (whole * 1000000 + fraction);
}

/* sku → on hand (in millionths), from `stock --json`. */
static GHashTable *
stock (Fixture  *fixture,
       gboolean  products)
{
  g_autoptr(JsonNode) root = products ? mkt_cli_test_run_json (fixture, "stock", "--products", NULL)
                                      : mkt_cli_test_run_json (fixture, "stock", NULL);
  JsonArray *items = json_object_get_array_member (json_node_get_object (root), "items");
  GHashTable *on_hand = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      gint64 quantity = micro (json_object_get_string_member (item, "on_hand"));

      g_hash_table_insert (on_hand, g_strdup (json_object_get_string_member (item, "sku")),
                           g_memdup2 (&quantity, sizeof quantity));
    }

  return on_hand;
}

static gint64
lookup (GHashTable *on_hand,
        const char *sku)
{
  gint64 *quantity = g_hash_table_lookup (on_hand, sku);

  g_assert_nonnull (quantity);
  return *quantity;
}

static void
test_purchase (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(MktCliTestResult) before = { 0 };
  g_auto(MktCliTestResult) bought = { 0 };
  g_auto(MktCliTestResult) after = { 0 };
  g_autoptr(JsonNode) each = NULL;
  g_autoptr(JsonNode) tree = NULL;
  g_autoptr(GHashTable) on_hand = NULL;
  JsonObject *unit_cost;
  gint64 cost_before;

  mkt_cli_test_load_demo (fixture);
  cost_before = mkt_cli_test_total_micro (fixture, "P-EARWARMER");
  before = mkt_cli_test_run (fixture, "cost", "explain", "P-EARWARMER", NULL);
  mkt_cli_test_assert_line (before.out, "Worsted Acrylic", "0.0137 per yd (average)", "1.65", NULL);

  /* 2 skeins (728 yd) at 10.00 each: 5992 for 3640 yd bought; 120 yd cost
   * 1.98. */
  bought = mkt_cli_test_run (fixture, "purchase", "EV-WA-GRN", "2", "skein", "20.00", "--reference", "INV-7", NULL);
  g_assert_cmpint (bought.status, ==, 0);
  mkt_cli_test_assert_line (bought.out, "Bought", "2 skein (728 yd)", "20.00 EUR", NULL);
  mkt_cli_test_assert_line (bought.out, "On hand", "2440 yd", "0.0165 per yd (average)", NULL);

  after = mkt_cli_test_run (fixture, "cost", "explain", "P-EARWARMER", NULL);
  mkt_cli_test_assert_line (after.out, "Worsted Acrylic", "0.0165 per yd (average)", "1.98", NULL);
  g_assert_cmpint (mkt_cli_test_total_micro (fixture, "P-EARWARMER"), >, cost_before);

  /* --each: the price of one unit, times the quantity, exactly. */
  each = mkt_cli_test_run_json (fixture, "purchase", "EV-WA-GRN", "364", "yd", "0.02", "--each", NULL);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (each), "movement"),
                                               "total_cost"), ==, 728);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (each), "on_hand"), ==, "2804");

  tree = mkt_cli_test_run_json (fixture, "cost", "explain", "P-EARWARMER", NULL);
  unit_cost = json_object_get_object_member (mkt_cli_test_find_cost_line (json_node_get_object (tree),
                                                                         "Worsted Acrylic (Green)"),
                                             "unit_cost");
  g_assert_cmpint (json_object_get_int_member (unit_cost, "cost"), ==, 3992 + 2000 + 728);
  g_assert_cmpstr (json_object_get_string_member (unit_cost, "quantity"), ==, "4004");

  on_hand = stock (fixture, FALSE);
  g_assert_cmpint (lookup (on_hand, "EV-WA-GRN"), ==, G_GINT64_CONSTANT (2804000000));
}

static void
test_adjust (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(MktCliTestResult) no_reason = { 0 };
  g_auto(MktCliTestResult) down = { 0 };
  g_autoptr(JsonNode) separated = NULL;
  g_autoptr(JsonNode) pack = NULL;
  g_autoptr(JsonNode) product = NULL;
  g_autoptr(JsonNode) error = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GHashTable) products = NULL;

  mkt_cli_test_load_demo (fixture);
  before = stock (fixture, FALSE);

  no_reason = mkt_cli_test_run (fixture, "--json", "adjust", "EV-WA-GRN", "-3", NULL);
  g_assert_cmpint (no_reason.status, ==, 1);
  error = mkt_cli_test_parse_json (no_reason.err);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (error), "error"),
                                                  "field"), ==, "reason");

  /* A negative quantity, as people type it, or after "--". */
  down = mkt_cli_test_run (fixture, "adjust", "EV-WA-GRN", "-3", "--reason", "frogged", NULL);
  g_assert_cmpint (down.status, ==, 0);
  mkt_cli_test_assert_line (down.out, "Adjusted", "-3 yd", "frogged", NULL);
  mkt_cli_test_assert_line (down.out, "On hand", "1709 yd", NULL);

  separated = mkt_cli_test_run_json (fixture, "adjust", "--reason", "sample", "EV-WA-GRN", "--", "-0.5", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (separated), "on_hand"), ==, "1708.5");

  pack = mkt_cli_test_run_json (fixture, "adjust", "EV-WA-GRN", "-0.5", "skein", "-r", "gift", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (pack), "movement"),
                                                  "quantity"), ==, "-182");

  after = stock (fixture, FALSE);
  g_assert_cmpint (lookup (before, "EV-WA-GRN") - lookup (after, "EV-WA-GRN"), ==, 185500000);
  g_assert_cmpint (lookup (before, "EV-WA-RED"), ==, lookup (after, "EV-WA-RED"));

  /* Finished products have a ledger of their own. */
  product = mkt_cli_test_run_json (fixture, "adjust", "P-BEAR", "2", "--reason", "found at the back", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (product), "item"),
                                                  "entity"), ==, "product");
  /* On top of the 2 bears the demo's markets left unsold. */
  products = stock (fixture, TRUE);
  g_assert_cmpint (lookup (products, "P-BEAR"), ==, 4000000);
}

static void
test_count (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(JsonNode) past = NULL;
  g_autoptr(JsonNode) now = NULL;
  g_autoptr(GHashTable) on_hand = NULL;
  JsonObject *movement;

  mkt_cli_test_load_demo (fixture);

  /* Before the opening stock was bought, 100 yd were counted: that count
   * stays under everything that came after. */
  past = mkt_cli_test_run_json (fixture, "count", "EV-WA-GRN", "100", "--at", "2020-01-01T09:00:00Z", NULL);
  movement = json_object_get_object_member (json_node_get_object (past), "movement");
  g_assert_cmpstr (json_object_get_string_member (movement, "kind"), ==, "count");
  g_assert_cmpstr (json_object_get_string_member (movement, "occurred_at"), ==, "2020-01-01T09:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (past), "difference"), ==, "100");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (past), "on_hand"), ==, "1812");

  /* Now: 5 skeins; the difference to the ledger goes in. */
  now = mkt_cli_test_run_json (fixture, "count", "EV-WA-GRN", "5", "skein", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (now), "counted"), ==, "1820");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (now), "difference"), ==, "8");

  on_hand = stock (fixture, FALSE);
  g_assert_cmpint (lookup (on_hand, "EV-WA-GRN"), ==, G_GINT64_CONSTANT (1820000000));
}

static void
test_stock_low (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(MktCliTestResult) adjust = { 0 };
  g_auto(MktCliTestResult) text = { 0 };
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  JsonArray *items;
  gboolean found = FALSE;

  mkt_cli_test_load_demo (fixture);

  before = mkt_cli_test_run_json (fixture, "stock", "--low", NULL);
  items = json_object_get_array_member (json_node_get_object (before), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, i), "sku"), !=, "EV-WA-GRN");

  /* 1712 yd, reorder at 728: take 1500 away. */
  adjust = mkt_cli_test_run (fixture, "adjust", "EV-WA-GRN", "-1500", "--reason", "moth damage", NULL);
  g_assert_cmpint (adjust.status, ==, 0);

  after = mkt_cli_test_run_json (fixture, "stock", "--low", NULL);
  items = json_object_get_array_member (json_node_get_object (after), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonArray *blocks = json_object_get_array_member (item, "blocks");

      if (g_strcmp0 (json_object_get_string_member (item, "sku"), "EV-WA-GRN") != 0)
        continue;
      found = TRUE;
      g_assert_cmpstr (json_object_get_string_member (item, "on_hand"), ==, "212");
      g_assert_cmpstr (json_object_get_string_member (item, "reorder_level"), ==, "728");
      g_assert_cmpuint (json_array_get_length (blocks), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (blocks, 0), "sku"),
                       ==, "P-EARWARMER");
    }
  g_assert_true (found);

  text = mkt_cli_test_run (fixture, "stock", "--low", NULL);
  g_assert_cmpint (text.status, ==, 0);
  mkt_cli_test_assert_line (text.out, "EV-WA-GRN", "212 yd", "728 yd", "Worsted Ear Warmer", NULL);
}

static void
assert_used (GHashTable *before,
             GHashTable *after,
             const char *sku,
             gint64      used)
{
  g_test_message ("%s", sku);
  g_assert_cmpint (lookup (before, sku) - lookup (after, sku), ==, used);
}

static void
test_make (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GHashTable) products = NULL;
  g_autoptr(JsonNode) made = NULL;
  g_auto(MktCliTestResult) bears = { 0 };
  JsonObject *run;
  GHashTableIter iter;
  gpointer key;

  mkt_cli_test_load_demo (fixture);
  before = stock (fixture, FALSE);

  made = mkt_cli_test_run_json (fixture, "make", "P-EARWARMER", "3", NULL);
  run = json_object_get_object_member (json_node_get_object (made), "run");
  g_assert_cmpstr (json_object_get_string_member (run, "quantity"), ==, "3");
  g_assert_false (json_object_get_boolean_member (run, "forced"));
  g_assert_cmpint (json_object_get_int_member (run, "unit_cost"), ==, 1191);
  /* On top of the 3 the demo's markets left unsold. */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (made), "on_hand"), ==, "6");

  /* The recipe × 3, and nothing else. */
  after = stock (fixture, FALSE);
  assert_used (before, after, "EV-WA-GRN", 360000000);
  assert_used (before, after, "LL-WOV-HM", 3000000);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_str_equal (key, "EV-WA-GRN") && !g_str_equal (key, "LL-WOV-HM"))
      assert_used (before, after, key, 0);
  products = stock (fixture, TRUE);
  g_assert_cmpint (lookup (products, "P-EARWARMER"), ==, 6000000);

  /* Through components: two bears, each a head and a body. */
  g_clear_pointer (&before, g_hash_table_unref);
  before = g_steal_pointer (&after);
  bears = mkt_cli_test_run (fixture, "make", "P-BEAR", "2", NULL);
  g_assert_cmpint (bears.status, ==, 0);
  mkt_cli_test_assert_line (bears.out, "Made", "2 × Amigurumi Bear", NULL);
  mkt_cli_test_assert_line (bears.out, "Cotton 4-ply (Blush, SS-C4-PNK)", "300 m", NULL);
  after = stock (fixture, FALSE);
  assert_used (before, after, "SS-C4-PNK", 300000000);
  assert_used (before, after, "SF-POLY-500", 80000000);
  assert_used (before, after, "AM-EYE-9", 4000000);
  assert_used (before, after, "LL-WOV-HM", 2000000);
}

static void
test_make_shortage (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(MktCliTestResult) stock_before = { 0 };
  g_auto(MktCliTestResult) stock_after = { 0 };
  g_auto(MktCliTestResult) products_before = { 0 };
  g_auto(MktCliTestResult) products_after = { 0 };
  g_auto(MktCliTestResult) text = { 0 };
  g_auto(MktCliTestResult) json = { 0 };
  g_auto(MktCliTestResult) forced = { 0 };
  g_autoptr(JsonNode) error = NULL;
  g_autoptr(JsonNode) low = NULL;
  JsonArray *requirements, *items;
  gboolean found = FALSE;

  mkt_cli_test_load_demo (fixture);
  stock_before = mkt_cli_test_run (fixture, "--json", "stock", NULL);
  products_before = mkt_cli_test_run (fixture, "--json", "stock", "--products", NULL);

  /* 3 shawls need 6 balls of Mohair Silk (1260 m); there are 2 (420 m) left
   * of the 4 bought after the demo's shawl. */
  text = mkt_cli_test_run (fixture, "make", "P-SHAWL-ROSE", "3", NULL);
  g_assert_cmpint (text.status, ==, 1);
  g_assert_cmpstr (text.out, ==, "");
  mkt_cli_test_assert_line (text.err, "Mohair Silk", "1260 m", "420 m", "840 m", NULL);
  g_assert_nonnull (strstr (text.err, "--force"));
  g_assert_null (strstr (text.err, "Alpaca Lace"));

  json = mkt_cli_test_run (fixture, "--json", "make", "P-SHAWL-ROSE", "3", NULL);
  g_assert_cmpint (json.status, ==, 1);
  g_assert_cmpstr (json.out, ==, "");
  error = mkt_cli_test_parse_json (json.err);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (error), "error"),
                                                  "code"), ==, "shortage");
  requirements = json_object_get_array_member (json_node_get_object (error), "requirements");
  g_assert_cmpuint (json_array_get_length (requirements), ==, 3);
  for (guint i = 0; i < json_array_get_length (requirements); i++)
    {
      JsonObject *requirement = json_array_get_object_element (requirements, i);
      JsonObject *material = json_object_get_object_member (requirement, "material");

      if (g_str_equal (json_object_get_string_member (material, "sku"), "CL-MS-ROS"))
        {
          g_assert_cmpstr (json_object_get_string_member (requirement, "needed"), ==, "1260");
          g_assert_cmpstr (json_object_get_string_member (requirement, "short_by"), ==, "840");
        }
      else
        g_assert_cmpstr (json_object_get_string_member (requirement, "short_by"), ==, "0");
    }

  /* Nothing moved. */
  stock_after = mkt_cli_test_run (fixture, "--json", "stock", NULL);
  products_after = mkt_cli_test_run (fixture, "--json", "stock", "--products", NULL);
  g_assert_cmpstr (stock_after.out, ==, stock_before.out);
  g_assert_cmpstr (products_after.out, ==, products_before.out);

  /* Forced, the ledger goes below zero and says so. */
  forced = mkt_cli_test_run (fixture, "make", "P-SHAWL-ROSE", "3", "--force", NULL);
  g_assert_cmpint (forced.status, ==, 0);
  mkt_cli_test_assert_line (forced.out, "Made", "(forced)", NULL);
  mkt_cli_test_assert_line (forced.out, "Mohair Silk", "-840 m", NULL);

  low = mkt_cli_test_run_json (fixture, "stock", "--low", NULL);
  items = json_object_get_array_member (json_node_get_object (low), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (item, "sku"), "CL-MS-ROS"))
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (item, "on_hand"), ==, "-840");
        }
    }
  g_assert_true (found);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  mkt_cli_test_add ("/cli/stock/purchase", test_purchase);
  mkt_cli_test_add ("/cli/stock/adjust", test_adjust);
  mkt_cli_test_add ("/cli/stock/count", test_count);
  mkt_cli_test_add ("/cli/stock/low", test_stock_low);
  mkt_cli_test_add ("/cli/make", test_make);
  mkt_cli_test_add ("/cli/make/shortage", test_make_shortage);

  return g_test_run ();
}
