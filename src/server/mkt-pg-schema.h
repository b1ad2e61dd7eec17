/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mkt-schema.h"

G_BEGIN_DECLS

/**
 * MKT_PG_APP_ROLE:
 *
 * The role market-server connects as: it owns nothing, is not superuser,
 * cannot bypass row-level security, and is granted what it needs on each
 * table.
 */
#define MKT_PG_APP_ROLE "market_app"

/**
 * MKT_PG_SQLSTATE_APPEND_ONLY:
 *
 * The SQLSTATE (restrict_violation) of the triggers that refuse to change
 * an append-only row.
 */
#define MKT_PG_SQLSTATE_APPEND_ONLY "23001"

/**
 * MKT_PG_SQLSTATE_RLS:
 *
 * The SQLSTATE (insufficient_privilege) of a row refused by row-level
 * security, and of a statement the application role has no grant for.
 */
#define MKT_PG_SQLSTATE_RLS "42501"

/**
 * MktPgMigration:
 * @version: the migration's number, recorded in schema_migrations
 * @description: what it does, for people
 * @core_version: the mkt-core schema version (see #MktEntitySpec's `since`)
 *   whose tables and columns it makes, or 0 for a migration of the
 *   server's own
 *
 * One versioned migration of the server's database. Versions are applied in
 * order, each in one transaction.
 */
typedef struct
{
  guint        version;
  const char  *description;
  guint        core_version;
} MktPgMigration;

const MktPgMigration *mkt_pg_schema_get_migrations   (guint               *n_migrations);
guint                 mkt_pg_schema_get_latest       (void);
char                 *mkt_pg_schema_build_migration  (guint                version);
const char           *mkt_pg_column_type             (MktFieldType         type);

G_END_DECLS
