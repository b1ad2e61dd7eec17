/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>

#include "mkt-cli-test-utils.h"

/* `market-cli event summary EVENT --day DAY`: one day of a market, through
 * the built binary, on the demo shop (EUR; TZ=UTC in the tests). The demo's
 * Harvest Craft Fair sold 7 times on its one day, three weeks back. */

typedef MktCliTestFixture Fixture;

#define HARVEST "Harvest Craft Fair"
#define FAIR "Weekend Fair"

static JsonObject *
object_of (JsonNode *node)
{
  return json_node_get_object (node);
}

static char *
day_of (const char *timestamp)
{
  g_assert_cmpuint (strlen (timestamp), >=, 10);
  return g_strndup (timestamp, 10);
}

static char *
day_before (const char *day)
{
  g_autofree char *text = g_strconcat (day, "T12:00:00Z", NULL);
  g_autoptr(GDateTime) noon = g_date_time_new_from_iso8601 (text, NULL);
  g_autoptr(GDateTime) before = g_date_time_add_days (noon, -1);

  return g_date_time_format (before, "%Y-%m-%d");
}

/* The demo's market on its day has all its takings; the day before, none,
 * with the same lines and stock. */
static void
test_demo_day (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(JsonNode) whole = NULL;
  g_autoptr(JsonNode) on_day = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_auto(MktCliTestResult) text = { 0 };
  g_autofree char *day = NULL;
  g_autofree char *eve = NULL;
  g_autofree char *from = NULL;
  JsonObject *w, *d, *b;
  static const char * const members[] = {
    "revenue", "revenue_cash", "revenue_card", "revenue_other", "sales", "voids", "cost_of_goods", "profit",
  };

  mkt_cli_test_load_demo (fixture);
  whole = mkt_cli_test_run_json (fixture, "event", "summary", HARVEST, NULL);
  w = object_of (whole);
  g_assert_false (json_object_has_member (w, "day"));
  g_assert_cmpint (json_object_get_int_member (w, "sales"), ==, 7);
  day = day_of (json_object_get_string_member (json_object_get_object_member (w, "event"), "starts_on"));

  on_day = mkt_cli_test_run_json (fixture, "event", "summary", HARVEST, "--day", day, NULL);
  d = object_of (on_day);
  g_assert_cmpstr (json_object_get_string_member (d, "day"), ==, day);
  from = g_strconcat (day, "T00:00:00Z", NULL);
  g_assert_cmpstr (json_object_get_string_member (d, "from"), ==, from);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_cmpint (json_object_get_int_member (d, members[i]), ==, json_object_get_int_member (w, members[i]));
  g_assert_cmpstr (json_object_get_string_member (d, "items_sold"), ==,
                   json_object_get_string_member (w, "items_sold"));

  eve = day_before (day);
  before = mkt_cli_test_run_json (fixture, "event", "summary", HARVEST, "--day", eve, NULL);
  b = object_of (before);
  g_assert_cmpstr (json_object_get_string_member (b, "to"), ==, from);
  g_assert_cmpint (json_object_get_int_member (b, "revenue"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (b, "sales"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (b, "cost_of_goods"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (b, "items_sold"), ==, "0");
  g_assert_cmpint (json_object_get_int_member (b, "booth_fee"), ==, json_object_get_int_member (w, "booth_fee"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (b, "lines")), ==,
                    json_array_get_length (json_object_get_array_member (w, "lines")));

  /* In words, the day is named. */
  text = mkt_cli_test_run (fixture, "event", "summary", HARVEST, "--day", eve, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpstr (text.err, ==, "");
  mkt_cli_test_assert_line (text.out, "Sold on", eve, NULL);
  mkt_cli_test_assert_line (text.out, "revenue", "0.00 EUR", NULL);
  mkt_cli_test_assert_line (text.out, "sales", "0 (0 voided)", NULL);
}

/* Sales made now are today's; today is the whole of a market that began
 * today. */
static void
test_today (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *starts_on = g_strconcat ("starts_on=", today, NULL);
  g_autoptr(JsonNode) event = NULL;
  g_autoptr(JsonNode) day = NULL;
  g_autoptr(JsonNode) dated = NULL;
  g_autoptr(JsonNode) whole = NULL;
  g_auto(MktCliTestResult) brought = { 0 };
  JsonObject *d;

  mkt_cli_test_load_demo (fixture);
  event = mkt_cli_test_run_json (fixture, "event", "add", "name=" FAIR, starts_on, NULL);
  brought = mkt_cli_test_run (fixture, "event", "bring", FAIR, "P-DISHCLOTH", "4", NULL);
  g_assert_cmpint (brought.status, ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_auto(MktCliTestResult) sold = mkt_cli_test_run (fixture, "sell", FAIR, "P-DISHCLOTH", NULL);

      g_assert_cmpint (sold.status, ==, 0);
    }

  day = mkt_cli_test_run_json (fixture, "event", "summary", FAIR, "--day", "today", NULL);
  d = object_of (day);
  g_assert_cmpstr (json_object_get_string_member (d, "day"), ==, today);
  g_assert_cmpint (json_object_get_int_member (d, "sales"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (d, "revenue"), ==, 1700);
  g_assert_cmpstr (json_object_get_string_member (d, "items_sold"), ==, "2");

  dated = mkt_cli_test_run_json (fixture, "event", "summary", FAIR, "--day", today, NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (dated), "revenue"), ==, 1700);
  whole = mkt_cli_test_run_json (fixture, "event", "summary", FAIR, NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (whole), "revenue"), ==, 1700);
}

/* A day that is not one is a usage error, named. */
static void
test_bad_day (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const bad[] = { "2026-02-30", "2026-13-01", "tomorrow", "2026-1-05", "", "2026-12-05T10:00" };

  mkt_cli_test_load_demo (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(MktCliTestResult) r = mkt_cli_test_run (fixture, "event", "summary", HARVEST, "--day", bad[i], NULL);
      g_autofree char *expected = g_strdup_printf ("“%s” is not a day", bad[i]);

      g_test_message ("--day %s", bad[i]);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_nonnull (strstr (r.err, expected));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  mkt_cli_test_add ("/cli/market-day/demo-day", test_demo_day);
  mkt_cli_test_add ("/cli/market-day/today", test_today);
  mkt_cli_test_add ("/cli/market-day/bad-day", test_bad_day);

  return g_test_run ();
}
