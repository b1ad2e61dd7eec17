/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-money.h"
#include "mkt-quantity.h"
#include "mkt-session.h"

G_BEGIN_DECLS

/**
 * MktLowStock:
 * @material: a material at or below its reorder level
 * @on_hand: what the ledger says is there
 * @blocked: (element-type MktRecord): the products whose recipe uses it
 */
typedef struct
{
  MktRecord   *material;
  MktQuantity  on_hand;
  GPtrArray   *blocked;
} MktLowStock;

const MktEntitySpec *mkt_stock_ledger_for        (const MktEntitySpec  *item_spec);

GHashTable  *mkt_stock_on_hand_all      (MktSession           *session,
                                         const MktEntitySpec  *item_spec,
                                         GError              **error);
GHashTable  *mkt_stock_on_hand_sum      (const MktEntitySpec  *item_spec,
                                         GPtrArray            *movements,
                                         GError              **error);
MktQuantity  mkt_stock_on_hand_lookup   (GHashTable           *on_hand,
                                         const char           *item_id);
gboolean     mkt_stock_on_hand          (MktSession           *session,
                                         const MktEntitySpec  *item_spec,
                                         const char           *item_id,
                                         gint64                at,
                                         MktQuantity          *out_quantity,
                                         GError              **error);
gboolean     mkt_stock_to_item_unit     (MktRecord            *item,
                                         MktQuantity           quantity,
                                         const char           *unit,
                                         MktQuantity          *out_quantity,
                                         GError              **error);

MktRecord   *mkt_stock_purchase         (MktSession           *session,
                                         MktRecord            *material,
                                         MktQuantity           quantity,
                                         const char           *unit,
                                         MktMoney              total_cost,
                                         const char           *reference,
                                         GError              **error);
gboolean     mkt_stock_total_for_each   (MktQuantity           quantity,
                                         MktMoney              each,
                                         const char           *currency,
                                         const char           *field,
                                         MktMoney             *out_total,
                                         GError              **error);
MktRecord   *mkt_stock_adjust           (MktSession           *session,
                                         MktRecord            *item,
                                         MktQuantity           delta,
                                         const char           *unit,
                                         const char           *reason,
                                         GError              **error);
MktRecord   *mkt_stock_count            (MktSession           *session,
                                         MktRecord            *item,
                                         MktQuantity           counted,
                                         const char           *unit,
                                         gint64                at,
                                         GError              **error);
GPtrArray   *mkt_stock_low              (MktSession           *session,
                                         guint                 max_items,
                                         GError              **error);
gboolean     mkt_stock_is_low           (MktRecord            *material,
                                         MktQuantity           on_hand);

void         mkt_low_stock_free         (MktLowStock          *item);

G_END_DECLS
