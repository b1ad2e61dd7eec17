/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server"

#include "config.h"

#include <string.h>

#include "mkt-api.h"
#include "mkt-error.h"
#include "mkt-pg-store.h"
#include "mkt-pg-test-utils.h"
#include "mkt-uuid.h"
#include "test-api-entity-utils.h"

/* The REST API v1's resource logic (mkt-api), called as the server's
 * routes call it, against a real PostgreSQL as the application role, with
 * a session of tenant A and one of tenant B over MktPgStore. */

/* This program: the verbs of a resource, yarns, pages, bulk changes and the
 * trash. The rest: test-api-entity-checks.c; the fixture and helpers:
 * test-api-entity-utils.c. */

static void
test_material_verbs (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = NULL;

  /* Create: money in minor units, quantities as decimals. */
  {
    g_auto(Reply) reply = call (f->a, "POST", MATERIALS, NULL, NULL,
                                "{\"kind\":\"yarn\",\"name\":\"Merino DK\",\"colour\":\"Teal\",\"unit\":\"m\","
                                "\"sku\":\"MER-1\",\"purchase_price\":499,\"reorder_level\":\"2.5\"}");
    assert_status (&reply, 201);
    id = g_strdup (member_string (&reply, "id"));
    g_assert_true (mkt_uuid_is_valid (id));
    g_assert_cmpint (json_object_get_int_member (object_of (&reply), "purchase_price"), ==, 499);
    g_assert_cmpstr (member_string (&reply, "reorder_level"), ==, "2.5");
    g_assert_true (json_object_get_null_member (object_of (&reply), "deleted_at"));
  }

  /* Get. */
  {
    g_auto(Reply) reply = call (f->a, "GET", MATERIALS "/:id", id, NULL, NULL);
    assert_status (&reply, 200);
    g_assert_cmpstr (member_string (&reply, "name"), ==, "Merino DK");
    g_assert_cmpstr (member_string (&reply, "colour"), ==, "Teal");
  }

  /* Patch changes only what it names. */
  {
    g_auto(Reply) reply = call (f->a, "PATCH", MATERIALS "/:id", id, NULL, "{\"brand\":\"Drops\"}");
    assert_status (&reply, 200);
    g_assert_cmpstr (member_string (&reply, "brand"), ==, "Drops");
    g_assert_cmpstr (member_string (&reply, "colour"), ==, "Teal");
  }

  /* Replace sets every field: those left out are emptied. A row as read
   * may be sent back with its server-set members. */
  {
    g_auto(Reply) reply = call (f->a, "PUT", MATERIALS "/:id", id, NULL,
                                "{\"kind\":\"fibre\",\"name\":\"Merino tops\",\"unit\":\"g\","
                                "\"created_at\":\"2020-01-01T00:00:00Z\",\"hlc\":\"x\"}");
    assert_status (&reply, 200);
    g_assert_cmpstr (member_string (&reply, "name"), ==, "Merino tops");
    g_assert_cmpstr (member_string (&reply, "unit"), ==, "g");
    g_assert_true (json_object_get_null_member (object_of (&reply), "colour"));
    g_assert_true (json_object_get_null_member (object_of (&reply), "brand"));
    g_assert_true (json_object_get_null_member (object_of (&reply), "sku"));
  }
  {
    g_auto(Reply) reply = call (f->a, "PUT", MATERIALS "/:id", id, NULL, "{\"kind\":\"fibre\",\"unit\":\"g\"}");
    assert_error (&reply, 422, "name");
  }

  /* Delete: to the trash, gone from reads. */
  {
    g_auto(Reply) reply = call (f->a, "DELETE", MATERIALS "/:id", id, NULL, NULL);
    assert_status (&reply, 200);
    g_assert_nonnull (member_string (&reply, "deleted_at"));
  }
  {
    g_auto(Reply) reply = call (f->a, "GET", MATERIALS "/:id", id, NULL, NULL);
    assert_error (&reply, 404, NULL);
  }
  {
    g_auto(Reply) reply = call (f->a, "GET", "/api/v1/trash", NULL, NULL, NULL);
    JsonObject *first;

    assert_status (&reply, 200);
    g_assert_cmpuint (json_array_get_length (items_of (&reply)), ==, 1);
    first = json_array_get_object_element (items_of (&reply), 0);
    g_assert_cmpstr (json_object_get_string_member (first, "entity"), ==, "material");
    g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, id);
    g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "Merino tops");
  }
  g_assert_cmpuint (count_rows (f->a, MATERIALS, NULL), ==, 0);

  /* Restore, once. */
  {
    g_auto(Reply) reply = call (f->a, "POST", MATERIALS "/:id/restore", id, NULL, NULL);
    assert_status (&reply, 200);
    g_assert_true (json_object_get_null_member (object_of (&reply), "deleted_at"));
  }
  {
    g_auto(Reply) reply = call (f->a, "POST", MATERIALS "/:id/restore", id, NULL, NULL);
    assert_error (&reply, 409, NULL);
  }
  g_assert_cmpuint (count_rows (f->a, MATERIALS, NULL), ==, 1);

  /* mkt-core's purge of one row takes only what is in the trash. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (mkt_session_purge_row (f->a, &mkt_material_spec, id, NULL, &error));
    g_assert_error (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT);
  }

  /* Delete for good, straight from active: trash and purge in one go. */
  {
    g_auto(Reply) reply = call (f->a, "DELETE", MATERIALS "/:id/permanent", id, NULL, NULL);
    assert_status (&reply, 200);
    g_assert_true (json_object_get_boolean_member (object_of (&reply), "purged"));
  }
  {
    g_auto(Reply) reply = call (f->a, "POST", MATERIALS "/:id/restore", id, NULL, NULL);
    assert_error (&reply, 404, NULL);
  }
  g_assert_cmpuint (count_rows (f->a, "/api/v1/trash", NULL), ==, 0);

  /* The audit tells it all, newest first. */
  {
    g_autofree char *query = g_strdup_printf ("entity=material&entity_id=%s", id);
    g_auto(Reply) reply = call (f->a, "GET", "/api/v1/audit", NULL, query, NULL);
    const char * const actions[] = { "purge", "delete", "restore", "delete", "update", "update", "create" };
    JsonArray *items;

    assert_status (&reply, 200);
    items = items_of (&reply);
    g_assert_cmpuint (json_array_get_length (items), ==, G_N_ELEMENTS (actions));
    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, i), "action"), ==,
                       actions[i]);
  }
  {
    g_auto(Reply) reply = call (f->a, "GET", "/api/v1/audit", NULL, "entity=material&limit=2", NULL);
    assert_status (&reply, 200);
    g_assert_cmpuint (json_array_get_length (items_of (&reply)), ==, 2);
    g_assert_nonnull (member_string (&reply, "next_cursor"));
  }

  g_assert_cmpuint (count_rows (f->b, MATERIALS, NULL), ==, 0);
}

static void
test_yarns (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *fabric = add_material (f->a, "{\"kind\":\"fabric\",\"name\":\"Linen\",\"unit\":\"m\"}");
  g_autofree char *yarn = NULL;

  /* Made through the yarns, a material is a yarn. */
  {
    g_auto(Reply) reply = call (f->a, "POST", YARNS, NULL, NULL, "{\"name\":\"Alpaca\",\"unit\":\"m\"}");
    assert_status (&reply, 201);
    g_assert_cmpstr (member_string (&reply, "kind"), ==, "yarn");
    yarn = g_strdup (member_string (&reply, "id"));
  }
  {
    g_auto(Reply) reply = call (f->a, "POST", YARNS, NULL, NULL,
                                "{\"name\":\"Cotton\",\"unit\":\"m\",\"kind\":\"yarn\",\"weight_class\":\"dk\"}");
    assert_status (&reply, 201);
  }
  {
    g_auto(Reply) reply = call (f->a, "POST", YARNS, NULL, NULL, "{\"name\":\"Felt\",\"unit\":\"m\",\"kind\":\"fabric\"}");
    assert_error (&reply, 422, "kind");
  }

  g_assert_cmpuint (count_rows (f->a, YARNS, NULL), ==, 2);
  g_assert_cmpuint (count_rows (f->a, MATERIALS, NULL), ==, 3);
  g_assert_cmpuint (count_rows (f->a, MATERIALS, "kind=yarn"), ==, 2);

  {
    g_auto(Reply) reply = call (f->a, "GET", YARNS "/:id", fabric, NULL, NULL);
    assert_error (&reply, 404, NULL);
  }
  {
    g_auto(Reply) reply = call (f->a, "PATCH", YARNS "/:id", yarn, NULL, "{\"kind\":\"fibre\"}");
    assert_error (&reply, 422, "kind");
  }
  {
    g_auto(Reply) reply = call (f->a, "PATCH", YARNS "/:id", yarn, NULL, "{\"colour\":\"Grey\"}");
    assert_status (&reply, 200);
    g_assert_cmpstr (member_string (&reply, "kind"), ==, "yarn");
  }
}

/* 120 materials made in one bulk request, read back 50 at a time, in each
 * order; and search, sort and filters. */
static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GString) bulk = g_string_new ("{\"operations\":[");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char * const orders[] = { "sort=name", "sort=-name", "sort=purchase_price&order=desc", NULL };

  for (guint i = 0; i < 120; i++)
    g_string_append_printf (bulk, "%s{\"data\":{\"kind\":\"%s\",\"name\":\"Item %03u\",\"unit\":\"m\","
                            "\"brand\":\"%s\",\"purchase_price\":%u}}",
                            i ? "," : "", i % 3 == 0 ? "yarn" : "fabric", i, i % 10 == 0 ? "Zephyr" : "Plain",
                            i * 10);
  g_string_append (bulk, "]}");
  {
    g_auto(Reply) reply = call (f->a, "POST", MATERIALS "/bulk", NULL, NULL, bulk->str);
    assert_status (&reply, 200);
    g_assert_cmpint (json_object_get_int_member (object_of (&reply), "count"), ==, 120);
  }

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      g_autofree char *cursor = NULL;
      g_autofree char *previous = NULL;
      guint n_pages = 0, n_rows = 0;

      g_hash_table_remove_all (seen);
      do
        {
          g_autofree char *query = NULL;
          g_auto(Reply) reply = { 0 };
          JsonArray *items;
          JsonNode *next;

          if (orders[o] != NULL)
            query = g_strdup_printf ("%s%s%s", orders[o], cursor ? "&cursor=" : "", cursor ? cursor : "");
          else
            query = cursor ? g_strdup_printf ("cursor=%s", cursor) : NULL;
          reply = call (f->a, "GET", MATERIALS, NULL, query, NULL);
          assert_status (&reply, 200);
          items = items_of (&reply);
          n_pages++;
          g_assert_cmpuint (json_array_get_length (items), ==, n_pages < 3 ? 50 : 20);

          for (guint i = 0; i < json_array_get_length (items); i++)
            {
              JsonObject *item = json_array_get_object_element (items, i);
              const char *name = json_object_get_string_member (item, "name");

              g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (item, "id"))));
              if (previous != NULL && o == 0)
                g_assert_cmpstr (previous, <, name);
              if (previous != NULL && o == 1)
                g_assert_cmpstr (previous, >, name);
              g_free (previous);
              previous = g_strdup (name);
              n_rows++;
            }

          g_clear_pointer (&cursor, g_free);
          next = json_object_get_member (object_of (&reply), "next_cursor");
          if (!JSON_NODE_HOLDS_NULL (next))
            cursor = g_strdup (json_node_get_string (next));
        }
      while (cursor != NULL);

      g_assert_cmpuint (n_pages, ==, 3);
      g_assert_cmpuint (n_rows, ==, 120);
      g_assert_cmpuint (g_hash_table_size (seen), ==, 120);
    }

  /* Search, sort, filters. */
  g_assert_cmpuint (count_rows (f->a, MATERIALS, "search=zephyr&limit=500"), ==, 12);
  g_assert_cmpuint (count_rows (f->a, MATERIALS, "search=Item%2011&limit=500"), ==, 10);
  g_assert_cmpuint (count_rows (f->a, MATERIALS, "kind=yarn&limit=500"), ==, 40);
  g_assert_cmpuint (count_rows (f->a, MATERIALS, "kind=yarn&brand=Zephyr&limit=500"), ==, 4);
  g_assert_cmpuint (count_rows (f->a, MATERIALS, "purchase_price[gte]=1000&limit=500"), ==, 20);
  g_assert_cmpuint (count_rows (f->a, MATERIALS, "purchase_price[lt]=100&kind[ne]=yarn"), ==, 6);
  g_assert_cmpuint (count_rows (f->a, MATERIALS, "sku=&limit=500"), ==, 120);
  {
    g_auto(Reply) reply = call (f->a, "GET", MATERIALS, NULL, "sort=-purchase_price&limit=1", NULL);
    assert_status (&reply, 200);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items_of (&reply), 0), "name"),
                     ==, "Item 119");
  }
  {
    g_auto(Reply) reply = call (f->a, "GET", MATERIALS, NULL, NULL, NULL);
    assert_status (&reply, 200);
    g_assert_cmpuint (json_array_get_length (items_of (&reply)), ==, 50);
  }

  /* Tenant B sees none of it. */
  g_assert_cmpuint (count_rows (f->b, MATERIALS, NULL), ==, 0);
}

/* One bad operation: nothing of the request is kept, and the answer says
 * which and why. */
static void
test_bulk_all_or_nothing (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *kept = add_material (f->a, "{\"kind\":\"bead\",\"name\":\"Glass\",\"unit\":\"pc\",\"sku\":\"GL-1\"}");
  guint n_audit = count_rows (f->a, "/api/v1/audit", NULL);
  static const struct
  {
    const char *body;
    guint       status;
    gint64      index;
    const char *field;
  } cases[] = {
    { "{\"operations\":[{\"data\":{\"kind\":\"bead\",\"name\":\"A\",\"unit\":\"pc\"}},"
      "{\"data\":{\"kind\":\"bead\",\"name\":\"B\",\"unit\":\"pc\"}},"
      "{\"data\":{\"kind\":\"bead\",\"unit\":\"pc\"}}]}", 422, 2, "name" },
    { "{\"operations\":[{\"data\":{\"kind\":\"bead\",\"name\":\"A\",\"unit\":\"pc\",\"sku\":\"NEW\"}},"
      "{\"data\":{\"kind\":\"bead\",\"name\":\"B\",\"unit\":\"pc\",\"sku\":\"NEW\"}}]}", 409, 1, "sku" },
    { "{\"operations\":[{\"data\":{\"kind\":\"bead\",\"name\":\"A\",\"unit\":\"pc\"}},"
      "{\"op\":\"update\",\"id\":\"@ID@\",\"data\":{\"purchase_price\":\"cheap\"}}]}", 422, 1, "purchase_price" },
    { "{\"operations\":[{\"op\":\"delete\",\"id\":\"@ID@\"},"
      "{\"op\":\"delete\",\"id\":\"0190b5b0-0000-7000-8000-000000000000\"}]}", 404, 1, NULL },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GString) body = g_string_new (cases[c].body);
      g_auto(Reply) reply = { 0 };
      JsonObject *error;
      JsonArray *results;

      g_string_replace (body, "@ID@", kept, 0);
      reply = call (f->a, "POST", MATERIALS "/bulk", NULL, NULL, body->str);
      assert_error (&reply, cases[c].status, cases[c].field);
      error = json_object_get_object_member (object_of (&reply), "error");
      g_assert_cmpint (json_object_get_int_member (error, "index"), ==, cases[c].index);
      g_assert_true (json_object_get_boolean_member (object_of (&reply), "rolled_back"));
      results = json_object_get_array_member (object_of (&reply), "results");
      g_assert_cmpuint (json_array_get_length (results), ==, cases[c].index + 1);
      g_assert_true (json_object_has_member (json_array_get_object_element (results, cases[c].index), "error"));

      /* Nothing written: the one material as it was, no audit row more. */
      g_assert_cmpuint (count_rows (f->a, MATERIALS, NULL), ==, 1);
      g_assert_cmpuint (count_rows (f->a, "/api/v1/audit", NULL), ==, n_audit);
      {
        g_auto(Reply) again = call (f->a, "GET", MATERIALS "/:id", kept, NULL, NULL);
        assert_status (&again, 200);
        g_assert_true (json_object_get_null_member (object_of (&again), "purchase_price"));
      }
    }

  /* Malformed requests: refused before anything runs. */
  {
    g_auto(Reply) reply = call (f->a, "POST", MATERIALS "/bulk", NULL, NULL, "[1]");
    assert_error (&reply, 400, NULL);
  }
  {
    g_auto(Reply) reply = call (f->a, "POST", MATERIALS "/bulk", NULL, NULL, "{\"operations\":[]}");
    assert_error (&reply, 400, "operations");
  }
  {
    g_auto(Reply) reply = call (f->a, "DELETE", MATERIALS "/bulk", NULL, NULL, "{\"operations\":[{\"op\":\"delete\"}]}");
    assert_error (&reply, 400, "operations[0]");
  }

  /* And a good one: mixed operations, results in order. */
  {
    g_autofree char *body = g_strdup_printf ("{\"operations\":[{\"op\":\"update\",\"id\":\"%s\",\"data\":{\"colour\":\"Red\"}},"
                                             "{\"op\":\"create\",\"data\":{\"kind\":\"bead\",\"name\":\"Wood\",\"unit\":\"pc\"}},"
                                             "{\"op\":\"delete\",\"id\":\"%s\"}]}", kept, kept);
    g_auto(Reply) reply = call (f->a, "POST", MATERIALS "/bulk", NULL, NULL, body);
    JsonArray *results;

    assert_status (&reply, 200);
    results = json_object_get_array_member (object_of (&reply), "results");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, 0), "status"), ==, 200);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, 1), "status"), ==, 201);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, 2), "status"), ==, 200);
  }
  g_assert_cmpuint (count_rows (f->a, MATERIALS, NULL), ==, 1);
  g_assert_cmpuint (count_rows (f->a, "/api/v1/trash", NULL), ==, 1);
}

/* The trash across entities, a page at a time, newest first. */
static void
test_trash_pages (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GString) deletes = g_string_new ("{\"operations\":[");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  guint n_pages = 0;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"kind\":\"bead\",\"name\":\"Bead %u\",\"unit\":\"pc\"}", i);
      g_autofree char *id = add_material (f->a, body);

      g_string_append_printf (deletes, "%s{\"id\":\"%s\"}", i ? "," : "", id);
    }
  g_string_append (deletes, "]}");
  {
    g_auto(Reply) reply = call (f->a, "POST", "/api/v1/categories", NULL, NULL, "{\"name\":\"Old\"}");
    g_auto(Reply) gone = { 0 };

    assert_status (&reply, 201);
    gone = call (f->a, "DELETE", "/api/v1/categories/:id", member_string (&reply, "id"), NULL, NULL);
    assert_status (&gone, 200);
  }
  {
    g_auto(Reply) reply = call (f->a, "DELETE", MATERIALS "/bulk", NULL, NULL, deletes->str);
    assert_status (&reply, 200);
  }

  do
    {
      g_autofree char *query = g_strdup_printf ("limit=2%s%s", cursor ? "&cursor=" : "", cursor ? cursor : "");
      g_auto(Reply) reply = call (f->a, "GET", "/api/v1/trash", NULL, query, NULL);
      JsonArray *items;
      JsonNode *next;

      assert_status (&reply, 200);
      items = items_of (&reply);
      n_pages++;
      g_assert_cmpuint (json_array_get_length (items), ==, 2);
      for (guint i = 0; i < json_array_get_length (items); i++)
        g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (json_array_get_object_element (items, i), "id"))));

      g_clear_pointer (&cursor, g_free);
      next = json_object_get_member (object_of (&reply), "next_cursor");
      if (!JSON_NODE_HOLDS_NULL (next))
        cursor = g_strdup (json_node_get_string (next));
    }
  while (cursor != NULL);

  g_assert_cmpuint (n_pages, ==, 3);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 6);
  g_assert_cmpuint (count_rows (f->a, "/api/v1/trash", "entity=category"), ==, 1);
  g_assert_cmpuint (count_rows (f->a, "/api/v1/trash", "entity=material"), ==, 5);
  g_assert_cmpuint (count_rows (f->b, "/api/v1/trash", NULL), ==, 0);

  /* Newest first: the materials went after the category. */
  {
    g_auto(Reply) reply = call (f->a, "GET", "/api/v1/trash", NULL, NULL, NULL);
    JsonArray *items = items_of (&reply);

    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 5), "entity"), ==, "category");
  }
}

static void
test_bulk_filter (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"kind\":\"yarn\",\"name\":\"Acme %u\",\"unit\":\"m\",\"brand\":\"Acme\"}", i);
      g_autofree char *id = add_material (f->a, body);
    }
  g_free (add_material (f->a, "{\"kind\":\"yarn\",\"name\":\"Other\",\"unit\":\"m\",\"brand\":\"Other\"}"));
  g_free (add_material (f->b, "{\"kind\":\"yarn\",\"name\":\"B's Acme\",\"unit\":\"m\",\"brand\":\"Acme\"}"));

  {
    g_auto(Reply) reply = call (f->a, "PUT", MATERIALS "/bulk", NULL, NULL,
                                "{\"filter\":{\"brand\":\"Acme\"},\"updates\":{\"supplier\":\"Wool Co\",\"purchase_price\":250}}");
    assert_status (&reply, 200);
    g_assert_cmpint (json_object_get_int_member (object_of (&reply), "matched"), ==, 3);
  }
  g_assert_cmpuint (count_rows (f->a, MATERIALS, "supplier=Wool%20Co&purchase_price=250"), ==, 3);
  g_assert_cmpuint (count_rows (f->b, MATERIALS, "supplier=Wool%20Co"), ==, 0);

  /* One row the updates do not fit: none is updated. */
  {
    g_auto(Reply) reply = call (f->a, "PUT", MATERIALS "/bulk", NULL, NULL,
                                "{\"filter\":{\"kind\":\"yarn\"},\"updates\":{\"weight_class\":\"heavy\"}}");
    assert_error (&reply, 422, "weight_class");
  }
  {
    g_auto(Reply) reply = call (f->a, "PUT", MATERIALS "/bulk", NULL, NULL,
                                "{\"filter\":{\"shade\":\"x\"},\"updates\":{\"colour\":\"x\"}}");
    assert_error (&reply, 400, "filter.shade");
  }
  {
    g_auto(Reply) reply = call (f->a, "PUT", MATERIALS "/bulk", NULL, NULL, "{\"filter\":{},\"updates\":{\"colour\":\"x\"}}");
    assert_error (&reply, 400, "filter");
  }
  g_assert_cmpuint (count_rows (f->a, MATERIALS, "colour=x"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (!mkt_pg_test_init (&argc, &argv, &status))
    return status;

#define ADD(path, func) g_test_add ("/server/api/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("material-verbs", test_material_verbs);
  ADD ("yarns", test_yarns);
  ADD ("pages", test_pages);
  ADD ("bulk", test_bulk_all_or_nothing);
  ADD ("bulk-filter", test_bulk_filter);
  ADD ("trash-pages", test_trash_pages);
#undef ADD

  return g_test_run ();
}
