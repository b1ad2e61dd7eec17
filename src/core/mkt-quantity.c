/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-quantity"

#include "config.h"

#include "mkt-error.h"
#include "mkt-quantity.h"

/* 10^18 is the largest power of ten a gint64 holds. */
#define MAX_DECIMALS 18

__extension__ typedef __int128 MktInt128;

static guint64
power_of_ten (guint exponent)
{
  guint64 result = 1;

  g_assert (exponent <= MAX_DECIMALS);

  while (exponent-- > 0)
    result *= 10;

  return result;
}

/* Divides with round-half-to-even; @d must be positive. */
static MktInt128
div_round_half_even_128 (MktInt128 n,
                         MktInt128 d)
{
  MktInt128 q;
  MktInt128 r;

  g_assert (d > 0);

  q = n / d;
  r = n % d;

  if (r != 0)
    {
      MktInt128 abs_r = r < 0 ? -r : r;
      MktInt128 rest = d - abs_r;

      /* Comparing against the rest instead of 2*|r| cannot overflow. */
      if (abs_r > rest || (abs_r == rest && (q & 1) != 0))
        q += n < 0 ? -1 : 1;
    }

  return q;
}

/**
 * mkt_mul_div_round_half_even:
 * @a: a factor
 * @b: another factor
 * @c: the divisor; must not be 0, may be negative
 * @out_result: (out) (optional): where to store a × b / c
 *
 * Computes @a × @b / @c exactly (the product is kept in 128 bits) and
 * rounds the quotient half to even.
 *
 * Returns: %TRUE on success, %FALSE if the result does not fit a #gint64
 *   (@out_result is then left alone)
 */
gboolean
mkt_mul_div_round_half_even (gint64  a,
                             gint64  b,
                             gint64  c,
                             gint64 *out_result)
{
  MktInt128 n;
  MktInt128 d;
  MktInt128 q;

  g_return_val_if_fail (c != 0, FALSE);

  /* |a × b| <= 2^126, so negating either operand stays in range. */
  n = (MktInt128) a * b;
  d = c;
  if (d < 0)
    {
      n = -n;
      d = -d;
    }

  q = div_round_half_even_128 (n, d);
  if (q > G_MAXINT64 || q < G_MININT64)
    return FALSE;

  if (out_result != NULL)
    *out_result = (gint64) q;

  return TRUE;
}

/**
 * mkt_div_round_half_even:
 * @numerator: the dividend
 * @denominator: the divisor; must not be 0, may be negative
 *
 * Integer division that rounds to the nearest integer and ties to the even
 * one, for either sign: 5/2 is 2, 7/2 is 4, -5/2 is -2, -7/2 is -4.
 *
 * The quotient must fit a #gint64: %G_MININT64 / -1 is a programmer error,
 * as is a zero @denominator.
 *
 * Returns: the rounded quotient
 */
gint64
mkt_div_round_half_even (gint64 numerator,
                         gint64 denominator)
{
  gint64 result = 0;

  g_return_val_if_fail (denominator != 0, 0);
  g_return_val_if_fail (numerator != G_MININT64 || denominator != -1, 0);

  if (!mkt_mul_div_round_half_even (numerator, 1, denominator, &result))
    g_assert_not_reached ();

  return result;
}

/**
 * mkt_decimal_parse:
 * @text: the text a person typed, such as "4.99", "-3" or " 1,5 "
 * @decimals: how many decimals the result keeps (at most 18)
 * @out_value: (out) (optional): the value in units of 10^-@decimals
 * @error: return location for a %MKT_VALUE_ERROR
 *
 * Parses a plain decimal number into a scaled integer: with @decimals 2,
 * "4.99" is 499. Surrounding ASCII whitespace is ignored, one leading '-' or
 * '+' is allowed and the decimal separator may be '.' or ','. Either side of
 * the separator may be empty but not both (".5" and "5." are accepted).
 * Thousands separators, exponents and inner spaces are not.
 *
 * More than @decimals digits after the separator is
 * %MKT_VALUE_ERROR_PRECISION even when they are zeros, so "1,500" with two
 * decimals is refused rather than silently read as 1.50.
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_decimal_parse (const char  *text,
                   guint        decimals,
                   gint64      *out_value,
                   GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *shown = NULL;
  const char *p;
  gboolean negative = FALSE;
  gboolean seen_separator = FALSE;
  gboolean too_precise = FALSE;
  gboolean too_large = FALSE;
  guint n_digits = 0;
  guint n_fraction = 0;
  guint64 magnitude = 0;
  guint64 limit;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (decimals <= MAX_DECIMALS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  /* The text goes into a message, which must be UTF-8. */
  shown = g_utf8_make_valid (trimmed, -1);

  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_INVALID,
                           "Expected a number but the text is empty");
      return FALSE;
    }

  p = trimmed;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          n_digits++;

          if (seen_separator && ++n_fraction > decimals)
            too_precise = TRUE;

          /* Keep scanning after an overflow so that garbage further on is
           * still reported as such. */
          if (!too_precise && !too_large &&
              (__builtin_mul_overflow (magnitude, 10, &magnitude) ||
               __builtin_add_overflow (magnitude, (guint64) (*p - '0'), &magnitude)))
            too_large = TRUE;
        }
      else if ((*p == '.' || *p == ',') && !seen_separator)
        {
          seen_separator = TRUE;
        }
      else
        {
          g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_INVALID,
                       "“%s” is not a number", shown);
          return FALSE;
        }
    }

  if (n_digits == 0)
    {
      g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_INVALID,
                   "“%s” is not a number", shown);
      return FALSE;
    }

  if (too_precise)
    {
      if (decimals == 0)
        g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_PRECISION,
                     "“%s” must be a whole number", shown);
      else
        g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_PRECISION,
                     "“%s” has more than %u decimals", shown, decimals);
      return FALSE;
    }

  if (!too_large &&
      __builtin_mul_overflow (magnitude, power_of_ten (decimals - n_fraction), &magnitude))
    too_large = TRUE;

  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  if (too_large || magnitude > limit)
    {
      g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OVERFLOW,
                   "“%s” is too large a number", shown);
      return FALSE;
    }

  if (out_value != NULL)
    {
      /* Negating in unsigned arithmetic reaches G_MININT64 without overflow. */
      *out_value = negative ? (gint64) (0 - magnitude) : (gint64) magnitude;
    }

  return TRUE;
}

/**
 * mkt_decimal_format:
 * @value: a value in units of 10^-@decimals
 * @decimals: how many decimals @value holds (at most 18)
 * @trim_zeros: whether to drop trailing zero decimals (and a bare point)
 *
 * Writes @value as a plain decimal with a '.' separator, no grouping and a
 * leading '-' for negative values; the inverse of mkt_decimal_parse(). With
 * @decimals 2, 499 is "4.99" and -5 is "-0.05"; with @trim_zeros, 1500 is
 * "15" rather than "15.00". The output does not depend on the locale.
 *
 * Returns: (transfer full): the text
 */
char *
mkt_decimal_format (gint64   value,
                    guint    decimals,
                    gboolean trim_zeros)
{
  GString *str;
  guint64 magnitude;
  guint64 scale;
  guint64 fraction;

  g_return_val_if_fail (decimals <= MAX_DECIMALS, NULL);

  magnitude = value < 0 ? 0 - (guint64) value : (guint64) value;
  scale = power_of_ten (decimals);
  fraction = magnitude % scale;

  str = g_string_new (NULL);
  if (value < 0)
    g_string_append_c (str, '-');
  g_string_append_printf (str, "%" G_GUINT64_FORMAT, magnitude / scale);

  if (decimals > 0 && !(trim_zeros && fraction == 0))
    {
      gsize len;

      g_string_append_printf (str, ".%0*" G_GUINT64_FORMAT, (int) decimals, fraction);

      if (trim_zeros)
        {
          len = str->len;
          while (str->str[len - 1] == '0')
            len--;
          g_string_truncate (str, len);
        }
    }

  return g_string_free (str, FALSE);
}

/**
 * mkt_quantity_parse:
 * @text: the text a person typed, such as "120", "0.5", "1,5" or "-3"
 * @out_quantity: (out) (optional): the quantity
 * @error: return location for a %MKT_VALUE_ERROR
 *
 * Parses a quantity with up to six decimals; see mkt_decimal_parse() for the
 * accepted form. "120" is 120000000.
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_quantity_parse (const char   *text,
                    MktQuantity  *out_quantity,
                    GError      **error)
{
  return mkt_decimal_parse (text, MKT_QUANTITY_DECIMALS, out_quantity, error);
}

/**
 * mkt_quantity_format:
 * @quantity: a quantity
 *
 * Writes @quantity with as few decimals as it needs: "120", "0.5",
 * "-0.000001". Always '.' as the separator, whatever the locale.
 *
 * Returns: (transfer full): the text
 */
char *
mkt_quantity_format (MktQuantity quantity)
{
  return mkt_decimal_format (quantity, MKT_QUANTITY_DECIMALS, TRUE);
}

/**
 * mkt_quantity_add:
 * @a: a quantity
 * @b: another quantity
 * @out_sum: (out) (optional): @a + @b
 * @error: return location for a %MKT_VALUE_ERROR_OVERFLOW
 *
 * Returns: %TRUE on success, %FALSE if the sum does not fit
 */
gboolean
mkt_quantity_add (MktQuantity   a,
                  MktQuantity   b,
                  MktQuantity  *out_sum,
                  GError      **error)
{
  MktQuantity sum;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (__builtin_add_overflow (a, b, &sum))
    {
      g_autofree char *a_text = mkt_quantity_format (a);
      g_autofree char *b_text = mkt_quantity_format (b);

      g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OVERFLOW,
                   "%s + %s is too large a number", a_text, b_text);
      return FALSE;
    }

  if (out_sum != NULL)
    *out_sum = sum;

  return TRUE;
}

/**
 * mkt_quantity_multiply:
 * @a: a quantity
 * @b: another quantity
 * @out_product: (out) (optional): @a × @b, rounded half to even to the
 *   nearest millionth
 * @error: return location for a %MKT_VALUE_ERROR_OVERFLOW
 *
 * Multiplies two quantities (1.5 × 2.5 = 3.75).
 *
 * Returns: %TRUE on success, %FALSE if the product does not fit
 */
gboolean
mkt_quantity_multiply (MktQuantity   a,
                       MktQuantity   b,
                       MktQuantity  *out_product,
                       GError      **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!mkt_mul_div_round_half_even (a, b, MKT_QUANTITY_SCALE, out_product))
    {
      g_autofree char *a_text = mkt_quantity_format (a);
      g_autofree char *b_text = mkt_quantity_format (b);

      g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OVERFLOW,
                   "%s × %s is too large a number", a_text, b_text);
      return FALSE;
    }

  return TRUE;
}
