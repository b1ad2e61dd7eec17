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
 * This program: the routes that are neither a collection's verbs nor about
 * goods (health, accounts, users and roles, a market's sheet, bring and
 * return, voids, the trash, the audit log, the OpenAPI document). The
 * verbs: test-server-api-every-route-resources.c; stock, making and costs:
 * test-server-api-every-route-goods.c; the helpers and the split between
 * the three: mkt-server-test-utils.c. */

static JsonObject *
member_object (JsonNode   *node,
               const char *name)
{
  return json_object_get_object_member (object (node), name);
}

static guint
login_status (const char  *email,
              const char  *password,
              char       **out_refresh)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", email, password);
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = call ("POST", "/api/v1/auth/login", NULL, body, &status);
  if (out_refresh != NULL)
    *out_refresh = status == 200 ? g_strdup (member (node, "refresh_token")) : NULL;
  return status;
}

/* Health, the OpenAPI document; register, profile, login, refresh,
 * password and logout, one after the other. */
static void
test_server_and_accounts (void)
{
  g_autofree char *email = g_strdup_printf ("flo.%08x@example.com", g_random_int ());
  g_autofree char *body = g_strdup_printf ("{\"business_name\":\"Flo's\",\"currency\":\"EUR\",\"name\":\"Flo\","
                                           "\"email\":\"%s\",\"password\":\"%s\"}", email, PASSWORD);
  g_autoptr(JsonNode) registered = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *access = NULL;
  const MktHttpRoute *routes;
  guint n_routes, n_served = 0, n_operations = 0;

  {
    static const char * const checks[] = { "database", "queue", "storage" };
    g_autoptr(JsonNode) node = call_expect ("GET", "/health", NULL, NULL, 200);

    g_assert_cmpstr (member (node, "status"), ==, "ok");
    g_assert_cmpstr (member (node, "version"), ==, PACKAGE_VERSION);
    for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
        member_object (node, "checks"), checks[i]), "status"), ==, "ok");
  }

  /* The document describes as many operations as the server serves. */
  routes = mkt_http_routes_get (&n_routes);
  for (guint i = 0; i < n_routes; i++)
    n_served += !(routes[i].flags & MKT_HTTP_ROUTE_TEST);
  {
    g_autoptr(JsonNode) node = call_expect ("GET", "/api/v1/openapi.json", NULL, NULL, 200);
    JsonObject *paths = member_object (node, "paths");
    g_autoptr(GList) names = json_object_get_members (paths);

    g_assert_cmpstr (member (node, "openapi"), ==, "3.1.0");
    for (GList *l = names; l != NULL; l = l->next)
      n_operations += json_object_get_size (json_object_get_object_member (paths, l->data));
    g_assert_cmpuint (n_operations, ==, n_served);
  }

  registered = call_expect ("POST", "/api/v1/auth/register", NULL, body, 201);
  g_assert_cmpstr (member (registered, "role"), ==, "admin");
  g_assert_cmpstr (member (registered, "token_type"), ==, "Bearer");
  access = g_strdup (member (registered, "access_token"));

  /* The profile: the user, the business, what the role allows. */
  {
    g_autoptr(JsonNode) node = call_expect ("GET", "/api/v1/auth/profile", access, NULL, 200);
    JsonArray *permissions = json_object_get_array_member (object (node), "permissions");

    g_assert_cmpstr (json_object_get_string_member (member_object (node, "user"), "id"), ==,
                     member (registered, "user_id"));
    g_assert_cmpstr (json_object_get_string_member (member_object (node, "user"), "email"), ==, email);
    g_assert_cmpstr (json_object_get_string_member (member_object (node, "tenant"), "name"), ==, "Flo's");
    g_assert_cmpstr (json_object_get_string_member (member_object (node, "tenant"), "currency"), ==, "EUR");
    g_assert_cmpstr (member (node, "role"), ==, "admin");
    g_assert_cmpuint (json_array_get_length (permissions), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (permissions, 0), ==, "*:*");
  }

  /* Login, then refresh: a new pair each time, for the same user. */
  g_assert_cmpuint (login_status (email, PASSWORD, &refresh), ==, 200);
  g_assert_cmpstr (refresh, !=, member (registered, "refresh_token"));
  {
    g_autofree char *request = g_strdup_printf ("{\"refresh_token\":\"%s\"}", refresh);
    g_autoptr(JsonNode) node = call_expect ("POST", "/api/v1/auth/refresh", NULL, request, 200);

    g_assert_cmpstr (member (node, "refresh_token"), !=, refresh);
    g_assert_cmpstr (member (node, "user_id"), ==, member (registered, "user_id"));
    json_node_unref (call_expect ("GET", "/api/v1/auth/profile", member (node, "access_token"), NULL, 200));
    g_free (refresh);
    refresh = g_strdup (member (node, "refresh_token"));
  }

  /* A new password: the old one no longer logs in, the new one does. */
  g_free (body);
  body = g_strdup_printf ("{\"current_password\":\"%s\",\"new_password\":\"another long phrase\"}", PASSWORD);
  {
    g_autoptr(JsonNode) node = call_expect ("POST", "/api/v1/auth/password", access, body, 200);

    g_free (refresh);
    refresh = g_strdup (member (node, "refresh_token"));
  }
  g_assert_cmpuint (login_status (email, PASSWORD, NULL), ==, 401);
  g_assert_cmpuint (login_status (email, "another long phrase", NULL), ==, 200);

  /* Its log line names who changed it. */
  {
    g_autoptr(JsonObject) line = server_logged_request (&shared.server, "POST", "/api/v1/auth/password", 1);

    g_assert_cmpint (json_object_get_int_member (line, "status"), ==, 200);
    g_assert_cmpstr (json_object_get_string_member (line, "tenant"), ==, member (registered, "tenant_id"));
    g_assert_cmpstr (json_object_get_string_member (line, "user"), ==, member (registered, "user_id"));
  }

  /* Logged out: the refresh token is dead. */
  g_free (body);
  body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", refresh);
  {
    g_autoptr(JsonNode) node = call_expect ("POST", "/api/v1/auth/logout", NULL, body, 200);

    g_assert_true (json_object_get_boolean_member (object (node), "logged_out"));
    assert_refused ("POST", "/api/v1/auth/refresh", NULL, body, 401, "unauthorized", NULL);
  }
}

/* Roles, users: invited, listed, changed; who may do which. */
static void
test_users (void)
{
  g_autofree char *admin = register_business ("Ann");
  g_autofree char *manager = invite_role (admin, "manager");
  g_autofree char *crafter = invite_role (admin, "crafter");
  g_autofree char *email = g_strdup_printf ("cy.%08x@example.com", g_random_int ());
  g_autofree char *body = g_strdup_printf ("{\"name\":\"Cy\",\"email\":\"%s\",\"role\":\"viewer\"}", email);
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *token = NULL;

  {
    g_autoptr(JsonNode) node = call_expect ("GET", "/api/v1/roles", admin, NULL, 200);
    JsonArray *roles = json_object_get_array_member (object (node), "roles");
    static const char * const names[] = { "admin", "manager", "crafter", "viewer" };

    g_assert_cmpuint (json_array_get_length (roles), ==, 4);
    for (guint i = 0; i < 4; i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (roles, i), "name"), ==, names[i]);
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (
      json_array_get_object_element (roles, 0), "permissions"), 0), ==, "*:*");
  }

  {
    g_autoptr(JsonNode) node = call_expect ("POST", "/api/v1/users", admin, body, 201);
    g_autofree char *login = NULL;
    g_autoptr(JsonNode) tokens = NULL;

    g_assert_cmpstr (member (node, "role"), ==, "viewer");
    g_assert_cmpstr (member (node, "email"), ==, email);
    g_assert_false (json_object_get_boolean_member (object (node), "disabled"));
    id = g_strdup (member (node, "id"));
    login = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", email, member (node, "temporary_password"));
    tokens = call_expect ("POST", "/api/v1/auth/login", NULL, login, 200);
    token = g_strdup (member (tokens, "access_token"));
  }
  {
    g_autoptr(JsonNode) node = call_expect ("GET", "/api/v1/users", admin, NULL, 200);
    JsonArray *users = json_object_get_array_member (object (node), "users");
    guint found = 0;

    g_assert_cmpuint (json_array_get_length (users), ==, 4);
    for (guint i = 0; i < json_array_get_length (users); i++)
      if (g_str_equal (json_object_get_string_member (json_array_get_object_element (users, i), "id"), id))
        found++;
    g_assert_cmpuint (found, ==, 1);
  }
  assert_denied ("POST", MATERIALS, token, "{\"kind\":\"bead\",\"name\":\"No\",\"unit\":\"pc\"}", "materials:create");

  /* Made a crafter who may read the audit log: both count at once. */
  path = path_of ("/api/v1/users", id, NULL);
  {
    g_autoptr(JsonNode) node = call_expect ("PATCH", path, admin, "{\"name\":\"Cyril\",\"role\":\"crafter\","
                                            "\"permissions\":[\"audit_logs:view\"]}", 200);
    g_autofree char *made = NULL;
    g_autofree char *query = NULL;
    g_autoptr(JsonNode) audit = NULL;
    JsonObject *row;

    g_assert_cmpstr (member (node, "name"), ==, "Cyril");
    g_assert_cmpstr (member (node, "role"), ==, "crafter");
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object (node), "permissions"), 0),
                     ==, "audit_logs:view");
    made = add_material (&shared.server, token, "{\"kind\":\"bead\",\"name\":\"Yes\",\"unit\":\"pc\"}");
    query = g_strdup_printf ("/api/v1/audit?entity_id=%s", made);
    audit = call_expect ("GET", query, token, NULL, 200);
    g_assert_cmpuint (json_array_get_length (items (audit)), ==, 1);
    row = json_array_get_object_element (items (audit), 0);
    g_assert_cmpstr (json_object_get_string_member (row, "action"), ==, "create");
    g_assert_cmpstr (json_object_get_string_member (row, "user_id"), ==, id);
  }

  /* What the roles do not allow, and a refused invitation. */
  {
    g_autoptr(JsonNode) users = call_expect ("GET", "/api/v1/users", manager, NULL, 200);

    assert_denied ("POST", "/api/v1/users", manager, body, "users:create");
    assert_denied ("PATCH", path, manager, "{\"role\":\"admin\"}", "users:update");
    assert_denied ("GET", "/api/v1/roles", crafter, NULL, "roles:read");
    assert_denied ("GET", "/api/v1/users", crafter, NULL, "users:read");
    assert_refused ("POST", "/api/v1/users", admin, "{\"name\":\"Dee\",\"role\":\"viewer\"}", 422, "invalid", "email");
  }
}

/* A material's stock, a product's cost (also as a project), the
 * dashboard: as the ledger and the recipe say. */
static JsonObject *
sheet_line (const char *token,
            const char *lines)
{
  g_autoptr(JsonNode) node = call_expect ("GET", lines, token, NULL, 200);

  g_assert_cmpuint (json_array_get_length (items (node)), ==, 1);
  return json_object_ref (json_array_get_object_element (items (node), 0));
}

/* A market day: brought, sold, the sale voided (the sheet as before it),
 * taken home. */
static void
test_market (void)
{
  g_autofree char *a = register_business ("Ann");
  g_autofree char *b = register_business ("Bob");
  g_autofree char *viewer = invite_role (a, "viewer");
  g_autofree char *crafter = invite_role (a, "crafter");
  g_autofree char *product = create_id (a, "/api/v1/products", "{\"name\":\"Hat\",\"price\":1800}");
  g_autofree char *event = create_id (a, "/api/v1/market-events",
                                      "{\"name\":\"Spring fair\",\"starts_on\":\"2027-04-03T09:00:00Z\"}");
  g_autofree char *bring = path_of ("/api/v1/market-events", event, "/bring");
  g_autofree char *back = path_of ("/api/v1/market-events", event, "/return");
  g_autofree char *lines = path_of ("/api/v1/market-events", event, "/lines");
  g_autofree char *four = g_strdup_printf ("{\"product_id\":\"%s\",\"quantity\":4}", product);
  g_autofree char *body = NULL;
  g_autofree char *sale = NULL;
  g_autofree char *void_path = NULL;
  g_autoptr(JsonObject) line = NULL;

  {
    g_autoptr(JsonNode) node = call_expect ("GET", lines, a, NULL, 200);

    g_assert_cmpuint (json_array_get_length (items (node)), ==, 0);
  }
  {
    g_autoptr(JsonNode) node = call_expect ("POST", bring, crafter, four, 200);

    g_assert_cmpstr (member (node, "product_id"), ==, product);
    g_assert_cmpstr (member (node, "brought"), ==, "4");
    g_assert_cmpstr (member (node, "on_hand"), ==, "4");
  }

  body = g_strdup_printf ("{\"product_id\":\"%s\",\"market_event_id\":\"%s\",\"quantity\":3,"
                          "\"payment_method\":\"cash\"}", product, event);
  sale = create_id (a, "/api/v1/sales", body);
  line = sheet_line (a, lines);
  g_assert_cmpstr (json_object_get_string_member (line, "sold"), ==, "3");
  g_assert_cmpstr (json_object_get_string_member (line, "on_hand"), ==, "1");
  g_assert_cmpint (json_object_get_int_member (line, "revenue"), ==, 5400);

  /* The void takes back all of it: the sheet reads as before the sale. */
  void_path = path_of ("/api/v1/sales", sale, "/void");
  assert_denied ("POST", void_path, viewer, NULL, "sales:create");
  assert_not_found_at ("POST", void_path, b, NULL);
  {
    g_autoptr(JsonNode) node = call_expect ("POST", void_path, a, NULL, 201);
    g_autofree char *query = g_strdup_printf ("/api/v1/sales?market_event_id=%s", event);
    g_autoptr(JsonNode) sales = call_expect ("GET", query, a, NULL, 200);

    g_assert_cmpstr (member (node, "voids_sale_id"), ==, sale);
    g_assert_cmpstr (member (node, "quantity"), ==, "-3");
    g_assert_cmpstr (member (node, "product_id"), ==, product);
    g_assert_cmpuint (json_array_get_length (items (sales)), ==, 2);
  }
  g_clear_pointer (&line, json_object_unref);
  line = sheet_line (a, lines);
  g_assert_cmpstr (json_object_get_string_member (line, "sold"), ==, "0");
  g_assert_cmpstr (json_object_get_string_member (line, "on_hand"), ==, "4");
  g_assert_cmpint (json_object_get_int_member (line, "revenue"), ==, 0);

  /* Home again. */
  {
    g_autoptr(JsonNode) node = call_expect ("POST", back, a, four, 200);

    g_assert_cmpstr (member (node, "returned"), ==, "4");
    g_assert_cmpstr (member (node, "on_hand"), ==, "0");
  }

  /* Refused: a viewer moves nothing, Bob finds no event, a quantity or a
   * product is required; none of it changed the sheet. */
  assert_denied ("POST", bring, viewer, four, "stock_movements:create");
  assert_denied ("POST", back, viewer, four, "stock_movements:create");
  assert_not_found_at ("GET", lines, b, NULL);
  assert_not_found_at ("POST", back, b, four);
  {
    g_autofree char *no_quantity = g_strdup_printf ("{\"product_id\":\"%s\"}", product);

    assert_refused ("POST", bring, a, no_quantity, 422, "invalid", "quantity");
    assert_refused ("POST", back, a, "{\"quantity\":1}", 422, "invalid", "product_id");
  }
  g_clear_pointer (&line, json_object_unref);
  line = sheet_line (viewer, lines);
  g_assert_cmpstr (json_object_get_string_member (line, "brought"), ==, "4");
  g_assert_cmpstr (json_object_get_string_member (line, "returned"), ==, "4");

  /* An event in the trash takes nothing more. */
  {
    g_autofree char *path = path_of ("/api/v1/market-events", event, NULL);
    g_autoptr(JsonNode) deleted = call_expect ("DELETE", path, a, NULL, 200);

    assert_not_found_at ("POST", bring, a, four);
    assert_not_found_at ("GET", lines, a, NULL);
  }
}

/* The trash across entities, newest first, a page at a time; the audit
 * log of a row's life. */
static void
test_trash_audit (void)
{
  g_autofree char *a = register_business ("Ann");
  g_autofree char *b = register_business ("Bob");
  g_autofree char *viewer = invite_role (a, "viewer");
  const char *paths[] = { "/api/v1/categories", MATERIALS, "/api/v1/products" };
  const char *bodies[] = { "{\"name\":\"Hats\"}", "{\"kind\":\"bead\",\"name\":\"Bone\",\"unit\":\"pc\"}",
                           "{\"name\":\"Beret\"}" };
  const char *entities[] = { "category", "material", "product" };
  char *ids[3];
  g_autofree char *cursor = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = NULL;

      ids[i] = create_id (a, paths[i], bodies[i]);
      path = path_of (paths[i], ids[i], NULL);
      json_node_unref (call_expect ("DELETE", path, a, NULL, 200));
    }

  /* Two pages: the product, the material; then the category. */
  {
    g_autoptr(JsonNode) node = call_expect ("GET", "/api/v1/trash?limit=2", viewer, NULL, 200);
    g_autofree char *next = NULL;
    g_autoptr(JsonNode) rest = NULL;

    g_assert_cmpuint (json_array_get_length (items (node)), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        JsonObject *row = json_array_get_object_element (items (node), i);

        g_assert_cmpstr (json_object_get_string_member (row, "entity"), ==, entities[2 - i]);
        g_assert_cmpstr (json_object_get_string_member (row, "id"), ==, ids[2 - i]);
        g_assert_nonnull (json_object_get_string_member (row, "deleted_at"));
      }
    cursor = g_uri_escape_string (member (node, "next_cursor"), NULL, FALSE);
    next = g_strconcat ("/api/v1/trash?limit=2&cursor=", cursor, NULL);
    rest = call_expect ("GET", next, viewer, NULL, 200);
    g_assert_cmpuint (json_array_get_length (items (rest)), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items (rest), 0), "id"), ==, ids[0]);
  }

  /* Restored, the material leaves the trash. */
  {
    g_autofree char *restore = path_of (MATERIALS, ids[1], "/restore");
    g_autoptr(JsonNode) restored = call_expect ("POST", restore, a, NULL, 200);
    g_autoptr(JsonNode) materials = call_expect ("GET", "/api/v1/trash?entity=material", a, NULL, 200);
    g_autoptr(JsonNode) all = call_expect ("GET", "/api/v1/trash", a, NULL, 200);

    g_assert_cmpuint (json_array_get_length (items (materials)), ==, 0);
    g_assert_cmpuint (json_array_get_length (items (all)), ==, 2);
  }

  /* The material's life, newest first; one action at a time. */
  {
    g_autofree char *query = g_strdup_printf ("/api/v1/audit?entity=material&entity_id=%s", ids[1]);
    g_autofree char *deletes = g_strdup_printf ("/api/v1/audit?entity_id=%s&action=delete", ids[1]);
    g_autoptr(JsonNode) node = call_expect ("GET", query, a, NULL, 200);
    g_autoptr(JsonNode) deleted = call_expect ("GET", deletes, a, NULL, 200);
    g_autoptr(JsonNode) bobs = NULL;
    const char *actions[] = { "restore", "delete", "create" };

    g_assert_cmpuint (json_array_get_length (items (node)), ==, 3);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items (node), i), "action"),
                       ==, actions[i]);
    g_assert_cmpuint (json_array_get_length (items (deleted)), ==, 1);

    /* Bob's business has no such rows; a viewer reads no audit log. */
    bobs = call_expect ("GET", query, b, NULL, 200);
    g_assert_cmpuint (json_array_get_length (items (bobs)), ==, 0);
    assert_denied ("GET", query, viewer, NULL, "audit_logs:view");
  }
  {
    g_autoptr(JsonNode) bobs = call_expect ("GET", "/api/v1/trash", b, NULL, 200);

    g_assert_cmpuint (json_array_get_length (items (bobs)), ==, 0);
  }
  assert_refused ("GET", "/api/v1/trash?entity=sale", a, NULL, 400, "bad_request", "entity");
  assert_refused ("GET", "/api/v1/audit?action=fly", a, NULL, 400, "bad_request", "action");

  for (guint i = 0; i < 3; i++)
    g_free (ids[i]);
}

static void
test_every_route (void)
{
  assert_every_route_answered (&shared.server, ROUTES_OTHER);
}

static void
add_tests (void)
{
  g_test_add_func ("/server/every-route/flows/server-and-accounts", test_server_and_accounts);
  g_test_add_func ("/server/every-route/flows/users", test_users);
  g_test_add_func ("/server/every-route/flows/market", test_market);
  g_test_add_func ("/server/every-route/flows/trash-audit", test_trash_audit);
  /* Last (one suite runs its tests in order): what the others asked. */
  g_test_add_func ("/server/every-route/flows/answered", test_every_route);
}

int
main (int    argc,
      char **argv)
{
  return server_test_run (&argc, &argv, add_tests);
}
