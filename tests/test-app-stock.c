/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include "mkt-material-editor.h"
#include "mkt-material-item.h"
#include "mkt-stock-dialog.h"
#include "test-app-utils.h"

/*
 * The Inventory page's stock: its Unit Cost and Reorder Level columns, its
 * filters, and the purchase, adjustment and count dialogs. What the widgets
 * show and write must be what mkt-core says, read back on a connection of
 * the test's own.
 */

static GPtrArray *
core_list (MktSession *session,
           const char *search,
           const char *field,
           const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktQuery) query = mkt_query_new ();
  GPtrArray *rows;

  mkt_query_set_sort (query, "name", FALSE);
  if (search != NULL)
    mkt_query_set_search (query, search);
  if (field != NULL)
    mkt_query_add_filter (query, field, MKT_FILTER_EQ, g_variant_new_string (value));
  rows = mkt_session_list (session, &mkt_material_spec, query, NULL, &error);
  g_assert_no_error (error);

  return rows;
}

/* The ids of @rows, in order, one a line. */
static char *
record_ids (GPtrArray *rows)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (ids, "%s\n", mkt_record_get_id (g_ptr_array_index (rows, i)));

  return g_string_free (ids, FALSE);
}

static char *
model_ids (GListModel *model)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MktMaterialItem) item = g_list_model_get_item (model, i);

      g_string_append_printf (ids, "%s\n", mkt_material_item_get_id (item));
    }

  return g_string_free (ids, FALSE);
}

static guint
count_movements (MktSession *session)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = mkt_session_list (session, &mkt_stock_movement_spec, NULL, NULL, &error);
  g_assert_no_error (error);

  return rows->len;
}

static MktQuantity
on_hand (MktSession *session,
         const char *id)
{
  g_autoptr(GError) error = NULL;
  MktQuantity quantity = 0;

  g_assert_true (mkt_stock_on_hand (session, &mkt_material_spec, id, 0, &quantity, &error));
  g_assert_no_error (error);

  return quantity;
}

static void
set_search (MktInventoryView *view,
            const char       *text)
{
  GtkEditable *entry = mkt_inventory_view_get_search_entry (view);

  gtk_editable_set_text (entry, text);
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpstr (mkt_inventory_view_get_search (view), ==, text[0] != '\0' ? text : NULL);
}

/* The page reloads on "data-changed"; wait for it to settle. */
static void
wait_loaded (MktInventoryView *view)
{
  mkt_app_test_spin (50);
  mkt_app_test_wait_loaded (view, 10000);
}

/* Columns ------------------------------------------------------------------ */

static GtkColumnViewColumn *
find_column (GtkColumnView *column_view,
             const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (gtk_column_view_column_get_title (column), title))
        return column;
    }

  g_assert_not_reached ();
}

static void
test_columns (MktAppFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const char * const titles[] = { "Name", "Kind", "Colour", "On Hand", "Unit Cost", "Reorder Level" };
  MktInventoryView *view;
  GtkColumnView *column_view;
  GListModel *model;
  MktWindow *window;
  guint n_costed = 0;

  window = mkt_app_test_open_window (1400, 800);
  view = mkt_window_get_inventory_view (window);
  model = mkt_inventory_view_get_model (view);
  column_view = mkt_inventory_view_get_column_view (view);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  rows = core_list (session, NULL, NULL, NULL);
  g_assert_cmpuint (rows->len, >, 0);

  /* Every column is there and sorts. */
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_nonnull (gtk_column_view_column_get_sorter (find_column (column_view, titles[i])));

  /* Each row shows the core's unit cost and reorder level. */
  for (guint i = 0; i < rows->len; i++)
    {
      MktRecord *material = g_ptr_array_index (rows, i);
      const char *unit = mkt_record_get_string (material, "unit");
      g_autoptr(MktMaterialItem) item = mkt_app_test_find_material (model, mkt_record_get_id (material));
      MktUnitCost cost;

      g_assert_nonnull (item);
      g_assert_true (mkt_cost_material_unit_cost (session, material, NULL, &cost, &error));
      g_assert_no_error (error);

      if (g_str_equal (cost.source, "none"))
        {
          g_assert_cmpint (mkt_material_item_get_unit_cost_value (item), ==, -1);
          g_assert_cmpstr (mkt_material_item_get_unit_cost (item), ==, "");
        }
      else
        {
          g_autofree char *suffix = g_strdup_printf (" %s / %s", mkt_session_get_currency (session), unit);

          g_assert_cmpint (mkt_material_item_get_unit_cost_value (item), ==,
                           mkt_cost_for_quantity (&cost, MKT_QUANTITY_SCALE));
          g_assert_true (g_str_has_suffix (mkt_material_item_get_unit_cost (item), suffix));
          n_costed++;
        }

      if (mkt_record_has (material, "reorder_level"))
        {
          g_autofree char *level = mkt_quantity_format (mkt_record_get_int (material, "reorder_level"));
          g_autofree char *expected = g_strdup_printf ("%s %s", level, unit);

          g_assert_cmpint (mkt_material_item_get_reorder_level_value (item), ==,
                           mkt_record_get_int (material, "reorder_level"));
          g_assert_cmpstr (mkt_material_item_get_reorder_level (item), ==, expected);
        }
      else
        g_assert_cmpint (mkt_material_item_get_reorder_level_value (item), ==, -1);
    }
  g_assert_cmpuint (n_costed, >, 0);

  /* A skein of 246 yd at 8.50 (the demo's purchases or its catalogue). */
  {
    g_autofree char *id = mkt_app_test_resolve (session, &mkt_material_spec, "HM-MDK-NAT");
    g_autoptr(MktMaterialItem) item = mkt_app_test_find_material (model, id);

    g_assert_true (g_str_has_suffix (mkt_material_item_get_unit_cost (item), " / yd"));
  }

  /* Sorting by unit cost and by reorder level orders by the values. */
  for (guint c = 0; c < 2; c++)
    {
      GtkColumnViewColumn *column = find_column (column_view, c == 0 ? "Unit Cost" : "Reorder Level");

      gtk_column_view_sort_by_column (column_view, column, GTK_SORT_ASCENDING);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, rows->len);
      for (guint i = 1; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(MktMaterialItem) a = g_list_model_get_item (model, i - 1);
          g_autoptr(MktMaterialItem) b = g_list_model_get_item (model, i);

          if (c == 0)
            g_assert_cmpint (mkt_material_item_get_unit_cost_value (a), <=, mkt_material_item_get_unit_cost_value (b));
          else
            g_assert_cmpint (mkt_material_item_get_reorder_level_value (a), <=,
                             mkt_material_item_get_reorder_level_value (b));
        }
    }
  gtk_column_view_sort_by_column (column_view, NULL, GTK_SORT_ASCENDING);

  mkt_app_test_close_window (window);
}

/* Filters ------------------------------------------------------------------ */

static guint
kind_position (const char *kind)
{
  const MktFieldSpec *field = mkt_entity_spec_field (&mkt_material_spec, "kind");

  for (guint i = 0; field->choices[i] != NULL; i++)
    if (g_str_equal (field->choices[i], kind))
      return i + 1;

  g_assert_not_reached ();
}

/* mkt_stock_low()'s materials that @search finds, in name order. */
static char *
core_low_ids (MktSession *session,
              const char *search)
{
  g_autoptr(GPtrArray) low = NULL;
  g_autoptr(GPtrArray) found = core_list (session, search, NULL, NULL);
  g_autoptr(GHashTable) is_low = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GString *ids = g_string_new (NULL);

  low = mkt_stock_low (session, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < low->len; i++)
    {
      MktLowStock *item = g_ptr_array_index (low, i);

      g_hash_table_add (is_low, (gpointer)mkt_record_get_id (item->material));
    }

  for (guint i = 0; i < found->len; i++)
    {
      const char *id = mkt_record_get_id (g_ptr_array_index (found, i));

      if (g_hash_table_contains (is_low, id))
        g_string_append_printf (ids, "%s\n", id);
    }

  return g_string_free (ids, FALSE);
}

static void
assert_shows (GListModel *model,
              GPtrArray  *rows)
{
  g_autofree char *expected = record_ids (rows);
  g_autofree char *shown = model_ids (model);

  g_assert_cmpstr (shown, ==, expected);
}

static void
test_filters (MktAppFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(MktQuery) category_query = mkt_query_new ();
  g_autoptr(GError) error = NULL;
  const char * const *category_ids;
  MktInventoryView *view;
  GtkDropDown *kind_dropdown;
  GtkDropDown *category_dropdown;
  GtkToggleButton *low_button;
  GListModel *model;
  MktWindow *window;

  window = mkt_app_test_open_window (1400, 800);
  view = mkt_window_get_inventory_view (window);
  model = mkt_inventory_view_get_model (view);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  kind_dropdown = GTK_DROP_DOWN (mkt_inventory_view_get_filter_widget (view, "kind"));
  category_dropdown = GTK_DROP_DOWN (mkt_inventory_view_get_filter_widget (view, "category"));
  low_button = GTK_TOGGLE_BUTTON (mkt_inventory_view_get_filter_widget (view, "low-stock"));
  all = core_list (session, NULL, NULL, NULL);
  assert_shows (model, all);

  /* "All …" first, then the schema's kinds and the business's categories. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (kind_dropdown)), ==,
                    g_strv_length ((char **)mkt_entity_spec_field (&mkt_material_spec, "kind")->choices) + 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (kind_dropdown)), 0),
                   ==, "All kinds");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (category_dropdown)), 0),
                   ==, "All categories");
  mkt_query_set_sort (category_query, "name", FALSE);
  categories = mkt_session_list (session, &mkt_category_spec, category_query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, >, 1);
  category_ids = mkt_inventory_view_get_category_ids (view);
  g_assert_cmpuint (g_strv_length ((char **)category_ids), ==, categories->len);
  for (guint i = 0; i < categories->len; i++)
    {
      MktRecord *category = g_ptr_array_index (categories, i);

      g_assert_cmpstr (category_ids[i], ==, mkt_record_get_id (category));
      g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (category_dropdown)), i + 1),
                       ==, mkt_record_get_string (category, "name"));
    }

  /* By kind, each of the schema's. */
  {
    const MktFieldSpec *field = mkt_entity_spec_field (&mkt_material_spec, "kind");

    for (guint i = 0; field->choices[i] != NULL; i++)
      {
        g_autoptr(GPtrArray) rows = core_list (session, NULL, "kind", field->choices[i]);

        gtk_drop_down_set_selected (kind_dropdown, kind_position (field->choices[i]));
        assert_shows (model, rows);
      }
  }
  gtk_drop_down_set_selected (kind_dropdown, 0);
  assert_shows (model, all);

  /* By category, each of the business's. */
  for (guint i = 0; i < categories->len; i++)
    {
      g_autoptr(GPtrArray) rows = core_list (session, NULL, "category_id",
                                             mkt_record_get_id (g_ptr_array_index (categories, i)));

      gtk_drop_down_set_selected (category_dropdown, i + 1);
      assert_shows (model, rows);
    }
  gtk_drop_down_set_selected (category_dropdown, 0);
  assert_shows (model, all);

  /* Low stock: what mkt_stock_low() says. */
  {
    g_autofree char *expected = core_low_ids (session, NULL);
    g_autofree char *shown = NULL;

    g_assert_cmpstr (expected, !=, "");
    gtk_toggle_button_set_active (low_button, TRUE);
    shown = model_ids (model);
    g_assert_cmpstr (shown, ==, expected);
  }

  /* Low stock and a search, narrowed letter by letter and widened again. */
  {
    const char * const typed[] = { "m", "me", "mer", "me", "", "c", "co", "cot" };

    for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
      {
        g_autofree char *expected = core_low_ids (session, typed[i][0] != '\0' ? typed[i] : NULL);
        g_autofree char *shown = NULL;

        set_search (view, typed[i]);
        shown = model_ids (model);
        g_assert_cmpstr (shown, ==, expected);
      }
  }
  gtk_toggle_button_set_active (low_button, FALSE);

  /* Kind with a search, then category on top. */
  {
    g_autoptr(GPtrArray) yarn_cot = core_list (session, "cot", "kind", "yarn");

    gtk_drop_down_set_selected (kind_dropdown, kind_position ("yarn"));
    assert_shows (model, yarn_cot);
    set_search (view, "merino");
    {
      g_autoptr(GPtrArray) rows = core_list (session, "merino", "kind", "yarn");

      g_assert_cmpuint (rows->len, >, 0);
      assert_shows (model, rows);
    }
    for (guint i = 0; i < categories->len; i++)
      {
        const char *category_id = mkt_record_get_id (g_ptr_array_index (categories, i));
        g_autoptr(GPtrArray) rows = core_list (session, "merino", "kind", "yarn");
        g_autoptr(GPtrArray) expected = g_ptr_array_new ();

        for (guint j = 0; j < rows->len; j++)
          if (g_strcmp0 (mkt_record_get_string (g_ptr_array_index (rows, j), "category_id"), category_id) == 0)
            g_ptr_array_add (expected, g_ptr_array_index (rows, j));

        gtk_drop_down_set_selected (category_dropdown, i + 1);
        assert_shows (model, expected);
      }
  }

  /* Every filter off: everything again. */
  gtk_drop_down_set_selected (category_dropdown, 0);
  gtk_drop_down_set_selected (kind_dropdown, 0);
  set_search (view, "");
  assert_shows (model, all);

  mkt_app_test_close_window (window);
}

/* The filters go into a popover on a phone, and the page fits. */
static void
test_narrow (MktAppFixture *fixture,
             gconstpointer  data)
{
  MktWindow *window = mkt_app_test_open_window (360, 640);
  MktInventoryView *view = mkt_window_get_inventory_view (window);
  GtkWidget *kind_dropdown = mkt_inventory_view_get_filter_widget (view, "kind");

  mkt_app_test_spin (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), <=, 360);
  /* The inline filters gave way to the Filters button. */
  g_assert_false (gtk_widget_get_mapped (kind_dropdown));

  mkt_app_test_close_window (window);
}

/* Dialogs ------------------------------------------------------------------ */

/* The stock dialog the last action opened, with a reference of the test's
 * own. */
static MktStockDialog *
open_dialog (GtkWidget  *widget,
             const char *action,
             const char *id)
{
  MktStockDialog *dialog = mkt_app_test_open_transient (widget, action, id, MKT_TYPE_STOCK_DIALOG);

  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  return dialog;
}

static void
set_row (MktStockDialog *dialog,
         const char     *field,
         const char     *text)
{
  GtkWidget *row = mkt_stock_dialog_get_row (dialog, field);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  g_assert_true (gtk_widget_get_visible (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
assert_error_on (MktStockDialog *dialog,
                 const char     *field)
{
  GtkWidget *row = mkt_stock_dialog_get_row (dialog, field);

  g_assert_true (mkt_stock_dialog_get_error_row (dialog) == row);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (mkt_stock_dialog_get_error (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
}

static void
assert_row_matches_core (MktInventoryView *view,
                         MktSession       *session,
                         const char       *id)
{
  g_autoptr(MktMaterialItem) item = mkt_app_test_find_material (mkt_inventory_view_get_model (view), id);
  g_autoptr(MktRecord) material = NULL;
  g_autoptr(GError) error = NULL;
  MktUnitCost cost;

  g_assert_nonnull (item);
  material = mkt_session_get (session, &mkt_material_spec, id, &error);
  g_assert_no_error (error);
  g_assert_true (mkt_cost_material_unit_cost (session, material, NULL, &cost, &error));
  g_assert_cmpint (mkt_material_item_get_on_hand_value (item), ==, on_hand (session, id));
  g_assert_cmpint (mkt_material_item_get_unit_cost_value (item), ==, mkt_cost_for_quantity (&cost, MKT_QUANTITY_SCALE));
}

static void
test_purchase (MktAppFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autofree char *id = NULL;
  MktStockDialog *dialog;
  MktInventoryView *view;
  MktWindow *window;
  MktQuantity before;
  guint n_movements;

  window = mkt_app_test_open_window (1000, 700);
  view = mkt_window_get_inventory_view (window);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = mkt_app_test_resolve (session, &mkt_material_spec, "HM-MDK-NAT");
  before = on_hand (session, id);
  n_movements = count_movements (session);

  dialog = open_dialog (GTK_WIDGET (view), "material.purchase", id);
  g_assert_cmpint (mkt_stock_dialog_get_kind (dialog), ==, MKT_STOCK_DIALOG_PURCHASE);
  g_assert_cmpstr (mkt_stock_dialog_get_material_id (dialog), ==, id);
  g_assert_false (gtk_widget_get_visible (mkt_stock_dialog_get_row (dialog, "reason")));

  /* A quantity that is no number, a unit the material has no way to: the
   * error on the quantity, nothing written. */
  set_row (dialog, "quantity", "two");
  set_row (dialog, "total_cost", "17.00");
  g_assert_false (mkt_stock_dialog_apply (dialog));
  assert_error_on (dialog, "quantity");
  set_row (dialog, "quantity", "2 kg");
  g_assert_false (mkt_stock_dialog_apply (dialog));
  assert_error_on (dialog, "quantity");
  g_assert_cmpuint (count_movements (session), ==, n_movements);

  /* A bad cost, on the cost. */
  set_row (dialog, "quantity", "2 skein");
  set_row (dialog, "total_cost", "seventeen");
  g_assert_false (mkt_stock_dialog_apply (dialog));
  assert_error_on (dialog, "total_cost");
  g_assert_cmpuint (count_movements (session), ==, n_movements);

  /* Two skeins (246 yd each) at 8.25 each, with a reference. */
  set_row (dialog, "total_cost", "8.25");
  gtk_switch_set_active (GTK_SWITCH (mkt_stock_dialog_get_row (dialog, "cost_each")), TRUE);
  set_row (dialog, "reference", "INV-0042");
  g_assert_true (mkt_stock_dialog_apply (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  mkt_app_test_finalize_window (dialog);

  /* The ledger says so... */
  g_assert_cmpuint (count_movements (session), ==, n_movements + 1);
  g_assert_cmpint (on_hand (session, id), ==, before + MKT_QUANTITY_FROM_INT (492));
  {
    g_autoptr(MktQuery) query = mkt_query_new ();
    g_autoptr(GPtrArray) rows = NULL;
    g_autoptr(GError) error = NULL;
    MktRecord *movement;

    mkt_query_add_filter (query, "reference", MKT_FILTER_EQ, g_variant_new_string ("INV-0042"));
    rows = mkt_session_list (session, &mkt_stock_movement_spec, query, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
    movement = g_ptr_array_index (rows, 0);
    g_assert_cmpstr (mkt_record_get_string (movement, "kind"), ==, "purchase");
    g_assert_cmpstr (mkt_record_get_string (movement, "material_id"), ==, id);
    g_assert_cmpint (mkt_record_get_int (movement, "total_cost"), ==, 1650);
  }

  /* ...and so does the row, at once and after the page reloaded. */
  assert_row_matches_core (view, session, id);
  g_assert_nonnull (mkt_window_get_last_toast (window));
  wait_loaded (view);
  assert_row_matches_core (view, session, id);

  mkt_app_test_close_window (window);
}

static void
test_adjust (MktAppFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autofree char *id = NULL;
  MktStockDialog *dialog;
  MktInventoryView *view;
  MktWindow *window;
  MktQuantity before;
  guint n_movements;

  window = mkt_app_test_open_window (1000, 700);
  view = mkt_window_get_inventory_view (window);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = mkt_app_test_resolve (session, &mkt_material_spec, "HM-MDK-RUS");
  before = on_hand (session, id);
  n_movements = count_movements (session);

  /* Ctrl+Shift+A's action, on the selected row; the row's context menu
   * (Shift+F10) offers it too. */
  g_assert_true (mkt_inventory_view_select_item (view, id));
  gtk_widget_grab_focus (GTK_WIDGET (mkt_inventory_view_get_column_view (view)));
  mkt_app_test_spin (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "inventory.menu-selected", NULL));
  g_assert_nonnull (mkt_inventory_view_get_row_menu (view));
  g_assert_true (gtk_widget_get_visible (mkt_inventory_view_get_row_menu (view)));
  gtk_popover_popdown (GTK_POPOVER (mkt_inventory_view_get_row_menu (view)));
  mkt_app_test_spin (50);
  dialog = open_dialog (GTK_WIDGET (view), "inventory.adjust-selected", NULL);
  g_assert_cmpint (mkt_stock_dialog_get_kind (dialog), ==, MKT_STOCK_DIALOG_ADJUST);
  g_assert_cmpstr (mkt_stock_dialog_get_material_id (dialog), ==, id);
  g_assert_false (gtk_widget_get_visible (mkt_stock_dialog_get_row (dialog, "total_cost")));

  /* No reason: refused, on the reason. */
  set_row (dialog, "quantity", "-10");
  g_assert_false (mkt_stock_dialog_apply (dialog));
  assert_error_on (dialog, "reason");
  g_assert_cmpuint (count_movements (session), ==, n_movements);

  /* Typing clears it. */
  set_row (dialog, "reason", "Moths");
  g_assert_null (mkt_stock_dialog_get_error_row (dialog));
  g_assert_true (mkt_stock_dialog_apply (dialog));
  mkt_app_test_finalize_window (dialog);

  g_assert_cmpuint (count_movements (session), ==, n_movements + 1);
  g_assert_cmpint (on_hand (session, id), ==, before - MKT_QUANTITY_FROM_INT (10));
  assert_row_matches_core (view, session, id);
  wait_loaded (view);
  assert_row_matches_core (view, session, id);

  mkt_app_test_close_window (window);
}

static void
test_count (MktAppFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  MktMaterialEditor *editor;
  MktStockDialog *dialog;
  MktInventoryView *view;
  MktWindow *window;
  guint n_movements;

  window = mkt_app_test_open_window (1000, 700);
  view = mkt_window_get_inventory_view (window);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = mkt_app_test_resolve (session, &mkt_material_spec, "HM-MDK-TEA");
  n_movements = count_movements (session);

  /* From the material editor, over it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "material.edit", "s", id));
  editor = g_object_ref (mkt_window_get_editor (window));
  dialog = open_dialog (GTK_WIDGET (editor), "editor.count", NULL);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (editor));
  g_assert_cmpint (mkt_stock_dialog_get_kind (dialog), ==, MKT_STOCK_DIALOG_COUNT);

  /* A time that is no time, on the time. */
  set_row (dialog, "quantity", "300");
  set_row (dialog, "occurred_at", "last tuesday");
  g_assert_false (mkt_stock_dialog_apply (dialog));
  assert_error_on (dialog, "occurred_at");
  g_assert_cmpuint (count_movements (session), ==, n_movements);

  /* Counted 300 yd now. */
  set_row (dialog, "occurred_at", "");
  g_assert_true (mkt_stock_dialog_apply (dialog));
  mkt_app_test_finalize_window (dialog);

  g_assert_cmpuint (count_movements (session), ==, n_movements + 1);
  g_assert_cmpint (on_hand (session, id), ==, MKT_QUANTITY_FROM_INT (300));
  mkt_query_add_filter (query, "kind", MKT_FILTER_EQ, g_variant_new_string ("count"));
  mkt_query_add_filter (query, "material_id", MKT_FILTER_EQ, g_variant_new_string (id));
  counts = mkt_session_list (session, &mkt_stock_movement_spec, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 1);
  assert_row_matches_core (view, session, id);

  gtk_window_destroy (GTK_WINDOW (editor));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (editor);
  wait_loaded (view);
  assert_row_matches_core (view, session, id);

  mkt_app_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!mkt_app_test_init (&argc, &argv, &status))
    return status;

  mkt_app_test_add ("/app/stock/columns", NULL, test_columns);
  mkt_app_test_add ("/app/stock/filters", NULL, test_filters);
  mkt_app_test_add ("/app/stock/narrow", NULL, test_narrow);
  mkt_app_test_add ("/app/stock/purchase", NULL, test_purchase);
  mkt_app_test_add ("/app/stock/adjust", NULL, test_adjust);
  mkt_app_test_add ("/app/stock/count", NULL, test_count);

  return g_test_run ();
}
