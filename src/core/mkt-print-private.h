/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "mkt-print-types.h"

G_BEGIN_DECLS

#define MKT_PRINT_MM(x) ((x) * 72.0 / 25.4)

/**
 * MktPrintPaginateFunc:
 * @user_data: the document
 * @cr: a context on the PDF surface, to measure text with
 * @width: the page's width in points
 * @height: the page's height in points
 * @out_n_pages: (out): how many pages the document takes
 * @error: return location for an error
 *
 * Lays a document out before its pages are drawn.
 */
typedef gboolean (*MktPrintPaginateFunc) (gpointer   user_data,
                                          cairo_t   *cr,
                                          double     width,
                                          double     height,
                                          guint     *out_n_pages,
                                          GError   **error);
typedef void     (*MktPrintDrawFunc)     (gpointer   user_data,
                                          cairo_t   *cr,
                                          guint      page);

gboolean               mkt_print_write_pdf   (const char            *path,
                                              const char            *title,
                                              double                 width,
                                              double                 height,
                                              MktPrintPaginateFunc   paginate,
                                              MktPrintDrawFunc       draw,
                                              gpointer               user_data,
                                              GError               **error);

PangoContext          *mkt_print_context_new (cairo_t               *cr);
PangoFontDescription  *mkt_print_font_new    (double                 size,
                                              PangoWeight            weight);
PangoLayout           *mkt_print_layout_new  (PangoContext          *context,
                                              double                 size,
                                              PangoWeight            weight);
double                 mkt_print_layout_set  (PangoLayout           *layout,
                                              const char            *text,
                                              double                 width);
void                   mkt_print_show        (cairo_t               *cr,
                                              PangoLayout           *layout,
                                              double                 x,
                                              double                 y);

G_END_DECLS
