/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-test-utils"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "mkt-production.h"
#include "mkt-settings.h"
#include "mkt-stock.h"
#include "mkt-test-utils.h"
#include "mkt-time.h"
#include "mkt-uuid.h"

/* Folders -------------------------------------------------------------------- */

char *
mkt_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("mkt-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);

  return dir;
}

void
mkt_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = NULL;
  const char *name;

  if (dir == NULL)
    return;

  handle = g_dir_open (dir, 0, NULL);
  if (handle == NULL)
    return;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        mkt_test_remove_dir (child);
      else
        g_assert_cmpint (g_unlink (child), ==, 0);
    }

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Sessions ------------------------------------------------------------------- */

gint64
mkt_test_clock_now (gpointer user_data)
{
  return *(gint64 *)user_data;
}

/**
 * mkt_test_session_new_tenant:
 * @store: a store
 * @name: the business's name
 * @now_ms: (nullable): the fake clock the session reads, or %NULL for the
 *   real one
 *
 * Returns: (transfer full): a session of a new tenant (USD) whose tenant row
 *   exists, acting as a new user on a new device
 */
MktSession *
mkt_test_session_new_tenant (MktStore   *store,
                             const char *name,
                             gint64     *now_ms)
{
  g_autofree char *tenant_id = mkt_uuid_new_v7 ();
  g_autofree char *user_id = mkt_uuid_new_v7 ();
  g_autofree char *device_id = mkt_uuid_new_v7 ();
  g_autoptr(MktSession) session = mkt_session_new (store, tenant_id, user_id, device_id);
  g_autoptr(MktRecord) tenant = mkt_record_new (&mkt_tenant_spec);
  g_autoptr(GError) error = NULL;

  if (now_ms != NULL)
    mkt_session_set_clock (session, mkt_test_clock_now, now_ms);

  mkt_record_set_id (tenant, tenant_id);
  mkt_record_set_string (tenant, "name", name);
  mkt_record_set_string (tenant, "currency", "USD");
  mkt_session_create (session, tenant, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&session);
}

void
mkt_test_fixture_setup (MktTestFixture *fixture,
                        gconstpointer   data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = mkt_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "market.db", NULL);
  fixture->store = mkt_sqlite_store_new (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);

  /* Whole seconds near the real time: timestamps read back exactly. */
  fixture->now_ms = g_get_real_time () / G_USEC_PER_SEC * 1000;
  fixture->session = mkt_test_session_new_tenant (MKT_STORE (fixture->store), "Test Crafts",
                                                  &fixture->now_ms);
}

void
mkt_test_fixture_teardown (MktTestFixture *fixture,
                           gconstpointer   data)
{
  /* A test may close them itself (to open the file again). */
  if (fixture->session != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->session));
  if (fixture->store != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->store));
  mkt_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/**
 * mkt_test_add:
 * @path: the test's path
 * @data: what @func gets as its data
 * @func: the test, run between mkt_test_fixture_setup() and
 *   mkt_test_fixture_teardown()
 */
void
mkt_test_add (const char         *path,
              gconstpointer       data,
              MktTestFixtureFunc  func)
{
  g_test_add_vtable (path, sizeof (MktTestFixture), data,
                     (GTestFixtureFunc)mkt_test_fixture_setup,
                     (GTestFixtureFunc)func,
                     (GTestFixtureFunc)mkt_test_fixture_teardown);
}

/* Rows ----------------------------------------------------------------------- */

MktRecord *
mkt_test_material_new (const char *kind,
                       const char *name,
                       const char *unit)
{
  MktRecord *material = mkt_record_new (&mkt_material_spec);

  mkt_record_set_string (material, "kind", kind);
  mkt_record_set_string (material, "name", name);
  mkt_record_set_string (material, "unit", unit);

  return material;
}

MktRecord *
mkt_test_create_material (MktSession *session,
                          const char *name,
                          const char *sku)
{
  g_autoptr(MktRecord) material = mkt_test_material_new ("yarn", name, "m");
  g_autoptr(GError) error = NULL;

  if (sku != NULL)
    mkt_record_set_string (material, "sku", sku);
  mkt_session_create (session, material, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&material);
}

MktRecord *
mkt_test_create_category (MktSession *session,
                          const char *name)
{
  g_autoptr(MktRecord) category = mkt_record_new (&mkt_category_spec);
  g_autoptr(GError) error = NULL;

  mkt_record_set_string (category, "name", name);
  mkt_session_create (session, category, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&category);
}

MktRecord *
mkt_test_create_movement (MktSession *session,
                          const char *material_id,
                          const char *kind,
                          const char *quantity,
                          const char *reason)
{
  g_autoptr(MktRecord) movement = mkt_record_new (&mkt_stock_movement_spec);
  g_autoptr(GError) error = NULL;

  mkt_record_set_string (movement, "material_id", material_id);
  mkt_record_set_string (movement, "kind", kind);
  mkt_record_set_from_text (movement, "quantity", quantity, NULL, &error);
  g_assert_no_error (error);
  mkt_record_set_int (movement, "occurred_at", mkt_session_now (session));
  if (reason != NULL)
    mkt_record_set_string (movement, "reason", reason);
  mkt_session_create (session, movement, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&movement);
}

static GPtrArray *
list_all (MktSession          *session,
          const MktEntitySpec *spec,
          MktQuery            *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  mkt_query_set_deleted (query, MKT_DELETED_INCLUDE);
  rows = mkt_session_list (session, spec, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);

  return rows;
}

/* Every row of @spec of the session's tenant, in the trash or not, as the
 * session's own connection sees it (uncommitted work included). */
guint
mkt_test_count (MktSession          *session,
                const MktEntitySpec *spec)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) rows = list_all (session, spec, query);

  return rows->len;
}

/**
 * mkt_test_list_where:
 *
 * Returns: (transfer container): the rows of @spec, in the trash or not,
 *   whose @field is @value, oldest first
 */
GPtrArray *
mkt_test_list_where (MktSession          *session,
                     const MktEntitySpec *spec,
                     const char          *field,
                     const char          *value)
{
  g_autoptr(MktQuery) query = mkt_query_new ();

  mkt_query_add_filter (query, field, MKT_FILTER_EQ, g_variant_new_string (value));
  return list_all (session, spec, query);
}

char *
mkt_test_record_to_string (MktRecord *record)
{
  g_autoptr(JsonObject) object = mkt_record_to_json (record);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/* Every row of the tenant's data, ledger, audit and outbox tables, values and
 * common columns included: equal snapshots mean nothing was written. */
char *
mkt_test_snapshot (MktSession *session)
{
  const MktEntitySpec *specs[] = {
    &mkt_category_spec, &mkt_material_spec, &mkt_stock_movement_spec,
    &mkt_component_spec, &mkt_product_spec, &mkt_part_spec,
    &mkt_production_run_spec, &mkt_product_movement_spec, &mkt_cost_spec,
    &mkt_audit_spec, &mkt_change_spec,
  };
  GString *out = g_string_new (NULL);

  for (guint s = 0; s < G_N_ELEMENTS (specs); s++)
    {
      g_autoptr(MktQuery) query = mkt_query_new ();
      g_autoptr(GPtrArray) rows = list_all (session, specs[s], query);

      g_string_append_printf (out, "%s: %u rows\n", specs[s]->table, rows->len);
      for (guint r = 0; r < rows->len; r++)
        {
          g_autofree char *text = mkt_test_record_to_string (g_ptr_array_index (rows, r));
          g_string_append_printf (out, "  %s\n", text);
        }
    }

  return g_string_free (out, FALSE);
}

/**
 * mkt_test_parse_object:
 * @json: (nullable): the text of a JSON object
 *
 * Returns: (transfer full) (nullable): the object, %NULL for %NULL
 */
JsonObject *
mkt_test_parse_object (const char *json)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  if (json == NULL)
    return NULL;

  node = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

/* Lists ---------------------------------------------------------------------- */

/* The titles of @rows joined by "|", in list order. */
char *
mkt_test_titles (GPtrArray *rows)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (out, "%s%s", i ? "|" : "", mkt_record_get_title (g_ptr_array_index (rows, i)));

  return g_string_free (out, FALSE);
}

/* The titles of the materials of @tenant_id that @query lists, as
 * mkt_test_titles() joins them. */
char *
mkt_test_list_titles (MktStore   *store,
                      const char *tenant_id,
                      MktQuery   *query)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = mkt_store_list (store, &mkt_material_spec, tenant_id, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);

  return mkt_test_titles (rows);
}

/* Mutations and their logs --------------------------------------------------- */

/* @actual and @expected hold the same JSON (members in any order), or are
 * both %NULL. */
#define assert_json_equal(actual, expected) \
  G_STMT_START { \
    const char *actual_ = (actual), *expected_ = (expected); \
    if (expected_ == NULL || actual_ == NULL) \
      g_assert_cmpstr (actual_, ==, expected_); \
    else \
      { \
        g_autoptr(JsonNode) a_ = json_from_string (actual_, NULL); \
        g_autoptr(JsonNode) e_ = json_from_string (expected_, NULL); \
        g_assert_nonnull (a_); \
        g_assert_nonnull (e_); \
        if (!json_node_equal (a_, e_)) \
          g_assert_cmpstr (actual_, ==, expected_); \
      } \
  } G_STMT_END

/* @ms as the ISO 8601 text the audit log and the outbox hold. */
char *
mkt_test_iso (gint64 ms)
{
  return mkt_timestamp_format (ms * 1000);
}

/* The log rows (audit or change) of one row, oldest first. */
GPtrArray *
mkt_test_log_rows (MktTestFixture      *f,
                   const MktEntitySpec *spec,
                   const char          *row_id)
{
  return mkt_test_list_where (f->session, spec, spec == &mkt_audit_spec ? "entity_id" : "row_id", row_id);
}

/* The newest log row of @row_id, checking that there are @n_expected. */
MktRecord *
mkt_test_last_log_row (MktTestFixture      *f,
                       const MktEntitySpec *spec,
                       const char          *row_id,
                       guint                n_expected)
{
  g_autoptr(GPtrArray) rows = mkt_test_log_rows (f, spec, row_id);

  g_assert_cmpuint (rows->len, ==, n_expected);
  return g_object_ref (g_ptr_array_index (rows, rows->len - 1));
}

/* Checks the audit row and outbox change of the last mutation of @row. */
void
mkt_test_assert_logged (MktTestFixture *f,
                        MktRecord      *row,
                        guint           n_mutations,
                        const char     *action,
                        const char     *old_values,
                        const char     *new_values)
{
  const char *id = mkt_record_get_id (row);
  g_autoptr(MktRecord) audit = mkt_test_last_log_row (f, &mkt_audit_spec, id, n_mutations);
  g_autoptr(MktRecord) change = mkt_test_last_log_row (f, &mkt_change_spec, id, n_mutations);

  g_assert_cmpstr (mkt_record_get_string (audit, "action"), ==, action);
  g_assert_cmpstr (mkt_record_get_string (audit, "entity"), ==, mkt_record_get_spec (row)->name);
  g_assert_cmpstr (mkt_record_get_string (audit, "user_id"), ==, mkt_session_get_user_id (f->session));
  g_assert_cmpstr (mkt_record_get_string (audit, "session_id"), ==, mkt_session_get_session_id (f->session));
  assert_json_equal (mkt_record_get_string (audit, "old_values"), old_values);
  assert_json_equal (mkt_record_get_string (audit, "new_values"), new_values);
  g_assert_cmpint (mkt_record_get_created_at (audit), ==, f->now_ms * 1000);

  g_assert_cmpstr (mkt_record_get_string (change, "op"), ==, action);
  g_assert_cmpstr (mkt_record_get_string (change, "entity"), ==, mkt_record_get_spec (row)->name);
  g_assert_cmpstr (mkt_record_get_string (change, "device_id"), ==, mkt_session_get_device_id (f->session));
  g_assert_cmpstr (mkt_record_get_string (change, "user_id"), ==, mkt_session_get_user_id (f->session));
  assert_json_equal (mkt_record_get_string (change, "fields"), new_values);
  g_assert_nonnull (mkt_record_get_hlc (row));
  g_assert_cmpstr (mkt_record_get_string (change, "hlc"), ==, mkt_record_get_hlc (row));
}

/**
 * mkt_test_get_row:
 *
 * Returns: (transfer full): the row @id of @spec, in the trash or not
 */
MktRecord *
mkt_test_get_row (MktTestFixture      *f,
                  const MktEntitySpec *spec,
                  const char          *id)
{
  g_autoptr(GError) error = NULL;
  MktRecord *row = mkt_session_get_any (f->session, spec, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (row);

  return row;
}

void
mkt_test_delete_row (MktTestFixture      *f,
                     const MktEntitySpec *spec,
                     MktRecord           *row)
{
  g_autoptr(GError) error = NULL;

  mkt_session_delete (f->session, spec, mkt_record_get_id (row), &error);
  g_assert_no_error (error);
}

/* A material with a few more fields than the bare minimum. */
MktRecord *
mkt_test_create_full_material (MktTestFixture *f,
                               const char     *name,
                               const char     *sku)
{
  g_autoptr(MktRecord) material = mkt_test_material_new ("yarn", name, "m");
  g_autoptr(GError) error = NULL;

  mkt_record_set_string (material, "brand", "Old Brand");
  mkt_record_set_string (material, "colour", "Blue");
  mkt_record_set_int (material, "purchase_price", 100);
  if (sku != NULL)
    mkt_record_set_string (material, "sku", sku);
  mkt_session_create (f->session, material, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&material);
}

/* Recipes, costs and stock ----------------------------------------------------- */

/* @text ("120", "0.5") as a quantity. */
MktQuantity
mkt_test_quantity (const char *text)
{
  g_autoptr(GError) error = NULL;
  MktQuantity quantity = 0;

  mkt_quantity_parse (text, &quantity, &error);
  g_assert_no_error (error);

  return quantity;
}

static void
set_text (MktRecord  *record,
          const char *field,
          const char *text)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return;

  mkt_record_set_from_text (record, field, text, "USD", &error);
  g_assert_no_error (error);
}

/**
 * mkt_test_create_stock_material:
 * @unit: the material's unit ("yd")
 * @pack: (nullable): its pack ("skein")
 * @pack_size: (nullable): how much of @unit one pack holds ("364")
 * @price: (nullable): the catalogue price of one pack, or of one @unit
 *   without a pack ("4.99")
 *
 * Returns: (transfer full): a new yarn
 */
MktRecord *
mkt_test_create_stock_material (MktSession *session,
                                const char *name,
                                const char *unit,
                                const char *pack,
                                const char *pack_size,
                                const char *price)
{
  g_autoptr(MktRecord) material = mkt_test_material_new ("yarn", name, unit);
  g_autoptr(GError) error = NULL;

  set_text (material, "purchase_unit", pack);
  set_text (material, "purchase_size", pack_size);
  set_text (material, "purchase_price", price);
  mkt_session_create (session, material, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&material);
}

MktRecord *
mkt_test_create_component (MktSession *session,
                           const char *name,
                           const char *labour_minutes)
{
  g_autoptr(MktRecord) component = mkt_record_new (&mkt_component_spec);
  g_autoptr(GError) error = NULL;

  mkt_record_set_string (component, "name", name);
  set_text (component, "labour_minutes", labour_minutes);
  mkt_session_create (session, component, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&component);
}

MktRecord *
mkt_test_create_product (MktSession *session,
                         const char *name,
                         const char *labour_minutes,
                         const char *price)
{
  g_autoptr(MktRecord) product = mkt_record_new (&mkt_product_spec);
  g_autoptr(GError) error = NULL;

  mkt_record_set_string (product, "name", name);
  set_text (product, "labour_minutes", labour_minutes);
  set_text (product, "price", price);
  mkt_session_create (session, product, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&product);
}

/**
 * mkt_test_part_new:
 * @parent: a product or component
 * @child: a material or component
 *
 * Returns: (transfer full): the recipe line "@quantity @unit of @child in
 *   @parent", not stored
 */
MktRecord *
mkt_test_part_new (MktRecord  *parent,
                   MktRecord  *child,
                   const char *quantity,
                   const char *unit)
{
  MktRecord *part = mkt_record_new (&mkt_part_spec);
  gboolean in_product = mkt_record_get_spec (parent) == &mkt_product_spec;
  gboolean of_material = mkt_record_get_spec (child) == &mkt_material_spec;

  mkt_record_set_string (part, in_product ? "product_id" : "parent_component_id", mkt_record_get_id (parent));
  mkt_record_set_string (part, of_material ? "material_id" : "component_id", mkt_record_get_id (child));
  set_text (part, "quantity", quantity);
  mkt_record_set_string (part, "unit", unit);

  return part;
}

MktRecord *
mkt_test_create_part (MktSession *session,
                      MktRecord  *parent,
                      MktRecord  *child,
                      const char *quantity,
                      const char *unit)
{
  g_autoptr(MktRecord) part = mkt_test_part_new (parent, child, quantity, unit);
  g_autoptr(GError) error = NULL;

  mkt_session_create (session, part, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&part);
}

/* Sets one of the tenant's settings as a person types it ("12.00", "10%"). */
void
mkt_test_set_setting (MktSession *session,
                      const char *key,
                      const char *text)
{
  g_autoptr(MktRecord) tenant = NULL;
  g_autoptr(GError) error = NULL;

  tenant = mkt_session_get (session, &mkt_tenant_spec, mkt_session_get_tenant_id (session), &error);
  g_assert_no_error (error);
  mkt_settings_set (tenant, key, text, &error);
  g_assert_no_error (error);
  mkt_session_update (session, tenant, &error);
  g_assert_no_error (error);
}

/* The cost of one @node (a product or component), as the cache has it. */
MktCostTotals
mkt_test_cost (MktSession *session,
               MktRecord  *node)
{
  g_autoptr(GError) error = NULL;
  MktCostTotals totals = { 0 };

  mkt_cost_get (session, mkt_record_get_spec (node), mkt_record_get_id (node), &totals, &error);
  g_assert_no_error (error);

  return totals;
}

/* What the ledger of @item says was there at @at (µs; 0 for now). */
MktQuantity
mkt_test_on_hand (MktSession *session,
                  MktRecord  *item,
                  gint64      at)
{
  g_autoptr(GError) error = NULL;
  MktQuantity quantity = G_MININT64;

  mkt_stock_on_hand (session, mkt_record_get_spec (item), mkt_record_get_id (item), at, &quantity, &error);
  g_assert_no_error (error);

  return quantity;
}

/* A second connection -------------------------------------------------------- */

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

/* Markets -------------------------------------------------------------------- */

MktRecord *
mkt_test_create_event (MktTestFixture *f,
                       const char     *name,
                       MktMoney        booth_fee,
                       MktMoney        other_costs)
{
  g_autoptr(MktRecord) event = mkt_record_new (&mkt_market_event_spec);
  g_autoptr(GError) error = NULL;

  mkt_record_set_string (event, "name", name);
  mkt_record_set_int (event, "starts_on", f->now_ms * 1000);
  mkt_record_set_int (event, "booth_fee", booth_fee);
  mkt_record_set_int (event, "other_costs", other_costs);
  mkt_session_create (f->session, event, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&event);
}

/* Sets one field of an active row as a person types it, and stores it. */
void
mkt_test_update_text (MktTestFixture *f,
                      MktRecord      *row,
                      const char     *field,
                      const char     *text)
{
  g_autoptr(MktRecord) edit = mkt_test_get_row (f, mkt_record_get_spec (row), mkt_record_get_id (row));
  g_autoptr(GError) error = NULL;

  mkt_session_set_from_text (f->session, edit, field, text, &error);
  g_assert_no_error (error);
  mkt_session_update (f->session, edit, &error);
  g_assert_no_error (error);
}

static void
market_make (MktTestFixture *f,
             MktRecord      *product,
             const char     *count)
{
  g_autoptr(GError) error = NULL;

  g_object_unref (mkt_production_make (f->session, mkt_record_get_id (product), mkt_test_quantity (count), FALSE,
                                       NULL, &error));
  g_assert_no_error (error);
}

static void
market_buy (MktTestFixture *f,
            MktRecord      *material,
            const char     *packs,
            MktMoney        cost)
{
  g_autoptr(GError) error = NULL;

  g_object_unref (mkt_stock_purchase (f->session, material, mkt_test_quantity (packs),
                                      mkt_record_get_string (material, "purchase_unit"), cost, NULL, &error));
  g_assert_no_error (error);
}

/* The shop of MktTestMarket; the clock moves on a minute after the runs and
 * after the sheet. */
void
mkt_test_market_init (MktTestFixture *f,
                      MktTestMarket  *market)
{
  MktSession *s = f->session;
  g_autoptr(GError) error = NULL;

  mkt_test_set_setting (s, "labour_rate", "12.00");
  mkt_test_set_setting (s, "overhead_percent", "10");

  market->cotton = mkt_test_create_stock_material (s, "Cotton", "m", "ball", "170", "3.20");
  market->merino = mkt_test_create_stock_material (s, "Merino", "yd", "skein", "200", "9.00");
  market_buy (f, market->cotton, "10", 3200);
  market_buy (f, market->merino, "4", 3600);

  market->dishcloth = mkt_test_create_product (s, "Cotton Dishcloth", "30", "8.50");
  g_object_unref (mkt_test_create_part (s, market->dishcloth, market->cotton, "0.5", "ball"));
  market->beanie = mkt_test_create_product (s, "Merino Beanie", "90", "60.00");
  g_object_unref (mkt_test_create_part (s, market->beanie, market->merino, "1", "skein"));
  g_assert_cmpint (mkt_test_cost (s, market->dishcloth).total_cost, ==, 836000000);
  g_assert_cmpint (mkt_test_cost (s, market->beanie).total_cost, ==, 2970000000);

  f->now_ms += 60000;
  market_make (f, market->dishcloth, "6");
  mkt_test_update_text (f, market->dishcloth, "labour_minutes", "36");
  g_assert_cmpint (mkt_test_cost (s, market->dishcloth).total_cost, ==, 968000000);
  market_make (f, market->dishcloth, "4");
  market_make (f, market->beanie, "4");

  market->fair = mkt_test_create_event (f, "Harvest Fair", 2500, 350);
  g_object_unref (mkt_market_add_product (s, mkt_record_get_id (market->fair), mkt_record_get_id (market->dishcloth),
                                          TRUE, 800, &error));
  g_assert_no_error (error);
  f->now_ms += 60000;
}

void
mkt_test_market_clear (MktTestMarket *market)
{
  g_clear_object (&market->cotton);
  g_clear_object (&market->merino);
  g_clear_object (&market->dishcloth);
  g_clear_object (&market->beanie);
  g_clear_object (&market->fair);
}

void
mkt_test_bring (MktTestFixture *f,
                MktRecord      *event,
                MktRecord      *product,
                const char     *count)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mkt_market_bring (f->session, mkt_record_get_id (event), mkt_record_get_id (product),
                                   mkt_test_quantity (count), &error));
  g_assert_no_error (error);
}

/**
 * mkt_test_sell:
 * @event: (nullable): where, or %NULL for a sale at no event
 * @price: the price of one, or %MKT_TEST_NO_PRICE for the usual one
 *
 * Returns: (transfer full): the sale, which must go through
 */
MktRecord *
mkt_test_sell (MktTestFixture *f,
               MktRecord      *event,
               MktRecord      *product,
               const char     *count,
               MktMoney        price,
               MktMoney        discount,
               const char     *payment)
{
  g_autoptr(GError) error = NULL;
  MktRecord *sale;

  sale = mkt_market_sell (f->session, event ? mkt_record_get_id (event) : NULL, mkt_record_get_id (product),
                          mkt_test_quantity (count), price != MKT_TEST_NO_PRICE,
                          price != MKT_TEST_NO_PRICE ? price : 0, discount, payment, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sale);

  return sale;
}

MktRecord *
mkt_test_void (MktTestFixture *f,
               MktRecord      *sale)
{
  g_autoptr(GError) error = NULL;
  MktRecord *void_row = mkt_market_void (f->session, mkt_record_get_id (sale), &error);

  g_assert_no_error (error);
  g_assert_nonnull (void_row);

  return void_row;
}

GPtrArray *
mkt_test_market_lines (MktTestFixture *f,
                       MktRecord      *event)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *lines = mkt_market_lines (f->session, mkt_record_get_id (event), &error);

  g_assert_no_error (error);
  g_assert_nonnull (lines);

  return lines;
}

/* The line of @product, which must be among @lines. */
MktMarketLine *
mkt_test_market_line (GPtrArray *lines,
                      MktRecord *product)
{
  for (guint i = 0; i < lines->len; i++)
    {
      MktMarketLine *line = g_ptr_array_index (lines, i);

      if (g_str_equal (mkt_record_get_id (line->product), mkt_record_get_id (product)))
        return line;
    }

  g_error ("“%s” is not among the event's lines", mkt_record_get_title (product));
}

/* What is at the event's stall now: brought − returned − sold. */
MktQuantity
mkt_test_at_stall (MktTestFixture *f,
                   MktRecord      *event,
                   MktRecord      *product)
{
  g_autoptr(GPtrArray) lines = mkt_test_market_lines (f, event);

  return mkt_test_market_line (lines, product)->on_hand;
}

/* The one product movement a sale (or a void) wrote. */
MktRecord *
mkt_test_sale_movement (MktTestFixture *f,
                        MktRecord      *sale)
{
  g_autoptr(GPtrArray) rows = mkt_test_list_where (f->session, &mkt_product_movement_spec, "sale_id",
                                                   mkt_record_get_id (sale));

  g_assert_cmpuint (rows->len, ==, 1);
  return g_object_ref (g_ptr_array_index (rows, 0));
}

/* mkt_test_snapshot() and the market tables: equal snapshots mean that
 * nothing was written. */
char *
mkt_test_market_snapshot (MktTestFixture *f)
{
  const MktEntitySpec *specs[] = { &mkt_market_event_spec, &mkt_market_line_spec, &mkt_sale_spec };
  g_autofree char *rest = mkt_test_snapshot (f->session);
  GString *out = g_string_new (NULL);

  for (guint s = 0; s < G_N_ELEMENTS (specs); s++)
    {
      g_autoptr(MktQuery) query = mkt_query_new ();
      g_autoptr(GPtrArray) rows = list_all (f->session, specs[s], query);

      g_string_append_printf (out, "%s: %u rows\n", specs[s]->table, rows->len);
      for (guint r = 0; r < rows->len; r++)
        {
          g_autofree char *text = mkt_test_record_to_string (g_ptr_array_index (rows, r));
          g_string_append_printf (out, "  %s\n", text);
        }
    }
  g_string_append (out, rest);

  return g_string_free (out, FALSE);
}

typedef struct
{
  MktTestFixtureFunc func;
  gconstpointer      data;
} Isolated;

static void
run_isolated (MktTestFixture *f,
              gconstpointer   data)
{
  const Isolated *isolated = data;

  if (g_test_subprocess ())
    {
      isolated->func (f, isolated->data);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (!g_test_trap_has_passed ())
    g_test_fail_printf ("%s failed in a process of its own (its messages are above)", g_test_get_path ());
}

/**
 * mkt_test_add_isolated:
 *
 * Like mkt_test_add(), but runs @func in a process of its own: a test that
 * shows a bug (a crash, a critical, a failed assertion) then fails alone
 * and the tests after it still run.
 */
void
mkt_test_add_isolated (const char         *path,
                       gconstpointer       data,
                       MktTestFixtureFunc  func)
{
  Isolated *isolated = g_new0 (Isolated, 1);

  isolated->func = func;
  isolated->data = data;
  mkt_test_add (path, isolated, run_isolated);
}
