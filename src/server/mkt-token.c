/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-token"

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <sodium.h>

#include "mkt-token.h"

/* Access tokens are JWTs (RFC 7519) signed with HMAC-SHA256: one
 * algorithm, pinned. The header is checked to say exactly that before the
 * signature is, and the payload is read only once the signature holds, so
 * nothing an attacker wrote is trusted before it has been authenticated.
 * Refresh tokens are opaque random strings; the server keeps their hash. */

G_DEFINE_QUARK (mkt-token-error-quark, mkt_token_error)

#define SIGNATURE_BYTES crypto_auth_hmacsha256_BYTES
#define REFRESH_BYTES 32

/* {"alg":"HS256","typ":"JWT"}: what we sign with, always the same bytes. */
static const char header_json[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

static void
ensure_sodium (void)
{
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
}

void
mkt_token_claims_free (MktTokenClaims *claims)
{
  if (claims == NULL)
    return;

  g_free (claims->sub);
  g_free (claims->tid);
  g_free (claims->role);
  g_free (claims->jti);
  g_free (claims);
}

static char *
base64url_encode (const guint8 *data,
                  gsize         length)
{
  gsize size = sodium_base64_ENCODED_LEN (length, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  char *text = g_malloc (size);

  sodium_bin2base64 (text, size, data, length, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return text;
}

/* Strict: the URL-safe alphabet, no padding, no whitespace. */
static GBytes *
base64url_decode (const char *text,
                  gsize       length)
{
  gsize max = length / 4 * 3 + 3;
  guint8 *data = g_malloc (max + 1);
  gsize decoded = 0;
  const char *end = NULL;

  if (sodium_base642bin (data, max, text, length, NULL, &decoded, &end,
                         sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text + length)
    {
      g_free (data);
      return NULL;
    }

  return g_bytes_new_take (data, decoded);
}

static gboolean
check_secret (const char  *secret,
              GError     **error)
{
  if (secret == NULL || strlen (secret) < MKT_TOKEN_SECRET_MIN_LENGTH)
    {
      g_set_error (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_SECRET,
                   "The token secret must be at least %d bytes long",
                   MKT_TOKEN_SECRET_MIN_LENGTH);
      return FALSE;
    }
  return TRUE;
}

static void
hmac (const char *secret,
      const char *data,
      gsize       length,
      guint8      out[SIGNATURE_BYTES])
{
  crypto_auth_hmacsha256_state state;

  crypto_auth_hmacsha256_init (&state, (const guint8 *) secret, strlen (secret));
  crypto_auth_hmacsha256_update (&state, (const guint8 *) data, length);
  crypto_auth_hmacsha256_final (&state, out);
  sodium_memzero (&state, sizeof state);
}

/**
 * mkt_token_sign:
 * @claims: the claims; every string set
 * @secret: the HMAC key, at least %MKT_TOKEN_SECRET_MIN_LENGTH bytes
 * @error: return location for a %MKT_TOKEN_ERROR
 *
 * Returns: (transfer full) (nullable): the compact JWT
 */
char *
mkt_token_sign (const MktTokenClaims  *claims,
                const char            *secret,
                GError               **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *payload_json = NULL;
  g_autofree char *header = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *signing_input = NULL;
  guint8 mac[SIGNATURE_BYTES];

  g_return_val_if_fail (claims != NULL, NULL);
  g_return_val_if_fail (claims->sub != NULL && claims->tid != NULL, NULL);
  g_return_val_if_fail (claims->role != NULL && claims->jti != NULL, NULL);

  ensure_sodium ();
  if (!check_secret (secret, error))
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sub");
  json_builder_add_string_value (builder, claims->sub);
  json_builder_set_member_name (builder, "tid");
  json_builder_add_string_value (builder, claims->tid);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, claims->role);
  json_builder_set_member_name (builder, "iat");
  json_builder_add_int_value (builder, claims->iat);
  json_builder_set_member_name (builder, "exp");
  json_builder_add_int_value (builder, claims->exp);
  json_builder_set_member_name (builder, "jti");
  json_builder_add_string_value (builder, claims->jti);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  payload_json = json_to_string (root, FALSE);

  header = base64url_encode ((const guint8 *) header_json, strlen (header_json));
  payload = base64url_encode ((const guint8 *) payload_json, strlen (payload_json));
  signing_input = g_strconcat (header, ".", payload, NULL);
  hmac (secret, signing_input, strlen (signing_input), mac);
  signature = base64url_encode (mac, sizeof mac);

  return g_strconcat (signing_input, ".", signature, NULL);
}

/**
 * mkt_token_issue_access:
 * @secret: the HMAC key
 * @user_id: the user (`sub`)
 * @tenant_id: the tenant (`tid`)
 * @role: the user's role
 * @now: the time, Unix seconds
 * @out_claims: (out) (optional) (transfer full): the claims signed
 * @error: return location for a %MKT_TOKEN_ERROR
 *
 * Makes an access token valid for %MKT_TOKEN_ACCESS_LIFETIME_S from @now,
 * with a new random `jti`.
 *
 * Returns: (transfer full) (nullable): the token
 */
char *
mkt_token_issue_access (const char      *secret,
                        const char      *user_id,
                        const char      *tenant_id,
                        const char      *role,
                        gint64           now,
                        MktTokenClaims **out_claims,
                        GError         **error)
{
  g_autoptr(MktTokenClaims) claims = g_new0 (MktTokenClaims, 1);
  char *token;

  claims->sub = g_strdup (user_id);
  claims->tid = g_strdup (tenant_id);
  claims->role = g_strdup (role);
  claims->iat = now;
  claims->exp = now + MKT_TOKEN_ACCESS_LIFETIME_S;
  claims->jti = g_uuid_string_random ();

  token = mkt_token_sign (claims, secret, error);
  if (token != NULL && out_claims != NULL)
    *out_claims = g_steal_pointer (&claims);
  return token;
}

static JsonObject *
parse_object (GBytes      *bytes,
              const char  *what,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode *root;

  if (length == 0 || !g_utf8_validate (data, length, NULL) ||
      !json_parser_load_from_data (parser, data, length, NULL))
    {
      g_set_error (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_MALFORMED,
                   "The token’s %s is not JSON", what);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_MALFORMED,
                   "The token’s %s is not a JSON object", what);
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_int (JsonObject *object,
            const char *name,
            gint64     *out)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
check_header (GBytes  *bytes,
              GError **error)
{
  g_autoptr(JsonObject) header = parse_object (bytes, "header", error);
  const char *alg;
  const char *typ;

  if (header == NULL)
    return FALSE;

  alg = member_string (header, "alg");
  if (alg == NULL || !g_str_equal (alg, "HS256"))
    {
      g_set_error_literal (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_ALGORITHM,
                           "The token is not signed with HS256");
      return FALSE;
    }

  /* Nothing else may change how the token is to be read: no critical
   * extensions, no keys or key URLs of the sender's choosing. */
  typ = member_string (header, "typ");
  if ((json_object_has_member (header, "typ") && (typ == NULL || !g_str_equal (typ, "JWT"))) ||
      json_object_has_member (header, "crit") ||
      json_object_has_member (header, "jku") ||
      json_object_has_member (header, "jwk") ||
      json_object_has_member (header, "kid") ||
      json_object_has_member (header, "x5u") ||
      json_object_has_member (header, "x5c"))
    {
      g_set_error_literal (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_ALGORITHM,
                           "The token’s header has fields this server does not accept");
      return FALSE;
    }

  return TRUE;
}

/**
 * mkt_token_verify:
 * @token: (nullable): a compact JWT as a client sent it
 * @secret: the HMAC key
 * @now: the time, Unix seconds
 * @error: return location for a %MKT_TOKEN_ERROR
 *
 * Checks, in this order: the shape (three base64url parts, no longer than
 * %MKT_TOKEN_MAX_LENGTH), the header (HS256 only), the signature (in
 * constant time), then the claims and their expiry.
 *
 * Returns: (transfer full) (nullable): the claims of a valid token
 */
MktTokenClaims *
mkt_token_verify (const char  *token,
                  const char  *secret,
                  gint64       now,
                  GError     **error)
{
  g_autoptr(GBytes) header = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(MktTokenClaims) claims = NULL;
  const char *dot1, *dot2;
  gsize length;
  guint8 mac[SIGNATURE_BYTES];
  const char *sub, *tid, *role, *jti;

  ensure_sodium ();
  if (!check_secret (secret, error))
    return NULL;

  length = token != NULL ? strnlen (token, MKT_TOKEN_MAX_LENGTH + 1) : 0;
  if (length == 0 || length > MKT_TOKEN_MAX_LENGTH)
    {
      g_set_error_literal (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_MALFORMED,
                           length == 0 ? "The token is empty" : "The token is too long");
      return NULL;
    }

  dot1 = strchr (token, '.');
  dot2 = dot1 != NULL ? strchr (dot1 + 1, '.') : NULL;
  if (dot1 == NULL || dot2 == NULL || strchr (dot2 + 1, '.') != NULL)
    {
      g_set_error_literal (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_MALFORMED,
                           "The token does not have three parts");
      return NULL;
    }

  header = base64url_decode (token, dot1 - token);
  payload = base64url_decode (dot1 + 1, dot2 - dot1 - 1);
  signature = base64url_decode (dot2 + 1, token + length - dot2 - 1);
  if (header == NULL || payload == NULL || signature == NULL)
    {
      g_set_error_literal (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_MALFORMED,
                           "The token is not base64url");
      return NULL;
    }

  if (!check_header (header, error))
    return NULL;

  hmac (secret, token, dot2 - token, mac);
  if (g_bytes_get_size (signature) != SIGNATURE_BYTES ||
      sodium_memcmp (mac, g_bytes_get_data (signature, NULL), SIGNATURE_BYTES) != 0)
    {
      g_set_error_literal (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_SIGNATURE,
                           "The token’s signature does not match");
      return NULL;
    }

  object = parse_object (payload, "payload", error);
  if (object == NULL)
    return NULL;

  claims = g_new0 (MktTokenClaims, 1);
  sub = member_string (object, "sub");
  tid = member_string (object, "tid");
  role = member_string (object, "role");
  jti = member_string (object, "jti");
  if (sub == NULL || tid == NULL || role == NULL || jti == NULL ||
      !member_int (object, "iat", &claims->iat) ||
      !member_int (object, "exp", &claims->exp))
    {
      g_set_error_literal (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_MALFORMED,
                           "The token lacks a claim (sub, tid, role, iat, exp, jti)");
      return NULL;
    }

  if (now >= claims->exp)
    {
      g_set_error_literal (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_EXPIRED,
                           "The token has expired");
      return NULL;
    }

  claims->sub = g_strdup (sub);
  claims->tid = g_strdup (tid);
  claims->role = g_strdup (role);
  claims->jti = g_strdup (jti);
  return g_steal_pointer (&claims);
}

/**
 * mkt_token_new_refresh:
 *
 * Returns: (transfer full): a new refresh token: 32 random bytes,
 *   base64url without padding (43 characters)
 */
char *
mkt_token_new_refresh (void)
{
  guint8 bytes[REFRESH_BYTES];
  char *token;

  ensure_sodium ();
  randombytes_buf (bytes, sizeof bytes);
  token = base64url_encode (bytes, sizeof bytes);
  sodium_memzero (bytes, sizeof bytes);
  return token;
}

/**
 * mkt_token_hash_refresh:
 * @token: a refresh token
 *
 * The refresh token is random and long, so a plain SHA-256 is enough to
 * keep the stored form useless to whoever reads the database.
 *
 * Returns: (transfer full): SHA-256 of @token, lowercase hex (64
 *   characters)
 */
char *
mkt_token_hash_refresh (const char *token)
{
  guint8 digest[crypto_hash_sha256_BYTES];
  char hex[crypto_hash_sha256_BYTES * 2 + 1];

  g_return_val_if_fail (token != NULL, NULL);

  ensure_sodium ();
  crypto_hash_sha256 (digest, (const guint8 *) token, strlen (token));
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  return g_strdup (hex);
}
