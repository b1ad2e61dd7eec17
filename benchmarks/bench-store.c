/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include "mkt-core.h"

/* Inserts N materials through the store, each with its validation, audit row
 * and outbox change, and in the same run N plain rows into a bare copy of the
 * material table (same columns, keys and indexes) with one prepared statement
 * in one transaction. Prints both rates and their ratio. */

#define DEFAULT_N 100000

static const char * const kinds[] = { "yarn", "fabric", "bead", "notion", "packaging" };
static const char * const colours[] = { "Natural", "Rust", "Teal", "Mustard", "Heather", "Moss", "Berry" };

static gboolean
fill_material (MktSession  *session,
               MktRecord   *material,
               guint        i,
               GError     **error)
{
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
  mkt_record_set_int (material, "purchase_price", 320 + i % 1000);
  mkt_record_set_int (material, "reorder_level", 340 * MKT_QUANTITY_SCALE);
  mkt_record_set_string (material, "supplier", "CraftSupply Co.");
  return TRUE;
}

static double
run_store (MktSqliteStore *store,
           MktSession     *session,
           guint           n)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!mkt_session_begin (session, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MktRecord) material = mkt_record_new (&mkt_material_spec);

      fill_material (session, material, i, NULL);
      if (!mkt_session_create (session, material, &error))
        g_error ("%s", error->message);
    }

  g_print ("store: inserts %.3f s, ", (g_get_monotonic_time () - start) / 1e6);
  if (!mkt_session_commit (session, &error))
    g_error ("%s", error->message);
  g_print ("with the commit and checkpoint %.3f s\n", (g_get_monotonic_time () - start) / 1e6);

  return (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
}

static double
run_bare (const char *path,
          const char *tenant_id,
          guint       n)
{
  sqlite3 *db;
  sqlite3_stmt *create, *stmt;
  g_autofree char *ddl = NULL;
  gint64 start;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* The same settings as MktSqliteStore's connection. */
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
                "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768;",
                NULL, NULL, NULL);

  /* The bare table is the material table's own DDL and indexes, renamed. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT replace(sql, '\"material\"', '\"bare_material\"') "
                                       "FROM sqlite_schema WHERE tbl_name = 'material' AND sql IS NOT NULL",
                                       -1, &create, NULL), ==, SQLITE_OK);
  while (sqlite3_step (create) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup ((const char *)sqlite3_column_text (create, 0));
      char *p;

      /* Index names must differ too. */
      while ((p = strstr (sql, "\"material_")) != NULL)
        memcpy (p + 1, "bmterial_", 9);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  sqlite3_finalize (create);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO bare_material (tenant_id, id, created_at, updated_at, deleted_at, hlc,"
                                       " kind, name, brand, sku, colour, unit, purchase_unit, purchase_size,"
                                       " purchase_price, reorder_level, supplier)"
                                       " VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = mkt_uuid_new_v7 ();
      g_autofree char *name = g_strdup_printf ("Material %u", i);
      g_autofree char *sku = g_strdup_printf ("SKU-%07u", i);
      gint64 now = g_get_real_time ();

      sqlite3_bind_text (stmt, 1, tenant_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_int64 (stmt, 4, now);
      sqlite3_bind_text (stmt, 5, "0192f0c2a1b3-0000", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, kinds[i % G_N_ELEMENTS (kinds)], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, "Hillside Mill", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, sku, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, colours[i % G_N_ELEMENTS (colours)], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 11, "m", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 12, "ball", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 13, 170 * MKT_QUANTITY_SCALE);
      sqlite3_bind_int64 (stmt, 14, 320 + i % 1000);
      sqlite3_bind_int64 (stmt, 15, 340 * MKT_QUANTITY_SCALE);
      sqlite3_bind_text (stmt, 16, "CraftSupply Co.", -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("bare insert: %s", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
    }
  g_print ("bare:  inserts %.3f s, ", (g_get_monotonic_time () - start) / 1e6);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  g_print ("with the commit and checkpoint %.3f s\n", (g_get_monotonic_time () - start) / 1e6);

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;
  guint n = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : DEFAULT_N;
  double store_s, bare_s;
  struct rusage usage;

  dir = g_dir_make_tmp ("bench-store-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);

  store = mkt_sqlite_store_new (path, &error);
  g_assert_no_error (error);
  session = mkt_local_session_new (store, "Benchmark", "EUR", NULL, &error);
  g_assert_no_error (error);

  bare_s = run_bare (path, mkt_session_get_tenant_id (session), n);
  store_s = run_store (store, session, n);

  getrusage (RUSAGE_SELF, &usage);

  g_print ("materials through the store (with audit and outbox rows): %u in %.3f s = %.0f rows/s\n",
           n, store_s, n / store_s);
  g_print ("bare SQLite inserts into an equivalent table:             %u in %.3f s = %.0f rows/s\n",
           n, bare_s, n / bare_s);
  g_print ("ratio store/bare: %.3f (target >= 0.3)\n", bare_s / store_s);
  g_print ("peak RSS: %ld MB\n", usage.ru_maxrss / 1024);

  g_clear_object (&session);
  g_clear_object (&store);
  if (g_getenv ("MKT_BENCH_KEEP") != NULL)
    {
      g_print ("kept %s\n", path);
      return 0;
    }
  command = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (command) != 0)
    g_printerr ("could not remove %s\n", dir);

  return 0;
}
