/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-print"

#include "config.h"

#include "mkt-print-sheet-private.h"

/* Drawing a page of the market sheet, as mkt_print_sheet_paginate() cut
 * it: the header and the column titles, the page's rows with their tally
 * boxes, the totals on the last page, and the page number. */

static void
set_grey (cairo_t *cr,
          double   level)
{
  cairo_set_source_rgb (cr, level, level, level);
}

static void
show_cell (cairo_t             *cr,
           PangoLayout         *layout,
           const SheetGeometry *geometry,
           guint                column,
           const char          *text,
           double               y)
{
  if (text == NULL)
    return;

  mkt_print_sheet_set_cell (layout, geometry, column, text);
  mkt_print_show (cr, layout, geometry->col_x[column] + PAD_X, y + PAD_Y);
}

static void
draw_boxes (cairo_t             *cr,
            const SheetGeometry *geometry,
            guint                n_boxes,
            guint                n_ticked,
            double               y)
{
  double left = geometry->col_x[COL_SOLD] + PAD_X;

  cairo_set_line_width (cr, 0.6);
  for (guint i = 0; i < n_boxes; i++)
    {
      guint column = i % geometry->boxes_per_line;
      double bx = left + column * (BOX + BOX_GAP) + (column / 5) * GROUP_GAP;
      double by = y + PAD_Y + (i / geometry->boxes_per_line) * (BOX + BOX_LINE_GAP);

      cairo_rectangle (cr, bx, by, BOX, BOX);
      if (i < n_ticked)
        {
          cairo_move_to (cr, bx + 1.5, by + BOX - 1.5);
          cairo_line_to (cr, bx + BOX - 1.5, by + 1.5);
        }
    }
  set_grey (cr, 0.2);
  cairo_stroke (cr);
}

static void
draw_rule (cairo_t *cr,
           double   x1,
           double   x2,
           double   y,
           double   width,
           double   grey)
{
  cairo_set_line_width (cr, width);
  set_grey (cr, grey);
  cairo_move_to (cr, x1, y);
  cairo_line_to (cr, x2, y);
  cairo_stroke (cr);
}

static void
draw_header (MktPrintSheet *self,
             cairo_t       *cr,
             SheetText     *text)
{
  const SheetGeometry *geometry = &self->geometry;
  double content = geometry->col_x[N_COLUMNS] - geometry->col_x[0];
  double y = MARGIN;
  double height;

  if (*self->business != '\0')
    {
      set_grey (cr, 0.35);
      y += mkt_print_layout_set (text->business, self->business, content);
      mkt_print_show (cr, text->business, MARGIN, MARGIN);
    }

  set_grey (cr, 0);
  height = mkt_print_layout_set (text->title, self->event_name, content);
  mkt_print_show (cr, text->title, MARGIN, y);
  y += height;

  if (*self->details != '\0')
    {
      mkt_print_layout_set (text->detail, self->details, content);
      mkt_print_show (cr, text->detail, MARGIN, y);
    }

  /* The column titles, on a grey band. */
  y = MARGIN + geometry->header_height;
  set_grey (cr, 0.9);
  cairo_rectangle (cr, geometry->col_x[0], y, content, geometry->titles_height);
  cairo_fill (cr);
  set_grey (cr, 0);
  for (guint c = 0; c < N_COLUMNS; c++)
    show_cell (cr, text->column, geometry, c, mkt_print_sheet_columns[c].title, y);
  draw_rule (cr, geometry->col_x[0], geometry->col_x[N_COLUMNS], y + geometry->titles_height, 0.8, 0);
}

static void
draw_totals (MktPrintSheet *self,
             cairo_t       *cr,
             SheetText     *text,
             double         y)
{
  const SheetGeometry *geometry = &self->geometry;
  g_autofree char *label = mkt_print_sheet_totals_label (self);
  double height;

  set_grey (cr, 0);
  if (self->n_rows == 0)
    {
      show_cell (cr, text->body, geometry, COL_NAME, EMPTY_MESSAGE, y);
      return;
    }

  draw_rule (cr, geometry->col_x[0], geometry->col_x[N_COLUMNS], y, 0.8, 0);
  set_grey (cr, 0);
  show_cell (cr, text->bold, geometry, COL_NAME, label, y);
  show_cell (cr, text->bold, geometry, COL_BROUGHT, self->total_brought, y);
  show_cell (cr, text->bold, geometry, COL_SOLD, self->total_sold, y);
  show_cell (cr, text->bold, geometry, COL_RETURNED, self->total_returned, y);

  if (self->total_value != NULL)
    {
      height = mkt_print_sheet_totals_height (self, geometry, text->bold, label);
      pango_layout_set_alignment (text->body, PANGO_ALIGN_LEFT);
      mkt_print_layout_set (text->body, self->total_value, geometry->col_x[N_COLUMNS] - geometry->col_x[0]);
      mkt_print_show (cr, text->body, geometry->col_x[0] + PAD_X, y + height + PAD_Y);
    }
}

/**
 * mkt_print_sheet_draw_page:
 * @self: a sheet, paginated
 * @cr: a context of a page of the size paginated for, its origin at the
 *   page's top left corner and its user units points
 * @page: the page, from 0
 *
 * Draws one page: the header, the column titles, its rows, the totals on
 * the last page, and "Page N of M". GtkPrintOperation::draw-page calls it.
 */
void
mkt_print_sheet_draw_page (MktPrintSheet *self,
                           cairo_t       *cr,
                           guint          page)
{
  const SheetGeometry *geometry;
  SheetText text = { NULL };
  g_autofree char *footer = NULL;
  guint first, last, n_pages;
  double y, table_top;

  g_return_if_fail (MKT_IS_PRINT_SHEET (self));
  g_return_if_fail (cr != NULL);
  n_pages = mkt_print_sheet_get_n_pages (self);
  g_return_if_fail (page < n_pages);

  geometry = &self->geometry;
  first = g_array_index (self->page_starts, guint, page);
  last = g_array_index (self->page_starts, guint, page + 1);

  cairo_save (cr);
  mkt_print_sheet_text_init (&text, cr);
  draw_header (self, cr, &text);

  table_top = MARGIN + geometry->header_height;
  y = geometry->body_top;
  for (guint i = first; i < last; i++)
    {
      const SheetRow *row = &self->rows[i];

      set_grey (cr, 0);
      show_cell (cr, text.body, geometry, COL_NAME, row->name, y);
      show_cell (cr, text.body, geometry, COL_SKU, row->sku, y);
      show_cell (cr, text.body, geometry, COL_PRICE, row->price, y);
      show_cell (cr, text.body, geometry, COL_BROUGHT, row->brought, y);
      show_cell (cr, text.body, geometry, COL_RETURNED, row->returned, y);
      draw_boxes (cr, geometry, mkt_print_sheet_row_boxes (row, geometry), row->n_ticked, y);

      y += self->row_heights[i];
      draw_rule (cr, geometry->col_x[0], geometry->col_x[N_COLUMNS], y, 0.4, 0.6);
    }

  /* Column rules down the rows of this page. */
  cairo_set_line_width (cr, 0.4);
  set_grey (cr, 0.6);
  for (guint c = 0; c <= N_COLUMNS; c++)
    {
      cairo_move_to (cr, geometry->col_x[c], table_top);
      cairo_line_to (cr, geometry->col_x[c], y);
    }
  cairo_stroke (cr);

  if (page == n_pages - 1)
    draw_totals (self, cr, &text, y);

  footer = g_strdup_printf ("Page %u of %u", page + 1, n_pages);
  set_grey (cr, 0.35);
  mkt_print_layout_set (text.footer, footer, geometry->col_x[N_COLUMNS] - geometry->col_x[0]);
  mkt_print_show (cr, text.footer, MARGIN, geometry->body_bottom + FOOTER_GAP);

  mkt_print_sheet_text_clear (&text);
  cairo_restore (cr);
}
