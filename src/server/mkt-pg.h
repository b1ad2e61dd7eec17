/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/**
 * MKT_PG_ERROR:
 *
 * Errors of the PostgreSQL store and its migrations.
 */
#define MKT_PG_ERROR (mkt_pg_error_quark ())

/**
 * MktPgError:
 * @MKT_PG_ERROR_NO_DATABASE: no connection string was given
 * @MKT_PG_ERROR_CONNECT: the server could not be reached or refused us
 * @MKT_PG_ERROR_QUERY: a statement failed (the message has PostgreSQL's)
 * @MKT_PG_ERROR_SCHEMA_TOO_NEW: the database has migrations this build does
 *   not know
 * @MKT_PG_ERROR_SCHEMA_TOO_OLD: the database lacks migrations this build
 *   needs (run `market-server migrate`)
 * @MKT_PG_ERROR_UNSAFE_ROLE: the application role could bypass row-level
 *   security (superuser or BYPASSRLS)
 */
typedef enum
{
  MKT_PG_ERROR_NO_DATABASE,
  MKT_PG_ERROR_CONNECT,
  MKT_PG_ERROR_QUERY,
  MKT_PG_ERROR_SCHEMA_TOO_NEW,
  MKT_PG_ERROR_UNSAFE_ROLE,
  MKT_PG_ERROR_SCHEMA_TOO_OLD,
} MktPgError;

GQuark     mkt_pg_error_quark       (void);

PGconn    *mkt_pg_connect           (const char          *conninfo,
                                     GError             **error);
gboolean   mkt_pg_exec              (PGconn              *conn,
                                     const char          *sql,
                                     GError             **error);
PGresult  *mkt_pg_query             (PGconn              *conn,
                                     const char          *sql,
                                     int                  n_params,
                                     const char * const  *params,
                                     GError             **error);
const char *mkt_pg_error_get_sqlstate (const GError      *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
