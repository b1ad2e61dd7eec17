/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MKT_TYPE_MARKETS_VIEW (mkt_markets_view_get_type ())

G_DECLARE_FINAL_TYPE (MktMarketsView, mkt_markets_view, MKT, MARKETS_VIEW, GtkWidget)

G_END_DECLS
