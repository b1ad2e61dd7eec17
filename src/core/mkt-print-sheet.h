/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "mkt-money.h"
#include "mkt-print-types.h"
#include "mkt-quantity.h"

G_BEGIN_DECLS

/**
 * MktPrintSheetRow:
 * @name: the product's name
 * @sku: (nullable): its sku
 * @has_price: whether it has a price at the event
 * @price: the price, in minor units of the sheet's currency
 * @brought: items brought to the event (0: written in by hand)
 * @returned: items taken back home (0: written in by hand)
 * @sold: sales recorded already; that many tally boxes come out ticked
 *
 * One product's row of a market sheet. The strings are the caller's; the
 * sheet copies them.
 */
typedef struct
{
  const char  *name;
  const char  *sku;
  gboolean     has_price;
  MktMoney     price;
  MktQuantity  brought;
  MktQuantity  returned;
  MktQuantity  sold;
} MktPrintSheetRow;

/**
 * MktPrintSheetData:
 * @business: the business's name
 * @currency: the ISO 4217 code of the prices
 * @event_name: the market event's name
 * @starts_on: (nullable): its first day, "2026-11-14"
 * @ends_on: (nullable): its last day
 * @venue: (nullable): where it is
 * @rows: (array length=n_rows): its products, in the order printed
 * @n_rows: how many
 *
 * Everything a market sheet shows, without a database: what tests, the
 * benchmark and other front ends give mkt_print_sheet_new().
 */
typedef struct
{
  const char              *business;
  const char              *currency;
  const char              *event_name;
  const char              *starts_on;
  const char              *ends_on;
  const char              *venue;
  const MktPrintSheetRow  *rows;
  guint                    n_rows;
} MktPrintSheetData;

#define MKT_TYPE_PRINT_SHEET (mkt_print_sheet_get_type ())

G_DECLARE_FINAL_TYPE (MktPrintSheet, mkt_print_sheet, MKT, PRINT_SHEET, GObject)

MktPrintSheet *mkt_print_sheet_new         (const MktPrintSheetData  *data);
guint          mkt_print_sheet_get_n_rows  (MktPrintSheet            *self);
const char    *mkt_print_sheet_get_title   (MktPrintSheet            *self);

gboolean       mkt_print_sheet_paginate    (MktPrintSheet            *self,
                                            cairo_t                  *cr,
                                            double                    width,
                                            double                    height,
                                            GError                  **error);
guint          mkt_print_sheet_get_n_pages (MktPrintSheet            *self);
void           mkt_print_sheet_draw_page   (MktPrintSheet            *self,
                                            cairo_t                  *cr,
                                            guint                     page);

gboolean       mkt_print_sheet_write_pdf   (MktPrintSheet            *self,
                                            MktPaper                  paper,
                                            const char               *path,
                                            GError                  **error);

G_END_DECLS
