/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-test-utils"

#include "config.h"

#include <stdlib.h>
#include <glib/gstdio.h>

#include "mkt-production.h"
#include "mkt-settings.h"
#include "mkt-stock.h"
#include "mkt-test-utils.h"
#include "mkt-time.h"
#include "mkt-uuid.h"

#ifdef MKT_TEST_STORE_PG
#include "mkt-pg-test-utils.h"
#endif

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


/**
 * mkt_test_init:
 * @argc: (inout): the program's arguments
 * @argv: (inout): the program's arguments
 *
 * g_test_init() for the core's tests. On PostgreSQL (MKT_TEST_STORE_PG)
 * without MKT_PG_URL, the program reports a skip and exits, or fails if
 * MKT_REQUIRE_PG promises a PostgreSQL, as the server's tests do.
 */
void
mkt_test_init (int    *argc,
               char ***argv)
{
#ifdef MKT_TEST_STORE_PG
  int status = 0;

  if (!mkt_pg_test_init (argc, argv, &status))
    exit (status);
#else
  g_test_init (argc, argv, NULL);
#endif
}

void
mkt_test_fixture_setup (MktTestFixture *fixture,
                        gconstpointer   data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = mkt_test_make_dir ();
  mkt_test_open_store (fixture);

  /* Whole seconds near the real time: timestamps read back exactly. */
  fixture->now_ms = g_get_real_time () / G_USEC_PER_SEC * 1000;
  fixture->session = mkt_test_session_new_tenant (MKT_STORE (fixture->store), "Test Crafts",
                                                  &fixture->now_ms);
  mkt_test_bind_path (fixture);
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

/* Every row @query selects, deleted ones too. */
GPtrArray *
mkt_test_list_all (MktSession          *session,
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
  g_autoptr(GPtrArray) rows = mkt_test_list_all (session, spec, query);

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
  return mkt_test_list_all (session, spec, query);
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
      g_autoptr(GPtrArray) rows = mkt_test_list_all (session, specs[s], query);

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
