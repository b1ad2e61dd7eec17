/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MKT_TYPE_EVENT_PICKER (mkt_event_picker_get_type ())

G_DECLARE_FINAL_TYPE (MktEventPicker, mkt_event_picker, MKT, EVENT_PICKER, GtkPopover)

void        mkt_event_picker_set_products (MktEventPicker *self,
                                           GPtrArray      *products,
                                           const char     *currency);
GtkWidget  *mkt_event_picker_get_list     (MktEventPicker *self);

G_END_DECLS
