/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "market-cli"

#include "config.h"

#include "mkt-cli.h"

/* sheet and tags: market sheets and price tags as PDF files. */

static void
print_written (MktCli     *cli,
               JsonObject *object,
               const char *text)
{
  if (cli->json)
    mkt_cli_print_json_object (object);
  else
    g_print ("%s\n", text);
}

int
mkt_cli_sheet (MktCli  *cli,
               int      argc,
               char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) event = NULL;
  g_autoptr(MktPrintSheet) sheet = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *pdf = NULL;
  g_autofree char *paper_name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  MktPaper paper = mkt_paper_get_default ();
  guint n_rows, n_pages;
  GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, "The PDF file to write (replaced if it exists)", "FILE" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name, "a4 or letter (default: the locale’s paper)", "PAPER" },
    { NULL }
  };

  if (!mkt_cli_parse_options (entries, "EVENT",
                              "Write the market sheet of an event (by id or name) as a PDF: its products with "
                              "their price there and what was brought, boxes to tick as items sell, and a "
                              "column for what goes back home.",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (argc != 2)
    return mkt_cli_usage ("sheet takes one EVENT");
  if (pdf == NULL)
    return mkt_cli_usage ("sheet needs --pdf FILE");
  if (paper_name != NULL && !mkt_paper_from_string (paper_name, &paper))
    return mkt_cli_usage ("unknown paper “%s” (a4 or letter)", paper_name);

  if (!mkt_cli_open (cli, &error) ||
      (event = mkt_cli_find (cli, &mkt_market_event_spec, argv[1], MKT_DELETED_EXCLUDE, &error)) == NULL ||
      (sheet = mkt_print_sheet_new_for_event (cli->session, mkt_record_get_id (event), &error)) == NULL ||
      !mkt_print_sheet_write_pdf (sheet, paper, pdf, &error))
    return mkt_cli_fail (cli, error);

  n_rows = mkt_print_sheet_get_n_rows (sheet);
  n_pages = mkt_print_sheet_get_n_pages (sheet);
  json_object_set_string_member (object, "path", pdf);
  json_object_set_object_member (object, "event", mkt_cli_item_to_json (event));
  json_object_set_string_member (object, "paper", mkt_paper_to_string (paper));
  json_object_set_int_member (object, "products", n_rows);
  json_object_set_int_member (object, "pages", n_pages);

  shown = g_filename_display_name (pdf);
  if (n_rows == 0)
    text = g_strdup_printf ("Wrote the market sheet of “%s” to %s: no products on it yet (1 page).",
                            mkt_record_get_title (event), shown);
  else
    text = g_strdup_printf ("Wrote the market sheet of “%s” to %s: %u %s on %u %s (%s).",
                            mkt_record_get_title (event), shown, n_rows, n_rows == 1 ? "product" : "products",
                            n_pages, n_pages == 1 ? "page" : "pages", paper == MKT_PAPER_A4 ? "A4" : "Letter");
  print_written (cli, object, text);

  return 0;
}

int
mkt_cli_tags (MktCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktPrintTags) tags = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *pdf = NULL;
  g_autofree char *layout_name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  MktTagLayout layout = mkt_tag_layout_get_default ();
  gboolean with_sku = FALSE;
  guint n_tags, n_pages, per_page;
  GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, "The PDF file to write (replaced if it exists)", "FILE" },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &layout_name,
      "a4-3x7 (70 × 42.3 mm labels) or letter-3x10 (Avery 5160); default: the locale’s paper", "LAYOUT" },
    { "sku", 0, 0, G_OPTION_ARG_NONE, &with_sku, "Put each product’s sku on its tag", NULL },
    { NULL }
  };

  if (!mkt_cli_parse_options (entries, "[PRODUCT…]",
                              "Write price tags as a PDF of label sheets: one tag per PRODUCT (by id, sku or "
                              "name; give one twice for two tags), or one per product that has a price.",
                              &argc, &argv))
    return MKT_CLI_EXIT_USAGE;
  if (pdf == NULL)
    return mkt_cli_usage ("tags needs --pdf FILE");
  if (layout_name != NULL && !mkt_tag_layout_from_string (layout_name, &layout))
    return mkt_cli_usage ("unknown layout “%s” (a4-3x7 or letter-3x10)", layout_name);

  if (!mkt_cli_open (cli, &error))
    return mkt_cli_fail (cli, error);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(MktRecord) product = mkt_cli_find (cli, &mkt_product_spec, argv[i], MKT_DELETED_EXCLUDE, &error);

      if (product == NULL)
        return mkt_cli_fail (cli, error);
      g_ptr_array_add (ids, g_strdup (mkt_record_get_id (product)));
    }
  g_ptr_array_add (ids, NULL);

  tags = mkt_print_tags_new_for_products (cli->session, argc > 1 ? (const char * const *)ids->pdata : NULL,
                                          layout, with_sku, &error);
  if (tags == NULL || !mkt_print_tags_write_pdf (tags, pdf, &error))
    return mkt_cli_fail (cli, error);

  n_tags = mkt_print_tags_get_n_tags (tags);
  n_pages = mkt_print_tags_get_n_pages (tags);
  per_page = mkt_tag_layout_get_columns (layout) * mkt_tag_layout_get_rows (layout);
  json_object_set_string_member (object, "path", pdf);
  json_object_set_string_member (object, "layout", mkt_tag_layout_to_string (layout));
  json_object_set_int_member (object, "tags", n_tags);
  json_object_set_int_member (object, "pages", n_pages);

  shown = g_filename_display_name (pdf);
  text = g_strdup_printf ("Wrote %u price %s to %s: %u %s of %u labels (%s).", n_tags, n_tags == 1 ? "tag" : "tags",
                          shown, n_pages, n_pages == 1 ? "sheet" : "sheets", per_page,
                          mkt_tag_layout_to_string (layout));
  print_written (cli, object, text);

  return 0;
}
