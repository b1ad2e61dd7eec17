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

/* This program: roles and permissions, disabled users, reads that follow
 * the database, and row security. The rest: test-server-auth.c and
 * test-server-auth-upkeep.c; the server and helpers:
 * test-server-auth-utils.c. */

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

  g_test_add_func ("/server/auth/roles-permissions", test_roles_and_permissions);
  g_test_add_func ("/server/auth/disabled-user", test_disabled_user);
  g_test_add_func ("/server/auth/reads-follow-database", test_reads_follow_database);
  g_test_add_func ("/server/auth/row-security", test_row_security);

  status = g_test_run ();

  server_stop ();
  mkt_pg_test_db_teardown (&shared.db, NULL);
  return status;
}
