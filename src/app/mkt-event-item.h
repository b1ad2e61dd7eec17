/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-core.h"

G_BEGIN_DECLS

#define MKT_TYPE_EVENT_ITEM (mkt_event_item_get_type ())

G_DECLARE_FINAL_TYPE (MktEventItem, mkt_event_item, MKT, EVENT_ITEM, GObject)

MktEventItem *mkt_event_item_new         (MktRecord    *event,
                                          gint64        today);
const char   *mkt_event_item_get_id      (MktEventItem *self);
const char   *mkt_event_item_get_name    (MktEventItem *self);
const char   *mkt_event_item_get_dates   (MktEventItem *self);
const char   *mkt_event_item_get_venue   (MktEventItem *self);
gint64        mkt_event_item_get_starts  (MktEventItem *self);
gboolean      mkt_event_item_is_upcoming (MktEventItem *self);

char         *mkt_event_format_dates     (MktRecord    *event);
gint64        mkt_event_today            (void);
char         *mkt_event_format_money     (MktMoney      amount,
                                          const char   *currency);

G_END_DECLS
