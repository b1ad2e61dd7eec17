/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mkt-money.h"

G_BEGIN_DECLS

/**
 * MktPaper:
 * @MKT_PAPER_A4: ISO A4, 210 × 297 mm
 * @MKT_PAPER_LETTER: US Letter, 8.5 × 11 in
 *
 * The paper a market sheet is printed on.
 */
typedef enum
{
  MKT_PAPER_A4,
  MKT_PAPER_LETTER,
} MktPaper;

/**
 * MktTagLayout:
 * @MKT_TAG_LAYOUT_A4_3X7: A4 label sheets of 3 × 7 labels of 70 × 42.3 mm
 * @MKT_TAG_LAYOUT_LETTER_3X10: US Letter label sheets of 3 × 10 labels of
 *   2.625 × 1 in (Avery 5160 and its equivalents)
 *
 * The label sheet price tags are printed on.
 */
typedef enum
{
  MKT_TAG_LAYOUT_A4_3X7,
  MKT_TAG_LAYOUT_LETTER_3X10,
} MktTagLayout;

/**
 * MktPrintError:
 * @MKT_PRINT_ERROR_EMPTY: there is nothing to print (no product with a price)
 * @MKT_PRINT_ERROR_NO_PRICE: a product asked for has no price to put on a tag
 * @MKT_PRINT_ERROR_PAGE_TOO_SMALL: the page cannot hold the header and a row
 * @MKT_PRINT_ERROR_FAILED: cairo could not render the document
 *
 * Errors from printing sheets and tags. A file that cannot be written is a
 * %G_IO_ERROR whose message names the file; an unknown event or product is
 * the store's %MKT_STORE_ERROR_NOT_FOUND.
 */
typedef enum
{
  MKT_PRINT_ERROR_EMPTY,
  MKT_PRINT_ERROR_NO_PRICE,
  MKT_PRINT_ERROR_PAGE_TOO_SMALL,
  MKT_PRINT_ERROR_FAILED,
} MktPrintError;

#define MKT_PRINT_ERROR (mkt_print_error_quark ())

GQuark        mkt_print_error_quark        (void);

gboolean      mkt_paper_from_string        (const char    *text,
                                            MktPaper      *out_paper);
const char   *mkt_paper_to_string          (MktPaper       paper);
void          mkt_paper_get_size           (MktPaper       paper,
                                            double        *out_width,
                                            double        *out_height);
MktPaper      mkt_paper_get_default        (void);

gboolean      mkt_tag_layout_from_string   (const char    *text,
                                            MktTagLayout  *out_layout);
const char   *mkt_tag_layout_to_string     (MktTagLayout   layout);
MktPaper      mkt_tag_layout_get_paper     (MktTagLayout   layout);
guint         mkt_tag_layout_get_columns   (MktTagLayout   layout);
guint         mkt_tag_layout_get_rows      (MktTagLayout   layout);
void          mkt_tag_layout_get_label     (MktTagLayout   layout,
                                            guint          index,
                                            double        *out_x,
                                            double        *out_y,
                                            double        *out_width,
                                            double        *out_height);
MktTagLayout  mkt_tag_layout_get_default   (void);

const char   *mkt_print_currency_symbol    (const char    *currency);
char         *mkt_print_format_money       (MktMoney       amount,
                                            const char    *currency);
char         *mkt_print_format_dates       (const char    *starts_on,
                                            const char    *ends_on);

G_END_DECLS
