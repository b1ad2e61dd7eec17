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

/* This program: errors, permissions, products and the OpenAPI document.
 * The rest: test-api-entity.c; the fixture and helpers:
 * test-api-entity-utils.c. */

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
  ADD ("errors", test_errors);
  ADD ("permissions", test_permissions);
  ADD ("products", test_products);
  ADD ("openapi", test_openapi);
#undef ADD

  return g_test_run ();
}
