/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-core.h"
#include "mkt-product-detail.h"
#include "mkt-product-make-dialog.h"
#include "mkt-products-view.h"
#include "mkt-window.h"

G_BEGIN_DECLS

struct _MktProductsView
{
  GtkWidget             parent_instance;

  /* Template children */
  AdwLeaflet           *leaflet;
  GtkWidget            *list_page;
  GtkToggleButton      *products_toggle;
  GtkToggleButton      *components_toggle;
  GtkSearchEntry       *search_entry;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
  GtkListView          *list_view;
  GListStore           *store;
  GtkFilterListModel   *filter_model;
  GtkStringFilter      *kind_filter;
  GtkStringFilter      *search_filter;
  GtkSingleSelection   *selection;
  MktProductDetail     *detail;

  /* Weak: the window while the view is in it, and the open run dialog. */
  MktWindow            *window;
  MktProductMakeDialog *make_dialog;
  gulong                ready_handler;
  gulong                changed_handler;
  GtkEventController   *shortcuts;
  GSimpleActionGroup   *actions;

  /* What recipes can use, of MktProductChoice. */
  GListStore           *choices;

  /* The load running, and what it has read while an older list shows. */
  GCancellable         *cancellable;
  GPtrArray            *pending;
  guint                 load_idle_id;

  guint                 loading : 1;
  guint                 loaded_once : 1;
  guint                 failed : 1;
  guint                 selecting : 1;
};

void          mkt_products_view_update_page    (MktProductsView      *self);
void          mkt_products_view_set_loading    (MktProductsView      *self,
                                                gboolean              loading);
void          mkt_products_view_queue_load     (MktProductsView      *self);
void          mkt_products_view_select_quietly (MktProductsView      *self,
                                                const char           *id);

GActionGroup *mkt_product_actions_new       (MktProductsView      *self);
void          mkt_product_actions_update    (MktProductsView      *self);

MktSession   *mkt_products_view_get_session (MktProductsView      *self,
                                             GError              **error);
void          mkt_products_view_toast       (MktProductsView      *self,
                                             AdwToast             *toast);
void          mkt_products_view_error_toast (MktProductsView      *self,
                                             const GError         *error);
void          mkt_products_view_open        (MktProductsView      *self,
                                             const MktEntitySpec  *spec,
                                             const char           *id);
void          mkt_products_view_closed      (MktProductsView      *self,
                                             const char           *id);

G_END_DECLS
