/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-csv"

#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>

#include "mkt-core.h"

/* Imports a generated CSV file of N materials through the real importer
 * (parsing, mapping, validation, audit row and outbox change per row, one
 * batch), and in the same run the same file with the sqlite3 shell's
 * `.import` into a bare table, and the same rows made with
 * mkt_session_create() without any CSV. Prints the rates and ratios. */

#define DEFAULT_N 100000

static const char * const kinds[] = { "yarn", "fabric", "bead", "notion", "packaging" };
static const char * const colours[] = { "Natural", "Rust", "Teal", "Mustard", "Heather", "Moss", "Berry" };

static const char header[] =
  "kind,name,brand,sku,colour,unit,purchase_unit,purchase_size,purchase_price,reorder_level,supplier,notes\n";

static void
write_csv (const char *path,
           guint       n)
{
  g_autoptr(GString) csv = g_string_sized_new (n * 128);
  g_autoptr(GError) error = NULL;

  g_string_append (csv, header);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "%s,Material %u,Hillside Mill,SKU-%07u,%s,m,ball,170,%u.%02u,340,"
                            "\"CraftSupply Co.\",%s\n",
                            kinds[i % G_N_ELEMENTS (kinds)], i, i, colours[i % G_N_ELEMENTS (colours)],
                            3 + i % 10, i % 100, i % 10 == 0 ? "\"Soft, \"\"squishy\"\"\nand warm\"" : "");

  if (!g_file_set_contents (path, csv->str, csv->len, &error))
    g_error ("%s", error->message);
  g_print ("generated %u rows, %.1f MB\n", n, csv->len / 1e6);
}

static MktSession *
open_session (const char      *path,
              MktSqliteStore **out_store)
{
  g_autoptr(GError) error = NULL;
  MktSession *session;

  *out_store = mkt_sqlite_store_new (path, &error);
  g_assert_no_error (error);
  session = mkt_local_session_new (*out_store, "Benchmark", "EUR", NULL, &error);
  g_assert_no_error (error);

  return session;
}

static gint64
count_rows (const char *path,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

/* The sqlite3 shell reads the file into a table it makes from the header
 * (text columns, no keys, no indexes), in one transaction, with the same
 * journal settings as the store. */
static double
run_sqlite3 (const char *dir,
             const char *csv_path,
             guint       n)
{
  g_autofree char *db = g_build_filename (dir, "bare.db", NULL);
  g_autofree char *import = g_strdup_printf (".import --csv '%s' bare_material", csv_path);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "sqlite3", "-cmd", "PRAGMA journal_mode = WAL", "-cmd", "PRAGMA synchronous = NORMAL",
                         db, import, NULL };
  int status;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    g_error ("could not run sqlite3 (Debian package sqlite3): %s", error->message);
  seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("sqlite3 .import failed: %s %s", error->message, err);

  g_assert_cmpint (count_rows (db, "bare_material"), ==, n);
  return seconds;
}

static double
run_importer (const char *dir,
              const char *csv_path,
              guint       n)
{
  g_autofree char *db = g_build_filename (dir, "import.db", NULL);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = open_session (db, &store);
  g_autoptr(MktCsvMapping) mapping = mkt_csv_mapping_new (&mkt_material_spec, MKT_CSV_FORMAT_GENERIC, NULL);
  g_autoptr(MktCsvImporter) importer = mkt_csv_importer_new (session, mapping);
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  const MktCsvImportReport *report;
  gint64 audit_before = count_rows (db, "audit_log");
  gint64 changes_before = count_rows (db, "change");
  gint64 start = g_get_monotonic_time ();
  double seconds;

  input = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  if (!mkt_csv_importer_run (importer, G_INPUT_STREAM (input), NULL, &error))
    g_error ("import failed: %s", error->message);
  seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;

  report = mkt_csv_importer_get_report (importer);
  g_assert_cmpuint (report->created, ==, n);
  g_clear_object (&importer);
  g_clear_object (&session);
  g_clear_object (&store);
  g_assert_cmpint (count_rows (db, "material"), ==, n);
  g_assert_cmpint (count_rows (db, "audit_log") - audit_before, ==, n);
  g_assert_cmpint (count_rows (db, "change") - changes_before, ==, n);

  return seconds;
}

/* The same rows through mkt_session_create(), set field by field from
 * values at hand: what the importer costs beyond the session's own work. */
static double
run_session (const char *dir,
             guint       n)
{
  g_autofree char *db = g_build_filename (dir, "session.db", NULL);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = open_session (db, &store);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!mkt_session_begin (session, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MktRecord) material = mkt_record_new (&mkt_material_spec);
      g_autofree char *name = g_strdup_printf ("Material %u", i);
      g_autofree char *sku = g_strdup_printf ("SKU-%07u", i);

      mkt_record_set_string (material, "kind", kinds[i % G_N_ELEMENTS (kinds)]);
      mkt_record_set_string (material, "name", name);
      mkt_record_set_string (material, "brand", "Hillside Mill");
      mkt_record_set_string (material, "sku", sku);
      mkt_record_set_string (material, "colour", colours[i % G_N_ELEMENTS (colours)]);
      mkt_record_set_string (material, "unit", "m");
      mkt_record_set_string (material, "purchase_unit", "ball");
      mkt_record_set_int (material, "purchase_size", 170 * MKT_QUANTITY_SCALE);
      mkt_record_set_int (material, "purchase_price", (3 + i % 10) * 100 + i % 100);
      mkt_record_set_int (material, "reorder_level", 340 * MKT_QUANTITY_SCALE);
      mkt_record_set_string (material, "supplier", "CraftSupply Co.");
      if (i % 10 == 0)
        mkt_record_set_string (material, "notes", "Soft, \"squishy\"\nand warm");
      if (!mkt_session_create (session, material, &error))
        g_error ("%s", error->message);
    }
  if (!mkt_session_commit (session, &error))
    g_error ("%s", error->message);

  return (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *command = NULL;
  guint n = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : DEFAULT_N;
  double sqlite3_s, import_s, session_s;
  struct rusage usage;

  dir = g_dir_make_tmp ("bench-csv-XXXXXX", &error);
  g_assert_no_error (error);
  csv_path = g_build_filename (dir, "materials.csv", NULL);
  write_csv (csv_path, n);

  sqlite3_s = run_sqlite3 (dir, csv_path, n);
  import_s = run_importer (dir, csv_path, n);
  session_s = run_session (dir, n);

  getrusage (RUSAGE_SELF, &usage);

  g_print ("sqlite3 .import into a bare table:                     %u in %.3f s = %.0f rows/s\n",
           n, sqlite3_s, n / sqlite3_s);
  g_print ("CSV import (validation, audit, outbox, one batch):      %u in %.3f s = %.0f rows/s\n",
           n, import_s, n / import_s);
  g_print ("mkt_session_create of the same rows, no CSV:            %u in %.3f s = %.0f rows/s\n",
           n, session_s, n / session_s);
  g_print ("ratio import/sqlite3: %.3f (target >= 0.3)\n", sqlite3_s / import_s);
  g_print ("ratio import/session creates: %.3f (what reading, mapping and checking the file cost)\n",
           session_s / import_s);
  g_print ("peak RSS: %ld MB\n", usage.ru_maxrss / 1024);

  if (g_getenv ("MKT_BENCH_KEEP") != NULL)
    {
      g_print ("kept %s\n", dir);
      return 0;
    }
  command = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (command) != 0)
    g_printerr ("could not remove %s\n", dir);

  return 0;
}
