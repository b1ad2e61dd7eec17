/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-app"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "mkt-core.h"
#include "mkt-window.h"

/*
 * The desktop app over a large business: 100k materials (each with a
 * purchase in the ledger) and 50k products (each with a two-line recipe).
 *
 * - Time from process start to first frame of the real market-manager
 *   binary, and to the whole inventory loaded, against the same binary on the
 *   demo shop (48 materials) in the same run; the app's peak RSS.
 * - Filter latency per keystroke in the Inventory page, in this process:
 *   from the search text applied to the frame painted with the result;
 *   against a plain loop testing the same text against the same 100k names.
 *
 * Needs a display: `xvfb-run -a meson test -C _build --benchmark app`.
 * MKT_BENCH_MATERIALS and MKT_BENCH_PRODUCTS make a smaller business.
 */

#define N_RUNS 5

static guint n_materials = 100000;
static guint n_products = 50000;

static const char * const fibres[] = { "Merino", "Alpaca", "Cotton", "Silk", "Linen", "Mohair", "Cashmere", "Bamboo" };
static const char * const weights[] = { "Lace", "Fingering", "Sport", "DK", "Worsted", "Aran", "Chunky" };
static const char * const colours[] = { "natural", "forest green", "rust", "indigo", "charcoal", "plum", "mustard", "sky" };
static const char * const things[] = { "Hat", "Scarf", "Cowl", "Mittens", "Socks", "Shawl", "Bear", "Blanket" };

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_error ("%s", error != NULL ? error->message : "failed");
}

static void
set_text (MktSession *session,
          MktRecord  *record,
          const char *field,
          const char *text)
{
  g_autoptr(GError) error = NULL;

  check (mkt_session_set_from_text (session, record, field, text, &error), error);
}

static void
generate (const char *db_path)
{
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GPtrArray) material_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  store = mkt_sqlite_store_new (db_path, &error);
  check (store != NULL, error);
  session = mkt_local_session_new (store, "Bench Yarns", "EUR", NULL, &error);
  check (session != NULL, error);

  check (mkt_session_begin (session, &error), error);
  for (guint i = 0; i < n_materials; i++)
    {
      g_autoptr(MktRecord) material = mkt_record_new (&mkt_material_spec);
      g_autoptr(MktRecord) purchase = NULL;
      g_autofree char *name = NULL;
      g_autofree char *sku = NULL;

      name = g_strdup_printf ("%s %s %u",
                              fibres[g_rand_int_range (rand, 0, G_N_ELEMENTS (fibres))],
                              weights[g_rand_int_range (rand, 0, G_N_ELEMENTS (weights))], i);
      sku = g_strdup_printf ("M-%06u", i);
      set_text (session, material, "kind", "yarn");
      set_text (session, material, "name", name);
      set_text (session, material, "sku", sku);
      set_text (session, material, "colour", colours[g_rand_int_range (rand, 0, G_N_ELEMENTS (colours))]);
      set_text (session, material, "unit", "yd");
      set_text (session, material, "reorder_level", "100");
      check (mkt_session_create (session, material, &error), error);

      purchase = mkt_stock_purchase (session, material, MKT_QUANTITY_FROM_INT (g_rand_int_range (rand, 50, 2000)),
                                     "yd", g_rand_int_range (rand, 100, 5000), NULL, &error);
      check (purchase != NULL, error);
      g_ptr_array_add (material_ids, g_strdup (mkt_record_get_id (material)));
    }
  check (mkt_session_commit (session, &error), error);

  check (mkt_session_begin (session, &error), error);
  for (guint i = 0; i < n_products; i++)
    {
      g_autoptr(MktRecord) product = mkt_record_new (&mkt_product_spec);
      g_autofree char *name = NULL;
      g_autofree char *sku = NULL;

      name = g_strdup_printf ("%s %s %u",
                              weights[g_rand_int_range (rand, 0, G_N_ELEMENTS (weights))],
                              things[g_rand_int_range (rand, 0, G_N_ELEMENTS (things))], i);
      sku = g_strdup_printf ("P-%06u", i);
      set_text (session, product, "name", name);
      set_text (session, product, "sku", sku);
      set_text (session, product, "labour_minutes", "45");
      check (mkt_session_create (session, product, &error), error);

      for (guint j = 0; j < 2; j++)
        {
          g_autoptr(MktRecord) part = mkt_record_new (&mkt_part_spec);

          mkt_record_set_string (part, "product_id", mkt_record_get_id (product));
          mkt_record_set_string (part, "material_id",
                                 g_ptr_array_index (material_ids, g_rand_int_range (rand, 0, material_ids->len)));
          set_text (session, part, "quantity", "120");
          set_text (session, part, "unit", "yd");
          check (mkt_session_create (session, part, &error), error);
        }
    }
  check (mkt_session_commit (session, &error), error);

  g_print ("generated %u materials (with purchases) and %u products (two parts each) in %.1f s\n",
           n_materials, n_products, (g_get_monotonic_time () - start) / 1e6);
}

typedef struct
{
  double first_frame;
  double loaded;
  long   rss_kb;
  long   rss_now_kb;
} StartTimes;

/* Starts the real binary on @db_path and reads its reports: the time from
 * just before the spawn to each line arriving. */
static StartTimes
time_start (const char *app,
            const char *db_path)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  StartTimes times = { 0 };
  gint64 start;
  char *line;

  g_subprocess_launcher_setenv (launcher, "MKT_DB", db_path, TRUE);
  g_subprocess_launcher_setenv (launcher, "MKT_REPORT_TIMING", "1", TRUE);
  /* Not one instance with another running app: its own, every time. */
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, &error, app, NULL);
  check (process != NULL, error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
    {
      double seconds = (g_get_monotonic_time () - start) / 1e6;

      if (g_str_equal (line, "first-frame") && times.first_frame == 0)
        times.first_frame = seconds;
      else if (g_str_has_prefix (line, "loaded rss-peak-kb="))
        {
          times.loaded = seconds;
          sscanf (line, "loaded rss-peak-kb=%ld rss-kb=%ld", &times.rss_kb, &times.rss_now_kb);
        }
      g_free (line);
    }
  check (error == NULL, error);
  check (g_subprocess_wait_check (process, NULL, &error), error);
  if (times.first_frame == 0 || times.loaded == 0)
    g_error ("%s did not report its first frame and its load", app);

  return times;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);

  return values[n / 2];
}

static void
bench_start (const char *app,
             const char *big_db,
             const char *demo_db)
{
  double big_first[N_RUNS], big_loaded[N_RUNS], demo_first[N_RUNS], demo_loaded[N_RUNS];
  double big_first_median, big_loaded_median, demo_first_median;
  long rss_kb = 0;
  long rss_now_kb = 0;
  long demo_rss_kb = 0;

  /* The first start of the demo makes its database. */
  time_start (app, demo_db);

  for (guint i = 0; i < N_RUNS; i++)
    {
      StartTimes big = time_start (app, big_db);
      StartTimes demo = time_start (app, demo_db);

      big_first[i] = big.first_frame;
      big_loaded[i] = big.loaded;
      demo_first[i] = demo.first_frame;
      demo_loaded[i] = demo.loaded;
      rss_kb = MAX (rss_kb, big.rss_kb);
      rss_now_kb = MAX (rss_now_kb, big.rss_now_kb);
      demo_rss_kb = MAX (demo_rss_kb, demo.rss_kb);
    }

  big_first_median = median (big_first, N_RUNS);
  big_loaded_median = median (big_loaded, N_RUNS);
  demo_first_median = median (demo_first, N_RUNS);
  g_print ("first frame:  %u materials median %.3f s (min %.3f, max %.3f), demo shop %.3f s; ratio %.2f "
           "(target <= 1 s)\n",
           n_materials, big_first_median, big_first[0], big_first[N_RUNS - 1], demo_first_median,
           big_first_median / demo_first_median);
  g_print ("all loaded:   %u materials median %.3f s (min %.3f, max %.3f), demo shop %.3f s\n",
           n_materials, big_loaded_median, big_loaded[0], big_loaded[N_RUNS - 1], median (demo_loaded, N_RUNS));
  g_print ("app RSS: peak %ld MB (target <= 300 MB), %ld MB once loaded; demo shop peak %ld MB\n",
           rss_kb / 1024, rss_now_kb / 1024, demo_rss_kb / 1024);
}

/* A line of /proc/self/status, in kB. */
static long
status_kb (const char *key)
{
  g_autofree char *status = NULL;
  g_autofree char *prefix = g_strconcat ("\n", key, ":", NULL);
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, prefix)) == NULL)
    return 0;

  return strtol (line + strlen (prefix), NULL, 10);
}

static gboolean
window_ready (MktWindow *window)
{
  return mkt_window_get_ready (window);
}

static void
spin_until (gboolean (*condition) (MktWindow *window),
            MktWindow *window)
{
  while (!condition (window))
    g_main_context_iteration (NULL, TRUE);
}

static void
painted_cb (GdkFrameClock *frame_clock,
            gpointer       user_data)
{
  gboolean *painted = user_data;

  *painted = TRUE;
}

/* From the search text applied to the frame that shows its rows. */
static double
time_keystroke (MktWindow  *window,
                const char *text,
                double     *out_filter_ms)
{
  MktInventoryView *view = mkt_window_get_inventory_view (window);
  GtkEditable *entry = mkt_inventory_view_get_search_entry (view);
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean painted = FALSE;
  const char *old_text;
  gsize common;
  gulong handler;
  gint64 start;

  handler = g_signal_connect (frame_clock, "after-paint", G_CALLBACK (painted_cb), &painted);

  /* Type it as a person would: delete back to what the two texts share,
   * then type the rest (replacing the whole text would first empty the
   * entry, which applies at once, and then fill it). */
  old_text = gtk_editable_get_text (entry);
  for (common = 0; old_text[common] != '\0' && old_text[common] == text[common]; common++)
    ;

  start = g_get_monotonic_time ();
  if (old_text[common] != '\0')
    gtk_editable_delete_text (entry, (int) g_utf8_pointer_to_offset (old_text, old_text + common), -1);
  if (text[common] != '\0')
    {
      int position = (int) g_utf8_strlen (text, common);

      gtk_editable_insert_text (entry, text + common, -1, &position);
    }
  /* Apply it now rather than after the entry's typing pause, which is a
   * wait on purpose, not work. */
  g_signal_emit_by_name (entry, "search-changed");
  *out_filter_ms = (g_get_monotonic_time () - start) / 1e3;
  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (!painted)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handler_disconnect (frame_clock, handler);

  return (g_get_monotonic_time () - start) / 1e3;
}

static void
bench_filter (const char *big_db)
{
  static const char * const typed[] = {
    "m", "me", "mer", "meri", "merin", "merino", "merino d", "merino dk",
    "merino d", "merino", "meri", "", "r", "ru", "rus", "rust", "", "zzz", "",
  };
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  double latencies[G_N_ELEMENTS (typed)];
  double worst = 0, loop_ms;
  MktWindow *window;
  GListModel *model;
  guint matches = 0;
  gint64 start;

  g_setenv ("MKT_DB", big_db, TRUE);
  window = mkt_window_new (NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  spin_until (window_ready, window);

  /* $MKT_BENCH_REPEAT types it all again first, for a profiler. */
  for (int repeat = g_getenv ("MKT_BENCH_REPEAT") ? atoi (g_getenv ("MKT_BENCH_REPEAT")) : 0; repeat > 0; repeat--)
    for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
      {
        double filter_ms;

        time_keystroke (window, typed[i], &filter_ms);
      }

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      double filter_ms;

      latencies[i] = time_keystroke (window, typed[i], &filter_ms);
      g_print ("  keystroke \"%s\": %.1f ms to the frame, %.1f ms of it filtering (%u rows shown)\n",
               typed[i], latencies[i], filter_ms,
               g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (
                 mkt_inventory_view_get_column_view (mkt_window_get_inventory_view (window))))));
      worst = MAX (worst, latencies[i]);
    }

  /* The baseline: the same test of every name, in a plain loop. */
  model = mkt_inventory_view_get_model (mkt_window_get_inventory_view (window));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MktMaterialItem) item = g_list_model_get_item (model, i);

      g_ptr_array_add (names, g_utf8_casefold (mkt_material_item_get_name (item), -1));
    }
  start = g_get_monotonic_time ();
  for (guint i = 0; i < names->len; i++)
    matches += strstr (g_ptr_array_index (names, i), "merino") != NULL;
  loop_ms = (g_get_monotonic_time () - start) / 1e3;


  g_print ("filter per keystroke over %u rows: median %.1f ms, worst %.1f ms (target <= 50 ms); "
           "plain strstr loop over the names %.2f ms (%u matches); ratio median/loop %.0f\n",
           names->len, median (latencies, G_N_ELEMENTS (typed)), worst, loop_ms, matches,
           median (latencies, G_N_ELEMENTS (typed)) / MAX (loop_ms, 0.01));
  g_print ("this process with the window open: RSS %ld MB\n", status_kb ("VmRSS") / 1024);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *big_db = NULL;
  g_autofree char *demo_db = NULL;
  g_autoptr(GError) error = NULL;
  const char *app = g_getenv ("MKT_APP");
  const char *env;

  if (!gtk_init_check ())
    {
      g_printerr ("bench-app needs a display: run it under xvfb-run\n");
      return 77;
    }
  adw_init ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  if ((env = g_getenv ("MKT_BENCH_MATERIALS")) != NULL)
    n_materials = atoi (env);
  if ((env = g_getenv ("MKT_BENCH_PRODUCTS")) != NULL)
    n_products = atoi (env);
  if (app == NULL)
    g_error ("MKT_APP must name the market-manager binary");

  dir = g_dir_make_tmp ("bench-app-XXXXXX", &error);
  check (dir != NULL, error);
  demo_db = g_build_filename (dir, "demo.db", NULL);
  /* $MKT_BENCH_DB keeps the generated business between runs. */
  if ((env = g_getenv ("MKT_BENCH_DB")) != NULL)
    big_db = g_strdup (env);
  else
    big_db = g_build_filename (dir, "big.db", NULL);
  if (!g_file_test (big_db, G_FILE_TEST_EXISTS))
    generate (big_db);
  /* $MKT_BENCH_ONLY=start or =filter runs one half, for profiling. */
  if (g_strcmp0 (g_getenv ("MKT_BENCH_ONLY"), "filter") != 0)
    bench_start (app, big_db, demo_db);
  if (g_strcmp0 (g_getenv ("MKT_BENCH_ONLY"), "start") != 0)
    bench_filter (big_db);

  for (const char *const *suffix = (const char *const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *big = g_strconcat (big_db, *suffix, NULL);
      g_autofree char *demo = g_strconcat (demo_db, *suffix, NULL);

      if (g_getenv ("MKT_BENCH_DB") == NULL)
        g_remove (big);
      g_remove (demo);
    }
  g_rmdir (dir);

  return 0;
}
