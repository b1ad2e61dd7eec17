/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mkt-core.h"

G_BEGIN_DECLS

#define MKT_TYPE_PRODUCT_CHOICE (mkt_product_choice_get_type ())

G_DECLARE_FINAL_TYPE (MktProductChoice, mkt_product_choice, MKT, PRODUCT_CHOICE, GObject)

MktProductChoice    *mkt_product_choice_new       (MktRecord        *record);
const char          *mkt_product_choice_get_id    (MktProductChoice *self);
const MktEntitySpec *mkt_product_choice_get_spec  (MktProductChoice *self);
const char          *mkt_product_choice_get_label (MktProductChoice *self);
const char          *mkt_product_choice_get_unit  (MktProductChoice *self);

G_END_DECLS
