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

/* Accounts, tokens and roles, against the real market-server and a
 * migrated database: /api/v1/auth/{register,login,refresh,logout,profile},
 * /api/v1/users, /api/v1/roles, and the authentication every route with a
 * permission goes through. One server serves every test (each registers
 * businesses of its own, with emails of its own); its log is checked last
 * for secrets. */

/* This program: registration, login, refresh tokens, logout, bad access
 * tokens, tenants kept apart, and the log check (last: it reads what the
 * tests before it did). The rest: test-server-auth-roles.c and
 * test-server-auth-upkeep.c; the server and helpers:
 * test-server-auth-utils.c. */

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
  g_test_add_func ("/server/auth/tenant-isolation", test_tenant_isolation);
  g_test_add_func ("/server/auth/register-validation", test_register_validation);
  g_test_add_func ("/server/auth/logs", test_logs_hold_no_secrets);

  status = g_test_run ();

  server_stop ();
  mkt_pg_test_db_teardown (&shared.db, NULL);
  return status;
}
