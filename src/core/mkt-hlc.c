/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-hlc"

#include "config.h"

#include "mkt-error.h"
#include "mkt-hlc.h"

/* The string form has room for four hex digits of counter. */
G_STATIC_ASSERT (MKT_HLC_COUNTER_MAX <= 0xFFFF);

struct _MktHlcClock
{
  GMutex        mutex;
  MktClockFunc  now_func;
  gpointer      user_data;
  MktHlc        last;
};

/* Called with clock->mutex held. */
static gint64
read_physical (MktHlcClock *clock)
{
  gint64 ms;

  if (clock->now_func != NULL)
    ms = clock->now_func (clock->user_data);
  else
    ms = g_get_real_time () / 1000;

  /* Keeps the arithmetic below clear of overflow whatever the clock says. */
  return CLAMP (ms, 0, MKT_HLC_WALL_MS_MAX);
}

/*
 * Builds the timestamp (wall_ms, counter), moving on to the next millisecond
 * when the counter has run out so that the result stays greater than
 * whatever it was derived from and still fits the string form.
 */
static MktHlc
make_hlc (gint64  wall_ms,
          guint64 counter)
{
  MktHlc hlc;

  if (counter > MKT_HLC_COUNTER_MAX)
    {
      hlc.wall_ms = wall_ms + 1;
      hlc.counter = 0;
    }
  else
    {
      hlc.wall_ms = wall_ms;
      hlc.counter = (guint32) counter;
    }

  return hlc;
}

/**
 * mkt_hlc_clock_new:
 * @now_func: (nullable): the physical clock, or %NULL for the real time
 * @user_data: (closure now_func): data for @now_func
 *
 * Creates a hybrid logical clock (Kulkarni et al., "Logical Physical Clocks
 * and Consistent Snapshots in Globally Distributed Databases", 2014). It
 * starts at (0, 0); to carry on from a timestamp saved before a restart,
 * pass that timestamp to mkt_hlc_clock_observe().
 *
 * The clock may be shared between threads. @now_func is called with the
 * clock's lock held and must not call back into the clock.
 *
 * Returns: (transfer full): a new clock, free with mkt_hlc_clock_free()
 */
MktHlcClock *
mkt_hlc_clock_new (MktClockFunc now_func,
                   gpointer     user_data)
{
  MktHlcClock *clock = g_new0 (MktHlcClock, 1);

  g_mutex_init (&clock->mutex);
  clock->now_func = now_func;
  clock->user_data = user_data;

  return clock;
}

/**
 * mkt_hlc_clock_free:
 * @clock: (nullable) (transfer full): a clock
 *
 * Frees @clock.
 */
void
mkt_hlc_clock_free (MktHlcClock *clock)
{
  if (clock == NULL)
    return;

  g_mutex_clear (&clock->mutex);
  g_free (clock);
}

/**
 * mkt_hlc_clock_now:
 * @clock: a clock
 *
 * Issues a timestamp for a local event. It is greater than every timestamp
 * @clock issued or observed before, even if the physical clock stands still
 * or steps backwards: the counter then counts up within the last wall time,
 * and after %MKT_HLC_COUNTER_MAX the wall time moves on by one millisecond.
 *
 * Returns: the new timestamp
 */
MktHlc
mkt_hlc_clock_now (MktHlcClock *clock)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 pt;

  g_return_val_if_fail (clock != NULL, (MktHlc) { 0 });

  locker = g_mutex_locker_new (&clock->mutex);

  pt = read_physical (clock);

  if (pt > clock->last.wall_ms)
    clock->last = make_hlc (pt, 0);
  else
    clock->last = make_hlc (clock->last.wall_ms, (guint64) clock->last.counter + 1);

  return clock->last;
}

/**
 * mkt_hlc_clock_resume:
 * @clock: a clock
 * @issued: a timestamp this device issued before (the newest in its outbox)
 *
 * Carries the clock on from where this device left it, so that what it
 * issues next is later than anything it issued before. Unlike
 * mkt_hlc_clock_observe() there is no drift check: the device's own past
 * timestamps bind it even if its wall clock was wrong when it made them and
 * has been put right since.
 */
void
mkt_hlc_clock_resume (MktHlcClock *clock,
                      MktHlc       issued)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (clock != NULL);

  locker = g_mutex_locker_new (&clock->mutex);
  if (mkt_hlc_compare (issued, clock->last) > 0)
    clock->last = issued;
}

/**
 * mkt_hlc_clock_observe:
 * @clock: a clock
 * @remote: a timestamp received from another device
 * @error: return location for an error
 *
 * Merges @remote into @clock (the receive rule of the HLC algorithm), so
 * that later calls to mkt_hlc_clock_now() return timestamps greater than
 * @remote. The observed state itself is greater than both the previous state
 * and @remote.
 *
 * A @remote more than %MKT_HLC_MAX_DRIFT_MS ahead of the local physical
 * clock is refused: accepting it would drag every later local timestamp that
 * far into the future.
 *
 * Returns: %TRUE if @remote was merged; %FALSE with
 *   %MKT_VALUE_ERROR_OUT_OF_RANGE if it is too far ahead or is not a
 *   timestamp the string form can hold, leaving @clock unchanged
 */
gboolean
mkt_hlc_clock_observe (MktHlcClock  *clock,
                       MktHlc        remote,
                       GError      **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  MktHlc last;
  gint64 pt;
  gint64 wall_ms;
  guint64 counter;

  g_return_val_if_fail (clock != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (remote.wall_ms < 0 || remote.wall_ms > MKT_HLC_WALL_MS_MAX ||
      remote.counter > MKT_HLC_COUNTER_MAX)
    {
      g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OUT_OF_RANGE,
                   "Remote timestamp (%" G_GINT64_FORMAT ", %u) is out of range",
                   remote.wall_ms, remote.counter);
      return FALSE;
    }

  locker = g_mutex_locker_new (&clock->mutex);

  pt = read_physical (clock);

  if (remote.wall_ms - pt > MKT_HLC_MAX_DRIFT_MS)
    {
      g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OUT_OF_RANGE,
                   "Remote timestamp is %" G_GINT64_FORMAT " ms ahead of the "
                   "local clock, more than the %" G_GINT64_FORMAT " ms allowed",
                   remote.wall_ms - pt, MKT_HLC_MAX_DRIFT_MS);
      return FALSE;
    }

  last = clock->last;
  wall_ms = MAX (MAX (last.wall_ms, remote.wall_ms), pt);

  if (wall_ms == last.wall_ms && wall_ms == remote.wall_ms)
    counter = (guint64) MAX (last.counter, remote.counter) + 1;
  else if (wall_ms == last.wall_ms)
    counter = (guint64) last.counter + 1;
  else if (wall_ms == remote.wall_ms)
    counter = (guint64) remote.counter + 1;
  else
    counter = 0;

  clock->last = make_hlc (wall_ms, counter);

  return TRUE;
}

/**
 * mkt_hlc_clock_peek:
 * @clock: a clock
 *
 * Returns: the last timestamp @clock issued or observed, without advancing it
 */
MktHlc
mkt_hlc_clock_peek (MktHlcClock *clock)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (clock != NULL, (MktHlc) { 0 });

  locker = g_mutex_locker_new (&clock->mutex);

  return clock->last;
}

/**
 * mkt_hlc_compare:
 * @a: a timestamp
 * @b: another timestamp
 *
 * Orders timestamps by wall time, then counter.
 *
 * Returns: -1, 0 or 1 as @a is before, equal to or after @b
 */
int
mkt_hlc_compare (MktHlc a,
                 MktHlc b)
{
  if (a.wall_ms != b.wall_ms)
    return a.wall_ms < b.wall_ms ? -1 : 1;

  if (a.counter != b.counter)
    return a.counter < b.counter ? -1 : 1;

  return 0;
}

/**
 * mkt_hlc_to_string:
 * @hlc: a timestamp
 * @out: (out caller-allocates): return location for
 *   %MKT_HLC_STRING_LENGTH characters and a nul byte
 *
 * Formats @hlc as 12 lower-case hex digits of wall time, a dash and 4 hex
 * digits of counter ("018f3a2b4c5d-0001"). The fixed width makes strcmp()
 * order the strings as mkt_hlc_compare() orders the timestamps.
 *
 * @hlc must lie within 0 to %MKT_HLC_WALL_MS_MAX and its counter at most
 * %MKT_HLC_COUNTER_MAX; otherwise @out is set to the empty string.
 */
void
mkt_hlc_to_string (MktHlc hlc,
                   char   out[MKT_HLC_STRING_LENGTH + 1])
{
  g_return_if_fail (out != NULL);

  out[0] = '\0';

  g_return_if_fail (hlc.wall_ms >= 0 && hlc.wall_ms <= MKT_HLC_WALL_MS_MAX);
  g_return_if_fail (hlc.counter <= MKT_HLC_COUNTER_MAX);

  g_snprintf (out, MKT_HLC_STRING_LENGTH + 1, "%012" G_GINT64_MODIFIER "x-%04x",
              hlc.wall_ms, hlc.counter);
}

static gboolean
parse_hex (const char *text,
           guint       n_digits,
           guint64    *out_value)
{
  guint64 value = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      int digit;

      /* Upper case would give a second spelling of the same timestamp and
       * break the strcmp() order. */
      if (g_ascii_isupper (text[i]))
        return FALSE;

      digit = g_ascii_xdigit_value (text[i]);
      if (digit < 0)
        return FALSE;

      value = (value << 4) | (guint64) digit;
    }

  *out_value = value;
  return TRUE;
}

/**
 * mkt_hlc_parse:
 * @text: a string
 * @out_hlc: (out) (optional): return location for the timestamp
 *
 * Parses the form mkt_hlc_to_string() writes, strictly: exactly 17
 * characters, 12 lower-case hex digits, a dash and 4 lower-case hex digits.
 *
 * Returns: %TRUE if @text is a timestamp; on %FALSE @out_hlc is left untouched
 */
gboolean
mkt_hlc_parse (const char *text,
               MktHlc     *out_hlc)
{
  guint64 wall_ms;
  guint64 counter;

  g_return_val_if_fail (text != NULL, FALSE);

  /* parse_hex() stops at a nul byte, so short strings fail before their end
   * is passed. */
  if (!parse_hex (text, 12, &wall_ms) ||
      text[12] != '-' ||
      !parse_hex (text + 13, 4, &counter) ||
      text[MKT_HLC_STRING_LENGTH] != '\0')
    return FALSE;

  if (counter > MKT_HLC_COUNTER_MAX)
    return FALSE;

  if (out_hlc != NULL)
    {
      out_hlc->wall_ms = (gint64) wall_ms;
      out_hlc->counter = (guint32) counter;
    }

  return TRUE;
}
