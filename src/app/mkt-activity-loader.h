/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * MktActivityPageFunc:
 * @source_object: the source object given to mkt_activity_load_async()
 * @items: (element-type MktActivityItem): the next audit rows, newest first
 *
 * Receives one page of rows on the thread that started the load.
 */
typedef void (*MktActivityPageFunc) (gpointer   source_object,
                                     GPtrArray *items);

void      mkt_activity_load_async  (gpointer              source_object,
                                    const char           *db_path,
                                    const char           *entity,
                                    guint                 page_size,
                                    MktActivityPageFunc   page_func,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean  mkt_activity_load_finish (GAsyncResult         *result,
                                    GError              **error);

G_END_DECLS
