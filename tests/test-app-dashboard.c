/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include <string.h>

#include "mkt-bar-chart.h"
#include "mkt-dashboard-view.h"
#include "test-app-utils.h"

/*
 * The dashboard shows what mkt-core reports, read back on a connection of
 * the test's own, and follows changes made through the window's session.
 */

#define WAIT_MS 20000

static MktDashboardView *
show_dashboard (MktWindow *window)
{
  GtkWidget *page = mkt_window_get_page (window, "dashboard");

  g_assert_true (MKT_IS_DASHBOARD_VIEW (page));
  mkt_window_show_page (window, "dashboard");
  return MKT_DASHBOARD_VIEW (page);
}

static gboolean
settled (gpointer user_data)
{
  MktDashboardView *view = user_data;

  return !mkt_dashboard_view_get_loading (view) &&
         g_strcmp0 (mkt_dashboard_view_get_state (view), "loading") != 0;
}

static void
wait_settled (MktDashboardView *view)
{
  g_assert_true (mkt_app_test_wait (settled, view, WAIT_MS));
}

static char *
money_text (MktSession *session,
            MktMoney    amount)
{
  g_autofree char *number = mkt_money_format (amount, mkt_session_get_currency (session));

  return g_strdup_printf ("%s %s", number, mkt_session_get_currency (session));
}

static char *
count_text (guint count)
{
  return g_strdup_printf ("%u", count);
}

/* Every figure the dashboard shows is the core's. */
static void
assert_shows_core (MktDashboardView *view,
                   MktSession       *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) low = NULL;
  g_autofree char *value = NULL;
  g_autofree char *materials = NULL;
  g_autofree char *products = NULL;
  g_autofree char *n_low = NULL;
  MktInventoryReport report;
  MktBarChart *chart = mkt_dashboard_view_get_chart (view);

  g_assert_true (mkt_report_inventory (session, &report, &error));
  g_assert_no_error (error);
  value = money_text (session, report.total_value);
  materials = count_text (report.n_materials);
  products = count_text (report.n_products);
  n_low = count_text (report.n_low_stock);

  g_assert_cmpstr (mkt_dashboard_view_get_state (view), ==, "content");
  g_assert_cmpstr (mkt_dashboard_view_get_stat (view, "value"), ==, value);
  g_assert_cmpstr (mkt_dashboard_view_get_stat (view, "materials"), ==, materials);
  g_assert_cmpstr (mkt_dashboard_view_get_stat (view, "products"), ==, products);
  g_assert_cmpstr (mkt_dashboard_view_get_stat (view, "low"), ==, n_low);

  low = mkt_stock_low (session, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_low_stock, ==, low->len);
  g_assert_cmpuint (mkt_dashboard_view_get_n_low_rows (view), ==, MAX (low->len, 1));

  /* One group of bars per market held, oldest first. */
  events = mkt_report_recent_events (session, mkt_session_now (session), 6, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mkt_bar_chart_get_n_groups (chart), ==, events->len);
  for (guint i = 0; i < events->len; i++)
    {
      MktMarketSummary *summary = g_ptr_array_index (events, i);

      g_assert_cmpstr (mkt_bar_chart_get_group_label (chart, i), ==, mkt_record_get_title (summary->event));
      g_assert_cmpint (mkt_bar_chart_get_value (chart, i, 0), ==, summary->revenue);
      g_assert_cmpint (mkt_bar_chart_get_value (chart, i, 1), ==, summary->profit);
    }
}

static void
loading_cb (MktDashboardView *view,
            GParamSpec       *pspec,
            guint            *n_loads)
{
  if (!mkt_dashboard_view_get_loading (view))
    (*n_loads)++;
}

static void
test_demo (MktAppFixture *fixture,
           gconstpointer  data)
{
  MktWindow *window = mkt_app_test_open_window (1000, 800);
  MktDashboardView *view = show_dashboard (window);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) sale = NULL;
  g_autoptr(MktRecord) yarn = NULL;
  g_autoptr(MktRecord) movement = NULL;
  g_autofree char *fair_id = NULL;
  g_autofree char *socks_id = NULL;
  g_autofree char *yarn_id = NULL;
  g_autofree char *description = NULL;
  MktSession *window_session;
  MktBarChart *chart;
  MktInventoryReport before, after;
  gint64 revenue_before;
  guint n_loads = 0;

  wait_settled (view);
  session = mkt_app_test_open_session (fixture->db_path, &store);
  assert_shows_core (view, session);

  /* The demo's four past markets, not next Saturday's. */
  chart = mkt_dashboard_view_get_chart (view);
  g_assert_cmpuint (mkt_bar_chart_get_n_groups (chart), ==, 4);
  g_assert_cmpstr (mkt_bar_chart_get_group_label (chart, 3), ==, "Village Craft Fair");
  description = mkt_bar_chart_dup_description (chart);
  g_assert_nonnull (strstr (description, "Harvest Craft Fair: Revenue "));
  revenue_before = mkt_bar_chart_get_value (chart, 3, 0);
  g_assert_true (mkt_report_inventory (session, &before, &error));

  /* Through the window's session: a pair of socks sold at the last market and
   * yarn taken out of stock, then a burst of change notices. */
  window_session = mkt_window_get_session (window, &error);
  g_assert_no_error (error);
  fair_id = mkt_app_test_resolve (window_session, &mkt_market_event_spec, "Village Craft Fair");
  socks_id = mkt_app_test_resolve (window_session, &mkt_product_spec, "P-SOCKS-SEA");
  g_assert_true (mkt_market_bring (window_session, fair_id, socks_id, 1 * MKT_QUANTITY_SCALE, &error));
  g_assert_no_error (error);
  sale = mkt_market_sell (window_session, fair_id, socks_id, 1 * MKT_QUANTITY_SCALE, FALSE, 0, 0, "card", &error);
  g_assert_no_error (error);
  yarn_id = mkt_app_test_resolve (window_session, &mkt_material_spec, "HM-MDK-NAT");
  yarn = mkt_session_get (window_session, &mkt_material_spec, yarn_id, &error);
  movement = mkt_stock_adjust (window_session, yarn, -1000 * MKT_QUANTITY_SCALE, NULL, "moths", &error);
  g_assert_no_error (error);

  g_signal_connect (view, "notify::loading", G_CALLBACK (loading_cb), &n_loads);
  mkt_window_data_changed (window, "product_movement");
  mkt_window_data_changed (window, "sale");
  mkt_window_data_changed (window, "stock_movement");
  g_assert_true (mkt_dashboard_view_get_loading (view));
  wait_settled (view);

  /* The burst was read once, and what shows is the core's now. */
  g_assert_cmpuint (n_loads, ==, 1);
  assert_shows_core (view, session);
  g_assert_cmpint (mkt_bar_chart_get_value (chart, 3, 0), ==, revenue_before + 8500);
  g_assert_true (mkt_report_inventory (session, &after, &error));
  g_assert_cmpuint (after.n_low_stock, ==, before.n_low_stock + 1);
  g_assert_cmpint (after.total_value, <, before.total_value);

  /* Changes to what the dashboard does not show read nothing. */
  mkt_window_data_changed (window, "category");
  g_assert_false (mkt_dashboard_view_get_loading (view));

  /* F5 reads again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "dashboard.reload", NULL));
  g_assert_true (mkt_dashboard_view_get_loading (view));
  wait_settled (view);
  assert_shows_core (view, session);

  g_signal_handlers_disconnect_by_data (view, &n_loads);
  mkt_app_test_close_window (window);
}

/* A business with nothing in it (its one material deleted, so no demo is
 * loaded) says so, until something is added. */
static void
test_empty (MktAppFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autofree char *old_id = NULL;
  g_autofree char *added_id = NULL;
  g_autoptr(GError) error = NULL;
  MktDashboardView *view;
  MktWindow *window;

  session = mkt_app_test_open_session (fixture->db_path, &store);
  old_id = mkt_app_test_create (session, &mkt_material_spec,
                                "name", "Old yarn",
                                "kind", "yarn",
                                "unit", "m",
                                NULL);
  g_assert_true (mkt_session_delete (session, &mkt_material_spec, old_id, &error));
  g_assert_no_error (error);

  window = mkt_app_test_open_window (360, 640);
  view = show_dashboard (window);
  wait_settled (view);
  g_assert_cmpstr (mkt_dashboard_view_get_state (view), ==, "empty");

  added_id = mkt_app_test_create (mkt_window_get_session (window, NULL), &mkt_material_spec,
                                  "name", "New yarn",
                                  "kind", "yarn",
                                  "unit", "m",
                                  NULL);
  mkt_window_data_changed (window, "material");
  wait_settled (view);
  assert_shows_core (view, session);
  g_assert_cmpstr (mkt_dashboard_view_get_stat (view, "materials"), ==, "1");
  g_assert_cmpuint (mkt_bar_chart_get_n_groups (mkt_dashboard_view_get_chart (view)), ==, 0);

  mkt_app_test_close_window (window);
}

/* At 360 px the dashboard draws (a frame goes through snapshot) without
 * warnings, which G_DEBUG=fatal-warnings would turn into a failure. */
static void
test_narrow (MktAppFixture *fixture,
             gconstpointer  data)
{
  MktWindow *window = mkt_app_test_open_window (360, 700);
  MktDashboardView *view = show_dashboard (window);
  MktBarChart *chart;
  int minimum;

  wait_settled (view);
  mkt_app_test_spin (300);
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  chart = mkt_dashboard_view_get_chart (view);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (chart)), <=, 360);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (chart)), >, 0);

  mkt_app_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!mkt_app_test_init (&argc, &argv, &status))
    return status;

  mkt_app_test_add ("/app/dashboard/demo", NULL, test_demo);
  mkt_app_test_add ("/app/dashboard/empty", NULL, test_empty);
  mkt_app_test_add ("/app/dashboard/narrow", NULL, test_narrow);

  return g_test_run ();
}
