/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mkt-task-pages.h"

G_BEGIN_DECLS

void       mkt_product_load_async  (gpointer              source_object,
                                    const char           *db_path,
                                    guint                 page_size,
                                    MktPageFunc           page_func,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
GPtrArray *mkt_product_load_finish (GAsyncResult         *result,
                                    GError              **error);

G_END_DECLS
