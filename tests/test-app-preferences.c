/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include <string.h>

#include "mkt-preferences-window.h"
#include "test-app-utils.h"

/*
 * The preferences window shows the business's settings as mkt-core holds
 * them, writes a change through the window's session (or shows mkt-core's
 * error and writes nothing), and a change that moves costs or prices re-
 * prices the products: read back on a connection of the test's own.
 */

typedef struct
{
  MktWindow            *window;
  MktPreferencesWindow *preferences;
  MktSqliteStore       *store;
  MktSession           *session;
  GPtrArray            *changed;  /* entities the window said changed */
} Fixture;

static void
data_changed_cb (MktWindow  *window,
                 const char *entity,
                 GPtrArray  *changed)
{
  g_ptr_array_add (changed, g_strdup (entity));
}

static void
open_preferences (Fixture       *f,
                  MktAppFixture *fixture)
{
  f->window = mkt_app_test_open_window (800, 600);
  f->session = mkt_app_test_open_session (fixture->db_path, &f->store);
  f->changed = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->window, "data-changed", G_CALLBACK (data_changed_cb), f->changed);

  /* Ctrl+, */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-preferences", NULL));
  f->preferences = mkt_app_test_find_toplevel (MKT_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (f->preferences);
  g_object_add_weak_pointer (G_OBJECT (f->preferences), (gpointer *)&f->preferences);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (f->preferences)) == GTK_WINDOW (f->window));
  mkt_app_test_spin (100);
}

static void
close_preferences (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->preferences));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  /* Nothing keeps it alive. */
  g_assert_null (f->preferences);

  g_signal_handlers_disconnect_by_data (f->window, f->changed);
  g_clear_pointer (&f->changed, g_ptr_array_unref);
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  mkt_app_test_close_window (f->window);
}

static GtkSpinButton *
spin_of (Fixture    *f,
         const char *key)
{
  GtkWidget *row = mkt_preferences_window_get_row (f->preferences, key);

  g_assert_true (ADW_IS_ACTION_ROW (row));
  return GTK_SPIN_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
}

static MktRecord *
tenant_of (MktSession *session)
{
  g_autoptr(GError) error = NULL;
  MktRecord *tenant = mkt_session_get (session, &mkt_tenant_spec, mkt_session_get_tenant_id (session), &error);

  g_assert_no_error (error);
  return tenant;
}

static MktSettings
settings_of (MktSession *session)
{
  g_autoptr(MktRecord) tenant = tenant_of (session);
  g_autoptr(GError) error = NULL;
  MktSettings settings;

  g_assert_true (mkt_settings_from_tenant (tenant, &settings, &error));
  g_assert_no_error (error);
  return settings;
}

static MktPricing
pricing_of (MktSession *session,
            const char *product_id)
{
  g_autoptr(GError) error = NULL;
  MktPricing pricing;

  g_assert_true (mkt_price_suggest (session, product_id, &pricing, &error));
  g_assert_no_error (error);
  return pricing;
}

static gboolean
was_changed (Fixture    *f,
             const char *entity)
{
  for (guint i = 0; i < f->changed->len; i++)
    if (g_str_equal (g_ptr_array_index (f->changed, i), entity))
      return TRUE;

  return FALSE;
}

/* What shows is what the tenant holds: the demo's 12.00 an hour, 10 %
 * overhead, prices ending in .00. */
static void
test_shows_settings (MktAppFixture *fixture,
                     gconstpointer  data)
{
  Fixture f = { 0 };
  g_autoptr(MktRecord) tenant = NULL;
  const char * const *keys = mkt_settings_keys ();
  MktSettings settings;

  open_preferences (&f, fixture);
  tenant = tenant_of (f.session);
  settings = settings_of (f.session);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mkt_preferences_window_get_row (f.preferences, "name"))),
                   ==, mkt_record_get_title (tenant));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mkt_preferences_window_get_row (f.preferences, "currency"))),
                   ==, mkt_session_get_currency (f.session));

  /* A row for every setting mkt-core has. */
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_nonnull (mkt_preferences_window_get_row (f.preferences, keys[i]));

  g_assert_cmpint (settings.labour_rate, ==, 1200);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin_of (&f, "labour_rate")), ==, 12.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin_of (&f, "overhead_percent")), ==, 10.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin_of (&f, "retail_multiplier")), ==, 2.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin_of (&f, "retention_days")), ==,
                     (double)settings.retention_days);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (mkt_preferences_window_get_row (f.preferences,
                                                                                                "price_ending"))),
                    ==, MKT_PRICE_ENDING_00);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (mkt_preferences_window_get_row (f.preferences,
                                                                                                "cost_method"))),
                    ==, MKT_COST_AVERAGE);
  g_assert_cmpuint (f.changed->len, ==, 0);

  close_preferences (&f);
}

/* mkt-core refuses; the row says why; nothing is written or announced. */
static void
test_bad_value (MktAppFixture *fixture,
                gconstpointer  data)
{
  Fixture f = { 0 };
  g_autoptr(MktRecord) before = NULL;
  g_autoptr(MktRecord) after = NULL;
  g_autoptr(MktRecord) fixed = NULL;
  GtkWidget *row;
  GtkWidget *currency_row;

  open_preferences (&f, fixture);
  before = tenant_of (f.session);

  row = mkt_preferences_window_get_row (f.preferences, "labour_rate");
  gtk_spin_button_set_value (spin_of (&f, "labour_rate"), -5);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "negative"));

  gtk_spin_button_set_value (spin_of (&f, "retail_multiplier"), 0.5);
  g_assert_true (gtk_widget_has_css_class (mkt_preferences_window_get_row (f.preferences, "retail_multiplier"),
                                           "error"));

  currency_row = mkt_preferences_window_get_row (f.preferences, "currency");
  gtk_editable_set_text (GTK_EDITABLE (currency_row), "EURO");
  g_signal_emit_by_name (currency_row, "apply");
  g_assert_true (gtk_widget_has_css_class (currency_row, "error"));

  after = tenant_of (f.session);
  g_assert_cmpstr (mkt_record_get_string (after, "settings"), ==, mkt_record_get_string (before, "settings"));
  g_assert_cmpstr (mkt_record_get_string (after, "currency"), ==, mkt_record_get_string (before, "currency"));
  g_assert_cmpint (mkt_record_get_updated_at (after), ==, mkt_record_get_updated_at (before));
  g_assert_cmpuint (f.changed->len, ==, 0);

  /* A good value takes the error away and is written. */
  gtk_spin_button_set_value (spin_of (&f, "labour_rate"), 13);
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpint (settings_of (f.session).labour_rate, ==, 1300);

  close_preferences (&f);
}

/* 90 minutes of a beanie at 15.00 an hour: its labour is 22.50 now, its
 * cached cost is what mkt-core computes afresh, and its suggested price
 * follows; then the retail multiplier moves the price and not the cost. */
static void
test_reprices (MktAppFixture *fixture,
               gconstpointer  data)
{
  Fixture f = { 0 };
  g_autofree char *beanie = NULL;
  g_autoptr(MktCostLine) fresh = NULL;
  g_autoptr(GError) error = NULL;
  MktPricing before, after, expected;
  MktSettings settings;

  open_preferences (&f, fixture);
  beanie = mkt_app_test_resolve (f.session, &mkt_product_spec, "P-BEANIE-NAT");
  before = pricing_of (f.session, beanie);
  g_assert_cmpint (before.totals.labour_cost, ==, G_GINT64_CONSTANT (1800) * MKT_COST_SCALE);

  gtk_spin_button_set_value (spin_of (&f, "labour_rate"), 15);
  g_assert_false (gtk_widget_has_css_class (mkt_preferences_window_get_row (f.preferences, "labour_rate"), "error"));
  g_assert_true (was_changed (&f, "tenant"));
  g_assert_true (was_changed (&f, "cost"));

  after = pricing_of (f.session, beanie);
  g_assert_cmpint (settings_of (f.session).labour_rate, ==, 1500);
  g_assert_cmpint (after.totals.labour_cost, ==, G_GINT64_CONSTANT (2250) * MKT_COST_SCALE);
  g_assert_cmpint (after.cost, >, before.cost);
  fresh = mkt_cost_explain (f.session, &mkt_product_spec, beanie, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after.totals.total_cost, ==, fresh->totals.total_cost);
  g_assert_cmpint (after.cost, ==, mkt_cost_round (fresh->totals.total_cost));

  /* Retail = wholesale × 3 now, to the price ending; the cost stays. */
  g_ptr_array_set_size (f.changed, 0);
  gtk_spin_button_set_value (spin_of (&f, "retail_multiplier"), 3);
  g_assert_true (was_changed (&f, "cost"));
  settings = settings_of (f.session);
  g_assert_cmpint (settings.retail_multiplier, ==, 3 * MKT_QUANTITY_SCALE);
  before = after;
  after = pricing_of (f.session, beanie);
  mkt_price_compute (&after.totals, &settings, mkt_session_get_currency (f.session), after.has_price, after.price,
                     &expected);
  g_assert_cmpint (after.cost, ==, before.cost);
  g_assert_cmpint (after.retail, ==, expected.retail);
  g_assert_cmpint (after.retail, >, before.retail);

  /* A choice, written as mkt-core names it. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (mkt_preferences_window_get_row (f.preferences, "price_ending")),
                              MKT_PRICE_ENDING_99);
  g_assert_cmpint (settings_of (f.session).price_ending, ==, MKT_PRICE_ENDING_99);

  close_preferences (&f);
}

/* The name is written on the row's apply button. */
static void
test_name (MktAppFixture *fixture,
           gconstpointer  data)
{
  Fixture f = { 0 };
  g_autoptr(MktRecord) tenant = NULL;
  GtkWidget *row;

  open_preferences (&f, fixture);
  row = mkt_preferences_window_get_row (f.preferences, "name");
  gtk_editable_set_text (GTK_EDITABLE (row), "Purl & Plain");
  g_signal_emit_by_name (row, "apply");

  tenant = tenant_of (f.session);
  g_assert_cmpstr (mkt_record_get_title (tenant), ==, "Purl & Plain");
  g_assert_true (was_changed (&f, "tenant"));
  g_assert_false (was_changed (&f, "cost"));

  close_preferences (&f);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!mkt_app_test_init (&argc, &argv, &status))
    return status;

  mkt_app_test_add ("/app/preferences/shows-settings", NULL, test_shows_settings);
  mkt_app_test_add ("/app/preferences/bad-value", NULL, test_bad_value);
  mkt_app_test_add ("/app/preferences/reprices", NULL, test_reprices);
  mkt_app_test_add ("/app/preferences/name", NULL, test_name);

  return g_test_run ();
}
