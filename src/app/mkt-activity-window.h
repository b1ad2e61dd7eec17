/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MKT_TYPE_ACTIVITY_WINDOW (mkt_activity_window_get_type ())

G_DECLARE_FINAL_TYPE (MktActivityWindow, mkt_activity_window, MKT, ACTIVITY_WINDOW, AdwWindow)

MktActivityWindow *mkt_activity_window_new         (GtkWindow         *parent,
                                                    const char        *db_path);
void               mkt_activity_window_reload      (MktActivityWindow *self);
gboolean           mkt_activity_window_get_loading (MktActivityWindow *self);
GListModel        *mkt_activity_window_get_model   (MktActivityWindow *self);
GtkListView       *mkt_activity_window_get_list    (MktActivityWindow *self);
GtkDropDown       *mkt_activity_window_get_filter  (MktActivityWindow *self);
const char        *mkt_activity_window_get_entity  (MktActivityWindow *self);
gboolean           mkt_activity_window_set_entity  (MktActivityWindow *self,
                                                    const char        *entity);

G_END_DECLS
