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
#include "test-server-http-utils.h"

/* The real market-server, started on 127.0.0.1 with a port of the
 * system's choosing, against a migrated database of the test's own, and
 * talked to over HTTP. Routes beyond /health are the test routes
 * (MARKET_TEST_ROUTES): POST /api/v1/test/echo (a JSON body route),
 * GET /api/v1/test/error (a failing query), GET /api/v1/test/sleep?ms=N. */

/* This program: health, errors, raw requests, the rate limit and request
 * ids. The rest: test-server-http-process.c; the fixture and helpers:
 * test-server-http-utils.c. */

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

  status = g_test_run ();

  if (shared_db_ready)
    mkt_pg_test_db_teardown (&shared_db, NULL);
  return status;
}
