/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>

#include "mkt-cli-test-utils.h"

/* market-cli at the stall: events, bringing and returning stock, selling,
 * voiding and the day's summary, run on the demo shop (EUR). There ten
 * Cotton Dishcloths made cost 8.36 each, four Merino DK Beanies 121.18 in
 * all (30.295 → 30.30 each), on top of the 6 dishcloths and 2 beanies left
 * from the demo's past markets. The demo's own event, the Winter Makers
 * Market, has the Amigurumi Bear on its sheet at 36.00. */

typedef MktCliTestFixture Fixture;

#define FAIR "Spring Fair"
#define WINTER "Winter Makers Market"

static JsonObject *
object_of (JsonNode *node)
{
  return json_node_get_object (node);
}

/* @member of @object as an integer, -1 when it is null. */
static gint64
int_or_null (JsonObject *object,
             const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  if (json_object_get_null_member (object, member))
    return -1;
  return json_object_get_int_member (object, member);
}

/* Runs `--json ARGS…`, which must succeed quietly. */
static JsonNode *
run_json (Fixture    *fixture,
          GPtrArray  *args)
{
  g_auto(MktCliTestResult) result = { 0 };

  g_ptr_array_insert (args, 0, (gpointer)"--json");
  g_ptr_array_add (args, NULL);
  result = mkt_cli_test_runv (fixture, (const char * const *)args->pdata);
  if (result.status != 0)
    g_test_message ("%s failed: %s", (const char *)args->pdata[1], result.err);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");

  return mkt_cli_test_parse_json (result.out);
}

static JsonObject *
find_line (JsonObject *summary,
           const char *name)
{
  JsonArray *lines = json_object_get_array_member (summary, "lines");

  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);

      if (g_str_equal (json_object_get_string_member (line, "name"), name))
        return line;
    }

  g_error ("no line “%s” in the summary", name);
}

/* sku → on hand, from `stock --products --json`. */
static const char *
on_hand (JsonNode   *stock,
         const char *sku)
{
  JsonArray *items = json_object_get_array_member (object_of (stock), "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (item, "sku"), sku))
        return json_object_get_string_member (item, "on_hand");
    }

  g_error ("no product %s in stock", sku);
}

static void
setup_fair (Fixture *fixture)
{
  g_autoptr(JsonNode) event = NULL;
  g_autoptr(JsonNode) made = NULL;

  mkt_cli_test_load_demo (fixture);
  made = mkt_cli_test_run_json (fixture, "make", "P-DISHCLOTH", "10", NULL);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object_of (made), "run"), "unit_cost"),
                   ==, 836);
  g_clear_pointer (&made, json_node_unref);
  made = mkt_cli_test_run_json (fixture, "make", "P-BEANIE-NAT", "4", NULL);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object_of (made), "run"), "total_cost"),
                   ==, 12118);

  event = mkt_cli_test_run_json (fixture, "event", "add", "name=" FAIR, "starts_on=2026-12-05",
                                 "venue=Village Green", "booth_fee=25", "other_costs=3.50", NULL);
  g_assert_cmpstr (json_object_get_string_member (object_of (event), "name"), ==, FAIR);
  g_assert_cmpint (json_object_get_int_member (object_of (event), "booth_fee"), ==, 2500);
  g_assert_cmpint (json_object_get_int_member (object_of (event), "other_costs"), ==, 350);
}

/* The market day ------------------------------------------------------------------ */

typedef struct
{
  const char *sku;
  const char *count;      /* NULL: one */
  const char *price;
  const char *discount;
  const char *payment;    /* NULL: cash */
  gint64      unit_price;
  gint64      discounted; /* -1: none */
  const char *method;
  gint64      unit_cost;
} DaySale;

/* Dishcloths at 7.50 and beanies at 52.00 on the fair's sheet. */
static const DaySale day_sales[] = {
  { "P-DISHCLOTH", "2", NULL, NULL, NULL, 750, -1, "cash", 836 },            /* 15.00 */
  { "P-BEANIE-NAT", NULL, NULL, "5", "card", 5200, 500, "card", 3030 },      /* 47.00 */
  { "P-DISHCLOTH", "3", "7", NULL, "other", 700, -1, "other", 836 },         /* 21.00 */
  { "P-BEANIE-NAT", NULL, NULL, NULL, "card", 5200, -1, "card", 3030 },      /* 52.00, voided */
  { "P-DISHCLOTH", "1", NULL, "0.50", "card", 750, 50, "card", 836 },        /* 7.00 */
  { "P-BEANIE-NAT", "2", NULL, "10", NULL, 5200, 1000, "cash", 3030 },       /* 94.00 */
};
#define VOIDED_SALE 3

static void
assert_summary_line (JsonObject *summary,
                     const char *name,
                     gint64      price,
                     const char *brought,
                     const char *returned,
                     const char *sold,
                     const char *at_stall,
                     gint64      revenue,
                     gint64      cost_of_goods,
                     gint64      sell_through_bp)
{
  JsonObject *line = find_line (summary, name);

  g_assert_cmpint (json_object_get_int_member (line, "price"), ==, price);
  g_assert_cmpstr (json_object_get_string_member (line, "brought"), ==, brought);
  g_assert_cmpstr (json_object_get_string_member (line, "returned"), ==, returned);
  g_assert_cmpstr (json_object_get_string_member (line, "sold"), ==, sold);
  g_assert_cmpstr (json_object_get_string_member (line, "at_stall"), ==, at_stall);
  g_assert_cmpint (json_object_get_int_member (line, "revenue"), ==, revenue);
  g_assert_cmpint (json_object_get_int_member (line, "cost_of_goods"), ==, cost_of_goods);
  g_assert_cmpint (int_or_null (line, "sell_through_bp"), ==, sell_through_bp);
}

static void
test_day (Fixture       *fixture,
          gconstpointer  data)
{
  g_auto(MktCliTestResult) brought = { 0 };
  g_auto(MktCliTestResult) sold = { 0 };
  g_auto(MktCliTestResult) text = { 0 };
  g_auto(MktCliTestResult) again = { 0 };
  g_auto(MktCliTestResult) home = { 0 };
  g_autoptr(JsonNode) beanies = NULL;
  g_autoptr(JsonNode) line = NULL;
  g_autoptr(JsonNode) void_row = NULL;
  g_autoptr(JsonNode) midday = NULL;
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_autoptr(JsonNode) stock = NULL;
  g_autoptr(GPtrArray) sale_ids = g_ptr_array_new_with_free_func (g_free);
  JsonObject *root;

  setup_fair (fixture);

  brought = mkt_cli_test_run (fixture, "event", "bring", FAIR, "P-DISHCLOTH", "10", NULL);
  g_assert_cmpint (brought.status, ==, 0);
  g_assert_cmpstr (brought.out, ==, "Cotton Dishcloth: 10 at the stall of “" FAIR "”.\n");
  beanies = mkt_cli_test_run_json (fixture, "event", "bring", FAIR, "P-BEANIE-NAT", "4", NULL);
  g_assert_cmpstr (json_object_get_string_member (object_of (beanies), "brought"), ==, "4");
  g_assert_cmpstr (json_object_get_string_member (object_of (beanies), "at_stall"), ==, "4");
  line = mkt_cli_test_run_json (fixture, "event", "price", FAIR, "P-DISHCLOTH", "7.50", NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (line), "price"), ==, 750);
  g_clear_pointer (&line, json_node_unref);
  line = mkt_cli_test_run_json (fixture, "event", "price", FAIR, "P-BEANIE-NAT", "52", NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (line), "price"), ==, 5200);

  /* Bringing did not change what there is in all (the demo's 6 and 2 too). */
  stock = mkt_cli_test_run_json (fixture, "stock", "--products", NULL);
  g_assert_cmpstr (on_hand (stock, "P-DISHCLOTH"), ==, "16");
  g_assert_cmpstr (on_hand (stock, "P-BEANIE-NAT"), ==, "6");
  g_clear_pointer (&stock, json_node_unref);

  for (guint i = 0; i < G_N_ELEMENTS (day_sales); i++)
    {
      const DaySale *s = &day_sales[i];
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(JsonNode) sale = NULL;
      JsonObject *object;

      g_ptr_array_add (args, (gpointer)"sell");
      g_ptr_array_add (args, (gpointer)FAIR);
      g_ptr_array_add (args, (gpointer)s->sku);
      if (s->count != NULL)
        g_ptr_array_add (args, (gpointer)s->count);
      if (s->price != NULL)
        {
          g_ptr_array_add (args, (gpointer)"--price");
          g_ptr_array_add (args, (gpointer)s->price);
        }
      if (s->discount != NULL)
        {
          g_ptr_array_add (args, (gpointer)"--discount");
          g_ptr_array_add (args, (gpointer)s->discount);
        }
      if (s->payment != NULL)
        {
          g_ptr_array_add (args, (gpointer)"--payment");
          g_ptr_array_add (args, (gpointer)s->payment);
        }

      sale = run_json (fixture, args);
      object = object_of (sale);
      g_assert_cmpstr (json_object_get_string_member (object, "quantity"), ==, s->count ? s->count : "1");
      g_assert_cmpint (json_object_get_int_member (object, "unit_price"), ==, s->unit_price);
      g_assert_cmpint (int_or_null (object, "discount"), ==, s->discounted);
      g_assert_cmpstr (json_object_get_string_member (object, "payment_method"), ==, s->method);
      g_assert_cmpint (json_object_get_int_member (object, "unit_cost"), ==, s->unit_cost);
      g_assert_true (json_object_get_null_member (object, "voids_sale_id"));
      g_ptr_array_add (sale_ids, g_strdup (json_object_get_string_member (object, "id")));
    }

  /* In words, too. */
  sold = mkt_cli_test_run (fixture, "sell", FAIR, "P-DISHCLOTH", "--payment", "card", NULL);
  g_assert_cmpint (sold.status, ==, 0);
  g_assert_true (g_str_has_prefix (sold.out, "Sold 1 × Cotton Dishcloth at 7.50 EUR (card). Sale "));
  again = mkt_cli_test_run (fixture, "void", strrchr (g_strchomp (sold.out), ' ') + 1, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_true (g_str_has_prefix (again.out, "Voided sale "));

  void_row = mkt_cli_test_run_json (fixture, "void", g_ptr_array_index (sale_ids, VOIDED_SALE), NULL);
  root = object_of (void_row);
  g_assert_cmpstr (json_object_get_string_member (root, "voids_sale_id"), ==, g_ptr_array_index (sale_ids, VOIDED_SALE));
  g_assert_cmpstr (json_object_get_string_member (root, "quantity"), ==, "-1");
  g_assert_cmpint (json_object_get_int_member (root, "unit_price"), ==, 5200);
  g_assert_cmpint (int_or_null (root, "discount"), ==, -1);
  g_assert_cmpstr (json_object_get_string_member (root, "payment_method"), ==, "card");
  g_assert_cmpint (json_object_get_int_member (root, "unit_cost"), ==, 3030);

  /* Before packing up: 4 dishcloths and a beanie at the stall; in all, the
   * demo's 6 and 2 at home too. */
  midday = mkt_cli_test_run_json (fixture, "event", "summary", FAIR, NULL);
  g_assert_cmpstr (json_object_get_string_member (find_line (object_of (midday), "Cotton Dishcloth"), "at_stall"),
                   ==, "4");
  g_assert_cmpstr (json_object_get_string_member (find_line (object_of (midday), "Merino DK Beanie"), "at_stall"),
                   ==, "1");
  stock = mkt_cli_test_run_json (fixture, "stock", "--products", NULL);
  g_assert_cmpstr (on_hand (stock, "P-DISHCLOTH"), ==, "10");
  g_assert_cmpstr (on_hand (stock, "P-BEANIE-NAT"), ==, "3");
  g_clear_pointer (&stock, json_node_unref);

  home = mkt_cli_test_run (fixture, "event", "return", FAIR, "P-DISHCLOTH", "4", NULL);
  g_assert_cmpint (home.status, ==, 0);
  g_assert_cmpstr (home.out, ==, "Cotton Dishcloth: 0 at the stall of “" FAIR "”.\n");
  back = mkt_cli_test_run_json (fixture, "event", "return", FAIR, "P-BEANIE-NAT", "1", NULL);
  g_assert_cmpstr (json_object_get_string_member (object_of (back), "returned"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (object_of (back), "at_stall"), ==, "0");
  stock = mkt_cli_test_run_json (fixture, "stock", "--products", NULL);
  g_assert_cmpstr (on_hand (stock, "P-DISHCLOTH"), ==, "10");
  g_assert_cmpstr (on_hand (stock, "P-BEANIE-NAT"), ==, "3");

  /* 15.00 + 21.00 + 7.00 (+ 7.50 − 7.50) of dishcloths, 47.00 + 94.00
   * (+ 52.00 − 52.00) of beanies; cost of goods 6 × 8.36 + 3 × 30.30. */
  summary = mkt_cli_test_run_json (fixture, "event", "summary", FAIR, NULL);
  root = object_of (summary);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "event"), "name"), ==, FAIR);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "lines")), ==, 2);
  assert_summary_line (root, "Cotton Dishcloth", 750, "10", "4", "6", "0", 4300, 6 * 836, 6000);
  assert_summary_line (root, "Merino DK Beanie", 5200, "4", "1", "3", "0", 14100, 3 * 3030, 7500);
  g_assert_cmpint (json_object_get_int_member (root, "revenue"), ==, 18400);
  g_assert_cmpint (json_object_get_int_member (root, "revenue_cash"), ==, 1500 + 9400);
  g_assert_cmpint (json_object_get_int_member (root, "revenue_card"), ==, 4700 + 700);
  g_assert_cmpint (json_object_get_int_member (root, "revenue_other"), ==, 2100);
  g_assert_cmpstr (json_object_get_string_member (root, "items_sold"), ==, "9");
  g_assert_cmpint (json_object_get_int_member (root, "sales"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (root, "voids"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "cost_of_goods"), ==, 14106);
  g_assert_cmpint (json_object_get_int_member (root, "booth_fee"), ==, 2500);
  g_assert_cmpint (json_object_get_int_member (root, "other_costs"), ==, 350);
  g_assert_cmpint (json_object_get_int_member (root, "profit"), ==, 18400 - 14106 - 2500 - 350);

  text = mkt_cli_test_run (fixture, "event", "summary", FAIR, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpstr (text.err, ==, "");
  g_assert_true (g_str_has_prefix (text.out, FAIR ", 2026-12-05, Village Green\n"));
  mkt_cli_test_assert_line (text.out, "Cotton Dishcloth", "7.50", "60.0 %", "43.00", NULL);
  mkt_cli_test_assert_line (text.out, "Merino DK Beanie", "52.00", "75.0 %", "141.00", NULL);
  mkt_cli_test_assert_line (text.out, "revenue", "184.00 EUR", NULL);
  mkt_cli_test_assert_line (text.out, "cash", "109.00 EUR", NULL);
  mkt_cli_test_assert_line (text.out, "card", "54.00 EUR", NULL);
  mkt_cli_test_assert_line (text.out, "other", "21.00 EUR", NULL);
  mkt_cli_test_assert_line (text.out, "sales", "7 (2 voided)", NULL);
  mkt_cli_test_assert_line (text.out, "cost of goods", "141.06 EUR", NULL);
  mkt_cli_test_assert_line (text.out, "booth fee", "25.00 EUR", NULL);
  mkt_cli_test_assert_line (text.out, "other costs", "3.50 EUR", NULL);
  mkt_cli_test_assert_line (text.out, "profit", "14.44 EUR", NULL);
}

/* Refused ------------------------------------------------------------------------- */

typedef struct
{
  const char *args[8];
  int         status;
  const char *message;
} BadCase;

/* On the demo's Winter Makers Market, where a dishcloth is 8.00. */
static const BadCase bad_cases[] = {
  { { "sell", "No Such Fair", "P-DISHCLOTH" }, 1, "There is no market event “No Such Fair”" },
  { { "sell", WINTER, "P-NOPE" }, 1, "There is no product “P-NOPE”" },
  { { "sell", WINTER, "P-DISHCLOTH", "0" }, 1, "quantity: “0” is not a number of items more than 0" },
  { { "sell", WINTER, "P-DISHCLOTH", "two" }, 1, "quantity: “two” is not a number of items more than 0" },
  { { "sell", WINTER, "P-DISHCLOTH", "--price", "abc" }, 1, "unit_price: “abc” is not a number" },
  { { "sell", WINTER, "P-DISHCLOTH", "--price", "1.234" }, 1, "unit_price: “1.234” has more decimals" },
  { { "sell", WINTER, "P-DISHCLOTH", "--discount", "8.01" }, 1, "discount: must not be more than the sale is worth" },
  { { "sell", WINTER, "P-DISHCLOTH", "--discount", "-1" }, 1, "discount: must not be negative" },
  { { "sell", WINTER, "P-DISHCLOTH", "--payment", "cheque" }, 1, "payment_method: “cheque” is not one of cash, card, other" },
  { { "event", "bring", WINTER, "P-DISHCLOTH", "0" }, 1, "quantity: “0” is not a number of items more than 0" },
  { { "event", "return", WINTER, "P-DISHCLOTH", "-" }, 1, "quantity: “-” is not a number" },
  { { "event", "bring", "No Such Fair", "P-DISHCLOTH", "1" }, 1, "There is no market event “No Such Fair”" },
  { { "event", "price", WINTER, "P-DISHCLOTH", "abc" }, 1, "price: “abc” is not a number" },
  { { "event", "summary", "No Such Fair" }, 1, "There is no market event “No Such Fair”" },
  { { "void", "01234567-89ab-7def-8123-456789abcdef" }, 1, "There is no sale with id 01234567-89ab-7def-8123-456789abcdef" },
  { { "void", "not-an-id" }, 1, "There is no sale with id not-an-id" },
  /* Usage errors. */
  { { "sell" }, 2, "sell takes an event, a product and, if more than one, a quantity" },
  { { "sell", WINTER }, 2, "sell takes an event, a product and, if more than one, a quantity" },
  { { "sell", WINTER, "P-DISHCLOTH", "1", "2" }, 2, "sell takes an event, a product and, if more than one, a quantity" },
  { { "sell", WINTER, "P-DISHCLOTH", "-1" }, 2, "Unknown option -1" },
  { { "sell", WINTER, "P-DISHCLOTH", "--price" }, 2, "Missing argument for --price" },
  { { "sell", WINTER, "P-DISHCLOTH", "--tip", "2" }, 2, "Unknown option --tip" },
  { { "void" }, 2, "void takes one sale id" },
  { { "void", "a", "b" }, 2, "void takes one sale id" },
  { { "event", "bring", WINTER, "P-DISHCLOTH" }, 2, "event bring takes an event, a product and a quantity" },
  { { "event", "return", WINTER }, 2, "event return takes an event, a product and a quantity" },
  { { "event", "price", WINTER, "P-DISHCLOTH" }, 2, "event price takes an event, a product and a price" },
  { { "event", "summary" }, 2, "event summary takes one event" },
  { { "event", "frobnicate" }, 2, "command “frobnicate”" },
};

static void
test_bad_inputs (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(MktCliTestResult) summary_before = { 0 };
  g_auto(MktCliTestResult) stock_before = { 0 };
  g_auto(MktCliTestResult) summary_after = { 0 };
  g_auto(MktCliTestResult) stock_after = { 0 };

  mkt_cli_test_load_demo (fixture);
  summary_before = mkt_cli_test_run (fixture, "--json", "event", "summary", WINTER, NULL);
  stock_before = mkt_cli_test_run (fixture, "--json", "stock", "--products", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_auto(MktCliTestResult) result = mkt_cli_test_runv (fixture, c->args);

      g_test_message ("%s %s: %d, %s", c->args[0], c->args[1] ? c->args[1] : "", result.status, result.err);
      g_assert_cmpint (result.status, ==, c->status);
      g_assert_cmpstr (result.out, ==, "");
      g_assert_true (g_str_has_prefix (result.err, "market-cli: "));
      g_assert_nonnull (strstr (result.err, c->message));
      g_assert_cmpint (c->status == 2, ==, strstr (result.err, "Try “market-cli --help”.") != NULL);
    }

  /* Nothing was sold, brought or priced. */
  summary_after = mkt_cli_test_run (fixture, "--json", "event", "summary", WINTER, NULL);
  stock_after = mkt_cli_test_run (fixture, "--json", "stock", "--products", NULL);
  g_assert_cmpstr (summary_after.out, ==, summary_before.out);
  g_assert_cmpstr (stock_after.out, ==, stock_before.out);
}

/* A sale is voided once; a void is never voided. */
static void
test_double_void (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) sale = NULL;
  g_autoptr(JsonNode) void_row = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_auto(MktCliTestResult) twice = { 0 };
  g_auto(MktCliTestResult) of_void = { 0 };
  const char *sale_id, *void_id;

  mkt_cli_test_load_demo (fixture);
  sale = mkt_cli_test_run_json (fixture, "sell", WINTER, "P-BEAR", "--payment", "card", NULL);
  sale_id = json_object_get_string_member (object_of (sale), "id");
  g_assert_cmpint (json_object_get_int_member (object_of (sale), "unit_price"), ==, 3600);
  void_row = mkt_cli_test_run_json (fixture, "void", sale_id, NULL);
  void_id = json_object_get_string_member (object_of (void_row), "id");

  twice = mkt_cli_test_run (fixture, "void", sale_id, NULL);
  g_assert_cmpint (twice.status, ==, 1);
  g_assert_cmpstr (twice.out, ==, "");
  g_assert_cmpstr (twice.err, ==, "market-cli: The sale is voided already\n");
  of_void = mkt_cli_test_run (fixture, "void", void_id, NULL);
  g_assert_cmpint (of_void.status, ==, 1);
  g_assert_cmpstr (of_void.err, ==, "market-cli: A void cannot be voided; record the sale again\n");

  summary = mkt_cli_test_run_json (fixture, "event", "summary", WINTER, NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (summary), "sales"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object_of (summary), "voids"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object_of (summary), "revenue"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object_of (summary), "items_sold"), ==, "0");
}

/* An event in the trash takes no sales; its summary can still be read. */
static void
test_trashed_event (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(MktCliTestResult) deleted = { 0 };
  g_auto(MktCliTestResult) refused = { 0 };
  g_auto(MktCliTestResult) restored = { 0 };
  g_autoptr(JsonNode) sale = NULL;
  g_autoptr(JsonNode) summary = NULL;

  mkt_cli_test_load_demo (fixture);
  sale = mkt_cli_test_run_json (fixture, "sell", WINTER, "P-BEAR", NULL);
  deleted = mkt_cli_test_run (fixture, "event", "delete", WINTER, NULL);
  g_assert_cmpint (deleted.status, ==, 0);

  refused = mkt_cli_test_run (fixture, "sell", WINTER, "P-BEAR", NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, WINTER));
  summary = mkt_cli_test_run_json (fixture, "event", "summary", WINTER, NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (summary), "revenue"), ==, 3600);
  g_assert_cmpint (json_object_get_int_member (object_of (summary), "sales"), ==, 1);

  restored = mkt_cli_test_run (fixture, "event", "restore", WINTER, NULL);
  g_assert_cmpint (restored.status, ==, 0);
  g_clear_pointer (&sale, json_node_unref);
  sale = mkt_cli_test_run_json (fixture, "sell", WINTER, "P-BEAR", NULL);
}

/* Tests that show bugs ---------------------------------------------------------------- */

/* A negative price is refused naming the price, not the discount. */
static void
test_negative_price (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(MktCliTestResult) result = { 0 };

  mkt_cli_test_load_demo (fixture);
  result = mkt_cli_test_run (fixture, "sell", WINTER, "P-DISHCLOTH", "--price", "-3", NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.err, ==, "market-cli: unit_price: must not be negative\n");
}

/* `event delete` says how to undo it, with a command that works. */
static void
test_undo_hint (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(MktCliTestResult) deleted = { 0 };
  g_auto(MktCliTestResult) undone = { 0 };
  g_auto(GStrv) undo = NULL;
  const char *hint;

  mkt_cli_test_load_demo (fixture);
  deleted = mkt_cli_test_run (fixture, "event", "delete", WINTER, NULL);
  g_assert_cmpint (deleted.status, ==, 0);
  hint = strstr (deleted.out, "Undo with: market-cli ");
  g_assert_nonnull (hint);
  undo = g_strsplit (g_strchomp (deleted.out + (hint - deleted.out) + strlen ("Undo with: market-cli ")), " ", -1);
  g_assert_cmpuint (g_strv_length (undo), ==, 3);

  undone = mkt_cli_test_runv (fixture, (const char * const *)undo);
  g_assert_cmpstr (undone.err, ==, "");
  g_assert_cmpint (undone.status, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  mkt_cli_test_add ("/cli/market/day", test_day);
  mkt_cli_test_add ("/cli/market/bad-inputs", test_bad_inputs);
  mkt_cli_test_add ("/cli/market/double-void", test_double_void);
  mkt_cli_test_add ("/cli/market/trashed-event", test_trashed_event);
  mkt_cli_test_add ("/cli/market/negative-price", test_negative_price);
  mkt_cli_test_add ("/cli/market/undo-hint", test_undo_hint);

  return g_test_run ();
}
