/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-money.h"
#include "mkt-quantity.h"
#include "mkt-session.h"
#include "mkt-settings.h"
#include "mkt-unit.h"

G_BEGIN_DECLS

/**
 * MktCostValue:
 *
 * An amount of money in millionths of a minor unit. Costs are added up in
 * this precision and rounded (half to even) once, to what is shown or
 * charged, with mkt_cost_round().
 */
typedef gint64 MktCostValue;

#define MKT_COST_SCALE G_GINT64_CONSTANT (1000000)

/**
 * MKT_RECIPE_MAX_DEPTH:
 *
 * How many levels of components one recipe may nest: far more than any
 * craft needs, and a bound on the work of every walk through a recipe.
 */
#define MKT_RECIPE_MAX_DEPTH 32

/**
 * MktUnitCost:
 * @cost: what @quantity costs, in minor units
 * @quantity: of the material's unit (#MktQuantity)
 * @source: where it comes from: "average", "last purchase", "catalogue" or
 *   "none" (no price known: the material counts as free)
 *
 * A material's unit cost as an exact ratio: a skein of 364 yd at 4.99 is
 * 499 for 364000000, and 120 yd of it cost 499 × 120 / 364 = 164.505…
 */
typedef struct
{
  MktMoney     cost;
  MktQuantity  quantity;
  const char  *source;
} MktUnitCost;

/**
 * MktCostTotals:
 * @material_cost: materials, through every component
 * @labour_minutes: minutes of work, own and of every component
 * @labour_cost: @labour_minutes at the tenant's hourly rate
 * @overhead_cost: the tenant's overhead (products only)
 * @total_cost: all of it, for one item
 * @unpriced: how many material lines have no price
 */
typedef struct
{
  MktCostValue material_cost;
  MktQuantity  labour_minutes;
  MktCostValue labour_cost;
  MktCostValue overhead_cost;
  MktCostValue total_cost;
  gint64       unpriced;
} MktCostTotals;

typedef struct _MktCostLine MktCostLine;

/**
 * MktCostLine:
 * @kind: "product", "component", "material", "labour" or "overhead"
 * @id: (nullable): the row's id
 * @name: what a person calls it
 * @quantity: as the recipe says, in @unit
 * @unit: (nullable): the recipe's unit
 * @base_quantity: @quantity in @base_unit (the material's own unit)
 * @base_unit: (nullable): the material's unit
 * @unit_cost: (nullable): for a material, its unit cost
 * @cost: what this line adds, for the quantity
 * @totals: for a product or component, its own totals for one
 * @children: (element-type MktCostLine): the lines under a product or
 *   component
 *
 * One line of a cost breakdown: `market-cli cost explain`.
 */
struct _MktCostLine
{
  char          *kind;
  char          *id;
  char          *name;
  MktQuantity    quantity;
  char          *unit;
  MktQuantity    base_quantity;
  char          *base_unit;
  MktUnitCost    unit_cost;
  MktCostValue   cost;
  MktCostTotals  totals;
  GPtrArray     *children;
};

MktMoney      mkt_cost_round                (MktCostValue          value);
MktCostValue  mkt_cost_for_quantity         (const MktUnitCost    *unit_cost,
                                             MktQuantity           quantity);

gboolean      mkt_cost_material_unit_cost   (MktSession           *session,
                                             MktRecord            *material,
                                             const MktSettings    *settings,
                                             MktUnitCost          *out_cost,
                                             GError              **error);
GHashTable   *mkt_cost_material_unit_costs  (MktSession           *session,
                                             GPtrArray            *ledger,
                                             GError              **error);
void          mkt_cost_material_unit_cost_lookup (GHashTable      *unit_costs,
                                                  MktRecord       *material,
                                                  MktUnitCost     *out_cost);
gboolean      mkt_cost_part_quantity        (MktRecord            *part,
                                             MktRecord            *material,
                                             MktQuantity          *out_quantity,
                                             GError              **error);
gboolean      mkt_cost_get                  (MktSession           *session,
                                             const MktEntitySpec  *spec,
                                             const char           *id,
                                             MktCostTotals        *out_totals,
                                             GError              **error);
MktCostLine  *mkt_cost_explain              (MktSession           *session,
                                             const MktEntitySpec  *spec,
                                             const char           *id,
                                             GError              **error);
gboolean      mkt_cost_recompute_all        (MktSession           *session,
                                             guint                *out_n_nodes,
                                             GError              **error);
gboolean      mkt_cost_recompute_from       (MktSession           *session,
                                             const char * const   *material_ids,
                                             const char * const   *component_ids,
                                             const char * const   *product_ids,
                                             guint                *out_n_nodes,
                                             GError              **error);

void          mkt_cost_line_free            (MktCostLine          *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MktCostLine, mkt_cost_line_free)

G_END_DECLS
