/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server"

#include "config.h"

#include <string.h>

#include "mkt-cost.h"
#include "mkt-pg.h"
#include "mkt-pg-store.h"
#include "mkt-pg-store-private.h"
#include "mkt-pg-test-utils.h"
#include "mkt-production.h"
#include "mkt-test-utils.h"
#include "mkt-uuid.h"
#include "test-pg-store-utils.h"

/* MktPgStore under mkt-core's rules, against a real PostgreSQL, side by
 * side with the desktop's SQLite store: a session of the same tenant, user,
 * device, session id and clock on each does the same things, and the rows,
 * audit trail, outbox, lists, pages, cursors and errors must come out the
 * same. */

/* This program: rollback, nested batches, a row another connection holds,
 * tenants, costs, prepared statements, an unsafe role and deferred reads.
 * The rest: test-pg-store.c; the fixture and helpers: test-pg-store-utils.c. */

/* A trigger of the table's owner that fails audit rows of a material named
 * "boom": the row is written, its audit row is not. */
static void
install_audit_failure (Fixture *f)
{
  g_autoptr(PGconn) owner = mkt_pg_test_connect (f->db.owner);
  g_autoptr(GError) error = NULL;

  mkt_pg_exec (owner,
               "CREATE FUNCTION fail_boom () RETURNS trigger LANGUAGE plpgsql AS $$\n"
               "BEGIN\n"
               "  IF NEW.new_values::text LIKE '%boom%' THEN\n"
               "    RAISE EXCEPTION 'disk full' USING ERRCODE = 'disk_full';\n"
               "  END IF;\n"
               "  RETURN NEW;\n"
               "END\n"
               "$$;\n"
               "CREATE TRIGGER fail_boom BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_boom ();",
               &error);
  g_assert_no_error (error);
}

static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MktRecord) kept = NULL;
  g_autoptr(MktRecord) boom = NULL;
  g_autoptr(MktRecord) bad_ref = NULL;
  g_autoptr(MktRecord) in_batch = NULL;
  g_autoptr(MktRecord) boom_again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  install_audit_failure (f);
  kept = mkt_test_create_material (f->session, "Kept", "K-1");
  before = snapshot (f->session);

  /* A mutation whose audit row fails leaves no row either. */
  boom = mkt_test_material_new ("yarn", "boom", "m");
  g_assert_false (mkt_session_create (f->session, boom, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "disk full"));
  g_clear_error (&error);
  after = snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* One refused by the rules before any write leaves nothing. */
  bad_ref = mkt_test_material_new ("yarn", "Orphan", "m");
  mkt_record_set_string (bad_ref, "category_id", f->ids[9]);
  g_assert_false (mkt_session_create (f->session, bad_ref, &error));
  mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_REFERENCE, "category_id");
  g_clear_error (&error);
  after = snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* In a batch, a mutation that failed halfway spoils it all: the row
   * written before it in the batch is gone too. */
  g_assert_true (mkt_session_begin (f->session, &error));
  in_batch = mkt_test_create_material (f->session, "In the batch", NULL);
  boom_again = mkt_test_material_new ("yarn", "boom", "m");
  g_assert_false (mkt_session_create (f->session, boom_again, &error));
  g_clear_error (&error);
  g_assert_false (mkt_session_commit (f->session, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED);
  g_clear_error (&error);
  after = snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* A batch rolled back by hand. */
  g_assert_true (mkt_session_begin (f->session, &error));
  g_clear_object (&in_batch);
  in_batch = mkt_test_create_material (f->session, "Rolled back", NULL);
  mkt_session_rollback (f->session);
  after = snapshot (f->session);
  g_assert_cmpstr (after, ==, before);

  /* And the session goes on. */
  g_clear_object (&in_batch);
  in_batch = mkt_test_create_material (f->session, "After", NULL);
  g_assert_cmpuint (count_where (f->session, &mkt_material_spec, "name", "After"), ==, 1);
}

/* Batches in batches: an inner one rolled back undoes its work alone. */
static void
nested_batches (Fixture    *f,
                MktSession *session)
{
  g_autoptr(MktRecord) a = material_with_sku (f->ids[1], "Outer", "A");
  g_autoptr(MktRecord) b = material_with_sku (f->ids[2], "Inner, undone", "B");
  g_autoptr(MktRecord) c = material_with_sku (f->ids[3], "Inner, kept", "C");
  g_autoptr(MktRecord) d = material_with_sku (f->ids[4], "After", "D");
  g_autoptr(GError) error = NULL;

  g_assert_true (mkt_session_begin (session, &error));
  g_assert_true (mkt_session_create (session, a, &error));
  g_assert_true (mkt_session_begin (session, &error));
  g_assert_true (mkt_session_create (session, b, &error));
  mkt_session_rollback (session);
  g_assert_true (mkt_session_begin (session, &error));
  /* An inner batch that wrote nothing. */
  g_assert_true (mkt_session_begin (session, &error));
  g_assert_true (mkt_session_commit (session, &error));
  g_assert_true (mkt_session_create (session, c, &error));
  g_assert_true (mkt_session_commit (session, &error));
  g_assert_true (mkt_session_commit (session, &error));
  g_assert_no_error (error);

  g_assert_true (mkt_session_create (session, d, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (mkt_test_count (session, &mkt_material_spec), ==, 3);
  g_assert_cmpuint (count_where (session, &mkt_material_spec, "sku", "B"), ==, 0);
}

static void
test_nested (Fixture       *f,
             gconstpointer  data)
{
  run_twice (f, nested_batches);
  assert_same_data (f);
}

/* Two connections: the second waits for a row the first holds, then gives
 * up as BUSY (SQLite's busy timeout), with nothing written. */
static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(MktRecord) material = mkt_test_create_material (f->session, "Merino", NULL);
  g_autoptr(MktPgStore) second = NULL;
  g_autoptr(MktSession) waiter = NULL;
  g_autoptr(MktRecord) mine = NULL;
  g_autoptr(MktRecord) theirs = NULL;
  g_autoptr(GError) error = NULL;

  second = mkt_pg_store_new (f->db.app, &error);
  g_assert_no_error (error);
  g_assert_true (mkt_pg_store_set_lock_timeout (second, 100, &error));
  g_assert_no_error (error);
  waiter = mkt_session_new (MKT_STORE (second), f->tenant_id, f->user_id, f->device_id);

  g_assert_true (mkt_session_begin (f->session, &error));
  mine = mkt_record_copy (material);
  mkt_record_set_string (mine, "colour", "Blue");
  g_assert_true (mkt_session_update (f->session, mine, &error));
  g_assert_no_error (error);

  theirs = mkt_record_copy (material);
  mkt_record_set_string (theirs, "colour", "Red");
  g_assert_false (mkt_session_update (waiter, theirs, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_BUSY);
  g_clear_error (&error);

  g_assert_true (mkt_session_commit (f->session, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_where (f->session, &mkt_material_spec, "colour", "Blue"), ==, 1);
  g_assert_cmpuint (count_where (f->session, &mkt_audit_spec, "entity_id", mkt_record_get_id (material)), ==, 2);

  /* Once the row is free, the same change goes through. */
  g_clear_object (&theirs);
  theirs = mkt_session_get (waiter, &mkt_material_spec, mkt_record_get_id (material), &error);
  g_assert_no_error (error);
  mkt_record_set_string (theirs, "colour", "Red");
  g_assert_true (mkt_session_update (waiter, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_where (f->session, &mkt_material_spec, "colour", "Red"), ==, 1);
}

/* Tenants --------------------------------------------------------------------- */

static void
test_tenants (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *tenant_b = mkt_uuid_new_v7 ();
  g_autoptr(MktSession) other = new_session (f, MKT_STORE (f->pg), tenant_b, "Other Crafts");
  g_autoptr(MktRecord) material = mkt_test_create_material (f->session, "Merino", "M-1");
  g_autoptr(MktRecord) mine = mkt_test_create_material (other, "Merino", "M-1");
  g_autoptr(MktRecord) row = NULL;
  g_autoptr(MktRecord) edit = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  MktStore *store = MKT_STORE (f->pg);

  /* B sees its own rows only: not A's material, audit rows or changes. */
  g_assert_cmpuint (mkt_test_count (other, &mkt_material_spec), ==, 1);
  g_assert_cmpuint (count_where (other, &mkt_audit_spec, "entity_id", mkt_record_get_id (material)), ==, 0);
  g_assert_cmpuint (count_where (other, &mkt_change_spec, "row_id", mkt_record_get_id (material)), ==, 0);
  g_assert_cmpuint (count_where (other, &mkt_tenant_spec, "name", "Test Crafts"), ==, 0);

  row = mkt_session_get (other, &mkt_material_spec, mkt_record_get_id (material), &error);
  g_assert_null (row);
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (mkt_session_delete (other, &mkt_material_spec, mkt_record_get_id (material), &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nor can the store be made to write or read across: the row names A,
   * the transaction is B's. */
  edit = mkt_record_copy (material);
  mkt_record_set_string (edit, "name", "Stolen");
  g_assert_true (mkt_store_begin (store, &error));
  rows = mkt_store_list (store, &mkt_material_spec, tenant_b, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_false (mkt_store_update (store, edit, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (mkt_store_commit (store, &error));
  g_assert_no_error (error);

  row = mkt_session_get (f->session, &mkt_material_spec, mkt_record_get_id (material), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mkt_record_get_string (row, "name"), ==, "Merino");

  /* The same SKU in two tenants is no clash. */
  g_assert_cmpstr (mkt_record_get_string (mine, "sku"), ==, "M-1");
}

/* Costs ----------------------------------------------------------------------- */

static void
product_costs (Fixture    *f,
               MktSession *session)
{
  g_autoptr(MktRecord) yarn = mkt_test_create_stock_material (session, "Merino", "m", "skein", "200", "12.00");
  g_autoptr(MktRecord) button = mkt_test_create_stock_material (session, "Button", "pc", NULL, NULL, "0.25");
  g_autoptr(MktRecord) component = mkt_test_create_component (session, "Sleeve", "30");
  g_autoptr(MktRecord) product = mkt_test_create_product (session, "Cardigan", "120", "90.00");
  g_autoptr(MktRecord) p1 = NULL, p2 = NULL, p3 = NULL;
  g_autoptr(MktRecord) run = NULL;
  g_autoptr(MktRecord) read_back = NULL;
  g_autoptr(MktQuery) forced = mkt_query_new ();
  g_autoptr(MktQuery) unforced = mkt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  MktCostTotals before, after;

  before = mkt_test_cost (session, product);
  g_assert_cmpint (before.material_cost, ==, 0);

  p1 = mkt_test_create_part (session, component, yarn, "150", "m");
  p2 = mkt_test_create_part (session, product, component, "2", "pc");
  p3 = mkt_test_create_part (session, product, button, "6", "pc");

  after = mkt_test_cost (session, product);
  g_assert_cmpint (after.material_cost, >, 0);
  g_assert_cmpint (after.total_cost, >=, after.material_cost);

  /* A run made without the stock for it: a true boolean, kept and
   * filtered by as SQLite's 1. */
  run = mkt_production_make (session, mkt_record_get_id (product), mkt_test_quantity ("2"), TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  read_back = mkt_session_get (session, &mkt_production_run_spec, mkt_record_get_id (run), &error);
  g_assert_no_error (error);
  g_assert_cmpint (mkt_record_get_int (read_back, "forced"), ==, 1);
  g_assert_cmpint (mkt_record_get_int (read_back, "material_cost"), >, 0);

  mkt_query_add_filter (forced, "forced", MKT_FILTER_EQ, g_variant_new_int64 (1));
  rows = mkt_session_list (session, &mkt_production_run_spec, forced, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  mkt_query_add_filter (unforced, "forced", MKT_FILTER_EQ, g_variant_new_int64 (0));
  rows = mkt_session_list (session, &mkt_production_run_spec, unforced, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_costs (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) pg_products = NULL;
  g_autoptr(GPtrArray) twin_products = NULL;
  MktCostTotals pg, sqlite;

  run_twice (f, product_costs);

  pg_products = mkt_test_list_where (f->session, &mkt_product_spec, "name", "Cardigan");
  twin_products = mkt_test_list_where (f->twin, &mkt_product_spec, "name", "Cardigan");
  pg = mkt_test_cost (f->session, g_ptr_array_index (pg_products, 0));
  sqlite = mkt_test_cost (f->twin, g_ptr_array_index (twin_products, 0));
  g_assert_cmpmem (&pg, sizeof pg, &sqlite, sizeof sqlite);

  /* The cache rows are there, as many on both. */
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_cost_spec), >, 0);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_cost_spec), ==, mkt_test_count (f->twin, &mkt_cost_spec));
}

/* Statements ------------------------------------------------------------------ */

static void
test_prepared (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MktRecord) first = mkt_test_create_material (f->session, "One", NULL);
  g_autoptr(MktRecord) second = NULL;
  guint n;

  n = mkt_pg_store_get_n_prepared (f->pg);
  g_assert_cmpuint (n, >, 0);

  /* The same kinds of statements again prepare nothing more. */
  second = mkt_test_create_material (f->session, "Two", NULL);
  g_assert_cmpuint (mkt_pg_store_get_n_prepared (f->pg), ==, n);
}

static void
test_unsafe_role (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktPgStore) store = mkt_pg_store_new (f->db.admin, &error);

  g_assert_null (store);
  g_assert_error (error, MKT_PG_ERROR, MKT_PG_ERROR_UNSAFE_ROLE);
}

/* A deferred read (the server's authorisation of a GET) goes in the round
 * trip of the next lone read of its tenant, so that a failure of either
 * fails both; before a write, or for another tenant, it runs alone. */
static void
test_deferred (Fixture       *f,
               gconstpointer  data)
{
  const char *count_sql = "SELECT count(*) FROM material WHERE name <> $1";
  const char *bad_sql = "SELECT 1 / (length ($1) - length ($1))";
  const char *params[] = { "", NULL };
  g_autoptr(MktRecord) material = mkt_test_create_material (f->session, "Merino", NULL);
  g_autoptr(GError) error = NULL;

  /* Nothing carried it: it runs when taken. */
  {
    g_autoptr(PGresult) result = NULL;

    mkt_pg_store_defer (f->pg, f->tenant_id, count_sql, params);
    result = mkt_pg_store_take_deferred (f->pg, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "1");
  }

  /* Carried by a read of the tenant. */
  {
    g_autoptr(PGresult) result = NULL;
    g_autoptr(GPtrArray) rows = NULL;

    mkt_pg_store_defer (f->pg, f->tenant_id, count_sql, params);
    rows = mkt_session_list (f->session, &mkt_material_spec, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
    result = mkt_pg_store_take_deferred (f->pg, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "1");
  }

  /* A failing one fails the read it went with, and the store goes on. */
  {
    g_autoptr(PGresult) result = NULL;
    g_autoptr(GPtrArray) rows = NULL;

    mkt_pg_store_defer (f->pg, f->tenant_id, bad_sql, params);
    rows = mkt_session_list (f->session, &mkt_material_spec, NULL, NULL, &error);
    g_assert_null (rows);
    g_assert_nonnull (error);
    g_clear_error (&error);
    result = mkt_pg_store_take_deferred (f->pg, &error);
    g_assert_null (result);
    g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED);
    g_clear_error (&error);
    rows = mkt_session_list (f->session, &mkt_material_spec, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
  }

  /* Before a write it runs alone: its failure does not touch the write,
   * and a good one sees the rows as they were before it. */
  {
    g_autoptr(PGresult) result = NULL;
    g_autoptr(MktRecord) second = NULL;

    mkt_pg_store_defer (f->pg, f->tenant_id, bad_sql, params);
    second = mkt_test_create_material (f->session, "Alpaca", NULL);
    g_assert_null (mkt_pg_store_take_deferred (f->pg, NULL));

    mkt_pg_store_defer (f->pg, f->tenant_id, count_sql, params);
    g_clear_object (&second);
    second = mkt_test_create_material (f->session, "Silk", NULL);
    result = mkt_pg_store_take_deferred (f->pg, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "2");
  }

  /* Another tenant's: not carried by tenant A's read, run alone as that
   * tenant (row level security shows it none of A's rows). */
  {
    g_autofree char *other = mkt_uuid_new_v7 ();
    g_autoptr(PGresult) result = NULL;
    g_autoptr(GPtrArray) rows = NULL;

    mkt_pg_store_defer (f->pg, other, count_sql, params);
    rows = mkt_session_list (f->session, &mkt_material_spec, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 3);
    result = mkt_pg_store_take_deferred (f->pg, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "0");
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (!mkt_pg_test_init (&argc, &argv, &status))
    return status;

#define ADD(path, func) g_test_add ("/server/pg-store/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("rollback", test_rollback);
  ADD ("nested", test_nested);
  ADD ("busy", test_busy);
  ADD ("tenants", test_tenants);
  ADD ("costs", test_costs);
  ADD ("prepared", test_prepared);
  ADD ("unsafe-role", test_unsafe_role);
  ADD ("deferred", test_deferred);
#undef ADD

  return g_test_run ();
}
