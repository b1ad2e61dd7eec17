/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include <glib/gstdio.h>

#include "mkt-material-item.h"
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

static gboolean
only_reference (gpointer object)
{
  return g_atomic_int_get ((int *) &G_OBJECT (object)->ref_count) == 1;
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
  /* Idles the destruction queued (surface, frame clock) run first, and a
   * worker thread's task lets go of the window. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (mkt_app_test_wait (only_reference, window, LOAD_TIMEOUT_MS));
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

/**
 * mkt_app_test_finalize_window:
 * @window: (transfer full): a window the test holds the last reference to
 *   (an editor, a dialog)
 *
 * Destroys @window if it is still shown, waits out what its destruction
 * queued, then asserts that nothing else keeps it alive.
 */
void
mkt_app_test_finalize_window (gpointer window)
{
  g_assert_true (GTK_IS_WINDOW (window));

  if (gtk_widget_get_visible (GTK_WIDGET (window)))
    gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  /* A task that ran on a worker thread for the window may drop its
   * reference there a moment after its callback ran here. */
  g_assert_true (mkt_app_test_wait (only_reference, window, LOAD_TIMEOUT_MS));
  g_assert_finalize_object (window);
}

/**
 * mkt_app_test_find_toplevel:
 * @type: a #GtkWindow subtype
 *
 * The window of @type an action opened: the newest shown toplevel of
 * @type (one just closed may still be shown for a frame).
 *
 * Returns: (transfer none) (nullable): the toplevel, or %NULL if none of
 *   @type is shown
 */
gpointer
mkt_app_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }

  return NULL;
}

/**
 * mkt_app_test_open_transient:
 * @widget: where to activate @action_name
 * @action_name: an action that opens a window ("material.purchase")
 * @id: (nullable): the action's string parameter, or %NULL for an action
 *   that takes none
 * @type: the type of the window it opens
 *
 * Activates @action_name and finds the window it opened.
 *
 * Returns: (transfer full): the window, with a reference of the test's own
 *   (mkt_app_test_finalize_window() drops it)
 */
gpointer
mkt_app_test_open_transient (GtkWidget  *widget,
                             const char *action_name,
                             const char *id,
                             GType       type)
{
  GtkWindow *window;

  if (id != NULL)
    g_assert_true (gtk_widget_activate_action (widget, action_name, "s", id));
  else
    g_assert_true (gtk_widget_activate_action (widget, action_name, NULL));

  window = mkt_app_test_find_toplevel (type);
  g_assert_nonnull (window);
  return g_object_ref (window);
}

static gboolean
not_loading (gpointer user_data)
{
  gboolean loading = TRUE;

  g_object_get (user_data, "loading", &loading, NULL);
  return !loading;
}

/**
 * mkt_app_test_wait_loaded:
 * @object: a page or window that reads in the background and says so with
 *   a boolean "loading" property
 * @timeout_ms: how long to wait at the most
 *
 * Asserts that @object stops loading within @timeout_ms.
 */
void
mkt_app_test_wait_loaded (gpointer object,
                          guint    timeout_ms)
{
  g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (object), "loading"));
  g_assert_true (mkt_app_test_wait (not_loading, object, timeout_ms));
}

/**
 * mkt_app_test_undo_last_toast:
 * @window: a window
 * @action_name: the action the toast's button must activate
 *   ("material.restore")
 *
 * Presses the Undo button of the last toast @window showed.
 */
void
mkt_app_test_undo_last_toast (MktWindow  *window,
                              const char *action_name)
{
  AdwToast *toast = mkt_window_get_last_toast (window);

  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, action_name);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window),
                                                     adw_toast_get_action_name (toast),
                                                     adw_toast_get_action_target_value (toast)));
}

/**
 * mkt_app_test_resolve:
 * @session: the test's session
 * @spec: what to look for
 * @key: a SKU, a name or an id, as mkt_session_resolve() takes it
 *
 * Returns: (transfer full): the id of the live row @key names; asserts
 *   there is one
 */
char *
mkt_app_test_resolve (MktSession          *session,
                      const MktEntitySpec *spec,
                      const char          *key)
{
  g_autoptr(GError) error = NULL;
  char *id = mkt_session_resolve (session, spec, key, MKT_DELETED_EXCLUDE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/**
 * mkt_app_test_count_rows:
 * @session: the test's session
 * @spec: what to count
 * @deleted: whether rows in the trash count
 * @field: (nullable): a field to filter on, or %NULL for all rows
 * @value: (nullable): the text @field must equal
 *
 * Returns: how many rows of @spec mkt-core holds
 */
guint
mkt_app_test_count_rows (MktSession          *session,
                         const MktEntitySpec *spec,
                         MktDeletedFilter     deleted,
                         const char          *field,
                         const char          *value)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  mkt_query_set_deleted (query, deleted);
  if (field != NULL)
    mkt_query_add_filter (query, field, MKT_FILTER_EQ, g_variant_new_string (value));
  rows = mkt_session_list (session, spec, query, NULL, &error);
  g_assert_no_error (error);

  return rows->len;
}

/**
 * mkt_app_test_is_deleted:
 * @session: the test's session
 * @spec: what @id is
 * @id: a row's id
 *
 * Returns: whether the row is in the trash
 */
gboolean
mkt_app_test_is_deleted (MktSession          *session,
                         const MktEntitySpec *spec,
                         const char          *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) record = mkt_session_get_any (session, spec, id, &error);

  g_assert_no_error (error);
  return mkt_record_is_deleted (record);
}

/**
 * mkt_app_test_create:
 * @session: a session
 * @spec: what to create
 * @first_field: the name of the first field to set
 * @...: its text, as people would type it, then more field and text
 *   pairs, ending with %NULL
 *
 * Creates a row through @session, setting each field with
 * mkt_session_set_from_text(); asserts that it all works.
 *
 * Returns: (transfer full): the new row's id
 */
char *
mkt_app_test_create (MktSession          *session,
                     const MktEntitySpec *spec,
                     const char          *first_field,
                     ...)
{
  g_autoptr(MktRecord) record = mkt_record_new (spec);
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, first_field);
  for (const char *field = first_field; field != NULL; field = va_arg (args, const char *))
    {
      const char *text = va_arg (args, const char *);

      mkt_session_set_from_text (session, record, field, text, &error);
      g_assert_no_error (error);
    }
  va_end (args);

  g_assert_true (mkt_session_create (session, record, &error));
  g_assert_no_error (error);

  return g_strdup (mkt_record_get_id (record));
}

/**
 * mkt_app_test_find_material:
 * @model: a list of #MktMaterialItem (the inventory's)
 * @id: a material's id
 *
 * Returns: (transfer full) (nullable): the item of @id in @model, or %NULL
 */
MktMaterialItem *
mkt_app_test_find_material (GListModel *model,
                            const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MktMaterialItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (mkt_material_item_get_id (item), id))
        return g_steal_pointer (&item);
    }

  return NULL;
}
