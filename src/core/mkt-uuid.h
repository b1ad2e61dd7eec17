/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mkt-hlc.h"

G_BEGIN_DECLS

#define MKT_UUID_STRING_LENGTH 36

char        *mkt_uuid_new_v7            (void);
void         mkt_uuid_generate_v7       (guint8       bytes[16]);
void         mkt_uuid_to_string         (const guint8 bytes[16],
                                         char         out[MKT_UUID_STRING_LENGTH + 1]);
gboolean     mkt_uuid_parse             (const char  *text,
                                         guint8       bytes[16]);
gboolean     mkt_uuid_is_valid          (const char  *text);
gint64       mkt_uuid_get_unix_ms       (const char  *text);

void         mkt_uuid_set_clock_for_testing (MktClockFunc func,
                                             gpointer     user_data);

G_END_DECLS
