/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mkt-bar-chart.h"

G_BEGIN_DECLS

#define MKT_TYPE_DASHBOARD_VIEW (mkt_dashboard_view_get_type ())

G_DECLARE_FINAL_TYPE (MktDashboardView, mkt_dashboard_view, MKT, DASHBOARD_VIEW, GtkWidget)

gboolean      mkt_dashboard_view_get_loading    (MktDashboardView *self);
void          mkt_dashboard_view_reload         (MktDashboardView *self);
const char   *mkt_dashboard_view_get_state      (MktDashboardView *self);
const char   *mkt_dashboard_view_get_stat       (MktDashboardView *self,
                                                 const char       *name);
MktBarChart  *mkt_dashboard_view_get_chart      (MktDashboardView *self);
guint         mkt_dashboard_view_get_n_low_rows (MktDashboardView *self);

G_END_DECLS
