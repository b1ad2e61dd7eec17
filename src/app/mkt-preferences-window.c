/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-preferences-window.h"

struct _MktPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  MktSession           *session;
};

G_DEFINE_FINAL_TYPE (MktPreferencesWindow, mkt_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
mkt_preferences_window_dispose (GObject *object)
{
  MktPreferencesWindow *self = MKT_PREFERENCES_WINDOW (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (mkt_preferences_window_parent_class)->dispose (object);
}

static void
mkt_preferences_window_class_init (MktPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mkt_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-preferences-window.ui");
}

static void
mkt_preferences_window_init (MktPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mkt_preferences_window_new:
 * @parent: the main window
 * @session: the session the settings are read and written through
 *
 * Returns: (transfer none): a new preferences window, owned by GTK's list
 *   of toplevels
 */
GtkWindow *
mkt_preferences_window_new (GtkWindow  *parent,
                            MktSession *session)
{
  MktPreferencesWindow *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);

  self = g_object_new (MKT_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->session = g_object_ref (session);

  return GTK_WINDOW (self);
}
