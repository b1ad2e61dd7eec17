/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mkt-material-item.h"

G_BEGIN_DECLS

#define MKT_TYPE_INVENTORY_VIEW (mkt_inventory_view_get_type ())

G_DECLARE_FINAL_TYPE (MktInventoryView, mkt_inventory_view, MKT, INVENTORY_VIEW, GtkWidget)

GtkWidget      *mkt_inventory_view_new              (void);
void            mkt_inventory_view_load_async       (MktInventoryView     *self,
                                                     const char           *db_path,
                                                     gboolean              demo_if_new,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        mkt_inventory_view_load_finish      (MktInventoryView     *self,
                                                     GAsyncResult         *result,
                                                     gboolean             *out_demo_loaded,
                                                     GError              **error);
gboolean        mkt_inventory_view_get_loading      (MktInventoryView     *self);
GListModel     *mkt_inventory_view_get_model        (MktInventoryView     *self);
const char     *mkt_inventory_view_get_search       (MktInventoryView     *self);
GtkEditable    *mkt_inventory_view_get_search_entry (MktInventoryView     *self);
void            mkt_inventory_view_focus_search     (MktInventoryView     *self);
void            mkt_inventory_view_set_item         (MktInventoryView     *self,
                                                     MktMaterialItem      *item);
gboolean        mkt_inventory_view_remove_item      (MktInventoryView     *self,
                                                     const char           *id);
gboolean        mkt_inventory_view_select_item      (MktInventoryView     *self,
                                                     const char           *id);
GtkColumnView  *mkt_inventory_view_get_column_view  (MktInventoryView     *self);
GtkWidget      *mkt_inventory_view_get_filter_widget (MktInventoryView    *self,
                                                     const char           *name);
const char * const *mkt_inventory_view_get_category_ids (MktInventoryView *self);
GtkWidget      *mkt_inventory_view_get_row_menu     (MktInventoryView     *self);

G_END_DECLS
