/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-core.h"
#include "mkt-window.h"

G_BEGIN_DECLS

/**
 * MktAppFixture:
 * @dir: a fresh temporary folder, removed at teardown
 * @db_path: the database in @dir, which $MKT_DB names during the test
 */
typedef struct
{
  char *dir;
  char *db_path;
} MktAppFixture;

typedef gboolean (*MktAppCondition) (gpointer user_data);

typedef void (*MktAppTestFunc) (MktAppFixture *fixture,
                                gconstpointer  data);

gboolean     mkt_app_test_init           (int             *argc,
                                          char          ***argv,
                                          int             *out_status);
void         mkt_app_test_add            (const char      *path,
                                          gconstpointer    data,
                                          MktAppTestFunc   func);
void         mkt_app_fixture_setup       (MktAppFixture   *fixture,
                                          gconstpointer    data);
void         mkt_app_fixture_teardown    (MktAppFixture   *fixture,
                                          gconstpointer    data);
gboolean     mkt_app_test_wait           (MktAppCondition  condition,
                                          gpointer         user_data,
                                          guint            timeout_ms);
void         mkt_app_test_spin           (guint            ms);
MktWindow   *mkt_app_test_open_window    (int              width,
                                          int              height);
void         mkt_app_test_close_window   (MktWindow       *window);
MktSession  *mkt_app_test_open_session   (const char      *db_path,
                                          MktSqliteStore **out_store);

G_END_DECLS
