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

/* No test writes to the database: they share one, made and migrated once
 * (a database per test would be most of the run's time). */
MktPgTestDb shared_db;
gboolean shared_db_ready;

void
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

void
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

void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  server_stop (&fixture->server);
  g_clear_object (&fixture->session);
}

char *
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
void
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
int
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

SoupMessage *
new_message (Server     *server,
             const char *method,
             const char *path)
{
  g_autofree char *uri = g_strconcat (server->url, path, NULL);

  return soup_message_new (method, uri);
}

/* Sends @msg and returns its body as JSON (the test fails if it is not:
 * every answer of the server is). */
JsonNode *
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

JsonNode *
get (Fixture    *fixture,
     const char *path,
     guint      *out_status)
{
  g_autoptr(SoupMessage) msg = new_message (&fixture->server, "GET", path);
  JsonNode *node = send_json (fixture->session, msg);

  *out_status = soup_message_get_status (msg);
  return node;
}

JsonNode *
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
