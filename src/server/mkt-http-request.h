/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>

#include "mkt-http-router.h"
#include "mkt-permission.h"

G_BEGIN_DECLS

typedef struct _MktHttpServer MktHttpServer;

/**
 * MktHttpRequest:
 * @server: the server (its getters are safe from any thread)
 * @route: the route matched
 * @method: the method
 * @path: the path, decoded
 * @params: the route's `:name` parameters
 * @query: (nullable): the query's fields
 * @body: (nullable): the JSON body, for routes with %MKT_HTTP_ROUTE_BODY
 * @request_id: the X-Request-Id
 * @remote: the client's address
 * @tenant_id: (nullable): the tenant, once authenticated
 * @user_id: (nullable): the user, once authenticated
 * @authorization: (nullable): the Authorization header, for the
 *   authentication (mkt-auth.c); never logged
 * @role: (nullable): the user's role, once authenticated
 * @permissions: (nullable): what the user may do (role and extra
 *   permissions), once authenticated
 * @status: the response's status
 * @response: (nullable): the response's JSON body
 * @response_text: (nullable): or that body as text already
 * @response_headers: extra response headers (name → value)
 *
 * What a handler sees and answers: plain data copied out of the
 * SoupServerMessage, so that a worker thread can read and write it while
 * the message waits on the main loop.
 */
struct _MktHttpRequest
{
  MktHttpServer       *server;
  const MktHttpRoute  *route;
  char                *method;
  char                *path;
  GHashTable          *params;
  GHashTable          *query;
  JsonNode            *body;
  char                *request_id;
  char                *remote;
  char                *tenant_id;
  char                *user_id;
  char                *authorization;
  char                *role;
  MktPermissionSet    *permissions;

  guint                status;
  JsonNode            *response;
  GString             *response_text;
  GHashTable          *response_headers;
};

MktHttpRequest *mkt_http_request_new                (void);
void            mkt_http_request_free               (MktHttpRequest *request);
const char     *mkt_http_request_get_param          (MktHttpRequest *request,
                                                     const char     *name);
void            mkt_http_request_set_json           (MktHttpRequest *request,
                                                     guint           status,
                                                     JsonNode       *body);
void            mkt_http_request_set_json_text      (MktHttpRequest *request,
                                                     guint           status,
                                                     GString        *text);
void            mkt_http_request_set_error          (MktHttpRequest *request,
                                                     guint           status,
                                                     const char     *code,
                                                     const char     *field,
                                                     const char     *format,
                                                     ...) G_GNUC_PRINTF (5, 6);
void            mkt_http_request_set_internal_error (MktHttpRequest *request,
                                                     const GError   *error);
void            mkt_http_request_set_header         (MktHttpRequest *request,
                                                     const char     *name,
                                                     const char     *value);

JsonNode       *mkt_http_error_new                  (const char     *code,
                                                     const char     *message,
                                                     const char     *field);

PGconn         *mkt_http_worker_get_connection      (MktHttpWorker  *worker,
                                                     GError        **error);
void            mkt_http_worker_check_connection    (MktHttpWorker  *worker);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MktHttpRequest, mkt_http_request_free)

G_END_DECLS
