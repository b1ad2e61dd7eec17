/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-cost.h"
#include "mkt-settings.h"

G_BEGIN_DECLS

/**
 * MktPricing:
 * @cost: the product's cost for one, rounded
 * @wholesale: suggested wholesale price: cost × wholesale multiplier
 * @retail: suggested retail price: wholesale × retail multiplier, to the
 *   tenant's price ending
 * @marketplace: a retail price that still leaves @retail after the
 *   marketplace's fees, to the price ending (equal to @retail without fees)
 * @price: the price the crafter set, or 0
 * @has_price: whether one is set
 * @margin_bp: at @price, (price − cost) / price, in hundredths of a percent
 * @markup_bp: at @price, (price − cost) / cost, in hundredths of a percent
 *   (0 when the cost is 0)
 * @totals: the cost's breakdown
 */
typedef struct
{
  MktMoney       cost;
  MktMoney       wholesale;
  MktMoney       retail;
  MktMoney       marketplace;
  MktMoney       price;
  gboolean       has_price;
  gint64         margin_bp;
  gint64         markup_bp;
  MktCostTotals  totals;
} MktPricing;

MktMoney     mkt_price_apply_ending     (MktMoney            amount,
                                         MktPriceEnding      ending,
                                         const char         *currency);
void         mkt_price_compute          (const MktCostTotals *totals,
                                         const MktSettings  *settings,
                                         const char         *currency,
                                         gboolean            has_price,
                                         MktMoney            price,
                                         MktPricing         *out);
gboolean     mkt_price_suggest          (MktSession         *session,
                                         const char         *product_id,
                                         MktPricing         *out,
                                         GError            **error);
char        *mkt_price_format_percent   (gint64              basis_points);

G_END_DECLS
