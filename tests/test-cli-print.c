/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>

#include "mkt-cli-test-utils.h"
#include "test-print-utils.h"

/* market-cli sheet and tags on the demo shop (in GBP here), whose next
 * market, the Winter Makers Market, has six products on its sheet. */

typedef MktCliTestFixture Fixture;

#define EVENT "Winter Makers Market"

static const char * const sheet_products[] = {
  "Amigurumi Bear P-BEAR £36.00",
  "Chunky Cable Hat P-CHUNKY-HAT £55.00",
  "Cotton Dishcloth P-DISHCLOTH £8.00",
  "Merino DK Beanie P-BEANIE-NAT £45.00",
  "Mohair Lace Shawl P-SHAWL-ROSE £120.00",
  "Worsted Ear Warmer P-EARWARMER £22.00",
};

static void
load_demo (Fixture *f)
{
  g_auto(MktCliTestResult) init = mkt_cli_test_run (f, "init", "--business", "Purl & Co", "--currency", "GBP", NULL);

  g_assert_cmpint (init.status, ==, 0);
  mkt_cli_test_load_demo (f);
}

static void
run_ok (Fixture    *f,
        const char *first,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(MktCliTestResult) r = { 0 };
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  r = mkt_cli_test_runv (f, (const char * const *)args->pdata);
  if (r.status != 0)
    g_test_message ("%s failed: %s", first, r.err);
  g_assert_cmpint (r.status, ==, 0);
}

static void
test_sheet (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "sheet.pdf", NULL);
  g_autofree char *letter = g_build_filename (f->dir, "letter.pdf", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;
  double width, height;

  load_demo (f);
  run_ok (f, "event", "bring", EVENT, "P-BEAR", "4", NULL);
  run_ok (f, "sell", EVENT, "P-BEAR", "1", NULL);

  {
    g_auto(MktCliTestResult) r = mkt_cli_test_run (f, "sheet", EVENT, "--pdf", pdf, NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
    expected = g_strdup_printf ("Wrote the market sheet of “" EVENT "” to %s: 6 products on 1 page (A4).\n", pdf);
    g_assert_cmpstr (r.out, ==, expected);
  }

  g_assert_cmpuint (mkt_test_pdf_n_pages (pdf), ==, 1);
  mkt_test_pdf_page_size (pdf, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.276, 0.01);

  text = mkt_test_pdf_text (pdf);
  g_assert_true (g_str_has_prefix (text, "Purl & Co\n" EVENT "\n"));
  g_assert_nonnull (strstr (text, "Town Hall, Market Square\n"));
  for (guint i = 0; i < G_N_ELEMENTS (sheet_products); i++)
    g_assert_cmpuint (mkt_test_count_occurrences (text, sheet_products[i]), ==, 1);
  g_assert_nonnull (strstr (text, "Amigurumi Bear P-BEAR £36.00 4\n"));
  g_assert_nonnull (strstr (text, "Total (6 products) 4 1\n"));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));

  json = mkt_cli_test_run_json (f, "sheet", EVENT, "--pdf", letter, "--paper", "letter", NULL);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "path"), ==, letter);
  g_assert_cmpstr (json_object_get_string_member (object, "paper"), ==, "letter");
  g_assert_cmpint (json_object_get_int_member (object, "products"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (object, "pages"), ==, 1);
  mkt_test_pdf_page_size (letter, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 612, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 792, 0.01);
}

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "tags.pdf", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;

  load_demo (f);

  {
    g_auto(MktCliTestResult) r = mkt_cli_test_run (f, "tags", "--pdf", pdf, NULL);

    g_assert_cmpint (r.status, ==, 0);
    expected = g_strdup_printf ("Wrote 8 price tags to %s: 1 sheet of 21 labels (a4-3x7).\n", pdf);
    g_assert_cmpstr (r.out, ==, expected);
  }
  text = mkt_test_pdf_text (pdf);
  g_assert_true (g_str_has_prefix (text, "Amigurumi Bear\n£38.00\nAmigurumi Bear Gift Set\n£48.00\n"));
  g_assert_nonnull (strstr (text, "Merino DK Beanie\n£45.00\n"));
  g_assert_cmpuint (mkt_test_count_occurrences (text, "£"), ==, 8);
  g_assert_null (strstr (text, "P-BEAR"));
  g_clear_pointer (&text, g_free);

  /* Chosen products, by sku or name, one given twice; with skus. */
  json = mkt_cli_test_run_json (f, "tags", "--pdf", pdf, "--layout", "letter-3x10", "--sku",
                                "P-BEAR", "Cotton Dishcloth", "P-BEAR", NULL);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "layout"), ==, "letter-3x10");
  g_assert_cmpint (json_object_get_int_member (object, "tags"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "pages"), ==, 1);
  text = mkt_test_pdf_text (pdf);
  g_assert_cmpstr (text, ==,
                   "Amigurumi Bear\nP-BEAR\n£38.00\n"
                   "Cotton Dishcloth\nP-DISHCLOTH\n£8.50\n"
                   "Amigurumi Bear\nP-BEAR\n£38.00\n\f");
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  static const struct
  {
    const char *args[8];
    int         status;
    const char *in_error;
  } cases[] = {
    { { "sheet", EVENT, NULL }, 2, "needs --pdf FILE" },
    { { "sheet", "--pdf", "@", NULL }, 2, "takes one EVENT" },
    { { "sheet", EVENT, "--pdf", "@", "--paper", "a3", NULL }, 2, "unknown paper “a3”" },
    { { "sheet", "Summer Fete", "--pdf", "@", NULL }, 1, "Summer Fete" },
    { { "sheet", EVENT, "--pdf", "@/no/such/folder/sheet.pdf", NULL }, 1, "/no/such/folder/sheet.pdf”: No such file" },
    { { "tags", NULL }, 2, "needs --pdf FILE" },
    { { "tags", "--pdf", "@", "--layout", "a4-2x8", NULL }, 2, "unknown layout “a4-2x8”" },
    { { "tags", "--pdf", "@", "P-NOTHING", NULL }, 1, "P-NOTHING" },
    { { "tags", "--pdf", "@", "HM-MDK-NAT", NULL }, 1, "HM-MDK-NAT" },
  };
  g_autofree char *pdf = g_build_filename (f->dir, "out.pdf", NULL);

  load_demo (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
      g_auto(MktCliTestResult) r = { 0 };

      for (guint a = 0; cases[i].args[a] != NULL; a++)
        {
          const char *arg = cases[i].args[a];

          /* "@" is the test's folder. */
          g_ptr_array_add (args, arg[0] == '@' ? g_strconcat (arg[1] ? f->dir : pdf, arg + 1, NULL) : g_strdup (arg));
        }
      g_ptr_array_add (args, NULL);

      r = mkt_cli_test_runv (f, (const char * const *)args->pdata);
      g_test_message ("%s → %d: %s", cases[i].args[0], r.status, r.err);
      g_assert_cmpint (r.status, ==, cases[i].status);
      g_assert_nonnull (strstr (r.err, cases[i].in_error));
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
    }

  /* --json says what failed, for scripts. */
  {
    g_auto(MktCliTestResult) r = mkt_cli_test_run (f, "--json", "sheet", "Summer Fete", "--pdf", pdf, NULL);
    g_autoptr(JsonNode) json = mkt_cli_test_parse_json (r.err);
    JsonObject *error = json_object_get_object_member (json_node_get_object (json), "error");

    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "not_found");
  }
}

/* A business with no priced product has no tags to print. */
static void
test_nothing_to_tag (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "tags.pdf", NULL);
  g_auto(MktCliTestResult) r = { 0 };

  run_ok (f, "init", "--currency", "EUR", NULL);
  run_ok (f, "product", "add", "name=Sample Scarf", NULL);

  r = mkt_cli_test_run (f, "tags", "--pdf", pdf, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "market-cli: No product has a price yet: there are no price tags to print\n");
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  mkt_cli_test_add ("/cli/print/sheet", test_sheet);
  mkt_cli_test_add ("/cli/print/tags", test_tags);
  mkt_cli_test_add ("/cli/print/errors", test_errors);
  mkt_cli_test_add ("/cli/print/nothing-to-tag", test_nothing_to_tag);

  return g_test_run ();
}
