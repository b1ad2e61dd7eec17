/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MKT_TYPE_ARRAY_MODEL (mkt_array_model_get_type ())

G_DECLARE_FINAL_TYPE (MktArrayModel, mkt_array_model, MKT, ARRAY_MODEL, GObject)

MktArrayModel *mkt_array_model_new        (GType          item_type);
void           mkt_array_model_splice     (MktArrayModel *self,
                                           guint          position,
                                           guint          n_removals,
                                           gpointer      *additions,
                                           guint          n_additions);
void           mkt_array_model_append     (MktArrayModel *self,
                                           gpointer       item);
void           mkt_array_model_remove     (MktArrayModel *self,
                                           guint          position);
void           mkt_array_model_remove_all (MktArrayModel *self);
gpointer       mkt_array_model_peek       (MktArrayModel *self,
                                           guint          position);

G_END_DECLS
