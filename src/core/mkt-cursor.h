/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "mkt-record.h"
#include "mkt-schema.h"

G_BEGIN_DECLS

char     *mkt_cursor_encode (MktRecord           *last,
                             const MktEntitySpec *spec,
                             const char          *sort_field);
gboolean  mkt_cursor_decode (const char          *cursor,
                             gboolean             has_sort,
                             JsonNode           **out_value,
                             char               **out_id,
                             GError             **error);

G_END_DECLS
