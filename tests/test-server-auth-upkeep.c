/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server-auth"

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mkt-pg.h"
#include "mkt-pg-test-utils.h"
#include "mkt-token.h"
#include "test-server-auth-utils.h"

/* Accounts, against the real market-server and a migrated database: what
 * their upkeep leaves. Changes of an account (an invitation, a role, extra
 * permissions, disabling, a password) are in the tenant's audit log, read
 * through GET /api/v1/audit, without a secret; a login or a refresh
 * removes its user's long expired refresh tokens and nothing else, and
 * reuse detection still works; a list's refused parameter is named once.
 * The server and helpers: test-server-auth-utils.c. */

#define NEW_PASSWORD "a brand new passphrase"

/* As the tables' owner, in @tenant_id's name: row security binds the owner
 * too (FORCE), so this is how a test reaches a tenant's tokens in plain
 * SQL. @sql's last statement gives one value. */
static char *
owner_value (const char *tenant_id,
             const char *sql)
{
  g_autoptr(PGconn) owner = mkt_pg_test_connect (shared.db.owner);
  g_autofree char *full = g_strdup_printf ("SELECT set_config ('app.current_tenant_id', '%s', true); %s",
                                           tenant_id, sql);

  return mkt_pg_test_query_value (owner, full);
}

/* Makes a refresh token look as if it expired @ago ('2 days') ago. */
static void
expire_token (const char *tenant_id,
              const char *token,
              const char *ago)
{
  g_autofree char *hash = mkt_token_hash_refresh (token);
  g_autofree char *sql = g_strdup_printf ("WITH changed AS (UPDATE refresh_token"
                                          " SET expires_at = now () - interval '%s'"
                                          " WHERE token_hash = '%s' RETURNING 1)"
                                          " SELECT count(*) FROM changed", ago, hash);
  g_autofree char *changed = owner_value (tenant_id, sql);

  g_assert_cmpstr (changed, ==, "1");
}

/* Whether a refresh token's row is still there. */
static gboolean
token_kept (const char *token)
{
  g_autofree char *hash = mkt_token_hash_refresh (token);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM refresh_token WHERE token_hash = '%s'", hash);
  g_autofree char *count = db_value (sql);

  return g_str_equal (count, "1");
}

/* The audit rows GET /api/v1/audit?@filter shows, newest first. */
static JsonNode *
audit_rows (const char *token,
            const char *filter,
            guint       expected)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/audit?%s", filter);
  JsonNode *node;
  guint status;

  node = call ("GET", path, token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (node), "items")), ==, expected);
  return node;
}

static JsonObject *
audit_row (JsonNode *rows,
           guint     index)
{
  return json_array_get_object_element (json_object_get_array_member (object (rows), "items"), index);
}

/* A row's old_values or new_values as compact JSON text ("null" if none). */
static char *
values_text (JsonObject *row,
             const char *member)
{
  JsonNode *node = json_object_get_member (row, member);

  g_assert_nonnull (node);
  return json_to_string (node, FALSE);
}

static void
assert_audit_row (JsonObject *row,
                  const char *user_id,
                  const char *action,
                  const char *entity,
                  const char *entity_id,
                  const char *old_values,
                  const char *new_values)
{
  g_autofree char *old_text = values_text (row, "old_values");
  g_autofree char *new_text = values_text (row, "new_values");

  g_assert_cmpstr (json_object_get_string_member (row, "user_id"), ==, user_id);
  g_assert_cmpstr (json_object_get_string_member (row, "action"), ==, action);
  g_assert_cmpstr (json_object_get_string_member (row, "entity"), ==, entity);
  g_assert_cmpstr (json_object_get_string_member (row, "entity_id"), ==, entity_id);
  g_assert_cmpstr (old_text, ==, old_values);
  g_assert_cmpstr (new_text, ==, new_values);
}

static void
test_account_changes_audited (void)
{
  g_auto(Tokens) admin = { NULL, };
  g_auto(Tokens) viewer = { NULL, };
  g_auto(Tokens) after = { NULL, };
  g_autofree char *email = unique_email ("audit");
  g_autofree char *viewer_email = NULL;
  g_autofree char *viewer_password = NULL;
  g_autofree char *path = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *body = NULL;
  guint status;

  register_business (email, &admin);

  /* An invitation with an extra permission: the user's row and its
   * credential, both created by the admin. */
  {
    g_autofree char *invitation = NULL;
    g_autoptr(JsonNode) invited = NULL;

    viewer_email = unique_email ("invited");
    invitation = g_strdup_printf ("{\"name\":\"Vi\",\"email\":\"%s\",\"role\":\"viewer\","
                                  "\"permissions\":[\"users:read\"]}", viewer_email);
    invited = call ("POST", "/api/v1/users", admin.access, invitation, &status);
    g_assert_cmpuint (status, ==, 201);
    viewer_password = g_strdup (json_object_get_string_member (object (invited), "temporary_password"));
    g_ptr_array_add (shared.secrets, g_strdup (viewer_password));
    g_assert_cmpuint (login (viewer_email, viewer_password, &viewer, NULL), ==, 200);
  }

  filter = g_strdup_printf ("entity=credential&entity_id=%s", viewer.user_id);
  {
    g_autoptr(JsonNode) rows = audit_rows (admin.access, filter, 1);
    g_autofree char *user_filter = g_strdup_printf ("entity=user&entity_id=%s", viewer.user_id);
    g_autoptr(JsonNode) user_rows = audit_rows (admin.access, user_filter, 1);

    assert_audit_row (audit_row (rows, 0), admin.user_id, "create", "credential", viewer.user_id,
                      "null", "{\"permissions\":[\"users:read\"],\"disabled\":false}");
    g_assert_cmpstr (json_object_get_string_member (audit_row (user_rows, 0), "action"), ==, "create");
    g_assert_cmpstr (json_object_get_string_member (audit_row (user_rows, 0), "user_id"), ==, admin.user_id);
  }

  /* Role, extra permissions and disabled at once: the role is the user
   * row's update, the rest the credential's, changed fields only. */
  path = g_strdup_printf ("/api/v1/users/%s", viewer.user_id);
  {
    g_autoptr(JsonNode) patched = call ("PATCH", path, admin.access,
                                        "{\"role\":\"manager\",\"permissions\":[\"audit_logs:view\"],"
                                        "\"disabled\":true}", &status);
    g_autofree char *user_filter = g_strdup_printf ("entity=user&entity_id=%s&action=update", viewer.user_id);
    g_autofree char *updates = g_strdup_printf ("%s&action=update", filter);
    g_autoptr(JsonNode) user_rows = NULL;
    g_autoptr(JsonNode) rows = NULL;
    g_autofree char *old_role = NULL;
    g_autofree char *new_role = NULL;

    g_assert_cmpuint (status, ==, 200);
    user_rows = audit_rows (admin.access, user_filter, 1);
    old_role = values_text (audit_row (user_rows, 0), "old_values");
    new_role = values_text (audit_row (user_rows, 0), "new_values");
    g_assert_cmpstr (json_object_get_string_member (audit_row (user_rows, 0), "user_id"), ==, admin.user_id);
    g_assert_cmpstr (old_role, ==, "{\"role\":\"viewer\"}");
    g_assert_cmpstr (new_role, ==, "{\"role\":\"manager\"}");

    rows = audit_rows (admin.access, updates, 1);
    assert_audit_row (audit_row (rows, 0), admin.user_id, "update", "credential", viewer.user_id,
                      "{\"permissions\":[\"users:read\"],\"disabled\":false}",
                      "{\"permissions\":[\"audit_logs:view\"],\"disabled\":true}");
  }

  /* A change of nothing leaves nothing; enabling again, only what changed. */
  {
    g_autoptr(JsonNode) same = call ("PATCH", path, admin.access,
                                     "{\"permissions\":[\"audit_logs:view\"],\"disabled\":true}", &status);
    g_autoptr(JsonNode) enabled = NULL;
    g_autoptr(JsonNode) rows = NULL;

    g_assert_cmpuint (status, ==, 200);
    json_node_unref (audit_rows (admin.access, filter, 2));
    enabled = call ("PATCH", path, admin.access, "{\"disabled\":false}", &status);
    g_assert_cmpuint (status, ==, 200);
    rows = audit_rows (admin.access, filter, 3);
    assert_audit_row (audit_row (rows, 0), admin.user_id, "update", "credential", viewer.user_id,
                      "{\"disabled\":true}", "{\"disabled\":false}");
  }

  /* The user changes their own password: a wrong current one changes and
   * audits nothing; the right one is audited as the user's own act. */
  g_assert_cmpuint (login (viewer_email, viewer_password, &viewer, NULL), ==, 200);
  {
    g_autoptr(JsonNode) wrong = call ("POST", "/api/v1/auth/password", viewer.access,
                                      "{\"current_password\":\"not the one at all\","
                                      "\"new_password\":\"" NEW_PASSWORD "\"}", &status);
    g_autoptr(JsonNode) changed = NULL;
    g_autoptr(JsonNode) rows = NULL;

    g_assert_cmpuint (status, ==, 422);
    assert_error (wrong, "invalid", "current_password");
    json_node_unref (audit_rows (admin.access, filter, 3));

    body = g_strdup_printf ("{\"current_password\":\"%s\",\"new_password\":\"" NEW_PASSWORD "\"}",
                            viewer_password);
    changed = call ("POST", "/api/v1/auth/password", viewer.access, body, &status);
    g_assert_cmpuint (status, ==, 200);
    read_tokens (changed, &after);
    rows = audit_rows (admin.access, filter, 4);
    assert_audit_row (audit_row (rows, 0), viewer.user_id, "update", "credential", viewer.user_id,
                      "null", "{\"password_changed\":true,\"refresh_tokens_revoked\":1}");
  }

  /* Nothing secret in the whole log: no password, no hash, no token, nor
   * any token's hash; and credentials are audited, never synced. */
  {
    g_autoptr(JsonNode) all = audit_rows (admin.access, "limit=100", 9);
    g_autofree char *text = json_to_string (all, FALSE);
    g_autofree char *sql = g_strdup_printf ("SELECT string_agg (password_hash, ' ') FROM credential"
                                            " WHERE tenant_id = '%s'", admin.tenant_id);
    g_autofree char *hashes = db_value (sql);
    g_auto(GStrv) each = g_strsplit (hashes, " ", -1);
    g_autofree char *token_sql = g_strdup_printf ("SELECT string_agg (token_hash, ' ') FROM refresh_token"
                                                  " WHERE tenant_id = '%s'", admin.tenant_id);
    g_autofree char *token_hashes = db_value (token_sql);
    g_auto(GStrv) each_token = g_strsplit (token_hashes, " ", -1);
    g_autofree char *synced_sql = g_strdup_printf ("SELECT count(*) FROM change WHERE tenant_id = '%s'"
                                                   " AND entity = 'credential'", admin.tenant_id);
    g_autofree char *synced = db_value (synced_sql);

    g_assert_cmpuint (g_strv_length (each), ==, 2);
    g_assert_cmpuint (g_strv_length (each_token), >=, 4);
    g_assert_null (strstr (text, PASSWORD));
    g_assert_null (strstr (text, NEW_PASSWORD));
    g_assert_null (strstr (text, viewer_password));
    g_assert_null (strstr (text, "$argon2"));
    g_assert_null (strstr (text, "password_hash"));
    for (guint i = 0; each[i] != NULL; i++)
      g_assert_null (strstr (text, each[i]));
    for (guint i = 0; each_token[i] != NULL; i++)
      g_assert_null (strstr (text, each_token[i]));
    for (guint i = 0; i < shared.secrets->len; i++)
      g_assert_null (strstr (text, g_ptr_array_index (shared.secrets, i)));
    g_assert_cmpstr (synced, ==, "0");
  }

  /* The new password works, the old one no longer does. */
  g_assert_cmpuint (login (viewer_email, NEW_PASSWORD, NULL, NULL), ==, 200);
  g_assert_cmpuint (login (viewer_email, viewer_password, NULL, NULL), ==, 401);
}

/* A login or a refresh removes its user's refresh tokens that expired more
 * than a day ago, and only those: not the recently expired ones (a used
 * one still revokes its family when presented again), not another user's,
 * not another tenant's. */
static void
test_expired_refresh_tokens (void)
{
  g_auto(Tokens) registered = { NULL, };
  g_auto(Tokens) l1 = { NULL, };
  g_auto(Tokens) l2 = { NULL, };
  g_auto(Tokens) l3 = { NULL, };
  g_auto(Tokens) l5 = { NULL, };
  g_auto(Tokens) l6 = { NULL, };
  g_auto(Tokens) l7 = { NULL, };
  g_auto(Tokens) l8 = { NULL, };
  g_auto(Tokens) l9 = { NULL, };
  g_auto(Tokens) l10 = { NULL, };
  g_auto(Tokens) colleague = { NULL, };
  g_auto(Tokens) stranger = { NULL, };
  g_autofree char *email = unique_email ("upkeep");
  g_autofree char *stranger_email = unique_email ("stranger");

  register_business (email, &registered);
  g_assert_cmpuint (login (email, PASSWORD, &l1, NULL), ==, 200);
  g_assert_cmpuint (refresh (l1.refresh, &l2), ==, 200);
  g_assert_cmpuint (login (email, PASSWORD, &l3, NULL), ==, 200);
  g_assert_cmpuint (login (email, PASSWORD, &l5, NULL), ==, 200);
  g_assert_cmpuint (refresh (l5.refresh, &l6), ==, 200);
  g_assert_cmpuint (login (email, PASSWORD, &l7, NULL), ==, 200);
  g_assert_cmpuint (refresh (l7.refresh, &l8), ==, 200);
  invite (registered.access, "crafter", NULL, NULL, &colleague);
  register_business (stranger_email, &stranger);

  /* Long expired: the registration's token (never used) and a rotated
   * one (whose successor l8 is good); a colleague's and another
   * business's too. Recently expired: l3 (unused), l5 (rotated: l6 is its
   * good successor). */
  expire_token (registered.tenant_id, registered.refresh, "2 days");
  expire_token (registered.tenant_id, l7.refresh, "3 days");
  expire_token (registered.tenant_id, colleague.refresh, "2 days");
  expire_token (stranger.tenant_id, stranger.refresh, "2 days");
  expire_token (registered.tenant_id, l3.refresh, "1 hour");
  expire_token (registered.tenant_id, l5.refresh, "1 hour");

  g_assert_cmpuint (login (email, PASSWORD, &l9, NULL), ==, 200);

  g_assert_false (token_kept (registered.refresh));
  g_assert_false (token_kept (l7.refresh));
  {
    const char *kept[] = { l1.refresh, l2.refresh, l3.refresh, l5.refresh, l6.refresh, l8.refresh,
                           l9.refresh, colleague.refresh, stranger.refresh };

    for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
      g_assert_true (token_kept (kept[i]));
  }

  /* Reuse detection still works: a rotated token that is still good, and
   * one that expired an hour ago, each revoke their family. */
  g_assert_cmpuint (refresh (l1.refresh, NULL), ==, 401);
  g_assert_cmpuint (refresh (l2.refresh, NULL), ==, 401);
  g_assert_cmpuint (refresh (l5.refresh, NULL), ==, 401);
  g_assert_cmpuint (refresh (l6.refresh, NULL), ==, 401);
  /* Gone, a token is only unknown; the expired l3 is refused too. */
  g_assert_cmpuint (refresh (registered.refresh, NULL), ==, 401);
  g_assert_cmpuint (refresh (l3.refresh, NULL), ==, 401);

  /* l8's family lives on without its removed predecessor; a refresh does
   * the upkeep too, in its own transaction. */
  expire_token (registered.tenant_id, l3.refresh, "25 hours");
  g_assert_cmpuint (refresh (l8.refresh, &l10), ==, 200);
  g_assert_false (token_kept (l3.refresh));
  g_assert_true (token_kept (l8.refresh));
  g_assert_true (token_kept (l10.refresh));
  g_assert_true (token_kept (l9.refresh));
  g_assert_true (token_kept (colleague.refresh));
  g_assert_cmpuint (refresh (l9.refresh, NULL), ==, 200);

  /* The application role deletes a refresh token only in its tenant. */
  {
    g_autoptr(PGconn) app = mkt_pg_test_connect (shared.db.app);
    g_autofree char *hash = mkt_token_hash_refresh (stranger.refresh);
    g_autofree char *sql = g_strdup_printf ("SELECT set_config ('app.current_tenant_id', '%s', true);"
                                            " WITH gone AS (DELETE FROM refresh_token WHERE token_hash = '%s'"
                                            " RETURNING 1) SELECT count(*) FROM gone",
                                            registered.tenant_id, hash);
    g_autofree char *gone = mkt_pg_test_query_value (app, sql);

    g_assert_cmpstr (gone, ==, "0");
    g_assert_true (token_kept (stranger.refresh));
  }
}

static void
assert_bad_parameter (const char *token,
                      const char *path,
                      const char *field,
                      const char *message)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *twice = g_strdup_printf ("%s: %s", field, field);
  const char *said;
  guint status;

  node = call ("GET", path, token, NULL, &status);
  g_assert_cmpuint (status, ==, 400);
  said = assert_error (node, "bad_request", field);
  g_assert_true (g_str_has_prefix (said, field));
  g_assert_null (strstr (said, twice));
  if (message != NULL)
    g_assert_cmpstr (said, ==, message);
  else
    g_assert_true (g_str_has_prefix (said + strlen (field), ": “"));
}

/* A refused list parameter is named once, with or without an operator. */
static void
test_list_parameter_errors (void)
{
  g_auto(Tokens) admin = { NULL, };
  g_autofree char *email = unique_email ("params");

  register_business (email, &admin);

  assert_bad_parameter (admin.access, "/api/v1/audit?entity_id=nope", "entity_id",
                        "entity_id: “nope” is not an id");
  assert_bad_parameter (admin.access, "/api/v1/audit?entity_id%5Bne%5D=nope", "entity_id[ne]",
                        "entity_id[ne]: “nope” is not an id");
  assert_bad_parameter (admin.access, "/api/v1/audit?action=fly", "action",
                        "action: “fly” is not one of create, update, delete, restore, purge, cost");
  assert_bad_parameter (admin.access, "/api/v1/audit?created_at%5Bgte%5D=yesterday", "created_at[gte]", NULL);
  assert_bad_parameter (admin.access, "/api/v1/inventory/materials?purchase_price=cheap", "purchase_price",
                        "purchase_price: “cheap” is not a whole number of minor units (cents)");
  assert_bad_parameter (admin.access, "/api/v1/inventory/materials?kind%5Bne%5D=fur", "kind[ne]",
                        "kind[ne]: “fur” is not one of yarn, fabric, fibre, bead, finding, notion, packaging, "
                        "tool, other");

  /* A bulk update's filter names its member once too. */
  {
    g_autoptr(JsonNode) node = NULL;
    guint status;

    node = call ("PUT", "/api/v1/inventory/materials/bulk", admin.access,
                 "{\"filter\":{\"kind\":\"fur\"},\"updates\":{\"notes\":\"x\"}}", &status);
    g_assert_cmpuint (status, ==, 400);
    g_assert_cmpstr (assert_error (node, "bad_request", "filter.kind"), ==,
                     "filter.kind: “fur” is not one of yarn, fabric, fibre, bead, finding, notion, packaging, "
                     "tool, other");
  }
}

/* Last: what the tests above did left no secret in the server's log, and
 * no error or warning of GLib's (a critical is an error line). */
static void
test_logs (void)
{
  g_autofree char *log = NULL;

  g_assert_true (g_file_get_contents (shared.log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "\"route\":\"/api/v1/auth/password\""));
  g_assert_null (strstr (log, PASSWORD));
  g_assert_null (strstr (log, NEW_PASSWORD));
  g_assert_null (strstr (log, "\"level\":\"error\""));
  g_assert_null (strstr (log, "\"level\":\"warning\",\"event\":\"log\""));
  for (guint i = 0; i < shared.secrets->len; i++)
    g_assert_null (strstr (log, g_ptr_array_index (shared.secrets, i)));
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

  g_test_add_func ("/server/auth/account-changes-audited", test_account_changes_audited);
  g_test_add_func ("/server/auth/expired-refresh-tokens", test_expired_refresh_tokens);
  g_test_add_func ("/server/auth/list-parameter-errors", test_list_parameter_errors);
  g_test_add_func ("/server/auth/upkeep-logs", test_logs);

  status = g_test_run ();

  server_stop ();
  mkt_pg_test_db_teardown (&shared.db, NULL);
  return status;
}
