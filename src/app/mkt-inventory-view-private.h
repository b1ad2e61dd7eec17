/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-array-model.h"
#include "mkt-core.h"
#include "mkt-filter-model.h"
#include "mkt-inventory-view.h"
#include "mkt-material-filter.h"
#include "mkt-material-item.h"

G_BEGIN_DECLS

struct _MktInventoryView
{
  GtkWidget             parent_instance;

  /* Template children */
  GtkWidget            *box;
  GtkSearchEntry       *search_entry;
  GtkWidget            *filter_box;
  GtkDropDown          *kind_dropdown;
  GtkDropDown          *category_dropdown;
  GtkToggleButton      *low_stock_button;
  GtkWidget            *filter_button;
  GtkDropDown          *narrow_kind_dropdown;
  GtkDropDown          *narrow_category_dropdown;
  GtkCheckButton       *narrow_low_stock_button;
  GMenuModel           *row_menu;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *name_column;
  GtkColumnViewColumn  *colour_column;
  GtkColumnViewColumn  *kind_column;
  GtkColumnViewColumn  *on_hand_column;
  GtkColumnViewColumn  *unit_cost_column;
  GtkColumnViewColumn  *reorder_level_column;
  GtkColumnViewColumn  *sku_column;
  MktArrayModel        *store;
  GtkSortListModel     *sort_model;
  MktFilterModel       *filter_model;
  MktMaterialFilter    *filter;
  GtkStringList        *kinds;
  GtkStringList        *categories;
  /* The ids of the categories after "All categories", in the same order. */
  GStrv                 category_ids;
  GtkWidget            *row_popover;

  guint                 loading : 1;
  guint                 failed : 1;
  guint                 narrow : 1;
  guint                 narrow_idle_id;
};

MktMaterialItem *mkt_inventory_view_get_selected_item    (MktInventoryView *self);

/* mkt-inventory-view-stock.c */
void             mkt_inventory_view_init_stock           (MktInventoryView *self);
void             mkt_inventory_view_set_categories       (MktInventoryView *self,
                                                          GStrv             ids,
                                                          GStrv             names);
void             mkt_inventory_view_kind_selected_cb     (MktInventoryView *self,
                                                          GParamSpec       *pspec,
                                                          GtkDropDown      *dropdown);
void             mkt_inventory_view_category_selected_cb (MktInventoryView *self,
                                                          GParamSpec       *pspec,
                                                          GtkDropDown      *dropdown);
void             mkt_inventory_view_low_stock_toggled_cb (MktInventoryView *self,
                                                          GParamSpec       *pspec,
                                                          GtkToggleButton  *button);
void             mkt_inventory_view_selected_action      (GtkWidget        *widget,
                                                          const char       *action_name,
                                                          GVariant         *parameter);
void             mkt_inventory_view_menu_selected_action (GtkWidget        *widget,
                                                          const char       *action_name,
                                                          GVariant         *parameter);

G_END_DECLS
