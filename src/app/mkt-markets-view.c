/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-markets-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mkt-event-editor.h"
#include "mkt-event-item.h"
#include "mkt-event-loader.h"
#include "mkt-event-page.h"
#include "mkt-markets-view.h"
#include "mkt-stall-window.h"
#include "mkt-window.h"

/*
 * The Markets page: the list of market events beside (or, when narrow,
 * before) the page of the one selected. Its "event." actions live on the
 * window, where the header bar's add button and the Undo of a toast find
 * them too.
 */

struct _MktMarketsView
{
  GtkWidget           parent_instance;

  /* Template children */
  AdwLeaflet         *leaflet;
  GtkStack           *list_stack;
  AdwStatusPage      *error_page;
  GtkListBox         *list_box;
  GtkWidget          *back_button;
  GtkStack           *event_stack;
  MktEventPage       *event_page;
  GListStore         *events;

  GSimpleActionGroup *actions;
  GCancellable       *cancellable;
  /* The window while the view is in it. */
  MktWindow          *window;
  /* Weak: the open editor and stall. */
  MktEventEditor     *editor;
  MktStallWindow     *stall;
  /* The payment method the last stall used. */
  char               *payment_method;

  guint               list_loading : 1;
  guint               list_again : 1;
};

G_DEFINE_FINAL_TYPE (MktMarketsView, mkt_markets_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_list (MktMarketsView *self);

static void
show_error_toast (MktMarketsView *self,
                  const GError   *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  if (self->window != NULL)
    mkt_window_add_toast (self->window, adw_toast_new (escaped));
}

static MktSession *
get_session (MktMarketsView *self)
{
  g_autoptr(GError) error = NULL;
  MktSession *session;

  if (self->window == NULL)
    return NULL;

  session = mkt_window_get_session (self->window, &error);
  if (session == NULL)
    show_error_toast (self, error);

  return session;
}

static void
select_row (MktMarketsView *self,
            const char     *event_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->events));

  for (guint i = 0; event_id != NULL && i < n; i++)
    {
      g_autoptr(MktEventItem) item = g_list_model_get_item (G_LIST_MODEL (self->events), i);

      if (g_str_equal (mkt_event_item_get_id (item), event_id))
        {
          gtk_list_box_select_row (self->list_box, gtk_list_box_get_row_at_index (self->list_box, i));
          return;
        }
    }

  gtk_list_box_unselect_all (self->list_box);
}

static void
show_event (MktMarketsView *self,
            const char     *event_id,
            gboolean        navigate)
{
  mkt_event_page_set_event_id (self->event_page, event_id);
  gtk_stack_set_visible_child_name (self->event_stack, "event");
  if (navigate)
    adw_leaflet_set_visible_child_name (self->leaflet, "event");
  select_row (self, event_id);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  MktEventItem *event = item;
  g_autofree char *title = g_markup_escape_text (mkt_event_item_get_name (event), -1);
  g_autofree char *subtitle = NULL;
  const char *venue = mkt_event_item_get_venue (event);
  GtkWidget *row;

  if (venue != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (venue, -1);

      /* Translators: a market's dates and its venue */
      subtitle = g_strdup_printf (_("%s · %s"), mkt_event_item_get_dates (event), escaped);
    }
  else
    subtitle = g_markup_escape_text (mkt_event_item_get_dates (event), -1);

  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", title,
                      "subtitle", subtitle,
                      "activatable", TRUE,
                      NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  return row;
}

/* "Upcoming" above the first market still to come, "Past" above the first
 * that is over. */
static void
header_cb (GtkListBoxRow *row,
           GtkListBoxRow *before,
           gpointer       user_data)
{
  MktMarketsView *self = user_data;
  g_autoptr(MktEventItem) item = g_list_model_get_item (G_LIST_MODEL (self->events),
                                                        gtk_list_box_row_get_index (row));
  g_autoptr(MktEventItem) previous = NULL;
  gboolean upcoming = item != NULL && mkt_event_item_is_upcoming (item);
  GtkWidget *label;

  if (before != NULL)
    previous = g_list_model_get_item (G_LIST_MODEL (self->events), gtk_list_box_row_get_index (before));

  if (item == NULL || (previous != NULL && mkt_event_item_is_upcoming (previous) == upcoming))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  label = g_object_new (GTK_TYPE_LABEL,
                        "label", upcoming ? _("Upcoming") : _("Past"),
                        "xalign", 0.0f,
                        "margin-start", 12,
                        "margin-top", before != NULL ? 18 : 6,
                        "margin-bottom", 6,
                        NULL);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_header (row, label);
}

static void
row_activated_cb (MktMarketsView *self,
                  GtkListBoxRow  *row,
                  GtkListBox     *list_box)
{
  g_autoptr(MktEventItem) item = g_list_model_get_item (G_LIST_MODEL (self->events),
                                                        gtk_list_box_row_get_index (row));

  if (item != NULL)
    mkt_markets_view_select (self, mkt_event_item_get_id (item));
}

static void
folded_cb (MktMarketsView *self,
           GParamSpec     *pspec,
           AdwLeaflet     *leaflet)
{
  gtk_widget_set_visible (self->back_button, adw_leaflet_get_folded (leaflet));
}

static void
page_loading_cb (MktMarketsView *self,
                 GParamSpec     *pspec,
                 MktEventPage   *page)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
list_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MktMarketsView) self = mkt_event_weak_steal (user_data);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = mkt_event_load_list_finish (result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->list_loading = FALSE;
  if (self->list_again)
    {
      /* Something changed while reading: what was read is old already. */
      self->list_again = FALSE;
      load_list (self);
      return;
    }

  if (items == NULL)
    {
      g_debug ("Could not read the markets: %s", error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
    }
  else
    {
      g_list_store_splice (self->events, 0, g_list_model_get_n_items (G_LIST_MODEL (self->events)),
                           items->pdata, items->len);
      gtk_stack_set_visible_child_name (self->list_stack, items->len > 0 ? "list" : "empty");

      /* Side by side, the page beside the list is never left blank: it
       * shows the next market. Narrow, the list comes first. */
      if (mkt_event_page_get_event_id (self->event_page) == NULL && items->len > 0 &&
          !adw_leaflet_get_folded (self->leaflet))
        show_event (self, mkt_event_item_get_id (g_ptr_array_index (items, 0)), FALSE);
      else
        select_row (self, mkt_event_page_get_event_id (self->event_page));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
load_list (MktMarketsView *self)
{
  if (self->window == NULL || !mkt_window_get_ready (self->window))
    return;

  if (self->list_loading)
    {
      self->list_again = TRUE;
      return;
    }

  self->list_loading = TRUE;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->events)) == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  mkt_event_load_list_async (mkt_window_get_db_path (self->window), self->cancellable,
                             list_loaded_cb, mkt_event_weak_new (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
ready_cb (MktMarketsView *self,
          GParamSpec     *pspec,
          MktWindow      *window)
{
  load_list (self);
  mkt_event_page_reload (self->event_page);
}

static void
data_changed_cb (MktMarketsView *self,
                 const char     *entity,
                 MktWindow      *window)
{
  if (g_str_equal (entity, "market_event"))
    load_list (self);

  if (g_str_equal (entity, "product"))
    mkt_event_page_products_changed (self->event_page);
  else if (g_str_equal (entity, "market_event") || g_str_equal (entity, "market_line") ||
           g_str_equal (entity, "sale") || g_str_equal (entity, "product_movement"))
    mkt_event_page_reload (self->event_page);
}

/* gtk_window_destroy() hides a window someone still holds: hidden is
 * closed. */
static gpointer
current_window (GtkWindow **window)
{
  if (*window != NULL && !gtk_widget_get_visible (GTK_WIDGET (*window)))
    g_clear_weak_pointer (window);

  return *window;
}

static void
editor_saved_cb (MktMarketsView *self,
                 const char     *id,
                 gboolean        created,
                 MktEventEditor *editor)
{
  if (self->window == NULL)
    return;

  mkt_window_data_changed (self->window, mkt_market_event_spec.name);
  mkt_markets_view_select (self, id);
}

static void
open_editor (MktMarketsView *self,
             const char     *id)
{
  g_autoptr(GError) error = NULL;
  MktEventEditor *editor;
  MktSession *session;

  if (current_window ((GtkWindow **)&self->editor) != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->editor));
      return;
    }

  session = get_session (self);
  if (session == NULL)
    return;

  editor = mkt_event_editor_new (GTK_WINDOW (self->window), session, id, &error);
  if (editor == NULL)
    {
      show_error_toast (self, error);
      return;
    }

  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->editor, editor);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  open_editor (MKT_MARKETS_VIEW (user_data), NULL);
}

static void
edit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  open_editor (MKT_MARKETS_VIEW (user_data), g_variant_get_string (parameter, NULL));
}

static void
delete_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  MktMarketsView *self = MKT_MARKETS_VIEW (user_data);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(MktRecord) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  MktSession *session;

  session = get_session (self);
  if (session == NULL)
    return;

  if ((event = mkt_session_get (session, &mkt_market_event_spec, id, &error)) == NULL ||
      !mkt_session_delete (session, &mkt_market_event_spec, id, &error))
    {
      show_error_toast (self, error);
      return;
    }

  if (g_strcmp0 (mkt_event_page_get_event_id (self->event_page), id) == 0)
    {
      if (current_window ((GtkWindow **)&self->stall) != NULL &&
          g_str_equal (mkt_stall_window_get_event_id (self->stall), id))
        gtk_window_destroy (GTK_WINDOW (self->stall));
      mkt_event_page_set_event_id (self->event_page, NULL);
      gtk_stack_set_visible_child_name (self->event_stack, "none");
      adw_leaflet_set_visible_child_name (self->leaflet, "list");
    }

  mkt_window_data_changed (self->window, mkt_market_event_spec.name);

  /* Translators: a market's name */
  title = g_strdup_printf (_("“%s” moved to the trash"), mkt_record_get_title (event));
  mkt_window_add_undo_toast (self->window, title, "event.restore", id);
}

static void
restore_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  MktMarketsView *self = MKT_MARKETS_VIEW (user_data);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  MktSession *session;

  session = get_session (self);
  if (session == NULL)
    return;

  if (!mkt_session_restore (session, &mkt_market_event_spec, id, &error))
    {
      show_error_toast (self, error);
      return;
    }

  mkt_window_data_changed (self->window, mkt_market_event_spec.name);
  mkt_markets_view_select (self, id);
}

static void
stall_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  mkt_markets_view_open_stall (MKT_MARKETS_VIEW (user_data), g_variant_get_string (parameter, NULL));
}

static const GActionEntry event_actions[] = {
  { .name = "new", .activate = new_activated },
  { .name = "edit", .activate = edit_activated, .parameter_type = "s" },
  { .name = "delete", .activate = delete_activated, .parameter_type = "s" },
  { .name = "restore", .activate = restore_activated, .parameter_type = "s" },
  { .name = "stall", .activate = stall_activated, .parameter_type = "s" },
};

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MktMarketsView *self = MKT_MARKETS_VIEW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

/* Delete means the selected market only while the list has the focus. */
static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MktMarketsView *self = MKT_MARKETS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);
  g_autoptr(MktEventItem) item = NULL;

  if (row == NULL || focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_box)))
    return;

  item = g_list_model_get_item (G_LIST_MODEL (self->events), gtk_list_box_row_get_index (row));
  if (item != NULL)
    gtk_widget_activate_action (widget, "event.delete", "s", mkt_event_item_get_id (item));
}

static void
stall_payment_cb (MktMarketsView *self,
                  GParamSpec     *pspec,
                  MktStallWindow *stall)
{
  g_free (self->payment_method);
  self->payment_method = g_strdup (mkt_stall_window_get_payment_method (stall));
}

static void
mkt_markets_view_root (GtkWidget *widget)
{
  MktMarketsView *self = MKT_MARKETS_VIEW (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (mkt_markets_view_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (!MKT_IS_WINDOW (root))
    return;

  self->window = MKT_WINDOW (root);
  gtk_widget_insert_action_group (GTK_WIDGET (root), "event", G_ACTION_GROUP (self->actions));
  g_signal_connect_object (root, "notify::ready", G_CALLBACK (ready_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (root, "data-changed", G_CALLBACK (data_changed_cb), self, G_CONNECT_SWAPPED);
  load_list (self);
}

static void
mkt_markets_view_unroot (GtkWidget *widget)
{
  MktMarketsView *self = MKT_MARKETS_VIEW (widget);

  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->window, self);
      gtk_widget_insert_action_group (GTK_WIDGET (self->window), "event", NULL);
      self->window = NULL;
    }

  GTK_WIDGET_CLASS (mkt_markets_view_parent_class)->unroot (widget);
}

static void
mkt_markets_view_dispose (GObject *object)
{
  MktMarketsView *self = (MktMarketsView *)object;

  g_cancellable_cancel (self->cancellable);
  if (current_window ((GtkWindow **)&self->editor) != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  g_clear_weak_pointer (&self->editor);
  if (current_window ((GtkWindow **)&self->stall) != NULL)
    gtk_window_destroy (GTK_WINDOW (self->stall));
  g_clear_weak_pointer (&self->stall);

  /* The rows go before the list they show. */
  if (self->list_box != NULL)
    {
      gtk_list_box_set_header_func (self->list_box, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), MKT_TYPE_MARKETS_VIEW);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (mkt_markets_view_parent_class)->dispose (object);
}

static void
mkt_markets_view_finalize (GObject *object)
{
  MktMarketsView *self = (MktMarketsView *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->payment_method, g_free);

  G_OBJECT_CLASS (mkt_markets_view_parent_class)->finalize (object);
}

static void
mkt_markets_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MktMarketsView *self = MKT_MARKETS_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, mkt_markets_view_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_markets_view_class_init (MktMarketsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mkt_markets_view_dispose;
  object_class->finalize = mkt_markets_view_finalize;
  object_class->get_property = mkt_markets_view_get_property;

  widget_class->root = mkt_markets_view_root;
  widget_class->unroot = mkt_markets_view_unroot;

  /* Whether the list of markets or the market shown is being read. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MKT_TYPE_EVENT_ITEM);
  g_type_ensure (MKT_TYPE_EVENT_PAGE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-markets-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MktMarketsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MktMarketsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MktMarketsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, MktMarketsView, list_box);
  gtk_widget_class_bind_template_child (widget_class, MktMarketsView, back_button);
  gtk_widget_class_bind_template_child (widget_class, MktMarketsView, event_stack);
  gtk_widget_class_bind_template_child (widget_class, MktMarketsView, event_page);
  gtk_widget_class_bind_template_child (widget_class, MktMarketsView, events);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_loading_cb);

  gtk_widget_class_install_action (widget_class, "markets.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "markets.back", NULL);
  gtk_widget_class_install_action (widget_class, "markets.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "markets.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "markets.delete-selected", NULL);

  gtk_widget_class_set_css_name (widget_class, "marketsview");
}

static void
mkt_markets_view_init (MktMarketsView *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), event_actions,
                                   G_N_ELEMENTS (event_actions), self);

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->events), create_row_cb, NULL, NULL);
  gtk_list_box_set_header_func (self->list_box, header_cb, self, NULL);

  /* Ctrl+N makes a market while this page shows, wherever the focus is:
   * the window's own Ctrl+N (a material) comes after the capture phase. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>n"),
                                                          gtk_named_action_new ("event.new")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/**
 * mkt_markets_view_get_loading:
 * @self: a view
 *
 * Returns: whether the list or the market shown is being read
 */
gboolean
mkt_markets_view_get_loading (MktMarketsView *self)
{
  g_return_val_if_fail (MKT_IS_MARKETS_VIEW (self), FALSE);

  return self->list_loading || mkt_event_page_get_loading (self->event_page);
}

/**
 * mkt_markets_view_get_events:
 * @self: a view
 *
 * Returns: (transfer none): the #MktEventItem list, upcoming first
 */
GListModel *
mkt_markets_view_get_events (MktMarketsView *self)
{
  g_return_val_if_fail (MKT_IS_MARKETS_VIEW (self), NULL);

  return G_LIST_MODEL (self->events);
}

/**
 * mkt_markets_view_select:
 * @self: a view
 * @event_id: a market event
 *
 * Shows the event's page (reading it anew), in front of the list when the
 * view is narrow.
 *
 * Returns: whether the list holds the event
 */
gboolean
mkt_markets_view_select (MktMarketsView *self,
                         const char     *event_id)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (MKT_IS_MARKETS_VIEW (self), FALSE);
  g_return_val_if_fail (event_id != NULL, FALSE);

  show_event (self, event_id, TRUE);

  row = gtk_list_box_get_selected_row (self->list_box);
  return row != NULL;
}

/**
 * mkt_markets_view_get_event_page:
 * @self: a view
 *
 * Returns: (transfer none): the page of the selected market
 */
MktEventPage *
mkt_markets_view_get_event_page (MktMarketsView *self)
{
  g_return_val_if_fail (MKT_IS_MARKETS_VIEW (self), NULL);

  return self->event_page;
}

/**
 * mkt_markets_view_get_showing_list:
 * @self: a view
 *
 * Returns: whether the list is the page in front (always so when wide)
 */
gboolean
mkt_markets_view_get_showing_list (MktMarketsView *self)
{
  g_return_val_if_fail (MKT_IS_MARKETS_VIEW (self), FALSE);

  return !adw_leaflet_get_folded (self->leaflet) ||
         g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "list") == 0;
}

/**
 * mkt_markets_view_get_editor:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the market editor while it is open
 */
MktEventEditor *
mkt_markets_view_get_editor (MktMarketsView *self)
{
  g_return_val_if_fail (MKT_IS_MARKETS_VIEW (self), NULL);

  return current_window ((GtkWindow **)&self->editor);
}

/**
 * mkt_markets_view_open_stall:
 * @self: a view
 * @event_id: a market event
 *
 * Opens stall mode for the event, or brings its open stall to the front.
 * The stall reads the event on a worker thread: wait for
 * #MktStallWindow:loading to drop.
 *
 * Returns: (transfer none) (nullable): the stall window
 */
MktStallWindow *
mkt_markets_view_open_stall (MktMarketsView *self,
                             const char     *event_id)
{
  MktStallWindow *stall;

  g_return_val_if_fail (MKT_IS_MARKETS_VIEW (self), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  if (self->window == NULL || get_session (self) == NULL)
    return NULL;

  if (current_window ((GtkWindow **)&self->stall) != NULL)
    {
      if (g_str_equal (mkt_stall_window_get_event_id (self->stall), event_id))
        {
          gtk_window_present (GTK_WINDOW (self->stall));
          return self->stall;
        }
      gtk_window_destroy (GTK_WINDOW (self->stall));
      g_clear_weak_pointer (&self->stall);
    }

  stall = mkt_stall_window_new (self->window, event_id, self->payment_method);
  g_signal_connect_object (stall, "notify::payment-method", G_CALLBACK (stall_payment_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->stall, stall);
  gtk_window_present (GTK_WINDOW (stall));

  return stall;
}

/**
 * mkt_markets_view_get_stall:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the stall window while it is open
 */
MktStallWindow *
mkt_markets_view_get_stall (MktMarketsView *self)
{
  g_return_val_if_fail (MKT_IS_MARKETS_VIEW (self), NULL);

  return current_window ((GtkWindow **)&self->stall);
}
