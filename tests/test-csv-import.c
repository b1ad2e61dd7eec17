/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-csv-import, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-csv-import, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-csv-import"

#include "config.h"

#include <string.h>

#include "mkt-test-utils.h"
#include "test-csv-utils.h"

/* Importing: every bad input of the issue is refused with a message that
 * names the line and field, and an all-or-nothing import then writes
 * nothing (no item, no audit row, no change); skip-invalid imports the
 * good rows and rejects the others with a reason; rows upsert by sku. */

#define MATERIALS_HEADER "kind,name,unit,sku,purchase_price,purchase_size\n"
#define BINARY_CSV MATERIALS_HEADER "yarn,Good,m,G-1,1,\n\x7f" "ELF\x02\x01\x01\0\0\0"

typedef struct
{
  const char  *name;
  const char  *entity;
  const char  *csv;
  gssize       length;
  const char  *maps[3];
  gsize        max_line;
  GQuark      (*domain) (void);
  int          code;
  const char  *part;     /* in the error, or in the first refused row */
} BadCase;

static const BadCase bad_cases[] = {
  { "unknown-mapping-column", "material", MATERIALS_HEADER "yarn,Good,m,G-1,1,\n", -1,
    { "Colour Name=colour" }, 0, mkt_csv_error_quark, MKT_CSV_ERROR_MAPPING,
    "The file has no column “Colour Name”" },
  { "unknown-mapping-field", "material", MATERIALS_HEADER "yarn,Good,m,G-1,1,\n", -1,
    { "name=nmae" }, 0, mkt_csv_error_quark, MKT_CSV_ERROR_MAPPING,
    "material has no field “nmae”" },
  { "unknown-column", "material", "kind,name,unit,prise\nyarn,Good,m,1\n", -1,
    { NULL }, 0, mkt_csv_error_quark, MKT_CSV_ERROR_MAPPING,
    "The column “prise” (column 4) is not a field of material" },
  { "wrong-type", "material", MATERIALS_HEADER "yarn,Good,m,G-1,1,2\nyarn,Bad,m,B-1,1,lots\n", -1,
    { NULL }, 0, mkt_csv_error_quark, MKT_CSV_ERROR_INVALID_ROWS,
    "line 3, purchase_size: “lots” is not a number" },
  { "wrong-choice", "material", MATERIALS_HEADER "yarn,Good,m,G-1,1,\nwool,Bad,m,B-1,1,\n", -1,
    { NULL }, 0, mkt_csv_error_quark, MKT_CSV_ERROR_INVALID_ROWS,
    "line 3, kind: “wool” is not one of yarn, fabric" },
  { "negative-price", "material", MATERIALS_HEADER "yarn,Good,m,G-1,1,\nyarn,Bad,m,B-1,-4.50,\n", -1,
    { NULL }, 0, mkt_csv_error_quark, MKT_CSV_ERROR_INVALID_ROWS,
    "line 3, purchase_price: must not be negative" },
  { "negative-product-price", "product", "name,sku,price\nGood,G-1,1\nBad,B-1,-1\n", -1,
    { NULL }, 0, mkt_csv_error_quark, MKT_CSV_ERROR_INVALID_ROWS,
    "line 3, price: must not be negative" },
  { "missing-required-field", "material", MATERIALS_HEADER "yarn,Good,m,G-1,1,\nyarn,No unit,,B-1,1,\n", -1,
    { NULL }, 0, mkt_csv_error_quark, MKT_CSV_ERROR_INVALID_ROWS,
    "line 3, unit: is required" },
  { "other-currency", "product", "name,sku,price\nGood,G-1,1\nBad,B-1,€5\n", -1,
    { NULL }, 0, mkt_csv_error_quark, MKT_CSV_ERROR_INVALID_ROWS,
    "line 3, price: “€5” is in EUR, but the business keeps its accounts in USD" },
  { "unknown-unit", "material", MATERIALS_HEADER "yarn,Good,m,G-1,1,\nyarn,Bad,furlongs,B-1,1,\n", -1,
    { NULL }, 0, mkt_csv_error_quark, MKT_CSV_ERROR_INVALID_ROWS,
    "line 3, unit: " },
  { "unknown-category", "material", "kind,name,unit,category\nyarn,Good,m,\nyarn,Bad,m,Nope\n", -1,
    { NULL }, 0, mkt_csv_error_quark, MKT_CSV_ERROR_INVALID_ROWS,
    "line 3, category_id: There is no category “Nope”" },
  { "sku-twice", "material", MATERIALS_HEADER "yarn,A,m,S-1,1,\nyarn,B,m,S-1,2,\n", -1,
    { NULL }, 0, mkt_csv_error_quark, MKT_CSV_ERROR_INVALID_ROWS,
    "line 3, sku: “S-1” is also on line 2" },
  { "too-many-fields", "material", "kind,name,unit\nyarn,Good,m\nyarn,Bad,m,extra\n", -1,
    { NULL }, 0, mkt_csv_error_quark, MKT_CSV_ERROR_INVALID_ROWS,
    "line 3, the row has 4 fields but the header only 3 columns" },
  { "truncated-file", "material", MATERIALS_HEADER "yarn,Good,m,G-1,1,\nyarn,\"Cut short,m,C-1,1,\n", -1,
    { NULL }, 0, mkt_csv_error_quark, MKT_CSV_ERROR_UNTERMINATED_QUOTE,
    "line 3: the quoted field that starts here is not closed at the end of the file" },
  { "binary-garbage", "material", BINARY_CSV, sizeof (BINARY_CSV) - 1,
    { NULL }, 0, mkt_csv_error_quark, MKT_CSV_ERROR_BINARY,
    "line 3: the file holds the control byte 0x02" },
  { "huge-line", "material", MATERIALS_HEADER "yarn,Good,m,G-1,1,\nyarn,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,m\n", -1,
    { NULL }, 64, mkt_csv_error_quark, MKT_CSV_ERROR_LINE_TOO_LONG,
    "line 3: the line is longer than the limit of 64 bytes" },
  { "empty-file", "material", "", -1,
    { NULL }, 0, mkt_csv_error_quark, MKT_CSV_ERROR_EMPTY, "The file is empty" },
};

static void
test_bad_input (MktTestFixture *f,
                gconstpointer   data)
{
  const BadCase *c = data;
  g_autoptr(MktRecord) material = mkt_test_create_material (f->session, "Before", "BEFORE-1");
  g_autoptr(MktRecord) product = mkt_test_create_product (f->session, "Before", "30", "12");
  g_autofree char *before = test_csv_counts (f->path);
  g_autofree char *after = NULL;
  g_autoptr(MktCsvImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  TestCsvImport import = {
    .entity = c->entity, .csv = c->csv, .length = c->length, .maps = c->maps, .max_line = c->max_line,
  };
  const char *said;
  gboolean ok;

  importer = test_csv_import (f->session, &import, &ok, NULL, &error);
  g_assert_false (ok);
  g_assert_error (error, c->domain (), c->code);

  said = c->code == MKT_CSV_ERROR_INVALID_ROWS ? test_csv_first_error (importer) : error->message;
  if (said == NULL || strstr (said, c->part) == NULL)
    g_error ("%s: “%s” does not say “%s”", c->name, said, c->part);

  if (c->code == MKT_CSV_ERROR_INVALID_ROWS)
    {
      const MktCsvImportReport *report = mkt_csv_importer_get_report (importer);

      g_assert_cmpstr (error->message, ==, "1 of 2 rows were refused, so nothing was imported");
      g_assert_cmpuint (report->rows_read, ==, 2);
      g_assert_cmpuint (report->rejected, ==, 1);
      g_assert_cmpuint (report->created, ==, 0);
      g_assert_false (report->committed);
    }

  /* Nothing written: no item, no audit row, no change; no batch left open. */
  after = test_csv_counts (f->path);
  g_assert_cmpstr (after, ==, before);
  mkt_test_assert_no_transaction (f->path);
}

static void
test_skip_invalid (MktTestFixture *f,
                   gconstpointer   data)
{
  static const char csv[] =
    "kind,name,unit,sku,purchase_price\n"
    "yarn,Merino DK,yd,M-1,4.99\n"
    "yarn,Bad price,m,B-1,-1\n"
    "fabric,Linen,m,L-1,12.40\n"
    "bead,No unit,,B-2,0.10\n"
    "notion,Buttons,pc,N-1,0.25\n";
  g_autoptr(MktCsvImporter) importer = NULL;
  g_autoptr(MktCsvImporter) again = NULL;
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_csv_counts (f->path);
  g_autofree char *after = NULL;
  g_autofree char *rejects = NULL;
  g_autoptr(GString) fixed = NULL;
  const MktCsvImportReport *report;
  TestCsvImport import = { .entity = "material", .csv = csv, .length = -1, .mode = MKT_CSV_IMPORT_SKIP_INVALID };
  char **row;
  gboolean ok;

  importer = test_csv_import (f->session, &import, &ok, &rejects, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  report = mkt_csv_importer_get_report (importer);
  g_assert_cmpuint (report->rows_read, ==, 5);
  g_assert_cmpuint (report->created, ==, 3);
  g_assert_cmpuint (report->rejected, ==, 2);
  g_assert_true (report->committed);
  g_assert_cmpstr (test_csv_first_error (importer), ==, "line 3, purchase_price: must not be negative");

  g_assert_cmpstr (before, ==, "material=0 product=0 component=0 category=0 audit_log=1 change=1");
  after = test_csv_counts (f->path);
  g_assert_cmpstr (after, ==, "material=3 product=0 component=0 category=0 audit_log=4 change=4");

  /* The reject file: the file's columns, the bad rows, and why. */
  rejected = test_csv_parse (rejects);
  g_assert_cmpuint (rejected->len, ==, 3);
  row = g_ptr_array_index (rejected, 0);
  g_assert_cmpstr (row[5], ==, "reject_reason");
  row = g_ptr_array_index (rejected, 1);
  g_assert_cmpstr (row[1], ==, "Bad price");
  g_assert_cmpstr (row[5], ==, "purchase_price: must not be negative");
  row = g_ptr_array_index (rejected, 2);
  g_assert_cmpstr (row[1], ==, "No unit");
  g_assert_cmpstr (row[5], ==, "unit: is required");

  /* Fixed, it imports as it is: the reason column is skipped. */
  fixed = g_string_new (rejects);
  g_string_replace (fixed, ",-1,", ",1,", 0);
  g_string_replace (fixed, "bead,No unit,,", "bead,No unit,pc,", 0);
  again = test_csv_import_text (f->session, "material", fixed->str, MKT_CSV_IMPORT_ALL_OR_NOTHING);
  g_assert_cmpuint (mkt_csv_importer_get_report (again)->created, ==, 2);
}

static void
test_upsert_by_sku (MktTestFixture *f,
                    gconstpointer   data)
{
  g_autoptr(MktCsvImporter) first = NULL;
  g_autoptr(MktCsvImporter) second = NULL;
  g_autoptr(MktCsvImporter) third = NULL;
  g_autoptr(MktCsvImporter) fourth = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *by_id = NULL;
  const MktCsvImportReport *report;
  MktRecord *merino;

  first = test_csv_import_text (f->session, "material",
                                "sku,name,kind,unit,purchase_price,colour\n"
                                "M-1,Merino DK,yarn,yd,4.00,Red\n", MKT_CSV_IMPORT_ALL_OR_NOTHING);
  g_assert_cmpuint (mkt_csv_importer_get_report (first)->created, ==, 1);

  /* The same sku updates, in the fields that change only; a new one is made. */
  second = test_csv_import_text (f->session, "material",
                                 "SKU,Purchase Price,Colour,name,kind,unit\n"
                                 "M-1,5.00,Red,Merino DK,yarn,yd\n"
                                 "N-1,1,,Nylon,yarn,m\n", MKT_CSV_IMPORT_ALL_OR_NOTHING);
  report = mkt_csv_importer_get_report (second);
  g_assert_cmpuint (report->created, ==, 1);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->unchanged, ==, 0);

  rows = mkt_test_list_where (f->session, &mkt_material_spec, "sku", "M-1");
  g_assert_cmpuint (rows->len, ==, 1);
  merino = g_ptr_array_index (rows, 0);
  g_assert_cmpint (mkt_record_get_int (merino, "purchase_price"), ==, 500);
  mkt_test_assert_logged (f, merino, 2, "update", "{\"purchase_price\":400}", "{\"purchase_price\":500}");

  /* Again: nothing changes, nothing is logged. */
  counts = test_csv_counts (f->path);
  third = test_csv_import_text (f->session, "material",
                                "SKU,Purchase Price,Colour,name,kind,unit\n"
                                "M-1,5.00,Red,Merino DK,yarn,yd\n"
                                "N-1,1,,Nylon,yarn,m\n", MKT_CSV_IMPORT_ALL_OR_NOTHING);
  report = mkt_csv_importer_get_report (third);
  g_assert_cmpuint (report->unchanged, ==, 2);
  g_assert_cmpuint (report->created + report->updated, ==, 0);
  {
    g_autofree char *now = test_csv_counts (f->path);

    g_assert_cmpstr (now, ==, counts);
  }

  /* By id, the sku itself can change; a sku in the trash is free again. */
  by_id = g_strdup_printf ("id,sku\n%s,M-2\n", mkt_record_get_id (merino));
  g_clear_object (&third);
  third = test_csv_import_text (f->session, "material", by_id, MKT_CSV_IMPORT_ALL_OR_NOTHING);
  g_assert_cmpuint (mkt_csv_importer_get_report (third)->updated, ==, 1);
  mkt_test_delete_row (f, &mkt_material_spec, merino);
  fourth = test_csv_import_text (f->session, "material",
                                 "sku,name,kind,unit\nM-2,Merino again,yarn,yd\n", MKT_CSV_IMPORT_ALL_OR_NOTHING);
  g_assert_cmpuint (mkt_csv_importer_get_report (fourth)->created, ==, 1);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_material_spec), ==, 3);
}

static void
test_dry_run (MktTestFixture *f,
              gconstpointer   data)
{
  g_autofree char *before = test_csv_counts (f->path);
  g_autofree char *after = NULL;
  g_autoptr(MktCsvImporter) good = NULL;
  g_autoptr(MktCsvImporter) bad = NULL;
  g_autoptr(GError) error = NULL;
  TestCsvImport import = {
    .entity = "material", .length = -1, .dry_run = TRUE,
    .csv = MATERIALS_HEADER "yarn,A,m,A-1,1,\nyarn,B,m,B-1,2,\n",
  };
  const MktCsvImportReport *report;
  gboolean ok;

  good = test_csv_import (f->session, &import, &ok, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  report = mkt_csv_importer_get_report (good);
  g_assert_true (report->dry_run);
  g_assert_false (report->committed);
  g_assert_cmpuint (report->created, ==, 2);

  import.csv = MATERIALS_HEADER "yarn,A,m,A-1,1,\nyarn,B,m,B-1,-2,\n";
  bad = test_csv_import (f->session, &import, &ok, NULL, &error);
  g_assert_false (ok);
  g_assert_error (error, MKT_CSV_ERROR, MKT_CSV_ERROR_INVALID_ROWS);
  g_assert_cmpstr (error->message, ==, "1 of 2 rows would be refused, so nothing would be imported");
  g_assert_cmpuint (mkt_csv_importer_get_report (bad)->created, ==, 1);

  after = test_csv_counts (f->path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_windows_1252_semicolons (MktTestFixture *f,
                              gconstpointer   data)
{
  /* Excel on a French or German Windows: cp1252, semicolons, decimal commas. */
  static const char csv[] =
    "Kind;Name;Unit;Purchase Price;Colour;Reorder Level\r\n"
    "yarn;Caf\xe9 au lait;Yards;\x80 1.234,50;Cr\xe8me;1.500\r\n"
    "yarn;Na\xefve;m;4,5;;0,25\r\n";
  g_autoptr(MktCsvImporter) importer = NULL;
  g_autoptr(GPtrArray) cafe = NULL;
  g_autoptr(GPtrArray) naive = NULL;
  g_autoptr(MktRecord) tenant = NULL;
  g_autoptr(GError) error = NULL;
  const MktCsvImportReport *report;
  MktRecord *row;

  /* A business in euros, as the € in the file says. */
  tenant = mkt_session_get (f->session, &mkt_tenant_spec, mkt_session_get_tenant_id (f->session), &error);
  g_assert_no_error (error);
  mkt_record_set_string (tenant, "currency", "EUR");
  mkt_session_update (f->session, tenant, &error);
  g_assert_no_error (error);

  importer = test_csv_import_text (f->session, "material", csv, MKT_CSV_IMPORT_ALL_OR_NOTHING);
  report = mkt_csv_importer_get_report (importer);
  cafe = mkt_test_list_where (f->session, &mkt_material_spec, "name", "Café au lait");
  naive = mkt_test_list_where (f->session, &mkt_material_spec, "name", "Naïve");

  g_assert_cmpuint (report->created, ==, 2);
  g_assert_cmpint (report->delimiter, ==, ';');
  g_assert_cmpint (report->encoding, ==, MKT_CSV_ENCODING_WINDOWS_1252);

  g_assert_cmpuint (cafe->len, ==, 1);
  row = g_ptr_array_index (cafe, 0);
  g_assert_cmpstr (mkt_record_get_string (row, "colour"), ==, "Crème");
  g_assert_cmpstr (mkt_record_get_string (row, "unit"), ==, "yd");
  g_assert_cmpint (mkt_record_get_int (row, "purchase_price"), ==, 123450);
  g_assert_cmpint (mkt_record_get_int (row, "reorder_level"), ==, 1500 * MKT_QUANTITY_SCALE);

  g_assert_cmpuint (naive->len, ==, 1);
  row = g_ptr_array_index (naive, 0);
  g_assert_cmpint (mkt_record_get_int (row, "purchase_price"), ==, 450);
  g_assert_cmpint (mkt_record_get_int (row, "reorder_level"), ==, MKT_QUANTITY_SCALE / 4);
}

static void
test_attributes (MktTestFixture *f,
                 gconstpointer   data)
{
  static const char csv[] =
    "kind,name,unit,sku,attributes.width,attributes.weave\n"
    "fabric,Linen,m,L-1,140 cm,plain\n"
    "fabric,Cotton,m,C-1,,\n";
  g_autoptr(MktCsvImporter) first = test_csv_import_text (f->session, "material", csv, MKT_CSV_IMPORT_ALL_OR_NOTHING);
  g_autoptr(MktCsvImporter) second = NULL;
  g_autoptr(GPtrArray) linen = mkt_test_list_where (f->session, &mkt_material_spec, "sku", "L-1");
  g_autoptr(GPtrArray) cotton = mkt_test_list_where (f->session, &mkt_material_spec, "sku", "C-1");

  g_assert_cmpstr (mkt_record_get_string (g_ptr_array_index (linen, 0), "attributes"), ==,
                   "{\"width\":\"140 cm\",\"weave\":\"plain\"}");
  /* Empty cells make no empty object. */
  g_assert_null (mkt_record_get_string (g_ptr_array_index (cotton, 0), "attributes"));

  second = test_csv_import_text (f->session, "material", csv, MKT_CSV_IMPORT_ALL_OR_NOTHING);
  g_assert_cmpuint (mkt_csv_importer_get_report (second)->unchanged, ==, 2);
}

typedef struct
{
  GArray       *seen;
  GCancellable *cancellable;
  guint         cancel_at;
} Progress;

static void
progress_cb (guint    rows_read,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_array_append_val (progress->seen, rows_read);
  if (rows_read == progress->cancel_at)
    g_cancellable_cancel (progress->cancellable);
}

/* Progress comes after every row, refused ones too; a cancelled import
 * keeps nothing. */
static void
test_progress_cancel (MktTestFixture *f,
                      gconstpointer   data)
{
  static const char csv[] = MATERIALS_HEADER "yarn,A,m,A-1,1,\nyarn,B,m,B-1,-2,\nyarn,C,m,C-1,3,\n";
  g_autofree char *before = test_csv_counts (f->path);
  g_autofree char *after = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Progress progress = { seen, cancellable, 0 };

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(MktCsvMapping) mapping = mkt_csv_mapping_new (&mkt_material_spec, MKT_CSV_FORMAT_GENERIC, &error);
      g_autoptr(MktCsvImporter) importer = NULL;
      g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (csv, -1, NULL);
      gboolean ok;

      g_assert_no_error (error);
      importer = mkt_csv_importer_new (f->session, mapping);
      mkt_csv_importer_set_mode (importer, MKT_CSV_IMPORT_SKIP_INVALID);
      /* The first round a dry run to the end, the second cancelled. */
      mkt_csv_importer_set_dry_run (importer, round == 0);
      progress.cancel_at = round == 0 ? 0 : 2;
      g_array_set_size (seen, 0);
      mkt_csv_importer_set_progress_func (importer, progress_cb, &progress, NULL);

      ok = mkt_csv_importer_run (importer, input, cancellable, &error);
      if (round == 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (seen->len, ==, 3);
          for (guint i = 0; i < seen->len; i++)
            g_assert_cmpuint (g_array_index (seen, guint, i), ==, i + 1);
          g_assert_cmpuint (mkt_csv_importer_get_report (importer)->created, ==, 2);
          g_assert_cmpuint (mkt_csv_importer_get_report (importer)->rejected, ==, 1);
        }
      else
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_assert_false (ok);
          g_assert_cmpuint (seen->len, ==, 2);
          g_assert_false (mkt_csv_importer_get_report (importer)->committed);
          g_clear_error (&error);
        }
    }

  after = test_csv_counts (f->path);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv/import/refused/%s", bad_cases[i].name);

      mkt_test_add (path, &bad_cases[i], test_bad_input);
    }
  mkt_test_add ("/csv/import/skip-invalid", NULL, test_skip_invalid);
  mkt_test_add ("/csv/import/upsert-by-sku", NULL, test_upsert_by_sku);
  mkt_test_add ("/csv/import/dry-run", NULL, test_dry_run);
  mkt_test_add ("/csv/import/windows-1252-semicolons", NULL, test_windows_1252_semicolons);
  mkt_test_add ("/csv/import/attributes", NULL, test_attributes);
  mkt_test_add ("/csv/import/progress-cancel", NULL, test_progress_cancel);

  return g_test_run ();
}
