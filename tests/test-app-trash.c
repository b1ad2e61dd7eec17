/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include <string.h>

#include "mkt-activity-item.h"
#include "mkt-activity-window.h"
#include "mkt-material-item.h"
#include "mkt-trash-window.h"
#include "test-app-utils.h"

/*
 * The trash and the activity windows: what they show and do must be what
 * mkt-core holds, read back on a connection of the test's own.
 */

static char *
create_material (MktSession *session,
                 const char *name,
                 const char *sku,
                 const char *price)
{
  return mkt_app_test_create (session, &mkt_material_spec,
                              "name", name,
                              "kind", "yarn",
                              "unit", "yd",
                              "sku", sku,
                              "purchase_price", price,
                              NULL);
}

static MktTrashWindow *
open_trash (MktWindow *window)
{
  MktTrashWindow *trash;

  trash = mkt_app_test_open_transient (GTK_WIDGET (window), "win.show-trash", NULL, MKT_TYPE_TRASH_WINDOW);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (trash)) == GTK_WINDOW (window));

  return trash;
}

static guint
count_list_rows (MktTrashWindow *trash)
{
  GtkListBox *list = mkt_trash_window_get_list (trash);
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;

  return n;
}

/* Closes the main window, which closes the others, and asserts that
 * nothing keeps any of them alive. */
static void
close_all (MktWindow *window,
           GtkWindow *other)
{
  mkt_app_test_close_window (window);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (other);
}

static void
test_restore (MktAppFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(MktMaterialItem) found = NULL;
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktRecord) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *other_id = NULL;
  MktTrashWindow *trash;
  AdwActionRow *row;
  MktWindow *window;
  GListModel *inventory;

  window = mkt_app_test_open_window (1000, 700);
  inventory = mkt_inventory_view_get_model (mkt_window_get_inventory_view (window));
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = create_material (session, "Trash Test Yarn", "TT-1", "4.20");

  /* The demo leaves nothing in the trash. */
  trash = open_trash (window);
  g_assert_cmpuint (mkt_trash_window_get_n_items (trash), ==, 0);
  g_assert_cmpuint (count_list_rows (trash), ==, 0);

  /* Deleted through the window, as the editor's button does: out of the
   * inventory, into the trash that is open. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "material.delete", "s", id));
  found = mkt_app_test_find_material (inventory, id);
  g_assert_null (found);
  g_assert_cmpuint (mkt_trash_window_get_n_items (trash), ==, 1);
  g_assert_cmpuint (count_list_rows (trash), ==, 1);
  row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (mkt_trash_window_get_list (trash), 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Trash Test Yarn");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Material · deleted "));

  /* Restored: out of the trash, back in the core and in the inventory. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trash), "trash.restore", "(ss)", "material", id));
  g_assert_cmpuint (mkt_trash_window_get_n_items (trash), ==, 0);
  g_assert_cmpuint (count_list_rows (trash), ==, 0);
  restored = mkt_session_get (session, &mkt_material_spec, id, &error);
  g_assert_no_error (error);
  g_assert_false (mkt_record_is_deleted (restored));
  found = mkt_app_test_find_material (inventory, id);
  g_assert_nonnull (found);

  /* A refusal is the core's, in a toast: the sku was taken meanwhile. */
  g_assert_true (mkt_session_delete (session, &mkt_material_spec, id, &error));
  g_assert_no_error (error);
  other_id = create_material (session, "Another Yarn", "TT-1", "1.00");
  mkt_trash_window_reload (trash);
  g_assert_cmpuint (mkt_trash_window_get_n_items (trash), ==, 1);
  g_assert_false (mkt_trash_window_restore (trash, 0));
  g_assert_cmpuint (mkt_trash_window_get_n_items (trash), ==, 1);
  g_assert_nonnull (mkt_trash_window_get_last_toast (trash));
  g_assert_nonnull (strstr (adw_toast_get_title (mkt_trash_window_get_last_toast (trash)), "sku"));

  close_all (window, GTK_WINDOW (trash));
}

static gboolean
has_audit (MktSession *session,
           const char *id,
           const char *action)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  mkt_query_add_filter (query, "entity_id", MKT_FILTER_EQ, g_variant_new_string (id));
  mkt_query_add_filter (query, "action", MKT_FILTER_EQ, g_variant_new_string (action));
  rows = mkt_session_list (session, &mkt_audit_spec, query, NULL, &error);
  g_assert_no_error (error);

  return rows->len > 0;
}

static void
test_empty (MktAppFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktRecord) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  AdwMessageDialog *dialog;
  MktTrashWindow *trash;
  MktWindow *window;

  window = mkt_app_test_open_window (1000, 700);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = create_material (session, "Purge Test Yarn", "PT-1", "3.00");
  g_assert_true (mkt_session_delete (session, &mkt_material_spec, id, &error));
  g_assert_no_error (error);

  trash = open_trash (window);
  g_assert_cmpuint (mkt_trash_window_get_n_items (trash), ==, 1);

  /* Nothing happens before the question is answered, nor on Cancel. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trash), "trash.empty", NULL));
  dialog = mkt_trash_window_get_confirm_dialog (trash);
  g_assert_nonnull (dialog);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "empty"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpuint (mkt_trash_window_get_n_items (trash), ==, 1);
  adw_message_dialog_response (dialog, "cancel");
  mkt_app_test_spin (50);
  g_assert_cmpuint (mkt_trash_window_get_n_items (trash), ==, 1);
  g_assert_false (has_audit (session, id, "purge"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trash), "trash.empty", NULL));
  dialog = mkt_trash_window_get_confirm_dialog (trash);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "empty");

  g_assert_cmpuint (mkt_trash_window_get_n_items (trash), ==, 0);
  g_assert_cmpstr (adw_toast_get_title (mkt_trash_window_get_last_toast (trash)), ==, "1 item deleted for good");
  gone = mkt_session_get_any (session, &mkt_material_spec, id, &error);
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_assert_true (has_audit (session, id, "purge"));

  close_all (window, GTK_WINDOW (trash));
}

/* A row still used elsewhere stays, and the toast says so. */
static void
test_empty_kept (MktAppFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  const char *used_id = NULL;
  AdwMessageDialog *dialog;
  MktTrashWindow *trash;
  MktWindow *window;

  window = mkt_app_test_open_window (1000, 700);
  session = mkt_app_test_open_session (fixture->db_path, &store);

  /* A material some recipe of the demo uses. */
  parts = mkt_session_list (session, &mkt_part_spec, query, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < parts->len && used_id == NULL; i++)
    if (mkt_record_has (g_ptr_array_index (parts, i), "material_id"))
      used_id = mkt_record_get_string (g_ptr_array_index (parts, i), "material_id");
  g_assert_nonnull (used_id);
  g_assert_true (mkt_session_delete (session, &mkt_material_spec, used_id, &error));
  g_assert_no_error (error);

  trash = open_trash (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trash), "trash.empty", NULL));
  dialog = mkt_trash_window_get_confirm_dialog (trash);
  adw_message_dialog_response (dialog, "empty");

  g_assert_cmpuint (mkt_trash_window_get_n_items (trash), ==, 1);
  g_assert_cmpstr (adw_toast_get_title (mkt_trash_window_get_last_toast (trash)), ==,
                   "0 items deleted for good, 1 kept because still in use");

  close_all (window, GTK_WINDOW (trash));
}

static MktActivityWindow *
open_activity (MktWindow *window)
{
  MktActivityWindow *activity;

  activity = mkt_app_test_open_transient (GTK_WIDGET (window), "win.show-activity", NULL, MKT_TYPE_ACTIVITY_WINDOW);
  mkt_app_test_wait_loaded (activity, 20000);

  return activity;
}

static guint
count_audit (MktSession *session,
             const char *entity)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (entity != NULL)
    mkt_query_add_filter (query, "entity", MKT_FILTER_EQ, g_variant_new_string (entity));
  rows = mkt_session_list (session, &mkt_audit_spec, query, NULL, &error);
  g_assert_no_error (error);

  return rows->len;
}

static void
test_activity (MktAppFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktRecord) edit = NULL;
  g_autoptr(MktActivityItem) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  MktActivityWindow *activity;
  MktWindow *window;
  GListModel *model;
  guint n_all;

  window = mkt_app_test_open_window (1000, 700);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = create_material (session, "Activity Test Yarn", "AT-1", "8.50");
  edit = mkt_session_get (session, &mkt_material_spec, id, &error);
  g_assert_no_error (error);
  mkt_session_set_from_text (session, edit, "purchase_price", "9", &error);
  g_assert_no_error (error);
  g_assert_true (mkt_session_update (session, edit, &error));
  g_assert_no_error (error);

  activity = open_activity (window);
  model = mkt_activity_window_get_model (activity);
  n_all = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_all, ==, count_audit (session, NULL));
  g_assert_cmpuint (n_all, >, 1);

  /* Newest first: the price change, with both amounts formatted. */
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (mkt_activity_item_get_action (first), ==, "Changed");
  g_assert_cmpstr (mkt_activity_item_get_subject (first), ==, "Material “Activity Test Yarn”");
  g_assert_cmpstr (mkt_activity_item_get_changes (first), ==, "Purchase price: 8.50 → 9.00");
  g_clear_object (&first);

  /* The filter asks the core again, for one entity. */
  g_assert_true (mkt_activity_window_set_entity (activity, "product"));
  g_assert_true (mkt_activity_window_get_loading (activity));
  mkt_app_test_wait_loaded (activity, 20000);
  g_assert_cmpstr (mkt_activity_window_get_entity (activity), ==, "product");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, count_audit (session, "product"));
  g_assert_cmpuint (g_list_model_get_n_items (model), <, n_all);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MktActivityItem) item = g_list_model_get_item (model, i);

      g_assert_true (g_str_has_prefix (mkt_activity_item_get_subject (item), "Product"));
    }

  g_assert_true (mkt_activity_window_set_entity (activity, NULL));
  mkt_app_test_wait_loaded (activity, 20000);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);

  close_all (window, GTK_WINDOW (activity));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!mkt_app_test_init (&argc, &argv, &status))
    return status;

  mkt_app_test_add ("/app/trash/restore", NULL, test_restore);
  mkt_app_test_add ("/app/trash/empty", NULL, test_empty);
  mkt_app_test_add ("/app/trash/empty-kept", NULL, test_empty_kept);
  mkt_app_test_add ("/app/activity", NULL, test_activity);

  return g_test_run ();
}
