/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-core.h"

G_BEGIN_DECLS

#define MKT_TYPE_TRASH_WINDOW (mkt_trash_window_get_type ())

G_DECLARE_FINAL_TYPE (MktTrashWindow, mkt_trash_window, MKT, TRASH_WINDOW, AdwWindow)

MktTrashWindow   *mkt_trash_window_new                (GtkWindow      *parent,
                                                       MktSession     *session);
void              mkt_trash_window_reload             (MktTrashWindow *self);
GtkListBox       *mkt_trash_window_get_list           (MktTrashWindow *self);
guint             mkt_trash_window_get_n_items        (MktTrashWindow *self);
gboolean          mkt_trash_window_restore            (MktTrashWindow *self,
                                                       guint           position);
AdwMessageDialog *mkt_trash_window_get_confirm_dialog (MktTrashWindow *self);
AdwToast         *mkt_trash_window_get_last_toast     (MktTrashWindow *self);

G_END_DECLS
