/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "mkt-api.h"
#include "mkt-http-request.h"

G_BEGIN_DECLS

/* The REST API v1 (mkt-api) served over HTTP: one handler for every route
 * of mkt_api_routes_get(), and the OpenAPI document of the server's whole
 * route table. */

void               mkt_http_api_handler         (MktHttpRequest     *request,
                                                 MktHttpWorker      *worker);
void               mkt_http_openapi_handler     (MktHttpRequest     *request,
                                                 MktHttpWorker      *worker);
JsonNode          *mkt_http_openapi_build       (void);

const MktApiRoute *mkt_http_routes_get_api_route (const MktHttpRoute *route);

G_END_DECLS
