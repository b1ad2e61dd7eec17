/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "mkt-session.h"

G_BEGIN_DECLS

/**
 * MktApiRequest:
 * @params: (nullable): the path's `:name` parameters (name → text)
 * @query: (nullable): the query's fields (name → text)
 * @body: (nullable): the parsed JSON body
 *
 * What a resource function reads: plain data, independent of HTTP, so that
 * the server's routes, tests and later sync can all call the same logic.
 */
typedef struct
{
  GHashTable *params;
  GHashTable *query;
  JsonNode   *body;
} MktApiRequest;

/**
 * MktApiResult:
 * @status: the HTTP status
 * @body: (nullable): the JSON body; for an error
 *   `{"error":{"code","message","field"}}` (and "permission" on 403)
 * @internal_error: (nullable): on a 500, the cause, for the server's log
 *   only: it may name hosts, roles or SQL
 * @text: (nullable): the JSON body as text, written straight by the routes
 *   that answer many rows (lists, mkt_api_result_set_text()); when set,
 *   @body is %NULL
 */
typedef struct
{
  guint     status;
  JsonNode *body;
  GError   *internal_error;
  GString  *text;
} MktApiResult;

/**
 * MktApiShape:
 *
 * What a route takes or gives, for the OpenAPI document.
 */
typedef enum
{
  MKT_API_SHAPE_NONE,
  MKT_API_SHAPE_RECORD,          /* one row of the route's entity */
  MKT_API_SHAPE_RECORD_INPUT,    /* a row's writable fields */
  MKT_API_SHAPE_RECORD_PATCH,    /* some of them */
  MKT_API_SHAPE_PAGE,            /* {"items":[rows], "next_cursor"} */
  MKT_API_SHAPE_BULK,            /* {"operations":[…]} or {"filter","updates"} */
  MKT_API_SHAPE_BULK_RESULT,     /* {"results":[…]} */
  MKT_API_SHAPE_PURGED,          /* {"id","purged","owned_rows_removed"} */
  MKT_API_SHAPE_COMPLETE,        /* a product with its parts and cost tree */
  MKT_API_SHAPE_COSTS,           /* a product's cost and suggested prices */
  MKT_API_SHAPE_DASHBOARD,       /* counts, stock value, low stock */
  MKT_API_SHAPE_TRASH_PAGE,      /* {"items":[{"entity","id","title","deleted_at","item"}]} */
  MKT_API_SHAPE_AUDIT_PAGE,      /* {"items":[audit rows], "next_cursor"} */
  MKT_API_SHAPE_STOCK,           /* {"material_id" or "product_id","on_hand","unit"} */
  MKT_API_SHAPE_MAKE,            /* {"quantity","force"} */
  MKT_API_SHAPE_PRODUCTION,      /* {"run","requirements"} */
  MKT_API_SHAPE_TRANSFER,        /* {"product_id","quantity"} */
  MKT_API_SHAPE_MARKET_LINE,     /* one product's line of an event's sheet */
  MKT_API_SHAPE_MARKET_LINES,    /* {"items":[lines]} */
  MKT_API_SHAPE_OPENAPI,         /* the OpenAPI document */
} MktApiShape;

/**
 * MktApiResource:
 * @path: the collection's path ("/api/v1/inventory/materials")
 * @spec: its entity
 * @permission: the permission resource that guards it ("materials")
 * @schema: the OpenAPI schema's name ("Material")
 * @fixed_field: (nullable): a field every row of it has @fixed_value in
 *   (yarns are materials of kind yarn)
 * @fixed_value: (nullable): that value
 *
 * A collection of rows the API exposes.
 */
typedef struct
{
  const char          *path;
  const MktEntitySpec *spec;
  const char          *permission;
  const char          *schema;
  const char          *fixed_field;
  const char          *fixed_value;
} MktApiResource;

typedef struct _MktApiRoute MktApiRoute;

/**
 * MktApiHandler:
 * @route: the route called
 * @session: the tenant and user acting (over #MktPgStore on the server)
 * @request: what was asked
 * @result: where the answer goes (status 0 and no body on entry)
 */
typedef void (*MktApiHandler) (const MktApiRoute   *route,
                               MktSession          *session,
                               const MktApiRequest *request,
                               MktApiResult        *result);

/**
 * MktApiRoute:
 * @method: the HTTP method
 * @pattern: the path; a segment `:name` is a parameter (as #MktHttpRoute)
 * @handler: what answers it
 * @permission: (nullable): the `resource:action` permission it needs;
 *   %NULL for a public route
 * @summary: one line for the OpenAPI document
 * @resource: (nullable): the collection it acts on
 * @request_shape: what its body is
 * @response_shape: what its answer is
 * @status: its status on success
 *
 * One entry of the API's route table: the server registers these as routes
 * and the OpenAPI document describes exactly these.
 */
struct _MktApiRoute
{
  const char           *method;
  const char           *pattern;
  MktApiHandler         handler;
  const char           *permission;
  const char           *summary;
  const MktApiResource *resource;
  MktApiShape           request_shape;
  MktApiShape           response_shape;
  guint                 status;
};

/* The most rows a page, or a bulk request, may hold. */
#define MKT_API_DEFAULT_LIMIT 50
#define MKT_API_MAX_LIMIT 500
#define MKT_API_MAX_BULK 500

const MktApiRoute    *mkt_api_routes_get        (guint               *n_routes);
const MktApiRoute    *mkt_api_route_find        (const char          *method,
                                                 const char          *pattern);
const MktApiResource *mkt_api_resources_get     (guint               *n_resources);

void                  mkt_api_call              (const MktApiRoute   *route,
                                                 MktSession          *session,
                                                 const MktApiRequest *request,
                                                 MktApiResult        *result);

void                  mkt_api_result_clear      (MktApiResult        *result);
void                  mkt_api_result_set_json   (MktApiResult        *result,
                                                 guint                status,
                                                 JsonNode            *body);
void                  mkt_api_result_set_text   (MktApiResult        *result,
                                                 guint                status,
                                                 GString             *text);
void                  mkt_api_result_set_error  (MktApiResult        *result,
                                                 guint                status,
                                                 const char          *code,
                                                 const char          *field,
                                                 const char          *format,
                                                 ...) G_GNUC_PRINTF (5, 6);
void                  mkt_api_result_take_gerror (MktApiResult       *result,
                                                 MktSession          *session,
                                                 MktRecord           *record,
                                                 GError              *error);

JsonNode             *mkt_api_openapi_build     (void);
char                 *mkt_api_openapi_to_string (void);
void                  mkt_api_openapi_add_route (JsonNode            *document,
                                                 const char          *method,
                                                 const char          *pattern,
                                                 const char          *summary,
                                                 const char          *permission);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MktApiResult, mkt_api_result_clear)

G_END_DECLS
