/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-print-sheet, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-print-sheet, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-print"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mkt-core.h"
#include "mkt-test-utils.h"
#include "test-print-utils.h"

/* Market sheets from plain data, read back with poppler: every product
 * exactly once, the header and page numbers on every page, long names in
 * full, nothing past the margins, A4 and Letter, and the failures. */

#define MARGIN (12 * 72 / 25.4)
#define BUSINESS "Purl & Co"
#define EVENT "Winter Makers Market"
#define VENUE "Town Hall, Market Square"

/* A sheet's data and the strings its rows point to. */
typedef struct
{
  GPtrArray         *strings;
  GArray            *rows;
  MktPrintSheetData  data;
} SheetData;

static const char *
keep (SheetData *sheet,
      char      *text)
{
  g_ptr_array_add (sheet->strings, text);
  return text;
}

static char *
item_token (guint i)
{
  return g_strdup_printf ("Item-%04u-zq", i);
}

/* @n products whose names begin with a unique token; every seventh has a
 * name that wraps, and the counts vary so rows differ in height. */
static void
sheet_data_init (SheetData *sheet,
                 guint      n)
{
  sheet->strings = g_ptr_array_new_with_free_func (g_free);
  sheet->rows = g_array_new (FALSE, TRUE, sizeof (MktPrintSheetRow));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *token = item_token (i);
      MktPrintSheetRow row = { NULL };

      if (i % 7 == 3)
        row.name = keep (sheet, g_strdup_printf ("%s hand-dyed sock yarn bundle with matching stitch markers, "
                                                 "a project bag and a pattern booklet", token));
      else
        row.name = keep (sheet, g_strdup_printf ("%s felted bowl", token));
      row.sku = i % 5 == 0 ? NULL : keep (sheet, g_strdup_printf ("SKU%05u", i));
      row.has_price = i % 11 != 0;
      row.price = 500 + i * 7;
      row.brought = MKT_QUANTITY_FROM_INT (i % 40);
      row.returned = MKT_QUANTITY_FROM_INT (i % 3);
      row.sold = MKT_QUANTITY_FROM_INT (i % 4);
      g_array_append_val (sheet->rows, row);
    }

  sheet->data.business = BUSINESS;
  sheet->data.currency = "EUR";
  sheet->data.event_name = EVENT;
  sheet->data.starts_on = "2026-11-28T00:00:00Z";
  sheet->data.venue = VENUE;
  sheet->data.rows = (const MktPrintSheetRow *)(gpointer)sheet->rows->data;
  sheet->data.n_rows = n;
}

static void
sheet_data_clear (SheetData *sheet)
{
  g_clear_pointer (&sheet->rows, g_array_unref);
  g_clear_pointer (&sheet->strings, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SheetData, sheet_data_clear)

/* Writes @data to DIR/NAME; returns the path and the pages it took. */
static char *
write_sheet (const char              *dir,
             const char              *name,
             const MktPrintSheetData *data,
             MktPaper                 paper,
             guint                   *out_n_pages)
{
  g_autoptr(MktPrintSheet) sheet = mkt_print_sheet_new (data);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (mkt_print_sheet_write_pdf (sheet, paper, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mkt_print_sheet_get_n_rows (sheet), ==, data->n_rows);
  *out_n_pages = mkt_print_sheet_get_n_pages (sheet);
  g_assert_cmpuint (mkt_test_pdf_n_pages (path), ==, *out_n_pages);

  return path;
}

/* No word lies past a margin: nothing was cut or pushed off the page. */
static void
assert_inside_margins (const char *path)
{
  g_autoptr(GArray) pages = NULL;
  g_autoptr(GPtrArray) words = mkt_test_pdf_words (path, &pages);

  g_assert_cmpuint (words->len, >, 0);
  for (guint i = 0; i < words->len; i++)
    {
      MktPdfWord *word = g_ptr_array_index (words, i);
      MktPdfPage *page = &g_array_index (pages, MktPdfPage, word->page);

      if (word->x0 < MARGIN - 0.5 || word->x1 > page->width - MARGIN + 0.5 ||
          word->y0 < MARGIN - 0.5 || word->y1 > page->height - MARGIN + 0.5)
        g_error ("“%s” on page %u lies at %.1f,%.1f–%.1f,%.1f, past the margins",
                 word->text, word->page + 1, word->x0, word->y0, word->x1, word->y1);
    }
}

static void
test_many_pages (void)
{
  g_autofree char *dir = mkt_test_make_dir ();
  g_auto(SheetData) sheet = { NULL };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;
  guint n_pages, last_page = 0;

  sheet_data_init (&sheet, 500);
  path = write_sheet (dir, "sheet.pdf", &sheet.data, MKT_PAPER_A4, &n_pages);
  g_test_message ("500 products on %u A4 pages", n_pages);
  g_assert_cmpuint (n_pages, >, 10);

  text = mkt_test_pdf_text (path);
  pages = mkt_test_pdf_page_texts (path);
  g_assert_cmpuint (g_strv_length (pages), ==, n_pages);

  /* Every product once, and in order: none was skipped or repeated where
   * one page ends and the next begins. */
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *token = item_token (i);
      guint found = G_MAXUINT;

      g_assert_cmpuint (mkt_test_count_occurrences (text, token), ==, 1);
      for (guint p = 0; p < n_pages && found == G_MAXUINT; p++)
        if (strstr (pages[p], token) != NULL)
          found = p;
      g_assert_cmpuint (found, >=, last_page);
      last_page = found;
    }

  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", p + 1, n_pages);

      g_assert_cmpuint (mkt_test_count_occurrences (pages[p], BUSINESS), ==, 1);
      g_assert_cmpuint (mkt_test_count_occurrences (pages[p], EVENT), ==, 1);
      g_assert_nonnull (strstr (pages[p], "Sat 28 Nov 2026 · " VENUE));
      g_assert_nonnull (strstr (pages[p], "Product SKU Price Brought Sold (tick one per item) Returned"));
      g_assert_cmpuint (mkt_test_count_occurrences (pages[p], number), ==, 1);
      g_assert_cmpuint (mkt_test_count_occurrences (pages[p], "Page "), ==, 1);
      g_assert_cmpuint (mkt_test_count_occurrences (pages[p], "Total (500 products)"), ==, p == n_pages - 1);
    }

  /* Prices in the currency's format; one without a price shows none. */
  g_assert_nonnull (strstr (text, "Item-0001-zq felted bowl SKU00001 €5.07 1 1\n"));
  g_assert_nonnull (strstr (text, "Item-0011-zq felted bowl SKU00011 11 2\n"));
  /* The totals of brought, sold and returned. */
  {
    guint brought = 0, sold = 0, returned = 0;
    g_autofree char *totals = NULL;

    for (guint i = 0; i < 500; i++)
      {
        brought += i % 40;
        sold += i % 4;
        returned += i % 3;
      }
    totals = g_strdup_printf ("Total (500 products) %u %u %u\n", brought, sold, returned);
    g_assert_nonnull (strstr (text, totals));
  }

  assert_inside_margins (path);
  mkt_test_remove_dir (dir);
}

/* A 200-character name (the most a product's has) wraps within its column
 * and reads back in full; so does a single word too long for a line. */
static void
test_long_names (void)
{
  g_autofree char *dir = mkt_test_make_dir ();
  g_auto(SheetData) sheet = { NULL };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  g_autoptr(GArray) pages = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GString) long_name = g_string_new ("Heirloom");
  g_autoptr(GString) long_word = g_string_new (NULL);
  MktPrintSheetRow *rows;
  double name_column_end;
  guint n_pages;

  while (long_name->len < 195)
    g_string_append_printf (long_name, " lace%" G_GSIZE_FORMAT, long_name->len);
  g_string_truncate (long_name, 200);
  for (guint i = 0; long_word->len < 120; i++)
    g_string_append_printf (long_word, "%c%u", 'a' + i % 26, i);

  sheet_data_init (&sheet, 30);
  rows = (MktPrintSheetRow *)(gpointer)sheet.rows->data;
  rows[4].name = long_name->str;
  rows[9].name = long_word->str;
  rows[9].sku = "SKU-WITH-A-VERY-LONG-CODE-THAT-DOES-NOT-FIT-ITS-COLUMN-0123456789";
  path = write_sheet (dir, "long.pdf", &sheet.data, MKT_PAPER_LETTER, &n_pages);

  text = mkt_test_pdf_text (path);
  squeezed = mkt_test_squeeze (text);
  g_assert_null (strstr (text, long_name->str));
  for (const char *name = long_name->str; name != NULL; name = name == long_name->str ? long_word->str : NULL)
    {
      g_autofree char *needle = mkt_test_squeeze (name);

      g_assert_cmpuint (mkt_test_count_occurrences (squeezed, needle), ==, 1);
    }
  g_assert_cmpuint (mkt_test_count_occurrences (squeezed, rows[9].sku), ==, 1);

  /* The names stay in their column: every word that starts in it ends in it. */
  name_column_end = MARGIN + (612 - 2 * MARGIN) * 0.31;
  words = mkt_test_pdf_words (path, &pages);
  for (guint i = 0; i < words->len; i++)
    {
      MktPdfWord *word = g_ptr_array_index (words, i);

      if (word->x0 < name_column_end && strlen (word->text) >= 3 &&
          (strstr (long_name->str, word->text) != NULL || strstr (long_word->str, word->text) != NULL))
        g_assert_cmpfloat (word->x1, <=, name_column_end);
    }

  assert_inside_margins (path);
  mkt_test_remove_dir (dir);
}

static void
test_paper_sizes (void)
{
  static const struct
  {
    MktPaper    paper;
    const char *name;
    double      width;
    double      height;
  } cases[] = {
    { MKT_PAPER_A4, "a4.pdf", 595.276, 841.89 },
    { MKT_PAPER_LETTER, "letter.pdf", 612, 792 },
  };
  g_autofree char *dir = mkt_test_make_dir ();
  g_auto(SheetData) sheet = { NULL };
  guint pages_of[G_N_ELEMENTS (cases)];

  sheet_data_init (&sheet, 120);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_sheet (dir, cases[i].name, &sheet.data, cases[i].paper, &pages_of[i]);
      g_autofree char *text = mkt_test_pdf_text (path);
      double width, height;

      mkt_test_pdf_page_size (path, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, cases[i].width, 0.01);
      g_assert_cmpfloat_with_epsilon (height, cases[i].height, 0.01);
      for (guint r = 0; r < 120; r++)
        {
          g_autofree char *token = item_token (r);

          g_assert_cmpuint (mkt_test_count_occurrences (text, token), ==, 1);
        }
      assert_inside_margins (path);
    }

  /* Letter is shorter: it never holds more. */
  g_assert_cmpuint (pages_of[1], >=, pages_of[0]);
  mkt_test_remove_dir (dir);
}

static void
test_empty (void)
{
  g_autofree char *dir = mkt_test_make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  MktPrintSheetData data = { BUSINESS, "GBP", EVENT, "2026-11-28", "2026-11-29", NULL, NULL, 0 };
  guint n_pages;

  path = write_sheet (dir, "empty.pdf", &data, MKT_PAPER_A4, &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);

  text = mkt_test_pdf_text (path);
  g_assert_nonnull (strstr (text, EVENT "\nSat 28 – Sun 29 Nov 2026\n"));
  g_assert_nonnull (strstr (text, "No products on this sheet yet"));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));
  g_assert_null (strstr (text, "Total"));
  mkt_test_remove_dir (dir);
}

static void
test_unwritable (void)
{
  g_autofree char *dir = mkt_test_make_dir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "sheet.pdf", NULL);
  g_autofree char *existing = g_build_filename (dir, "sheet.pdf", NULL);
  g_auto(SheetData) sheet = { NULL };
  g_autoptr(MktPrintSheet) printer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *contents = NULL;

  sheet_data_init (&sheet, 10);
  printer = mkt_print_sheet_new (&sheet.data);

  g_assert_false (mkt_print_sheet_write_pdf (printer, MKT_PAPER_A4, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  g_assert_false (mkt_print_sheet_write_pdf (printer, MKT_PAPER_A4, dir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, dir));
  g_clear_error (&error);

  g_assert_false (mkt_print_sheet_write_pdf (printer, MKT_PAPER_A4, "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  g_clear_error (&error);

  /* A folder this user may not write to (root may write anywhere). */
  if (geteuid () != 0)
    {
      g_autofree char *locked = g_build_filename (dir, "locked", NULL);
      g_autofree char *inside = g_build_filename (locked, "sheet.pdf", NULL);

      g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
      g_assert_false (mkt_print_sheet_write_pdf (printer, MKT_PAPER_A4, inside, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_nonnull (strstr (error->message, inside));
      g_clear_error (&error);
      g_assert_cmpint (g_rmdir (locked), ==, 0);
    }

  /* An existing file is replaced whole, and no temporary file stays. */
  g_assert_true (g_file_set_contents (existing, "old", -1, NULL));
  g_assert_true (mkt_print_sheet_write_pdf (printer, MKT_PAPER_A4, existing, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "sheet.pdf");
  g_assert_null (g_dir_read_name (listing));

  mkt_test_remove_dir (dir);
}

static guint
dark_pixels (cairo_surface_t *surface)
{
  const guchar *data;
  int stride, width, height;
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (data[y * stride + x * 4 + 3] > 128 && data[y * stride + x * 4 + 1] < 128)
        n++;

  return n;
}

/* What a GtkPrintOperation does: paginate for its page size on its cairo
 * context, then draw any page on a context it hands over. */
static void
test_cairo (void)
{
  g_auto(SheetData) sheet = { NULL };
  g_autoptr(MktPrintSheet) printer = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint a4_pages, a5_pages, scaled_pages;
  guint first_page_ink, last_page_ink;

  sheet_data_init (&sheet, 200);
  printer = mkt_print_sheet_new (&sheet.data);
  g_assert_cmpuint (mkt_print_sheet_get_n_pages (printer), ==, 0);
  g_assert_cmpstr (mkt_print_sheet_get_title (printer), ==, "Market sheet: " EVENT);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 420, 595);
  cr = cairo_create (surface);

  g_assert_true (mkt_print_sheet_paginate (printer, cr, 595.276, 841.89, &error));
  g_assert_no_error (error);
  a4_pages = mkt_print_sheet_get_n_pages (printer);

  g_assert_true (mkt_print_sheet_paginate (printer, cr, 420, 595, &error));
  a5_pages = mkt_print_sheet_get_n_pages (printer);
  g_assert_cmpuint (a5_pages, >, a4_pages);

  mkt_print_sheet_draw_page (printer, cr, 0);
  first_page_ink = dark_pixels (surface);
  g_assert_cmpuint (first_page_ink, >, 1000);

  cairo_set_source_rgba (cr, 0, 0, 0, 0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  mkt_print_sheet_draw_page (printer, cr, a5_pages - 1);
  last_page_ink = dark_pixels (surface);
  g_assert_cmpuint (last_page_ink, >, 0);
  g_assert_cmpuint (last_page_ink, !=, first_page_ink);

  /* A printer's context at twice the resolution cuts the same pages. */
  cairo_scale (cr, 2, 2);
  g_assert_true (mkt_print_sheet_paginate (printer, cr, 420, 595, &error));
  scaled_pages = mkt_print_sheet_get_n_pages (printer);
  g_assert_cmpuint (scaled_pages, ==, a5_pages);

  /* A page too small for the header and a row says so. */
  g_assert_false (mkt_print_sheet_paginate (printer, cr, 200, 150, &error));
  g_assert_error (error, MKT_PRINT_ERROR, MKT_PRINT_ERROR_PAGE_TOO_SMALL);
  g_clear_error (&error);
  g_assert_false (mkt_print_sheet_paginate (printer, cr, 60, 800, &error));
  g_assert_error (error, MKT_PRINT_ERROR, MKT_PRINT_ERROR_PAGE_TOO_SMALL);
  g_assert_cmpuint (mkt_print_sheet_get_n_pages (printer), ==, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  g_test_add_func ("/print/sheet/many-pages", test_many_pages);
  g_test_add_func ("/print/sheet/long-names", test_long_names);
  g_test_add_func ("/print/sheet/paper-sizes", test_paper_sizes);
  g_test_add_func ("/print/sheet/empty", test_empty);
  g_test_add_func ("/print/sheet/unwritable", test_unwritable);
  g_test_add_func ("/print/sheet/cairo", test_cairo);

  return g_test_run ();
}
