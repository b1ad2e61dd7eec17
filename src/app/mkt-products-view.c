/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-products-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mkt-product-choice.h"
#include "mkt-product-item.h"
#include "mkt-products-view-private.h"

/*
 * The products page: products and components in a list read on a worker
 * thread when the window is ready (and again when what they show changes),
 * and the one chosen in a detail beside it, or on a page of its own when
 * the window is narrow.
 */

G_DEFINE_FINAL_TYPE (MktProductsView, mkt_products_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the page shows is made of these: a change to any of them can change
 * a cost, a price or what is on hand. */
static const char * const watched_entities[] = {
  "material", "product", "component", "part", "cost", "tenant", "category",
  "stock_movement", "product_movement", "production_run", "sale", NULL
};

/* Loading is true from the moment a change asks for a new read until its
 * rows show. */
void
mkt_products_view_set_loading (MktProductsView *self,
                               gboolean         loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
filter_items_changed_cb (MktProductsView *self,
                         guint            position,
                         guint            removed,
                         guint            added,
                         GListModel      *model)
{
  mkt_products_view_update_page (self);
}

static void
refresh_detail (MktProductsView *self)
{
  g_autoptr(GError) error = NULL;
  MktSession *session;

  if (mkt_product_detail_get_id (self->detail) == NULL)
    return;

  session = mkt_products_view_get_session (self, &error);
  if (session == NULL || !mkt_product_detail_refresh (self->detail, session, &error))
    {
      /* Gone to the trash, by another page or window. */
      if (g_error_matches (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND))
        {
          mkt_products_view_closed (self, mkt_product_detail_get_id (self->detail));
          return;
        }
      mkt_products_view_error_toast (self, error);
    }
}

static void
data_changed_cb (MktProductsView *self,
                 const char      *entity,
                 MktWindow       *window)
{
  if (!g_strv_contains (watched_entities, entity))
    return;

  mkt_products_view_queue_load (self);
  refresh_detail (self);
}

static void
window_ready_cb (MktProductsView *self,
                 GParamSpec      *pspec,
                 MktWindow       *window)
{
  mkt_product_actions_update (self);
  if (mkt_window_get_ready (window))
    mkt_products_view_queue_load (self);
}

static void
selected_item_cb (MktProductsView    *self,
                  GParamSpec         *pspec,
                  GtkSingleSelection *selection)
{
  MktProductItem *item = gtk_single_selection_get_selected_item (selection);

  /* Folded, the list is a page of its own, and choosing the row shown
   * before going back shows it again. */
  if (self->selecting || item == NULL ||
      (g_strcmp0 (mkt_product_item_get_id (item), mkt_product_detail_get_id (self->detail)) == 0 &&
       !adw_leaflet_get_folded (self->leaflet)))
    return;

  mkt_products_view_open (self, mkt_product_item_get_spec (item), mkt_product_item_get_id (item));
}

static void
row_activated_cb (MktProductsView *self,
                  guint            position,
                  GtkListView     *list_view)
{
  g_autoptr(MktProductItem) item = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (item != NULL)
    mkt_products_view_open (self, mkt_product_item_get_spec (item), mkt_product_item_get_id (item));
}

static void
detail_saved_cb (MktProductsView  *self,
                 const char       *id,
                 gboolean          created,
                 MktProductDetail *detail)
{
  /* The list shows it once reloaded; the kind it is shows now. */
  mkt_products_view_show_kind (self, mkt_product_detail_get_spec (detail)->name);
}

static void
kind_toggled_cb (MktProductsView *self,
                 GtkToggleButton *button)
{
  gboolean components = gtk_toggle_button_get_active (self->components_toggle);

  gtk_string_filter_set_search (self->kind_filter, components ? "component" : "product");
  adw_status_page_set_title (self->empty_page, components ? _("No Components") : _("No Products"));
  adw_status_page_set_description (self->empty_page,
                                   components ? _("Parts you make to go into products, each with a recipe of its own")
                                              : _("What you make and sell: add one with +, then its recipe"));
  mkt_products_view_select_quietly (self, mkt_product_detail_get_id (self->detail));
  mkt_products_view_update_page (self);
}

static void
search_changed_cb (MktProductsView *self,
                   GtkSearchEntry  *entry)
{
  gtk_string_filter_set_search (self->search_filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
  mkt_products_view_select_quietly (self, mkt_product_detail_get_id (self->detail));
  mkt_products_view_update_page (self);
}

static void
stop_search_cb (MktProductsView *self,
                GtkSearchEntry  *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
folded_cb (MktProductsView *self,
           GParamSpec      *pspec,
           AdwLeaflet      *leaflet)
{
  mkt_product_detail_set_folded (self->detail, adw_leaflet_get_folded (leaflet));
}

/* Back on the list of a folded page (by the button, a key or a swipe),
 * no row is chosen: choosing one, even the same, opens it. */
static void
visible_child_cb (MktProductsView *self,
                  GParamSpec      *pspec,
                  AdwLeaflet      *leaflet)
{
  if (adw_leaflet_get_folded (leaflet) && adw_leaflet_get_visible_child (leaflet) == self->list_page)
    mkt_products_view_select_quietly (self, NULL);
}

/* Ctrl+N and Ctrl+F mean this page while it shows, wherever the focus is:
 * they reach the window's own shortcuts only when it does not. */
static gboolean
shortcut_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  MktProductsView *self = MKT_PRODUCTS_VIEW (user_data);
  const char *what = g_variant_get_string (args, NULL);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;

  if (g_str_equal (what, "new"))
    return gtk_widget_activate_action (GTK_WIDGET (self), "product.new", NULL);

  mkt_products_view_focus_search (self);
  return TRUE;
}

static GtkEventController *
shortcuts_new (MktProductsView *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const struct { guint key; const char *what; } keys[] = {
    { GDK_KEY_n, "new" },
    { GDK_KEY_f, "find" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, GDK_CONTROL_MASK),
                                                gtk_callback_action_new (shortcut_cb, self, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (keys[i].what));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_static_name (controller, "mkt-products-shortcuts");

  return controller;
}

static void
mkt_products_view_root (GtkWidget *widget)
{
  MktProductsView *self = MKT_PRODUCTS_VIEW (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (mkt_products_view_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (!MKT_IS_WINDOW (root))
    return;

  g_set_weak_pointer (&self->window, MKT_WINDOW (root));
  self->ready_handler = g_signal_connect_object (root, "notify::ready", G_CALLBACK (window_ready_cb),
                                                 self, G_CONNECT_SWAPPED);
  self->changed_handler = g_signal_connect_object (root, "data-changed", G_CALLBACK (data_changed_cb),
                                                   self, G_CONNECT_SWAPPED);
  gtk_widget_insert_action_group (GTK_WIDGET (root), "product", G_ACTION_GROUP (self->actions));
  self->shortcuts = shortcuts_new (self);
  gtk_widget_add_controller (GTK_WIDGET (root), self->shortcuts);

  window_ready_cb (self, NULL, self->window);
}

static void
mkt_products_view_unroot (GtkWidget *widget)
{
  MktProductsView *self = MKT_PRODUCTS_VIEW (widget);

  g_clear_handle_id (&self->load_idle_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);

  if (self->window != NULL)
    {
      g_clear_signal_handler (&self->ready_handler, self->window);
      g_clear_signal_handler (&self->changed_handler, self->window);
      gtk_widget_insert_action_group (GTK_WIDGET (self->window), "product", NULL);
      if (self->shortcuts != NULL)
        gtk_widget_remove_controller (GTK_WIDGET (self->window), self->shortcuts);
      self->shortcuts = NULL;
      g_clear_weak_pointer (&self->window);
    }
  mkt_products_view_set_loading (self, FALSE);

  GTK_WIDGET_CLASS (mkt_products_view_parent_class)->unroot (widget);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MktProductsView *self = MKT_PRODUCTS_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
make_shown_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MktProductsView *self = MKT_PRODUCTS_VIEW (widget);
  const char *id = mkt_product_detail_get_id (self->detail);

  if (id != NULL && mkt_product_detail_get_spec (self->detail) == &mkt_product_spec)
    gtk_widget_activate_action (widget, "product.make", "s", id);
}

/* Delete means the selected row only while the list has the focus: in an
 * entry it deletes text. */
static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MktProductsView *self = MKT_PRODUCTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  MktProductItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item == NULL || focus == NULL ||
      (focus != GTK_WIDGET (self->list_view) && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view))))
    return;

  gtk_widget_activate_action (widget, "product.delete", "s", mkt_product_item_get_id (item));
}

static void
mkt_products_view_dispose (GObject *object)
{
  MktProductsView *self = (MktProductsView *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->load_idle_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->make_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->make_dialog));
  g_clear_weak_pointer (&self->make_dialog);

  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_PRODUCTS_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->actions);
  g_clear_object (&self->choices);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

  G_OBJECT_CLASS (mkt_products_view_parent_class)->dispose (object);
}

static void
mkt_products_view_finalize (GObject *object)
{
  MktProductsView *self = (MktProductsView *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mkt_products_view_parent_class)->finalize (object);
}

static void
mkt_products_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MktProductsView *self = MKT_PRODUCTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_products_view_class_init (MktProductsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mkt_products_view_dispose;
  object_class->finalize = mkt_products_view_finalize;
  object_class->get_property = mkt_products_view_get_property;

  widget_class->root = mkt_products_view_root;
  widget_class->unroot = mkt_products_view_unroot;

  /* Whether the list is being read (again): true from the moment a change
   * asks for it until the new rows show. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MKT_TYPE_PRODUCT_ITEM);
  g_type_ensure (MKT_TYPE_PRODUCT_DETAIL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-products-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MktProductsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MktProductsView, list_page);
  gtk_widget_class_bind_template_child (widget_class, MktProductsView, products_toggle);
  gtk_widget_class_bind_template_child (widget_class, MktProductsView, components_toggle);
  gtk_widget_class_bind_template_child (widget_class, MktProductsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MktProductsView, stack);
  gtk_widget_class_bind_template_child (widget_class, MktProductsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MktProductsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, MktProductsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, MktProductsView, store);
  gtk_widget_class_bind_template_child (widget_class, MktProductsView, filter_model);
  gtk_widget_class_bind_template_child (widget_class, MktProductsView, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, MktProductsView, search_filter);
  gtk_widget_class_bind_template_child (widget_class, MktProductsView, selection);
  gtk_widget_class_bind_template_child (widget_class, MktProductsView, detail);
  gtk_widget_class_bind_template_callback (widget_class, filter_items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_item_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_child_cb);

  gtk_widget_class_install_action (widget_class, "products.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "products.back", NULL);
  gtk_widget_class_install_action (widget_class, "products.make-shown", NULL, make_shown_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "products.make-shown", NULL);
  gtk_widget_class_install_action (widget_class, "products.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "products.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "products.delete-selected", NULL);

  gtk_widget_class_set_css_name (widget_class, "productsview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mkt_products_view_init (MktProductsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->choices = g_list_store_new (MKT_TYPE_PRODUCT_CHOICE);
  mkt_product_recipe_set_choices (mkt_product_detail_get_recipe (self->detail), G_LIST_MODEL (self->choices));
  self->actions = G_SIMPLE_ACTION_GROUP (mkt_product_actions_new (self));
  mkt_product_actions_update (self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, self->list_page);
  mkt_products_view_update_page (self);
}

/* Internal API, for the actions ----------------------------------------- */

MktSession *
mkt_products_view_get_session (MktProductsView  *self,
                               GError          **error)
{
  if (self->window == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The products page is not in a window"));
      return NULL;
    }

  return mkt_window_get_session (self->window, error);
}

void
mkt_products_view_toast (MktProductsView *self,
                         AdwToast        *toast)
{
  if (self->window != NULL)
    mkt_window_add_toast (self->window, toast);
  else
    g_object_unref (toast);
}

void
mkt_products_view_error_toast (MktProductsView *self,
                               const GError    *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  mkt_products_view_toast (self, adw_toast_new (escaped));
}

/* Shows @id (or a new row of @spec, for %NULL) in the detail. */
void
mkt_products_view_open (MktProductsView     *self,
                        const MktEntitySpec *spec,
                        const char          *id)
{
  g_autoptr(GError) error = NULL;
  MktSession *session = mkt_products_view_get_session (self, &error);

  if (session == NULL || !mkt_product_detail_show (self->detail, session, spec, id, &error))
    {
      mkt_products_view_error_toast (self, error);
      return;
    }

  mkt_products_view_show_kind (self, spec->name);
  mkt_products_view_select_quietly (self, id);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail));
}

/* @id went to the trash: out of the detail, back to the list. */
void
mkt_products_view_closed (MktProductsView *self,
                          const char      *id)
{
  if (g_strcmp0 (mkt_product_detail_get_id (self->detail), id) != 0)
    return;

  mkt_product_detail_clear (self->detail);
  mkt_products_view_select_quietly (self, NULL);
  adw_leaflet_set_visible_child (self->leaflet, self->list_page);
}

/* Public API ------------------------------------------------------------- */

/**
 * mkt_products_view_get_loading:
 * @self: a view
 *
 * Returns: whether the list is being read; it has its rows once this is
 *   false after the window became ready
 */
gboolean
mkt_products_view_get_loading (MktProductsView *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCTS_VIEW (self), FALSE);
  return self->loading;
}

/**
 * mkt_products_view_get_model:
 * @self: a view
 *
 * Returns: (transfer none): the rows shown (of the kind shown, matching the
 *   search), of #MktProductItem
 */
GListModel *
mkt_products_view_get_model (MktProductsView *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCTS_VIEW (self), NULL);
  return G_LIST_MODEL (self->filter_model);
}

/**
 * mkt_products_view_select:
 * @self: a view
 * @id: a product's or component's id
 *
 * Opens its detail, as choosing it in the list does.
 *
 * Returns: whether it could be shown
 */
gboolean
mkt_products_view_select (MktProductsView *self,
                          const char      *id)
{
  g_return_val_if_fail (MKT_IS_PRODUCTS_VIEW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  gtk_widget_activate_action (GTK_WIDGET (self), "product.edit", "s", id);
  return g_strcmp0 (mkt_product_detail_get_id (self->detail), id) == 0;
}

/**
 * mkt_products_view_show_kind:
 * @self: a view
 * @kind: "product" or "component"
 */
void
mkt_products_view_show_kind (MktProductsView *self,
                             const char      *kind)
{
  g_return_if_fail (MKT_IS_PRODUCTS_VIEW (self));

  if (g_strcmp0 (kind, "component") == 0)
    gtk_toggle_button_set_active (self->components_toggle, TRUE);
  else
    gtk_toggle_button_set_active (self->products_toggle, TRUE);
}

void
mkt_products_view_focus_search (MktProductsView *self)
{
  g_return_if_fail (MKT_IS_PRODUCTS_VIEW (self));

  adw_leaflet_set_visible_child (self->leaflet, self->list_page);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * mkt_products_view_get_search_entry:
 * @self: a view
 *
 * Returns: (transfer none): the search entry; the list filters as it is
 *   typed in
 */
GtkEditable *
mkt_products_view_get_search_entry (MktProductsView *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCTS_VIEW (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

/**
 * mkt_products_view_get_showing_detail:
 * @self: a view
 *
 * Returns: whether the detail is the page shown (when folded) or beside
 *   the list
 */
gboolean
mkt_products_view_get_showing_detail (MktProductsView *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCTS_VIEW (self), FALSE);
  return !adw_leaflet_get_folded (self->leaflet) ||
         adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->detail);
}

/**
 * mkt_products_view_get_detail:
 * @self: a view
 *
 * Returns: (transfer none): the detail
 */
MktProductDetail *
mkt_products_view_get_detail (MktProductsView *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCTS_VIEW (self), NULL);
  return self->detail;
}

/**
 * mkt_products_view_get_list_view:
 * @self: a view
 *
 * Returns: (transfer none): the list, whose model is a #GtkSingleSelection
 *   of mkt_products_view_get_model()
 */
GtkListView *
mkt_products_view_get_list_view (MktProductsView *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCTS_VIEW (self), NULL);
  return self->list_view;
}

/**
 * mkt_products_view_get_make_dialog:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the "Make N…" dialog while it is
 *   open
 */
MktProductMakeDialog *
mkt_products_view_get_make_dialog (MktProductsView *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCTS_VIEW (self), NULL);

  if (self->make_dialog != NULL && !gtk_widget_get_visible (GTK_WIDGET (self->make_dialog)))
    g_clear_weak_pointer (&self->make_dialog);

  return self->make_dialog;
}
