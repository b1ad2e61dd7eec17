/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-http"

#include "config.h"

#include <string.h>

#include "mkt-http-log.h"
#include "mkt-http-request.h"
#include "mkt-http-server-private.h"
#include "mkt-pg.h"

MktHttpRequest *
mkt_http_request_new (void)
{
  MktHttpRequest *request = g_new0 (MktHttpRequest, 1);

  request->response_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return request;
}

void
mkt_http_request_free (MktHttpRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->method);
  g_free (request->path);
  g_clear_pointer (&request->params, g_hash_table_unref);
  g_clear_pointer (&request->query, g_hash_table_unref);
  g_clear_pointer (&request->body, json_node_unref);
  g_free (request->request_id);
  g_free (request->remote);
  g_free (request->tenant_id);
  g_free (request->user_id);
  if (request->authorization != NULL)
    memset (request->authorization, 0, strlen (request->authorization));
  g_free (request->authorization);
  g_free (request->role);
  g_clear_pointer (&request->permissions, mkt_permission_set_unref);
  g_clear_pointer (&request->response, json_node_unref);
  if (request->response_text != NULL)
    g_string_free (request->response_text, TRUE);
  g_clear_pointer (&request->response_headers, g_hash_table_unref);
  g_free (request);
}

const char *
mkt_http_request_get_param (MktHttpRequest *request,
                            const char     *name)
{
  return request->params != NULL ? g_hash_table_lookup (request->params, name) : NULL;
}

/**
 * mkt_http_request_set_json:
 * @request: a request
 * @status: the status
 * @body: (transfer full): the response's body
 */
void
mkt_http_request_set_json (MktHttpRequest *request,
                           guint           status,
                           JsonNode       *body)
{
  request->status = status;
  g_clear_pointer (&request->response, json_node_unref);
  if (request->response_text != NULL)
    g_string_free (g_steal_pointer (&request->response_text), TRUE);
  request->response = body;
}

/**
 * mkt_http_request_set_json_text:
 * @request: a request
 * @status: the status
 * @text: (transfer full): the response's body, JSON text already written
 *   (a list's page), sent as it is
 */
void
mkt_http_request_set_json_text (MktHttpRequest *request,
                                guint           status,
                                GString        *text)
{
  mkt_http_request_set_json (request, status, NULL);
  request->response_text = text;
}

void
mkt_http_request_set_header (MktHttpRequest *request,
                             const char     *name,
                             const char     *value)
{
  g_hash_table_replace (request->response_headers, g_strdup (name), g_strdup (value));
}

/**
 * mkt_http_error_new:
 * @code: a stable code a client can branch on ("not_found")
 * @message: for a person
 * @field: (nullable): the field of the body or query at fault
 *
 * Returns: (transfer full): `{"error":{"code","message","field"}}`
 */
JsonNode *
mkt_http_error_new (const char *code,
                    const char *message,
                    const char *field)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "field");
  if (field != NULL)
    json_builder_add_string_value (builder, field);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

void
mkt_http_request_set_error (MktHttpRequest *request,
                            guint           status,
                            const char     *code,
                            const char     *field,
                            const char     *format,
                            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  mkt_http_request_set_json (request, status, mkt_http_error_new (code, message, field));
}

/**
 * mkt_http_request_set_internal_error:
 * @request: a request
 * @error: what went wrong
 *
 * Answers 500. @error's message goes to the log with the request id, never
 * to the client: it may name hosts, roles or SQL.
 */
void
mkt_http_request_set_internal_error (MktHttpRequest *request,
                                     const GError   *error)
{
  mkt_http_log_message ("error", "internal_error", "request %s: %s",
                        request->request_id, error->message);
  mkt_http_request_set_error (request, 500, "internal_error", NULL,
                              "The server could not handle the request; "
                              "its X-Request-Id is in the server’s log");
}

/**
 * mkt_http_worker_get_connection:
 * @worker: the worker thread's state
 * @error: return location for a %MKT_PG_ERROR
 *
 * Connects on first use and again after the connection broke.
 *
 * Returns: (transfer none) (nullable): this thread's connection
 */
PGconn *
mkt_http_worker_get_connection (MktHttpWorker  *worker,
                                GError        **error)
{
  if (worker->conn != NULL && PQstatus (worker->conn) != CONNECTION_OK)
    g_clear_pointer (&worker->conn, PQfinish);

  if (worker->conn == NULL)
    worker->conn = mkt_pg_connect (worker->database_url, error);

  return worker->conn;
}

/**
 * mkt_http_worker_check_connection:
 * @worker: the worker thread's state
 *
 * Drops the connection if a failed statement left it broken, so that the
 * next request connects again.
 */
void
mkt_http_worker_check_connection (MktHttpWorker *worker)
{
  if (worker->conn != NULL && PQstatus (worker->conn) != CONNECTION_OK)
    g_clear_pointer (&worker->conn, PQfinish);
}
