/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-core.h"
#include "mkt-product-recipe.h"

G_BEGIN_DECLS

#define MKT_TYPE_PRODUCT_DETAIL (mkt_product_detail_get_type ())

G_DECLARE_FINAL_TYPE (MktProductDetail, mkt_product_detail, MKT, PRODUCT_DETAIL, GtkWidget)

gboolean             mkt_product_detail_show            (MktProductDetail     *self,
                                                         MktSession           *session,
                                                         const MktEntitySpec  *spec,
                                                         const char           *id,
                                                         GError              **error);
void                 mkt_product_detail_clear           (MktProductDetail     *self);
gboolean             mkt_product_detail_refresh         (MktProductDetail     *self,
                                                         MktSession           *session,
                                                         GError              **error);
gboolean             mkt_product_detail_save            (MktProductDetail     *self);
void                 mkt_product_detail_set_folded      (MktProductDetail     *self,
                                                         gboolean              folded);
const char          *mkt_product_detail_get_id          (MktProductDetail     *self);
const MktEntitySpec *mkt_product_detail_get_spec        (MktProductDetail     *self);
gboolean             mkt_product_detail_get_editing     (MktProductDetail     *self);
GtkWidget           *mkt_product_detail_get_row         (MktProductDetail     *self,
                                                         const char           *field);
GtkLabel            *mkt_product_detail_get_value_label (MktProductDetail     *self,
                                                         const char           *name);
MktProductRecipe    *mkt_product_detail_get_recipe      (MktProductDetail     *self);

G_END_DECLS
