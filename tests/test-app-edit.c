/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include "mkt-material-editor.h"
#include "mkt-material-item.h"
#include "test-app-utils.h"

/*
 * The material editor and the trash: what the widgets do must be what
 * mkt-core holds, read back on a connection of the test's own.
 */

/* The editor the window opened, with a reference of the test's own. */
static MktMaterialEditor *
open_editor (MktWindow  *window,
             const char *id)
{
  MktMaterialEditor *editor;

  if (id != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "material.edit", "s", id));
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "material.new", NULL));

  editor = mkt_window_get_editor (window);
  g_assert_true (MKT_IS_MATERIAL_EDITOR (editor));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));

  return g_object_ref (editor);
}

static void
set_row (MktMaterialEditor *editor,
         const char        *field,
         const char        *text)
{
  GtkWidget *row = mkt_material_editor_get_row (editor, field);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
set_kind (MktMaterialEditor *editor,
          const char        *kind)
{
  const MktFieldSpec *field = mkt_entity_spec_field (&mkt_material_spec, "kind");
  GtkWidget *row = mkt_material_editor_get_row (editor, "kind");

  g_assert_true (ADW_IS_COMBO_ROW (row));
  for (guint i = 0; field->choices[i] != NULL; i++)
    if (g_str_equal (field->choices[i], kind))
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
        return;
      }
  g_assert_not_reached ();
}

static void
test_create (MktAppFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktRecord) material = NULL;
  g_autoptr(MktMaterialItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  MktMaterialEditor *editor;
  MktWindow *window;
  GListModel *model;
  guint n_items;

  window = mkt_app_test_open_window (1000, 700);
  model = mkt_inventory_view_get_model (mkt_window_get_inventory_view (window));
  n_items = g_list_model_get_n_items (model);
  session = mkt_app_test_open_session (fixture->db_path, &store);

  editor = open_editor (window, NULL);
  g_assert_null (mkt_material_editor_get_material_id (editor));
  /* A second Ctrl+N shows the same editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "material.new", NULL));
  g_assert_true (mkt_window_get_editor (window) == editor);

  set_row (editor, "name", "Linen Blend");
  set_kind (editor, "fabric");
  set_row (editor, "sku", "LIN-1");
  set_row (editor, "colour", "Oat");
  set_row (editor, "unit", "m");
  set_row (editor, "purchase_price", "12.40");
  set_row (editor, "reorder_level", "5");
  set_row (editor, "supplier", "Weavers & Co");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));

  /* Saved and closed. */
  g_assert_null (mkt_window_get_editor (window));
  g_assert_nonnull (mkt_material_editor_get_material_id (editor));

  /* In the core ... */
  id = mkt_app_test_resolve (session, &mkt_material_spec, "LIN-1");
  g_assert_cmpstr (id, ==, mkt_material_editor_get_material_id (editor));
  material = mkt_session_get (session, &mkt_material_spec, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mkt_record_get_string (material, "name"), ==, "Linen Blend");
  g_assert_cmpstr (mkt_record_get_string (material, "kind"), ==, "fabric");
  g_assert_cmpstr (mkt_record_get_string (material, "colour"), ==, "Oat");
  g_assert_cmpstr (mkt_record_get_string (material, "unit"), ==, "m");
  g_assert_cmpint (mkt_record_get_int (material, "purchase_price"), ==, 1240);
  g_assert_cmpstr (mkt_record_get_string (material, "supplier"), ==, "Weavers & Co");
  g_assert_false (mkt_record_has (material, "brand"));

  /* ... and in the list. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_items + 1);
  item = mkt_app_test_find_material (model, id);
  g_assert_nonnull (item);
  g_assert_cmpstr (mkt_material_item_get_name (item), ==, "Linen Blend");
  g_assert_cmpstr (mkt_material_item_get_kind (item), ==, "Fabric");
  g_assert_cmpint (mkt_material_item_get_price_value (item), ==, 1240);

  mkt_app_test_finalize_window (editor);
  mkt_app_test_close_window (window);
}

static void
test_edit (MktAppFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktRecord) before = NULL;
  g_autoptr(MktRecord) after = NULL;
  g_autoptr(MktMaterialItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  MktMaterialEditor *editor;
  GtkWidget *row;
  GtkWidget *focus;
  MktWindow *window;
  GListModel *model;
  guint n_audit;

  window = mkt_app_test_open_window (1000, 700);
  model = mkt_inventory_view_get_model (mkt_window_get_inventory_view (window));
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = mkt_app_test_resolve (session, &mkt_material_spec, "HM-MDK-NAT");
  before = mkt_session_get (session, &mkt_material_spec, id, &error);
  g_assert_no_error (error);
  n_audit = mkt_app_test_count_rows (session, &mkt_audit_spec, MKT_DELETED_INCLUDE, NULL, NULL);

  editor = open_editor (window, id);
  g_assert_cmpstr (mkt_material_editor_get_material_id (editor), ==, id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mkt_material_editor_get_row (editor, "name"))), ==,
                   mkt_record_get_string (before, "name"));

  /* A negative price: the core says no, on the price's row. */
  set_row (editor, "colour", "Undyed");
  set_row (editor, "purchase_price", "-3");
  g_assert_false (mkt_material_editor_save (editor));
  g_assert_true (mkt_window_get_editor (window) == editor);

  row = mkt_material_editor_get_row (editor, "purchase_price");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (row));
  g_assert_false (gtk_widget_has_css_class (mkt_material_editor_get_row (editor, "colour"), "error"));
  focus = gtk_root_get_focus (GTK_ROOT (editor));
  g_assert_true (focus == row || gtk_widget_is_ancestor (focus, row));

  /* Nothing written: not the colour either, and no audit row. */
  after = mkt_session_get (session, &mkt_material_spec, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mkt_record_get_int (after, "purchase_price"), ==, mkt_record_get_int (before, "purchase_price"));
  g_assert_cmpstr (mkt_record_get_string (after, "colour"), ==, mkt_record_get_string (before, "colour"));
  g_assert_cmpint (mkt_record_get_updated_at (after), ==, mkt_record_get_updated_at (before));
  g_assert_cmpuint (mkt_app_test_count_rows (session, &mkt_audit_spec, MKT_DELETED_INCLUDE, NULL, NULL), ==, n_audit);
  g_clear_object (&after);

  /* Typing clears the error; a valid price saves both fields. */
  set_row (editor, "purchase_price", "9.25");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_true (mkt_material_editor_save (editor));
  g_assert_null (mkt_window_get_editor (window));

  after = mkt_session_get (session, &mkt_material_spec, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mkt_record_get_int (after, "purchase_price"), ==, 925);
  g_assert_cmpstr (mkt_record_get_string (after, "colour"), ==, "Undyed");
  g_assert_cmpstr (mkt_record_get_string (after, "name"), ==, mkt_record_get_string (before, "name"));
  g_assert_cmpuint (mkt_app_test_count_rows (session, &mkt_audit_spec, MKT_DELETED_INCLUDE, NULL, NULL), ==, n_audit + 1);

  item = mkt_app_test_find_material (model, id);
  g_assert_nonnull (item);
  g_assert_cmpstr (mkt_material_item_get_colour (item), ==, "Undyed");
  g_assert_cmpint (mkt_material_item_get_price_value (item), ==, 925);

  mkt_app_test_finalize_window (editor);
  mkt_app_test_close_window (window);
}

static void
test_cancel_writes_nothing (MktAppFixture *fixture,
                            gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autofree char *id = NULL;
  MktMaterialEditor *editor;
  MktWindow *window;
  guint n_audit;

  window = mkt_app_test_open_window (1000, 700);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = mkt_app_test_resolve (session, &mkt_material_spec, "HM-MDK-NAT");
  n_audit = mkt_app_test_count_rows (session, &mkt_audit_spec, MKT_DELETED_INCLUDE, NULL, NULL);

  editor = open_editor (window, id);
  set_row (editor, "name", "Renamed");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  g_assert_null (mkt_window_get_editor (window));
  g_assert_cmpuint (mkt_app_test_count_rows (session, &mkt_audit_spec, MKT_DELETED_INCLUDE, NULL, NULL), ==, n_audit);

  mkt_app_test_finalize_window (editor);
  mkt_app_test_close_window (window);
}

typedef enum
{
  DELETE_BY_ACTION,
  DELETE_BY_KEY,
  DELETE_IN_EDITOR,
} DeleteWay;

static void
test_delete_undo (MktAppFixture *fixture,
                  gconstpointer  data)
{
  DeleteWay way = GPOINTER_TO_INT (data);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktRecord) material = NULL;
  g_autoptr(MktMaterialItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  MktMaterialEditor *editor = NULL;
  MktInventoryView *view;
  MktWindow *window;
  GListModel *model;
  AdwToast *toast;
  guint n_items;

  window = mkt_app_test_open_window (1000, 700);
  view = mkt_window_get_inventory_view (window);
  model = mkt_inventory_view_get_model (view);
  n_items = g_list_model_get_n_items (model);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = mkt_app_test_resolve (session, &mkt_material_spec, "HM-MDK-NAT");
  material = mkt_session_get (session, &mkt_material_spec, id, &error);
  g_assert_no_error (error);

  switch (way)
    {
    case DELETE_BY_ACTION:
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "material.delete", "s", id));
      break;

    case DELETE_BY_KEY:
      g_assert_true (mkt_inventory_view_select_item (view, id));
      /* In the search entry, Delete deletes text, not the material. */
      mkt_inventory_view_focus_search (view);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "inventory.delete-selected", NULL));
      g_assert_false (mkt_app_test_is_deleted (session, &mkt_material_spec, id));
      gtk_widget_grab_focus (GTK_WIDGET (mkt_inventory_view_get_column_view (view)));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "inventory.delete-selected", NULL));
      break;

    case DELETE_IN_EDITOR:
      editor = open_editor (window, id);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
      g_assert_null (mkt_window_get_editor (window));
      break;

    default:
      g_assert_not_reached ();
    }

  /* In the trash, out of the list, with a toast that names it. */
  g_assert_true (mkt_app_test_is_deleted (session, &mkt_material_spec, id));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_items - 1);
  g_assert_null (mkt_app_test_find_material (model, id));
  toast = mkt_window_get_last_toast (window);
  g_assert_nonnull (toast);
  title = g_strdup_printf ("“%s” moved to the trash", mkt_record_get_title (material));
  g_assert_cmpstr (adw_toast_get_title (toast), ==, title);

  mkt_app_test_undo_last_toast (window, "material.restore");

  g_assert_false (mkt_app_test_is_deleted (session, &mkt_material_spec, id));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_items);
  item = mkt_app_test_find_material (model, id);
  g_assert_nonnull (item);
  g_assert_cmpstr (mkt_material_item_get_name (item), ==, mkt_record_get_title (material));

  if (editor != NULL)
    mkt_app_test_finalize_window (editor);
  mkt_app_test_close_window (window);
}

/* A name with markup in it is shown as typed, not as markup. */
static void
test_delete_markup_name (MktAppFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autofree char *id = NULL;
  MktWindow *window;
  AdwToast *toast;

  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = mkt_app_test_create (session, &mkt_material_spec,
                            "name", "Beads <b> & Bobbins",
                            "kind", "bead",
                            "unit", "pc",
                            NULL);

  window = mkt_app_test_open_window (1000, 700);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "material.delete", "s", id));
  toast = mkt_window_get_last_toast (window);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "“Beads &lt;b&gt; &amp; Bobbins” moved to the trash");
  mkt_app_test_undo_last_toast (window, "material.restore");
  g_assert_false (mkt_app_test_is_deleted (session, &mkt_material_spec, id));

  mkt_app_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!mkt_app_test_init (&argc, &argv, &status))
    return status;

  mkt_app_test_add ("/app/edit/create", NULL, test_create);
  mkt_app_test_add ("/app/edit/invalid-then-valid", NULL, test_edit);
  mkt_app_test_add ("/app/edit/cancel", NULL, test_cancel_writes_nothing);
  mkt_app_test_add ("/app/delete/undo-action", GINT_TO_POINTER (DELETE_BY_ACTION), test_delete_undo);
  mkt_app_test_add ("/app/delete/undo-key", GINT_TO_POINTER (DELETE_BY_KEY), test_delete_undo);
  mkt_app_test_add ("/app/delete/undo-editor", GINT_TO_POINTER (DELETE_IN_EDITOR), test_delete_undo);
  mkt_app_test_add ("/app/delete/markup-name", NULL, test_delete_markup_name);

  return g_test_run ();
}
