/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-time"

#include "config.h"

#include <string.h>

#include "mkt-error.h"
#include "mkt-time.h"

/**
 * mkt_timestamp_format:
 * @usec: microseconds since the Unix epoch
 *
 * Formats @usec as ISO 8601 in UTC, with a fraction only where the time has
 * one: "2026-11-26T09:10:00Z", "2026-11-26T09:10:00.250000Z".
 *
 * Returns: (transfer full): the text
 */
char *
mkt_timestamp_format (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  gint64 fraction = usec % G_USEC_PER_SEC;

  if (fraction < 0)
    {
      g_clear_pointer (&dt, g_date_time_unref);
      dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC - 1);
      fraction += G_USEC_PER_SEC;
    }

  if (dt == NULL)
    return g_strdup ("invalid");

  if (fraction == 0)
    return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
  else
    {
      g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
      return g_strdup_printf ("%s.%06" G_GINT64_FORMAT "Z", base, fraction);
    }
}

static void
put_digits (char   *out,
            gint64  value,
            int     width)
{
  for (int i = width - 1; i >= 0; i--)
    {
      out[i] = '0' + value % 10;
      value /= 10;
    }
}

/**
 * mkt_timestamp_append:
 * @out: where to write
 * @usec: microseconds since the Unix epoch
 *
 * Appends mkt_timestamp_format()'s text for @usec, without allocating for
 * the years 1000 to 9999 (lists write several times a row).
 */
void
mkt_timestamp_append (GString *out,
                      gint64   usec)
{
  /* 1000-01-01 and 10000-01-01 in seconds since the epoch. */
  const gint64 low = G_GINT64_CONSTANT (-30610224000), high = G_GINT64_CONSTANT (253402300800);
  gint64 seconds = usec / G_USEC_PER_SEC, fraction = usec % G_USEC_PER_SEC;
  gint64 days, rest, era, doe, yoe, doy, mp, year, month, day;
  char buffer[32];
  int length;

  if (fraction < 0)
    {
      seconds--;
      fraction += G_USEC_PER_SEC;
    }
  if (seconds < low || seconds >= high)
    {
      g_autofree char *text = mkt_timestamp_format (usec);

      g_string_append (out, text);
      return;
    }

  /* Days to a civil date (H. Hinnant's days_from_civil, inverted). */
  days = seconds / 86400;
  rest = seconds % 86400;
  if (rest < 0)
    {
      days--;
      rest += 86400;
    }
  days += 719468;
  era = (days >= 0 ? days : days - 146096) / 146097;
  doe = days - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = yoe + era * 400 + (month <= 2);

  /* "YYYY-MM-DDTHH:MM:SS.ffffffZ", digits by hand: printf costs more than
   * the rest of a row. */
  put_digits (buffer, year, 4);
  buffer[4] = '-';
  put_digits (buffer + 5, month, 2);
  buffer[7] = '-';
  put_digits (buffer + 8, day, 2);
  buffer[10] = 'T';
  put_digits (buffer + 11, rest / 3600, 2);
  buffer[13] = ':';
  put_digits (buffer + 14, rest / 60 % 60, 2);
  buffer[16] = ':';
  put_digits (buffer + 17, rest % 60, 2);
  length = 19;
  if (fraction != 0)
    {
      buffer[19] = '.';
      put_digits (buffer + 20, fraction, 6);
      length = 26;
    }
  buffer[length++] = 'Z';
  g_string_append_len (out, buffer, length);
}

/**
 * mkt_timestamp_parse:
 * @text: an ISO 8601 date and time ("2026-11-26T09:10:00Z",
 *   "2026-11-26 10:10+01:00") or a date alone ("2026-11-26", midnight UTC)
 * @out_usec: (out): microseconds since the Unix epoch
 * @error: return location for a %MKT_VALUE_ERROR
 *
 * A time without a zone is taken as UTC.
 */
gboolean
mkt_timestamp_parse (const char  *text,
                     gint64      *out_usec,
                     GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *copy = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_usec != NULL, FALSE);

  copy = g_strstrip (g_strdup (text));

  if (strlen (copy) == 10)
    {
      g_autofree char *full = g_strconcat (copy, "T00:00:00", NULL);
      dt = g_date_time_new_from_iso8601 (full, utc);
    }
  else
    {
      /* GLib wants the "T"; people type a space. */
      if (strlen (copy) > 10 && copy[10] == ' ')
        copy[10] = 'T';
      dt = g_date_time_new_from_iso8601 (copy, utc);
    }

  if (dt == NULL)
    {
      g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_INVALID,
                   "“%s” is not a date (use 2026-11-26 or 2026-11-26T09:30:00Z)", text);
      return FALSE;
    }

  *out_usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}
