/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-test-utils"

#include "config.h"

#include <stdlib.h>
#ifndef MKT_TEST_STORE_PG
#include <sqlite3.h>
#endif

#include "mkt-test-utils.h"

#ifdef MKT_TEST_STORE_PG
#include "mkt-pg.h"
#include "mkt-pg-store-private.h"
#include "mkt-pg-test-utils.h"
#endif

/* The store behind a test's session: a SQLite file in the test's folder,
 * or (MKT_TEST_STORE_PG) the program's PostgreSQL database; a second
 * connection that reads it as the test's own SQL would (f->path); SQL and
 * injected failures behind the session's back; closing and opening it
 * again. The rest of the fixture: mkt-test-utils.c. */

#ifdef MKT_TEST_STORE_PG

/* One database for the whole program, made (and migrated) by the first
 * fixture and dropped at exit: each test has a tenant of its own in it,
 * which row-level security keeps apart from the others'. */
static MktPgTestDb pg_db;
static gboolean pg_db_made;

/* What mkt_test_fail_inserts() arms: a trigger on every table that refuses
 * an insert into the table that mkt_test.fail_insert names, a setting of
 * the store's own connection (as SQLite's TEMP TRIGGER is the
 * connection's). */
#define FAIL_INSERT_SQL \
  "CREATE FUNCTION mkt_test_fail_insert () RETURNS trigger LANGUAGE plpgsql AS $$\n" \
  "BEGIN\n" \
  "  IF current_setting ('mkt_test.fail_insert', true) = TG_TABLE_NAME THEN\n" \
  "    RAISE EXCEPTION 'injected';\n" \
  "  END IF;\n" \
  "  RETURN NEW;\n" \
  "END\n" \
  "$$;\n" \
  "DO $$\n" \
  "DECLARE\n" \
  "  t record;\n" \
  "BEGIN\n" \
  "  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace\n" \
  "           WHERE n.nspname = current_schema () AND c.relkind IN ('r', 'p') AND NOT c.relispartition\n" \
  "  LOOP\n" \
  "    EXECUTE format ('CREATE TRIGGER mkt_test_fail_insert BEFORE INSERT ON %I '\n" \
  "                    'FOR EACH ROW EXECUTE FUNCTION mkt_test_fail_insert ()', t.relname);\n" \
  "  END LOOP;\n" \
  "END\n" \
  "$$"

static void
drop_pg_db (void)
{
  if (pg_db_made)
    mkt_pg_test_db_teardown (&pg_db, NULL);
  pg_db_made = FALSE;
}

static void
ensure_pg_db (void)
{
  g_autoptr(PGconn) owner = NULL;
  g_autoptr(GError) error = NULL;

  if (pg_db_made)
    return;

  mkt_pg_test_db_setup (&pg_db, NULL);
  pg_db_made = TRUE;
  atexit (drop_pg_db);
  mkt_pg_test_migrate (&pg_db);

  owner = mkt_pg_test_connect (pg_db.owner);
  mkt_pg_exec (owner, FAIL_INSERT_SQL, &error);
  g_assert_no_error (error);
}

#endif

/**
 * mkt_test_open_store:
 * @f: the fixture
 *
 * Opens f->store: on a new file in f->dir, or on the program's database.
 */
void
mkt_test_open_store (MktTestFixture *f)
{
  g_autoptr(GError) error = NULL;

#ifdef MKT_TEST_STORE_PG
  ensure_pg_db ();
  f->store = mkt_pg_store_new (pg_db.app, &error);
#else
  if (f->path == NULL)
    f->path = g_build_filename (f->dir, "market.db", NULL);
  f->store = mkt_sqlite_store_new (f->path, &error);
#endif
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

/**
 * mkt_test_bind_path:
 * @f: the fixture, with its session
 *
 * On PostgreSQL, makes f->path the connection string of the application
 * role bound to the session's tenant, the trash visible: the same SQL then
 * counts the same rows as on the test's own SQLite file.
 */
void
mkt_test_bind_path (MktTestFixture *f)
{
#ifdef MKT_TEST_STORE_PG
  f->path = g_strdup_printf ("%s options='-c app.current_tenant_id=%s -c app.include_deleted=on'",
                             pg_db.app, mkt_session_get_tenant_id (f->session));
  /* What mkt_test_sql_int() reads is the test's tenant and only it. */
  g_assert_cmpint (mkt_test_sql_int (f->path, "SELECT count(*) FROM tenant"), ==, 1);
#endif
}


#ifdef MKT_TEST_STORE_PG

/* On PostgreSQL, @path is the fixture's connection string: the
 * application role, bound to the test's tenant, the trash visible. The
 * same SQL then counts the same rows as on the test's own SQLite file. */
static PGresult *
query_one (const char *path,
           const char *sql)
{
  g_autoptr(PGconn) conn = mkt_pg_test_connect (path);
  g_autoptr(GError) error = NULL;
  PGresult *result = mkt_pg_test_query (conn, sql, &error);

  g_assert_no_error (error);
  if (PQntuples (result) < 1)
    g_error ("“%s” returned no row", sql);

  return result;
}

gint64
mkt_test_sql_int (const char *path,
                  const char *sql)
{
  g_autoptr(PGresult) result = query_one (path, sql);

  return g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
}

char *
mkt_test_sql_text (const char *path,
                   const char *sql)
{
  g_autoptr(PGresult) result = query_one (path, sql);

  return PQgetisnull (result, 0, 0) ? NULL : g_strdup (PQgetvalue (result, 0, 0));
}

void
mkt_test_sql_exec (const char *path,
                   const char *sql)
{
  g_autoptr(PGconn) conn = mkt_pg_test_connect (path);
  g_autoptr(GError) error = NULL;

  mkt_pg_exec (conn, sql, &error);
  g_assert_no_error (error);
}

/* A store that left a transaction open after a failure shows as "idle in
 * transaction" (or aborted) to the server: every other connection of the
 * program's database must be idle. They are all the application role's, so
 * their state is visible ("hidden" would fail the test, not pass it). */
void
mkt_test_assert_no_transaction (const char *path)
{
  g_autofree char *busy = mkt_test_sql_text (path,
                                             "SELECT string_agg (coalesce (state, 'hidden'), ', ') "
                                             "FROM pg_stat_activity "
                                             "WHERE datname = current_database () AND pid <> pg_backend_pid () "
                                             "AND backend_type = 'client backend' "
                                             "AND state IS DISTINCT FROM 'idle'");

  g_assert_cmpstr (busy, ==, NULL);
}

/**
 * mkt_test_store_exec:
 * @f: the fixture
 * @sql: one SQL statement
 * @error: return location for a #MKT_STORE_ERROR
 *
 * Runs @sql behind the session's back on the store's own connection (on
 * PostgreSQL, in the store's transaction for the session's tenant, as the
 * application role).
 *
 * Returns: %TRUE if it ran
 */
gboolean
mkt_test_store_exec (MktTestFixture  *f,
                     const char      *sql,
                     GError         **error)
{
  MktPgStatement statement = {
    .sql = sql,
    .tenant_id = mkt_session_get_tenant_id (f->session),
    .visibility = MKT_PG_WITH_DELETED,
    .write = TRUE,
    .what = "Could not run SQL",
  };
  g_autoptr(PGresult) result = mkt_pg_store_run (f->store, &statement, error);

  return result != NULL;
}

static void
set_failing_table (MktTestFixture *f,
                   const char     *table)
{
  const char *params[] = { table };
  MktPgStatement statement = {
    .sql = "SELECT set_config ('mkt_test.fail_insert', $1, false)",
    .n_params = 1,
    .params = params,
    .tenant_id = mkt_session_get_tenant_id (f->session),
    .visibility = MKT_PG_ANY,
    .what = "Could not inject a failure",
  };
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = mkt_pg_store_run (f->store, &statement, &error);
  g_assert_no_error (error);
}

/**
 * mkt_test_fail_inserts:
 * @f: the fixture
 * @table: a table
 *
 * Makes every insert into @table on the store's connection fail with the
 * message "injected", until mkt_test_stop_failing().
 */
void
mkt_test_fail_inserts (MktTestFixture *f,
                       const char     *table)
{
  set_failing_table (f, table);
}

void
mkt_test_stop_failing (MktTestFixture *f)
{
  set_failing_table (f, "");
}

/* Closes the store (after the session) and opens it again on the same
 * database, as the app does when it starts again. */
void
mkt_test_reopen_store (MktTestFixture *f)
{
  g_assert_null (f->session);
  g_assert_finalize_object (g_steal_pointer (&f->store));
  mkt_test_open_store (f);
}

#else

static sqlite3 *
open_second (const char *path)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    g_error ("Could not open %s: %s", path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));

  return db;
}

static sqlite3_stmt *
step_one (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_error ("Could not prepare “%s”: %s", sql, sqlite3_errmsg (db));

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    g_error ("“%s” returned no row: %s", sql, sqlite3_errmsg (db));

  return stmt;
}

/* The first column of the first row of @sql, read by another connection. */
gint64
mkt_test_sql_int (const char *path,
                  const char *sql)
{
  sqlite3 *db = open_second (path);
  sqlite3_stmt *stmt = step_one (db, sql);
  gint64 value = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

char *
mkt_test_sql_text (const char *path,
                   const char *sql)
{
  sqlite3 *db = open_second (path);
  sqlite3_stmt *stmt = step_one (db, sql);
  char *value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

void
mkt_test_sql_exec (const char *path,
                   const char *sql)
{
  sqlite3 *db = open_second (path);
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("“%s” failed: %s", sql, message);

  sqlite3_close (db);
}

/* A store that left a transaction open after a failure keeps the write lock:
 * another connection then cannot start writing. */
void
mkt_test_assert_no_transaction (const char *path)
{
  sqlite3 *db = open_second (path);
  int rc;

  sqlite3_busy_timeout (db, 0);
  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  g_assert_cmpstr (sqlite3_errstr (rc), ==, sqlite3_errstr (SQLITE_OK));
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/**
 * mkt_test_store_exec:
 * @f: the fixture
 * @sql: SQL statements
 * @error: return location for a #MKT_STORE_ERROR
 *
 * Runs @sql behind the session's back on the store's own connection.
 *
 * Returns: %TRUE if it ran
 */
gboolean
mkt_test_store_exec (MktTestFixture  *f,
                     const char      *sql,
                     GError         **error)
{
  return mkt_sqlite_store_exec (f->store, sql, error);
}

/**
 * mkt_test_fail_inserts:
 * @f: the fixture
 * @table: a table
 *
 * Makes every insert into @table on the store's connection fail with the
 * message "injected", until mkt_test_stop_failing().
 */
void
mkt_test_fail_inserts (MktTestFixture *f,
                       const char     *table)
{
  g_autofree char *trigger = NULL;
  g_autoptr(GError) error = NULL;

  trigger = g_strdup_printf ("CREATE TEMP TRIGGER fail_insert BEFORE INSERT ON \"%s\" "
                             "BEGIN SELECT RAISE (ABORT, 'injected'); END;", table);
  mkt_sqlite_store_exec (f->store, trigger, &error);
  g_assert_no_error (error);
}

void
mkt_test_stop_failing (MktTestFixture *f)
{
  g_autoptr(GError) error = NULL;

  mkt_sqlite_store_exec (f->store, "DROP TRIGGER fail_insert", &error);
  g_assert_no_error (error);
}

/* Closes the store (after the session) and opens it again on the same
 * file, as the app does when it starts again. */
void
mkt_test_reopen_store (MktTestFixture *f)
{
  g_assert_null (f->session);
  g_assert_finalize_object (g_steal_pointer (&f->store));
  mkt_test_open_store (f);
}

#endif
