/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MktMoney:
 *
 * An amount of money in integer minor units of a currency (cents for EUR and
 * USD, yen for JPY, fils for KWD). Never a double.
 */
typedef gint64 MktMoney;

gboolean     mkt_currency_is_valid      (const char  *code);
int          mkt_currency_get_exponent  (const char  *code);

gboolean     mkt_money_parse            (const char  *text,
                                         const char  *currency,
                                         MktMoney    *out_amount,
                                         GError     **error);
char        *mkt_money_format           (MktMoney     amount,
                                         const char  *currency);

gboolean     mkt_money_add              (MktMoney     a,
                                         MktMoney     b,
                                         MktMoney    *out_sum,
                                         GError     **error);
gboolean     mkt_money_multiply         (MktMoney     amount,
                                         gint64       factor,
                                         MktMoney    *out_product,
                                         GError     **error);
gboolean     mkt_money_scale            (MktMoney     amount,
                                         gint64       numerator,
                                         gint64       denominator,
                                         MktMoney    *out_result,
                                         GError     **error);

G_END_DECLS
