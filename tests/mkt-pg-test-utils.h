/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* The role the tests run migrations as: the tables' owner. Not superuser,
 * so that what it may do is what an operator's owner role may do. */
#define MKT_PG_TEST_OWNER "market_owner"

/**
 * MktPgTestDb:
 * @name: a database of its own, made for one test and dropped after it
 * @admin: connection string of the superuser (MKT_PG_URL), on its database
 * @owner: connection string of %MKT_PG_TEST_OWNER on @name
 * @app: connection string of the application role on @name
 */
typedef struct
{
  char *name;
  char *admin;
  char *owner;
  char *app;
} MktPgTestDb;

/**
 * MktPgTestRun:
 * @status: market-server's exit status
 * @out: what it printed on stdout
 * @err: what it printed on stderr
 */
typedef struct
{
  int   status;
  char *out;
  char *err;
} MktPgTestRun;

void          mkt_pg_test_run_clear      (MktPgTestRun        *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MktPgTestRun, mkt_pg_test_run_clear)

gboolean      mkt_pg_test_init           (int                 *argc,
                                          char              ***argv,
                                          int                 *out_status);
void          mkt_pg_test_db_setup       (MktPgTestDb         *db,
                                          gconstpointer        data);
void          mkt_pg_test_db_teardown    (MktPgTestDb         *db,
                                          gconstpointer        data);
char         *mkt_pg_test_conninfo       (const char          *base,
                                          const char          *user,
                                          const char          *dbname);
PGconn       *mkt_pg_test_connect        (const char          *conninfo);
MktPgTestRun  mkt_pg_test_run_server     (const char          *database_url,
                                          const char          *first,
                                          ...) G_GNUC_NULL_TERMINATED;
void          mkt_pg_test_migrate        (MktPgTestDb         *db);
PGresult     *mkt_pg_test_query          (PGconn              *conn,
                                          const char          *sql,
                                          GError             **error);
char         *mkt_pg_test_query_value    (PGconn              *conn,
                                          const char          *sql);

G_END_DECLS
