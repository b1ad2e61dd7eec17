/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built twice: on SQLite (test-list, suite core) and on PostgreSQL through
 * MktPgStore (test-core-on-pg-list, suite server, MKT_TEST_STORE_PG: see
 * tests/mkt-test-store.c). Every test of this program runs on both. */
#define G_LOG_DOMAIN "test-list"

#include "config.h"

#include <string.h>

#include "mkt-test-utils.h"

#define N_PAGED_ROWS 57
#define PAGE_SIZE 10

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

      got = mkt_test_list_titles (MKT_STORE (f->store), tenant_id, query);
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
      got = mkt_test_list_titles (MKT_STORE (f->store), tenant_id, query);
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
    got = mkt_test_list_titles (MKT_STORE (f->store), tenant_id, query);
    g_assert_cmpstr (got, ==, "100% wool|100 wool blend");

    id = mkt_session_resolve (f->session, &mkt_material_spec, "100% wool", MKT_DELETED_EXCLUDE, &error);
    g_assert_no_error (error);
    mkt_session_delete (f->session, &mkt_material_spec, id, &error);
    g_assert_no_error (error);
    g_clear_pointer (&got, g_free);
    got = mkt_test_list_titles (MKT_STORE (f->store), tenant_id, query);
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
      got = mkt_test_list_titles (MKT_STORE (f->store), tenant_id, query);
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

int
main (int   argc,
      char *argv[])
{
  mkt_test_init (&argc, &argv);

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

  return g_test_run ();
}
