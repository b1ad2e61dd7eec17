/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-market.h"
#include "mkt-test-utils.h"

G_BEGIN_DECLS

/* Markets */

#define MKT_TEST_NO_PRICE G_GINT64_CONSTANT (-1)

/**
 * MktTestMarket:
 * @cotton: a yarn in m, balls of 170 m at 3.20 (10 bought at that)
 * @merino: a yarn in yd, skeins of 200 yd at 9.00 (4 bought at that)
 * @dishcloth: "Cotton Dishcloth", 8.50: half a ball and 30, then 36 minutes;
 *   10 made, 6 at 8.36 and 4 at 9.68, 8.89 each on average
 * @beanie: "Merino Beanie", 60.00: a skein and 90 minutes; 4 made at 29.70
 * @fair: the "Harvest Fair" (booth fee 25.00, other costs 3.50), with the
 *   dishcloth on its sheet at 8.00
 *
 * A shop (12.00 an hour, 10 % overhead) ready for a market day.
 */
typedef struct
{
  MktRecord *cotton;
  MktRecord *merino;
  MktRecord *dishcloth;
  MktRecord *beanie;
  MktRecord *fair;
} MktTestMarket;

void           mkt_test_market_init      (MktTestFixture      *f,
                                          MktTestMarket       *market);
void           mkt_test_market_clear     (MktTestMarket       *market);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MktTestMarket, mkt_test_market_clear)

MktRecord     *mkt_test_create_event     (MktTestFixture      *f,
                                          const char          *name,
                                          MktMoney             booth_fee,
                                          MktMoney             other_costs);
void           mkt_test_update_text      (MktTestFixture      *f,
                                          MktRecord           *row,
                                          const char          *field,
                                          const char          *text);
void           mkt_test_bring            (MktTestFixture      *f,
                                          MktRecord           *event,
                                          MktRecord           *product,
                                          const char          *count);
MktRecord     *mkt_test_sell             (MktTestFixture      *f,
                                          MktRecord           *event,
                                          MktRecord           *product,
                                          const char          *count,
                                          MktMoney             price,
                                          MktMoney             discount,
                                          const char          *payment);
MktRecord     *mkt_test_void             (MktTestFixture      *f,
                                          MktRecord           *sale);
GPtrArray     *mkt_test_market_lines     (MktTestFixture      *f,
                                          MktRecord           *event);
MktMarketLine *mkt_test_market_line      (GPtrArray           *lines,
                                          MktRecord           *product);
MktQuantity    mkt_test_at_stall         (MktTestFixture      *f,
                                          MktRecord           *event,
                                          MktRecord           *product);
MktRecord     *mkt_test_sale_movement    (MktTestFixture      *f,
                                          MktRecord           *sale);
char          *mkt_test_market_snapshot  (MktTestFixture      *f);

G_END_DECLS
