/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-units"

#include "config.h"

#include <string.h>

#include "mkt-error.h"
#include "mkt-unit.h"

#define OK (-1)

static void
assert_mentions (const GError *error,
                 const char   *text)
{
  if (strstr (error->message, text) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, text);
}

static void
test_lookup (void)
{
  static const struct {
    const char *name;
    const char *symbol;   /* NULL: not a unit */
  } cases[] = {
    { "pc", "pc" }, { "piece", "pc" }, { "Pieces", "pc" }, { "PCS", "pc" },
    { "each", "pc" }, { "ea", "pc" },
    { "mm", "mm" }, { "cm", "cm" }, { "CM", "cm" },
    { "m", "m" }, { "M", "m" }, { "metre", "m" }, { "Meter", "m" },
    { "METRES", "m" }, { "meters", "m" },
    { "in", "in" }, { "inch", "in" }, { "inches", "in" },
    { "ft", "ft" }, { "foot", "ft" }, { "feet", "ft" },
    { "yd", "yd" }, { "YD", "yd" }, { "yard", "yd" }, { "Yards", "yd" }, { "yds", "yd" },
    { "mg", "mg" }, { "g", "g" }, { "gram", "g" }, { "Grams", "g" },
    { "kg", "kg" }, { "KG", "kg" },
    { "oz", "oz" }, { "ounce", "oz" }, { "lb", "lb" }, { "lbs", "lb" }, { "Pound", "lb" },
    { "ml", "ml" }, { "mL", "ml" }, { "l", "l" }, { "L", "l" }, { "litre", "l" }, { "liters", "l" },
    { "fl_oz", "fl_oz" }, { "FL_OZ", "fl_oz" }, { "fl oz", "fl_oz" }, { "Fl Oz", "fl_oz" },
    { "s", "s" }, { "second", "s" },
    { "min", "min" }, { "minute", "min" }, { "Minutes", "min" },
    { "h", "h" }, { "hour", "h" }, { "HOURS", "h" },
    { " g ", "g" }, { "\tyd\n", "yd" },
    { "furlong", NULL }, { "", NULL }, { "skein", NULL }, { "km", NULL },
    { "yardss", NULL }, { "y d", NULL }, { "fl  oz", NULL }, { "ga", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      const MktUnit *unit;
      const MktUnit *checked;

      g_test_message ("lookup “%s”", cases[i].name);
      unit = mkt_unit_lookup (cases[i].name);
      checked = mkt_unit_lookup_checked (cases[i].name, &error);
      g_assert_true (unit == checked);

      if (cases[i].symbol != NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (unit);
          g_assert_cmpstr (unit->symbol, ==, cases[i].symbol);
        }
      else
        {
          g_assert_null (unit);
          g_assert_error (error, MKT_UNIT_ERROR, MKT_UNIT_ERROR_UNKNOWN);
          assert_mentions (error, cases[i].name);
        }
    }
}

static void
test_lookup_message (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (mkt_unit_lookup_checked ("furlong", &error));
  g_assert_error (error, MKT_UNIT_ERROR, MKT_UNIT_ERROR_UNKNOWN);
  g_assert_cmpstr (error->message, ==, "“furlong” is not a known unit");
}

static void
test_list (void)
{
  const MktUnit * const *list;
  guint n_units = 0;
  guint n = 0;

  list = mkt_unit_list (&n_units);
  g_assert_cmpuint (n_units, ==, 18);
  g_assert_true (mkt_unit_list (NULL) == list);

  for (; list[n] != NULL; n++)
    {
      const MktUnit *unit = list[n];

      g_test_message ("unit %s", unit->symbol);

      /* Each unit is found by its symbol and its name, as itself. */
      g_assert_true (mkt_unit_lookup (unit->symbol) == unit);
      g_assert_true (mkt_unit_lookup (unit->name) == unit);
      g_assert_cmpint (unit->numerator, >, 0);
      g_assert_cmpint (unit->denominator, >, 0);
      g_assert_true (mkt_unit_is_compatible (unit, unit));

      /* The base unit of each dimension has size 1. */
      if (g_str_equal (unit->symbol, "pc") || g_str_equal (unit->symbol, "mm") ||
          g_str_equal (unit->symbol, "mg") || g_str_equal (unit->symbol, "ml") ||
          g_str_equal (unit->symbol, "s"))
        g_assert_cmpint (unit->numerator, ==, unit->denominator);
    }

  g_assert_cmpuint (n, ==, n_units);
}

static void
test_compatible (void)
{
  static const struct {
    const char *a;
    const char *b;
    gboolean    compatible;
  } cases[] = {
    { "yd", "m", TRUE }, { "in", "cm", TRUE }, { "ft", "mm", TRUE },
    { "g", "oz", TRUE }, { "lb", "kg", TRUE }, { "mg", "g", TRUE },
    { "ml", "fl_oz", TRUE }, { "l", "ml", TRUE },
    { "min", "h", TRUE }, { "s", "h", TRUE }, { "pc", "pc", TRUE },
    { "yd", "g", FALSE }, { "oz", "fl_oz", FALSE }, { "pc", "m", FALSE },
    { "h", "l", FALSE }, { "kg", "s", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MktUnit *a = mkt_unit_lookup (cases[i].a);
      const MktUnit *b = mkt_unit_lookup (cases[i].b);

      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_cmpint (mkt_unit_is_compatible (a, b), ==, cases[i].compatible);
      g_assert_cmpint (mkt_unit_is_compatible (b, a), ==, cases[i].compatible);
    }
}

static void
test_convert (void)
{
  const struct {
    gint64      quantity;
    const char *from;
    const char *to;
    gint64      result;
    GQuark      domain;   /* 0 for success */
    int         code;
  } cases[] = {
    { 1000000, "yd", "m", 914400, 0, OK },                         /* 0.9144 */
    { 364000000, "yd", "m", 332841600, 0, OK },                    /* 332.8416 */
    { 120000000, "yd", "m", 109728000, 0, OK },
    { 1000000, "m", "yd", 1093613, 0, OK },                        /* 1.0936132983 */
    { 109728000, "m", "yd", 120000000, 0, OK },
    { 1000000, "in", "cm", 2540000, 0, OK },
    { 10000000, "cm", "in", 3937008, 0, OK },                      /* 3.93700787 */
    { 1000000, "ft", "in", 12000000, 0, OK },
    { 3000000, "ft", "yd", 1000000, 0, OK },
    { 1000000, "oz", "g", 28349523, 0, OK },                       /* 28.349523125 */
    { 100000000, "g", "oz", 3527396, 0, OK },                      /* 3.527396195 */
    { 16000000, "oz", "lb", 1000000, 0, OK },
    { 1000000, "lb", "kg", 453592, 0, OK },                        /* 0.45359237 */
    { 1000000, "kg", "lb", 2204623, 0, OK },                       /* 2.2046226218 */
    { 1000000, "lb", "g", 453592370, 0, OK },
    { 1000000, "kg", "mg", G_GINT64_CONSTANT (1000000000000), 0, OK },
    { 90000000, "min", "h", 1500000, 0, OK },
    { 1000000, "h", "min", 60000000, 0, OK },
    { 1000000, "min", "h", 16667, 0, OK },                         /* 0.0166666... */
    { 1000000, "s", "h", 278, 0, OK },                             /* 0.000277777... */
    { 1000000, "h", "s", G_GINT64_CONSTANT (3600000000), 0, OK },
    { 1000000, "fl_oz", "ml", 29573530, 0, OK },                   /* 29.5735295625 */
    { 1000000, "l", "fl_oz", 33814023, 0, OK },                    /* 33.8140227 */
    { 128000000, "fl_oz", "ml", G_GINT64_CONSTANT (3785411784), 0, OK },               /* a US gallon */
    { 5000000, "pc", "pc", 5000000, 0, OK },
    { -1000000, "yd", "m", -914400, 0, OK },
    { -100000000, "g", "oz", -3527396, 0, OK },
    /* Ties at the millionth go to the even neighbour, for either sign. */
    { 500, "mg", "g", 0, 0, OK },                                  /* 0.0000005 */
    { 1500, "mg", "g", 2, 0, OK },
    { 2500, "mg", "g", 2, 0, OK },
    { -2500, "mg", "g", -2, 0, OK },
    { -3500, "mg", "g", -4, 0, OK },
    { G_MAXINT64, "mg", "kg", G_GINT64_CONSTANT (9223372036855), 0, OK },
    { G_MAXINT64, "m", "m", G_MAXINT64, 0, OK },
    { G_MININT64, "oz", "oz", G_MININT64, 0, OK },
    { G_MAXINT64, "kg", "mg", 0, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OVERFLOW },
    { G_MININT64, "m", "mm", 0, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OVERFLOW },
    { G_GINT64_CONSTANT (1000000000000000000), "yd", "in", 0, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OVERFLOW },
    { 1000000, "yd", "g", 0, MKT_UNIT_ERROR, MKT_UNIT_ERROR_INCOMPATIBLE },
    { 1000000, "oz", "fl_oz", 0, MKT_UNIT_ERROR, MKT_UNIT_ERROR_INCOMPATIBLE },
    { 1000000, "pc", "h", 0, MKT_UNIT_ERROR, MKT_UNIT_ERROR_INCOMPATIBLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) named_error = NULL;
      const MktUnit *from = mkt_unit_lookup (cases[i].from);
      const MktUnit *to = mkt_unit_lookup (cases[i].to);
      MktQuantity result = 42;
      MktQuantity named_result = 42;
      gboolean ok;
      gboolean named_ok;

      g_test_message ("%" G_GINT64_FORMAT " %s → %s", cases[i].quantity, cases[i].from, cases[i].to);
      g_assert_nonnull (from);
      g_assert_nonnull (to);

      ok = mkt_unit_convert (cases[i].quantity, from, to, &result, &error);
      named_ok = mkt_unit_convert_named (cases[i].quantity, cases[i].from, cases[i].to, NULL,
                                         &named_result, &named_error);

      if (cases[i].domain == 0)
        {
          g_assert_no_error (error);
          g_assert_no_error (named_error);
          g_assert_true (ok);
          g_assert_true (named_ok);
          g_assert_cmpint (result, ==, cases[i].result);
          g_assert_cmpint (named_result, ==, cases[i].result);
        }
      else
        {
          g_assert_false (ok);
          g_assert_false (named_ok);
          g_assert_error (error, cases[i].domain, cases[i].code);
          g_assert_error (named_error, cases[i].domain, cases[i].code);
          g_assert_cmpstr (error->message, ==, named_error->message);
          assert_mentions (error, cases[i].from);
          assert_mentions (error, cases[i].to);
          g_assert_cmpint (result, ==, 42);
          g_assert_cmpint (named_result, ==, 42);
        }
    }
}

static void
test_convert_message (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mkt_unit_convert (1000000, mkt_unit_lookup ("yd"), mkt_unit_lookup ("g"),
                                    NULL, &error));
  g_assert_error (error, MKT_UNIT_ERROR, MKT_UNIT_ERROR_INCOMPATIBLE);
  g_assert_cmpstr (error->message, ==, "cannot convert yd (length) to g (mass)");
}

static void
test_convert_named (void)
{
  const MktPack skein = { "skein", MKT_QUANTITY_FROM_INT (364), mkt_unit_lookup ("yd") };
  const MktPack ball = { "Ball", MKT_QUANTITY_FROM_INT (50), mkt_unit_lookup ("g") };
  const MktPack hank = { "hank", MKT_QUANTITY_FROM_INT (200), mkt_unit_lookup ("m") };
  const MktPack empty = { "skein", 0, mkt_unit_lookup ("yd") };
  const MktPack negative = { "skein", -1, mkt_unit_lookup ("yd") };
  const MktPack no_unit = { "skein", MKT_QUANTITY_FROM_INT (364), NULL };
  const struct {
    gint64         quantity;
    const char    *from;
    const char    *to;
    const MktPack *pack;
    gint64         result;
    GQuark         domain;   /* 0 for success */
    int            code;
    const char    *mention;
  } cases[] = {
    { 1000000, "skein", "m", &skein, 332841600, 0, OK },           /* 364 × 0.9144 */
    { 120000000, "yd", "skein", &skein, 329670, 0, OK },           /* 0.32967032... */
    { 364000000, "yd", "skein", &skein, 1000000, 0, OK },
    { 332841600, "m", "skein", &skein, 1000000, 0, OK },
    { 3000000, "skein", "skein", &skein, 3000000, 0, OK },
    { 3000000, "skeins", "Skein", &skein, 3000000, 0, OK },
    { 2000000, "SKEINS", "yards", &skein, 728000000, 0, OK },
    { 2000000, " skeins ", "yd", &skein, 728000000, 0, OK },
    { 1500000, "skein", "in", &skein, G_GINT64_CONSTANT (19656000000), 0, OK },        /* 546 yd */
    { 1000000, "yd", "m", &skein, 914400, 0, OK },                 /* units ignore the pack */
    { 2000000, "balls", "oz", &ball, 3527396, 0, OK },             /* 100 g */
    { 1000000, "oz", "ball", &ball, 566990, 0, OK },               /* 0.5669904625 */
    { 1000000, "hank", "yd", &hank, 218722660, 0, OK },            /* 218.7226596 */
    { 1000000, "hank", "hanks", &hank, 1000000, 0, OK },
    { 1000000, "skein", "m", NULL, 0, MKT_UNIT_ERROR, MKT_UNIT_ERROR_UNKNOWN, "“skein”" },
    { 1000000, "m", "skeins", NULL, 0, MKT_UNIT_ERROR, MKT_UNIT_ERROR_UNKNOWN, "“skeins”" },
    { 1000000, "skein", "m", &ball, 0, MKT_UNIT_ERROR, MKT_UNIT_ERROR_UNKNOWN, "“skein”" },
    { 1000000, "skeinss", "m", &skein, 0, MKT_UNIT_ERROR, MKT_UNIT_ERROR_UNKNOWN, "“skeinss”" },
    { 1000000, "furlong", "m", &skein, 0, MKT_UNIT_ERROR, MKT_UNIT_ERROR_UNKNOWN, "“furlong”" },
    { 1000000, "yd", "furlong", NULL, 0, MKT_UNIT_ERROR, MKT_UNIT_ERROR_UNKNOWN, "“furlong”" },
    { 1000000, "skein", "m", &empty, 0, MKT_UNIT_ERROR, MKT_UNIT_ERROR_NO_PACK, "“skein”" },
    { 1000000, "m", "skeins", &negative, 0, MKT_UNIT_ERROR, MKT_UNIT_ERROR_NO_PACK, "“skeins”" },
    { 1000000, "skein", "m", &no_unit, 0, MKT_UNIT_ERROR, MKT_UNIT_ERROR_NO_PACK, "“skein”" },
    { 1000000, "skein", "g", &skein, 0, MKT_UNIT_ERROR, MKT_UNIT_ERROR_INCOMPATIBLE, "cannot convert skein (length) to g (mass)" },
    { 1000000, "pc", "ball", &ball, 0, MKT_UNIT_ERROR, MKT_UNIT_ERROR_INCOMPATIBLE, "cannot convert pc (count) to Ball (mass)" },
    { G_MAXINT64, "skein", "mm", &skein, 0, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OVERFLOW, "skein" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      MktQuantity result = 42;
      gboolean ok;

      g_test_message ("%" G_GINT64_FORMAT " %s → %s", cases[i].quantity, cases[i].from, cases[i].to);
      ok = mkt_unit_convert_named (cases[i].quantity, cases[i].from, cases[i].to, cases[i].pack,
                                   &result, &error);

      if (cases[i].domain == 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (result, ==, cases[i].result);
        }
      else
        {
          g_assert_error (error, cases[i].domain, cases[i].code);
          g_assert_false (ok);
          assert_mentions (error, cases[i].mention);
          g_assert_cmpint (result, ==, 42);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/units/lookup", test_lookup);
  g_test_add_func ("/units/lookup-message", test_lookup_message);
  g_test_add_func ("/units/list", test_list);
  g_test_add_func ("/units/compatible", test_compatible);
  g_test_add_func ("/units/convert", test_convert);
  g_test_add_func ("/units/convert-message", test_convert_message);
  g_test_add_func ("/units/convert-named", test_convert_named);

  return g_test_run ();
}
