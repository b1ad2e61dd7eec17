/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server-auth"

#include "config.h"
#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include "mkt-pg.h"
#include "mkt-pg-test-utils.h"
#include "mkt-token.h"
#include "test-server-auth-utils.h"

Shared shared;

/* Sends a request (a JSON body if @body is not %NULL; `Authorization:
 * Bearer @token` if @token is not %NULL) and returns the JSON answer. */
JsonNode *
call (const char *method,
      const char *path,
      const char *token,
      const char *body,
      guint      *out_status)
{
  g_autofree char *uri = g_strconcat (shared.url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *type;

  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }

  bytes = soup_session_send_and_read (shared.session, msg, NULL, &error);
  g_assert_no_error (error);
  type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
  g_assert_cmpstr (type, ==, "application/json");
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  *out_status = soup_message_get_status (msg);
  return json_parser_steal_root (parser);
}

JsonObject *
object (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/* Asserts an error answer; returns its message. */
const char *
assert_error (JsonNode   *node,
              const char *code,
              const char *field)
{
  JsonObject *error = json_object_get_object_member (object (node), "error");

  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  if (field != NULL)
    g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, field);
  return json_object_get_string_member (error, "message");
}

char *
unique_email (const char *who)
{
  return g_strdup_printf ("%s.%08x@example.com", who, g_random_int ());
}

void
tokens_clear (Tokens *tokens)
{
  g_clear_pointer (&tokens->access, g_free);
  g_clear_pointer (&tokens->refresh, g_free);
  g_clear_pointer (&tokens->tenant_id, g_free);
  g_clear_pointer (&tokens->user_id, g_free);
}

void
read_tokens (JsonNode *node,
             Tokens   *tokens)
{
  JsonObject *answer = object (node);

  tokens_clear (tokens);
  tokens->access = g_strdup (json_object_get_string_member (answer, "access_token"));
  tokens->refresh = g_strdup (json_object_get_string_member (answer, "refresh_token"));
  tokens->tenant_id = g_strdup (json_object_get_string_member (answer, "tenant_id"));
  tokens->user_id = g_strdup (json_object_get_string_member (answer, "user_id"));
  g_assert_nonnull (tokens->access);
  g_assert_nonnull (tokens->refresh);
  g_assert_cmpstr (json_object_get_string_member (answer, "token_type"), ==, "Bearer");
  g_assert_cmpint (json_object_get_int_member (answer, "expires_in"), ==, 15 * 60);
  g_ptr_array_add (shared.secrets, g_strdup (tokens->access));
  g_ptr_array_add (shared.secrets, g_strdup (tokens->refresh));
}

void
register_business (const char *email,
                   Tokens     *tokens)
{
  g_autofree char *body = g_strdup_printf ("{\"business_name\":\"Wool & Co\",\"currency\":\"EUR\","
                                           "\"name\":\"Ann\",\"email\":\"%s\",\"password\":\"%s\"}",
                                           email, PASSWORD);
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = call ("POST", "/api/v1/auth/register", NULL, body, &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (object (node), "role"), ==, "admin");
  read_tokens (node, tokens);
}

guint
login (const char *email,
       const char *password,
       Tokens     *tokens,
       JsonNode  **out_node)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", email, password);
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = call ("POST", "/api/v1/auth/login", NULL, body, &status);
  if (status == 200 && tokens != NULL)
    read_tokens (node, tokens);
  if (out_node != NULL)
    *out_node = g_steal_pointer (&node);
  return status;
}

guint
refresh (const char *refresh_token,
         Tokens     *tokens)
{
  g_autofree char *body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", refresh_token);
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = call ("POST", "/api/v1/auth/refresh", NULL, body, &status);
  if (status == 200 && tokens != NULL)
    read_tokens (node, tokens);
  else if (status != 200)
    assert_error (node, "unauthorized", NULL);
  return status;
}

/* Invites a user of @role into the admin's business and logs them in. */
void
invite (const char *admin_token,
        const char *role,
        char      **out_email,
        char      **out_password,
        Tokens     *tokens)
{
  g_autofree char *email = unique_email (role);
  g_autofree char *body = g_strdup_printf ("{\"name\":\"Someone\",\"email\":\"%s\",\"role\":\"%s\"}",
                                           email, role);
  g_autoptr(JsonNode) node = NULL;
  const char *password;
  guint status;

  node = call ("POST", "/api/v1/users", admin_token, body, &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (object (node), "role"), ==, role);
  password = json_object_get_string_member (object (node), "temporary_password");
  g_assert_nonnull (password);
  g_assert_cmpuint (strlen (password), >=, 16);
  g_ptr_array_add (shared.secrets, g_strdup (password));

  g_assert_cmpuint (login (email, password, tokens, NULL), ==, 200);
  if (out_email != NULL)
    *out_email = g_steal_pointer (&email);
  if (out_password != NULL)
    *out_password = g_strdup (password);
}

/* As the superuser: what the rows hold, whichever tenant's. */
char *
db_value (const char *sql)
{
  g_autofree char *conninfo = mkt_pg_test_conninfo (shared.db.admin, NULL, shared.db.name);
  g_autoptr(PGconn) conn = mkt_pg_test_connect (conninfo);

  return mkt_pg_test_query_value (conn, sql);
}

/* Tests --------------------------------------------------------------------- */

void
server_start (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *argv[] = { g_getenv ("MKT_SERVER"), "serve", NULL };

  shared.dir = g_dir_make_tmp ("mkt-auth-XXXXXX", &error);
  g_assert_no_error (error);
  shared.log_path = g_build_filename (shared.dir, "server.log", NULL);

  g_subprocess_launcher_set_stderr_file_path (launcher, shared.log_path);
  g_subprocess_launcher_setenv (launcher, "DATABASE_URL", shared.db.app, TRUE);
  g_subprocess_launcher_setenv (launcher, "MARKET_TOKEN_SECRET", TOKEN_SECRET, TRUE);
  g_subprocess_launcher_setenv (launcher, "MARKET_LISTEN", "127.0.0.1:0", TRUE);
  g_subprocess_launcher_setenv (launcher, "MARKET_TMPDIR", shared.dir, TRUE);
  /* The tests are one client sending many requests. */
  g_subprocess_launcher_setenv (launcher, "MARKET_RATE_LIMIT", "0", TRUE);

  shared.process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (shared.process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, "Listening on http://127.0.0.1:"))
    {
      g_autofree char *log = NULL;

      g_file_get_contents (shared.log_path, &log, NULL, NULL);
      g_printerr ("%s", log != NULL ? log : "");
      g_assert_cmpstr (line, ==, "Listening on http://127.0.0.1:…");
    }
  shared.url = g_strdup (line + strlen ("Listening on "));
  shared.session = soup_session_new_with_options ("timeout", 20, NULL);
  shared.secrets = g_ptr_array_new_with_free_func (g_free);
}

void
server_stop (void)
{
  g_subprocess_send_signal (shared.process, SIGTERM);
  g_subprocess_wait (shared.process, NULL, NULL);
  g_clear_object (&shared.process);
  g_unlink (shared.log_path);
  g_rmdir (shared.dir);
  g_clear_pointer (&shared.log_path, g_free);
  g_clear_pointer (&shared.dir, g_free);
  g_clear_pointer (&shared.url, g_free);
  g_clear_object (&shared.session);
  g_clear_pointer (&shared.secrets, g_ptr_array_unref);
}
