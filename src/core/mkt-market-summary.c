/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-market"

#include "config.h"

#include "mkt-market.h"

/* What a market event took: its sheet's lines and its summary, for the
 * whole event or a time range (a day at the stall), and a day's bounds in
 * a time zone. The writes (the sheet, bring and return, sales and voids)
 * are in mkt-market.c. */

void
mkt_market_line_free (MktMarketLine *line)
{
  g_clear_object (&line->line);
  g_clear_object (&line->product);
  g_free (line);
}

void
mkt_market_summary_free (MktMarketSummary *summary)
{
  if (summary == NULL)
    return;

  g_clear_object (&summary->event);
  g_clear_pointer (&summary->lines, g_ptr_array_unref);
  g_free (summary);
}

static GPtrArray *
list_for_event (MktSession           *session,
                const MktEntitySpec  *spec,
                const char           *event_id,
                GError              **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();

  mkt_query_add_filter (query, "market_event_id", MKT_FILTER_EQ, g_variant_new_string (event_id));
  return mkt_session_list (session, spec, query, NULL, error);
}

static MktMoney
sale_amount (MktRecord *sale)
{
  MktMoney gross;

  if (!mkt_mul_div_round_half_even (mkt_record_get_int (sale, "unit_price"), mkt_record_get_int (sale, "quantity"),
                                    MKT_QUANTITY_SCALE, &gross))
    return 0;

  return gross - mkt_record_get_int (sale, "discount");
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const MktMarketLine *la = *(MktMarketLine * const *)a;
  const MktMarketLine *lb = *(MktMarketLine * const *)b;

  return g_utf8_collate (mkt_record_get_title (la->product), mkt_record_get_title (lb->product));
}

/* A sale, or a void, counts in the range its own time falls in: a void
 * made on the second day of a fair takes its money off the second day,
 * whenever the sale was. G_MAXINT64 is no end at all. */
static gboolean
in_range (MktRecord *sale,
          gint64     from_us,
          gint64     to_us)
{
  gint64 at = mkt_record_get_int (sale, "occurred_at");

  return at >= from_us && (at < to_us || to_us == G_MAXINT64);
}

/* The lines of an event with what was sold in [@from_us, @to_us); the
 * stock brought, returned and at the stall is the event's whatever the
 * range, and a product sold only outside it still has its (empty) line, so
 * a day's lines are the event's. @out_sales receives the sales in range. */
static GPtrArray *
lines_between (MktSession  *session,
               const char  *event_id,
               gint64       from_us,
               gint64       to_us,
               GPtrArray  **out_sales,
               GError     **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify)mkt_market_line_free);
  g_autoptr(GHashTable) by_product = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sheet = NULL;
  g_autoptr(GPtrArray) movements = NULL;
  g_autoptr(GPtrArray) sales = NULL;
  g_autoptr(GPtrArray) in_sales = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MktRecord) event = NULL;

  event = mkt_session_get_any (session, &mkt_market_event_spec, event_id, error);
  if (event == NULL)
    return NULL;

  sheet = list_for_event (session, &mkt_market_line_spec, event_id, error);
  movements = sheet ? list_for_event (session, &mkt_product_movement_spec, event_id, error) : NULL;
  sales = movements ? list_for_event (session, &mkt_sale_spec, event_id, error) : NULL;
  if (sales == NULL)
    return NULL;

  for (guint i = 0; i < sheet->len; i++)
    {
      MktRecord *row = g_ptr_array_index (sheet, i);
      MktMarketLine *line = g_new0 (MktMarketLine, 1);

      line->line = g_object_ref (row);
      line->product = mkt_session_get_any (session, &mkt_product_spec, mkt_record_get_string (row, "product_id"), error);
      if (line->product == NULL)
        {
          mkt_market_line_free (line);
          return NULL;
        }
      line->price = mkt_record_has (row, "price") ? mkt_record_get_int (row, "price")
                                                  : mkt_record_get_int (line->product, "price");
      g_ptr_array_add (lines, line);
      g_hash_table_insert (by_product, (gpointer)mkt_record_get_id (line->product), line);
    }

  /* A sale of a product not on the sheet still counts. */
  for (guint i = 0; i < sales->len; i++)
    {
      MktRecord *sale = g_ptr_array_index (sales, i);
      const char *product_id = mkt_record_get_string (sale, "product_id");
      MktMarketLine *line = g_hash_table_lookup (by_product, product_id);
      MktMoney cost;

      if (line == NULL)
        {
          line = g_new0 (MktMarketLine, 1);
          line->product = mkt_session_get_any (session, &mkt_product_spec, product_id, error);
          if (line->product == NULL)
            {
              mkt_market_line_free (line);
              return NULL;
            }
          line->price = mkt_record_get_int (sale, "unit_price");
          g_ptr_array_add (lines, line);
          g_hash_table_insert (by_product, (gpointer)mkt_record_get_id (line->product), line);
        }

      if (!in_range (sale, from_us, to_us))
        continue;

      g_ptr_array_add (in_sales, g_object_ref (sale));
      line->sold += mkt_record_get_int (sale, "quantity");
      line->revenue += sale_amount (sale);
      if (mkt_mul_div_round_half_even (mkt_record_get_int (sale, "unit_cost"), mkt_record_get_int (sale, "quantity"),
                                       MKT_QUANTITY_SCALE, &cost))
        line->cost_of_goods += cost;
    }

  for (guint i = 0; i < movements->len; i++)
    {
      MktRecord *movement = g_ptr_array_index (movements, i);
      const char *product_id = mkt_record_get_string (movement, "product_id");
      MktMarketLine *line = g_hash_table_lookup (by_product, product_id);
      const char *kind = mkt_record_get_string (movement, "kind");
      MktQuantity quantity = mkt_record_get_int (movement, "quantity");

      /* Stock at the event counts even if its sheet line went. */
      if (line == NULL)
        {
          line = g_new0 (MktMarketLine, 1);
          line->product = mkt_session_get_any (session, &mkt_product_spec, product_id, error);
          if (line->product == NULL)
            {
              mkt_market_line_free (line);
              return NULL;
            }
          line->price = mkt_record_get_int (line->product, "price");
          g_ptr_array_add (lines, line);
          g_hash_table_insert (by_product, (gpointer)mkt_record_get_id (line->product), line);
        }

      if (g_str_equal (kind, "transfer_in"))
        line->brought += quantity;
      else if (g_str_equal (kind, "transfer_out"))
        line->returned -= quantity;
      line->on_hand += quantity;
    }

  g_ptr_array_sort (lines, compare_lines);
  if (out_sales != NULL)
    *out_sales = g_steal_pointer (&in_sales);
  return g_steal_pointer (&lines);
}

/**
 * mkt_market_lines:
 * @session: a session
 * @event_id: a market event
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type MktMarketLine): every
 *   product on the event's sheet (also those sold there without being on
 *   it), with its price there, what was brought, returned and sold, by name
 */
GPtrArray *
mkt_market_lines (MktSession  *session,
                  const char  *event_id,
                  GError     **error)
{
  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  return lines_between (session, event_id, G_MININT64, G_MAXINT64, NULL, error);
}

/**
 * mkt_market_summary:
 * @session: a session
 * @event_id: a market event
 * @error: return location for an error
 *
 * What the event earned, all its days: revenue by payment method, items
 * sold per product and their sell-through (sold / brought), the cost of
 * goods from the costs snapshotted at each sale, the booth fee and other
 * costs, profit. See mkt_market_summary_between() for one day of it.
 *
 * Returns: (transfer full) (nullable): the summary
 */
MktMarketSummary *
mkt_market_summary (MktSession  *session,
                    const char  *event_id,
                    GError     **error)
{
  return mkt_market_summary_between (session, event_id, G_MININT64, G_MAXINT64, error);
}

/**
 * mkt_market_summary_between:
 * @session: a session
 * @event_id: a market event
 * @from_us: the first instant counted, in µs since the epoch
 * @to_us: the instant after the last one counted; %G_MAXINT64 for no end
 * @error: return location for an error
 *
 * The summary of what the sales and voids made in [@from_us, @to_us) took
 * (by their own time: a void counts when it was made, not when its sale
 * was): a day of a market of several days, with the bounds of
 * mkt_market_day_bounds(). Revenue, items sold, the counts and the cost of
 * goods are the range's; the lines' stock (brought, returned, at the
 * stall), the booth fee and the other costs stay the event's, and the
 * profit takes them all off the range's revenue.
 *
 * Returns: (transfer full) (nullable): the summary
 */
MktMarketSummary *
mkt_market_summary_between (MktSession  *session,
                            const char  *event_id,
                            gint64       from_us,
                            gint64       to_us,
                            GError     **error)
{
  g_autoptr(MktMarketSummary) summary = g_new0 (MktMarketSummary, 1);
  g_autoptr(GPtrArray) sales = NULL;

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  summary->event = mkt_session_get_any (session, &mkt_market_event_spec, event_id, error);
  if (summary->event == NULL)
    return NULL;

  summary->lines = lines_between (session, event_id, from_us, to_us, &sales, error);
  if (summary->lines == NULL)
    return NULL;

  for (guint i = 0; i < sales->len; i++)
    {
      MktRecord *sale = g_ptr_array_index (sales, i);
      const char *method = mkt_record_get_string (sale, "payment_method");
      MktMoney amount = sale_amount (sale);

      if (mkt_record_has (sale, "voids_sale_id"))
        summary->n_voids++;
      else
        summary->n_sales++;

      if (g_str_equal (method, "cash"))
        summary->revenue_cash += amount;
      else if (g_str_equal (method, "card"))
        summary->revenue_card += amount;
      else
        summary->revenue_other += amount;
    }

  for (guint i = 0; i < summary->lines->len; i++)
    {
      MktMarketLine *line = g_ptr_array_index (summary->lines, i);

      summary->items_sold += line->sold;
      summary->revenue += line->revenue;
      summary->cost_of_goods += line->cost_of_goods;
    }

  summary->booth_fee = mkt_record_get_int (summary->event, "booth_fee");
  summary->other_costs = mkt_record_get_int (summary->event, "other_costs");
  summary->profit = summary->revenue - summary->cost_of_goods - summary->booth_fee - summary->other_costs;

  return g_steal_pointer (&summary);
}

/**
 * mkt_market_date_bounds:
 * @year: a year (1 to 9999)
 * @month: its month (1 to 12)
 * @day: the day of the month
 * @tz: (nullable): the time zone whose days count; the local one if %NULL
 * @from_us: (out): the day's first instant, in µs since the epoch
 * @to_us: (out): the next day's first instant
 *
 * A calendar day in @tz, as an instant range for
 * mkt_market_summary_between(): 24 hours, or 23 and 25 on the days the
 * clocks change.
 *
 * Returns: whether the date exists; @from_us and @to_us are left alone
 *   otherwise
 */
gboolean
mkt_market_date_bounds (int         year,
                        int         month,
                        int         day,
                        GTimeZone  *tz,
                        gint64     *from_us,
                        gint64     *to_us)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  GDate next;

  g_return_val_if_fail (from_us != NULL && to_us != NULL, FALSE);

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay)day, (GDateMonth)month, (GDateYear)year))
    return FALSE;

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  g_date_clear (&next, 1);
  g_date_set_dmy (&next, (GDateDay)day, (GDateMonth)month, (GDateYear)year);
  g_date_add_days (&next, 1);

  /* Where the clocks skip midnight, the day starts when they land. */
  start = g_date_time_new (tz, year, month, day, 0, 0, 0);
  end = g_date_time_new (tz, g_date_get_year (&next), g_date_get_month (&next), g_date_get_day (&next), 0, 0, 0);
  if (start == NULL)
    return FALSE;

  *from_us = g_date_time_to_unix (start) * G_USEC_PER_SEC;
  /* The last day GDateTime knows ends where its range does. */
  *to_us = end != NULL ? g_date_time_to_unix (end) * G_USEC_PER_SEC : G_MAXINT64;
  return TRUE;
}

/**
 * mkt_market_day_bounds:
 * @now_us: an instant, in µs since the epoch (mkt_session_now())
 * @tz: (nullable): the time zone whose days count; the local one if %NULL
 * @from_us: (out): the first instant of the day @now_us falls in
 * @to_us: (out): the first instant of the next day
 *
 * "Today" at a stall: the calendar day of @now_us in @tz, as
 * mkt_market_date_bounds() gives it.
 *
 * Returns: whether @now_us is within the years GDateTime knows (1 to 9999)
 */
gboolean
mkt_market_day_bounds (gint64      now_us,
                       GTimeZone  *tz,
                       gint64     *from_us,
                       gint64     *to_us)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) there = NULL;
  gint64 seconds = now_us / G_USEC_PER_SEC;
  int year, month, day;

  g_return_val_if_fail (from_us != NULL && to_us != NULL, FALSE);

  /* Down, not towards zero, before 1970. */
  if (now_us % G_USEC_PER_SEC < 0)
    seconds--;

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  utc = g_date_time_new_from_unix_utc (seconds);
  there = utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
  if (there == NULL)
    return FALSE;

  g_date_time_get_ymd (there, &year, &month, &day);
  return mkt_market_date_bounds (year, month, day, tz, from_us, to_us);
}

/**
 * mkt_market_event_n_days:
 * @event: a market_event row
 *
 * Its days are calendar dates (midnight UTC), the last one included: a
 * weekend fair from Saturday to Sunday has 2.
 *
 * Returns: how many days the market runs, at least 1
 */
guint
mkt_market_event_n_days (MktRecord *event)
{
  gint64 starts, ends;

  g_return_val_if_fail (MKT_IS_RECORD (event), 1);

  starts = mkt_record_get_int (event, "starts_on");
  ends = mkt_record_has (event, "ends_on") ? mkt_record_get_int (event, "ends_on") : starts;
  if (ends <= starts)
    return 1;

  return (guint)MIN ((ends - starts) / (G_USEC_PER_SEC * G_GINT64_CONSTANT (86400)) + 1, G_MAXUINT);
}
