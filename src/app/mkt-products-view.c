/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-products-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mkt-products-view.h"

struct _MktProductsView
{
  GtkWidget  parent_instance;
};

G_DEFINE_FINAL_TYPE (MktProductsView, mkt_products_view, GTK_TYPE_WIDGET)

static void
mkt_products_view_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), MKT_TYPE_PRODUCTS_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (mkt_products_view_parent_class)->dispose (object);
}

static void
mkt_products_view_class_init (MktProductsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mkt_products_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-products-view.ui");
}

static void
mkt_products_view_init (MktProductsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
