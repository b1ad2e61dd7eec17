/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-core.h"
#include "mkt-material-item.h"
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

gboolean         mkt_app_test_init            (int                  *argc,
                                               char               ***argv,
                                               int                  *out_status);
void             mkt_app_test_add             (const char           *path,
                                               gconstpointer         data,
                                               MktAppTestFunc        func);
void             mkt_app_fixture_setup        (MktAppFixture        *fixture,
                                               gconstpointer         data);
void             mkt_app_fixture_teardown     (MktAppFixture        *fixture,
                                               gconstpointer         data);
gboolean         mkt_app_test_wait            (MktAppCondition       condition,
                                               gpointer              user_data,
                                               guint                 timeout_ms);
void             mkt_app_test_spin            (guint                 ms);
MktWindow       *mkt_app_test_open_window     (int                   width,
                                               int                   height);
void             mkt_app_test_close_window    (MktWindow            *window);
MktSession      *mkt_app_test_open_session    (const char           *db_path,
                                               MktSqliteStore      **out_store);

void             mkt_app_test_finalize_window (gpointer              window);
gpointer         mkt_app_test_find_toplevel   (GType                 type);
gpointer         mkt_app_test_open_transient  (GtkWidget            *widget,
                                               const char           *action_name,
                                               const char           *id,
                                               GType                 type);
void             mkt_app_test_wait_loaded     (gpointer              object,
                                               guint                 timeout_ms);
void             mkt_app_test_undo_last_toast (MktWindow            *window,
                                               const char           *action_name);
MktMaterialItem *mkt_app_test_find_material   (GListModel           *model,
                                               const char           *id);

char            *mkt_app_test_resolve         (MktSession           *session,
                                               const MktEntitySpec  *spec,
                                               const char           *key);
guint            mkt_app_test_count_rows      (MktSession           *session,
                                               const MktEntitySpec  *spec,
                                               MktDeletedFilter      deleted,
                                               const char           *field,
                                               const char           *value);
gboolean         mkt_app_test_is_deleted      (MktSession           *session,
                                               const MktEntitySpec  *spec,
                                               const char           *id);
char            *mkt_app_test_create          (MktSession           *session,
                                               const MktEntitySpec  *spec,
                                               const char           *first_field,
                                               ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
