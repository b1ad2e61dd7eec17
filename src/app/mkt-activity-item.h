/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MKT_TYPE_ACTIVITY_ITEM (mkt_activity_item_get_type ())

G_DECLARE_FINAL_TYPE (MktActivityItem, mkt_activity_item, MKT, ACTIVITY_ITEM, GObject)

MktActivityItem *mkt_activity_item_new         (const char      *audit_id,
                                                const char      *when,
                                                const char      *action,
                                                const char      *subject,
                                                const char      *changes);
const char      *mkt_activity_item_get_id      (MktActivityItem *self);
const char      *mkt_activity_item_get_when    (MktActivityItem *self);
const char      *mkt_activity_item_get_action  (MktActivityItem *self);
const char      *mkt_activity_item_get_subject (MktActivityItem *self);
const char      *mkt_activity_item_get_changes (MktActivityItem *self);

G_END_DECLS
