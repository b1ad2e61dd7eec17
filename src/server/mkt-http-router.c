/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-http"

#include "config.h"

#include <string.h>

#include "mkt-http-router.h"

static const char *
segment_end (const char *segment)
{
  while (*segment != '\0' && *segment != '/')
    segment++;
  return segment;
}

/* Matches a path against one pattern, segment by segment (split on "/", as
 * many in each), without allocating: every request tries most routes.
 * libsoup has already decoded the path. */
static gboolean
match_pattern (const char  *pattern,
               const char  *path,
               GHashTable  *params)
{
  const char *want = pattern;
  const char *have = path;

  for (;;)
    {
      const char *want_end = segment_end (want);
      const char *have_end = segment_end (have);
      gsize want_length = want_end - want;
      gsize have_length = have_end - have;

      if (want_length > 0 && want[0] == ':')
        {
          if (have_length == 0)
            return FALSE;
          if (params != NULL)
            g_hash_table_insert (params, g_strndup (want + 1, want_length - 1), g_strndup (have, have_length));
        }
      else if (want_length != have_length || memcmp (want, have, want_length) != 0)
        return FALSE;

      if (*want_end == '\0' || *have_end == '\0')
        return *want_end == '\0' && *have_end == '\0';
      want = want_end + 1;
      have = have_end + 1;
    }
}

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

      if ((route->flags & MKT_HTTP_ROUTE_TEST) && !test_routes)
        continue;

      if (*path == '\0' || !match_pattern (route->pattern, path, NULL))
        continue;

      if (g_str_equal (route->method, method))
        {
          *out_route = route;
          if (out_params != NULL)
            {
              *out_params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
              match_pattern (route->pattern, path, *out_params);
            }
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
