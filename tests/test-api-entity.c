/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server"

#include "config.h"

#include <string.h>

#include "mkt-api.h"
#include "mkt-error.h"
#include "mkt-pg-store.h"
#include "mkt-pg-test-utils.h"
#include "mkt-uuid.h"

/* The REST API v1's resource logic (mkt-api), called as the server's
 * routes call it, against a real PostgreSQL as the application role, with
 * a session of tenant A and one of tenant B over MktPgStore. */

typedef struct
{
  MktPgTestDb  db;
  MktPgStore  *store;
  MktSession  *a;
  MktSession  *b;
} Fixture;

static MktSession *
new_session (Fixture    *f,
             const char *name)
{
  g_autofree char *tenant_id = mkt_uuid_new_v7 ();
  g_autofree char *user_id = mkt_uuid_new_v7 ();
  g_autofree char *device_id = mkt_uuid_new_v7 ();
  g_autoptr(MktSession) session = mkt_session_new (MKT_STORE (f->store), tenant_id, user_id, device_id);
  g_autoptr(MktRecord) tenant = mkt_record_new (&mkt_tenant_spec);
  g_autoptr(GError) error = NULL;

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

  mkt_pg_test_db_setup (&f->db, data);
  mkt_pg_test_migrate (&f->db);

  f->store = mkt_pg_store_new (f->db.app, &error);
  g_assert_no_error (error);

  f->a = new_session (f, "Tenant A");
  f->b = new_session (f, "Tenant B");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->a));
  g_assert_finalize_object (g_steal_pointer (&f->b));
  g_assert_finalize_object (g_steal_pointer (&f->store));
  mkt_pg_test_db_teardown (&f->db, data);
}

/* Calls: "GET /api/v1/inventory/materials/:id" with the id, a query
 * ("limit=5&kind=yarn") and a JSON body, as the router would. */

typedef struct
{
  guint       status;
  JsonNode   *body;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->body, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

static Reply
call (MktSession *session,
      const char *method,
      const char *pattern,
      const char *id,
      const char *query,
      const char *body)
{
  const MktApiRoute *route = mkt_api_route_find (method, pattern);
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_auto(MktApiResult) result = { 0 };
  MktApiRequest request = { 0 };
  Reply reply;

  g_assert_nonnull (route);

  if (id != NULL)
    g_hash_table_insert (params, (char *)"id", (char *)id);
  if (query != NULL)
    {
      g_autoptr(GError) error = NULL;

      fields = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, &error);
      g_assert_no_error (error);
    }
  if (body != NULL)
    {
      g_autoptr(GError) error = NULL;

      node = json_from_string (body, &error);
      g_assert_no_error (error);
    }

  request.params = params;
  request.query = fields;
  request.body = node;
  mkt_api_call (route, session, &request, &result);

  g_assert_cmpuint (result.status, !=, 0);
  g_assert_true ((result.body != NULL) != (result.text != NULL));
  if (result.status == 500)
    g_error ("500: %s", result.internal_error ? result.internal_error->message : "?");

  reply.status = result.status;
  if (result.text != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Lists write their text straight: it must be JSON. */
      reply.body = json_from_string (result.text->str, &error);
      g_assert_no_error (error);
    }
  else
    reply.body = g_steal_pointer (&result.body);
  return reply;
}

static JsonObject *
object_of (Reply *reply)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->body));
  return json_node_get_object (reply->body);
}

static const char *
member_string (Reply      *reply,
               const char *name)
{
  return json_object_get_string_member (object_of (reply), name);
}

static JsonArray *
items_of (Reply *reply)
{
  return json_object_get_array_member (object_of (reply), "items");
}

static void
assert_error (Reply      *reply,
              guint       status,
              const char *field)
{
  JsonObject *error;

  if (reply->status != status)
    g_error ("expected %u, got %u: %s", status, reply->status, json_to_string (reply->body, FALSE));

  error = json_object_get_object_member (object_of (reply), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "message"), !=, "");
  g_assert_nonnull (json_object_get_string_member (error, "code"));
  g_assert_cmpstr (json_object_get_string_member_with_default (error, "field", NULL), ==, field);
}

static void
assert_status (Reply *reply,
               guint  status)
{
  if (reply->status != status)
    g_error ("expected %u, got %u: %s", status, reply->status, json_to_string (reply->body, FALSE));
}

#define MATERIALS "/api/v1/inventory/materials"
#define YARNS "/api/v1/inventory/yarns"
#define PRODUCTS "/api/v1/products"

/* Creates a material and returns its id. */
static char *
add_material (MktSession *session,
              const char *body)
{
  g_auto(Reply) reply = call (session, "POST", MATERIALS, NULL, NULL, body);

  assert_status (&reply, 201);
  return g_strdup (member_string (&reply, "id"));
}

static guint
count_rows (MktSession *session,
            const char *pattern,
            const char *query)
{
  g_auto(Reply) reply = call (session, "GET", pattern, NULL, query ? query : "limit=500", NULL);

  assert_status (&reply, 200);
  return json_array_get_length (items_of (&reply));
}

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

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *mine = add_material (f->a, "{\"kind\":\"yarn\",\"name\":\"Mine\",\"unit\":\"m\",\"sku\":\"S-1\"}");
  g_autofree char *theirs = add_material (f->b, "{\"kind\":\"yarn\",\"name\":\"Theirs\",\"unit\":\"m\",\"sku\":\"S-2\"}");
  static const struct
  {
    const char *method;
    const char *pattern;
    gboolean    theirs;
    const char *query;
    const char *body;
    guint       status;
    const char *field;
  } cases[] = {
    /* 422: a field's value */
    { "POST", MATERIALS, FALSE, NULL, "{\"kind\":\"yarn\",\"unit\":\"m\"}", 422, "name" },
    { "POST", MATERIALS, FALSE, NULL, "{\"kind\":\"yarn\",\"name\":\"X\",\"unit\":\"parsec\"}", 422, "unit" },
    { "POST", MATERIALS, FALSE, NULL, "{\"kind\":\"yarn\",\"name\":\"X\",\"unit\":\"m\",\"purchase_price\":\"4.99\"}", 422, "purchase_price" },
    { "POST", MATERIALS, FALSE, NULL, "{\"kind\":\"yarn\",\"name\":\"X\",\"unit\":\"m\",\"shade\":\"red\"}", 422, "shade" },
    { "POST", MATERIALS, FALSE, NULL, "{\"kind\":\"yarn\",\"name\":\"X\",\"unit\":\"m\",\"category_id\":\"0190b5b0-0000-7000-8000-000000000000\"}", 422, "category_id" },
    { "PATCH", MATERIALS "/:id", FALSE, NULL, "{\"name\":\"\"}", 422, "name" },
    /* 400: the body is no object */
    { "POST", MATERIALS, FALSE, NULL, "[\"a\"]", 400, NULL },
    { "PATCH", MATERIALS "/:id", FALSE, NULL, "\"name\"", 400, NULL },
    /* 404: another tenant's row, or none */
    { "GET", MATERIALS "/:id", TRUE, NULL, NULL, 404, NULL },
    { "PATCH", MATERIALS "/:id", TRUE, NULL, "{\"name\":\"Stolen\"}", 404, NULL },
    { "PUT", MATERIALS "/:id", TRUE, NULL, "{\"kind\":\"yarn\",\"name\":\"Stolen\",\"unit\":\"m\"}", 404, NULL },
    { "DELETE", MATERIALS "/:id", TRUE, NULL, NULL, 404, NULL },
    { "POST", MATERIALS "/:id/restore", TRUE, NULL, NULL, 404, NULL },
    { "DELETE", MATERIALS "/:id/permanent", TRUE, NULL, NULL, 404, NULL },
    { "GET", PRODUCTS "/:id/complete", TRUE, NULL, NULL, 404, NULL },
    /* 409: a unique value another row holds */
    { "POST", MATERIALS, FALSE, NULL, "{\"kind\":\"yarn\",\"name\":\"Copy\",\"unit\":\"m\",\"sku\":\"S-1\"}", 409, "sku" },
    /* 400: the query */
    { "GET", MATERIALS, FALSE, "sort=nope", NULL, 400, "sort" },
    { "GET", MATERIALS, FALSE, "sort=name&order=up", NULL, 400, "order" },
    { "GET", MATERIALS, FALSE, "cursor=bm90IGEgY3Vyc29y", NULL, 400, "cursor" },
    { "GET", MATERIALS, FALSE, "cursor=!!!", NULL, 400, "cursor" },
    { "GET", MATERIALS, FALSE, "limit=0", NULL, 400, "limit" },
    { "GET", MATERIALS, FALSE, "limit=501", NULL, 400, "limit" },
    { "GET", MATERIALS, FALSE, "limit=ten", NULL, 400, "limit" },
    { "GET", MATERIALS, FALSE, "shade=red", NULL, 400, "shade" },
    { "GET", MATERIALS, FALSE, "purchase_price=cheap", NULL, 400, "purchase_price" },
    { "GET", MATERIALS, FALSE, "name[like]=x", NULL, 400, "name[like]" },
    { "GET", "/api/v1/trash", FALSE, "cursor=xyz", NULL, 400, "cursor" },
    { "GET", "/api/v1/trash", FALSE, "entity=sale", NULL, 400, "entity" },
    { "GET", "/api/v1/audit", FALSE, "sort=old_values", NULL, 400, "sort" },
    /* 405: ledgers are append-only */
    { "PUT", "/api/v1/sales/:id", FALSE, NULL, "{}", 405, NULL },
    { "PATCH", "/api/v1/stock-movements/:id", FALSE, NULL, "{\"quantity\":\"1\"}", 405, NULL },
    { "DELETE", "/api/v1/stock-movements/:id", FALSE, NULL, NULL, 405, NULL },
  };

  /* A cursor of another list is no cursor of this one. */
  g_free (add_material (f->a, "{\"kind\":\"yarn\",\"name\":\"Second\",\"unit\":\"m\"}"));
  {
    g_auto(Reply) page = call (f->a, "GET", MATERIALS, NULL, "sort=name&limit=1", NULL);
    g_autofree char *query = NULL;

    assert_status (&page, 200);
    query = g_strdup_printf ("sort=purchase_price&cursor=%s", member_string (&page, "next_cursor"));
    {
      g_auto(Reply) reply = call (f->a, "GET", MATERIALS, NULL, query, NULL);
      assert_error (&reply, 400, "cursor");
    }
  }

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_auto(Reply) reply = call (f->a, cases[c].method, cases[c].pattern, cases[c].theirs ? theirs : mine,
                                  cases[c].query, cases[c].body);

      g_test_message ("case %u: %s %s", c, cases[c].method, cases[c].pattern);
      assert_error (&reply, cases[c].status, cases[c].field);
    }

  /* Ledger changes refused through bulk too. */
  {
    g_autofree char *body = g_strdup_printf ("{\"operations\":[{\"op\":\"update\",\"id\":\"%s\",\"data\":{}}]}", mine);
    g_auto(Reply) reply = call (f->a, "POST", "/api/v1/stock-movements/bulk", NULL, NULL, body);
    assert_error (&reply, 405, NULL);
  }

  /* Nothing of it got written: A's row as it was, B's untouched. */
  {
    g_auto(Reply) reply = call (f->b, "GET", MATERIALS "/:id", theirs, NULL, NULL);
    assert_status (&reply, 200);
    g_assert_cmpstr (member_string (&reply, "name"), ==, "Theirs");
  }
  {
    g_auto(Reply) reply = call (f->a, "GET", MATERIALS "/:id", mine, NULL, NULL);
    assert_status (&reply, 200);
    g_assert_cmpstr (member_string (&reply, "name"), ==, "Mine");
  }
  g_assert_cmpuint (count_rows (f->a, MATERIALS, NULL), ==, 2);
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MktPermissionSet) viewer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_material (f->a, "{\"kind\":\"yarn\",\"name\":\"Wool\",\"unit\":\"m\"}");
  static const struct
  {
    const char *method;
    const char *pattern;
    const char *body;
    const char *permission;
  } writes[] = {
    { "POST", MATERIALS, "{\"kind\":\"yarn\",\"name\":\"X\",\"unit\":\"m\"}", "materials:create" },
    { "PATCH", MATERIALS "/:id", "{\"name\":\"X\"}", "materials:update" },
    { "PUT", MATERIALS "/:id", "{\"kind\":\"yarn\",\"name\":\"X\",\"unit\":\"m\"}", "materials:update" },
    { "DELETE", MATERIALS "/:id", NULL, "materials:soft_delete" },
    { "DELETE", MATERIALS "/:id/permanent", NULL, "materials:hard_delete" },
    { "POST", MATERIALS "/bulk", "{\"operations\":[{\"data\":{\"kind\":\"yarn\",\"name\":\"X\",\"unit\":\"m\"}}]}", "materials:create" },
    { "POST", PRODUCTS, "{\"name\":\"X\"}", "products:create" },
    { "GET", "/api/v1/audit", NULL, "audit_logs:view" },
  };

  viewer = mkt_permission_set_new_for_role ("viewer", &error);
  g_assert_no_error (error);
  mkt_session_set_permissions (f->a, viewer);

  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      g_auto(Reply) reply = call (f->a, writes[i].method, writes[i].pattern, id, NULL, writes[i].body);
      JsonObject *object;

      assert_error (&reply, 403, NULL);
      object = json_object_get_object_member (object_of (&reply), "error");
      g_assert_cmpstr (json_object_get_string_member (object, "permission"), ==, writes[i].permission);
    }

  /* Reads are allowed, and nothing was written. */
  g_assert_cmpuint (count_rows (f->a, MATERIALS, NULL), ==, 1);
  g_assert_cmpuint (count_rows (f->a, PRODUCTS, NULL), ==, 0);
  {
    g_auto(Reply) reply = call (f->a, "GET", MATERIALS "/:id", id, NULL, NULL);
    assert_status (&reply, 200);
    g_assert_cmpstr (member_string (&reply, "name"), ==, "Wool");
  }

  /* The session's own check holds without the route's: a bulk operation
   * that deletes, in a POST a crafter could send. */
  mkt_session_set_permissions (f->a, NULL);
  {
    g_autoptr(MktPermissionSet) crafter = mkt_permission_set_new ((const char *[]) { "materials:create", NULL }, &error);
    g_autofree char *body = g_strdup_printf ("{\"operations\":[{\"op\":\"delete\",\"id\":\"%s\"}]}", id);
    g_auto(Reply) reply = { 0 };

    g_assert_no_error (error);
    mkt_session_set_permissions (f->a, crafter);
    reply = call (f->a, "POST", MATERIALS "/bulk", NULL, NULL, body);
    assert_error (&reply, 403, NULL);
    mkt_session_set_permissions (f->a, NULL);
  }
  g_assert_cmpuint (count_rows (f->a, MATERIALS, NULL), ==, 1);
}

/* A product of two metres of a yarn bought at 1.00 a metre. */
static void
test_products (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *yarn = add_material (f->a, "{\"kind\":\"yarn\",\"name\":\"Wool\",\"unit\":\"m\",\"reorder_level\":\"20\"}");
  g_autofree char *product = NULL;
  g_autofree char *body = NULL;

  body = g_strdup_printf ("{\"material_id\":\"%s\",\"kind\":\"purchase\",\"quantity\":\"10\",\"total_cost\":1000}", yarn);
  {
    g_auto(Reply) reply = call (f->a, "POST", "/api/v1/stock-movements", NULL, NULL, body);
    assert_status (&reply, 201);
    g_assert_nonnull (member_string (&reply, "occurred_at"));
  }

  {
    g_auto(Reply) reply = call (f->a, "POST", PRODUCTS, NULL, NULL, "{\"name\":\"Scarf\",\"sku\":\"SC-1\",\"price\":2500}");
    assert_status (&reply, 201);
    product = g_strdup (member_string (&reply, "id"));
  }
  g_free (body);
  body = g_strdup_printf ("{\"product_id\":\"%s\",\"material_id\":\"%s\",\"quantity\":2,\"unit\":\"m\"}", product, yarn);
  {
    g_auto(Reply) reply = call (f->a, "POST", "/api/v1/parts", NULL, NULL, body);
    assert_status (&reply, 201);
  }

  /* The same product under its old name. */
  {
    g_auto(Reply) reply = call (f->a, "GET", "/api/v1/projects/:id", product, NULL, NULL);
    assert_status (&reply, 200);
    g_assert_cmpstr (member_string (&reply, "name"), ==, "Scarf");
  }
  {
    g_auto(Reply) reply = call (f->a, "PATCH", "/api/v1/projects/:id", product, NULL, "{\"notes\":\"Long\"}");
    assert_status (&reply, 200);
  }

  for (guint alias = 0; alias < 2; alias++)
    {
      g_auto(Reply) reply = call (f->a, "GET", alias ? "/api/v1/projects/:id/complete" : PRODUCTS "/:id/complete",
                                  product, NULL, NULL);
      JsonObject *cost, *totals, *pricing;
      JsonArray *children;

      assert_status (&reply, 200);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object_of (&reply), "product"), "id"),
                       ==, product);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (&reply), "parts")), ==, 1);
      cost = json_object_get_object_member (object_of (&reply), "cost");
      g_assert_cmpstr (json_object_get_string_member (cost, "kind"), ==, "product");
      totals = json_object_get_object_member (cost, "totals");
      g_assert_cmpint (json_object_get_int_member (totals, "material_cost"), ==, 200);
      children = json_object_get_array_member (cost, "children");
      g_assert_cmpuint (json_array_get_length (children), >=, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (children, 0), "kind"), ==, "material");
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (children, 0), "cost"), ==, 200);
      pricing = json_object_get_object_member (object_of (&reply), "pricing");
      g_assert_cmpint (json_object_get_int_member (pricing, "price"), ==, 2500);
      g_assert_cmpint (json_object_get_int_member (pricing, "cost"), >=, 200);
    }

  /* Calculate costs: the cached cost from the recipe as it is now. */
  {
    g_auto(Reply) reply = call (f->a, "POST", PRODUCTS "/:id/calculate-costs", product, NULL, NULL);
    JsonObject *pricing;

    assert_status (&reply, 200);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object_of (&reply), "cost"),
                                                 "material_cost"), ==, 200);
    pricing = json_object_get_object_member (object_of (&reply), "pricing");
    g_assert_cmpint (json_object_get_int_member (pricing, "wholesale"), >=, json_object_get_int_member (pricing, "cost"));
    g_assert_cmpint (json_object_get_int_member (pricing, "retail"), >=, json_object_get_int_member (pricing, "wholesale"));
    g_assert_cmpstr (json_object_get_string_member (pricing, "currency"), ==, "USD");
  }

  /* A material a recipe uses is not deleted for good. */
  {
    g_auto(Reply) reply = call (f->a, "DELETE", MATERIALS "/:id/permanent", yarn, NULL, NULL);
    assert_error (&reply, 409, NULL);
  }
  {
    g_auto(Reply) reply = call (f->a, "GET", MATERIALS "/:id", yarn, NULL, NULL);
    assert_status (&reply, 200);
  }

  /* Dashboard: 10 m on hand at or below 20 is low stock. */
  {
    g_auto(Reply) reply = call (f->a, "GET", "/api/v1/inventory/dashboard", NULL, NULL, NULL);
    JsonObject *counts, *value, *low;

    assert_status (&reply, 200);
    counts = json_object_get_object_member (object_of (&reply), "counts");
    g_assert_cmpint (json_object_get_int_member (counts, "materials"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (counts, "products"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (counts, "low_stock"), ==, 1);
    value = json_object_get_object_member (object_of (&reply), "value");
    g_assert_cmpint (json_object_get_int_member (value, "materials"), ==, 1000);
    low = json_array_get_object_element (json_object_get_array_member (object_of (&reply), "low_stock"), 0);
    g_assert_cmpstr (json_object_get_string_member (low, "on_hand"), ==, "10");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (low, "blocked_products")), ==, 1);
  }

  /* A sale goes through the market's rules: cost of goods kept with it. */
  g_free (body);
  body = g_strdup_printf ("{\"product_id\":\"%s\",\"quantity\":\"1\",\"payment_method\":\"card\"}", product);
  {
    g_auto(Reply) reply = call (f->a, "POST", "/api/v1/sales", NULL, NULL, body);
    assert_status (&reply, 201);
    g_assert_cmpint (json_object_get_int_member (object_of (&reply), "unit_price"), ==, 2500);
    g_assert_false (json_object_get_null_member (object_of (&reply), "unit_cost"));
  }
  g_free (body);
  body = g_strdup_printf ("{\"product_id\":\"%s\",\"quantity\":\"1\",\"unit_cost\":0}", product);
  {
    g_auto(Reply) reply = call (f->a, "POST", "/api/v1/sales", NULL, NULL, body);
    assert_error (&reply, 422, "unit_cost");
  }
  g_assert_cmpuint (count_rows (f->a, "/api/v1/sales", NULL), ==, 1);

  /* Tenant B sees none of it. */
  {
    g_auto(Reply) reply = call (f->b, "POST", PRODUCTS "/:id/calculate-costs", product, NULL, NULL);
    assert_error (&reply, 404, NULL);
  }
  g_assert_cmpuint (count_rows (f->b, "/api/v1/sales", NULL), ==, 0);
}

/* The route table and the OpenAPI document list the same routes. */
static void
test_openapi (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *text = mkt_api_openapi_to_string ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const MktApiRoute *routes;
  JsonObject *root, *paths;
  JsonObjectIter iter;
  const char *path;
  JsonNode *item;
  guint n_routes, n_operations = 0;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "openapi"), ==, "3.1.0");
  paths = json_object_get_object_member (root, "paths");

  routes = mkt_api_routes_get (&n_routes);
  g_assert_cmpuint (n_routes, >, 80);
  for (guint i = 0; i < n_routes; i++)
    {
      g_autoptr(GString) openapi = g_string_new (routes[i].pattern);
      g_autofree char *method = g_ascii_strdown (routes[i].method, -1);
      JsonObject *operation;

      g_string_replace (openapi, ":id", "{id}", 0);
      g_assert_true (json_object_has_member (paths, openapi->str));
      operation = json_object_get_object_member (json_object_get_object_member (paths, openapi->str), method);
      g_assert_nonnull (operation);
      g_assert_cmpstr (json_object_get_string_member (operation, "summary"), ==, routes[i].summary);
      g_assert_true (g_hash_table_add (table, g_strdup_printf ("%s %s", method, openapi->str)));
    }

  json_object_iter_init (&iter, paths);
  while (json_object_iter_next (&iter, &path, &item))
    {
      JsonObjectIter methods;
      const char *method;
      JsonNode *operation;

      json_object_iter_init (&methods, json_node_get_object (item));
      while (json_object_iter_next (&methods, &method, &operation))
        {
          g_autofree char *key = g_strdup_printf ("%s %s", method, path);

          g_assert_true (g_hash_table_contains (table, key));
          n_operations++;
        }
    }
  g_assert_cmpuint (n_operations, ==, n_routes);

  /* Schemas are the entities': a material's fields, with their types. */
  {
    JsonObject *schemas = json_object_get_object_member (json_object_get_object_member (root, "components"), "schemas");
    JsonObject *material = json_object_get_object_member (json_object_get_object_member (schemas, "Material"), "properties");
    JsonObject *input = json_object_get_object_member (schemas, "MaterialInput");

    g_assert_true (json_object_has_member (material, "purchase_price"));
    g_assert_true (json_object_has_member (material, "deleted_at"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (input, "required")), ==, 3);
  }

  /* Routes of the server's own (accounts, health) join the document. */
  {
    g_autoptr(JsonNode) document = mkt_api_openapi_build ();
    JsonObject *users, *get, *parameter;

    mkt_api_openapi_add_route (document, "GET", "/api/v1/users/:user_id", "Get a user", "users:read");
    mkt_api_openapi_add_route (document, "GET", "/health", "Health", NULL);
    paths = json_object_get_object_member (json_node_get_object (document), "paths");
    users = json_object_get_object_member (paths, "/api/v1/users/{user_id}");
    g_assert_nonnull (users);
    get = json_object_get_object_member (users, "get");
    g_assert_cmpstr (json_object_get_string_member (get, "x-permission"), ==, "users:read");
    parameter = json_array_get_object_element (json_object_get_array_member (get, "parameters"), 0);
    g_assert_cmpstr (json_object_get_string_member (parameter, "name"), ==, "user_id");
    g_assert_true (json_object_has_member (json_object_get_object_member (paths, "/health"), "get"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
      json_object_get_object_member (json_object_get_object_member (paths, "/health"), "get"), "security")), ==, 0);
  }

  /* And the document is a route of its own. */
  {
    g_auto(Reply) reply = call (f->a, "GET", "/api/v1/openapi.json", NULL, NULL, NULL);
    assert_status (&reply, 200);
    g_assert_cmpstr (member_string (&reply, "openapi"), ==, "3.1.0");
  }
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
  ADD ("errors", test_errors);
  ADD ("permissions", test_permissions);
  ADD ("products", test_products);
  ADD ("openapi", test_openapi);
#undef ADD

  return g_test_run ();
}
