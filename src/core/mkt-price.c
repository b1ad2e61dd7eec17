/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-price"

#include "config.h"

#include "mkt-error.h"
#include "mkt-price.h"

static gint64
power_of_ten (int exponent)
{
  gint64 value = 1;

  while (exponent-- > 0)
    value *= 10;
  return value;
}

static MktMoney
round_up_to (MktMoney amount,
             MktMoney step)
{
  MktMoney rest = amount % step;

  if (amount <= 0 || rest == 0)
    return amount;
  return amount + step - rest;
}

/**
 * mkt_price_apply_ending:
 * @amount: a price in minor units
 * @ending: how prices end
 * @currency: the currency, for the size of its minor unit
 *
 * Rounds up to the next price with the ending: 12.31 → 13.00, 12.50, 12.95
 * or 12.99; 12.96 with .95 → 13.95. Currencies without cents (JPY) round
 * up to a whole amount for any ending.
 *
 * Returns: the price
 */
MktMoney
mkt_price_apply_ending (MktMoney        amount,
                        MktPriceEnding  ending,
                        const char     *currency)
{
  int exponent = mkt_currency_get_exponent (currency);
  gint64 whole, hundredth;
  gint64 tail;

  if (ending == MKT_PRICE_ENDING_NONE || amount <= 0 || exponent < 0)
    return amount;

  whole = power_of_ten (exponent);
  if (exponent < 2)
    return round_up_to (amount, whole);

  hundredth = power_of_ten (exponent - 2);
  switch (ending)
    {
    case MKT_PRICE_ENDING_00:
      return round_up_to (amount, whole);
    case MKT_PRICE_ENDING_50:
      return round_up_to (amount, 50 * hundredth);
    case MKT_PRICE_ENDING_95:
      tail = 95 * hundredth;
      break;
    case MKT_PRICE_ENDING_99:
      tail = 99 * hundredth;
      break;
    case MKT_PRICE_ENDING_NONE:
    default:
      return amount;
    }

  /* The smallest N × whole + tail that is not below the amount. */
  {
    gint64 n = (amount - tail + whole - 1) / whole;

    if (amount <= tail)
      n = 0;
    return n * whole + tail;
  }
}

static MktMoney
times (MktMoney    amount,
       MktQuantity multiplier)
{
  MktMoney result;

  return mkt_mul_div_round_half_even (amount, multiplier, MKT_QUANTITY_SCALE, &result) ? result : G_MAXINT64;
}

static gint64
basis_points (MktMoney part,
              MktMoney whole)
{
  gint64 result;

  if (whole == 0)
    return 0;
  return mkt_mul_div_round_half_even (part, 10000, whole, &result) ? result : 0;
}

/**
 * mkt_price_compute:
 * @totals: a product's cost for one
 * @settings: the tenant's settings
 * @currency: the tenant's currency
 * @has_price: whether the crafter set a price
 * @price: that price
 * @out: (out caller-allocates): suggestions, and margin and markup at @price
 *
 * The suggestions: wholesale = cost × wholesale multiplier (to the minor
 * unit); retail = wholesale × retail multiplier, up to the price ending;
 * with a marketplace fee of p % and f per sale, the listed price L must
 * leave the retail price: L − L × p / 100 − f ≥ retail, so
 * L = (retail + f) / (1 − p / 100), rounded up, then up to the ending.
 */
void
mkt_price_compute (const MktCostTotals *totals,
                   const MktSettings   *settings,
                   const char          *currency,
                   gboolean             has_price,
                   MktMoney             price,
                   MktPricing          *out)
{
  MktMoney cost = mkt_cost_round (totals->total_cost);
  MktMoney wholesale = times (cost, settings->wholesale_multiplier);
  MktMoney retail = mkt_price_apply_ending (times (wholesale, settings->retail_multiplier),
                                            settings->price_ending, currency);
  MktMoney listed = retail;

  if (settings->fee_percent > 0 || settings->fee_fixed > 0)
    {
      gint64 keep = 100 * MKT_QUANTITY_SCALE - settings->fee_percent;
      gint64 numerator = retail + settings->fee_fixed;

      /* Rounded up: a cent short would leave less than retail. */
      listed = keep > 0 ? (MktMoney) ((numerator * (100 * MKT_QUANTITY_SCALE) + keep - 1) / keep) : numerator;
      listed = mkt_price_apply_ending (listed, settings->price_ending, currency);
    }

  *out = (MktPricing) {
    .cost = cost,
    .wholesale = wholesale,
    .retail = retail,
    .marketplace = listed,
    .price = has_price ? price : 0,
    .has_price = has_price,
    .margin_bp = has_price ? basis_points (price - cost, price) : 0,
    .markup_bp = has_price ? basis_points (price - cost, cost) : 0,
    .totals = *totals,
  };
}

/**
 * mkt_price_suggest:
 * @session: a session
 * @product_id: a product
 * @out: (out caller-allocates): its pricing
 * @error: return location for an error
 */
gboolean
mkt_price_suggest (MktSession  *session,
                   const char  *product_id,
                   MktPricing  *out,
                   GError     **error)
{
  g_autoptr(MktRecord) product = NULL;
  g_autoptr(MktRecord) tenant = NULL;
  MktCostTotals totals;
  MktSettings settings;

  g_return_val_if_fail (MKT_IS_SESSION (session), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  product = mkt_session_get (session, &mkt_product_spec, product_id, error);
  tenant = product ? mkt_session_get (session, &mkt_tenant_spec, mkt_session_get_tenant_id (session), error) : NULL;
  if (tenant == NULL ||
      !mkt_settings_from_tenant (tenant, &settings, error) ||
      !mkt_cost_get (session, &mkt_product_spec, product_id, &totals, error))
    return FALSE;

  mkt_price_compute (&totals, &settings, mkt_record_get_string (tenant, "currency"),
                     mkt_record_has (product, "price"), mkt_record_get_int (product, "price"), out);
  return TRUE;
}

/**
 * mkt_price_format_percent:
 * @basis_points: hundredths of a percent
 *
 * Returns: (transfer full): "42.5 %"-style text with one decimal
 */
char *
mkt_price_format_percent (gint64 basis_points)
{
  gint64 tenths = mkt_div_round_half_even (basis_points, 10);
  gint64 magnitude = tenths < 0 ? -tenths : tenths;

  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT " %%",
                          tenths < 0 ? "-" : "", magnitude / 10, magnitude % 10);
}
