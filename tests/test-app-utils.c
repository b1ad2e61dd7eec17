/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include <glib/gstdio.h>

#include "test-app-utils.h"

/* Generous: the first load creates the database and the demo shop, on a
 * loaded CI machine under valgrind-like slowness. */
#define LOAD_TIMEOUT_MS 20000

/**
 * mkt_app_test_init:
 * @argc: main()'s argument count
 * @argv: main()'s arguments
 * @out_status: (out): the exit status when there is nothing to run
 *
 * Starts GTK and libadwaita for widget tests. Without a display server the
 * tests are skipped, as `meson test` on a desktop without X would; where one
 * is promised (MKT_REQUIRE_DISPLAY, set by build-aux/test, which starts
 * Xvfb) its absence is a failure, never a quiet skip.
 *
 * Returns: %TRUE to add and run the tests
 */
gboolean
mkt_app_test_init (int    *argc,
                   char ***argv,
                   int    *out_status)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      if (g_getenv ("MKT_REQUIRE_DISPLAY") != NULL)
        {
          g_print ("Bail out! no display, though MKT_REQUIRE_DISPLAY is set\n");
          *out_status = 1;
        }
      else
        {
          g_print ("1..0 # SKIP no display (run under xvfb-run -a)\n");
          *out_status = 0;
        }
      return FALSE;
    }

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  return TRUE;
}

/**
 * mkt_app_test_add:
 * @path: the test's path
 * @data: what @func gets as its data
 * @func: the test, with a fresh database around it
 */
void
mkt_app_test_add (const char      *path,
                  gconstpointer    data,
                  MktAppTestFunc   func)
{
  g_test_add (path, MktAppFixture, data, mkt_app_fixture_setup, func, mkt_app_fixture_teardown);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
mkt_app_fixture_setup (MktAppFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("mkt-app-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "market.db", NULL);
  g_setenv ("MKT_DB", fixture->db_path, TRUE);
}

void
mkt_app_fixture_teardown (MktAppFixture *fixture,
                          gconstpointer  data)
{
  g_unsetenv ("MKT_DB");
  remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->db_path, g_free);
}

static void
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
}

/**
 * mkt_app_test_wait:
 * @condition: what to wait for
 * @user_data: for @condition
 * @timeout_ms: how long at most
 *
 * Runs the main loop until @condition holds or @timeout_ms have passed.
 *
 * Returns: whether @condition held
 */
gboolean
mkt_app_test_wait (MktAppCondition condition,
                   gpointer        user_data,
                   guint           timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_once (timeout_ms, timed_out_cb, &timed_out);

  while (!condition (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);

  return condition (user_data);
}

static gboolean
never (gpointer user_data)
{
  return FALSE;
}

/**
 * mkt_app_test_spin:
 * @ms: how long
 *
 * Runs the main loop for @ms: frames get drawn, idles run.
 */
void
mkt_app_test_spin (guint ms)
{
  mkt_app_test_wait (never, NULL, ms);
}

static gboolean
loaded (gpointer user_data)
{
  MktWindow *window = user_data;

  return !mkt_inventory_view_get_loading (mkt_window_get_inventory_view (window));
}

/**
 * mkt_app_test_open_window:
 * @width: the window's width
 * @height: its height
 *
 * Shows a window on $MKT_DB and waits until its inventory has loaded.
 *
 * Returns: (transfer full): the window, with a reference of the test's
 *   own: close it with mkt_app_test_close_window()
 */
MktWindow *
mkt_app_test_open_window (int width,
                          int height)
{
  MktWindow *window = g_object_ref (mkt_window_new (NULL, NULL));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (mkt_inventory_view_get_loading (mkt_window_get_inventory_view (window)));
  g_assert_true (mkt_app_test_wait (loaded, window, LOAD_TIMEOUT_MS));

  return window;
}

/**
 * mkt_app_test_close_window:
 * @window: (transfer full): from mkt_app_test_open_window()
 *
 * Destroys @window and asserts that nothing else keeps it alive.
 */
void
mkt_app_test_close_window (MktWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  /* Idles the destruction queued (surface, frame clock) run first. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (window);
}

/**
 * mkt_app_test_open_session:
 * @db_path: a database the app made
 * @out_store: (out): its store, for the session's lifetime
 *
 * A second connection to what the app shows, to check it against mkt-core.
 *
 * Returns: (transfer full): a session of the local user
 */
MktSession *
mkt_app_test_open_session (const char      *db_path,
                           MktSqliteStore **out_store)
{
  g_autoptr(GError) error = NULL;
  MktSession *session;

  *out_store = mkt_sqlite_store_new (db_path, &error);
  g_assert_no_error (error);
  session = mkt_local_session_new (*out_store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  return session;
}
