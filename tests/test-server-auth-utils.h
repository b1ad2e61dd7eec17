/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include "mkt-pg.h"
#include "mkt-pg-test-utils.h"
#include "mkt-token.h"

G_BEGIN_DECLS

#define TOKEN_SECRET "test-secret-0123456789abcdef0123456789abcdef"
#define PASSWORD "correct horse battery"

typedef struct
{
  MktPgTestDb   db;
  GSubprocess  *process;
  char         *url;
  char         *dir;
  char         *log_path;
  SoupSession  *session;
  GPtrArray    *secrets;    /* every token and password the tests saw */
} Shared;

extern Shared shared;

JsonNode *
call (const char *method,
      const char *path,
      const char *token,
      const char *body,
      guint      *out_status);

JsonObject *
object (JsonNode *node);

const char *
assert_error (JsonNode   *node,
              const char *code,
              const char *field);

char *
unique_email (const char *who);

/* The tokens of a login, register or refresh. */
typedef struct
{
  char *access;
  char *refresh;
  char *tenant_id;
  char *user_id;
} Tokens;

void
tokens_clear (Tokens *tokens);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Tokens, tokens_clear)

void
read_tokens (JsonNode *node,
             Tokens   *tokens);

void
register_business (const char *email,
                   Tokens     *tokens);

guint
login (const char *email,
       const char *password,
       Tokens     *tokens,
       JsonNode  **out_node);

guint
refresh (const char *refresh_token,
         Tokens     *tokens);

/* Invites a user of @role into the admin's business and logs them in. */
void
invite (const char *admin_token,
        const char *role,
        char      **out_email,
        char      **out_password,
        Tokens     *tokens);

char *
db_value (const char *sql);

void
server_start (void);

void
server_stop (void);

G_END_DECLS
