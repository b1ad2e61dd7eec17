/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include <glib/gstdio.h>

#include "mkt-activity-window.h"
#include "mkt-markets-view.h"
#include "mkt-preferences-window.h"
#include "mkt-products-view.h"
#include "mkt-stall-window.h"
#include "mkt-trash-window.h"
#include "test-app-utils.h"

/*
 * Renders the main window with the demo shop to PNG files under the build
 * folder ($MKT_SCREENSHOT_DIR), for a person to look at: the wide layout and
 * the narrow one of a phone.
 */

typedef enum
{
  SHOW_WINDOW,
  SHOW_EDITOR,
  SHOW_EDITOR_ERROR,
  SHOW_NEW_EDITOR,
  SHOW_TRASH,
  SHOW_EMPTY_TRASH,
  SHOW_ACTIVITY,
  SHOW_PAGE,
  SHOW_PREFERENCES,
  SHOW_PRODUCT,
  SHOW_EVENT,
  SHOW_STALL,
} Show;

typedef struct
{
  const char *name;
  int         width;
  int         height;
  const char *search;
  Show        show;
  const char *page;
  gboolean    dark;
} Shot;

static const Shot shots[] = {
  { "inventory-1280x800", 1280, 800, NULL, SHOW_WINDOW },
  { "inventory-360x720", 360, 720, NULL, SHOW_WINDOW },
  { "inventory-search-360x720", 360, 720, "merino", SHOW_WINDOW },
  { "inventory-no-results-1280x800", 1280, 800, "no such thing", SHOW_WINDOW },
  { "editor-1280x800", 1280, 800, NULL, SHOW_EDITOR },
  { "editor-360x720", 360, 720, NULL, SHOW_EDITOR },
  { "editor-error-360x720", 360, 720, NULL, SHOW_EDITOR_ERROR },
  { "editor-new-360x720", 360, 720, NULL, SHOW_NEW_EDITOR },
  { "trash-1280x800", 1280, 800, NULL, SHOW_TRASH },
  { "trash-360x720", 360, 720, NULL, SHOW_TRASH },
  { "trash-empty-360x720", 360, 720, NULL, SHOW_EMPTY_TRASH },
  { "activity-1280x800", 1280, 800, NULL, SHOW_ACTIVITY },
  { "activity-360x720", 360, 720, NULL, SHOW_ACTIVITY },
  { "products-1280x800", 1280, 800, NULL, SHOW_PAGE, "products" },
  { "products-360x720", 360, 720, NULL, SHOW_PAGE, "products" },
  { "markets-1280x800", 1280, 800, NULL, SHOW_PAGE, "markets" },
  { "markets-360x720", 360, 720, NULL, SHOW_PAGE, "markets" },
  { "dashboard-1280x800", 1280, 800, NULL, SHOW_PAGE, "dashboard" },
  { "dashboard-360x720", 360, 720, NULL, SHOW_PAGE, "dashboard" },
  { "preferences-1280x800", 1280, 800, NULL, SHOW_PREFERENCES },
  { "preferences-360x720", 360, 720, NULL, SHOW_PREFERENCES },
  { "product-1280x800", 1280, 800, NULL, SHOW_PRODUCT, "products" },
  { "product-360x720", 360, 720, NULL, SHOW_PRODUCT, "products" },
  { "event-1280x800", 1280, 800, NULL, SHOW_EVENT, "markets" },
  { "event-360x720", 360, 720, NULL, SHOW_EVENT, "markets" },
  { "stall-1280x800", 1280, 800, NULL, SHOW_STALL, "markets" },
  { "stall-360x720", 360, 720, NULL, SHOW_STALL, "markets" },
  /* The system's dark style, which the app follows. */
  { "dashboard-dark-1280x800", 1280, 800, NULL, SHOW_PAGE, "dashboard", TRUE },
  { "stall-dark-360x720", 360, 720, NULL, SHOW_STALL, "markets", TRUE },
};

static char *
screenshot_dir (void)
{
  const char *dir = g_getenv ("MKT_SCREENSHOT_DIR");

  return dir != NULL ? g_strdup (dir) : g_build_filename (g_get_tmp_dir (), "mkt-screenshots", NULL);
}

typedef struct
{
  GtkWindow *window;
  int        width;
  int        height;
} SizeWait;

static gboolean
has_size (gpointer user_data)
{
  SizeWait *wait = user_data;

  return gtk_widget_get_width (GTK_WIDGET (wait->window)) == wait->width &&
         gtk_widget_get_height (GTK_WIDGET (wait->window)) == wait->height;
}

/* Gives @window (realized) the size of @shot, as far as the screen
 * allows, and returns what to wait for. */
static SizeWait
size_window (GtkWindow  *window,
             const Shot *shot)
{
  SizeWait wait = { window, shot->width, shot->height };
  GdkRectangle geometry;
  GdkMonitor *monitor;
  double border_x, border_y;

  gtk_widget_realize (GTK_WIDGET (window));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &border_x, &border_y);
  monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (window)),
                                                gtk_native_get_surface (GTK_NATIVE (window)));
  gdk_monitor_get_geometry (monitor, &geometry);
  wait.width = MIN (shot->width, geometry.width - 2 * (int)border_x);
  wait.height = MIN (shot->height, geometry.height - 2 * (int)border_y);
  if (wait.width != shot->width || wait.height != shot->height)
    g_test_message ("the screen (%d × %d) holds a window of %d × %d at most",
                    geometry.width, geometry.height, wait.width, wait.height);

  gtk_window_set_default_size (window,
                               wait.width + 2 * (int)border_x,
                               wait.height + 2 * (int)border_y);
  return wait;
}

static gboolean
loaded (gpointer user_data)
{
  return !mkt_inventory_view_get_loading (mkt_window_get_inventory_view (user_data));
}

/* Without a compositor the surface holds the window plus a border to resize
 * it by, and the default size is the surface's: the window itself is what
 * must be the size asked for. A surface never outgrows the monitor, so on
 * Xvfb's default 1280 × 1024 screen the widest shot comes out a little
 * narrower (build-aux/test gives Xvfb a larger screen). */
static MktWindow *
open_window (const Shot *shot)
{
  MktWindow *window = g_object_ref (mkt_window_new (NULL, NULL));
  SizeWait wait = size_window (GTK_WINDOW (window), shot);

  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (mkt_app_test_wait (loaded, window, 20000));
  g_assert_true (mkt_app_test_wait (has_size, &wait, 5000));

  return window;
}

typedef struct
{
  MktInventoryView *view;
  const char       *search;
} SearchWait;

static gboolean
search_applied (gpointer user_data)
{
  SearchWait *wait = user_data;

  return g_strcmp0 (mkt_inventory_view_get_search (wait->view), wait->search) == 0;
}

/* What the action opened, with a reference of the test's own. */
static GtkWindow *
find_window (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return g_object_ref (l->data);

  g_assert_not_reached ();
}

/* Pages that read in the background say so with a "loading" property. */
static gboolean
page_loaded (gpointer user_data)
{
  GObject *page = user_data;
  gboolean loading = FALSE;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (page), "loading") != NULL)
    g_object_get (page, "loading", &loading, NULL);

  return !loading;
}

static gboolean
activity_loaded (gpointer user_data)
{
  return !mkt_activity_window_get_loading (user_data);
}

/* Something to see in the trash and the log: a price change and two
 * deletions. */
static void
make_history (MktSession *session)
{
  static const char * const skus[] = { "HM-MDK-NAT", "EV-WA-GRN" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (skus); i++)
    {
      g_autofree char *id = mkt_session_resolve (session, &mkt_material_spec, skus[i], MKT_DELETED_EXCLUDE, &error);
      g_autoptr(MktRecord) edit = NULL;

      g_assert_no_error (error);
      edit = mkt_session_get (session, &mkt_material_spec, id, &error);
      g_assert_no_error (error);
      mkt_session_set_from_text (session, edit, "purchase_price", "9.75", &error);
      g_assert_no_error (error);
      mkt_session_update (session, edit, &error);
      g_assert_no_error (error);
      if (i == 1)
        {
          mkt_session_delete (session, &mkt_material_spec, id, &error);
          g_assert_no_error (error);
        }
    }
}

static void
save_png (GtkWidget  *widget,
          const char *path)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  g_assert_nonnull (renderer);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);

  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_screenshot (MktAppFixture *fixture,
                 gconstpointer  data)
{
  const Shot *shot = data;
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = screenshot_dir ();
  g_autofree char *file = g_strconcat (shot->name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  MktMaterialEditor *editor = NULL;
  GtkWindow *other = NULL;
  GtkWidget *shown;
  MktInventoryView *view;
  MktWindow *window;

  /* The demo is there already: no first-run toast over the list. */
  session = mkt_app_test_open_session (fixture->db_path, &store);
  mkt_demo_load (session, NULL, &error);
  g_assert_no_error (error);
  if (shot->show == SHOW_TRASH || shot->show == SHOW_ACTIVITY)
    make_history (session);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      shot->dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_DEFAULT);
  window = open_window (shot);
  view = mkt_window_get_inventory_view (window);

  if (shot->search != NULL)
    {
      SearchWait wait = { view, shot->search };

      gtk_editable_set_text (mkt_inventory_view_get_search_entry (view), shot->search);
      g_assert_true (mkt_app_test_wait (search_applied, &wait, 5000));
    }

  if (shot->page != NULL)
    {
      GtkWidget *page = mkt_window_get_page (window, shot->page);

      g_assert_nonnull (page);
      mkt_window_show_page (window, shot->page);
      /* A page starts reading when it is first shown or the window is
       * ready: give it a turn to start, then wait for it. */
      mkt_app_test_spin (50);
      g_assert_true (mkt_app_test_wait (page_loaded, page, 20000));

      if (shot->show == SHOW_PRODUCT)
        {
          g_autofree char *id = NULL;

          /* The gift set: a component inside, so the tree has depth. */
          id = mkt_session_resolve (session, &mkt_product_spec, "P-BEAR-GIFT", MKT_DELETED_EXCLUDE, &error);
          g_assert_no_error (error);
          g_assert_true (mkt_products_view_select (MKT_PRODUCTS_VIEW (page), id));
          g_assert_true (mkt_app_test_wait (page_loaded, page, 20000));
        }
      else if (shot->show == SHOW_EVENT || shot->show == SHOW_STALL)
        {
          g_autoptr(GPtrArray) recent = NULL;
          MktMarketSummary *summary;
          const char *event_id;

          /* The demo's last market: it has sales to sum up. */
          recent = mkt_report_recent_events (session, mkt_session_now (session), 1, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (recent->len, ==, 1);
          summary = g_ptr_array_index (recent, 0);
          event_id = mkt_record_get_id (summary->event);

          if (shot->show == SHOW_EVENT)
            {
              g_assert_true (mkt_markets_view_select (MKT_MARKETS_VIEW (page), event_id));
              g_assert_true (mkt_app_test_wait (page_loaded, page, 20000));
            }
          else
            {
              SizeWait wait;

              other = g_object_ref (GTK_WINDOW (mkt_markets_view_open_stall (MKT_MARKETS_VIEW (page), event_id)));
              wait = size_window (other, shot);
              g_assert_true (mkt_app_test_wait (page_loaded, other, 20000));
              g_assert_true (mkt_app_test_wait (has_size, &wait, 5000));
            }
        }
    }
  else if (shot->show == SHOW_PREFERENCES)
    {
      SizeWait wait;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-preferences", NULL);
      other = find_window (MKT_TYPE_PREFERENCES_WINDOW);
      wait = size_window (other, shot);
      g_assert_true (mkt_app_test_wait (has_size, &wait, 5000));
    }
  else if (shot->show == SHOW_TRASH || shot->show == SHOW_EMPTY_TRASH || shot->show == SHOW_ACTIVITY)
    {
      SizeWait wait;

      if (shot->show == SHOW_ACTIVITY)
        {
          gtk_widget_activate_action (GTK_WIDGET (window), "win.show-activity", NULL);
          other = find_window (MKT_TYPE_ACTIVITY_WINDOW);
          g_assert_true (mkt_app_test_wait (activity_loaded, other, 20000));
        }
      else
        {
          gtk_widget_activate_action (GTK_WIDGET (window), "win.show-trash", NULL);
          other = find_window (MKT_TYPE_TRASH_WINDOW);
        }
      wait = size_window (other, shot);
      g_assert_true (mkt_app_test_wait (has_size, &wait, 5000));
    }
  else if (shot->show != SHOW_WINDOW)
    {
      g_autofree char *id = NULL;
      SizeWait wait;

      id = mkt_session_resolve (session, &mkt_material_spec, "HM-MDK-NAT", MKT_DELETED_EXCLUDE, &error);
      g_assert_no_error (error);
      if (shot->show == SHOW_NEW_EDITOR)
        gtk_widget_activate_action (GTK_WIDGET (window), "material.new", NULL);
      else
        gtk_widget_activate_action (GTK_WIDGET (window), "material.edit", "s", id);
      editor = g_object_ref (mkt_window_get_editor (window));
      wait = size_window (GTK_WINDOW (editor), shot);
      g_assert_true (mkt_app_test_wait (has_size, &wait, 5000));

      if (shot->show == SHOW_EDITOR_ERROR)
        {
          gtk_editable_set_text (GTK_EDITABLE (mkt_material_editor_get_row (editor, "purchase_price")), "-3");
          g_assert_false (mkt_material_editor_save (editor));
        }
    }

  /* Let layout settle (columns that follow the width change on the next
   * turn of the main loop) and frames be drawn. */
  mkt_app_test_spin (300);

  /* Nothing on the page may push the window wider than asked (a phone's
   * 360 px above all). */
  shown = editor != NULL ? GTK_WIDGET (editor) : other != NULL ? GTK_WIDGET (other) : GTK_WIDGET (window);
  g_assert_cmpint (gtk_widget_get_width (shown), <=, shot->width);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  save_png (shown, path);
  g_test_message ("screenshot: %s", path);

  if (editor != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (editor));
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_assert_finalize_object (editor);
    }
  /* A transient window goes first: once its parent is gone, GTK 4.8 would
   * unset a dangling parent when it goes. */
  if (other != NULL)
    {
      gtk_window_destroy (other);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_assert_finalize_object (other);
    }
  mkt_app_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!mkt_app_test_init (&argc, &argv, &status))
    return status;

  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      g_autofree char *test_path = g_strconcat ("/app/screenshot/", shots[i].name, NULL);

      mkt_app_test_add (test_path, &shots[i], test_screenshot);
    }

  return g_test_run ();
}
