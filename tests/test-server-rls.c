/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server"

#include "config.h"

#include <string.h>

#include "mkt-pg.h"
#include "mkt-pg-schema.h"
#include "mkt-pg-test-utils.h"
#include "mkt-schema.h"

/* market-server migrate against a real PostgreSQL, and what its schema
 * promises: the application role sees and writes only the tenant its
 * transaction names, and nothing at all without one. */

#define TENANT_A 'a'
#define TENANT_B 'b'

/* The rows each tenant gets; ids are "<tenant>0000000-0000-7000-8000-00000000000N". */
enum {
  ROW_TENANT = 0,
  ROW_CATEGORY = 1,
  ROW_TRASHED_CATEGORY = 2,
  ROW_MATERIAL = 3,
  ROW_MOVEMENT = 4,
  ROW_AUDIT = 5,
};

static char *
row_id (char tenant,
        int  row)
{
  return g_strdup_printf ("%c0000000-0000-7000-8000-%012d", tenant, row);
}

/* Runs @sql in a transaction of @tenant (none when 0), with the trash
 * visible when @include_deleted. Returns the number of rows it touched or
 * returned, or -1 with @error set (and the transaction rolled back). */
static int
run_in_tenant (PGconn      *conn,
               char         tenant,
               gboolean     include_deleted,
               const char  *sql,
               GError     **error)
{
  g_autofree char *tenant_id = tenant != 0 ? row_id (tenant, ROW_TENANT) : NULL;
  const char *params[] = { tenant_id };
  g_autoptr(PGresult) set = NULL;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  int n;

  g_assert_true (mkt_pg_exec (conn, "BEGIN", NULL));
  if (tenant != 0)
    {
      set = mkt_pg_query (conn, "SELECT set_config ('app.current_tenant_id', $1, true)", 1, params, NULL);
      g_assert_nonnull (set);
    }
  if (include_deleted)
    g_assert_true (mkt_pg_exec (conn, "SELECT set_config ('app.include_deleted', 'on', true)", NULL));

  result = mkt_pg_query (conn, sql, 0, NULL, &local_error);
  if (result == NULL)
    {
      g_assert_true (mkt_pg_exec (conn, "ROLLBACK", NULL));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }

  n = PQresultStatus (result) == PGRES_TUPLES_OK ? PQntuples (result) : atoi (PQcmdTuples (result));
  g_assert_true (mkt_pg_exec (conn, "COMMIT", NULL));
  return n;
}

static int
count_in_tenant (PGconn     *conn,
                 char        tenant,
                 gboolean    include_deleted,
                 const char *sql)
{
  g_autoptr(GError) error = NULL;
  int n = run_in_tenant (conn, tenant, include_deleted, sql, &error);

  g_assert_no_error (error);
  return n;
}

static void
assert_refused (PGconn     *conn,
                char        tenant,
                const char *sql,
                const char *sqlstate)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_in_tenant (conn, tenant, FALSE, sql, &error), ==, -1);
  g_assert_error (error, MKT_PG_ERROR, MKT_PG_ERROR_QUERY);
  g_assert_cmpstr (mkt_pg_error_get_sqlstate (error), ==, sqlstate);
}

/* What one tenant holds, written by the owner (held to the policies too:
 * it sets the tenant like anyone). */
static void
seed_tenant (PGconn *owner,
             char    t)
{
  g_autofree char *tenant = row_id (t, ROW_TENANT);
  g_autofree char *category = row_id (t, ROW_CATEGORY);
  g_autofree char *trashed = row_id (t, ROW_TRASHED_CATEGORY);
  g_autofree char *material = row_id (t, ROW_MATERIAL);
  g_autofree char *movement = row_id (t, ROW_MOVEMENT);
  g_autofree char *audit = row_id (t, ROW_AUDIT);
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO tenant (tenant_id, id, created_at, updated_at, hlc, name, currency)"
                         " VALUES ('%s', '%s', 1, 1, 'h1', 'Shop %c', 'EUR');"
                         "INSERT INTO category (tenant_id, id, created_at, updated_at, hlc, name)"
                         " VALUES ('%s', '%s', 1, 1, 'h1', 'Yarn');"
                         "INSERT INTO category (tenant_id, id, created_at, updated_at, deleted_at, hlc, name)"
                         " VALUES ('%s', '%s', 1, 2, 2, 'h2', 'Old');"
                         "INSERT INTO material (tenant_id, id, created_at, updated_at, hlc, kind, name, unit,"
                         " purchase_price, category_id)"
                         " VALUES ('%s', '%s', 1, 1, 'h1', 'yarn', 'Merino %c', 'yd', 850, '%s');"
                         "INSERT INTO stock_movement (tenant_id, id, created_at, hlc, material_id, kind, quantity,"
                         " total_cost, occurred_at)"
                         " VALUES ('%s', '%s', 1, 'h1', '%s', 'purchase', 246000000, 850, 1);"
                         "INSERT INTO audit_log (tenant_id, id, created_at, action, entity, entity_id)"
                         " VALUES ('%s', '%s', 1, 'create', 'material', '%s')",
                         tenant, tenant, g_ascii_toupper (t),
                         tenant, category,
                         tenant, trashed,
                         tenant, material, g_ascii_toupper (t), category,
                         tenant, movement, material,
                         tenant, audit, material);
  g_assert_cmpint (count_in_tenant (owner, t, FALSE, sql), ==, 1);
}

typedef struct
{
  MktPgTestDb  db;
  PGconn      *owner;
  PGconn      *app;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  mkt_pg_test_db_setup (&f->db, data);
  mkt_pg_test_migrate (&f->db);
  f->owner = mkt_pg_test_connect (f->db.owner);
  seed_tenant (f->owner, TENANT_A);
  seed_tenant (f->owner, TENANT_B);
  f->app = mkt_pg_test_connect (f->db.app);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->app, PQfinish);
  g_clear_pointer (&f->owner, PQfinish);
  mkt_pg_test_db_teardown (&f->db, data);
}

/* Migrations ---------------------------------------------------------------- */

static void
test_migrate_twice (MktPgTestDb   *db,
                    gconstpointer  data)
{
  g_autofree char *last = g_strdup_printf ("Applied migration %u: ", mkt_pg_schema_get_latest ());
  g_autofree char *n_recorded = NULL;
  g_autofree char *not_owned = NULL;
  g_autofree char *n_tables = NULL;
  g_autoptr(PGconn) owner = NULL;
  guint n_entities;

  /* First run: DATABASE_URL. */
  {
    g_auto(MktPgTestRun) run = mkt_pg_test_run_server (db->owner, "migrate", NULL);

    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "Applied migration 1: "));
    g_assert_nonnull (strstr (run.out, last));
  }

  owner = mkt_pg_test_connect (db->owner);
  n_recorded = mkt_pg_test_query_value (owner,
                                        "SELECT count(*) FROM schema_migrations"
                                        " WHERE version BETWEEN 1 AND (SELECT max (version) FROM schema_migrations)");
  g_assert_cmpuint (atoi (n_recorded), ==, mkt_pg_schema_get_latest ());

  /* Second run: --database-url, nothing left to do. */
  {
    g_auto(MktPgTestRun) run = mkt_pg_test_run_server (NULL, "migrate", "--database-url", db->owner, NULL);

    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_null (strstr (run.out, "Applied"));
    g_assert_true (g_str_has_prefix (run.out, "Nothing to apply"));
  }

  g_free (n_recorded);
  n_recorded = mkt_pg_test_query_value (owner, "SELECT count(*) FROM schema_migrations");
  g_assert_cmpuint (atoi (n_recorded), ==, mkt_pg_schema_get_latest ());

  /* One table per entity, and the server's accounts (credential,
   * refresh_token), all the owner's. */
  mkt_schema_list (&n_entities);
  n_tables = mkt_pg_test_query_value (owner,
                                      "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                                      " AND tablename NOT IN ('schema_migrations', 'credential', 'refresh_token')");
  g_assert_cmpuint (atoi (n_tables), ==, n_entities);
  not_owned = mkt_pg_test_query_value (owner,
                                       "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                                       " AND tableowner <> '" MKT_PG_TEST_OWNER "'");
  g_assert_cmpstr (not_owned, ==, "0");
}

static void
test_migrate_errors (MktPgTestDb   *db,
                     gconstpointer  data)
{
  g_autofree char *unreachable = mkt_pg_test_conninfo (db->owner, NULL, NULL);
  g_autofree char *newer = NULL;
  g_autofree char *recorded = NULL;
  g_autoptr(PGconn) owner = NULL;

  {
    g_auto(MktPgTestRun) run = mkt_pg_test_run_server (NULL, "migrate", NULL);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "No database given: set DATABASE_URL"));
  }
  {
    g_auto(MktPgTestRun) run = mkt_pg_test_run_server (db->owner, "migrate", "--no-such-option", NULL);

    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--no-such-option"));
  }
  {
    g_auto(MktPgTestRun) run = mkt_pg_test_run_server (db->owner, "serve-coffee", NULL);

    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "unknown command “serve-coffee”"));
  }
  {
    /* Port 1 on loopback: nothing listens there. */
    g_autofree char *url = g_strconcat (unreachable, " host=127.0.0.1 port=1 connect_timeout=5", NULL);
    g_auto(MktPgTestRun) run = mkt_pg_test_run_server (url, "migrate", NULL);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Could not connect to the database"));
  }

  /* A database a newer market-server migrated is left alone. */
  mkt_pg_test_migrate (db);
  owner = mkt_pg_test_connect (db->owner);
  newer = g_strdup_printf ("INSERT INTO schema_migrations (version, description) VALUES (%u, 'from the future')",
                           mkt_pg_schema_get_latest () + 1);
  g_assert_true (mkt_pg_exec (owner, newer, NULL));
  {
    g_auto(MktPgTestRun) run = mkt_pg_test_run_server (db->owner, "migrate", NULL);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "migrated by a newer market-server"));
    g_assert_cmpstr (run.out, ==, "");
  }
  recorded = mkt_pg_test_query_value (owner, "SELECT count(*) FROM schema_migrations");
  g_assert_cmpuint (atoi (recorded), ==, mkt_pg_schema_get_latest () + 1);
}

/* Row-level security ------------------------------------------------------- */

static void
test_no_tenant (Fixture       *f,
                gconstpointer  data)
{
  const MktEntitySpec * const *entities;
  guint n_entities;

  entities = mkt_schema_list (&n_entities);
  for (guint i = 0; i < n_entities; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM \"%s\"", entities[i]->table);
      g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM \"%s\"", entities[i]->table);
      g_autofree char *value = NULL;

      /* Nothing set at all, and the trash asked for: still nothing. */
      g_assert_cmpint (count_in_tenant (f->app, 0, FALSE, sql), ==, 0);
      g_assert_cmpint (count_in_tenant (f->app, 0, TRUE, sql), ==, 0);
      /* Outside any transaction, too. */
      value = mkt_pg_test_query_value (f->app, count);
      g_assert_cmpstr (value, ==, "0");
    }

  /* FORCE: the tables' owner sees nothing without a tenant either. */
  g_assert_cmpint (count_in_tenant (f->owner, 0, FALSE, "SELECT 1 FROM material"), ==, 0);
  g_assert_cmpint (count_in_tenant (f->owner, TENANT_B, FALSE, "SELECT 1 FROM material"), ==, 1);

  /* Writes without a tenant reach nothing, and insert nothing. */
  g_assert_cmpint (count_in_tenant (f->app, 0, FALSE, "UPDATE material SET name = 'x'"), ==, 0);
  g_assert_cmpint (count_in_tenant (f->app, 0, FALSE, "DELETE FROM category"), ==, 0);
  assert_refused (f->app, 0,
                  "INSERT INTO category (tenant_id, id, created_at, updated_at, hlc, name)"
                  " VALUES ('b0000000-0000-7000-8000-000000000000', 'b0000000-0000-7000-8000-000000000099',"
                  " 1, 1, 'h', 'Sneaky')",
                  MKT_PG_SQLSTATE_RLS);
}

static void
test_other_tenant (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *b_material = row_id (TENANT_B, ROW_MATERIAL);
  g_autofree char *b_category = row_id (TENANT_B, ROW_CATEGORY);
  g_autofree char *b_movement = row_id (TENANT_B, ROW_MOVEMENT);
  g_autofree char *a_material = row_id (TENANT_A, ROW_MATERIAL);
  g_autofree char *sql = NULL;
  g_autofree char *names = NULL;

  /* Tenant A sees its own rows only. */
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, FALSE, "SELECT 1 FROM tenant"), ==, 1);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, FALSE,
                                    "SELECT 1 FROM material WHERE name = 'Merino A'"), ==, 1);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, FALSE, "SELECT 1 FROM material"), ==, 1);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, FALSE, "SELECT 1 FROM stock_movement"), ==, 1);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, FALSE, "SELECT 1 FROM audit_log"), ==, 1);

  /* B's rows are not there for A: not by id, not to update or delete. */
  sql = g_strdup_printf ("SELECT 1 FROM material WHERE id = '%s'", b_material);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, FALSE, sql), ==, 0);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE material SET name = 'Stolen' WHERE id = '%s'", b_material);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, FALSE, sql), ==, 0);
  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM category WHERE id = '%s'", b_category);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, TRUE, sql), ==, 0);
  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM stock_movement WHERE id = '%s'", b_movement);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, FALSE, sql), ==, 0);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE material SET name = 'Stolen' WHERE tenant_id = 'b0000000-0000-7000-8000-000000000000'");
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, FALSE, sql), ==, 0);

  /* Nor can A write rows into B, or move its own rows there. */
  assert_refused (f->app, TENANT_A,
                  "INSERT INTO category (tenant_id, id, created_at, updated_at, hlc, name)"
                  " VALUES ('b0000000-0000-7000-8000-000000000000', 'b0000000-0000-7000-8000-000000000099',"
                  " 1, 1, 'h', 'Planted')",
                  MKT_PG_SQLSTATE_RLS);
  assert_refused (f->app, TENANT_A,
                  "INSERT INTO stock_movement (tenant_id, id, created_at, hlc, material_id, kind, quantity,"
                  " occurred_at) VALUES ('b0000000-0000-7000-8000-000000000000',"
                  " 'b0000000-0000-7000-8000-000000000098', 1, 'h', 'b0000000-0000-7000-8000-000000000003',"
                  " 'adjustment', -1, 1)",
                  MKT_PG_SQLSTATE_RLS);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE material SET tenant_id = 'b0000000-0000-7000-8000-000000000000'"
                         " WHERE id = '%s'", a_material);
  assert_refused (f->app, TENANT_A, sql, MKT_PG_SQLSTATE_RLS);

  /* A's own writes work: the test is not passing by refusing everything. */
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, FALSE, "UPDATE material SET colour = 'Teal'"), ==, 1);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, FALSE,
                                    "INSERT INTO category (tenant_id, id, created_at, updated_at, hlc, name)"
                                    " VALUES ('a0000000-0000-7000-8000-000000000000',"
                                    " 'a0000000-0000-7000-8000-000000000097', 1, 1, 'h', 'Beads')"), ==, 1);

  /* B's rows are as they were. */
  names = mkt_pg_test_query_value (f->owner,
                                   "BEGIN;"
                                   "SELECT set_config ('app.current_tenant_id', 'b0000000-0000-7000-8000-000000000000', true);"
                                   "SELECT string_agg (name || '/' || coalesce (colour, '-'), ',') FROM material;");
  g_assert_true (mkt_pg_exec (f->owner, "COMMIT", NULL));
  g_assert_cmpstr (names, ==, "Merino B/-");
  g_assert_cmpint (count_in_tenant (f->owner, TENANT_B, TRUE, "SELECT 1 FROM category"), ==, 2);
  g_assert_cmpint (count_in_tenant (f->owner, TENANT_B, FALSE, "SELECT 1 FROM stock_movement"), ==, 1);
}

static void
test_trash (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *trashed = row_id (TENANT_A, ROW_TRASHED_CATEGORY);
  g_autofree char *restore = g_strdup_printf ("UPDATE category SET deleted_at = NULL WHERE id = '%s'", trashed);

  /* Deleted rows are seen only when the transaction asks for the trash. */
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, FALSE, "SELECT 1 FROM category"), ==, 1);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, TRUE, "SELECT 1 FROM category"), ==, 2);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, TRUE,
                                    "SELECT 1 FROM category WHERE deleted_at IS NOT NULL"), ==, 1);

  /* Moving a row to the trash or out of it is a trash operation too. */
  assert_refused (f->app, TENANT_A, "UPDATE material SET deleted_at = 5 WHERE deleted_at IS NULL",
                  MKT_PG_SQLSTATE_RLS);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, FALSE, restore), ==, 0);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, TRUE,
                                    "UPDATE material SET deleted_at = 5 WHERE deleted_at IS NULL"), ==, 1);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, FALSE, "SELECT 1 FROM material"), ==, 0);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, TRUE, restore), ==, 1);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, FALSE, "SELECT 1 FROM category"), ==, 2);

  /* The other tenant's trash stays out of sight with the trash asked for. */
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, TRUE,
                                    "SELECT 1 FROM category WHERE tenant_id <> 'a0000000-0000-7000-8000-000000000000'"),
                   ==, 0);
}

static void
test_append_only (Fixture       *f,
                  gconstpointer  data)
{
  /* The application has no grant to change ledger or audit rows… */
  assert_refused (f->app, TENANT_A, "UPDATE stock_movement SET quantity = 1", MKT_PG_SQLSTATE_RLS);
  assert_refused (f->app, TENANT_A, "DELETE FROM audit_log", MKT_PG_SQLSTATE_RLS);
  /* …and the triggers hold for the owner too. */
  assert_refused (f->owner, TENANT_A, "UPDATE stock_movement SET quantity = 1", MKT_PG_SQLSTATE_APPEND_ONLY);
  assert_refused (f->owner, TENANT_A, "DELETE FROM audit_log", MKT_PG_SQLSTATE_APPEND_ONLY);
  assert_refused (f->owner, TENANT_A, "UPDATE audit_log SET action = 'update'", MKT_PG_SQLSTATE_APPEND_ONLY);
  /* A movement leaves only with its material, once that is in the trash. */
  assert_refused (f->app, TENANT_A, "DELETE FROM stock_movement", MKT_PG_SQLSTATE_APPEND_ONLY);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, TRUE,
                                    "UPDATE material SET deleted_at = 5 WHERE deleted_at IS NULL"), ==, 1);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, TRUE,
                                    "DELETE FROM stock_movement;"
                                    "DELETE FROM material WHERE deleted_at IS NOT NULL"), ==, 1);
  g_assert_cmpint (count_in_tenant (f->app, TENANT_A, TRUE, "SELECT 1 FROM stock_movement"), ==, 0);
  g_assert_cmpint (count_in_tenant (f->owner, TENANT_B, FALSE, "SELECT 1 FROM stock_movement"), ==, 1);
}

/* Roles -------------------------------------------------------------------- */

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  const MktEntitySpec * const *entities;
  g_autofree char *flags = NULL;
  g_autofree char *owned = NULL;
  g_autofree char *unforced = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) result = NULL;
  guint n_entities;

  flags = mkt_pg_test_query_value (f->app,
                                   "SELECT concat_ws (' ', rolsuper, rolbypassrls, rolcanlogin, rolcreaterole)"
                                   " FROM pg_roles WHERE rolname = current_user");
  g_assert_cmpstr (flags, ==, "f f t f");

  /* It owns nothing, anywhere. */
  owned = mkt_pg_test_query_value (f->app,
                                   "SELECT (SELECT count(*) FROM pg_tables WHERE tableowner = current_user)"
                                   " + (SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner"
                                   " WHERE r.rolname = current_user)");
  g_assert_cmpstr (owned, ==, "0");

  /* Every tenant table has row-level security, enabled and forced. */
  entities = mkt_schema_list (&n_entities);
  for (guint i = 0; i < n_entities; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT concat_ws (' ', relrowsecurity, relforcerowsecurity,"
                                              " pg_get_userbyid (relowner) <> current_user)"
                                              " FROM pg_class WHERE oid = 'public.\"%s\"'::regclass",
                                              entities[i]->table);
      g_autofree char *security = mkt_pg_test_query_value (f->app, sql);

      g_assert_cmpstr (security, ==, "t t t");
    }
  unforced = mkt_pg_test_query_value (f->app,
                                      "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                      " WHERE n.nspname = 'public' AND c.relkind = 'r'"
                                      " AND c.relname <> 'schema_migrations'"
                                      " AND NOT (c.relrowsecurity AND c.relforcerowsecurity)");
  g_assert_cmpstr (unforced, ==, "0");

  /* Nor can it switch the policies off or make tables of its own. */
  result = mkt_pg_test_query (f->app, "ALTER TABLE material NO FORCE ROW LEVEL SECURITY", &error);
  g_assert_null (result);
  g_assert_cmpstr (mkt_pg_error_get_sqlstate (error), ==, MKT_PG_SQLSTATE_RLS);
  g_clear_error (&error);
  result = mkt_pg_test_query (f->app, "CREATE TABLE mine (id int)", &error);
  g_assert_null (result);
  g_assert_cmpstr (mkt_pg_error_get_sqlstate (error), ==, MKT_PG_SQLSTATE_RLS);
  g_clear_error (&error);
  result = mkt_pg_test_query (f->app, "SET row_security = off; SELECT 1 FROM material", &error);
  g_assert_null (result);
  g_assert_cmpstr (mkt_pg_error_get_sqlstate (error), ==, MKT_PG_SQLSTATE_RLS);
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (!mkt_pg_test_init (&argc, &argv, &status))
    return status;

  g_test_add ("/server/migrate/twice", MktPgTestDb, NULL,
              mkt_pg_test_db_setup, test_migrate_twice, mkt_pg_test_db_teardown);
  g_test_add ("/server/migrate/errors", MktPgTestDb, NULL,
              mkt_pg_test_db_setup, test_migrate_errors, mkt_pg_test_db_teardown);
  g_test_add ("/server/rls/no-tenant", Fixture, NULL, fixture_setup, test_no_tenant, fixture_teardown);
  g_test_add ("/server/rls/other-tenant", Fixture, NULL, fixture_setup, test_other_tenant, fixture_teardown);
  g_test_add ("/server/rls/trash", Fixture, NULL, fixture_setup, test_trash, fixture_teardown);
  g_test_add ("/server/rls/append-only", Fixture, NULL, fixture_setup, test_append_only, fixture_teardown);
  g_test_add ("/server/roles", Fixture, NULL, fixture_setup, test_roles, fixture_teardown);

  return g_test_run ();
}
