/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mkt-product-choice.h"

G_BEGIN_DECLS

#define MKT_TYPE_PRODUCT_PICKER (mkt_product_picker_get_type ())

G_DECLARE_FINAL_TYPE (MktProductPicker, mkt_product_picker, MKT, PRODUCT_PICKER, GtkWidget)

void              mkt_product_picker_set_model  (MktProductPicker *self,
                                                 GListModel       *choices);
MktProductChoice *mkt_product_picker_get_chosen (MktProductPicker *self);
gboolean          mkt_product_picker_choose     (MktProductPicker *self,
                                                 const char       *id);
GtkEditable      *mkt_product_picker_get_search_entry (MktProductPicker *self);
GListModel       *mkt_product_picker_get_results (MktProductPicker *self);
gboolean          mkt_product_picker_choose_result (MktProductPicker *self,
                                                    guint             position);

G_END_DECLS
