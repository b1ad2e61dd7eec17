/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-api"

#include "config.h"

#include "mkt-api-private.h"
#include "mkt-permission.h"

/* The API's one list of routes: the server registers these, the OpenAPI
 * document describes these, and a test holds the two together. */

#define V1 "/api/v1"

static const MktApiResource resources[] = {
#define RES_MATERIALS 0
  { V1 "/inventory/materials", &mkt_material_spec, "materials", "Material", NULL, NULL },
#define RES_YARNS 1
  { V1 "/inventory/yarns", &mkt_material_spec, "materials", "Yarn", "kind", "yarn" },
#define RES_PRODUCTS 2
  { V1 "/products", &mkt_product_spec, "products", "Product", NULL, NULL },
#define RES_PROJECTS 3
  { V1 "/projects", &mkt_product_spec, "products", "Product", NULL, NULL },
#define RES_COMPONENTS 4
  { V1 "/components", &mkt_component_spec, "components", "Component", NULL, NULL },
#define RES_PARTS 5
  { V1 "/parts", &mkt_part_spec, "parts", "Part", NULL, NULL },
#define RES_CATEGORIES 6
  { V1 "/categories", &mkt_category_spec, "categories", "Category", NULL, NULL },
#define RES_EVENTS 7
  { V1 "/market-events", &mkt_market_event_spec, "market_events", "MarketEvent", NULL, NULL },
#define RES_SALES 8
  { V1 "/sales", &mkt_sale_spec, "sales", "Sale", NULL, NULL },
#define RES_MOVEMENTS 9
  { V1 "/stock-movements", &mkt_stock_movement_spec, "stock_movements", "StockMovement", NULL, NULL },
};

#define R(i) (&resources[i])

/* The verbs every collection has. A router takes the first route that
 * matches: …/bulk comes before …/:id. */
#define COLLECTION(i, path, perm, label) \
  { "GET", path, mkt_api_list_cb, perm ":read", "List " label " (filter, search, sort, cursor pages)", \
    R (i), MKT_API_SHAPE_NONE, MKT_API_SHAPE_PAGE, 200 }, \
  { "POST", path, mkt_api_row_cb, perm ":create", "Create one of the " label, \
    R (i), MKT_API_SHAPE_RECORD_INPUT, MKT_API_SHAPE_RECORD, 201 }, \
  { "POST", path "/bulk", mkt_api_bulk_cb, perm ":create", \
    "Apply operations on " label " in one transaction (op defaults to create)", \
    R (i), MKT_API_SHAPE_BULK, MKT_API_SHAPE_BULK_RESULT, 200 }

#define GET_ONE(i, path, perm, label) \
  { "GET", path "/:id", mkt_api_get_cb, perm ":read", "Get one of the " label, \
    R (i), MKT_API_SHAPE_NONE, MKT_API_SHAPE_RECORD, 200 }

/* And those of a collection whose rows are edited and deleted. */
#define MUTABLE(i, path, perm, label) \
  COLLECTION (i, path, perm, label), \
  { "PUT", path "/bulk", mkt_api_bulk_cb, perm ":update", \
    "Update " label " in one transaction: operations (op defaults to update) or filter and updates", \
    R (i), MKT_API_SHAPE_BULK, MKT_API_SHAPE_BULK_RESULT, 200 }, \
  { "DELETE", path "/bulk", mkt_api_bulk_cb, perm ":soft_delete", \
    "Apply operations on " label " in one transaction (op defaults to delete)", \
    R (i), MKT_API_SHAPE_BULK, MKT_API_SHAPE_BULK_RESULT, 200 }, \
  GET_ONE (i, path, perm, label), \
  { "PUT", path "/:id", mkt_api_row_cb, perm ":update", "Replace all fields of one of the " label, \
    R (i), MKT_API_SHAPE_RECORD_INPUT, MKT_API_SHAPE_RECORD, 200 }, \
  { "PATCH", path "/:id", mkt_api_row_cb, perm ":update", "Change the given fields of one of the " label, \
    R (i), MKT_API_SHAPE_RECORD_PATCH, MKT_API_SHAPE_RECORD, 200 }, \
  { "DELETE", path "/:id", mkt_api_row_cb, perm ":soft_delete", "Move one of the " label " to the trash", \
    R (i), MKT_API_SHAPE_NONE, MKT_API_SHAPE_RECORD, 200 }, \
  { "POST", path "/:id/restore", mkt_api_row_cb, perm ":restore", "Restore one of the " label " from the trash", \
    R (i), MKT_API_SHAPE_NONE, MKT_API_SHAPE_RECORD, 200 }, \
  { "DELETE", path "/:id/permanent", mkt_api_row_cb, perm ":hard_delete", \
    "Delete one of the " label " for good (with the ledger rows it owns)", \
    R (i), MKT_API_SHAPE_NONE, MKT_API_SHAPE_PURGED, 200 }

/* A ledger's rows are only ever added: its change routes answer 405 and
 * say so, rather than the router's plain 405. */
#define LEDGER(i, path, perm, label) \
  COLLECTION (i, path, perm, label), \
  GET_ONE (i, path, perm, label), \
  { "PUT", path "/:id", mkt_api_append_only_cb, perm ":read", "Refused (405): " label " are append-only", \
    R (i), MKT_API_SHAPE_NONE, MKT_API_SHAPE_NONE, 405 }, \
  { "PATCH", path "/:id", mkt_api_append_only_cb, perm ":read", "Refused (405): " label " are append-only", \
    R (i), MKT_API_SHAPE_NONE, MKT_API_SHAPE_NONE, 405 }, \
  { "DELETE", path "/:id", mkt_api_append_only_cb, perm ":read", "Refused (405): " label " are append-only", \
    R (i), MKT_API_SHAPE_NONE, MKT_API_SHAPE_NONE, 405 }

#define PRODUCT_EXTRAS(i, path) \
  { "GET", path "/:id/complete", mkt_api_product_complete_cb, "products:read", \
    "Get a product with its recipe lines, cost tree and suggested prices", \
    R (i), MKT_API_SHAPE_NONE, MKT_API_SHAPE_COMPLETE, 200 }, \
  { "POST", path "/:id/calculate-costs", mkt_api_product_costs_cb, "products:update", \
    "Recompute a product's cost and return it with suggested prices", \
    R (i), MKT_API_SHAPE_NONE, MKT_API_SHAPE_COSTS, 200 }, \
  { "GET", path "/:id/stock", mkt_api_stock_cb, "products:read", \
    "What the ledger says is on hand of a product, in items", \
    R (i), MKT_API_SHAPE_NONE, MKT_API_SHAPE_STOCK, 200 }, \
  { "POST", path "/:id/make", mkt_api_product_make_cb, "production_runs:create", \
    "Make items of a product: its materials leave stock, the items enter it, in one production run", \
    R (i), MKT_API_SHAPE_MAKE, MKT_API_SHAPE_PRODUCTION, 201 }

static const MktApiRoute routes[] = {
  { "GET", V1 "/inventory/dashboard", mkt_api_dashboard_cb, "materials:read",
    "Inventory dashboard: counts, stock value, low stock", NULL, MKT_API_SHAPE_NONE, MKT_API_SHAPE_DASHBOARD, 200 },
  MUTABLE (RES_MATERIALS, V1 "/inventory/materials", "materials", "materials"),
  { "GET", V1 "/inventory/materials/:id/stock", mkt_api_stock_cb, "materials:read",
    "What the ledger says is on hand of a material, in its unit",
    R (RES_MATERIALS), MKT_API_SHAPE_NONE, MKT_API_SHAPE_STOCK, 200 },
  MUTABLE (RES_YARNS, V1 "/inventory/yarns", "materials", "yarns (materials of kind yarn)"),
  MUTABLE (RES_PRODUCTS, V1 "/products", "products", "products"),
  PRODUCT_EXTRAS (RES_PRODUCTS, V1 "/products"),
  MUTABLE (RES_PROJECTS, V1 "/projects", "products", "projects (products under their former name)"),
  PRODUCT_EXTRAS (RES_PROJECTS, V1 "/projects"),
  MUTABLE (RES_COMPONENTS, V1 "/components", "components", "components"),
  MUTABLE (RES_PARTS, V1 "/parts", "parts", "recipe lines"),
  MUTABLE (RES_CATEGORIES, V1 "/categories", "categories", "categories"),
  MUTABLE (RES_EVENTS, V1 "/market-events", "market_events", "market events"),
  { "GET", V1 "/market-events/:id/lines", mkt_api_event_lines_cb, "market_events:read",
    "The event's sheet: per product, brought, returned, sold and at the stall",
    R (RES_EVENTS), MKT_API_SHAPE_NONE, MKT_API_SHAPE_MARKET_LINES, 200 },
  { "POST", V1 "/market-events/:id/bring", mkt_api_event_transfer_cb, "stock_movements:create",
    "Take items of a product to the event's stall",
    R (RES_EVENTS), MKT_API_SHAPE_TRANSFER, MKT_API_SHAPE_MARKET_LINE, 200 },
  { "POST", V1 "/market-events/:id/return", mkt_api_event_transfer_cb, "stock_movements:create",
    "Take items of a product back home from the event's stall",
    R (RES_EVENTS), MKT_API_SHAPE_TRANSFER, MKT_API_SHAPE_MARKET_LINE, 200 },
  LEDGER (RES_SALES, V1 "/sales", "sales", "sales"),
  { "POST", V1 "/sales/:id/void", mkt_api_sale_void_cb, "sales:create",
    "Take a sale back: a void of the opposite quantity, the items back at the stall",
    R (RES_SALES), MKT_API_SHAPE_NONE, MKT_API_SHAPE_RECORD, 201 },
  LEDGER (RES_MOVEMENTS, V1 "/stock-movements", "stock_movements", "stock movements"),
  { "GET", V1 "/trash", mkt_api_trash_cb, "trash:read",
    "Rows in the trash across entities, newest first (?entity=…)", NULL,
    MKT_API_SHAPE_NONE, MKT_API_SHAPE_TRASH_PAGE, 200 },
  { "GET", V1 "/audit", mkt_api_audit_cb, "audit_logs:view",
    "The audit log, newest first (?entity=…&entity_id=…&action=…)", NULL,
    MKT_API_SHAPE_NONE, MKT_API_SHAPE_AUDIT_PAGE, 200 },
  { "GET", V1 "/openapi.json", mkt_api_openapi_cb, NULL,
    "This document", NULL, MKT_API_SHAPE_NONE, MKT_API_SHAPE_OPENAPI, 200 },
};

/**
 * mkt_api_routes_get:
 * @n_routes: (out): the number of routes
 *
 * Returns: (transfer none) (array length=n_routes): every route of the REST
 *   API v1's resources
 */
const MktApiRoute *
mkt_api_routes_get (guint *n_routes)
{
  g_return_val_if_fail (n_routes != NULL, NULL);

  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

/**
 * mkt_api_route_find:
 * @method: an HTTP method
 * @pattern: a route's pattern, as in the table ("/api/v1/products/:id")
 *
 * Returns: (transfer none) (nullable): the route, or %NULL
 */
const MktApiRoute *
mkt_api_route_find (const char *method,
                    const char *pattern)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (g_str_equal (routes[i].method, method) && g_str_equal (routes[i].pattern, pattern))
      return &routes[i];

  return NULL;
}

/**
 * mkt_api_resources_get:
 * @n_resources: (out): the number of collections
 *
 * Returns: (transfer none) (array length=n_resources): the collections
 */
const MktApiResource *
mkt_api_resources_get (guint *n_resources)
{
  g_return_val_if_fail (n_resources != NULL, NULL);

  *n_resources = G_N_ELEMENTS (resources);
  return resources;
}

/**
 * mkt_api_call:
 * @route: a route of mkt_api_routes_get()
 * @session: the tenant and user acting; its permission set, if any, is
 *   checked against the route's permission first (403 naming it)
 * @request: what was asked
 * @result: (out caller-allocates): the answer
 *
 * Runs a route's logic. Whatever the request, @result ends with a status and
 * a JSON body, and a failed write leaves nothing behind.
 */
void
mkt_api_call (const MktApiRoute   *route,
              MktSession          *session,
              const MktApiRequest *request,
              MktApiResult        *result)
{
  MktPermissionSet *permissions;

  g_return_if_fail (route != NULL);
  g_return_if_fail (MKT_IS_SESSION (session));
  g_return_if_fail (result != NULL);

  mkt_api_result_clear (result);

  permissions = mkt_session_get_permissions (session);
  if (route->permission != NULL && permissions != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (route->permission, ":", 2);
      GError *error = NULL;

      if (!mkt_permission_set_check (permissions, parts[0], parts[1], &error))
        {
          mkt_api_result_take_gerror (result, session, NULL, error);
          return;
        }
    }

  route->handler (route, session, request, result);

  if (result->status == 0)
    mkt_api_result_set_error (result, 500, "internal_error", NULL, "The route gave no answer");
}
