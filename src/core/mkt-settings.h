/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mkt-money.h"
#include "mkt-quantity.h"
#include "mkt-record.h"

G_BEGIN_DECLS

/**
 * MktCostMethod:
 * @MKT_COST_AVERAGE: a material costs the weighted average of its purchases
 * @MKT_COST_LAST: a material costs what its last purchase cost
 */
typedef enum
{
  MKT_COST_AVERAGE,
  MKT_COST_LAST,
} MktCostMethod;

/**
 * MktPriceEnding:
 * @MKT_PRICE_ENDING_NONE: prices are rounded to the minor unit only
 * @MKT_PRICE_ENDING_00: up to a whole amount (12.00)
 * @MKT_PRICE_ENDING_50: up to a half (12.50)
 * @MKT_PRICE_ENDING_95: up to .95
 * @MKT_PRICE_ENDING_99: up to .99
 */
typedef enum
{
  MKT_PRICE_ENDING_NONE,
  MKT_PRICE_ENDING_00,
  MKT_PRICE_ENDING_50,
  MKT_PRICE_ENDING_95,
  MKT_PRICE_ENDING_99,
} MktPriceEnding;

/**
 * MktSettings:
 * @labour_rate: what an hour of work costs, in minor units
 * @overhead_percent: overhead as a share of materials and labour, in
 *   millionths of a percent point (#MktQuantity: 10.5 % is 10500000)
 * @overhead_fixed: overhead per item, in minor units
 * @wholesale_multiplier: wholesale = cost × this (#MktQuantity; 2 by default)
 * @retail_multiplier: retail = wholesale × this (#MktQuantity; 2 by default)
 * @fee_percent: a marketplace's fee on the selling price (#MktQuantity percent)
 * @fee_fixed: a marketplace's fee per sale, in minor units
 * @price_ending: how suggested prices are rounded
 * @cost_method: how a material's unit cost is found
 * @retention_days: how long deleted rows stay in the trash
 *
 * The business's settings, kept as the tenant's "settings" JSON object. One
 * parser checks them, with the field named "settings.KEY" in errors.
 */
typedef struct
{
  MktMoney        labour_rate;
  MktQuantity     overhead_percent;
  MktMoney        overhead_fixed;
  MktQuantity     wholesale_multiplier;
  MktQuantity     retail_multiplier;
  MktQuantity     fee_percent;
  MktMoney        fee_fixed;
  MktPriceEnding  price_ending;
  MktCostMethod   cost_method;
  gint64          retention_days;
} MktSettings;

void         mkt_settings_init_defaults (MktSettings  *settings);
gboolean     mkt_settings_parse         (const char   *json,
                                         MktSettings  *settings,
                                         GError      **error);
gboolean     mkt_settings_from_tenant   (MktRecord    *tenant,
                                         MktSettings  *settings,
                                         GError      **error);
gboolean     mkt_settings_set           (MktRecord    *tenant,
                                         const char   *key,
                                         const char   *text,
                                         GError      **error);
JsonObject  *mkt_settings_to_json       (const MktSettings *settings);
char        *mkt_settings_format        (const MktSettings *settings,
                                         const char   *key,
                                         const char   *currency);
const char  *mkt_settings_describe      (const char   *key);
const char * const *mkt_settings_keys   (void);
gboolean     mkt_settings_cost_equal    (const MktSettings *a,
                                         const MktSettings *b);

G_END_DECLS
