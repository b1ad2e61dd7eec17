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

/* Accounts, tokens and roles, against the real market-server and a
 * migrated database: /api/v1/auth/{register,login,refresh,logout,profile},
 * /api/v1/users, /api/v1/roles, and the authentication every route with a
 * permission goes through. One server serves every test (each registers
 * businesses of its own, with emails of its own); its log is checked last
 * for secrets. */

#define TOKEN_SECRET "test-secret-0123456789abcdef0123456789abcdef"
#define PASSWORD "correct horse battery"

typedef struct
{
  MktPgTestDb   db;
  GSubprocess  *process;
  char         *url;
  char         *dir;
  char         *log_path;
  SoupSession  *session;
  GPtrArray    *secrets;    /* every token and password the tests saw */
} Shared;

static Shared shared;

/* Sends a request (a JSON body if @body is not %NULL; `Authorization:
 * Bearer @token` if @token is not %NULL) and returns the JSON answer. */
static JsonNode *
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

static JsonObject *
object (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/* Asserts an error answer; returns its message. */
static const char *
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

static char *
unique_email (const char *who)
{
  return g_strdup_printf ("%s.%08x@example.com", who, g_random_int ());
}

/* The tokens of a login, register or refresh. */
typedef struct
{
  char *access;
  char *refresh;
  char *tenant_id;
  char *user_id;
} Tokens;

static void
tokens_clear (Tokens *tokens)
{
  g_clear_pointer (&tokens->access, g_free);
  g_clear_pointer (&tokens->refresh, g_free);
  g_clear_pointer (&tokens->tenant_id, g_free);
  g_clear_pointer (&tokens->user_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Tokens, tokens_clear)

static void
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

static void
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

static guint
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

static guint
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
static void
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
static char *
db_value (const char *sql)
{
  g_autofree char *conninfo = mkt_pg_test_conninfo (shared.db.admin, NULL, shared.db.name);
  g_autoptr(PGconn) conn = mkt_pg_test_connect (conninfo);

  return mkt_pg_test_query_value (conn, sql);
}

/* Tests --------------------------------------------------------------------- */

static void
test_register_profile (void)
{
  g_auto(Tokens) tokens = { NULL, };
  g_autofree char *email = unique_email ("Ann");
  g_autofree char *lower = g_ascii_strdown (email, -1);
  g_autofree char *sql = NULL;
  g_autofree char *value = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *profile;
  JsonArray *permissions;
  guint status;

  register_business (email, &tokens);

  node = call ("GET", "/api/v1/auth/profile", tokens.access, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  profile = object (node);
  g_assert_cmpstr (json_object_get_string_member (profile, "role"), ==, "admin");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (profile, "user"), "id"),
                   ==, tokens.user_id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (profile, "user"), "email"),
                   ==, lower);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (profile, "tenant"), "id"),
                   ==, tokens.tenant_id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (profile, "tenant"), "currency"),
                   ==, "EUR");
  permissions = json_object_get_array_member (profile, "permissions");
  g_assert_cmpuint (json_array_get_length (permissions), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (permissions, 0), ==, "*:*");

  /* Through mkt-core: the tenant and the user have their audit rows. */
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE tenant_id = '%s' AND entity IN ('tenant', 'user')"
                         " AND action = 'create'", tokens.tenant_id);
  value = db_value (sql);
  g_assert_cmpstr (value, ==, "2");

  /* The password is an Argon2id hash; the refresh token only a hash. */
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&value, g_free);
  sql = g_strdup_printf ("SELECT password_hash LIKE '$argon2id$%%' AND email = '%s' FROM credential"
                         " WHERE user_id = '%s'", lower, tokens.user_id);
  value = db_value (sql);
  g_assert_cmpstr (value, ==, "t");
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&value, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM refresh_token WHERE token_hash = '%s'", tokens.refresh);
  value = db_value (sql);
  g_assert_cmpstr (value, ==, "0");

  /* The email is taken, whatever its case. */
  {
    g_autofree char *body = g_strdup_printf ("{\"business_name\":\"Other\",\"currency\":\"EUR\",\"name\":\"Bo\","
                                             "\"email\":\"%s\",\"password\":\"%s\"}", lower, PASSWORD);
    g_autoptr(JsonNode) again = call ("POST", "/api/v1/auth/register", NULL, body, &status);

    g_assert_cmpuint (status, ==, 409);
    assert_error (again, "conflict", "email");
  }
}

static void
test_login (void)
{
  g_auto(Tokens) tokens = { NULL, };
  g_auto(Tokens) again = { NULL, };
  g_autofree char *email = unique_email ("login");
  g_autofree char *upper = g_ascii_strup (email, -1);
  g_autoptr(JsonNode) wrong = NULL;
  g_autoptr(JsonNode) unknown = NULL;
  g_autoptr(JsonNode) profile = NULL;
  g_autofree char *long_password = NULL;
  g_autoptr(JsonNode) too_long = NULL;
  guint status;

  register_business (email, &tokens);

  /* Any case of the email. */
  g_assert_cmpuint (login (upper, PASSWORD, &again, NULL), ==, 200);
  g_assert_cmpstr (again.user_id, ==, tokens.user_id);
  profile = call ("GET", "/api/v1/auth/profile", again.access, NULL, &status);
  g_assert_cmpuint (status, ==, 200);

  /* A wrong password and an unknown email look the same. */
  g_assert_cmpuint (login (email, "wrong horse battery", NULL, &wrong), ==, 401);
  g_assert_cmpuint (login ("nobody.here@example.com", PASSWORD, NULL, &unknown), ==, 401);
  g_assert_cmpstr (assert_error (wrong, "unauthorized", NULL), ==, assert_error (unknown, "unauthorized", NULL));
  g_assert_true (json_node_equal (wrong, unknown));

  /* Over-long input is refused before any hashing. */
  long_password = g_strnfill (1025, 'x');
  g_assert_cmpuint (login (email, long_password, NULL, &too_long), ==, 422);
  assert_error (too_long, "invalid", "password");
}

static void
test_refresh_rotation (void)
{
  g_auto(Tokens) first = { NULL, };
  g_auto(Tokens) second = { NULL, };
  g_auto(Tokens) third = { NULL, };
  g_autofree char *email = unique_email ("rotate");
  g_autofree char *hash = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *value = NULL;
  g_autoptr(JsonNode) profile = NULL;
  guint status;

  register_business (email, &first);

  g_assert_cmpuint (refresh (first.refresh, &second), ==, 200);
  g_assert_cmpstr (second.refresh, !=, first.refresh);
  g_assert_cmpstr (second.user_id, ==, first.user_id);
  profile = call ("GET", "/api/v1/auth/profile", second.access, NULL, &status);
  g_assert_cmpuint (status, ==, 200);

  /* The old one is used, and names its successor. */
  hash = mkt_token_hash_refresh (first.refresh);
  sql = g_strdup_printf ("SELECT o.used_at IS NOT NULL AND o.replaced_by = n.id AND o.family_id = n.family_id"
                         " FROM refresh_token o, refresh_token n"
                         " WHERE o.token_hash = '%s' AND n.id = o.replaced_by", hash);
  value = db_value (sql);
  g_assert_cmpstr (value, ==, "t");

  g_assert_cmpuint (refresh (second.refresh, &third), ==, 200);

  /* The first, presented again: the whole family goes, the newest too. */
  g_assert_cmpuint (refresh (first.refresh, NULL), ==, 401);
  g_assert_cmpuint (refresh (third.refresh, NULL), ==, 401);
  g_assert_cmpuint (refresh (second.refresh, NULL), ==, 401);

  /* Another login is another family, unharmed. */
  {
    g_auto(Tokens) other = { NULL, };
    g_auto(Tokens) next = { NULL, };

    g_assert_cmpuint (login (email, PASSWORD, &other, NULL), ==, 200);
    g_assert_cmpuint (refresh (other.refresh, &next), ==, 200);
  }

  g_assert_cmpuint (refresh ("not-a-token-we-made", NULL), ==, 401);
}

static void
test_logout (void)
{
  g_auto(Tokens) tokens = { NULL, };
  g_auto(Tokens) rotated = { NULL, };
  g_autofree char *email = unique_email ("logout");
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  guint status;

  register_business (email, &tokens);
  g_assert_cmpuint (refresh (tokens.refresh, &rotated), ==, 200);

  body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", rotated.refresh);
  node = call ("POST", "/api/v1/auth/logout", NULL, body, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (json_object_get_boolean_member (object (node), "logged_out"));

  g_assert_cmpuint (refresh (rotated.refresh, NULL), ==, 401);

  again = call ("POST", "/api/v1/auth/logout", NULL, "{\"refresh_token\":\"unknown\"}", &status);
  g_assert_cmpuint (status, ==, 401);
  assert_error (again, "unauthorized", NULL);
}

static char *
base64url (const char *text)
{
  g_autofree char *b64 = g_base64_encode ((const guchar *) text, strlen (text));

  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  g_strdelimit (b64, "=", '\0');
  return g_strdup (b64);
}

static void
test_bad_access_tokens (void)
{
  g_auto(Tokens) tokens = { NULL, };
  g_autofree char *email = unique_email ("tokens");
  g_autofree char *expired = NULL;
  g_autofree char *other_secret = NULL;
  g_autofree char *none = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  register_business (email, &tokens);

  {
    MktTokenClaims claims = { tokens.user_id, tokens.tenant_id, (char *) "admin",
                              now - 3600, now - 1, (char *) "a-jti" };

    expired = mkt_token_sign (&claims, TOKEN_SECRET, &error);
    g_assert_no_error (error);
    other_secret = mkt_token_issue_access ("another-secret-0123456789abcdef0123456789", tokens.user_id,
                                           tokens.tenant_id, "admin", now, NULL, &error);
    g_assert_no_error (error);
  }

  {
    g_autofree char *header = base64url ("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    g_autofree char *payload = NULL;
    g_autofree char *claims = g_strdup_printf ("{\"sub\":\"%s\",\"tid\":\"%s\",\"role\":\"admin\","
                                               "\"iat\":%" G_GINT64_FORMAT ",\"exp\":%" G_GINT64_FORMAT ","
                                               "\"jti\":\"x\"}",
                                               tokens.user_id, tokens.tenant_id, now, now + 600);

    payload = base64url (claims);
    none = g_strdup_printf ("%s.%s.", header, payload);
  }

  {
    const char *bad[] = { expired, other_secret, none, "garbage", "a.b.c", "" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(JsonNode) node = NULL;
        guint status;

        node = call ("GET", "/api/v1/auth/profile", bad[i], NULL, &status);
        g_assert_cmpuint (status, ==, 401);
        assert_error (node, "unauthorized", NULL);
      }
  }

  /* No header at all, on a route with a permission and on the profile. */
  {
    g_autoptr(JsonNode) users = NULL;
    g_autoptr(JsonNode) profile = NULL;
    guint status;

    users = call ("GET", "/api/v1/users", NULL, NULL, &status);
    g_assert_cmpuint (status, ==, 401);
    assert_error (users, "unauthorized", NULL);
    profile = call ("GET", "/api/v1/auth/profile", NULL, NULL, &status);
    g_assert_cmpuint (status, ==, 401);
  }
}

static void
test_roles_and_permissions (void)
{
  g_auto(Tokens) admin = { NULL, };
  g_auto(Tokens) viewer = { NULL, };
  g_autofree char *email = unique_email ("roles");
  g_autofree char *path = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *value = NULL;
  g_autoptr(JsonNode) roles = NULL;
  g_autoptr(JsonNode) denied = NULL;
  g_autoptr(JsonNode) denied_create = NULL;
  g_autoptr(JsonNode) patched = NULL;
  g_autoptr(JsonNode) allowed = NULL;
  g_autoptr(JsonNode) invalid = NULL;
  g_autoptr(JsonNode) profile = NULL;
  JsonArray *list;
  guint status;

  register_business (email, &admin);

  roles = call ("GET", "/api/v1/roles", admin.access, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  list = json_object_get_array_member (object (roles), "roles");
  g_assert_cmpuint (json_array_get_length (list), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "name"), ==, "admin");

  invite (admin.access, "viewer", NULL, NULL, &viewer);

  /* The viewer reads, but not the users; the refusal names the permission. */
  denied = call ("GET", "/api/v1/users", viewer.access, NULL, &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_nonnull (strstr (assert_error (denied, "forbidden", NULL), "users:read"));
  denied_create = call ("POST", "/api/v1/users", viewer.access,
                        "{\"name\":\"X\",\"email\":\"x@example.com\",\"role\":\"admin\"}", &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_nonnull (strstr (assert_error (denied_create, "forbidden", NULL), "users:create"));

  /* An extra permission, given by the admin, takes effect at once. */
  path = g_strdup_printf ("/api/v1/users/%s", viewer.user_id);
  invalid = call ("PATCH", path, admin.access, "{\"permissions\":[\"users:fly\"]}", &status);
  g_assert_cmpuint (status, ==, 422);
  assert_error (invalid, "invalid", "permissions");

  patched = call ("PATCH", path, admin.access, "{\"permissions\":[\"users:read\"]}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object (patched), "permissions"), 0),
                   ==, "users:read");

  allowed = call ("GET", "/api/v1/users", viewer.access, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (allowed), "users")), ==, 2);

  profile = call ("GET", "/api/v1/auth/profile", viewer.access, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (object (profile), "role"), ==, "viewer");

  /* A role change is an audited update of the user, through mkt-core. */
  {
    g_autoptr(JsonNode) promoted = call ("PATCH", path, admin.access, "{\"role\":\"manager\"}", &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (object (promoted), "role"), ==, "manager");
  }
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE entity = 'user' AND entity_id = '%s'"
                         " AND action = 'update'", viewer.user_id);
  value = db_value (sql);
  g_assert_cmpstr (value, ==, "1");

  {
    g_autoptr(JsonNode) bad_role = call ("PATCH", path, admin.access, "{\"role\":\"king\"}", &status);

    g_assert_cmpuint (status, ==, 422);
    assert_error (bad_role, "invalid", "role");
  }
}

static void
test_tenant_isolation (void)
{
  g_auto(Tokens) a = { NULL, };
  g_auto(Tokens) b = { NULL, };
  g_autofree char *email_a = unique_email ("tenant-a");
  g_autofree char *email_b = unique_email ("tenant-b");
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) users = NULL;
  g_autoptr(JsonNode) patched = NULL;
  JsonArray *list;
  guint status;

  register_business (email_a, &a);
  register_business (email_b, &b);

  users = call ("GET", "/api/v1/users", b.access, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  list = json_object_get_array_member (object (users), "users");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "id"), ==, b.user_id);

  path = g_strdup_printf ("/api/v1/users/%s", a.user_id);
  patched = call ("PATCH", path, b.access, "{\"disabled\":true}", &status);
  g_assert_cmpuint (status, ==, 404);
  assert_error (patched, "not_found", NULL);

  /* A still logs in: B changed nothing. */
  g_assert_cmpuint (login (email_a, PASSWORD, NULL, NULL), ==, 200);
}

static void
test_register_validation (void)
{
  g_autofree char *long_password = g_strnfill (1025, 'x');
  g_autofree char *too_long = NULL;
  struct
  {
    const char *body;
    const char *field;
  } cases[] = {
    { "{\"business_name\":\"W\",\"currency\":\"EUR\",\"name\":\"A\",\"email\":\"not-an-email\","
      "\"password\":\"" PASSWORD "\"}", "email" },
    { "{\"business_name\":\"W\",\"currency\":\"EUR\",\"name\":\"A\",\"email\":\"short@example.com\","
      "\"password\":\"short\"}", "password" },
    { NULL, "password" },
    { "{\"currency\":\"EUR\",\"name\":\"A\",\"email\":\"a@example.com\",\"password\":\"" PASSWORD "\"}",
      "business_name" },
    { "{\"business_name\":\"W\",\"currency\":\"EURO\",\"name\":\"A\",\"email\":\"a@example.com\","
      "\"password\":\"" PASSWORD "\"}", "currency" },
    { "{\"business_name\":\"W\",\"currency\":\"EUR\",\"name\":42,\"email\":\"a@example.com\","
      "\"password\":\"" PASSWORD "\"}", "name" },
  };

  too_long = g_strdup_printf ("{\"business_name\":\"W\",\"currency\":\"EUR\",\"name\":\"A\","
                              "\"email\":\"long@example.com\",\"password\":\"%s\"}", long_password);
  cases[2].body = too_long;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = NULL;
      guint status;

      node = call ("POST", "/api/v1/auth/register", NULL, cases[i].body, &status);
      g_assert_cmpuint (status, ==, 422);
      assert_error (node, "invalid", cases[i].field);
    }

  /* Nothing of them was kept. */
  {
    g_autofree char *value = db_value ("SELECT count(*) FROM credential WHERE email IN"
                                       " ('short@example.com', 'long@example.com', 'a@example.com')");

    g_assert_cmpstr (value, ==, "0");
  }
}

/* An API read carries the user's state in its own round trip rather than
 * reading it first: its answer still follows the database, not the
 * token's claims — a role changed or extra permissions given since the
 * token was issued, and a user disabled, count at once. */
static void
test_reads_follow_database (void)
{
  g_auto(Tokens) admin = { NULL, };
  g_auto(Tokens) manager = { NULL, };
  g_autofree char *email = unique_email ("reads");
  g_autofree char *path = NULL;
  const char *list = "/api/v1/inventory/materials?limit=5";
  guint status;

  register_business (email, &admin);
  invite (admin.access, "manager", NULL, NULL, &manager);
  path = g_strdup_printf ("/api/v1/users/%s", manager.user_id);

  {
    g_autoptr(JsonNode) materials = call ("GET", list, manager.access, NULL, &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_true (json_object_has_member (object (materials), "items"));
  }
  {
    g_autoptr(JsonNode) audit = call ("GET", "/api/v1/audit", manager.access, NULL, &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_true (json_object_has_member (object (audit), "items"));
  }

  /* Extra permissions on top of the role change no read's answer. */
  {
    g_autoptr(JsonNode) patched = call ("PATCH", path, admin.access,
                                        "{\"permissions\":[\"users:read\"]}", &status);

    g_assert_cmpuint (status, ==, 200);
  }
  {
    g_autoptr(JsonNode) materials = call ("GET", list, manager.access, NULL, &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_true (json_object_has_member (object (materials), "items"));
  }

  /* Demoted: the token still says manager. */
  {
    g_autoptr(JsonNode) patched = call ("PATCH", path, admin.access, "{\"role\":\"viewer\"}", &status);

    g_assert_cmpuint (status, ==, 200);
  }
  {
    g_autoptr(JsonNode) audit = call ("GET", "/api/v1/audit", manager.access, NULL, &status);

    g_assert_cmpuint (status, ==, 403);
    assert_error (audit, "forbidden", NULL);
  }
  {
    g_autoptr(JsonNode) materials = call ("GET", list, manager.access, NULL, &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_true (json_object_has_member (object (materials), "items"));
  }

  /* Given the permission back as an extra one. */
  {
    g_autoptr(JsonNode) patched = call ("PATCH", path, admin.access,
                                        "{\"permissions\":[\"audit_logs:view\"]}", &status);

    g_assert_cmpuint (status, ==, 200);
  }
  {
    g_autoptr(JsonNode) audit = call ("GET", "/api/v1/audit", manager.access, NULL, &status);

    g_assert_cmpuint (status, ==, 200);
  }

  /* Disabled: refused at once, lists and single rows alike. */
  {
    g_autoptr(JsonNode) patched = call ("PATCH", path, admin.access, "{\"disabled\":true}", &status);

    g_assert_cmpuint (status, ==, 200);
  }
  {
    g_autoptr(JsonNode) materials = call ("GET", list, manager.access, NULL, &status);

    g_assert_cmpuint (status, ==, 401);
  }
  {
    g_autoptr(JsonNode) one = call ("GET", "/api/v1/inventory/materials/0190a8e4-0000-7000-8000-000000000000",
                                    manager.access, NULL, &status);

    g_assert_cmpuint (status, ==, 401);
  }
}

static void
test_disabled_user (void)
{
  g_auto(Tokens) admin = { NULL, };
  g_auto(Tokens) crafter = { NULL, };
  g_autofree char *email = unique_email ("disable");
  g_autofree char *crafter_email = NULL;
  g_autofree char *crafter_password = NULL;
  g_autofree char *path = NULL;
  g_autofree char *self_path = NULL;
  g_autoptr(JsonNode) patched = NULL;
  g_autoptr(JsonNode) profile = NULL;
  g_autoptr(JsonNode) self = NULL;
  g_autoptr(JsonNode) failed = NULL;
  g_autoptr(JsonNode) unknown = NULL;
  guint status;

  register_business (email, &admin);
  invite (admin.access, "crafter", &crafter_email, &crafter_password, &crafter);

  path = g_strdup_printf ("/api/v1/users/%s", crafter.user_id);
  patched = call ("PATCH", path, admin.access, "{\"disabled\":true}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (json_object_get_boolean_member (object (patched), "disabled"));

  /* No login (the same answer as a wrong password), no refresh, and the
   * access token still in hand is refused at once. */
  g_assert_cmpuint (login (crafter_email, crafter_password, NULL, &failed), ==, 401);
  g_assert_cmpuint (login ("nobody.at.all@example.com", crafter_password, NULL, &unknown), ==, 401);
  g_assert_true (json_node_equal (failed, unknown));
  g_assert_cmpuint (refresh (crafter.refresh, NULL), ==, 401);
  profile = call ("GET", "/api/v1/auth/profile", crafter.access, NULL, &status);
  g_assert_cmpuint (status, ==, 401);

  /* An admin cannot lock themselves out. */
  self_path = g_strdup_printf ("/api/v1/users/%s", admin.user_id);
  self = call ("PATCH", self_path, admin.access, "{\"disabled\":true}", &status);
  g_assert_cmpuint (status, ==, 422);
  assert_error (self, "invalid", "disabled");

  /* Enabled again, the user logs in again. */
  {
    g_autoptr(JsonNode) enabled = call ("PATCH", path, admin.access, "{\"disabled\":false}", &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (login (crafter_email, crafter_password, NULL, NULL), ==, 200);
  }
}

/* The application role, in plain SQL: no credential or refresh token is
 * readable without its tenant, but for the one row whose exact email (or
 * token hash) the transaction names, and that one only for reading. */
static void
test_row_security (void)
{
  g_auto(Tokens) tokens = { NULL, };
  g_autofree char *email = unique_email ("rls");
  g_autoptr(PGconn) app = mkt_pg_test_connect (shared.db.app);
  g_autofree char *sql = NULL;
  g_autofree char *value = NULL;
  g_autofree char *hash = NULL;

  register_business (email, &tokens);

  value = mkt_pg_test_query_value (app, "SELECT count(*) FROM credential");
  g_assert_cmpstr (value, ==, "0");
  g_clear_pointer (&value, g_free);
  value = mkt_pg_test_query_value (app, "SELECT count(*) FROM refresh_token");
  g_assert_cmpstr (value, ==, "0");
  g_clear_pointer (&value, g_free);

  sql = g_strdup_printf ("SELECT set_config ('app.login_email', '%s', true);"
                         " SELECT count(*) FROM credential", email);
  value = mkt_pg_test_query_value (app, sql);
  g_assert_cmpstr (value, ==, "1");
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&sql, g_free);

  sql = g_strdup_printf ("SELECT set_config ('app.login_email', '%s', true);"
                         " WITH changed AS (UPDATE credential SET disabled = true RETURNING 1)"
                         " SELECT count(*) FROM changed", email);
  value = mkt_pg_test_query_value (app, sql);
  g_assert_cmpstr (value, ==, "0");
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&sql, g_free);

  sql = g_strdup_printf ("SELECT count(*) FROM mkt_auth_find_login ('%s')", email);
  value = mkt_pg_test_query_value (app, sql);
  g_assert_cmpstr (value, ==, "1");
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&sql, g_free);
  value = mkt_pg_test_query_value (app, "SELECT count(*) FROM credential");
  g_assert_cmpstr (value, ==, "0");
  g_clear_pointer (&value, g_free);

  hash = mkt_token_hash_refresh (tokens.refresh);
  sql = g_strdup_printf ("SELECT tenant_id FROM mkt_auth_find_refresh ('%s')", hash);
  value = mkt_pg_test_query_value (app, sql);
  g_assert_cmpstr (value, ==, tokens.tenant_id);

  /* Still enabled: the update above changed nothing. */
  g_assert_cmpuint (login (email, PASSWORD, NULL, NULL), ==, 200);
}

/* Last: everything the tests sent and got is in the log by now. */
static void
test_logs_hold_no_secrets (void)
{
  g_autofree char *log = NULL;

  g_assert_true (g_file_get_contents (shared.log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "\"route\":\"/api/v1/auth/login\""));
  g_assert_nonnull (strstr (log, "\"event\":\"refresh_token_reuse\""));
  g_assert_null (strstr (log, PASSWORD));
  g_assert_cmpuint (shared.secrets->len, >, 10);
  for (guint i = 0; i < shared.secrets->len; i++)
    g_assert_null (strstr (log, g_ptr_array_index (shared.secrets, i)));

  /* Authenticated requests are logged with their tenant and user. */
  g_assert_true (g_regex_match_simple ("\"route\":\"/api/v1/users\",\"path\":\"/api/v1/users\","
                                       "\"status\":200,[^\n]*\"tenant\":\"[0-9a-f-]{36}\","
                                       "\"user\":\"[0-9a-f-]{36}\"",
                                       log, 0, 0));
}

/* The server ------------------------------------------------------------------ */

static void
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

static void
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

int
main (int    argc,
      char **argv)
{
  int status;

  if (!mkt_pg_test_init (&argc, &argv, &status))
    return status;

  mkt_pg_test_db_setup (&shared.db, NULL);
  mkt_pg_test_migrate (&shared.db);
  server_start ();

  g_test_add_func ("/server/auth/register-profile", test_register_profile);
  g_test_add_func ("/server/auth/login", test_login);
  g_test_add_func ("/server/auth/refresh-rotation", test_refresh_rotation);
  g_test_add_func ("/server/auth/logout", test_logout);
  g_test_add_func ("/server/auth/bad-access-tokens", test_bad_access_tokens);
  g_test_add_func ("/server/auth/roles-permissions", test_roles_and_permissions);
  g_test_add_func ("/server/auth/tenant-isolation", test_tenant_isolation);
  g_test_add_func ("/server/auth/register-validation", test_register_validation);
  g_test_add_func ("/server/auth/disabled-user", test_disabled_user);
  g_test_add_func ("/server/auth/reads-follow-database", test_reads_follow_database);
  g_test_add_func ("/server/auth/row-security", test_row_security);
  g_test_add_func ("/server/auth/logs", test_logs_hold_no_secrets);

  status = g_test_run ();

  server_stop ();
  mkt_pg_test_db_teardown (&shared.db, NULL);
  return status;
}
