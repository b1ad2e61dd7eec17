/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>

#include "mkt-cli-test-utils.h"

/* These tests run the built market-cli, as a person or a script would. */

static guint
count_items (MktCliTestFixture *fixture,
             const char        *search)
{
  g_auto(MktCliTestResult) r = mkt_cli_test_run (fixture, "--json", "material", "list", "--search", search, NULL);
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (r.status, ==, 0);
  root = mkt_cli_test_parse_json (r.out);
  return json_array_get_length (json_object_get_array_member (json_node_get_object (root), "items"));
}

static void
test_init (MktCliTestFixture *fixture,
           gconstpointer      data)
{
  g_auto(MktCliTestResult) r = mkt_cli_test_run (fixture, "--json", "init", "--business", "Purl & Co", "--currency", "gbp", NULL);
  g_auto(MktCliTestResult) again = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *tenant;

  g_assert_cmpint (r.status, ==, 0);
  root = mkt_cli_test_parse_json (r.out);
  tenant = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (tenant, "name"), ==, "Purl & Co");
  g_assert_cmpstr (json_object_get_string_member (tenant, "currency"), ==, "GBP");
  g_assert_cmpstr (json_object_get_string_member (tenant, "database"), ==, fixture->db);
  g_assert_true (g_file_test (fixture->db, G_FILE_TEST_EXISTS));

  /* A second init finds the business; it does not make another. */
  again = mkt_cli_test_run (fixture, "init", "--business", "Other", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "Purl & Co (GBP)"));
}

static void
test_init_bad_currency (MktCliTestFixture *fixture,
                        gconstpointer      data)
{
  g_auto(MktCliTestResult) r = mkt_cli_test_run (fixture, "init", "--currency", "DOLLARS", NULL);
  g_auto(MktCliTestResult) fixed = { 0 };

  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "currency"));
  g_assert_nonnull (strstr (r.err, "DOLLARS"));

  /* Nothing half-made stands in the way of a correct init. */
  fixed = mkt_cli_test_run (fixture, "init", "--currency", "USD", NULL);
  g_assert_cmpint (fixed.status, ==, 0);
  g_assert_nonnull (strstr (fixed.out, "(USD)"));
}

static void
test_demo (MktCliTestFixture *fixture,
           gconstpointer      data)
{
  g_auto(MktCliTestResult) r = mkt_cli_test_run (fixture, "demo", NULL);
  g_auto(MktCliTestResult) again = { 0 };
  g_auto(MktCliTestResult) list = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *items;
  guint n;

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Loaded the demo yarn shop"));
  g_assert_nonnull (strstr (r.out, "Merino DK"));
  g_assert_nonnull (strstr (r.out, "HM-MDK-NAT"));

  list = mkt_cli_test_run (fixture, "--json", "material", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  root = mkt_cli_test_parse_json (list.out);
  items = json_object_get_array_member (json_node_get_object (root), "items");
  n = json_array_get_length (items);
  g_assert_cmpuint (n, >=, 35);
  g_assert_cmpuint (n, <=, 50);

  /* 12 skeins of 246 yd were bought as opening stock; 8 beanies of 200 yd
   * were made from them. */
  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, "sku"), "HM-MDK-NAT") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (item, "on_hand"), ==, "1352");
          g_assert_cmpint (json_object_get_int_member (item, "purchase_price"), ==, 850);
        }
    }

  again = mkt_cli_test_run (fixture, "demo", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "already has data"));
  g_assert_cmpuint (count_items (fixture, "e"), ==, count_items (fixture, "e"));
  g_assert_cmpuint (count_items (fixture, "Merino DK"), ==, 4);
}

static void
test_round_trip (MktCliTestFixture *fixture,
                 gconstpointer      data)
{
  g_auto(MktCliTestResult) add = mkt_cli_test_run (fixture, "--json", "material", "add", "name=Linen Blend", "kind=fabric",
                            "unit=m", "purchase_price=12.40", "sku=LIN-1", "attributes.width=140 cm", NULL);
  g_auto(MktCliTestResult) update = { 0 };
  g_auto(MktCliTestResult) del = { 0 };
  g_auto(MktCliTestResult) show = { 0 };
  g_auto(MktCliTestResult) trash = { 0 };
  g_auto(MktCliTestResult) restore = { 0 };
  g_auto(MktCliTestResult) audit = { 0 };
  g_autoptr(JsonNode) added = NULL;
  g_autoptr(JsonNode) updated = NULL;
  g_autoptr(JsonNode) trashed = NULL;
  g_autoptr(JsonNode) log = NULL;
  g_autofree char *id = NULL;
  JsonObject *material;
  JsonArray *entries;
  const char *actions[] = { "restore", "delete", "update", "create" };

  g_assert_cmpint (add.status, ==, 0);
  added = mkt_cli_test_parse_json (add.out);
  material = json_node_get_object (added);
  id = g_strdup (json_object_get_string_member (material, "id"));
  g_assert_cmpint (json_object_get_int_member (material, "purchase_price"), ==, 1240);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (material, "attributes"), "width"),
                   ==, "140 cm");

  update = mkt_cli_test_run (fixture, "--json", "material", "update", "LIN-1", "purchase_price=13", "colour=Oat", NULL);
  g_assert_cmpint (update.status, ==, 0);
  updated = mkt_cli_test_parse_json (update.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (updated), "purchase_price"), ==, 1300);

  del = mkt_cli_test_run (fixture, "material", "delete", "LIN-1", NULL);
  g_assert_cmpint (del.status, ==, 0);
  g_assert_nonnull (strstr (del.out, "trash"));
  g_assert_cmpuint (count_items (fixture, "Linen"), ==, 0);

  /* Still shown by id, marked as in the trash. */
  show = mkt_cli_test_run (fixture, "material", "show", id, NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "in the trash"));

  trash = mkt_cli_test_run (fixture, "--json", "trash", NULL);
  g_assert_cmpint (trash.status, ==, 0);
  trashed = mkt_cli_test_parse_json (trash.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (trashed)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (trashed), 0), "id"),
                   ==, id);

  restore = mkt_cli_test_run (fixture, "material", "restore", "LIN-1", NULL);
  g_assert_cmpint (restore.status, ==, 0);
  g_assert_cmpuint (count_items (fixture, "Linen"), ==, 1);

  audit = mkt_cli_test_run (fixture, "--json", "audit", "material", id, NULL);
  g_assert_cmpint (audit.status, ==, 0);
  log = mkt_cli_test_parse_json (audit.out);
  entries = json_object_get_array_member (json_node_get_object (log), "items");
  g_assert_cmpuint (json_array_get_length (entries), ==, G_N_ELEMENTS (actions));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      g_assert_cmpstr (json_object_get_string_member (entry, "action"), ==, actions[i]);
      g_assert_cmpstr (json_object_get_string_member (entry, "entity_id"), ==, id);
    }

  /* The update's entry holds the old and new value of what changed, only. */
  {
    JsonObject *entry = json_array_get_object_element (entries, 2);
    JsonObject *old_values = json_object_get_object_member (entry, "old_values");
    JsonObject *new_values = json_object_get_object_member (entry, "new_values");

    g_assert_cmpint (json_object_get_int_member (old_values, "purchase_price"), ==, 1240);
    g_assert_cmpint (json_object_get_int_member (new_values, "purchase_price"), ==, 1300);
    g_assert_true (json_object_get_null_member (old_values, "colour"));
    g_assert_cmpstr (json_object_get_string_member (new_values, "colour"), ==, "Oat");
    g_assert_cmpuint (json_object_get_size (new_values), ==, 2);
  }
}

typedef struct
{
  const char *args[8];
  int         status;
  const char *field;    /* in the JSON error, or NULL */
  const char *message;  /* part of stderr */
} BadInput;

static const BadInput bad_inputs[] = {
  { { "material", "add", "kind=yarn", "unit=m" }, 1, "name", "is required" },
  { { "material", "add", "name=X", "kind=wool", "unit=m" }, 1, "kind", "not one of yarn" },
  { { "material", "add", "name=X", "kind=yarn", "unit=furlong" }, 1, "unit", "“furlong” is not a known unit" },
  { { "material", "add", "name=X", "kind=yarn", "unit=m", "purchase_price=-1" }, 1, "purchase_price", "must not be negative" },
  { { "material", "add", "name=X", "kind=yarn", "unit=m", "purchase_price=4.999" }, 1, "purchase_price", "4.999" },
  { { "material", "add", "name=X", "kind=yarn", "unit=m", "purchase_price=abc" }, 1, "purchase_price", "abc" },
  { { "material", "add", "name=X", "kind=yarn", "unit=m", "purchase_unit=skein" }, 1, "purchase_size", "is required" },
  { { "material", "add", "name=X", "kind=bead", "unit=pc", "weight_class=dk" }, 1, "weight_class", "only yarn" },
  { { "material", "add", "name=X", "kind=yarn", "unit=m", "colour=Red", "nonsense=1" }, 1, "nonsense", "no such field" },
  { { "material", "add", "name=X", "kind=yarn", "unit=m", "category=Nowhere" }, 1, "category_id", "Nowhere" },
  { { "material", "add", "name=X", "kind=yarn", "unit=m", "attributes={oops" }, 1, "attributes", "attributes" },
  { { "material", "add", "name=X", "kind=yarn", "unit=m", "reorder_level=1.0000001" }, 1, "reorder_level", "1.0000001" },
  { { "material", "show", "no-such-thing" }, 1, NULL, "no-such-thing" },
  { { "material", "update", "no-such-thing", "name=Y" }, 1, NULL, "no-such-thing" },
  { { "material", "add", "name" }, 2, NULL, "FIELD=VALUE" },
  { { "material", "add" }, 2, NULL, "FIELD=VALUE" },
  { { "material", "frobnicate" }, 2, NULL, "frobnicate" },
  { { "frobnicate" }, 2, NULL, "unknown command" },
  { { "purge" }, 2, NULL, "--older-than" },
  { { "material", "list", "--limit", "-3" }, 2, NULL, "--limit" },
  { { "material", "list", "--cursor", "garbage!" }, 1, "cursor", "cursor" },
  { { "material", "list", "--sort", "price_per_banana" }, 1, "sort", "price_per_banana" },
  { { "audit", "spaceship" }, 2, NULL, "spaceship" },
};

static void
test_bad_input (MktCliTestFixture *fixture,
                gconstpointer      data)
{
  g_auto(MktCliTestResult) init = mkt_cli_test_run (fixture, "init", NULL);

  g_assert_cmpint (init.status, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      const BadInput *bad = &bad_inputs[i];
      const char * const *a = bad->args;
      g_auto(MktCliTestResult) r = mkt_cli_test_run (fixture, "--json", a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);

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

  /* None of it left a material behind. */
  g_assert_cmpuint (count_items (fixture, "X"), ==, 0);
}

static void
test_list_pages (MktCliTestFixture *fixture,
                 gconstpointer      data)
{
  g_auto(MktCliTestResult) demo = mkt_cli_test_run (fixture, "demo", NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  guint pages = 0;

  g_assert_cmpint (demo.status, ==, 0);

  do
    {
      g_auto(MktCliTestResult) r = cursor
        ? mkt_cli_test_run (fixture, "--json", "material", "list", "--kind", "yarn", "--limit", "4", "--cursor", cursor, NULL)
        : mkt_cli_test_run (fixture, "--json", "material", "list", "--kind", "yarn", "--limit", "4", NULL);
      g_autoptr(JsonNode) root = NULL;
      JsonObject *page;
      JsonArray *items;

      g_assert_cmpint (r.status, ==, 0);
      root = mkt_cli_test_parse_json (r.out);
      page = json_node_get_object (root);
      items = json_object_get_array_member (page, "items");
      g_assert_cmpuint (json_array_get_length (items), <=, 4);

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);

          g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, "yarn");
          g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (item, "id"))));
        }

      g_clear_pointer (&cursor, g_free);
      if (!json_object_get_null_member (page, "next_cursor"))
        cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
      pages++;
    }
  while (cursor != NULL);

  g_assert_cmpuint (g_hash_table_size (seen), ==, 20);
  g_assert_cmpuint (pages, ==, 5);
}

static void
test_purge (MktCliTestFixture *fixture,
            gconstpointer      data)
{
  g_auto(MktCliTestResult) demo = mkt_cli_test_run (fixture, "demo", NULL);
  g_auto(MktCliTestResult) del = mkt_cli_test_run (fixture, "material", "delete", "HM-MDK-MUS", NULL);
  g_auto(MktCliTestResult) dry = { 0 };
  g_auto(MktCliTestResult) purge = { 0 };
  g_auto(MktCliTestResult) trash = { 0 };
  g_auto(MktCliTestResult) audit = { 0 };
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(JsonNode) log = NULL;
  JsonObject *item;

  g_assert_cmpint (demo.status, ==, 0);
  g_assert_cmpint (del.status, ==, 0);

  /* Deleted a moment ago: not older than 1 day. */
  purge = mkt_cli_test_run (fixture, "--json", "purge", "--older-than", "1", NULL);
  g_assert_cmpint (purge.status, ==, 0);
  report = mkt_cli_test_parse_json (purge.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (report), "purged"), ==, 0);
  mkt_cli_test_result_clear (&purge);
  g_clear_pointer (&report, json_node_unref);

  dry = mkt_cli_test_run (fixture, "--json", "purge", "--older-than", "0", "--dry-run", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  report = mkt_cli_test_parse_json (dry.out);
  item = json_array_get_object_element (json_object_get_array_member (json_node_get_object (report), "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, "Merino DK");
  g_assert_false (json_object_get_boolean_member (item, "purged"));
  g_assert_cmpint (json_object_get_int_member (item, "owned_rows"), ==, 1);
  g_clear_pointer (&report, json_node_unref);

  trash = mkt_cli_test_run (fixture, "--json", "trash", NULL);
  report = mkt_cli_test_parse_json (trash.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (report)), ==, 1);
  g_clear_pointer (&report, json_node_unref);

  purge = mkt_cli_test_run (fixture, "purge", "--older-than", "0", NULL);
  g_assert_cmpint (purge.status, ==, 0);
  g_assert_nonnull (strstr (purge.out, "1 purged"));

  mkt_cli_test_result_clear (&trash);
  trash = mkt_cli_test_run (fixture, "trash", NULL);
  g_assert_nonnull (strstr (trash.out, "empty"));

  audit = mkt_cli_test_run (fixture, "--json", "audit", "-n", "1", NULL);
  g_assert_cmpint (audit.status, ==, 0);
  log = mkt_cli_test_parse_json (audit.out);
  item = json_array_get_object_element (json_object_get_array_member (json_node_get_object (log), "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "action"), ==, "purge");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "old_values"), "sku"),
                   ==, "HM-MDK-MUS");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  mkt_cli_test_add ("/cli/init", test_init);
  mkt_cli_test_add ("/cli/init/bad-currency", test_init_bad_currency);
  mkt_cli_test_add ("/cli/demo", test_demo);
  mkt_cli_test_add ("/cli/material/round-trip", test_round_trip);
  mkt_cli_test_add ("/cli/material/list-pages", test_list_pages);
  mkt_cli_test_add ("/cli/bad-input", test_bad_input);
  mkt_cli_test_add ("/cli/purge", test_purge);

  return g_test_run ();
}
