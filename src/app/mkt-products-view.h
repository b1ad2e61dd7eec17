/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mkt-product-detail.h"
#include "mkt-product-make-dialog.h"

G_BEGIN_DECLS

#define MKT_TYPE_PRODUCTS_VIEW (mkt_products_view_get_type ())

G_DECLARE_FINAL_TYPE (MktProductsView, mkt_products_view, MKT, PRODUCTS_VIEW, GtkWidget)

gboolean              mkt_products_view_get_loading     (MktProductsView *self);
GListModel           *mkt_products_view_get_model       (MktProductsView *self);
gboolean              mkt_products_view_select          (MktProductsView *self,
                                                         const char      *id);
void                  mkt_products_view_show_kind       (MktProductsView *self,
                                                         const char      *kind);
void                  mkt_products_view_focus_search    (MktProductsView *self);
GtkEditable          *mkt_products_view_get_search_entry (MktProductsView *self);
gboolean              mkt_products_view_get_showing_detail (MktProductsView *self);
MktProductDetail     *mkt_products_view_get_detail      (MktProductsView *self);
GtkListView          *mkt_products_view_get_list_view   (MktProductsView *self);
MktProductMakeDialog *mkt_products_view_get_make_dialog (MktProductsView *self);

G_END_DECLS
