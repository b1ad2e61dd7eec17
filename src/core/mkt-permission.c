/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-permission"

#include "config.h"

#include <string.h>

#include "mkt-permission-private.h"

/* Who may do what, decided once for the app, sync and the server. A
 * permission is `resource:action` ("products:update"); either side may be
 * `*`. Actions imply others on the same resource: hard_delete ⇒ soft_delete
 * ⇒ update ⇒ read, restore ⇒ read, create ⇒ read, and manage (users and
 * roles) ⇒ every other action of its resource.
 *
 * Each resource has the actions that make sense for it: the audit log is only
 * viewed (`audit_logs:view`, which `*:read` does not grant), the trash only
 * read, the settings read and updated. A pattern such as `*:update` grants
 * update wherever a resource has it, with what update implies there. */

typedef enum
{
  ACTION_READ,
  ACTION_CREATE,
  ACTION_UPDATE,
  ACTION_SOFT_DELETE,
  ACTION_RESTORE,
  ACTION_HARD_DELETE,
  ACTION_VIEW,
  ACTION_MANAGE,
  N_ACTIONS,
} Action;

G_STATIC_ASSERT (N_ACTIONS == MKT_PERMISSION_N_ACTIONS);

#define BIT(action) MKT_PERMISSION_BIT (action)

typedef struct
{
  const char *name;
  guint       implies;  /* the actions it implies directly */
  const char *verb;     /* "is needed <verb> <resource label><suffix>" */
  const char *suffix;
} ActionInfo;

static const ActionInfo actions[N_ACTIONS] = {
  [ACTION_READ] = { "read", 0, "to see", "" },
  [ACTION_CREATE] = { "create", BIT (ACTION_READ), "to add", "" },
  [ACTION_UPDATE] = { "update", BIT (ACTION_READ), "to change", "" },
  [ACTION_SOFT_DELETE] = { "soft_delete", BIT (ACTION_UPDATE), "to move", " to the trash" },
  [ACTION_RESTORE] = { "restore", BIT (ACTION_READ), "to restore", " from the trash" },
  [ACTION_HARD_DELETE] = { "hard_delete", BIT (ACTION_SOFT_DELETE), "to delete", " permanently" },
  [ACTION_VIEW] = { "view", 0, "to view", "" },
  [ACTION_MANAGE] = { "manage", BIT (ACTION_HARD_DELETE) | BIT (ACTION_CREATE) | BIT (ACTION_RESTORE),
                      "to manage", "" },
};

static const char * const data_actions[] = {
  "read", "create", "update", "soft_delete", "restore", "hard_delete", NULL
};
static const char * const account_actions[] = {
  "read", "create", "update", "soft_delete", "restore", "hard_delete", "manage", NULL
};
static const char * const audit_actions[] = { "view", NULL };
static const char * const trash_actions[] = { "read", NULL };
static const char * const settings_actions[] = { "read", "update", NULL };

typedef struct
{
  const char         *name;
  const char         *label;    /* in messages: "to add <label>" */
  const char * const *actions;
} ResourceInfo;

/* The API's resources. Adding one is a line here (and in spec_resources when
 * an entity maps to it). */
static const ResourceInfo resources[] = {
  { "materials", "materials", data_actions },
  { "categories", "categories", data_actions },
  { "products", "products", data_actions },
  { "components", "components", data_actions },
  { "parts", "recipe lines", data_actions },
  { "production_runs", "production runs", data_actions },
  { "stock_movements", "stock movements", data_actions },
  { "market_events", "market events", data_actions },
  { "sales", "sales", data_actions },
  { "users", "users", account_actions },
  { "roles", "roles", account_actions },
  { "audit_logs", "the audit log", audit_actions },
  { "trash", "the trash", trash_actions },
  { "settings", "the settings", settings_actions },
};

#define N_RESOURCES G_N_ELEMENTS (resources)
G_STATIC_ASSERT (N_RESOURCES == MKT_PERMISSION_N_RESOURCES);

/* Entities people act on, by the resource that guards them. The outbox and
 * cached costs are written only by the rules themselves. */
static const struct
{
  const char *entity;
  const char *resource;
} spec_resources[] = {
  { "tenant", "settings" },
  { "user", "users" },
  { "category", "categories" },
  { "material", "materials" },
  { "stock_movement", "stock_movements" },
  { "product_movement", "stock_movements" },
  { "component", "components" },
  { "product", "products" },
  { "part", "parts" },
  { "production_run", "production_runs" },
  { "market_event", "market_events" },
  { "market_line", "market_events" },
  { "sale", "sales" },
  { "audit", "audit_logs" },
};

/* Default roles, each written in canonical form (see the tests). */
static const char * const admin_permissions[] = { "*:*", NULL };

static const char * const manager_permissions[] = {
  "audit_logs:view",
  "categories:*",
  "components:*",
  "market_events:*",
  "materials:*",
  "parts:*",
  "production_runs:*",
  "products:*",
  "roles:read",
  "sales:*",
  "settings:update",
  "stock_movements:*",
  "trash:read",
  "users:read",
  NULL
};

static const char * const crafter_permissions[] = {
  "categories:create", "categories:restore", "categories:soft_delete",
  "components:create", "components:restore", "components:soft_delete",
  "market_events:create", "market_events:restore", "market_events:soft_delete",
  "materials:create", "materials:restore", "materials:soft_delete",
  "parts:create", "parts:restore", "parts:soft_delete",
  "production_runs:create", "production_runs:restore", "production_runs:soft_delete",
  "products:create", "products:restore", "products:soft_delete",
  "sales:create", "sales:restore", "sales:soft_delete",
  "settings:read",
  "stock_movements:create", "stock_movements:restore", "stock_movements:soft_delete",
  "trash:read",
  NULL
};

static const char * const viewer_permissions[] = {
  "categories:read",
  "components:read",
  "market_events:read",
  "materials:read",
  "parts:read",
  "production_runs:read",
  "products:read",
  "sales:read",
  "settings:read",
  "stock_movements:read",
  "trash:read",
  NULL
};

static const struct
{
  const char         *name;
  const char * const *permissions;
} default_roles[] = {
  { "admin", admin_permissions },
  { "manager", manager_permissions },
  { "crafter", crafter_permissions },
  { "viewer", viewer_permissions },
};

/* Errors --------------------------------------------------------------------- */

typedef struct
{
  char *permission;
} MktPermissionErrorPrivate;

static void
mkt_permission_error_private_init (MktPermissionErrorPrivate *priv)
{
  priv->permission = NULL;
}

static void
mkt_permission_error_private_copy (const MktPermissionErrorPrivate *src,
                                   MktPermissionErrorPrivate       *dest)
{
  dest->permission = g_strdup (src->permission);
}

static void
mkt_permission_error_private_clear (MktPermissionErrorPrivate *priv)
{
  g_clear_pointer (&priv->permission, g_free);
}

G_DEFINE_EXTENDED_ERROR (MktPermissionError, mkt_permission_error)

void
mkt_set_permission_error (GError             **error,
                          MktPermissionError   code,
                          const char          *permission,
                          const char          *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;
  GError *e;

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  e = g_error_new_literal (MKT_PERMISSION_ERROR, code, message);
  mkt_permission_error_get_private (e)->permission = g_strdup (permission);
  g_propagate_error (error, e);
}

/**
 * mkt_permission_error_get_permission:
 * @error: an error
 *
 * Returns: (nullable): for %MKT_PERMISSION_ERROR_DENIED the permission that
 *   was needed ("products:hard_delete"), for %MKT_PERMISSION_ERROR_INVALID
 *   the offending entry as given; %NULL otherwise
 */
const char *
mkt_permission_error_get_permission (const GError *error)
{
  MktPermissionErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != MKT_PERMISSION_ERROR)
    return NULL;

  priv = mkt_permission_error_get_private (error);
  return priv != NULL ? priv->permission : NULL;
}

/* Tables --------------------------------------------------------------------- */

int
mkt_permission_lookup_action (const char *name)
{
  for (guint a = 0; a < N_ACTIONS; a++)
    if (g_str_equal (actions[a].name, name))
      return a;

  return -1;
}

int
mkt_permission_lookup_resource (const char *name)
{
  for (guint r = 0; r < N_RESOURCES; r++)
    if (g_str_equal (resources[r].name, name))
      return r;

  return -1;
}

guint
mkt_permission_resource_mask (int resource)
{
  guint mask = 0;

  for (guint i = 0; resources[resource].actions[i] != NULL; i++)
    mask |= BIT (mkt_permission_lookup_action (resources[resource].actions[i]));

  return mask;
}

/* @action and all it implies, directly or not. */
guint
mkt_permission_action_closure (int action)
{
  guint mask = BIT (action);
  guint before;

  do
    {
      before = mask;
      for (guint a = 0; a < N_ACTIONS; a++)
        if (mask & BIT (a))
          mask |= actions[a].implies;
    }
  while (mask != before);

  return mask;
}

const char *
mkt_permission_action_name (int action)
{
  return actions[action].name;
}

const char *
mkt_permission_resource_name (int resource)
{
  return resources[resource].name;
}

char *
mkt_permission_join_names (const char * const *names)
{
  return g_strjoinv (", ", (char **)names);
}

/**
 * mkt_permission_resources:
 *
 * Returns: (transfer none) (array zero-terminated=1): the resources a
 *   permission can name
 */
const char * const *
mkt_permission_resources (void)
{
  static const char *names[N_RESOURCES + 1];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint r = 0; r < N_RESOURCES; r++)
        names[r] = resources[r].name;
      names[N_RESOURCES] = NULL;
      g_once_init_leave (&initialized, 1);
    }

  return names;
}

const char * const *
mkt_permission_action_names (void)
{
  static const char *names[N_ACTIONS + 1];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint a = 0; a < N_ACTIONS; a++)
        names[a] = actions[a].name;
      names[N_ACTIONS] = NULL;
      g_once_init_leave (&initialized, 1);
    }

  return names;
}

/**
 * mkt_permission_resource_actions:
 * @resource: a resource ("products")
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the actions
 *   @resource has, or %NULL if there is no such resource
 */
const char * const *
mkt_permission_resource_actions (const char *resource)
{
  int r;

  g_return_val_if_fail (resource != NULL, NULL);

  r = mkt_permission_lookup_resource (resource);
  return r >= 0 ? resources[r].actions : NULL;
}

/**
 * mkt_permission_action_implies:
 * @action: an action ("hard_delete")
 * @implied: another action ("read")
 *
 * Returns: whether whoever may @action may also @implied (an action
 *   implies itself); %FALSE for unknown names
 */
gboolean
mkt_permission_action_implies (const char *action,
                               const char *implied)
{
  int a, b;

  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (implied != NULL, FALSE);

  a = mkt_permission_lookup_action (action);
  b = mkt_permission_lookup_action (implied);
  return a >= 0 && b >= 0 && (mkt_permission_action_closure (a) & BIT (b));
}

/**
 * mkt_permission_resource_for_spec:
 * @spec: an entity
 *
 * The resource whose permissions guard rows of @spec: "materials" for
 * materials, "stock_movements" for both stock ledgers, "market_events" for
 * an event and its sheet lines, "settings" for the tenant row.
 *
 * Returns: (nullable): the resource, or %NULL for entities written only by
 *   the rules themselves (the outbox, cached costs)
 */
const char *
mkt_permission_resource_for_spec (const MktEntitySpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (spec_resources); i++)
    if (g_str_equal (spec_resources[i].entity, spec->name))
      return spec_resources[i].resource;

  return NULL;
}

/**
 * mkt_permission_action_for_change:
 * @change_action: the action of an audit row or outbox change ("delete")
 *
 * Returns: (nullable): the permission action it needs ("soft_delete";
 *   "hard_delete" for "purge"), or %NULL for an unknown action
 */
const char *
mkt_permission_action_for_change (const char *change_action)
{
  static const struct
  {
    const char *change;
    const char *action;
  } map[] = {
    { "create", "create" },
    { "update", "update" },
    { "delete", "soft_delete" },
    { "restore", "restore" },
    { "purge", "hard_delete" },
  };

  g_return_val_if_fail (change_action != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (map[i].change, change_action))
      return map[i].action;

  return NULL;
}

/**
 * mkt_permission_default_roles:
 *
 * Returns: (transfer none) (array zero-terminated=1): the roles every
 *   tenant starts with: admin, manager, crafter, viewer
 */
const char * const *
mkt_permission_default_roles (void)
{
  static const char * const names[] = { "admin", "manager", "crafter", "viewer", NULL };

  return names;
}

/**
 * mkt_permission_default_role_permissions:
 * @role: a default role's name
 *
 * - admin: everything (`*:*`).
 * - manager: everything on the business's data, hard_delete included; the
 *   audit log; changing the settings; reading users and roles.
 * - crafter: create, update, soft_delete and restore on materials,
 *   categories, products, components, recipe lines, production runs, stock,
 *   market events and sales; reading the settings and the trash. No
 *   hard_delete, users, roles or audit log.
 * - viewer: reading what a crafter reads.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the role's
 *   permissions in canonical form, or %NULL if there is no such role
 */
const char * const *
mkt_permission_default_role_permissions (const char *role)
{
  g_return_val_if_fail (role != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (default_roles); i++)
    if (g_str_equal (default_roles[i].name, role))
      return default_roles[i].permissions;

  return NULL;
}

/* Checks --------------------------------------------------------------------- */

/**
 * mkt_permission_set_check:
 * @self: a set
 * @resource: a resource ("products")
 * @action: an action ("hard_delete")
 * @error: return location for a %MKT_PERMISSION_ERROR_DENIED
 *
 * Like mkt_permission_set_allows(), with an error that tells people which
 * permission they lack and what for ("products:hard_delete is needed to
 * delete products permanently").
 *
 * Returns: whether @self allows @action on @resource
 */
gboolean
mkt_permission_set_check (MktPermissionSet  *self,
                          const char        *resource,
                          const char        *action,
                          GError           **error)
{
  g_autofree char *permission = NULL;
  int r, a;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (resource != NULL, FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (mkt_permission_set_allows (self, resource, action))
    return TRUE;

  r = mkt_permission_lookup_resource (resource);
  a = mkt_permission_lookup_action (action);
  permission = g_strconcat (resource, ":", action, NULL);

  if (r < 0 || a < 0 || !(mkt_permission_resource_mask (r) & BIT (a)))
    {
      mkt_set_permission_error (error, MKT_PERMISSION_ERROR_DENIED, permission,
                 "No permission allows “%s”: there is no such permission", permission);
      return FALSE;
    }

  mkt_set_permission_error (error, MKT_PERMISSION_ERROR_DENIED, permission, "%s is needed %s %s%s",
             permission, actions[a].verb, resources[r].label, actions[a].suffix);
  return FALSE;
}

/**
 * mkt_permission_check:
 * @self: a set
 * @spec: the entity acted on
 * @action: a permission action ("create", "soft_delete", "hard_delete"...;
 *   see mkt_permission_action_for_change())
 * @error: return location for a %MKT_PERMISSION_ERROR_DENIED
 *
 * Checks an action on rows of @spec against the resource that guards them
 * (mkt_permission_resource_for_spec()). Entities only the rules write are
 * refused to everyone.
 *
 * Returns: whether @self allows it
 */
gboolean
mkt_permission_check (MktPermissionSet     *self,
                      const MktEntitySpec  *spec,
                      const char           *action,
                      GError              **error)
{
  const char *resource;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  resource = mkt_permission_resource_for_spec (spec);
  if (resource == NULL)
    {
      mkt_set_permission_error (error, MKT_PERMISSION_ERROR_DENIED, NULL,
                 "No permission allows acting on a %s directly", mkt_entity_spec_get_label (spec));
      return FALSE;
    }

  return mkt_permission_set_check (self, resource, action, error);
}
