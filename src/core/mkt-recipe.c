/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-recipe"

#include "config.h"

#include "mkt-cost-private.h"
#include "mkt-error.h"
#include "mkt-rules-private.h"
#include "mkt-session-private.h"
#include "mkt-settings.h"
#include "mkt-unit.h"

/* The rules of recipes (parts), and which costs a change reaches. */

static gboolean
changed_any (const MktEntitySpec *spec,
             guint64              changed,
             const char * const  *fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      int index = mkt_entity_spec_field_index (spec, fields[i]);

      g_assert (index >= 0);
      if (changed & (G_GUINT64_CONSTANT (1) << index))
        return TRUE;
    }

  return FALSE;
}

/* tenant --------------------------------------------------------------------- */

gboolean
mkt_tenant_validate (MktRecord  *record,
                     GError    **error)
{
  MktSettings settings;

  return mkt_settings_from_tenant (record, &settings, error);
}

/* Compares with the row as stored: only settings that change costs make
 * every cost be computed again (when the transaction ends). */
gboolean
mkt_tenant_check (MktSession  *session,
                  MktRecord   *record,
                  const char  *action,
                  GError     **error)
{
  g_autoptr(MktRecord) stored = NULL;
  MktSettings before, after;

  if (mkt_record_get_id (record) == NULL)
    return TRUE;

  stored = mkt_session_get_any (session, &mkt_tenant_spec, mkt_record_get_id (record), NULL);
  if (stored == NULL)
    return TRUE;

  if (!mkt_settings_from_tenant (stored, &before, NULL))
    mkt_settings_init_defaults (&before);
  if (!mkt_settings_from_tenant (record, &after, error))
    return FALSE;

  if (mkt_settings_cost_equal (&before, &after))
    return TRUE;

  return mkt_cost_note_everything (session, error);
}

/* material ------------------------------------------------------------------- */

static const char * const material_cost_fields[] = {
  "unit", "purchase_unit", "purchase_size", "purchase_price", NULL
};

static GPtrArray *
parts_using (MktSession  *session,
             const char  *field,
             const char  *id,
             GError     **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();

  mkt_query_add_filter (query, field, MKT_FILTER_EQ, g_variant_new_string (id));
  return mkt_session_list (session, &mkt_part_spec, query, NULL, error);
}

static char *
part_parent_name (MktSession *session,
                  MktRecord  *part)
{
  const char *product = mkt_record_get_string (part, "product_id");
  const MktEntitySpec *spec = product ? &mkt_product_spec : &mkt_component_spec;
  const char *id = product ? product : mkt_record_get_string (part, "parent_component_id");
  g_autoptr(MktRecord) parent = mkt_session_get_any (session, spec, id, NULL);

  return g_strdup (parent ? mkt_record_get_title (parent) : id);
}

/* A material's unit or pack may change only if every recipe that uses it
 * can still say how much. */
gboolean
mkt_material_check (MktSession  *session,
                    MktRecord   *record,
                    const char  *action,
                    GError     **error)
{
  g_autoptr(GPtrArray) parts = NULL;

  /* A new material is in no recipe yet. */
  if (g_str_equal (action, "create"))
    return TRUE;

  parts = parts_using (session, "material_id", mkt_record_get_id (record), error);
  if (parts == NULL)
    return FALSE;

  for (guint i = 0; i < parts->len; i++)
    {
      MktRecord *part = g_ptr_array_index (parts, i);
      g_autoptr(GError) unit_error = NULL;
      MktQuantity quantity;

      if (!mkt_cost_part_quantity (part, record, &quantity, &unit_error))
        {
          g_autofree char *parent = part_parent_name (session, part);

          mkt_set_validation_error (error, "unit", MKT_VALIDATION_ERROR_INVALID,
                                    "the recipe of “%s” uses it in %s, which %s would not convert (%s)",
                                    parent, mkt_record_get_string (part, "unit"),
                                    mkt_record_get_string (record, "unit"), unit_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
mkt_material_after_write (MktSession  *session,
                          MktRecord   *record,
                          const char  *action,
                          guint64      changed,
                          GError     **error)
{
  if (g_str_equal (action, "update") && changed_any (&mkt_material_spec, changed, material_cost_fields))
    return mkt_cost_note_material (session, mkt_record_get_id (record), error);

  return TRUE;
}

gboolean
mkt_stock_movement_after_write (MktSession  *session,
                                MktRecord   *record,
                                const char  *action,
                                guint64      changed,
                                GError     **error)
{
  /* A purchase moves the average (or is the last purchase). */
  if (g_str_equal (action, "create") && g_str_equal (mkt_record_get_string (record, "kind"), "purchase"))
    return mkt_cost_note_material (session, mkt_record_get_string (record, "material_id"), error);

  return TRUE;
}

/* component and product ------------------------------------------------------ */

static const char * const labour_fields[] = { "labour_minutes", NULL };

gboolean
mkt_component_after_write (MktSession  *session,
                           MktRecord   *record,
                           const char  *action,
                           guint64      changed,
                           GError     **error)
{
  if (g_str_equal (action, "create") ||
      (g_str_equal (action, "update") && changed_any (&mkt_component_spec, changed, labour_fields)))
    return mkt_cost_note_component (session, mkt_record_get_id (record), error);

  return TRUE;
}

gboolean
mkt_product_after_write (MktSession  *session,
                         MktRecord   *record,
                         const char  *action,
                         guint64      changed,
                         GError     **error)
{
  if (g_str_equal (action, "create") || g_str_equal (action, "restore") ||
      (g_str_equal (action, "update") && changed_any (&mkt_product_spec, changed, labour_fields)))
    return mkt_cost_note_product (session, mkt_record_get_id (record), error);

  return TRUE;
}

/* part ----------------------------------------------------------------------- */

gboolean
mkt_part_validate (MktRecord  *record,
                   GError    **error)
{
  gboolean in_product = mkt_record_has (record, "product_id");
  gboolean in_component = mkt_record_has (record, "parent_component_id");
  gboolean of_material = mkt_record_has (record, "material_id");
  gboolean of_component = mkt_record_has (record, "component_id");

  if (in_product == in_component)
    {
      mkt_set_validation_error (error, in_product ? "parent_component_id" : "product_id",
                                MKT_VALIDATION_ERROR_REQUIRED,
                                "a part belongs to one product or one component");
      return FALSE;
    }

  if (of_material == of_component)
    {
      mkt_set_validation_error (error, of_material ? "component_id" : "material_id",
                                MKT_VALIDATION_ERROR_REQUIRED,
                                "a part is one material or one component");
      return FALSE;
    }

  if (of_component)
    {
      const MktUnit *unit = mkt_unit_lookup (mkt_record_get_string (record, "unit"));

      if (unit == NULL || unit->dimension != MKT_DIMENSION_COUNT)
        {
          mkt_set_validation_error (error, "unit", MKT_VALIDATION_ERROR_INVALID,
                                    "a component is counted in pieces (pc), not “%s”",
                                    mkt_record_get_string (record, "unit"));
          return FALSE;
        }
    }

  return TRUE;
}

/* How many levels of components lie below component @from (0: none), with
 * @memo keeping what is known. If @target is among them, *@found is set and
 * @path collects the way from @target back up to @from, for the error.
 * Returns -1 on error. */
static int
depth_below (MktSession  *session,
             const char  *from,
             const char  *target,
             GHashTable  *memo,
             GPtrArray   *path,
             gboolean    *found,
             GError     **error)
{
  g_autoptr(GPtrArray) parts = NULL;
  gpointer known;
  int deepest = 0;

  if (g_str_equal (from, target))
    {
      g_ptr_array_add (path, g_strdup (from));
      *found = TRUE;
      return 0;
    }

  if (g_hash_table_lookup_extended (memo, from, NULL, &known))
    return GPOINTER_TO_INT (known);

  /* Guards a database edited by hand: a cycle that does not pass @target. */
  g_hash_table_insert (memo, g_strdup (from), GINT_TO_POINTER (MKT_RECIPE_MAX_DEPTH));

  parts = parts_using (session, "parent_component_id", from, error);
  if (parts == NULL)
    return -1;

  for (guint i = 0; i < parts->len; i++)
    {
      const char *child = mkt_record_get_string (g_ptr_array_index (parts, i), "component_id");
      int depth;

      if (child == NULL)
        continue;

      depth = depth_below (session, child, target, memo, path, found, error);
      if (depth < 0)
        return -1;
      if (*found)
        {
          g_ptr_array_add (path, g_strdup (from));
          return 0;
        }
      deepest = MAX (deepest, depth + 1);
    }

  g_hash_table_insert (memo, g_strdup (from), GINT_TO_POINTER (deepest));
  return deepest;
}

/* How many levels of components lie above component @id (0: none, only
 * products or nothing use it). -1 on error. */
static int
depth_above (MktSession  *session,
             const char  *id,
             GHashTable  *memo,
             GError     **error)
{
  g_autoptr(GPtrArray) parts = NULL;
  gpointer known;
  int highest = 0;

  if (g_hash_table_lookup_extended (memo, id, NULL, &known))
    return GPOINTER_TO_INT (known);
  g_hash_table_insert (memo, g_strdup (id), GINT_TO_POINTER (MKT_RECIPE_MAX_DEPTH));

  parts = parts_using (session, "component_id", id, error);
  if (parts == NULL)
    return -1;

  for (guint i = 0; i < parts->len; i++)
    {
      const char *parent = mkt_record_get_string (g_ptr_array_index (parts, i), "parent_component_id");
      int depth;

      /* Products are not levels: only components count. */
      if (parent == NULL)
        continue;
      if ((depth = depth_above (session, parent, memo, error)) < 0)
        return -1;
      highest = MAX (highest, depth + 1);
    }

  g_hash_table_insert (memo, g_strdup (id), GINT_TO_POINTER (highest));
  return highest;
}

static char *
component_name (MktSession *session,
                const char *id)
{
  g_autoptr(MktRecord) component = mkt_session_get_any (session, &mkt_component_spec, id, NULL);

  return g_strdup (component ? mkt_record_get_title (component) : id);
}

gboolean
mkt_part_check (MktSession  *session,
                MktRecord   *record,
                const char  *action,
                GError     **error)
{
  const char *parent = mkt_record_get_string (record, "parent_component_id");
  const char *child = mkt_record_get_string (record, "component_id");
  const char *material_id = mkt_record_get_string (record, "material_id");

  if (material_id != NULL)
    {
      g_autoptr(MktRecord) material = mkt_session_get_any (session, &mkt_material_spec, material_id, error);
      g_autoptr(GError) unit_error = NULL;
      MktQuantity quantity;

      if (material == NULL)
        return FALSE;

      if (!mkt_cost_part_quantity (record, material, &quantity, &unit_error))
        {
          g_autofree char *label = mkt_record_dup_label (material);

          mkt_set_validation_error (error, "unit", MKT_VALIDATION_ERROR_INVALID,
                                    "%s (“%s” is counted in %s)", unit_error->message,
                                    label, mkt_record_get_string (material, "unit"));
          return FALSE;
        }
      return TRUE;
    }

  if (child != NULL)
    {
      g_autoptr(GHashTable) below_memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) above_memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func (g_free);
      gboolean found = FALSE;
      int below, above = 0;

      /* The new line makes parent contain child: a cycle if child already
       * contains parent. A product is never inside anything. */
      below = depth_below (session, child, parent ? parent : "", below_memo, path, &found, error);
      if (below < 0)
        return FALSE;

      if (found)
        {
          GString *names = g_string_new (NULL);

          g_autofree char *parent_name = component_name (session, parent);
          g_string_append (names, parent_name);
          /* path runs from parent (found) back up to child. */
          for (guint i = path->len; i-- > 0;)
            {
              g_autofree char *name = component_name (session, g_ptr_array_index (path, i));
              g_string_append_printf (names, " → %s", name);
            }

          mkt_set_validation_error (error, "component_id", MKT_VALIDATION_ERROR_INVALID,
                                    "this would make a cycle: %s", names->str);
          g_string_free (names, TRUE);
          return FALSE;
        }

      if (parent != NULL && (above = depth_above (session, parent, above_memo, error)) < 0)
        return FALSE;

      /* Levels of components in the longest chain the line would make. */
      if (above + (parent != NULL) + 1 + below > MKT_RECIPE_MAX_DEPTH)
        {
          mkt_set_validation_error (error, "component_id", MKT_VALIDATION_ERROR_OUT_OF_RANGE,
                                    "components may nest at most %d deep; this would make %d",
                                    MKT_RECIPE_MAX_DEPTH, above + (parent != NULL) + 1 + below);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
mkt_part_after_write (MktSession  *session,
                      MktRecord   *record,
                      const char  *action,
                      guint64      changed,
                      GError     **error)
{
  const char *product = mkt_record_get_string (record, "product_id");

  if (product != NULL)
    return mkt_cost_note_product (session, product, error);

  return mkt_cost_note_component (session, mkt_record_get_string (record, "parent_component_id"), error);
}
