/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MKT_TYPE_DASHBOARD_VIEW (mkt_dashboard_view_get_type ())

G_DECLARE_FINAL_TYPE (MktDashboardView, mkt_dashboard_view, MKT, DASHBOARD_VIEW, GtkWidget)

G_END_DECLS
