/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "mkt-sqlite-store-private.h"
#include "mkt-test-utils.h"
#include "mkt-time.h"
#include "mkt-uuid.h"

/* Built twice: on SQLite (test-store) and on PostgreSQL through MktPgStore
 * (test-core-on-pg-store, MKT_TEST_STORE_PG). The PostgreSQL build runs
 * /store/tenant-isolation, /store/append-only and /store/record/json-text,
 * and leaves out what is about SQLite itself:
 * - /store/migrate/…: the SQLite file's migrations, PRAGMA user_version,
 *   STRICT tables and WAL (PostgreSQL's migrations are market-server's,
 *   tested by test-pg-schema and test-server-rls);
 * - /store/foreign-keys: PRAGMA foreign_keys is a setting of each SQLite
 *   connection, and the test reads SQLite's own message ("FOREIGN KEY").
 *   On PostgreSQL the references are the schema's (test-pg-schema checks
 *   that each carries the tenant), and a row of another tenant is refused
 *   by row-level security before any key (test-server-rls). */

#ifndef MKT_TEST_STORE_PG

/* Migrations ----------------------------------------------------------------- */

/* "name TYPE notnull" for each column of @table, in column order, read by a
 * connection of our own. */
static GPtrArray *
table_columns (const char *path,
               const char *table)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, type, \"notnull\" FROM pragma_table_info (?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (columns, g_strdup_printf ("%s %s %d",
                                               (const char *)sqlite3_column_text (stmt, 0),
                                               (const char *)sqlite3_column_text (stmt, 1),
                                               sqlite3_column_int (stmt, 2)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return columns;
}

/* The columns the entity description asks for: the common ones, then one per
 * field, typed and NOT NULL as the field says. */
static GPtrArray *
expected_columns (const MktEntitySpec *spec)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (columns, g_strdup ("tenant_id TEXT 1"));
  g_ptr_array_add (columns, g_strdup ("id TEXT 1"));
  g_ptr_array_add (columns, g_strdup ("created_at INTEGER 1"));
  if (spec->kind == MKT_ENTITY_MUTABLE)
    {
      g_ptr_array_add (columns, g_strdup ("updated_at INTEGER 1"));
      g_ptr_array_add (columns, g_strdup ("deleted_at INTEGER 0"));
    }
  if (spec->kind == MKT_ENTITY_MUTABLE || spec->kind == MKT_ENTITY_LEDGER)
    g_ptr_array_add (columns, g_strdup ("hlc TEXT 1"));

  for (guint i = 0; i < spec->n_fields; i++)
    g_ptr_array_add (columns, g_strdup_printf ("%s %s %d", spec->fields[i].name,
                                               mkt_field_type_is_integer (spec->fields[i].type)
                                               ? "INTEGER" : "TEXT",
                                               (spec->fields[i].flags & MKT_FIELD_REQUIRED) != 0));

  return columns;
}

static void
test_migrate_empty (void)
{
  g_autofree char *dir = mkt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "folder", "market.db", NULL);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal_mode = NULL;
  g_autofree char *schema = NULL;
  const MktEntitySpec * const *entities;
  guint n_entities;

  /* Missing folders are made. */
  store = mkt_sqlite_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (mkt_sqlite_store_get_path (store), ==, path);

  g_assert_cmpuint (mkt_sqlite_store_get_version (store), ==, MKT_SCHEMA_VERSION);
  g_assert_cmpint (mkt_test_sql_int (path, "PRAGMA user_version"), ==, MKT_SCHEMA_VERSION);

  schema = mkt_sqlite_store_dump_schema (store);
  entities = mkt_schema_list (&n_entities);
  g_assert_cmpuint (n_entities, ==, 16);

  for (guint e = 0; e < n_entities; e++)
    {
      const MktEntitySpec *spec = entities[e];
      g_autoptr(GPtrArray) columns = table_columns (path, spec->table);
      g_autoptr(GPtrArray) expected = expected_columns (spec);
      g_autofree char *strict_sql = NULL;
      g_autofree char *create = NULL;

      g_test_message ("table %s", spec->table);
      g_assert_cmpuint (columns->len, ==, expected->len);
      for (guint c = 0; c < expected->len; c++)
        g_assert_cmpstr (g_ptr_array_index (columns, c), ==, g_ptr_array_index (expected, c));

      strict_sql = g_strdup_printf ("SELECT strict FROM pragma_table_list WHERE schema = 'main' AND name = '%s'",
                                    spec->table);
      g_assert_cmpint (mkt_test_sql_int (path, strict_sql), ==, 1);

      create = g_strdup_printf ("CREATE TABLE \"%s\" (", spec->table);
      g_assert_nonnull (strstr (schema, create));
    }

  g_assert_nonnull (strstr (schema, "CREATE TABLE local_meta"));
  g_assert_nonnull (strstr (schema, ") STRICT;"));

  /* WAL is a property of the file: another connection sees it. */
  journal_mode = mkt_test_sql_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");

  g_assert_finalize_object (g_steal_pointer (&store));
  mkt_test_remove_dir (dir);
}

/* foreign_keys is a property of the connection: check it by what the store's
 * own connection refuses. */
static void
test_foreign_keys_on (MktTestFixture *f,
                      gconstpointer   data)
{
  const char *tenant_id = mkt_session_get_tenant_id (f->session);
  g_autofree char *good_id = mkt_uuid_new_v7 ();
  g_autofree char *bad_id = mkt_uuid_new_v7 ();
  g_autofree char *no_tenant = mkt_uuid_new_v7 ();
  g_autofree char *no_category = mkt_uuid_new_v7 ();
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  guint n_categories = mkt_test_count (f->session, &mkt_category_spec);

  sql = g_strdup_printf ("INSERT INTO category (tenant_id, id, created_at, updated_at, hlc, name)"
                         " VALUES ('%s', '%s', 1, 1, '000000000001-0000', 'Fine')", tenant_id, good_id);
  mkt_sqlite_store_exec (f->store, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_category_spec), ==, n_categories + 1);

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO category (tenant_id, id, created_at, updated_at, hlc, name)"
                         " VALUES ('%s', '%s', 1, 1, '000000000001-0000', 'Orphan')", no_tenant, bad_id);
  g_assert_false (mkt_sqlite_store_exec (f->store, sql, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "FOREIGN KEY"));
  g_clear_error (&error);

  /* References carry the tenant: (tenant_id, category_id) must exist. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO material (tenant_id, id, created_at, updated_at, hlc, kind, name, unit,"
                         " category_id) VALUES ('%s', '%s', 1, 1, '000000000001-0000', 'yarn', 'X', 'm', '%s')",
                         tenant_id, bad_id, no_category);
  g_assert_false (mkt_sqlite_store_exec (f->store, sql, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "FOREIGN KEY"));

  g_assert_cmpuint (mkt_test_count (f->session, &mkt_category_spec), ==, n_categories + 1);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_material_spec), ==, 0);
}

static void
test_reopen (void)
{
  g_autofree char *dir = mkt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "market.db", NULL);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktRecord) material = NULL;
  g_autoptr(MktRecord) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *schema_before = NULL;
  g_autofree char *schema_after = NULL;
  g_autofree char *row_before = NULL;
  g_autofree char *row_after = NULL;
  g_autofree char *meta = NULL;

  store = mkt_sqlite_store_new (path, &error);
  g_assert_no_error (error);
  session = mkt_test_session_new_tenant (MKT_STORE (store), "Reopened", NULL);
  tenant_id = g_strdup (mkt_session_get_tenant_id (session));
  material = mkt_test_create_material (session, "Merino DK", "MER-DK");
  row_before = mkt_test_record_to_string (material);
  mkt_sqlite_store_set_meta (store, "device_id", "dev-1", &error);
  g_assert_no_error (error);
  schema_before = mkt_sqlite_store_dump_schema (store);

  g_assert_finalize_object (g_steal_pointer (&session));
  g_assert_finalize_object (g_steal_pointer (&store));

  /* Migrating again would fail (the tables exist) or change the schema. */
  store = mkt_sqlite_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpuint (mkt_sqlite_store_get_version (store), ==, MKT_SCHEMA_VERSION);
  schema_after = mkt_sqlite_store_dump_schema (store);
  g_assert_cmpstr (schema_after, ==, schema_before);

  meta = mkt_sqlite_store_get_meta (store, "device_id");
  g_assert_cmpstr (meta, ==, "dev-1");
  g_assert_null (mkt_sqlite_store_get_meta (store, "never-set"));

  again = mkt_store_get (MKT_STORE (store), &mkt_material_spec, tenant_id,
                         mkt_record_get_id (material), &error);
  g_assert_no_error (error);
  row_after = mkt_test_record_to_string (again);
  g_assert_cmpstr (row_after, ==, row_before);

  g_assert_finalize_object (g_steal_pointer (&store));
  mkt_test_remove_dir (dir);
}

/* A file written by schema 1 is brought to the newest schema with its data:
 * the new tables appear, the fields added to old tables are empty, and the
 * rows are those it had. */
static void
test_migrate_from_version_1 (void)
{
  g_autofree char *dir = mkt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "market.db", NULL);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = NULL;

  store = mkt_sqlite_store_new_at_version (path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mkt_sqlite_store_get_version (store), ==, 1);
  g_assert_finalize_object (g_steal_pointer (&store));

  g_assert_cmpint (mkt_test_sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'product'"), ==, 0);
  mkt_test_sql_exec (path,
                     "PRAGMA foreign_keys = ON;"
                     "INSERT INTO tenant (tenant_id, id, created_at, updated_at, hlc, name, currency)"
                     " VALUES ('t', 't', 1, 1, '000000000001-0000', 'Shop', 'EUR');"
                     "INSERT INTO material (tenant_id, id, created_at, updated_at, hlc, kind, name, unit)"
                     " VALUES ('t', 'm', 1, 1, '000000000001-0000', 'yarn', 'Merino', 'yd');"
                     "INSERT INTO stock_movement (tenant_id, id, created_at, hlc, material_id, kind, quantity, occurred_at)"
                     " VALUES ('t', 's', 1, '000000000001-0000', 'm', 'purchase', 364000000, 1);");

  store = mkt_sqlite_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mkt_sqlite_store_get_version (store), ==, MKT_SCHEMA_VERSION);
  g_assert_finalize_object (g_steal_pointer (&store));

  g_assert_cmpint (mkt_test_sql_int (path, "PRAGMA user_version"), ==, MKT_SCHEMA_VERSION);
  g_assert_cmpint (mkt_test_sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'product'"), ==, 1);
  g_assert_cmpint (mkt_test_sql_int (path, "SELECT count(*) FROM material WHERE name = 'Merino'"), ==, 1);
  g_assert_cmpint (mkt_test_sql_int (path, "SELECT quantity FROM stock_movement WHERE id = 's'"), ==, 364000000);
  g_assert_cmpint (mkt_test_sql_int (path, "SELECT count(*) FROM stock_movement WHERE production_run_id IS NULL"), ==, 1);

  /* The upgraded table has the same columns, in the same order, as a new one. */
  columns = table_columns (path, "stock_movement");
  {
    g_autoptr(GPtrArray) expected = expected_columns (&mkt_stock_movement_spec);

    g_assert_cmpuint (columns->len, ==, expected->len);
    for (guint c = 0; c < expected->len; c++)
      g_assert_cmpstr (g_ptr_array_index (columns, c), ==, g_ptr_array_index (expected, c));
  }

  mkt_test_remove_dir (dir);
}

/* Every way to the newest schema ends with the same schema: a new file, and
 * files of each older version brought up to date. */
static void
test_migrate_paths_agree (void)
{
  g_autofree char *dir = mkt_test_make_dir ();
  g_autofree char *fresh_path = g_build_filename (dir, "fresh.db", NULL);
  g_autoptr(MktSqliteStore) fresh = NULL;
  g_autofree char *fresh_schema = NULL;
  g_autoptr(GError) error = NULL;

  fresh = mkt_sqlite_store_new (fresh_path, &error);
  g_assert_no_error (error);
  fresh_schema = mkt_sqlite_store_dump_schema (fresh);

  for (guint version = 1; version < MKT_SCHEMA_VERSION; version++)
    {
      g_autofree char *name = g_strdup_printf ("from-%u.db", version);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(MktSqliteStore) old = mkt_sqlite_store_new_at_version (path, version, &error);
      g_autoptr(MktSqliteStore) upgraded = NULL;
      g_autofree char *schema = NULL;

      g_assert_no_error (error);
      g_assert_finalize_object (g_steal_pointer (&old));

      upgraded = mkt_sqlite_store_new (path, &error);
      g_assert_no_error (error);
      schema = mkt_sqlite_store_dump_schema (upgraded);

      /* Columns added later sit at the end of their table's CREATE as
       * ALTER TABLE writes them; compare the sets of statements. */
      {
        g_auto(GStrv) a = g_strsplit (schema, ";\n", -1);
        g_auto(GStrv) b = g_strsplit (fresh_schema, ";\n", -1);

        g_test_message ("from version %u", version);
        g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
        for (guint i = 0; b[i] != NULL; i++)
          if (!g_str_has_prefix (b[i], "CREATE TABLE"))
            g_assert_true (g_strv_contains ((const char * const *)a, b[i]));
      }
      g_assert_finalize_object (g_steal_pointer (&upgraded));
    }

  g_assert_finalize_object (g_steal_pointer (&fresh));
  mkt_test_remove_dir (dir);
}

/* The version alone decides whether to migrate; a failed migration leaves
 * the file as it was. */
static void
test_migration_failure_rolls_back (void)
{
  g_autofree char *dir = mkt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "market.db", NULL);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = mkt_sqlite_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&store));

  mkt_test_sql_exec (path, "PRAGMA user_version = 0; CREATE TABLE marker (x INTEGER);");

  store = mkt_sqlite_store_new (path, &error);
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "schema 1"));

  g_assert_cmpint (mkt_test_sql_int (path, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (mkt_test_sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'marker'"), ==, 1);

  mkt_test_remove_dir (dir);
}

static void
test_schema_too_new (void)
{
  g_autofree char *dir = mkt_test_make_dir ();
  g_autofree char *fresh = g_build_filename (dir, "fresh.db", NULL);
  g_autofree char *used = g_build_filename (dir, "used.db", NULL);
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", MKT_SCHEMA_VERSION + 1);
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GError) error = NULL;

  /* A file a newer version made and nothing else wrote to. */
  mkt_test_sql_exec (fresh, bump);
  store = mkt_sqlite_store_new (fresh, &error);
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_SCHEMA_TOO_NEW);
  g_assert_null (store);
  g_clear_error (&error);
  g_assert_cmpint (mkt_test_sql_int (fresh, "SELECT count(*) FROM sqlite_schema"), ==, 0);
  g_assert_cmpint (mkt_test_sql_int (fresh, "PRAGMA user_version"), ==, MKT_SCHEMA_VERSION + 1);

  /* A file of ours that a newer version migrated further. */
  store = mkt_sqlite_store_new (used, &error);
  g_assert_no_error (error);
  session = mkt_test_session_new_tenant (MKT_STORE (store), "Newer", NULL);
  g_assert_finalize_object (g_steal_pointer (&session));
  g_assert_finalize_object (g_steal_pointer (&store));

  mkt_test_sql_exec (used, bump);
  store = mkt_sqlite_store_new (used, &error);
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_SCHEMA_TOO_NEW);
  g_assert_null (store);
  g_assert_cmpint (mkt_test_sql_int (used, "SELECT count(*) FROM tenant"), ==, 1);

  mkt_test_remove_dir (dir);
}

#endif

/* Tenants -------------------------------------------------------------------- */

static void
test_tenant_isolation (MktTestFixture *f,
                       gconstpointer   data)
{
  g_autoptr(MktSession) other = mkt_test_session_new_tenant (MKT_STORE (f->store), "Other Crafts", &f->now_ms);
  const char *tenant_a = mkt_session_get_tenant_id (f->session);
  const char *tenant_b = mkt_session_get_tenant_id (other);
  g_autoptr(MktRecord) mine = mkt_test_create_material (f->session, "Mine", "SKU-1");
  g_autoptr(MktRecord) theirs = mkt_test_create_material (other, "Theirs", "SKU-1");
  g_autoptr(MktRecord) trashed = mkt_test_create_material (other, "Their Trash", NULL);
  g_autoptr(MktRecord) got = NULL;
  g_autoptr(MktRecord) edit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs_before = NULL;
  g_autofree char *theirs_after = NULL;
  const MktDeletedFilter filters[] = { MKT_DELETED_EXCLUDE, MKT_DELETED_ONLY, MKT_DELETED_INCLUDE };

  mkt_session_delete (other, &mkt_material_spec, mkt_record_get_id (trashed), &error);
  g_assert_no_error (error);

  /* Lists, whatever they ask for. */
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(MktQuery) query = mkt_query_new ();
      g_autofree char *got_titles = NULL;

      mkt_query_set_deleted (query, filters[i]);
      got_titles = mkt_test_list_titles (MKT_STORE (f->store), tenant_a, query);
      g_assert_cmpstr (got_titles, ==, filters[i] == MKT_DELETED_ONLY ? "" : "Mine");
    }

  {
    g_autoptr(MktQuery) query = mkt_query_new ();
    g_autofree char *got_titles = NULL;

    mkt_query_set_deleted (query, MKT_DELETED_INCLUDE);
    mkt_query_set_search (query, "their");
    got_titles = mkt_test_list_titles (MKT_STORE (f->store), tenant_a, query);
    g_assert_cmpstr (got_titles, ==, "");
  }

  {
    g_autoptr(MktQuery) query = mkt_query_new ();
    g_autofree char *got_titles = NULL;

    mkt_query_add_filter (query, "id", MKT_FILTER_EQ, g_variant_new_string (mkt_record_get_id (theirs)));
    got_titles = mkt_test_list_titles (MKT_STORE (f->store), tenant_a, query);
    g_assert_cmpstr (got_titles, ==, "");
  }

  {
    g_autoptr(MktQuery) query = mkt_query_new ();
    g_autofree char *got_titles = mkt_test_list_titles (MKT_STORE (f->store), tenant_b, query);

    g_assert_cmpstr (got_titles, ==, "Theirs");
  }

  /* No query: every active row, of this tenant only. */
  {
    g_autoptr(GPtrArray) rows = NULL;
    g_autofree char *got_titles = NULL;
    char *next = NULL;

    rows = mkt_session_list (f->session, &mkt_material_spec, NULL, &next, &error);
    g_assert_no_error (error);
    got_titles = mkt_test_titles (rows);
    g_assert_cmpstr (got_titles, ==, "Mine");
    g_assert_null (next);
  }

  /* Reads by id. */
  got = mkt_store_get (MKT_STORE (f->store), &mkt_material_spec, tenant_a, mkt_record_get_id (theirs), &error);
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_assert_null (got);
  g_clear_error (&error);

  got = mkt_session_get_any (f->session, &mkt_material_spec, mkt_record_get_id (trashed), &error);
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_assert_null (got);
  g_clear_error (&error);

  got = mkt_session_get (f->session, &mkt_tenant_spec, tenant_b, &error);
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_assert_null (got);
  g_clear_error (&error);

  got = mkt_store_get (MKT_STORE (f->store), &mkt_material_spec, tenant_b, mkt_record_get_id (theirs), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mkt_record_get_title (got), ==, "Theirs");
  g_clear_object (&got);

  /* Changes. */
  theirs_before = mkt_test_record_to_string (theirs);
  edit = mkt_record_copy (theirs);
  mkt_record_clear_dirty (edit);
  mkt_record_set_string (edit, "name", "Stolen");
  g_assert_false (mkt_session_update (f->session, edit, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (mkt_session_delete (f->session, &mkt_material_spec, mkt_record_get_id (theirs), &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (mkt_session_restore (f->session, &mkt_material_spec, mkt_record_get_id (trashed), &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  got = mkt_session_get (other, &mkt_material_spec, mkt_record_get_id (theirs), &error);
  g_assert_no_error (error);
  theirs_after = mkt_test_record_to_string (got);
  g_assert_cmpstr (theirs_after, ==, theirs_before);

  /* Each tenant sees only its own audit trail. */
  {
    g_autoptr(GPtrArray) audit = mkt_test_list_where (f->session, &mkt_audit_spec, "entity_id",
                                                      mkt_record_get_id (theirs));
    g_assert_cmpuint (audit->len, ==, 0);
  }
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_material_spec), ==, 1);
  g_assert_cmpuint (mkt_test_count (other, &mkt_material_spec), ==, 2);
  g_assert_cmpstr (mkt_record_get_tenant_id (mine), ==, tenant_a);

  g_assert_finalize_object (g_steal_pointer (&other));
}

/* Append-only tables ---------------------------------------------------------- */

static void
assert_exec_refused (MktTestFixture *f,
                     const char     *sql)
{
  g_autofree char *before = mkt_test_snapshot (f->session);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_test_message ("%s", sql);
  g_assert_false (mkt_test_store_exec (f, sql, &error));
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_READ_ONLY);

  after = mkt_test_snapshot (f->session);
  g_assert_cmpstr (after, ==, before);
}

static void
test_append_only (MktTestFixture *f,
                  gconstpointer   data)
{
  g_autoptr(MktRecord) material = mkt_test_create_material (f->session, "Merino", NULL);
  g_autoptr(MktRecord) movement = mkt_test_create_movement (f->session, mkt_record_get_id (material),
                                                            "purchase", "10", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *update_audit = g_strdup_printf ("UPDATE audit_log SET action = 'update' WHERE entity_id = '%s'",
                                                   mkt_record_get_id (material));
  g_autofree char *delete_audit_row = g_strdup_printf ("DELETE FROM audit_log WHERE entity_id = '%s'",
                                                       mkt_record_get_id (material));
  g_autofree char *delete_movement = g_strdup_printf ("DELETE FROM stock_movement WHERE id = '%s'",
                                                      mkt_record_get_id (movement));

  g_assert_cmpuint (mkt_test_count (f->session, &mkt_audit_spec), ==, 3);

  assert_exec_refused (f, update_audit);
  assert_exec_refused (f, "UPDATE audit_log SET old_values = NULL");
  assert_exec_refused (f, delete_audit_row);
  assert_exec_refused (f, "DELETE FROM audit_log");
  assert_exec_refused (f, "UPDATE stock_movement SET quantity = 1");
  assert_exec_refused (f, "UPDATE stock_movement SET reason = 'edited'");
  assert_exec_refused (f, delete_movement);
  assert_exec_refused (f, "UPDATE change SET op = 'delete'");

  /* A ledger row leaves with its owner once that is in the trash (what a
   * purge does). */
  mkt_session_delete (f->session, &mkt_material_spec, mkt_record_get_id (material), &error);
  g_assert_no_error (error);
  assert_exec_refused (f, "UPDATE stock_movement SET quantity = 1");
  mkt_test_store_exec (f, delete_movement, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_stock_movement_spec), ==, 0);
}

/* JSON text ------------------------------------------------------------------ */

static const MktFieldSpec json_text_fields[] = {
  { .name = "text", .type = MKT_FIELD_TEXT },
  { .name = "notes", .type = MKT_FIELD_LONG_TEXT },
  { .name = "count", .type = MKT_FIELD_INT },
  { .name = "active", .type = MKT_FIELD_BOOL },
  { .name = "price", .type = MKT_FIELD_MONEY },
  { .name = "amount", .type = MKT_FIELD_QUANTITY },
  { .name = "due", .type = MKT_FIELD_TIMESTAMP },
  { .name = "kind", .type = MKT_FIELD_ENUM },
  { .name = "attributes", .type = MKT_FIELD_JSON },
  { .name = "other_id", .type = MKT_FIELD_REF, .ref = "material" },
  { .name = "device", .type = MKT_FIELD_UUID },
  { .name = "unit", .type = MKT_FIELD_UNIT },
  { .name = "currency", .type = MKT_FIELD_CURRENCY },
  { .name = "email", .type = MKT_FIELD_EMAIL },
};

static const MktEntitySpec json_text_spec = {
  .name = "json_text", .table = "json_text", .kind = MKT_ENTITY_MUTABLE, .since = 1,
  .fields = json_text_fields, .n_fields = G_N_ELEMENTS (json_text_fields),
};

static const MktEntitySpec json_text_log_spec = {
  .name = "json_text_log", .table = "json_text_log", .kind = MKT_ENTITY_LOG, .since = 1,
  .fields = json_text_fields, .n_fields = G_N_ELEMENTS (json_text_fields),
};

/* mkt_record_append_json() writes what json_to_string() makes of
 * mkt_record_to_json(), byte for byte, and that text parses back. */
static void
assert_json_text_agrees (MktRecord *record)
{
  g_autoptr(JsonObject) object = mkt_record_to_json (record);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *expected = json_to_string (node, FALSE);
  g_autoptr(GString) text = g_string_new ("[");
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;

  mkt_record_append_json (record, text);
  g_assert_cmpstr (text->str + 1, ==, expected);

  parsed = json_from_string (text->str + 1, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (parsed, node));
}

static void
set_string_field (MktRecord  *record,
                  const char *field,
                  const char *value)
{
  mkt_record_take_value (record, mkt_entity_spec_field_index (mkt_record_get_spec (record), field),
                         value != NULL ? g_variant_new_string (value) : NULL);
}

static void
set_int_field (MktRecord  *record,
               const char *field,
               gint64      value)
{
  mkt_record_take_value (record, mkt_entity_spec_field_index (mkt_record_get_spec (record), field),
                         g_variant_new_int64 (value));
}

static void
test_record_json_text (void)
{
  static const char * const texts[] = {
    "", "plain", "Ærø “quoted” € 😀 \u2028 \u00a0", "\"\\/", "tab\there\nnew\rline\b\f",
    "\x01\x02\x07\x0b\x0e\x1e\x7f", "</script>", "a\\\\u0041",
  };
  static const char * const attributes[] = {
    "{}", "{\"needle\":\"4 mm\",\"n\":3,\"f\":1.5,\"tiny\":0.1,\"big\":1e300,\"neg\":-2,\"ok\":true,\"none\":null}",
    "{\"nested\":{\"list\":[1,\"two\",[3],{}],\"s\":\"é\\n\\u0001\"}}",
    "{ \"spaced\" : [ 1 , 2.0 ] }", "not json {", "[1,2]",
  };
  static const gint64 times[] = {
    1, -1, 1764148200000000, 1764148200250000, 1764148200000001, -30610224000000000,
    -30610224000000001, 253402300799999999, 951782400000000, 4107542400000000, 0,
  };
  static const gint64 numbers[] = { 0, 1, -1, 42, G_MAXINT64, G_MININT64, 1500000, -250 };
  const MktEntitySpec *specs[] = { &json_text_spec, &json_text_log_spec, &mkt_material_spec, &mkt_audit_spec };

  for (guint s = 0; s < G_N_ELEMENTS (specs); s++)
    {
      g_autoptr(MktRecord) empty = mkt_record_new (specs[s]);

      /* Every field null, no id, no times. */
      assert_json_text_agrees (empty);
      mkt_record_set_id (empty, "0b3c4a56-7d8e-4f90-a1b2-c3d4e5f60718");
      mkt_record_set_meta (empty, 1764148200000000, 1764148200250000, 0, "0000019ac0ffee00-0001-dev");
      assert_json_text_agrees (empty);
    }

  for (guint i = 0; i < MAX (G_N_ELEMENTS (texts), MAX (G_N_ELEMENTS (times), G_N_ELEMENTS (attributes))); i++)
    {
      g_autoptr(MktRecord) record = mkt_record_new (&json_text_spec);
      const char *text = texts[i % G_N_ELEMENTS (texts)];
      gint64 number = numbers[i % G_N_ELEMENTS (numbers)];
      gint64 time = times[i % G_N_ELEMENTS (times)];

      mkt_record_set_id (record, text);
      mkt_record_set_meta (record, time, times[(i + 1) % G_N_ELEMENTS (times)], i % 2 ? time : 0, text);
      set_string_field (record, "text", text);
      set_string_field (record, "notes", texts[(i + 1) % G_N_ELEMENTS (texts)]);
      set_int_field (record, "count", number);
      set_int_field (record, "active", i % 2);
      set_int_field (record, "price", -number);
      set_int_field (record, "amount", number);
      if (time != 0)
        set_int_field (record, "due", time);
      set_string_field (record, "kind", text);
      set_string_field (record, "attributes", attributes[i % G_N_ELEMENTS (attributes)]);
      set_string_field (record, "other_id", i % 3 ? text : NULL);
      set_string_field (record, "device", text);
      set_string_field (record, "unit", "m");
      set_string_field (record, "currency", "EUR");
      set_string_field (record, "email", text);
      assert_json_text_agrees (record);
    }

  /* Times written without printf read as mkt_timestamp_format()'s, from
   * year 1 to 9999, with and without a fraction. */
  for (guint i = 0; i < 20000; i++)
    {
      gint64 seconds = (gint64) (g_test_rand_double_range (-62135596800.0, 253402300799.0));
      gint64 usec = seconds * G_USEC_PER_SEC + (i % 2 ? g_test_rand_int_range (0, G_USEC_PER_SEC) : 0);
      g_autofree char *expected = mkt_timestamp_format (usec);
      g_autoptr(GString) text = g_string_new (NULL);

      mkt_timestamp_append (text, usec);
      g_assert_cmpstr (text->str, ==, expected);
    }

  /* Every byte below 0x80 alone. json-glib 1.6 leaves U+001F raw, which
   * RFC 8259 forbids: there the text writes \u001f, the rest agrees. */
  for (guint c = 1; c < 0x80; c++)
    {
      g_autoptr(MktRecord) record = mkt_record_new (&json_text_spec);
      char text[] = { 'a', (char) c, 'b', '\0' };
      g_autoptr(GString) out = g_string_new (NULL);

      set_string_field (record, "text", text);
      if (c != 0x1f)
        {
          assert_json_text_agrees (record);
          continue;
        }
      mkt_record_append_json (record, out);
      g_assert_nonnull (strstr (out->str, "\"text\":\"a\\u001fb\""));
    }
}

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

#ifndef MKT_TEST_STORE_PG
  g_test_add_func ("/store/migrate/empty", test_migrate_empty);
  g_test_add_func ("/store/migrate/reopen", test_reopen);
  g_test_add_func ("/store/migrate/from-version-1", test_migrate_from_version_1);
  g_test_add_func ("/store/migrate/paths-agree", test_migrate_paths_agree);
  g_test_add_func ("/store/migrate/failure-rolls-back", test_migration_failure_rolls_back);
  g_test_add_func ("/store/migrate/too-new", test_schema_too_new);
  mkt_test_add ("/store/foreign-keys", NULL, test_foreign_keys_on);
#endif
  mkt_test_add ("/store/tenant-isolation", NULL, test_tenant_isolation);
  mkt_test_add ("/store/append-only", NULL, test_append_only);
  g_test_add_func ("/store/record/json-text", test_record_json_text);

  return g_test_run ();
}
