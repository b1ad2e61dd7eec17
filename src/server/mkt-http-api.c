/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-http"

#include "config.h"

#include "mkt-auth.h"
#include "mkt-http-api.h"
#include "mkt-http-log.h"

/* The REST API v1 over HTTP. Its routes (mkt-api-routes.c) are entries of
 * the server's route table (mkt-http-routes.c) that all share one handler:
 * the request's path parameters, query and parsed body become an
 * MktApiRequest, the authenticated user a session over the worker's store,
 * and mkt_api_call()'s answer the response. */

/**
 * mkt_http_api_handler:
 * @request: a request of a route made from an API route
 * @worker: the worker thread's state
 *
 * Runs the API route @request matched, as the request's user.
 */
void
mkt_http_api_handler (MktHttpRequest *request,
                      MktHttpWorker  *worker)
{
  const MktApiRoute *route = mkt_http_routes_get_api_route (request->route);
  g_auto(MktApiResult) result = { 0, };
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GError) error = NULL;
  MktApiRequest api_request = {
    .params = request->params,
    .query = request->query,
    .body = request->body,
  };

  g_assert (route != NULL);

  session = mkt_auth_get_session (request, worker, &error);
  if (session == NULL)
    {
      mkt_auth_set_error (request, error);
      return;
    }

  mkt_api_call (route, session, &api_request, &result);

  if (result.internal_error != NULL)
    mkt_http_log_message ("error", "internal_error", "request %s: %s",
                          request->request_id, result.internal_error->message);
  if (result.text != NULL)
    mkt_http_request_set_json_text (request, result.status, g_steal_pointer (&result.text));
  else
    mkt_http_request_set_json (request, result.status, g_steal_pointer (&result.body));
  if (request->response == NULL && request->response_text == NULL)
    mkt_http_request_set_json (request, result.status, json_node_init_null (json_node_alloc ()));
}

/* Routes that are not API routes but need a token, though no permission
 * (the profile): the document says so. */
static void
require_bearer (JsonNode           *document,
                const MktHttpRoute *route)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_auto(GStrv) segments = g_strsplit (route->pattern, "/", -1);
  g_autofree char *method = g_ascii_strdown (route->method, -1);
  JsonObject *paths = json_object_get_object_member (json_node_get_object (document), "paths");
  JsonObject *operation;
  JsonArray *security = json_array_new ();
  JsonObject *bearer = json_object_new ();

  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (path, '/');
      if (segments[i][0] == ':')
        g_string_append_printf (path, "{%s}", segments[i] + 1);
      else
        g_string_append (path, segments[i]);
    }

  operation = json_object_get_object_member (json_object_get_object_member (paths, path->str), method);
  json_object_set_array_member (bearer, "bearer", json_array_new ());
  json_array_add_object_element (security, bearer);
  json_object_set_array_member (operation, "security", security);
}

/**
 * mkt_http_openapi_build:
 *
 * The OpenAPI document of every route the server serves (its tests' routes
 * aside): the API's, described from its table, and the others (health,
 * accounts, users, roles) from the server's.
 *
 * Returns: (transfer full): the document
 */
JsonNode *
mkt_http_openapi_build (void)
{
  JsonNode *document = mkt_api_openapi_build ();
  const MktHttpRoute *routes;
  guint n_routes;

  routes = mkt_http_routes_get (&n_routes);
  for (guint i = 0; i < n_routes; i++)
    {
      const MktHttpRoute *route = &routes[i];

      if ((route->flags & MKT_HTTP_ROUTE_TEST) || mkt_http_routes_get_api_route (route) != NULL)
        continue;

      mkt_api_openapi_add_route (document, route->method, route->pattern, route->summary, route->permission);
      if (route->permission == NULL && (route->flags & MKT_HTTP_ROUTE_AUTH))
        require_bearer (document, route);
    }

  return document;
}

/**
 * mkt_http_openapi_handler:
 * @request: a request of GET /api/v1/openapi.json
 * @worker: %NULL: it runs on the main loop
 *
 * Answers the OpenAPI document, made once per process.
 */
void
mkt_http_openapi_handler (MktHttpRequest *request,
                          MktHttpWorker  *worker)
{
  static gsize once;
  static JsonNode *document;

  if (g_once_init_enter (&once))
    {
      document = mkt_http_openapi_build ();
      json_node_seal (document);
      g_once_init_leave (&once, 1);
    }

  mkt_http_request_set_json (request, 200, json_node_ref (document));
}
