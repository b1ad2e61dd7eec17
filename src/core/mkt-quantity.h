/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MktQuantity:
 *
 * An exact amount of something in millionths of its unit: 120.5 yd is
 * 120500000. The unit travels beside it (see #MktUnit).
 */
typedef gint64 MktQuantity;

/**
 * MKT_QUANTITY_SCALE:
 *
 * How many #MktQuantity steps make one whole unit.
 */
#define MKT_QUANTITY_SCALE G_GINT64_CONSTANT (1000000)
#define MKT_QUANTITY_DECIMALS 6

#define MKT_QUANTITY_FROM_INT(n) ((MktQuantity) (n) * MKT_QUANTITY_SCALE)

gboolean     mkt_quantity_parse         (const char   *text,
                                         MktQuantity  *out_quantity,
                                         GError      **error);
char        *mkt_quantity_format        (MktQuantity   quantity);

gboolean     mkt_quantity_add           (MktQuantity   a,
                                         MktQuantity   b,
                                         MktQuantity  *out_sum,
                                         GError      **error);
gboolean     mkt_quantity_multiply      (MktQuantity   a,
                                         MktQuantity   b,
                                         MktQuantity  *out_product,
                                         GError      **error);

gint64       mkt_div_round_half_even    (gint64        numerator,
                                         gint64        denominator);
gboolean     mkt_mul_div_round_half_even (gint64       a,
                                          gint64       b,
                                          gint64       c,
                                          gint64      *out_result);

gboolean     mkt_decimal_parse          (const char   *text,
                                         guint         decimals,
                                         gint64       *out_value,
                                         GError      **error);
char        *mkt_decimal_format         (gint64        value,
                                         guint         decimals,
                                         gboolean      trim_zeros);

G_END_DECLS
