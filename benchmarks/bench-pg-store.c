/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-pg-store"

#include "config.h"

#include "mkt-pg.h"
#include "mkt-pg-store.h"
#include "mkt-pg-test-utils.h"
#include "mkt-test-utils.h"
#include "mkt-uuid.h"
#include "test-pg-store-utils.h"

/* MktPgStore's write rate against a real PostgreSQL (MKT_PG_URL, a
 * superuser connection, as for the server tests): 2000 materials created
 * through a session one transaction each, the same in one batch, the same
 * batch on the SQLite twin, and plain prepared INSERTs in one transaction.
 * Moved from the pg-store tests, where it was a skipped "perf" test. The
 * migrations run market-server: MKT_SERVER (set by `meson test --benchmark`).
 * Without MKT_PG_URL it exits 77 (skipped). */

#define PERF_ROWS 2000

static void
measure (Fixture *f)
{
  g_autoptr(PGconn) conn = mkt_pg_test_connect (f->db.app);
  const char *set_params[] = { f->tenant_id };
  g_autoptr(PGresult) set = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  double session_s, batch_s, sqlite_s, plain_s;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < PERF_ROWS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Material %u", i);
      g_autoptr(MktRecord) material = mkt_test_create_material (f->session, name, NULL);
    }
  session_s = (g_get_monotonic_time () - start) / 1e6;

  start = g_get_monotonic_time ();
  g_assert_true (mkt_session_begin (f->session, &error));
  for (guint i = 0; i < PERF_ROWS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Batched %u", i);
      g_autoptr(MktRecord) material = mkt_test_create_material (f->session, name, NULL);
    }
  g_assert_true (mkt_session_commit (f->session, &error));
  g_assert_no_error (error);
  batch_s = (g_get_monotonic_time () - start) / 1e6;

  /* For scale: the same batch on the SQLite twin. */
  start = g_get_monotonic_time ();
  g_assert_true (mkt_session_begin (f->twin, &error));
  for (guint i = 0; i < PERF_ROWS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Batched %u", i);
      g_autoptr(MktRecord) material = mkt_test_create_material (f->twin, name, NULL);
    }
  g_assert_true (mkt_session_commit (f->twin, &error));
  g_assert_no_error (error);
  sqlite_s = (g_get_monotonic_time () - start) / 1e6;

  /* A plain INSERT per row, prepared, in one transaction of the tenant. */
  start = g_get_monotonic_time ();
  g_assert_true (mkt_pg_exec (conn, "BEGIN", &error));
  set = mkt_pg_query (conn, "SELECT set_config ('app.current_tenant_id', $1, true)", 1, set_params, &error);
  g_assert_no_error (error);
  g_clear_pointer (&set, PQclear);
  set = PQprepare (conn, "ins",
                   "INSERT INTO material (tenant_id, id, created_at, updated_at, hlc, kind, name, unit)"
                   " VALUES ($1, $2, $3, $3, $4, 'yarn', $5, 'm')", 5, NULL);
  g_assert_cmpint (PQresultStatus (set), ==, PGRES_COMMAND_OK);
  for (guint i = 0; i < PERF_ROWS; i++)
    {
      g_autofree char *id = mkt_uuid_new_v7 ();
      g_autofree char *name = g_strdup_printf ("Plain %u", i);
      const char *params[] = { f->tenant_id, id, "1", "000000000001-0000", name };
      g_autoptr(PGresult) result = PQexecPrepared (conn, "ins", 5, params, NULL, NULL, 0);

      g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
    }
  g_assert_true (mkt_pg_exec (conn, "COMMIT", &error));
  plain_s = (g_get_monotonic_time () - start) / 1e6;

  g_print ("session creates, one transaction each: %.0f rows/s\n", PERF_ROWS / session_s);
  g_print ("session creates in one batch: %.0f rows/s\n", PERF_ROWS / batch_s);
  g_print ("the same batch on SQLite: %.0f rows/s\n", PERF_ROWS / sqlite_s);
  g_print ("plain prepared INSERTs in one transaction: %.0f rows/s (%.1fx the batch)\n",
                           PERF_ROWS / plain_s, batch_s / plain_s);
}

int
main (int    argc,
      char **argv)
{
  const char *url = g_getenv ("MKT_PG_URL");
  Fixture f = { 0 };

  if (url == NULL || *url == '\0')
    {
      g_print ("bench-pg-store: no PostgreSQL: set MKT_PG_URL to a superuser connection "
               "(eval \"$(build-aux/pg-cluster start)\"); skipped\n");
      return 77;
    }

  fixture_setup (&f, NULL);
  measure (&f);
  fixture_teardown (&f, NULL);
  return 0;
}
