/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Permission sets: parsing, wildcards, implications, the default roles and
 * the checks' messages. A session's use of them, on both stores:
 * test-permission-session.c. */
#define G_LOG_DOMAIN "test-permission"

#include "config.h"

#include <string.h>

#include "mkt-core.h"
#include "mkt-permission.h"

/* Helpers -------------------------------------------------------------------- */

/* A set from space-separated permissions ("" is the empty set). */
static MktPermissionSet *
set_from_words (const char *words)
{
  g_auto(GStrv) list = g_strsplit (words, " ", -1);
  g_autoptr(GError) error = NULL;
  MktPermissionSet *set;

  if (*words == '\0')
    g_clear_pointer (&list, g_strfreev);

  set = mkt_permission_set_new ((const char * const *)list, &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

static char *
set_to_words (MktPermissionSet *set)
{
  g_auto(GStrv) list = mkt_permission_set_to_strv (set);

  return g_strjoinv (" ", list);
}

static MktPermissionSet *
role (const char *name)
{
  g_autoptr(GError) error = NULL;
  MktPermissionSet *set = mkt_permission_set_new_for_role (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

static gboolean
word_in (const char *word,
         const char *words)
{
  g_auto(GStrv) list = g_strsplit (words, " ", -1);

  return g_strv_contains ((const char * const *)list, word);
}

/* Parsing and canonical form ------------------------------------------------- */

static const struct
{
  const char *input;
  const char *canonical;
} canonical_cases[] = {
  { "", "" },
  { "products:read", "products:read" },
  { "products:read products:read", "products:read" },
  { "sales:read materials:create", "materials:create sales:read" },
  /* An implied action goes. */
  { "products:update products:read", "products:update" },
  { "products:hard_delete products:soft_delete products:update products:read", "products:hard_delete" },
  { "products:restore products:read", "products:restore" },
  { "products:create products:read", "products:create" },
  { "users:manage users:hard_delete users:create users:read", "users:manage" },
  /* Actions that imply nothing of each other all stay. */
  { "products:hard_delete products:restore products:create",
    "products:create products:hard_delete products:restore" },
  { "products:restore products:update", "products:restore products:update" },
  /* Wildcards cover what they name. */
  { "products:* products:hard_delete", "products:*" },
  { "*:* products:read sales:* *:view", "*:*" },
  { "*:read products:read trash:read", "*:read" },
  { "*:update products:read settings:read", "*:update" },
  { "*:hard_delete *:soft_delete", "*:hard_delete" },
  { "*:view audit_logs:view", "*:view" },
  /* ...and no more: the trash has no update, products no manage. */
  { "*:update trash:read", "*:update trash:read" },
  { "*:update *:read", "*:read *:update" },
  { "*:manage products:read", "*:manage products:read" },
  /* Listing every action of a resource is not `resource:*`, which also
   * grants actions a later version adds. */
  { "settings:update settings:read", "settings:update" },
  { "products:* materials:read", "materials:read products:*" },
};

static void
test_canonical (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (canonical_cases); i++)
    {
      g_autoptr(MktPermissionSet) set = set_from_words (canonical_cases[i].input);
      g_autofree char *words = set_to_words (set);
      g_autoptr(MktPermissionSet) again = set_from_words (words);
      g_autofree char *again_words = set_to_words (again);

      g_test_message ("%s", canonical_cases[i].input);
      g_assert_cmpstr (words, ==, canonical_cases[i].canonical);
      g_assert_true (mkt_permission_set_equal (set, again));
      g_assert_cmpstr (again_words, ==, words);
      g_assert_true (mkt_permission_set_is_empty (set) == (*words == '\0'));
    }
}

/* A long list (a request body) is folded to its few distinct permissions. */
static void
test_long_list (void)
{
  const char * const *resources = mkt_permission_resources ();
  g_autoptr(GPtrArray) once = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) many = g_ptr_array_new ();
  g_autoptr(MktPermissionSet) one_set = NULL;
  g_autoptr(MktPermissionSet) many_set = NULL;
  g_autoptr(GError) error = NULL;

  for (guint r = 0; resources[r] != NULL; r++)
    {
      const char * const *actions = mkt_permission_resource_actions (resources[r]);

      for (guint a = 0; actions[a] != NULL; a++)
        g_ptr_array_add (once, g_strconcat (resources[r], ":", actions[a], NULL));
    }
  for (guint copy = 0; copy < 1000; copy++)
    for (guint i = 0; i < once->len; i++)
      g_ptr_array_add (many, g_ptr_array_index (once, i));
  g_ptr_array_add (once, NULL);
  g_ptr_array_add (many, NULL);

  one_set = mkt_permission_set_new ((const char * const *)once->pdata, &error);
  g_assert_no_error (error);
  many_set = mkt_permission_set_new ((const char * const *)many->pdata, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (many->len, >, 50000);
  g_assert_true (mkt_permission_set_equal (one_set, many_set));
  g_assert_true (mkt_permission_set_allows (many_set, "audit_logs", "view"));
  g_assert_true (mkt_permission_set_allows (many_set, "users", "manage"));
}

static const struct
{
  const char *entries[3];
  const char *message;
  const char *entry;
} malformed_cases[] = {
  { { "products:read", "products" },
    "Permission 2, “products”: not of the form resource:action (“products:read”)", "products" },
  { { "products:read:all" },
    "Permission 1, “products:read:all”: not of the form resource:action (“products:read”)",
    "products:read:all" },
  { { ":read" }, "Permission 1, “:read”: the resource is missing", ":read" },
  { { "products:" }, "Permission 1, “products:”: the action is missing", "products:" },
  { { "sales:*", "" }, "Permission 2 is empty", "" },
  { { "products: read" }, "Permission 1, “products: read”: spaces are not allowed", "products: read" },
  { { "products:delete" },
    "Permission 1, “products:delete”: there is no action “delete” (the actions are read, create, update, "
    "soft_delete, restore, hard_delete, view, manage, or * for all)", "products:delete" },
  { { "products:READ" },
    "Permission 1, “products:READ”: there is no action “READ” (the actions are read, create, update, "
    "soft_delete, restore, hard_delete, view, manage, or * for all)", "products:READ" },
  { { "audit_logs:read" }, "Permission 1, “audit_logs:read”: audit_logs has no action “read” (its actions are view)",
    "audit_logs:read" },
  { { "products:view" },
    "Permission 1, “products:view”: products has no action “view” (its actions are read, create, update, "
    "soft_delete, restore, hard_delete)", "products:view" },
  { { "settings:hard_delete" },
    "Permission 1, “settings:hard_delete”: settings has no action “hard_delete” (its actions are read, update)",
    "settings:hard_delete" },
  { { "\xff:read" }, "Permission 1 is not valid UTF-8", NULL },
};

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed_cases); i++)
    {
      g_autoptr(MktPermissionSet) set = NULL;
      g_autoptr(GError) error = NULL;

      set = mkt_permission_set_new (malformed_cases[i].entries, &error);
      g_assert_error (error, MKT_PERMISSION_ERROR, MKT_PERMISSION_ERROR_INVALID);
      g_assert_null (set);
      g_assert_cmpstr (error->message, ==, malformed_cases[i].message);
      g_assert_cmpstr (mkt_permission_error_get_permission (error), ==, malformed_cases[i].entry);
    }
}

/* The list of resources is long and grows: check how the message starts and
 * that it names them. */
static void
test_unknown_resource (void)
{
  const char *entries[] = { "products:read", "prodcts:read", NULL };
  g_autoptr(MktPermissionSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = g_strjoinv (", ", (char **)mkt_permission_resources ());
  g_autofree char *expected = NULL;

  set = mkt_permission_set_new (entries, &error);
  g_assert_error (error, MKT_PERMISSION_ERROR, MKT_PERMISSION_ERROR_INVALID);
  g_assert_null (set);

  expected = g_strdup_printf ("Permission 2, “prodcts:read”: there is no resource “prodcts” "
                              "(the resources are %s, or * for all)", names);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_true (g_str_has_prefix (names, "materials, categories, products, "));
}

static const struct
{
  const char *json;
  const char *canonical;  /* NULL: an error */
  const char *message;    /* the error's, or how it starts if it ends in "…" */
} json_cases[] = {
  { "[\"sales:*\", \"products:update\", \"products:read\"]", "products:update sales:*", NULL },
  { "[]", "", NULL },
  { "null", "", NULL },
  { "{\"products\": \"read\"}", NULL, "Permissions must be a JSON array of strings, not an object" },
  { "\"products:read\"", NULL, "Permissions must be a JSON array of strings, not a string" },
  { "[\"products:read\", 3]", NULL, "Permission 2 is a number, not a string" },
  { "[\"products:read\", null]", NULL, "Permission 2 is null, not a string" },
  { "[true]", NULL, "Permission 1 is a boolean, not a string" },
  { "[[\"products:read\"]]", NULL, "Permission 1 is an array, not a string" },
  { "[\"products:read\", \"prodcts:read\"]", NULL, "Permission 2, “prodcts:read”: there is no resource “prodcts”…" },
  { "[\"products:read\"", NULL, "Permissions are not valid JSON: …" },
};

static void
test_json (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (json_cases); i++)
    {
      g_autoptr(MktPermissionSet) set = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", json_cases[i].json);
      set = mkt_permission_set_new_from_json_text (json_cases[i].json, &error);

      if (json_cases[i].canonical != NULL)
        {
          g_autofree char *words = NULL;
          g_autoptr(JsonNode) node = NULL;
          g_autofree char *text = NULL;
          g_autoptr(MktPermissionSet) again = NULL;

          g_assert_no_error (error);
          words = set_to_words (set);
          g_assert_cmpstr (words, ==, json_cases[i].canonical);

          /* to_json and back. */
          node = mkt_permission_set_to_json (set);
          g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
          again = mkt_permission_set_new_from_json (node, &error);
          g_assert_no_error (error);
          g_assert_true (mkt_permission_set_equal (set, again));
          text = json_to_string (node, FALSE);
          if (g_str_equal (json_cases[i].canonical, "products:update sales:*"))
            g_assert_cmpstr (text, ==, "[\"products:update\",\"sales:*\"]");
        }
      else
        {
          const char *message = json_cases[i].message;
          g_autofree char *prefix = NULL;

          g_assert_error (error, MKT_PERMISSION_ERROR, MKT_PERMISSION_ERROR_INVALID);
          g_assert_null (set);
          if (g_str_has_suffix (message, "…"))
            {
              prefix = g_strndup (message, strlen (message) - strlen ("…"));
              g_assert_true (g_str_has_prefix (error->message, prefix));
            }
          else
            g_assert_cmpstr (error->message, ==, message);
        }
    }

  /* A missing node is the empty set too. */
  {
    g_autoptr(MktPermissionSet) set = mkt_permission_set_new_from_json (NULL, NULL);
    g_assert_true (mkt_permission_set_is_empty (set));
  }
}

/* Wildcards and implications ------------------------------------------------- */

static const struct
{
  const char *set;
  const char *resource;
  const char *action;
  gboolean    allowed;
} wildcard_cases[] = {
  { "products:*", "products", "read", TRUE },
  { "products:*", "products", "hard_delete", TRUE },
  { "products:*", "products", "restore", TRUE },
  { "products:*", "materials", "read", FALSE },
  { "*:read", "products", "read", TRUE },
  { "*:read", "trash", "read", TRUE },
  { "*:read", "settings", "read", TRUE },
  { "*:read", "users", "read", TRUE },
  { "*:read", "products", "update", FALSE },
  { "*:read", "audit_logs", "view", FALSE },
  { "*:*", "audit_logs", "view", TRUE },
  { "*:*", "users", "manage", TRUE },
  { "*:*", "settings", "update", TRUE },
  { "*:*", "products", "hard_delete", TRUE },
  { "*:view", "audit_logs", "view", TRUE },
  { "*:view", "products", "read", FALSE },
  { "*:manage", "users", "hard_delete", TRUE },
  { "*:manage", "roles", "create", TRUE },
  { "*:manage", "products", "read", FALSE },
  { "*:update", "settings", "update", TRUE },
  { "*:update", "settings", "read", TRUE },
  { "*:update", "products", "read", TRUE },
  { "*:update", "products", "create", FALSE },
  { "*:update", "trash", "read", FALSE },
  { "*:hard_delete", "materials", "soft_delete", TRUE },
  { "*:hard_delete", "settings", "update", FALSE },
  /* Not a resource, or not an action of it: never allowed. */
  { "*:*", "nonsense", "read", FALSE },
  { "*:*", "products", "view", FALSE },
  { "*:*", "products", "*", FALSE },
  { "*:*", "*", "read", FALSE },
  { "", "products", "read", FALSE },
};

static void
test_wildcards (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (wildcard_cases); i++)
    {
      g_autoptr(MktPermissionSet) set = set_from_words (wildcard_cases[i].set);

      g_test_message ("%s allows %s:%s?", wildcard_cases[i].set, wildcard_cases[i].resource,
                      wildcard_cases[i].action);
      g_assert_true (mkt_permission_set_allows (set, wildcard_cases[i].resource, wildcard_cases[i].action) ==
                     wildcard_cases[i].allowed);
    }
}

/* Each action and all it implies, as the issue states the hierarchy. */
static const struct
{
  const char *action;
  const char *implied;
} implication_cases[] = {
  { "read", "read" },
  { "create", "create read" },
  { "update", "update read" },
  { "soft_delete", "soft_delete update read" },
  { "restore", "restore read" },
  { "hard_delete", "hard_delete soft_delete update read" },
  { "view", "view" },
  { "manage", "manage hard_delete soft_delete update read create restore" },
};

static const char * const all_actions[] = {
  "read", "create", "update", "soft_delete", "restore", "hard_delete", "view", "manage", NULL
};

static void
test_implications (void)
{
  const char * const *resources = mkt_permission_resources ();
  guint n_checked = 0;

  for (guint i = 0; i < G_N_ELEMENTS (implication_cases); i++)
    {
      const char *action = implication_cases[i].action;

      for (guint a = 0; all_actions[a] != NULL; a++)
        g_assert_true (mkt_permission_action_implies (action, all_actions[a]) ==
                       word_in (all_actions[a], implication_cases[i].implied));

      /* On every resource that has the action: exactly what it implies
       * there, and nothing anywhere else. */
      for (guint r = 0; resources[r] != NULL; r++)
        {
          const char * const *actions = mkt_permission_resource_actions (resources[r]);
          g_autofree char *permission = NULL;
          g_autoptr(MktPermissionSet) set = NULL;

          if (!g_strv_contains (actions, action))
            continue;

          permission = g_strconcat (resources[r], ":", action, NULL);
          set = set_from_words (permission);

          for (guint other = 0; resources[other] != NULL; other++)
            for (guint a = 0; all_actions[a] != NULL; a++)
              {
                gboolean expected = other == r &&
                                    word_in (all_actions[a], implication_cases[i].implied) &&
                                    g_strv_contains (actions, all_actions[a]);

                g_assert_true (mkt_permission_set_allows (set, resources[other], all_actions[a]) == expected);
              }
          n_checked++;
        }
    }

  g_assert_cmpuint (n_checked, >, G_N_ELEMENTS (implication_cases));
  g_assert_false (mkt_permission_action_implies ("read", "nonsense"));
  g_assert_false (mkt_permission_action_implies ("nonsense", "read"));
}

/* Every resource's actions include what each of them implies: otherwise a
 * permission would imply one that cannot be written. */
static void
test_resource_actions_closed (void)
{
  const char * const *resources = mkt_permission_resources ();

  for (guint r = 0; resources[r] != NULL; r++)
    {
      const char * const *actions = mkt_permission_resource_actions (resources[r]);

      for (guint a = 0; actions[a] != NULL; a++)
        for (guint b = 0; all_actions[b] != NULL; b++)
          if (mkt_permission_action_implies (actions[a], all_actions[b]))
            g_assert_true (g_strv_contains (actions, all_actions[b]));
    }

  g_assert_null (mkt_permission_resource_actions ("nonsense"));
}

/* Default roles -------------------------------------------------------------- */

#define BUSINESS "materials categories products components parts production_runs stock_movements " \
                 "market_events sales"
#define CRUD "read create update soft_delete restore hard_delete"

/* For each role, what it may do on each resource ("*": every action the
 * resource has); a resource a role does not list allows nothing. */
static const struct
{
  const char *role;
  const char *resources;
  const char *actions;
} role_cases[] = {
  { "admin", BUSINESS " users roles audit_logs trash settings", "*" },

  { "manager", BUSINESS, CRUD },
  { "manager", "audit_logs", "view" },
  { "manager", "settings", "read update" },
  { "manager", "trash users roles", "read" },

  { "crafter", BUSINESS, "read create update soft_delete restore" },
  { "crafter", "settings trash", "read" },

  { "viewer", BUSINESS " settings trash", "read" },
};

static const char *
role_actions (const char *role_name,
              const char *resource)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_cases); i++)
    if (g_str_equal (role_cases[i].role, role_name) && word_in (resource, role_cases[i].resources))
      return role_cases[i].actions;

  return "";
}

static void
test_roles (void)
{
  const char * const *roles = mkt_permission_default_roles ();
  const char * const *resources = mkt_permission_resources ();
  g_autofree char *role_names = g_strjoinv (" ", (char **)roles);

  g_assert_cmpstr (role_names, ==, "admin manager crafter viewer");

  for (guint i = 0; roles[i] != NULL; i++)
    {
      g_autoptr(MktPermissionSet) set = role (roles[i]);
      g_auto(GStrv) canonical = mkt_permission_set_to_strv (set);

      /* The table in the code is written canonically. */
      g_assert_cmpstrv (canonical, mkt_permission_default_role_permissions (roles[i]));

      for (guint r = 0; resources[r] != NULL; r++)
        {
          const char * const *actions = mkt_permission_resource_actions (resources[r]);
          const char *expected = role_actions (roles[i], resources[r]);

          for (guint a = 0; actions[a] != NULL; a++)
            {
              gboolean allowed = g_str_equal (expected, "*") || word_in (actions[a], expected);

              g_test_message ("%s on %s:%s", roles[i], resources[r], actions[a]);
              g_assert_true (mkt_permission_set_allows (set, resources[r], actions[a]) == allowed);
            }
        }
    }

  /* Each role can do all that the one below it can. */
  for (guint i = 1; roles[i] != NULL; i++)
    {
      g_autoptr(MktPermissionSet) higher = role (roles[i - 1]);
      g_autoptr(MktPermissionSet) lower = role (roles[i]);
      g_autoptr(MktPermissionSet) both = mkt_permission_set_union (higher, lower);

      g_assert_true (mkt_permission_set_equal (both, higher));
    }
}

static void
test_unknown_role (void)
{
  g_autoptr(MktPermissionSet) set = NULL;
  g_autoptr(GError) error = NULL;

  set = mkt_permission_set_new_for_role ("owner", &error);
  g_assert_error (error, MKT_PERMISSION_ERROR, MKT_PERMISSION_ERROR_UNKNOWN_ROLE);
  g_assert_null (set);
  g_assert_cmpstr (error->message, ==, "There is no role “owner” (the roles are admin, manager, crafter, viewer)");
  g_assert_null (mkt_permission_default_role_permissions ("owner"));
}

static void
test_extra_permissions (void)
{
  g_autoptr(MktPermissionSet) crafter = role ("crafter");
  g_autoptr(MktPermissionSet) viewer = role ("viewer");
  g_autoptr(MktPermissionSet) admin = role ("admin");
  g_autoptr(MktPermissionSet) empty = set_from_words ("");
  g_autoptr(MktPermissionSet) extra = set_from_words ("products:hard_delete audit_logs:view");
  g_autoptr(MktPermissionSet) crafter_plus = mkt_permission_set_union (crafter, extra);
  g_autoptr(MktPermissionSet) viewer_plus = mkt_permission_set_union (viewer, extra);
  g_autoptr(MktPermissionSet) same = mkt_permission_set_union (crafter, empty);
  g_autoptr(MktPermissionSet) all = mkt_permission_set_union (admin, extra);
  g_auto(GStrv) crafter_plus_list = mkt_permission_set_to_strv (crafter_plus);
  g_autofree char *viewer_plus_words = NULL;
  g_autofree char *all_words = NULL;

  g_assert_false (mkt_permission_set_allows (crafter, "products", "hard_delete"));
  g_assert_true (mkt_permission_set_allows (crafter_plus, "products", "hard_delete"));
  g_assert_true (mkt_permission_set_allows (crafter_plus, "audit_logs", "view"));
  g_assert_false (mkt_permission_set_allows (crafter_plus, "materials", "hard_delete"));
  g_assert_true (mkt_permission_set_allows (crafter_plus, "materials", "restore"));

  /* The extra hard_delete takes the place of what it implies. */
  g_assert_true (g_strv_contains ((const char * const *)crafter_plus_list, "products:hard_delete"));
  g_assert_false (g_strv_contains ((const char * const *)crafter_plus_list, "products:soft_delete"));
  g_assert_true (g_strv_contains ((const char * const *)crafter_plus_list, "products:create"));
  g_assert_true (g_strv_contains ((const char * const *)crafter_plus_list, "products:restore"));

  /* A viewer given hard_delete on products may then also update them. */
  g_assert_true (mkt_permission_set_allows (viewer_plus, "products", "update"));
  g_assert_false (mkt_permission_set_allows (viewer_plus, "products", "create"));
  viewer_plus_words = set_to_words (viewer_plus);
  g_assert_cmpstr (viewer_plus_words, ==,
                   "audit_logs:view categories:read components:read market_events:read materials:read "
                   "parts:read production_runs:read products:hard_delete sales:read settings:read "
                   "stock_movements:read trash:read");

  g_assert_true (mkt_permission_set_equal (same, crafter));
  all_words = set_to_words (all);
  g_assert_cmpstr (all_words, ==, "*:*");
}

/* Checks and their messages -------------------------------------------------- */

static const struct
{
  const char          *role;
  const MktEntitySpec *spec;      /* or NULL: check resource */
  const char          *resource;
  const char          *action;
  const char          *message;   /* NULL: allowed */
  const char          *permission;
} check_cases[] = {
  { "crafter", &mkt_product_spec, NULL, "hard_delete",
    "products:hard_delete is needed to delete products permanently", "products:hard_delete" },
  { "viewer", &mkt_material_spec, NULL, "create", "materials:create is needed to add materials",
    "materials:create" },
  { "viewer", &mkt_material_spec, NULL, "update", "materials:update is needed to change materials",
    "materials:update" },
  { "viewer", &mkt_market_line_spec, NULL, "soft_delete",
    "market_events:soft_delete is needed to move market events to the trash", "market_events:soft_delete" },
  { "viewer", &mkt_part_spec, NULL, "restore",
    "parts:restore is needed to restore recipe lines from the trash", "parts:restore" },
  { "viewer", &mkt_product_movement_spec, NULL, "create",
    "stock_movements:create is needed to add stock movements", "stock_movements:create" },
  { "crafter", &mkt_tenant_spec, NULL, "update", "settings:update is needed to change the settings",
    "settings:update" },
  { "crafter", &mkt_user_spec, NULL, "create", "users:create is needed to add users", "users:create" },
  { "crafter", NULL, "audit_logs", "view", "audit_logs:view is needed to view the audit log",
    "audit_logs:view" },
  { "viewer", NULL, "users", "read", "users:read is needed to see users", "users:read" },
  { "manager", NULL, "users", "manage", "users:manage is needed to manage users", "users:manage" },
  { "manager", NULL, "roles", "update", "roles:update is needed to change roles", "roles:update" },
  { "admin", &mkt_change_spec, NULL, "create", "No permission allows acting on a change directly", NULL },
  { "admin", NULL, "audit_logs", "read",
    "No permission allows “audit_logs:read”: there is no such permission", "audit_logs:read" },
  { "admin", NULL, "nonsense", "read", "No permission allows “nonsense:read”: there is no such permission",
    "nonsense:read" },
  { "crafter", &mkt_product_spec, NULL, "soft_delete", NULL, NULL },
  { "crafter", &mkt_sale_spec, NULL, "create", NULL, NULL },
  { "manager", &mkt_product_spec, NULL, "hard_delete", NULL, NULL },
  { "manager", NULL, "audit_logs", "view", NULL, NULL },
  { "viewer", &mkt_tenant_spec, NULL, "read", NULL, NULL },
  { "admin", &mkt_user_spec, NULL, "hard_delete", NULL, NULL },
};

static void
test_check (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (check_cases); i++)
    {
      g_autoptr(MktPermissionSet) set = role (check_cases[i].role);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (check_cases[i].spec != NULL)
        ok = mkt_permission_check (set, check_cases[i].spec, check_cases[i].action, &error);
      else
        ok = mkt_permission_set_check (set, check_cases[i].resource, check_cases[i].action, &error);

      if (check_cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }

      g_assert_false (ok);
      g_assert_error (error, MKT_PERMISSION_ERROR, MKT_PERMISSION_ERROR_DENIED);
      g_assert_cmpstr (error->message, ==, check_cases[i].message);
      g_assert_cmpstr (mkt_permission_error_get_permission (error), ==, check_cases[i].permission);
    }
}

static void
test_spec_resources (void)
{
  const MktEntitySpec * const *entities;
  const char * const *resources = mkt_permission_resources ();
  guint n_entities;

  /* Every entity people act on has a resource that exists; a new entity
   * without one fails here. */
  entities = mkt_schema_list (&n_entities);
  for (guint e = 0; e < n_entities; e++)
    {
      const char *resource = mkt_permission_resource_for_spec (entities[e]);

      g_test_message ("%s", entities[e]->name);
      if (entities[e] == &mkt_change_spec || entities[e]->kind == MKT_ENTITY_CACHE)
        g_assert_null (resource);
      else
        g_assert_true (g_strv_contains (resources, resource));
    }

  g_assert_cmpstr (mkt_permission_resource_for_spec (&mkt_material_spec), ==, "materials");
  g_assert_cmpstr (mkt_permission_resource_for_spec (&mkt_product_movement_spec), ==, "stock_movements");
  g_assert_cmpstr (mkt_permission_resource_for_spec (&mkt_market_line_spec), ==, "market_events");
  g_assert_cmpstr (mkt_permission_resource_for_spec (&mkt_tenant_spec), ==, "settings");
  g_assert_cmpstr (mkt_permission_resource_for_spec (&mkt_audit_spec), ==, "audit_logs");

  g_assert_cmpstr (mkt_permission_action_for_change ("create"), ==, "create");
  g_assert_cmpstr (mkt_permission_action_for_change ("update"), ==, "update");
  g_assert_cmpstr (mkt_permission_action_for_change ("delete"), ==, "soft_delete");
  g_assert_cmpstr (mkt_permission_action_for_change ("restore"), ==, "restore");
  g_assert_cmpstr (mkt_permission_action_for_change ("purge"), ==, "hard_delete");
  g_assert_null (mkt_permission_action_for_change ("cost"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/permission/canonical", test_canonical);
  g_test_add_func ("/permission/long-list", test_long_list);
  g_test_add_func ("/permission/malformed", test_malformed);
  g_test_add_func ("/permission/unknown-resource", test_unknown_resource);
  g_test_add_func ("/permission/json", test_json);
  g_test_add_func ("/permission/wildcards", test_wildcards);
  g_test_add_func ("/permission/implications", test_implications);
  g_test_add_func ("/permission/resource-actions-closed", test_resource_actions_closed);
  g_test_add_func ("/permission/roles", test_roles);
  g_test_add_func ("/permission/unknown-role", test_unknown_role);
  g_test_add_func ("/permission/extra", test_extra_permissions);
  g_test_add_func ("/permission/check", test_check);
  g_test_add_func ("/permission/spec-resources", test_spec_resources);

  return g_test_run ();
}
