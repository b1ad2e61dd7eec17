/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-auth.h"
#include "mkt-pg-store-private.h"

G_BEGIN_DECLS

/* What the lookups run under before a tenant is known: no tenant's rows
 * match it; only the policies keyed on an email or a token hash let a row
 * through. */
#define MKT_AUTH_NO_TENANT "00000000-0000-0000-0000-000000000000"

PGresult   *mkt_auth_run                (MktPgStore          *store,
                                         const char          *tenant_id,
                                         const char          *what,
                                         const char          *sql,
                                         int                  n_params,
                                         const char * const  *params,
                                         GError             **error);
JsonObject *mkt_auth_body               (MktHttpRequest      *request);
gboolean    mkt_auth_body_string        (MktHttpRequest      *request,
                                         JsonObject          *body,
                                         const char          *name,
                                         gboolean             required,
                                         const char         **out_value);
gboolean    mkt_auth_check_password     (MktHttpRequest      *request,
                                         const char          *field,
                                         const char          *password);
char       *mkt_auth_normalize_email    (const char          *email);
MktPermissionSet *mkt_auth_permissions_for (const char       *role,
                                         const char          *extra_json,
                                         GError             **error);
gboolean    mkt_auth_insert_refresh     (MktPgStore          *store,
                                         const char          *tenant_id,
                                         const char          *user_id,
                                         const char          *family_id,
                                         char               **out_token,
                                         char               **out_id,
                                         GError             **error);
gboolean    mkt_auth_forget_expired     (MktPgStore          *store,
                                         const char          *tenant_id,
                                         const char          *user_id,
                                         GError             **error);
JsonNode   *mkt_auth_token_response     (MktHttpRequest      *request,
                                         const char          *tenant_id,
                                         const char          *user_id,
                                         const char          *role,
                                         const char          *refresh_token,
                                         GError             **error);
void        mkt_auth_set_unauthorized   (MktHttpRequest      *request,
                                         const char          *message);

G_END_DECLS
