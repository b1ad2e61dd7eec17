/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-market-day, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-market-day, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-market-day"

#include "config.h"

#include "mkt-core.h"
#include "mkt-test-market.h"

/* A day of a market of several days: mkt_market_day_bounds() and
 * mkt_market_date_bounds() (a calendar day in a time zone, 23 or 25 hours
 * when the clocks change) and mkt_market_summary_between() (what the sales
 * and voids made in it took, a void on the day it was made), on
 * MktTestMarket's shop: dishcloths at the Harvest Fair's 8.00 (8.89 to
 * make), beanies at their own 60.00 (29.70 to make). */

#define HOUR_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

static gint64
instant (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 usec = 0;

  g_assert_true (mkt_timestamp_parse (text, &usec, &error));
  g_assert_no_error (error);
  return usec;
}

static GTimeZone *
zone (const char *identifier)
{
  GTimeZone *tz = g_time_zone_new_identifier (identifier);

  g_assert_nonnull (tz);
  return tz;
}

/* Day bounds --------------------------------------------------------------------- */

typedef struct
{
  const char *tz;
  const char *now;
  const char *from;
  const char *to;
  gint64      hours;
} BoundsCase;

static const BoundsCase bounds_cases[] = {
  { "UTC", "2030-03-30T12:00:00Z", "2030-03-30T00:00:00Z", "2030-03-31T00:00:00Z", 24 },
  { "UTC", "2030-03-30T00:00:00Z", "2030-03-30T00:00:00Z", "2030-03-31T00:00:00Z", 24 },
  /* Sunday 00:30 in Berlin is still Saturday in UTC. */
  { "Europe/Berlin", "2030-03-30T23:30:00Z", "2030-03-30T23:00:00Z", "2030-03-31T22:00:00Z", 23 },
  /* Monday's first instant is Monday's, not Sunday's. */
  { "Europe/Berlin", "2030-03-31T22:00:00Z", "2030-03-31T22:00:00Z", "2030-04-01T22:00:00Z", 24 },
  { "Europe/Berlin", "2030-03-31T21:59:59Z", "2030-03-30T23:00:00Z", "2030-03-31T22:00:00Z", 23 },
  /* The clocks go back: the last Sunday of October has 25 hours. */
  { "Europe/Berlin", "2030-10-27T12:00:00Z", "2030-10-26T22:00:00Z", "2030-10-27T23:00:00Z", 25 },
  /* New Year's Eve evening in New York is New Year's Day in UTC. */
  { "America/New_York", "2030-01-01T03:00:00Z", "2029-12-31T05:00:00Z", "2030-01-01T05:00:00Z", 24 },
  { "Pacific/Kiritimati", "2030-06-15T09:59:59Z", "2030-06-14T10:00:00Z", "2030-06-15T10:00:00Z", 24 },
  /* Cuba skips midnight: the day starts when the clocks land, at 01:00. */
  { "America/Havana", "2030-03-10T12:00:00Z", "2030-03-10T05:00:00Z", "2030-03-11T04:00:00Z", 23 },
};

static void
test_bounds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bounds_cases); i++)
    {
      const BoundsCase *c = &bounds_cases[i];
      g_autoptr(GTimeZone) tz = zone (c->tz);
      gint64 from = 0, to = 0;

      g_test_message ("%s, %s", c->tz, c->now);
      g_assert_true (mkt_market_day_bounds (instant (c->now), tz, &from, &to));
      g_assert_cmpint (from, ==, instant (c->from));
      g_assert_cmpint (to, ==, instant (c->to));
      g_assert_cmpint (to - from, ==, c->hours * HOUR_US);
    }
}

static void
test_bounds_edges (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) berlin = zone ("Europe/Berlin");
  gint64 from = 1, to = 2;

  /* Half a second before 1970 is the last day of 1969. */
  g_assert_true (mkt_market_day_bounds (-G_USEC_PER_SEC / 2, utc, &from, &to));
  g_assert_cmpint (from, ==, instant ("1969-12-31T00:00:00Z"));
  g_assert_cmpint (to, ==, 0);

  /* A date, as the command line takes it. */
  g_assert_true (mkt_market_date_bounds (2030, 3, 31, berlin, &from, &to));
  g_assert_cmpint (from, ==, instant ("2030-03-30T23:00:00Z"));
  g_assert_cmpint (to, ==, instant ("2030-03-31T22:00:00Z"));
  g_assert_true (mkt_market_date_bounds (2028, 2, 29, utc, &from, &to));
  g_assert_cmpint (from, ==, instant ("2028-02-29T00:00:00Z"));
  g_assert_cmpint (to, ==, instant ("2028-03-01T00:00:00Z"));
  g_assert_true (mkt_market_date_bounds (2029, 12, 31, utc, &from, &to));
  g_assert_cmpint (to, ==, instant ("2030-01-01T00:00:00Z"));

  /* Dates that do not exist leave the bounds alone. */
  from = 1;
  to = 2;
  g_assert_false (mkt_market_date_bounds (2030, 2, 29, utc, &from, &to));
  g_assert_false (mkt_market_date_bounds (2030, 13, 1, utc, &from, &to));
  g_assert_false (mkt_market_date_bounds (2030, 4, 31, utc, &from, &to));
  g_assert_false (mkt_market_date_bounds (0, 1, 1, utc, &from, &to));
  g_assert_false (mkt_market_date_bounds (2030, 1, 0, utc, &from, &to));
  g_assert_cmpint (from, ==, 1);
  g_assert_cmpint (to, ==, 2);

  /* Beyond the years GDateTime knows. */
  g_assert_false (mkt_market_day_bounds (G_MAXINT64, utc, &from, &to));
  g_assert_false (mkt_market_day_bounds (G_MININT64, utc, &from, &to));
}

/* A weekend fair ------------------------------------------------------------------- */

typedef struct
{
  const char *at;
  gboolean    beanie;
  const char *count;
  MktMoney    discount;
  const char *payment;
} FairSale;

/* Saturday 30 and Sunday 31 March 2030 in Berlin; the clocks go forward on
 * the Sunday at 02:00. */
static const FairSale fair_sales[] = {
  { "2030-03-30T10:00:00+01:00", FALSE, "2", 0, "cash" },     /* Sat 16.00 */
  { "2030-03-30T15:00:00+01:00", TRUE, "1", 500, "card" },    /* Sat 55.00, voided on Sunday */
  { "2030-03-30T23:30:00+01:00", FALSE, "1", 0, "other" },    /* Sat 8.00 */
  { "2030-03-31T00:30:00+01:00", FALSE, "1", 0, "card" },     /* Sun 8.00, Saturday in UTC */
  { "2030-03-31T16:00:00+02:00", TRUE, "1", 0, "cash" },      /* Sun 60.00 */
  { "2030-03-31T23:59:59+02:00", FALSE, "1", 0, "cash" },     /* Sun 8.00 */
  { "2030-04-01T00:00:00+02:00", FALSE, "1", 0, "cash" },     /* Mon 8.00, Sunday in UTC */
};
#define VOIDED_SALE 1
#define VOIDED_AT "2030-03-31T11:00:00+02:00"

typedef struct
{
  MktMoney    revenue;
  MktMoney    cash;
  MktMoney    card;
  MktMoney    other;
  MktQuantity items;
  guint       n_sales;
  guint       n_voids;
  MktMoney    cost_of_goods;
} Takings;

static const Takings saturday = { 1600 + 5500 + 800, 1600, 5500, 800, 4000000, 3, 0, 3 * 889 + 2970 };
static const Takings sunday = { 800 - 5500 + 6000 + 800, 6000 + 800, 800 - 5500, 0, 2000000, 3, 1,
                                889 - 2970 + 2970 + 889 };
static const Takings monday = { 800, 800, 0, 0, 1000000, 1, 0, 889 };
static const Takings no_takings = { 0 };

static MktMarketSummary *
summary_of_day (MktTestFixture *f,
                MktRecord      *event,
                GTimeZone      *tz,
                int             year,
                int             month,
                int             day)
{
  g_autoptr(GError) error = NULL;
  MktMarketSummary *summary;
  gint64 from, to;

  g_assert_true (mkt_market_date_bounds (year, month, day, tz, &from, &to));
  summary = mkt_market_summary_between (f->session, mkt_record_get_id (event), from, to, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

static void
assert_takings (const MktMarketSummary *summary,
                const Takings          *expected)
{
  g_assert_cmpint (summary->revenue, ==, expected->revenue);
  g_assert_cmpint (summary->revenue_cash, ==, expected->cash);
  g_assert_cmpint (summary->revenue_card, ==, expected->card);
  g_assert_cmpint (summary->revenue_other, ==, expected->other);
  g_assert_cmpint (summary->items_sold, ==, expected->items);
  g_assert_cmpuint (summary->n_sales, ==, expected->n_sales);
  g_assert_cmpuint (summary->n_voids, ==, expected->n_voids);
  g_assert_cmpint (summary->cost_of_goods, ==, expected->cost_of_goods);
  /* The event's costs are the event's, whatever the range. */
  g_assert_cmpint (summary->booth_fee, ==, 2500);
  g_assert_cmpint (summary->other_costs, ==, 350);
  g_assert_cmpint (summary->profit, ==, expected->revenue - expected->cost_of_goods - 2500 - 350);
}

/* Every field of @whole is the sum of the days', line by line too. */
static void
assert_sum (const MktMarketSummary  *whole,
            const MktMarketSummary **days,
            guint                    n_days)
{
  Takings sum = { 0 };

  for (guint d = 0; d < n_days; d++)
    {
      sum.revenue += days[d]->revenue;
      sum.cash += days[d]->revenue_cash;
      sum.card += days[d]->revenue_card;
      sum.other += days[d]->revenue_other;
      sum.items += days[d]->items_sold;
      sum.n_sales += days[d]->n_sales;
      sum.n_voids += days[d]->n_voids;
      sum.cost_of_goods += days[d]->cost_of_goods;
      g_assert_cmpuint (days[d]->lines->len, ==, whole->lines->len);
    }
  assert_takings (whole, &sum);

  for (guint i = 0; i < whole->lines->len; i++)
    {
      MktMarketLine *line = g_ptr_array_index (whole->lines, i);
      MktQuantity sold = 0;
      MktMoney revenue = 0, cost_of_goods = 0;

      for (guint d = 0; d < n_days; d++)
        {
          MktMarketLine *day_line = g_ptr_array_index (days[d]->lines, i);

          g_assert_true (mkt_record_get_id (day_line->product) == mkt_record_get_id (line->product) ||
                         g_str_equal (mkt_record_get_id (day_line->product), mkt_record_get_id (line->product)));
          g_assert_cmpint (day_line->price, ==, line->price);
          g_assert_cmpint (day_line->brought, ==, line->brought);
          g_assert_cmpint (day_line->returned, ==, line->returned);
          g_assert_cmpint (day_line->on_hand, ==, line->on_hand);
          sold += day_line->sold;
          revenue += day_line->revenue;
          cost_of_goods += day_line->cost_of_goods;
        }
      g_assert_cmpint (sold, ==, line->sold);
      g_assert_cmpint (revenue, ==, line->revenue);
      g_assert_cmpint (cost_of_goods, ==, line->cost_of_goods);
    }
}

static void
sell_weekend (MktTestFixture *f,
              MktTestMarket  *shop,
              GPtrArray      *sales,
              gboolean        with_void)
{
  mkt_test_bring (f, shop->fair, shop->dishcloth, "10");
  mkt_test_bring (f, shop->fair, shop->beanie, "4");

  for (guint i = 0; i < G_N_ELEMENTS (fair_sales); i++)
    {
      const FairSale *s = &fair_sales[i];

      /* The void comes between Sunday's first sale and its beanie. */
      if (with_void && i == 4)
        {
          f->now_ms = instant (VOIDED_AT) / 1000;
          g_object_unref (mkt_test_void (f, g_ptr_array_index (sales, VOIDED_SALE)));
        }

      f->now_ms = instant (s->at) / 1000;
      g_ptr_array_add (sales, mkt_test_sell (f, shop->fair, s->beanie ? shop->beanie : shop->dishcloth, s->count,
                                             MKT_TEST_NO_PRICE, s->discount, s->payment));
      g_assert_cmpint (mkt_record_get_int (g_ptr_array_index (sales, i), "occurred_at"), ==, instant (s->at));
    }
}

/* Two days and the Monday morning: each day has its own takings, a void
 * takes its sale's money off the day it was made, and the event's summary
 * is the days' sum. */
static void
test_two_days (MktTestFixture *f,
               gconstpointer   data)
{
  g_auto(MktTestMarket) shop = { 0 };
  g_autoptr(GPtrArray) sales = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTimeZone) berlin = zone ("Europe/Berlin");
  g_autoptr(MktMarketSummary) sat = NULL;
  g_autoptr(MktMarketSummary) sun = NULL;
  g_autoptr(MktMarketSummary) mon = NULL;
  g_autoptr(MktMarketSummary) whole = NULL;
  g_autoptr(GError) error = NULL;
  const MktMarketSummary *days[3];
  MktMarketLine *dishcloths, *beanies;

  mkt_test_market_init (f, &shop);
  sell_weekend (f, &shop, sales, TRUE);

  sat = summary_of_day (f, shop.fair, berlin, 2030, 3, 30);
  sun = summary_of_day (f, shop.fair, berlin, 2030, 3, 31);
  mon = summary_of_day (f, shop.fair, berlin, 2030, 4, 1);
  assert_takings (sat, &saturday);
  assert_takings (sun, &sunday);
  assert_takings (mon, &monday);

  /* A day's lines are the event's, with the day's sales: Saturday's
   * beanie stays sold on Saturday, Sunday takes it back and sells one. */
  g_assert_cmpuint (sat->lines->len, ==, 2);
  dishcloths = mkt_test_market_line (sat->lines, shop.dishcloth);
  beanies = mkt_test_market_line (sat->lines, shop.beanie);
  g_assert_cmpint (dishcloths->sold, ==, 3000000);
  g_assert_cmpint (dishcloths->revenue, ==, 2400);
  g_assert_cmpint (dishcloths->cost_of_goods, ==, 3 * 889);
  g_assert_cmpint (beanies->sold, ==, 1000000);
  g_assert_cmpint (beanies->revenue, ==, 5500);
  beanies = mkt_test_market_line (sun->lines, shop.beanie);
  g_assert_cmpint (beanies->sold, ==, 0);
  g_assert_cmpint (beanies->revenue, ==, 6000 - 5500);
  g_assert_cmpint (beanies->cost_of_goods, ==, 0);
  /* What is at the stall is what is there now, on any day. */
  g_assert_cmpint (beanies->brought, ==, 4000000);
  g_assert_cmpint (beanies->on_hand, ==, 3000000);
  g_assert_cmpint (mkt_test_market_line (sat->lines, shop.dishcloth)->on_hand, ==, 4000000);

  /* The event's summary counts it all, as it always did. */
  whole = mkt_market_summary (f->session, mkt_record_get_id (shop.fair), &error);
  g_assert_no_error (error);
  days[0] = sat;
  days[1] = sun;
  days[2] = mon;
  assert_sum (whole, days, G_N_ELEMENTS (days));
  g_assert_cmpint (whole->revenue, ==, 10800);
  g_assert_cmpint (whole->items_sold, ==, 7000000);
  g_assert_cmpuint (whole->n_sales, ==, 7);
  g_assert_cmpuint (whole->n_voids, ==, 1);
}

/* The void of a Saturday sale, made on Sunday, leaves Saturday as it was. */
static void
test_void_next_day (MktTestFixture *f,
                    gconstpointer   data)
{
  g_auto(MktTestMarket) shop = { 0 };
  g_autoptr(GPtrArray) sales = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTimeZone) berlin = zone ("Europe/Berlin");
  g_autoptr(MktMarketSummary) before = NULL;
  g_autoptr(MktMarketSummary) after = NULL;
  g_autoptr(MktMarketSummary) sunday_after = NULL;
  g_autoptr(MktRecord) void_row = NULL;

  mkt_test_market_init (f, &shop);
  sell_weekend (f, &shop, sales, FALSE);
  before = summary_of_day (f, shop.fair, berlin, 2030, 3, 30);
  assert_takings (before, &saturday);

  f->now_ms = instant (VOIDED_AT) / 1000;
  void_row = mkt_test_void (f, g_ptr_array_index (sales, VOIDED_SALE));
  g_assert_cmpint (mkt_record_get_int (void_row, "occurred_at"), ==, instant (VOIDED_AT));

  after = summary_of_day (f, shop.fair, berlin, 2030, 3, 30);
  assert_takings (after, &saturday);
  sunday_after = summary_of_day (f, shop.fair, berlin, 2030, 3, 31);
  assert_takings (sunday_after, &sunday);
}

/* The day the clocks go forward has 23 hours, all of them counted: from
 * its first instant (00:00 at +01:00) up to, not including, Monday's
 * (00:00 at +02:00, 22:00 UTC on the Sunday). */
static void
test_dst_day (MktTestFixture *f,
              gconstpointer   data)
{
  static const struct {
    const char *at;
    gboolean    sunday;
  } edges[] = {
    { "2030-03-30T22:59:59Z", FALSE },   /* Saturday 23:59:59 */
    { "2030-03-30T23:00:00Z", TRUE },    /* Sunday 00:00 */
    { "2030-03-31T00:59:59Z", TRUE },    /* 01:59:59, the last second before the change */
    { "2030-03-31T01:00:00Z", TRUE },    /* 03:00, the first one after it */
    { "2030-03-31T21:59:59Z", TRUE },    /* 23:59:59 */
    { "2030-03-31T22:00:00Z", FALSE },   /* Monday 00:00 */
  };
  g_autoptr(MktRecord) event = NULL;
  g_autoptr(MktRecord) bookmark = NULL;
  g_autoptr(GTimeZone) berlin = zone ("Europe/Berlin");
  g_autoptr(MktMarketSummary) sunday_summary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 from, to;
  guint n_sunday = 0;

  mkt_test_set_setting (f->session, "labour_rate", "12.00");
  bookmark = mkt_test_create_product (f->session, "Bookmark", "10", "3.00");
  event = mkt_test_create_event (f, "Spring Fair", 2500, 350);

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    {
      f->now_ms = instant (edges[i].at) / 1000;
      g_object_unref (mkt_test_sell (f, event, bookmark, "1", MKT_TEST_NO_PRICE, 0, "cash"));
      n_sunday += edges[i].sunday;

      /* The stall's "today", at the moment of each sale. */
      g_assert_true (mkt_market_day_bounds (mkt_session_now (f->session), berlin, &from, &to));
      g_assert_cmpint (from == instant ("2030-03-30T23:00:00Z"), ==, edges[i].sunday);
    }

  g_assert_true (mkt_market_date_bounds (2030, 3, 31, berlin, &from, &to));
  g_assert_cmpint (to - from, ==, 23 * HOUR_US);
  sunday_summary = mkt_market_summary_between (f->session, mkt_record_get_id (event), from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sunday_summary->n_sales, ==, n_sunday);
  g_assert_cmpint (sunday_summary->items_sold, ==, MKT_QUANTITY_FROM_INT (n_sunday));
  g_assert_cmpint (sunday_summary->revenue, ==, n_sunday * 300);
  g_assert_cmpint (sunday_summary->revenue_cash, ==, n_sunday * 300);
  g_assert_cmpint (sunday_summary->cost_of_goods, ==, n_sunday * 200);
}

/* A day without sales has nothing taken, the event's lines and stock, and
 * the event's costs; an event without sales has no lines either. */
static void
test_empty_day (MktTestFixture *f,
                gconstpointer   data)
{
  g_auto(MktTestMarket) shop = { 0 };
  g_autoptr(GPtrArray) sales = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTimeZone) berlin = zone ("Europe/Berlin");
  g_autoptr(MktMarketSummary) friday = NULL;
  g_autoptr(MktMarketSummary) quiet = NULL;
  g_autoptr(MktRecord) event = NULL;
  g_autoptr(GError) error = NULL;
  MktMarketLine *dishcloths;
  gint64 from, to;

  mkt_test_market_init (f, &shop);
  sell_weekend (f, &shop, sales, TRUE);

  friday = summary_of_day (f, shop.fair, berlin, 2030, 3, 29);
  assert_takings (friday, &no_takings);
  g_assert_cmpuint (friday->lines->len, ==, 2);
  dishcloths = mkt_test_market_line (friday->lines, shop.dishcloth);
  g_assert_cmpint (dishcloths->price, ==, 800);
  g_assert_cmpint (dishcloths->brought, ==, 10000000);
  g_assert_cmpint (dishcloths->sold, ==, 0);
  g_assert_cmpint (dishcloths->on_hand, ==, 4000000);
  g_assert_cmpint (dishcloths->revenue, ==, 0);

  /* An empty range is an empty day. */
  quiet = mkt_market_summary_between (f->session, mkt_record_get_id (shop.fair), instant (VOIDED_AT),
                                      instant (VOIDED_AT), &error);
  g_assert_no_error (error);
  assert_takings (quiet, &no_takings);
  g_clear_pointer (&quiet, mkt_market_summary_free);

  event = mkt_test_create_event (f, "Quiet Market", 0, 0);
  g_assert_true (mkt_market_day_bounds (mkt_session_now (f->session), berlin, &from, &to));
  quiet = mkt_market_summary_between (f->session, mkt_record_get_id (event), from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quiet->lines->len, ==, 0);
  g_assert_cmpint (quiet->revenue, ==, 0);
  g_assert_cmpint (quiet->items_sold, ==, 0);
  g_assert_cmpuint (quiet->n_sales + quiet->n_voids, ==, 0);
  g_clear_pointer (&quiet, mkt_market_summary_free);

  /* An unknown event is refused as before. */
  quiet = mkt_market_summary_between (f->session, "0190c0de-0000-7000-8000-000000000000", from, to, &error);
  g_assert_null (quiet);
  g_assert_nonnull (error);
}

/* mkt_market_summary() is the open range of mkt_market_summary_between()
 * and says what it said before days existed. */
static void
test_whole_event (MktTestFixture *f,
                  gconstpointer   data)
{
  g_auto(MktTestMarket) shop = { 0 };
  g_autoptr(GPtrArray) sales = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MktMarketSummary) whole = NULL;
  g_autoptr(MktMarketSummary) open = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  const Takings expected = { 10800, 1600 + 6000 + 800 + 800, 5500 + 800 - 5500, 800, 7000000, 7, 1,
                             6 * 889 + 2970 - 2970 + 2970 };
  const MktMarketSummary *days[1];

  mkt_test_market_init (f, &shop);
  sell_weekend (f, &shop, sales, TRUE);

  whole = mkt_market_summary (f->session, mkt_record_get_id (shop.fair), &error);
  g_assert_no_error (error);
  assert_takings (whole, &expected);
  open = mkt_market_summary_between (f->session, mkt_record_get_id (shop.fair), G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  days[0] = open;
  assert_sum (whole, days, 1);

  /* The lines alone, too. */
  lines = mkt_test_market_lines (f, shop.fair);
  g_assert_cmpuint (lines->len, ==, whole->lines->len);
  g_assert_cmpint (mkt_test_market_line (lines, shop.dishcloth)->sold, ==, 6000000);
  g_assert_cmpint (mkt_test_market_line (lines, shop.dishcloth)->revenue, ==, 6 * 800);
  g_assert_cmpint (mkt_test_market_line (lines, shop.beanie)->sold, ==, 1000000);
  g_assert_cmpint (mkt_test_market_line (lines, shop.beanie)->revenue, ==, 6000);
}

/* How many days a market runs, from its dates. */
static void
test_event_days (MktTestFixture *f,
                 gconstpointer   data)
{
  static const struct {
    const char *starts_on;
    const char *ends_on;
    guint       n_days;
  } cases[] = {
    { "2030-03-30", NULL, 1 },
    { "2030-03-30", "2030-03-30", 1 },
    { "2030-03-30", "2030-03-31", 2 },
    { "2030-12-01", "2030-12-14", 14 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MktRecord) event = mkt_record_new (&mkt_market_event_spec);

      mkt_record_set_string (event, "name", "Fair");
      mkt_record_set_int (event, "starts_on", instant (cases[i].starts_on));
      if (cases[i].ends_on != NULL)
        mkt_record_set_int (event, "ends_on", instant (cases[i].ends_on));
      g_assert_cmpuint (mkt_market_event_n_days (event), ==, cases[i].n_days);
    }
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

  g_test_add_func ("/market-day/bounds", test_bounds);
  g_test_add_func ("/market-day/bounds-edges", test_bounds_edges);
  mkt_test_add ("/market-day/two-days", NULL, test_two_days);
  mkt_test_add ("/market-day/void-next-day", NULL, test_void_next_day);
  mkt_test_add ("/market-day/dst-day", NULL, test_dst_day);
  mkt_test_add ("/market-day/empty-day", NULL, test_empty_day);
  mkt_test_add ("/market-day/whole-event", NULL, test_whole_event);
  mkt_test_add ("/market-day/event-days", NULL, test_event_days);

  return g_test_run ();
}
