/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include "mkt-event-item.h"
#include "mkt-stall-tile.h"
#include "mkt-stall-window.h"
#include "test-app-utils.h"

/*
 * Stall mode at a market of several days: the big figure is today's
 * takings and items, the whole market's is shown below it, and a sale, an
 * Undo Last Sale and a void made elsewhere update both. Yesterday's sales
 * are made through a session of the test's own whose clock is a day back;
 * the app runs on the wall clock (TZ=UTC in the tests).
 */

#define WAIT_MS 20000
#define DAY_MS (G_GINT64_CONSTANT (24) * 3600 * 1000)

typedef struct
{
  MktWindow      *window;
  MktSqliteStore *store;
  MktSession     *session;
  /* The same file, a day back. */
  MktSession     *yesterday;
  gint64          yesterday_ms;
  char           *beanie_id;
} Env;

/* Stands still between sales: sell_yesterday() sets it. */
static gint64
yesterday_clock (gpointer user_data)
{
  Env *env = user_data;

  return env->yesterday_ms;
}

static void
env_open (Env           *env,
          MktAppFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  env->window = mkt_app_test_open_window (1000, 700);
  env->session = mkt_app_test_open_session (fixture->db_path, &env->store);
  env->yesterday = mkt_local_session_new (env->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  mkt_session_set_clock (env->yesterday, yesterday_clock, env);
  env->beanie_id = mkt_app_test_resolve (env->session, &mkt_product_spec, "P-BEANIE-NAT");
}

static void
env_close (Env *env)
{
  g_clear_pointer (&env->beanie_id, g_free);
  g_clear_object (&env->yesterday);
  g_clear_object (&env->session);
  g_clear_object (&env->store);
  mkt_app_test_close_window (env->window);
}

static char *
money (Env      *env,
       MktMoney  amount)
{
  return mkt_event_format_money (amount, mkt_session_get_currency (env->session));
}

static char *
day_text (gint64 offset_days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, (int)offset_days);

  return g_date_time_format (day, "%Y-%m-%d");
}

/* An event with the beanie (45.00) on its sheet and 6 of them brought. */
static char *
create_event (Env        *env,
              const char *name,
              gint64      first_day,
              gint64      last_day)
{
  g_autofree char *starts_on = day_text (first_day);
  g_autofree char *ends_on = day_text (last_day);
  g_autoptr(MktRecord) line = NULL;
  g_autoptr(GError) error = NULL;
  char *event_id;

  event_id = mkt_app_test_create (env->session, &mkt_market_event_spec,
                                  "name", name, "starts_on", starts_on, "ends_on", ends_on, NULL);
  line = mkt_market_add_product (env->session, event_id, env->beanie_id, FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_true (mkt_market_bring (env->session, event_id, env->beanie_id, MKT_QUANTITY_FROM_INT (6), &error));
  g_assert_no_error (error);

  return event_id;
}

static MktRecord *
sell_yesterday (Env        *env,
                const char *event_id)
{
  g_autoptr(GError) error = NULL;
  MktRecord *sale;

  env->yesterday_ms = g_get_real_time () / 1000 - DAY_MS;
  sale = mkt_market_sell (env->yesterday, event_id, env->beanie_id, MKT_QUANTITY_FROM_INT (1), FALSE, 0, 0,
                          "cash", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mkt_record_get_int (sale, "occurred_at"), ==, env->yesterday_ms * 1000);
  return sale;
}

static MktStallWindow *
open_stall (Env        *env,
            const char *event_id)
{
  MktStallWindow *stall = g_object_ref (mkt_stall_window_new (env->window, event_id, "cash"));

  gtk_window_set_default_size (GTK_WINDOW (stall), 360, 720);
  gtk_window_present (GTK_WINDOW (stall));
  mkt_app_test_wait_loaded (stall, WAIT_MS);
  return stall;
}

/* What the stall shows: today's takings and items, and the whole
 * market's, or %NULL for none. */
static void
assert_shown (Env            *env,
              MktStallWindow *stall,
              MktMoney        today,
              const char     *today_items,
              MktMoney        market,
              const char     *market_items)
{
  g_autofree char *today_text = money (env, today);

  g_assert_cmpstr (mkt_stall_window_get_total_text (stall), ==, today_text);
  g_assert_cmpstr (mkt_stall_window_get_items_text (stall), ==, today_items);
  if (market_items == NULL)
    g_assert_null (mkt_stall_window_get_market_text (stall));
  else
    {
      g_autofree char *market_money = money (env, market);
      g_autofree char *market_text = g_strdup_printf ("Whole market: %s, %s", market_money, market_items);

      g_assert_cmpstr (mkt_stall_window_get_market_text (stall), ==, market_text);
    }
}

static void
test_weekend (MktAppFixture *fixture,
              gconstpointer  data)
{
  Env env = { 0 };
  g_autofree char *event_id = NULL;
  g_autoptr(MktRecord) first = NULL;
  g_autoptr(MktRecord) second = NULL;
  g_autoptr(MktRecord) void_row = NULL;
  g_autoptr(MktMarketSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  MktStallWindow *stall;

  env_open (&env, fixture);
  event_id = create_event (&env, "Weekend Fair", -1, 0);
  first = sell_yesterday (&env, event_id);
  second = sell_yesterday (&env, event_id);

  /* The second day opens with nothing taken yet today. */
  stall = open_stall (&env, event_id);
  assert_shown (&env, stall, 0, "0 items sold", 9000, "2 items");

  /* A tap counts today and in the whole market. */
  g_signal_emit_by_name (mkt_stall_window_get_tile (stall, env.beanie_id), "clicked");
  mkt_app_test_wait_loaded (stall, WAIT_MS);
  assert_shown (&env, stall, 4500, "1 item sold", 13500, "3 items");

  /* Undo Last Sale takes it off both. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (stall), "stall.undo", NULL));
  mkt_app_test_wait_loaded (stall, WAIT_MS);
  assert_shown (&env, stall, 0, "0 items sold", 9000, "2 items");

  /* Yesterday's sale taken back today, elsewhere: today gives the money
   * back, yesterday keeps what it took. */
  void_row = mkt_market_void (env.session, mkt_record_get_id (first), &error);
  g_assert_no_error (error);
  mkt_window_data_changed (env.window, mkt_sale_spec.name);
  mkt_app_test_spin (50);
  mkt_app_test_wait_loaded (stall, WAIT_MS);
  {
    g_autofree char *back = money (&env, -4500);
    g_autofree char *market = NULL;
    g_autofree char *market_money = money (&env, 4500);

    g_assert_cmpstr (mkt_stall_window_get_total_text (stall), ==, back);
    market = g_strdup_printf ("Whole market: %s, 1 item", market_money);
    g_assert_cmpstr (mkt_stall_window_get_market_text (stall), ==, market);
  }

  /* What it shows is what the core says. */
  summary = mkt_market_summary (env.session, event_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->revenue, ==, 4500);
  g_assert_cmpuint (summary->n_sales, ==, 3);
  g_assert_cmpuint (summary->n_voids, ==, 2);

  mkt_app_test_finalize_window (stall);
  env_close (&env);
}

/* A market of one day shows one figure, as before; should sales of
 * another day turn up, the whole market's shows too. */
static void
test_one_day (MktAppFixture *fixture,
              gconstpointer  data)
{
  Env env = { 0 };
  g_autofree char *event_id = NULL;
  g_autoptr(MktRecord) earlier = NULL;
  MktStallWindow *stall;

  env_open (&env, fixture);
  event_id = create_event (&env, "Craft Night", 0, 0);

  stall = open_stall (&env, event_id);
  assert_shown (&env, stall, 0, "0 items sold", 0, NULL);

  g_signal_emit_by_name (mkt_stall_window_get_tile (stall, env.beanie_id), "clicked");
  mkt_app_test_wait_loaded (stall, WAIT_MS);
  assert_shown (&env, stall, 4500, "1 item sold", 0, NULL);
  g_signal_emit_by_name (mkt_stall_window_get_tile (stall, env.beanie_id), "clicked");
  mkt_app_test_wait_loaded (stall, WAIT_MS);
  assert_shown (&env, stall, 9000, "2 items sold", 0, NULL);

  earlier = sell_yesterday (&env, event_id);
  mkt_window_data_changed (env.window, mkt_sale_spec.name);
  mkt_app_test_spin (50);
  mkt_app_test_wait_loaded (stall, WAIT_MS);
  assert_shown (&env, stall, 9000, "2 items sold", 13500, "3 items");

  mkt_app_test_finalize_window (stall);
  env_close (&env);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!mkt_app_test_init (&argc, &argv, &status))
    return status;

  mkt_app_test_add ("/app/stall-day/weekend", NULL, test_weekend);
  mkt_app_test_add ("/app/stall-day/one-day", NULL, test_one_day);

  return g_test_run ();
}
