/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mkt-event-editor.h"
#include "mkt-event-page.h"
#include "mkt-stall-window.h"

G_BEGIN_DECLS

#define MKT_TYPE_MARKETS_VIEW (mkt_markets_view_get_type ())

G_DECLARE_FINAL_TYPE (MktMarketsView, mkt_markets_view, MKT, MARKETS_VIEW, GtkWidget)

gboolean        mkt_markets_view_get_loading      (MktMarketsView *self);
GListModel     *mkt_markets_view_get_events       (MktMarketsView *self);
gboolean        mkt_markets_view_select           (MktMarketsView *self,
                                                   const char     *event_id);
MktEventPage   *mkt_markets_view_get_event_page   (MktMarketsView *self);
gboolean        mkt_markets_view_get_showing_list (MktMarketsView *self);
MktEventEditor *mkt_markets_view_get_editor       (MktMarketsView *self);
MktStallWindow *mkt_markets_view_open_stall       (MktMarketsView *self,
                                                   const char     *event_id);
MktStallWindow *mkt_markets_view_get_stall        (MktMarketsView *self);

G_END_DECLS
