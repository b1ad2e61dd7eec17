/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mkt-core.h"

G_BEGIN_DECLS

#define MKT_TYPE_STALL_TILE (mkt_stall_tile_get_type ())

G_DECLARE_FINAL_TYPE (MktStallTile, mkt_stall_tile, MKT, STALL_TILE, GtkButton)

GtkWidget  *mkt_stall_tile_new             (const char          *product_id);
const char *mkt_stall_tile_get_product_id  (MktStallTile        *self);
void        mkt_stall_tile_update          (MktStallTile        *self,
                                            const MktMarketLine *line,
                                            const char          *currency,
                                            GdkTexture          *photo);
gboolean    mkt_stall_tile_get_sold_out    (MktStallTile        *self);
gboolean    mkt_stall_tile_get_has_photo   (MktStallTile        *self);
const char *mkt_stall_tile_get_left_text   (MktStallTile        *self);

G_END_DECLS
