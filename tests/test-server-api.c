/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server-api"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mkt-http-router.h"
#include "mkt-pg-test-utils.h"
#include "mkt-server-test-utils.h"

/* The REST API v1 over HTTP, through the real market-server on a migrated
 * database: the API's routes as the server registers them, the OpenAPI
 * document of all its routes, tenants kept apart, the default roles'
 * permissions, the error classes of a resource route, and two server
 * processes sharing one database. One server serves most tests (each
 * registers businesses of its own). */

/* This program: materials, the default roles, the error classes of a resource
 * route, and products. The rest: test-server-api-catalogue.c,
 * test-server-api-routes.c; the helpers: mkt-server-test-utils.c. */

static void
assert_forbidden (JsonNode   *node,
                  guint       status,
                  const char *permission)
{
  JsonObject *error = assert_error (node, status, 403, "forbidden", NULL);

  g_assert_cmpstr (json_object_get_string_member (error, "permission"), ==, permission);
}

/* Invites a user of @role into the admin's business; returns their access
 * token. */
static char *
invite (const char *admin,
        const char *role)
{
  g_autofree char *email = g_strdup_printf ("%s.%08x@example.com", role, g_random_int ());
  g_autofree char *body = g_strdup_printf ("{\"name\":\"Someone\",\"email\":\"%s\",\"role\":\"%s\"}", email, role);
  g_autofree char *login = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) tokens = NULL;
  guint status;

  node = call ("POST", "/api/v1/users", admin, body, &status);
  g_assert_cmpuint (status, ==, 201);
  login = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", email, member (node, "temporary_password"));
  tokens = call ("POST", "/api/v1/auth/login", NULL, login, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (member (tokens, "role"), ==, role);
  return g_strdup (member (tokens, "access_token"));
}

/* Create, list, get, change, delete, restore, purge and bulk: the whole
 * life of materials; another business sees none of it. */
static void
test_materials (void)
{
  g_autofree char *a = register_business ("Ann");
  g_autofree char *b = register_business ("Bob");
  g_autofree char *first = NULL;
  g_autofree char *one = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint status;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"kind\":\"yarn\",\"name\":\"Merino %u\",\"unit\":\"m\","
                                               "\"sku\":\"MER-%u\"}", i, i);
      g_autofree char *id = add_material (&shared.server, a, body);

      if (first == NULL)
        first = g_strdup (id);
    }
  one = add_material (&shared.server, a, "{\"kind\":\"bead\",\"name\":\"Glass bead\",\"unit\":\"pc\"}");

  /* Pages of two, cursor after cursor. */
  for (guint page = 0; page < 4; page++)
    {
      g_autofree char *path = g_strdup_printf (MATERIALS "?limit=2%s%s", cursor ? "&cursor=" : "", cursor ? cursor : "");
      g_autoptr(JsonNode) node = call ("GET", path, a, NULL, &status);
      JsonArray *rows;

      g_assert_cmpuint (status, ==, 200);
      rows = items (node);
      g_assert_cmpuint (json_array_get_length (rows), <=, 2);
      for (guint i = 0; i < json_array_get_length (rows); i++)
        g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (
          json_array_get_object_element (rows, i), "id"))));
      g_free (cursor);
      cursor = json_object_get_null_member (object (node), "next_cursor") ? NULL
               : g_uri_escape_string (member (node, "next_cursor"), NULL, FALSE);
      if (cursor == NULL)
        break;
    }
  g_assert_null (cursor);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 6);

  /* Search. */
  {
    g_autoptr(JsonNode) node = call ("GET", MATERIALS "?search=bead", a, NULL, &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (json_array_get_length (items (node)), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items (node), 0), "id"), ==, one);
  }

  /* Get, patch, replace. */
  {
    g_autofree char *path = path_of (MATERIALS, first, NULL);
    g_autoptr(JsonNode) got = call ("GET", path, a, NULL, &status);
    g_autoptr(JsonNode) patched = NULL;
    g_autoptr(JsonNode) replaced = NULL;

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (member (got, "name"), ==, "Merino 0");

    patched = call ("PATCH", path, a, "{\"brand\":\"Drops\"}", &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (member (patched, "brand"), ==, "Drops");
    g_assert_cmpstr (member (patched, "name"), ==, "Merino 0");

    replaced = call ("PUT", path, a, "{\"kind\":\"fibre\",\"name\":\"Tops\",\"unit\":\"g\"}", &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (member (replaced, "name"), ==, "Tops");
    g_assert_true (json_object_get_null_member (object (replaced), "brand"));
  }

  /* Tenant B knows nothing of A's rows. */
  {
    g_autofree char *path = path_of (MATERIALS, first, NULL);
    g_autofree char *restore = path_of (MATERIALS, first, "/restore");
    g_autofree char *permanent = path_of (MATERIALS, first, "/permanent");
    g_autoptr(JsonNode) list = call ("GET", MATERIALS, b, NULL, &status);
    const char *methods[] = { "GET", "PATCH", "PUT", "DELETE" };
    const char *bodies[] = { NULL, "{\"name\":\"Stolen\"}", "{\"kind\":\"yarn\",\"name\":\"Stolen\",\"unit\":\"m\"}", NULL };

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (json_array_get_length (items (list)), ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
      {
        g_autoptr(JsonNode) node = call (methods[i], path, b, bodies[i], &status);

        assert_error (node, status, 404, "not_found", NULL);
      }
    {
      g_autoptr(JsonNode) node = call ("POST", restore, b, NULL, &status);

      assert_error (node, status, 404, "not_found", NULL);
    }
    {
      g_autoptr(JsonNode) node = call ("DELETE", permanent, b, NULL, &status);

      assert_error (node, status, 404, "not_found", NULL);
    }
    {
      g_autoptr(JsonNode) node = call ("GET", path, a, NULL, &status);

      g_assert_cmpuint (status, ==, 200);
      g_assert_cmpstr (member (node, "name"), ==, "Tops");
    }
  }

  /* Delete, the trash, restore, purge. */
  {
    g_autofree char *path = path_of (MATERIALS, one, NULL);
    g_autofree char *restore = path_of (MATERIALS, one, "/restore");
    g_autofree char *permanent = path_of (MATERIALS, one, "/permanent");
    g_autoptr(JsonNode) deleted = call ("DELETE", path, a, NULL, &status);
    g_autoptr(JsonNode) gone = NULL;
    g_autoptr(JsonNode) trash = NULL;
    g_autoptr(JsonNode) restored = NULL;
    g_autoptr(JsonNode) purged = NULL;
    g_autoptr(JsonNode) after = NULL;

    g_assert_cmpuint (status, ==, 200);
    g_assert_false (json_object_get_null_member (object (deleted), "deleted_at"));
    gone = call ("GET", path, a, NULL, &status);
    assert_error (gone, status, 404, "not_found", NULL);

    trash = call ("GET", "/api/v1/trash", a, NULL, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (json_array_get_length (items (trash)), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items (trash), 0), "id"), ==, one);

    restored = call ("POST", restore, a, NULL, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_true (json_object_get_null_member (object (restored), "deleted_at"));

    purged = call ("DELETE", permanent, a, NULL, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_true (json_object_get_boolean_member (object (purged), "purged"));
    after = call ("GET", path, a, NULL, &status);
    assert_error (after, status, 404, "not_found", NULL);
  }

  /* Bulk (the router takes …/bulk before …/:id). */
  {
    g_autoptr(JsonNode) created = call ("POST", MATERIALS "/bulk", a,
                                        "{\"operations\":[{\"data\":{\"kind\":\"bead\",\"name\":\"Wood\",\"unit\":\"pc\"}},"
                                        "{\"data\":{\"kind\":\"bead\",\"name\":\"Bone\",\"unit\":\"pc\"}}]}", &status);
    g_autoptr(JsonNode) updated = NULL;
    g_autoptr(JsonNode) list = NULL;
    g_autoptr(JsonNode) removed = NULL;
    g_autofree char *body = NULL;
    JsonArray *results;

    g_assert_cmpuint (status, ==, 200);
    results = json_object_get_array_member (object (created), "results");
    g_assert_cmpuint (json_array_get_length (results), ==, 2);

    updated = call ("PUT", MATERIALS "/bulk", a, "{\"filter\":{\"kind\":\"bead\"},\"updates\":{\"supplier\":\"Beads Ltd\"}}",
                    &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (object (updated), "count"), ==, 2);
    list = call ("GET", MATERIALS "?search=Beads%20Ltd", a, NULL, &status);
    g_assert_cmpuint (status, ==, 200);

    body = g_strdup_printf ("{\"operations\":[{\"id\":\"%s\"},{\"id\":\"%s\"}]}",
                            json_object_get_string_member (json_array_get_object_element (results, 0), "id"),
                            json_object_get_string_member (json_array_get_object_element (results, 1), "id"));
    removed = call ("DELETE", MATERIALS "/bulk", a, body, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (object (removed), "count"), ==, 2);
  }
  {
    g_autoptr(JsonNode) node = call ("GET", MATERIALS, a, NULL, &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (json_array_get_length (items (node)), ==, 5);
  }
}

/* The default roles, through the routes' permissions. */
static void
test_roles (void)
{
  g_autofree char *admin = register_business ("Ann");
  g_autofree char *viewer = invite (admin, "viewer");
  g_autofree char *crafter = invite (admin, "crafter");
  g_autofree char *manager = invite (admin, "manager");
  g_autofree char *id = add_material (&shared.server, admin, "{\"kind\":\"yarn\",\"name\":\"Wool\",\"unit\":\"m\"}");
  g_autofree char *crafted = NULL;
  g_autofree char *path = path_of (MATERIALS, id, NULL);
  g_autofree char *permanent = path_of (MATERIALS, id, "/permanent");
  guint status;

  /* A viewer reads, and only reads. */
  {
    g_autoptr(JsonNode) list = call ("GET", MATERIALS, viewer, NULL, &status);
    g_autoptr(JsonNode) one = call ("GET", path, viewer, NULL, &status);
    g_autoptr(JsonNode) create = call ("POST", MATERIALS, viewer, "{\"kind\":\"yarn\",\"name\":\"X\",\"unit\":\"m\"}", &status);
    g_autoptr(JsonNode) patch = NULL;

    assert_forbidden (create, status, "materials:create");
    patch = call ("PATCH", path, viewer, "{\"name\":\"X\"}", &status);
    assert_forbidden (patch, status, "materials:update");
    g_assert_cmpuint (json_array_get_length (items (list)), ==, 1);
    g_assert_cmpstr (member (one, "name"), ==, "Wool");
  }

  /* A crafter creates and deletes, but not for good, and reads no audit
   * log. */
  crafted = add_material (&shared.server, crafter, "{\"kind\":\"yarn\",\"name\":\"Silk\",\"unit\":\"m\"}");
  {
    g_autoptr(JsonNode) deleted = call ("DELETE", path, crafter, NULL, &status);
    g_autoptr(JsonNode) purge = NULL;
    g_autoptr(JsonNode) audit = NULL;

    g_assert_cmpuint (status, ==, 200);
    purge = call ("DELETE", permanent, crafter, NULL, &status);
    assert_forbidden (purge, status, "materials:hard_delete");
    audit = call ("GET", "/api/v1/audit", crafter, NULL, &status);
    assert_forbidden (audit, status, "audit_logs:view");
  }

  /* A manager purges. */
  {
    g_autoptr(JsonNode) purge = call ("DELETE", permanent, manager, NULL, &status);
    g_autoptr(JsonNode) gone = NULL;

    g_assert_cmpuint (status, ==, 200);
    g_assert_true (json_object_get_boolean_member (object (purge), "purged"));
    gone = call ("GET", path, admin, NULL, &status);
    assert_error (gone, status, 404, "not_found", NULL);
  }

  /* The admin reads the audit log: the crafter's row is in it. */
  {
    g_autofree char *query = g_strdup_printf ("/api/v1/audit?entity=material&entity_id=%s", crafted);
    g_autoptr(JsonNode) audit = call ("GET", query, admin, NULL, &status);
    g_autoptr(JsonNode) managers = call ("GET", "/api/v1/audit", manager, NULL, &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (json_array_get_length (items (audit)), ==, 1);
    g_assert_cmpuint (json_array_get_length (items (managers)), >=, 3);
  }

  /* No token, no API. */
  {
    g_autoptr(JsonNode) node = call ("GET", MATERIALS, NULL, NULL, &status);

    assert_error (node, status, 401, "unauthorized", NULL);
  }
}

/* The error classes of a resource route. */
static void
test_errors (void)
{
  g_autofree char *a = register_business ("Ann");
  g_autofree char *id = add_material (&shared.server, a, "{\"kind\":\"yarn\",\"name\":\"Wool\",\"unit\":\"m\",\"sku\":\"W-1\"}");
  g_autofree char *path = path_of (MATERIALS, id, NULL);
  static const struct
  {
    const char *method;
    const char *path;
    const char *body;
    guint       status;
    const char *code;
    const char *field;
  } cases[] = {
    { "POST", MATERIALS, "{\"kind\":\"yarn\",\"name\":\"X\",\"unit\":\"parsec\"}", 422, "invalid", "unit" },
    { "POST", MATERIALS, "{\"kind\":\"yarn\",\"unit\":\"m\"}", 422, "invalid", "name" },
    { "POST", MATERIALS, "{\"kind\":\"plastic\",\"name\":\"X\",\"unit\":\"m\"}", 422, "invalid", "kind" },
    { "POST", MATERIALS, "{\"kind\":\"yarn\",\"name\":\"Copy\",\"unit\":\"m\",\"sku\":\"W-1\"}", 409, "conflict", "sku" },
    { "GET", MATERIALS "?limit=0", NULL, 400, NULL, "limit" },
    { "GET", MATERIALS "?limit=lots", NULL, 400, NULL, "limit" },
    { "GET", MATERIALS "?limit=501", NULL, 400, NULL, "limit" },
    { "GET", MATERIALS "?sort=shade", NULL, 400, NULL, "sort" },
    { "GET", MATERIALS "?cursor=xyz", NULL, 400, NULL, "cursor" },
    { "POST", MATERIALS, "{\"kind\":\"yarn\",", 400, "malformed_json", NULL },
    { "POST", MATERIALS "/bulk", "[1,", 400, "malformed_json", NULL },
    { "GET", MATERIALS "/0190b5b0-0000-7000-8000-000000000000", NULL, 404, "not_found", NULL },
    { "PUT", "/api/v1/sales/0190b5b0-0000-7000-8000-000000000000", "{}", 405, NULL, NULL },
  };
  g_autoptr(GString) big = g_string_new ("{\"kind\":\"yarn\",\"name\":\"Big\",\"unit\":\"m\",\"notes\":\"");
  guint status;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = call (cases[i].method, cases[i].path, a, cases[i].body, &status);
      JsonObject *error;

      g_test_message ("%s %s %s", cases[i].method, cases[i].path, cases[i].body ? cases[i].body : "");
      g_assert_cmpuint (status, ==, cases[i].status);
      error = json_object_get_object_member (object (node), "error");
      g_assert_nonnull (error);
      if (cases[i].code != NULL)
        g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, cases[i].code);
      if (cases[i].field != NULL)
        g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, cases[i].field);
    }

  /* A body over the limit is refused before it is read. */
  while (big->len < BODY_LIMIT + 1024)
    g_string_append (big, "0123456789abcdef");
  g_string_append (big, "\"}");
  {
    g_autoptr(JsonNode) node = call ("POST", MATERIALS, a, big->str, &status);

    assert_error (node, status, 413, "body_too_large", NULL);
  }
  {
    g_autoptr(JsonNode) node = call ("PATCH", path, a, big->str, &status);

    assert_error (node, status, 413, "body_too_large", NULL);
  }

  /* Nothing of it was written. */
  {
    g_autoptr(JsonNode) node = call ("GET", MATERIALS, a, NULL, &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (json_array_get_length (items (node)), ==, 1);
  }
}

/* Products' extras, the dashboard, the projects alias, yarns. */
static void
test_products (void)
{
  g_autofree char *a = register_business ("Ann");
  g_autofree char *yarn = add_material (&shared.server, a,
                                        "{\"kind\":\"yarn\",\"name\":\"Wool\",\"unit\":\"m\",\"reorder_level\":\"20\"}");
  g_autofree char *bead = add_material (&shared.server, a, "{\"kind\":\"bead\",\"name\":\"Glass\",\"unit\":\"pc\"}");
  g_autofree char *product = NULL;
  g_autofree char *body = NULL;
  guint status;

  body = g_strdup_printf ("{\"material_id\":\"%s\",\"kind\":\"purchase\",\"quantity\":\"10\",\"total_cost\":1000}", yarn);
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/stock-movements", a, body, &status);

    g_assert_cmpuint (status, ==, 201);
  }
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/products", a, "{\"name\":\"Scarf\",\"sku\":\"SC-1\",\"price\":2500}",
                                     &status);

    g_assert_cmpuint (status, ==, 201);
    product = g_strdup (member (node, "id"));
  }
  g_free (body);
  body = g_strdup_printf ("{\"product_id\":\"%s\",\"material_id\":\"%s\",\"quantity\":2,\"unit\":\"m\"}", product, yarn);
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/parts", a, body, &status);

    g_assert_cmpuint (status, ==, 201);
  }

  for (guint alias = 0; alias < 2; alias++)
    {
      g_autofree char *path = path_of (alias ? "/api/v1/projects" : "/api/v1/products", product, "/complete");
      g_autoptr(JsonNode) node = call ("GET", path, a, NULL, &status);
      JsonObject *cost;

      g_assert_cmpuint (status, ==, 200);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object (node), "product"), "id"),
                       ==, product);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (node), "parts")), ==, 1);
      cost = json_object_get_object_member (object (node), "cost");
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (cost, "totals"), "material_cost"), ==, 200);
    }
  {
    g_autofree char *path = path_of ("/api/v1/products", product, "/calculate-costs");
    g_autoptr(JsonNode) node = call ("POST", path, a, NULL, &status);
    JsonObject *pricing;

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object (node), "cost"), "material_cost"),
                     ==, 200);
    pricing = json_object_get_object_member (object (node), "pricing");
    g_assert_cmpstr (json_object_get_string_member (pricing, "currency"), ==, "EUR");
    g_assert_cmpint (json_object_get_int_member (pricing, "retail"), >=, json_object_get_int_member (pricing, "cost"));
  }

  /* The projects alias: the same rows. */
  {
    g_autofree char *path = path_of ("/api/v1/projects", product, NULL);
    g_autoptr(JsonNode) node = call ("GET", path, a, NULL, &status);
    g_autoptr(JsonNode) list = call ("GET", "/api/v1/projects", a, NULL, &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (member (node, "name"), ==, "Scarf");
    g_assert_cmpuint (json_array_get_length (items (list)), ==, 1);
  }

  /* Yarns: the materials of kind yarn only. */
  {
    g_autoptr(JsonNode) list = call ("GET", "/api/v1/inventory/yarns", a, NULL, &status);
    g_autoptr(JsonNode) created = NULL;

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (json_array_get_length (items (list)), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items (list), 0), "id"), ==, yarn);

    created = call ("POST", "/api/v1/inventory/yarns", a, "{\"name\":\"Alpaca\",\"unit\":\"m\"}", &status);
    g_assert_cmpuint (status, ==, 201);
    g_assert_cmpstr (member (created, "kind"), ==, "yarn");
  }
  {
    g_autofree char *path = path_of ("/api/v1/inventory/yarns", bead, NULL);
    g_autoptr(JsonNode) node = call ("GET", path, a, NULL, &status);

    assert_error (node, status, 404, "not_found", NULL);
  }

  /* The dashboard: 10 m on hand at or below 20 is low stock. */
  {
    g_autoptr(JsonNode) node = call ("GET", "/api/v1/inventory/dashboard", a, NULL, &status);
    JsonObject *counts;

    g_assert_cmpuint (status, ==, 200);
    counts = json_object_get_object_member (object (node), "counts");
    g_assert_cmpint (json_object_get_int_member (counts, "materials"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (counts, "products"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (counts, "low_stock"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object (node), "value"), "materials"),
                     ==, 1000);
  }
}

static void
add_tests (void)
{
  g_test_add_func ("/server/api/materials", test_materials);
  g_test_add_func ("/server/api/roles", test_roles);
  g_test_add_func ("/server/api/errors", test_errors);
  g_test_add_func ("/server/api/products", test_products);
}

int
main (int    argc,
      char **argv)
{
  return server_test_run (&argc, &argv, add_tests);
}
