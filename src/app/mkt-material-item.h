/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mkt-core.h"

G_BEGIN_DECLS

#define MKT_TYPE_MATERIAL_ITEM (mkt_material_item_get_type ())

G_DECLARE_FINAL_TYPE (MktMaterialItem, mkt_material_item, MKT, MATERIAL_ITEM, GObject)

MktMaterialItem *mkt_material_item_new            (MktRecord       *material,
                                                   MktQuantity      on_hand,
                                                   const char      *currency);
MktMaterialItem *mkt_material_item_new_full       (MktRecord       *material,
                                                   MktQuantity      on_hand,
                                                   const MktUnitCost *unit_cost,
                                                   const char      *currency);
MktMaterialItem *mkt_material_item_read           (MktSession      *session,
                                                   const char      *id,
                                                   GError         **error);
const char      *mkt_material_item_get_id         (MktMaterialItem *self);
const char      *mkt_material_item_get_name       (MktMaterialItem *self);
const char      *mkt_material_item_get_colour     (MktMaterialItem *self);
const char      *mkt_material_item_get_kind       (MktMaterialItem *self);
const char      *mkt_material_item_get_on_hand    (MktMaterialItem *self);
gint64           mkt_material_item_get_on_hand_value (MktMaterialItem *self);
const char      *mkt_material_item_get_price      (MktMaterialItem *self);
gint64           mkt_material_item_get_price_value (MktMaterialItem *self);
const char      *mkt_material_item_get_sku        (MktMaterialItem *self);
const char      *mkt_material_item_get_unit_cost  (MktMaterialItem *self);
gint64           mkt_material_item_get_unit_cost_value (MktMaterialItem *self);
const char      *mkt_material_item_get_reorder_level (MktMaterialItem *self);
gint64           mkt_material_item_get_reorder_level_value (MktMaterialItem *self);
const char      *mkt_material_item_get_kind_key   (MktMaterialItem *self);
const char      *mkt_material_item_get_category_id (MktMaterialItem *self);
gboolean         mkt_material_item_get_low        (MktMaterialItem *self);
gboolean         mkt_material_item_matches        (MktMaterialItem *self,
                                                   const char      *folded_needle);

const char      *mkt_material_kind_label          (const char      *kind);

G_END_DECLS
