/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-money.h"
#include "mkt-quantity.h"
#include "mkt-session.h"

G_BEGIN_DECLS

/**
 * MktMarketLine:
 * @line: the event's sheet line (market_line row)
 * @product: its product
 * @price: the price at this event (the line's, else the product's)
 * @brought: items brought to the event
 * @returned: items taken back home
 * @sold: items sold, voids taken off
 * @on_hand: items at the stall now (brought − returned − sold)
 * @revenue: what the sales of it took, discounts off, in minor units
 * @cost_of_goods: what the items sold cost to make, from the snapshots
 *
 * One product of a market event, as the sheet and the summary show it.
 */
typedef struct
{
  MktRecord   *line;
  MktRecord   *product;
  MktMoney     price;
  MktQuantity  brought;
  MktQuantity  returned;
  MktQuantity  sold;
  MktQuantity  on_hand;
  MktMoney     revenue;
  MktMoney     cost_of_goods;
} MktMarketLine;

/**
 * MktMarketSummary:
 * @event: the market event
 * @lines: (element-type MktMarketLine): per product, by name
 * @revenue: all sales (of the range, for mkt_market_summary_between()),
 *   discounts off
 * @revenue_cash: of it, paid in cash
 * @revenue_card: by card
 * @revenue_other: otherwise
 * @items_sold: items sold, voids taken off
 * @n_sales: sales recorded (voids not counted)
 * @n_voids: voids
 * @cost_of_goods: what the items sold cost to make
 * @booth_fee: the event's booth fee
 * @other_costs: the event's other costs
 * @profit: revenue − cost of goods − booth fee − other costs
 */
typedef struct
{
  MktRecord   *event;
  GPtrArray   *lines;
  MktMoney     revenue;
  MktMoney     revenue_cash;
  MktMoney     revenue_card;
  MktMoney     revenue_other;
  MktQuantity  items_sold;
  guint        n_sales;
  guint        n_voids;
  MktMoney     cost_of_goods;
  MktMoney     booth_fee;
  MktMoney     other_costs;
  MktMoney     profit;
} MktMarketSummary;

MktRecord        *mkt_market_add_product     (MktSession   *session,
                                              const char   *event_id,
                                              const char   *product_id,
                                              gboolean      has_price,
                                              MktMoney      price,
                                              GError      **error);
gboolean          mkt_market_bring           (MktSession   *session,
                                              const char   *event_id,
                                              const char   *product_id,
                                              MktQuantity   quantity,
                                              GError      **error);
gboolean          mkt_market_return          (MktSession   *session,
                                              const char   *event_id,
                                              const char   *product_id,
                                              MktQuantity   quantity,
                                              GError      **error);
MktRecord        *mkt_market_sell            (MktSession   *session,
                                              const char   *event_id,
                                              const char   *product_id,
                                              MktQuantity   quantity,
                                              gboolean      has_price,
                                              MktMoney      unit_price,
                                              MktMoney      discount,
                                              const char   *payment_method,
                                              GError      **error);
MktRecord        *mkt_market_void            (MktSession   *session,
                                              const char   *sale_id,
                                              GError      **error);
GPtrArray        *mkt_market_lines           (MktSession   *session,
                                              const char   *event_id,
                                              GError      **error);
MktMarketSummary *mkt_market_summary         (MktSession   *session,
                                              const char   *event_id,
                                              GError      **error);
MktMarketSummary *mkt_market_summary_between (MktSession   *session,
                                              const char   *event_id,
                                              gint64        from_us,
                                              gint64        to_us,
                                              GError      **error);
gboolean          mkt_market_date_bounds     (int           year,
                                              int           month,
                                              int           day,
                                              GTimeZone    *tz,
                                              gint64       *from_us,
                                              gint64       *to_us);
gboolean          mkt_market_day_bounds      (gint64        now_us,
                                              GTimeZone    *tz,
                                              gint64       *from_us,
                                              gint64       *to_us);
guint             mkt_market_event_n_days    (MktRecord    *event);

void              mkt_market_line_free       (MktMarketLine    *line);
void              mkt_market_summary_free    (MktMarketSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MktMarketSummary, mkt_market_summary_free)

G_END_DECLS
