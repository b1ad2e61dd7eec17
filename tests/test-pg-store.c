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

/* This program: rows, lists, bad queries, unique keys and append-only
 * tables. The rest: test-pg-store-transactions.c; the fixture and helpers:
 * test-pg-store-utils.c; the write rate: benchmarks/bench-pg-store.c. */

static void
set_text (MktRecord  *record,
          const char *field,
          const char *text)
{
  g_autoptr(GError) error = NULL;

  mkt_record_set_from_text (record, field, text, "USD", &error);
  g_assert_no_error (error);
}

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

/* The page as JSON text (written straight from PostgreSQL's result, or
 * from records by mkt-core on SQLite) is the page's records as
 * mkt_record_append_json() writes them, after what was in the string, and
 * says the same next cursor. */
static void
assert_same_json (Fixture        *f,
                  MktSession     *session,
                  const ListCase *c,
                  guint           page_size,
                  const char     *cursor,
                  GPtrArray      *rows,
                  const char     *next)
{
  g_autoptr(MktQuery) query = case_query (c, f);
  g_autoptr(GString) json = g_string_new ("{\"items\":");
  g_autoptr(GString) expected = g_string_new ("{\"items\":[");
  g_autoptr(GError) error = NULL;
  g_autofree char *json_next = NULL;

  mkt_query_set_limit (query, page_size);
  if (cursor != NULL)
    mkt_query_set_cursor (query, cursor);
  g_assert_true (mkt_session_list_json (session, &mkt_material_spec, query, json, &json_next, &error));
  g_assert_no_error (error);

  for (guint r = 0; r < rows->len; r++)
    {
      if (r > 0)
        g_string_append_c (expected, ',');
      mkt_record_append_json (g_ptr_array_index (rows, r), expected);
    }
  g_string_append_c (expected, ']');

  g_assert_cmpstr (json->str, ==, expected->str);
  g_assert_cmpstr (json_next, ==, next);
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
      assert_same_json (f, session, c, page_size, cursor, rows, next);

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
      g_autoptr(GString) text = g_string_new ("{\"items\":");
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(MktRecord) row = NULL;
      g_autoptr(GError) error = NULL;

      mkt_query_set_cursor (query, "bm90IGEgY3Vyc29y");
      rows = mkt_session_list (sessions[s], &mkt_material_spec, query, NULL, &error);
      g_assert_null (rows);
      mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "cursor");
      g_clear_error (&error);

      /* A page as JSON that fails leaves the text as it was. */
      g_assert_false (mkt_session_list_json (sessions[s], &mkt_material_spec, query, text, NULL, &error));
      mkt_assert_validation_error (error, MKT_VALIDATION_ERROR_INVALID, "cursor");
      g_assert_cmpstr (text->str, ==, "{\"items\":");
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
#undef ADD

  return g_test_run ();
}
