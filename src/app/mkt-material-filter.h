/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MKT_TYPE_MATERIAL_FILTER (mkt_material_filter_get_type ())

G_DECLARE_FINAL_TYPE (MktMaterialFilter, mkt_material_filter, MKT, MATERIAL_FILTER, GtkFilter)

MktMaterialFilter *mkt_material_filter_new        (void);
const char        *mkt_material_filter_get_search (MktMaterialFilter *self);
void               mkt_material_filter_set_search (MktMaterialFilter *self,
                                                   const char        *search);
const char        *mkt_material_filter_get_kind   (MktMaterialFilter *self);
void               mkt_material_filter_set_kind   (MktMaterialFilter *self,
                                                   const char        *kind);
const char        *mkt_material_filter_get_category_id (MktMaterialFilter *self);
void               mkt_material_filter_set_category_id (MktMaterialFilter *self,
                                                        const char        *category_id);
gboolean           mkt_material_filter_get_low_stock (MktMaterialFilter *self);
void               mkt_material_filter_set_low_stock (MktMaterialFilter *self,
                                                      gboolean           low_stock);

G_END_DECLS
