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

/* This program: the catalogue, the market, stock movements and passwords.
 * The rest: test-server-api.c, test-server-api-routes.c; the helpers:
 * mkt-server-test-utils.c. */

/* Issue 6's remaining routes ------------------------------------------------------ */

/* POSTs @body to @path and asserts 201; returns the new row's id. */
static char *
create (const char *token,
        const char *path,
        const char *body)
{
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = call ("POST", path, token, body, &status);
  if (status != 201)
    g_error ("POST %s: %u", path, status);
  return g_strdup (member (node, "id"));
}

/* Asserts that @token gets a 404 for GET @collection/@id. */
static void
assert_not_found (const char *token,
                  const char *collection,
                  const char *id)
{
  g_autofree char *path = path_of (collection, id, NULL);
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = call ("GET", path, token, NULL, &status);
  assert_error (node, status, 404, "not_found", NULL);
}

/* Components, recipe lines (of products and of components) and categories:
 * made, read, refused with the core's message, hidden from another
 * business. */
static void
test_catalogue (void)
{
  g_autofree char *a = register_business ("Ann");
  g_autofree char *b = register_business ("Bob");
  g_autofree char *yarn = add_material (&shared.server, a, "{\"kind\":\"yarn\",\"name\":\"Wool\",\"unit\":\"m\"}");
  g_autofree char *category = NULL;
  g_autofree char *product = NULL;
  g_autofree char *strap = NULL;
  g_autofree char *buckle = NULL;
  g_autofree char *part = NULL;
  g_autofree char *body = NULL;
  guint status;

  /* Categories. */
  category = create (a, "/api/v1/categories", "{\"name\":\"Scarves\"}");
  {
    g_autofree char *path = path_of ("/api/v1/categories", category, NULL);
    g_autoptr(JsonNode) node = call ("GET", path, a, NULL, &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (member (node, "name"), ==, "Scarves");
  }
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/categories", a, "{\"name\":\"\"}", &status);

    assert_error (node, status, 422, "invalid", "name");
  }
  assert_not_found (b, "/api/v1/categories", category);

  /* Components: a strap holds a buckle; the buckle holding the strap
   * would be a cycle. */
  strap = create (a, "/api/v1/components", "{\"name\":\"Strap\"}");
  buckle = create (a, "/api/v1/components", "{\"name\":\"Buckle\"}");
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/components", a, "{\"labour_minutes\":\"5\"}", &status);

    assert_error (node, status, 422, "invalid", "name");
  }
  assert_not_found (b, "/api/v1/components", strap);

  body = g_strdup_printf ("{\"parent_component_id\":\"%s\",\"component_id\":\"%s\",\"quantity\":1,\"unit\":\"pc\"}",
                          strap, buckle);
  g_free (create (a, "/api/v1/parts", body));
  g_free (body);
  body = g_strdup_printf ("{\"parent_component_id\":\"%s\",\"component_id\":\"%s\",\"quantity\":1,\"unit\":\"pc\"}",
                          buckle, strap);
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/parts", a, body, &status);
    JsonObject *error = assert_error (node, status, 422, "invalid", "component_id");

    g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "cycle"));
  }

  /* A product of the category, with two metres of the yarn and a strap. */
  g_free (body);
  body = g_strdup_printf ("{\"name\":\"Scarf\",\"price\":2500,\"category_id\":\"%s\"}", category);
  product = create (a, "/api/v1/products", body);
  g_free (body);
  body = g_strdup_printf ("{\"product_id\":\"%s\",\"material_id\":\"%s\",\"quantity\":2,\"unit\":\"m\"}", product, yarn);
  part = create (a, "/api/v1/parts", body);
  g_free (body);
  body = g_strdup_printf ("{\"product_id\":\"%s\",\"component_id\":\"%s\",\"quantity\":1,\"unit\":\"pc\"}",
                          product, strap);
  g_free (create (a, "/api/v1/parts", body));
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/products/%s/complete", product);
    g_autoptr(JsonNode) node = call ("GET", path, a, NULL, &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (node), "parts")), ==, 2);
  }

  /* Grams of a yarn counted in metres: the unit is refused. */
  g_free (body);
  body = g_strdup_printf ("{\"product_id\":\"%s\",\"material_id\":\"%s\",\"quantity\":2,\"unit\":\"kg\"}", product, yarn);
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/parts", a, body, &status);

    assert_error (node, status, 422, "invalid", "unit");
  }
  assert_not_found (b, "/api/v1/parts", part);

  /* Bob cannot put a line on Ann's product either, nor see hers. */
  g_free (body);
  body = g_strdup_printf ("{\"product_id\":\"%s\",\"component_id\":\"%s\",\"quantity\":1,\"unit\":\"pc\"}",
                          product, strap);
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/parts", b, body, &status);

    /* A reference to a row the business does not have (the session's
     * reference check), as for a deleted one. */
    assert_error (node, status, 422, "invalid", "product_id");
  }
  {
    g_autoptr(JsonNode) node = call ("GET", "/api/v1/parts?limit=500", b, NULL, &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (json_array_get_length (items (node)), ==, 0);
  }
}

static const char *
line_member (JsonNode   *node,
             const char *name)
{
  return json_object_get_string_member (object (node), name);
}

/* A market: items brought to the stall, sold through POST /sales (the
 * stall's stock goes down), a sale voided (once), items taken home. */
static void
test_market (void)
{
  g_autofree char *a = register_business ("Ann");
  g_autofree char *b = register_business ("Bob");
  g_autofree char *product = create (a, "/api/v1/products", "{\"name\":\"Hat\",\"price\":1800}");
  g_autofree char *event = NULL;
  g_autofree char *sale = NULL;
  g_autofree char *void_id = NULL;
  g_autofree char *body = NULL;
  g_autofree char *bring = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *void_path = NULL;
  guint status;

  event = create (a, "/api/v1/market-events", "{\"name\":\"Winter fair\",\"starts_on\":\"2026-12-05T09:00:00Z\"}");
  {
    g_autoptr(JsonNode) node = call ("GET", "/api/v1/market-events", a, NULL, &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (json_array_get_length (items (node)), ==, 1);
  }
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/market-events", a, "{\"name\":\"No date\"}", &status);

    assert_error (node, status, 422, "invalid", "starts_on");
  }
  assert_not_found (b, "/api/v1/market-events", event);

  /* Five hats to the stall. */
  bring = path_of ("/api/v1/market-events", event, "/bring");
  body = g_strdup_printf ("{\"product_id\":\"%s\",\"quantity\":5}", product);
  {
    g_autoptr(JsonNode) node = call ("POST", bring, a, body, &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (line_member (node, "brought"), ==, "5");
    g_assert_cmpstr (line_member (node, "on_hand"), ==, "5");
  }
  {
    g_autoptr(JsonNode) node = call ("POST", bring, b, body, &status);

    assert_error (node, status, 404, "not_found", NULL);
  }

  /* Two sold at the event's price. */
  g_free (body);
  body = g_strdup_printf ("{\"product_id\":\"%s\",\"market_event_id\":\"%s\",\"quantity\":2,\"payment_method\":\"card\"}",
                          product, event);
  sale = create (a, "/api/v1/sales", body);
  lines = path_of ("/api/v1/market-events", event, "/lines");
  {
    g_autoptr(JsonNode) node = call ("GET", lines, a, NULL, &status);
    JsonObject *line;

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (json_array_get_length (items (node)), ==, 1);
    line = json_array_get_object_element (items (node), 0);
    g_assert_cmpstr (json_object_get_string_member (line, "sold"), ==, "2");
    g_assert_cmpstr (json_object_get_string_member (line, "on_hand"), ==, "3");
    g_assert_cmpint (json_object_get_int_member (line, "revenue"), ==, 3600);
  }
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/sales", a, "{\"quantity\":1}", &status);

    assert_error (node, status, 422, "invalid", "product_id");
  }
  assert_not_found (b, "/api/v1/sales", sale);

  /* Voided: a row of the opposite quantity; the hats are back at the
   * stall. Not twice, and not a void. */
  void_path = path_of ("/api/v1/sales", sale, "/void");
  {
    g_autoptr(JsonNode) node = call ("POST", void_path, b, NULL, &status);

    assert_error (node, status, 404, "not_found", NULL);
  }
  {
    g_autoptr(JsonNode) node = call ("POST", void_path, a, NULL, &status);

    g_assert_cmpuint (status, ==, 201);
    g_assert_cmpstr (member (node, "voids_sale_id"), ==, sale);
    g_assert_cmpstr (member (node, "quantity"), ==, "-2");
    void_id = g_strdup (member (node, "id"));
  }
  {
    g_autoptr(JsonNode) node = call ("POST", void_path, a, NULL, &status);
    JsonObject *error = assert_error (node, status, 409, "conflict", NULL);

    g_assert_cmpstr (json_object_get_string_member (error, "message"), ==, "The sale is voided already");
  }
  {
    g_autofree char *path = path_of ("/api/v1/sales", void_id, "/void");
    g_autoptr(JsonNode) node = call ("POST", path, a, NULL, &status);
    JsonObject *error = assert_error (node, status, 409, "conflict", NULL);

    g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                     "A void cannot be voided; record the sale again");
  }
  {
    g_autoptr(JsonNode) node = call ("GET", lines, a, NULL, &status);
    JsonObject *line = json_array_get_object_element (items (node), 0);

    g_assert_cmpstr (json_object_get_string_member (line, "sold"), ==, "0");
    g_assert_cmpstr (json_object_get_string_member (line, "on_hand"), ==, "5");
  }

  /* Home again: not more than is there. */
  {
    g_autofree char *back = path_of ("/api/v1/market-events", event, "/return");
    g_autofree char *too_many = g_strdup_printf ("{\"product_id\":\"%s\",\"quantity\":6}", product);
    g_autoptr(JsonNode) refused = call ("POST", back, a, too_many, &status);
    g_autoptr(JsonNode) node = NULL;

    assert_error (refused, status, 422, "invalid", "quantity");
    g_free (body);
    body = g_strdup_printf ("{\"product_id\":\"%s\",\"quantity\":5}", product);
    node = call ("POST", back, a, body, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (line_member (node, "returned"), ==, "5");
    g_assert_cmpstr (line_member (node, "on_hand"), ==, "0");
  }
}

static char *
on_hand (const char *token,
         const char *material)
{
  g_autofree char *path = path_of (MATERIALS, material, "/stock");
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = call ("GET", path, token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (member (node, "material_id"), ==, material);
  return g_strdup (member (node, "on_hand"));
}

/* Purchases, adjustments and counts as the core records them: a pack
 * converted into the material's unit, a reason required, a count's
 * difference. */
static void
test_stock_movements (void)
{
  g_autofree char *a = register_business ("Ann");
  g_autofree char *b = register_business ("Bob");
  g_autofree char *yarn = add_material (&shared.server, a,
                                        "{\"kind\":\"yarn\",\"name\":\"Wool\",\"unit\":\"m\","
                                        "\"purchase_unit\":\"skein\",\"purchase_size\":\"100\"}");
  g_autofree char *body = NULL;
  g_autofree char *purchase = NULL;
  g_autofree char *left = NULL;
  guint status;

  /* Two skeins of 100 m for 17.00 in all. */
  body = g_strdup_printf ("{\"kind\":\"purchase\",\"material\":\"%s\",\"quantity\":\"2 skein\","
                          "\"total_cost\":1700,\"reference\":\"INV-7\"}", yarn);
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/stock-movements", a, body, &status);

    g_assert_cmpuint (status, ==, 201);
    g_assert_cmpstr (member (node, "kind"), ==, "purchase");
    g_assert_cmpstr (member (node, "quantity"), ==, "200");
    g_assert_cmpint (json_object_get_int_member (object (node), "total_cost"), ==, 1700);
    g_assert_cmpstr (member (node, "reference"), ==, "INV-7");
    purchase = g_strdup (member (node, "id"));
  }
  {
    g_autofree char *path = path_of ("/api/v1/stock-movements", purchase, NULL);
    g_autoptr(JsonNode) node = call ("GET", path, a, NULL, &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (member (node, "material_id"), ==, yarn);
  }
  left = on_hand (a, yarn);
  g_assert_cmpstr (left, ==, "200");

  /* Three skeins at 8.50 each. */
  g_free (body);
  body = g_strdup_printf ("{\"kind\":\"purchase\",\"material\":\"%s\",\"quantity\":3,\"unit\":\"skein\","
                          "\"cost_each\":850}", yarn);
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/stock-movements", a, body, &status);

    g_assert_cmpuint (status, ==, 201);
    g_assert_cmpstr (member (node, "quantity"), ==, "300");
    g_assert_cmpint (json_object_get_int_member (object (node), "total_cost"), ==, 2550);
  }

  /* An adjustment says why. */
  g_free (body);
  body = g_strdup_printf ("{\"kind\":\"adjustment\",\"material\":\"%s\",\"quantity\":\"-50\"}", yarn);
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/stock-movements", a, body, &status);

    assert_error (node, status, 422, "invalid", "reason");
  }
  g_free (body);
  body = g_strdup_printf ("{\"kind\":\"adjustment\",\"material\":\"%s\",\"quantity\":\"-50\",\"reason\":\"Moths\"}",
                          yarn);
  g_free (create (a, "/api/v1/stock-movements", body));
  g_free (left);
  left = on_hand (a, yarn);
  g_assert_cmpstr (left, ==, "450");

  /* A count of 4 skeins: 400 m, 50 fewer than the ledger said. */
  g_free (body);
  body = g_strdup_printf ("{\"kind\":\"count\",\"material\":\"%s\",\"quantity\":\"4 skein\"}", yarn);
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/stock-movements", a, body, &status);

    g_assert_cmpuint (status, ==, 201);
    g_assert_cmpstr (member (node, "kind"), ==, "count");
    g_assert_cmpstr (member (node, "quantity"), ==, "-50");
  }
  g_free (left);
  left = on_hand (a, yarn);
  g_assert_cmpstr (left, ==, "400");

  /* Refused, each naming its field, nothing written (@ is the yarn's id). */
  {
    static const struct
    {
      const char *body;
      const char *field;
    } cases[] = {
      { "{\"kind\":\"purchase\",\"material\":\"@\",\"quantity\":\"2 kg\",\"total_cost\":100}", "unit" },
      { "{\"kind\":\"purchase\",\"material\":\"@\",\"quantity\":\"2\"}", "total_cost" },
      { "{\"kind\":\"purchase\",\"material\":\"@\",\"quantity\":\"3\",\"cost_each\":1,\"total_cost\":3}", "total_cost" },
      { "{\"kind\":\"purchase\",\"material\":\"@\",\"quantity\":\"2 skein\",\"unit\":\"m\",\"total_cost\":1}", "unit" },
      { "{\"kind\":\"purchase\",\"material\":\"@\",\"quantity\":\"lots\",\"total_cost\":1}", "quantity" },
      { "{\"kind\":\"purchase\",\"material\":\"@\",\"quantity\":\"2\",\"total_cost\":1,\"reason\":\"x\"}", "reason" },
      { "{\"kind\":\"sale\",\"material\":\"@\",\"quantity\":\"2\"}", "kind" },
      { "{\"kind\":\"count\",\"material\":\"@\",\"quantity\":\"-1\"}", "quantity" },
      { "{\"kind\":\"count\",\"material\":\"@\",\"quantity\":\"1\",\"at\":\"yesterday-ish\"}", "at" },
    };

    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      {
        g_auto(GStrv) halves = g_strsplit (cases[c].body, "@", 2);
        g_autofree char *text = g_strjoin (yarn, halves[0], halves[1], NULL);
        g_autoptr(JsonNode) node = call ("POST", "/api/v1/stock-movements", a, text, &status);

        g_test_message ("case %u: %s", c, text);
        assert_error (node, status, 422, "invalid", cases[c].field);
      }
  }
  g_free (left);
  left = on_hand (a, yarn);
  g_assert_cmpstr (left, ==, "400");

  /* Bob knows neither the material nor its ledger. */
  {
    g_autofree char *path = path_of (MATERIALS, yarn, "/stock");
    g_autoptr(JsonNode) node = call ("GET", path, b, NULL, &status);

    assert_error (node, status, 404, "not_found", NULL);
  }
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/stock-movements", b, body, &status);

    assert_error (node, status, 404, "not_found", NULL);
  }
  assert_not_found (b, "/api/v1/stock-movements", purchase);
}

/* Registers a business; returns the register answer and the email. */
static JsonNode *
register_tokens (const char  *who,
                 char       **out_email)
{
  g_autofree char *email = g_strdup_printf ("%s.%08x@example.com", who, g_random_int ());
  g_autofree char *body = g_strdup_printf ("{\"business_name\":\"%s's\",\"currency\":\"EUR\",\"name\":\"%s\","
                                           "\"email\":\"%s\",\"password\":\"%s\"}", who, who, email, PASSWORD);
  JsonNode *node;
  guint status;

  node = call ("POST", "/api/v1/auth/register", NULL, body, &status);
  g_assert_cmpuint (status, ==, 201);
  *out_email = g_steal_pointer (&email);
  return node;
}

static guint
login_status (const char *email,
              const char *password)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", email, password);
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = call ("POST", "/api/v1/auth/login", NULL, body, &status);
  return status;
}

static guint
refresh_status (const char *token)
{
  g_autofree char *body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", token);
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = call ("POST", "/api/v1/auth/refresh", NULL, body, &status);
  return status;
}

/* Changing one's password: the current one is checked, the new one
 * follows the rules; afterwards the old one fails, the new one works and
 * the other sessions' refresh tokens are dead. */
static void
test_password (void)
{
  g_autofree char *email = NULL;
  g_autoptr(JsonNode) registered = register_tokens ("Pat", &email);
  g_autofree char *other_refresh = NULL;
  g_autofree char *access = g_strdup (member (registered, "access_token"));
  g_autofree char *bob = register_business ("Bob");
  g_autofree char *body = NULL;
  guint status;

  /* A second device. */
  {
    g_autofree char *login = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", email, PASSWORD);
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/auth/login", NULL, login, &status);

    g_assert_cmpuint (status, ==, 200);
    other_refresh = g_strdup (member (node, "refresh_token"));
  }

  /* Refused: no token, a wrong current password, a short new one. */
  body = g_strdup_printf ("{\"current_password\":\"%s\",\"new_password\":\"a new secret phrase\"}", PASSWORD);
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/auth/password", NULL, body, &status);

    g_assert_cmpuint (status, ==, 401);
  }
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/auth/password", access,
                                     "{\"current_password\":\"not it at all\",\"new_password\":\"a new secret phrase\"}",
                                     &status);

    assert_error (node, status, 422, "invalid", "current_password");
  }
  {
    g_autofree char *short_one = g_strdup_printf ("{\"current_password\":\"%s\",\"new_password\":\"short\"}", PASSWORD);
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/auth/password", access, short_one, &status);

    assert_error (node, status, 422, "invalid", "new_password");
  }
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/auth/password", access, "{\"new_password\":\"a new secret phrase\"}",
                                     &status);

    assert_error (node, status, 422, "invalid", "current_password");
  }
  /* Bob's token changes Bob's password only: his current one is not Pat's
   * business. */
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/auth/password", bob,
                                     "{\"current_password\":\"not bob's\",\"new_password\":\"a new secret phrase\"}",
                                     &status);

    assert_error (node, status, 422, "invalid", "current_password");
  }
  g_assert_cmpuint (login_status (email, PASSWORD), ==, 200);

  /* Changed: new tokens that work. */
  {
    g_autoptr(JsonNode) node = call ("POST", "/api/v1/auth/password", access, body, &status);
    g_autoptr(JsonNode) profile = NULL;

    g_assert_cmpuint (status, ==, 200);
    g_assert_nonnull (member (node, "access_token"));
    g_assert_cmpuint (refresh_status (member (node, "refresh_token")), ==, 200);
    profile = call ("GET", "/api/v1/auth/profile", member (node, "access_token"), NULL, &status);
    g_assert_cmpuint (status, ==, 200);
  }

  g_assert_cmpuint (login_status (email, PASSWORD), ==, 401);
  g_assert_cmpuint (login_status (email, "a new secret phrase"), ==, 200);
  g_assert_cmpuint (refresh_status (other_refresh), ==, 401);
  g_assert_cmpuint (refresh_status (member (registered, "refresh_token")), ==, 401);
}

static void
add_tests (void)
{
  g_test_add_func ("/server/api/catalogue", test_catalogue);
  g_test_add_func ("/server/api/market", test_market);
  g_test_add_func ("/server/api/stock-movements", test_stock_movements);
  g_test_add_func ("/server/api/password", test_password);
}

int
main (int    argc,
      char **argv)
{
  return server_test_run (&argc, &argv, add_tests);
}
