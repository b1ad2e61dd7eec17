/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mkt-quantity.h"

G_BEGIN_DECLS

/**
 * MktDimension:
 * @MKT_DIMENSION_COUNT: pieces (pc)
 * @MKT_DIMENSION_LENGTH: length; base unit millimetre
 * @MKT_DIMENSION_MASS: mass; base unit milligram
 * @MKT_DIMENSION_VOLUME: volume; base unit millilitre
 * @MKT_DIMENSION_TIME: time; base unit second
 *
 * What a unit measures. Units convert only within one dimension.
 */
typedef enum
{
  MKT_DIMENSION_COUNT,
  MKT_DIMENSION_LENGTH,
  MKT_DIMENSION_MASS,
  MKT_DIMENSION_VOLUME,
  MKT_DIMENSION_TIME,
} MktDimension;

/**
 * MktUnit:
 * @symbol: canonical short name stored in the database ("yd", "g")
 * @name: English name for people ("yard")
 * @dimension: what it measures
 * @numerator: size of one unit in the dimension's base unit is
 *   @numerator / @denominator (1 yd = 9144/10 mm), so conversions are exact
 *   rational arithmetic
 * @denominator: see @numerator
 */
typedef struct
{
  const char   *symbol;
  const char   *name;
  MktDimension  dimension;
  gint64        numerator;
  gint64        denominator;
} MktUnit;

/**
 * MktPack:
 * @name: the pack's name as a person says it ("skein", "hank", "ball")
 * @size: how much one pack holds, in @unit
 * @unit: the unit @size is in
 *
 * A per-material unit: for one yarn a skein is 364 yd, for another 200 m.
 */
typedef struct
{
  const char    *name;
  MktQuantity    size;
  const MktUnit *unit;
} MktPack;

const MktUnit  *mkt_unit_lookup              (const char     *name);
const MktUnit  *mkt_unit_lookup_checked      (const char     *name,
                                              GError        **error);
const MktUnit * const *mkt_unit_list         (guint          *n_units);
gboolean        mkt_unit_is_compatible       (const MktUnit  *a,
                                              const MktUnit  *b);

gboolean        mkt_unit_convert             (MktQuantity     quantity,
                                              const MktUnit  *from,
                                              const MktUnit  *to,
                                              MktQuantity    *out_quantity,
                                              GError        **error);
gboolean        mkt_unit_convert_named       (MktQuantity     quantity,
                                              const char     *from,
                                              const char     *to,
                                              const MktPack  *pack,
                                              MktQuantity    *out_quantity,
                                              GError        **error);

G_END_DECLS
