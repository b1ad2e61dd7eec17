/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-inventory-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mkt-array-model.h"
#include "mkt-core.h"
#include "mkt-filter-model.h"
#include "mkt-inventory-view-private.h"
#include "mkt-material-loader.h"
#include "mkt-stock-dialog.h"

/* Rows per page handed over from the loading thread: enough that a large
 * shop arrives in few splices, few enough that each one is quick. */
#define PAGE_SIZE 1000

/* Below this width the colour, kind, reorder level and SKU columns give way
 * to the name, on-hand stock and unit cost. (The filters move into a popover
 * by themselves, in their squeezer.) */
#define NARROW_WIDTH 720

G_DEFINE_FINAL_TYPE (MktInventoryView, mkt_inventory_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_page (MktInventoryView *self)
{
  const char *page;

  if (self->failed)
    page = "error";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    page = self->loading ? "loading" : "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    page = "no-results";
  else
    page = "list";

  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
set_loading (MktInventoryView *self,
             gboolean          loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
filter_items_changed_cb (MktInventoryView *self,
                         guint             position,
                         guint             removed,
                         guint             added,
                         GListModel       *model)
{
  update_page (self);
}

static void
search_changed_cb (MktInventoryView *self,
                   GtkSearchEntry   *entry)
{
  mkt_material_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
stop_search_cb (MktInventoryView *self,
                GtkSearchEntry   *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
filter_search_notify_cb (MktInventoryView *self,
                         GParamSpec       *pspec,
                         MktMaterialFilter *filter)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

/* Cells are plain inscriptions made in C: a search that changes the rows
 * shown makes a screenful of new cells per keystroke, and a builder
 * template per cell made that the larger part of the keystroke. Rows never
 * change in place (an edit replaces the item), so binding is setting text. */
typedef struct
{
  const char *(*text) (MktMaterialItem *item);
  int         nat_chars;
  float       xalign;
  gboolean    numeric;
} Cell;

static const Cell name_cell = { mkt_material_item_get_name, 24, 0, FALSE };
static const Cell kind_cell = { mkt_material_item_get_kind, 9, 0, FALSE };
static const Cell colour_cell = { mkt_material_item_get_colour, 14, 0, FALSE };
static const Cell on_hand_cell = { mkt_material_item_get_on_hand, 10, 1, TRUE };
static const Cell unit_cost_cell = { mkt_material_item_get_unit_cost, 16, 1, TRUE };
static const Cell reorder_level_cell = { mkt_material_item_get_reorder_level, 10, 1, TRUE };
static const Cell sku_cell = { mkt_material_item_get_sku, 10, 0, FALSE };

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               const Cell               *cell)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), cell->nat_chars);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), cell->xalign);
  if (cell->numeric)
    gtk_widget_add_css_class (inscription, "numeric");
  /* For the context menu: which row was clicked. */
  g_object_set_data (G_OBJECT (inscription), "mkt-list-item", list_item);
  gtk_list_item_set_child (list_item, inscription);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              const Cell               *cell)
{
  MktMaterialItem *item = gtk_list_item_get_item (list_item);

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (list_item)), cell->text (item));
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                const Cell               *cell)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (list_item)), NULL);
}

static void
set_cell_factory (GtkColumnViewColumn *column,
                  const Cell          *cell)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer) cell);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) cell);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), (gpointer) cell);
  gtk_column_view_column_set_factory (column, factory);
}

static void
apply_narrow_cb (gpointer user_data)
{
  MktInventoryView *self = user_data;

  self->narrow_idle_id = 0;
  gtk_column_view_column_set_visible (self->colour_column, !self->narrow);
  gtk_column_view_column_set_visible (self->kind_column, !self->narrow);
  gtk_column_view_column_set_visible (self->reorder_level_column, !self->narrow);
  gtk_column_view_column_set_visible (self->sku_column, !self->narrow);
}

static void
mkt_inventory_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  MktInventoryView *self = MKT_INVENTORY_VIEW (widget);

  gtk_widget_measure (self->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
mkt_inventory_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  MktInventoryView *self = MKT_INVENTORY_VIEW (widget);
  gboolean narrow = width < NARROW_WIDTH;

  /* Changing columns queues a resize, which must not happen while being
   * allocated: the columns follow on the next main loop turn. */
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->narrow_idle_id == 0)
        self->narrow_idle_id = g_idle_add_once (apply_narrow_cb, self);
    }

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  if (self->row_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->row_popover));
}

MktMaterialItem *
mkt_inventory_view_get_selected_item (MktInventoryView *self)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (self->column_view);

  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection));
}

static void
row_activated_cb (MktInventoryView *self,
                  guint             position,
                  GtkColumnView    *column_view)
{
  g_autoptr(MktMaterialItem) item = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "material.edit", "s", mkt_material_item_get_id (item));
}

/* Delete means the selected row only while the list has the focus: in the
 * search entry it deletes text. */
static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MktInventoryView *self = MKT_INVENTORY_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  MktMaterialItem *item = mkt_inventory_view_get_selected_item (self);

  if (item == NULL || focus == NULL ||
      (focus != GTK_WIDGET (self->column_view) && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view))))
    return;

  gtk_widget_activate_action (widget, "material.delete", "s", mkt_material_item_get_id (item));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  mkt_inventory_view_focus_search (MKT_INVENTORY_VIEW (widget));
}

static void
mkt_inventory_view_dispose (GObject *object)
{
  MktInventoryView *self = (MktInventoryView *)object;

  g_clear_handle_id (&self->narrow_idle_id, g_source_remove);
  g_clear_pointer (&self->row_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_INVENTORY_VIEW);

  G_OBJECT_CLASS (mkt_inventory_view_parent_class)->dispose (object);
}

static void
mkt_inventory_view_finalize (GObject *object)
{
  MktInventoryView *self = (MktInventoryView *)object;

  g_clear_pointer (&self->category_ids, g_strfreev);

  G_OBJECT_CLASS (mkt_inventory_view_parent_class)->finalize (object);
}

static void
mkt_inventory_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MktInventoryView *self = MKT_INVENTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, mkt_inventory_view_get_search (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_inventory_view_class_init (MktInventoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mkt_inventory_view_dispose;
  object_class->finalize = mkt_inventory_view_finalize;
  object_class->get_property = mkt_inventory_view_get_property;

  widget_class->measure = mkt_inventory_view_measure;
  widget_class->size_allocate = mkt_inventory_view_size_allocate;

  /* Whether rows are still being read. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The search the list shows the results of (the entry's text once its
   * typing delay has passed), or %NULL. */
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MKT_TYPE_ARRAY_MODEL);
  g_type_ensure (MKT_TYPE_FILTER_MODEL);
  g_type_ensure (MKT_TYPE_MATERIAL_ITEM);
  g_type_ensure (MKT_TYPE_MATERIAL_FILTER);
  g_type_ensure (ADW_TYPE_SQUEEZER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-inventory-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, box);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, filter_box);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, low_stock_button);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, narrow_kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, narrow_category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, narrow_low_stock_button);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, row_menu);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, error_page);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, column_view);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, name_column);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, colour_column);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, kind_column);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, on_hand_column);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, unit_cost_column);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, reorder_level_column);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, sku_column);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, store);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, sort_model);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, filter_model);
  gtk_widget_class_bind_template_child (widget_class, MktInventoryView, filter);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_search_notify_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "kind_selected_cb",
                                                G_CALLBACK (mkt_inventory_view_kind_selected_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "category_selected_cb",
                                                G_CALLBACK (mkt_inventory_view_category_selected_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "low_stock_toggled_cb",
                                                G_CALLBACK (mkt_inventory_view_low_stock_toggled_cb));

  gtk_widget_class_install_action (widget_class, "inventory.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "inventory.search", NULL);
  gtk_widget_class_install_action (widget_class, "inventory.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "inventory.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "inventory.delete-selected", NULL);

  /* Stock movements of a material, from anywhere inside the page (the
   * dialogs find the window through the page's root). */
  gtk_widget_class_install_action (widget_class, "material.purchase", "s", mkt_stock_dialog_action);
  gtk_widget_class_install_action (widget_class, "material.adjust", "s", mkt_stock_dialog_action);
  gtk_widget_class_install_action (widget_class, "material.count", "s", mkt_stock_dialog_action);
  gtk_widget_class_install_action (widget_class, "inventory.edit-selected", NULL,
                                   mkt_inventory_view_selected_action);
  gtk_widget_class_install_action (widget_class, "inventory.purchase-selected", NULL,
                                   mkt_inventory_view_selected_action);
  gtk_widget_class_install_action (widget_class, "inventory.adjust-selected", NULL,
                                   mkt_inventory_view_selected_action);
  gtk_widget_class_install_action (widget_class, "inventory.count-selected", NULL,
                                   mkt_inventory_view_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "inventory.purchase-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "inventory.adjust-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "inventory.count-selected", NULL);
  gtk_widget_class_install_action (widget_class, "inventory.menu-selected", NULL,
                                   mkt_inventory_view_menu_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "inventory.menu-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "inventory.menu-selected", NULL);

  gtk_widget_class_set_css_name (widget_class, "inventoryview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mkt_inventory_view_init (MktInventoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  set_cell_factory (self->name_column, &name_cell);
  set_cell_factory (self->kind_column, &kind_cell);
  set_cell_factory (self->colour_column, &colour_cell);
  set_cell_factory (self->on_hand_column, &on_hand_cell);
  set_cell_factory (self->unit_cost_column, &unit_cost_cell);
  set_cell_factory (self->reorder_level_column, &reorder_level_cell);
  set_cell_factory (self->sku_column, &sku_cell);
  mkt_inventory_view_init_stock (self);

  /* The column headers sort what the filter then narrows: a new search
   * never sorts again. */
  gtk_sort_list_model_set_sorter (self->sort_model, gtk_column_view_get_sorter (self->column_view));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  update_page (self);
}

GtkWidget *
mkt_inventory_view_new (void)
{
  return g_object_new (MKT_TYPE_INVENTORY_VIEW, NULL);
}

static void
page_cb (gpointer   source_object,
         GPtrArray *items)
{
  MktInventoryView *self = MKT_INVENTORY_VIEW (source_object);

  mkt_array_model_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                          items->pdata, items->len);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  MktInventoryView *self = MKT_INVENTORY_VIEW (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) category_ids = NULL;
  g_auto(GStrv) category_names = NULL;
  gboolean demo_loaded = FALSE;

  if (!mkt_material_load_finish (result, &demo_loaded, &category_ids, &category_names, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Could not read the materials: %s", error->message);
          adw_status_page_set_description (self->error_page, error->message);
          self->failed = TRUE;
          set_loading (self, FALSE);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  mkt_inventory_view_set_categories (self, category_ids, category_names);
  set_loading (self, FALSE);
  g_task_set_task_data (task, GINT_TO_POINTER (demo_loaded), NULL);
  g_task_return_boolean (task, TRUE);
}

/**
 * mkt_inventory_view_load_async:
 * @self: a view
 * @db_path: the database file
 * @demo_if_new: load the demo shop into a business made now
 * @cancellable: (nullable): the window's cancellable
 * @callback: called once every row is shown
 * @user_data: for @callback
 *
 * Shows the materials of @db_path, read on a worker thread; rows appear as
 * they arrive.
 */
void
mkt_inventory_view_load_async (MktInventoryView    *self,
                               const char          *db_path,
                               gboolean             demo_if_new,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MKT_IS_INVENTORY_VIEW (self));
  g_return_if_fail (db_path != NULL);
  g_return_if_fail (!self->loading);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mkt_inventory_view_load_async);

  self->failed = FALSE;
  mkt_array_model_remove_all (self->store);
  set_loading (self, TRUE);

  mkt_material_load_async (self, db_path, demo_if_new, PAGE_SIZE, page_cb,
                           cancellable, load_cb, task);
}

/**
 * mkt_inventory_view_load_finish:
 * @self: a view
 * @result: the result given to the callback
 * @out_demo_loaded: (out) (optional): whether the demo shop was loaded now
 * @error: return location for an error
 *
 * Returns: %TRUE when every row was read
 */
gboolean
mkt_inventory_view_load_finish (MktInventoryView  *self,
                                GAsyncResult      *result,
                                gboolean          *out_demo_loaded,
                                GError           **error)
{
  g_return_val_if_fail (MKT_IS_INVENTORY_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (out_demo_loaded != NULL)
    *out_demo_loaded = GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
mkt_inventory_view_get_loading (MktInventoryView *self)
{
  g_return_val_if_fail (MKT_IS_INVENTORY_VIEW (self), FALSE);

  return self->loading;
}

/**
 * mkt_inventory_view_get_model:
 * @self: a view
 *
 * Returns: (transfer none): the rows shown, sorted and filtered, of
 *   #MktMaterialItem
 */
GListModel *
mkt_inventory_view_get_model (MktInventoryView *self)
{
  g_return_val_if_fail (MKT_IS_INVENTORY_VIEW (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

/**
 * mkt_inventory_view_get_search:
 * @self: a view
 *
 * Returns: (nullable): the search whose results are shown, or %NULL
 */
const char *
mkt_inventory_view_get_search (MktInventoryView *self)
{
  g_return_val_if_fail (MKT_IS_INVENTORY_VIEW (self), NULL);

  return mkt_material_filter_get_search (self->filter);
}

/**
 * mkt_inventory_view_get_search_entry:
 * @self: a view
 *
 * Returns: (transfer none): where people type a search
 */
GtkEditable *
mkt_inventory_view_get_search_entry (MktInventoryView *self)
{
  g_return_val_if_fail (MKT_IS_INVENTORY_VIEW (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

void
mkt_inventory_view_focus_search (MktInventoryView *self)
{
  g_return_if_fail (MKT_IS_INVENTORY_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static gboolean
find_id (MktArrayModel *store,
         const char    *id,
         guint         *out_position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    {
      MktMaterialItem *item = mkt_array_model_peek (store, i);

      if (g_strcmp0 (mkt_material_item_get_id (item), id) == 0)
        {
          *out_position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * mkt_inventory_view_set_item:
 * @self: a view
 * @item: a row
 *
 * Shows @item in place of the row of the same material, or as a new row;
 * the list sorts and filters it like the others.
 */
void
mkt_inventory_view_set_item (MktInventoryView *self,
                             MktMaterialItem  *item)
{
  guint position;

  g_return_if_fail (MKT_IS_INVENTORY_VIEW (self));
  g_return_if_fail (MKT_IS_MATERIAL_ITEM (item));

  if (find_id (self->store, mkt_material_item_get_id (item), &position))
    mkt_array_model_splice (self->store, position, 1, (gpointer *)&item, 1);
  else
    mkt_array_model_append (self->store, item);
}

/**
 * mkt_inventory_view_remove_item:
 * @self: a view
 * @id: a material's id
 *
 * Returns: whether a row of @id was shown (and is gone now)
 */
gboolean
mkt_inventory_view_remove_item (MktInventoryView *self,
                                const char       *id)
{
  guint position;

  g_return_val_if_fail (MKT_IS_INVENTORY_VIEW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!find_id (self->store, id, &position))
    return FALSE;

  mkt_array_model_remove (self->store, position);
  return TRUE;
}

/**
 * mkt_inventory_view_select_item:
 * @self: a view
 * @id: a material's id
 *
 * Selects the row of @id and scrolls it into view, if it is shown.
 *
 * Returns: whether the row is shown
 */
gboolean
mkt_inventory_view_select_item (MktInventoryView *self,
                                const char       *id)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (MKT_IS_INVENTORY_VIEW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  model = G_LIST_MODEL (self->filter_model);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MktMaterialItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (mkt_material_item_get_id (item), id) == 0)
        {
          gtk_selection_model_select_item (gtk_column_view_get_model (self->column_view), i, TRUE);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * mkt_inventory_view_get_column_view:
 * @self: a view
 *
 * Returns: (transfer none): the list of materials
 */
GtkColumnView *
mkt_inventory_view_get_column_view (MktInventoryView *self)
{
  g_return_val_if_fail (MKT_IS_INVENTORY_VIEW (self), NULL);

  return self->column_view;
}

