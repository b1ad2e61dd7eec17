/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mkt-http-request.h"
#include "mkt-pg-store.h"
#include "mkt-session.h"

G_BEGIN_DECLS

/* A refresh token lives 30 days (an access token 15 minutes:
 * MKT_TOKEN_ACCESS_LIFETIME_S). */
#define MKT_AUTH_REFRESH_LIFETIME_S (30 * 24 * 3600)

/* How long an expired refresh token's row is kept before a login or a
 * refresh of its user removes it: see mkt_auth_forget_expired(). */
#define MKT_AUTH_REFRESH_GRACE_S (24 * 3600)

/* Passwords: at least this many characters, at most
 * MKT_PASSWORD_MAX_LENGTH bytes. */
#define MKT_AUTH_PASSWORD_MIN_CHARS 8

gboolean     mkt_auth_route_needs_token   (const MktHttpRoute  *route);
gboolean     mkt_auth_authenticate        (MktHttpRequest      *request);
gboolean     mkt_auth_run_read            (MktHttpRequest      *request,
                                           MktHttpWorker       *worker);
gboolean     mkt_auth_authorize           (MktHttpRequest      *request,
                                           MktHttpWorker       *worker);

const char  *mkt_auth_get_device_id       (void);
MktPgStore  *mkt_auth_get_store           (MktHttpWorker       *worker,
                                           GError             **error);
MktSession  *mkt_auth_get_session         (MktHttpRequest      *request,
                                           MktHttpWorker       *worker,
                                           GError             **error);
void         mkt_auth_set_error           (MktHttpRequest      *request,
                                           const GError        *error);

/* Routes (mkt-auth-routes.c, mkt-auth-users.c). */
void         mkt_auth_register_handler    (MktHttpRequest      *request,
                                           MktHttpWorker       *worker);
void         mkt_auth_login_handler       (MktHttpRequest      *request,
                                           MktHttpWorker       *worker);
void         mkt_auth_refresh_handler     (MktHttpRequest      *request,
                                           MktHttpWorker       *worker);
void         mkt_auth_logout_handler      (MktHttpRequest      *request,
                                           MktHttpWorker       *worker);
void         mkt_auth_password_handler    (MktHttpRequest      *request,
                                           MktHttpWorker       *worker);
void         mkt_auth_profile_handler     (MktHttpRequest      *request,
                                           MktHttpWorker       *worker);
void         mkt_auth_users_list_handler  (MktHttpRequest      *request,
                                           MktHttpWorker       *worker);
void         mkt_auth_users_invite_handler (MktHttpRequest     *request,
                                            MktHttpWorker      *worker);
void         mkt_auth_users_update_handler (MktHttpRequest     *request,
                                            MktHttpWorker      *worker);
void         mkt_auth_roles_list_handler  (MktHttpRequest      *request,
                                           MktHttpWorker       *worker);

G_END_DECLS
