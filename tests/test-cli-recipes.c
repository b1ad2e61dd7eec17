/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>

#include "mkt-cli-test-utils.h"

/* market-cli on products, components, recipes, costs, prices and settings,
 * run on the demo shop. In the demo (EUR), the Worsted Ear Warmer is 120 yd
 * of Worsted Acrylic Green (8 skeins of 364 yd bought at 4.99: 3992 for
 * 2912 yd, so 120 yd cost 164.505… cents), a woven label, 45 minutes at
 * 12.00 an hour and 10 % overhead. The stock ledgers and production are in
 * test-cli-stock.c. */

typedef MktCliTestFixture Fixture;

static void
test_cost_explain (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(MktCliTestResult) text = { 0 };
  g_auto(MktCliTestResult) dishcloth = { 0 };
  g_autoptr(JsonNode) tree = NULL;
  g_autoptr(JsonNode) shown = NULL;
  JsonObject *totals, *cost, *yarn, *unit_cost;
  g_autoptr(GList) members = NULL;

  mkt_cli_test_load_demo (fixture);

  text = mkt_cli_test_run (fixture, "cost", "explain", "P-EARWARMER", NULL);
  g_assert_cmpint (text.status, ==, 0);
  mkt_cli_test_assert_line (text.out, "Worsted Acrylic", "120 yd", "0.0137 per yd (average)", "1.65", NULL);
  mkt_cli_test_assert_line (text.out, "Woven Labels", "1 pc", "0.18", NULL);
  mkt_cli_test_assert_line (text.out, "Labour", "45 min", "12.00 per hour", "9.00", NULL);
  mkt_cli_test_assert_line (text.out, "Overhead", "10 % of 10.83", "1.08", NULL);
  mkt_cli_test_assert_line (text.out, "Total", "11.91", NULL);

  /* The tree as JSON: amounts in cents, and exact. */
  tree = mkt_cli_test_run_json (fixture, "cost", "explain", "P-EARWARMER", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (tree), "sku"), ==, "P-EARWARMER");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (tree), "currency"), ==, "EUR");
  yarn = mkt_cli_test_find_cost_line (json_node_get_object (tree), "Worsted Acrylic (Green)");
  g_assert_cmpstr (json_object_get_string_member (yarn, "kind"), ==, "material");
  g_assert_cmpstr (json_object_get_string_member (yarn, "quantity"), ==, "120");
  g_assert_cmpstr (json_object_get_string_member (yarn, "unit"), ==, "yd");
  g_assert_cmpint (json_object_get_int_member (yarn, "cost"), ==, 165);
  g_assert_cmpint (json_object_get_int_member (yarn, "cost_micro"), ==, 164505495);
  unit_cost = json_object_get_object_member (yarn, "unit_cost");
  g_assert_cmpstr (json_object_get_string_member (unit_cost, "source"), ==, "average");
  g_assert_cmpint (json_object_get_int_member (unit_cost, "cost"), ==, 3992);
  g_assert_cmpstr (json_object_get_string_member (unit_cost, "quantity"), ==, "2912");

  /* The same totals as the product's cached cost. */
  shown = mkt_cli_test_run_json (fixture, "product", "show", "P-EARWARMER", NULL);
  totals = json_object_get_object_member (json_node_get_object (tree), "totals");
  cost = json_object_get_object_member (json_node_get_object (shown), "cost");
  g_assert_cmpint (json_object_get_int_member (totals, "total_cost"), ==, 1191);
  members = json_object_get_members (totals);
  g_assert_cmpuint (g_list_length (members), ==, json_object_get_size (cost));
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *a = json_to_string (json_object_get_member (totals, l->data), FALSE);
      g_autofree char *b = json_to_string (json_object_get_member (cost, l->data), FALSE);

      g_test_message ("totals.%s", (const char *)l->data);
      g_assert_cmpstr (a, ==, b);
    }

  /* A pack in a recipe, converted into the material's unit. */
  dishcloth = mkt_cli_test_run (fixture, "cost", "explain", "P-DISHCLOTH", NULL);
  g_assert_cmpint (dishcloth.status, ==, 0);
  mkt_cli_test_assert_line (dishcloth.out, "Cotton 4-ply", "0.5 ball = 85 m", "3.20 per ball", "1.60", NULL);
}

/* Components nest, each with its own lines; the lines add up to the total. */
static void
test_cost_explain_components (Fixture       *fixture,
                              gconstpointer  data)
{
  g_auto(MktCliTestResult) text = { 0 };
  g_autoptr(JsonNode) tree = NULL;
  JsonObject *root, *head, *labour;
  JsonArray *lines;
  gint64 sum = 0;

  mkt_cli_test_load_demo (fixture);

  text = mkt_cli_test_run (fixture, "cost", "explain", "P-BEAR", NULL);
  g_assert_cmpint (text.status, ==, 0);
  mkt_cli_test_assert_line (text.out, "  Crocheted bear head", "1 pc", "each", NULL);
  mkt_cli_test_assert_line (text.out, "    Cotton 4-ply", "60 m", NULL);
  mkt_cli_test_assert_line (text.out, " 40 min", "    Labour", "12.00 per hour", "8.00", NULL);
  mkt_cli_test_assert_line (text.out, " 20 min", "  Labour", "12.00 per hour", "4.00", NULL);
  mkt_cli_test_assert_line (text.out, "120 min", "Labour", "24.00", NULL);

  tree = mkt_cli_test_run_json (fixture, "cost", "explain", "P-BEAR", NULL);
  root = json_node_get_object (tree);
  head = mkt_cli_test_find_cost_line (root, "Crocheted bear head");
  g_assert_cmpstr (json_object_get_string_member (head, "kind"), ==, "component");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (head, "lines")), ==, 4);
  labour = mkt_cli_test_find_cost_line (root, "Labour");
  /* The product's own 20 minutes; the components' are in their lines. */
  g_assert_cmpstr (json_object_get_string_member (labour, "minutes"), ==, "20");

  lines = json_object_get_array_member (root, "lines");
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);

      sum += json_object_get_int_member (line, "cost_micro");
    }
  g_assert_cmpint (sum, ==, json_object_get_int_member (json_object_get_object_member (root, "totals"),
                                                          "total_cost_micro"));
}

static void
test_price (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(MktCliTestResult) text = { 0 };
  g_auto(MktCliTestResult) fees = { 0 };
  g_auto(MktCliTestResult) with_fees = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *pricing;

  mkt_cli_test_load_demo (fixture);

  /* Cost 11.91; wholesale × 2; retail × 2 up to .00; set price 22.00. */
  text = mkt_cli_test_run (fixture, "price", "P-EARWARMER", NULL);
  g_assert_cmpint (text.status, ==, 0);
  mkt_cli_test_assert_line (text.out, "cost", "11.91 EUR", NULL);
  mkt_cli_test_assert_line (text.out, "wholesale", "23.82 EUR", NULL);
  mkt_cli_test_assert_line (text.out, "retail", "48.00 EUR", NULL);
  mkt_cli_test_assert_line (text.out, "price", "22.00 EUR", NULL);
  mkt_cli_test_assert_line (text.out, "margin", "45.9 %", NULL);
  mkt_cli_test_assert_line (text.out, "markup", "84.7 %", NULL);
  g_assert_null (strstr (text.out, "marketplace"));

  root = mkt_cli_test_run_json (fixture, "price", "P-EARWARMER", NULL);
  pricing = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (pricing, "cost"), ==, 1191);
  g_assert_cmpint (json_object_get_int_member (pricing, "wholesale"), ==, 2382);
  g_assert_cmpint (json_object_get_int_member (pricing, "retail"), ==, 4800);
  g_assert_true (json_object_get_null_member (pricing, "marketplace"));
  g_assert_cmpint (json_object_get_int_member (pricing, "price"), ==, 2200);
  g_assert_cmpint (json_object_get_int_member (pricing, "margin_bp"), ==, 4586);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (pricing, "product"), "sku"),
                   ==, "P-EARWARMER");

  /* With a marketplace's fees, a price that still leaves the retail one:
   * (48.00 + 0.20) / 0.9 = 53.56, up to 54.00. */
  fees = mkt_cli_test_run (fixture, "settings", "fee_percent=10", "fee_fixed=0.20", NULL);
  g_assert_cmpint (fees.status, ==, 0);
  with_fees = mkt_cli_test_run (fixture, "price", "P-EARWARMER", NULL);
  g_assert_cmpint (with_fees.status, ==, 0);
  mkt_cli_test_assert_line (with_fees.out, "marketplace", "54.00 EUR", "10 %", NULL);
}

static void
test_part_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(MktCliTestResult) add = { 0 };
  g_auto(MktCliTestResult) list = { 0 };
  g_auto(MktCliTestResult) remove = { 0 };
  g_auto(MktCliTestResult) again = { 0 };
  g_autoptr(JsonNode) added = NULL;
  g_autoptr(JsonNode) recipe = NULL;
  gint64 before, with_part, after;

  mkt_cli_test_load_demo (fixture);
  before = mkt_cli_test_total_micro (fixture, "P-EARWARMER");

  /* 1 skein of Merino DK Rust, 8.50, plus 10 % overhead. */
  added = mkt_cli_test_run_json (fixture, "part", "add", "P-EARWARMER", "HM-MDK-RUS", "1", "skein", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (added), "unit"), ==, "skein");
  with_part = mkt_cli_test_total_micro (fixture, "P-EARWARMER");
  g_assert_cmpint (with_part - before, ==, 935000000);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (added), "cost"),
                                               "total_cost_micro"), ==, with_part);

  recipe = mkt_cli_test_run_json (fixture, "part", "list", "P-EARWARMER", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (recipe), "items")), ==, 3);
  list = mkt_cli_test_run (fixture, "part", "list", "P-EARWARMER", NULL);
  mkt_cli_test_assert_line (list.out, "1 skein", "Merino DK (Rust, HM-MDK-RUS)", NULL);

  remove = mkt_cli_test_run (fixture, "part", "remove", "P-EARWARMER", "HM-MDK-RUS", NULL);
  g_assert_cmpint (remove.status, ==, 0);
  mkt_cli_test_assert_line (remove.out, "Removed", "Merino DK", NULL);
  after = mkt_cli_test_total_micro (fixture, "P-EARWARMER");
  g_assert_cmpint (after, ==, before);

  /* Nothing left of it to remove. */
  again = mkt_cli_test_run (fixture, "part", "remove", "P-EARWARMER", "HM-MDK-RUS", NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "has no"));

  /* A component in a product, by name, counted in pieces by default. */
  {
    g_auto(MktCliTestResult) component = mkt_cli_test_run (fixture, "part", "add", "P-EARWARMER", "Gift box", "1", NULL);

    g_assert_cmpint (component.status, ==, 0);
    g_assert_cmpint (mkt_cli_test_total_micro (fixture, "P-EARWARMER") - before, >, 0);
  }
}

static void
test_cycle (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(MktCliTestResult) a = mkt_cli_test_run (fixture, "component", "add", "name=Widget Alpha", "sku=WA", NULL);
  g_auto(MktCliTestResult) b = mkt_cli_test_run (fixture, "component", "add", "name=Widget Beta", "sku=WB", NULL);
  g_auto(MktCliTestResult) contains = { 0 };
  g_auto(MktCliTestResult) cycle = { 0 };
  g_auto(MktCliTestResult) json = { 0 };
  g_auto(MktCliTestResult) self = { 0 };
  g_autoptr(JsonNode) error = NULL;
  g_autoptr(JsonNode) recipe = NULL;

  g_assert_cmpint (a.status, ==, 0);
  g_assert_cmpint (b.status, ==, 0);

  contains = mkt_cli_test_run (fixture, "part", "add", "Widget Alpha", "Widget Beta", "2", "pc", NULL);
  g_assert_cmpint (contains.status, ==, 0);

  cycle = mkt_cli_test_run (fixture, "part", "add", "Widget Beta", "Widget Alpha", "1", "pc", NULL);
  g_assert_cmpint (cycle.status, ==, 1);
  g_assert_cmpstr (cycle.out, ==, "");
  g_assert_nonnull (strstr (cycle.err, "Widget Beta → Widget Alpha → Widget Beta"));

  json = mkt_cli_test_run (fixture, "--json", "part", "add", "WB", "WA", "1", NULL);
  g_assert_cmpint (json.status, ==, 1);
  error = mkt_cli_test_parse_json (json.err);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (error), "error"),
                                                  "field"), ==, "component_id");

  self = mkt_cli_test_run (fixture, "part", "add", "WA", "WA", "1", NULL);
  g_assert_cmpint (self.status, ==, 1);
  g_assert_nonnull (strstr (self.err, "Widget Alpha → Widget Alpha"));

  /* Only the first line was kept. */
  recipe = mkt_cli_test_run_json (fixture, "part", "list", "WB", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (recipe), "items")), ==, 0);
}

static void
test_part_unit (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(MktCliTestResult) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *error;

  mkt_cli_test_load_demo (fixture);

  r = mkt_cli_test_run (fixture, "--json", "part", "add", "P-EARWARMER", "EV-WA-RED", "120", "g", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  root = mkt_cli_test_parse_json (r.err);
  error = json_object_get_object_member (json_node_get_object (root), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, "unit");
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "g (mass)"));
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "counted in yd"));
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(MktCliTestResult) show = { 0 };
  g_auto(MktCliTestResult) explain = { 0 };
  g_auto(MktCliTestResult) bad = { 0 };
  g_autoptr(JsonNode) changed = NULL;
  g_autoptr(JsonNode) error = NULL;
  g_autoptr(JsonNode) unchanged = NULL;
  gint64 before, after;

  mkt_cli_test_load_demo (fixture);

  show = mkt_cli_test_run (fixture, "settings", NULL);
  g_assert_cmpint (show.status, ==, 0);
  mkt_cli_test_assert_line (show.out, "labour_rate", "12.00 EUR per hour", NULL);
  mkt_cli_test_assert_line (show.out, "price_ending", ".00", NULL);

  before = mkt_cli_test_total_micro (fixture, "P-EARWARMER");
  changed = mkt_cli_test_run_json (fixture, "settings", "labour_rate=20", NULL);
  /* Money in JSON is integer minor units, as everywhere. */
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (changed), "labour_rate"), ==, 2000);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (changed), "overhead_percent"), ==, "10");

  /* 45 minutes at 8.00 more an hour: 6.00, and 10 % of it in overhead. */
  after = mkt_cli_test_total_micro (fixture, "P-EARWARMER");
  g_assert_cmpint (after - before, ==, 660000000);
  explain = mkt_cli_test_run (fixture, "cost", "explain", "P-EARWARMER", NULL);
  mkt_cli_test_assert_line (explain.out, "Labour", "45 min", "20.00 per hour", "15.00", NULL);
  mkt_cli_test_assert_line (explain.out, "Total", "18.51", NULL);

  bad = mkt_cli_test_run (fixture, "--json", "settings", "overhead_percent=5", "labour_rate=lots", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  error = mkt_cli_test_parse_json (bad.err);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (error), "error"),
                                                  "field"), ==, "settings.labour_rate");

  /* All or nothing: overhead_percent did not change either. */
  unchanged = mkt_cli_test_run_json (fixture, "settings", NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (unchanged), "labour_rate"), ==, 2000);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (unchanged), "overhead_percent"), ==, "10");
}

static void
test_product_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) added = NULL;
  g_autoptr(JsonNode) component = NULL;
  g_autoptr(JsonNode) updated = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_auto(MktCliTestResult) show = { 0 };
  g_auto(MktCliTestResult) del = { 0 };
  g_auto(MktCliTestResult) restore = { 0 };
  g_auto(MktCliTestResult) table = { 0 };
  g_auto(MktCliTestResult) help = { 0 };
  JsonObject *product, *pricing;

  mkt_cli_test_load_demo (fixture);

  added = mkt_cli_test_run_json (fixture, "product", "add", "name=Tea Cosy", "sku=P-COSY", "labour_minutes=60",
                                 "price=30", "category=Yarn", NULL);
  product = json_node_get_object (added);
  g_assert_cmpint (json_object_get_int_member (product, "price"), ==, 3000);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (product, "cost"), "labour_cost"), ==, 1200);
  pricing = json_object_get_object_member (product, "pricing");
  g_assert_cmpint (json_object_get_int_member (pricing, "cost"), ==, 1320);
  g_assert_cmpstr (json_object_get_string_member (product, "on_hand"), ==, "0");

  updated = mkt_cli_test_run_json (fixture, "product", "update", "P-COSY", "labour_minutes=30", NULL);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (updated), "cost"),
                                               "total_cost"), ==, 660);

  show = mkt_cli_test_run (fixture, "product", "show", "Tea Cosy", NULL);
  g_assert_cmpint (show.status, ==, 0);
  mkt_cli_test_assert_line (show.out, "cost", "6.60 EUR for one", NULL);
  mkt_cli_test_assert_line (show.out, "wholesale", "13.20 EUR", NULL);
  mkt_cli_test_assert_line (show.out, "margin", "78.0 %", NULL);

  list = mkt_cli_test_run_json (fixture, "product", "list", "--search", "cosy", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (list), "items")), ==, 1);
  /* The demo's markets left 3 of its 10 ear warmers unsold. */
  table = mkt_cli_test_run (fixture, "product", "list", NULL);
  mkt_cli_test_assert_line (table.out, "Worsted Ear Warmer", "P-EARWARMER", "11.91", "22.00", "3 pc", NULL);

  del = mkt_cli_test_run (fixture, "product", "delete", "P-COSY", NULL);
  g_assert_cmpint (del.status, ==, 0);
  g_assert_nonnull (strstr (del.out, "market-cli product restore"));
  restore = mkt_cli_test_run (fixture, "product", "restore", "P-COSY", NULL);
  g_assert_cmpint (restore.status, ==, 0);

  component = mkt_cli_test_run_json (fixture, "component", "add", "name=Pompom", "labour_minutes=10", NULL);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (component), "cost"),
                                               "total_cost"), ==, 200);

  help = mkt_cli_test_run (fixture, "component", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "labour_minutes"));
  g_assert_null (strstr (help.out, "category=NAME"));
}

typedef struct
{
  const char *args[8];
  int         status;
  const char *field;    /* in the JSON error, or NULL */
  const char *message;  /* part of stderr */
} BadInput;

static const BadInput bad_inputs[] = {
  { { "product", "add", "sku=P-X" }, 1, "name", "is required" },
  { { "product", "add", "name=X", "price=-1" }, 1, "price", "must not be negative" },
  { { "product", "add", "name=X", "sku=P-EARWARMER" }, 1, "sku", "P-EARWARMER" },
  { { "component", "add", "name=X", "price=1" }, 1, "price", "no such field" },
  { { "product", "show", "no-such-thing" }, 1, NULL, "no-such-thing" },
  { { "product", "frobnicate" }, 2, NULL, "frobnicate" },
  { { "part", "add", "P-EARWARMER" }, 2, NULL, "PARENT CHILD QUANTITY" },
  { { "part", "add", "nothing", "EV-WA-GRN", "1" }, 1, NULL, "no product or component “nothing”" },
  { { "part", "add", "P-EARWARMER", "nothing", "1" }, 1, NULL, "no material or component “nothing”" },
  { { "part", "add", "P-EARWARMER", "Merino DK", "1" }, 1, NULL, "More than one material" },
  { { "part", "add", "P-EARWARMER", "EV-WA-GRN", "-1" }, 1, "quantity", "more than 0" },
  { { "part", "add", "P-EARWARMER", "EV-WA-GRN", "1", "furlong" }, 1, "unit", "furlong" },
  { { "part", "add", "P-EARWARMER", "C-GIFT-BOX", "2", "m" }, 1, "unit", "pieces" },
  { { "part", "remove", "P-EARWARMER", "HM-MDK-RUS" }, 1, NULL, "has no" },
  { { "part", "list" }, 2, NULL, "part list" },
  { { "part", "frobnicate" }, 2, NULL, "frobnicate" },
  { { "cost", "explain" }, 2, NULL, "cost explain" },
  { { "cost", "explain", "EV-WA-GRN" }, 1, NULL, "no product or component" },
  { { "cost" }, 2, NULL, "explain" },
  { { "price", "C-BEAR-HEAD" }, 1, NULL, "no product" },
  { { "purchase", "EV-WA-GRN", "2", "skein" }, 1, "total_cost", "skein" },
  { { "purchase", "EV-WA-GRN", "-2", "4.99" }, 1, "quantity", "must add stock" },
  { { "purchase", "EV-WA-GRN", "2", "furlong", "4.99" }, 1, "unit", "furlong" },
  { { "purchase", "EV-WA-GRN", "2", "skein", "4.999" }, 1, "total_cost", "4.999" },
  { { "purchase", "EV-WA-GRN", "2.5", "skein", "4.99", "--each" }, 1, "total_cost", "not a whole amount" },
  { { "purchase", "P-BEAR", "1", "4.99" }, 1, NULL, "no material" },
  { { "purchase", "EV-WA-GRN" }, 2, NULL, "MATERIAL QTY" },
  { { "adjust", "EV-WA-GRN", "-3" }, 1, "reason", "reason" },
  { { "adjust", "EV-WA-GRN", "0", "--reason", "x" }, 1, "quantity", "change something" },
  { { "adjust", "EV-WA-GRN", "3", "g", "--reason", "x" }, 1, "unit", "g (mass)" },
  { { "adjust", "EV-WA-GRN", "three", "--reason", "x" }, 1, "quantity", "three" },
  { { "adjust", "C-BEAR-HEAD", "1", "--reason", "x" }, 1, NULL, "no material or product" },
  { { "adjust", "EV-WA-GRN", "-3", "--reason" }, 2, NULL, "reason" },
  { { "count", "EV-WA-GRN", "-5" }, 1, "quantity", "negative" },
  { { "count", "EV-WA-GRN", "5", "--at", "yesterday" }, 1, "occurred_at", "yesterday" },
  { { "stock", "--low", "--products" }, 2, NULL, "--low" },
  { { "stock", "extra" }, 2, NULL, "no arguments" },
  { { "make", "P-EARWARMER", "0" }, 1, "quantity", "more than 0" },
  { { "make", "P-EARWARMER", "-2" }, 1, "quantity", "more than 0" },
  { { "make", "P-EARWARMER", "abc" }, 1, "quantity", "abc" },
  { { "make", "C-BEAR-HEAD", "1" }, 1, NULL, "no product" },
  { { "make", "P-EARWARMER" }, 2, NULL, "PRODUCT N" },
  { { "settings", "labour_rate=abc" }, 1, "settings.labour_rate", "abc" },
  { { "settings", "wholesale_multiplier=0.5" }, 1, "settings.wholesale_multiplier", "at least 1" },
  { { "settings", "price_ending=.42" }, 1, "settings.price_ending", ".42" },
  { { "settings", "nonsense=1" }, 1, "settings.nonsense", "not a setting" },
  { { "settings", "labour_rate" }, 2, NULL, "KEY=VALUE" },
};

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(MktCliTestResult) stock_before = { 0 };
  g_auto(MktCliTestResult) products_before = { 0 };
  g_auto(MktCliTestResult) settings_before = { 0 };
  g_auto(MktCliTestResult) stock_after = { 0 };
  g_auto(MktCliTestResult) products_after = { 0 };
  g_auto(MktCliTestResult) settings_after = { 0 };

  mkt_cli_test_load_demo (fixture);
  stock_before = mkt_cli_test_run (fixture, "--json", "stock", NULL);
  products_before = mkt_cli_test_run (fixture, "--json", "product", "list", NULL);
  settings_before = mkt_cli_test_run (fixture, "--json", "settings", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      const BadInput *bad = &bad_inputs[i];
      const char * const *a = bad->args;
      g_auto(MktCliTestResult) r = mkt_cli_test_run (fixture, "--json", a[0], a[1], a[2], a[3], a[4], a[5], a[6],
                                                     a[7], NULL);

      g_test_message ("case %u: %s %s", i, a[0], a[1] ? a[1] : "");
      g_assert_cmpint (r.status, ==, bad->status);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_nonnull (strstr (r.err, bad->message));

      if (bad->status == 1)
        {
          g_autoptr(JsonNode) root = mkt_cli_test_parse_json (r.err);
          JsonObject *error = json_object_get_object_member (json_node_get_object (root), "error");

          g_assert_nonnull (json_object_get_string_member (error, "code"));
          if (bad->field != NULL)
            g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, bad->field);
        }
    }

  /* None of it changed a thing. */
  stock_after = mkt_cli_test_run (fixture, "--json", "stock", NULL);
  products_after = mkt_cli_test_run (fixture, "--json", "product", "list", NULL);
  settings_after = mkt_cli_test_run (fixture, "--json", "settings", NULL);
  g_assert_cmpstr (stock_after.out, ==, stock_before.out);
  g_assert_cmpstr (products_after.out, ==, products_before.out);
  g_assert_cmpstr (settings_after.out, ==, settings_before.out);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  mkt_cli_test_add ("/cli/cost/explain", test_cost_explain);
  mkt_cli_test_add ("/cli/cost/explain-components", test_cost_explain_components);
  mkt_cli_test_add ("/cli/price", test_price);
  mkt_cli_test_add ("/cli/part/round-trip", test_part_round_trip);
  mkt_cli_test_add ("/cli/part/cycle", test_cycle);
  mkt_cli_test_add ("/cli/part/unit", test_part_unit);
  mkt_cli_test_add ("/cli/product/round-trip", test_product_round_trip);
  mkt_cli_test_add ("/cli/settings", test_settings);
  mkt_cli_test_add ("/cli/recipes/bad-input", test_bad_input);

  return g_test_run ();
}
