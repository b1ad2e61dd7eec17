/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-core.h"

G_BEGIN_DECLS

/**
 * MktStockDialogKind:
 * @MKT_STOCK_DIALOG_PURCHASE: record a purchase (mkt_stock_purchase())
 * @MKT_STOCK_DIALOG_ADJUST: add to or take from stock, with a reason
 *   (mkt_stock_adjust())
 * @MKT_STOCK_DIALOG_COUNT: a stocktake (mkt_stock_count())
 */
typedef enum
{
  MKT_STOCK_DIALOG_PURCHASE,
  MKT_STOCK_DIALOG_ADJUST,
  MKT_STOCK_DIALOG_COUNT,
} MktStockDialogKind;

#define MKT_TYPE_STOCK_DIALOG (mkt_stock_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MktStockDialog, mkt_stock_dialog, MKT, STOCK_DIALOG, AdwWindow)

MktStockDialog     *mkt_stock_dialog_new             (GtkWindow          *parent,
                                                      GtkWindow          *window,
                                                      MktStockDialogKind  kind,
                                                      const char         *material_id,
                                                      GError            **error);
MktStockDialogKind  mkt_stock_dialog_get_kind        (MktStockDialog     *self);
const char         *mkt_stock_dialog_get_material_id (MktStockDialog     *self);
GtkWidget          *mkt_stock_dialog_get_row         (MktStockDialog     *self,
                                                      const char         *field);
GtkWidget          *mkt_stock_dialog_get_error_row   (MktStockDialog     *self);
const char         *mkt_stock_dialog_get_error       (MktStockDialog     *self);
gboolean            mkt_stock_dialog_apply           (MktStockDialog     *self);

void                mkt_stock_dialog_action          (GtkWidget          *widget,
                                                      const char         *action_name,
                                                      GVariant           *parameter);

G_END_DECLS
