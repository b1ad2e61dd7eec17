/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server-api"

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mkt-http-router.h"
#include "mkt-pg-test-utils.h"
#include "mkt-server-test-utils.h"

/* Every route of the server over HTTP, through the real market-server on a
 * migrated database, each at least once on its happy path, and the log of
 * the server shows it: a route added without such a test fails the last
 * test. The error classes that fit each family: 422 naming the field, 404
 * for another business's ids, 403 per default role.
 *
 * This program: the goods, a material's and a product's stock, making
 * products, their costs and the inventory dashboard. The rest:
 * test-server-api-every-route-resources.c and
 * test-server-api-every-route-flows.c; the helpers and the split between
 * the three: mkt-server-test-utils.c. */

static JsonObject *
member_object (JsonNode   *node,
               const char *name)
{
  return json_object_get_object_member (object (node), name);
}

static void
test_costs (void)
{
  g_autofree char *a = register_business ("Ann");
  g_autofree char *b = register_business ("Bob");
  g_autofree char *viewer = invite_role (a, "viewer");
  g_autofree char *yarn = add_material (&shared.server, a,
                                        "{\"kind\":\"yarn\",\"name\":\"Wool\",\"unit\":\"m\","
                                        "\"reorder_level\":\"20\"}");
  g_autofree char *product = create_id (a, "/api/v1/products", "{\"name\":\"Scarf\",\"price\":2500}");
  g_autofree char *stock = path_of (MATERIALS, yarn, "/stock");
  g_autofree char *body = g_strdup_printf ("{\"kind\":\"purchase\",\"material\":\"%s\",\"quantity\":\"10\","
                                           "\"total_cost\":1000}", yarn);

  g_autoptr(JsonNode) bought = call_expect ("POST", "/api/v1/stock-movements", a, body, 201);
  g_free (body);
  body = g_strdup_printf ("{\"product_id\":\"%s\",\"material_id\":\"%s\",\"quantity\":2,\"unit\":\"m\"}",
                          product, yarn);
  g_free (create_id (a, "/api/v1/parts", body));

  {
    g_autoptr(JsonNode) node = call_expect ("GET", stock, a, NULL, 200);

    g_assert_cmpstr (member (node, "on_hand"), ==, "10");
    g_assert_cmpstr (member (node, "unit"), ==, "m");
  }

  /* 2 m at 1.00: 2.00 of material, under either name. */
  for (guint alias = 0; alias < 2; alias++)
    {
      g_autofree char *path = path_of (alias ? "/api/v1/projects" : "/api/v1/products", product, "/complete");
      g_autoptr(JsonNode) node = call_expect ("GET", path, a, NULL, 200);
      JsonObject *totals = json_object_get_object_member (member_object (node, "cost"), "totals");

      g_assert_cmpstr (json_object_get_string_member (member_object (node, "product"), "id"), ==, product);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (node), "parts")), ==, 1);
      g_assert_cmpint (json_object_get_int_member (totals, "material_cost"), ==, 200);
      assert_not_found_at ("GET", path, b, NULL);
    }
  {
    g_autofree char *path = path_of ("/api/v1/products", product, "/calculate-costs");
    g_autoptr(JsonNode) node = call_expect ("POST", path, a, NULL, 200);
    JsonObject *pricing = member_object (node, "pricing");

    g_assert_cmpstr (member (node, "product_id"), ==, product);
    g_assert_cmpint (json_object_get_int_member (member_object (node, "cost"), "material_cost"), ==, 200);
    g_assert_cmpint (json_object_get_int_member (pricing, "price"), ==, 2500);
    g_assert_cmpstr (json_object_get_string_member (pricing, "currency"), ==, "EUR");
    assert_not_found_at ("POST", path, b, NULL);
    assert_denied ("POST", path, viewer, NULL, "products:update");
  }

  /* Ten more metres at 3.00: the cost follows (weighted average 2.00). */
  g_free (body);
  body = g_strdup_printf ("{\"kind\":\"purchase\",\"material\":\"%s\",\"quantity\":\"10\",\"total_cost\":3000}", yarn);
  g_clear_pointer (&bought, json_node_unref);
  bought = call_expect ("POST", "/api/v1/stock-movements", a, body, 201);
  {
    g_autofree char *path = path_of ("/api/v1/projects", product, "/calculate-costs");
    g_autoptr(JsonNode) node = call_expect ("POST", path, a, NULL, 200);

    g_assert_cmpint (json_object_get_int_member (member_object (node, "cost"), "material_cost"), ==, 400);
    assert_not_found_at ("POST", path, b, NULL);
    assert_denied ("POST", path, viewer, NULL, "products:update");
  }

  /* 20 m on hand at a reorder level of 20: low. Bob's business is empty. */
  {
    g_autoptr(JsonNode) node = call_expect ("GET", "/api/v1/inventory/dashboard", viewer, NULL, 200);
    g_autoptr(JsonNode) bobs = call_expect ("GET", "/api/v1/inventory/dashboard", b, NULL, 200);
    g_autoptr(JsonNode) on_hand = call_expect ("GET", stock, a, NULL, 200);
    JsonObject *counts = member_object (node, "counts");
    JsonArray *low = json_object_get_array_member (object (node), "low_stock");

    g_assert_cmpstr (member (on_hand, "on_hand"), ==, "20");
    g_assert_cmpint (json_object_get_int_member (counts, "materials"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (counts, "products"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (counts, "low_stock"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (member_object (node, "value"), "materials"), ==, 4000);
    g_assert_cmpuint (json_array_get_length (low), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
      json_array_get_object_element (low, 0), "material"), "id"), ==, yarn);
    g_assert_cmpint (json_object_get_int_member (member_object (bobs, "counts"), "materials"), ==, 0);
  }
  assert_not_found_at ("GET", stock, b, NULL);

  /* Through the core's purchase and adjustment in bulk: all or nothing. */
  {
    g_autofree char *operations = g_strdup_printf (
      "{\"operations\":[{\"data\":{\"kind\":\"purchase\",\"material\":\"%s\",\"quantity\":\"5\",\"total_cost\":100}},"
      "{\"data\":{\"kind\":\"adjustment\",\"material\":\"%s\",\"quantity\":\"-1\"}}]}", yarn, yarn);
    g_autoptr(JsonNode) node = bulk_call ("POST", "/api/v1/stock-movements/bulk", a, operations, 422, 1, "reason");
    g_autoptr(JsonNode) after = call_expect ("GET", stock, a, NULL, 200);

    g_assert_cmpstr (member (after, "on_hand"), ==, "20");
  }
  /* For good: not while a recipe uses the material; then with the
   * purchases it owns. */
  {
    g_autofree char *material = path_of (MATERIALS, yarn, "/permanent");
    g_autofree char *scarf = path_of ("/api/v1/products", product, "/permanent");
    g_autoptr(JsonNode) purged = NULL;
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(JsonNode) empty = NULL;

    assert_refused ("DELETE", material, a, NULL, 409, "conflict", NULL);
    purged = call_expect ("DELETE", scarf, a, NULL, 200);
    g_assert_cmpint (json_object_get_int_member (object (purged), "owned_rows_removed"), >=, 1);
    node = call_expect ("DELETE", material, a, NULL, 200);
    g_assert_cmpint (json_object_get_int_member (object (node), "owned_rows_removed"), ==, 2);
    empty = call_expect ("GET", "/api/v1/inventory/dashboard", a, NULL, 200);
    g_assert_cmpint (json_object_get_int_member (member_object (empty, "counts"), "materials"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (member_object (empty, "value"), "materials"), ==, 0);
  }
}

static const char *
requirement (JsonArray  *requirements,
             const char *name)
{
  g_assert_cmpuint (json_array_get_length (requirements), ==, 1);
  return json_object_get_string_member (json_array_get_object_element (requirements, 0), name);
}

/* Making: a shortage refuses the run and says what is short, nothing
 * moves; a run takes the materials and adds the items; force makes it
 * anyway. Under either name. */
static void
test_make (void)
{
  g_autofree char *a = register_business ("Ann");
  g_autofree char *b = register_business ("Bob");
  g_autofree char *viewer = invite_role (a, "viewer");
  g_autofree char *cotton = add_material (&shared.server, a, "{\"kind\":\"yarn\",\"name\":\"Cotton\",\"unit\":\"m\"}");
  g_autofree char *hat = create_id (a, "/api/v1/products", "{\"name\":\"Hat\",\"price\":1800}");
  g_autofree char *cotton_stock = path_of (MATERIALS, cotton, "/stock");
  g_autofree char *hat_stock = path_of ("/api/v1/products", hat, "/stock");
  g_autofree char *make = path_of ("/api/v1/products", hat, "/make");
  g_autofree char *make_project = path_of ("/api/v1/projects", hat, "/make");
  g_autofree char *body = g_strdup_printf ("{\"kind\":\"purchase\",\"material\":\"%s\",\"quantity\":\"10\","
                                           "\"total_cost\":500}", cotton);
  g_autoptr(JsonNode) bought = call_expect ("POST", "/api/v1/stock-movements", a, body, 201);
  g_autoptr(JsonNode) none = call_expect ("GET", hat_stock, a, NULL, 200);
  g_autoptr(JsonNode) short_of = NULL;
  g_autoptr(JsonNode) made = NULL;
  g_autoptr(JsonNode) forced = NULL;
  JsonObject *error;
  guint status;

  g_free (body);
  body = g_strdup_printf ("{\"product_id\":\"%s\",\"material_id\":\"%s\",\"quantity\":2,\"unit\":\"m\"}",
                          hat, cotton);
  g_free (create_id (a, "/api/v1/parts", body));
  g_assert_cmpstr (member (none, "product_id"), ==, hat);
  g_assert_cmpstr (member (none, "on_hand"), ==, "0");
  g_assert_cmpstr (member (none, "unit"), ==, "item");

  /* Six hats need 12 m; 10 are on hand. */
  short_of = call ("POST", make, a, "{\"quantity\":6}", &status);
  error = assert_error (short_of, status, 409, "conflict", NULL);
  g_assert_cmpstr (requirement (json_object_get_array_member (error, "requirements"), "needed"), ==, "12");
  g_assert_cmpstr (requirement (json_object_get_array_member (error, "requirements"), "short_by"), ==, "2");
  {
    g_autoptr(JsonNode) still = call_expect ("GET", cotton_stock, a, NULL, 200);

    g_assert_cmpstr (member (still, "on_hand"), ==, "10");
  }

  made = call_expect ("POST", make_project, a, "{\"quantity\":4}", 201);
  g_assert_cmpstr (json_object_get_string_member (member_object (made, "run"), "product_id"), ==, hat);
  g_assert_cmpstr (json_object_get_string_member (member_object (made, "run"), "quantity"), ==, "4");
  /* 8 m at 0.50. */
  g_assert_cmpint (json_object_get_int_member (member_object (made, "run"), "total_cost"), ==, 400);
  g_assert_cmpstr (requirement (json_object_get_array_member (object (made), "requirements"), "on_hand"), ==, "10");

  forced = call_expect ("POST", make, a, "{\"quantity\":3,\"force\":true}", 201);
  g_assert_true (json_object_get_boolean_member (member_object (forced, "run"), "forced"));
  {
    g_autofree char *project_stock = path_of ("/api/v1/projects", hat, "/stock");
    g_autoptr(JsonNode) cotton_left = call_expect ("GET", cotton_stock, a, NULL, 200);
    g_autoptr(JsonNode) hats = call_expect ("GET", project_stock, a, NULL, 200);

    g_assert_cmpstr (member (cotton_left, "on_hand"), ==, "-4");
    g_assert_cmpstr (member (hats, "on_hand"), ==, "7");
  }

  assert_refused ("POST", make, a, "{\"quantity\":0}", 422, "invalid", "quantity");
  assert_refused ("POST", make, a, "{\"force\":true}", 422, "invalid", "quantity");
  assert_refused ("POST", make, a, "{\"quantity\":1,\"force\":\"yes\"}", 422, "invalid", "force");
  assert_refused ("POST", make, a, "[1]", 400, "bad_request", NULL);
  assert_denied ("POST", make, viewer, "{\"quantity\":1}", "production_runs:create");
  assert_not_found_at ("POST", make, b, "{\"quantity\":1}");
  assert_not_found_at ("GET", hat_stock, b, NULL);
}

static void
test_every_route (void)
{
  assert_every_route_answered (&shared.server, ROUTES_GOODS);
}

static void
add_tests (void)
{
  g_test_add_func ("/server/every-route/goods/costs", test_costs);
  g_test_add_func ("/server/every-route/goods/make", test_make);
  /* Last (one suite runs its tests in order): what the others asked. */
  g_test_add_func ("/server/every-route/goods/answered", test_every_route);
}

int
main (int    argc,
      char **argv)
{
  return server_test_run (&argc, &argv, add_tests);
}
