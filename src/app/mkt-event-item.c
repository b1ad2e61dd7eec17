/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-event-item"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-event-item.h"

/* One market event as the list of events shows it. Dates are days: the
 * core keeps them as midnight UTC, so they are shown in UTC too, or an
 * event on the 5th would show on the 4th west of Greenwich. */

struct _MktEventItem
{
  GObject   parent_instance;

  char     *id;
  char     *name;
  char     *dates;
  char     *venue;
  gint64    starts;
  gboolean  upcoming;
};

G_DEFINE_FINAL_TYPE (MktEventItem, mkt_event_item, G_TYPE_OBJECT)

static void
mkt_event_item_finalize (GObject *object)
{
  MktEventItem *self = (MktEventItem *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->dates, g_free);
  g_clear_pointer (&self->venue, g_free);

  G_OBJECT_CLASS (mkt_event_item_parent_class)->finalize (object);
}

static void
mkt_event_item_class_init (MktEventItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mkt_event_item_finalize;
}

static void
mkt_event_item_init (MktEventItem *self)
{
}

static char *
format_day (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  /* Translators: a market's day, see g_date_time_format() */
  return dt != NULL ? g_date_time_format (dt, _("%a %-d %b %Y")) : g_strdup ("");
}

/**
 * mkt_event_format_dates:
 * @event: a market_event row
 *
 * Returns: (transfer full): its day, or its first and last day
 */
char *
mkt_event_format_dates (MktRecord *event)
{
  g_autofree char *starts = format_day (mkt_record_get_int (event, "starts_on"));
  g_autofree char *ends = NULL;

  if (mkt_record_has (event, "ends_on"))
    ends = format_day (mkt_record_get_int (event, "ends_on"));

  if (ends == NULL || g_str_equal (starts, ends))
    return g_steal_pointer (&starts);

  /* Translators: the first and last day of a market */
  return g_strdup_printf (_("%s – %s"), starts, ends);
}

/**
 * mkt_event_today:
 *
 * Returns: today's date here, as the core keeps days (midnight UTC)
 */
gint64
mkt_event_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_utc (g_date_time_get_year (now),
                                                    g_date_time_get_month (now),
                                                    g_date_time_get_day_of_month (now), 0, 0, 0);

  return g_date_time_to_unix (today) * G_USEC_PER_SEC;
}

/**
 * mkt_event_format_money:
 * @amount: in minor units
 * @currency: the business's currency
 *
 * Returns: (transfer full): the amount with its currency, "24.00 EUR"
 */
char *
mkt_event_format_money (MktMoney    amount,
                        const char *currency)
{
  g_autofree char *text = mkt_money_format (amount, currency);

  /* Translators: an amount and its currency code, "24.00 EUR" */
  return g_strdup_printf (_("%s %s"), text, currency);
}

/**
 * mkt_event_item_new:
 * @event: a market_event row
 * @today: from mkt_event_today()
 *
 * Returns: (transfer full): the item
 */
MktEventItem *
mkt_event_item_new (MktRecord *event,
                    gint64     today)
{
  MktEventItem *self;
  gint64 last_day;

  g_return_val_if_fail (MKT_IS_RECORD (event), NULL);

  self = g_object_new (MKT_TYPE_EVENT_ITEM, NULL);
  self->id = g_strdup (mkt_record_get_id (event));
  self->name = g_strdup (mkt_record_get_title (event));
  self->dates = mkt_event_format_dates (event);
  self->venue = g_strdup (mkt_record_get_string (event, "venue"));
  self->starts = mkt_record_get_int (event, "starts_on");
  last_day = mkt_record_has (event, "ends_on") ? mkt_record_get_int (event, "ends_on") : self->starts;
  self->upcoming = last_day >= today;

  return self;
}

const char *
mkt_event_item_get_id (MktEventItem *self)
{
  g_return_val_if_fail (MKT_IS_EVENT_ITEM (self), NULL);
  return self->id;
}

const char *
mkt_event_item_get_name (MktEventItem *self)
{
  g_return_val_if_fail (MKT_IS_EVENT_ITEM (self), NULL);
  return self->name;
}

const char *
mkt_event_item_get_dates (MktEventItem *self)
{
  g_return_val_if_fail (MKT_IS_EVENT_ITEM (self), NULL);
  return self->dates;
}

/**
 * mkt_event_item_get_venue:
 * @self: an item
 *
 * Returns: (nullable): where the market is
 */
const char *
mkt_event_item_get_venue (MktEventItem *self)
{
  g_return_val_if_fail (MKT_IS_EVENT_ITEM (self), NULL);
  return self->venue;
}

gint64
mkt_event_item_get_starts (MktEventItem *self)
{
  g_return_val_if_fail (MKT_IS_EVENT_ITEM (self), 0);
  return self->starts;
}

/**
 * mkt_event_item_is_upcoming:
 * @self: an item
 *
 * Returns: whether the market's last day is today or later
 */
gboolean
mkt_event_item_is_upcoming (MktEventItem *self)
{
  g_return_val_if_fail (MKT_IS_EVENT_ITEM (self), FALSE);
  return self->upcoming;
}
