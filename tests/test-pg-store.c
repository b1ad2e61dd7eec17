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

/* MktPgStore under mkt-core's rules, against a real PostgreSQL, side by
 * side with the desktop's SQLite store: a session of the same tenant, user,
 * device, session id and clock on each does the same things, and the rows,
 * audit trail, outbox, lists, pages, cursors and errors must come out the
 * same. */

#define N_IDS 64

typedef struct
{
  MktPgTestDb     db;
  char           *dir;
  MktPgStore     *pg;
  MktSqliteStore *sqlite;
  MktSession     *session;   /* tenant A on PostgreSQL */
  MktSession     *twin;      /* tenant A on SQLite */
  gint64          now_ms;
  char           *tenant_id;
  char           *user_id;
  char           *device_id;
  char           *session_id;
  char           *ids[N_IDS];  /* row ids both sessions use */
} Fixture;

static MktSession *
new_session (Fixture    *f,
             MktStore   *store,
             const char *tenant_id,
             const char *name)
{
  g_autoptr(MktSession) session = mkt_session_new (store, tenant_id, f->user_id, f->device_id);
  g_autoptr(MktRecord) tenant = mkt_record_new (&mkt_tenant_spec);
  g_autoptr(GError) error = NULL;

  mkt_session_set_clock (session, mkt_test_clock_now, &f->now_ms);
  mkt_session_set_session_id (session, f->session_id);

  mkt_record_set_id (tenant, tenant_id);
  mkt_record_set_string (tenant, "name", name);
  mkt_record_set_string (tenant, "currency", "USD");
  mkt_session_create (session, tenant, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&session);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 start;

  mkt_pg_test_db_setup (&f->db, data);
  mkt_pg_test_migrate (&f->db);

  f->pg = mkt_pg_store_new (f->db.app, &error);
  g_assert_no_error (error);

  f->dir = mkt_test_make_dir ();
  path = g_build_filename (f->dir, "market.db", NULL);
  f->sqlite = mkt_sqlite_store_new (path, &error);
  g_assert_no_error (error);

  f->tenant_id = mkt_uuid_new_v7 ();
  f->user_id = mkt_uuid_new_v7 ();
  f->device_id = mkt_uuid_new_v7 ();
  f->session_id = mkt_uuid_new_v7 ();
  for (guint i = 0; i < N_IDS; i++)
    f->ids[i] = mkt_uuid_new_v7 ();

  /* Whole seconds: timestamps read back exactly. */
  f->now_ms = start = g_get_real_time () / G_USEC_PER_SEC * 1000;
  f->session = new_session (f, MKT_STORE (f->pg), f->tenant_id, "Test Crafts");
  f->now_ms = start;
  f->twin = new_session (f, MKT_STORE (f->sqlite), f->tenant_id, "Test Crafts");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->session));
  g_assert_finalize_object (g_steal_pointer (&f->twin));
  g_assert_finalize_object (g_steal_pointer (&f->pg));
  g_assert_finalize_object (g_steal_pointer (&f->sqlite));
  mkt_test_remove_dir (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->tenant_id, g_free);
  g_clear_pointer (&f->user_id, g_free);
  g_clear_pointer (&f->device_id, g_free);
  g_clear_pointer (&f->session_id, g_free);
  for (guint i = 0; i < N_IDS; i++)
    g_clear_pointer (&f->ids[i], g_free);
  mkt_pg_test_db_teardown (&f->db, data);
}

typedef void (*TwinFunc) (Fixture    *f,
                          MktSession *session);

/* Runs @func on the PostgreSQL session, then from the same clock on the
 * SQLite one. */
static void
run_twice (Fixture  *f,
           TwinFunc  func)
{
  gint64 start = f->now_ms;

  func (f, f->session);
  f->now_ms = start;
  func (f, f->twin);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Every row of the tenant, as JSON, each table in id order; audit and
 * outbox rows have ids of their own on each side, so those are left out
 * and the rows sorted. */
static char *
snapshot (MktSession *session)
{
  const MktEntitySpec *specs[] = {
    &mkt_tenant_spec, &mkt_category_spec, &mkt_material_spec, &mkt_stock_movement_spec,
    &mkt_component_spec, &mkt_product_spec, &mkt_part_spec, &mkt_cost_spec,
    &mkt_audit_spec, &mkt_change_spec,
  };
  GString *out = g_string_new (NULL);

  for (guint s = 0; s < G_N_ELEMENTS (specs); s++)
    {
      g_autoptr(MktQuery) query = mkt_query_new ();
      g_autoptr(GPtrArray) rows = mkt_test_list_all (session, specs[s], query);
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      gboolean own_ids = specs[s]->kind == MKT_ENTITY_LOG;

      for (guint r = 0; r < rows->len; r++)
        {
          g_autoptr(JsonObject) object = mkt_record_to_json (g_ptr_array_index (rows, r));
          g_autoptr(JsonNode) node = NULL;

          if (own_ids)
            json_object_remove_member (object, "id");
          node = json_node_init_object (json_node_alloc (), object);
          g_ptr_array_add (lines, json_to_string (node, FALSE));
        }
      if (own_ids)
        g_ptr_array_sort (lines, compare_lines);

      g_string_append_printf (out, "%s: %u rows\n", specs[s]->table, rows->len);
      for (guint r = 0; r < lines->len; r++)
        g_string_append_printf (out, "  %s\n", (char *)g_ptr_array_index (lines, r));
    }

  return g_string_free (out, FALSE);
}

static void
assert_same_data (Fixture *f)
{
  g_autofree char *pg = snapshot (f->session);
  g_autofree char *sqlite = snapshot (f->twin);

  g_assert_cmpstr (pg, ==, sqlite);
}

static void
set_text (MktRecord  *record,
          const char *field,
          const char *text)
{
  g_autoptr(GError) error = NULL;

  mkt_record_set_from_text (record, field, text, "USD", &error);
  g_assert_no_error (error);
}

static guint
count_where (MktSession          *session,
             const MktEntitySpec *spec,
             const char          *field,
             const char          *value)
{
  g_autoptr(GPtrArray) rows = mkt_test_list_where (session, spec, field, value);

  return rows->len;
}

/* A material's life ----------------------------------------------------------- */

static void
material_life (Fixture    *f,
               MktSession *session)
{
  g_autoptr(MktRecord) category = mkt_record_new (&mkt_category_spec);
  g_autoptr(MktRecord) material = mkt_record_new (&mkt_material_spec);
  g_autoptr(MktRecord) movement = mkt_record_new (&mkt_stock_movement_spec);
  g_autoptr(MktRecord) edit = NULL;
  g_autoptr(MktRecord) gone = NULL;
  g_autoptr(GPtrArray) purged = NULL;
  g_autoptr(GError) error = NULL;

  mkt_record_set_id (category, f->ids[0]);
  mkt_record_set_string (category, "name", "Yarn");
  g_assert_true (mkt_session_create (session, category, &error));
  g_assert_no_error (error);

  f->now_ms += 1000;
  mkt_record_set_id (material, f->ids[1]);
  mkt_record_set_string (material, "kind", "yarn");
  mkt_record_set_string (material, "name", "Merino DK");
  mkt_record_set_string (material, "unit", "m");
  mkt_record_set_string (material, "sku", "MER-1");
  mkt_record_set_string (material, "weight_class", "dk");
  mkt_record_set_string (material, "category_id", f->ids[0]);
  set_text (material, "purchase_price", "8.50");
  set_text (material, "attributes", "{\"ply\": 4, \"name\": \"Ünïcode ✓\"}");
  g_assert_true (mkt_session_create (session, material, &error));
  g_assert_no_error (error);

  f->now_ms += 1000;
  edit = mkt_session_get (session, &mkt_material_spec, f->ids[1], &error);
  g_assert_no_error (error);
  mkt_record_set_string (edit, "name", "Merino DK (blue)");
  mkt_record_set_null (edit, "weight_class");
  set_text (edit, "reorder_level", "2.5");
  g_assert_true (mkt_session_update (session, edit, &error));
  g_assert_no_error (error);

  f->now_ms += 1000;
  mkt_record_set_id (movement, f->ids[2]);
  mkt_record_set_string (movement, "material_id", f->ids[1]);
  mkt_record_set_string (movement, "kind", "purchase");
  set_text (movement, "quantity", "10");
  mkt_record_set_int (movement, "occurred_at", mkt_session_now (session));
  g_assert_true (mkt_session_create (session, movement, &error));
  g_assert_no_error (error);

  f->now_ms += 1000;
  g_assert_true (mkt_session_delete (session, &mkt_material_spec, f->ids[1], &error));
  g_assert_no_error (error);
  f->now_ms += 1000;
  g_assert_true (mkt_session_restore (session, &mkt_material_spec, f->ids[1], &error));
  g_assert_no_error (error);
  f->now_ms += 1000;
  g_assert_true (mkt_session_delete (session, &mkt_material_spec, f->ids[1], &error));
  g_assert_no_error (error);

  /* Still there, in the trash. */
  g_clear_object (&edit);
  edit = mkt_session_get_any (session, &mkt_material_spec, f->ids[1], &error);
  g_assert_no_error (error);
  g_assert_true (mkt_record_is_deleted (edit));

  f->now_ms += 2 * MKT_TEST_DAY_MS;
  purged = mkt_session_purge (session, 1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (purged);

  gone = mkt_session_get (session, &mkt_material_spec, f->ids[1], &error);
  g_assert_null (gone);
  g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_where (session, &mkt_stock_movement_spec, "material_id", f->ids[1]), ==, 0);
}

static void
test_material_life (Fixture       *f,
                    gconstpointer  data)
{
  const char *actions[] = { "create", "update", "delete", "restore", "delete", "purge" };

  run_twice (f, material_life);
  assert_same_data (f);

  /* What the trail holds: each step of the material, in order. */
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(MktQuery) query = mkt_query_new ();
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;

      mkt_query_add_filter (query, "entity_id", MKT_FILTER_EQ, g_variant_new_string (f->ids[1]));
      mkt_query_set_sort (query, "created_at", FALSE);
      rows = mkt_session_list (f->session, &mkt_audit_spec, query, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (actions));
      g_assert_cmpstr (mkt_record_get_string (g_ptr_array_index (rows, i), "action"), ==, actions[i]);
    }
  g_assert_cmpuint (count_where (f->session, &mkt_change_spec, "row_id", f->ids[1]), ==, G_N_ELEMENTS (actions));
  g_assert_cmpuint (count_where (f->session, &mkt_audit_spec, "entity_id", f->ids[2]), >=, 1);
}

/* Lists ----------------------------------------------------------------------- */

static const char * const names[] = {
  "alpaca", "Alpaca", "ALPACA lace", "Bamboo", "bamboo blend", "Cotton 50%", "Cotton_50", "cashmere",
  "Élan", "élan", "Zebra", "zephyr", "Merino", "merino superwash", "MERINO", "Linen", "linen",
  "Mohair", "mohair_silk", "Silk", "Tweed", "tweed", "Wool", "wool%", "[brackets]", "a\\b",
};

static const char * const brands[] = { "Drops", "drops", "Rowan", "Malabrigo", "ÄLPACKA" };
static const char * const kinds[] = { "yarn", "fabric", "fibre", "notion" };

static void
seed_materials (Fixture    *f,
                MktSession *session)
{
  g_autoptr(MktRecord) category = mkt_record_new (&mkt_category_spec);
  g_autoptr(GError) error = NULL;

  mkt_record_set_id (category, f->ids[0]);
  mkt_record_set_string (category, "name", "Yarn");
  g_assert_true (mkt_session_create (session, category, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(MktRecord) material = mkt_record_new (&mkt_material_spec);

      /* Some share a time: ties are broken by id. */
      if (i % 3 != 0)
        f->now_ms += 1000;

      mkt_record_set_id (material, f->ids[1 + i]);
      mkt_record_set_string (material, "kind", kinds[i % G_N_ELEMENTS (kinds)]);
      mkt_record_set_string (material, "name", names[i]);
      mkt_record_set_string (material, "unit", "m");
      if (i % 3 != 2)
        mkt_record_set_string (material, "brand", brands[i % G_N_ELEMENTS (brands)]);
      if (i % 4 != 3)
        mkt_record_set_int (material, "purchase_price", (i * 137) % 1000);
      if (i % 2 == 0)
        mkt_record_set_string (material, "category_id", f->ids[0]);
      if (i % 3 == 1)
        {
          g_autofree char *attributes = g_strdup_printf ("{\"ply\": %u, \"tag\": \"%s\"}", i % 7, names[i]);
          set_text (material, "attributes", attributes);
        }
      if (i % 5 == 1)
        {
          g_autofree char *sku = g_strdup_printf ("SKU-%02u", i);
          mkt_record_set_string (material, "sku", sku);
        }
      g_assert_true (mkt_session_create (session, material, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i += 5)
    {
      f->now_ms += 1000;
      g_assert_true (mkt_session_delete (session, &mkt_material_spec, f->ids[1 + i], &error));
      g_assert_no_error (error);
    }
}

typedef struct
{
  const char       *sort;
  gboolean          descending;
  const char       *search;
  MktDeletedFilter  deleted;
  const char       *filter_field;
  MktFilterOp       filter_op;
  const char       *filter_text;     /* a string value, or */
  gint64            filter_number;   /* a number when filter_text is NULL and this is not 0 */
  gboolean          filter_empty;    /* compared with NULL */
} ListCase;

static MktQuery *
case_query (const ListCase *c,
            Fixture        *f)
{
  MktQuery *query = mkt_query_new ();

  if (c->sort != NULL)
    mkt_query_set_sort (query, c->sort, c->descending);
  else if (c->descending)
    mkt_query_set_sort (query, "id", TRUE);
  if (c->search != NULL)
    mkt_query_set_search (query, c->search);
  mkt_query_set_deleted (query, c->deleted);
  if (c->filter_field != NULL)
    {
      GVariant *value = NULL;

      if (c->filter_empty)
        value = NULL;
      else if (c->filter_text != NULL && g_str_equal (c->filter_text, "$category"))
        value = g_variant_new_string (f->ids[0]);
      else if (c->filter_text != NULL)
        value = g_variant_new_string (c->filter_text);
      else
        value = g_variant_new_int64 (c->filter_number);
      mkt_query_add_filter (query, c->filter_field, c->filter_op, value);
    }

  return query;
}

/* The ids of every page of @c, @page_size at a time, and the cursors that
 * led there. */
static char *
list_pages (Fixture        *f,
            MktSession     *session,
            const ListCase *c,
            guint           page_size,
            guint          *out_n_rows)
{
  GString *out = g_string_new (NULL);
  g_autofree char *cursor = NULL;
  guint n_rows = 0;

  for (guint page = 0; page < 100; page++)
    {
      g_autoptr(MktQuery) query = case_query (c, f);
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;
      char *next = NULL;

      mkt_query_set_limit (query, page_size);
      if (cursor != NULL)
        mkt_query_set_cursor (query, cursor);
      rows = mkt_session_list (session, &mkt_material_spec, query, &next, &error);
      g_assert_no_error (error);

      for (guint r = 0; r < rows->len; r++)
        g_string_append_printf (out, "%s %s\n", mkt_record_get_id (g_ptr_array_index (rows, r)),
                                mkt_record_get_title (g_ptr_array_index (rows, r)));
      n_rows += rows->len;

      g_free (cursor);
      cursor = next;
      if (cursor == NULL)
        break;
      g_string_append_printf (out, "-- %s\n", cursor);
    }

  if (out_n_rows != NULL)
    *out_n_rows = n_rows;
  return g_string_free (out, FALSE);
}

static const ListCase list_cases[] = {
  { NULL },
  { .descending = TRUE },
  { .sort = "name" },
  { .sort = "name", .descending = TRUE },
  { .sort = "brand" },
  { .sort = "brand", .descending = TRUE },
  { .sort = "purchase_price" },
  { .sort = "purchase_price", .descending = TRUE },
  { .sort = "created_at", .descending = TRUE },
  { .sort = "updated_at" },
  { .sort = "kind" },
  { .sort = "sku", .descending = TRUE },
  { .sort = "category_id" },
  { .sort = "category_id", .descending = TRUE },
  { .sort = "deleted_at", .deleted = MKT_DELETED_INCLUDE },
  { .sort = "deleted_at", .descending = TRUE, .deleted = MKT_DELETED_INCLUDE },
  { .sort = "name", .deleted = MKT_DELETED_ONLY },
  { .sort = "name", .deleted = MKT_DELETED_INCLUDE },
  { .sort = "name", .search = "merino" },
  { .sort = "name", .search = "ALPACA" },
  { .sort = "name", .search = "rows" },
  { .sort = "name", .search = "50%" },
  { .sort = "name", .search = "_" },
  { .sort = "name", .search = "%" },
  { .sort = "name", .search = "\\" },
  { .sort = "name", .search = "[b" },
  { .sort = "name", .search = "élan" },
  { .sort = "name", .search = "ÉLAN" },
  { .sort = "name", .search = "älpacka" },
  { .sort = "name", .search = "sku-0" },
  { .sort = "name", .search = "nothing like it" },
  { .sort = "name", .filter_field = "kind", .filter_op = MKT_FILTER_EQ, .filter_text = "yarn" },
  { .sort = "name", .filter_field = "name", .filter_op = MKT_FILTER_LT, .filter_text = "M" },
  { .sort = "name", .filter_field = "name", .filter_op = MKT_FILTER_GE, .filter_text = "a" },
  { .sort = "name", .filter_field = "name", .filter_op = MKT_FILTER_EQ, .filter_text = "merino" },
  { .sort = "name", .filter_field = "brand", .filter_op = MKT_FILTER_EQ, .filter_empty = TRUE },
  { .sort = "name", .filter_field = "brand", .filter_op = MKT_FILTER_NE, .filter_empty = TRUE },
  { .sort = "name", .filter_field = "brand", .filter_op = MKT_FILTER_NE, .filter_text = "drops" },
  { .sort = "purchase_price", .filter_field = "purchase_price", .filter_op = MKT_FILTER_GE, .filter_number = 500 },
  { .sort = "purchase_price", .filter_field = "purchase_price", .filter_op = MKT_FILTER_LT, .filter_number = 500 },
  { .filter_field = "category_id", .filter_op = MKT_FILTER_EQ, .filter_text = "$category" },
  { .filter_field = "category_id", .filter_op = MKT_FILTER_NE, .filter_text = "$category" },
  { .filter_field = "category_id", .filter_op = MKT_FILTER_EQ, .filter_text = "not a uuid" },
  { .filter_field = "created_at", .filter_op = MKT_FILTER_GT, .filter_number = 1 },
  { .sort = "brand", .search = "drops", .filter_field = "kind", .filter_op = MKT_FILTER_NE, .filter_text = "yarn",
    .deleted = MKT_DELETED_INCLUDE },
  { .sort = "name", .search = "l%" },
  { .sort = "attributes" },
  { .sort = "attributes", .descending = TRUE },
  { .sort = "reorder_level", .filter_field = "attributes", .filter_op = MKT_FILTER_NE, .filter_empty = TRUE },
  { .sort = "hlc", .descending = TRUE },
};

static guint
count_case (Fixture        *f,
            const ListCase *c)
{
  g_autofree char *rows = NULL;
  guint n_rows;

  rows = list_pages (f, f->session, c, 0, &n_rows);
  return n_rows;
}

static void
test_lists (Fixture       *f,
            gconstpointer  data)
{
  run_twice (f, seed_materials);
  assert_same_data (f);

  for (guint i = 0; i < G_N_ELEMENTS (list_cases); i++)
    {
      const ListCase *c = &list_cases[i];
      g_autofree char *whole = NULL;
      guint n_rows = 0, n_twin = 0;

      g_test_message ("case %u: sort %s%s, search “%s”, filter %s", i, c->sort ? c->sort : "id",
                      c->descending ? " descending" : "", c->search ? c->search : "",
                      c->filter_field ? c->filter_field : "none");

      for (guint page_size = 1; page_size <= 7; page_size += 3)
        {
          g_autofree char *pg = list_pages (f, f->session, c, page_size, &n_rows);
          g_autofree char *sqlite = list_pages (f, f->twin, c, page_size, &n_twin);

          g_assert_cmpstr (pg, ==, sqlite);
          g_assert_cmpuint (n_rows, ==, n_twin);
        }

      /* And in one page, no cursor. */
      whole = list_pages (f, f->session, c, 0, NULL);
      g_assert_null (strstr (whole, "--"));
    }

  /* The lists are not all empty: a search ignores case... */
  g_assert_cmpuint (count_case (f, &list_cases[18]), ==, 3);
  /* ...and % and _ are the characters, not wildcards. */
  g_assert_cmpuint (count_case (f, &list_cases[45]), ==, 1);
  g_assert_cmpuint (count_case (f, &list_cases[22]), ==, 2);
  g_assert_cmpuint (count_case (f, &list_cases[0]), ==, G_N_ELEMENTS (names) - (G_N_ELEMENTS (names) + 4) / 5);
}

static void
test_bad_queries (Fixture       *f,
                  gconstpointer  data)
{
  MktSession *sessions[] = { f->session, f->twin };

  for (guint s = 0; s < G_N_ELEMENTS (sessions); s++)
    {
      g_autoptr(MktQuery) query = mkt_query_new ();
      g_autoptr(MktQuery) sorted = mkt_query_new ();
      g_autoptr(MktQuery) unknown = mkt_query_new ();
      g_autoptr(MktQuery) nothing = mkt_query_new ();
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(MktRecord) row = NULL;
      g_autoptr(GError) error = NULL;

      mkt_query_set_cursor (query, "bm90IGEgY3Vyc29y");
      rows = mkt_session_list (sessions[s], &mkt_material_spec, query, NULL, &error);
      g_assert_null (rows);
      mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "cursor");
      g_clear_error (&error);

      mkt_query_set_sort (sorted, "nope", FALSE);
      rows = mkt_session_list (sessions[s], &mkt_material_spec, sorted, NULL, &error);
      g_assert_null (rows);
      mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_UNKNOWN_FIELD, "sort");
      g_clear_error (&error);

      mkt_query_add_filter (unknown, "nope", MKT_FILTER_EQ, g_variant_new_string ("x"));
      rows = mkt_session_list (sessions[s], &mkt_material_spec, unknown, NULL, &error);
      g_assert_null (rows);
      mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_UNKNOWN_FIELD, "nope");
      g_clear_error (&error);

      /* A search of what has no searchable field finds nothing. */
      mkt_query_set_search (nothing, "x");
      rows = mkt_session_list (sessions[s], &mkt_part_spec, nothing, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 0);
      g_clear_pointer (&rows, g_ptr_array_unref);

      /* What is no id finds nothing, and fails nothing. */
      row = mkt_session_get (sessions[s], &mkt_material_spec, "not-an-id", &error);
      g_assert_null (row);
      g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND);
    }
}

/* Errors ---------------------------------------------------------------------- */

static MktRecord *
material_with_sku (const char *id,
                   const char *name,
                   const char *sku)
{
  MktRecord *material = mkt_test_material_new ("yarn", name, "m");

  mkt_record_set_id (material, id);
  mkt_record_set_string (material, "sku", sku);
  return material;
}

static void
test_unique (Fixture       *f,
             gconstpointer  data)
{
  MktSession *sessions[] = { f->session, f->twin };
  GError *errors[2] = { NULL };

  for (guint s = 0; s < G_N_ELEMENTS (sessions); s++)
    {
      g_autoptr(MktRecord) first = material_with_sku (f->ids[1], "First", "DUP-1");
      g_autoptr(MktRecord) second = material_with_sku (f->ids[2], "Second", "DUP-1");
      g_autoptr(MktRecord) third = material_with_sku (f->ids[3], "Third", "OTHER");
      g_autoptr(MktRecord) edit = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (mkt_session_create (sessions[s], first, &error));
      g_assert_no_error (error);
      before = snapshot (sessions[s]);

      /* Alone. */
      g_assert_false (mkt_session_create (sessions[s], second, &errors[s]));
      mkt_assert_validation_error (errors[s], MKT_VALIDATION_ERROR_INVALID, "sku");
      after = snapshot (sessions[s]);
      g_assert_cmpstr (after, ==, before);

      /* In a batch, which the refused one leaves as it was. */
      g_assert_true (mkt_session_begin (sessions[s], &error));
      g_assert_no_error (error);
      g_assert_false (mkt_session_create (sessions[s], second, &error));
      mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "sku");
      g_clear_error (&error);
      g_assert_true (mkt_session_create (sessions[s], third, &error));
      g_assert_no_error (error);
      /* An update that clashes, too. */
      edit = mkt_session_get (sessions[s], &mkt_material_spec, f->ids[3], &error);
      g_assert_no_error (error);
      mkt_record_set_string (edit, "sku", "DUP-1");
      g_assert_false (mkt_session_update (sessions[s], edit, &error));
      mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "sku");
      g_clear_error (&error);
      g_assert_true (mkt_session_commit (sessions[s], &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count_where (sessions[s], &mkt_material_spec, "sku", "OTHER"), ==, 1);
    }

  /* The same error, word for word. */
  g_assert_cmpstr (errors[0]->message, ==, errors[1]->message);
  g_test_message ("%s", errors[0]->message);
  g_clear_error (&errors[0]);
  g_clear_error (&errors[1]);
  assert_same_data (f);
}

static void
test_append_only (Fixture       *f,
                  gconstpointer  data)
{
  MktSession *sessions[] = { f->session, f->twin };

  for (guint s = 0; s < G_N_ELEMENTS (sessions); s++)
    {
      MktStore *store = mkt_session_get_store (sessions[s]);
      g_autoptr(MktRecord) material = mkt_test_create_material (sessions[s], "Merino", NULL);
      g_autoptr(MktRecord) movement = mkt_test_create_movement (sessions[s], mkt_record_get_id (material),
                                                                "purchase", "10", NULL);
      g_autoptr(MktRecord) edit = NULL;
      g_autoptr(MktRecord) still = NULL;
      g_autofree char *before = snapshot (sessions[s]);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      /* The rules refuse to change a ledger row... */
      edit = mkt_session_get (sessions[s], &mkt_stock_movement_spec, mkt_record_get_id (movement), &error);
      g_assert_no_error (error);
      mkt_record_set_string (edit, "reason", "typo");
      g_assert_false (mkt_session_update (sessions[s], edit, &error));
      g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_READ_ONLY);
      g_clear_error (&error);

      /* ...and the database to remove it while its material is active (a
       * trigger), in a transaction that goes on after. */
      g_assert_true (mkt_store_begin (store, &error));
      g_assert_false (mkt_store_remove (store, &mkt_stock_movement_spec, f->tenant_id,
                                        mkt_record_get_id (movement), &error));
      g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_READ_ONLY);
      g_clear_error (&error);
      still = mkt_store_get (store, &mkt_stock_movement_spec, f->tenant_id, mkt_record_get_id (movement), &error);
      g_assert_no_error (error);
      g_assert_nonnull (still);
      g_assert_true (mkt_store_commit (store, &error));
      g_assert_no_error (error);

      /* Nor is an audit row ever removed. */
      {
        g_autoptr(GPtrArray) audit = mkt_test_list_where (sessions[s], &mkt_audit_spec, "entity_id",
                                                          mkt_record_get_id (movement));

        g_assert_cmpuint (audit->len, ==, 1);
        g_assert_false (mkt_store_remove (store, &mkt_audit_spec, f->tenant_id,
                                          mkt_record_get_id (g_ptr_array_index (audit, 0)), &error));
        g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_READ_ONLY);
        g_clear_error (&error);
      }

      after = snapshot (sessions[s]);
      g_assert_cmpstr (after, ==, before);
    }
}

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

/* Speed ----------------------------------------------------------------------- */

#define PERF_ROWS 2000

static void
test_perf (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PGconn) conn = mkt_pg_test_connect (f->db.app);
  const char *set_params[] = { f->tenant_id };
  g_autoptr(PGresult) set = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  double session_s, batch_s, sqlite_s, plain_s;

  if (!g_test_perf ())
    {
      g_test_skip ("a measurement: run with -m perf");
      return;
    }

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

  g_test_minimized_result (session_s, "session creates, one transaction each: %.0f rows/s", PERF_ROWS / session_s);
  g_test_minimized_result (batch_s, "session creates in one batch: %.0f rows/s", PERF_ROWS / batch_s);
  g_test_minimized_result (sqlite_s, "the same batch on SQLite: %.0f rows/s", PERF_ROWS / sqlite_s);
  g_test_minimized_result (plain_s, "plain prepared INSERTs in one transaction: %.0f rows/s (%.1fx the batch)",
                           PERF_ROWS / plain_s, batch_s / plain_s);
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
  ADD ("material-life", test_material_life);
  ADD ("lists", test_lists);
  ADD ("bad-queries", test_bad_queries);
  ADD ("unique", test_unique);
  ADD ("append-only", test_append_only);
  ADD ("rollback", test_rollback);
  ADD ("nested", test_nested);
  ADD ("busy", test_busy);
  ADD ("tenants", test_tenants);
  ADD ("costs", test_costs);
  ADD ("prepared", test_prepared);
  ADD ("unsafe-role", test_unsafe_role);
  ADD ("perf", test_perf);
  ADD ("deferred", test_deferred);
#undef ADD

  return g_test_run ();
}
