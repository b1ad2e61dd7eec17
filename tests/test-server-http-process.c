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

/* This program: the process: its logs, workers, graceful shutdown and
 * configuration. The rest: test-server-http.c; the fixture and helpers:
 * test-server-http-utils.c. */

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

  /* Each request's line is written once its answer is sent: the last
   * one may still be on its way, and a worker killed now would lose it. */
  {
    gint64 start = g_get_monotonic_time ();
    guint n_lines = 0;

    do
      {
        g_autofree char *so_far = server_read_log (&fixture->server);
        char *end = strrchr (so_far, '\n');
        g_autoptr(GPtrArray) so_far_objects = NULL;
        g_autoptr(GPtrArray) so_far_lines = NULL;

        /* Whole lines only. */
        if (end != NULL)
          end[1] = '\0';
        else
          so_far[0] = '\0';
        so_far_objects = parse_log (so_far);
        so_far_lines = request_lines (so_far_objects);

        n_lines = so_far_lines->len;
        if (n_lines < 40)
          g_usleep (10 * 1000);
      }
    while (n_lines < 40 && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC);
    g_assert_cmpuint (n_lines, ==, 40);
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

/* A database at another migration than this build's: /health says the
 * schema is not the server's, and a new server refuses to start on it. */
static void
test_schema (Fixture       *fixture,
             gconstpointer  data)
{
  MktPgTestDb db = { 0 };
  g_autoptr(JsonNode) healthy = NULL;
  g_autoptr(JsonNode) behind = NULL;
  g_autoptr(GError) error = NULL;
  PGresult *removed;
  g_autofree char *latest = NULL;
  JsonObject *database;
  PGconn *owner;
  guint status;

  mkt_pg_test_db_setup (&db, NULL);
  mkt_pg_test_migrate (&db);
  server_start (&fixture->server, db.app, NULL, NULL);

  healthy = get (fixture, "/health", &status);
  g_assert_cmpuint (status, ==, 200);

  /* As if restored from the dump of an older release. */
  owner = mkt_pg_test_connect (db.owner);
  latest = mkt_pg_test_query_value (owner, "SELECT max (version) FROM schema_migrations");
  removed = mkt_pg_test_query (owner, "DELETE FROM schema_migrations WHERE version = "
                                      "(SELECT max (version) FROM schema_migrations)", &error);
  g_assert_no_error (error);
  PQclear (removed);
  PQfinish (owner);

  behind = get (fixture, "/health", &status);
  g_assert_cmpuint (status, ==, 503);
  database = json_object_get_object_member (json_object_get_object_member (json_node_get_object (behind), "checks"),
                                            "database");
  g_assert_cmpstr (json_object_get_string_member (database, "status"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (database, "message"), ==,
                   "The database's schema is not this server's");
  server_stop (&fixture->server);

  g_setenv ("MARKET_TOKEN_SECRET", "a secret of the schema test, long enough for HS256 keys", TRUE);
  {
    g_auto(MktPgTestRun) run = mkt_pg_test_run_server (db.app, "serve", "--listen", "127.0.0.1:0", NULL);
    g_autofree char *needs = g_strdup_printf ("this market-server needs %s: run “market-server migrate”", latest);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, needs));
    g_assert_null (strstr (run.out, "Listening"));
  }
  g_unsetenv ("MARKET_TOKEN_SECRET");

  mkt_pg_test_db_teardown (&db, NULL);
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

  g_test_add ("/server/http/logs", Fixture, NULL, fixture_setup, test_logs, fixture_teardown);
  g_test_add ("/server/http/workers", Fixture, NULL, fixture_setup, test_workers, fixture_teardown);
  g_test_add ("/server/http/graceful-shutdown", Fixture, NULL, fixture_setup, test_graceful_shutdown, fixture_teardown);
  g_test_add ("/server/http/config", Fixture, NULL, fixture_setup, test_config, fixture_teardown);
  g_test_add ("/server/http/schema", Fixture, NULL, fixture_setup, test_schema, fixture_teardown);

  status = g_test_run ();

  if (shared_db_ready)
    mkt_pg_test_db_teardown (&shared_db, NULL);
  return status;
}
