/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MKT_TYPE_BAR_CHART (mkt_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (MktBarChart, mkt_bar_chart, MKT, BAR_CHART, GtkWidget)

GtkWidget  *mkt_bar_chart_new            (void);
void        mkt_bar_chart_set_series     (MktBarChart  *self,
                                          const char   *first,
                                          const char   *second);
void        mkt_bar_chart_remove_all     (MktBarChart  *self);
void        mkt_bar_chart_add_group      (MktBarChart  *self,
                                          const char   *label,
                                          gint64        first,
                                          const char   *first_text,
                                          gint64        second,
                                          const char   *second_text);
guint       mkt_bar_chart_get_n_groups   (MktBarChart  *self);
const char *mkt_bar_chart_get_group_label (MktBarChart *self,
                                          guint         index);
gint64      mkt_bar_chart_get_value      (MktBarChart  *self,
                                          guint         index,
                                          guint         series);
char       *mkt_bar_chart_dup_description (MktBarChart *self);

G_END_DECLS
