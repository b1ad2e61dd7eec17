/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MktHttpRequest MktHttpRequest;
typedef struct _MktHttpWorker MktHttpWorker;

/**
 * MktHttpHandler:
 * @request: the request; the handler sets its response
 * @worker: (nullable): the worker thread's state, for routes with
 *   %MKT_HTTP_ROUTE_DATABASE; %NULL for the others, which run on the main
 *   loop and must not block
 */
typedef void (*MktHttpHandler) (MktHttpRequest *request,
                                MktHttpWorker  *worker);

/**
 * MktHttpRouteFlags:
 * @MKT_HTTP_ROUTE_DATABASE: the handler talks to the database: it runs on a
 *   worker thread, the message paused meanwhile
 * @MKT_HTTP_ROUTE_BODY: the route takes a JSON body (Content-Type
 *   application/json, parsed before the handler runs)
 * @MKT_HTTP_ROUTE_TEST: served only with test_routes on
 * @MKT_HTTP_ROUTE_AUTH: needs an access token even without a permission
 *   (a route with a permission always does)
 */
typedef enum
{
  MKT_HTTP_ROUTE_DATABASE = 1 << 0,
  MKT_HTTP_ROUTE_BODY     = 1 << 1,
  MKT_HTTP_ROUTE_TEST     = 1 << 2,
  MKT_HTTP_ROUTE_AUTH     = 1 << 3,
} MktHttpRouteFlags;

/**
 * MktHttpRoute:
 * @method: the HTTP method
 * @pattern: the path; a segment `:name` matches any one segment and is
 *   passed to the handler as the parameter `name`
 * @handler: what answers it
 * @permission: (nullable): the `resource:action` permission it needs, or
 *   %NULL for a public route
 * @flags: how it runs
 * @summary: one line for the API's description
 *
 * One entry of the route table (mkt_http_routes_get()): the router, the
 * permission checks and the OpenAPI document all read it.
 */
typedef struct
{
  const char        *method;
  const char        *pattern;
  MktHttpHandler     handler;
  const char        *permission;
  MktHttpRouteFlags  flags;
  const char        *summary;
} MktHttpRoute;

/**
 * MktHttpRouteMatch:
 * @MKT_HTTP_ROUTE_MATCH_FOUND: a route has this method and path
 * @MKT_HTTP_ROUTE_MATCH_NO_PATH: no route has this path (404)
 * @MKT_HTTP_ROUTE_MATCH_NO_METHOD: routes have this path, not with this
 *   method (405)
 */
typedef enum
{
  MKT_HTTP_ROUTE_MATCH_FOUND,
  MKT_HTTP_ROUTE_MATCH_NO_PATH,
  MKT_HTTP_ROUTE_MATCH_NO_METHOD,
} MktHttpRouteMatch;

MktHttpRouteMatch  mkt_http_router_match   (const MktHttpRoute  *routes,
                                            guint                n_routes,
                                            gboolean             test_routes,
                                            const char          *method,
                                            const char          *path,
                                            const MktHttpRoute **out_route,
                                            GHashTable         **out_params,
                                            char               **out_allowed);

const MktHttpRoute *mkt_http_routes_get    (guint               *n_routes);

G_END_DECLS
