/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-password"

#include "config.h"

#include <string.h>
#include <sodium.h>

#include "mkt-password.h"

G_DEFINE_QUARK (mkt-password-error-quark, mkt_password_error)

static void
ensure_sodium (void)
{
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
}

/**
 * mkt_password_hash:
 * @password: the password, UTF-8
 * @error: return location for a %MKT_PASSWORD_ERROR
 *
 * Hashes @password with Argon2id and a random salt, at
 * %MKT_PASSWORD_OPSLIMIT and %MKT_PASSWORD_MEMLIMIT.
 *
 * Returns: (transfer full) (nullable): the encoded hash
 *   (`$argon2id$v=19$m=…,t=…,p=1$salt$hash`), or %NULL
 */
char *
mkt_password_hash (const char  *password,
                   GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];
  gsize length;

  g_return_val_if_fail (password != NULL, NULL);

  ensure_sodium ();

  length = strlen (password);
  if (length == 0)
    {
      g_set_error_literal (error, MKT_PASSWORD_ERROR, MKT_PASSWORD_ERROR_INVALID,
                           "The password is empty");
      return NULL;
    }
  if (length > MKT_PASSWORD_MAX_LENGTH)
    {
      g_set_error (error, MKT_PASSWORD_ERROR, MKT_PASSWORD_ERROR_INVALID,
                   "The password is longer than %d bytes", MKT_PASSWORD_MAX_LENGTH);
      return NULL;
    }

  if (crypto_pwhash_str_alg (hash, password, length,
                             MKT_PASSWORD_OPSLIMIT, MKT_PASSWORD_MEMLIMIT,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, MKT_PASSWORD_ERROR, MKT_PASSWORD_ERROR_FAILED,
                           "Not enough memory to hash the password");
      return NULL;
    }

  return g_strdup (hash);
}

/* libsodium reads the hash up to its NUL: one that does not fit its
 * buffer is not one of ours. */
static gboolean
hash_is_plausible (const char *hash)
{
  return hash != NULL && strnlen (hash, crypto_pwhash_STRBYTES) < crypto_pwhash_STRBYTES;
}

/**
 * mkt_password_verify:
 * @hash: (nullable): an encoded hash from mkt_password_hash()
 * @password: (nullable): the password to check
 *
 * Takes the time a hash takes whatever the outcome (a missing or garbled
 * hash aside).
 *
 * Returns: %TRUE if @password is the one @hash was made from
 */
gboolean
mkt_password_verify (const char *hash,
                     const char *password)
{
  gsize length;

  ensure_sodium ();

  if (!hash_is_plausible (hash) || password == NULL)
    return FALSE;

  length = strlen (password);
  if (length == 0 || length > MKT_PASSWORD_MAX_LENGTH)
    return FALSE;

  return crypto_pwhash_str_verify (hash, password, length) == 0;
}

/**
 * mkt_password_needs_rehash:
 * @hash: an encoded hash
 *
 * Returns: %TRUE if @hash was made with other parameters or another
 *   algorithm (or is not a hash at all): the next successful login should
 *   store a new one
 */
gboolean
mkt_password_needs_rehash (const char *hash)
{
  ensure_sodium ();

  /* libsodium would judge an Argon2i hash by its parameters alone. */
  if (!hash_is_plausible (hash) || !g_str_has_prefix (hash, crypto_pwhash_argon2id_STRPREFIX))
    return TRUE;

  return crypto_pwhash_str_needs_rehash (hash, MKT_PASSWORD_OPSLIMIT, MKT_PASSWORD_MEMLIMIT) != 0;
}
