/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-window.h"

G_BEGIN_DECLS

#define MKT_TYPE_STALL_WINDOW (mkt_stall_window_get_type ())

G_DECLARE_FINAL_TYPE (MktStallWindow, mkt_stall_window, MKT, STALL_WINDOW, AdwWindow)

MktStallWindow *mkt_stall_window_new                (MktWindow      *parent,
                                                     const char     *event_id,
                                                     const char     *payment_method);
const char     *mkt_stall_window_get_event_id       (MktStallWindow *self);
gboolean        mkt_stall_window_get_loading        (MktStallWindow *self);
const char     *mkt_stall_window_get_payment_method (MktStallWindow *self);
void            mkt_stall_window_set_payment_method (MktStallWindow *self,
                                                     const char     *payment_method);
gboolean        mkt_stall_window_sell               (MktStallWindow *self,
                                                     const char     *product_id);
gboolean        mkt_stall_window_undo               (MktStallWindow *self);
GtkWidget      *mkt_stall_window_get_tile           (MktStallWindow *self,
                                                     const char     *product_id);
const char     *mkt_stall_window_get_total_text     (MktStallWindow *self);
const char     *mkt_stall_window_get_items_text     (MktStallWindow *self);
const char     *mkt_stall_window_get_market_text    (MktStallWindow *self);
const char     *mkt_stall_window_get_last_sale_id   (MktStallWindow *self);

G_END_DECLS
