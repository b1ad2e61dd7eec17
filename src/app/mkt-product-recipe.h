/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-core.h"
#include "mkt-product-picker.h"

G_BEGIN_DECLS

#define MKT_TYPE_PRODUCT_RECIPE (mkt_product_recipe_get_type ())

G_DECLARE_FINAL_TYPE (MktProductRecipe, mkt_product_recipe, MKT, PRODUCT_RECIPE, GtkWidget)

void              mkt_product_recipe_set_choices    (MktProductRecipe     *self,
                                                     GListModel           *choices);
gboolean          mkt_product_recipe_show           (MktProductRecipe     *self,
                                                     MktSession           *session,
                                                     const MktEntitySpec  *spec,
                                                     const char           *id,
                                                     GError              **error);
gboolean          mkt_product_recipe_add_part       (MktProductRecipe     *self);
gboolean          mkt_product_recipe_select_choice  (MktProductRecipe     *self,
                                                     const char           *id);
MktProductPicker *mkt_product_recipe_get_picker     (MktProductRecipe     *self);
GtkTreeListModel *mkt_product_recipe_get_model      (MktProductRecipe     *self);
GtkWidget        *mkt_product_recipe_get_choice_row (MktProductRecipe     *self);
GtkWidget        *mkt_product_recipe_get_amount_row (MktProductRecipe     *self);

G_END_DECLS
