/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An access token lives 15 minutes. */
#define MKT_TOKEN_ACCESS_LIFETIME_S (15 * 60)
/* The HMAC key: at least 32 bytes (MARKET_TOKEN_SECRET). */
#define MKT_TOKEN_SECRET_MIN_LENGTH 32
/* Anything longer is not one of our tokens and is not even decoded. */
#define MKT_TOKEN_MAX_LENGTH 4096

#define MKT_TOKEN_ERROR (mkt_token_error_quark ())

/**
 * MktTokenError:
 * @MKT_TOKEN_ERROR_MALFORMED: not a JWT, or claims missing or mistyped
 * @MKT_TOKEN_ERROR_ALGORITHM: another algorithm than HS256 (or none)
 * @MKT_TOKEN_ERROR_SIGNATURE: the signature does not match
 * @MKT_TOKEN_ERROR_EXPIRED: the token has expired
 * @MKT_TOKEN_ERROR_SECRET: the signing secret is too short
 */
typedef enum
{
  MKT_TOKEN_ERROR_MALFORMED,
  MKT_TOKEN_ERROR_ALGORITHM,
  MKT_TOKEN_ERROR_SIGNATURE,
  MKT_TOKEN_ERROR_EXPIRED,
  MKT_TOKEN_ERROR_SECRET,
} MktTokenError;

/**
 * MktTokenClaims:
 * @sub: the user's id
 * @tid: the tenant's id
 * @role: the user's role
 * @iat: issued at, Unix seconds
 * @exp: expires at, Unix seconds
 * @jti: the token's own id
 */
typedef struct
{
  char   *sub;
  char   *tid;
  char   *role;
  gint64  iat;
  gint64  exp;
  char   *jti;
} MktTokenClaims;

GQuark          mkt_token_error_quark         (void);

void            mkt_token_claims_free         (MktTokenClaims  *claims);

char           *mkt_token_sign                (const MktTokenClaims *claims,
                                               const char      *secret,
                                               GError         **error);
char           *mkt_token_issue_access        (const char      *secret,
                                               const char      *user_id,
                                               const char      *tenant_id,
                                               const char      *role,
                                               gint64           now,
                                               MktTokenClaims **out_claims,
                                               GError         **error);
MktTokenClaims *mkt_token_verify              (const char      *token,
                                               const char      *secret,
                                               gint64           now,
                                               GError         **error);

char           *mkt_token_new_refresh         (void);
char           *mkt_token_hash_refresh        (const char      *token);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MktTokenClaims, mkt_token_claims_free)

G_END_DECLS
