/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-print-sheet.h"
#include "mkt-print-tags.h"
#include "mkt-print-types.h"
#include "mkt-session.h"

G_BEGIN_DECLS

MktPrintSheet *mkt_print_sheet_new_for_event   (MktSession          *session,
                                                const char          *event_id,
                                                GError             **error);
gboolean       mkt_print_market_sheet          (MktSession          *session,
                                                const char          *event_id,
                                                MktPaper             paper,
                                                const char          *path,
                                                GError             **error);

MktPrintTags  *mkt_print_tags_new_for_products (MktSession          *session,
                                                const char * const  *product_ids,
                                                MktTagLayout         layout,
                                                gboolean             with_sku,
                                                GError             **error);
gboolean       mkt_print_price_tags            (MktSession          *session,
                                                const char * const  *product_ids,
                                                MktTagLayout         layout,
                                                gboolean             with_sku,
                                                const char          *path,
                                                GError             **error);

G_END_DECLS
