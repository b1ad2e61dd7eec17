/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * MktMaterialPageFunc:
 * @source_object: the source object given to mkt_material_load_async()
 * @items: (element-type MktMaterialItem): the next rows, in name order
 *
 * Receives one page of rows on the thread that started the load.
 */
typedef void (*MktMaterialPageFunc) (gpointer   source_object,
                                     GPtrArray *items);

void      mkt_material_load_async  (gpointer              source_object,
                                    const char           *db_path,
                                    gboolean              demo_if_new,
                                    guint                 page_size,
                                    MktMaterialPageFunc   page_func,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean  mkt_material_load_finish (GAsyncResult         *result,
                                    gboolean             *out_demo_loaded,
                                    GStrv                *out_category_ids,
                                    GStrv                *out_category_names,
                                    GError              **error);

G_END_DECLS
