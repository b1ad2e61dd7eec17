/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MKT_TYPE_PRODUCTS_VIEW (mkt_products_view_get_type ())

G_DECLARE_FINAL_TYPE (MktProductsView, mkt_products_view, MKT, PRODUCTS_VIEW, GtkWidget)

G_END_DECLS
