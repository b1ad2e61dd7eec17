/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "mkt-test-utils.h"
#include "mkt-uuid.h"

#define N_PAGED_ROWS 57
#define PAGE_SIZE 10

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
  if (spec->kind != MKT_ENTITY_LOG)
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
  g_assert_cmpuint (n_entities, ==, 7);

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

/* Filters, search and sort ------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *kind;
  const char *brand;
  const char *colour;
  const char *sku;
  const char *notes;
  gint64      price;      /* -1: none */
} Row;

static const Row list_rows[] = {
  { "Alpha",          "yarn",      "Acme", NULL,          "A-1",   NULL,             100 },
  { "beta",           "bead",      NULL,   NULL,          NULL,    NULL,             250 },
  { "Gamma",          "yarn",      "Zed",  "Merino Grey", NULL,    NULL,             -1 },
  { "delta",          "fabric",    "acme", NULL,          "MER-1", NULL,             999 },
  { "100% wool",      "yarn",      NULL,   NULL,          NULL,    NULL,             -1 },
  { "100 wool blend", "yarn",      NULL,   NULL,          NULL,    NULL,             -1 },
  { "a_b",            "notion",    NULL,   NULL,          NULL,    NULL,             -1 },
  { "axb",            "notion",    NULL,   NULL,          NULL,    NULL,             -1 },
  { "back\\slash",    "tool",      NULL,   NULL,          NULL,    NULL,             -1 },
  { "Plain",          "packaging", NULL,   NULL,          NULL,    "merino in notes", -1 },
};

static void
create_rows (MktSession *session,
             const Row  *rows,
             guint       n_rows)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(MktRecord) material = mkt_test_material_new (rows[i].kind, rows[i].name, "pc");

      if (rows[i].brand != NULL)
        mkt_record_set_string (material, "brand", rows[i].brand);
      if (rows[i].colour != NULL)
        mkt_record_set_string (material, "colour", rows[i].colour);
      if (rows[i].sku != NULL)
        mkt_record_set_string (material, "sku", rows[i].sku);
      if (rows[i].notes != NULL)
        mkt_record_set_string (material, "notes", rows[i].notes);
      if (rows[i].price >= 0)
        mkt_record_set_int (material, "purchase_price", rows[i].price);
      mkt_session_create (session, material, &error);
      g_assert_no_error (error);
    }
}

/* The titles of @rows joined by "|", in list order. */
static char *
titles (GPtrArray *rows)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (out, "%s%s", i ? "|" : "", mkt_record_get_title (g_ptr_array_index (rows, i)));

  return g_string_free (out, FALSE);
}

static char *
list_titles (MktStore   *store,
             const char *tenant_id,
             MktQuery   *query)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = mkt_store_list (store, &mkt_material_spec, tenant_id, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);

  return titles (rows);
}

typedef struct
{
  const char  *field;
  MktFilterOp  op;
  const char  *text;      /* for "s" fields */
  gint64       number;    /* for "x" fields, when text is NULL and !is_null */
  gboolean     is_null;
} FilterSpec;

static void
test_list_filters (MktTestFixture *f,
                   gconstpointer   data)
{
  const struct
  {
    FilterSpec  filters[2];
    guint       n_filters;
    const char *expected;
  } cases[] = {
    { { { "kind", MKT_FILTER_EQ, "yarn" } }, 1, "Alpha|Gamma|100% wool|100 wool blend" },
    { { { "kind", MKT_FILTER_NE, "yarn" } }, 1, "beta|delta|a_b|axb|back\\slash|Plain" },
    /* Empty prices are neither below nor above anything. */
    { { { "purchase_price", MKT_FILTER_LT, NULL, 250 } }, 1, "Alpha" },
    { { { "purchase_price", MKT_FILTER_LE, NULL, 250 } }, 1, "Alpha|beta" },
    { { { "purchase_price", MKT_FILTER_GE, NULL, 250 } }, 1, "beta|delta" },
    { { { "purchase_price", MKT_FILTER_GT, NULL, 250 } }, 1, "delta" },
    { { { "brand", MKT_FILTER_EQ, NULL, 0, TRUE } }, 1,
      "beta|100% wool|100 wool blend|a_b|axb|back\\slash|Plain" },
    { { { "brand", MKT_FILTER_NE, NULL, 0, TRUE } }, 1, "Alpha|Gamma|delta" },
    { { { "brand", MKT_FILTER_EQ, "Zed" } }, 1, "Gamma" },
    { { { "purchase_price", MKT_FILTER_EQ, NULL, 0, TRUE } }, 1,
      "Gamma|100% wool|100 wool blend|a_b|axb|back\\slash|Plain" },
    /* Conditions combine with AND. */
    { { { "kind", MKT_FILTER_EQ, "yarn" }, { "purchase_price", MKT_FILTER_GE, NULL, 0 } }, 2, "Alpha" },
    { { { "kind", MKT_FILTER_EQ, "yarn" }, { "brand", MKT_FILTER_EQ, NULL, 0, TRUE } }, 2,
      "100% wool|100 wool blend" },
    { { { "kind", MKT_FILTER_EQ, "nothing" } }, 1, "" },
  };
  const char *tenant_id = mkt_session_get_tenant_id (f->session);

  create_rows (f->session, list_rows, G_N_ELEMENTS (list_rows));

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(MktQuery) query = mkt_query_new ();
      g_autofree char *got = NULL;

      for (guint i = 0; i < cases[c].n_filters; i++)
        {
          const FilterSpec *filter = &cases[c].filters[i];
          GVariant *value = NULL;

          if (filter->text != NULL)
            value = g_variant_new_string (filter->text);
          else if (!filter->is_null)
            value = g_variant_new_int64 (filter->number);
          mkt_query_add_filter (query, filter->field, filter->op, value);
        }

      got = list_titles (MKT_STORE (f->store), tenant_id, query);
      g_test_message ("case %u", c);
      g_assert_cmpstr (got, ==, cases[c].expected);
    }
}

static void
test_list_search (MktTestFixture *f,
                  gconstpointer   data)
{
  const struct
  {
    const char *search;
    const char *expected;
  } cases[] = {
    /* Any case, any searchable field: name, brand, colour, sku. */
    { "ALPHA", "Alpha" },
    { "acme", "Alpha|delta" },
    { "mer", "Gamma|delta" },
    { "a-1", "Alpha" },
    { "WOOL", "100% wool|100 wool blend" },
    /* LIKE's wildcards and its escape character are plain text. */
    { "100%", "100% wool" },
    { "%", "100% wool" },
    { "a_b", "a_b" },
    { "_", "a_b" },
    { "\\", "back\\slash" },
    { "k\\s", "back\\slash" },
    /* Notes are not searchable. */
    { "in notes", "" },
    { "nothing like it", "" },
    /* An empty search is no search. */
    { "", "Alpha|beta|Gamma|delta|100% wool|100 wool blend|a_b|axb|back\\slash|Plain" },
  };
  const char *tenant_id = mkt_session_get_tenant_id (f->session);

  create_rows (f->session, list_rows, G_N_ELEMENTS (list_rows));

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(MktQuery) query = mkt_query_new ();
      g_autofree char *got = NULL;

      mkt_query_set_search (query, cases[c].search);
      got = list_titles (MKT_STORE (f->store), tenant_id, query);
      g_test_message ("search “%s”", cases[c].search);
      g_assert_cmpstr (got, ==, cases[c].expected);
    }

  /* Search and filters together; rows in the trash stay out of it. */
  {
    g_autoptr(MktQuery) query = mkt_query_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *id = NULL;
    g_autofree char *got = NULL;

    mkt_query_set_search (query, "wool");
    mkt_query_add_filter (query, "purchase_price", MKT_FILTER_EQ, NULL);
    got = list_titles (MKT_STORE (f->store), tenant_id, query);
    g_assert_cmpstr (got, ==, "100% wool|100 wool blend");

    id = mkt_session_resolve (f->session, &mkt_material_spec, "100% wool", MKT_DELETED_EXCLUDE, &error);
    g_assert_no_error (error);
    mkt_session_delete (f->session, &mkt_material_spec, id, &error);
    g_assert_no_error (error);
    g_clear_pointer (&got, g_free);
    got = list_titles (MKT_STORE (f->store), tenant_id, query);
    g_assert_cmpstr (got, ==, "100 wool blend");
  }
}

static void
test_list_sort (MktTestFixture *f,
                gconstpointer   data)
{
  const struct
  {
    const char *field;
    gboolean    descending;
    const char *expected;
  } cases[] = {
    /* Case-insensitive: "beta" before "Gamma". */
    { "name", FALSE, "Alpha|beta|delta|Gamma" },
    { "name", TRUE, "Gamma|delta|beta|Alpha" },
    /* Empty first going up, last going down; equal values ("Acme" and
     * "acme") in id order, reversed going down. */
    { "brand", FALSE, "beta|Alpha|delta|Gamma" },
    { "brand", TRUE, "Gamma|delta|Alpha|beta" },
    { "purchase_price", FALSE, "Gamma|Alpha|beta|delta" },
    { "purchase_price", TRUE, "delta|beta|Alpha|Gamma" },
    /* No sort field and "id": creation order. */
    { NULL, FALSE, "Alpha|beta|Gamma|delta" },
    { "id", TRUE, "delta|Gamma|beta|Alpha" },
  };
  const char *tenant_id = mkt_session_get_tenant_id (f->session);

  create_rows (f->session, list_rows, 4);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(MktQuery) query = mkt_query_new ();
      g_autofree char *got = NULL;

      mkt_query_set_sort (query, cases[c].field, cases[c].descending);
      got = list_titles (MKT_STORE (f->store), tenant_id, query);
      g_test_message ("sort by %s %s", cases[c].field, cases[c].descending ? "desc" : "asc");
      g_assert_cmpstr (got, ==, cases[c].expected);
    }
}

static void
assert_list_fails (MktStore           *store,
                   const char         *tenant_id,
                   MktQuery           *query,
                   MktValidationError  code,
                   const char         *field)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  char *next = NULL;

  rows = mkt_store_list (store, &mkt_material_spec, tenant_id, query, &next, &error);
  mkt_assert_validation_error (error, code, field);
  g_assert_null (rows);
  g_assert_null (next);
}

static char *
base64url (const char *text)
{
  char *encoded = g_base64_encode ((const guchar *)text, strlen (text));

  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  return encoded;
}

static void
test_list_errors (MktTestFixture *f,
                  gconstpointer   data)
{
  const char *tenant_id = mkt_session_get_tenant_id (f->session);
  MktStore *store = MKT_STORE (f->store);
  g_autofree char *empty_object = base64url ("{}");
  g_autofree char *number_id = base64url ("[1]");
  g_autofree char *three = base64url ("[\"a\", \"b\", \"c\"]");
  g_autofree char *object_value = base64url ("[{\"x\": 1}, \"0190a0a0-0000-7000-8000-000000000000\"]");
  g_autofree char *sorted_cursor = NULL;
  const char *garbage[] = { "garbage!", "", "%%%%", empty_object, number_id, three, NULL };

  create_rows (f->session, list_rows, 4);

  for (guint i = 0; garbage[i] != NULL; i++)
    {
      g_autoptr(MktQuery) query = mkt_query_new ();

      g_test_message ("cursor “%s”", garbage[i]);
      mkt_query_set_cursor (query, garbage[i]);
      assert_list_fails (store, tenant_id, query, MKT_VALIDATION_ERROR_INVALID, "cursor");
    }

  /* A sort value that no column holds. */
  {
    g_autoptr(MktQuery) query = mkt_query_new ();

    mkt_query_set_sort (query, "name", FALSE);
    mkt_query_set_cursor (query, object_value);
    assert_list_fails (store, tenant_id, query, MKT_VALIDATION_ERROR_INVALID, "cursor");
  }

  /* A cursor of a sorted list does not fit an unsorted one. */
  {
    g_autoptr(MktQuery) query = mkt_query_new ();
    g_autoptr(MktQuery) other = mkt_query_new ();
    g_autoptr(GPtrArray) rows = NULL;
    g_autoptr(GError) error = NULL;

    mkt_query_set_sort (query, "name", FALSE);
    mkt_query_set_limit (query, 2);
    rows = mkt_store_list (store, &mkt_material_spec, tenant_id, query, &sorted_cursor, &error);
    g_assert_no_error (error);
    g_assert_nonnull (sorted_cursor);

    mkt_query_set_cursor (other, sorted_cursor);
    assert_list_fails (store, tenant_id, other, MKT_VALIDATION_ERROR_INVALID, "cursor");
  }

  {
    g_autoptr(MktQuery) query = mkt_query_new ();

    mkt_query_set_sort (query, "colour_of_the_sky", FALSE);
    assert_list_fails (store, tenant_id, query, MKT_VALIDATION_ERROR_UNKNOWN_FIELD, "sort");
  }

  {
    g_autoptr(MktQuery) query = mkt_query_new ();

    mkt_query_set_sort (query, "name\" DESC, \"id", FALSE);
    assert_list_fails (store, tenant_id, query, MKT_VALIDATION_ERROR_UNKNOWN_FIELD, "sort");
  }

  {
    g_autoptr(MktQuery) query = mkt_query_new ();

    mkt_query_add_filter (query, "kind", MKT_FILTER_EQ, g_variant_new_string ("yarn"));
    mkt_query_add_filter (query, "flavour", MKT_FILTER_EQ, g_variant_new_string ("mint"));
    assert_list_fails (store, tenant_id, query, MKT_VALIDATION_ERROR_UNKNOWN_FIELD, "flavour");
  }

  {
    g_autoptr(MktQuery) query = mkt_query_new ();

    mkt_query_add_filter (query, "name\" = \"name\" OR \"1", MKT_FILTER_EQ, g_variant_new_string ("x"));
    assert_list_fails (store, tenant_id, query, MKT_VALIDATION_ERROR_UNKNOWN_FIELD,
                       "name\" = \"name\" OR \"1");
  }
}

/* Keyset pagination ---------------------------------------------------------- */

typedef struct
{
  const char *sort;
  gboolean    descending;
  gboolean    with_filter;
} PageCase;

static const PageCase page_cases[] = {
  { NULL, FALSE },
  { NULL, TRUE },
  { "name", FALSE },
  { "name", TRUE },
  { "brand", FALSE },
  { "brand", TRUE },
  { "purchase_price", FALSE },
  { "purchase_price", TRUE },
  { "kind", FALSE },
  { "created_at", FALSE },
  { "created_at", TRUE },
  { "updated_at", TRUE },
  /* A common column that is not a time. */
  { "hlc", FALSE },
  { "hlc", TRUE },
  { "brand", TRUE, TRUE },
  { "purchase_price", FALSE, TRUE },
};

static GVariant *
sort_value (MktRecord  *record,
            const char *field)
{
  int index = mkt_entity_spec_field_index (&mkt_material_spec, field);

  if (index >= 0)
    {
      GVariant *value = mkt_record_get_value (record, index);
      return value != NULL ? g_variant_ref (value) : NULL;
    }
  if (g_str_equal (field, "created_at"))
    return g_variant_ref_sink (g_variant_new_int64 (mkt_record_get_created_at (record)));
  if (g_str_equal (field, "updated_at"))
    return g_variant_ref_sink (g_variant_new_int64 (mkt_record_get_updated_at (record)));
  if (g_str_equal (field, "hlc"))
    return g_variant_ref_sink (g_variant_new_string (mkt_record_get_hlc (record)));

  g_assert_not_reached ();
}

/* The order the store promises: by the field (text ignoring ASCII case,
 * empty before anything), then by id; descending is the exact reverse. */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const PageCase *page_case = user_data;
  MktRecord *ra = *(MktRecord **)a;
  MktRecord *rb = *(MktRecord **)b;
  int result = 0;

  if (page_case->sort != NULL)
    {
      g_autoptr(GVariant) va = sort_value (ra, page_case->sort);
      g_autoptr(GVariant) vb = sort_value (rb, page_case->sort);
      const MktFieldSpec *field = mkt_entity_spec_field (&mkt_material_spec, page_case->sort);

      if (va == NULL || vb == NULL)
        result = (va != NULL) - (vb != NULL);
      else if (g_variant_is_of_type (va, G_VARIANT_TYPE_INT64))
        result = (g_variant_get_int64 (va) > g_variant_get_int64 (vb)) -
                 (g_variant_get_int64 (va) < g_variant_get_int64 (vb));
      else if (field != NULL && field->type == MKT_FIELD_TEXT)
        result = g_ascii_strcasecmp (g_variant_get_string (va, NULL), g_variant_get_string (vb, NULL));
      else
        result = strcmp (g_variant_get_string (va, NULL), g_variant_get_string (vb, NULL));
    }

  if (result == 0)
    result = strcmp (mkt_record_get_id (ra), mkt_record_get_id (rb));

  return page_case->descending ? -result : result;
}

static void
add_case_conditions (MktQuery       *query,
                     const PageCase *page_case)
{
  mkt_query_set_sort (query, page_case->sort, page_case->descending);
  if (page_case->with_filter)
    {
      mkt_query_add_filter (query, "kind", MKT_FILTER_NE, g_variant_new_string ("bead"));
      mkt_query_set_search (query, "a");
    }
}

static void
test_list_paginate (MktTestFixture *f,
                    gconstpointer   data)
{
  const PageCase *page_case = data;
  static const char * const names[] = { "alpha", "Beta", "gamma", "DELTA", "Epsilon", "Alpha", "ALPHA" };
  static const char * const brands[] = { "Acme", "acme", "Zed" };
  static const char * const kinds[] = { "yarn", "bead", "fabric" };
  const char *tenant_id = mkt_session_get_tenant_id (f->session);
  MktStore *store = MKT_STORE (f->store);
  g_autoptr(MktQuery) all_query = mkt_query_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) paged = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  gint64 base_ms = f->now_ms;
  guint n_pages = 0;
  char *no_cursor = NULL;

  /* Names, brands and prices repeat, and some are empty; times go back and
   * forth, so that no field's order is the id order. */
  mkt_session_begin (f->session, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_PAGED_ROWS; i++)
    {
      g_autoptr(MktRecord) material = mkt_test_material_new (kinds[i % 3], names[i % 7], "g");
      g_autofree char *sku = g_strdup_printf ("SKU-%02u", i);

      f->now_ms = base_ms + ((i * 7) % 13) * 1000;
      mkt_record_set_string (material, "sku", sku);
      if (i % 4 != 0)
        mkt_record_set_string (material, "brand", brands[i % 3]);
      if (i % 5 != 0)
        mkt_record_set_int (material, "purchase_price", (i * 37) % 11 * 100);
      mkt_session_create (f->session, material, &error);
      g_assert_no_error (error);
    }
  mkt_session_commit (f->session, &error);
  g_assert_no_error (error);

  /* The whole list in one go is in the promised order. */
  add_case_conditions (all_query, page_case);
  all = mkt_store_list (store, &mkt_material_spec, tenant_id, all_query, &no_cursor, &error);
  g_assert_no_error (error);
  g_assert_null (no_cursor);
  if (!page_case->with_filter)
    g_assert_cmpuint (all->len, ==, N_PAGED_ROWS);
  g_assert_cmpuint (all->len, >, 2 * PAGE_SIZE);

  expected = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    g_ptr_array_add (expected, g_object_ref (g_ptr_array_index (all, i)));
  g_ptr_array_sort_with_data (expected, compare_rows, (gpointer)page_case);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpstr (mkt_record_get_id (g_ptr_array_index (all, i)), ==,
                     mkt_record_get_id (g_ptr_array_index (expected, i)));

  /* Page by page: every row once, in the same order. */
  do
    {
      g_autoptr(MktQuery) query = mkt_query_new ();
      g_autoptr(GPtrArray) page = NULL;
      char *next = NULL;

      add_case_conditions (query, page_case);
      mkt_query_set_limit (query, PAGE_SIZE);
      mkt_query_set_cursor (query, cursor);
      page = mkt_store_list (store, &mkt_material_spec, tenant_id, query, &next, &error);
      g_assert_no_error (error);
      g_assert_nonnull (page);
      g_assert_cmpuint (page->len, <=, PAGE_SIZE);

      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (paged, g_object_ref (g_ptr_array_index (page, i)));

      g_free (cursor);
      cursor = next;
      n_pages++;
      g_assert_cmpuint (n_pages, <=, all->len / PAGE_SIZE + 1);
      if (cursor != NULL)
        g_assert_cmpuint (page->len, ==, PAGE_SIZE);
    }
  while (cursor != NULL);

  g_assert_cmpuint (n_pages, ==, (all->len + PAGE_SIZE - 1) / PAGE_SIZE);
  g_assert_cmpuint (paged->len, ==, all->len);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpstr (mkt_record_get_id (g_ptr_array_index (paged, i)), ==,
                     mkt_record_get_id (g_ptr_array_index (all, i)));
}

/* A page size that divides the list: the last full page has no cursor. */
static void
test_list_last_page (MktTestFixture *f,
                     gconstpointer   data)
{
  const char *tenant_id = mkt_session_get_tenant_id (f->session);
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  char *next = NULL;

  create_rows (f->session, list_rows, 4);

  mkt_query_set_limit (query, 4);
  rows = mkt_store_list (MKT_STORE (f->store), &mkt_material_spec, tenant_id, query, &next, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_null (next);
  g_clear_pointer (&rows, g_ptr_array_unref);

  mkt_query_set_limit (query, 3);
  rows = mkt_store_list (MKT_STORE (f->store), &mkt_material_spec, tenant_id, query, &next, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_nonnull (next);
  g_clear_pointer (&rows, g_ptr_array_unref);

  mkt_query_set_cursor (query, next);
  g_clear_pointer (&next, g_free);
  rows = mkt_store_list (MKT_STORE (f->store), &mkt_material_spec, tenant_id, query, &next, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (mkt_record_get_title (g_ptr_array_index (rows, 0)), ==, "delta");
  g_assert_null (next);
}

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
      got_titles = list_titles (MKT_STORE (f->store), tenant_a, query);
      g_assert_cmpstr (got_titles, ==, filters[i] == MKT_DELETED_ONLY ? "" : "Mine");
    }

  {
    g_autoptr(MktQuery) query = mkt_query_new ();
    g_autofree char *got_titles = NULL;

    mkt_query_set_deleted (query, MKT_DELETED_INCLUDE);
    mkt_query_set_search (query, "their");
    got_titles = list_titles (MKT_STORE (f->store), tenant_a, query);
    g_assert_cmpstr (got_titles, ==, "");
  }

  {
    g_autoptr(MktQuery) query = mkt_query_new ();
    g_autofree char *got_titles = NULL;

    mkt_query_add_filter (query, "id", MKT_FILTER_EQ, g_variant_new_string (mkt_record_get_id (theirs)));
    got_titles = list_titles (MKT_STORE (f->store), tenant_a, query);
    g_assert_cmpstr (got_titles, ==, "");
  }

  {
    g_autoptr(MktQuery) query = mkt_query_new ();
    g_autofree char *got_titles = list_titles (MKT_STORE (f->store), tenant_b, query);

    g_assert_cmpstr (got_titles, ==, "Theirs");
  }

  /* No query: every active row, of this tenant only. */
  {
    g_autoptr(GPtrArray) rows = NULL;
    g_autofree char *got_titles = NULL;
    char *next = NULL;

    rows = mkt_session_list (f->session, &mkt_material_spec, NULL, &next, &error);
    g_assert_no_error (error);
    got_titles = titles (rows);
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
  g_assert_false (mkt_sqlite_store_exec (f->store, sql, &error));
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
  mkt_sqlite_store_exec (f->store, delete_movement, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mkt_test_count (f->session, &mkt_stock_movement_spec), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/migrate/empty", test_migrate_empty);
  g_test_add_func ("/store/migrate/reopen", test_reopen);
  g_test_add_func ("/store/migrate/failure-rolls-back", test_migration_failure_rolls_back);
  g_test_add_func ("/store/migrate/too-new", test_schema_too_new);
  mkt_test_add ("/store/foreign-keys", NULL, test_foreign_keys_on);
  mkt_test_add ("/store/list/filters", NULL, test_list_filters);
  mkt_test_add ("/store/list/search", NULL, test_list_search);
  mkt_test_add ("/store/list/sort", NULL, test_list_sort);
  mkt_test_add ("/store/list/errors", NULL, test_list_errors);
  mkt_test_add ("/store/list/last-page", NULL, test_list_last_page);

  for (guint i = 0; i < G_N_ELEMENTS (page_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/store/list/paginate/%s/%s%s",
                                               page_cases[i].sort ? page_cases[i].sort : "id",
                                               page_cases[i].descending ? "desc" : "asc",
                                               page_cases[i].with_filter ? "-filtered" : "");
      mkt_test_add (path, &page_cases[i], test_list_paginate);
    }

  mkt_test_add ("/store/tenant-isolation", NULL, test_tenant_isolation);
  mkt_test_add ("/store/append-only", NULL, test_append_only);

  return g_test_run ();
}
