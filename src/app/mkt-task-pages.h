/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mkt-core.h"

G_BEGIN_DECLS

/**
 * MktPageFunc:
 * @source_object: the task's source object
 * @items: the next page of rows
 *
 * Receives one page of rows on the thread that started the task.
 */
typedef void (*MktPageFunc) (gpointer   source_object,
                             GPtrArray *items);

/**
 * MktRowFunc:
 * @row: a row read
 * @items: the page being filled: add what @row gives (nothing, or items)
 * @user_data: what the reader passed along
 * @error: return location for an error
 *
 * Turns one row into items, on the worker thread.
 *
 * Returns: %FALSE, with @error set, to stop the read
 */
typedef gboolean (*MktRowFunc) (MktRecord  *row,
                                GPtrArray  *items,
                                gpointer    user_data,
                                GError    **error);

void        mkt_task_post_page    (GTask                *task,
                                   MktPageFunc           page_func,
                                   GPtrArray            *items,
                                   const char           *name);
MktSession *mkt_task_open_session (const char           *db_path,
                                   MktSqliteStore      **out_store,
                                   gboolean             *out_created,
                                   GError              **error);
gboolean    mkt_task_read_pages   (GTask                *task,
                                   MktSession           *session,
                                   const MktEntitySpec  *spec,
                                   MktQuery             *query,
                                   MktRowFunc            row_func,
                                   gpointer              user_data,
                                   GPtrArray            *into,
                                   MktPageFunc           page_func,
                                   const char           *name,
                                   GError              **error);

G_END_DECLS
