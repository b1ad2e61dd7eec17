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

/* This program: the router, the OpenAPI document and two servers on one
 * database. The rest: test-server-api.c, test-server-api-catalogue.c; the
 * helpers: mkt-server-test-utils.c. */

static char *
openapi_path (const char *pattern)
{
  g_auto(GStrv) segments = g_strsplit (pattern, "/", -1);

  for (guint i = 0; segments[i] != NULL; i++)
    if (segments[i][0] == ':')
      {
        char *braced = g_strdup_printf ("{%s}", segments[i] + 1);

        g_free (segments[i]);
        segments[i] = braced;
      }

  return g_strjoinv ("/", segments);
}

/* The document the server serves lists exactly the routes it serves. */
static void
test_openapi (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GHashTable) served = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const MktHttpRoute *routes;
  JsonObject *paths;
  g_autoptr(GList) names = NULL;
  guint n_routes, n_operations = 0;
  guint status;

  node = call ("GET", "/api/v1/openapi.json", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (member (node, "openapi"), ==, "3.1.0");
  paths = json_object_get_object_member (object (node), "paths");
  g_assert_nonnull (paths);

  /* Every route of the router's table is in the document… */
  routes = mkt_http_routes_get (&n_routes);
  for (guint i = 0; i < n_routes; i++)
    {
      g_autofree char *path = openapi_path (routes[i].pattern);
      g_autofree char *method = g_ascii_strdown (routes[i].method, -1);
      JsonObject *item = json_object_has_member (paths, path) ? json_object_get_object_member (paths, path) : NULL;
      gboolean listed = item != NULL && json_object_has_member (item, method);

      if (routes[i].flags & MKT_HTTP_ROUTE_TEST)
        {
          if (listed)
            g_error ("The test-only route %s %s is in the OpenAPI document", routes[i].method, routes[i].pattern);
          continue;
        }
      if (!listed)
        g_error ("The route %s %s is missing from the OpenAPI document", routes[i].method, routes[i].pattern);
      g_hash_table_add (served, g_strconcat (method, " ", path, NULL));

      /* …with its permission. */
      if (routes[i].permission != NULL)
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, method), "x-permission"),
                         ==, routes[i].permission);
    }

  /* …and the document lists no route the table does not have. */
  names = json_object_get_members (paths);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *item = json_object_get_object_member (paths, l->data);
      g_autoptr(GList) methods = json_object_get_members (item);

      for (GList *m = methods; m != NULL; m = m->next)
        {
          g_autofree char *key = g_strconcat (m->data, " ", l->data, NULL);

          if (!g_hash_table_contains (served, key))
            g_error ("The OpenAPI document lists %s, which the server does not serve", key);
          n_operations++;
        }
    }
  g_assert_cmpuint (n_operations, ==, g_hash_table_size (served));

  /* Each kind of route is there: health, accounts, users, roles, the API
   * with its market and stock routes. */
  for (guint i = 0; i < 13; i++)
    {
      static const char * const keys[] = {
        "get /health", "post /api/v1/auth/register", "get /api/v1/auth/profile", "patch /api/v1/users/{id}",
        "get /api/v1/roles", "delete /api/v1/inventory/materials/{id}/permanent", "get /api/v1/openapi.json",
        "post /api/v1/auth/password", "post /api/v1/sales/{id}/void", "get /api/v1/inventory/materials/{id}/stock",
        "get /api/v1/market-events/{id}/lines", "post /api/v1/market-events/{id}/bring",
        "post /api/v1/market-events/{id}/return",
      };

      g_assert_true (g_hash_table_contains (served, keys[i]));
    }
  g_assert_false (json_object_has_member (paths, "/api/v1/test/echo"));

  /* The profile needs a token though no permission; health does not. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
    json_object_get_object_member (json_object_get_object_member (paths, "/api/v1/auth/profile"), "get"),
    "security")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
    json_object_get_object_member (json_object_get_object_member (paths, "/health"), "get"),
    "security")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
    json_object_get_object_member (json_object_get_object_member (paths, "/api/v1/auth/password"), "post"),
    "security")), ==, 1);
}

/* The pids of the processes that answered @route, from @server's log. */
static GHashTable *
pids_serving (Server     *server,
              const char *route)
{
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *pids = g_hash_table_new (g_direct_hash, g_direct_equal);

  g_assert_true (g_file_get_contents (server->log_path, &log, NULL, NULL));
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *line;

      if (lines[i][0] == '\0' || !json_parser_load_from_data (parser, lines[i], -1, NULL))
        continue;
      line = json_node_get_object (json_parser_get_root (parser));
      if (json_object_has_member (line, "route") &&
          g_strcmp0 (json_object_get_string_member (line, "route"), route) == 0)
        g_hash_table_add (pids, GINT_TO_POINTER (json_object_get_int_member (line, "pid")));
    }

  return pids;
}

/* Two servers (each its own port) on one database: what one writes the
 * other reads. Then --workers 2 on one port, new connections each time. */
static void
test_two_servers (void)
{
  g_autofree char *a = register_business ("Ann");
  Server other = { NULL, };
  Server workers = { NULL, };
  const char * const worker_args[] = { "--workers", "2", NULL };
  guint status;

  server_start (&other, NULL);
  g_assert_cmpstr (other.url, !=, shared.server.url);

  for (guint i = 0; i < 2; i++)
    {
      Server *writer = i == 0 ? &shared.server : &other;
      Server *reader = i == 0 ? &other : &shared.server;
      g_autofree char *body = g_strdup_printf ("{\"kind\":\"yarn\",\"name\":\"Written %u\",\"unit\":\"m\"}", i);
      g_autofree char *id = add_material (writer, a, body);
      g_autofree char *path = path_of (MATERIALS, id, NULL);
      g_autoptr(JsonNode) node = call_full (reader, "GET", path, a, NULL, FALSE, &status);
      g_autoptr(JsonNode) patched = NULL;
      g_autoptr(JsonNode) again = NULL;

      g_assert_cmpuint (status, ==, 200);
      g_assert_cmpstr (member (node, "id"), ==, id);

      /* And a change made through the reader shows through the writer. */
      patched = call_full (reader, "PATCH", path, a, "{\"colour\":\"Teal\"}", FALSE, &status);
      g_assert_cmpuint (status, ==, 200);
      again = call_full (writer, "GET", path, a, NULL, FALSE, &status);
      g_assert_cmpuint (status, ==, 200);
      g_assert_cmpstr (member (again, "colour"), ==, "Teal");
    }
  server_stop (&other);

  server_start (&workers, worker_args);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"kind\":\"bead\",\"name\":\"Bead %u\",\"unit\":\"pc\"}", i);
      g_autoptr(JsonNode) created = call_full (&workers, "POST", MATERIALS, a, body, TRUE, &status);
      g_autofree char *path = NULL;
      g_autoptr(JsonNode) node = NULL;

      g_assert_cmpuint (status, ==, 201);
      path = path_of (MATERIALS, member (created, "id"), NULL);
      node = call_full (&workers, "GET", path, a, NULL, TRUE, &status);
      g_assert_cmpuint (status, ==, 200);
      g_assert_cmpstr (member (node, "name"), ==, json_object_get_string_member (object (created), "name"));
    }
  {
    g_autoptr(GHashTable) writers = pids_serving (&workers, MATERIALS);
    g_autoptr(GHashTable) readers = pids_serving (&workers, MATERIALS "/:id");
    g_autoptr(JsonNode) list = call ("GET", MATERIALS "?limit=500", a, NULL, &status);

    GHashTableIter iter;
    gpointer pid;

    /* Both processes answered (40 new connections all to one of the two:
     * 1 in 2^39). */
    g_hash_table_iter_init (&iter, readers);
    while (g_hash_table_iter_next (&iter, &pid, NULL))
      g_hash_table_add (writers, pid);
    g_assert_cmpuint (g_hash_table_size (writers), ==, 2);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (json_array_get_length (items (list)), ==, 22);
  }
  server_stop (&workers);
}

/* The router on a table of its own: segments, parameters, 404 and 405. */
static void
test_router (void)
{
  static const MktHttpRoute routes[] = {
    { "GET", "/api/v1/things" },
    { "POST", "/api/v1/things" },
    { "GET", "/api/v1/things/:id" },
    { "GET", "/api/v1/things/:id/parts/:part" },
    { "GET", "/api/v1/test-only", .flags = MKT_HTTP_ROUTE_TEST },
  };
  static const struct
  {
    const char        *method;
    const char        *path;
    MktHttpRouteMatch  match;
    int                route;
    const char        *params;   /* "name=value;…", sorted */
    const char        *allowed;
  } cases[] = {
    { "GET", "/api/v1/things", MKT_HTTP_ROUTE_MATCH_FOUND, 0, "" },
    { "POST", "/api/v1/things", MKT_HTTP_ROUTE_MATCH_FOUND, 1, "" },
    { "DELETE", "/api/v1/things", MKT_HTTP_ROUTE_MATCH_NO_METHOD, -1, NULL, "GET, POST" },
    { "GET", "/api/v1/things/42", MKT_HTTP_ROUTE_MATCH_FOUND, 2, "id=42;" },
    { "GET", "/api/v1/things/a b/parts/é", MKT_HTTP_ROUTE_MATCH_FOUND, 3, "id=a b;part=é;" },
    { "PUT", "/api/v1/things/42", MKT_HTTP_ROUTE_MATCH_NO_METHOD, -1, NULL, "GET" },
    { "GET", "/api/v1/things/", MKT_HTTP_ROUTE_MATCH_NO_PATH },
    { "GET", "/api/v1/things/42/", MKT_HTTP_ROUTE_MATCH_NO_PATH },
    { "GET", "/api/v1/things//parts/x", MKT_HTTP_ROUTE_MATCH_NO_PATH },
    { "GET", "/api/v1/things/42/parts", MKT_HTTP_ROUTE_MATCH_NO_PATH },
    { "GET", "/api/v1/thing", MKT_HTTP_ROUTE_MATCH_NO_PATH },
    { "GET", "/api/v1/thingsx", MKT_HTTP_ROUTE_MATCH_NO_PATH },
    { "GET", "/api/v1/things/42/parts/7/more", MKT_HTTP_ROUTE_MATCH_NO_PATH },
    { "GET", "api/v1/things", MKT_HTTP_ROUTE_MATCH_NO_PATH },
    { "GET", "/", MKT_HTTP_ROUTE_MATCH_NO_PATH },
    { "GET", "", MKT_HTTP_ROUTE_MATCH_NO_PATH },
    { "GET", "/api/v1/test-only", MKT_HTTP_ROUTE_MATCH_NO_PATH },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MktHttpRoute *route = NULL;
      g_autoptr(GHashTable) params = NULL;
      g_autofree char *allowed = NULL;
      MktHttpRouteMatch match;

      g_test_message ("%s %s", cases[i].method, cases[i].path);
      match = mkt_http_router_match (routes, G_N_ELEMENTS (routes), FALSE, cases[i].method, cases[i].path,
                                     &route, &params, &allowed);
      g_assert_cmpint (match, ==, cases[i].match);
      if (match != MKT_HTTP_ROUTE_MATCH_FOUND)
        {
          g_assert_null (route);
          g_assert_null (params);
          g_assert_cmpstr (allowed, ==, cases[i].allowed);
          continue;
        }

      g_assert_true (route == &routes[cases[i].route]);
      g_assert_nonnull (params);
      {
        g_autoptr(GList) names = g_list_sort (g_hash_table_get_keys (params), (GCompareFunc) strcmp);
        g_autoptr(GString) text = g_string_new (NULL);

        for (GList *l = names; l != NULL; l = l->next)
          g_string_append_printf (text, "%s=%s;", (char *) l->data, (char *) g_hash_table_lookup (params, l->data));
        g_assert_cmpstr (text->str, ==, cases[i].params);
      }
    }

  {
    const MktHttpRoute *route = NULL;

    g_assert_cmpint (mkt_http_router_match (routes, G_N_ELEMENTS (routes), TRUE, "GET", "/api/v1/test-only",
                                            &route, NULL, NULL), ==, MKT_HTTP_ROUTE_MATCH_FOUND);
    g_assert_true (route == &routes[4]);
  }
}

static void
add_tests (void)
{
  g_test_add_func ("/server/api/router", test_router);
  g_test_add_func ("/server/api/openapi", test_openapi);
  g_test_add_func ("/server/api/two-servers", test_two_servers);
}

int
main (int    argc,
      char **argv)
{
  return server_test_run (&argc, &argv, add_tests);
}
