/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-auth"

#include "config.h"

#include <string.h>

#include "mkt-auth-private.h"
#include "mkt-error.h"
#include "mkt-password.h"
#include "mkt-token.h"
#include "mkt-uuid.h"

/* /api/v1/users and /api/v1/roles: the business's people, for admins. A
 * user is mkt-core's `user` row (written through a session, so audited and
 * checked against the caller's permissions); its credentials (email,
 * password hash, extra permissions, disabled) are the server's, audited
 * through the same session as the entity "credential" with the user's id
 * (mkt_session_audit): their extra permissions and disabled state, never
 * the password or its hash. */

/* The user as the API shows it: the row, with its account's state. */
static JsonNode *
user_json (MktRecord  *user,
           gboolean    disabled,
           const char *permissions)
{
  g_autoptr(JsonObject) object = mkt_record_to_json (user);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  json_object_set_boolean_member (object, "disabled", disabled);
  if (permissions != NULL && json_parser_load_from_data (parser, permissions, -1, NULL))
    json_object_set_member (object, "permissions", json_parser_steal_root (parser));
  else
    json_object_set_array_member (object, "permissions", json_array_new ());

  return json_node_init_object (json_node_alloc (), object);
}

static void
credential_state (PGresult    *result,
                  const char  *user_id,
                  gboolean    *out_disabled,
                  const char **out_permissions)
{
  *out_disabled = FALSE;
  *out_permissions = NULL;
  for (int i = 0; i < PQntuples (result); i++)
    if (g_str_equal (PQgetvalue (result, i, 0), user_id))
      {
        *out_disabled = g_str_equal (PQgetvalue (result, i, 1), "t");
        *out_permissions = PQgetvalue (result, i, 2);
        return;
      }
}

static PGresult *
read_credentials (MktPgStore  *store,
                  const char  *tenant_id,
                  const char  *user_id,
                  GError     **error)
{
  const char *params[] = { tenant_id, user_id };

  return mkt_auth_run (store, tenant_id, "Could not read the credentials",
                       "SELECT user_id, disabled, permissions FROM credential"
                       " WHERE tenant_id = $1 AND ($2::uuid IS NULL OR user_id = $2::uuid)",
                       2, params, error);
}

void
mkt_auth_users_list_handler (MktHttpRequest *request,
                             MktHttpWorker  *worker)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktSession) session = mkt_auth_get_session (request, worker, &error);
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(PGresult) credentials = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  /* A business has a handful of people: one page holds them. */
  mkt_query_set_limit (query, 1000);
  if (session != NULL)
    users = mkt_session_list (session, &mkt_user_spec, query, NULL, &error);
  if (users != NULL)
    credentials = read_credentials (MKT_PG_STORE (mkt_session_get_store (session)),
                                    request->tenant_id, NULL, &error);
  if (credentials == NULL)
    {
      mkt_auth_set_error (request, error);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "users");
  json_builder_begin_array (builder);
  for (guint i = 0; i < users->len; i++)
    {
      MktRecord *user = g_ptr_array_index (users, i);
      const char *permissions;
      gboolean disabled;

      credential_state (credentials, mkt_record_get_id (user), &disabled, &permissions);
      json_builder_add_value (builder, user_json (user, disabled, permissions));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  mkt_http_request_set_json (request, 200, json_builder_get_root (builder));
}

/* Extra permissions from the body: a JSON array mkt-core accepts, kept in
 * canonical form. */
static gboolean
parse_permissions (MktHttpRequest  *request,
                   JsonNode        *node,
                   char           **out_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktPermissionSet) set = NULL;
  g_autoptr(JsonNode) canonical = NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      mkt_http_request_set_error (request, 422, "invalid", "permissions",
                                  "permissions must be an array of \"resource:action\" strings");
      return FALSE;
    }

  set = mkt_permission_set_new_from_json (node, &error);
  if (set == NULL)
    {
      mkt_http_request_set_error (request, 422, "invalid", "permissions", "%s", error->message);
      return FALSE;
    }

  canonical = mkt_permission_set_to_json (set);
  *out_json = json_to_string (canonical, FALSE);
  return TRUE;
}

/* What an audit row shows of a credential: its extra permissions (the
 * canonical JSON array kept in the table) and whether it is disabled,
 * each only if given. */
static char *
credential_values (const char *permissions,
                   const char *disabled)
{
  GString *out = g_string_new ("{");

  if (permissions != NULL)
    g_string_append_printf (out, "\"permissions\":%s", permissions);
  if (disabled != NULL)
    g_string_append_printf (out, "%s\"disabled\":%s", permissions != NULL ? "," : "",
                            g_str_equal (disabled, "t") ? "true" : "false");
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* POST /api/v1/users: the invited user gets a temporary password, shown
 * once in the answer, for the admin to pass on. */
void
mkt_auth_users_invite_handler (MktHttpRequest *request,
                               MktHttpWorker  *worker)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktRecord) user = mkt_record_new (&mkt_user_spec);
  g_autoptr(PGresult) inserted = NULL;
  g_autofree char *user_id = mkt_uuid_new_v7 ();
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *permissions = NULL;
  g_autofree char *audited = NULL;
  const char *name, *email_text, *role;
  const char *params[5];
  JsonObject *body;
  JsonNode *node, *answer;
  MktPgStore *store;

  if ((body = mkt_auth_body (request)) == NULL ||
      !mkt_auth_body_string (request, body, "name", TRUE, &name) ||
      !mkt_auth_body_string (request, body, "email", TRUE, &email_text) ||
      !mkt_auth_body_string (request, body, "role", TRUE, &role))
    return;

  node = json_object_get_member (body, "permissions");
  if (node != NULL && !parse_permissions (request, node, &permissions))
    return;

  email = mkt_auth_normalize_email (email_text);
  mkt_record_set_id (user, user_id);
  mkt_record_set_string (user, "name", name);
  if (!mkt_record_set_from_text (user, "email", email, NULL, &error) ||
      !mkt_record_set_from_text (user, "role", role, NULL, &error))
    {
      mkt_auth_set_error (request, error);
      return;
    }

  password = mkt_token_new_refresh ();
  hash = mkt_password_hash (password, &error);
  session = hash != NULL ? mkt_auth_get_session (request, worker, &error) : NULL;
  if (session == NULL)
    {
      mkt_http_request_set_internal_error (request, error);
      return;
    }
  store = MKT_PG_STORE (mkt_session_get_store (session));

  if (!mkt_session_begin (session, &error))
    {
      mkt_auth_set_error (request, error);
      return;
    }

  if (!mkt_session_create (session, user, &error))
    {
      mkt_session_rollback (session);
      mkt_auth_set_error (request, error);
      return;
    }

  params[0] = request->tenant_id;
  params[1] = user_id;
  params[2] = email;
  params[3] = hash;
  params[4] = permissions != NULL ? permissions : "[]";
  inserted = mkt_auth_run (store, request->tenant_id, "Could not store the credentials",
                           "INSERT INTO credential (tenant_id, user_id, email, password_hash, permissions)"
                           " VALUES ($1, $2, $3, $4, $5)",
                           5, params, &error);
  if (inserted != NULL)
    audited = credential_values (params[4], "f");
  if (inserted == NULL || !mkt_session_audit (session, "credential", user_id, "create", NULL, audited, &error))
    {
      mkt_session_rollback (session);
      if (g_error_matches (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT))
        mkt_http_request_set_error (request, 409, "conflict", "email", "This email is already registered");
      else
        mkt_auth_set_error (request, error);
      return;
    }

  /* A failed commit has rolled back already. */
  if (!mkt_session_commit (session, &error))
    {
      mkt_auth_set_error (request, error);
      return;
    }

  answer = user_json (user, FALSE, params[4]);
  json_object_set_string_member (json_node_get_object (answer), "temporary_password", password);
  mkt_http_request_set_json (request, 201, answer);
}

/* PATCH /api/v1/users/:id: name, role, extra permissions, disabled. */
void
mkt_auth_users_update_handler (MktHttpRequest *request,
                               MktHttpWorker  *worker)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktRecord) user = NULL;
  g_autoptr(MktRecord) changes = mkt_record_new (&mkt_user_spec);
  g_autoptr(PGresult) credentials = NULL;
  g_autofree char *permissions = NULL;
  g_autofree char *old_values = NULL;
  g_autofree char *new_values = NULL;
  const char *id = mkt_http_request_get_param (request, "id");
  const char *name, *role;
  const char *params[4];
  const char *current_permissions;
  gboolean disabled = FALSE, current_disabled;
  JsonObject *body;
  JsonNode *node;
  MktPgStore *store;

  if ((body = mkt_auth_body (request)) == NULL ||
      !mkt_auth_body_string (request, body, "name", FALSE, &name) ||
      !mkt_auth_body_string (request, body, "role", FALSE, &role))
    return;

  node = json_object_get_member (body, "permissions");
  if (node != NULL && !parse_permissions (request, node, &permissions))
    return;

  node = json_object_get_member (body, "disabled");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          mkt_http_request_set_error (request, 422, "invalid", "disabled", "disabled must be true or false");
          return;
        }
      disabled = json_node_get_boolean (node);
      /* Nobody locks themselves out. */
      if (disabled && g_strcmp0 (id, request->user_id) == 0)
        {
          mkt_http_request_set_error (request, 422, "invalid", "disabled", "You cannot disable yourself");
          return;
        }
    }

  if (!mkt_uuid_is_valid (id))
    {
      mkt_http_request_set_error (request, 404, "not_found", NULL, "There is no user %s", id);
      return;
    }

  session = mkt_auth_get_session (request, worker, &error);
  if (session == NULL)
    {
      mkt_http_request_set_internal_error (request, error);
      return;
    }
  store = MKT_PG_STORE (mkt_session_get_store (session));

  if (!mkt_session_begin (session, &error))
    goto failed;

  user = mkt_session_get (session, &mkt_user_spec, id, &error);
  if (user == NULL)
    goto failed_in_transaction;

  mkt_record_set_id (changes, id);
  if (name != NULL)
    mkt_record_set_string (changes, "name", name);
  if (role != NULL && !mkt_record_set_from_text (changes, "role", role, NULL, &error))
    goto failed_in_transaction;
  if ((name != NULL || role != NULL) && !mkt_session_update (session, changes, &error))
    goto failed_in_transaction;

  /* The account's part (extra permissions, disabled) is guarded by the
   * route's users:update, as the row's is by the session. */
  params[0] = request->tenant_id;
  params[1] = id;
  params[2] = permissions;
  params[3] = json_object_has_member (body, "disabled") ? (disabled ? "true" : "false") : NULL;
  credentials = mkt_auth_run (store, request->tenant_id, "Could not change the account",
                              "UPDATE credential c SET permissions = coalesce ($3, c.permissions),"
                              " disabled = coalesce ($4::boolean, c.disabled), updated_at = now ()"
                              " FROM (SELECT disabled, permissions FROM credential"
                              " WHERE tenant_id = $1 AND user_id = $2 FOR UPDATE) old"
                              " WHERE c.tenant_id = $1 AND c.user_id = $2"
                              " RETURNING c.user_id, c.disabled, c.permissions, old.disabled, old.permissions",
                              4, params, &error);
  if (credentials == NULL)
    goto failed_in_transaction;

  /* What changed of the account, audited as a row's update is: the
   * changed fields only, nothing if nothing changed. */
  if (PQntuples (credentials) == 1)
    {
      const char *now_disabled = PQgetvalue (credentials, 0, 1);
      const char *now_permissions = PQgetvalue (credentials, 0, 2);
      const char *was_disabled = PQgetvalue (credentials, 0, 3);
      const char *was_permissions = PQgetvalue (credentials, 0, 4);
      gboolean permissions_changed = !g_str_equal (now_permissions, was_permissions);
      gboolean disabled_changed = !g_str_equal (now_disabled, was_disabled);

      if (permissions_changed || disabled_changed)
        {
          old_values = credential_values (permissions_changed ? was_permissions : NULL,
                                          disabled_changed ? was_disabled : NULL);
          new_values = credential_values (permissions_changed ? now_permissions : NULL,
                                          disabled_changed ? now_disabled : NULL);
          if (!mkt_session_audit (session, "credential", id, "update", old_values, new_values, &error))
            goto failed_in_transaction;
        }
    }

  if (disabled)
    {
      g_autoptr(PGresult) revoked = NULL;

      revoked = mkt_auth_run (store, request->tenant_id, "Could not revoke the user’s tokens",
                              "UPDATE refresh_token SET revoked_at = now ()"
                              " WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL",
                              2, params, &error);
      if (revoked == NULL)
        goto failed_in_transaction;
    }

  /* A failed commit has rolled back already. */
  if (!mkt_session_commit (session, &error))
    goto failed;

  g_clear_object (&user);
  user = mkt_session_get (session, &mkt_user_spec, id, &error);
  if (user == NULL)
    goto failed;

  credential_state (credentials, id, &current_disabled, &current_permissions);
  mkt_http_request_set_json (request, 200, user_json (user, current_disabled, current_permissions));
  return;

failed_in_transaction:
  mkt_session_rollback (session);
failed:
  mkt_auth_set_error (request, error);
}

/* GET /api/v1/roles */
void
mkt_auth_roles_list_handler (MktHttpRequest *request,
                             MktHttpWorker  *worker)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char * const *roles = mkt_permission_default_roles ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "roles");
  json_builder_begin_array (builder);
  for (guint i = 0; roles[i] != NULL; i++)
    {
      const char * const *permissions = mkt_permission_default_role_permissions (roles[i]);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, roles[i]);
      json_builder_set_member_name (builder, "permissions");
      json_builder_begin_array (builder);
      for (guint j = 0; permissions[j] != NULL; j++)
        json_builder_add_string_value (builder, permissions[j]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  mkt_http_request_set_json (request, 200, json_builder_get_root (builder));
}
