/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * MktCliTestFixture:
 * @dir: a fresh temporary folder, removed at teardown (also XDG_DATA_HOME)
 * @db: the database file in @dir, passed with --db
 *
 * What the tests that run the built market-cli start from.
 */
typedef struct
{
  char *dir;
  char *db;
} MktCliTestFixture;

/**
 * MktCliTestResult:
 * @status: the exit status
 * @out: what it printed on stdout
 * @err: what it printed on stderr
 */
typedef struct
{
  int   status;
  char *out;
  char *err;
} MktCliTestResult;

void              mkt_cli_test_result_clear     (MktCliTestResult         *result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MktCliTestResult, mkt_cli_test_result_clear)

void              mkt_cli_test_fixture_setup    (MktCliTestFixture        *fixture,
                                                 gconstpointer             data);
void              mkt_cli_test_fixture_teardown (MktCliTestFixture        *fixture,
                                                 gconstpointer             data);

typedef void (*MktCliTestFunc) (MktCliTestFixture *fixture,
                                gconstpointer      data);

void              mkt_cli_test_add              (const char               *path,
                                                 MktCliTestFunc            func);

MktCliTestResult  mkt_cli_test_run              (MktCliTestFixture        *fixture,
                                                 const char               *first,
                                                 ...) G_GNUC_NULL_TERMINATED;
MktCliTestResult  mkt_cli_test_runv             (MktCliTestFixture        *fixture,
                                                 const char * const       *args);
JsonNode         *mkt_cli_test_parse_json       (const char               *text);
JsonNode         *mkt_cli_test_run_json         (MktCliTestFixture        *fixture,
                                                 const char               *first,
                                                 ...) G_GNUC_NULL_TERMINATED;
char             *mkt_cli_test_find_line        (const char               *text,
                                                 const char               *needle);
void              mkt_cli_test_assert_line      (const char               *text,
                                                 const char               *first,
                                                 ...) G_GNUC_NULL_TERMINATED;
void              mkt_cli_test_load_demo        (MktCliTestFixture        *fixture);
gint64            mkt_cli_test_total_micro      (MktCliTestFixture        *fixture,
                                                 const char               *sku);
JsonObject       *mkt_cli_test_find_cost_line   (JsonObject               *node,
                                                 const char               *name);

G_END_DECLS
