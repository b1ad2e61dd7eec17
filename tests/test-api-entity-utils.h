/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>
#include "mkt-api.h"
#include "mkt-error.h"
#include "mkt-pg-store.h"
#include "mkt-pg-test-utils.h"
#include "mkt-uuid.h"

G_BEGIN_DECLS

typedef struct
{
  MktPgTestDb  db;
  MktPgStore  *store;
  MktSession  *a;
  MktSession  *b;
} Fixture;

MktSession *
new_session (Fixture    *f,
             const char *name);

void
fixture_setup (Fixture       *f,
               gconstpointer  data);

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data);

/* Calls: "GET /api/v1/inventory/materials/:id" with the id, a query
 * ("limit=5&kind=yarn") and a JSON body, as the router would. */

typedef struct
{
  guint       status;
  JsonNode   *body;
} Reply;

void
reply_clear (Reply *reply);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

Reply
call (MktSession *session,
      const char *method,
      const char *pattern,
      const char *id,
      const char *query,
      const char *body);

JsonObject *
object_of (Reply *reply);

const char *
member_string (Reply      *reply,
               const char *name);

JsonArray *
items_of (Reply *reply);

void
assert_error (Reply      *reply,
              guint       status,
              const char *field);

void
assert_status (Reply *reply,
               guint  status);

#define MATERIALS "/api/v1/inventory/materials"
#define YARNS "/api/v1/inventory/yarns"
#define PRODUCTS "/api/v1/products"

char *
add_material (MktSession *session,
              const char *body);

guint
count_rows (MktSession *session,
            const char *pattern,
            const char *query);

G_END_DECLS
