/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include "mkt-material-item.h"
#include "test-app-utils.h"

/* What mkt-core's own search returns: the list must show exactly this. */
static GPtrArray *
core_materials (MktSession *session,
                const char *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktQuery) query = mkt_query_new ();
  GPtrArray *rows;

  mkt_query_set_sort (query, "name", FALSE);
  if (search != NULL)
    mkt_query_set_search (query, search);
  rows = mkt_session_list (session, &mkt_material_spec, query, NULL, &error);
  g_assert_no_error (error);

  return rows;
}

static guint
core_material_count (MktSession *session)
{
  g_autoptr(GPtrArray) rows = core_materials (session, NULL);

  return rows->len;
}

static void
assert_model_is (GListModel *model,
                 GPtrArray  *rows)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(MktMaterialItem) item = g_list_model_get_item (model, i);
      MktRecord *row = g_ptr_array_index (rows, i);

      g_assert_cmpstr (mkt_material_item_get_id (item), ==, mkt_record_get_id (row));
      g_assert_cmpstr (mkt_material_item_get_name (item), ==, mkt_record_get_string (row, "name"));
    }
}

static MktMaterialItem *
find_sku (GListModel *model,
          const char *sku)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MktMaterialItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (mkt_material_item_get_sku (item), sku))
        return g_steal_pointer (&item);
    }

  return NULL;
}

static void
test_window_shows_demo (MktAppFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(MktMaterialItem) item = NULL;
  g_autoptr(MktRecord) material = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *quantity = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *id = NULL;
  MktQuantity on_hand;
  MktWindow *window;
  GListModel *model;

  window = mkt_app_test_open_window (1000, 700);
  g_assert_cmpstr (mkt_window_get_db_path (window), ==, fixture->db_path);
  model = mkt_inventory_view_get_model (mkt_window_get_inventory_view (window));

  /* The window made the database and loaded the demo into it. */
  session = mkt_app_test_open_session (fixture->db_path, &store);
  rows = core_materials (session, NULL);
  g_assert_cmpuint (rows->len, >, 20);
  assert_model_is (model, rows);

  /* A row says what the ledger says, in the material's unit. */
  item = find_sku (model, "HM-MDK-NAT");
  g_assert_nonnull (item);
  id = mkt_session_resolve (session, &mkt_material_spec, "HM-MDK-NAT", MKT_DELETED_EXCLUDE, &error);
  g_assert_no_error (error);
  material = mkt_session_get (session, &mkt_material_spec, id, &error);
  g_assert_no_error (error);
  mkt_stock_on_hand (session, &mkt_material_spec, id, 0, &on_hand, &error);
  g_assert_no_error (error);
  quantity = mkt_quantity_format (on_hand);
  expected = g_strdup_printf ("%s yd", quantity);
  g_assert_cmpstr (mkt_material_item_get_on_hand (item), ==, expected);
  g_assert_cmpstr (mkt_material_item_get_colour (item), ==, "Natural");
  g_assert_cmpstr (mkt_material_item_get_kind (item), ==, "Yarn");
  g_assert_cmpint (mkt_material_item_get_price_value (item), ==,
                   mkt_record_get_int (material, "purchase_price"));
  g_assert_true (g_str_has_suffix (mkt_material_item_get_price (item), "/ skein"));

  mkt_app_test_close_window (window);
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

static void
test_search_filters (MktAppFixture *fixture,
                     gconstpointer  data)
{
  /* typed: what goes into the entry; applied: the search it means (the
   * entry's text without surrounding spaces, or none). */
  static const struct {
    const char *typed;
    const char *applied;
    guint       min_rows;
  } cases[] = {
    { "merino", "merino", 2 },          /* names and fibre content */
    { "merino dk", "merino dk", 2 },    /* narrows the search */
    { "MERINO", "MERINO", 2 },          /* case does not matter */
    { "hm-mdk", "hm-mdk", 4 },          /* SKUs */
    { "  teal ", "teal", 1 },           /* colours */
    { "Woolworks", "Woolworks", 2 },    /* suppliers */
    { "no such thing", "no such thing", 0 },
    { "", NULL, 20 },                   /* an empty search shows all again */
    { "cotton", "cotton", 4 },
    { "   ", NULL, 20 },
  };
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GPtrArray) all = NULL;
  MktInventoryView *view;
  GtkEditable *entry;
  MktWindow *window;
  GListModel *model;

  window = mkt_app_test_open_window (1000, 700);
  view = mkt_window_get_inventory_view (window);
  model = mkt_inventory_view_get_model (view);
  entry = mkt_inventory_view_get_search_entry (view);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  all = core_materials (session, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, all->len);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) expected = core_materials (session, cases[i].applied);
      SearchWait wait = { view, cases[i].applied };

      g_test_message ("search “%s”", cases[i].typed);
      gtk_editable_set_text (entry, cases[i].typed);
      g_assert_true (mkt_app_test_wait (search_applied, &wait, 5000));

      g_assert_cmpuint (expected->len, >=, cases[i].min_rows);
      assert_model_is (model, expected);
    }

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, all->len);

  mkt_app_test_close_window (window);
}

static void
test_reopen_keeps_data (MktAppFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  MktWindow *window;

  /* A business with materials of its own gets no demo. */
  session = mkt_app_test_open_session (fixture->db_path, &store);
  id = mkt_app_test_create (session, &mkt_material_spec,
                            "name", "Linen Blend",
                            "kind", "fabric",
                            "unit", "m",
                            NULL);

  window = mkt_app_test_open_window (1000, 700);
  rows = core_materials (session, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_model_is (mkt_inventory_view_get_model (mkt_window_get_inventory_view (window)), rows);

  mkt_app_test_close_window (window);
}

static gboolean
window_ready (gpointer user_data)
{
  return mkt_window_get_ready (user_data);
}

static void
test_start_empty (MktAppFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *demo_tenant = NULL;
  AdwMessageDialog *dialog;
  MktWindow *window;
  AdwToast *toast;
  GListModel *model;

  window = mkt_app_test_open_window (1000, 700);
  model = mkt_inventory_view_get_model (mkt_window_get_inventory_view (window));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 20);

  /* The first start's toast offers the way out of the demo, for a while. */
  toast = mkt_window_get_last_toast (window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.start-empty");
  g_assert_cmpuint (adw_toast_get_timeout (toast), >=, 20);

  /* Keeping the demo changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start-empty", NULL));
  dialog = mkt_app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  mkt_app_test_spin (50);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  g_assert_cmpuint (core_material_count (session), >, 20);
  demo_tenant = g_strdup (mkt_session_get_tenant_id (session));
  g_clear_object (&session);

  /* Starting empty empties the list and the file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start-empty", NULL));
  dialog = mkt_app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "empty");
  g_assert_true (mkt_app_test_wait (window_ready, window, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  session = mkt_local_session_new (store, NULL, NULL, NULL, NULL);
  g_assert_nonnull (session);
  g_assert_cmpstr (mkt_session_get_tenant_id (session), !=, demo_tenant);
  rows = core_materials (session, NULL);
  g_assert_cmpuint (rows->len, ==, 0);

  /* The new business takes writes from the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "material.new", NULL));
  g_assert_nonnull (mkt_window_get_editor (window));
  gtk_window_destroy (GTK_WINDOW (mkt_window_get_editor (window)));
  mkt_app_test_close_window (window);

  /* And the next start does not bring the demo back. */
  window = mkt_app_test_open_window (1000, 700);
  model = mkt_inventory_view_get_model (mkt_window_get_inventory_view (window));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = core_materials (session, NULL);
  g_assert_cmpuint (rows->len, ==, 0);
  mkt_app_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!mkt_app_test_init (&argc, &argv, &status))
    return status;

  mkt_app_test_add ("/app/window/shows-demo", NULL, test_window_shows_demo);
  mkt_app_test_add ("/app/window/search", NULL, test_search_filters);
  mkt_app_test_add ("/app/window/no-demo-over-data", NULL, test_reopen_keeps_data);
  mkt_app_test_add ("/app/window/start-empty", NULL, test_start_empty);

  return g_test_run ();
}
