/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-market.h"
#include "mkt-money.h"
#include "mkt-session.h"

G_BEGIN_DECLS

/**
 * MktInventoryReport:
 * @material_value: materials on hand × their unit cost, in minor units
 * @product_value: finished products on hand (home and stalls) × their cost
 * @total_value: both together
 * @n_materials: active materials
 * @n_products: active products
 * @n_low_stock: active materials at or below their reorder level, as
 *   mkt_stock_low() lists them
 * @n_unpriced: materials on hand whose unit cost is unknown (counted as free)
 *
 * What the business holds, as the dashboard shows it.
 */
typedef struct
{
  MktMoney  material_value;
  MktMoney  product_value;
  MktMoney  total_value;
  guint     n_materials;
  guint     n_products;
  guint     n_low_stock;
  guint     n_unpriced;
} MktInventoryReport;

gboolean   mkt_report_inventory      (MktSession          *session,
                                      MktInventoryReport  *out_report,
                                      GError             **error);
GPtrArray *mkt_report_recent_events  (MktSession          *session,
                                      gint64               before,
                                      guint                max_events,
                                      GError             **error);

G_END_DECLS
