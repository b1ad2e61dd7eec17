/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-core.h"

G_BEGIN_DECLS

#define MKT_TYPE_EVENT_EDITOR (mkt_event_editor_get_type ())

G_DECLARE_FINAL_TYPE (MktEventEditor, mkt_event_editor, MKT, EVENT_EDITOR, AdwWindow)

MktEventEditor *mkt_event_editor_new          (GtkWindow       *parent,
                                               MktSession      *session,
                                               const char      *event_id,
                                               GError         **error);
const char     *mkt_event_editor_get_event_id (MktEventEditor  *self);
gboolean        mkt_event_editor_save         (MktEventEditor  *self);
GtkWidget      *mkt_event_editor_get_row      (MktEventEditor  *self,
                                               const char      *field);
const char     *mkt_event_editor_get_message  (MktEventEditor  *self);

G_END_DECLS
