/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-print"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "mkt-core.h"

/* A market sheet of 2,000 products written as an A4 PDF: the time of the
 * whole write (pagination, which lays out every row once, then drawing,
 * which lays it out again) and of pagination alone, the pages and the
 * file's size; against a baseline in the same run: the same rows and
 * boxes drawn with cairo's toy text API at fixed row heights, without
 * Pango (no wrapping, no measuring), to a PDF of the same paper. Then
 * 2,000 price tags. Each figure is the best of a few runs. */

#define N_PRODUCTS 2000
#define N_RUNS 3

static guint n_products = N_PRODUCTS;

static const char * const words[] = {
  "merino", "beanie", "chunky", "cable", "hat", "amigurumi", "bear", "lace", "shawl", "cotton",
  "dishcloth", "seaside", "socks", "mohair", "wrist", "warmers", "felted", "bowl", "tote", "cowl",
};

typedef struct
{
  GPtrArray         *strings;
  GArray            *rows;
  MktPrintSheetData  data;
} Catalogue;

static void
catalogue_init (Catalogue *catalogue,
                GRand     *rand)
{
  catalogue->strings = g_ptr_array_new_with_free_func (g_free);
  catalogue->rows = g_array_new (FALSE, TRUE, sizeof (MktPrintSheetRow));

  for (guint i = 0; i < n_products; i++)
    {
      g_autoptr(GString) name = g_string_new (NULL);
      guint n_words = g_rand_int_range (rand, 2, 14);
      MktPrintSheetRow row = { NULL };
      char *text;

      for (guint w = 0; w < n_words; w++)
        g_string_append_printf (name, "%s%s", w == 0 ? "" : " ", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_printf (name, " %u", i);
      text = g_string_free (g_steal_pointer (&name), FALSE);
      g_ptr_array_add (catalogue->strings, text);
      row.name = text;

      text = g_strdup_printf ("P-%05u", i);
      g_ptr_array_add (catalogue->strings, text);
      row.sku = text;
      row.has_price = TRUE;
      row.price = g_rand_int_range (rand, 300, 20000);
      row.brought = MKT_QUANTITY_FROM_INT (g_rand_int_range (rand, 0, 30));
      g_array_append_val (catalogue->rows, row);
    }

  catalogue->data.business = "Purl & Co";
  catalogue->data.currency = "EUR";
  catalogue->data.event_name = "Winter Makers Market";
  catalogue->data.starts_on = "2026-11-28";
  catalogue->data.ends_on = "2026-11-29";
  catalogue->data.venue = "Town Hall, Market Square";
  catalogue->data.rows = (const MktPrintSheetRow *)(gpointer)catalogue->rows->data;
  catalogue->data.n_rows = catalogue->rows->len;
}

static void
catalogue_clear (Catalogue *catalogue)
{
  g_clear_pointer (&catalogue->rows, g_array_unref);
  g_clear_pointer (&catalogue->strings, g_ptr_array_unref);
}

/* The baseline: the same cells and boxes, toy text at fixed positions. */
static guint
write_baseline (const Catalogue *catalogue,
                const char      *path)
{
  const double margin = 34, row_height = 14, top = 120;
  double width, height, y = top;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint pages = 1;

  mkt_paper_get_size (MKT_PAPER_A4, &width, &height);
  surface = cairo_pdf_surface_create (path, width, height);
  cr = cairo_create (surface);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 9);
  cairo_set_line_width (cr, 0.6);

  for (guint i = 0; i < catalogue->data.n_rows; i++)
    {
      const MktPrintSheetRow *row = &catalogue->data.rows[i];
      g_autofree char *price = mkt_print_format_money (row->price, "EUR");
      g_autofree char *brought = mkt_quantity_format (row->brought);

      if (y + row_height > height - margin)
        {
          cairo_show_page (cr);
          pages++;
          y = top;
        }

      cairo_move_to (cr, margin, y + 10);
      cairo_show_text (cr, row->name);
      cairo_move_to (cr, margin + 165, y + 10);
      cairo_show_text (cr, row->sku);
      cairo_move_to (cr, margin + 245, y + 10);
      cairo_show_text (cr, price);
      cairo_move_to (cr, margin + 300, y + 10);
      cairo_show_text (cr, brought);
      for (guint b = 0; b < 10; b++)
        cairo_rectangle (cr, margin + 330 + b * 11, y + 3, 8, 8);
      cairo_stroke (cr);
      y += row_height;
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return pages;
}

static double
best (double a,
      double b)
{
  return a < 0 ? b : MIN (a, b);
}

static goffset
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? buf.st_size : -1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autofree char *dir = g_dir_make_tmp ("bench-print-XXXXXX", &error);
  g_autofree char *sheet_path = NULL;
  g_autofree char *baseline_path = NULL;
  g_autofree char *tags_path = NULL;
  g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (MktPrintTag));
  double write_s = -1, paginate_s = -1, baseline_s = -1, tags_s = -1;
  guint pages = 0, baseline_pages = 0, tag_pages = 0;
  Catalogue catalogue = { NULL };

  if (argc > 1)
    n_products = (guint)g_ascii_strtoull (argv[1], NULL, 10);
  if (dir == NULL)
    g_error ("%s", error->message);

  sheet_path = g_build_filename (dir, "sheet.pdf", NULL);
  baseline_path = g_build_filename (dir, "baseline.pdf", NULL);
  tags_path = g_build_filename (dir, "tags.pdf", NULL);
  catalogue_init (&catalogue, rand);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(MktPrintSheet) sheet = mkt_print_sheet_new (&catalogue.data);
      cairo_surface_t *surface = cairo_pdf_surface_create (NULL, 595.276, 841.89);
      cairo_t *cr = cairo_create (surface);
      gint64 start;

      start = g_get_monotonic_time ();
      if (!mkt_print_sheet_write_pdf (sheet, MKT_PAPER_A4, sheet_path, &error))
        g_error ("%s", error->message);
      write_s = best (write_s, (g_get_monotonic_time () - start) / 1e6);
      pages = mkt_print_sheet_get_n_pages (sheet);

      start = g_get_monotonic_time ();
      if (!mkt_print_sheet_paginate (sheet, cr, 595.276, 841.89, &error))
        g_error ("%s", error->message);
      paginate_s = best (paginate_s, (g_get_monotonic_time () - start) / 1e6);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);

      start = g_get_monotonic_time ();
      baseline_pages = write_baseline (&catalogue, baseline_path);
      baseline_s = best (baseline_s, (g_get_monotonic_time () - start) / 1e6);
    }

  g_print ("market sheet: %u products on %u A4 pages, %.1f KiB, written in %.3f s "
           "(%.0f us a product; pagination alone %.3f s)\n",
           n_products, pages, file_size (sheet_path) / 1024.0, write_s, write_s * 1e6 / MAX (n_products, 1),
           paginate_s);
  g_print ("baseline (cairo toy text, fixed rows, no Pango): %u pages, %.1f KiB, in %.3f s\n",
           baseline_pages, file_size (baseline_path) / 1024.0, baseline_s);
  g_print ("sheet / baseline: %.1fx\n", write_s / baseline_s);

  for (guint i = 0; i < catalogue.data.n_rows; i++)
    {
      MktPrintTag tag = { catalogue.data.rows[i].name, catalogue.data.rows[i].sku, catalogue.data.rows[i].price };

      g_array_append_val (tags, tag);
    }
  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(MktPrintTags) printer = mkt_print_tags_new ("EUR", (const MktPrintTag *)(gpointer)tags->data,
                                                            tags->len, MKT_TAG_LAYOUT_A4_3X7, TRUE);
      gint64 start = g_get_monotonic_time ();

      if (!mkt_print_tags_write_pdf (printer, tags_path, &error))
        g_error ("%s", error->message);
      tags_s = best (tags_s, (g_get_monotonic_time () - start) / 1e6);
      tag_pages = mkt_print_tags_get_n_pages (printer);
    }
  g_print ("price tags: %u on %u A4 3x7 sheets, %.1f KiB, written in %.3f s; tags / baseline: %.1fx\n",
           tags->len, tag_pages, file_size (tags_path) / 1024.0, tags_s, tags_s / baseline_s);

  g_unlink (sheet_path);
  g_unlink (baseline_path);
  g_unlink (tags_path);
  g_rmdir (dir);
  catalogue_clear (&catalogue);

  return 0;
}
