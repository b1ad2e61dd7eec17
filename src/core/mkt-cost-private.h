/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-cost.h"

G_BEGIN_DECLS

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
