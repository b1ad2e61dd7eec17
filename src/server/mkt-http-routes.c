/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-http"

#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "mkt-auth.h"
#include "mkt-http-api.h"
#include "mkt-http-log.h"
#include "mkt-http-request.h"
#include "mkt-http-server-private.h"
#include "mkt-pg.h"
#include "mkt-pg-migrate.h"

/* GET /health: is this process fit to serve? Public, for load balancers
 * and systemd; says nothing about the database beyond reachable or not. */

static JsonNode *
check_database (MktHttpWorker *worker)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) result = NULL;
  gint64 start = g_get_monotonic_time ();
  PGconn *conn;

  conn = mkt_http_worker_get_connection (worker, &error);
  if (conn != NULL)
    result = mkt_pg_query (conn, "SELECT 1", 0, NULL, &error);
  /* Migrated meanwhile by a newer build, or restored from an older dump. */
  if (result != NULL && !mkt_pg_check_schema (conn, &error))
    g_clear_pointer (&result, PQclear);
  mkt_http_worker_check_connection (worker);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  if (result != NULL)
    {
      json_builder_add_string_value (builder, "ok");
      json_builder_set_member_name (builder, "latency_ms");
      json_builder_add_double_value (builder, (g_get_monotonic_time () - start) / 1000.0);
    }
  else
    {
      mkt_http_log_message ("warning", "health_check", "database: %s", error->message);
      json_builder_add_string_value (builder, "failed");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, g_error_matches (error, MKT_PG_ERROR, MKT_PG_ERROR_SCHEMA_TOO_OLD) ||
                                              g_error_matches (error, MKT_PG_ERROR, MKT_PG_ERROR_SCHEMA_TOO_NEW)
                                              ? "The database's schema is not this server's"
                                              : "The database cannot be reached");
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The handler runs on a worker thread: that the pool took it is the check;
 * what waits behind it tells whether the pool keeps up. */
static JsonNode *
check_queue (MktHttpServer *server)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "pending");
  json_builder_add_int_value (builder, mkt_http_server_get_queue_length (server));
  json_builder_set_member_name (builder, "threads");
  json_builder_add_int_value (builder, mkt_http_server_get_config (server)->threads);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Uploads and exports will go through the temporary folder: a file is
 * made, written and removed there. */
static JsonNode *
check_storage (MktHttpServer *server)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_build_filename (mkt_http_server_get_config (server)->tmp_dir,
                                                "market-server-health-XXXXXX", NULL);
  static const char probe[] = "ok\n";
  gboolean ok = FALSE;
  int fd;

  fd = g_mkstemp (template);
  if (fd >= 0)
    {
      ok = write (fd, probe, sizeof probe - 1) == sizeof probe - 1;
      if (!ok)
        mkt_http_log_message ("warning", "health_check", "storage: %s: %s", template, g_strerror (errno));
      ok = g_close (fd, &error) && ok;
      g_unlink (template);
    }
  else
    mkt_http_log_message ("warning", "health_check", "storage: %s: %s", template, g_strerror (errno));
  if (error != NULL)
    mkt_http_log_message ("warning", "health_check", "storage: %s", error->message);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, ok ? "ok" : "failed");
  if (!ok)
    {
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, "The temporary folder is not writable");
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
check_ok (JsonNode *check)
{
  return g_str_equal (json_object_get_string_member (json_node_get_object (check), "status"), "ok");
}

static void
health_handler (MktHttpRequest *request,
                MktHttpWorker  *worker)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonNode *database = check_database (worker);
  JsonNode *queue = check_queue (request->server);
  JsonNode *storage = check_storage (request->server);
  gboolean ok = check_ok (database) && check_ok (queue) && check_ok (storage);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, ok ? "ok" : "degraded");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "uptime_s");
  json_builder_add_int_value (builder, mkt_http_server_get_uptime (request->server));
  json_builder_set_member_name (builder, "checks");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "database");
  json_builder_add_value (builder, database);
  json_builder_set_member_name (builder, "queue");
  json_builder_add_value (builder, queue);
  json_builder_set_member_name (builder, "storage");
  json_builder_add_value (builder, storage);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  mkt_http_request_set_json (request, ok ? 200 : 503, json_builder_get_root (builder));
}

/* Test routes (test_routes = true only): the error classes of body routes
 * and of a failing database handler, before the API has real ones. */

static void
test_echo_handler (MktHttpRequest *request,
                   MktHttpWorker  *worker)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "echo");
  json_builder_add_value (builder, json_node_copy (request->body));
  json_builder_end_object (builder);
  mkt_http_request_set_json (request, 200, json_builder_get_root (builder));
}

static void
test_error_handler (MktHttpRequest *request,
                    MktHttpWorker  *worker)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) result = NULL;
  PGconn *conn = mkt_http_worker_get_connection (worker, &error);

  if (conn != NULL)
    result = mkt_pg_query (conn, "SELECT * FROM no_such_table_for_the_test", 0, NULL, &error);
  if (result != NULL)
    {
      mkt_http_request_set_json (request, 200, json_node_init_object (json_node_alloc (), json_object_new ()));
      return;
    }
  mkt_http_request_set_internal_error (request, error);
}

/* Holds a worker thread (and the request) on the database for ?ms=N,
 * at most 10 s: graceful shutdown is seen finishing it. */
static void
test_sleep_handler (MktHttpRequest *request,
                    MktHttpWorker  *worker)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) result = NULL;
  const char *text = request->query != NULL ? g_hash_table_lookup (request->query, "ms") : NULL;
  guint64 ms = 0;
  char seconds[G_ASCII_DTOSTR_BUF_SIZE];
  const char *params[1];
  PGconn *conn;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, 10000, &ms, NULL))
    {
      mkt_http_request_set_error (request, 422, "invalid", "ms", "ms must be a number of milliseconds up to 10000");
      return;
    }

  params[0] = g_ascii_formatd (seconds, sizeof seconds, "%.3f", ms / 1000.0);
  conn = mkt_http_worker_get_connection (worker, &error);
  if (conn != NULL)
    result = mkt_pg_query (conn, "SELECT pg_sleep($1::float8)", 1, params, &error);
  mkt_http_worker_check_connection (worker);
  if (result == NULL)
    {
      mkt_http_request_set_internal_error (request, error);
      return;
    }

  mkt_http_request_set_json (request, 200, json_node_init_int (json_node_alloc (), (gint64) ms));
}

static const MktHttpRoute routes[] = {
  { "GET", "/health", health_handler, NULL, MKT_HTTP_ROUTE_DATABASE,
    "The server's health: database, queue and storage checks, version, uptime" },

  /* Accounts (mkt-auth-routes.c, mkt-auth-users.c). */
  { "POST", "/api/v1/auth/register", mkt_auth_register_handler, NULL,
    MKT_HTTP_ROUTE_DATABASE | MKT_HTTP_ROUTE_BODY,
    "Creates a business (tenant) and its admin; answers tokens" },
  { "POST", "/api/v1/auth/login", mkt_auth_login_handler, NULL,
    MKT_HTTP_ROUTE_DATABASE | MKT_HTTP_ROUTE_BODY,
    "Exchanges an email and password for an access and a refresh token" },
  { "POST", "/api/v1/auth/refresh", mkt_auth_refresh_handler, NULL,
    MKT_HTTP_ROUTE_DATABASE | MKT_HTTP_ROUTE_BODY,
    "Exchanges a refresh token for new tokens; a reused one revokes its family" },
  { "POST", "/api/v1/auth/logout", mkt_auth_logout_handler, NULL,
    MKT_HTTP_ROUTE_DATABASE | MKT_HTTP_ROUTE_BODY,
    "Revokes a refresh token and every token of its family" },
  { "POST", "/api/v1/auth/password", mkt_auth_password_handler, NULL,
    MKT_HTTP_ROUTE_DATABASE | MKT_HTTP_ROUTE_BODY | MKT_HTTP_ROUTE_AUTH,
    "Changes one's own password (current_password, new_password); revokes every refresh token, answers new tokens" },
  { "GET", "/api/v1/auth/profile", mkt_auth_profile_handler, NULL,
    MKT_HTTP_ROUTE_DATABASE | MKT_HTTP_ROUTE_AUTH,
    "The user, the tenant, the role and the effective permissions" },
  { "GET", "/api/v1/users", mkt_auth_users_list_handler, "users:read", MKT_HTTP_ROUTE_DATABASE,
    "The business's users, with their accounts' state" },
  { "POST", "/api/v1/users", mkt_auth_users_invite_handler, "users:create",
    MKT_HTTP_ROUTE_DATABASE | MKT_HTTP_ROUTE_BODY,
    "Invites a user: answers a temporary password, shown once" },
  { "PATCH", "/api/v1/users/:id", mkt_auth_users_update_handler, "users:update",
    MKT_HTTP_ROUTE_DATABASE | MKT_HTTP_ROUTE_BODY,
    "Changes a user's name, role, extra permissions or disabled state" },
  { "GET", "/api/v1/roles", mkt_auth_roles_list_handler, "roles:read", MKT_HTTP_ROUTE_DATABASE,
    "The default roles and their permissions" },
  { "POST", "/api/v1/test/echo", test_echo_handler, NULL, MKT_HTTP_ROUTE_BODY | MKT_HTTP_ROUTE_TEST,
    "Tests only: answers the JSON body it was sent" },
  { "GET", "/api/v1/test/error", test_error_handler, NULL, MKT_HTTP_ROUTE_DATABASE | MKT_HTTP_ROUTE_TEST,
    "Tests only: a handler whose query fails" },
  { "GET", "/api/v1/test/sleep", test_sleep_handler, NULL, MKT_HTTP_ROUTE_DATABASE | MKT_HTTP_ROUTE_TEST,
    "Tests only: waits ?ms=N milliseconds on the database" },
};

/* The API's routes (mkt-api-routes.c) join these, in their order (a router
 * takes the first match: …/bulk before …/:id), after the server's own and
 * before the tests'. */
static MktHttpRoute *table;
static const MktApiRoute **table_api;
static guint table_length;

static void
build_table (void)
{
  const MktApiRoute *api;
  guint n_api, n = 0;

  api = mkt_api_routes_get (&n_api);
  table_length = G_N_ELEMENTS (routes) + n_api;
  table = g_new0 (MktHttpRoute, table_length);
  table_api = g_new0 (const MktApiRoute *, table_length);

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (!(routes[i].flags & MKT_HTTP_ROUTE_TEST))
      table[n++] = routes[i];

  for (guint i = 0; i < n_api; i++)
    {
      MktHttpRoute *route = &table[n];

      route->method = api[i].method;
      route->pattern = api[i].pattern;
      route->permission = api[i].permission;
      route->summary = api[i].summary;
      if (api[i].response_shape == MKT_API_SHAPE_OPENAPI)
        {
          /* The document of the whole server, public, from memory. */
          route->handler = mkt_http_openapi_handler;
          route->flags = 0;
        }
      else
        {
          route->handler = mkt_http_api_handler;
          route->flags = MKT_HTTP_ROUTE_DATABASE;
          if (api[i].request_shape != MKT_API_SHAPE_NONE)
            route->flags |= MKT_HTTP_ROUTE_BODY;
        }
      table_api[n++] = &api[i];
    }

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (routes[i].flags & MKT_HTTP_ROUTE_TEST)
      table[n++] = routes[i];

  g_assert (n == table_length);
}

/**
 * mkt_http_routes_get:
 * @n_routes: (out): the table's length
 *
 * Returns: (transfer none): every route the server has
 */
const MktHttpRoute *
mkt_http_routes_get (guint *n_routes)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      build_table ();
      g_once_init_leave (&once, 1);
    }

  *n_routes = table_length;
  return table;
}

/**
 * mkt_http_routes_get_api_route:
 * @route: a route of mkt_http_routes_get()
 *
 * Returns: (transfer none) (nullable): the API route @route serves, or
 *   %NULL for the server's own routes
 */
const MktApiRoute *
mkt_http_routes_get_api_route (const MktHttpRoute *route)
{
  guint n_routes;
  const MktHttpRoute *routes_table = mkt_http_routes_get (&n_routes);

  if (route < routes_table || route >= routes_table + n_routes)
    return NULL;

  return table_api[route - routes_table];
}
