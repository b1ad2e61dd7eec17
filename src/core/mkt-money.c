/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-money"

#include "config.h"

#include <string.h>

#include "mkt-error.h"
#include "mkt-money.h"
#include "mkt-quantity.h"

typedef struct
{
  char code[4];
  int  exponent;
} MktCurrency;

/* ISO 4217 list one: the active codes that have a minor unit, with the
 * number of decimals of that unit. Codes whose minor unit is "N.A." (gold,
 * SDR, test codes, XXX...) are left out because amounts of them cannot be
 * stored as integers of a minor unit. ANG stays beside its successor XCG
 * while old records may still use it. */
static const MktCurrency currencies[] = {
  { "AED", 2 }, { "AFN", 2 }, { "ALL", 2 }, { "AMD", 2 }, { "ANG", 2 },
  { "AOA", 2 }, { "ARS", 2 }, { "AUD", 2 }, { "AWG", 2 }, { "AZN", 2 },
  { "BAM", 2 }, { "BBD", 2 }, { "BDT", 2 }, { "BGN", 2 }, { "BHD", 3 },
  { "BIF", 0 }, { "BMD", 2 }, { "BND", 2 }, { "BOB", 2 }, { "BOV", 2 },
  { "BRL", 2 }, { "BSD", 2 }, { "BTN", 2 }, { "BWP", 2 }, { "BYN", 2 },
  { "BZD", 2 }, { "CAD", 2 }, { "CDF", 2 }, { "CHE", 2 }, { "CHF", 2 },
  { "CHW", 2 }, { "CLF", 4 }, { "CLP", 0 }, { "CNY", 2 }, { "COP", 2 },
  { "COU", 2 }, { "CRC", 2 }, { "CUC", 2 }, { "CUP", 2 }, { "CVE", 2 },
  { "CZK", 2 }, { "DJF", 0 }, { "DKK", 2 }, { "DOP", 2 }, { "DZD", 2 },
  { "EGP", 2 }, { "ERN", 2 }, { "ETB", 2 }, { "EUR", 2 }, { "FJD", 2 },
  { "FKP", 2 }, { "GBP", 2 }, { "GEL", 2 }, { "GHS", 2 }, { "GIP", 2 },
  { "GMD", 2 }, { "GNF", 0 }, { "GTQ", 2 }, { "GYD", 2 }, { "HKD", 2 },
  { "HNL", 2 }, { "HTG", 2 }, { "HUF", 2 }, { "IDR", 2 }, { "ILS", 2 },
  { "INR", 2 }, { "IQD", 3 }, { "IRR", 2 }, { "ISK", 0 }, { "JMD", 2 },
  { "JOD", 3 }, { "JPY", 0 }, { "KES", 2 }, { "KGS", 2 }, { "KHR", 2 },
  { "KMF", 0 }, { "KPW", 2 }, { "KRW", 0 }, { "KWD", 3 }, { "KYD", 2 },
  { "KZT", 2 }, { "LAK", 2 }, { "LBP", 2 }, { "LKR", 2 }, { "LRD", 2 },
  { "LSL", 2 }, { "LYD", 3 }, { "MAD", 2 }, { "MDL", 2 }, { "MGA", 2 },
  { "MKD", 2 }, { "MMK", 2 }, { "MNT", 2 }, { "MOP", 2 }, { "MRU", 2 },
  { "MUR", 2 }, { "MVR", 2 }, { "MWK", 2 }, { "MXN", 2 }, { "MXV", 2 },
  { "MYR", 2 }, { "MZN", 2 }, { "NAD", 2 }, { "NGN", 2 }, { "NIO", 2 },
  { "NOK", 2 }, { "NPR", 2 }, { "NZD", 2 }, { "OMR", 3 }, { "PAB", 2 },
  { "PEN", 2 }, { "PGK", 2 }, { "PHP", 2 }, { "PKR", 2 }, { "PLN", 2 },
  { "PYG", 0 }, { "QAR", 2 }, { "RON", 2 }, { "RSD", 2 }, { "RUB", 2 },
  { "RWF", 0 }, { "SAR", 2 }, { "SBD", 2 }, { "SCR", 2 }, { "SDG", 2 },
  { "SEK", 2 }, { "SGD", 2 }, { "SHP", 2 }, { "SLE", 2 }, { "SOS", 2 },
  { "SRD", 2 }, { "SSP", 2 }, { "STN", 2 }, { "SVC", 2 }, { "SYP", 2 },
  { "SZL", 2 }, { "THB", 2 }, { "TJS", 2 }, { "TMT", 2 }, { "TND", 3 },
  { "TOP", 2 }, { "TRY", 2 }, { "TTD", 2 }, { "TWD", 2 }, { "TZS", 2 },
  { "UAH", 2 }, { "UGX", 0 }, { "USD", 2 }, { "USN", 2 }, { "UYI", 0 },
  { "UYU", 2 }, { "UYW", 4 }, { "UZS", 2 }, { "VED", 2 }, { "VES", 2 },
  { "VND", 0 }, { "VUV", 0 }, { "WST", 2 }, { "XAF", 0 }, { "XCD", 2 },
  { "XCG", 2 }, { "XOF", 0 }, { "XPF", 0 }, { "YER", 2 }, { "ZAR", 2 },
  { "ZMW", 2 }, { "ZWG", 2 },
};

/**
 * mkt_currency_get_exponent:
 * @code: (nullable): an ISO 4217 code in capitals, such as "EUR"
 *
 * Looks up how many decimals the minor unit of a currency has. Codes are
 * matched exactly: "eur" is not a currency.
 *
 * Returns: 2 for EUR, 0 for JPY, 3 for KWD..., or -1 if @code is not an
 *   active ISO 4217 currency
 */
int
mkt_currency_get_exponent (const char *code)
{
  if (code == NULL)
    return -1;

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      if (strcmp (currencies[i].code, code) == 0)
        return currencies[i].exponent;
    }

  return -1;
}

/**
 * mkt_currency_is_valid:
 * @code: (nullable): a currency code
 *
 * Returns: whether @code is an active ISO 4217 currency code (in capitals)
 */
gboolean
mkt_currency_is_valid (const char *code)
{
  return mkt_currency_get_exponent (code) >= 0;
}

/**
 * mkt_money_parse:
 * @text: the amount a person typed, such as "4.99", "-0,05" or " 1200 "
 * @currency: an ISO 4217 code
 * @out_amount: (out) (optional): the amount in minor units
 * @error: return location for a %MKT_VALUE_ERROR
 *
 * Parses an amount of @currency: "4.99" in USD is 499. The text is a plain
 * number (see mkt_decimal_parse()): no currency symbol, no thousands
 * separators, '.' or ',' as the decimal separator, and at most as many
 * decimals as the currency has (none for JPY); more is
 * %MKT_VALUE_ERROR_PRECISION. An unknown @currency is
 * %MKT_VALUE_ERROR_INVALID.
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_money_parse (const char  *text,
                 const char  *currency,
                 MktMoney    *out_amount,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  int exponent;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  exponent = mkt_currency_get_exponent (currency);
  if (exponent < 0)
    {
      g_autofree char *shown = g_utf8_make_valid (currency, -1);

      g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_INVALID,
                   "“%s” is not a known currency", shown);
      return FALSE;
    }

  if (mkt_decimal_parse (text, exponent, out_amount, &local_error))
    return TRUE;

  /* Say what the currency allows rather than a bare count of decimals. */
  if (g_error_matches (local_error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_PRECISION))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));
      g_autofree char *shown = g_utf8_make_valid (trimmed, -1);

      if (exponent == 0)
        g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_PRECISION,
                     "“%s” has decimals, but %s amounts are whole numbers",
                     shown, currency);
      else
        g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_PRECISION,
                     "“%s” has more decimals than %s allows (%d)",
                     shown, currency, exponent);
      return FALSE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * mkt_money_format:
 * @amount: an amount in minor units
 * @currency: an ISO 4217 code known to mkt_currency_is_valid()
 *
 * Writes @amount as a plain number with exactly the currency's decimals and
 * a '.' separator, without symbol, grouping or locale: 499 USD is "4.99",
 * -5 EUR is "-0.05", 1200 JPY is "1200". mkt_money_parse() reads it back.
 *
 * Returns: (transfer full): the text, or %NULL if @currency is unknown
 *   (a programmer error)
 */
char *
mkt_money_format (MktMoney    amount,
                  const char *currency)
{
  int exponent;

  g_return_val_if_fail (currency != NULL, NULL);

  exponent = mkt_currency_get_exponent (currency);
  g_return_val_if_fail (exponent >= 0, NULL);

  return mkt_decimal_format (amount, exponent, FALSE);
}

/**
 * mkt_money_add:
 * @a: an amount
 * @b: another amount in the same currency
 * @out_sum: (out) (optional): @a + @b
 * @error: return location for a %MKT_VALUE_ERROR_OVERFLOW
 *
 * Returns: %TRUE on success, %FALSE if the sum does not fit
 */
gboolean
mkt_money_add (MktMoney   a,
               MktMoney   b,
               MktMoney  *out_sum,
               GError   **error)
{
  MktMoney sum;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (__builtin_add_overflow (a, b, &sum))
    {
      g_set_error_literal (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OVERFLOW,
                           "The total is too large an amount");
      return FALSE;
    }

  if (out_sum != NULL)
    *out_sum = sum;

  return TRUE;
}

/**
 * mkt_money_multiply:
 * @amount: an amount
 * @factor: a whole number, such as a count of items
 * @out_product: (out) (optional): @amount × @factor
 * @error: return location for a %MKT_VALUE_ERROR_OVERFLOW
 *
 * Returns: %TRUE on success, %FALSE if the product does not fit
 */
gboolean
mkt_money_multiply (MktMoney   amount,
                    gint64     factor,
                    MktMoney  *out_product,
                    GError   **error)
{
  MktMoney product;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (__builtin_mul_overflow (amount, factor, &product))
    {
      g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OVERFLOW,
                   "Multiplying by %" G_GINT64_FORMAT
                   " gives too large an amount", factor);
      return FALSE;
    }

  if (out_product != NULL)
    *out_product = product;

  return TRUE;
}

/**
 * mkt_money_scale:
 * @amount: an amount
 * @numerator: what to multiply by
 * @denominator: what to divide by; must not be 0, may be negative
 * @out_result: (out) (optional): @amount × @numerator / @denominator
 * @error: return location for a %MKT_VALUE_ERROR_OVERFLOW
 *
 * Takes a fraction of an amount, exactly: the product is kept in 128 bits
 * and only the final result is rounded, half to even, to a whole minor unit.
 * The cost of 120 yd of a 364 yd skein bought for 4.99 is
 * mkt_money_scale (499, 120, 364) = 165 (164.505...), and 15 × 1 / 2 is 8.
 *
 * Returns: %TRUE on success, %FALSE if the result does not fit
 */
gboolean
mkt_money_scale (MktMoney   amount,
                 gint64     numerator,
                 gint64     denominator,
                 MktMoney  *out_result,
                 GError   **error)
{
  g_return_val_if_fail (denominator != 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!mkt_mul_div_round_half_even (amount, numerator, denominator, out_result))
    {
      g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OVERFLOW,
                   "Scaling by %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                   " gives too large an amount", numerator, denominator);
      return FALSE;
    }

  return TRUE;
}
