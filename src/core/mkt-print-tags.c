/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-print"

#include "config.h"

#include "mkt-print-private.h"
#include "mkt-print-tags.h"

/* Price tags on label sheets: one product a label, row by row from the top
 * left, the name on top (wrapped, and ellipsized past what the label
 * holds), the price large below it, the sku small at the bottom. The
 * labels sit where the sheet's die cut puts them, so a page is drawn at
 * the paper's full size from its top left corner, margins and all. */

typedef struct
{
  double padding_x;
  double padding_y;
  double name_size;
  int    name_lines;
  double price_size;
  double sku_size;
} TagStyle;

static const TagStyle styles[] = {
  /* 70 × 42.3 mm */
  [MKT_TAG_LAYOUT_A4_3X7] = { MKT_PRINT_MM (4), MKT_PRINT_MM (3.5), 11, 3, 20, 8 },
  /* 2.625 × 1 in */
  [MKT_TAG_LAYOUT_LETTER_3X10] = { MKT_PRINT_MM (3), MKT_PRINT_MM (1.8), 9, 2, 14, 7 },
};

/* The price shrinks rather than wrap or be cut, down to this. */
#define MIN_PRICE_SIZE 6.0

typedef struct
{
  char *name;
  char *sku;
  char *price;
} Tag;

struct _MktPrintTags
{
  GObject       parent_instance;

  MktTagLayout  layout;
  gboolean      with_sku;
  Tag          *tags;
  guint         n_tags;
};

G_DEFINE_FINAL_TYPE (MktPrintTags, mkt_print_tags, G_TYPE_OBJECT)

static void
mkt_print_tags_finalize (GObject *object)
{
  MktPrintTags *self = (MktPrintTags *)object;

  for (guint i = 0; i < self->n_tags; i++)
    {
      g_free (self->tags[i].name);
      g_free (self->tags[i].sku);
      g_free (self->tags[i].price);
    }
  g_clear_pointer (&self->tags, g_free);

  G_OBJECT_CLASS (mkt_print_tags_parent_class)->finalize (object);
}

static void
mkt_print_tags_class_init (MktPrintTagsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mkt_print_tags_finalize;
}

static void
mkt_print_tags_init (MktPrintTags *self)
{
}

/**
 * mkt_print_tags_new:
 * @currency: the ISO 4217 code of the prices
 * @tags: (array length=n_tags): the tags, in the order printed
 * @n_tags: how many
 * @layout: the label sheet
 * @with_sku: whether tags show the sku
 *
 * Returns: (transfer full): the tags, to draw page by page or to write as
 *   a PDF
 */
MktPrintTags *
mkt_print_tags_new (const char        *currency,
                    const MktPrintTag *tags,
                    guint              n_tags,
                    MktTagLayout       layout,
                    gboolean           with_sku)
{
  MktPrintTags *self;

  g_return_val_if_fail (currency != NULL && mkt_currency_is_valid (currency), NULL);
  g_return_val_if_fail (n_tags == 0 || tags != NULL, NULL);
  g_return_val_if_fail (layout < G_N_ELEMENTS (styles), NULL);

  self = g_object_new (MKT_TYPE_PRINT_TAGS, NULL);
  self->layout = layout;
  self->with_sku = with_sku;
  self->n_tags = n_tags;
  self->tags = g_new0 (Tag, n_tags);
  for (guint i = 0; i < n_tags; i++)
    {
      self->tags[i].name = g_strdup (tags[i].name != NULL ? tags[i].name : "");
      self->tags[i].sku = with_sku && tags[i].sku != NULL && *tags[i].sku != '\0' ? g_strdup (tags[i].sku) : NULL;
      self->tags[i].price = mkt_print_format_money (tags[i].price, currency);
    }

  return self;
}

guint
mkt_print_tags_get_n_tags (MktPrintTags *self)
{
  g_return_val_if_fail (MKT_IS_PRINT_TAGS (self), 0);

  return self->n_tags;
}

MktTagLayout
mkt_print_tags_get_layout (MktPrintTags *self)
{
  g_return_val_if_fail (MKT_IS_PRINT_TAGS (self), MKT_TAG_LAYOUT_A4_3X7);

  return self->layout;
}

static guint
per_page (MktPrintTags *self)
{
  return mkt_tag_layout_get_columns (self->layout) * mkt_tag_layout_get_rows (self->layout);
}

/**
 * mkt_print_tags_get_n_pages:
 * @self: tags
 *
 * Returns: how many label sheets they take (0 without tags)
 */
guint
mkt_print_tags_get_n_pages (MktPrintTags *self)
{
  g_return_val_if_fail (MKT_IS_PRINT_TAGS (self), 0);

  return (self->n_tags + per_page (self) - 1) / per_page (self);
}

/* Drawing ------------------------------------------------------------------- */

typedef struct
{
  PangoContext *context;
  PangoLayout  *name;
  PangoLayout  *price;
  PangoLayout  *sku;
} TagText;

static void
set_price (PangoLayout *layout,
           const char  *price,
           double       size,
           double       width)
{
  PangoFontDescription *font = mkt_print_font_new (size, PANGO_WEIGHT_BOLD);
  int text_width;

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  mkt_print_layout_set (layout, price, 0);
  pango_layout_get_size (layout, &text_width, NULL);

  if ((double)text_width / PANGO_SCALE > width && size > MIN_PRICE_SIZE)
    set_price (layout, price, MAX (size * 0.85, MIN_PRICE_SIZE), width);
}

static void
draw_tag (MktPrintTags   *self,
          cairo_t        *cr,
          TagText        *text,
          const Tag      *tag,
          const TagStyle *style,
          guint           index)
{
  double x, y, width, height, inner, top, bottom, room;
  double name_height, sku_height = 0;
  int price_width, price_height;

  mkt_tag_layout_get_label (self->layout, index, &x, &y, &width, &height);
  inner = width - 2 * style->padding_x;
  bottom = y + height - style->padding_y;

  cairo_set_source_rgb (cr, 0, 0, 0);
  name_height = mkt_print_layout_set (text->name, tag->name, inner);
  mkt_print_show (cr, text->name, x + style->padding_x, y + style->padding_y);

  if (tag->sku != NULL)
    {
      sku_height = mkt_print_layout_set (text->sku, tag->sku, inner);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      mkt_print_show (cr, text->sku, x + style->padding_x, bottom - sku_height);
      cairo_set_source_rgb (cr, 0, 0, 0);
    }

  /* The price in the middle of what the name and the sku leave. */
  set_price (text->price, tag->price, style->price_size, inner);
  pango_layout_get_size (text->price, &price_width, &price_height);
  top = y + style->padding_y + name_height;
  room = bottom - sku_height - top;
  mkt_print_show (cr, text->price, x + (width - (double)price_width / PANGO_SCALE) / 2,
                  top + MAX (room - (double)price_height / PANGO_SCALE, 0) / 2);
}

/**
 * mkt_print_tags_draw_page:
 * @self: tags
 * @cr: a context of a page of the layout's paper, its origin at the
 *   paper's top left corner (a print operation's full page) and its user
 *   units points
 * @page: the label sheet, from 0
 *
 * Draws the tags of one label sheet.
 */
void
mkt_print_tags_draw_page (MktPrintTags *self,
                          cairo_t      *cr,
                          guint         page)
{
  const TagStyle *style;
  TagText text;
  guint first, last;

  g_return_if_fail (MKT_IS_PRINT_TAGS (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < mkt_print_tags_get_n_pages (self));

  style = &styles[self->layout];
  first = page * per_page (self);
  last = MIN (first + per_page (self), self->n_tags);

  cairo_save (cr);
  text.context = mkt_print_context_new (cr);
  text.name = mkt_print_layout_new (text.context, style->name_size, PANGO_WEIGHT_BOLD);
  pango_layout_set_alignment (text.name, PANGO_ALIGN_CENTER);
  pango_layout_set_ellipsize (text.name, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (text.name, -style->name_lines);
  text.price = mkt_print_layout_new (text.context, style->price_size, PANGO_WEIGHT_BOLD);
  text.sku = mkt_print_layout_new (text.context, style->sku_size, PANGO_WEIGHT_NORMAL);
  pango_layout_set_alignment (text.sku, PANGO_ALIGN_CENTER);
  pango_layout_set_ellipsize (text.sku, PANGO_ELLIPSIZE_MIDDLE);
  pango_layout_set_height (text.sku, -1);

  for (guint i = first; i < last; i++)
    draw_tag (self, cr, &text, &self->tags[i], style, i - first);

  g_object_unref (text.name);
  g_object_unref (text.price);
  g_object_unref (text.sku);
  g_object_unref (text.context);
  cairo_restore (cr);
}

/* PDF ----------------------------------------------------------------------- */

static gboolean
paginate_cb (gpointer   user_data,
             cairo_t   *cr,
             double     width,
             double     height,
             guint     *out_n_pages,
             GError   **error)
{
  *out_n_pages = mkt_print_tags_get_n_pages (user_data);
  return TRUE;
}

static void
draw_cb (gpointer  user_data,
         cairo_t  *cr,
         guint     page)
{
  mkt_print_tags_draw_page (user_data, cr, page);
}

/**
 * mkt_print_tags_write_pdf:
 * @self: tags
 * @path: the PDF file to write (replaced once complete)
 * @error: return location for %MKT_PRINT_ERROR_EMPTY without tags, or a
 *   %G_IO_ERROR naming @path
 *
 * Writes the label sheets as a PDF of the layout's paper, to print at
 * actual size.
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_print_tags_write_pdf (MktPrintTags  *self,
                          const char    *path,
                          GError       **error)
{
  double width, height;

  g_return_val_if_fail (MKT_IS_PRINT_TAGS (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->n_tags == 0)
    {
      g_set_error_literal (error, MKT_PRINT_ERROR, MKT_PRINT_ERROR_EMPTY,
                           "No price tags to print: no product with a price");
      return FALSE;
    }

  mkt_paper_get_size (mkt_tag_layout_get_paper (self->layout), &width, &height);
  return mkt_print_write_pdf (path, "Price tags", width, height, paginate_cb, draw_cb, self, error);
}
