/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-core.h"

G_BEGIN_DECLS

#define MKT_TYPE_PRODUCT_MAKE_DIALOG (mkt_product_make_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MktProductMakeDialog, mkt_product_make_dialog, MKT, PRODUCT_MAKE_DIALOG, AdwWindow)

MktProductMakeDialog *mkt_product_make_dialog_new              (GtkWindow            *parent,
                                                                MktSession           *session,
                                                                const char           *product_id,
                                                                GError              **error);
gboolean              mkt_product_make_dialog_make             (MktProductMakeDialog *self,
                                                                gboolean              force);
GtkWidget            *mkt_product_make_dialog_get_count_row    (MktProductMakeDialog *self);
guint                 mkt_product_make_dialog_get_n_short      (MktProductMakeDialog *self);
guint                 mkt_product_make_dialog_get_n_needed     (MktProductMakeDialog *self);
GtkLabel             *mkt_product_make_dialog_get_shortage_label (MktProductMakeDialog *self);
GtkWidget            *mkt_product_make_dialog_get_force_button (MktProductMakeDialog *self);

G_END_DECLS
