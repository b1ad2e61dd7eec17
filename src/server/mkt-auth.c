/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-auth"

#include "config.h"

#include <string.h>

#include "mkt-auth-private.h"
#include "mkt-error.h"
#include "mkt-http-api.h"
#include "mkt-http-config.h"
#include "mkt-http-log.h"
#include "mkt-http-server-private.h"
#include "mkt-password.h"
#include "mkt-token.h"
#include "mkt-uuid.h"

/* Authentication and authorisation of a request, in two steps. On the
 * main loop, before the body is even parsed: the access token's signature
 * and expiry (no database). On the worker thread, before the handler: the
 * user's current state (not disabled, still a user, its role and extra
 * permissions, read on every request so that a change or a disabling takes
 * effect at once), then the route's permission, checked by mkt-core. */

static const char unauthorized_message[] = "The access token is missing, invalid or expired";

/**
 * mkt_auth_route_needs_token:
 * @route: a route
 *
 * Returns: whether @route needs an access token: it names a permission or
 *   is flagged %MKT_HTTP_ROUTE_AUTH
 */
gboolean
mkt_auth_route_needs_token (const MktHttpRoute *route)
{
  return route->permission != NULL || (route->flags & MKT_HTTP_ROUTE_AUTH) != 0;
}

void
mkt_auth_set_unauthorized (MktHttpRequest *request,
                           const char     *message)
{
  mkt_http_request_set_header (request, "WWW-Authenticate", "Bearer realm=\"market-server\"");
  mkt_http_request_set_error (request, 401, "unauthorized", NULL, "%s", message);
}

/**
 * mkt_auth_authenticate:
 * @request: a request, on the main loop
 *
 * For a route that needs a token: checks the `Authorization: Bearer`
 * header's access token and sets the request's tenant, user and role from
 * it; answers 401 if it is missing, malformed, badly signed (or not
 * HS256) or expired.
 *
 * Returns: %FALSE if the request has been answered
 */
gboolean
mkt_auth_authenticate (MktHttpRequest *request)
{
  const MktHttpConfig *config = mkt_http_server_get_config (request->server);
  g_autoptr(MktTokenClaims) claims = NULL;
  g_autoptr(GError) error = NULL;
  const char *token;

  if (!mkt_auth_route_needs_token (request->route))
    return TRUE;

  /* Permissions are read from the database: such a route must run on a
   * worker thread. */
  g_assert (request->route->flags & MKT_HTTP_ROUTE_DATABASE);

  if (request->authorization == NULL ||
      g_ascii_strncasecmp (request->authorization, "Bearer ", strlen ("Bearer ")) != 0)
    {
      mkt_auth_set_unauthorized (request, unauthorized_message);
      return FALSE;
    }

  token = request->authorization + strlen ("Bearer ");
  while (*token == ' ')
    token++;

  claims = mkt_token_verify (token, config->token_secret, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (claims == NULL || !mkt_uuid_is_valid (claims->sub) || !mkt_uuid_is_valid (claims->tid))
    {
      mkt_auth_set_unauthorized (request, unauthorized_message);
      return FALSE;
    }

  g_free (request->tenant_id);
  request->tenant_id = g_strdup (claims->tid);
  g_free (request->user_id);
  request->user_id = g_strdup (claims->sub);
  g_free (request->role);
  request->role = g_strdup (claims->role);
  return TRUE;
}

/**
 * mkt_auth_permissions_for:
 * @role: a default role
 * @extra_json: (nullable): a JSON array of extra permissions
 * @error: return location for a %MKT_PERMISSION_ERROR
 *
 * Returns: (transfer full) (nullable): the role's permissions with the extra
 *   ones
 */
MktPermissionSet *
mkt_auth_permissions_for (const char  *role,
                          const char  *extra_json,
                          GError     **error)
{
  g_autoptr(MktPermissionSet) base = mkt_permission_set_new_for_role (role, error);
  g_autoptr(MktPermissionSet) extra = NULL;

  if (base == NULL)
    return NULL;
  /* No extra permissions, as most credentials have: nothing to parse. */
  if (extra_json == NULL || *extra_json == '\0' || g_str_equal (extra_json, "[]"))
    return g_steal_pointer (&base);

  extra = mkt_permission_set_new_from_json_text (extra_json, error);
  if (extra == NULL)
    return NULL;

  return mkt_permission_set_union (base, extra);
}

#define USER_STATE_SQL \
  "SELECT c.disabled, c.permissions, u.role FROM credential c" \
  " JOIN app_user u ON u.tenant_id = c.tenant_id AND u.id = c.user_id" \
  " WHERE c.tenant_id = $1 AND c.user_id = $2 AND u.deleted_at IS NULL"

static gboolean
route_permitted (const MktHttpRoute *route,
                 MktPermissionSet   *permissions,
                 GError            **error)
{
  g_auto(GStrv) parts = NULL;

  if (route->permission == NULL)
    return TRUE;

  parts = g_strsplit (route->permission, ":", 2);
  g_assert (parts[0] != NULL && parts[1] != NULL);
  return mkt_permission_set_check (permissions, parts[0], parts[1], error);
}

/**
 * mkt_auth_run_read:
 * @request: an authenticated request of a GET API route, on a worker thread
 * @worker: the thread's state
 *
 * Runs @request's handler with the user's state read in the same round
 * trip and transaction as the handler's first read (mkt_pg_store_defer())
 * rather than in one of its own before: GET routes only read, and their
 * answer is kept only if that state is what the token claimed — the user
 * enabled, with the token's role (and any extra permissions, which only
 * add to it; @request gets them all). Otherwise the answer is
 * dropped and nothing is done: the caller then runs mkt_auth_authorize()
 * and the handler as for any route, so that a disabled user is refused
 * at once, as there.
 *
 * Returns: %TRUE if @request has been answered
 */
gboolean
mkt_auth_run_read (MktHttpRequest *request,
                   MktHttpWorker  *worker)
{
  g_autoptr(MktPermissionSet) claimed = NULL;
  g_autoptr(PGresult) result = NULL;
  const char *params[3];
  MktPgStore *store;

  if (!mkt_auth_route_needs_token (request->route) || request->role == NULL ||
      !g_str_equal (request->route->method, "GET") || mkt_http_routes_get_api_route (request->route) == NULL)
    return FALSE;

  claimed = mkt_auth_permissions_for (request->role, NULL, NULL);
  if (claimed == NULL || !route_permitted (request->route, claimed, NULL))
    return FALSE;
  store = mkt_auth_get_store (worker, NULL);
  if (store == NULL)
    return FALSE;

  params[0] = request->tenant_id;
  params[1] = request->user_id;
  params[2] = NULL;
  mkt_pg_store_defer (store, request->tenant_id, USER_STATE_SQL, params);
  g_clear_pointer (&request->permissions, mkt_permission_set_unref);
  request->permissions = mkt_permission_set_ref (claimed);

  request->route->handler (request, worker);

  /* The role as claimed, the user enabled: the answer stands. Extra
   * permissions only add to the role's, which already allowed the route,
   * and a read's answer depends on nothing else of them. */
  result = mkt_pg_store_take_deferred (store, NULL);
  if (result != NULL && PQntuples (result) == 1 && !g_str_equal (PQgetvalue (result, 0, 0), "t") &&
      g_str_equal (PQgetvalue (result, 0, 2), request->role))
    {
      g_autoptr(MktPermissionSet) permissions =
        mkt_auth_permissions_for (request->role, PQgetisnull (result, 0, 1) ? NULL : PQgetvalue (result, 0, 1), NULL);

      if (permissions != NULL)
        {
          g_clear_pointer (&request->permissions, mkt_permission_set_unref);
          request->permissions = g_steal_pointer (&permissions);
          return TRUE;
        }
    }

  /* Not as claimed: forget the answer, and let the caller start again. */
  mkt_http_request_set_json (request, 0, NULL);
  g_hash_table_remove_all (request->response_headers);
  g_clear_pointer (&request->permissions, mkt_permission_set_unref);
  mkt_http_worker_check_connection (worker);
  return FALSE;
}

/**
 * mkt_auth_authorize:
 * @request: an authenticated request, on a worker thread
 * @worker: the thread's state
 *
 * Reads the user's state (401 if disabled or gone), sets the request's
 * permissions, and checks the route's permission (403 naming it).
 *
 * Returns: %FALSE if the request has been answered
 */
gboolean
mkt_auth_authorize (MktHttpRequest *request,
                    MktHttpWorker  *worker)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(MktPermissionSet) permissions = NULL;
  const char *params[2];
  MktPgStore *store;

  if (!mkt_auth_route_needs_token (request->route))
    return TRUE;

  store = mkt_auth_get_store (worker, &error);
  params[0] = request->tenant_id;
  params[1] = request->user_id;
  if (store != NULL)
    result = mkt_auth_run (store, request->tenant_id, "Could not read the user", USER_STATE_SQL,
                           2, params, &error);
  if (result == NULL)
    {
      mkt_http_request_set_internal_error (request, error);
      return FALSE;
    }

  if (PQntuples (result) != 1 || g_str_equal (PQgetvalue (result, 0, 0), "t"))
    {
      mkt_auth_set_unauthorized (request, unauthorized_message);
      return FALSE;
    }

  g_free (request->role);
  request->role = g_strdup (PQgetvalue (result, 0, 2));
  permissions = mkt_auth_permissions_for (request->role, PQgetvalue (result, 0, 1), &error);
  if (permissions == NULL)
    {
      mkt_http_request_set_internal_error (request, error);
      return FALSE;
    }
  g_clear_pointer (&request->permissions, mkt_permission_set_unref);
  request->permissions = g_steal_pointer (&permissions);

  if (!route_permitted (request->route, request->permissions, &error))
    {
      mkt_auth_set_error (request, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * mkt_auth_get_device_id:
 *
 * Returns: the device id of this process's sessions (a UUID made once per
 *   process; the HLC breaks ties between processes with it)
 */
const char *
mkt_auth_get_device_id (void)
{
  static gsize once;
  static char *device_id;

  if (g_once_init_enter (&once))
    {
      device_id = mkt_uuid_new_v7 ();
      g_once_init_leave (&once, 1);
    }

  return device_id;
}

/**
 * mkt_auth_get_store:
 * @worker: a worker thread's state
 * @error: return location for a %MKT_PG_ERROR
 *
 * Returns: (transfer none) (nullable): the thread's store (connected as
 *   the application role on first use; it reconnects by itself)
 */
MktPgStore *
mkt_auth_get_store (MktHttpWorker  *worker,
                    GError        **error)
{
  g_return_val_if_fail (worker != NULL, NULL);

  if (worker->store == NULL)
    worker->store = mkt_pg_store_new (worker->database_url, error);

  return worker->store;
}

/**
 * mkt_auth_get_session:
 * @request: an authenticated request
 * @worker: the worker thread's state
 * @error: return location for an error
 *
 * A session of the request's user on the thread's store: its writes are
 * checked against the user's permissions by mkt-core, and audited with the
 * request id as session id.
 *
 * Returns: (transfer full) (nullable): the session
 */
MktSession *
mkt_auth_get_session (MktHttpRequest  *request,
                      MktHttpWorker   *worker,
                      GError         **error)
{
  MktPgStore *store;
  MktSession *session;

  g_return_val_if_fail (request->tenant_id != NULL && request->user_id != NULL, NULL);
  g_return_val_if_fail (request->permissions != NULL, NULL);

  store = mkt_auth_get_store (worker, error);
  if (store == NULL)
    return NULL;

  session = mkt_session_new (MKT_STORE (store), request->tenant_id, request->user_id,
                             mkt_auth_get_device_id ());
  mkt_session_set_session_id (session, request->request_id);
  mkt_session_set_permissions (session, request->permissions);
  return session;
}

/**
 * mkt_auth_set_error:
 * @request: a request
 * @error: what mkt-core or the store said
 *
 * Answers with the status an error of mkt-core means: 422 for validation
 * (with the field), 403 for a permission, 404, 409, 503, else 500.
 */
void
mkt_auth_set_error (MktHttpRequest *request,
                    const GError   *error)
{
  if (error->domain == MKT_VALIDATION_ERROR)
    mkt_http_request_set_error (request, 422, "invalid", mkt_validation_error_get_field (error),
                                "%s", error->message);
  else if (error->domain == MKT_VALUE_ERROR || error->domain == MKT_UNIT_ERROR)
    mkt_http_request_set_error (request, 422, "invalid", NULL, "%s", error->message);
  else if (g_error_matches (error, MKT_PERMISSION_ERROR, MKT_PERMISSION_ERROR_DENIED))
    {
      /* As the API's answers do: the permission missing, for a client to
       * branch on. */
      JsonNode *body = mkt_http_error_new ("forbidden", error->message, NULL);
      JsonObject *object = json_object_get_object_member (json_node_get_object (body), "error");
      const char *permission = mkt_permission_error_get_permission (error);

      if (permission != NULL)
        json_object_set_string_member (object, "permission", permission);
      else
        json_object_set_null_member (object, "permission");
      mkt_http_request_set_json (request, 403, body);
    }
  else if (g_error_matches (error, MKT_PERMISSION_ERROR, MKT_PERMISSION_ERROR_INVALID) ||
           g_error_matches (error, MKT_PERMISSION_ERROR, MKT_PERMISSION_ERROR_UNKNOWN_ROLE))
    mkt_http_request_set_error (request, 422, "invalid", NULL, "%s", error->message);
  else if (g_error_matches (error, MKT_STORE_ERROR, MKT_STORE_ERROR_NOT_FOUND))
    mkt_http_request_set_error (request, 404, "not_found", NULL, "%s", error->message);
  else if (g_error_matches (error, MKT_STORE_ERROR, MKT_STORE_ERROR_CONFLICT))
    mkt_http_request_set_error (request, 409, "conflict", NULL, "%s", error->message);
  else if (g_error_matches (error, MKT_STORE_ERROR, MKT_STORE_ERROR_BUSY))
    mkt_http_request_set_error (request, 503, "busy", NULL, "The data is busy; try again");
  else
    mkt_http_request_set_internal_error (request, error);
}

/* Helpers of the routes ------------------------------------------------------ */

/**
 * mkt_auth_run:
 * @store: a store
 * @tenant_id: the tenant the statement runs for (%MKT_AUTH_NO_TENANT
 *   before one is known)
 * @what: the start of an error's message
 * @sql: the statement
 * @n_params: its number of parameters
 * @params: their values
 * @error: return location for a %MKT_STORE_ERROR
 *
 * Runs a statement of the accounts' own in the store's transaction (or in
 * one of its own outside one), so that an account's rows and its user are
 * written together.
 *
 * Returns: (transfer full) (nullable): the result
 */
PGresult *
mkt_auth_run (MktPgStore          *store,
              const char          *tenant_id,
              const char          *what,
              const char          *sql,
              int                  n_params,
              const char * const  *params,
              GError             **error)
{
  MktPgStatement statement = {
    .sql = sql,
    .n_params = n_params,
    .params = params,
    .tenant_id = tenant_id,
    .visibility = MKT_PG_ACTIVE,
    .write = !g_str_has_prefix (sql, "SELECT"),
    .spec = NULL,
    .what = what,
  };

  return mkt_pg_store_run (store, &statement, error);
}

/**
 * mkt_auth_body:
 * @request: a request with a body
 *
 * Returns: (transfer none) (nullable): the body's object, or %NULL with the
 *   request answered (422) if the body is no object
 */
JsonObject *
mkt_auth_body (MktHttpRequest *request)
{
  if (request->body == NULL || !JSON_NODE_HOLDS_OBJECT (request->body))
    {
      mkt_http_request_set_error (request, 422, "invalid", NULL, "The body must be a JSON object");
      return NULL;
    }

  return json_node_get_object (request->body);
}

/**
 * mkt_auth_body_string:
 * @request: a request
 * @body: its body
 * @name: a member
 * @required: whether it must be there (and not empty)
 * @out_value: (out) (transfer none): its value, or %NULL
 *
 * Returns: %FALSE with the request answered (422 naming @name) if the
 *   member is not a string or is required and missing or empty
 */
gboolean
mkt_auth_body_string (MktHttpRequest  *request,
                      JsonObject      *body,
                      const char      *name,
                      gboolean         required,
                      const char     **out_value)
{
  JsonNode *node = json_object_get_member (body, name);

  *out_value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      mkt_http_request_set_error (request, 422, "invalid", name, "%s is required", name);
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      mkt_http_request_set_error (request, 422, "invalid", name, "%s must be a string", name);
      return FALSE;
    }

  *out_value = json_node_get_string (node);
  if (required && **out_value == '\0')
    {
      mkt_http_request_set_error (request, 422, "invalid", name, "%s is required", name);
      return FALSE;
    }

  return TRUE;
}

/**
 * mkt_auth_check_password:
 * @request: a request
 * @field: the body's member, for the error
 * @password: a new password
 *
 * Checks a new password's length: an over-long one is refused before it
 * is hashed.
 *
 * Returns: %FALSE with the request answered (422) if it is too short or
 *   too long
 */
gboolean
mkt_auth_check_password (MktHttpRequest *request,
                         const char     *field,
                         const char     *password)
{
  if (strlen (password) > MKT_PASSWORD_MAX_LENGTH)
    {
      mkt_http_request_set_error (request, 422, "invalid", field,
                                  "The password must be at most %d bytes long", MKT_PASSWORD_MAX_LENGTH);
      return FALSE;
    }

  if (!g_utf8_validate (password, -1, NULL) || g_utf8_strlen (password, -1) < MKT_AUTH_PASSWORD_MIN_CHARS)
    {
      mkt_http_request_set_error (request, 422, "invalid", field,
                                  "The password must be at least %d characters long",
                                  MKT_AUTH_PASSWORD_MIN_CHARS);
      return FALSE;
    }

  return TRUE;
}

/**
 * mkt_auth_normalize_email:
 * @email: an email address as typed
 *
 * Returns: (transfer full): @email without surrounding spaces, lower-cased:
 *   how credentials keep it, unique across the server
 */
char *
mkt_auth_normalize_email (const char *email)
{
  g_autofree char *copy = g_strstrip (g_strdup (email));

  return g_utf8_strdown (copy, -1);
}

/**
 * mkt_auth_insert_refresh:
 * @store: a store
 * @tenant_id: the user's tenant
 * @user_id: the user
 * @family_id: (nullable): the family of the token it replaces, or %NULL
 *   for a new login
 * @out_token: (out) (transfer full): the new refresh token, for the client
 * @out_id: (out) (transfer full) (optional): its row's id
 * @error: return location for an error
 *
 * Makes a refresh token and stores its hash (never the token).
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_auth_insert_refresh (MktPgStore  *store,
                         const char  *tenant_id,
                         const char  *user_id,
                         const char  *family_id,
                         char       **out_token,
                         char       **out_id,
                         GError     **error)
{
  g_autofree char *token = mkt_token_new_refresh ();
  g_autofree char *hash = mkt_token_hash_refresh (token);
  g_autofree char *id = mkt_uuid_new_v7 ();
  g_autofree char *lifetime = g_strdup_printf ("%d", MKT_AUTH_REFRESH_LIFETIME_S);
  const char *params[6] = { tenant_id, id, user_id, family_id != NULL ? family_id : id, hash, lifetime };
  g_autoptr(PGresult) result = NULL;

  result = mkt_auth_run (store, tenant_id, "Could not store a refresh token",
                         "INSERT INTO refresh_token (tenant_id, id, user_id, family_id, token_hash, expires_at)"
                         " VALUES ($1, $2, $3, $4, $5, now () + make_interval (secs => $6::int))",
                         6, params, error);
  if (result == NULL)
    return FALSE;

  *out_token = g_steal_pointer (&token);
  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);
  return TRUE;
}

/**
 * mkt_auth_forget_expired:
 * @store: a store, in the transaction of a login or a refresh
 * @tenant_id: the user's tenant
 * @user_id: the user
 * @error: return location for an error
 *
 * Removes @user_id's refresh tokens that expired more than
 * %MKT_AUTH_REFRESH_GRACE_S ago, through the tenant's row security (the
 * application role may delete a refresh token of the transaction's tenant,
 * nothing else), so that the table holds what a user's devices may still
 * present rather than every token ever issued: an active device rotates
 * its token every quarter of an hour.
 *
 * Why not at once on expiry: a used (rotated) token's row is what reuse
 * detection needs. Presented again, it revokes its whole family, whose
 * newest token may still be good (it was issued later, and lives 30 days
 * from then); an expired token presented again does that too, as long as
 * its row is there. The grace keeps that working for a day past the
 * token's own expiry — a client that comes back just after it, a clock a
 * little off — at the cost of a day of rows. Past it, such a token is
 * refused as unknown and its family is left alone: the price of a table
 * that does not grow for ever, with the family's good tokens still ending
 * on their own expiry, at logout, on a password change or a disabling.
 * Revoked and unused tokens go by the same rule.
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_auth_forget_expired (MktPgStore  *store,
                         const char  *tenant_id,
                         const char  *user_id,
                         GError     **error)
{
  g_autofree char *grace = g_strdup_printf ("%d", MKT_AUTH_REFRESH_GRACE_S);
  const char *params[] = { tenant_id, user_id, grace };
  g_autoptr(PGresult) result = NULL;

  result = mkt_auth_run (store, tenant_id, "Could not remove expired refresh tokens",
                         "DELETE FROM refresh_token WHERE tenant_id = $1 AND user_id = $2"
                         " AND expires_at < now () - make_interval (secs => $3::int)",
                         3, params, error);
  return result != NULL;
}

/**
 * mkt_auth_token_response:
 * @request: a request
 * @tenant_id: the user's tenant
 * @user_id: the user
 * @role: the user's role
 * @refresh_token: the refresh token just stored
 * @error: return location for a %MKT_TOKEN_ERROR
 *
 * Returns: (transfer full) (nullable): the body of a login: a new access
 *   token, @refresh_token, their lifetimes, the user, tenant and role
 */
JsonNode *
mkt_auth_token_response (MktHttpRequest  *request,
                         const char      *tenant_id,
                         const char      *user_id,
                         const char      *role,
                         const char      *refresh_token,
                         GError         **error)
{
  const MktHttpConfig *config = mkt_http_server_get_config (request->server);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *access = NULL;
  char *tenant_copy, *user_copy;

  access = mkt_token_issue_access (config->token_secret, user_id, tenant_id, role,
                                   g_get_real_time () / G_USEC_PER_SEC, NULL, error);
  if (access == NULL)
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, access);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "Bearer");
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, MKT_TOKEN_ACCESS_LIFETIME_S);
  json_builder_set_member_name (builder, "refresh_token");
  json_builder_add_string_value (builder, refresh_token);
  json_builder_set_member_name (builder, "refresh_expires_in");
  json_builder_add_int_value (builder, MKT_AUTH_REFRESH_LIFETIME_S);
  json_builder_set_member_name (builder, "tenant_id");
  json_builder_add_string_value (builder, tenant_id);
  json_builder_set_member_name (builder, "user_id");
  json_builder_add_string_value (builder, user_id);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, role);
  json_builder_end_object (builder);

  /* Set here, so that the log line names who logged in (copied first:
   * they may be the request's own). */
  tenant_copy = g_strdup (tenant_id);
  user_copy = g_strdup (user_id);
  g_free (request->tenant_id);
  request->tenant_id = tenant_copy;
  g_free (request->user_id);
  request->user_id = user_copy;

  return json_builder_get_root (builder);
}
