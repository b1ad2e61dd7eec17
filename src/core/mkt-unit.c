/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-unit"

#include "config.h"

#include <string.h>

#include "mkt-error.h"
#include "mkt-unit.h"

__extension__ typedef __int128 MktInt128;

enum {
  UNIT_PC,
  UNIT_MM,
  UNIT_CM,
  UNIT_M,
  UNIT_IN,
  UNIT_FT,
  UNIT_YD,
  UNIT_MG,
  UNIT_G,
  UNIT_KG,
  UNIT_OZ,
  UNIT_LB,
  UNIT_ML,
  UNIT_L,
  UNIT_FL_OZ,
  UNIT_S,
  UNIT_MIN,
  UNIT_H,
  N_UNITS
};

/* Sizes are exact by definition: the international yard and pound (1959),
 * the avoirdupois ounce (1/16 lb) and the US fluid ounce (1/128 US gallon
 * of 231 in³). */
static const MktUnit units[N_UNITS] = {
  [UNIT_PC]     = { "pc",    "piece",       MKT_DIMENSION_COUNT,  1, 1 },
  [UNIT_MM]     = { "mm",    "millimetre",  MKT_DIMENSION_LENGTH, 1, 1 },
  [UNIT_CM]     = { "cm",    "centimetre",  MKT_DIMENSION_LENGTH, 10, 1 },
  [UNIT_M]      = { "m",     "metre",       MKT_DIMENSION_LENGTH, 1000, 1 },
  [UNIT_IN]     = { "in",    "inch",        MKT_DIMENSION_LENGTH, 254, 10 },
  [UNIT_FT]     = { "ft",    "foot",        MKT_DIMENSION_LENGTH, 3048, 10 },
  [UNIT_YD]     = { "yd",    "yard",        MKT_DIMENSION_LENGTH, 9144, 10 },
  [UNIT_MG]     = { "mg",    "milligram",   MKT_DIMENSION_MASS,   1, 1 },
  [UNIT_G]      = { "g",     "gram",        MKT_DIMENSION_MASS,   1000, 1 },
  [UNIT_KG]     = { "kg",    "kilogram",    MKT_DIMENSION_MASS,   1000000, 1 },
  [UNIT_OZ]     = { "oz",    "ounce",       MKT_DIMENSION_MASS,   G_GINT64_CONSTANT (28349523125), 1000000 },
  [UNIT_LB]     = { "lb",    "pound",       MKT_DIMENSION_MASS,   45359237, 100 },
  [UNIT_ML]     = { "ml",    "millilitre",  MKT_DIMENSION_VOLUME, 1, 1 },
  [UNIT_L]      = { "l",     "litre",       MKT_DIMENSION_VOLUME, 1000, 1 },
  [UNIT_FL_OZ]  = { "fl_oz", "fluid ounce", MKT_DIMENSION_VOLUME, G_GINT64_CONSTANT (295735295625), G_GINT64_CONSTANT (10000000000) },
  [UNIT_S]      = { "s",     "second",      MKT_DIMENSION_TIME,   1, 1 },
  [UNIT_MIN]    = { "min",   "minute",      MKT_DIMENSION_TIME,   60, 1 },
  [UNIT_H]      = { "h",     "hour",        MKT_DIMENSION_TIME,   3600, 1 },
};

static const MktUnit * const unit_list[N_UNITS + 1] = {
  &units[UNIT_PC], &units[UNIT_MM], &units[UNIT_CM], &units[UNIT_M],
  &units[UNIT_IN], &units[UNIT_FT], &units[UNIT_YD], &units[UNIT_MG],
  &units[UNIT_G], &units[UNIT_KG], &units[UNIT_OZ], &units[UNIT_LB],
  &units[UNIT_ML], &units[UNIT_L], &units[UNIT_FL_OZ], &units[UNIT_S],
  &units[UNIT_MIN], &units[UNIT_H], NULL,
};

/* Other spellings people use, besides each unit's symbol and name. */
static const struct {
  const char *alias;
  guint       unit;
} aliases[] = {
  { "piece", UNIT_PC }, { "pieces", UNIT_PC }, { "pcs", UNIT_PC },
  { "each", UNIT_PC }, { "ea", UNIT_PC },
  { "millimetres", UNIT_MM }, { "millimeter", UNIT_MM }, { "millimeters", UNIT_MM },
  { "centimetres", UNIT_CM }, { "centimeter", UNIT_CM }, { "centimeters", UNIT_CM },
  { "metres", UNIT_M }, { "meter", UNIT_M }, { "meters", UNIT_M },
  { "inches", UNIT_IN },
  { "feet", UNIT_FT },
  { "yard", UNIT_YD }, { "yards", UNIT_YD }, { "yds", UNIT_YD },
  { "milligrams", UNIT_MG },
  { "grams", UNIT_G },
  { "kilograms", UNIT_KG },
  { "ounces", UNIT_OZ },
  { "pounds", UNIT_LB }, { "lbs", UNIT_LB },
  { "millilitres", UNIT_ML }, { "milliliter", UNIT_ML }, { "milliliters", UNIT_ML },
  { "litres", UNIT_L }, { "liter", UNIT_L }, { "liters", UNIT_L },
  { "fl oz", UNIT_FL_OZ }, { "floz", UNIT_FL_OZ }, { "fluid ounces", UNIT_FL_OZ },
  { "sec", UNIT_S }, { "seconds", UNIT_S },
  { "minutes", UNIT_MIN }, { "mins", UNIT_MIN },
  { "hr", UNIT_H }, { "hrs", UNIT_H }, { "hours", UNIT_H },
};

static const char * const dimension_names[] = {
  [MKT_DIMENSION_COUNT] = "count",
  [MKT_DIMENSION_LENGTH] = "length",
  [MKT_DIMENSION_MASS] = "mass",
  [MKT_DIMENSION_VOLUME] = "volume",
  [MKT_DIMENSION_TIME] = "time",
};

static const char *
dimension_to_string (MktDimension dimension)
{
  g_return_val_if_fail ((guint) dimension < G_N_ELEMENTS (dimension_names), "unknown");

  return dimension_names[dimension];
}

/**
 * mkt_unit_lookup:
 * @name: a unit's symbol ("yd"), name ("yard") or another spelling ("yards",
 *   "fl oz"), in any case and with surrounding whitespace ignored
 *
 * Returns: (transfer none) (nullable): the canonical unit, or %NULL if @name
 *   is not a known unit
 */
const MktUnit *
mkt_unit_lookup (const char *name)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  trimmed = g_strstrip (g_strdup (name));

  for (guint i = 0; i < N_UNITS; i++)
    {
      if (g_ascii_strcasecmp (trimmed, units[i].symbol) == 0 ||
          g_ascii_strcasecmp (trimmed, units[i].name) == 0)
        return &units[i];
    }

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      if (g_ascii_strcasecmp (trimmed, aliases[i].alias) == 0)
        return &units[aliases[i].unit];
    }

  return NULL;
}

static void
set_unknown_error (GError     **error,
                   const char  *name)
{
  g_autofree char *shown = g_utf8_make_valid (name, -1);

  g_set_error (error, MKT_UNIT_ERROR, MKT_UNIT_ERROR_UNKNOWN,
               "“%s” is not a known unit", shown);
}

/**
 * mkt_unit_lookup_checked:
 * @name: a unit's name, as for mkt_unit_lookup()
 * @error: return location for a %MKT_UNIT_ERROR_UNKNOWN
 *
 * Returns: (transfer none) (nullable): the canonical unit, or %NULL with
 *   @error set
 */
const MktUnit *
mkt_unit_lookup_checked (const char  *name,
                         GError     **error)
{
  const MktUnit *unit;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  unit = mkt_unit_lookup (name);
  if (unit == NULL)
    set_unknown_error (error, name);

  return unit;
}

/**
 * mkt_unit_list:
 * @n_units: (out) (optional): the number of units
 *
 * Returns: (transfer none) (array zero-terminated=1): every known unit,
 *   grouped by dimension
 */
const MktUnit * const *
mkt_unit_list (guint *n_units)
{
  if (n_units != NULL)
    *n_units = N_UNITS;

  return unit_list;
}

/**
 * mkt_unit_is_compatible:
 * @a: a unit
 * @b: another unit
 *
 * Returns: whether @a and @b measure the same thing and so convert
 */
gboolean
mkt_unit_is_compatible (const MktUnit *a,
                        const MktUnit *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->dimension == b->dimension;
}

/* What one "from" or "to" stands for: a unit, or a pack of some unit. */
typedef struct
{
  const char   *label;
  MktDimension  dimension;
  MktInt128     numerator;    /* size in base units is numerator/denominator */
  MktInt128     denominator;
} Measure;

static void
measure_init_unit (Measure       *measure,
                   const MktUnit *unit)
{
  measure->label = unit->symbol;
  measure->dimension = unit->dimension;
  measure->numerator = unit->numerator;
  measure->denominator = unit->denominator;
}

static void
measure_init_pack (Measure       *measure,
                   const MktPack *pack)
{
  /* size/SCALE of a unit of num/den base units; both products fit 128 bits. */
  measure->label = pack->name;
  measure->dimension = pack->unit->dimension;
  measure->numerator = (MktInt128) pack->size * pack->unit->numerator;
  measure->denominator = (MktInt128) MKT_QUANTITY_SCALE * pack->unit->denominator;
}

static MktInt128
gcd_128 (MktInt128 a,
         MktInt128 b)
{
  /* Operands are positive here. */
  while (b != 0)
    {
      MktInt128 t = a % b;

      a = b;
      b = t;
    }

  return a;
}

/* Divides with round-half-to-even; @d must be positive. */
static MktInt128
div_round_half_even_128 (MktInt128 n,
                         MktInt128 d)
{
  MktInt128 q = n / d;
  MktInt128 r = n % d;

  if (r != 0)
    {
      MktInt128 abs_r = r < 0 ? -r : r;
      MktInt128 rest = d - abs_r;

      if (abs_r > rest || (abs_r == rest && (q & 1) != 0))
        q += n < 0 ? -1 : 1;
    }

  return q;
}

static gboolean
convert_measure (MktQuantity     quantity,
                 const Measure  *from,
                 const Measure  *to,
                 MktQuantity    *out_quantity,
                 GError        **error)
{
  MktInt128 from_num = from->numerator;
  MktInt128 from_den = from->denominator;
  MktInt128 to_num = to->numerator;
  MktInt128 to_den = to->denominator;
  MktInt128 n;
  MktInt128 d;
  MktInt128 g;
  MktInt128 result;

  g_assert (from_num > 0 && from_den > 0 && to_num > 0 && to_den > 0);

  if (from->dimension != to->dimension)
    {
      g_set_error (error, MKT_UNIT_ERROR, MKT_UNIT_ERROR_INCOMPATIBLE,
                   "cannot convert %s (%s) to %s (%s)",
                   from->label, dimension_to_string (from->dimension),
                   to->label, dimension_to_string (to->dimension));
      return FALSE;
    }

  /* result = quantity × from_num × to_den / (from_den × to_num); cancelling
   * common factors first keeps the intermediates small, and makes a
   * conversion between equal measures exact whatever their size. */
  g = gcd_128 (from_num, to_num);
  from_num /= g;
  to_num /= g;
  g = gcd_128 (to_den, from_den);
  to_den /= g;
  from_den /= g;

  if (__builtin_mul_overflow (from_num, to_den, &n) ||
      __builtin_mul_overflow (from_den, to_num, &d) ||
      __builtin_mul_overflow (n, (MktInt128) quantity, &n))
    goto overflow;

  result = div_round_half_even_128 (n, d);
  if (result > G_MAXINT64 || result < G_MININT64)
    goto overflow;

  if (out_quantity != NULL)
    *out_quantity = (MktQuantity) result;

  return TRUE;

overflow:
  {
    g_autofree char *text = mkt_quantity_format (quantity);

    g_set_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OVERFLOW,
                 "%s %s is too large to express in %s",
                 text, from->label, to->label);
    return FALSE;
  }
}

/**
 * mkt_unit_convert:
 * @quantity: an amount of @from
 * @from: the unit @quantity is in
 * @to: the unit to convert to
 * @out_quantity: (out) (optional): the amount in @to
 * @error: return location for a %MKT_UNIT_ERROR_INCOMPATIBLE or
 *   %MKT_VALUE_ERROR_OVERFLOW
 *
 * Converts exactly, with rational sizes and a 128-bit intermediate; only the
 * result is rounded, half to even, to the nearest millionth. 1 yd is
 * 0.9144 m and 100 g is 3.527396 oz.
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_unit_convert (MktQuantity     quantity,
                  const MktUnit  *from,
                  const MktUnit  *to,
                  MktQuantity    *out_quantity,
                  GError        **error)
{
  Measure from_measure;
  Measure to_measure;

  g_return_val_if_fail (from != NULL, FALSE);
  g_return_val_if_fail (to != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  measure_init_unit (&from_measure, from);
  measure_init_unit (&to_measure, to);

  return convert_measure (quantity, &from_measure, &to_measure, out_quantity, error);
}

static gboolean
pack_matches (const MktPack *pack,
              const char    *name)
{
  gsize pack_len;
  gsize name_len;

  if (pack == NULL || pack->name == NULL || pack->name[0] == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (name, pack->name) == 0)
    return TRUE;

  /* The plural: "skeins" for a "skein". */
  pack_len = strlen (pack->name);
  name_len = strlen (name);

  return name_len == pack_len + 1 &&
         g_ascii_strncasecmp (name, pack->name, pack_len) == 0 &&
         g_ascii_tolower (name[pack_len]) == 's';
}

static gboolean
resolve_measure (const char     *name,
                 const MktPack  *pack,
                 Measure        *measure,
                 GError        **error)
{
  g_autofree char *trimmed = NULL;
  const MktUnit *unit;

  unit = mkt_unit_lookup (name);
  if (unit != NULL)
    {
      measure_init_unit (measure, unit);
      return TRUE;
    }

  trimmed = g_strstrip (g_strdup (name));

  if (!pack_matches (pack, trimmed))
    {
      set_unknown_error (error, trimmed);
      return FALSE;
    }

  if (pack->size <= 0 || pack->unit == NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (trimmed, -1);

      g_set_error (error, MKT_UNIT_ERROR, MKT_UNIT_ERROR_NO_PACK,
                   "“%s” cannot be converted without the size of a %s",
                   shown, pack->name);
      return FALSE;
    }

  measure_init_pack (measure, pack);
  return TRUE;
}

/**
 * mkt_unit_convert_named:
 * @quantity: an amount of @from
 * @from: the name of a unit, or of @pack
 * @to: the name of a unit, or of @pack
 * @pack: (nullable): the pack unit of the material, if it has one
 * @out_quantity: (out) (optional): the amount in @to
 * @error: return location for a %MKT_UNIT_ERROR or %MKT_VALUE_ERROR_OVERFLOW
 *
 * Like mkt_unit_convert() but with names, as mkt_unit_lookup() reads them.
 * A name that is not a known unit stands for @pack when it equals
 * @pack->name or its plural with a trailing "s", in any case: with a
 * "skein" of 364 yd, 1 skein is 332.8416 m and 120 yd is 0.32967 skeins.
 * Known units win over a pack of the same name. Any other name is
 * %MKT_UNIT_ERROR_UNKNOWN; naming a pack whose size is not positive (or has
 * no unit) is %MKT_UNIT_ERROR_NO_PACK.
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_unit_convert_named (MktQuantity     quantity,
                        const char     *from,
                        const char     *to,
                        const MktPack  *pack,
                        MktQuantity    *out_quantity,
                        GError        **error)
{
  Measure from_measure;
  Measure to_measure;

  g_return_val_if_fail (from != NULL, FALSE);
  g_return_val_if_fail (to != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!resolve_measure (from, pack, &from_measure, error) ||
      !resolve_measure (to, pack, &to_measure, error))
    return FALSE;

  return convert_measure (quantity, &from_measure, &to_measure, out_quantity, error);
}
