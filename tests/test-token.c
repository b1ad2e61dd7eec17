/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-token"

#include "config.h"

#include <string.h>
#include <sodium.h>

#include "mkt-password.h"
#include "mkt-token.h"

/* The crypto under the accounts: HS256 access tokens, refresh tokens and
 * Argon2id password hashes. No database. */

#define SECRET "0123456789abcdef0123456789abcdef-test"
#define NOW G_GINT64_CONSTANT (1700000000)

/* Made with Python's hmac and base64 from the same claims and SECRET: our
 * tokens are plain JWTs any library reads. */
#define REFERENCE_TOKEN \
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." \
  "eyJzdWIiOiJ1c2VyLTEiLCJ0aWQiOiJ0ZW5hbnQtMSIsInJvbGUiOiJhZG1pbiIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAwOTAwLCJqdGkiOiJqLTEifQ." \
  "rfUhdQikfTupmGApIDySQi24EFRyyRgcAiQuxM6R1tA"

static char *
b64url (const char *text)
{
  gsize size = sodium_base64_ENCODED_LEN (strlen (text), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  char *out = g_malloc (size);

  sodium_bin2base64 (out, size, (const guint8 *) text, strlen (text), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

/* A token with the header and payload given, signed with SECRET. */
static char *
sign_raw (const char *header,
          const char *payload)
{
  g_autofree char *h = b64url (header);
  g_autofree char *p = b64url (payload);
  g_autofree char *input = g_strconcat (h, ".", p, NULL);
  guint8 mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  char sig[sodium_base64_ENCODED_LEN (crypto_auth_hmacsha256_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  crypto_auth_hmacsha256_init (&state, (const guint8 *) SECRET, strlen (SECRET));
  crypto_auth_hmacsha256_update (&state, (const guint8 *) input, strlen (input));
  crypto_auth_hmacsha256_final (&state, mac);
  sodium_bin2base64 (sig, sizeof sig, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return g_strconcat (input, ".", sig, NULL);
}

static void
test_token_reference (void)
{
  MktTokenClaims claims = { (char *) "user-1", (char *) "tenant-1", (char *) "admin",
                            NOW, NOW + 900, (char *) "j-1" };
  g_autoptr(GError) error = NULL;
  g_autofree char *token = mkt_token_sign (&claims, SECRET, &error);
  g_autoptr(MktTokenClaims) verified = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, REFERENCE_TOKEN);

  verified = mkt_token_verify (REFERENCE_TOKEN, SECRET, NOW + 10, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (verified->sub, ==, "user-1");
  g_assert_cmpstr (verified->tid, ==, "tenant-1");
  g_assert_cmpstr (verified->role, ==, "admin");
  g_assert_cmpstr (verified->jti, ==, "j-1");
  g_assert_cmpint (verified->iat, ==, NOW);
  g_assert_cmpint (verified->exp, ==, NOW + 900);
}

static void
test_token_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktTokenClaims) issued = NULL;
  g_autoptr(MktTokenClaims) verified = NULL;
  g_autoptr(MktTokenClaims) other_claims = NULL;
  g_autofree char *token = NULL;
  g_autofree char *other = NULL;

  token = mkt_token_issue_access (SECRET, "0190a1b2-user", "0190a1b2-tenant", "crafter",
                                  NOW, &issued, &error);
  g_assert_no_error (error);
  g_assert_cmpint (issued->exp - issued->iat, ==, MKT_TOKEN_ACCESS_LIFETIME_S);
  g_assert_cmpint (MKT_TOKEN_ACCESS_LIFETIME_S, ==, 15 * 60);

  verified = mkt_token_verify (token, SECRET, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (verified->sub, ==, "0190a1b2-user");
  g_assert_cmpstr (verified->tid, ==, "0190a1b2-tenant");
  g_assert_cmpstr (verified->role, ==, "crafter");
  g_assert_cmpstr (verified->jti, ==, issued->jti);
  g_assert_cmpint (verified->exp, ==, NOW + 15 * 60);

  /* Every token has its own id. */
  other = mkt_token_issue_access (SECRET, "0190a1b2-user", "0190a1b2-tenant", "crafter",
                                  NOW, &other_claims, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other_claims->jti, !=, issued->jti);
  g_assert_cmpstr (other, !=, token);
}

static void
test_token_expiry (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = mkt_token_issue_access (SECRET, "u", "t", "viewer", NOW, NULL, &error);
  g_autoptr(MktTokenClaims) last_second = NULL;
  g_autoptr(MktTokenClaims) expired = NULL;

  g_assert_no_error (error);

  last_second = mkt_token_verify (token, SECRET, NOW + MKT_TOKEN_ACCESS_LIFETIME_S - 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (last_second);

  expired = mkt_token_verify (token, SECRET, NOW + MKT_TOKEN_ACCESS_LIFETIME_S, &error);
  g_assert_error (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_EXPIRED);
  g_assert_null (expired);
}

/* Changes one character of part @part (0 header, 1 payload, 2 signature)
 * to another of the base64url alphabet. */
static char *
tamper (const char *token,
        guint       part)
{
  char *copy = g_strdup (token);
  char *p = copy;

  for (guint i = 0; i < part; i++)
    p = strchr (p, '.') + 1;
  /* The second character: the first may carry bits a short last group
   * drops; the second always counts. */
  p[1] = p[1] == 'A' ? 'B' : 'A';
  return copy;
}

static void
test_token_tampered (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = mkt_token_issue_access (SECRET, "user", "tenant", "viewer", NOW, NULL, &error);
  g_autofree char *header_json = g_strdup ("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
  g_autofree char *admin_payload = NULL;
  g_autofree char *admin_token = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) admin_parts = NULL;
  g_autofree char *spliced = NULL;

  g_assert_no_error (error);

  for (guint part = 0; part < 3; part++)
    {
      g_autofree char *bad = tamper (token, part);
      g_autoptr(MktTokenClaims) claims = mkt_token_verify (bad, SECRET, NOW, &error);

      g_assert_null (claims);
      g_assert_nonnull (error);
      g_assert_true (error->domain == MKT_TOKEN_ERROR);
      /* A header changed is unreadable or unsigned; the rest is a bad
       * signature. */
      if (part > 0)
        g_assert_error (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_SIGNATURE);
      g_clear_error (&error);
    }

  /* Someone else's payload (an admin's) under this token's signature. */
  admin_payload = g_strdup_printf ("{\"sub\":\"user\",\"tid\":\"tenant\",\"role\":\"admin\","
                                   "\"iat\":%" G_GINT64_FORMAT ",\"exp\":%" G_GINT64_FORMAT ",\"jti\":\"x\"}",
                                   NOW, NOW + 900);
  admin_token = sign_raw (header_json, admin_payload);
  parts = g_strsplit (token, ".", -1);
  admin_parts = g_strsplit (admin_token, ".", -1);
  spliced = g_strjoin (".", parts[0], admin_parts[1], parts[2], NULL);
  g_assert_null (mkt_token_verify (spliced, SECRET, NOW, &error));
  g_assert_error (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_SIGNATURE);
  g_clear_error (&error);

  /* The same token checked with another secret. */
  g_assert_null (mkt_token_verify (token, SECRET "-other", NOW, &error));
  g_assert_error (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_SIGNATURE);
}

static void
test_token_algorithms (void)
{
  g_autofree char *payload = g_strdup_printf ("{\"sub\":\"u\",\"tid\":\"t\",\"role\":\"admin\","
                                              "\"iat\":%" G_GINT64_FORMAT ",\"exp\":%" G_GINT64_FORMAT ",\"jti\":\"x\"}",
                                              NOW, NOW + 900);
  /* Headers refused even with a signature that matches (made with the
   * secret as an HS256 key): the algorithm is pinned. */
  const char *headers[] = {
    "{\"alg\":\"none\",\"typ\":\"JWT\"}",
    "{\"alg\":\"None\"}",
    "{\"alg\":\"HS384\",\"typ\":\"JWT\"}",
    "{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
    "{\"alg\":\"hs256\"}",
    "{\"typ\":\"JWT\"}",
    "{\"alg\":256}",
    "{\"alg\":\"HS256\",\"typ\":\"JWS\"}",
    "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}",
    "{\"alg\":\"HS256\",\"kid\":\"../../etc/passwd\"}",
    "{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"AA\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *token = sign_raw (headers[i], payload);
      g_autofree char *h = b64url (headers[i]);
      g_autofree char *p = b64url (payload);
      g_autofree char *unsigned_token = g_strconcat (h, ".", p, ".", NULL);

      g_test_message ("header %s", headers[i]);
      g_assert_null (mkt_token_verify (token, SECRET, NOW, &error));
      g_assert_error (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_ALGORITHM);
      g_clear_error (&error);

      /* "alg":"none" style: no signature at all. */
      g_assert_null (mkt_token_verify (unsigned_token, SECRET, NOW, &error));
      g_assert_error (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_ALGORITHM);
    }

  /* HS256 with the signature left off. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *h = b64url ("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    g_autofree char *p = b64url (payload);
    g_autofree char *unsigned_token = g_strconcat (h, ".", p, ".", NULL);

    g_assert_null (mkt_token_verify (unsigned_token, SECRET, NOW, &error));
    g_assert_error (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_SIGNATURE);
  }
}

static void
test_token_malformed (void)
{
  g_autofree char *good = mkt_token_issue_access (SECRET, "u", "t", "viewer", NOW, NULL, NULL);
  g_autofree char *padded = g_strconcat (good, "=", NULL);
  g_autofree char *spaced = g_strconcat (" ", good, NULL);
  g_autofree char *four = g_strconcat (good, ".e30", NULL);
  g_autofree char *huge = NULL;
  g_autofree char *huge_dots = NULL;
  g_autofree char *not_object = sign_raw ("{\"alg\":\"HS256\"}", "[1,2,3]");
  g_autofree char *not_json = sign_raw ("{\"alg\":\"HS256\"}", "{sub:");
  g_autofree char *missing = sign_raw ("{\"alg\":\"HS256\"}", "{\"sub\":\"u\",\"tid\":\"t\"}");
  g_autofree char *mistyped = sign_raw ("{\"alg\":\"HS256\"}",
                                        "{\"sub\":\"u\",\"tid\":\"t\",\"role\":\"r\",\"iat\":1,"
                                        "\"exp\":\"99999999999\",\"jti\":\"x\"}");
  g_autofree char *float_exp = sign_raw ("{\"alg\":\"HS256\"}",
                                         "{\"sub\":\"u\",\"tid\":\"t\",\"role\":\"r\",\"iat\":1,"
                                         "\"exp\":1e30,\"jti\":\"x\"}");
  g_autofree char *header_array = sign_raw ("[\"HS256\"]", "{}");
  g_autofree char *header_binary = sign_raw ("\xff\xfe{}", "{}");
  const char *tokens[16];
  guint n = 0;

  huge = g_strnfill (1024 * 1024, 'A');
  huge_dots = g_strnfill (1024 * 1024, 'A');
  huge_dots[1000] = '.';
  huge_dots[2000] = '.';

  tokens[n++] = "";
  tokens[n++] = "abc";
  tokens[n++] = "a.b";
  tokens[n++] = "..";
  tokens[n++] = "!!!.???.***";
  tokens[n++] = padded;
  tokens[n++] = spaced;
  tokens[n++] = four;
  tokens[n++] = huge;
  tokens[n++] = huge_dots;
  tokens[n++] = not_object;
  tokens[n++] = not_json;
  tokens[n++] = missing;
  tokens[n++] = mistyped;
  tokens[n++] = float_exp;
  tokens[n++] = header_array;
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (tokens));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("token %u", i);
      g_assert_null (mkt_token_verify (tokens[i], SECRET, NOW, &error));
      g_assert_error (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_MALFORMED);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (mkt_token_verify (header_binary, SECRET, NOW, &error));
    g_assert_error (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_MALFORMED);
    g_clear_error (&error);

    g_assert_null (mkt_token_verify (NULL, SECRET, NOW, &error));
    g_assert_error (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_MALFORMED);
  }
}

static void
test_token_secret (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (mkt_token_issue_access ("short", "u", "t", "r", NOW, NULL, &error));
  g_assert_error (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_SECRET);
  g_clear_error (&error);

  g_assert_null (mkt_token_verify (REFERENCE_TOKEN, "short", NOW, &error));
  g_assert_error (error, MKT_TOKEN_ERROR, MKT_TOKEN_ERROR_SECRET);
}

static void
test_token_refresh (void)
{
  g_autofree char *a = mkt_token_new_refresh ();
  g_autofree char *b = mkt_token_new_refresh ();
  g_autofree char *hash_a = mkt_token_hash_refresh (a);
  g_autofree char *hash_a_again = mkt_token_hash_refresh (a);
  g_autofree char *hash_b = mkt_token_hash_refresh (b);
  g_autofree char *hash_abc = mkt_token_hash_refresh ("abc");

  /* 32 bytes, base64url without padding. */
  g_assert_cmpuint (strlen (a), ==, 43);
  for (const char *p = a; *p != '\0'; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');
  g_assert_cmpstr (a, !=, b);

  g_assert_cmpuint (strlen (hash_a), ==, 64);
  g_assert_cmpstr (hash_a, ==, hash_a_again);
  g_assert_cmpstr (hash_a, !=, hash_b);
  g_assert_cmpstr (hash_abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* "$argon2id$v=19$m=19456,t=2,p=1$salt$hash" → m, t, p */
static void
parse_argon2id (const char *hash,
                guint64    *m,
                guint64    *t,
                guint64    *p)
{
  g_auto(GStrv) fields = g_strsplit (hash, "$", -1);
  g_auto(GStrv) params = NULL;

  g_assert_cmpuint (g_strv_length (fields), ==, 6);
  g_assert_cmpstr (fields[0], ==, "");
  g_assert_cmpstr (fields[1], ==, "argon2id");
  g_assert_cmpstr (fields[2], ==, "v=19");

  params = g_strsplit (fields[3], ",", -1);
  g_assert_cmpuint (g_strv_length (params), ==, 3);
  g_assert_true (g_str_has_prefix (params[0], "m="));
  g_assert_true (g_str_has_prefix (params[1], "t="));
  g_assert_true (g_str_has_prefix (params[2], "p="));
  g_assert_true (g_ascii_string_to_unsigned (params[0] + 2, 10, 1, G_MAXUINT32, m, NULL));
  g_assert_true (g_ascii_string_to_unsigned (params[1] + 2, 10, 1, G_MAXUINT32, t, NULL));
  g_assert_true (g_ascii_string_to_unsigned (params[2] + 2, 10, 1, G_MAXUINT32, p, NULL));
}

static void
test_password_hash (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = mkt_password_hash ("correct horse battery staple", &error);
  g_autofree char *again = NULL;
  guint64 m, t, p;

  g_assert_no_error (error);

  /* OWASP's minimum for Argon2id: m = 19 MiB (19456 KiB), t = 2, p = 1. */
  parse_argon2id (hash, &m, &t, &p);
  g_assert_cmpuint (m, >=, 19456);
  g_assert_cmpuint (t, >=, 2);
  g_assert_cmpuint (p, >=, 1);

  g_assert_true (mkt_password_verify (hash, "correct horse battery staple"));
  g_assert_false (mkt_password_verify (hash, "correct horse battery stapler"));
  g_assert_false (mkt_password_verify (hash, "Correct horse battery staple"));
  g_assert_false (mkt_password_verify (hash, ""));
  g_assert_false (mkt_password_verify (hash, NULL));
  g_assert_false (mkt_password_needs_rehash (hash));

  /* A new salt each time. */
  again = mkt_password_hash ("correct horse battery staple", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, !=, hash);
  g_assert_true (mkt_password_verify (again, "correct horse battery staple"));
}

static void
test_password_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_password = g_strnfill (MKT_PASSWORD_MAX_LENGTH + 1, 'x');
  g_autofree char *long_hash = g_strnfill (100000, '$');

  g_assert_null (mkt_password_hash ("", &error));
  g_assert_error (error, MKT_PASSWORD_ERROR, MKT_PASSWORD_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (mkt_password_hash (long_password, &error));
  g_assert_error (error, MKT_PASSWORD_ERROR, MKT_PASSWORD_ERROR_INVALID);

  g_assert_false (mkt_password_verify (NULL, "secret"));
  g_assert_false (mkt_password_verify ("", "secret"));
  g_assert_false (mkt_password_verify ("$argon2id$v=19$m=19456,t=2,p=1$garbage", "secret"));
  g_assert_false (mkt_password_verify (long_hash, "secret"));
  g_assert_true (mkt_password_needs_rehash (NULL));
  g_assert_true (mkt_password_needs_rehash ("plain text"));
  g_assert_true (mkt_password_needs_rehash (long_hash));
}

static void
test_password_rehash (void)
{
  char weak[crypto_pwhash_STRBYTES];
  char argon2i[crypto_pwhash_STRBYTES];

  /* Weaker than ours: t = 1, 8 MiB. */
  g_assert_cmpint (crypto_pwhash_str_alg (weak, "pw", 2, 1, 8 * 1024 * 1024, crypto_pwhash_ALG_ARGON2ID13), ==, 0);
  g_assert_true (mkt_password_verify (weak, "pw"));
  g_assert_true (mkt_password_needs_rehash (weak));

  /* Argon2i (which needs t >= 3): another algorithm. */
  g_assert_cmpint (crypto_pwhash_str_alg (argon2i, "pw", 2, 3, MKT_PASSWORD_MEMLIMIT,
                                          crypto_pwhash_ALG_ARGON2I13), ==, 0);
  g_assert_true (mkt_password_needs_rehash (argon2i));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/server/token/reference", test_token_reference);
  g_test_add_func ("/server/token/round-trip", test_token_round_trip);
  g_test_add_func ("/server/token/expiry", test_token_expiry);
  g_test_add_func ("/server/token/tampered", test_token_tampered);
  g_test_add_func ("/server/token/algorithms", test_token_algorithms);
  g_test_add_func ("/server/token/malformed", test_token_malformed);
  g_test_add_func ("/server/token/secret", test_token_secret);
  g_test_add_func ("/server/token/refresh", test_token_refresh);
  g_test_add_func ("/server/password/hash", test_password_hash);
  g_test_add_func ("/server/password/invalid", test_password_invalid);
  g_test_add_func ("/server/password/rehash", test_password_rehash);

  return g_test_run ();
}
