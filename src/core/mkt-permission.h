/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "mkt-schema.h"

G_BEGIN_DECLS

/**
 * MktPermissionError:
 * @MKT_PERMISSION_ERROR_DENIED: the permissions do not allow the action;
 *   mkt_permission_error_get_permission() says which permission it needs
 * @MKT_PERMISSION_ERROR_INVALID: a permission list holds a malformed or
 *   unknown entry
 * @MKT_PERMISSION_ERROR_UNKNOWN_ROLE: there is no default role of that name
 */
typedef enum
{
  MKT_PERMISSION_ERROR_DENIED,
  MKT_PERMISSION_ERROR_INVALID,
  MKT_PERMISSION_ERROR_UNKNOWN_ROLE,
} MktPermissionError;

#define MKT_PERMISSION_ERROR (mkt_permission_error_quark ())

GQuark                mkt_permission_error_quark              (void);
const char           *mkt_permission_error_get_permission     (const GError        *error);

/**
 * MktPermissionSet:
 *
 * What someone may do: a set of `resource:action` permissions, with
 * wildcards (`products:*`, `*:read`, `*:*`) and implied actions. A set never
 * changes once made, so threads may share it.
 */
typedef struct _MktPermissionSet MktPermissionSet;

#define MKT_TYPE_PERMISSION_SET (mkt_permission_set_get_type ())

GType                 mkt_permission_set_get_type             (void) G_GNUC_CONST;

const char * const   *mkt_permission_resources                (void);
const char * const   *mkt_permission_resource_actions         (const char          *resource);
gboolean              mkt_permission_action_implies           (const char          *action,
                                                               const char          *implied);
const char           *mkt_permission_resource_for_spec        (const MktEntitySpec *spec);
const char           *mkt_permission_action_for_change        (const char          *change_action);

const char * const   *mkt_permission_default_roles            (void);
const char * const   *mkt_permission_default_role_permissions (const char          *role);

MktPermissionSet     *mkt_permission_set_new                  (const char * const  *permissions,
                                                               GError             **error);
MktPermissionSet     *mkt_permission_set_new_from_json        (JsonNode            *node,
                                                               GError             **error);
MktPermissionSet     *mkt_permission_set_new_from_json_text   (const char          *text,
                                                               GError             **error);
MktPermissionSet     *mkt_permission_set_new_for_role         (const char          *role,
                                                               GError             **error);
MktPermissionSet     *mkt_permission_set_union                (MktPermissionSet    *a,
                                                               MktPermissionSet    *b);
MktPermissionSet     *mkt_permission_set_ref                  (MktPermissionSet    *self);
void                  mkt_permission_set_unref                (MktPermissionSet    *self);

gboolean              mkt_permission_set_allows               (MktPermissionSet    *self,
                                                               const char          *resource,
                                                               const char          *action);
gboolean              mkt_permission_set_is_empty             (MktPermissionSet    *self);
gboolean              mkt_permission_set_equal                (MktPermissionSet    *a,
                                                               MktPermissionSet    *b);
char                **mkt_permission_set_to_strv              (MktPermissionSet    *self);
JsonNode             *mkt_permission_set_to_json              (MktPermissionSet    *self);

gboolean              mkt_permission_set_check                (MktPermissionSet    *self,
                                                               const char          *resource,
                                                               const char          *action,
                                                               GError             **error);
gboolean              mkt_permission_check                    (MktPermissionSet    *self,
                                                               const MktEntitySpec *spec,
                                                               const char          *action,
                                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MktPermissionSet, mkt_permission_set_unref)

G_END_DECLS
