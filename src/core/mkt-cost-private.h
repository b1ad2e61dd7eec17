/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-cost.h"
#include "mkt-settings.h"

G_BEGIN_DECLS

/* -Wpedantic knows no 128-bit integers; gcc and clang do. */
G_GNUC_EXTENSION typedef __int128 Int128;

/* Recipes nest at most MKT_RECIPE_MAX_DEPTH, checked when a part is
 * written; this only guards against a database edited by hand. */
#define MAX_DEPTH (2 * MKT_RECIPE_MAX_DEPTH)

/* One computation: what it has read and computed so far. */
typedef struct
{
  MktSession   *session;
  MktStore     *store;
  const char   *tenant_id;
  MktSettings   settings;

  GHashTable   *materials;     /* id → MktRecord */
  GHashTable   *unit_costs;    /* material id → MktUnitCost */
  GHashTable   *totals;        /* node id → MktCostTotals, computed now */
  GHashTable   *affected;      /* node ids to compute; NULL: all */
  GHashTable   *visiting;      /* node ids on the current path */

  /* Preloaded for a full recompute; NULL when reading row by row. The
   * recipes of a whole catalogue are kept as compact lines, not records. */
  GStringChunk *strings;       /* ids the lines and maps point into */
  GHashTable   *lines;         /* parent id → GArray of Line */
  GHashTable   *purchases;     /* material id → GPtrArray of MktRecord */
  GHashTable   *labour;        /* node id → MktQuantity * (labour minutes) */

  guint         explained;     /* lines a breakdown has so far */
} Calc;

/* A breakdown stops opening components past this many lines: a component
 * used in many places of a deep recipe would otherwise repeat its lines
 * exponentially often. Past it, components show their totals only. */
#define MKT_COST_EXPLAIN_MAX_LINES 2000

/* One recipe line, as the computation needs it. */
typedef struct
{
  const char  *child;          /* a material or component id */
  gboolean     is_material;
  MktQuantity  quantity;
  const char  *unit;           /* interned */
} Line;

/* The computation, shared by mkt-cost.c (unit costs, arithmetic, reading
 * costs), mkt-cost-compute.c (one node's totals) and mkt-cost-recompute.c
 * (following changes, full passes). */
void          mkt_cost_calc_init            (Calc                 *calc,
                                             MktSession           *session);
void          mkt_cost_calc_clear           (Calc                 *calc);
gboolean      mkt_cost_calc_load_settings   (Calc                 *calc,
                                             GError              **error);
MktCostValue  mkt_cost_mul3_div             (gint64                a,
                                             gint64                b,
                                             gint64                c,
                                             gint64                d);
MktCostValue  mkt_cost_mul_div              (gint64                a,
                                             gint64                b,
                                             gint64                c);
gboolean      mkt_cost_unit_cost_of         (MktStore             *store,
                                             const char           *tenant_id,
                                             MktRecord            *material,
                                             GPtrArray            *purchases,
                                             const MktSettings    *settings,
                                             MktUnitCost          *out,
                                             GError              **error);
gboolean      mkt_cost_convert_to_material  (MktRecord            *material,
                                             MktQuantity           quantity,
                                             const char           *unit,
                                             MktQuantity          *out_quantity,
                                             GError              **error);
const char   *mkt_cost_parent_field         (const MktEntitySpec  *spec);
Line          mkt_cost_line_from_part       (Calc                 *calc,
                                             MktRecord            *part);
gboolean      mkt_cost_read_cached          (Calc                 *calc,
                                             const char           *id,
                                             MktCostTotals        *out);
gboolean      mkt_cost_node_totals          (Calc                 *calc,
                                             const MktEntitySpec  *spec,
                                             const char           *id,
                                             MktCostTotals        *out,
                                             MktCostLine          *explain,
                                             GError              **error);
MktCostLine  *mkt_cost_line_new             (const char           *kind,
                                             const char           *id,
                                             const char           *name);
gboolean      mkt_cost_compute_and_store    (Calc                 *calc,
                                             const MktEntitySpec  *spec,
                                             const char           *id,
                                             GError              **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Calc, mkt_cost_calc_clear)

/* What a change touched, for the costs it can reach. Outside a batch the
 * costs are brought up to date at once; in a batch once, when it commits. */
gboolean  mkt_cost_note_material   (MktSession  *session,
                                    const char  *material_id,
                                    GError     **error);
gboolean  mkt_cost_note_component  (MktSession  *session,
                                    const char  *component_id,
                                    GError     **error);
gboolean  mkt_cost_note_product    (MktSession  *session,
                                    const char  *product_id,
                                    GError     **error);
gboolean  mkt_cost_note_everything (MktSession  *session,
                                    GError     **error);
gboolean  mkt_cost_flush           (MktSession  *session,
                                    GError     **error);
void      mkt_cost_forget          (MktSession  *session);

G_END_DECLS
