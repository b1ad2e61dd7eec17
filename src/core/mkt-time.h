/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char        *mkt_timestamp_format       (gint64        usec);
void         mkt_timestamp_append       (GString      *out,
                                         gint64        usec);
gboolean     mkt_timestamp_parse        (const char   *text,
                                         gint64       *out_usec,
                                         GError      **error);

G_END_DECLS
