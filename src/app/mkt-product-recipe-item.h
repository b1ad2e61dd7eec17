/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mkt-core.h"

G_BEGIN_DECLS

#define MKT_TYPE_PRODUCT_RECIPE_ITEM (mkt_product_recipe_item_get_type ())

G_DECLARE_FINAL_TYPE (MktProductRecipeItem, mkt_product_recipe_item, MKT, PRODUCT_RECIPE_ITEM, GObject)

MktProductRecipeItem *mkt_product_recipe_item_new          (const char           *part_id,
                                                            const MktCostLine    *line,
                                                            const char           *currency);
const char           *mkt_product_recipe_item_get_part_id  (MktProductRecipeItem *self);
const char           *mkt_product_recipe_item_get_child_id (MktProductRecipeItem *self);
gboolean              mkt_product_recipe_item_is_component (MktProductRecipeItem *self);
const char           *mkt_product_recipe_item_get_name     (MktProductRecipeItem *self);
const char           *mkt_product_recipe_item_get_amount   (MktProductRecipeItem *self);
const char           *mkt_product_recipe_item_get_cost     (MktProductRecipeItem *self);
GListModel           *mkt_product_recipe_item_get_children (MktProductRecipeItem *self);

G_END_DECLS
