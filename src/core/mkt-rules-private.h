/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-schema.h"

G_BEGIN_DECLS

/* The rules of entities that need more than their own fields, named in
 * mkt-schema.c and written in mkt-recipe.c. */

gboolean  mkt_tenant_validate             (MktRecord   *record,
                                           GError     **error);
gboolean  mkt_tenant_check                (MktSession  *session,
                                           MktRecord   *record,
                                           const char  *action,
                                           GError     **error);
gboolean  mkt_material_check              (MktSession  *session,
                                           MktRecord   *record,
                                           const char  *action,
                                           GError     **error);
gboolean  mkt_material_after_write        (MktSession  *session,
                                           MktRecord   *record,
                                           const char  *action,
                                           guint64      changed,
                                           GError     **error);
gboolean  mkt_stock_movement_after_write  (MktSession  *session,
                                           MktRecord   *record,
                                           const char  *action,
                                           guint64      changed,
                                           GError     **error);
gboolean  mkt_component_after_write       (MktSession  *session,
                                           MktRecord   *record,
                                           const char  *action,
                                           guint64      changed,
                                           GError     **error);
gboolean  mkt_product_after_write         (MktSession  *session,
                                           MktRecord   *record,
                                           const char  *action,
                                           guint64      changed,
                                           GError     **error);
gboolean  mkt_part_validate               (MktRecord   *record,
                                           GError     **error);
gboolean  mkt_part_check                  (MktSession  *session,
                                           MktRecord   *record,
                                           const char  *action,
                                           GError     **error);
gboolean  mkt_part_after_write            (MktSession  *session,
                                           MktRecord   *record,
                                           const char  *action,
                                           guint64      changed,
                                           GError     **error);

gboolean  mkt_market_line_check           (MktSession  *session,
                                           MktRecord   *record,
                                           const char  *action,
                                           GError     **error);

G_END_DECLS
