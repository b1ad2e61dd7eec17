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
