/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-inventory-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-inventory-view-private.h"

/*
 * The inventory's filters beside the search (kind, category, low stock)
 * and what acts on the selected row: its context menu and the stock
 * shortcuts.
 */

/* Ctrl+Shift+P, A and C, and the row's context menu: the selected row. */
void
mkt_inventory_view_selected_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  MktInventoryView *self = MKT_INVENTORY_VIEW (widget);
  MktMaterialItem *item = mkt_inventory_view_get_selected_item (self);
  const char *action;

  if (item == NULL)
    return;

  if (g_str_equal (action_name, "inventory.purchase-selected"))
    action = "material.purchase";
  else if (g_str_equal (action_name, "inventory.adjust-selected"))
    action = "material.adjust";
  else if (g_str_equal (action_name, "inventory.count-selected"))
    action = "material.count";
  else
    action = "material.edit";

  gtk_widget_activate_action (widget, action, "s", mkt_material_item_get_id (item));
}

/* The row under the pointer, through the cell's inscription. */
static gboolean
position_at (MktInventoryView *self,
             double            x,
             double            y,
             guint            *out_position)
{
  GtkWidget *widget = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);

  for (; widget != NULL && widget != GTK_WIDGET (self->column_view); widget = gtk_widget_get_parent (widget))
    {
      GtkListItem *list_item = g_object_get_data (G_OBJECT (widget), "mkt-list-item");

      if (list_item != NULL && gtk_list_item_get_item (list_item) != NULL)
        {
          *out_position = gtk_list_item_get_position (list_item);
          return TRUE;
        }
    }

  return FALSE;
}

static void
popup_row_menu (MktInventoryView *self,
                int               x,
                int               y)
{
  if (self->row_popover == NULL)
    {
      self->row_popover = gtk_popover_menu_new_from_model (self->row_menu);
      gtk_widget_set_parent (self->row_popover, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->row_popover), FALSE);
      gtk_widget_set_halign (self->row_popover, GTK_ALIGN_START);
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_popover), &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->row_popover));
}

static void
show_row_menu (MktInventoryView *self,
               double            x,
               double            y)
{
  graphene_point_t point;
  guint position;

  if (!position_at (self, x, y, &position))
    return;

  gtk_selection_model_select_item (gtk_column_view_get_model (self->column_view), position, TRUE);

  if (gtk_widget_compute_point (GTK_WIDGET (self->column_view), GTK_WIDGET (self),
                                &GRAPHENE_POINT_INIT (x, y), &point))
    popup_row_menu (self, (int) point.x, (int) point.y);
}

/* The cell of the row at @position, among the rows made for the screen. */
static GtkWidget *
find_cell (GtkWidget *widget,
           guint      position)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (widget), "mkt-list-item");

  if (list_item != NULL)
    return gtk_list_item_get_item (list_item) != NULL &&
           gtk_list_item_get_position (list_item) == position ? widget : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *cell = find_cell (child, position);

      if (cell != NULL)
        return cell;
    }

  return NULL;
}

/* Shift+F10 and the Menu key: the context menu of the selected row. */
void
mkt_inventory_view_menu_selected_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  MktInventoryView *self = MKT_INVENTORY_VIEW (widget);
  GtkSelectionModel *selection = gtk_column_view_get_model (self->column_view);
  guint position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection));
  GtkWidget *cell;
  graphene_rect_t bounds;

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  cell = find_cell (GTK_WIDGET (self->column_view), position);
  if (cell == NULL || !gtk_widget_compute_bounds (cell, widget, &bounds))
    return;

  popup_row_menu (self, (int) bounds.origin.x, (int) (bounds.origin.y + bounds.size.height));
}

static void
row_pressed_cb (GtkGestureClick  *gesture,
                int               n_press,
                double            x,
                double            y,
                MktInventoryView *self)
{
  GdkEventSequence *sequence = gtk_gesture_single_get_current_sequence (GTK_GESTURE_SINGLE (gesture));
  GdkEvent *event = gtk_gesture_get_last_event (GTK_GESTURE (gesture), sequence);

  if (event == NULL || !gdk_event_triggers_context_menu (event))
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  show_row_menu (self, x, y);
}

void
mkt_inventory_view_kind_selected_cb (MktInventoryView *self,
                                     GParamSpec       *pspec,
                                     GtkDropDown      *dropdown)
{
  const MktFieldSpec *field = mkt_entity_spec_field (&mkt_material_spec, "kind");
  guint selected = gtk_drop_down_get_selected (dropdown);

  /* The first is "All kinds"; the others are the schema's, in order. */
  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 ||
      selected > g_strv_length ((char **)field->choices))
    mkt_material_filter_set_kind (self->filter, NULL);
  else
    mkt_material_filter_set_kind (self->filter, field->choices[selected - 1]);
}

void
mkt_inventory_view_category_selected_cb (MktInventoryView *self,
                                         GParamSpec       *pspec,
                                         GtkDropDown      *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || self->category_ids == NULL ||
      selected > g_strv_length (self->category_ids))
    mkt_material_filter_set_category_id (self->filter, NULL);
  else
    mkt_material_filter_set_category_id (self->filter, self->category_ids[selected - 1]);
}

void
mkt_inventory_view_low_stock_toggled_cb (MktInventoryView *self,
                                         GParamSpec       *pspec,
                                         GtkToggleButton  *button)
{
  mkt_material_filter_set_low_stock (self->filter, gtk_toggle_button_get_active (button));
}

/* The categories the loader read, keeping the one chosen if it is still
 * there. */
void
mkt_inventory_view_set_categories (MktInventoryView *self,
                                   GStrv             ids,
                                   GStrv             names)
{
  g_autofree char *chosen = g_strdup (mkt_material_filter_get_category_id (self->filter));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->categories));
  guint selected = 0;

  g_clear_pointer (&self->category_ids, g_strfreev);
  self->category_ids = g_strdupv (ids);

  for (guint i = 0; chosen != NULL && ids[i] != NULL; i++)
    if (g_str_equal (ids[i], chosen))
      selected = i + 1;

  gtk_string_list_splice (self->categories, 1, n - 1, (const char * const *)names);
  gtk_drop_down_set_selected (self->category_dropdown, selected);
  /* The same position may now be another category. */
  mkt_inventory_view_category_selected_cb (self, NULL, self->category_dropdown);
}

/* The filters: the kinds of the schema, the categories of the business
 * (once read), each after "all"; the narrow popover's copies follow. And
 * the rows' context menu. */
void
mkt_inventory_view_init_stock (MktInventoryView *self)
{
  const MktFieldSpec *kind_field = mkt_entity_spec_field (&mkt_material_spec, "kind");
  GtkGesture *gesture;

  self->kinds = gtk_string_list_new (NULL);
  gtk_string_list_append (self->kinds, _("All kinds"));
  for (guint i = 0; kind_field->choices[i] != NULL; i++)
    gtk_string_list_append (self->kinds, mkt_material_kind_label (kind_field->choices[i]));
  self->categories = gtk_string_list_new (NULL);
  gtk_string_list_append (self->categories, _("All categories"));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (self->kinds));
  gtk_drop_down_set_model (self->narrow_kind_dropdown, G_LIST_MODEL (self->kinds));
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (self->categories));
  gtk_drop_down_set_model (self->narrow_category_dropdown, G_LIST_MODEL (self->categories));
  g_object_unref (self->kinds);
  g_object_unref (self->categories);
  g_object_bind_property (self->kind_dropdown, "selected", self->narrow_kind_dropdown, "selected",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->category_dropdown, "selected", self->narrow_category_dropdown, "selected",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->low_stock_button, "active", self->narrow_low_stock_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (row_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (gesture));
}

/**
 * mkt_inventory_view_get_filter_widget:
 * @self: a view
 * @name: "kind" or "category" (a #GtkDropDown, "All …" first), or
 *   "low-stock" (a #GtkToggleButton)
 *
 * Returns: (transfer none) (nullable): the filter beside the search
 */
GtkWidget *
mkt_inventory_view_get_filter_widget (MktInventoryView *self,
                                      const char       *name)
{
  g_return_val_if_fail (MKT_IS_INVENTORY_VIEW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "kind"))
    return GTK_WIDGET (self->kind_dropdown);
  if (g_str_equal (name, "category"))
    return GTK_WIDGET (self->category_dropdown);
  if (g_str_equal (name, "low-stock"))
    return GTK_WIDGET (self->low_stock_button);

  return NULL;
}

/**
 * mkt_inventory_view_get_category_ids:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the ids of the category filter's
 *   choices after "All categories", in their order
 */
const char * const *
mkt_inventory_view_get_category_ids (MktInventoryView *self)
{
  g_return_val_if_fail (MKT_IS_INVENTORY_VIEW (self), NULL);

  return (const char * const *)self->category_ids;
}

/**
 * mkt_inventory_view_get_row_menu:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the rows' context menu, once shown
 */
GtkWidget *
mkt_inventory_view_get_row_menu (MktInventoryView *self)
{
  g_return_val_if_fail (MKT_IS_INVENTORY_VIEW (self), NULL);

  return self->row_popover;
}
