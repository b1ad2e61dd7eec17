/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-core.h"
#include "mkt-dashboard-view.h"
#include "mkt-markets-view.h"
#include "mkt-products-view.h"
#include "mkt-window-private.h"

/* The settings are the app's whatever its profile: a development build
 * keeps its own data through its own app id, not through another schema. */
#define SETTINGS_SCHEMA_ID "io.github.marketmanager.MarketManager"

G_DEFINE_FINAL_TYPE (MktWindow, mkt_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DATA_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Without the schema (an uninstalled build run by hand) the window simply
 * does not remember its size, rather than aborting. */
static GSettings *
window_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("No GSettings schema %s; the window size is not kept", SETTINGS_SCHEMA_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* The app's own icons: an application adds them itself, a window made
 * without one (as in the tests) does it here, once per display. */
static void
add_icons (MktWindow *self)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  g_auto(GStrv) paths = gtk_icon_theme_get_resource_path (theme);
  const char *icons = "/io/github/marketmanager/MarketManager/icons";

  if (paths == NULL || !g_strv_contains ((const char * const *) paths, icons))
    gtk_icon_theme_add_resource_path (theme, icons);
}

static void
restore_size (MktWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_size (MktWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  /* The default size is the unmaximized one, which is what to restore. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
mkt_window_close_request (GtkWindow *window)
{
  MktWindow *self = MKT_WINDOW (window);

  save_size (self);
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (mkt_window_parent_class)->close_request (window);
}

static void
inventory_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MktWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean demo_loaded = FALSE;

  if (!mkt_inventory_view_load_finish (MKT_INVENTORY_VIEW (object), result, &demo_loaded, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *title = g_strdup_printf (_("Could not open %s"), self->db_path);

          mkt_window_add_toast (self, adw_toast_new (title));
        }
      return;
    }

  /* A reload after changes elsewhere leaves the window ready as it was. */
  if (!self->ready)
    {
      self->ready = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }

  if (demo_loaded)
    {
      AdwToast *toast = adw_toast_new (_("Loaded a demo yarn shop to explore"));

      adw_toast_set_button_label (toast, _("_Start Empty"));
      adw_toast_set_action_name (toast, "win.start-empty");
      /* Long enough to read and decide; the menu offers it later too. */
      adw_toast_set_timeout (toast, 20);
      mkt_window_add_toast (self, toast);
    }
}

static void
load_inventory (MktWindow *self,
                gboolean   demo_if_new)
{
  /* The window keeps itself alive until the load has finished or been
   * cancelled, so the callback never meets a finalized window. */
  mkt_inventory_view_load_async (self->inventory_view, self->db_path, demo_if_new, self->cancellable,
                                 inventory_loaded_cb, g_object_ref (self));
}

MktSession *
mkt_window_ensure_session (MktWindow  *self,
                           GError    **error)
{
  if (!self->ready)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("The business is still being opened"));
      return NULL;
    }

  if (self->session != NULL)
    return self->session;

  g_clear_object (&self->store);
  self->store = mkt_sqlite_store_new (self->db_path, error);
  if (self->store == NULL)
    return NULL;

  self->session = mkt_local_session_new (self->store, NULL, NULL, NULL, error);
  return self->session;
}

/* After the business was emptied (mkt-window-actions.c): it has a new id,
 * so what hangs on the old session goes and the pages read it again. */
void
mkt_window_reopen (MktWindow *self)
{
  /* The business has a new id: every session on the file is made anew. */
  g_clear_object (&self->session);
  if (mkt_window_current_editor (self) != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  if (self->trash_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->trash_window));
  if (self->activity_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->activity_window));
  if (self->last_toast != NULL)
    adw_toast_dismiss (self->last_toast);

  self->ready = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
  load_inventory (self, FALSE);
}

/* The header bar's add button creates what the visible page lists. */
static void
visible_page_changed_cb (MktWindow    *self,
                         GParamSpec   *pspec,
                         AdwViewStack *view_stack)
{
  static const struct {
    const char *page;
    const char *action;
    const char *tooltip;
  } adds[] = {
    { "inventory", "material.new", N_("New Material") },
    { "products", "product.new", N_("New Product") },
    { "markets", "event.new", N_("New Market") },
  };
  const char *page = adw_view_stack_get_visible_child_name (view_stack);

  for (guint i = 0; i < G_N_ELEMENTS (adds); i++)
    if (g_strcmp0 (page, adds[i].page) == 0)
      {
        gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_button), adds[i].action);
        gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), _(adds[i].tooltip));
        gtk_widget_set_visible (GTK_WIDGET (self->add_button), TRUE);
        return;
      }

  gtk_widget_set_visible (GTK_WIDGET (self->add_button), FALSE);
}

static void
inventory_loading_cb (MktWindow        *self,
                      GParamSpec       *pspec,
                      MktInventoryView *view)
{
  mkt_window_set_material_actions_enabled (self, !mkt_inventory_view_get_loading (view));
}

/* Writes elsewhere (a production run using yarn, an import, a purchase)
 * change what the inventory shows: read it again. */
static void
data_changed_cb (MktWindow  *self,
                 const char *entity,
                 gpointer    user_data)
{
  /* The currency is the tenant's. */
  static const char * const shown[] = {
    "material", "stock_movement", "production_run", "tenant", NULL,
  };

  if (!self->ready || mkt_inventory_view_get_loading (self->inventory_view) ||
      !g_strv_contains (shown, entity))
    return;

  load_inventory (self, FALSE);
}

static void
mkt_window_constructed (GObject *object)
{
  MktWindow *self = (MktWindow *)object;

  G_OBJECT_CLASS (mkt_window_parent_class)->constructed (object);

  if (self->db_path == NULL)
    {
      /* MKT_DB points tests (and the curious) at another file. */
      const char *env = g_getenv ("MKT_DB");

      self->db_path = env != NULL && env[0] != '\0' ? g_strdup (env) : mkt_local_default_path ();
    }

  restore_size (self);

  add_icons (self);

  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (visible_page_changed_cb), self, G_CONNECT_SWAPPED);
  visible_page_changed_cb (self, NULL, self->view_stack);

  /* Nothing to edit before the loader has made the database. */
  mkt_window_set_material_actions_enabled (self, FALSE);
  g_signal_connect_object (self->inventory_view, "notify::loading",
                           G_CALLBACK (inventory_loading_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (self, "data-changed", G_CALLBACK (data_changed_cb), NULL);
  load_inventory (self, TRUE);
}

static void
mkt_window_dispose (GObject *object)
{
  MktWindow *self = (MktWindow *)object;

  g_cancellable_cancel (self->cancellable);
  if (mkt_window_current_editor (self) != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  g_clear_weak_pointer (&self->editor);
  if (self->trash_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->trash_window));
  g_clear_weak_pointer (&self->trash_window);
  if (self->activity_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->activity_window));
  g_clear_weak_pointer (&self->activity_window);
  g_clear_weak_pointer (&self->last_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mkt_window_parent_class)->dispose (object);
}

static void
mkt_window_finalize (GObject *object)
{
  MktWindow *self = (MktWindow *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (mkt_window_parent_class)->finalize (object);
}

static void
mkt_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MktWindow *self = MKT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MktWindow *self = MKT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      self->db_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_window_class_init (MktWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = mkt_window_constructed;
  object_class->dispose = mkt_window_dispose;
  object_class->finalize = mkt_window_finalize;
  object_class->get_property = mkt_window_get_property;
  object_class->set_property = mkt_window_set_property;

  window_class->close_request = mkt_window_close_request;

  /* The database file; %NULL for $MKT_DB or the user's default. */
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* Whether the database is open and ready for the pages to read. */
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MktWindow::data-changed:
   * @self: the window
   * @entity: the name of the entity spec whose rows changed
   *
   * A page wrote rows of @entity: the other pages reload what shows them.
   * The signal is detailed by @entity ("data-changed::sale").
   */
  signals[DATA_CHANGED] =
    g_signal_new ("data-changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (MKT_TYPE_DASHBOARD_VIEW);
  g_type_ensure (MKT_TYPE_INVENTORY_VIEW);
  g_type_ensure (MKT_TYPE_MARKETS_VIEW);
  g_type_ensure (MKT_TYPE_PRODUCTS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MktWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MktWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MktWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, MktWindow, inventory_view);

  mkt_window_class_actions_init (klass);
}

static void
mkt_window_init (MktWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = window_settings_new ();

  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/**
 * mkt_window_new:
 * @application: (nullable): the application
 * @db_path: (nullable): the database, or %NULL for $MKT_DB or the user's
 *   default
 *
 * Returns: (transfer none): a new window, owned by GTK's list of toplevels
 */
MktWindow *
mkt_window_new (GtkApplication *application,
                const char     *db_path)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (MKT_TYPE_WINDOW,
                       "application", application,
                       "db-path", db_path,
                       NULL);
}

const char *
mkt_window_get_db_path (MktWindow *self)
{
  g_return_val_if_fail (MKT_IS_WINDOW (self), NULL);

  return self->db_path;
}

/**
 * mkt_window_get_inventory_view:
 * @self: a window
 *
 * Returns: (transfer none): the inventory page
 */
MktInventoryView *
mkt_window_get_inventory_view (MktWindow *self)
{
  g_return_val_if_fail (MKT_IS_WINDOW (self), NULL);

  return self->inventory_view;
}

/**
 * mkt_window_add_toast:
 * @self: a window
 * @toast: (transfer full): a toast
 */
void
mkt_window_add_toast (MktWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (MKT_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_set_weak_pointer (&self->last_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * mkt_window_add_undo_toast:
 * @self: a window
 * @title: what was done, as plain text ("“Merino DK” moved to the trash")
 * @action_name: the action that undoes it ("material.restore")
 * @id: the id the action takes
 *
 * Shows the toast that follows a delete: @title, and an Undo button that
 * activates @action_name with @id.
 */
void
mkt_window_add_undo_toast (MktWindow  *self,
                           const char *title,
                           const char *action_name,
                           const char *id)
{
  /* A toast's title is markup. */
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast;

  g_return_if_fail (MKT_IS_WINDOW (self));
  g_return_if_fail (action_name != NULL);
  g_return_if_fail (id != NULL);

  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, action_name);
  adw_toast_set_action_target_value (toast, g_variant_new_string (id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  mkt_window_add_toast (self, toast);
}

/**
 * mkt_window_get_last_toast:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the toast shown last, until it is
 *   dismissed
 */
AdwToast *
mkt_window_get_last_toast (MktWindow *self)
{
  g_return_val_if_fail (MKT_IS_WINDOW (self), NULL);

  return self->last_toast;
}

/**
 * mkt_window_get_editor:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the material editor while it is open
 */
MktMaterialEditor *
mkt_window_get_editor (MktWindow *self)
{
  g_return_val_if_fail (MKT_IS_WINDOW (self), NULL);

  return mkt_window_current_editor (self);
}

/**
 * mkt_window_get_ready:
 * @self: a window
 *
 * Returns: whether the database is open; pages wait for #MktWindow:ready
 *   before they read
 */
gboolean
mkt_window_get_ready (MktWindow *self)
{
  g_return_val_if_fail (MKT_IS_WINDOW (self), FALSE);

  return self->ready;
}

/**
 * mkt_window_get_session:
 * @self: a window
 * @error: return location for an error
 *
 * The session every write of the window's pages goes through, on a
 * connection of the window's own, opened on first use.
 *
 * Returns: (transfer none) (nullable): the session, or %NULL before the
 *   window is ready or when the database cannot be opened
 */
MktSession *
mkt_window_get_session (MktWindow  *self,
                        GError    **error)
{
  g_return_val_if_fail (MKT_IS_WINDOW (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mkt_window_ensure_session (self, error);
}

/**
 * mkt_window_data_changed:
 * @self: a window
 * @entity: the name of the entity spec whose rows a page wrote
 *
 * Tells the other pages to reload what shows @entity.
 */
void
mkt_window_data_changed (MktWindow  *self,
                         const char *entity)
{
  g_return_if_fail (MKT_IS_WINDOW (self));
  g_return_if_fail (entity != NULL);

  g_signal_emit (self, signals[DATA_CHANGED], g_quark_from_string (entity), entity);
}

/**
 * mkt_window_show_page:
 * @self: a window
 * @name: "inventory", "products", "markets" or "dashboard"
 */
void
mkt_window_show_page (MktWindow  *self,
                      const char *name)
{
  g_return_if_fail (MKT_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * mkt_window_get_page:
 * @self: a window
 * @name: a page's name
 *
 * Returns: (transfer none) (nullable): the page's widget
 */
GtkWidget *
mkt_window_get_page (MktWindow  *self,
                     const char *name)
{
  g_return_val_if_fail (MKT_IS_WINDOW (self), NULL);

  return adw_view_stack_get_child_by_name (self->view_stack, name);
}
