/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-money"

#include "config.h"

#include <string.h>

#include "mkt-error.h"
#include "mkt-money.h"
#include "mkt-quantity.h"

#define OK (-1)

static void
assert_mentions (const GError *error,
                 const char   *text)
{
  if (strstr (error->message, text) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, text);
}

static void
test_currency (void)
{
  static const struct {
    const char *code;
    int         exponent;
  } cases[] = {
    { "USD", 2 }, { "EUR", 2 }, { "GBP", 2 }, { "CHF", 2 }, { "XCD", 2 },
    { "JPY", 0 }, { "KRW", 0 }, { "ISK", 0 }, { "CLP", 0 }, { "VND", 0 },
    { "XAF", 0 }, { "XOF", 0 }, { "XPF", 0 }, { "UGX", 0 },
    { "BHD", 3 }, { "KWD", 3 }, { "OMR", 3 }, { "JOD", 3 }, { "TND", 3 },
    { "IQD", 3 }, { "LYD", 3 },
    { "CLF", 4 }, { "UYW", 4 },
    /* Not currencies: lower case, wrong length, withdrawn, no minor unit. */
    { "usd", -1 }, { "Eur", -1 }, { "", -1 }, { "US", -1 }, { "USDD", -1 },
    { "XYZ", -1 }, { "HRK", -1 }, { "VEF", -1 }, { "XXX", -1 }, { "XAU", -1 },
    { " USD", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("currency %s", cases[i].code);
      g_assert_cmpint (mkt_currency_get_exponent (cases[i].code), ==, cases[i].exponent);
      g_assert_cmpint (mkt_currency_is_valid (cases[i].code), ==, cases[i].exponent >= 0);
    }

  g_assert_false (mkt_currency_is_valid (NULL));
  g_assert_cmpint (mkt_currency_get_exponent (NULL), ==, -1);
}

static void
test_money_parse (void)
{
  static const struct {
    const char *text;
    const char *currency;
    gint64      amount;
  } cases[] = {
    { "4.99", "USD", 499 },
    { "4,99", "EUR", 499 },
    { "4.9", "USD", 490 },
    { "4", "USD", 400 },
    { "4.", "USD", 400 },
    { ".5", "USD", 50 },
    { "0", "USD", 0 },
    { "-0", "USD", 0 },
    { "-0.05", "EUR", -5 },
    { "+12.00", "EUR", 1200 },
    { "  4.99\t\n", "USD", 499 },
    { "007.10", "USD", 710 },
    { "1200", "JPY", 1200 },
    { "-1200", "KRW", -1200 },
    { "1.234", "KWD", 1234 },
    { "1,5", "BHD", 1500 },
    { "0.0001", "CLF", 1 },
    { "92233720368547758.07", "USD", G_MAXINT64 },
    { "-92233720368547758.08", "USD", G_MININT64 },
    { "9223372036854775807", "JPY", G_MAXINT64 },
    { "-9223372036854775808", "JPY", G_MININT64 },
    { "9223372036854775.807", "KWD", G_MAXINT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      MktMoney amount = 42;

      g_test_message ("parse “%s” %s", cases[i].text, cases[i].currency);
      g_assert_true (mkt_money_parse (cases[i].text, cases[i].currency, &amount, &error));
      g_assert_no_error (error);
      g_assert_cmpint (amount, ==, cases[i].amount);
    }

  /* The result is optional: parsing only to validate. */
  g_assert_true (mkt_money_parse ("1.00", "USD", NULL, NULL));
}

static void
test_money_parse_error (void)
{
  static const struct {
    const char *text;
    const char *currency;
    int         code;
    const char *mention;
  } cases[] = {
    { "", "USD", MKT_VALUE_ERROR_INVALID, "empty" },
    { "   ", "USD", MKT_VALUE_ERROR_INVALID, "empty" },
    { "abc", "USD", MKT_VALUE_ERROR_INVALID, "“abc”" },
    { "12,3x", "EUR", MKT_VALUE_ERROR_INVALID, "“12,3x”" },
    { " 12,3x ", "EUR", MKT_VALUE_ERROR_INVALID, "“12,3x”" },
    { "$4.99", "USD", MKT_VALUE_ERROR_INVALID, "“$4.99”" },
    { "4.99 USD", "USD", MKT_VALUE_ERROR_INVALID, "“4.99 USD”" },
    { "1.2.3", "USD", MKT_VALUE_ERROR_INVALID, "“1.2.3”" },
    { "1,000.00", "USD", MKT_VALUE_ERROR_INVALID, "“1,000.00”" },
    { "1 000", "USD", MKT_VALUE_ERROR_INVALID, "“1 000”" },
    { "--5", "USD", MKT_VALUE_ERROR_INVALID, "“--5”" },
    { "+-5", "USD", MKT_VALUE_ERROR_INVALID, "“+-5”" },
    { "- 5", "USD", MKT_VALUE_ERROR_INVALID, "“- 5”" },
    { "5-", "USD", MKT_VALUE_ERROR_INVALID, "“5-”" },
    { "-", "USD", MKT_VALUE_ERROR_INVALID, "“-”" },
    { ".", "USD", MKT_VALUE_ERROR_INVALID, "“.”" },
    { "1e3", "USD", MKT_VALUE_ERROR_INVALID, "“1e3”" },
    { "0x10", "USD", MKT_VALUE_ERROR_INVALID, "“0x10”" },
    { "4.999", "USD", MKT_VALUE_ERROR_PRECISION, "“4.999”" },
    { "4.990", "USD", MKT_VALUE_ERROR_PRECISION, "(2)" },
    { "1,500", "USD", MKT_VALUE_ERROR_PRECISION, "“1,500”" },
    { "12.5", "JPY", MKT_VALUE_ERROR_PRECISION, "“12.5”" },
    { "12.0", "JPY", MKT_VALUE_ERROR_PRECISION, "whole numbers" },
    { "1.0001", "KWD", MKT_VALUE_ERROR_PRECISION, "KWD" },
    { "92233720368547758.08", "USD", MKT_VALUE_ERROR_OVERFLOW, "“92233720368547758.08”" },
    { "-92233720368547758.09", "USD", MKT_VALUE_ERROR_OVERFLOW, "“-92233720368547758.09”" },
    { "9223372036854775808", "JPY", MKT_VALUE_ERROR_OVERFLOW, "“9223372036854775808”" },
    { "99999999999999999999999", "JPY", MKT_VALUE_ERROR_OVERFLOW, "“99999999999999999999999”" },
    { "99999999999999999999999", "USD", MKT_VALUE_ERROR_OVERFLOW, "“99999999999999999999999”" },
    { "4.99", "XYZ", MKT_VALUE_ERROR_INVALID, "“XYZ”" },
    { "4.99", "usd", MKT_VALUE_ERROR_INVALID, "“usd”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      MktMoney amount = 42;

      g_test_message ("parse “%s” %s", cases[i].text, cases[i].currency);
      g_assert_false (mkt_money_parse (cases[i].text, cases[i].currency, &amount, &error));
      g_assert_error (error, MKT_VALUE_ERROR, cases[i].code);
      assert_mentions (error, cases[i].mention);
      g_assert_cmpint (amount, ==, 42);
    }
}

static void
test_money_format (void)
{
  static const struct {
    gint64      amount;
    const char *currency;
    const char *text;
  } cases[] = {
    { 499, "USD", "4.99" },
    { -5, "EUR", "-0.05" },
    { 0, "EUR", "0.00" },
    { 1, "USD", "0.01" },
    { 100, "USD", "1.00" },
    { -100, "USD", "-1.00" },
    { 1200, "JPY", "1200" },
    { -1200, "JPY", "-1200" },
    { 0, "JPY", "0" },
    { 1234, "KWD", "1.234" },
    { 5, "BHD", "0.005" },
    { 1, "CLF", "0.0001" },
    { G_MAXINT64, "USD", "92233720368547758.07" },
    { G_MININT64, "USD", "-92233720368547758.08" },
    { G_MININT64, "JPY", "-9223372036854775808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mkt_money_format (cases[i].amount, cases[i].currency);
      g_autoptr(GError) error = NULL;
      MktMoney round_trip = 0;

      g_assert_cmpstr (text, ==, cases[i].text);

      g_assert_true (mkt_money_parse (text, cases[i].currency, &round_trip, &error));
      g_assert_no_error (error);
      g_assert_cmpint (round_trip, ==, cases[i].amount);
    }
}

static void
test_money_arithmetic (void)
{
  static const struct {
    gint64 a;
    gint64 b;
    gint64 sum;     /* ignored when overflowing */
    gboolean sum_ok;
    gint64 product;
    gboolean product_ok;
  } cases[] = {
    { 499, 1, 500, TRUE, 499, TRUE },
    { 499, -3, 496, TRUE, -1497, TRUE },
    { -5, -5, -10, TRUE, 25, TRUE },
    { 0, G_MAXINT64, G_MAXINT64, TRUE, 0, TRUE },
    { G_MAXINT64, 1, 0, FALSE, G_MAXINT64, TRUE },
    { G_MAXINT64, 2, 0, FALSE, 0, FALSE },
    { G_MININT64, -1, 0, FALSE, 0, FALSE },
    { G_MININT64, 1, G_MININT64 + 1, TRUE, G_MININT64, TRUE },
    { G_MAXINT64, G_MININT64, -1, TRUE, 0, FALSE },
    { G_MAXINT64 - 1, 1, G_MAXINT64, TRUE, G_MAXINT64 - 1, TRUE },
    { G_MAXINT64 / 2 + 1, 2, G_MAXINT64 / 2 + 3, TRUE, 0, FALSE },
    { G_MININT64 / 2, 2, G_MININT64 / 2 + 2, TRUE, G_MININT64, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) sum_error = NULL;
      g_autoptr(GError) product_error = NULL;
      MktMoney sum = 42;
      MktMoney product = 42;

      g_test_message ("%" G_GINT64_FORMAT " and %" G_GINT64_FORMAT, cases[i].a, cases[i].b);

      g_assert_cmpint (mkt_money_add (cases[i].a, cases[i].b, &sum, &sum_error), ==, cases[i].sum_ok);
      if (cases[i].sum_ok)
        {
          g_assert_no_error (sum_error);
          g_assert_cmpint (sum, ==, cases[i].sum);
        }
      else
        {
          g_assert_error (sum_error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OVERFLOW);
          g_assert_cmpint (sum, ==, 42);
        }

      g_assert_cmpint (mkt_money_multiply (cases[i].a, cases[i].b, &product, &product_error), ==, cases[i].product_ok);
      if (cases[i].product_ok)
        {
          g_assert_no_error (product_error);
          g_assert_cmpint (product, ==, cases[i].product);
        }
      else
        {
          g_assert_error (product_error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OVERFLOW);
          g_assert_cmpint (product, ==, 42);
        }
    }
}

static void
test_money_scale (void)
{
  static const struct {
    gint64 amount;
    gint64 numerator;
    gint64 denominator;
    gint64 result;
    int    code;
  } cases[] = {
    { 499, 120, 364, 165, OK },          /* 164.505..., not a tie */
    { 499, 364, 364, 499, OK },
    { 5, 1, 2, 2, OK },                  /* ties go to the even neighbour */
    { 15, 1, 2, 8, OK },
    { 7, 1, 2, 4, OK },
    { 1, 1, 2, 0, OK },
    { -5, 1, 2, -2, OK },
    { -15, 1, 2, -8, OK },
    { -7, 1, 2, -4, OK },
    { 5, -1, 2, -2, OK },
    { 5, 1, -2, -2, OK },                /* a negative denominator flips the sign */
    { -5, 1, -2, 2, OK },
    { 15, -1, -2, 8, OK },
    { 10, 1, 3, 3, OK },
    { 20, 1, 3, 7, OK },
    { -20, 1, 3, -7, OK },
    { 0, 17, 3, 0, OK },
    { G_MAXINT64, 2, 2, G_MAXINT64, OK },    /* the intermediate is 128 bits */
    { G_MAXINT64, G_MAXINT64, G_MAXINT64, G_MAXINT64, OK },
    { G_MININT64, G_MAXINT64, G_MAXINT64, G_MININT64, OK },
    { G_MAXINT64, 1, 2, G_GINT64_CONSTANT (4611686018427387904), OK }, /* tie */
    { G_MININT64, 1, 2, G_GINT64_CONSTANT (-4611686018427387904), OK },
    { G_MININT64, 1, G_MININT64, 1, OK },
    { G_MAXINT64, 1, G_MININT64, -1, OK },
    { G_GINT64_CONSTANT (4611686018427387904), 1, G_MININT64, 0, OK }, /* -0.5 */
    { G_MAXINT64, 3, 2, 0, MKT_VALUE_ERROR_OVERFLOW },
    { G_MININT64, 1, -1, 0, MKT_VALUE_ERROR_OVERFLOW },
    { G_MININT64, -1, 1, 0, MKT_VALUE_ERROR_OVERFLOW },
    { G_MAXINT64, G_MAXINT64, 1, 0, MKT_VALUE_ERROR_OVERFLOW },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      MktMoney result = 42;
      gboolean ok;

      g_test_message ("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT,
                      cases[i].amount, cases[i].numerator, cases[i].denominator);

      ok = mkt_money_scale (cases[i].amount, cases[i].numerator, cases[i].denominator,
                            &result, &error);
      if (cases[i].code == OK)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (result, ==, cases[i].result);
        }
      else
        {
          g_assert_error (error, MKT_VALUE_ERROR, cases[i].code);
          g_assert_false (ok);
          g_assert_cmpint (result, ==, 42);
        }
    }
}

static void
test_money_scale_zero (void)
{
  if (g_test_subprocess ())
    {
      MktMoney result = 0;

      mkt_money_scale (499, 1, 0, &result, NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*denominator != 0*");
}

static void
test_div_round_half_even (void)
{
  static const struct {
    gint64 numerator;
    gint64 denominator;
    gint64 result;
  } cases[] = {
    { 1, 2, 0 },        /*  0.5 */
    { 3, 2, 2 },        /*  1.5 */
    { 5, 2, 2 },        /*  2.5 */
    { 7, 2, 4 },        /*  3.5 */
    { -1, 2, 0 },       /* -0.5 */
    { -3, 2, -2 },      /* -1.5 */
    { -5, 2, -2 },      /* -2.5 */
    { -7, 2, -4 },      /* -3.5 */
    { 5, -2, -2 },
    { 7, -2, -4 },
    { -5, -2, 2 },
    { -7, -2, 4 },
    { 7, 3, 2 },
    { 8, 3, 3 },
    { -7, 3, -2 },
    { -8, 3, -3 },
    { 0, 5, 0 },
    { 0, -5, 0 },
    { 6, 3, 2 },
    { -6, 3, -2 },
    { 10, 4, 2 },       /*  2.5 */
    { 14, 4, 4 },       /*  3.5 */
    { 11, 4, 3 },       /*  2.75 */
    { -11, 4, -3 },
    { G_MAXINT64, 1, G_MAXINT64 },
    { G_MININT64, 1, G_MININT64 },
    { G_MAXINT64, -1, -G_MAXINT64 },
    { G_MAXINT64, 2, G_GINT64_CONSTANT (4611686018427387904) },
    { G_MININT64, 2, G_GINT64_CONSTANT (-4611686018427387904) },
    { G_MININT64, G_MININT64, 1 },
    { G_MAXINT64, G_MAXINT64, 1 },
    { G_MAXINT64, G_MININT64, -1 },
    { G_MININT64, G_MAXINT64, -1 },
    { 1, G_MININT64, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 result = 42;

      g_test_message ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT,
                      cases[i].numerator, cases[i].denominator);
      g_assert_cmpint (mkt_div_round_half_even (cases[i].numerator, cases[i].denominator),
                       ==, cases[i].result);

      g_assert_true (mkt_mul_div_round_half_even (cases[i].numerator, 1, cases[i].denominator,
                                                  &result));
      g_assert_cmpint (result, ==, cases[i].result);
    }

  /* The one quotient that does not fit. */
  g_assert_false (mkt_mul_div_round_half_even (G_MININT64, 1, -1, NULL));
  g_assert_false (mkt_mul_div_round_half_even (G_MAXINT64, G_MAXINT64, G_MAXINT64 - 1, NULL));
}

static void
test_decimal (void)
{
  static const struct {
    gint64      value;
    guint       decimals;
    gboolean    trim;
    const char *text;
  } cases[] = {
    { 12345, 3, FALSE, "12.345" },
    { 12300, 3, FALSE, "12.300" },
    { 12300, 3, TRUE, "12.3" },
    { 12000, 3, TRUE, "12" },
    { 5, 0, TRUE, "5" },
    { 5, 0, FALSE, "5" },
    { -5, 1, FALSE, "-0.5" },
    { 1, 18, FALSE, "0.000000000000000001" },
    { G_MAXINT64, 18, FALSE, "9.223372036854775807" },
    { G_MININT64, 18, TRUE, "-9.223372036854775808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mkt_decimal_format (cases[i].value, cases[i].decimals, cases[i].trim);
      g_autoptr(GError) error = NULL;
      gint64 value = 0;

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (mkt_decimal_parse (text, cases[i].decimals, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, cases[i].value);
    }
}

static void
test_quantity_parse (void)
{
  static const struct {
    const char *text;
    gint64      quantity;
  } cases[] = {
    { "120", 120000000 },
    { "0.5", 500000 },
    { "1,5", 1500000 },
    { "-3", -3000000 },
    { "+7", 7000000 },
    { " 2.25\t", 2250000 },
    { "0.000001", 1 },
    { "-0.000001", -1 },
    { "1.500000", 1500000 },
    { "1,500", 1500000 },
    { ".25", 250000 },
    { "0", 0 },
    { "9223372036854.775807", G_MAXINT64 },
    { "-9223372036854.775808", G_MININT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      MktQuantity quantity = 42;

      g_test_message ("parse “%s”", cases[i].text);
      g_assert_true (mkt_quantity_parse (cases[i].text, &quantity, &error));
      g_assert_no_error (error);
      g_assert_cmpint (quantity, ==, cases[i].quantity);
    }

  g_assert_cmpint (MKT_QUANTITY_FROM_INT (120), ==, 120000000);
}

static void
test_quantity_parse_error (void)
{
  static const struct {
    const char *text;
    int         code;
    const char *mention;
  } cases[] = {
    { "", MKT_VALUE_ERROR_INVALID, "empty" },
    { "\t", MKT_VALUE_ERROR_INVALID, "empty" },
    { "12,3x", MKT_VALUE_ERROR_INVALID, "“12,3x”" },
    { "1/2", MKT_VALUE_ERROR_INVALID, "“1/2”" },
    { "1..5", MKT_VALUE_ERROR_INVALID, "“1..5”" },
    { "1.5,0", MKT_VALUE_ERROR_INVALID, "“1.5,0”" },
    { "½", MKT_VALUE_ERROR_INVALID, "“½”" },
    { "3 yd", MKT_VALUE_ERROR_INVALID, "“3 yd”" },
    { "1\xff", MKT_VALUE_ERROR_INVALID, "“1\xef\xbf\xbd”" },  /* shown as U+FFFD */
    { "0.1234567", MKT_VALUE_ERROR_PRECISION, "“0.1234567”" },
    { "1.0000000", MKT_VALUE_ERROR_PRECISION, "6 decimals" },
    { "9223372036854.775808", MKT_VALUE_ERROR_OVERFLOW, "“9223372036854.775808”" },
    { "-9223372036854.775809", MKT_VALUE_ERROR_OVERFLOW, "“-9223372036854.775809”" },
    { "10000000000000", MKT_VALUE_ERROR_OVERFLOW, "“10000000000000”" },
    { "18446744073709551616", MKT_VALUE_ERROR_OVERFLOW, "“18446744073709551616”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *escaped = g_strescape (cases[i].text, NULL);
      MktQuantity quantity = 42;

      /* Escaped: TAP output must stay valid UTF-8. */
      g_test_message ("parse “%s”", escaped);
      g_assert_false (mkt_quantity_parse (cases[i].text, &quantity, &error));
      g_assert_error (error, MKT_VALUE_ERROR, cases[i].code);
      assert_mentions (error, cases[i].mention);
      g_assert_cmpint (quantity, ==, 42);
    }
}

static void
test_quantity_format (void)
{
  static const struct {
    gint64      quantity;
    const char *text;
  } cases[] = {
    { 120000000, "120" },
    { 500000, "0.5" },
    { -1, "-0.000001" },
    { 1, "0.000001" },
    { 0, "0" },
    { 10, "0.00001" },
    { 1500000, "1.5" },
    { -3000000, "-3" },
    { 332841600, "332.8416" },
    { 329670, "0.32967" },
    { G_GINT64_CONSTANT (100000000000), "100000" },
    { G_MAXINT64, "9223372036854.775807" },
    { G_MININT64, "-9223372036854.775808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mkt_quantity_format (cases[i].quantity);
      g_autoptr(GError) error = NULL;
      MktQuantity round_trip = 0;

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (mkt_quantity_parse (text, &round_trip, &error));
      g_assert_no_error (error);
      g_assert_cmpint (round_trip, ==, cases[i].quantity);
    }
}

static void
test_quantity_arithmetic (void)
{
  static const struct {
    gint64 a;
    gint64 b;
    gint64 product;
    int    code;
  } products[] = {
    { 1500000, 2500000, 3750000, OK },           /* 1.5 × 2.5 */
    { 120000000, 500000, 60000000, OK },         /* 120 × 0.5 */
    { -2000000, 3000000, -6000000, OK },
    { 333333, 3000000, 999999, OK },
    { 1, 500000, 0, OK },                        /* 0.0000005 ties to 0 */
    { 3, 500000, 2, OK },                        /* 0.0000015 */
    { 5, 500000, 2, OK },                        /* 0.0000025 */
    { -5, 500000, -2, OK },
    { -7, 500000, -4, OK },
    { 1, 1, 0, OK },
    { G_MAXINT64, 1000000, G_MAXINT64, OK },
    { G_MININT64, 1000000, G_MININT64, OK },
    { G_MAXINT64, 2000000, 0, MKT_VALUE_ERROR_OVERFLOW },
    { G_MININT64, -1000000, 0, MKT_VALUE_ERROR_OVERFLOW },
    { G_GINT64_CONSTANT (10000000000000), G_GINT64_CONSTANT (10000000000000), 0, MKT_VALUE_ERROR_OVERFLOW },
  };
  static const struct {
    gint64 a;
    gint64 b;
    gint64 sum;
    int    code;
  } sums[] = {
    { 1500000, 2500000, 4000000, OK },
    { -1, 1, 0, OK },
    { G_MAXINT64, G_MININT64, -1, OK },
    { G_MAXINT64, 1, 0, MKT_VALUE_ERROR_OVERFLOW },
    { G_MININT64, -1, 0, MKT_VALUE_ERROR_OVERFLOW },
  };

  for (guint i = 0; i < G_N_ELEMENTS (products); i++)
    {
      g_autoptr(GError) error = NULL;
      MktQuantity product = 42;
      gboolean ok;

      g_test_message ("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT, products[i].a, products[i].b);
      ok = mkt_quantity_multiply (products[i].a, products[i].b, &product, &error);
      if (products[i].code == OK)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (product, ==, products[i].product);
        }
      else
        {
          g_autofree char *a_text = mkt_quantity_format (products[i].a);

          g_assert_error (error, MKT_VALUE_ERROR, products[i].code);
          g_assert_false (ok);
          assert_mentions (error, a_text);
          g_assert_cmpint (product, ==, 42);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (sums); i++)
    {
      g_autoptr(GError) error = NULL;
      MktQuantity sum = 42;
      gboolean ok;

      g_test_message ("%" G_GINT64_FORMAT " + %" G_GINT64_FORMAT, sums[i].a, sums[i].b);
      ok = mkt_quantity_add (sums[i].a, sums[i].b, &sum, &error);
      if (sums[i].code == OK)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (sum, ==, sums[i].sum);
        }
      else
        {
          g_autofree char *a_text = mkt_quantity_format (sums[i].a);

          g_assert_error (error, MKT_VALUE_ERROR, sums[i].code);
          g_assert_false (ok);
          assert_mentions (error, a_text);
          g_assert_cmpint (sum, ==, 42);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/currency", test_currency);
  g_test_add_func ("/money/parse", test_money_parse);
  g_test_add_func ("/money/parse-error", test_money_parse_error);
  g_test_add_func ("/money/format", test_money_format);
  g_test_add_func ("/money/arithmetic", test_money_arithmetic);
  g_test_add_func ("/money/scale", test_money_scale);
  g_test_add_func ("/money/scale-zero", test_money_scale_zero);
  g_test_add_func ("/money/div-round-half-even", test_div_round_half_even);
  g_test_add_func ("/money/decimal", test_decimal);
  g_test_add_func ("/quantity/parse", test_quantity_parse);
  g_test_add_func ("/quantity/parse-error", test_quantity_parse_error);
  g_test_add_func ("/quantity/format", test_quantity_format);
  g_test_add_func ("/quantity/arithmetic", test_quantity_arithmetic);

  return g_test_run ();
}
