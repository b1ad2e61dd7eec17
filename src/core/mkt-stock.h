/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-quantity.h"
#include "mkt-session.h"

G_BEGIN_DECLS

GHashTable  *mkt_stock_on_hand_all      (MktSession   *session,
                                         GError      **error);
MktQuantity  mkt_stock_on_hand_lookup   (GHashTable   *on_hand,
                                         const char   *material_id);

G_END_DECLS
