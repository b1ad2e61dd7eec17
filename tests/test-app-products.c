/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include <string.h>


#include "mkt-field-error.h"
#include "mkt-product-item.h"
#include "mkt-product-recipe-item.h"
#include "mkt-products-view.h"
#include "test-app-utils.h"

/*
 * The products page: what it shows and writes must be what mkt-core holds,
 * read back on a connection of the test's own.
 */

#define WAIT_MS 20000

/* The window, on the products page once its list has loaded. */
static MktWindow *
open_products (int               width,
               MktProductsView **out_view)
{
  MktWindow *window = mkt_app_test_open_window (width, 700);
  GtkWidget *page = mkt_window_get_page (window, "products");

  g_assert_true (MKT_IS_PRODUCTS_VIEW (page));
  mkt_window_show_page (window, "products");
  mkt_app_test_wait_loaded (page, WAIT_MS);
  *out_view = MKT_PRODUCTS_VIEW (page);

  return window;
}

static MktProductItem *
find_item (GListModel *model,
           const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MktProductItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (mkt_product_item_get_id (item), id))
        return g_steal_pointer (&item);
    }

  return NULL;
}

static void
set_row (MktProductDetail *detail,
         const char       *field,
         const char       *text)
{
  GtkWidget *row = mkt_product_detail_get_row (detail, field);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
assert_label (MktProductDetail *detail,
              const char       *name,
              const char       *expected)
{
  g_assert_cmpstr (gtk_label_get_text (mkt_product_detail_get_value_label (detail, name)), ==, expected);
}

static void
assert_money_label (MktProductDetail *detail,
                    const char       *name,
                    MktMoney          amount,
                    const char       *currency)
{
  g_autofree char *expected = mkt_product_format_money (amount, currency);

  assert_label (detail, name, expected);
}

/* Every label of cost and price is what mkt-core says. */
static void
assert_pricing_shown (MktProductDetail *detail,
                      MktSession       *session,
                      const char       *product_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *margin = NULL;
  const char *currency = mkt_session_get_currency (session);
  MktPricing pricing;

  mkt_price_suggest (session, product_id, &pricing, &error);
  g_assert_no_error (error);

  assert_money_label (detail, "materials", mkt_cost_round (pricing.totals.material_cost), currency);
  assert_money_label (detail, "overhead", mkt_cost_round (pricing.totals.overhead_cost), currency);
  assert_money_label (detail, "total", pricing.cost, currency);
  assert_money_label (detail, "wholesale", pricing.wholesale, currency);
  assert_money_label (detail, "retail", pricing.retail, currency);
  g_assert_true (pricing.has_price);
  margin = mkt_price_format_percent (pricing.margin_bp);
  assert_label (detail, "margin", margin);
}

static void
test_lists_demo (MktAppFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktProductItem) item = NULL;
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *expected_cost = NULL;
  MktProductsView *view;
  MktWindow *window;
  GListModel *model;
  MktCostTotals totals;

  window = open_products (1000, &view);
  model = mkt_products_view_get_model (view);
  session = mkt_app_test_open_session (fixture->db_path, &store);

  /* Every active product, in name order, with its cost and price. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, mkt_app_test_count_rows (session, &mkt_product_spec, MKT_DELETED_EXCLUDE, NULL, NULL));
  id = mkt_app_test_resolve (session, &mkt_product_spec, "P-BEAR");
  item = find_item (model, id);
  g_assert_nonnull (item);
  product = mkt_session_get (session, &mkt_product_spec, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mkt_product_item_get_name (item), ==, mkt_record_get_title (product));
  g_assert_cmpstr (mkt_product_item_get_sku (item), ==, "P-BEAR");
  mkt_cost_get (session, &mkt_product_spec, id, &totals, &error);
  g_assert_no_error (error);
  cost = mkt_product_format_money (mkt_cost_round (totals.total_cost), mkt_session_get_currency (session));
  expected_cost = g_strdup_printf ("Cost %s", cost);
  g_assert_cmpstr (mkt_product_item_get_cost (item), ==, expected_cost);
  g_clear_object (&item);

  /* The search filters as it is typed. */
  gtk_editable_set_text (mkt_products_view_get_search_entry (view), "bear");
  g_signal_emit_by_name (mkt_products_view_get_search_entry (view), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  gtk_editable_set_text (mkt_products_view_get_search_entry (view), "");
  g_signal_emit_by_name (mkt_products_view_get_search_entry (view), "search-changed");

  /* Components have recipes too. */
  mkt_products_view_show_kind (view, "component");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, mkt_app_test_count_rows (session, &mkt_component_spec, MKT_DELETED_EXCLUDE, NULL, NULL));

  /* Selecting one opens its detail. */
  g_free (id);
  id = mkt_app_test_resolve (session, &mkt_component_spec, "C-GIFT-BOX");
  g_assert_true (mkt_products_view_select (view, id));
  g_assert_cmpstr (mkt_product_detail_get_id (mkt_products_view_get_detail (view)), ==, id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mkt_product_detail_get_row (mkt_products_view_get_detail (view),
                                                                                   "sku"))), ==, "C-GIFT-BOX");

  mkt_app_test_close_window (window);
}

static void
test_create (MktAppFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(MktProductItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  MktProductDetail *detail;
  MktProductsView *view;
  MktWindow *window;
  GtkWidget *row;
  guint n_products;

  window = open_products (1000, &view);
  detail = mkt_products_view_get_detail (view);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  n_products = mkt_app_test_count_rows (session, &mkt_product_spec, MKT_DELETED_EXCLUDE, NULL, NULL);

  /* The header bar's add button on this page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "product.new", NULL));
  g_assert_true (mkt_product_detail_get_editing (detail));
  g_assert_null (mkt_product_detail_get_id (detail));

  set_row (detail, "name", "Chunky Cowl");
  set_row (detail, "sku", "P-COWL");
  set_row (detail, "labour_minutes", "75");
  set_row (detail, "price", "-3");

  /* A negative price: on the price's row, and nothing written. */
  g_assert_false (mkt_product_detail_save (detail));
  row = mkt_product_detail_get_row (detail, "price");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (mkt_field_error_get (row));
  g_assert_false (gtk_widget_has_css_class (mkt_product_detail_get_row (detail, "name"), "error"));
  g_assert_cmpuint (mkt_app_test_count_rows (session, &mkt_product_spec, MKT_DELETED_EXCLUDE, NULL, NULL), ==, n_products);

  set_row (detail, "price", "39.50");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.save", NULL));
  g_assert_nonnull (mkt_product_detail_get_id (detail));

  id = mkt_app_test_resolve (session, &mkt_product_spec, "P-COWL");
  g_assert_cmpstr (id, ==, mkt_product_detail_get_id (detail));
  product = mkt_session_get (session, &mkt_product_spec, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mkt_record_get_string (product, "name"), ==, "Chunky Cowl");
  g_assert_cmpint (mkt_record_get_int (product, "price"), ==, 3950);
  g_assert_cmpint (mkt_record_get_int (product, "labour_minutes"), ==, MKT_QUANTITY_FROM_INT (75));

  /* The list reads it back; the detail shows its cost. */
  mkt_app_test_wait_loaded (view, WAIT_MS);
  item = find_item (mkt_products_view_get_model (view), id);
  g_assert_nonnull (item);
  g_assert_cmpstr (mkt_product_item_get_name (item), ==, "Chunky Cowl");
  assert_pricing_shown (detail, session, id);

  mkt_app_test_close_window (window);
}

static void
test_add_part (MktAppFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *material_id = NULL;
  g_autofree char *total_before = NULL;
  MktProductDetail *detail;
  MktProductRecipe *recipe;
  MktProductPicker *picker;
  MktProductsView *view;
  MktWindow *window;
  GtkWidget *amount_row;
  guint n_parts, n_audit, n_lines;

  window = open_products (1000, &view);
  detail = mkt_products_view_get_detail (view);
  recipe = mkt_product_detail_get_recipe (detail);
  amount_row = mkt_product_recipe_get_amount_row (recipe);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = mkt_app_test_resolve (session, &mkt_product_spec, "P-EARWARMER");
  material_id = mkt_app_test_resolve (session, &mkt_material_spec, "HM-MDK-NAT");

  g_assert_true (mkt_products_view_select (view, id));
  assert_pricing_shown (detail, session, id);
  total_before = g_strdup (gtk_label_get_text (mkt_product_detail_get_value_label (detail, "total")));
  n_parts = mkt_app_test_count_rows (session, &mkt_part_spec, MKT_DELETED_EXCLUDE, "product_id", id);
  n_audit = mkt_app_test_count_rows (session, &mkt_audit_spec, MKT_DELETED_EXCLUDE, NULL, NULL);
  n_lines = g_list_model_get_n_items (G_LIST_MODEL (mkt_product_recipe_get_model (recipe)));
  g_assert_cmpuint (n_lines, ==, n_parts);

  /* The picker finds it by any part of its name, colour or SKU. */
  picker = mkt_product_recipe_get_picker (recipe);
  gtk_editable_set_text (mkt_product_picker_get_search_entry (picker), "mdk-nat");
  g_signal_emit_by_name (mkt_product_picker_get_search_entry (picker), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (mkt_product_picker_get_results (picker)), ==, 1);
  g_assert_true (mkt_product_picker_choose_result (picker, 0));
  g_assert_cmpstr (mkt_product_choice_get_id (mkt_product_picker_get_chosen (picker)), ==, material_id);

  /* A yarn counted in yards does not come in kilograms... */
  gtk_editable_set_text (GTK_EDITABLE (amount_row), "2 kg");
  g_assert_false (mkt_product_recipe_add_part (recipe));
  g_assert_true (gtk_widget_has_css_class (amount_row, "error"));
  g_assert_nonnull (mkt_field_error_get (amount_row));
  g_assert_cmpuint (mkt_app_test_count_rows (session, &mkt_part_spec, MKT_DELETED_EXCLUDE, "product_id", id), ==, n_parts);
  g_assert_cmpuint (mkt_app_test_count_rows (session, &mkt_audit_spec, MKT_DELETED_EXCLUDE, NULL, NULL), ==, n_audit);

  /* ... nor in a unit that does not exist. */
  gtk_editable_set_text (GTK_EDITABLE (amount_row), "3 furlongs");
  g_assert_false (gtk_widget_has_css_class (amount_row, "error"));
  g_assert_false (mkt_product_recipe_add_part (recipe));
  g_assert_true (gtk_widget_has_css_class (amount_row, "error"));
  g_assert_cmpuint (mkt_app_test_count_rows (session, &mkt_part_spec, MKT_DELETED_EXCLUDE, "product_id", id), ==, n_parts);

  /* In yards it goes in: the cost and prices are mkt-core's new ones. */
  gtk_editable_set_text (GTK_EDITABLE (amount_row), "30 yd");
  g_assert_true (mkt_product_recipe_add_part (recipe));
  g_assert_false (gtk_widget_has_css_class (amount_row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (amount_row)), ==, "");
  g_assert_cmpuint (mkt_app_test_count_rows (session, &mkt_part_spec, MKT_DELETED_EXCLUDE, "product_id", id), ==, n_parts + 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mkt_product_recipe_get_model (recipe))), ==, n_lines + 1);
  assert_pricing_shown (detail, session, id);
  g_assert_cmpstr (gtk_label_get_text (mkt_product_detail_get_value_label (detail, "total")), !=, total_before);

  /* Margin and markup follow the price as it is typed. */
  set_row (detail, "price", "100.00");
  {
    MktPricing pricing;
    MktSettings settings;
    g_autoptr(MktRecord) tenant = mkt_session_get (session, &mkt_tenant_spec, mkt_session_get_tenant_id (session), &error);
    g_autofree char *margin = NULL;

    g_assert_no_error (error);
    mkt_settings_from_tenant (tenant, &settings, &error);
    g_assert_no_error (error);
    mkt_price_suggest (session, id, &pricing, &error);
    g_assert_no_error (error);
    mkt_price_compute (&pricing.totals, &settings, mkt_session_get_currency (session), TRUE, 10000, &pricing);
    margin = mkt_price_format_percent (pricing.margin_bp);
    assert_label (detail, "margin", margin);
  }

  mkt_app_test_wait_loaded (view, WAIT_MS);
  mkt_app_test_close_window (window);
}

static void
test_tree_expands (MktAppFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autofree char *id = NULL;
  g_autofree char *head_id = NULL;
  GtkTreeListRow *head_row = NULL;
  GtkTreeListModel *tree;
  MktProductsView *view;
  MktWindow *window;
  guint n_rows, n_head_parts;

  window = open_products (1000, &view);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = mkt_app_test_resolve (session, &mkt_product_spec, "P-BEAR");
  head_id = mkt_app_test_resolve (session, &mkt_component_spec, "C-BEAR-HEAD");
  n_head_parts = mkt_app_test_count_rows (session, &mkt_part_spec, MKT_DELETED_EXCLUDE, "parent_component_id", head_id);

  g_assert_true (mkt_products_view_select (view, id));
  tree = mkt_product_recipe_get_model (mkt_product_detail_get_recipe (mkt_products_view_get_detail (view)));
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (tree));
  g_assert_cmpuint (n_rows, ==, mkt_app_test_count_rows (session, &mkt_part_spec, MKT_DELETED_EXCLUDE, "product_id", id));

  for (guint i = 0; i < n_rows && head_row == NULL; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (tree), i);
      g_autoptr(MktProductRecipeItem) item = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (mkt_product_recipe_item_get_child_id (item), head_id) == 0)
        {
          g_assert_true (mkt_product_recipe_item_is_component (item));
          g_assert_true (gtk_tree_list_row_is_expandable (row));
          g_assert_nonnull (mkt_product_recipe_item_get_part_id (item));
          head_row = g_steal_pointer (&row);
        }
    }
  g_assert_nonnull (head_row);

  /* The component opens to its own lines, which are its own to edit. */
  gtk_tree_list_row_set_expanded (head_row, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tree)), ==, n_rows + n_head_parts);
  for (guint i = 0; i < n_head_parts; i++)
    {
      g_autoptr(GtkTreeListRow) child = gtk_tree_list_row_get_child_row (head_row, i);
      g_autoptr(MktProductRecipeItem) item = gtk_tree_list_row_get_item (child);

      g_assert_cmpuint (gtk_tree_list_row_get_depth (child), ==, 1);
      g_assert_null (mkt_product_recipe_item_get_part_id (item));
      g_assert_cmpstr (mkt_product_recipe_item_get_name (item), !=, "");
    }
  gtk_tree_list_row_set_expanded (head_row, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tree)), ==, n_rows);
  g_object_unref (head_row);

  mkt_app_test_close_window (window);
}

/* A component inside itself: mkt-core says no, on the picker's row. */
static void
test_cycle (MktAppFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autofree char *box_id = NULL;
  MktProductRecipe *recipe;
  MktProductsView *view;
  MktWindow *window;
  GtkWidget *choice_row;
  guint n_parts;

  window = open_products (1000, &view);
  recipe = mkt_product_detail_get_recipe (mkt_products_view_get_detail (view));
  choice_row = mkt_product_recipe_get_choice_row (recipe);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  box_id = mkt_app_test_resolve (session, &mkt_component_spec, "C-GIFT-BOX");
  n_parts = mkt_app_test_count_rows (session, &mkt_part_spec, MKT_DELETED_EXCLUDE, NULL, NULL);

  g_assert_true (mkt_products_view_select (view, box_id));
  g_assert_true (mkt_product_recipe_select_choice (recipe, box_id));
  gtk_editable_set_text (GTK_EDITABLE (mkt_product_recipe_get_amount_row (recipe)), "1");
  g_assert_false (mkt_product_recipe_add_part (recipe));
  g_assert_true (gtk_widget_has_css_class (choice_row, "error"));
  g_assert_nonnull (strstr (mkt_field_error_get (choice_row), "cycle"));
  g_assert_false (gtk_widget_has_css_class (mkt_product_recipe_get_amount_row (recipe), "error"));
  g_assert_cmpuint (mkt_app_test_count_rows (session, &mkt_part_spec, MKT_DELETED_EXCLUDE, NULL, NULL), ==, n_parts);

  mkt_app_test_close_window (window);
}

static void
test_delete_undo (MktAppFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktProductItem) item = NULL;
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autoptr(MktProductRecipeItem) line = NULL;
  g_autofree char *id = NULL;
  g_autofree char *part_id = NULL;
  MktProductDetail *detail;
  MktProductsView *view;
  MktWindow *window;
  GListModel *model;
  guint n_items, n_parts;

  window = open_products (1000, &view);
  model = mkt_products_view_get_model (view);
  detail = mkt_products_view_get_detail (view);
  n_items = g_list_model_get_n_items (model);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = mkt_app_test_resolve (session, &mkt_product_spec, "P-DISHCLOTH");

  g_assert_true (mkt_products_view_select (view, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "product.delete", "s", id));
  g_assert_true (mkt_app_test_is_deleted (session, &mkt_product_spec, id));
  g_assert_null (mkt_product_detail_get_id (detail));
  mkt_app_test_wait_loaded (view, WAIT_MS);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_items - 1);
  g_assert_null (find_item (model, id));

  mkt_app_test_undo_last_toast (window, "product.restore");
  g_assert_false (mkt_app_test_is_deleted (session, &mkt_product_spec, id));
  mkt_app_test_wait_loaded (view, WAIT_MS);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_items);
  item = find_item (model, id);
  g_assert_nonnull (item);
  g_assert_cmpstr (mkt_product_detail_get_id (detail), ==, id);

  /* A recipe line comes out and goes back the same way. */
  n_parts = mkt_app_test_count_rows (session, &mkt_part_spec, MKT_DELETED_EXCLUDE, "product_id", id);
  row = g_list_model_get_item (G_LIST_MODEL (mkt_product_recipe_get_model (mkt_product_detail_get_recipe (detail))), 0);
  line = gtk_tree_list_row_get_item (row);
  part_id = g_strdup (mkt_product_recipe_item_get_part_id (line));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "product.remove-part", "s", part_id));
  g_assert_true (mkt_app_test_is_deleted (session, &mkt_part_spec, part_id));
  g_assert_cmpuint (mkt_app_test_count_rows (session, &mkt_part_spec, MKT_DELETED_EXCLUDE, "product_id", id), ==, n_parts - 1);
  assert_pricing_shown (detail, session, id);

  mkt_app_test_undo_last_toast (window, "product.restore-part");
  g_assert_false (mkt_app_test_is_deleted (session, &mkt_part_spec, part_id));
  g_assert_cmpuint (mkt_app_test_count_rows (session, &mkt_part_spec, MKT_DELETED_EXCLUDE, "product_id", id), ==, n_parts);
  assert_pricing_shown (detail, session, id);

  mkt_app_test_wait_loaded (view, WAIT_MS);
  mkt_app_test_close_window (window);
}

static gint64
on_hand (MktSession *session,
         const char *product_id)
{
  g_autoptr(GError) error = NULL;
  MktQuantity quantity = 0;

  mkt_stock_on_hand (session, &mkt_product_spec, product_id, 0, &quantity, &error);
  g_assert_no_error (error);

  return quantity;
}

static void
test_make_shortage (MktAppFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autofree char *id = NULL;
  g_autofree char *expected = NULL;
  MktProductMakeDialog *dialog;
  MktProductsView *view;
  MktWindow *window;
  MktQuantity before;
  guint n_runs, n_movements;

  window = open_products (1000, &view);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = mkt_app_test_resolve (session, &mkt_product_spec, "P-SHAWL-ROSE");
  before = on_hand (session, id);
  n_runs = mkt_app_test_count_rows (session, &mkt_production_run_spec, MKT_DELETED_EXCLUDE, NULL, NULL);
  n_movements = mkt_app_test_count_rows (session, &mkt_stock_movement_spec, MKT_DELETED_EXCLUDE, NULL, NULL);

  g_assert_true (mkt_products_view_select (view, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "product.make", "s", id));
  dialog = mkt_products_view_get_make_dialog (view);
  g_assert_true (MKT_IS_PRODUCT_MAKE_DIALOG (dialog));
  g_object_ref (dialog);
  g_assert_cmpuint (mkt_product_make_dialog_get_n_needed (dialog), >, 0);

  /* A hundred shawls: more yarn than there is, which the dialog shows. */
  gtk_editable_set_text (GTK_EDITABLE (mkt_product_make_dialog_get_count_row (dialog)), "100");
  g_assert_cmpuint (mkt_product_make_dialog_get_n_short (dialog), >, 0);
  g_assert_false (gtk_widget_get_visible (mkt_product_make_dialog_get_force_button (dialog)));

  /* mkt-core refuses it; nothing is written, and "Make Anyway" appears. */
  g_assert_false (mkt_product_make_dialog_make (dialog, FALSE));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (mkt_product_make_dialog_get_shortage_label (dialog))));
  g_assert_true (gtk_widget_get_visible (mkt_product_make_dialog_get_force_button (dialog)));
  g_assert_cmpuint (mkt_app_test_count_rows (session, &mkt_production_run_spec, MKT_DELETED_EXCLUDE, NULL, NULL), ==, n_runs);
  g_assert_cmpuint (mkt_app_test_count_rows (session, &mkt_stock_movement_spec, MKT_DELETED_EXCLUDE, NULL, NULL), ==, n_movements);
  g_assert_cmpint (on_hand (session, id), ==, before);

  /* Made anyway: one run, a hundred more on hand, shown in the detail. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "make.force", NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_null (mkt_products_view_get_make_dialog (view));
  g_assert_cmpuint (mkt_app_test_count_rows (session, &mkt_production_run_spec, MKT_DELETED_EXCLUDE, NULL, NULL), ==, n_runs + 1);
  g_assert_cmpint (on_hand (session, id), ==, before + MKT_QUANTITY_FROM_INT (100));
  expected = mkt_quantity_format (before + MKT_QUANTITY_FROM_INT (100));
  assert_label (mkt_products_view_get_detail (view), "on-hand", expected);
  g_assert_nonnull (mkt_window_get_last_toast (window));

  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (dialog);
  mkt_app_test_wait_loaded (view, WAIT_MS);
  mkt_app_test_close_window (window);
}

/* Another page (or device) puts the product shown in the trash: the detail
 * lets it go and the list no longer has it. */
static void
test_deleted_elsewhere (MktAppFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  MktProductsView *view;
  MktWindow *window;

  window = open_products (1000, &view);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = mkt_app_test_resolve (session, &mkt_product_spec, "P-CHUNKY-HAT");
  g_assert_true (mkt_products_view_select (view, id));

  mkt_session_delete (session, &mkt_product_spec, id, &error);
  g_assert_no_error (error);
  mkt_window_data_changed (window, "product");
  g_assert_null (mkt_product_detail_get_id (mkt_products_view_get_detail (view)));
  mkt_app_test_wait_loaded (view, WAIT_MS);
  g_assert_null (find_item (mkt_products_view_get_model (view), id));

  mkt_app_test_close_window (window);
}


/* Preferences changing the labour rate re-prices what is shown. */
static void
test_settings_reprice (MktAppFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktRecord) tenant = NULL;
  g_autoptr(MktProductItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *cost_before = NULL;
  MktProductsView *view;
  MktWindow *window;

  window = open_products (1000, &view);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = mkt_app_test_resolve (session, &mkt_product_spec, "P-SOCKS-SEA");
  g_assert_true (mkt_products_view_select (view, id));
  item = find_item (mkt_products_view_get_model (view), id);
  cost_before = g_strdup (mkt_product_item_get_cost (item));
  g_clear_object (&item);

  tenant = mkt_session_get (session, &mkt_tenant_spec, mkt_session_get_tenant_id (session), &error);
  g_assert_no_error (error);
  mkt_settings_set (tenant, "labour_rate", "30.00", &error);
  g_assert_no_error (error);
  mkt_session_update (session, tenant, &error);
  g_assert_no_error (error);
  mkt_window_data_changed (window, "tenant");

  assert_pricing_shown (mkt_products_view_get_detail (view), session, id);
  mkt_app_test_wait_loaded (view, WAIT_MS);
  item = find_item (mkt_products_view_get_model (view), id);
  g_assert_cmpstr (mkt_product_item_get_cost (item), !=, cost_before);

  mkt_app_test_close_window (window);
}

/* At 360 px the list and the detail are pages of their own. */
static void
test_narrow (MktAppFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autofree char *id = NULL;
  g_autoptr(MktProductItem) item = NULL;
  GtkSelectionModel *selection;
  MktProductsView *view;
  MktWindow *window;
  int min_width;

  window = open_products (360, &view);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = mkt_app_test_resolve (session, &mkt_product_spec, "P-BEANIE-NAT");
  mkt_app_test_spin (100);

  /* The page fits the narrowest window. */
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);
  g_assert_false (mkt_products_view_get_showing_detail (view));
  g_assert_true (mkt_products_view_select (view, id));
  g_assert_true (mkt_products_view_get_showing_detail (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (mkt_products_view_get_detail (view)), "products.back", NULL));
  g_assert_false (mkt_products_view_get_showing_detail (view));

  /* Choosing the same row again shows it again. */
  selection = gtk_list_view_get_model (mkt_products_view_get_list_view (view));
  item = find_item (mkt_products_view_get_model (view), id);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(MktProductItem) row = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (row == item)
        gtk_selection_model_select_item (selection, i, TRUE);
    }
  g_assert_true (mkt_products_view_get_showing_detail (view));
  g_assert_cmpstr (mkt_product_detail_get_id (mkt_products_view_get_detail (view)), ==, id);

  mkt_app_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!mkt_app_test_init (&argc, &argv, &status))
    return status;

  mkt_app_test_add ("/app/products/lists-demo", NULL, test_lists_demo);
  mkt_app_test_add ("/app/products/create", NULL, test_create);
  mkt_app_test_add ("/app/products/add-part", NULL, test_add_part);
  mkt_app_test_add ("/app/products/cycle", NULL, test_cycle);
  mkt_app_test_add ("/app/products/tree-expands", NULL, test_tree_expands);
  mkt_app_test_add ("/app/products/delete-undo", NULL, test_delete_undo);
  mkt_app_test_add ("/app/products/make-shortage", NULL, test_make_shortage);
  mkt_app_test_add ("/app/products/deleted-elsewhere", NULL, test_deleted_elsewhere);
  mkt_app_test_add ("/app/products/settings-reprice", NULL, test_settings_reprice);
  mkt_app_test_add ("/app/products/narrow", NULL, test_narrow);

  return g_test_run ();
}
