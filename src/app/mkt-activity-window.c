/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-activity-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-activity-format.h"
#include "mkt-activity-item.h"
#include "mkt-activity-loader.h"
#include "mkt-activity-window.h"

/*
 * The activity log: who created, changed, deleted, restored or purged what,
 * newest first, read on a worker thread and shown in a list view that makes
 * widgets only for the rows on screen.
 */

#define PAGE_SIZE 500

struct _MktActivityWindow
{
  AdwWindow      parent_instance;

  /* Template children */
  GtkDropDown   *filter_dropdown;
  GtkStack      *stack;
  AdwStatusPage *error_page;
  GtkListView   *list_view;

  GListStore    *items;
  /* The filter's entity names, by dropdown position; NULL for all. */
  GPtrArray     *entities;
  char          *db_path;
  GCancellable  *cancellable;
  guint          loading : 1;
  guint          failed : 1;
};

G_DEFINE_FINAL_TYPE (MktActivityWindow, mkt_activity_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_page (MktActivityWindow *self)
{
  const char *page;

  if (self->failed)
    page = "error";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) > 0)
    page = "list";
  else
    page = self->loading ? "loading" : "empty";

  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
set_loading (MktActivityWindow *self,
             gboolean           loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
page_cb (gpointer   source_object,
         GPtrArray *items)
{
  MktActivityWindow *self = source_object;

  g_list_store_splice (self->items, g_list_model_get_n_items (G_LIST_MODEL (self->items)), 0,
                       items->pdata, items->len);
  update_page (self);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(MktActivityWindow) self = MKT_ACTIVITY_WINDOW (object);
  g_autoptr(GError) error = NULL;

  /* A newer load replaced this one: it reports for itself. */
  if (!mkt_activity_load_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      self->failed = TRUE;
      adw_status_page_set_description (self->error_page, error->message);
    }
  set_loading (self, FALSE);
}

/**
 * mkt_activity_window_reload:
 * @self: an activity window
 *
 * Reads the log again, with the entity filter the dropdown shows.
 */
void
mkt_activity_window_reload (MktActivityWindow *self)
{
  g_return_if_fail (MKT_IS_ACTIVITY_WINDOW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->failed = FALSE;
  g_list_store_remove_all (self->items);
  self->loading = FALSE;
  set_loading (self, TRUE);

  /* The window keeps itself alive until the load has finished or been
   * cancelled: the callback never meets a finalized window. */
  mkt_activity_load_async (self, self->db_path, mkt_activity_window_get_entity (self), PAGE_SIZE,
                           page_cb, self->cancellable, load_cb, g_object_ref (self));
}

static void
filter_selected_cb (MktActivityWindow *self,
                    GParamSpec        *pspec,
                    GtkDropDown       *dropdown)
{
  if (self->db_path != NULL)
    mkt_activity_window_reload (self);
}

static GtkWidget *
add_label (GtkWidget  *box,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);

  return label;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  add_label (box, "heading");
  add_label (box, "dim-label");
  add_label (box, NULL);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  MktActivityItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *subject = gtk_widget_get_first_child (box);
  GtkWidget *action = gtk_widget_get_next_sibling (subject);
  GtkWidget *changes = gtk_widget_get_next_sibling (action);
  g_autofree char *action_text = NULL;

  /* Translators: what happened and when: "Changed · 26 Nov 2026 10:50" */
  action_text = g_strdup_printf (_("%s · %s"), mkt_activity_item_get_action (item),
                                 mkt_activity_item_get_when (item));

  gtk_label_set_text (GTK_LABEL (subject), mkt_activity_item_get_subject (item));
  gtk_label_set_text (GTK_LABEL (action), action_text);
  gtk_label_set_text (GTK_LABEL (changes), mkt_activity_item_get_changes (item));
  gtk_widget_set_visible (changes, mkt_activity_item_get_changes (item)[0] != '\0');
}

static void
fill_filter (MktActivityWindow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const MktEntitySpec * const *entities;
  guint n_entities;

  /* Translators: the activity of every kind of row */
  gtk_string_list_append (labels, _("All"));
  g_ptr_array_add (self->entities, NULL);

  entities = mkt_schema_list (&n_entities);
  for (guint i = 0; i < n_entities; i++)
    {
      /* Logs and caches leave no audit rows. */
      if (entities[i]->kind == MKT_ENTITY_LOG || entities[i]->kind == MKT_ENTITY_CACHE)
        continue;

      gtk_string_list_append (labels, mkt_activity_entity_label (entities[i], TRUE));
      g_ptr_array_add (self->entities, (gpointer)entities[i]->name);
    }

  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (labels));
}

static gboolean
mkt_activity_window_close_request (GtkWindow *window)
{
  MktActivityWindow *self = MKT_ACTIVITY_WINDOW (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (mkt_activity_window_parent_class)->close_request (window);
}

static void
mkt_activity_window_dispose (GObject *object)
{
  MktActivityWindow *self = (MktActivityWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_ACTIVITY_WINDOW);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (mkt_activity_window_parent_class)->dispose (object);
}

static void
mkt_activity_window_finalize (GObject *object)
{
  MktActivityWindow *self = (MktActivityWindow *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->entities, g_ptr_array_unref);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (mkt_activity_window_parent_class)->finalize (object);
}

static void
mkt_activity_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MktActivityWindow *self = MKT_ACTIVITY_WINDOW (object);

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
mkt_activity_window_class_init (MktActivityWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mkt_activity_window_dispose;
  object_class->finalize = mkt_activity_window_finalize;
  object_class->get_property = mkt_activity_window_get_property;

  window_class->close_request = mkt_activity_window_close_request;

  /* Whether rows are still being read. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-activity-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MktActivityWindow, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MktActivityWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MktActivityWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, MktActivityWindow, list_view);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
mkt_activity_window_init (MktActivityWindow *self)
{
  GtkListItemFactory *factory;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->entities = g_ptr_array_new ();
  self->items = g_list_store_new (MKT_TYPE_ACTIVITY_ITEM);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  fill_filter (self);
  g_signal_connect_object (self->filter_dropdown, "notify::selected",
                           G_CALLBACK (filter_selected_cb), self, G_CONNECT_SWAPPED);
}

/**
 * mkt_activity_window_new:
 * @parent: (nullable): the window it belongs to
 * @db_path: the database, which must exist
 *
 * Returns: (transfer none): a new activity window, owned by GTK's list of
 *   toplevels, loading
 */
MktActivityWindow *
mkt_activity_window_new (GtkWindow  *parent,
                         const char *db_path)
{
  MktActivityWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (MKT_TYPE_ACTIVITY_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->db_path = g_strdup (db_path);
  mkt_activity_window_reload (self);

  return self;
}

gboolean
mkt_activity_window_get_loading (MktActivityWindow *self)
{
  g_return_val_if_fail (MKT_IS_ACTIVITY_WINDOW (self), FALSE);

  return self->loading;
}

/**
 * mkt_activity_window_get_model:
 * @self: an activity window
 *
 * Returns: (transfer none): the rows shown (#MktActivityItem), newest first
 */
GListModel *
mkt_activity_window_get_model (MktActivityWindow *self)
{
  g_return_val_if_fail (MKT_IS_ACTIVITY_WINDOW (self), NULL);

  return G_LIST_MODEL (self->items);
}

/**
 * mkt_activity_window_get_list:
 * @self: an activity window
 *
 * Returns: (transfer none): the list view
 */
GtkListView *
mkt_activity_window_get_list (MktActivityWindow *self)
{
  g_return_val_if_fail (MKT_IS_ACTIVITY_WINDOW (self), NULL);

  return self->list_view;
}

/**
 * mkt_activity_window_get_filter:
 * @self: an activity window
 *
 * Returns: (transfer none): the dropdown of entities
 */
GtkDropDown *
mkt_activity_window_get_filter (MktActivityWindow *self)
{
  g_return_val_if_fail (MKT_IS_ACTIVITY_WINDOW (self), NULL);

  return self->filter_dropdown;
}

/**
 * mkt_activity_window_get_entity:
 * @self: an activity window
 *
 * Returns: (nullable): the entity whose activity shows, or %NULL for all
 */
const char *
mkt_activity_window_get_entity (MktActivityWindow *self)
{
  guint selected;

  g_return_val_if_fail (MKT_IS_ACTIVITY_WINDOW (self), NULL);

  selected = gtk_drop_down_get_selected (self->filter_dropdown);
  if (selected >= self->entities->len)
    return NULL;

  return g_ptr_array_index (self->entities, selected);
}

/**
 * mkt_activity_window_set_entity:
 * @self: an activity window
 * @entity: (nullable): an entity's name, or %NULL for all
 *
 * Selects @entity in the filter, which reloads the list.
 *
 * Returns: whether the filter offers @entity
 */
gboolean
mkt_activity_window_set_entity (MktActivityWindow *self,
                                const char        *entity)
{
  g_return_val_if_fail (MKT_IS_ACTIVITY_WINDOW (self), FALSE);

  for (guint i = 0; i < self->entities->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->entities, i), entity) == 0)
      {
        gtk_drop_down_set_selected (self->filter_dropdown, i);
        return TRUE;
      }

  return FALSE;
}
