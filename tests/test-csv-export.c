/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-csv-export, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-csv-export, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-csv-export"

#include "config.h"

#include <string.h>

#include "mkt-demo.h"
#include "mkt-market.h"
#include "mkt-test-market.h"
#include "mkt-uuid.h"
#include "test-csv-utils.h"

/* Exports, and the shops' formats: what is exported imports back as no
 * change at all (no row changes, no audit row, no outbox change). */

static void
assert_no_op (MktTestFixture      *f,
              const MktEntitySpec *spec,
              const char          *csv,
              guint                n_rows)
{
  g_autoptr(MktCsvImporter) importer = test_csv_import_text (f->session, spec->name, csv,
                                                             MKT_CSV_IMPORT_ALL_OR_NOTHING);
  const MktCsvImportReport *report = mkt_csv_importer_get_report (importer);

  g_assert_cmpuint (report->rows_read, ==, n_rows);
  g_assert_cmpuint (report->unchanged, ==, n_rows);
  g_assert_cmpuint (report->created, ==, 0);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->rejected, ==, 0);
}

static void
test_round_trip (MktTestFixture *f,
                 gconstpointer   data)
{
  static const MktEntitySpec * const specs[] = { &mkt_material_spec, &mkt_product_spec, &mkt_component_spec };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) in_category = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *materials = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gboolean loaded;
  guint n;

  g_assert_true (mkt_demo_load (f->session, &loaded, &error));
  g_assert_no_error (error);

  /* Notes with line breaks and quotes, a comma in a name, an attribute, a
   * material whose category is in the trash. */
  {
    g_autoptr(MktRecord) odd = mkt_test_material_new ("notion", "Buttons, wooden", "pc");
    g_autoptr(MktRecord) trashed = mkt_test_create_category (f->session, "Old stock");

    mkt_record_set_string (odd, "notes", "Say \"hello\"\nto the\r\nbuttons ");
    mkt_record_set_string (odd, "attributes", "{\"size\":\"15 mm\",\"holes\":4}");
    mkt_record_set_string (odd, "category_id", mkt_record_get_id (trashed));
    mkt_record_set_int (odd, "purchase_price", 5);
    mkt_session_create (f->session, odd, &error);
    g_assert_no_error (error);
    mkt_test_delete_row (f, &mkt_category_spec, trashed);
  }

  before = test_csv_counts (f->path);
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autofree char *csv = test_csv_export (f->session, specs[i], MKT_CSV_EXPORT_NONE, &n);

      g_assert_cmpuint (n, >, 0);
      g_assert_cmpuint (n, ==, mkt_test_count (f->session, specs[i]));
      assert_no_op (f, specs[i], csv, n);
    }
  after = test_csv_counts (f->path);
  g_assert_cmpstr (after, ==, before);

  /* The columns are the generic format's; references go by name. */
  materials = test_csv_export (f->session, &mkt_material_spec, MKT_CSV_EXPORT_NONE, &n);
  g_assert_true (g_str_has_prefix (materials,
                                   "id,kind,name,brand,sku,colour,fibre_content,weight_class,unit,purchase_unit,"
                                   "purchase_size,purchase_price,reorder_level,supplier,notes,attributes,category\r\n"));
  rows = test_csv_parse (materials);
  in_category = mkt_test_list_where (f->session, &mkt_material_spec, "name", "Buttons, wooden");
  for (guint i = 1; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      if (g_str_equal (row[2], "Buttons, wooden"))
        {
          g_assert_cmpstr (row[14], ==, "Say \"hello\"\nto the\r\nbuttons ");
          g_assert_cmpstr (row[15], ==, "{\"size\":\"15 mm\",\"holes\":4}");
          g_assert_cmpstr (row[11], ==, "0.05");
          /* Its category is in the trash: the id finds it again. */
          g_assert_cmpstr (row[16], ==, mkt_record_get_string (g_ptr_array_index (in_category, 0), "category_id"));
        }
      else if (row[16][0] != '\0')
        g_assert_false (mkt_uuid_is_valid (row[16]));
    }
}

static void
test_bom (MktTestFixture *f,
          gconstpointer   data)
{
  g_autoptr(MktRecord) material = mkt_test_create_material (f->session, "Café crème", "CC-1");
  g_autofree char *csv = NULL;
  g_autofree char *counts = test_csv_counts (f->path);
  g_autofree char *after = NULL;
  guint n;

  g_assert_nonnull (material);
  csv = test_csv_export (f->session, &mkt_material_spec, MKT_CSV_EXPORT_BOM, &n);
  g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbfid,kind,"));
  assert_no_op (f, &mkt_material_spec, csv, 1);
  after = test_csv_counts (f->path);
  g_assert_cmpstr (after, ==, counts);

  /* An empty table still gets its header (and the mark). */
  g_clear_pointer (&csv, g_free);
  csv = test_csv_export (f->session, &mkt_product_spec, MKT_CSV_EXPORT_BOM, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (csv, ==, "\xef\xbb\xbfid,name,sku,category,labour_minutes,price,photo,notes,attributes\r\n");
}

static void
test_sales_and_summary (MktTestFixture *f,
                        gconstpointer   data)
{
  g_autoptr(MktRecord) event = mkt_test_create_event (f, "Harvest Fair", 2500, 0);
  g_autoptr(MktRecord) beanie = mkt_test_create_product (f->session, "Beanie", "60", "24");
  g_autoptr(MktRecord) sale = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sales = NULL;
  g_autofree char *summary = NULL;
  char **row;
  guint n;

  mkt_record_set_string (beanie, "sku", "BEANIE");
  mkt_session_update (f->session, beanie, &error);
  g_assert_no_error (error);
  g_assert_true (mkt_market_bring (f->session, mkt_record_get_id (event), mkt_record_get_id (beanie),
                                   MKT_QUANTITY_FROM_INT (5), &error));
  sale = mkt_market_sell (f->session, mkt_record_get_id (event), mkt_record_get_id (beanie),
                          MKT_QUANTITY_FROM_INT (2), FALSE, 0, 100, "card", &error);
  g_assert_no_error (error);

  sales = test_csv_export (f->session, &mkt_sale_spec, MKT_CSV_EXPORT_NONE, &n);
  g_assert_cmpuint (n, ==, 1);
  rows = test_csv_parse (sales);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row[0], ==, "id");
  g_assert_cmpstr (row[1], ==, "market_event");
  g_assert_cmpstr (row[2], ==, "product");
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row[0], ==, mkt_record_get_id (sale));
  g_assert_cmpstr (row[1], ==, "Harvest Fair");
  g_assert_cmpstr (row[2], ==, "BEANIE");
  g_assert_cmpstr (row[3], ==, "2");
  g_assert_cmpstr (row[4], ==, "24.00");
  g_assert_cmpstr (row[5], ==, "1.00");
  g_assert_cmpstr (row[6], ==, "card");

  mkt_csv_export_event_summary (f->session, mkt_record_get_id (event), out, MKT_CSV_EXPORT_NONE, &n, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  summary = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_cmpuint (n, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = test_csv_parse (summary);
  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row[0], ==, "Beanie");
  g_assert_cmpstr (row[1], ==, "BEANIE");
  g_assert_cmpstr (row[3], ==, "5");
  g_assert_cmpstr (row[5], ==, "2");
  g_assert_cmpstr (row[6], ==, "3");
  g_assert_cmpstr (row[7], ==, "47.00");
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (row[0], ==, "Total");
  g_assert_cmpstr (row[7], ==, "47.00");
  g_assert_cmpstr (row[10], ==, "47.00");
  g_assert_cmpstr (row[12], ==, "25.00");
}

static void
test_shopify (MktTestFixture *f,
              gconstpointer   data)
{
  static const char csv[] =
    "Handle,Title,Body (HTML),Vendor,Type,Tags,Option1 Name,Option1 Value,Variant SKU,Variant Grams,"
    "Variant Inventory Qty,Variant Price,Image Src,Status\n"
    "cosy-beanie,Cosy Beanie,<p>Warm &amp; soft</p><p>Hand wash</p>,Purl & Co,Hats,\"wool, winter\",Colour,Red,"
    "BEANIE-RED,120,3,$24.00,https://cdn.example/red.jpg,active\n"
    "cosy-beanie,,,,,,,Blue,BEANIE-BLUE,120,2,24.00,https://cdn.example/blue.jpg,\n"
    "cosy-beanie,,,,,,,,,,,,https://cdn.example/extra.jpg,\n"
    "tea-cosy,Tea Cosy,,Purl & Co,Home,,Title,Default Title,TEA-1,300,1,\"1,200.00\",,active\n";
  TestCsvImport import = { .entity = "product", .csv = csv, .length = -1, .format = MKT_CSV_FORMAT_SHOPIFY };
  g_autoptr(MktCsvImporter) importer = NULL;
  g_autoptr(MktCsvImporter) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) red = NULL;
  g_autoptr(GPtrArray) blue = NULL;
  g_autoptr(GPtrArray) tea = NULL;
  const MktCsvImportReport *report;
  MktRecord *row;
  gboolean ok;

  importer = test_csv_import (f->session, &import, &ok, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  report = mkt_csv_importer_get_report (importer);
  g_assert_cmpuint (report->rows_read, ==, 4);
  g_assert_cmpuint (report->created, ==, 3);
  g_assert_cmpuint (report->skipped, ==, 1);

  red = mkt_test_list_where (f->session, &mkt_product_spec, "sku", "BEANIE-RED");
  row = g_ptr_array_index (red, 0);
  g_assert_cmpstr (mkt_record_get_string (row, "name"), ==, "Cosy Beanie (Red)");
  g_assert_cmpint (mkt_record_get_int (row, "price"), ==, 2400);
  g_assert_cmpstr (mkt_record_get_string (row, "notes"), ==, "Warm & soft\n\nHand wash");
  g_assert_cmpstr (mkt_record_get_string (row, "photo"), ==, "https://cdn.example/red.jpg");
  g_assert_cmpstr (mkt_record_get_string (row, "attributes"), ==,
                   "{\"handle\":\"cosy-beanie\",\"vendor\":\"Purl & Co\",\"type\":\"Hats\",\"tags\":\"wool, winter\"}");

  blue = mkt_test_list_where (f->session, &mkt_product_spec, "sku", "BEANIE-BLUE");
  row = g_ptr_array_index (blue, 0);
  g_assert_cmpstr (mkt_record_get_string (row, "name"), ==, "Cosy Beanie (Blue)");
  g_assert_cmpint (mkt_record_get_int (row, "price"), ==, 2400);

  tea = mkt_test_list_where (f->session, &mkt_product_spec, "sku", "TEA-1");
  row = g_ptr_array_index (tea, 0);
  g_assert_cmpstr (mkt_record_get_string (row, "name"), ==, "Tea Cosy");
  g_assert_cmpint (mkt_record_get_int (row, "price"), ==, 120000);

  /* The same export again changes nothing. */
  again = test_csv_import (f->session, &import, &ok, NULL, &error);
  g_assert_no_error (error);
  report = mkt_csv_importer_get_report (again);
  g_assert_cmpuint (report->unchanged, ==, 3);
  g_assert_cmpuint (report->created + report->updated, ==, 0);
}

static void
test_etsy (MktTestFixture *f,
           gconstpointer   data)
{
  static const char csv[] =
    "TITLE,DESCRIPTION,PRICE,CURRENCY_CODE,QUANTITY,TAGS,MATERIALS,IMAGE1,IMAGE2,SKU\n"
    "Lavender Soap,\"Cold process soap.\nMade by hand.\",6.50,USD,12,\"soap,lavender\",olive oil,"
    "https://i.etsystatic.example/1.jpg,,SOAP-LAV\n"
    "Rose Soap,,7.00,EUR,3,,,,,SOAP-ROSE\n";
  TestCsvImport import = { .entity = "product", .csv = csv, .length = -1, .format = MKT_CSV_FORMAT_ETSY,
                           .mode = MKT_CSV_IMPORT_SKIP_INVALID };
  g_autoptr(MktCsvImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) soap = NULL;
  g_autofree char *rejects = NULL;
  const MktCsvImportReport *report;
  MktRecord *row;
  gboolean ok;

  importer = test_csv_import (f->session, &import, &ok, &rejects, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  report = mkt_csv_importer_get_report (importer);
  g_assert_cmpuint (report->created, ==, 1);
  g_assert_cmpuint (report->rejected, ==, 1);
  g_assert_cmpstr (test_csv_first_error (importer), ==,
                   "line 4, currency: the row is in EUR, but the business keeps its accounts in USD");
  g_assert_nonnull (strstr (rejects, "Rose Soap,,7.00,EUR,3,,,,,SOAP-ROSE,"));

  soap = mkt_test_list_where (f->session, &mkt_product_spec, "sku", "SOAP-LAV");
  row = g_ptr_array_index (soap, 0);
  g_assert_cmpstr (mkt_record_get_string (row, "name"), ==, "Lavender Soap");
  g_assert_cmpstr (mkt_record_get_string (row, "notes"), ==, "Cold process soap.\nMade by hand.");
  g_assert_cmpint (mkt_record_get_int (row, "price"), ==, 650);
  g_assert_cmpstr (mkt_record_get_string (row, "photo"), ==, "https://i.etsystatic.example/1.jpg");
  g_assert_cmpstr (mkt_record_get_string (row, "attributes"), ==, "{\"tags\":\"soap,lavender\",\"materials\":\"olive oil\"}");
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  mkt_test_add ("/csv/export/round-trip-is-a-no-op", NULL, test_round_trip);
  mkt_test_add ("/csv/export/bom", NULL, test_bom);
  mkt_test_add ("/csv/export/sales-and-event-summary", NULL, test_sales_and_summary);
  mkt_test_add ("/csv/import/shopify", NULL, test_shopify);
  mkt_test_add ("/csv/import/etsy", NULL, test_etsy);

  return g_test_run ();
}
