/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include "mkt-http-router.h"
#include "mkt-pg-test-utils.h"

G_BEGIN_DECLS

#define TOKEN_SECRET "test-secret-0123456789abcdef0123456789abcdef"
#define PASSWORD "correct horse battery"
#define BODY_LIMIT 65536
#define MATERIALS "/api/v1/inventory/materials"

typedef struct
{
  GSubprocess *process;
  char        *url;
  char        *dir;
  char        *log_path;
} Server;

typedef struct
{
  MktPgTestDb  db;
  Server       server;
  SoupSession *session;
} Shared;

extern Shared shared;

void
server_start (Server             *server,
              const char * const *args);

void
server_stop (Server *server);

int
server_test_run (int    *argc,
                 char ***argv,
                 void  (*add_tests) (void));

JsonNode *
call_full (Server     *server,
           const char *method,
           const char *path,
           const char *token,
           const char *body,
           gboolean    close,
           guint      *out_status);

JsonNode *
call (const char *method,
      const char *path,
      const char *token,
      const char *body,
      guint      *out_status);

JsonNode *
call_expect (const char *method,
             const char *path,
             const char *token,
             const char *body,
             guint       expected);

JsonObject *
object (JsonNode *node);

const char *
member (JsonNode   *node,
        const char *name);

JsonObject *
assert_error (JsonNode   *node,
              guint       status,
              guint       expected,
              const char *code,
              const char *field);

JsonArray *
items (JsonNode *node);

char *
register_business (const char *who);

char *
add_material (Server     *server,
              const char *token,
              const char *body);

char *
path_of (const char *collection,
         const char *id,
         const char *suffix);

char *
create_id (const char *token,
           const char *path,
           const char *body);

char *
invite_role (const char *admin,
             const char *role);

JsonNode *
bulk_call (const char *method,
           const char *path,
           const char *token,
           const char *body,
           guint       expected,
           gint        index,
           const char *field);

void
assert_refused (const char *method,
                const char *path,
                const char *token,
                const char *body,
                guint       expected,
                const char *code,
                const char *field);

void
assert_not_found_at (const char *method,
                     const char *path,
                     const char *token,
                     const char *body);

void
assert_denied (const char *method,
               const char *path,
               const char *token,
               const char *body,
               const char *permission);

JsonObject *
server_logged_request (Server     *server,
                       const char *method,
                       const char *route,
                       guint       nth);

/* Which test program drives a route over HTTP (see route_family()). */
typedef enum
{
  ROUTES_COLLECTION,   /* test-server-api-every-route-resources.c */
  ROUTES_GOODS,        /* test-server-api-every-route-goods.c */
  ROUTES_OTHER,        /* test-server-api-every-route-flows.c */
} RouteFamily;

RouteFamily
route_family (const MktHttpRoute *route);

void
assert_every_route_answered (Server      *server,
                             RouteFamily  family);

G_END_DECLS
