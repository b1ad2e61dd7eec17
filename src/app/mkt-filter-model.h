/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MKT_TYPE_FILTER_MODEL (mkt_filter_model_get_type ())

G_DECLARE_FINAL_TYPE (MktFilterModel, mkt_filter_model, MKT, FILTER_MODEL, GObject)

MktFilterModel *mkt_filter_model_new        (GListModel     *model,
                                             GtkFilter      *filter);
GListModel     *mkt_filter_model_get_model  (MktFilterModel *self);
void            mkt_filter_model_set_model  (MktFilterModel *self,
                                             GListModel     *model);
GtkFilter      *mkt_filter_model_get_filter (MktFilterModel *self);
void            mkt_filter_model_set_filter (MktFilterModel *self,
                                             GtkFilter      *filter);

G_END_DECLS
