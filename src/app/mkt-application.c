/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "mkt-application.h"
#include "mkt-window.h"

struct _MktApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (MktApplication, mkt_application, ADW_TYPE_APPLICATION)

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  MktApplication *self = MKT_APPLICATION (user_data);
  GList *windows;

  /* Closing each window lets it save its size and cancel its work. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  MktApplication *self = MKT_APPLICATION (user_data);
  static const char *developers[] = { "The Market Manager contributors", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Market Manager"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Market Manager contributors"),
                         "developers", developers,
                         "comments", _("Keep the materials, costs and market stalls of a craft business"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
};

static void
mkt_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (mkt_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
}

/* $MKT_REPORT_TIMING makes the app tell on stdout when its first frame is
 * painted and when the business has loaded (with the peak RSS then), and
 * quit after that: how benchmarks/bench-app.c times a real start. */
static void
report_first_frame_cb (GdkFrameClock *frame_clock,
                       gpointer       user_data)
{
  g_print ("first-frame\n");
  g_signal_handlers_disconnect_by_func (frame_clock, report_first_frame_cb, user_data);
}

static void
report_map_cb (GtkWidget *window,
               gpointer   user_data)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (report_first_frame_cb), NULL);
}

/* A line of /proc/self/status in kB ("VmHWM", "VmRSS"): the peak there is
 * this program's own, where getrusage() carries over the peak of the
 * process that started it. */
static long
status_kb (const char *key)
{
  g_autofree char *status = NULL;
  g_autofree char *prefix = g_strconcat ("\n", key, ":", NULL);
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, prefix)) == NULL)
    return 0;

  return strtol (line + strlen (prefix), NULL, 10);
}

static void
report_ready_cb (MktWindow  *window,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  if (!mkt_window_get_ready (window))
    return;

  g_print ("loaded rss-peak-kb=%ld rss-kb=%ld\n", status_kb ("VmHWM"), status_kb ("VmRSS"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
mkt_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      window = GTK_WINDOW (mkt_window_new (GTK_APPLICATION (application), NULL));

      if (g_getenv ("MKT_REPORT_TIMING") != NULL)
        {
          g_signal_connect (window, "map", G_CALLBACK (report_map_cb), NULL);
          g_signal_connect (window, "notify::ready", G_CALLBACK (report_ready_cb), NULL);
        }
    }

  gtk_window_present (window);
}

static void
mkt_application_class_init (MktApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = mkt_application_startup;
  app_class->activate = mkt_application_activate;
}

static void
mkt_application_init (MktApplication *self)
{
}

MktApplication *
mkt_application_new (void)
{
  /* A development build has its own app id but the same resources. */
  return g_object_new (MKT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/marketmanager/MarketManager",
                       NULL);
}
