/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server-api"

#include "config.h"
#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include "mkt-http-router.h"
#include "mkt-pg-test-utils.h"
#include "mkt-server-test-utils.h"

Shared shared;

/* The server ------------------------------------------------------------------ */

void
server_start (Server             *server,
              const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *limit = g_strdup_printf ("%u", BODY_LIMIT);

  server->dir = g_dir_make_tmp ("mkt-api-XXXXXX", &error);
  g_assert_no_error (error);
  server->log_path = g_build_filename (server->dir, "server.log", NULL);

  g_ptr_array_add (argv, (gpointer) g_getenv ("MKT_SERVER"));
  g_ptr_array_add (argv, (gpointer) "serve");
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_stderr_file_path (launcher, server->log_path);
  g_subprocess_launcher_setenv (launcher, "DATABASE_URL", shared.db.app, TRUE);
  g_subprocess_launcher_setenv (launcher, "MARKET_TOKEN_SECRET", TOKEN_SECRET, TRUE);
  g_subprocess_launcher_setenv (launcher, "MARKET_LISTEN", "127.0.0.1:0", TRUE);
  g_subprocess_launcher_setenv (launcher, "MARKET_TMPDIR", server->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "MARKET_BODY_LIMIT", limit, TRUE);
  /* The tests are one client sending many requests. */
  g_subprocess_launcher_setenv (launcher, "MARKET_RATE_LIMIT", "0", TRUE);

  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, "Listening on http://127.0.0.1:"))
    {
      g_autofree char *log = NULL;

      g_file_get_contents (server->log_path, &log, NULL, NULL);
      g_printerr ("%s", log != NULL ? log : "");
      g_assert_cmpstr (line, ==, "Listening on http://127.0.0.1:…");
    }
  server->url = g_strdup (line + strlen ("Listening on "));
}

void
server_stop (Server *server)
{
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
  g_unlink (server->log_path);
  g_rmdir (server->dir);
  g_clear_pointer (&server->log_path, g_free);
  g_clear_pointer (&server->dir, g_free);
  g_clear_pointer (&server->url, g_free);
}

/* Requests -------------------------------------------------------------------- */

/* Sends a request to @server (a JSON body if @body is not %NULL; `Bearer
 * @token` if @token is not %NULL; a new connection if @close) and returns
 * the JSON answer. */
JsonNode *
call_full (Server     *server,
           const char *method,
           const char *path,
           const char *token,
           const char *body,
           gboolean    close,
           guint      *out_status)
{
  g_autofree char *uri = g_strconcat (server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (close)
    soup_message_headers_replace (headers, "Connection", "close");
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }

  bytes = soup_session_send_and_read (shared.session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL),
                   ==, "application/json");
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  *out_status = soup_message_get_status (msg);
  return json_parser_steal_root (parser);
}

JsonNode *
call (const char *method,
      const char *path,
      const char *token,
      const char *body,
      guint      *out_status)
{
  return call_full (&shared.server, method, path, token, body, FALSE, out_status);
}

JsonObject *
object (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

const char *
member (JsonNode   *node,
        const char *name)
{
  return json_object_get_string_member (object (node), name);
}

/* Asserts an error answer of @status with @code (and @field, if not
 * %NULL); returns its error object. */
JsonObject *
assert_error (JsonNode   *node,
              guint       status,
              guint       expected,
              const char *code,
              const char *field)
{
  JsonObject *error;

  g_assert_cmpuint (status, ==, expected);
  error = json_object_get_object_member (object (node), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_nonnull (json_object_get_string_member (error, "message"));
  if (field != NULL)
    g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, field);
  return error;
}

JsonArray *
items (JsonNode *node)
{
  return json_object_get_array_member (object (node), "items");
}

/* Registers a business; returns its admin's access token. */
char *
register_business (const char *who)
{
  g_autofree char *body = g_strdup_printf ("{\"business_name\":\"%s's\",\"currency\":\"EUR\",\"name\":\"%s\","
                                           "\"email\":\"%s.%08x@example.com\",\"password\":\"%s\"}",
                                           who, who, who, g_random_int (), PASSWORD);
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = call ("POST", "/api/v1/auth/register", NULL, body, &status);
  g_assert_cmpuint (status, ==, 201);
  return g_strdup (member (node, "access_token"));
}

/* Creates a material; returns its id. */
char *
add_material (Server     *server,
              const char *token,
              const char *body)
{
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = call_full (server, "POST", MATERIALS, token, body, FALSE, &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_nonnull (member (node, "id"));
  return g_strdup (member (node, "id"));
}

char *
path_of (const char *collection,
         const char *id,
         const char *suffix)
{
  return g_strconcat (collection, "/", id, suffix, NULL);
}

