/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-cost"

#include "config.h"

#include <string.h>

#include "mkt-cost-private.h"
#include "mkt-error.h"
#include "mkt-session-private.h"
#include "mkt-time.h"

/* Incremental ---------------------------------------------------------------- */

/* Adds the parents of every part that uses @child (a material or component)
 * to @components and @products. */
static gboolean
add_users (Calc        *calc,
           const char  *child_field,
           const char  *child_id,
           GHashTable  *components,
           GQueue      *pending,
           GHashTable  *products,
           GError     **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) parts = NULL;

  mkt_query_add_filter (query, child_field, MKT_FILTER_EQ, g_variant_new_string (child_id));
  parts = mkt_store_list (calc->store, &mkt_part_spec, calc->tenant_id, query, NULL, error);
  if (parts == NULL)
    return FALSE;

  for (guint i = 0; i < parts->len; i++)
    {
      MktRecord *part = g_ptr_array_index (parts, i);
      const char *product = mkt_record_get_string (part, "product_id");
      const char *component = mkt_record_get_string (part, "parent_component_id");

      if (product != NULL)
        g_hash_table_add (products, g_strdup (product));
      else if (component != NULL && g_hash_table_add (components, g_strdup (component)))
        g_queue_push_tail (pending, g_strdup (component));
    }

  return TRUE;
}

/**
 * mkt_cost_recompute_from:
 * @session: a session, in the transaction of the change
 * @material_ids: (nullable) (array zero-terminated=1): materials whose cost
 *   changed
 * @component_ids: (nullable) (array zero-terminated=1): components whose
 *   recipe or labour changed
 * @product_ids: (nullable) (array zero-terminated=1): products whose recipe
 *   or labour changed
 * @out_n_nodes: (out) (optional): how many products and components were
 *   computed
 * @error: return location for an error
 *
 * Recomputes the cached cost of exactly what the change can reach: the
 * given components and products and, walking the recipes upwards, every
 * component and product that contains them. Product cost changes are
 * audited.
 */
gboolean
mkt_cost_recompute_from (MktSession          *session,
                         const char * const  *material_ids,
                         const char * const  *component_ids,
                         const char * const  *product_ids,
                         guint               *out_n_nodes,
                         GError             **error)
{
  g_auto(Calc) calc;
  g_autoptr(GHashTable) components = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) products = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GQueue pending = G_QUEUE_INIT;
  GHashTableIter iter;
  gpointer key;
  gboolean ok = TRUE;

  g_return_val_if_fail (MKT_IS_SESSION (session), FALSE);

  mkt_cost_calc_init (&calc, session);
  if (!mkt_cost_calc_load_settings (&calc, error))
    return FALSE;

  for (guint i = 0; material_ids != NULL && material_ids[i] != NULL && ok; i++)
    ok = add_users (&calc, "material_id", material_ids[i], components, &pending, products, error);
  for (guint i = 0; component_ids != NULL && component_ids[i] != NULL; i++)
    if (g_hash_table_add (components, g_strdup (component_ids[i])))
      g_queue_push_tail (&pending, g_strdup (component_ids[i]));
  for (guint i = 0; product_ids != NULL && product_ids[i] != NULL; i++)
    g_hash_table_add (products, g_strdup (product_ids[i]));

  /* Upwards: whatever contains a reached component is reached too. */
  while (ok && !g_queue_is_empty (&pending))
    {
      g_autofree char *component = g_queue_pop_head (&pending);
      ok = add_users (&calc, "component_id", component, components, &pending, products, error);
    }
  g_queue_clear_full (&pending, g_free);
  if (!ok)
    return FALSE;

  calc.affected = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, components);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (calc.affected, key);
  g_hash_table_iter_init (&iter, products);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (calc.affected, key);

  g_hash_table_iter_init (&iter, components);
  while (ok && g_hash_table_iter_next (&iter, &key, NULL))
    ok = mkt_cost_compute_and_store (&calc, &mkt_component_spec, key, error);
  g_hash_table_iter_init (&iter, products);
  while (ok && g_hash_table_iter_next (&iter, &key, NULL))
    ok = mkt_cost_compute_and_store (&calc, &mkt_product_spec, key, error);

  if (ok && out_n_nodes != NULL)
    *out_n_nodes = g_hash_table_size (calc.affected);

  return ok;
}

/* Full ----------------------------------------------------------------------- */

/* Reads every row a query selects a page at a time, so that a catalogue of
 * a quarter of a million recipe lines is never in memory as records. */
typedef gboolean (*RowFunc) (Calc       *calc,
                             MktRecord  *row,
                             gpointer    data,
                             GError    **error);

#define PAGE_SIZE 4096

typedef struct
{
  Calc     *calc;
  RowFunc   func;
  gpointer  data;
} ForEach;

static gboolean
for_each_page (GPtrArray  *rows,
               gpointer    user_data,
               GError    **error)
{
  ForEach *each = user_data;

  for (guint i = 0; i < rows->len; i++)
    if (!each->func (each->calc, g_ptr_array_index (rows, i), each->data, error))
      return FALSE;

  return TRUE;
}

static gboolean
for_each_row (Calc                 *calc,
              const MktEntitySpec  *spec,
              MktQuery             *query,
              RowFunc               func,
              gpointer              data,
              GError              **error)
{
  ForEach each = { calc, func, data };

  return mkt_store_list_pages (calc->store, spec, calc->tenant_id, query, PAGE_SIZE, for_each_page, &each, error);
}

static gboolean
keep_line (Calc       *calc,
           MktRecord  *part,
           gpointer    data,
           GError    **error)
{
  const char *parent = mkt_record_get_string (part, "product_id");
  GArray *lines;
  Line line;

  if (parent == NULL)
    parent = mkt_record_get_string (part, "parent_component_id");
  parent = g_string_chunk_insert_const (calc->strings, parent);

  lines = g_hash_table_lookup (calc->lines, parent);
  if (lines == NULL)
    {
      lines = g_array_sized_new (FALSE, FALSE, sizeof (Line), 4);
      g_hash_table_insert (calc->lines, (gpointer)parent, lines);
    }

  line = mkt_cost_line_from_part (calc, part);
  g_array_append_val (lines, line);
  return TRUE;
}

static gboolean
keep_purchase (Calc       *calc,
               MktRecord  *movement,
               gpointer    data,
               GError    **error)
{
  const char *material = mkt_record_get_string (movement, "material_id");
  GPtrArray *group = g_hash_table_lookup (calc->purchases, material);

  if (group == NULL)
    {
      group = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (calc->purchases, g_strdup (material), group);
    }
  g_ptr_array_add (group, g_object_ref (movement));
  return TRUE;
}

static gboolean
keep_material (Calc       *calc,
               MktRecord  *material,
               gpointer    data,
               GError    **error)
{
  g_hash_table_insert (calc->materials, g_strdup (mkt_record_get_id (material)), g_object_ref (material));
  return TRUE;
}

/* Keeps a node's labour and, in @data, its id, to compute it later. */
static gboolean
keep_node (Calc       *calc,
           MktRecord  *node,
           gpointer    data,
           GError    **error)
{
  const char *id = g_string_chunk_insert_const (calc->strings, mkt_record_get_id (node));
  MktQuantity minutes = mkt_record_get_int (node, "labour_minutes");

  g_hash_table_insert (calc->labour, (gpointer)id, g_memdup2 (&minutes, sizeof minutes));
  if (data != NULL)
    g_ptr_array_add (data, (gpointer)id);
  return TRUE;
}

static gboolean
read_all (Calc                 *calc,
          const MktEntitySpec  *spec,
          MktDeletedFilter      deleted,
          const char           *kind,
          RowFunc               func,
          gpointer              data,
          GError              **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();

  mkt_query_set_deleted (query, deleted);
  if (kind != NULL)
    mkt_query_add_filter (query, "kind", MKT_FILTER_EQ, g_variant_new_string (kind));
  return for_each_row (calc, spec, query, func, data, error);
}

/**
 * mkt_cost_recompute_all:
 * @session: a session
 * @out_n_nodes: (out) (optional): how many products and components were
 *   computed
 * @error: return location for an error
 *
 * Recomputes the cost of every product and component, reading the
 * recipes, materials and purchases once. For a change every cost depends
 * on (the labour rate, the overhead, the cost method), and to check the
 * incremental path.
 */
gboolean
mkt_cost_recompute_all (MktSession  *session,
                        guint       *out_n_nodes,
                        GError     **error)
{
  g_auto(Calc) calc;
  g_autoptr(GPtrArray) components = g_ptr_array_new ();
  g_autoptr(GPtrArray) products = g_ptr_array_new ();
  gboolean ok = TRUE;

  g_return_val_if_fail (MKT_IS_SESSION (session), FALSE);

  mkt_cost_calc_init (&calc, session);
  if (!mkt_cost_calc_load_settings (&calc, error))
    return FALSE;

  calc.lines = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_array_unref);
  calc.purchases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  calc.labour = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  /* Deleted materials and components still count where recipes use them;
   * deleted products get theirs again when they are restored. */
  if (!read_all (&calc, &mkt_part_spec, MKT_DELETED_EXCLUDE, NULL, keep_line, NULL, error) ||
      !read_all (&calc, &mkt_material_spec, MKT_DELETED_INCLUDE, NULL, keep_material, NULL, error) ||
      !read_all (&calc, &mkt_stock_movement_spec, MKT_DELETED_EXCLUDE, "purchase", keep_purchase, NULL, error) ||
      !read_all (&calc, &mkt_component_spec, MKT_DELETED_INCLUDE, NULL, keep_node, components, error) ||
      !read_all (&calc, &mkt_product_spec, MKT_DELETED_EXCLUDE, NULL, keep_node, products, error))
    return FALSE;

  for (guint i = 0; ok && i < components->len; i++)
    ok = mkt_cost_compute_and_store (&calc, &mkt_component_spec, g_ptr_array_index (components, i), error);
  for (guint i = 0; ok && i < products->len; i++)
    ok = mkt_cost_compute_and_store (&calc, &mkt_product_spec, g_ptr_array_index (products, i), error);

  if (ok && out_n_nodes != NULL)
    *out_n_nodes = components->len + products->len;

  return ok;
}

/* Following changes ---------------------------------------------------------- */

static gboolean
note (MktSession  *session,
      GHashTable **set,
      const char  *id)
{
  if (id == NULL)
    return TRUE;

  if (*set == NULL)
    *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (*set, g_strdup (id));
  return TRUE;
}

gboolean
mkt_cost_note_material (MktSession  *session,
                        const char  *material_id,
                        GError     **error)
{
  return note (session, &session->cost_materials, material_id);
}

gboolean
mkt_cost_note_component (MktSession  *session,
                         const char  *component_id,
                         GError     **error)
{
  return note (session, &session->cost_components, component_id);
}

gboolean
mkt_cost_note_product (MktSession  *session,
                       const char  *product_id,
                       GError     **error)
{
  return note (session, &session->cost_products, product_id);
}

gboolean
mkt_cost_note_everything (MktSession  *session,
                          GError     **error)
{
  session->cost_everything = TRUE;
  return TRUE;
}

void
mkt_cost_forget (MktSession *session)
{
  g_clear_pointer (&session->cost_materials, g_hash_table_unref);
  g_clear_pointer (&session->cost_components, g_hash_table_unref);
  g_clear_pointer (&session->cost_products, g_hash_table_unref);
  session->cost_everything = FALSE;
}

static char **
keys (GHashTable *set)
{
  return set != NULL ? (char **)g_hash_table_get_keys_as_array (set, NULL) : NULL;
}

/* Past this many noted changes in one batch (an import), one full pass reads
 * less than following each of them. */
#define FULL_RECOMPUTE_THRESHOLD 2000

/**
 * mkt_cost_flush:
 * @session: a session whose transaction is about to commit
 * @error: return location for an error
 *
 * Recomputes what the transaction's changes reached, in the transaction.
 */
gboolean
mkt_cost_flush (MktSession  *session,
                GError     **error)
{
  g_autofree char **materials = NULL;
  g_autofree char **components = NULL;
  g_autofree char **products = NULL;
  guint n_noted;
  gboolean ok;

  n_noted = (session->cost_materials ? g_hash_table_size (session->cost_materials) : 0) +
            (session->cost_components ? g_hash_table_size (session->cost_components) : 0) +
            (session->cost_products ? g_hash_table_size (session->cost_products) : 0);

  if (!session->cost_everything && n_noted == 0)
    return TRUE;

  if (session->cost_everything || n_noted > FULL_RECOMPUTE_THRESHOLD)
    {
      ok = mkt_cost_recompute_all (session, NULL, error);
      mkt_cost_forget (session);
      return ok;
    }

  materials = keys (session->cost_materials);
  components = keys (session->cost_components);
  products = keys (session->cost_products);
  ok = mkt_cost_recompute_from (session, (const char * const *)materials, (const char * const *)components,
                                (const char * const *)products, NULL, error);

  /* The keys belong to the sets: free the arrays, then the sets. */
  g_clear_pointer (&materials, g_free);
  g_clear_pointer (&components, g_free);
  g_clear_pointer (&products, g_free);
  mkt_cost_forget (session);
  return ok;
}
