/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server-api"

#include "config.h"
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include "mkt-http-router.h"
#include "mkt-http-api.h"
#include "mkt-pg-test-utils.h"
#include "mkt-server-test-utils.h"

Shared shared;

/* The server ------------------------------------------------------------------ */

/* In the server, before exec: a test that fails aborts without stopping
 * its server, which must not outlive it. */
static void
die_with_parent (gpointer data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

void
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
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
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

void
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

/* A server test program's main: one migrated database and one server
 * (each test registers businesses of its own), the tests @add_tests
 * registers, and everything gone afterwards. */
int
server_test_run (int    *argc,
                 char ***argv,
                 void  (*add_tests) (void))
{
  int status;

  if (!mkt_pg_test_init (argc, argv, &status))
    return status;

  mkt_pg_test_db_setup (&shared.db, NULL);
  mkt_pg_test_migrate (&shared.db);
  server_start (&shared.server, NULL);
  shared.session = soup_session_new_with_options ("timeout", 20, NULL);

  add_tests ();
  status = g_test_run ();

  g_clear_object (&shared.session);
  server_stop (&shared.server);
  mkt_pg_test_db_teardown (&shared.db, NULL);
  return status;
}

/* Requests -------------------------------------------------------------------- */

/* Sends a request to @server (a JSON body if @body is not %NULL; `Bearer
 * @token` if @token is not %NULL; a new connection if @close) and returns
 * the JSON answer. */
JsonNode *
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

JsonNode *
call (const char *method,
      const char *path,
      const char *token,
      const char *body,
      guint      *out_status)
{
  return call_full (&shared.server, method, path, token, body, FALSE, out_status);
}

/* call() that asserts the answer's status. */
JsonNode *
call_expect (const char *method,
             const char *path,
             const char *token,
             const char *body,
             guint       expected)
{
  JsonNode *node;
  guint status;

  node = call (method, path, token, body, &status);
  if (status != expected)
    g_error ("%s %s: %u, not %u: %s", method, path, status, expected, json_to_string (node, FALSE));
  return node;
}

JsonObject *
object (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

const char *
member (JsonNode   *node,
        const char *name)
{
  return json_object_get_string_member (object (node), name);
}

/* Asserts an error answer of @status with @code (and @field, if not
 * %NULL); returns its error object. */
JsonObject *
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

JsonArray *
items (JsonNode *node)
{
  return json_object_get_array_member (object (node), "items");
}

/* Registers a business; returns its admin's access token. */
char *
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

/* Creates a material; returns its id. */
char *
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

char *
path_of (const char *collection,
         const char *id,
         const char *suffix)
{
  return g_strconcat (collection, "/", id, suffix, NULL);
}

/* POSTs @body to @path and asserts 201; returns the new row's id. */
char *
create_id (const char *token,
           const char *path,
           const char *body)
{
  g_autoptr(JsonNode) node = call_expect ("POST", path, token, body, 201);

  g_assert_nonnull (member (node, "id"));
  return g_strdup (member (node, "id"));
}

/* Invites a user of @role into the admin's business and logs them in;
 * returns their access token. */
char *
invite_role (const char *admin,
             const char *role)
{
  g_autofree char *email = g_strdup_printf ("%s.%08x@example.com", role, g_random_int ());
  g_autofree char *body = g_strdup_printf ("{\"name\":\"Someone\",\"email\":\"%s\",\"role\":\"%s\"}", email, role);
  g_autoptr(JsonNode) node = call_expect ("POST", "/api/v1/users", admin, body, 201);
  g_autofree char *login = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", email,
                                            member (node, "temporary_password"));
  g_autoptr(JsonNode) tokens = call_expect ("POST", "/api/v1/auth/login", NULL, login, 200);

  g_assert_cmpstr (member (tokens, "role"), ==, role);
  return g_strdup (member (tokens, "access_token"));
}

/* Sends a bulk request and asserts its status @expected and, when it
 * failed, that it rolled back for the operation @index naming @field;
 * returns the answer. */
JsonNode *
bulk_call (const char *method,
           const char *path,
           const char *token,
           const char *body,
           guint       expected,
           gint        index,
           const char *field)
{
  JsonNode *node = call_expect (method, path, token, body, expected);
  JsonObject *error;

  if (expected == 200)
    {
      g_assert_false (json_object_has_member (object (node), "error"));
      return node;
    }

  g_assert_true (json_object_get_boolean_member (object (node), "rolled_back"));
  error = json_object_get_object_member (object (node), "error");
  g_assert_cmpint (json_object_get_int_member (error, "index"), ==, index);
  if (field != NULL)
    g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, field);
  return node;
}

/* Asserts that @token's @method @path (with @body) is refused with
 * @expected, @code and @field (if not %NULL). */
void
assert_refused (const char *method,
                const char *path,
                const char *token,
                const char *body,
                guint       expected,
                const char *code,
                const char *field)
{
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = call (method, path, token, body, &status);
  assert_error (node, status, expected, code, field);
}

/* Asserts that @token's @method @path (with @body) answers 404. */
void
assert_not_found_at (const char *method,
                     const char *path,
                     const char *token,
                     const char *body)
{
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = call (method, path, token, body, &status);
  assert_error (node, status, 404, "not_found", NULL);
}

/* Asserts that @token is refused @method @path for want of @permission. */
void
assert_denied (const char *method,
               const char *path,
               const char *token,
               const char *body,
               const char *permission)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *error;
  guint status;

  node = call (method, path, token, body, &status);
  error = assert_error (node, status, 403, "forbidden", NULL);
  g_assert_cmpstr (json_object_get_string_member (error, "permission"), ==, permission);
}

/* Route coverage ------------------------------------------------------------- */

/* Whether @route is one of the verbs every collection has (list, create,
 * bulk, get, replace, patch, delete, restore, permanent). */
static gboolean
route_is_collection_verb (const MktHttpRoute *route)
{
  static const char * const suffixes[] = { "", "/bulk", "/:id", "/:id/restore", "/:id/permanent", NULL };
  const MktApiResource *resources;
  guint n_resources;

  resources = mkt_api_resources_get (&n_resources);
  for (guint i = 0; i < n_resources; i++)
    if (g_str_has_prefix (route->pattern, resources[i].path) &&
        g_strv_contains (suffixes, route->pattern + strlen (resources[i].path)))
      return TRUE;

  return FALSE;
}

/* The program that drives @route: the collections' verbs; the goods
 * (stock, making, costs and the inventory dashboard); every other route.
 * Between them, every route. */
RouteFamily
route_family (const MktHttpRoute *route)
{
  static const char * const goods[] = { "/stock", "/make", "/complete", "/calculate-costs", "/inventory/dashboard" };

  if (route_is_collection_verb (route))
    return ROUTES_COLLECTION;

  for (guint i = 0; i < G_N_ELEMENTS (goods); i++)
    if (g_str_has_suffix (route->pattern, goods[i]))
      return ROUTES_GOODS;

  return ROUTES_OTHER;
}

/* Whether @status is @route's answer when all goes well: the API route's
 * own status (405 for a ledger's refused changes, which have no other),
 * any 2xx for the server's own routes. */
static gboolean
is_happy_status (const MktHttpRoute *route,
                 gint64              status)
{
  const MktApiRoute *api = mkt_http_routes_get_api_route (route);

  if (api != NULL)
    return status == api->status;

  return status >= 200 && status < 300;
}

/* The requests of @server's log (one JSON line each, with the method and
 * the pattern of the route that served it, %NULL for none) as objects. */
static GPtrArray *
read_requests (Server *server)
{
  GPtrArray *requests = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (server->log_path, &log, NULL, NULL));
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *line;

      /* The last line may still be being written. */
      if (lines[i + 1] == NULL)
        break;
      if (!json_parser_load_from_data (parser, lines[i], -1, &error) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_autofree char *escaped = g_strescape (lines[i], NULL);

          g_error ("Line %u of the server's log is no JSON object (%s): %s",
                   i + 1, error != NULL ? error->message : "not an object", escaped);
        }
      line = json_node_get_object (json_parser_get_root (parser));
      if (g_strcmp0 (json_object_get_string_member_with_default (line, "event", NULL), "request") == 0)
        g_ptr_array_add (requests, json_object_ref (line));
    }

  return requests;
}

/* "METHOD pattern" of a request of the log, or %NULL if no route served it. */
static char *
request_route (JsonObject *request)
{
  const char *pattern = json_object_get_string_member_with_default (request, "route", NULL);

  if (pattern == NULL)
    return NULL;

  return g_strconcat (json_object_get_string_member (request, "method"), " ", pattern, NULL);
}

/* The @nth (from 1) request @server logged for @method @route, waiting a
 * moment for its line if need be. */
JsonObject *
server_logged_request (Server     *server,
                       const char *method,
                       const char *route,
                       guint       nth)
{
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autoptr(GPtrArray) requests = read_requests (server);
      guint seen = 0;

      for (guint i = 0; i < requests->len; i++)
        {
          JsonObject *request = g_ptr_array_index (requests, i);

          if (g_strcmp0 (json_object_get_string_member (request, "method"), method) == 0 &&
              g_strcmp0 (json_object_get_string_member_with_default (request, "route", NULL), route) == 0 &&
              ++seen == nth)
            return json_object_ref (request);
        }
      g_usleep (G_USEC_PER_SEC / 20);
    }

  g_error ("The server logged no request %u for %s %s", nth, method, route);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The "METHOD pattern" of each route of @wanted no request of @requests
 * was answered by as it should be. */
static GPtrArray *
routes_not_answered (GPtrArray  *requests,
                     GHashTable *wanted)
{
  g_autoptr(GHashTable) answered = g_hash_table_new (g_direct_hash, g_direct_equal);
  GPtrArray *missing = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < requests->len; i++)
    {
      JsonObject *request = g_ptr_array_index (requests, i);
      g_autofree char *name = request_route (request);
      const MktHttpRoute *route = name != NULL ? g_hash_table_lookup (wanted, name) : NULL;

      if (route != NULL && is_happy_status (route, json_object_get_int_member (request, "status")))
        g_hash_table_add (answered, (gpointer) route);
    }

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (answered, value))
      g_ptr_array_add (missing, g_strdup (key));
  g_ptr_array_sort (missing, compare_names);

  return missing;
}

/* Asserts that @server's log shows every route of the server's table of
 * @family (never the test-only ones) answered with its success status at
 * least once, and that it names no route the table does not have. A route
 * added without a happy path over HTTP fails here. */
void
assert_every_route_answered (Server      *server,
                             RouteFamily  family)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) served = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  const MktHttpRoute *routes;
  guint n_routes;

  routes = mkt_http_routes_get (&n_routes);
  for (guint i = 0; i < n_routes; i++)
    {
      char *name = g_strconcat (routes[i].method, " ", routes[i].pattern, NULL);
      gboolean unique = g_hash_table_insert (served, g_strdup (name), NULL);

      g_assert_true (unique);
      if (!(routes[i].flags & MKT_HTTP_ROUTE_TEST) && route_family (&routes[i]) == family)
        g_hash_table_insert (wanted, name, (gpointer) &routes[i]);
      else
        g_free (name);
    }
  g_assert_cmpuint (g_hash_table_size (wanted), >, 0);

  /* A request's line is written once its answer is sent: the last ones may
   * come a moment after the client has read them. */
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_clear_pointer (&requests, g_ptr_array_unref);
      g_clear_pointer (&missing, g_ptr_array_unref);
      requests = read_requests (server);
      missing = routes_not_answered (requests, wanted);
      if (missing->len == 0)
        break;
      g_usleep (G_USEC_PER_SEC / 20);
    }

  for (guint i = 0; i < requests->len; i++)
    {
      g_autofree char *name = request_route (g_ptr_array_index (requests, i));

      if (name != NULL && !g_hash_table_contains (served, name))
        g_error ("The log names the route %s, which is not in the route table", name);
    }

  for (guint i = 0; i < missing->len; i++)
    g_printerr ("No request was answered by %s with its success status\n", (char *) g_ptr_array_index (missing, i));
  g_assert_cmpuint (missing->len, ==, 0);
  g_test_message ("%u routes answered with their success status in %u requests",
                  g_hash_table_size (wanted), requests->len);
}
