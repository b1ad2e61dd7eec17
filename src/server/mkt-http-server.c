/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-http"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <glib-unix.h>
#include <libsoup/soup.h>

#include "mkt-auth.h"
#include "mkt-http-log.h"
#include "mkt-http-ratelimit.h"
#include "mkt-http-request.h"
#include "mkt-http-router.h"
#include "mkt-http-server-private.h"
#include "mkt-http-supervisor.h"

/* One process's HTTP server: a SoupServer on the main loop, and a pool of
 * threads for the handlers that talk to the database, each thread with its
 * own connection. Everything that can refuse a request without its body
 * (rate limit, unknown route or method, declared size, content type) does
 * so as soon as the headers are in. */

struct _MktHttpServer
{
  GObject              parent_instance;

  MktHttpConfig       *config;
  SoupServer          *soup;
  GSocket             *socket;
  GThreadPool         *pool;
  GMainContext        *context;
  GMainLoop           *loop;
  MktHttpRateLimiter  *limiter;
  const MktHttpRoute  *routes;
  guint                n_routes;

  gint64               started_us;
  guint                in_flight;
  gboolean             draining;
  guint                drain_timeout_id;
};

G_DEFINE_FINAL_TYPE (MktHttpServer, mkt_http_server, G_TYPE_OBJECT)

/* What the server keeps about one message, from its first byte to its
 * log line. */
typedef struct
{
  gint64              start_us;
  char               *request_id;
  const MktHttpRoute *route;
  GHashTable         *params;
  guint64             body_bytes;
  char               *tenant_id;
  char               *user_id;
  gboolean            counted;
  gboolean            refused;
  gboolean            corked;
  gboolean            done;
} MessageState;

#define MESSAGE_STATE_KEY "mkt-http-state"

/* A database handler's round trip through the pool. */
typedef struct
{
  MktHttpServer     *server;
  SoupServerMessage *msg;
  MktHttpRequest    *request;
} Job;

static void
message_state_free (MessageState *state)
{
  g_free (state->request_id);
  g_clear_pointer (&state->params, g_hash_table_unref);
  g_free (state->tenant_id);
  g_free (state->user_id);
  g_free (state);
}

static MessageState *
get_state (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), MESSAGE_STATE_KEY);
}

static void
job_free (Job *job)
{
  g_object_unref (job->server);
  g_object_unref (job->msg);
  mkt_http_request_free (job->request);
  g_free (job);
}

static void
worker_free (gpointer data)
{
  MktHttpWorker *worker = data;

  g_clear_pointer (&worker->conn, PQfinish);
  g_clear_object (&worker->store);
  g_free (worker->database_url);
  g_free (worker);
}

static GPrivate worker_key = G_PRIVATE_INIT (worker_free);

/* X-Request-Id from a client is taken only if it is short and plain:
 * it goes into logs and headers. */
static gboolean
request_id_is_sane (const char *id)
{
  gsize length;

  if (id == NULL)
    return FALSE;

  length = strlen (id);
  if (length == 0 || length > 128)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-_.:", *p) == NULL)
      return FALSE;

  return TRUE;
}

static void
send_text (SoupServerMessage *msg,
           guint              status,
           char              *text,
           gsize              length)
{
  /* libsoup 3.2 has no phrase for 429. */
  soup_server_message_set_status (msg, status, status == 429 ? "Too Many Requests" : NULL);
  /* set_response() appends to what is there. */
  soup_message_body_truncate (soup_server_message_get_response_body (msg));
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, length);
}

static void
send_json (SoupServerMessage *msg,
           guint              status,
           JsonNode          *body)
{
  char *text = json_to_string (body, FALSE);

  send_text (msg, status, text, strlen (text));
}

/* Refuses before or while the body is read. What is still on its way is
 * read and dropped, never kept, and the connection closes afterwards. */
static void
refuse (SoupServerMessage *msg,
        guint              status,
        const char        *code,
        const char        *message)
{
  MessageState *state = get_state (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonNode) error = mkt_http_error_new (code, message, NULL);

  state->refused = TRUE;
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
  send_json (msg, status, error);
}

/* libsoup sends a response's headers and its body in a send() each: two
 * packets, and twice the work for both ends, where one does. The socket is
 * corked from the answer's start to the body's end (the kernel would send
 * what it holds after 200 ms should the uncork not come). */
static void
set_corked (SoupServerMessage *msg,
            gboolean           corked)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket != NULL && g_socket_get_family (socket) != G_SOCKET_FAMILY_UNIX)
    g_socket_set_option (socket, IPPROTO_TCP, TCP_CORK, corked, NULL);
}

static void
uncork_cb (SoupServerMessage *msg)
{
  MessageState *state = get_state (msg);

  if (state != NULL && state->corked)
    {
      state->corked = FALSE;
      set_corked (msg, FALSE);
    }
}

static void
respond (MktHttpServer     *self,
         SoupServerMessage *msg,
         MktHttpRequest    *request)
{
  MessageState *state = get_state (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  GHashTableIter iter;
  const char *name, *value;

  g_free (state->tenant_id);
  state->tenant_id = g_strdup (request->tenant_id);
  g_free (state->user_id);
  state->user_id = g_strdup (request->user_id);

  /* Again: a "100 Continue" clears the headers set before it. */
  soup_message_headers_replace (headers, "X-Request-Id", state->request_id);
  if (self->draining)
    soup_message_headers_replace (headers, "Connection", "close");

  g_hash_table_iter_init (&iter, request->response_headers);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &value))
    soup_message_headers_replace (headers, name, value);

  if ((request->response == NULL && request->response_text == NULL) || request->status == 0)
    {
      g_autoptr(GError) error = g_error_new (MKT_HTTP_ERROR, MKT_HTTP_ERROR_WORKER,
                                             "the handler of %s %s set no response",
                                             request->method, request->route->pattern);

      mkt_http_request_set_internal_error (request, error);
    }

  if (!state->corked)
    {
      state->corked = TRUE;
      set_corked (msg, TRUE);
      g_signal_connect (msg, "wrote-body", G_CALLBACK (uncork_cb), NULL);
      g_signal_connect (msg, "finished", G_CALLBACK (uncork_cb), NULL);
    }

  if (request->response_text != NULL)
    {
      gsize length = request->response_text->len;

      send_text (msg, request->status, g_string_free (g_steal_pointer (&request->response_text), FALSE), length);
    }
  else
    send_json (msg, request->status, request->response);
}

static gboolean
job_done_cb (gpointer data)
{
  Job *job = data;
  MessageState *state = get_state (job->msg);

  /* A client that went away meanwhile has had its log line already. */
  if (!state->done)
    {
      respond (job->server, job->msg, job->request);
      soup_server_message_unpause (job->msg);
    }

  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
worker_func (gpointer data,
             gpointer user_data)
{
  Job *job = data;
  MktHttpServer *self = user_data;
  MktHttpWorker *worker = g_private_get (&worker_key);

  if (worker == NULL)
    {
      worker = g_new0 (MktHttpWorker, 1);
      worker->database_url = g_strdup (self->config->database_url);
      g_private_set (&worker_key, worker);
    }

  /* Authenticated routes: the user's permissions and the route's check
   * come first, on this thread (they read the database); for the API's
   * reads, in the round trip of the handler's first read. */
  if (mkt_auth_run_read (job->request, worker))
    ;
  else if (mkt_auth_authorize (job->request, worker))
    job->request->route->handler (job->request, worker);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, job_done_cb, job, NULL);
}

/* json-glib's parser recurses once per level: a body of a million "["
 * would overflow the stack. Nothing the API takes is nested deeply. */
#define MAX_JSON_DEPTH 64

static gboolean
json_depth_ok (const char *data,
               gsize       length)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

static gboolean
parse_body (SoupServerMessage *msg,
            MktHttpRequest    *request)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (length == 0)
    {
      mkt_http_request_set_error (request, 400, "malformed_json", NULL,
                                  "The request needs a JSON body");
      return FALSE;
    }

  if (!g_utf8_validate (data, length, NULL))
    {
      mkt_http_request_set_error (request, 400, "malformed_json", NULL,
                                  "The body is not UTF-8");
      return FALSE;
    }

  if (!json_depth_ok (data, length))
    {
      mkt_http_request_set_error (request, 400, "malformed_json", NULL,
                                  "The body is nested deeper than %d levels", MAX_JSON_DEPTH);
      return FALSE;
    }

  if (!json_parser_load_from_data (parser, data, length, &error))
    {
      mkt_http_request_set_error (request, 400, "malformed_json", NULL,
                                  "The body is not valid JSON: %s", error->message);
      return FALSE;
    }

  request->body = json_parser_steal_root (parser);
  return TRUE;
}

static void
handler_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  MktHttpServer *self = user_data;
  MessageState *state = get_state (msg);
  g_autoptr(MktHttpRequest) request = mkt_http_request_new ();
  g_autoptr(GError) error = NULL;
  Job *job;

  /* got-headers refused everything that has no route. */
  g_assert (state != NULL && state->route != NULL);

  request->server = self;
  request->route = state->route;
  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (path);
  request->params = g_hash_table_ref (state->params);
  request->query = query != NULL ? g_hash_table_ref (query) : NULL;
  request->request_id = g_strdup (state->request_id);
  request->remote = g_strdup (soup_server_message_get_remote_host (msg));
  request->authorization = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                   "Authorization"));

  /* The access token is checked (a signature, no database) before the
   * body is looked at: no token, no work. */
  if (!mkt_auth_authenticate (request))
    {
      respond (self, msg, request);
      return;
    }

  if ((state->route->flags & MKT_HTTP_ROUTE_BODY) && !parse_body (msg, request))
    {
      respond (self, msg, request);
      return;
    }

  if (!(state->route->flags & MKT_HTTP_ROUTE_DATABASE))
    {
      state->route->handler (request, NULL);
      respond (self, msg, request);
      return;
    }

  job = g_new0 (Job, 1);
  job->server = g_object_ref (self);
  job->msg = g_object_ref (msg);
  job->request = g_steal_pointer (&request);

  soup_server_message_pause (msg);
  if (!g_thread_pool_push (self->pool, job, &error))
    {
      mkt_http_request_set_internal_error (job->request, error);
      respond (self, msg, job->request);
      soup_server_message_unpause (msg);
      job_free (job);
    }
}

static void
got_headers_cb (SoupServerMessage *msg,
                MktHttpServer     *self)
{
  MessageState *state = get_state (msg);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  const char *id = soup_message_headers_get_one (request_headers, "X-Request-Id");
  const char *remote = soup_server_message_get_remote_host (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  g_autofree char *allowed = NULL;
  g_autofree char *message = NULL;
  double retry_after = 0;
  MktHttpRouteMatch match;

  state->counted = TRUE;
  self->in_flight++;

  /* Parsed: the answer for unparsable requests goes (it would show in a
   * "100 Continue"). */
  soup_server_message_set_response (msg, NULL, SOUP_MEMORY_STATIC, NULL, 0);

  g_free (state->request_id);
  state->request_id = request_id_is_sane (id) ? g_strdup (id) : g_uuid_string_random ();
  soup_message_headers_replace (response_headers, "X-Request-Id", state->request_id);
  if (self->draining)
    soup_message_headers_replace (response_headers, "Connection", "close");

  /* libsoup refused it already (a path with "..", a bad Host). */
  if (soup_server_message_get_status (msg) != 0)
    {
      refuse (msg, soup_server_message_get_status (msg), "bad_request", "The request is malformed");
      return;
    }

  if (!mkt_http_rate_limiter_take (self->limiter, remote != NULL ? remote : "",
                                   g_get_monotonic_time (), &retry_after))
    {
      g_autofree char *seconds = g_strdup_printf ("%u", (guint) retry_after + 1);

      soup_message_headers_replace (response_headers, "Retry-After", seconds);
      refuse (msg, 429, "rate_limited", "Too many requests; try again later");
      return;
    }

  match = mkt_http_router_match (self->routes, self->n_routes, self->config->test_routes,
                                 method, path, &state->route, &state->params, &allowed);
  if (match == MKT_HTTP_ROUTE_MATCH_NO_PATH)
    {
      message = g_strdup_printf ("There is nothing at %s", path);
      refuse (msg, 404, "not_found", message);
      return;
    }
  if (match == MKT_HTTP_ROUTE_MATCH_NO_METHOD)
    {
      message = g_strdup_printf ("%s does not take %s (it takes %s)", path, method, allowed);
      soup_message_headers_replace (response_headers, "Allow", allowed);
      refuse (msg, 405, "method_not_allowed", message);
      return;
    }

  if (soup_message_headers_get_encoding (request_headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) soup_message_headers_get_content_length (request_headers) > self->config->body_limit)
    {
      message = g_strdup_printf ("The body is larger than %" G_GUINT64_FORMAT " bytes",
                                 self->config->body_limit);
      refuse (msg, 413, "body_too_large", message);
      return;
    }

  if (state->route->flags & MKT_HTTP_ROUTE_BODY)
    {
      const char *type = soup_message_headers_get_content_type (request_headers, NULL);

      if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
        {
          refuse (msg, 415, "unsupported_media_type", "The body must be application/json");
          return;
        }
    }
}

/* A chunked body has no Content-Length to judge it by up front. */
static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              MktHttpServer     *self)
{
  MessageState *state = get_state (msg);
  g_autofree char *message = NULL;

  if (state->refused)
    return;

  state->body_bytes += g_bytes_get_size (chunk);
  if (state->body_bytes > self->config->body_limit)
    {
      message = g_strdup_printf ("The body is larger than %" G_GUINT64_FORMAT " bytes",
                                 self->config->body_limit);
      refuse (msg, 413, "body_too_large", message);
    }
}

static const char malformed_request_json[] =
  "{\"error\":{\"code\":\"bad_request\",\"message\":\"The request is malformed\",\"field\":null}}";

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    MktHttpServer     *self)
{
  MessageState *state = g_new0 (MessageState, 1);

  state->start_us = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (msg), MESSAGE_STATE_KEY, state,
                          (GDestroyNotify) message_state_free);

  /* libsoup answers requests it cannot parse (no method, a bad
   * Content-Length or Transfer-Encoding) itself, without got-headers:
   * this body goes with its 400 or 501. Every other answer replaces it. */
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    malformed_request_json, strlen (malformed_request_json));
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (got_headers_cb), self, 0);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self, 0);
}

static void finish_drain (MktHttpServer *self);

static void
log_request (SoupServerMessage *msg,
             MessageState      *state)
{
  const char *remote = soup_server_message_get_remote_host (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  GString *line = mkt_http_log_begin ("info", "request");

  if (state->request_id == NULL)
    state->request_id = g_uuid_string_random ();

  mkt_http_log_add_string (line, "request_id", state->request_id);
  mkt_http_log_add_string (line, "method", soup_server_message_get_method (msg));
  mkt_http_log_add_string (line, "route", state->route != NULL ? state->route->pattern : NULL);
  /* The path only: a query string may carry what does not belong in a log. */
  mkt_http_log_add_string (line, "path", uri != NULL ? g_uri_get_path (uri) : NULL);
  mkt_http_log_add_int (line, "status", soup_server_message_get_status (msg));
  mkt_http_log_add_double (line, "latency_ms", (g_get_monotonic_time () - state->start_us) / 1000.0);
  mkt_http_log_add_string (line, "remote", remote);
  mkt_http_log_add_string (line, "tenant", state->tenant_id);
  mkt_http_log_add_string (line, "user", state->user_id);
  mkt_http_log_end (line);
}

static void
request_done_cb (SoupServer        *soup,
                 SoupServerMessage *msg,
                 MktHttpServer     *self)
{
  MessageState *state = get_state (msg);

  if (state == NULL || state->done)
    return;

  state->done = TRUE;
  log_request (msg, state);

  if (state->counted)
    {
      g_assert (self->in_flight > 0);
      self->in_flight--;
    }

  if (self->draining && self->in_flight == 0)
    finish_drain (self);
}

static void
mkt_http_server_finalize (GObject *object)
{
  MktHttpServer *self = MKT_HTTP_SERVER (object);

  if (self->pool != NULL)
    g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_handle_id (&self->drain_timeout_id, g_source_remove);
  g_clear_object (&self->soup);
  g_clear_object (&self->socket);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->limiter, mkt_http_rate_limiter_free);
  g_clear_pointer (&self->config, mkt_http_config_free);

  G_OBJECT_CLASS (mkt_http_server_parent_class)->finalize (object);
}

static void
mkt_http_server_class_init (MktHttpServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mkt_http_server_finalize;
}

static void
mkt_http_server_init (MktHttpServer *self)
{
  self->started_us = g_get_monotonic_time ();
  self->context = g_main_context_ref_thread_default ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->routes = mkt_http_routes_get (&self->n_routes);
}

/**
 * mkt_http_server_new:
 * @config: (transfer full): validated settings
 *
 * Returns: (transfer full): a server, not listening yet
 */
MktHttpServer *
mkt_http_server_new (MktHttpConfig *config)
{
  MktHttpServer *self = g_object_new (MKT_TYPE_HTTP_SERVER, NULL);
  g_autoptr(GError) error = NULL;

  self->config = config;
  self->limiter = mkt_http_rate_limiter_new (config->rate_limit, config->rate_burst);
  /* Exclusive: the threads start now and stay, each keeping its
   * connection. */
  self->pool = g_thread_pool_new (worker_func, self, config->threads, TRUE, &error);
  if (self->pool == NULL)
    g_error ("Could not start the worker threads: %s", error->message);

  self->soup = soup_server_new ("server-header", "market-server", NULL);
  soup_server_add_handler (self->soup, NULL, handler_cb, self, NULL);
  g_signal_connect_object (self->soup, "request-started", G_CALLBACK (request_started_cb), self, 0);
  g_signal_connect_object (self->soup, "request-finished", G_CALLBACK (request_done_cb), self, 0);
  g_signal_connect_object (self->soup, "request-aborted", G_CALLBACK (request_done_cb), self, 0);

  return self;
}

/**
 * mkt_http_server_listen:
 * @self: a server
 * @reuse_port: set SO_REUSEPORT, so that other processes can listen on
 *   the same port (`--workers`)
 * @error: return location for a %MKT_HTTP_ERROR
 *
 * Returns: %TRUE if the server listens on its address
 */
gboolean
mkt_http_server_listen (MktHttpServer  *self,
                        gboolean        reuse_port,
                        GError        **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) local_error = NULL;
  guint16 port;

  if (!mkt_http_parse_listen (self->config->listen, &host, &port, error))
    return FALSE;

  socket = mkt_http_socket_new (host, port, reuse_port, TRUE, error);
  if (socket == NULL)
    return FALSE;

  if (!soup_server_listen_socket (self->soup, socket, 0, &local_error))
    {
      g_set_error (error, MKT_HTTP_ERROR, MKT_HTTP_ERROR_LISTEN,
                   "Cannot listen on %s: %s", self->config->listen, local_error->message);
      return FALSE;
    }

  self->socket = g_steal_pointer (&socket);
  return TRUE;
}

/**
 * mkt_http_server_get_port:
 * @self: a listening server
 *
 * Returns: the port it listens on (the one the system chose for port 0)
 */
guint16
mkt_http_server_get_port (MktHttpServer *self)
{
  g_autoptr(GSocketAddress) address = NULL;

  g_return_val_if_fail (self->socket != NULL, 0);

  address = g_socket_get_local_address (self->socket, NULL);
  return address != NULL ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)) : 0;
}

static void
finish_drain (MktHttpServer *self)
{
  g_clear_handle_id (&self->drain_timeout_id, g_source_remove);
  /* Closes the connections left idle between requests. */
  soup_server_disconnect (self->soup);
  g_main_loop_quit (self->loop);
}

static gboolean
drain_timeout_cb (gpointer data)
{
  MktHttpServer *self = data;

  self->drain_timeout_id = 0;
  mkt_http_log_message ("warning", "shutdown",
                        "%u requests still in flight after %u s; closing them",
                        self->in_flight, self->config->shutdown_timeout);
  finish_drain (self);
  return G_SOURCE_REMOVE;
}

/* SIGTERM or SIGINT: stop accepting, let what is in flight finish (and
 * close each of those connections after its response), then quit. A
 * second signal quits at once. */
static gboolean
shutdown_signal_cb (gpointer data)
{
  MktHttpServer *self = data;

  if (self->draining)
    {
      finish_drain (self);
      return G_SOURCE_CONTINUE;
    }

  self->draining = TRUE;
  mkt_http_log_message ("info", "shutdown", "stopping: %u requests in flight", self->in_flight);

  /* The listening socket stops listening (and leaves the SO_REUSEPORT
   * group: the kernel gives new connections to the other processes); its
   * accept fails and libsoup drops its watch. */
  shutdown (g_socket_get_fd (self->socket), SHUT_RD);

  if (self->in_flight == 0)
    finish_drain (self);
  else
    self->drain_timeout_id = g_timeout_add_seconds (MAX (self->config->shutdown_timeout, 1),
                                                    drain_timeout_cb, self);
  return G_SOURCE_CONTINUE;
}

/**
 * mkt_http_server_run:
 * @self: a listening server
 * @handle_sigint: stop on SIGINT too; a worker process of `--workers`
 *   ignores it (Ctrl-C reaches the whole process group) and waits for the
 *   SIGTERM its supervisor sends
 *
 * Serves until SIGTERM (or SIGINT), then finishes the requests in flight.
 *
 * Returns: the exit status
 */
int
mkt_http_server_run (MktHttpServer *self,
                     gboolean       handle_sigint)
{
  guint term_id, int_id = 0;

  g_return_val_if_fail (self->socket != NULL, 1);

  term_id = g_unix_signal_add (SIGTERM, shutdown_signal_cb, self);
  if (handle_sigint)
    int_id = g_unix_signal_add (SIGINT, shutdown_signal_cb, self);
  else
    signal (SIGINT, SIG_IGN);

  g_main_loop_run (self->loop);

  g_source_remove (term_id);
  g_clear_handle_id (&int_id, g_source_remove);

  /* Handlers still running on a thread (their clients gone) end first. */
  g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
  mkt_http_log_message ("info", "stopped", "stopped");
  return 0;
}

const MktHttpConfig *
mkt_http_server_get_config (MktHttpServer *self)
{
  return self->config;
}

gint64
mkt_http_server_get_uptime (MktHttpServer *self)
{
  return (g_get_monotonic_time () - self->started_us) / G_USEC_PER_SEC;
}

guint
mkt_http_server_get_queue_length (MktHttpServer *self)
{
  return self->pool != NULL ? g_thread_pool_unprocessed (self->pool) : 0;
}
