/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-pg"

#include "config.h"

#include <stdlib.h>

#include "mkt-pg.h"
#include "mkt-pg-migrate.h"
#include "mkt-pg-schema.h"

/* Held for the whole run, so that two market-server processes starting on
 * one database apply each migration once. Advisory locks are per database. */
#define MIGRATE_LOCK_KEY "7236213001"

static const char create_migrations_table_sql[] =
  "CREATE TABLE IF NOT EXISTS schema_migrations (\n"
  "  version integer PRIMARY KEY,\n"
  "  description text NOT NULL,\n"
  "  applied_at timestamptz NOT NULL DEFAULT now ()\n"
  ")";

/* Roles belong to the whole cluster, not to the database: another
 * database's migrations may have made the application role already, or be
 * making it at this moment (then CREATE ROLE fails on the unique name and
 * the role is there). Run on its own, before the migrations' transactions,
 * so that they see the role whoever made it. */
static const char ensure_app_role_sql[] =
  "DO $$\n"
  "BEGIN\n"
  "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" MKT_PG_APP_ROLE "') THEN\n"
  "    CREATE ROLE " MKT_PG_APP_ROLE " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;\n"
  "  END IF;\n"
  "EXCEPTION\n"
  "  WHEN duplicate_object OR unique_violation THEN\n"
  "    NULL;\n"
  "  WHEN insufficient_privilege THEN\n"
  "    RAISE EXCEPTION 'the role " MKT_PG_APP_ROLE " does not exist and % may not create it', current_user\n"
  "      USING HINT = 'create it (CREATE ROLE " MKT_PG_APP_ROLE " LOGIN NOSUPERUSER NOBYPASSRLS)"
  " or run the migrations as a role with CREATEROLE';\n"
  "END\n"
  "$$";

/**
 * mkt_pg_get_schema_version:
 * @conn: a connection
 * @version: (out): the newest migration applied, 0 for none
 * @error: return location for a %MKT_PG_ERROR
 *
 * Returns: %TRUE on success (a database without schema_migrations is at 0)
 */
gboolean
mkt_pg_get_schema_version (PGconn  *conn,
                           guint   *version,
                           GError **error)
{
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (version != NULL, FALSE);

  result = mkt_pg_query (conn,
                         "SELECT CASE WHEN to_regclass ('schema_migrations') IS NULL THEN 0"
                         " ELSE (SELECT coalesce (max (version), 0) FROM schema_migrations) END",
                         0, NULL, error);
  if (result == NULL)
    return FALSE;

  *version = (guint) strtoul (PQgetvalue (result, 0, 0), NULL, 10);
  return TRUE;
}

/**
 * mkt_pg_check_schema:
 * @conn: a connection (the application role may read schema_migrations)
 * @error: return location for a %MKT_PG_ERROR
 *
 * Checks that the database is at this build's latest migration: a server
 * serving an older schema would fail on what the missing migrations bring,
 * one request at a time, and a newer one may hold what it does not know.
 *
 * Returns: %TRUE if the database is at mkt_pg_schema_get_latest()
 */
gboolean
mkt_pg_check_schema (PGconn  *conn,
                     GError **error)
{
  guint current, latest = mkt_pg_schema_get_latest ();

  if (!mkt_pg_get_schema_version (conn, &current, error))
    return FALSE;

  if (current < latest)
    {
      g_set_error (error, MKT_PG_ERROR, MKT_PG_ERROR_SCHEMA_TOO_OLD,
                   "The database is at migration %u and this market-server needs %u: "
                   "run “market-server migrate” as the tables' owner", current, latest);
      return FALSE;
    }
  if (current > latest)
    {
      g_set_error (error, MKT_PG_ERROR, MKT_PG_ERROR_SCHEMA_TOO_NEW,
                   "The database was migrated by a newer market-server (migration %u; this one knows up to %u)",
                   current, latest);
      return FALSE;
    }

  return TRUE;
}

/**
 * mkt_pg_check_app_role:
 * @conn: a connection
 * @error: return location for a %MKT_PG_ERROR
 *
 * Checks that the application role exists and cannot get around row-level
 * security: not superuser, no BYPASSRLS.
 *
 * Returns: %TRUE if it is safe
 */
gboolean
mkt_pg_check_app_role (PGconn  *conn,
                       GError **error)
{
  g_autoptr(PGresult) result = NULL;

  result = mkt_pg_query (conn,
                         "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = '" MKT_PG_APP_ROLE "'",
                         0, NULL, error);
  if (result == NULL)
    return FALSE;

  if (PQntuples (result) == 0)
    {
      g_set_error (error, MKT_PG_ERROR, MKT_PG_ERROR_UNSAFE_ROLE,
                   "The role %s does not exist", MKT_PG_APP_ROLE);
      return FALSE;
    }

  if (g_str_equal (PQgetvalue (result, 0, 0), "t"))
    {
      g_set_error (error, MKT_PG_ERROR, MKT_PG_ERROR_UNSAFE_ROLE,
                   "The role %s is a superuser or has BYPASSRLS: row-level security would not hold for it"
                   " (ALTER ROLE %s NOSUPERUSER NOBYPASSRLS)",
                   MKT_PG_APP_ROLE, MKT_PG_APP_ROLE);
      return FALSE;
    }

  return TRUE;
}

static gboolean
apply_one (PGconn                *conn,
           const MktPgMigration  *migration,
           GError               **error)
{
  g_autofree char *sql = mkt_pg_schema_build_migration (migration->version);
  g_autofree char *version = g_strdup_printf ("%u", migration->version);
  const char *params[] = { version, migration->description };
  g_autoptr(PGresult) recorded = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!mkt_pg_exec (conn, "BEGIN", error))
    return FALSE;

  if (!mkt_pg_exec (conn, sql, &local_error) ||
      !(recorded = mkt_pg_query (conn,
                                 "INSERT INTO schema_migrations (version, description) VALUES ($1, $2)",
                                 2, params, &local_error)) ||
      !mkt_pg_exec (conn, "COMMIT", &local_error))
    {
      PGresult *rollback = PQexec (conn, "ROLLBACK");

      PQclear (rollback);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  "Could not apply migration %u (%s): ",
                                  migration->version, migration->description);
      return FALSE;
    }

  return TRUE;
}

/**
 * mkt_pg_migrate:
 * @conn: a connection as the role that owns (or is to own) the tables
 * @applied: (out) (optional) (element-type guint): the versions applied
 *   by this call, in order
 * @error: return location for a %MKT_PG_ERROR
 *
 * Brings the database up to the newest migration, each migration in its
 * own transaction recorded in schema_migrations; a database that is up to
 * date is left alone. A database with migrations this build does not know
 * is refused. The application role is created first when it is missing. Afterwards the application role must be safe
 * (mkt_pg_check_app_role()).
 *
 * Returns: %TRUE if the database is now up to date
 */
gboolean
mkt_pg_migrate (PGconn  *conn,
                GArray **applied,
                GError **error)
{
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(PGresult) locked = NULL;
  const MktPgMigration *migrations;
  guint n_migrations, current;
  gboolean ok = FALSE;

  g_return_val_if_fail (conn != NULL, FALSE);

  locked = mkt_pg_query (conn, "SELECT pg_advisory_lock (" MIGRATE_LOCK_KEY ")", 0, NULL, error);
  if (locked == NULL)
    return FALSE;

  if (!mkt_pg_exec (conn, ensure_app_role_sql, error) ||
      !mkt_pg_exec (conn, create_migrations_table_sql, error) ||
      !mkt_pg_get_schema_version (conn, &current, error))
    goto out;

  migrations = mkt_pg_schema_get_migrations (&n_migrations);
  if (current > mkt_pg_schema_get_latest ())
    {
      g_set_error (error, MKT_PG_ERROR, MKT_PG_ERROR_SCHEMA_TOO_NEW,
                   "The database was migrated by a newer market-server (migration %u; this one knows up to %u)",
                   current, mkt_pg_schema_get_latest ());
      goto out;
    }

  for (guint i = 0; i < n_migrations; i++)
    {
      if (migrations[i].version <= current)
        continue;
      if (!apply_one (conn, &migrations[i], error))
        goto out;
      g_array_append_val (done, migrations[i].version);
      g_debug ("Applied migration %u", migrations[i].version);
    }

  ok = mkt_pg_check_app_role (conn, error);

out:
  {
    PGresult *unlocked = PQexec (conn, "SELECT pg_advisory_unlock (" MIGRATE_LOCK_KEY ")");

    PQclear (unlocked);
  }

  if (ok && applied != NULL)
    *applied = g_steal_pointer (&done);
  return ok;
}
