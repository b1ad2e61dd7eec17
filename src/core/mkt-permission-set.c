/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-permission"

#include "config.h"

#include <string.h>

#include "mkt-permission-private.h"

/* MktPermissionSet: parsed permissions in canonical form, and what they
 * allow on each resource. The tables of resources, actions and roles are in
 * mkt-permission.c. */

#define BIT(action) MKT_PERMISSION_BIT (action)
#define N_RESOURCES MKT_PERMISSION_N_RESOURCES

/* A parsed permission; ANY stands for `*`. */
#define ANY (-1)

typedef struct
{
  gint8 resource;
  gint8 action;
} Pattern;

struct _MktPermissionSet
{
  gatomicrefcount  ref_count;
  GArray          *patterns;                /* Pattern: canonical, none covered by another */
  guint            granted[N_RESOURCES];    /* what the patterns allow, action bits */
};

G_DEFINE_BOXED_TYPE (MktPermissionSet, mkt_permission_set,
                     mkt_permission_set_ref, mkt_permission_set_unref)

/* Patterns ------------------------------------------------------------------- */

static const char *
pattern_resource_name (const Pattern *p)
{
  return p->resource == ANY ? "*" : mkt_permission_resource_name (p->resource);
}

static const char *
pattern_action_name (const Pattern *p)
{
  return p->action == ANY ? "*" : mkt_permission_action_name (p->action);
}

static char *
pattern_to_string (const Pattern *p)
{
  return g_strconcat (pattern_resource_name (p), ":", pattern_action_name (p), NULL);
}

/* The order of the texts: ':' sorts before every letter and '_', so
 * comparing the parts compares the whole strings. */
static int
pattern_compare (gconstpointer a,
                 gconstpointer b)
{
  const Pattern *p = a;
  const Pattern *q = b;
  int cmp = strcmp (pattern_resource_name (p), pattern_resource_name (q));

  return cmp != 0 ? cmp : strcmp (pattern_action_name (p), pattern_action_name (q));
}

/* Whether @q grants all that @p grants (and @p is not @q). A pattern with a
 * wildcard also speaks for resources and actions a later version adds, so
 * only a broader wildcard makes it redundant. */
static gboolean
pattern_covers (const Pattern *q,
                const Pattern *p)
{
  if (q->resource == ANY && q->action == ANY)
    return TRUE;
  if (p->action == ANY || q->action == ANY)
    return p->action != ANY && q->resource == p->resource;

  if (p->resource == ANY)
    {
      if (q->resource != ANY || !(mkt_permission_action_closure (q->action) & BIT (p->action)))
        return FALSE;

      /* `*:b` stands in for `*:a` only where every resource with a has b. */
      for (guint r = 0; r < N_RESOURCES; r++)
        if ((mkt_permission_resource_mask (r) & BIT (p->action)) && !(mkt_permission_resource_mask (r) & BIT (q->action)))
          return FALSE;
      return TRUE;
    }

  if (q->resource != ANY && q->resource != p->resource)
    return FALSE;

  return (mkt_permission_resource_mask (p->resource) & BIT (q->action)) &&
         (mkt_permission_action_closure (q->action) & BIT (p->action));
}

static gboolean
has_space (const char *text)
{
  for (const char *c = text; *c != '\0'; c++)
    if (g_ascii_isspace (*c))
      return TRUE;

  return FALSE;
}

/* Parses entry @index (from 1) of a list. */
static gboolean
parse_pattern (const char  *text,
               guint        index,
               Pattern     *out,
               GError     **error)
{
  g_autofree char *resource = NULL;
  g_autofree char *names = NULL;
  const char *colon;
  const char *action;
  int r = ANY;
  int a = ANY;

  if (!g_utf8_validate (text, -1, NULL))
    {
      mkt_set_permission_error (error, MKT_PERMISSION_ERROR_INVALID, NULL,
                 "Permission %u is not valid UTF-8", index);
      return FALSE;
    }
  if (*text == '\0')
    {
      mkt_set_permission_error (error, MKT_PERMISSION_ERROR_INVALID, text, "Permission %u is empty", index);
      return FALSE;
    }
  if (has_space (text))
    {
      mkt_set_permission_error (error, MKT_PERMISSION_ERROR_INVALID, text,
                 "Permission %u, “%s”: spaces are not allowed", index, text);
      return FALSE;
    }

  colon = strchr (text, ':');
  if (colon == NULL || strchr (colon + 1, ':') != NULL)
    {
      mkt_set_permission_error (error, MKT_PERMISSION_ERROR_INVALID, text,
                 "Permission %u, “%s”: not of the form resource:action (“products:read”)",
                 index, text);
      return FALSE;
    }

  resource = g_strndup (text, colon - text);
  action = colon + 1;
  if (*resource == '\0' || *action == '\0')
    {
      mkt_set_permission_error (error, MKT_PERMISSION_ERROR_INVALID, text, "Permission %u, “%s”: the %s is missing",
                 index, text, *resource == '\0' ? "resource" : "action");
      return FALSE;
    }

  if (!g_str_equal (resource, "*") && (r = mkt_permission_lookup_resource (resource)) < 0)
    {
      names = mkt_permission_join_names (mkt_permission_resources ());
      mkt_set_permission_error (error, MKT_PERMISSION_ERROR_INVALID, text,
                 "Permission %u, “%s”: there is no resource “%s” (the resources are %s, or * for all)",
                 index, text, resource, names);
      return FALSE;
    }

  if (!g_str_equal (action, "*") && (a = mkt_permission_lookup_action (action)) < 0)
    {
      names = mkt_permission_join_names (mkt_permission_action_names ());
      mkt_set_permission_error (error, MKT_PERMISSION_ERROR_INVALID, text,
                 "Permission %u, “%s”: there is no action “%s” (the actions are %s, or * for all)",
                 index, text, action, names);
      return FALSE;
    }

  if (r != ANY && a != ANY && !(mkt_permission_resource_mask (r) & BIT (a)))
    {
      names = mkt_permission_join_names (mkt_permission_resource_actions (resource));
      mkt_set_permission_error (error, MKT_PERMISSION_ERROR_INVALID, text,
                 "Permission %u, “%s”: %s has no action “%s” (its actions are %s)",
                 index, text, resource, action, names);
      return FALSE;
    }

  out->resource = r;
  out->action = a;
  return TRUE;
}

/* Sets ----------------------------------------------------------------------- */

/* Makes the canonical set of @patterns: sorted, without duplicates or
 * patterns that another covers. */
static MktPermissionSet *
set_new_take (GArray *patterns)
{
  MktPermissionSet *self = g_new0 (MktPermissionSet, 1);
  g_autoptr(GArray) unique = g_array_new (FALSE, FALSE, sizeof (Pattern));

  g_atomic_ref_count_init (&self->ref_count);
  self->patterns = g_array_new (FALSE, FALSE, sizeof (Pattern));

  /* Without duplicates there are at most (resources + 1) × (actions + 1)
   * patterns, however long the list: the pairwise pass below stays cheap. */
  g_array_sort (patterns, pattern_compare);
  for (guint i = 0; i < patterns->len; i++)
    if (i == 0 || pattern_compare (&g_array_index (patterns, Pattern, i),
                                   &g_array_index (patterns, Pattern, i - 1)) != 0)
      g_array_append_val (unique, g_array_index (patterns, Pattern, i));
  g_array_unref (patterns);

  for (guint i = 0; i < unique->len; i++)
    {
      const Pattern *p = &g_array_index (unique, Pattern, i);
      gboolean covered = FALSE;

      for (guint j = 0; j < unique->len && !covered; j++)
        covered = j != i && pattern_covers (&g_array_index (unique, Pattern, j), p);

      if (!covered)
        g_array_append_val (self->patterns, *p);
    }

  for (guint i = 0; i < self->patterns->len; i++)
    {
      const Pattern *p = &g_array_index (self->patterns, Pattern, i);

      for (guint r = 0; r < N_RESOURCES; r++)
        {
          guint mask = mkt_permission_resource_mask (r);

          if (p->resource != ANY && p->resource != (int)r)
            continue;

          if (p->action == ANY)
            self->granted[r] |= mask;
          else if (mask & BIT (p->action))
            self->granted[r] |= mkt_permission_action_closure (p->action) & mask;
        }
    }

  return self;
}

/**
 * mkt_permission_set_new:
 * @permissions: (nullable) (array zero-terminated=1): permissions such as
 *   "products:update", "sales:*" or "*:read"
 * @error: return location for a %MKT_PERMISSION_ERROR_INVALID naming the
 *   first malformed entry and what is wrong with it
 *
 * Returns: (transfer full) (nullable): the set (empty for %NULL or an empty
 *   list), or %NULL on error
 */
MktPermissionSet *
mkt_permission_set_new (const char * const  *permissions,
                        GError             **error)
{
  g_autoptr(GArray) patterns = g_array_new (FALSE, FALSE, sizeof (Pattern));

  for (guint i = 0; permissions != NULL && permissions[i] != NULL; i++)
    {
      Pattern p;

      if (!parse_pattern (permissions[i], i + 1, &p, error))
        return NULL;
      g_array_append_val (patterns, p);
    }

  return set_new_take (g_steal_pointer (&patterns));
}

static const char *
json_kind (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return "a boolean";
    case G_TYPE_STRING:
      return "a string";
    default:
      return "a number";
    }
}

/**
 * mkt_permission_set_new_from_json:
 * @node: (nullable): a JSON array of permission strings; %NULL or JSON null
 *   is the empty set
 * @error: return location for a %MKT_PERMISSION_ERROR_INVALID
 *
 * Returns: (transfer full) (nullable): the set, or %NULL on error
 */
MktPermissionSet *
mkt_permission_set_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return mkt_permission_set_new (NULL, error);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      mkt_set_permission_error (error, MKT_PERMISSION_ERROR_INVALID, NULL,
                 "Permissions must be a JSON array of strings, not %s", json_kind (node));
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          mkt_set_permission_error (error, MKT_PERMISSION_ERROR_INVALID, NULL,
                     "Permission %u is %s, not a string", i + 1, json_kind (element));
          return NULL;
        }
      g_ptr_array_add (texts, (gpointer)json_node_get_string (element));
    }
  g_ptr_array_add (texts, NULL);

  return mkt_permission_set_new ((const char * const *)texts->pdata, error);
}

/**
 * mkt_permission_set_new_from_json_text:
 * @text: the JSON text of an array of permission strings
 * @error: return location for a %MKT_PERMISSION_ERROR_INVALID
 *
 * Returns: (transfer full) (nullable): the set, or %NULL on error
 */
MktPermissionSet *
mkt_permission_set_new_from_json_text (const char  *text,
                                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    {
      mkt_set_permission_error (error, MKT_PERMISSION_ERROR_INVALID, NULL,
                 "Permissions are not valid JSON: %s", local_error->message);
      return NULL;
    }

  return mkt_permission_set_new_from_json (json_parser_get_root (parser), error);
}

/**
 * mkt_permission_set_new_for_role:
 * @role: a default role: admin, manager, crafter or viewer
 * @error: return location for a %MKT_PERMISSION_ERROR_UNKNOWN_ROLE
 *
 * A user's permissions are their role's, joined with their own extra ones
 * by mkt_permission_set_union().
 *
 * Returns: (transfer full) (nullable): the role's permissions, or %NULL
 */
MktPermissionSet *
mkt_permission_set_new_for_role (const char  *role,
                                 GError     **error)
{
  const char * const *permissions;

  g_return_val_if_fail (role != NULL, NULL);

  permissions = mkt_permission_default_role_permissions (role);
  if (permissions == NULL)
    {
      g_autofree char *names = mkt_permission_join_names (mkt_permission_default_roles ());

      mkt_set_permission_error (error, MKT_PERMISSION_ERROR_UNKNOWN_ROLE, NULL,
                 "There is no role “%s” (the roles are %s)", role, names);
      return NULL;
    }

  return mkt_permission_set_new (permissions, error);
}

/**
 * mkt_permission_set_union:
 * @a: a set
 * @b: another set
 *
 * Returns: (transfer full): a set that allows what @a or @b allows
 */
MktPermissionSet *
mkt_permission_set_union (MktPermissionSet *a,
                          MktPermissionSet *b)
{
  GArray *patterns;

  g_return_val_if_fail (a != NULL, NULL);
  g_return_val_if_fail (b != NULL, NULL);

  patterns = g_array_sized_new (FALSE, FALSE, sizeof (Pattern), a->patterns->len + b->patterns->len);
  g_array_append_vals (patterns, a->patterns->data, a->patterns->len);
  g_array_append_vals (patterns, b->patterns->data, b->patterns->len);

  return set_new_take (patterns);
}

MktPermissionSet *
mkt_permission_set_ref (MktPermissionSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mkt_permission_set_unref (MktPermissionSet *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_array_unref (self->patterns);
  g_free (self);
}

/**
 * mkt_permission_set_allows:
 * @self: a set
 * @resource: a resource ("products")
 * @action: an action ("read")
 *
 * Returns: whether @self allows @action on @resource, directly, through a
 *   wildcard or through an action that implies it; %FALSE for names that
 *   are not a resource, or an action @resource does not have
 */
gboolean
mkt_permission_set_allows (MktPermissionSet *self,
                           const char       *resource,
                           const char       *action)
{
  int r, a;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (resource != NULL, FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  r = mkt_permission_lookup_resource (resource);
  a = mkt_permission_lookup_action (action);

  return r >= 0 && a >= 0 && (self->granted[r] & BIT (a));
}

/**
 * mkt_permission_set_is_empty:
 * @self: a set
 *
 * Returns: whether @self allows nothing at all
 */
gboolean
mkt_permission_set_is_empty (MktPermissionSet *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->patterns->len == 0;
}

/**
 * mkt_permission_set_equal:
 * @a: a set
 * @b: another set
 *
 * Returns: whether the two have the same canonical form
 */
gboolean
mkt_permission_set_equal (MktPermissionSet *a,
                          MktPermissionSet *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->patterns->len == b->patterns->len &&
         memcmp (a->patterns->data, b->patterns->data, a->patterns->len * sizeof (Pattern)) == 0;
}

/**
 * mkt_permission_set_to_strv:
 * @self: a set
 *
 * The canonical form: sorted, each permission once, and none that another
 * already grants ("products:read" goes when "products:update" or "*:read"
 * is there). Parsing it gives an equal set.
 *
 * Returns: (transfer full) (array zero-terminated=1): the permissions
 */
char **
mkt_permission_set_to_strv (MktPermissionSet *self)
{
  GPtrArray *strv;

  g_return_val_if_fail (self != NULL, NULL);

  strv = g_ptr_array_sized_new (self->patterns->len + 1);
  for (guint i = 0; i < self->patterns->len; i++)
    g_ptr_array_add (strv, pattern_to_string (&g_array_index (self->patterns, Pattern, i)));
  g_ptr_array_add (strv, NULL);

  return (char **)g_ptr_array_free (strv, FALSE);
}

/**
 * mkt_permission_set_to_json:
 * @self: a set
 *
 * Returns: (transfer full): a JSON array of the canonical permissions
 */
JsonNode *
mkt_permission_set_to_json (MktPermissionSet *self)
{
  JsonArray *array;
  JsonNode *node;

  g_return_val_if_fail (self != NULL, NULL);

  array = json_array_sized_new (self->patterns->len);
  for (guint i = 0; i < self->patterns->len; i++)
    {
      g_autofree char *text = pattern_to_string (&g_array_index (self->patterns, Pattern, i));
      json_array_add_string_element (array, text);
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}
