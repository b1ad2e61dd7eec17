/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-core.h"
#include "mkt-inventory-view.h"
#include "mkt-material-editor.h"

G_BEGIN_DECLS

#define MKT_TYPE_WINDOW (mkt_window_get_type ())

G_DECLARE_FINAL_TYPE (MktWindow, mkt_window, MKT, WINDOW, AdwApplicationWindow)

MktWindow        *mkt_window_new                (GtkApplication *application,
                                                 const char     *db_path);
const char       *mkt_window_get_db_path        (MktWindow      *self);
MktInventoryView *mkt_window_get_inventory_view (MktWindow      *self);
void              mkt_window_add_toast          (MktWindow      *self,
                                                 AdwToast       *toast);
void              mkt_window_add_undo_toast     (MktWindow      *self,
                                                 const char     *title,
                                                 const char     *action_name,
                                                 const char     *id);
AdwToast          *mkt_window_get_last_toast    (MktWindow      *self);
MktMaterialEditor *mkt_window_get_editor        (MktWindow      *self);
gboolean           mkt_window_get_ready         (MktWindow      *self);
MktSession        *mkt_window_get_session       (MktWindow      *self,
                                                 GError        **error);
void               mkt_window_data_changed      (MktWindow      *self,
                                                 const char     *entity);
void               mkt_window_show_page         (MktWindow      *self,
                                                 const char     *name);
GtkWidget         *mkt_window_get_page          (MktWindow      *self,
                                                 const char     *name);

G_END_DECLS
