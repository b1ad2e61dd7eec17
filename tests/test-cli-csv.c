/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-csv"

#include "config.h"

#include <string.h>

#include "mkt-cli-test-utils.h"

/* market-cli import and export, run as a person or a script would. */

static char *
write_file (MktCliTestFixture *fixture,
            const char        *name,
            const char        *contents,
            gssize             length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static guint
count_list (MktCliTestFixture *fixture,
            const char        *entity)
{
  g_autoptr(JsonNode) root = mkt_cli_test_run_json (fixture, entity, "list", NULL);

  return json_array_get_length (json_object_get_array_member (json_node_get_object (root), "items"));
}

static guint
count_audit (MktCliTestFixture *fixture)
{
  g_autoptr(JsonNode) root = mkt_cli_test_run_json (fixture, "audit", "--limit", "0", NULL);

  return json_array_get_length (json_object_get_array_member (json_node_get_object (root), "items"));
}

#define MATERIALS_CSV \
  "kind,name,unit,sku,purchase_price,notes\n" \
  "yarn,Merino DK,yards,M-1,\"4,99\",\"soft,\nwarm\"\n" \
  "fabric,Linen,m,L-1,12.40,\n"

static void
test_import_export_round_trip (MktCliTestFixture *fixture,
                               gconstpointer      data)
{
  g_autofree char *input = write_file (fixture, "materials.csv", MATERIALS_CSV, -1);
  g_autofree char *output = g_build_filename (fixture->dir, "export.csv", NULL);
  g_autofree char *exported = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_auto(MktCliTestResult) human = { 0 };
  JsonObject *report;
  guint n_audit;

  first = mkt_cli_test_run_json (fixture, "import", "materials", input, NULL);
  report = json_node_get_object (first);
  g_assert_cmpstr (json_object_get_string_member (report, "entity"), ==, "material");
  g_assert_cmpstr (json_object_get_string_member (report, "delimiter"), ==, ",");
  g_assert_cmpstr (json_object_get_string_member (report, "encoding"), ==, "utf-8");
  g_assert_true (json_object_get_boolean_member (report, "imported"));
  g_assert_cmpint (json_object_get_int_member (report, "rows_read"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (report, "created"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (report, "rejected"), ==, 0);
  g_assert_cmpuint (count_list (fixture, "material"), ==, 2);

  written = mkt_cli_test_run_json (fixture, "export", "materials", output, NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (written), "rows"), ==, 2);
  exported = read_file (output);
  g_assert_true (g_str_has_prefix (exported, "id,kind,name,brand,sku,"));
  g_assert_nonnull (strstr (exported, ",yd,,,4.99,"));
  g_assert_nonnull (strstr (exported, "\"soft,\nwarm\""));

  /* Importing the export changes nothing and logs nothing. */
  n_audit = count_audit (fixture);
  again = mkt_cli_test_run_json (fixture, "import", "materials", output, NULL);
  report = json_node_get_object (again);
  g_assert_cmpint (json_object_get_int_member (report, "unchanged"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (report, "created"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (report, "updated"), ==, 0);
  g_assert_cmpuint (count_audit (fixture), ==, n_audit);

  human = mkt_cli_test_run (fixture, "import", "material", output, NULL);
  g_assert_cmpint (human.status, ==, 0);
  mkt_cli_test_assert_line (human.out, "2 rows", "0 materials created", "2 unchanged", NULL);
}

static void
test_all_or_nothing (MktCliTestFixture *fixture,
                     gconstpointer      data)
{
  g_autofree char *input = write_file (fixture, "bad.csv",
                                       "kind,name,unit,purchase_price\n"
                                       "yarn,Good,m,1\n"
                                       "yarn,Bad,m,-4.50\n"
                                       "yarn,Worse,,1\n", -1);
  g_auto(MktCliTestResult) r = mkt_cli_test_run (fixture, "import", "materials", input, NULL);
  g_auto(MktCliTestResult) json = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *summary;
  JsonObject *first;

  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  mkt_cli_test_assert_line (r.err, "line 3, purchase_price: must not be negative", NULL);
  mkt_cli_test_assert_line (r.err, "line 4, unit: is required", NULL);
  mkt_cli_test_assert_line (r.err, "2 of 3 rows were refused, so nothing was imported", NULL);
  g_assert_cmpuint (count_list (fixture, "material"), ==, 0);

  json = mkt_cli_test_run (fixture, "--json", "import", "materials", input, NULL);
  g_assert_cmpint (json.status, ==, 1);
  root = mkt_cli_test_parse_json (json.err);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (root), "error"), "message"),
                   ==, "2 of 3 rows were refused, so nothing was imported");
  summary = json_object_get_object_member (json_node_get_object (root), "import");
  g_assert_false (json_object_get_boolean_member (summary, "imported"));
  g_assert_cmpint (json_object_get_int_member (summary, "rejected"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (summary, "created"), ==, 0);
  first = json_array_get_object_element (json_object_get_array_member (summary, "errors"), 0);
  g_assert_cmpint (json_object_get_int_member (first, "line"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (first, "field"), ==, "purchase_price");
  g_assert_cmpstr (json_object_get_string_member (first, "reason"), ==, "purchase_price: must not be negative");
  g_assert_cmpuint (count_list (fixture, "material"), ==, 0);
}

static void
test_dry_run_and_skip_invalid (MktCliTestFixture *fixture,
                               gconstpointer      data)
{
  g_autofree char *input = write_file (fixture, "mixed.csv",
                                       "kind,name,unit,purchase_price\n"
                                       "yarn,Good,m,1\n"
                                       "yarn,Bad,m,-4.50\n"
                                       "fabric,Fine,m,2\n", -1);
  g_autofree char *rejects_path = g_build_filename (fixture->dir, "mixed-rejected.csv", NULL);
  g_autofree char *rejects = NULL;
  g_auto(MktCliTestResult) dry = mkt_cli_test_run (fixture, "import", "materials", input, "--dry-run",
                                                   "--skip-invalid", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *summary;

  g_assert_cmpint (dry.status, ==, 0);
  mkt_cli_test_assert_line (dry.out, "Dry run", "2 materials would be created", "1 row refused",
                            "Nothing was written", NULL);
  g_assert_cmpuint (count_list (fixture, "material"), ==, 0);

  root = mkt_cli_test_run_json (fixture, "import", "materials", input, "--skip-invalid", NULL);
  summary = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (summary, "imported"));
  g_assert_cmpstr (json_object_get_string_member (summary, "mode"), ==, "skip-invalid");
  g_assert_cmpint (json_object_get_int_member (summary, "created"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (summary, "rejected"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (summary, "reject_file"), ==, rejects_path);
  g_assert_cmpuint (count_list (fixture, "material"), ==, 2);

  rejects = read_file (rejects_path);
  g_assert_cmpstr (rejects, ==,
                   "kind,name,unit,purchase_price,reject_reason\r\n"
                   "yarn,Bad,m,-4.50,purchase_price: must not be negative\r\n");
}

static void
test_options (MktCliTestFixture *fixture,
              gconstpointer      data)
{
  /* Excel on a German Windows: cp1252, semicolons, decimal commas. */
  g_autofree char *excel = write_file (fixture, "excel.csv",
                                       "Art;Bezeichnung;Einheit;Preis\r\nyarn;Caf\xe9;m;4,50\r\n", -1);
  g_autofree char *reject = g_build_filename (fixture->dir, "why.csv", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_auto(MktCliTestResult) unknown_field = { 0 };
  g_auto(MktCliTestResult) unknown_column = { 0 };
  g_auto(MktCliTestResult) usage = { 0 };

  root = mkt_cli_test_run_json (fixture, "import", "materials", excel, "--delimiter", ";",
                                "--encoding", "windows-1252", "--reject", reject,
                                "--map", "Art=kind", "--map", "Bezeichnung=name", "--map", "Einheit=unit",
                                "--map", "Preis=purchase_price", NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "created"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "encoding"), ==, "windows-1252");
  g_assert_true (g_file_test (reject, G_FILE_TEST_EXISTS));
  shown = mkt_cli_test_run_json (fixture, "material", "show", "Café", NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (shown), "purchase_price"), ==, 450);

  unknown_field = mkt_cli_test_run (fixture, "import", "materials", excel, "--map", "Preis=preis", NULL);
  g_assert_cmpint (unknown_field.status, ==, 1);
  mkt_cli_test_assert_line (unknown_field.err, "material has no field “preis”", NULL);

  unknown_column = mkt_cli_test_run (fixture, "import", "materials", excel, NULL);
  g_assert_cmpint (unknown_column.status, ==, 1);
  mkt_cli_test_assert_line (unknown_column.err, "The column “Art” (column 1) is not a field of material", NULL);
  mkt_cli_test_assert_line (unknown_column.err, "--map COLUMN=FIELD", NULL);

  usage = mkt_cli_test_run (fixture, "import", "materials", excel, "--delimiter", "ab", NULL);
  g_assert_cmpint (usage.status, ==, 2);
  mkt_cli_test_result_clear (&usage);
  usage = mkt_cli_test_run (fixture, "import", "materials", excel, "--encoding", "latin-9", NULL);
  g_assert_cmpint (usage.status, ==, 2);
  mkt_cli_test_result_clear (&usage);
  usage = mkt_cli_test_run (fixture, "import", "materials", excel, "--format", "woocommerce", NULL);
  g_assert_cmpint (usage.status, ==, 2);
  mkt_cli_test_result_clear (&usage);
  usage = mkt_cli_test_run (fixture, "import", "widgets", excel, NULL);
  g_assert_cmpint (usage.status, ==, 2);
  mkt_cli_test_result_clear (&usage);
  usage = mkt_cli_test_run (fixture, "import", "materials", excel, "--format", "shopify", NULL);
  g_assert_cmpint (usage.status, ==, 1);
  mkt_cli_test_assert_line (usage.err, "A Shopify export holds products, not materials", NULL);
}

#define BINARY "kind,name,unit\nyarn,Good,m\n\x89PNG\r\n\x1a\n\0\0"

static void
test_broken_files (MktCliTestFixture *fixture,
                   gconstpointer      data)
{
  static const struct { const char *name; const char *contents; gssize length; const char *said; } files[] = {
    { "truncated.csv", "kind,name,unit,notes\nyarn,Good,m,x\nyarn,Cut,m,\"and then", -1,
      "line 3: the quoted field that starts here is not closed at the end of the file; is the file cut short?" },
    { "binary.csv", BINARY, sizeof (BINARY) - 1, "it is binary data, not a CSV file" },
    { "empty.csv", "", 0, "The file is empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = write_file (fixture, files[i].name, files[i].contents, files[i].length);
      g_auto(MktCliTestResult) r = mkt_cli_test_run (fixture, "import", "materials", path, "--skip-invalid", NULL);

      g_assert_cmpint (r.status, ==, 1);
      mkt_cli_test_assert_line (r.err, files[i].said, NULL);
      g_assert_cmpuint (count_list (fixture, "material"), ==, 0);
    }

  /* No reject file, nor a part of one, is left behind by a file that could
   * not be read. */
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_true (g_str_equal (name, "market.db") || g_str_has_prefix (name, "market.db-") ||
                     g_str_equal (name, "truncated.csv") || g_str_equal (name, "binary.csv") ||
                     g_str_equal (name, "empty.csv"));
  }
}

static void
test_shops_and_exports (MktCliTestFixture *fixture,
                        gconstpointer      data)
{
  g_autofree char *shopify = write_file (fixture, "shopify.csv",
                                         "Handle,Title,Body (HTML),Variant SKU,Variant Price,Variant Inventory Qty\n"
                                         "mitts,Fingerless Mitts,<p>Alpaca</p>,MITTS-1,18.00,4\n", -1);
  g_autofree char *products = g_build_filename (fixture->dir, "products.csv", NULL);
  g_autofree char *summary_path = g_build_filename (fixture->dir, "summary.csv", NULL);
  g_autofree char *sales_path = g_build_filename (fixture->dir, "sales.csv", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(JsonNode) imported = NULL;
  g_autoptr(JsonNode) events = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_auto(MktCliTestResult) r = { 0 };
  g_auto(MktCliTestResult) wrong = { 0 };
  const char *event;

  mkt_cli_test_load_demo (fixture);

  imported = mkt_cli_test_run_json (fixture, "import", "products", shopify, "--format", "shopify", NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (imported), "created"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (imported), "format"), ==, "shopify");

  r = mkt_cli_test_run (fixture, "export", "products", products, "--bom", NULL);
  g_assert_cmpint (r.status, ==, 0);
  mkt_cli_test_assert_line (r.out, "Wrote", "products to", NULL);
  exported = read_file (products);
  g_assert_true (g_str_has_prefix (exported, "\xef\xbb\xbfid,name,sku,"));
  g_assert_nonnull (strstr (exported, "Fingerless Mitts,MITTS-1,"));
  again = mkt_cli_test_run_json (fixture, "import", "products", products, NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (again), "created"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (again), "updated"), ==, 0);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (again), "bom"));

  /* The demo's market event, its summary and its (no) sales. */
  events = mkt_cli_test_run_json (fixture, "event", "list", NULL);
  event = json_object_get_string_member (json_array_get_object_element (
            json_object_get_array_member (json_node_get_object (events), "items"), 0), "id");
  mkt_cli_test_result_clear (&r);
  r = mkt_cli_test_run (fixture, "export", "event-summary", event, summary_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  summary = read_file (summary_path);
  g_assert_true (g_str_has_prefix (summary, "product,sku,price,brought,returned,sold,on_hand,revenue,"));
  g_assert_nonnull (strstr (summary, "\r\nTotal,"));

  mkt_cli_test_result_clear (&r);
  r = mkt_cli_test_run (fixture, "--json", "export", "sales", sales_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (sales_path, G_FILE_TEST_EXISTS));

  wrong = mkt_cli_test_run (fixture, "export", "sales", NULL);
  g_assert_cmpint (wrong.status, ==, 2);
  mkt_cli_test_result_clear (&wrong);
  wrong = mkt_cli_test_run (fixture, "import", "sales", sales_path, NULL);
  g_assert_cmpint (wrong.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);


  mkt_cli_test_add ("/cli/csv/import-export-round-trip", test_import_export_round_trip);
  mkt_cli_test_add ("/cli/csv/all-or-nothing", test_all_or_nothing);
  mkt_cli_test_add ("/cli/csv/dry-run-and-skip-invalid", test_dry_run_and_skip_invalid);
  mkt_cli_test_add ("/cli/csv/options", test_options);
  mkt_cli_test_add ("/cli/csv/broken-files", test_broken_files);
  mkt_cli_test_add ("/cli/csv/shops-and-exports", test_shops_and_exports);


  return g_test_run ();
}
