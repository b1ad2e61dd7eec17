/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-core.h"

G_BEGIN_DECLS

/**
 * MktTitleFunc:
 * @spec: an entity
 * @id: a row of it
 * @user_data: closure
 *
 * Names a row that the audit's values do not name.
 *
 * Returns: (transfer full) (nullable): the row's title
 */
typedef char *(*MktTitleFunc) (const MktEntitySpec *spec,
                               const char          *id,
                               gpointer             user_data);

const char  *mkt_activity_entity_label       (const MktEntitySpec *spec,
                                             gboolean             plural);
const char  *mkt_activity_field_label       (const char          *field);
const char  *mkt_activity_action_label      (const char          *action);
char        *mkt_activity_format_time       (gint64               usec);
char        *mkt_activity_describe_changes  (const MktEntitySpec *spec,
                                             const char          *action,
                                             const char          *old_values,
                                             const char          *new_values,
                                             const char          *currency,
                                             MktTitleFunc         title_func,
                                             gpointer             user_data);
char        *mkt_activity_title_from_values (const char          *old_values,
                                             const char          *new_values);

G_END_DECLS
