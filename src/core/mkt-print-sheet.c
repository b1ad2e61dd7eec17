/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-print"

#include "config.h"

#include "mkt-print-sheet-private.h"

/* The market sheet: what goes to the stall, one row per product with tally
 * boxes to tick as items sell. Laid out in two passes, as GtkPrintOperation
 * wants it: mkt_print_sheet_paginate() measures every row on the target's
 * own context and cuts pages; mkt_print_sheet_draw_page() draws one. The
 * header and the column titles repeat on every page, the totals end the
 * last, and no row is ever split or cut: a row that no page could hold is
 * an error, not a clipped line. */

const SheetColumn mkt_print_sheet_columns[N_COLUMNS] = {
  [COL_NAME] = { "Product", 0.31, FALSE },
  [COL_SKU] = { "SKU", 0.15, FALSE },
  [COL_PRICE] = { "Price", 0.11, TRUE },
  [COL_BROUGHT] = { "Brought", 0.09, TRUE },
  [COL_SOLD] = { "Sold (tick one per item)", 0.24, FALSE },
  [COL_RETURNED] = { "Returned", 0.10, TRUE },
};

G_DEFINE_FINAL_TYPE (MktPrintSheet, mkt_print_sheet, G_TYPE_OBJECT)

static void
mkt_print_sheet_finalize (GObject *object)
{
  MktPrintSheet *self = (MktPrintSheet *)object;

  for (guint i = 0; i < self->n_rows; i++)
    {
      g_free (self->rows[i].name);
      g_free (self->rows[i].sku);
      g_free (self->rows[i].price);
      g_free (self->rows[i].brought);
      g_free (self->rows[i].returned);
    }
  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->row_heights, g_free);
  g_clear_pointer (&self->page_starts, g_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->business, g_free);
  g_clear_pointer (&self->event_name, g_free);
  g_clear_pointer (&self->details, g_free);
  g_clear_pointer (&self->total_brought, g_free);
  g_clear_pointer (&self->total_sold, g_free);
  g_clear_pointer (&self->total_returned, g_free);
  g_clear_pointer (&self->total_value, g_free);

  G_OBJECT_CLASS (mkt_print_sheet_parent_class)->finalize (object);
}

static void
mkt_print_sheet_class_init (MktPrintSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mkt_print_sheet_finalize;
}

static void
mkt_print_sheet_init (MktPrintSheet *self)
{
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* A count as written on the sheet; 0 is left blank to fill in by hand. */
static char *
format_count (MktQuantity quantity)
{
  return quantity != 0 ? mkt_quantity_format (quantity) : NULL;
}

/* Whole boxes for @quantity items, a fraction counting as one. */
static guint
count_boxes (MktQuantity quantity)
{
  if (quantity <= 0)
    return 0;

  return (guint)MIN ((quantity + MKT_QUANTITY_SCALE - 1) / MKT_QUANTITY_SCALE, G_MAXUINT / 2);
}

/**
 * mkt_print_sheet_new:
 * @data: what the sheet shows; copied
 *
 * A market sheet for printing. Brought and returned counts of 0 are left
 * blank for the seller to fill in; a row gets a tally box per item brought
 * (up to three lines of them), or one line of boxes when nothing is
 * counted yet. Without rows the sheet is one page that says so.
 *
 * Returns: (transfer full): the sheet, to paginate and draw or to write as
 *   a PDF
 */
MktPrintSheet *
mkt_print_sheet_new (const MktPrintSheetData *data)
{
  MktPrintSheet *self;
  MktQuantity brought = 0, sold = 0, returned = 0;
  MktMoney value = 0;
  gboolean value_known = TRUE;
  g_autofree char *dates = NULL;
  GString *details;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (data->currency != NULL && mkt_currency_is_valid (data->currency), NULL);
  g_return_val_if_fail (data->n_rows == 0 || data->rows != NULL, NULL);

  self = g_object_new (MKT_TYPE_PRINT_SHEET, NULL);
  self->business = g_strdup (data->business != NULL ? data->business : "");
  self->event_name = g_strdup (data->event_name != NULL ? data->event_name : "Market");
  self->title = g_strdup_printf ("Market sheet: %s", self->event_name);

  dates = mkt_print_format_dates (data->starts_on, data->ends_on);
  details = g_string_new (dates);
  if (data->venue != NULL && *data->venue != '\0')
    g_string_append_printf (details, "%s%s", details->len > 0 ? " · " : "", data->venue);
  self->details = g_string_free (details, FALSE);

  self->n_rows = data->n_rows;
  self->rows = g_new0 (SheetRow, data->n_rows);
  for (guint i = 0; i < data->n_rows; i++)
    {
      const MktPrintSheetRow *in = &data->rows[i];
      SheetRow *row = &self->rows[i];
      MktMoney row_value;

      row->name = g_strdup (in->name != NULL ? in->name : "");
      row->sku = g_strdup (in->sku);
      row->price = in->has_price ? mkt_print_format_money (in->price, data->currency) : NULL;
      row->brought = format_count (in->brought);
      row->returned = format_count (in->returned);
      row->n_boxes = count_boxes (in->brought);
      row->n_ticked = count_boxes (in->sold);

      /* Totals that overflow are shown blank rather than wrong. */
      if (!mkt_quantity_add (brought, in->brought, &brought, NULL) ||
          !mkt_quantity_add (sold, in->sold, &sold, NULL) ||
          !mkt_quantity_add (returned, in->returned, &returned, NULL))
        value_known = FALSE;
      if (in->has_price && in->brought != 0 &&
          (!mkt_money_scale (in->price, in->brought, MKT_QUANTITY_SCALE, &row_value, NULL) ||
           !mkt_money_add (value, row_value, &value, NULL)))
        value_known = FALSE;
    }

  if (value_known)
    {
      g_autofree char *amount = mkt_print_format_money (value, data->currency);

      self->total_brought = format_count (brought);
      self->total_sold = format_count (sold);
      self->total_returned = format_count (returned);
      if (value != 0)
        self->total_value = g_strdup_printf ("Value of the items brought, at these prices: %s", amount);
    }

  return self;
}

/**
 * mkt_print_sheet_get_n_rows:
 * @self: a sheet
 *
 * Returns: how many products it lists
 */
guint
mkt_print_sheet_get_n_rows (MktPrintSheet *self)
{
  g_return_val_if_fail (MKT_IS_PRINT_SHEET (self), 0);

  return self->n_rows;
}

/**
 * mkt_print_sheet_get_title:
 * @self: a sheet
 *
 * Returns: (transfer none): "Market sheet: EVENT", for a print job's name
 */
const char *
mkt_print_sheet_get_title (MktPrintSheet *self)
{
  g_return_val_if_fail (MKT_IS_PRINT_SHEET (self), NULL);

  return self->title;
}

/* Layouts ------------------------------------------------------------------- */

void
mkt_print_sheet_text_init (SheetText *text,
                 cairo_t   *cr)
{
  text->context = mkt_print_context_new (cr);
  text->body = mkt_print_layout_new (text->context, BODY_SIZE, PANGO_WEIGHT_NORMAL);
  text->bold = mkt_print_layout_new (text->context, BODY_SIZE, PANGO_WEIGHT_BOLD);
  text->business = mkt_print_layout_new (text->context, DETAIL_SIZE, PANGO_WEIGHT_NORMAL);
  text->title = mkt_print_layout_new (text->context, TITLE_SIZE, PANGO_WEIGHT_BOLD);
  text->detail = mkt_print_layout_new (text->context, DETAIL_SIZE, PANGO_WEIGHT_NORMAL);
  text->column = mkt_print_layout_new (text->context, COLUMN_SIZE, PANGO_WEIGHT_BOLD);
  text->footer = mkt_print_layout_new (text->context, FOOTER_SIZE, PANGO_WEIGHT_NORMAL);
  pango_layout_set_alignment (text->footer, PANGO_ALIGN_CENTER);
}

void
mkt_print_sheet_text_clear (SheetText *text)
{
  g_clear_object (&text->body);
  g_clear_object (&text->bold);
  g_clear_object (&text->business);
  g_clear_object (&text->title);
  g_clear_object (&text->detail);
  g_clear_object (&text->column);
  g_clear_object (&text->footer);
  g_clear_object (&text->context);
}

static double
column_inner_width (const SheetGeometry *geometry,
                    guint                column)
{
  return geometry->col_x[column + 1] - geometry->col_x[column] - 2 * PAD_X;
}

/* Sets a cell's text in its column, aligned as the column is; returns its
 * height. */
double
mkt_print_sheet_set_cell (PangoLayout         *layout,
          const SheetGeometry *geometry,
          guint                column,
          const char          *text)
{
  pango_layout_set_alignment (layout, mkt_print_sheet_columns[column].numeric ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  return mkt_print_layout_set (layout, text, column_inner_width (geometry, column));
}

static guint
boxes_per_line (double width)
{
  double x = 0;
  guint n = 0;

  while (x + BOX <= width)
    {
      n++;
      x += BOX + BOX_GAP + (n % 5 == 0 ? GROUP_GAP : 0);
    }

  return n;
}

guint
mkt_print_sheet_row_boxes (const SheetRow      *row,
           const SheetGeometry *geometry)
{
  guint most = geometry->boxes_per_line * MAX_BOX_LINES;

  if (row->n_boxes == 0)
    return geometry->boxes_per_line;

  return MAX (MIN (row->n_boxes, most), 1);
}

static double
boxes_height (guint n_boxes,
              guint per_line)
{
  guint lines = (n_boxes + per_line - 1) / per_line;

  return lines * BOX + (lines - 1) * BOX_LINE_GAP;
}

static double
measure_row (const SheetRow      *row,
             const SheetGeometry *geometry,
             SheetText           *text)
{
  double height = boxes_height (mkt_print_sheet_row_boxes (row, geometry), geometry->boxes_per_line);

  height = MAX (height, mkt_print_sheet_set_cell (text->body, geometry, COL_NAME, row->name));
  if (row->sku != NULL)
    height = MAX (height, mkt_print_sheet_set_cell (text->body, geometry, COL_SKU, row->sku));
  if (row->price != NULL)
    height = MAX (height, mkt_print_sheet_set_cell (text->body, geometry, COL_PRICE, row->price));
  if (row->brought != NULL)
    height = MAX (height, mkt_print_sheet_set_cell (text->body, geometry, COL_BROUGHT, row->brought));
  if (row->returned != NULL)
    height = MAX (height, mkt_print_sheet_set_cell (text->body, geometry, COL_RETURNED, row->returned));

  return height + 2 * PAD_Y;
}

char *
mkt_print_sheet_totals_label (MktPrintSheet *self)
{
  return g_strdup_printf (self->n_rows == 1 ? "Total (%u product)" : "Total (%u products)", self->n_rows);
}

/* The height of the totals' band, with @layout holding the totals' font. */
double
mkt_print_sheet_totals_height (MktPrintSheet       *self,
                    const SheetGeometry *geometry,
                    PangoLayout         *layout,
                    const char          *label)
{
  double height = mkt_print_sheet_set_cell (layout, geometry, COL_NAME, label);

  if (self->total_brought != NULL)
    height = MAX (height, mkt_print_sheet_set_cell (layout, geometry, COL_BROUGHT, self->total_brought));
  if (self->total_sold != NULL)
    height = MAX (height, mkt_print_sheet_set_cell (layout, geometry, COL_SOLD, self->total_sold));
  if (self->total_returned != NULL)
    height = MAX (height, mkt_print_sheet_set_cell (layout, geometry, COL_RETURNED, self->total_returned));

  return height + 2 * PAD_Y;
}

static double
measure_totals (MktPrintSheet       *self,
                const SheetGeometry *geometry,
                SheetText           *text)
{
  g_autofree char *label = mkt_print_sheet_totals_label (self);
  double height;

  if (self->n_rows == 0)
    return 2 * PAD_Y + mkt_print_sheet_set_cell (text->body, geometry, COL_NAME, EMPTY_MESSAGE);

  height = mkt_print_sheet_totals_height (self, geometry, text->bold, label);
  if (self->total_value != NULL)
    height += PAD_Y + mkt_print_layout_set (text->body, self->total_value,
                                            geometry->col_x[N_COLUMNS] - geometry->col_x[0]);

  return height;
}

/* The header, the column titles and the footer, on a page of this size. */
static gboolean
measure_page (MktPrintSheet  *self,
              SheetText      *text,
              double          width,
              double          height,
              GError        **error)
{
  SheetGeometry *geometry = &self->geometry;
  double content = width - 2 * MARGIN;
  double x = MARGIN;
  g_autofree char *footer = g_strdup_printf ("Page %u of %u", 999u, 999u);

  geometry->width = width;
  geometry->height = height;
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      geometry->col_x[c] = x;
      x += content * mkt_print_sheet_columns[c].share;
    }
  geometry->col_x[N_COLUMNS] = width - MARGIN;

  geometry->boxes_per_line = boxes_per_line (column_inner_width (geometry, COL_SOLD));
  if (content <= 0 || geometry->boxes_per_line == 0)
    {
      g_set_error (error, MKT_PRINT_ERROR, MKT_PRINT_ERROR_PAGE_TOO_SMALL,
                   "A page of %.0f × %.0f pt is too small for a market sheet", width, height);
      return FALSE;
    }

  geometry->header_height = HEADER_GAP;
  if (*self->business != '\0')
    geometry->header_height += mkt_print_layout_set (text->business, self->business, content);
  geometry->header_height += mkt_print_layout_set (text->title, self->event_name, content);
  if (*self->details != '\0')
    geometry->header_height += mkt_print_layout_set (text->detail, self->details, content);

  geometry->titles_height = 0;
  for (guint c = 0; c < N_COLUMNS; c++)
    geometry->titles_height = MAX (geometry->titles_height,
                                   mkt_print_sheet_set_cell (text->column, geometry, c, mkt_print_sheet_columns[c].title));
  geometry->titles_height += 2 * PAD_Y;

  geometry->footer_height = FOOTER_GAP + mkt_print_layout_set (text->footer, footer, content);
  geometry->totals_height = measure_totals (self, geometry, text);

  geometry->body_top = MARGIN + geometry->header_height + geometry->titles_height;
  geometry->body_bottom = height - MARGIN - geometry->footer_height;

  return TRUE;
}

/**
 * mkt_print_sheet_paginate:
 * @self: a sheet
 * @cr: a context of the surface the sheet is drawn on (its user units are
 *   points), to measure text with; its state is left as it was
 * @width: the page's width in points
 * @height: the page's height in points
 * @error: return location for %MKT_PRINT_ERROR_PAGE_TOO_SMALL
 *
 * Measures every row and cuts the sheet into pages of this size. A print
 * operation calls it once it knows the page (GtkPrintOperation::paginate,
 * with the page's size and the print context's cairo context).
 *
 * Returns: %TRUE on success; mkt_print_sheet_get_n_pages() tells how many
 */
gboolean
mkt_print_sheet_paginate (MktPrintSheet  *self,
                          cairo_t        *cr,
                          double          width,
                          double          height,
                          GError        **error)
{
  SheetText text = { NULL };
  double available, used = 0, tallest = 0;
  guint start = 0;

  g_return_val_if_fail (MKT_IS_PRINT_SHEET (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_array_set_size (self->page_starts, 0);
  g_clear_pointer (&self->row_heights, g_free);
  self->row_heights = g_new (double, MAX (self->n_rows, 1));

  mkt_print_sheet_text_init (&text, cr);
  if (!measure_page (self, &text, width, height, error))
    {
      mkt_print_sheet_text_clear (&text);
      return FALSE;
    }

  for (guint i = 0; i < self->n_rows; i++)
    {
      self->row_heights[i] = measure_row (&self->rows[i], &self->geometry, &text);
      tallest = MAX (tallest, self->row_heights[i]);
    }
  mkt_print_sheet_text_clear (&text);

  available = self->geometry.body_bottom - self->geometry.body_top;
  if (tallest > available || self->geometry.totals_height > available)
    {
      g_set_error (error, MKT_PRINT_ERROR, MKT_PRINT_ERROR_PAGE_TOO_SMALL,
                   "A page of %.0f × %.0f pt cannot hold the sheet’s header and its tallest row",
                   width, height);
      return FALSE;
    }

  g_array_append_val (self->page_starts, start);
  for (guint i = 0; i < self->n_rows; i++)
    {
      if (used + self->row_heights[i] > available && i > start)
        {
          start = i;
          g_array_append_val (self->page_starts, start);
          used = 0;
        }
      used += self->row_heights[i];
    }

  /* The totals stay with the last rows, or take a page of their own. */
  if (self->n_rows > 0 && used + self->geometry.totals_height > available)
    g_array_append_val (self->page_starts, self->n_rows);
  g_array_append_val (self->page_starts, self->n_rows);

  return TRUE;
}

/**
 * mkt_print_sheet_get_n_pages:
 * @self: a sheet
 *
 * Returns: how many pages the last mkt_print_sheet_paginate() made, or 0
 *   before it
 */
guint
mkt_print_sheet_get_n_pages (MktPrintSheet *self)
{
  g_return_val_if_fail (MKT_IS_PRINT_SHEET (self), 0);

  return self->page_starts->len > 0 ? self->page_starts->len - 1 : 0;
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
  MktPrintSheet *self = user_data;

  if (!mkt_print_sheet_paginate (self, cr, width, height, error))
    return FALSE;

  *out_n_pages = mkt_print_sheet_get_n_pages (self);
  return TRUE;
}

static void
draw_cb (gpointer  user_data,
         cairo_t  *cr,
         guint     page)
{
  mkt_print_sheet_draw_page (user_data, cr, page);
}

/**
 * mkt_print_sheet_write_pdf:
 * @self: a sheet
 * @paper: the paper
 * @path: the PDF file to write (replaced once complete)
 * @error: return location for a %G_IO_ERROR naming @path, or a
 *   %MKT_PRINT_ERROR
 *
 * Paginates the sheet for @paper and writes every page as a PDF.
 * mkt_print_sheet_get_n_pages() then tells how many pages it has.
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_print_sheet_write_pdf (MktPrintSheet  *self,
                           MktPaper        paper,
                           const char     *path,
                           GError        **error)
{
  double width, height;

  g_return_val_if_fail (MKT_IS_PRINT_SHEET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  mkt_paper_get_size (paper, &width, &height);
  return mkt_print_write_pdf (path, self->title, width, height, paginate_cb, draw_cb, self, error);
}
