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

/* The REST API v1 over HTTP, through the real market-server on a migrated
 * database: the API's routes as the server registers them, the OpenAPI
 * document of all its routes, tenants kept apart, the default roles'
 * permissions, the error classes of a resource route, and two server
 * processes sharing one database. One server serves most tests (each
 * registers businesses of its own). */

#define TOKEN_SECRET "test-secret-0123456789abcdef0123456789abcdef"
#define PASSWORD "correct horse battery"
#define BODY_LIMIT 65536
#define MATERIALS "/api/v1/inventory/materials"

typedef struct
{
  GSubprocess *process;
  char        *url;
  char        *dir;
  char        *log_path;
} Server;

static struct
{
  MktPgTestDb  db;
  Server       server;
  SoupSession *session;
} shared;

/* The server ------------------------------------------------------------------ */

static void
server_start (Server             *server,
              const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *limit = g_strdup_printf ("%u", BODY_LIMIT);

  server->dir = g_dir_make_tmp ("mkt-api-XXXXXX", &error);
  g_assert_no_error (error);
  server->log_path = g_build_filename (server->dir, "server.log", NULL);

  g_ptr_array_add (argv, (gpointer) g_getenv ("MKT_SERVER"));
  g_ptr_array_add (argv, (gpointer) "serve");
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_stderr_file_path (launcher, server->log_path);
  g_subprocess_launcher_setenv (launcher, "DATABASE_URL", shared.db.app, TRUE);
  g_subprocess_launcher_setenv (launcher, "MARKET_TOKEN_SECRET", TOKEN_SECRET, TRUE);
  g_subprocess_launcher_setenv (launcher, "MARKET_LISTEN", "127.0.0.1:0", TRUE);
  g_subprocess_launcher_setenv (launcher, "MARKET_TMPDIR", server->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "MARKET_BODY_LIMIT", limit, TRUE);
  /* The tests are one client sending many requests. */
  g_subprocess_launcher_setenv (launcher, "MARKET_RATE_LIMIT", "0", TRUE);

  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, "Listening on http://127.0.0.1:"))
    {
      g_autofree char *log = NULL;

      g_file_get_contents (server->log_path, &log, NULL, NULL);
      g_printerr ("%s", log != NULL ? log : "");
      g_assert_cmpstr (line, ==, "Listening on http://127.0.0.1:…");
    }
  server->url = g_strdup (line + strlen ("Listening on "));
}

static void
server_stop (Server *server)
{
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
  g_unlink (server->log_path);
  g_rmdir (server->dir);
  g_clear_pointer (&server->log_path, g_free);
  g_clear_pointer (&server->dir, g_free);
  g_clear_pointer (&server->url, g_free);
}

/* Requests -------------------------------------------------------------------- */

/* Sends a request to @server (a JSON body if @body is not %NULL; `Bearer
 * @token` if @token is not %NULL; a new connection if @close) and returns
 * the JSON answer. */
static JsonNode *
call_full (Server     *server,
           const char *method,
           const char *path,
           const char *token,
           const char *body,
           gboolean    close,
           guint      *out_status)
{
  g_autofree char *uri = g_strconcat (server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (close)
    soup_message_headers_replace (headers, "Connection", "close");
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }

  bytes = soup_session_send_and_read (shared.session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL),
                   ==, "application/json");
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  *out_status = soup_message_get_status (msg);
  return json_parser_steal_root (parser);
}

static JsonNode *
call (const char *method,
      const char *path,
      const char *token,
      const char *body,
      guint      *out_status)
{
  return call_full (&shared.server, method, path, token, body, FALSE, out_status);
}

static JsonObject *
object (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static const char *
member (JsonNode   *node,
        const char *name)
{
  return json_object_get_string_member (object (node), name);
}

/* Asserts an error answer of @status with @code (and @field, if not
 * %NULL); returns its error object. */
static JsonObject *
assert_error (JsonNode   *node,
              guint       status,
              guint       expected,
              const char *code,
              const char *field)
{
  JsonObject *error;

  g_assert_cmpuint (status, ==, expected);
  error = json_object_get_object_member (object (node), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_nonnull (json_object_get_string_member (error, "message"));
  if (field != NULL)
    g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, field);
  return error;
}

static void
assert_forbidden (JsonNode   *node,
                  guint       status,
                  const char *permission)
{
  JsonObject *error = assert_error (node, status, 403, "forbidden", NULL);

  g_assert_cmpstr (json_object_get_string_member (error, "permission"), ==, permission);
}

static JsonArray *
items (JsonNode *node)
{
  return json_object_get_array_member (object (node), "items");
}

/* Registers a business; returns its admin's access token. */
static char *
register_business (const char *who)
{
  g_autofree char *body = g_strdup_printf ("{\"business_name\":\"%s's\",\"currency\":\"EUR\",\"name\":\"%s\","
                                           "\"email\":\"%s.%08x@example.com\",\"password\":\"%s\"}",
                                           who, who, who, g_random_int (), PASSWORD);
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = call ("POST", "/api/v1/auth/register", NULL, body, &status);
  g_assert_cmpuint (status, ==, 201);
  return g_strdup (member (node, "access_token"));
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

/* Creates a material; returns its id. */
static char *
add_material (Server     *server,
              const char *token,
              const char *body)
{
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = call_full (server, "POST", MATERIALS, token, body, FALSE, &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_nonnull (member (node, "id"));
  return g_strdup (member (node, "id"));
}

static char *
path_of (const char *collection,
         const char *id,
         const char *suffix)
{
  return g_strconcat (collection, "/", id, suffix, NULL);
}

/* Tests --------------------------------------------------------------------- */

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

int
main (int    argc,
      char **argv)
{
  int status;

  if (!mkt_pg_test_init (&argc, &argv, &status))
    return status;

  mkt_pg_test_db_setup (&shared.db, NULL);
  mkt_pg_test_migrate (&shared.db);
  server_start (&shared.server, NULL);
  shared.session = soup_session_new_with_options ("timeout", 20, NULL);

  g_test_add_func ("/server/api/router", test_router);
  g_test_add_func ("/server/api/openapi", test_openapi);
  g_test_add_func ("/server/api/materials", test_materials);
  g_test_add_func ("/server/api/roles", test_roles);
  g_test_add_func ("/server/api/errors", test_errors);
  g_test_add_func ("/server/api/products", test_products);
  g_test_add_func ("/server/api/two-servers", test_two_servers);
  g_test_add_func ("/server/api/catalogue", test_catalogue);
  g_test_add_func ("/server/api/market", test_market);
  g_test_add_func ("/server/api/stock-movements", test_stock_movements);
  g_test_add_func ("/server/api/password", test_password);

  status = g_test_run ();

  g_clear_object (&shared.session);
  server_stop (&shared.server);
  mkt_pg_test_db_teardown (&shared.db, NULL);
  return status;
}
