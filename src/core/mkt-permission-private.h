/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-permission.h"

G_BEGIN_DECLS

/* Actions and resources by their index in mkt-permission.c's tables. */
#define MKT_PERMISSION_N_ACTIONS 8
#define MKT_PERMISSION_N_RESOURCES 14
#define MKT_PERMISSION_BIT(index) (1u << (index))

int                  mkt_permission_lookup_action   (const char          *name);
int                  mkt_permission_lookup_resource (const char          *name);
const char          *mkt_permission_action_name     (int                  action);
const char          *mkt_permission_resource_name   (int                  resource);
const char * const  *mkt_permission_action_names    (void);
guint                mkt_permission_resource_mask   (int                  resource);
guint                mkt_permission_action_closure  (int                  action);
char                *mkt_permission_join_names      (const char * const  *names);

void                 mkt_set_permission_error       (GError             **error,
                                                     MktPermissionError   code,
                                                     const char          *permission,
                                                     const char          *format,
                                                     ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
