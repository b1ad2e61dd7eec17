/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mkt-core.h"

G_BEGIN_DECLS

#define MKT_TYPE_EVENT_PAGE (mkt_event_page_get_type ())

G_DECLARE_FINAL_TYPE (MktEventPage, mkt_event_page, MKT, EVENT_PAGE, GtkWidget)

void                    mkt_event_page_set_event_id     (MktEventPage *self,
                                                         const char   *event_id);
const char             *mkt_event_page_get_event_id     (MktEventPage *self);
void                    mkt_event_page_reload           (MktEventPage *self);
void                    mkt_event_page_products_changed (MktEventPage *self);
gboolean                mkt_event_page_get_loading      (MktEventPage *self);
const MktMarketSummary *mkt_event_page_get_summary      (MktEventPage *self);
gboolean                mkt_event_page_add_product      (MktEventPage *self,
                                                         const char   *product_id);
GtkWidget              *mkt_event_page_get_picker       (MktEventPage *self);
GtkWidget              *mkt_event_page_get_line_widget  (MktEventPage *self,
                                                         const char   *product_id,
                                                         const char   *part);
const char             *mkt_event_page_get_summary_text (MktEventPage *self,
                                                         const char   *key);

G_END_DECLS
