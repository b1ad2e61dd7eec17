/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

const char *mkt_product_field_error_message (const GError  *error,
                                             const char   **out_field);
void        mkt_product_field_error_show    (GtkWidget     *row,
                                             const char    *message);
void        mkt_product_field_error_clear   (GtkWidget     *row);
const char *mkt_product_field_error_get     (GtkWidget     *row);

G_END_DECLS
