/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MktHlc:
 * @wall_ms: physical part, milliseconds since the Unix epoch
 * @counter: logical part, orders events within one @wall_ms
 *
 * A hybrid logical clock timestamp. Compared by (@wall_ms, @counter); ties
 * between devices are broken by the device id, outside this type.
 */
typedef struct
{
  gint64  wall_ms;
  guint32 counter;
} MktHlc;

#define MKT_HLC_STRING_LENGTH 17
#define MKT_HLC_COUNTER_MAX 0xFFFF
/* The largest wall time the 12 hex digits of the string form can hold. */
#define MKT_HLC_WALL_MS_MAX G_GINT64_CONSTANT (0xFFFFFFFFFFFF)
/* How far ahead of the local clock a remote timestamp may be (one hour). */
#define MKT_HLC_MAX_DRIFT_MS (G_GINT64_CONSTANT (60) * 60 * 1000)

/**
 * MktClockFunc:
 * @user_data: closure data
 *
 * Returns: the physical time in milliseconds since the Unix epoch
 */
typedef gint64 (*MktClockFunc) (gpointer user_data);

typedef struct _MktHlcClock MktHlcClock;

MktHlcClock *mkt_hlc_clock_new          (MktClockFunc   now_func,
                                         gpointer       user_data);
void         mkt_hlc_clock_free         (MktHlcClock   *clock);
MktHlc       mkt_hlc_clock_now          (MktHlcClock   *clock);
gboolean     mkt_hlc_clock_observe      (MktHlcClock   *clock,
                                         MktHlc         remote,
                                         GError       **error);
MktHlc       mkt_hlc_clock_peek         (MktHlcClock   *clock);
void         mkt_hlc_clock_resume       (MktHlcClock   *clock,
                                         MktHlc         issued);

int          mkt_hlc_compare            (MktHlc         a,
                                         MktHlc         b);
void         mkt_hlc_to_string          (MktHlc         hlc,
                                         char           out[MKT_HLC_STRING_LENGTH + 1]);
gboolean     mkt_hlc_parse              (const char    *text,
                                         MktHlc        *out_hlc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MktHlcClock, mkt_hlc_clock_free)

G_END_DECLS
