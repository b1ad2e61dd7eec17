/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "mkt-cost.h"
#include "mkt-error.h"
#include "mkt-market.h"
#include "mkt-session.h"
#include "mkt-sqlite-store.h"

#ifdef MKT_TEST_STORE_PG
#include "mkt-pg-store.h"
#endif

G_BEGIN_DECLS

/* The core's tests are built twice: on SQLite (suite core) and, with
 * MKT_TEST_STORE_PG defined, on PostgreSQL through MktPgStore (suite
 * server, programs core-on-pg-*). The fixture's store is then one of those. */
#ifdef MKT_TEST_STORE_PG
typedef MktPgStore MktTestStore;
#else
typedef MktSqliteStore MktTestStore;
#endif

#define MKT_TEST_DAY_MS (G_GINT64_CONSTANT (24) * 3600 * 1000)

/**
 * MktTestFixture:
 * @dir: a fresh temporary folder, removed at teardown
 * @path: the database file in @dir; on PostgreSQL, the connection string of
 *   the application role on the program's database, bound to the session's
 *   tenant with the trash visible: what mkt_test_sql_int() and its kin take
 * @store: the store on @path (on PostgreSQL, on the program's database)
 * @session: a session of a fresh tenant ("Test Crafts", USD) whose clock is
 *   @now_ms
 * @now_ms: the session's fake wall clock; tests move it
 *
 * What most store and session tests start from.
 */
typedef struct
{
  char           *dir;
  char           *path;
  MktTestStore   *store;
  MktSession     *session;
  gint64          now_ms;
} MktTestFixture;

typedef void (*MktTestFixtureFunc) (MktTestFixture *fixture,
                                    gconstpointer   data);

void         mkt_test_init               (int                 *argc,
                                          char              ***argv);
void         mkt_test_fixture_setup      (MktTestFixture      *fixture,
                                          gconstpointer        data);
void         mkt_test_fixture_teardown   (MktTestFixture      *fixture,
                                          gconstpointer        data);
void         mkt_test_add                (const char          *path,
                                          gconstpointer        data,
                                          MktTestFixtureFunc   func);

char        *mkt_test_make_dir           (void);
void         mkt_test_remove_dir         (const char          *dir);

gint64       mkt_test_clock_now          (gpointer             user_data);

MktSession  *mkt_test_session_new_tenant (MktStore            *store,
                                          const char          *name,
                                          gint64              *now_ms);

MktRecord   *mkt_test_material_new       (const char          *kind,
                                          const char          *name,
                                          const char          *unit);
MktRecord   *mkt_test_create_material    (MktSession          *session,
                                          const char          *name,
                                          const char          *sku);
MktRecord   *mkt_test_create_category    (MktSession          *session,
                                          const char          *name);
MktRecord   *mkt_test_create_movement    (MktSession          *session,
                                          const char          *material_id,
                                          const char          *kind,
                                          const char          *quantity,
                                          const char          *reason);

guint        mkt_test_count              (MktSession          *session,
                                          const MktEntitySpec *spec);
GPtrArray   *mkt_test_list_where         (MktSession          *session,
                                          const MktEntitySpec *spec,
                                          const char          *field,
                                          const char          *value);
char        *mkt_test_snapshot           (MktSession          *session);
JsonObject  *mkt_test_parse_object       (const char          *json);
char        *mkt_test_record_to_string   (MktRecord           *record);

char        *mkt_test_titles             (GPtrArray           *rows);
char        *mkt_test_list_titles        (MktStore            *store,
                                          const char          *tenant_id,
                                          MktQuery            *query);

char        *mkt_test_iso                (gint64               ms);
GPtrArray   *mkt_test_log_rows           (MktTestFixture      *f,
                                          const MktEntitySpec *spec,
                                          const char          *row_id);
MktRecord   *mkt_test_last_log_row       (MktTestFixture      *f,
                                          const MktEntitySpec *spec,
                                          const char          *row_id,
                                          guint                n_expected);
void         mkt_test_assert_logged      (MktTestFixture      *f,
                                          MktRecord           *row,
                                          guint                n_mutations,
                                          const char          *action,
                                          const char          *old_values,
                                          const char          *new_values);
MktRecord   *mkt_test_get_row            (MktTestFixture      *f,
                                          const MktEntitySpec *spec,
                                          const char          *id);
void         mkt_test_delete_row         (MktTestFixture      *f,
                                          const MktEntitySpec *spec,
                                          MktRecord           *row);
MktRecord   *mkt_test_create_full_material (MktTestFixture    *f,
                                            const char        *name,
                                            const char        *sku);

MktQuantity  mkt_test_quantity           (const char          *text);
MktRecord   *mkt_test_create_stock_material (MktSession        *session,
                                             const char        *name,
                                             const char        *unit,
                                             const char        *pack,
                                             const char        *pack_size,
                                             const char        *price);
MktRecord   *mkt_test_create_component   (MktSession          *session,
                                          const char          *name,
                                          const char          *labour_minutes);
MktRecord   *mkt_test_create_product     (MktSession          *session,
                                          const char          *name,
                                          const char          *labour_minutes,
                                          const char          *price);
MktRecord   *mkt_test_part_new           (MktRecord           *parent,
                                          MktRecord           *child,
                                          const char          *quantity,
                                          const char          *unit);
MktRecord   *mkt_test_create_part        (MktSession          *session,
                                          MktRecord           *parent,
                                          MktRecord           *child,
                                          const char          *quantity,
                                          const char          *unit);
void         mkt_test_set_setting        (MktSession          *session,
                                          const char          *key,
                                          const char          *text);
MktCostTotals mkt_test_cost              (MktSession          *session,
                                          MktRecord           *node);
MktQuantity  mkt_test_on_hand            (MktSession          *session,
                                          MktRecord           *item,
                                          gint64               at);

gint64       mkt_test_sql_int            (const char          *path,
                                          const char          *sql);
char        *mkt_test_sql_text           (const char          *path,
                                          const char          *sql);
void         mkt_test_sql_exec           (const char          *path,
                                          const char          *sql);
void         mkt_test_assert_no_transaction (const char       *path);

gboolean     mkt_test_store_exec         (MktTestFixture      *f,
                                          const char          *sql,
                                          GError             **error);
void         mkt_test_fail_inserts       (MktTestFixture      *f,
                                          const char          *table);
void         mkt_test_stop_failing       (MktTestFixture      *f);
void         mkt_test_reopen_store       (MktTestFixture      *f);
void         mkt_test_open_store         (MktTestFixture      *f);
void         mkt_test_bind_path          (MktTestFixture      *f);

#define mkt_assert_validation_error(err, code_, field_) \
  G_STMT_START { \
    g_assert_error ((err), MKT_VALIDATION_ERROR, (int) (code_)); \
    g_assert_cmpstr (mkt_validation_error_get_field (err), ==, (field_)); \
  } G_STMT_END

GPtrArray     *mkt_test_list_all         (MktSession          *session,
                                          const MktEntitySpec *spec,
                                          MktQuery            *query);

G_END_DECLS
