/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>
#include "mkt-cost.h"
#include "mkt-pg.h"
#include "mkt-pg-store.h"
#include "mkt-pg-store-private.h"
#include "mkt-pg-test-utils.h"
#include "mkt-production.h"
#include "mkt-test-utils.h"
#include "mkt-uuid.h"

G_BEGIN_DECLS

#define N_IDS 64

typedef struct
{
  MktPgTestDb     db;
  char           *dir;
  MktPgStore     *pg;
  MktSqliteStore *sqlite;
  MktSession     *session;   /* tenant A on PostgreSQL */
  MktSession     *twin;      /* tenant A on SQLite */
  gint64          now_ms;
  char           *tenant_id;
  char           *user_id;
  char           *device_id;
  char           *session_id;
  char           *ids[N_IDS];  /* row ids both sessions use */
} Fixture;

MktSession *
new_session (Fixture    *f,
             MktStore   *store,
             const char *tenant_id,
             const char *name);

void
fixture_setup (Fixture       *f,
               gconstpointer  data);

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data);

typedef void (*TwinFunc) (Fixture    *f,
                          MktSession *session);

void
run_twice (Fixture  *f,
           TwinFunc  func);

int
compare_lines (gconstpointer a,
               gconstpointer b);

char *
snapshot (MktSession *session);

void
assert_same_data (Fixture *f);

guint
count_where (MktSession          *session,
             const MktEntitySpec *spec,
             const char          *field,
             const char          *value);

MktRecord *
material_with_sku (const char *id,
                   const char *name,
                   const char *sku);

G_END_DECLS
