/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-auth"

#include "config.h"

#include <string.h>

#include "mkt-auth-private.h"
#include "mkt-error.h"
#include "mkt-http-log.h"
#include "mkt-password.h"
#include "mkt-token.h"
#include "mkt-uuid.h"

/* /api/v1/auth: register, login, refresh, logout, profile. Every failed
 * login answers the same 401, whatever failed (unknown email, wrong
 * password, disabled user), and costs the same hash. */

static const char login_failed_message[] = "The email or the password is wrong";
static const char refresh_failed_message[] = "The refresh token is invalid, expired or revoked";

/* Verified against when the email is unknown, so that such a login takes
 * as long as one with a wrong password. */
static const char *
dummy_hash (void)
{
  static gsize once;
  static char *hash;

  if (g_once_init_enter (&once))
    {
      hash = mkt_password_hash ("no such user; only spends the time of a check", NULL);
      g_once_init_leave (&once, 1);
    }

  return hash;
}

static void
set_token_response (MktHttpRequest *request,
                    guint           status,
                    const char     *tenant_id,
                    const char     *user_id,
                    const char     *role,
                    const char     *refresh_token)
{
  g_autoptr(GError) error = NULL;
  JsonNode *body = mkt_auth_token_response (request, tenant_id, user_id, role, refresh_token, &error);

  if (body == NULL)
    mkt_http_request_set_internal_error (request, error);
  else
    mkt_http_request_set_json (request, status, body);
}

/* POST /api/v1/auth/register ------------------------------------------------- */

/* The tenant's "name" is the body's "business_name". */
static void
set_tenant_error (MktHttpRequest *request,
                  const GError   *error)
{
  const char *field = error->domain == MKT_VALIDATION_ERROR ? mkt_validation_error_get_field (error) : NULL;

  if (g_strcmp0 (field, "name") == 0)
    mkt_http_request_set_error (request, 422, "invalid", "business_name", "%s", error->message);
  else if (field != NULL)
    mkt_http_request_set_error (request, 422, "invalid", field, "%s", error->message);
  else
    mkt_auth_set_error (request, error);
}

void
mkt_auth_register_handler (MktHttpRequest *request,
                           MktHttpWorker  *worker)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) tenant = mkt_record_new (&mkt_tenant_spec);
  g_autoptr(MktRecord) user = mkt_record_new (&mkt_user_spec);
  g_autoptr(MktSession) session = NULL;
  g_autoptr(PGresult) inserted = NULL;
  g_autofree char *tenant_id = mkt_uuid_new_v7 ();
  g_autofree char *user_id = mkt_uuid_new_v7 ();
  g_autofree char *email = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *refresh = NULL;
  const char *business_name, *currency, *name, *email_text, *password;
  const char *params[4];
  JsonObject *body;
  MktPgStore *store;

  if ((body = mkt_auth_body (request)) == NULL ||
      !mkt_auth_body_string (request, body, "business_name", TRUE, &business_name) ||
      !mkt_auth_body_string (request, body, "currency", TRUE, &currency) ||
      !mkt_auth_body_string (request, body, "name", TRUE, &name) ||
      !mkt_auth_body_string (request, body, "email", TRUE, &email_text) ||
      !mkt_auth_body_string (request, body, "password", TRUE, &password))
    return;

  email = mkt_auth_normalize_email (email_text);

  mkt_record_set_id (tenant, tenant_id);
  mkt_record_set_tenant_id (tenant, tenant_id);
  mkt_record_set_string (tenant, "name", business_name);
  if (!mkt_record_set_from_text (tenant, "currency", currency, NULL, &error) ||
      !mkt_record_validate (tenant, &error))
    {
      set_tenant_error (request, error);
      return;
    }

  mkt_record_set_id (user, user_id);
  mkt_record_set_tenant_id (user, tenant_id);
  mkt_record_set_string (user, "name", name);
  mkt_record_set_string (user, "role", "admin");
  if (!mkt_record_set_from_text (user, "email", email, NULL, &error) ||
      !mkt_record_validate (user, &error))
    {
      mkt_auth_set_error (request, error);
      return;
    }

  if (!mkt_auth_check_password (request, "password", password))
    return;

  hash = mkt_password_hash (password, &error);
  if (hash == NULL)
    {
      mkt_http_request_set_internal_error (request, error);
      return;
    }

  store = mkt_auth_get_store (worker, &error);
  if (store == NULL)
    {
      mkt_http_request_set_internal_error (request, error);
      return;
    }

  /* No permissions: registering is the one write made for nobody yet. */
  session = mkt_session_new (MKT_STORE (store), tenant_id, user_id, mkt_auth_get_device_id ());
  mkt_session_set_session_id (session, request->request_id);

  params[0] = tenant_id;
  params[1] = user_id;
  params[2] = email;
  params[3] = hash;

  if (!mkt_session_begin (session, &error))
    {
      mkt_auth_set_error (request, error);
      return;
    }

  if (!mkt_session_create (session, tenant, &error) ||
      !mkt_session_create (session, user, &error))
    {
      mkt_session_rollback (session);
      mkt_auth_set_error (request, error);
      return;
    }

  inserted = mkt_auth_run (store, tenant_id, "Could not store the credentials",
                           "INSERT INTO credential (tenant_id, user_id, email, password_hash)"
                           " VALUES ($1, $2, $3, $4)",
                           4, params, &error);
  if (inserted == NULL)
    {
      mkt_session_rollback (session);
      if (g_error_matches (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT))
        mkt_http_request_set_error (request, 409, "conflict", "email", "This email is already registered");
      else
        mkt_auth_set_error (request, error);
      return;
    }

  if (!mkt_session_audit (session, "credential", user_id, "create", NULL,
                          "{\"permissions\":[],\"disabled\":false}", &error) ||
      !mkt_auth_insert_refresh (store, tenant_id, user_id, NULL, &refresh, NULL, &error))
    {
      mkt_session_rollback (session);
      mkt_auth_set_error (request, error);
      return;
    }

  /* A failed commit has rolled back already. */
  if (!mkt_session_commit (session, &error))
    {
      mkt_auth_set_error (request, error);
      return;
    }

  set_token_response (request, 201, tenant_id, user_id, "admin", refresh);
}

/* POST /api/v1/auth/login ----------------------------------------------------- */

/* The user's role, or %NULL if the user is gone. */
static char *
read_role (MktPgStore  *store,
           const char  *tenant_id,
           const char  *user_id,
           gboolean    *out_disabled,
           GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  const char *params[] = { tenant_id, user_id };

  result = mkt_auth_run (store, tenant_id, "Could not read the user",
                         "SELECT u.role, c.disabled FROM app_user u"
                         " JOIN credential c ON c.tenant_id = u.tenant_id AND c.user_id = u.id"
                         " WHERE u.tenant_id = $1 AND u.id = $2 AND u.deleted_at IS NULL",
                         2, params, error);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) != 1)
    {
      g_set_error_literal (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND, "The user is gone");
      return NULL;
    }

  *out_disabled = g_str_equal (PQgetvalue (result, 0, 1), "t");
  return g_strdup (PQgetvalue (result, 0, 0));
}

void
mkt_auth_login_handler (MktHttpRequest *request,
                        MktHttpWorker  *worker)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) found = NULL;
  g_autofree char *email = NULL;
  g_autofree char *role = NULL;
  g_autofree char *refresh = NULL;
  const char *email_text, *password;
  const char *params[1];
  const char *tenant_id, *user_id;
  gboolean disabled = FALSE;
  JsonObject *body;
  MktPgStore *store;

  if ((body = mkt_auth_body (request)) == NULL ||
      !mkt_auth_body_string (request, body, "email", TRUE, &email_text) ||
      !mkt_auth_body_string (request, body, "password", TRUE, &password))
    return;

  if (strlen (password) > MKT_PASSWORD_MAX_LENGTH)
    {
      mkt_http_request_set_error (request, 422, "invalid", "password",
                                  "The password must be at most %d bytes long", MKT_PASSWORD_MAX_LENGTH);
      return;
    }

  store = mkt_auth_get_store (worker, &error);
  email = mkt_auth_normalize_email (email_text);
  params[0] = email;
  if (store != NULL)
    found = mkt_auth_run (store, MKT_AUTH_NO_TENANT, "Could not look the email up",
                          "SELECT tenant_id, user_id, password_hash, disabled FROM mkt_auth_find_login ($1)",
                          1, params, &error);
  if (found == NULL)
    {
      mkt_http_request_set_internal_error (request, error);
      return;
    }

  if (PQntuples (found) != 1)
    {
      mkt_password_verify (dummy_hash (), password);
      mkt_auth_set_unauthorized (request, login_failed_message);
      return;
    }

  tenant_id = PQgetvalue (found, 0, 0);
  user_id = PQgetvalue (found, 0, 1);
  if (!mkt_password_verify (PQgetvalue (found, 0, 2), password) ||
      g_str_equal (PQgetvalue (found, 0, 3), "t"))
    {
      mkt_http_log_message ("info", "login_failed", "tenant %s user %s", tenant_id, user_id);
      mkt_auth_set_unauthorized (request, login_failed_message);
      return;
    }

  /* The user's state, the upkeep of its refresh tokens and the new one:
   * one transaction. */
  if (!mkt_store_begin (MKT_STORE (store), &error))
    {
      mkt_auth_set_error (request, error);
      return;
    }

  role = read_role (store, tenant_id, user_id, &disabled, &error);
  if (role == NULL && g_error_matches (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND))
    {
      mkt_store_rollback (MKT_STORE (store));
      mkt_auth_set_unauthorized (request, login_failed_message);
      return;
    }
  if (role == NULL ||
      !mkt_auth_forget_expired (store, tenant_id, user_id, &error) ||
      !mkt_auth_insert_refresh (store, tenant_id, user_id, NULL, &refresh, NULL, &error) ||
      !mkt_store_commit (MKT_STORE (store), &error))
    {
      mkt_store_rollback (MKT_STORE (store));
      mkt_auth_set_error (request, error);
      return;
    }

  set_token_response (request, 200, tenant_id, user_id, role, refresh);
}

/* POST /api/v1/auth/refresh and /logout ---------------------------------------- */

typedef struct
{
  char *tenant_id;
  char *id;
} TokenRow;

/* Finds the row of a presented refresh token (any tenant's), or answers
 * 401. */
static gboolean
find_refresh (MktHttpRequest  *request,
              MktPgStore      *store,
              TokenRow        *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) found = NULL;
  g_autofree char *hash = NULL;
  const char *token;
  const char *params[1];
  JsonObject *body;

  if ((body = mkt_auth_body (request)) == NULL ||
      !mkt_auth_body_string (request, body, "refresh_token", TRUE, &token))
    return FALSE;

  /* Ours are 43 characters: anything much longer is not worth hashing. */
  if (strlen (token) > 256)
    {
      mkt_auth_set_unauthorized (request, refresh_failed_message);
      return FALSE;
    }

  hash = mkt_token_hash_refresh (token);
  params[0] = hash;
  found = mkt_auth_run (store, MKT_AUTH_NO_TENANT, "Could not look the refresh token up",
                        "SELECT tenant_id, id FROM mkt_auth_find_refresh ($1)", 1, params, &error);
  if (found == NULL)
    {
      mkt_http_request_set_internal_error (request, error);
      return FALSE;
    }

  if (PQntuples (found) != 1)
    {
      mkt_auth_set_unauthorized (request, refresh_failed_message);
      return FALSE;
    }

  row->tenant_id = g_strdup (PQgetvalue (found, 0, 0));
  row->id = g_strdup (PQgetvalue (found, 0, 1));
  return TRUE;
}

static void
token_row_clear (TokenRow *row)
{
  g_clear_pointer (&row->tenant_id, g_free);
  g_clear_pointer (&row->id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TokenRow, token_row_clear)

static gboolean
revoke_family (MktPgStore  *store,
               const char  *tenant_id,
               const char  *token_id,
               GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  const char *params[] = { tenant_id, token_id };

  result = mkt_auth_run (store, tenant_id, "Could not revoke the tokens",
                         "UPDATE refresh_token SET revoked_at = now ()"
                         " WHERE tenant_id = $1 AND revoked_at IS NULL AND family_id ="
                         " (SELECT family_id FROM refresh_token WHERE tenant_id = $1 AND id = $2)",
                         2, params, error);
  return result != NULL;
}

void
mkt_auth_refresh_handler (MktHttpRequest *request,
                          MktHttpWorker  *worker)
{
  g_autoptr(GError) error = NULL;
  g_auto(TokenRow) row = { NULL, };
  g_autoptr(PGresult) used = NULL;
  g_autoptr(PGresult) replaced = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *family_id = NULL;
  g_autofree char *role = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *new_id = NULL;
  gboolean disabled = FALSE;
  const char *params[3];
  MktPgStore *store;

  store = mkt_auth_get_store (worker, &error);
  if (store == NULL)
    {
      mkt_http_request_set_internal_error (request, error);
      return;
    }

  if (!find_refresh (request, store, &row))
    return;

  if (!mkt_store_begin (MKT_STORE (store), &error))
    goto failed;

  /* Marked used only if it was still good: of two refreshes racing with
   * one token, the second waits for the first's row lock, then finds it
   * used, and counts as a reuse. */
  params[0] = row.tenant_id;
  params[1] = row.id;
  used = mkt_auth_run (store, row.tenant_id, "Could not use the refresh token",
                       "UPDATE refresh_token SET used_at = now ()"
                       " WHERE tenant_id = $1 AND id = $2 AND used_at IS NULL AND revoked_at IS NULL"
                       " AND expires_at > now () RETURNING user_id, family_id",
                       2, params, &error);
  if (used == NULL)
    goto failed_in_transaction;

  if (PQntuples (used) == 0)
    {
      g_autoptr(PGresult) state = mkt_auth_run (store, row.tenant_id, "Could not read the refresh token",
                                                "SELECT used_at IS NOT NULL, user_id FROM refresh_token"
                                                " WHERE tenant_id = $1 AND id = $2",
                                                2, params, &error);

      if (state == NULL)
        goto failed_in_transaction;

      /* A token that was already exchanged is presented again: someone
       * has a copy. Nothing of that family is good any more. */
      if (PQntuples (state) == 1 && g_str_equal (PQgetvalue (state, 0, 0), "t"))
        {
          if (!revoke_family (store, row.tenant_id, row.id, &error))
            goto failed_in_transaction;
          g_free (request->tenant_id);
          request->tenant_id = g_strdup (row.tenant_id);
          g_free (request->user_id);
          request->user_id = g_strdup (PQgetvalue (state, 0, 1));
          mkt_http_log_message ("warning", "refresh_token_reuse",
                                "request %s: a used refresh token was presented again; its family is revoked",
                                request->request_id);
        }

      if (!mkt_store_commit (MKT_STORE (store), &error))
        goto failed_in_transaction;
      mkt_auth_set_unauthorized (request, refresh_failed_message);
      return;
    }

  user_id = g_strdup (PQgetvalue (used, 0, 0));
  family_id = g_strdup (PQgetvalue (used, 0, 1));

  role = read_role (store, row.tenant_id, user_id, &disabled, &error);
  if (role == NULL && !g_error_matches (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND))
    goto failed_in_transaction;
  if (role == NULL || disabled)
    {
      g_clear_error (&error);
      if (!revoke_family (store, row.tenant_id, row.id, &error) ||
          !mkt_store_commit (MKT_STORE (store), &error))
        goto failed_in_transaction;
      mkt_auth_set_unauthorized (request, refresh_failed_message);
      return;
    }

  /* The presented token is good, so not among those removed. */
  if (!mkt_auth_forget_expired (store, row.tenant_id, user_id, &error) ||
      !mkt_auth_insert_refresh (store, row.tenant_id, user_id, family_id, &refresh, &new_id, &error))
    goto failed_in_transaction;

  params[2] = new_id;
  replaced = mkt_auth_run (store, row.tenant_id, "Could not rotate the refresh token",
                           "UPDATE refresh_token SET replaced_by = $3 WHERE tenant_id = $1 AND id = $2",
                           3, params, &error);
  if (replaced == NULL || !mkt_store_commit (MKT_STORE (store), &error))
    goto failed_in_transaction;

  set_token_response (request, 200, row.tenant_id, user_id, role, refresh);
  return;

failed_in_transaction:
  mkt_store_rollback (MKT_STORE (store));
failed:
  mkt_auth_set_error (request, error);
}

void
mkt_auth_logout_handler (MktHttpRequest *request,
                         MktHttpWorker  *worker)
{
  g_autoptr(GError) error = NULL;
  g_auto(TokenRow) row = { NULL, };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  MktPgStore *store;

  store = mkt_auth_get_store (worker, &error);
  if (store == NULL)
    {
      mkt_http_request_set_internal_error (request, error);
      return;
    }

  if (!find_refresh (request, store, &row))
    return;

  if (!revoke_family (store, row.tenant_id, row.id, &error))
    {
      mkt_auth_set_error (request, error);
      return;
    }

  g_free (request->tenant_id);
  request->tenant_id = g_strdup (row.tenant_id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "logged_out");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  mkt_http_request_set_json (request, 200, json_builder_get_root (builder));
}

/* POST /api/v1/auth/password --------------------------------------------------- */

/* Changes the caller's own password: the current one proves it is them,
 * the new one follows the rules of registering. Every refresh token the
 * user holds is revoked (another device, a stolen copy) and the answer is
 * a new pair, so that this client stays signed in. A wrong current
 * password is a 422 on current_password, not a 401: the access token is
 * good, and a 401 tells a client to sign in again. */
void
mkt_auth_password_handler (MktHttpRequest *request,
                           MktHttpWorker  *worker)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) found = NULL;
  g_autoptr(PGresult) changed = NULL;
  g_autoptr(PGresult) revoked = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *audited = NULL;
  const char *current, *password;
  const char *params[3];
  JsonObject *body;
  MktPgStore *store;

  if ((body = mkt_auth_body (request)) == NULL ||
      !mkt_auth_body_string (request, body, "current_password", TRUE, &current) ||
      !mkt_auth_body_string (request, body, "new_password", TRUE, &password))
    return;

  if (strlen (current) > MKT_PASSWORD_MAX_LENGTH)
    {
      mkt_http_request_set_error (request, 422, "invalid", "current_password", "The current password is wrong");
      return;
    }
  if (!mkt_auth_check_password (request, "new_password", password))
    return;

  store = mkt_auth_get_store (worker, &error);
  params[0] = request->tenant_id;
  params[1] = request->user_id;
  if (store != NULL)
    found = mkt_auth_run (store, request->tenant_id, "Could not read the credentials",
                          "SELECT password_hash FROM credential WHERE tenant_id = $1 AND user_id = $2",
                          2, params, &error);
  if (found == NULL)
    {
      mkt_http_request_set_internal_error (request, error);
      return;
    }

  if (PQntuples (found) != 1 || !mkt_password_verify (PQgetvalue (found, 0, 0), current))
    {
      mkt_http_log_message ("info", "password_change_failed", "tenant %s user %s",
                            request->tenant_id, request->user_id);
      mkt_http_request_set_error (request, 422, "invalid", "current_password", "The current password is wrong");
      return;
    }

  hash = mkt_password_hash (password, &error);
  if (hash == NULL)
    {
      mkt_http_request_set_internal_error (request, error);
      return;
    }

  /* Through a session of the user's: the change is audited as the
   * credential's, with the user as who did it, and says that the password
   * changed and how many refresh tokens went, never the hash. */
  session = mkt_auth_get_session (request, worker, &error);
  if (session == NULL || !mkt_session_begin (session, &error))
    goto failed;

  params[2] = hash;
  changed = mkt_auth_run (store, request->tenant_id, "Could not change the password",
                          "UPDATE credential SET password_hash = $3, updated_at = now ()"
                          " WHERE tenant_id = $1 AND user_id = $2",
                          3, params, &error);
  if (changed != NULL)
    revoked = mkt_auth_run (store, request->tenant_id, "Could not revoke the user’s tokens",
                            "UPDATE refresh_token SET revoked_at = now ()"
                            " WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL",
                            2, params, &error);
  if (revoked != NULL)
    audited = g_strdup_printf ("{\"password_changed\":true,\"refresh_tokens_revoked\":%s}",
                               PQcmdTuples (revoked));
  if (revoked == NULL ||
      !mkt_session_audit (session, "credential", request->user_id, "update", NULL, audited, &error) ||
      !mkt_auth_insert_refresh (store, request->tenant_id, request->user_id, NULL, &refresh, NULL, &error))
    {
      mkt_session_rollback (session);
      goto failed;
    }

  /* A failed commit has rolled back already. */
  if (!mkt_session_commit (session, &error))
    goto failed;

  mkt_http_log_message ("info", "password_changed", "tenant %s user %s: every refresh token revoked",
                        request->tenant_id, request->user_id);
  set_token_response (request, 200, request->tenant_id, request->user_id, request->role, refresh);
  return;

failed:
  mkt_auth_set_error (request, error);
}

/* GET /api/v1/auth/profile ------------------------------------------------------ */

void
mkt_auth_profile_handler (MktHttpRequest *request,
                          MktHttpWorker  *worker)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktSession) session = mkt_auth_get_session (request, worker, &error);
  g_autoptr(MktRecord) user = NULL;
  g_autoptr(MktRecord) tenant = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;

  if (session != NULL)
    user = mkt_session_get (session, &mkt_user_spec, request->user_id, &error);
  if (user != NULL)
    tenant = mkt_session_get (session, &mkt_tenant_spec, request->tenant_id, &error);
  if (tenant == NULL)
    {
      mkt_auth_set_error (request, error);
      return;
    }

  json_object_set_object_member (object, "user", mkt_record_to_json (user));
  json_object_set_object_member (object, "tenant", mkt_record_to_json (tenant));
  json_object_set_string_member (object, "role", request->role);
  json_object_set_member (object, "permissions", mkt_permission_set_to_json (request->permissions));

  node = json_node_init_object (json_node_alloc (), object);
  mkt_http_request_set_json (request, 200, node);
}
