/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-print-private.h"
#include "mkt-print-sheet.h"

G_BEGIN_DECLS

/* What the sheet's pagination (mkt-print-sheet.c) and its drawing
 * (mkt-print-sheet-draw.c) share. Sizes are in points. */

#define MARGIN        MKT_PRINT_MM (12)
#define PAD_X         4.0
#define PAD_Y         3.5
#define HEADER_GAP    10.0
#define FOOTER_GAP    8.0
#define BODY_SIZE     9.0
#define TITLE_SIZE    16.0
#define DETAIL_SIZE   10.0
#define COLUMN_SIZE   8.0
#define FOOTER_SIZE   8.0

#define EMPTY_MESSAGE "No products on this sheet yet: add some to the market event."

/* Tally boxes: grouped by five, as tally marks are; at most three lines
 * of them, past which a seller writes a number. */
#define BOX           8.0
#define BOX_GAP       2.5
#define GROUP_GAP     5.0
#define BOX_LINE_GAP  3.0
#define MAX_BOX_LINES 3

enum
{
  COL_NAME,
  COL_SKU,
  COL_PRICE,
  COL_BROUGHT,
  COL_SOLD,
  COL_RETURNED,
  N_COLUMNS
};

typedef struct
{
  const char *title;
  double      share;       /* of the width between the margins */
  gboolean    numeric;     /* right-aligned */
} SheetColumn;

extern const SheetColumn mkt_print_sheet_columns[N_COLUMNS];

typedef struct
{
  char        *name;
  char        *sku;
  char        *price;
  char        *brought;     /* NULL: left blank to fill in */
  char        *returned;
  guint        n_boxes;
  guint        n_ticked;
} SheetRow;

/* Where things go on a page of the size last paginated. */
typedef struct
{
  double width;
  double height;
  double col_x[N_COLUMNS + 1];
  double header_height;
  double titles_height;
  double footer_height;
  double totals_height;
  double body_top;
  double body_bottom;
  guint  boxes_per_line;
} SheetGeometry;

struct _MktPrintSheet
{
  GObject        parent_instance;

  char          *title;
  char          *business;
  char          *event_name;
  char          *details;
  SheetRow      *rows;
  guint          n_rows;
  char          *total_brought;
  char          *total_sold;
  char          *total_returned;
  char          *total_value;

  SheetGeometry  geometry;
  double        *row_heights;
  GArray        *page_starts;     /* guint: page p holds the rows from [p] to before [p + 1] */
};

/* The layouts one pass uses, made once on its context. */
typedef struct
{
  PangoContext *context;
  PangoLayout  *body;
  PangoLayout  *bold;
  PangoLayout  *business;
  PangoLayout  *title;
  PangoLayout  *detail;
  PangoLayout  *column;
  PangoLayout  *footer;
} SheetText;

void     mkt_print_sheet_text_init      (SheetText            *text,
                                         cairo_t              *cr);
void     mkt_print_sheet_text_clear     (SheetText            *text);
double   mkt_print_sheet_set_cell       (PangoLayout          *layout,
                                         const SheetGeometry  *geometry,
                                         guint                 column,
                                         const char           *text);
guint    mkt_print_sheet_row_boxes      (const SheetRow       *row,
                                         const SheetGeometry  *geometry);
char    *mkt_print_sheet_totals_label   (MktPrintSheet        *self);
double   mkt_print_sheet_totals_height  (MktPrintSheet        *self,
                                         const SheetGeometry  *geometry,
                                         PangoLayout          *layout,
                                         const char           *label);

G_END_DECLS
