/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server"

#include "config.h"

#include <gio/gio.h>

#include "mkt-pg.h"
#include "mkt-pg-test-utils.h"

/* The server's tests talk to a real PostgreSQL: MKT_PG_URL names a
 * superuser connection (build-aux/test starts a throwaway cluster and sets
 * it). Each test makes a database of its own, so tests run in parallel. */

void
mkt_pg_test_run_clear (MktPgTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/**
 * mkt_pg_test_init:
 * @argc: (inout): the test's arguments
 * @argv: (inout): the test's arguments
 * @out_status: (out): the exit status when the tests are not run
 *
 * Starts GLib's test framework when a PostgreSQL is there. Without one the
 * tests are skipped, as `meson test` on a machine without PostgreSQL would;
 * where one is promised (MKT_REQUIRE_PG, set by build-aux/test, which starts
 * a cluster) its absence is a failure, never a quiet skip.
 *
 * Returns: %TRUE to add and run the tests
 */
gboolean
mkt_pg_test_init (int    *argc,
                  char ***argv,
                  int    *out_status)
{
  const char *url = g_getenv ("MKT_PG_URL");

  if (url == NULL || *url == '\0')
    {
      if (g_getenv ("MKT_REQUIRE_PG") != NULL)
        {
          g_print ("Bail out! no PostgreSQL (MKT_PG_URL is unset), though MKT_REQUIRE_PG is set\n");
          *out_status = 1;
        }
      else
        {
          g_print ("1..0 # SKIP no PostgreSQL (set MKT_PG_URL, or run build-aux/test)\n");
          *out_status = 0;
        }
      return FALSE;
    }

  g_test_init (argc, argv, NULL);
  return TRUE;
}

static void
append_conninfo_value (GString    *info,
                       const char *keyword,
                       const char *value)
{
  g_string_append_printf (info, "%s%s='", info->len > 0 ? " " : "", keyword);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (info, '\\');
      g_string_append_c (info, *p);
    }
  g_string_append_c (info, '\'');
}

/**
 * mkt_pg_test_conninfo:
 * @base: a connection string (URL or key=value)
 * @user: (nullable): the role to connect as instead
 * @dbname: (nullable): the database to connect to instead
 *
 * Returns: (transfer full): @base's connection with another user or
 *   database, as key=value pairs
 */
char *
mkt_pg_test_conninfo (const char *base,
                      const char *user,
                      const char *dbname)
{
  PQconninfoOption *options;
  char *parse_error = NULL;
  GString *info = g_string_new (NULL);

  options = PQconninfoParse (base, &parse_error);
  if (options == NULL)
    g_error ("MKT_PG_URL does not parse: %s", parse_error != NULL ? parse_error : "out of memory");

  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      const char *value = o->val;

      if (g_str_equal (o->keyword, "user") && user != NULL)
        value = user;
      else if (g_str_equal (o->keyword, "dbname") && dbname != NULL)
        value = dbname;
      if (value != NULL)
        append_conninfo_value (info, o->keyword, value);
    }

  PQconninfoFree (options);
  return g_string_free (info, FALSE);
}

/**
 * mkt_pg_test_connect:
 * @conninfo: a connection string
 *
 * Returns: (transfer full): an open connection; the test fails otherwise
 */
PGconn *
mkt_pg_test_connect (const char *conninfo)
{
  g_autoptr(GError) error = NULL;
  PGconn *conn = mkt_pg_connect (conninfo, &error);

  g_assert_no_error (error);
  return conn;
}

/**
 * mkt_pg_test_query:
 * @conn: a connection
 * @sql: statements without parameters
 * @error: return location for a %MKT_PG_ERROR
 *
 * Returns: (transfer full) (nullable): the last statement's result
 */
PGresult *
mkt_pg_test_query (PGconn      *conn,
                   const char  *sql,
                   GError     **error)
{
  return mkt_pg_query (conn, sql, 0, NULL, error);
}

/**
 * mkt_pg_test_query_value:
 * @conn: a connection
 * @sql: a query of one row and column
 *
 * Returns: (transfer full): its value as text; the test fails if the query
 *   does
 */
char *
mkt_pg_test_query_value (PGconn     *conn,
                         const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) result = mkt_pg_query (conn, sql, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (PQntuples (result), ==, 1);
  return g_strdup (PQgetvalue (result, 0, 0));
}

static void
exec_admin (PGconn     *conn,
            const char *sql)
{
  g_autoptr(GError) error = NULL;

  mkt_pg_exec (conn, sql, &error);
  g_assert_no_error (error);
}

void
mkt_pg_test_db_setup (MktPgTestDb   *db,
                      gconstpointer  data)
{
  g_autoptr(PGconn) admin = NULL;
  g_autofree char *create = NULL;

  db->admin = g_strdup (g_getenv ("MKT_PG_URL"));
  db->name = g_strdup_printf ("mkt_test_%08x%08x", g_random_int (), g_random_int ());
  db->owner = mkt_pg_test_conninfo (db->admin, MKT_PG_TEST_OWNER, db->name);
  db->app = mkt_pg_test_conninfo (db->admin, "market_app", db->name);

  admin = mkt_pg_test_connect (db->admin);
  /* Roles belong to the cluster: a test running beside this one may be
   * making the same role right now. */
  exec_admin (admin,
              "DO $$\n"
              "BEGIN\n"
              "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" MKT_PG_TEST_OWNER "') THEN\n"
              "    CREATE ROLE " MKT_PG_TEST_OWNER " LOGIN NOSUPERUSER NOBYPASSRLS CREATEROLE;\n"
              "  END IF;\n"
              "EXCEPTION WHEN duplicate_object OR unique_violation THEN\n"
              "  NULL;\n"
              "END\n"
              "$$");
  create = g_strdup_printf ("CREATE DATABASE %s OWNER " MKT_PG_TEST_OWNER, db->name);
  exec_admin (admin, create);
}

void
mkt_pg_test_db_teardown (MktPgTestDb   *db,
                         gconstpointer  data)
{
  g_autoptr(PGconn) admin = mkt_pg_test_connect (db->admin);
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", db->name);

  exec_admin (admin, drop);

  g_clear_pointer (&db->name, g_free);
  g_clear_pointer (&db->admin, g_free);
  g_clear_pointer (&db->owner, g_free);
  g_clear_pointer (&db->app, g_free);
}

/**
 * mkt_pg_test_run_server:
 * @database_url: (nullable): DATABASE_URL for the run, or %NULL to run
 *   without one
 * @first: the first argument after the program's name
 * @...: more arguments, then %NULL
 *
 * Runs the built market-server (MKT_SERVER).
 *
 * Returns: how it ended and what it printed
 */
MktPgTestRun
mkt_pg_test_run_server (const char *database_url,
                        const char *first,
                        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  MktPgTestRun run = { 0 };
  const char *server = g_getenv ("MKT_SERVER");
  va_list args;

  g_assert_nonnull (server);

  g_ptr_array_add (argv, (gpointer) server);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (database_url != NULL)
    g_subprocess_launcher_setenv (launcher, "DATABASE_URL", database_url, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "DATABASE_URL");

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run.out, &run.err, &error);
  g_assert_no_error (error);
  run.status = g_subprocess_get_exit_status (process);

  return run;
}

/**
 * mkt_pg_test_migrate:
 * @db: the test's database
 *
 * Runs `market-server migrate` on @db as its owner; the test fails unless
 * it succeeds.
 */
void
mkt_pg_test_migrate (MktPgTestDb *db)
{
  g_auto(MktPgTestRun) run = mkt_pg_test_run_server (db->owner, "migrate", NULL);

  if (run.status != 0)
    g_printerr ("%s", run.err);
  g_assert_cmpint (run.status, ==, 0);
}
