/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-quantity.h"
#include "mkt-session.h"

G_BEGIN_DECLS

/**
 * MktRequirement:
 * @material: a material the run uses
 * @needed: how much, in the material's unit
 * @on_hand: how much the ledger says there is
 *
 * One material of a production run; a shortage where @needed > @on_hand.
 */
typedef struct
{
  MktRecord   *material;
  MktQuantity  needed;
  MktQuantity  on_hand;
} MktRequirement;

GPtrArray  *mkt_production_requirements (MktSession   *session,
                                         const char   *product_id,
                                         MktQuantity   count,
                                         GError      **error);
MktRecord  *mkt_production_make         (MktSession   *session,
                                         const char   *product_id,
                                         MktQuantity   count,
                                         gboolean      force,
                                         GPtrArray   **out_requirements,
                                         GError      **error);

void        mkt_requirement_free        (MktRequirement *requirement);

G_END_DECLS
