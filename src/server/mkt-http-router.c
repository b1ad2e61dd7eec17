/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-http"

#include "config.h"

#include <string.h>

#include "mkt-http-router.h"

/* Matches a path against one pattern, segment by segment. libsoup has
 * already decoded the path. */
static gboolean
match_pattern (const char  *pattern,
               const char  *path,
               GHashTable  *params)
{
  g_auto(GStrv) want = g_strsplit (pattern, "/", -1);
  g_auto(GStrv) have = g_strsplit (path, "/", -1);
  guint n = g_strv_length (want);

  if (g_strv_length (have) != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (want[i][0] == ':')
        {
          if (have[i][0] == '\0')
            return FALSE;
          if (params != NULL)
            g_hash_table_insert (params, g_strdup (want[i] + 1), g_strdup (have[i]));
        }
      else if (!g_str_equal (want[i], have[i]))
        return FALSE;
    }

  return TRUE;
}

/**
 * mkt_http_router_match:
 * @routes: the route table
 * @n_routes: its length
 * @test_routes: whether the routes flagged %MKT_HTTP_ROUTE_TEST count
 * @method: the request's method
 * @path: the request's path, decoded
 * @out_route: (out) (transfer none): the route found
 * @out_params: (out) (transfer full) (optional): its `:name` parameters
 * @out_allowed: (out) (transfer full) (optional): for
 *   %MKT_HTTP_ROUTE_MATCH_NO_METHOD, the methods the path has ("GET, POST")
 *
 * Returns: whether a route was found, and if not why
 */
MktHttpRouteMatch
mkt_http_router_match (const MktHttpRoute  *routes,
                       guint                n_routes,
                       gboolean             test_routes,
                       const char          *method,
                       const char          *path,
                       const MktHttpRoute **out_route,
                       GHashTable         **out_params,
                       char               **out_allowed)
{
  g_autoptr(GString) allowed = NULL;

  *out_route = NULL;

  for (guint i = 0; i < n_routes; i++)
    {
      const MktHttpRoute *route = &routes[i];
      g_autoptr(GHashTable) params = NULL;

      if ((route->flags & MKT_HTTP_ROUTE_TEST) && !test_routes)
        continue;

      params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (!match_pattern (route->pattern, path, params))
        continue;

      if (g_str_equal (route->method, method))
        {
          *out_route = route;
          if (out_params != NULL)
            *out_params = g_steal_pointer (&params);
          return MKT_HTTP_ROUTE_MATCH_FOUND;
        }

      if (allowed == NULL)
        allowed = g_string_new (route->method);
      else if (strstr (allowed->str, route->method) == NULL)
        g_string_append_printf (allowed, ", %s", route->method);
    }

  if (allowed == NULL)
    return MKT_HTTP_ROUTE_MATCH_NO_PATH;

  if (out_allowed != NULL)
    *out_allowed = g_string_free (g_steal_pointer (&allowed), FALSE);
  return MKT_HTTP_ROUTE_MATCH_NO_METHOD;
}
