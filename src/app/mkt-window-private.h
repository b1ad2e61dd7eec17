/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-activity-window.h"
#include "mkt-trash-window.h"
#include "mkt-window.h"

G_BEGIN_DECLS

/* What the window's files share: its life cycle, pages and toasts
 * (mkt-window.c) and its actions (mkt-window-actions.c). */

struct _MktWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  GtkButton            *add_button;
  MktInventoryView     *inventory_view;

  GSettings            *settings;
  GCancellable         *cancellable;
  char                 *db_path;

  /* Writes go through a session on a connection of the window's own,
   * opened on first use, once the loader has made the database. */
  MktSqliteStore       *store;
  MktSession           *session;

  /* Weak: the open editor, trash and activity windows and the newest
   * toast, while they last. */
  MktMaterialEditor    *editor;
  MktTrashWindow       *trash_window;
  MktActivityWindow    *activity_window;
  AdwToast             *last_toast;

  guint                 ready : 1;
};

/* mkt-window.c */
MktSession        *mkt_window_ensure_session               (MktWindow       *self,
                                                           GError         **error);
void               mkt_window_reopen                       (MktWindow       *self);

/* mkt-window-actions.c */
void               mkt_window_class_actions_init           (MktWindowClass  *klass);
MktMaterialEditor *mkt_window_current_editor               (MktWindow       *self);
void               mkt_window_set_material_actions_enabled (MktWindow       *self,
                                                           gboolean         enabled);

G_END_DECLS
