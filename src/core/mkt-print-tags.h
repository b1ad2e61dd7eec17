/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "mkt-money.h"
#include "mkt-print-types.h"

G_BEGIN_DECLS

/**
 * MktPrintTag:
 * @name: the product's name
 * @sku: (nullable): its sku
 * @price: its price, in minor units of the tags' currency
 *
 * One price tag. The strings are the caller's; the tags copy them.
 */
typedef struct
{
  const char *name;
  const char *sku;
  MktMoney    price;
} MktPrintTag;

#define MKT_TYPE_PRINT_TAGS (mkt_print_tags_get_type ())

G_DECLARE_FINAL_TYPE (MktPrintTags, mkt_print_tags, MKT, PRINT_TAGS, GObject)

MktPrintTags  *mkt_print_tags_new          (const char         *currency,
                                            const MktPrintTag  *tags,
                                            guint               n_tags,
                                            MktTagLayout        layout,
                                            gboolean            with_sku);
guint          mkt_print_tags_get_n_tags   (MktPrintTags       *self);
MktTagLayout   mkt_print_tags_get_layout   (MktPrintTags       *self);
guint          mkt_print_tags_get_n_pages  (MktPrintTags       *self);
void           mkt_print_tags_draw_page    (MktPrintTags       *self,
                                            cairo_t            *cr,
                                            guint               page);
gboolean       mkt_print_tags_write_pdf    (MktPrintTags       *self,
                                            const char         *path,
                                            GError            **error);

G_END_DECLS
