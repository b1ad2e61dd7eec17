/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server-http"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mkt-pg-test-utils.h"

/* The real market-server, started on 127.0.0.1 with a port of the
 * system's choosing, against a migrated database of the test's own, and
 * talked to over HTTP. Routes beyond /health are the test routes
 * (MARKET_TEST_ROUTES): POST /api/v1/test/echo (a JSON body route),
 * GET /api/v1/test/error (a failing query), GET /api/v1/test/sleep?ms=N. */

#define TOKEN_SECRET "test-secret-0123456789abcdef0123456789abcdef"

typedef struct
{
  GSubprocess *process;
  char        *url;
  char        *dir;
  char        *log_path;
} Server;

typedef struct
{
  MktPgTestDb  db;
  Server       server;
  SoupSession *session;
} Fixture;

/* No test writes to the database: they share one, made and migrated once
 * (a database per test would be most of the run's time). */
static MktPgTestDb shared_db;
static gboolean shared_db_ready;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  if (!shared_db_ready)
    {
      mkt_pg_test_db_setup (&shared_db, data);
      mkt_pg_test_migrate (&shared_db);
      shared_db_ready = TRUE;
    }
  fixture->db = shared_db;
  fixture->session = soup_session_new_with_options ("timeout", 20, NULL);
}

static void
server_stop (Server *server)
{
  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGKILL);
      g_subprocess_wait (server->process, NULL, NULL);
      g_clear_object (&server->process);
    }
  if (server->log_path != NULL)
    g_unlink (server->log_path);
  if (server->dir != NULL)
    g_rmdir (server->dir);
  g_clear_pointer (&server->url, g_free);
  g_clear_pointer (&server->log_path, g_free);
  g_clear_pointer (&server->dir, g_free);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  server_stop (&fixture->server);
  g_clear_object (&fixture->session);
}

static char *
server_read_log (Server *server)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (server->log_path, &text, NULL, NULL));
  return g_steal_pointer (&text);
}

/* Starts `market-server serve` with DATABASE_URL @database_url, the
 * settings @env ("NAME=value", NULL-terminated) and the arguments after
 * "serve"; stderr (the JSON log) goes to a file. Waits for its "Listening
 * on URL" line. */
static void
server_start (Server             *server,
              const char         *database_url,
              const char * const *env,
              const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  server->dir = g_dir_make_tmp ("mkt-http-XXXXXX", &error);
  g_assert_no_error (error);
  server->log_path = g_build_filename (server->dir, "server.log", NULL);

  g_subprocess_launcher_set_stderr_file_path (launcher, server->log_path);
  g_subprocess_launcher_setenv (launcher, "DATABASE_URL", database_url, TRUE);
  g_subprocess_launcher_setenv (launcher, "MARKET_TOKEN_SECRET", TOKEN_SECRET, TRUE);
  g_subprocess_launcher_setenv (launcher, "MARKET_LISTEN", "127.0.0.1:0", TRUE);
  g_subprocess_launcher_setenv (launcher, "MARKET_TEST_ROUTES", "true", TRUE);
  g_subprocess_launcher_setenv (launcher, "MARKET_TMPDIR", server->dir, TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  g_ptr_array_add (argv, (gpointer) g_getenv ("MKT_SERVER"));
  g_ptr_array_add (argv, (gpointer) "serve");
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, "Listening on http://127.0.0.1:"))
    {
      g_autofree char *log = server_read_log (server);

      g_printerr ("%s", log);
      g_assert_cmpstr (line, ==, "Listening on http://127.0.0.1:…");
    }
  server->url = g_strdup (line + strlen ("Listening on "));
}

/* SIGTERM, and the exit status. */
static int
server_terminate (Server *server)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (server->process));
  status = g_subprocess_get_exit_status (server->process);
  g_clear_object (&server->process);
  return status;
}

static SoupMessage *
new_message (Server     *server,
             const char *method,
             const char *path)
{
  g_autofree char *uri = g_strconcat (server->url, path, NULL);

  return soup_message_new (method, uri);
}

/* Sends @msg and returns its body as JSON (the test fails if it is not:
 * every answer of the server is). */
static JsonNode *
send_json (SoupSession *session,
           SoupMessage *msg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *type;
  gsize length;
  const char *data;

  g_assert_no_error (error);
  type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
  g_assert_cmpstr (type, ==, "application/json");

  data = g_bytes_get_data (bytes, &length);
  json_parser_load_from_data (parser, data, length, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

static JsonNode *
get (Fixture    *fixture,
     const char *path,
     guint      *out_status)
{
  g_autoptr(SoupMessage) msg = new_message (&fixture->server, "GET", path);
  JsonNode *node = send_json (fixture->session, msg);

  *out_status = soup_message_get_status (msg);
  return node;
}

static JsonNode *
post (Fixture    *fixture,
      const char *path,
      const char *content_type,
      const char *body,
      gsize       length,
      guint      *out_status)
{
  g_autoptr(SoupMessage) msg = new_message (&fixture->server, "POST", path);
  g_autoptr(GBytes) bytes = g_bytes_new (body, length);
  JsonNode *node;

  soup_message_set_request_body_from_bytes (msg, content_type, bytes);
  node = send_json (fixture->session, msg);
  *out_status = soup_message_get_status (msg);
  return node;
}

static void
assert_error (JsonNode   *node,
              const char *code)
{
  JsonObject *error;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  error = json_object_get_object_member (json_node_get_object (node), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (error, "message"), !=, "");
  g_assert_true (json_object_has_member (error, "field"));
}

static const char *
check_status (JsonObject *checks,
              const char *name)
{
  return json_object_get_string_member (json_object_get_object_member (checks, name), "status");
}

static void
test_health (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *health, *checks;
  const char *request_id;

  server_start (&fixture->server, fixture->db.app, NULL, NULL);

  msg = new_message (&fixture->server, "GET", "/health");
  node = send_json (fixture->session, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);

  health = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (health, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (health, "version"), ==, PACKAGE_VERSION);
  g_assert_cmpint (json_object_get_int_member (health, "uptime_s"), >=, 0);
  checks = json_object_get_object_member (health, "checks");
  g_assert_cmpstr (check_status (checks, "database"), ==, "ok");
  g_assert_cmpstr (check_status (checks, "queue"), ==, "ok");
  g_assert_cmpstr (check_status (checks, "storage"), ==, "ok");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (checks, "queue"), "threads"), >=, 1);

  /* A new request id, a UUID, for a request that brought none. */
  request_id = soup_message_headers_get_one (soup_message_get_response_headers (msg), "X-Request-Id");
  g_assert_nonnull (request_id);
  g_assert_true (g_uuid_string_is_valid (request_id));

  g_assert_cmpint (server_terminate (&fixture->server), ==, 0);
}

static void
test_storage_check (Fixture       *fixture,
                    gconstpointer  data)
{
  const char * const env[] = { "MARKET_TMPDIR=/nonexistent/market-server", NULL };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *checks;
  guint status;

  server_start (&fixture->server, fixture->db.app, env, NULL);
  node = get (fixture, "/health", &status);
  g_assert_cmpuint (status, ==, 503);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==, "degraded");
  checks = json_object_get_object_member (json_node_get_object (node), "checks");
  g_assert_cmpstr (check_status (checks, "database"), ==, "ok");
  g_assert_cmpstr (check_status (checks, "storage"), ==, "failed");
}

static void
test_unreachable_database (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *text = NULL;
  JsonObject *checks, *database;
  guint status;

  /* Port 1 on loopback: nothing listens, the connection is refused. */
  server_start (&fixture->server, "postgresql://market_app@127.0.0.1:1/market", NULL, NULL);

  node = get (fixture, "/health", &status);
  g_assert_cmpuint (status, ==, 503);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==, "degraded");
  checks = json_object_get_object_member (json_node_get_object (node), "checks");
  database = json_object_get_object_member (checks, "database");
  g_assert_cmpstr (json_object_get_string_member (database, "status"), ==, "failed");
  g_assert_cmpstr (check_status (checks, "queue"), ==, "ok");
  g_assert_cmpstr (check_status (checks, "storage"), ==, "ok");

  /* The reason stays in the log: no host, port or role for the client. */
  text = json_to_string (node, FALSE);
  g_assert_null (strstr (text, "127.0.0.1"));
  g_assert_null (strstr (text, "market_app"));

  /* Still serving. */
  again = get (fixture, "/health", &status);
  g_assert_cmpuint (status, ==, 503);
  g_assert_cmpint (server_terminate (&fixture->server), ==, 0);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  const char * const env[] = { "MARKET_BODY_LIMIT=4096", NULL };
  g_autofree char *big = g_strnfill (64 * 1024, ' ');
  guint status;

  server_start (&fixture->server, fixture->db.app, env, NULL);

  /* The body route works, */
  {
    g_autoptr(JsonNode) node = post (fixture, "/api/v1/test/echo", "application/json",
                                     "{\"name\":\"Merino\"}", 17, &status);
    JsonObject *echo;

    g_assert_cmpuint (status, ==, 200);
    echo = json_object_get_object_member (json_node_get_object (node), "echo");
    g_assert_cmpstr (json_object_get_string_member (echo, "name"), ==, "Merino");
  }
  /* also with a charset. */
  {
    g_autoptr(JsonNode) node = post (fixture, "/api/v1/test/echo", "application/json; charset=utf-8",
                                     "[1]", 3, &status);
    g_assert_cmpuint (status, ==, 200);
  }

  {
    g_autoptr(JsonNode) node = get (fixture, "/api/v1/no-such-thing", &status);
    g_assert_cmpuint (status, ==, 404);
    assert_error (node, "not_found");
  }
  {
    g_autoptr(JsonNode) node = get (fixture, "/health/", &status);
    g_assert_cmpuint (status, ==, 404);
    assert_error (node, "not_found");
  }
  {
    g_autoptr(SoupMessage) msg = new_message (&fixture->server, "DELETE", "/health");
    g_autoptr(JsonNode) node = send_json (fixture->session, msg);

    g_assert_cmpuint (soup_message_get_status (msg), ==, 405);
    assert_error (node, "method_not_allowed");
    g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Allow"), ==, "GET");
  }
  {
    g_autoptr(JsonNode) node = post (fixture, "/api/v1/test/echo", "text/plain", "{}", 2, &status);
    g_assert_cmpuint (status, ==, 415);
    assert_error (node, "unsupported_media_type");
  }
  {
    g_autoptr(JsonNode) node = post (fixture, "/api/v1/test/echo", "application/x-www-form-urlencoded", "a=1", 3, &status);
    g_assert_cmpuint (status, ==, 415);
    assert_error (node, "unsupported_media_type");
  }

  /* Malformed bodies: each a 400 with its JSON error. Nesting is bounded
   * (json-glib's parser would overflow the stack on thousands of levels). */
  {
    g_autofree char *deep = g_strnfill (4000, '[');
    g_autofree char *brackets = g_strnfill (64, '[');
    g_autofree char *nested_65 = g_strconcat ("{\"a\":", brackets, NULL);
    const char *bodies[] = { "{\"name\":", "{name: 1}", "[1,2", "\"unterminated", "nul\x01l", "\xff\xfe{}", "",
                             deep, nested_65 };

    for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        g_autoptr(JsonNode) node = post (fixture, "/api/v1/test/echo", "application/json",
                                         bodies[i], strlen (bodies[i]), &status);

        g_test_message ("body %u", i);
        g_assert_cmpuint (status, ==, 400);
        assert_error (node, "malformed_json");
      }
  }

  /* Over the limit, declared in Content-Length: refused on the headers. */
  {
    g_autoptr(JsonNode) node = post (fixture, "/api/v1/test/echo", "application/json",
                                     big, strlen (big), &status);
    g_assert_cmpuint (status, ==, 413);
    assert_error (node, "body_too_large");
  }
  /* Over the limit, chunked (no length up front): refused while read. */
  {
    g_autoptr(SoupMessage) msg = new_message (&fixture->server, "POST", "/api/v1/test/echo");
    g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (big, strlen (big), NULL);
    g_autoptr(JsonNode) node = NULL;

    soup_message_set_request_body (msg, "application/json", stream, -1);
    node = send_json (fixture->session, msg);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 413);
    assert_error (node, "body_too_large");
  }
  /* Just under it is fine. */
  {
    g_autofree char *fits = g_strdup_printf ("[%*s]", 4000, "");
    g_autoptr(JsonNode) node = post (fixture, "/api/v1/test/echo", "application/json",
                                     fits, strlen (fits), &status);
    g_assert_cmpuint (status, ==, 200);
  }

  /* A failing handler: 500 with nothing of the failure in it. */
  {
    g_autoptr(SoupMessage) msg = new_message (&fixture->server, "GET", "/api/v1/test/error");
    g_autoptr(JsonNode) node = send_json (fixture->session, msg);
    g_autofree char *text = json_to_string (node, FALSE);
    g_autofree char *log = NULL;
    const char *request_id;

    g_assert_cmpuint (soup_message_get_status (msg), ==, 500);
    assert_error (node, "internal_error");
    g_assert_null (strstr (text, "no_such_table"));
    g_assert_null (strstr (text, "relation"));
    g_assert_null (strstr (text, "SELECT"));

    /* The log has it, under the request's id. */
    request_id = soup_message_headers_get_one (soup_message_get_response_headers (msg), "X-Request-Id");
    g_assert_cmpint (server_terminate (&fixture->server), ==, 0);
    log = server_read_log (&fixture->server);
    g_assert_nonnull (strstr (log, "no_such_table_for_the_test"));
    g_assert_nonnull (strstr (log, request_id));
  }
}

/* Sends @request as is on a new connection and reads until the server
 * closes it. */
static char *
raw_exchange (Server     *server,
              const char *request)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) response = g_byte_array_new ();
  const char *port = strrchr (server->url, ':') + 1;
  guint8 buffer[4096];
  gssize n;

  g_socket_client_set_timeout (client, 10);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", atoi (port), NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);

  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                   buffer, sizeof buffer, NULL, &error)) > 0)
    g_byte_array_append (response, buffer, n);
  g_assert_no_error (error);

  g_byte_array_append (response, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&response), FALSE);
}

static void
test_raw_requests (Fixture       *fixture,
                   gconstpointer  data)
{
  server_start (&fixture->server, fixture->db.app, NULL, NULL);

  /* What libsoup refuses before any handler (here a Content-Length that
   * is no number) is a JSON error too. */
  {
    g_autofree char *response = raw_exchange (&fixture->server,
                                              "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");

    g_assert_true (g_str_has_prefix (response, "HTTP/1.1 400 "));
    g_assert_nonnull (strstr (response, "Content-Type: application/json\r\n"));
    g_assert_nonnull (strstr (response, "\r\n\r\n{\"error\":{\"code\":\"bad_request\""));
  }

  /* A client that waits for "100 Continue" before a body over the limit
   * is told 413 at once and never sends it. */
  {
    g_autofree char *response = raw_exchange (&fixture->server,
                                              "POST /api/v1/test/echo HTTP/1.1\r\nHost: x\r\n"
                                              "Content-Type: application/json\r\n"
                                              "Expect: 100-continue\r\n"
                                              "Content-Length: 1000000000\r\n\r\n");

    g_assert_true (g_str_has_prefix (response, "HTTP/1.1 413 "));
    g_assert_nonnull (strstr (response, "\"code\":\"body_too_large\""));
  }
}

static void
test_rate_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  const char * const env[] = { "MARKET_RATE_LIMIT=0.01", "MARKET_RATE_BURST=5", NULL };
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *retry_after;
  guint64 seconds;
  guint status;

  server_start (&fixture->server, fixture->db.app, env, NULL);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(JsonNode) ok = get (fixture, "/health", &status);
      g_assert_cmpuint (status, ==, 200);
    }

  msg = new_message (&fixture->server, "GET", "/health");
  node = send_json (fixture->session, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 429);
  assert_error (node, "rate_limited");
  retry_after = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  g_assert_nonnull (retry_after);
  g_assert_true (g_ascii_string_to_unsigned (retry_after, 10, 1, 1000, &seconds, NULL));

  /* Every route, known or not. */
  {
    g_autoptr(JsonNode) other = get (fixture, "/nothing-here", &status);
    g_assert_cmpuint (status, ==, 429);
  }
}

static const char *
response_request_id (SoupMessage *msg)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (msg), "X-Request-Id");
}

static void
test_request_id (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *long_id = g_strnfill (200, 'a');
  const char *refused[] = { "has spaces", "semi;colon", "quote\"d", long_id };
  g_autoptr(SoupMessage) first = NULL;
  g_autoptr(SoupMessage) second = NULL;
  g_autoptr(JsonNode) n1 = NULL;
  g_autoptr(JsonNode) n2 = NULL;

  server_start (&fixture->server, fixture->db.app, NULL, NULL);

  /* Taken as given, on success and on error. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SoupMessage) msg = new_message (&fixture->server, "GET", i == 0 ? "/health" : "/nope");
      g_autoptr(JsonNode) node = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Request-Id", "req-2026.11:abc_1");
      node = send_json (fixture->session, msg);
      g_assert_cmpstr (response_request_id (msg), ==, "req-2026.11:abc_1");
    }

  /* Replaced when not plain or too long. */
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(SoupMessage) msg = new_message (&fixture->server, "GET", "/health");
      g_autoptr(JsonNode) node = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Request-Id", refused[i]);
      node = send_json (fixture->session, msg);
      g_assert_true (g_uuid_string_is_valid (response_request_id (msg)));
    }

  /* A new one for each request without. */
  first = new_message (&fixture->server, "GET", "/health");
  n1 = send_json (fixture->session, first);
  second = new_message (&fixture->server, "GET", "/health");
  n2 = send_json (fixture->session, second);
  g_assert_true (g_uuid_string_is_valid (response_request_id (first)));
  g_assert_cmpstr (response_request_id (first), !=, response_request_id (second));
}

/* The log's lines, each a JSON object. */
static GPtrArray *
parse_log (const char *log)
{
  g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      if (lines[i][0] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      if (error != NULL)
        g_printerr ("not JSON: %s\n", lines[i]);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      g_ptr_array_add (objects, json_object_ref (json_node_get_object (json_parser_get_root (parser))));
    }

  return objects;
}

static GPtrArray *
request_lines (GPtrArray *objects)
{
  GPtrArray *requests = g_ptr_array_new ();

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, "event", NULL), "request") == 0)
        g_ptr_array_add (requests, object);
    }
  return requests;
}

static void
test_logs (Fixture       *fixture,
           gconstpointer  data)
{
  struct {
    const char *method;
    const char *path;
    const char *route;
    guint       status;
  } requests[] = {
    { "GET", "/health", "/health", 200 },
    { "GET", "/health?token=SECRET-IN-QUERY", "/health", 200 },
    { "GET", "/missing", NULL, 404 },
    { "PUT", "/health", NULL, 405 },
    { "POST", "/api/v1/test/echo", "/api/v1/test/echo", 200 },
  };
  g_autofree char *log = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  server_start (&fixture->server, fixture->db.app, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autoptr(SoupMessage) msg = new_message (&fixture->server, requests[i].method, requests[i].path);
      g_autoptr(JsonNode) node = NULL;
      SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
      g_autofree char *id = g_strdup_printf ("log-test-%u", i);

      soup_message_headers_replace (headers, "X-Request-Id", id);
      soup_message_headers_replace (headers, "Authorization", "Bearer SECRET-BEARER-TOKEN");
      soup_message_headers_replace (headers, "Cookie", "session=SECRET-COOKIE");
      if (g_str_equal (requests[i].method, "POST"))
        {
          g_autoptr(GBytes) body = g_bytes_new_static ("{\"password\":\"SECRET-PASSWORD\"}", 30);

          soup_message_set_request_body_from_bytes (msg, "application/json", body);
        }
      node = send_json (fixture->session, msg);
      g_assert_cmpuint (soup_message_get_status (msg), ==, requests[i].status);
    }

  g_assert_cmpint (server_terminate (&fixture->server), ==, 0);
  log = server_read_log (&fixture->server);

  /* No secret in any form. */
  g_assert_null (strstr (log, "SECRET"));
  g_assert_null (strstr (log, "Bearer"));
  g_assert_null (strstr (log, "Authorization"));
  g_assert_null (strstr (log, TOKEN_SECRET));
  g_assert_null (strstr (log, "token="));

  /* Every line JSON; one per request, in order, with its fields. */
  objects = parse_log (log);
  lines = request_lines (objects);
  g_assert_cmpuint (lines->len, ==, G_N_ELEMENTS (requests));
  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *line = g_ptr_array_index (lines, i);
      g_autofree char *id = g_strdup_printf ("log-test-%u", i);

      g_assert_cmpstr (json_object_get_string_member (line, "level"), ==, "info");
      g_assert_nonnull (json_object_get_string_member (line, "ts"));
      g_assert_cmpint (json_object_get_int_member (line, "pid"), >, 0);
      g_assert_cmpstr (json_object_get_string_member (line, "request_id"), ==, id);
      g_assert_cmpstr (json_object_get_string_member (line, "method"), ==, requests[i].method);
      g_assert_cmpstr (json_object_get_string_member_with_default (line, "route", NULL), ==, requests[i].route);
      g_assert_true (json_object_has_member (line, "route"));
      g_assert_cmpint (json_object_get_int_member (line, "status"), ==, requests[i].status);
      g_assert_cmpfloat (json_object_get_double_member (line, "latency_ms"), >=, 0);
      g_assert_true (json_object_get_null_member (line, "tenant"));
      g_assert_true (json_object_get_null_member (line, "user"));
    }
}

static gboolean
process_exists (GPid pid)
{
  return kill (pid, 0) == 0 || errno != ESRCH;
}

/* The pids of the log's "listening" lines other than @supervisor's. */
static GHashTable *
listening_workers (Server *server,
                   GPid    supervisor)
{
  g_autofree char *log = server_read_log (server);
  g_autoptr(GPtrArray) objects = parse_log (log);
  GHashTable *pids = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);
      GPid pid = json_object_get_int_member (object, "pid");

      if (g_str_equal (json_object_get_string_member (object, "event"), "listening") && pid != supervisor)
        g_hash_table_add (pids, GINT_TO_POINTER (pid));
    }
  return pids;
}

static void
test_workers (Fixture       *fixture,
              gconstpointer  data)
{
  const char * const args[] = { "--workers", "2", NULL };
  g_autoptr(GHashTable) pids = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *log = NULL;
  GHashTableIter iter;
  gpointer key;
  GPid supervisor;

  server_start (&fixture->server, fixture->db.app, NULL, args);
  supervisor = atoi (g_subprocess_get_identifier (fixture->server.process));

  /* A new connection each time: the kernel spreads them over the two
   * listening sockets by their addresses. */
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(SoupMessage) msg = new_message (&fixture->server, "GET", "/health");
      g_autoptr(JsonNode) node = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Connection", "close");
      node = send_json (fixture->session, msg);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
    }

  /* A worker killed is replaced, on the same port. */
  {
    g_autoptr(GHashTable) before = listening_workers (&fixture->server, supervisor);
    g_autoptr(GHashTable) after = NULL;
    g_autoptr(SoupMessage) msg = NULL;
    g_autoptr(JsonNode) node = NULL;
    GList *keys;
    gint64 start = g_get_monotonic_time ();

    g_assert_cmpuint (g_hash_table_size (before), ==, 2);
    keys = g_hash_table_get_keys (before);
    g_assert_cmpint (kill (GPOINTER_TO_INT (keys->data), SIGKILL), ==, 0);
    g_list_free (keys);

    do
      {
        g_clear_pointer (&after, g_hash_table_unref);
        g_usleep (20 * 1000);
        after = listening_workers (&fixture->server, supervisor);
      }
    while (g_hash_table_size (after) < 3 && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC);
    g_assert_cmpuint (g_hash_table_size (after), ==, 3);

    msg = new_message (&fixture->server, "GET", "/health");
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Connection", "close");
    node = send_json (fixture->session, msg);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  }

  g_assert_cmpint (server_terminate (&fixture->server), ==, 0);
  log = server_read_log (&fixture->server);
  objects = parse_log (log);
  lines = request_lines (objects);
  g_assert_cmpuint (lines->len, ==, 41);
  g_ptr_array_set_size (lines, 40);
  for (guint i = 0; i < lines->len; i++)
    {
      GPid pid = json_object_get_int_member (g_ptr_array_index (lines, i), "pid");

      g_assert_cmpint (pid, !=, supervisor);
      g_hash_table_add (pids, GINT_TO_POINTER (pid));
    }
  g_assert_cmpuint (g_hash_table_size (pids), ==, 2);

  /* SIGTERM to the supervisor stopped both. */
  g_hash_table_iter_init (&iter, pids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_assert_false (process_exists (GPOINTER_TO_INT (key)));
}

static void
sleep_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  GBytes **out = data;
  g_autoptr(GError) error = NULL;

  *out = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

static void
test_graceful_shutdown (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SoupMessage) slow = NULL;
  g_autoptr(SoupMessage) late = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) late_body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) other = soup_session_new_with_options ("timeout", 5, NULL);
  gint64 start;

  server_start (&fixture->server, fixture->db.app, NULL, NULL);

  /* A request that holds a worker thread on the database for 1 s. */
  slow = new_message (&fixture->server, "GET", "/api/v1/test/sleep?ms=1000");
  soup_session_send_and_read_async (fixture->session, slow, G_PRIORITY_DEFAULT, NULL, sleep_done_cb, &body);

  /* Once it is in (its query started), SIGTERM. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 300 * 1000)
    g_main_context_iteration (NULL, FALSE);
  g_subprocess_send_signal (fixture->server.process, SIGTERM);

  /* It is answered in full, */
  while (body == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (soup_message_get_status (slow), ==, 200);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "1000", 4);

  /* and the server then ends by itself, cleanly. */
  g_subprocess_wait (fixture->server.process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (fixture->server.process));
  g_assert_cmpint (g_subprocess_get_exit_status (fixture->server.process), ==, 0);

  /* Nothing listens any more. */
  late = new_message (&fixture->server, "GET", "/health");
  late_body = soup_session_send_and_read (other, late, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
test_config (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("mkt-http-config-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "good.conf", NULL);
  g_autofree char *typo = g_build_filename (dir, "typo.conf", NULL);
  const char * const env[] = { "MARKET_BODY_LIMIT=2048", NULL };
  g_autofree char *body = g_strdup_printf ("[%*s]", 3000, "");
  guint status;

  /* The environment wins over the file (body_limit), the file over the
   * defaults (rate_burst). */
  g_assert_true (g_file_set_contents (good,
                                      "[server]\n"
                                      "body_limit = 100000\n"
                                      "rate_burst = 3\n"
                                      "rate_limit = 0.01\n", -1, NULL));
  g_assert_true (g_file_set_contents (typo, "[server]\nbody_limt = 100\n", -1, NULL));

  {
    const char * const args[] = { "--config", good, NULL };
    g_autoptr(JsonNode) node = NULL;

    server_start (&fixture->server, fixture->db.app, env, args);
    node = post (fixture, "/api/v1/test/echo", "application/json", body, strlen (body), &status);
    g_assert_cmpuint (status, ==, 413);
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(JsonNode) ok = get (fixture, "/health", &status);
        g_assert_cmpuint (status, ==, 200);
      }
    {
      g_autoptr(JsonNode) limited = get (fixture, "/health", &status);
      g_assert_cmpuint (status, ==, 429);
    }
    server_stop (&fixture->server);
  }

  /* Mistakes stop it before it listens, with a message that says what. */
  {
    g_auto(MktPgTestRun) run = mkt_pg_test_run_server (fixture->db.app, "serve", "--config", typo, NULL);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "unknown key “body_limt”"));
  }
  {
    /* No MARKET_TOKEN_SECRET in this one's environment. */
    g_auto(MktPgTestRun) run = mkt_pg_test_run_server (fixture->db.app, "serve", "--listen", "127.0.0.1:0", NULL);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "MARKET_TOKEN_SECRET"));
  }
  {
    g_auto(MktPgTestRun) run = mkt_pg_test_run_server (fixture->db.app, "serve", "--listen", "localhost", NULL);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "not an address to listen on"));
  }
  {
    g_auto(MktPgTestRun) run = mkt_pg_test_run_server (fixture->db.app, "serve", "--workers", "0x", NULL);

    g_assert_cmpint (run.status, ==, 2);
  }

  g_unlink (good);
  g_unlink (typo);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (!mkt_pg_test_init (&argc, &argv, &status))
    return status;

  /* The runs without a secret must not find one here. */
  g_unsetenv ("MARKET_TOKEN_SECRET");

  g_test_add ("/server/http/health", Fixture, NULL, fixture_setup, test_health, fixture_teardown);
  g_test_add ("/server/http/health/storage", Fixture, NULL, fixture_setup, test_storage_check, fixture_teardown);
  g_test_add ("/server/http/health/unreachable-database", Fixture, NULL, fixture_setup, test_unreachable_database, fixture_teardown);
  g_test_add ("/server/http/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/server/http/raw", Fixture, NULL, fixture_setup, test_raw_requests, fixture_teardown);
  g_test_add ("/server/http/rate-limit", Fixture, NULL, fixture_setup, test_rate_limit, fixture_teardown);
  g_test_add ("/server/http/request-id", Fixture, NULL, fixture_setup, test_request_id, fixture_teardown);
  g_test_add ("/server/http/logs", Fixture, NULL, fixture_setup, test_logs, fixture_teardown);
  g_test_add ("/server/http/workers", Fixture, NULL, fixture_setup, test_workers, fixture_teardown);
  g_test_add ("/server/http/graceful-shutdown", Fixture, NULL, fixture_setup, test_graceful_shutdown, fixture_teardown);
  g_test_add ("/server/http/config", Fixture, NULL, fixture_setup, test_config, fixture_teardown);

  status = g_test_run ();

  if (shared_db_ready)
    mkt_pg_test_db_teardown (&shared_db, NULL);
  return status;
}
