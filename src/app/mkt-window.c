/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-core.h"
#include "mkt-window.h"

/* The settings are the app's whatever its profile: a development build
 * keeps its own data through its own app id, not through another schema. */
#define SETTINGS_SCHEMA_ID "io.github.marketmanager.MarketManager"

struct _MktWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  MktInventoryView     *inventory_view;

  GSettings            *settings;
  GCancellable         *cancellable;
  char                 *db_path;
};

G_DEFINE_FINAL_TYPE (MktWindow, mkt_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DB_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

  if (demo_loaded)
    mkt_window_add_toast (self, adw_toast_new (_("Loaded a demo yarn shop to explore")));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MktWindow *self = MKT_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "inventory");
  mkt_inventory_view_focus_search (self->inventory_view);
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

  /* The window keeps itself alive until the load has finished or been
   * cancelled, so the callback never meets a finalized window. */
  mkt_inventory_view_load_async (self->inventory_view, self->db_path, TRUE, self->cancellable,
                                 inventory_loaded_cb, g_object_ref (self));
}

static void
mkt_window_dispose (GObject *object)
{
  MktWindow *self = (MktWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_WINDOW);
  g_clear_object (&self->settings);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MKT_TYPE_INVENTORY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MktWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MktWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MktWindow, inventory_view);

  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
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

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
