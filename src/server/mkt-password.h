/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Argon2id parameters: OWASP's minimum (m = 19 MiB, t = 2, p = 1). */
#define MKT_PASSWORD_OPSLIMIT 2
#define MKT_PASSWORD_MEMLIMIT (19 * 1024 * 1024)

/* Longer input is refused: hashing it would cost nothing more, but no one
 * types it and a request should not make us copy megabytes around. */
#define MKT_PASSWORD_MAX_LENGTH 1024

#define MKT_PASSWORD_ERROR (mkt_password_error_quark ())

/**
 * MktPasswordError:
 * @MKT_PASSWORD_ERROR_INVALID: the password is empty or too long
 * @MKT_PASSWORD_ERROR_FAILED: hashing failed (out of memory)
 */
typedef enum
{
  MKT_PASSWORD_ERROR_INVALID,
  MKT_PASSWORD_ERROR_FAILED,
} MktPasswordError;

GQuark    mkt_password_error_quark    (void);

char     *mkt_password_hash           (const char  *password,
                                       GError     **error);
gboolean  mkt_password_verify         (const char  *hash,
                                       const char  *password);
gboolean  mkt_password_needs_rehash   (const char  *hash);

G_END_DECLS
