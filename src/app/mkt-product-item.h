/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mkt-core.h"

G_BEGIN_DECLS

#define MKT_TYPE_PRODUCT_ITEM (mkt_product_item_get_type ())

G_DECLARE_FINAL_TYPE (MktProductItem, mkt_product_item, MKT, PRODUCT_ITEM, GObject)

MktProductItem *mkt_product_item_new            (MktRecord           *record,
                                                 const MktCostTotals *totals,
                                                 const MktSettings   *settings,
                                                 MktQuantity          on_hand,
                                                 const char          *currency);
const char     *mkt_product_item_get_id         (MktProductItem      *self);
const char     *mkt_product_item_get_kind       (MktProductItem      *self);
const MktEntitySpec *mkt_product_item_get_spec  (MktProductItem      *self);
const char     *mkt_product_item_get_name       (MktProductItem      *self);
const char     *mkt_product_item_get_sku        (MktProductItem      *self);
const char     *mkt_product_item_get_cost       (MktProductItem      *self);
const char     *mkt_product_item_get_price      (MktProductItem      *self);
const char     *mkt_product_item_get_on_hand    (MktProductItem      *self);

char           *mkt_product_format_money        (MktMoney             amount,
                                                 const char          *currency);

G_END_DECLS
