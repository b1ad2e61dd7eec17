/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "mkt-cost.h"
#include "mkt-error.h"
#include "mkt-market.h"
#include "mkt-session.h"
#include "mkt-sqlite-store.h"

G_BEGIN_DECLS

#define MKT_TEST_DAY_MS (G_GINT64_CONSTANT (24) * 3600 * 1000)

/**
 * MktTestFixture:
 * @dir: a fresh temporary folder, removed at teardown
 * @path: the database file in @dir
 * @store: the store on @path
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
  MktSqliteStore *store;
  MktSession     *session;
  gint64          now_ms;
} MktTestFixture;

typedef void (*MktTestFixtureFunc) (MktTestFixture *fixture,
                                    gconstpointer   data);

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

#define mkt_assert_validation_error(err, code_, field_) \
  G_STMT_START { \
    g_assert_error ((err), MKT_VALIDATION_ERROR, (int) (code_)); \
    g_assert_cmpstr (mkt_validation_error_get_field (err), ==, (field_)); \
  } G_STMT_END

/* Markets */

#define MKT_TEST_NO_PRICE G_GINT64_CONSTANT (-1)

/**
 * MktTestMarket:
 * @cotton: a yarn in m, balls of 170 m at 3.20 (10 bought at that)
 * @merino: a yarn in yd, skeins of 200 yd at 9.00 (4 bought at that)
 * @dishcloth: "Cotton Dishcloth", 8.50: half a ball and 30, then 36 minutes;
 *   10 made, 6 at 8.36 and 4 at 9.68, 8.89 each on average
 * @beanie: "Merino Beanie", 60.00: a skein and 90 minutes; 4 made at 29.70
 * @fair: the "Harvest Fair" (booth fee 25.00, other costs 3.50), with the
 *   dishcloth on its sheet at 8.00
 *
 * A shop (12.00 an hour, 10 % overhead) ready for a market day.
 */
typedef struct
{
  MktRecord *cotton;
  MktRecord *merino;
  MktRecord *dishcloth;
  MktRecord *beanie;
  MktRecord *fair;
} MktTestMarket;

void           mkt_test_market_init      (MktTestFixture      *f,
                                          MktTestMarket       *market);
void           mkt_test_market_clear     (MktTestMarket       *market);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MktTestMarket, mkt_test_market_clear)

MktRecord     *mkt_test_create_event     (MktTestFixture      *f,
                                          const char          *name,
                                          MktMoney             booth_fee,
                                          MktMoney             other_costs);
void           mkt_test_update_text      (MktTestFixture      *f,
                                          MktRecord           *row,
                                          const char          *field,
                                          const char          *text);
void           mkt_test_bring            (MktTestFixture      *f,
                                          MktRecord           *event,
                                          MktRecord           *product,
                                          const char          *count);
MktRecord     *mkt_test_sell             (MktTestFixture      *f,
                                          MktRecord           *event,
                                          MktRecord           *product,
                                          const char          *count,
                                          MktMoney             price,
                                          MktMoney             discount,
                                          const char          *payment);
MktRecord     *mkt_test_void             (MktTestFixture      *f,
                                          MktRecord           *sale);
GPtrArray     *mkt_test_market_lines     (MktTestFixture      *f,
                                          MktRecord           *event);
MktMarketLine *mkt_test_market_line      (GPtrArray           *lines,
                                          MktRecord           *product);
MktQuantity    mkt_test_at_stall         (MktTestFixture      *f,
                                          MktRecord           *event,
                                          MktRecord           *product);
MktRecord     *mkt_test_sale_movement    (MktTestFixture      *f,
                                          MktRecord           *sale);
char          *mkt_test_market_snapshot  (MktTestFixture      *f);
void           mkt_test_add_isolated     (const char          *path,
                                          gconstpointer        data,
                                          MktTestFixtureFunc   func);

G_END_DECLS
