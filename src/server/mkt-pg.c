/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-pg"

#include "config.h"

#include <string.h>

#include "mkt-pg.h"

/* A failed statement's error keeps PostgreSQL's SQLSTATE, so that callers
 * can tell a row-level security refusal (42501) from an append-only row
 * (23001) without reading messages. */
typedef struct
{
  char *sqlstate;
} MktPgErrorPrivate;

static void
mkt_pg_error_private_init (MktPgErrorPrivate *priv)
{
}

static void
mkt_pg_error_private_copy (const MktPgErrorPrivate *src,
                           MktPgErrorPrivate       *dest)
{
  dest->sqlstate = g_strdup (src->sqlstate);
}

static void
mkt_pg_error_private_clear (MktPgErrorPrivate *priv)
{
  g_clear_pointer (&priv->sqlstate, g_free);
}

G_DEFINE_EXTENDED_ERROR (MktPgError, mkt_pg_error)

/**
 * mkt_pg_error_get_sqlstate:
 * @error: an error
 *
 * Returns: (nullable): the SQLSTATE of the statement that failed, if @error
 *   is a %MKT_PG_ERROR_QUERY from the server
 */
const char *
mkt_pg_error_get_sqlstate (const GError *error)
{
  MktPgErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != MKT_PG_ERROR)
    return NULL;

  priv = mkt_pg_error_get_private (error);
  return priv->sqlstate;
}

/* libpq's messages end in a newline, and some span lines. */
static char *
tidy_message (const char *message)
{
  char *text = g_strdup (message != NULL && *message != '\0' ? message : "unknown error");

  return g_strstrip (text);
}

/* NOTICEs ("relation already exists, skipping") are for a person at psql:
 * keep them out of our output. */
static void
notice_cb (void       *data,
           const char *message)
{
  g_autofree char *text = tidy_message (message);

  g_debug ("%s", text);
}

/**
 * mkt_pg_connect:
 * @conninfo: a libpq connection string: a URL
 *   (`postgresql://user@host:port/db`) or `key=value` pairs
 * @error: return location for a %MKT_PG_ERROR
 *
 * Returns: (transfer full) (nullable): an open connection, or %NULL
 */
PGconn *
mkt_pg_connect (const char  *conninfo,
                GError     **error)
{
  /* expand_dbname: @conninfo is parsed whole, and what it says wins over
   * the application name given here. */
  const char * const keywords[] = { "dbname", "application_name", NULL };
  const char * const values[] = { conninfo, "market-server", NULL };
  g_autoptr(PGconn) conn = NULL;

  if (conninfo == NULL || *conninfo == '\0')
    {
      g_set_error_literal (error, MKT_PG_ERROR, MKT_PG_ERROR_NO_DATABASE,
                           "No database given: set DATABASE_URL or pass --database-url");
      return NULL;
    }

  conn = PQconnectdbParams (keywords, values, 1);
  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *message = tidy_message (conn != NULL ? PQerrorMessage (conn) : NULL);

      g_set_error (error, MKT_PG_ERROR, MKT_PG_ERROR_CONNECT,
                   "Could not connect to the database: %s", message);
      return NULL;
    }

  PQsetNoticeProcessor (conn, notice_cb, NULL);
  return g_steal_pointer (&conn);
}

static void
set_query_error (GError   **error,
                 PGconn    *conn,
                 PGresult  *result)
{
  g_autofree char *message = tidy_message (result != NULL ? PQresultErrorMessage (result)
                                                          : PQerrorMessage (conn));
  const char *sqlstate = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  GError *e;

  if (error == NULL)
    return;

  /* "ERROR:  " says nothing a caller's prefix does not. */
  e = g_error_new_literal (MKT_PG_ERROR, MKT_PG_ERROR_QUERY,
                           g_str_has_prefix (message, "ERROR:  ") ? message + strlen ("ERROR:  ")
                                                                  : message);
  mkt_pg_error_get_private (e)->sqlstate = g_strdup (sqlstate);
  g_propagate_error (error, e);
}

/**
 * mkt_pg_query:
 * @conn: a connection
 * @sql: one statement with $1… for @params; without parameters, any number
 *   of statements (the last one's result is returned)
 * @n_params: the length of @params
 * @params: (array length=n_params) (nullable): the parameters, as text
 *   (%NULL for SQL NULL)
 * @error: return location for a %MKT_PG_ERROR
 *
 * Runs @sql with its parameters sent apart from it.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL on failure
 */
PGresult *
mkt_pg_query (PGconn              *conn,
              const char          *sql,
              int                  n_params,
              const char * const  *params,
              GError             **error)
{
  g_autoptr(PGresult) result = NULL;
  ExecStatusType status;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  /* Without parameters, the simple protocol: @sql may hold several
   * statements (a migration). */
  if (n_params == 0)
    result = PQexec (conn, sql);
  else
    result = PQexecParams (conn, sql, n_params, NULL, (const char * const *) params, NULL, NULL, 0);
  status = result != NULL ? PQresultStatus (result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_query_error (error, conn, result);
      return NULL;
    }

  return g_steal_pointer (&result);
}

/**
 * mkt_pg_exec:
 * @conn: a connection
 * @sql: one or more statements, without parameters
 * @error: return location for a %MKT_PG_ERROR
 *
 * Runs @sql (several statements run as one implicit transaction unless
 * they say otherwise).
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_pg_exec (PGconn      *conn,
             const char  *sql,
             GError     **error)
{
  g_autoptr(PGresult) result = mkt_pg_query (conn, sql, 0, NULL, error);

  return result != NULL;
}
