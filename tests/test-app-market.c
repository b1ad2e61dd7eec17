/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include <string.h>

#include "mkt-event-item.h"
#include "mkt-markets-view.h"
#include "mkt-stall-tile.h"
#include "test-app-utils.h"

/*
 * The Markets page and stall mode: what the widgets show and do must be
 * what mkt-core holds, read back on a connection of the test's own.
 */

#define WAIT_MS 20000

typedef struct
{
  MktAppFixture  *fixture;
  MktWindow      *window;
  MktMarketsView *view;
  MktSqliteStore *store;
  MktSession     *session;
} Env;

static void
wait_view (Env *env)
{
  mkt_app_test_wait_loaded (env->view, WAIT_MS);
}

static void
env_open (Env           *env,
          MktAppFixture *fixture,
          int            width,
          int            height)
{
  env->fixture = fixture;
  env->window = mkt_app_test_open_window (width, height);
  mkt_window_show_page (env->window, "markets");
  env->view = MKT_MARKETS_VIEW (mkt_window_get_page (env->window, "markets"));
  g_assert_true (MKT_IS_MARKETS_VIEW (env->view));
  env->session = mkt_app_test_open_session (fixture->db_path, &env->store);
  wait_view (env);
}

static void
env_close (Env *env)
{
  g_clear_object (&env->session);
  g_clear_object (&env->store);
  mkt_app_test_close_window (env->window);
}

static MktEventItem *
find_event (MktMarketsView *view,
            const char     *name)
{
  GListModel *model = mkt_markets_view_get_events (view);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MktEventItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (mkt_event_item_get_name (item), name))
        return g_steal_pointer (&item);
    }

  return NULL;
}

/* The product's line of the event, read through the test's session. */
static MktMarketLine *
find_line (GPtrArray  *lines,
           const char *product_id)
{
  for (guint i = 0; i < lines->len; i++)
    {
      MktMarketLine *line = g_ptr_array_index (lines, i);

      if (g_str_equal (mkt_record_get_id (line->product), product_id))
        return line;
    }

  return NULL;
}

static GPtrArray *
read_lines (Env        *env,
            const char *event_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *lines = mkt_market_lines (env->session, event_id, &error);

  g_assert_no_error (error);
  return lines;
}

static MktQuantity
at_stall (Env        *env,
          const char *event_id,
          const char *product_id)
{
  g_autoptr(GPtrArray) lines = read_lines (env, event_id);
  MktMarketLine *line = find_line (lines, product_id);

  return line != NULL ? line->on_hand : 0;
}

static GPtrArray *
read_sales (Env        *env,
            const char *event_id)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *sales;

  mkt_query_add_filter (query, "market_event_id", MKT_FILTER_EQ, g_variant_new_string (event_id));
  sales = mkt_session_list (env->session, &mkt_sale_spec, query, NULL, &error);
  g_assert_no_error (error);
  return sales;
}

static char *
money (Env      *env,
       MktMoney  amount)
{
  return mkt_event_format_money (amount, mkt_session_get_currency (env->session));
}

static void
test_list (MktAppFixture *fixture,
           gconstpointer  data)
{
  Env env = { 0 };
  g_autoptr(MktEventItem) winter = NULL;
  g_autoptr(MktEventItem) first = NULL;
  GListModel *events;
  gboolean seen_past = FALSE;

  env_open (&env, fixture, 1000, 700);
  events = mkt_markets_view_get_events (env.view);

  /* The demo's next market is listed, upcoming, before any past one. */
  winter = find_event (env.view, "Winter Makers Market");
  g_assert_nonnull (winter);
  g_assert_true (mkt_event_item_is_upcoming (winter));
  g_assert_cmpstr (mkt_event_item_get_venue (winter), ==, "Town Hall, Market Square");
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, mkt_app_test_count_rows (env.session, &mkt_market_event_spec, MKT_DELETED_INCLUDE, NULL, NULL));
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(MktEventItem) item = g_list_model_get_item (events, i);

      if (!mkt_event_item_is_upcoming (item))
        seen_past = TRUE;
      else
        g_assert_false (seen_past);
    }
  first = g_list_model_get_item (events, 0);
  g_assert_true (mkt_event_item_is_upcoming (first));

  /* Its page shows its sheet and summary. */
  mkt_markets_view_select (env.view, mkt_event_item_get_id (winter));
  wait_view (&env);
  g_assert_nonnull (mkt_event_page_get_summary (mkt_markets_view_get_event_page (env.view)));
  g_assert_cmpstr (mkt_event_page_get_event_id (mkt_markets_view_get_event_page (env.view)), ==,
                   mkt_event_item_get_id (winter));
  g_assert_nonnull (mkt_event_page_get_summary_text (mkt_markets_view_get_event_page (env.view), "booth_fee"));
  {
    g_autofree char *fee = money (&env, 3500);
    g_assert_cmpstr (mkt_event_page_get_summary_text (mkt_markets_view_get_event_page (env.view), "booth_fee"),
                     ==, fee);
  }

  env_close (&env);
}

static void
test_narrow (MktAppFixture *fixture,
             gconstpointer  data)
{
  Env env = { 0 };
  g_autoptr(MktEventItem) winter = NULL;

  env_open (&env, fixture, 360, 720);
  mkt_app_test_spin (100);

  /* At 360 px the list and the event are pages of their own. */
  g_assert_true (mkt_markets_view_get_showing_list (env.view));
  winter = find_event (env.view, "Winter Makers Market");
  mkt_markets_view_select (env.view, mkt_event_item_get_id (winter));
  wait_view (&env);
  mkt_app_test_spin (100);
  g_assert_false (mkt_markets_view_get_showing_list (env.view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (env.view), "markets.back", NULL));
  g_assert_true (mkt_markets_view_get_showing_list (env.view));

  env_close (&env);
}

static void
set_field (MktEventEditor *editor,
           const char     *field,
           const char     *text)
{
  GtkWidget *row = mkt_event_editor_get_row (editor, field);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
test_create_invalid (MktAppFixture *fixture,
                     gconstpointer  data)
{
  Env env = { 0 };
  g_autoptr(MktEventItem) item = NULL;
  g_autoptr(MktRecord) event = NULL;
  g_autoptr(GError) error = NULL;
  MktEventEditor *editor;
  guint n_events;
  guint n_audit;

  env_open (&env, fixture, 1000, 700);
  n_events = mkt_app_test_count_rows (env.session, &mkt_market_event_spec, MKT_DELETED_INCLUDE, NULL, NULL);
  n_audit = mkt_app_test_count_rows (env.session, &mkt_audit_spec, MKT_DELETED_INCLUDE, NULL, NULL);

  /* The header bar's add button and Ctrl+N on this page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (env.window), "event.new", NULL));
  editor = g_object_ref (mkt_markets_view_get_editor (env.view));
  g_assert_true (MKT_IS_EVENT_EDITOR (editor));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));

  set_field (editor, "name", "Spring Fair");
  set_field (editor, "starts_on", "2027-03-06");
  set_field (editor, "booth_fee", "-5");
  g_assert_false (mkt_event_editor_save (editor));
  g_assert_true (gtk_widget_has_css_class (mkt_event_editor_get_row (editor, "booth_fee"), "error"));
  g_assert_nonnull (mkt_event_editor_get_message (editor));
  g_assert_false (gtk_widget_has_css_class (mkt_event_editor_get_row (editor, "name"), "error"));

  /* Typing clears it; a last day before the first is the next refusal. */
  set_field (editor, "booth_fee", "25");
  g_assert_false (gtk_widget_has_css_class (mkt_event_editor_get_row (editor, "booth_fee"), "error"));
  set_field (editor, "ends_on", "2027-03-01");
  g_assert_false (mkt_event_editor_save (editor));
  g_assert_true (gtk_widget_has_css_class (mkt_event_editor_get_row (editor, "ends_on"), "error"));
  set_field (editor, "starts_on", "next week");
  g_assert_false (mkt_event_editor_save (editor));
  g_assert_true (gtk_widget_has_css_class (mkt_event_editor_get_row (editor, "starts_on"), "error"));

  /* Nothing was written. */
  g_assert_cmpuint (mkt_app_test_count_rows (env.session, &mkt_market_event_spec, MKT_DELETED_INCLUDE, NULL, NULL), ==, n_events);
  g_assert_cmpuint (mkt_app_test_count_rows (env.session, &mkt_audit_spec, MKT_DELETED_INCLUDE, NULL, NULL), ==, n_audit);

  set_field (editor, "starts_on", "2027-03-06");
  set_field (editor, "ends_on", "2027-03-07");
  set_field (editor, "venue", "Guildhall");
  g_assert_true (mkt_event_editor_save (editor));
  g_assert_null (mkt_markets_view_get_editor (env.view));

  event = mkt_session_get (env.session, &mkt_market_event_spec, mkt_event_editor_get_event_id (editor), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mkt_record_get_string (event, "name"), ==, "Spring Fair");
  g_assert_cmpint (mkt_record_get_int (event, "booth_fee"), ==, 2500);
  g_assert_cmpstr (mkt_record_get_string (event, "venue"), ==, "Guildhall");

  /* Listed and shown. */
  wait_view (&env);
  item = find_event (env.view, "Spring Fair");
  g_assert_nonnull (item);
  g_assert_true (mkt_event_item_is_upcoming (item));
  g_assert_cmpstr (mkt_event_page_get_event_id (mkt_markets_view_get_event_page (env.view)), ==,
                   mkt_record_get_id (event));

  mkt_app_test_finalize_window (editor);
  env_close (&env);
}

static void
test_sheet (MktAppFixture *fixture,
            gconstpointer  data)
{
  Env env = { 0 };
  g_autoptr(MktEventItem) winter = NULL;
  g_autofree char *socks_id = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  MktEventPage *page;
  GtkWidget *picker;
  GListModel *offered;
  GtkWidget *quantity;
  GtkWidget *message;
  MktMarketLine *line;
  const char *event_id;
  guint position = G_MAXUINT;

  env_open (&env, fixture, 1000, 700);
  winter = find_event (env.view, "Winter Makers Market");
  event_id = mkt_event_item_get_id (winter);
  socks_id = mkt_app_test_resolve (env.session, &mkt_product_spec, "P-SOCKS-SEA");
  page = mkt_markets_view_get_event_page (env.view);
  mkt_markets_view_select (env.view, event_id);
  wait_view (&env);

  /* The picker offers what is not on the sheet; picking puts it there. */
  picker = mkt_event_page_get_picker (page);
  offered = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (picker)));
  for (guint i = 0; i < g_list_model_get_n_items (offered); i++)
    {
      g_autoptr(MktRecord) product = g_list_model_get_item (offered, i);

      g_assert_null (find_line (mkt_event_page_get_summary (page)->lines, mkt_record_get_id (product)));
      if (g_str_equal (mkt_record_get_id (product), socks_id))
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);
  g_signal_emit_by_name (picker, "activate", position);
  wait_view (&env);

  lines = read_lines (&env, event_id);
  g_assert_nonnull (find_line (lines, socks_id));
  g_clear_pointer (&lines, g_ptr_array_unref);
  g_assert_nonnull (mkt_event_page_get_line_widget (page, socks_id, "row"));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (mkt_event_page_get_line_widget (page, socks_id,
                                                                                                    "row"))));

  /* Bring three. */
  quantity = mkt_event_page_get_line_widget (page, socks_id, "quantity");
  gtk_editable_set_text (GTK_EDITABLE (quantity), "3");
  g_signal_emit_by_name (mkt_event_page_get_line_widget (page, socks_id, "bring"), "clicked");
  wait_view (&env);
  g_assert_null (mkt_event_page_get_line_widget (page, socks_id, "message"));
  lines = read_lines (&env, event_id);
  line = find_line (lines, socks_id);
  g_assert_cmpint (line->brought, ==, MKT_QUANTITY_FROM_INT (3));
  g_assert_cmpint (line->on_hand, ==, MKT_QUANTITY_FROM_INT (3));
  g_clear_pointer (&lines, g_ptr_array_unref);
  line = find_line (mkt_event_page_get_summary (page)->lines, socks_id);
  g_assert_cmpint (line->on_hand, ==, MKT_QUANTITY_FROM_INT (3));

  /* Returning more than is at the stall: the core's refusal, on the line. */
  gtk_editable_set_text (GTK_EDITABLE (quantity), "5");
  g_signal_emit_by_name (mkt_event_page_get_line_widget (page, socks_id, "return"), "clicked");
  message = mkt_event_page_get_line_widget (page, socks_id, "message");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "only 3"));
  g_assert_true (gtk_widget_has_css_class (quantity, "error"));
  g_assert_cmpint (at_stall (&env, event_id, socks_id), ==, MKT_QUANTITY_FROM_INT (3));

  /* Not a number. */
  gtk_editable_set_text (GTK_EDITABLE (quantity), "a few");
  g_signal_emit_by_name (mkt_event_page_get_line_widget (page, socks_id, "bring"), "clicked");
  g_assert_nonnull (mkt_event_page_get_line_widget (page, socks_id, "message"));
  g_assert_cmpint (at_stall (&env, event_id, socks_id), ==, MKT_QUANTITY_FROM_INT (3));

  /* Return one. */
  gtk_editable_set_text (GTK_EDITABLE (quantity), "1");
  g_signal_emit_by_name (mkt_event_page_get_line_widget (page, socks_id, "return"), "clicked");
  wait_view (&env);
  g_assert_null (mkt_event_page_get_line_widget (page, socks_id, "message"));
  g_assert_cmpint (at_stall (&env, event_id, socks_id), ==, MKT_QUANTITY_FROM_INT (2));

  /* A price of its own at this market; a bad one is refused on the row. */
  gtk_editable_set_text (GTK_EDITABLE (mkt_event_page_get_line_widget (page, socks_id, "price")), "-3");
  g_signal_emit_by_name (mkt_event_page_get_line_widget (page, socks_id, "price"), "apply");
  g_assert_nonnull (mkt_event_page_get_line_widget (page, socks_id, "message"));
  gtk_editable_set_text (GTK_EDITABLE (mkt_event_page_get_line_widget (page, socks_id, "price")), "79.50");
  g_signal_emit_by_name (mkt_event_page_get_line_widget (page, socks_id, "price"), "apply");
  wait_view (&env);
  g_assert_null (mkt_event_page_get_line_widget (page, socks_id, "message"));
  lines = read_lines (&env, event_id);
  g_assert_cmpint (find_line (lines, socks_id)->price, ==, 7950);
  g_assert_cmpint (find_line (mkt_event_page_get_summary (page)->lines, socks_id)->price, ==, 7950);

  env_close (&env);
}

static char *
make_photo (MktAppFixture *fixture)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 32, 32);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, "beanie.png", NULL);

  gdk_pixbuf_fill (pixbuf, 0x8844ccff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);

  return path;
}

static void
set_photo (Env        *env,
           const char *product_id,
           const char *path)
{
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(GError) error = NULL;

  product = mkt_session_get (env->session, &mkt_product_spec, product_id, &error);
  g_assert_no_error (error);
  g_assert_true (mkt_session_set_from_text (env->session, product, "photo", path, &error));
  g_assert_true (mkt_session_update (env->session, product, &error));
  g_assert_no_error (error);
}

static void
test_stall (MktAppFixture *fixture,
            gconstpointer  data)
{
  Env env = { 0 };
  g_autoptr(MktEventItem) winter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sales = NULL;
  g_autoptr(MktMarketSummary) summary = NULL;
  g_autofree char *beanie_id = NULL;
  g_autofree char *dishcloth_id = NULL;
  g_autofree char *bear_id = NULL;
  g_autofree char *photo_path = NULL;
  g_autofree char *card_sale_id = NULL;
  g_autofree char *zero = NULL;
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  MktStallWindow *stall;
  GtkWidget *tile;
  MktRecord *sale = NULL;
  MktRecord *void_row = NULL;
  const char *event_id;
  int width, height;

  env_open (&env, fixture, 1000, 700);
  winter = find_event (env.view, "Winter Makers Market");
  event_id = mkt_event_item_get_id (winter);
  beanie_id = mkt_app_test_resolve (env.session, &mkt_product_spec, "P-BEANIE-NAT");
  dishcloth_id = mkt_app_test_resolve (env.session, &mkt_product_spec, "P-DISHCLOTH");
  g_assert_true (mkt_market_bring (env.session, event_id, beanie_id, MKT_QUANTITY_FROM_INT (3), &error));
  g_assert_no_error (error);
  g_assert_cmpint (at_stall (&env, event_id, dishcloth_id), ==, 0);

  /* A photo that names a readable image shows; one that does not, the
   * initials. */
  set_photo (&env, beanie_id, photo_path = make_photo (fixture));
  bear_id = mkt_app_test_resolve (env.session, &mkt_product_spec, "P-BEAR");
  set_photo (&env, bear_id, "/nonexistent/bear.png");

  mkt_markets_view_select (env.view, event_id);
  wait_view (&env);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (env.view), "event.stall", "s", event_id));
  stall = g_object_ref (mkt_markets_view_get_stall (env.view));
  g_assert_true (MKT_IS_STALL_WINDOW (stall));
  gtk_window_set_default_size (GTK_WINDOW (stall), 360, 720);
  mkt_app_test_wait_loaded (stall, WAIT_MS);
  mkt_app_test_spin (100);
  gtk_window_get_default_size (GTK_WINDOW (stall), &width, &height);
  g_assert_cmpint (width, ==, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (stall)), <=, 400);

  zero = money (&env, 0);
  g_assert_cmpstr (mkt_stall_window_get_total_text (stall), ==, zero);
  g_assert_cmpstr (mkt_stall_window_get_payment_method (stall), ==, "cash");

  /* Sold out shows; selling is the core's decision, not the tile's. */
  tile = mkt_stall_window_get_tile (stall, dishcloth_id);
  g_assert_true (MKT_IS_STALL_TILE (tile));
  g_assert_true (mkt_stall_tile_get_sold_out (MKT_STALL_TILE (tile)));
  g_assert_false (mkt_stall_tile_get_has_photo (MKT_STALL_TILE (tile)));
  tile = mkt_stall_window_get_tile (stall, beanie_id);
  g_assert_false (mkt_stall_tile_get_sold_out (MKT_STALL_TILE (tile)));
  g_assert_true (mkt_stall_tile_get_has_photo (MKT_STALL_TILE (tile)));
  g_assert_false (mkt_stall_tile_get_has_photo (MKT_STALL_TILE (mkt_stall_window_get_tile (stall, bear_id))));

  /* A tap sells one, in cash. */
  g_signal_emit_by_name (tile, "clicked");
  mkt_app_test_wait_loaded (stall, WAIT_MS);
  one = money (&env, 4500);
  g_assert_cmpstr (mkt_stall_window_get_total_text (stall), ==, one);
  g_assert_cmpstr (mkt_stall_window_get_items_text (stall), ==, "1 item sold");
  sales = read_sales (&env, event_id);
  g_assert_cmpuint (sales->len, ==, 1);
  sale = g_ptr_array_index (sales, 0);
  g_assert_cmpstr (mkt_record_get_string (sale, "product_id"), ==, beanie_id);
  g_assert_cmpint (mkt_record_get_int (sale, "quantity"), ==, MKT_QUANTITY_FROM_INT (1));
  g_assert_cmpstr (mkt_record_get_string (sale, "payment_method"), ==, "cash");
  g_assert_cmpint (at_stall (&env, event_id, beanie_id), ==, MKT_QUANTITY_FROM_INT (2));
  g_assert_cmpstr (mkt_stall_tile_get_left_text (MKT_STALL_TILE (mkt_stall_window_get_tile (stall, beanie_id))),
                   ==, "2 left");
  g_clear_pointer (&sales, g_ptr_array_unref);

  /* Card from now on. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (stall), "stall.payment-method", "s", "card"));
  g_assert_cmpstr (mkt_stall_window_get_payment_method (stall), ==, "card");
  g_signal_emit_by_name (mkt_stall_window_get_tile (stall, beanie_id), "clicked");
  mkt_app_test_wait_loaded (stall, WAIT_MS);
  two = money (&env, 9000);
  g_assert_cmpstr (mkt_stall_window_get_total_text (stall), ==, two);
  g_assert_cmpstr (mkt_stall_window_get_items_text (stall), ==, "2 items sold");
  card_sale_id = g_strdup (mkt_stall_window_get_last_sale_id (stall));
  g_assert_nonnull (card_sale_id);
  summary = mkt_market_summary (env.session, event_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->revenue_card, ==, 4500);
  g_assert_cmpint (summary->revenue_cash, ==, 4500);
  g_clear_pointer (&summary, mkt_market_summary_free);
  g_assert_cmpint (at_stall (&env, event_id, beanie_id), ==, MKT_QUANTITY_FROM_INT (1));

  /* Undo Last Sale (Ctrl+Z) voids the card sale and leaves it as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (stall), "stall.undo", NULL));
  mkt_app_test_wait_loaded (stall, WAIT_MS);
  g_assert_cmpstr (mkt_stall_window_get_total_text (stall), ==, one);
  g_assert_cmpstr (mkt_stall_window_get_items_text (stall), ==, "1 item sold");
  g_assert_cmpint (at_stall (&env, event_id, beanie_id), ==, MKT_QUANTITY_FROM_INT (2));
  sales = read_sales (&env, event_id);
  g_assert_cmpuint (sales->len, ==, 3);
  for (guint i = 0; i < sales->len; i++)
    {
      MktRecord *row = g_ptr_array_index (sales, i);

      if (g_str_equal (mkt_record_get_id (row), card_sale_id))
        sale = row;
      else if (g_strcmp0 (mkt_record_get_string (row, "voids_sale_id"), card_sale_id) == 0)
        void_row = row;
    }
  g_assert_nonnull (void_row);
  g_assert_cmpint (mkt_record_get_int (void_row, "quantity"), ==, -MKT_QUANTITY_FROM_INT (1));
  g_assert_cmpstr (mkt_record_get_string (void_row, "payment_method"), ==, "card");
  g_assert_cmpint (mkt_record_get_int (sale, "quantity"), ==, MKT_QUANTITY_FROM_INT (1));
  g_assert_cmpstr (mkt_record_get_string (sale, "payment_method"), ==, "card");
  g_assert_false (mkt_record_has (sale, "voids_sale_id"));

  /* The page behind the stall followed. */
  wait_view (&env);
  g_assert_cmpstr (mkt_event_page_get_summary_text (mkt_markets_view_get_event_page (env.view), "revenue"), ==,
                   one);

  /* The payment method is remembered for the next stall. */
  mkt_app_test_finalize_window (stall);
  g_assert_null (mkt_markets_view_get_stall (env.view));
  stall = g_object_ref (mkt_markets_view_open_stall (env.view, event_id));
  g_assert_cmpstr (mkt_stall_window_get_payment_method (stall), ==, "card");
  mkt_app_test_wait_loaded (stall, WAIT_MS);
  /* Nothing of this stall's to take back. */
  g_assert_null (mkt_stall_window_get_last_sale_id (stall));
  g_assert_false (mkt_stall_window_undo (stall));

  mkt_app_test_finalize_window (stall);
  env_close (&env);
}

static void
test_delete_undo (MktAppFixture *fixture,
                  gconstpointer  data)
{
  Env env = { 0 };
  g_autoptr(MktEventItem) winter = NULL;
  g_autoptr(MktEventItem) gone = NULL;
  g_autoptr(MktEventItem) back = NULL;
  g_autoptr(MktRecord) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  AdwToast *toast;
  GVariant *target;

  env_open (&env, fixture, 1000, 700);
  winter = find_event (env.view, "Winter Makers Market");
  id = g_strdup (mkt_event_item_get_id (winter));
  mkt_markets_view_select (env.view, id);
  wait_view (&env);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (env.window), "event.delete", "s", id));
  wait_view (&env);
  gone = find_event (env.view, "Winter Makers Market");
  g_assert_null (gone);
  /* The page no longer shows it (beside the list, it shows another). */
  g_assert_cmpstr (mkt_event_page_get_event_id (mkt_markets_view_get_event_page (env.view)), !=, id);
  event = mkt_session_get (env.session, &mkt_market_event_spec, id, &error);
  g_assert_null (event);
  g_clear_error (&error);

  /* The toast's Undo restores it. */
  toast = mkt_window_get_last_toast (env.window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "event.restore");
  target = adw_toast_get_action_target_value (toast);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, id);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (env.window), adw_toast_get_action_name (toast),
                                                     target));
  wait_view (&env);
  back = find_event (env.view, "Winter Makers Market");
  g_assert_nonnull (back);
  event = mkt_session_get (env.session, &mkt_market_event_spec, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mkt_event_page_get_event_id (mkt_markets_view_get_event_page (env.view)), ==, id);

  env_close (&env);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!mkt_app_test_init (&argc, &argv, &status))
    return status;

  mkt_app_test_add ("/app/market/list", NULL, test_list);
  mkt_app_test_add ("/app/market/narrow", NULL, test_narrow);
  mkt_app_test_add ("/app/market/create-invalid", NULL, test_create_invalid);
  mkt_app_test_add ("/app/market/sheet", NULL, test_sheet);
  mkt_app_test_add ("/app/market/stall", NULL, test_stall);
  mkt_app_test_add ("/app/market/delete-undo", NULL, test_delete_undo);

  return g_test_run ();
}
