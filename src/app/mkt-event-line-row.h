/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-core.h"

G_BEGIN_DECLS

#define MKT_TYPE_EVENT_LINE_ROW (mkt_event_line_row_get_type ())

G_DECLARE_FINAL_TYPE (MktEventLineRow, mkt_event_line_row, MKT, EVENT_LINE_ROW, AdwExpanderRow)

GtkWidget  *mkt_event_line_row_new            (const char          *product_id);
const char *mkt_event_line_row_get_product_id (MktEventLineRow     *self);
void        mkt_event_line_row_update         (MktEventLineRow     *self,
                                               const MktMarketLine *line,
                                               const char          *currency);
void        mkt_event_line_row_show_error     (MktEventLineRow     *self,
                                               const char          *part,
                                               const char          *message);
GtkWidget  *mkt_event_line_row_get_part       (MktEventLineRow     *self,
                                               const char          *part);

G_END_DECLS
