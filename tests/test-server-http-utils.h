/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include "mkt-pg-test-utils.h"

G_BEGIN_DECLS

#define TOKEN_SECRET "test-secret-0123456789abcdef0123456789abcdef"

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
} Fixture;

/* No test writes to the database: they share one, made and migrated once
 * (a database per test would be most of the run's time). */
extern MktPgTestDb shared_db;
extern gboolean shared_db_ready;

void
fixture_setup (Fixture       *fixture,
               gconstpointer  data);

void
server_stop (Server *server);

void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data);

char *
server_read_log (Server *server);

void
server_start (Server             *server,
              const char         *database_url,
              const char * const *env,
              const char * const *args);

int
server_terminate (Server *server);

SoupMessage *
new_message (Server     *server,
             const char *method,
             const char *path);

JsonNode *
send_json (SoupSession *session,
           SoupMessage *msg);

JsonNode *
get (Fixture    *fixture,
     const char *path,
     guint      *out_status);

JsonNode *
post (Fixture    *fixture,
      const char *path,
      const char *content_type,
      const char *body,
      gsize       length,
      guint      *out_status);

G_END_DECLS
