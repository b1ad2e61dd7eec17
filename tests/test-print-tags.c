/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-print-tags, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-print-tags, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-print"

#include "config.h"

#include <string.h>

#include "mkt-core.h"
#include "mkt-test-utils.h"
#include "test-print-utils.h"

/* Price tags on label sheets, read back with poppler: how many a page
 * holds, the prices as the currency writes them, and every word inside
 * its label. */

typedef struct
{
  GPtrArray *strings;
  GArray    *tags;
} TagData;

static void
tag_data_init (TagData *data,
               guint    n,
               MktMoney base_price)
{
  data->strings = g_ptr_array_new_with_free_func (g_free);
  data->tags = g_array_new (FALSE, TRUE, sizeof (MktPrintTag));

  for (guint i = 0; i < n; i++)
    {
      MktPrintTag tag;
      char *name = g_strdup_printf ("Tag-%03u-kw knitted hat", i);
      char *sku = g_strdup_printf ("SKU-%03u", i);

      g_ptr_array_add (data->strings, name);
      g_ptr_array_add (data->strings, sku);
      tag.name = name;
      tag.sku = sku;
      tag.price = base_price + i;
      g_array_append_val (data->tags, tag);
    }
}

static void
tag_data_clear (TagData *data)
{
  g_clear_pointer (&data->tags, g_array_unref);
  g_clear_pointer (&data->strings, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TagData, tag_data_clear)

static char *
write_tags (const char   *dir,
            const char   *currency,
            TagData      *data,
            MktTagLayout  layout,
            gboolean      with_sku)
{
  g_autoptr(MktPrintTags) tags = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "tags.pdf", NULL);

  tags = mkt_print_tags_new (currency, (const MktPrintTag *)(gpointer)data->tags->data, data->tags->len,
                             layout, with_sku);
  g_assert_cmpuint (mkt_print_tags_get_n_tags (tags), ==, data->tags->len);
  g_assert_cmpint (mkt_print_tags_get_layout (tags), ==, layout);
  g_assert_true (mkt_print_tags_write_pdf (tags, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mkt_test_pdf_n_pages (path), ==, mkt_print_tags_get_n_pages (tags));

  return path;
}

static void
test_per_page (void)
{
  static const struct
  {
    MktTagLayout  layout;
    const char   *currency;
    guint         n_tags;
    guint         per_page[3];
    double        width;
    double        height;
    const char   *first_price;
  } cases[] = {
    { MKT_TAG_LAYOUT_A4_3X7, "EUR", 50, { 21, 21, 8 }, 595.276, 841.89, "€12.50" },
    { MKT_TAG_LAYOUT_LETTER_3X10, "USD", 65, { 30, 30, 5 }, 612, 792, "$12.50" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *dir = mkt_test_make_dir ();
      g_auto(TagData) data = { NULL };
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_auto(GStrv) pages = NULL;
      const char *symbol = mkt_print_currency_symbol (cases[c].currency);
      double width, height;

      tag_data_init (&data, cases[c].n_tags, 1250);
      path = write_tags (dir, cases[c].currency, &data, cases[c].layout, FALSE);

      mkt_test_pdf_page_size (path, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, cases[c].width, 0.01);
      g_assert_cmpfloat_with_epsilon (height, cases[c].height, 0.01);

      pages = mkt_test_pdf_page_texts (path);
      g_assert_cmpuint (g_strv_length (pages), ==, 3);
      for (guint p = 0; p < 3; p++)
        {
          g_assert_cmpuint (mkt_test_count_occurrences (pages[p], symbol), ==, cases[c].per_page[p]);
          g_assert_cmpuint (mkt_test_count_occurrences (pages[p], "-kw"), ==, cases[c].per_page[p]);
        }

      /* Each tag once, its price in the currency's format. */
      text = mkt_test_pdf_text (path);
      g_assert_nonnull (strstr (text, cases[c].first_price));
      for (guint i = 0; i < cases[c].n_tags; i++)
        {
          g_autofree char *name = g_strdup_printf ("Tag-%03u-kw", i);
          g_autofree char *price = mkt_print_format_money (1250 + i, cases[c].currency);

          g_assert_cmpuint (mkt_test_count_occurrences (text, name), ==, 1);
          g_assert_cmpuint (mkt_test_count_occurrences (text, price), ==, 1);
        }
      g_assert_null (strstr (text, "SKU-"));

      mkt_test_remove_dir (dir);
    }
}

/* Whatever the name and the price, every word stays inside a label: long
 * names are wrapped and cut short with an ellipsis, wide prices shrink. */
static void
test_fit (void)
{
  static const MktTagLayout layouts[] = { MKT_TAG_LAYOUT_A4_3X7, MKT_TAG_LAYOUT_LETTER_3X10 };

  for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
    {
      g_autofree char *dir = mkt_test_make_dir ();
      g_auto(TagData) data = { NULL };
      g_autofree char *path = NULL;
      g_autoptr(GPtrArray) words = NULL;
      g_autoptr(GArray) pages = NULL;
      MktPrintTag *tags;
      guint n_labels = mkt_tag_layout_get_columns (layouts[l]) * mkt_tag_layout_get_rows (layouts[l]);

      tag_data_init (&data, 12, 123456789);
      tags = (MktPrintTag *)(gpointer)data.tags->data;
      tags[1].name = "Extraordinarily long hand-knitted merino and silk blend lace shawl with a crocheted "
                     "picot edging, wooden buttons and a matching hat in autumn colours";
      tags[2].name = "Supercalifragilisticexpialidociouslyhandcraftedceramicmugwithglazeofdeepoceanblue";
      tags[3].sku = "SKU-WITH-A-VERY-LONG-CODE-THAT-DOES-NOT-FIT-ON-ONE-LABEL-0123456789";
      path = write_tags (dir, "CHF", &data, layouts[l], TRUE);

      words = mkt_test_pdf_words (path, &pages);
      g_assert_cmpuint (words->len, >, 0);
      for (guint i = 0; i < words->len; i++)
        {
          MktPdfWord *word = g_ptr_array_index (words, i);
          gboolean inside = FALSE;

          for (guint a = 0; a < n_labels && !inside; a++)
            {
              double x, y, width, height;

              mkt_tag_layout_get_label (layouts[l], a, &x, &y, &width, &height);
              inside = word->x0 >= x - 0.5 && word->x1 <= x + width + 0.5 &&
                       word->y0 >= y - 0.5 && word->y1 <= y + height + 0.5;
            }
          if (!inside)
            g_error ("“%s” at %.1f,%.1f–%.1f,%.1f is on no label of %s", word->text, word->x0, word->y0,
                     word->x1, word->y1, mkt_tag_layout_to_string (layouts[l]));
        }

      mkt_test_remove_dir (dir);
    }
}

static void
test_sku (void)
{
  g_autofree char *dir = mkt_test_make_dir ();
  g_auto(TagData) data = { NULL };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  tag_data_init (&data, 5, 4500);
  ((MktPrintTag *)(gpointer)data.tags->data)[2].sku = NULL;
  path = write_tags (dir, "GBP", &data, MKT_TAG_LAYOUT_A4_3X7, TRUE);

  text = mkt_test_pdf_text (path);
  g_assert_cmpuint (mkt_test_count_occurrences (text, "SKU-"), ==, 4);
  g_assert_nonnull (strstr (text, "Tag-000-kw knitted hat\nSKU-000\n£45.00\n"));
  g_assert_nonnull (strstr (text, "Tag-002-kw knitted hat\n£45.02\n"));

  mkt_test_remove_dir (dir);
}

static void
test_empty (void)
{
  g_autofree char *dir = mkt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "tags.pdf", NULL);
  g_autoptr(MktPrintTags) tags = mkt_print_tags_new ("EUR", NULL, 0, MKT_TAG_LAYOUT_A4_3X7, FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (mkt_print_tags_get_n_pages (tags), ==, 0);
  g_assert_false (mkt_print_tags_write_pdf (tags, path, &error));
  g_assert_error (error, MKT_PRINT_ERROR, MKT_PRINT_ERROR_EMPTY);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  mkt_test_remove_dir (dir);
}

/* A print operation draws a label sheet on its own context. */
static void
test_cairo (void)
{
  g_auto(TagData) data = { NULL };
  g_autoptr(MktPrintTags) tags = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 612, 792);
  cairo_t *cr = cairo_create (surface);
  const guchar *pixels;
  guint inked = 0;

  tag_data_init (&data, 31, 999);
  tags = mkt_print_tags_new ("USD", (const MktPrintTag *)(gpointer)data.tags->data, data.tags->len,
                             MKT_TAG_LAYOUT_LETTER_3X10, FALSE);
  g_assert_cmpuint (mkt_print_tags_get_n_pages (tags), ==, 2);

  mkt_print_tags_draw_page (tags, cr, 1);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  /* The second sheet holds one tag: ink only in the first label. */
  pixels = cairo_image_surface_get_data (surface);
  for (int y = 0; y < 792; y++)
    for (int x = 0; x < 612; x++)
      if (pixels[y * cairo_image_surface_get_stride (surface) + x * 4 + 3] > 0)
        {
          double lx, ly, lw, lh;

          mkt_tag_layout_get_label (MKT_TAG_LAYOUT_LETTER_3X10, 0, &lx, &ly, &lw, &lh);
          g_assert_cmpint (x, >=, (int)lx);
          g_assert_cmpint (x, <=, (int)(lx + lw));
          g_assert_cmpint (y, >=, (int)ly);
          g_assert_cmpint (y, <=, (int)(ly + lh));
          inked++;
        }
  g_assert_cmpuint (inked, >, 100);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  g_test_add_func ("/print/tags/per-page", test_per_page);
  g_test_add_func ("/print/tags/fit", test_fit);
  g_test_add_func ("/print/tags/sku", test_sku);
  g_test_add_func ("/print/tags/empty", test_empty);
  g_test_add_func ("/print/tags/cairo", test_cairo);

  return g_test_run ();
}
