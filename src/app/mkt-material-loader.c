/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-material-loader"

#include "config.h"

#include "mkt-core.h"
#include "mkt-task-pages.h"
#include "mkt-material-item.h"
#include "mkt-material-loader.h"

/*
 * Reads the materials of the desktop database on a worker thread, over a
 * connection of its own, and hands them to the main thread page by page: the
 * first rows show while the rest are still read, and the UI thread never
 * waits on SQLite.
 */

typedef struct
{
  char                *db_path;
  gboolean             demo_if_new;
  guint                page_size;
  MktMaterialPageFunc  page_func;
  gboolean             demo_loaded;
  /* The business's categories, in name order, for the list's filter. */
  GStrv                category_ids;
  GStrv                category_names;
} LoadData;


/* What the rows need, on the worker thread. */
typedef struct
{
  GHashTable *on_hand;
  GHashTable *unit_costs;
  const char *currency;
} Reader;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->db_path, g_free);
  g_clear_pointer (&data->category_ids, g_strfreev);
  g_clear_pointer (&data->category_names, g_strfreev);
  g_free (data);
}

static gboolean
add_item (MktRecord  *row,
          GPtrArray  *items,
          gpointer    user_data,
          GError    **error)
{
  Reader *reader = user_data;
  MktQuantity quantity = mkt_stock_on_hand_lookup (reader->on_hand, mkt_record_get_id (row));
  MktUnitCost unit_cost;

  mkt_cost_material_unit_cost_lookup (reader->unit_costs, row, &unit_cost);
  g_ptr_array_add (items, mkt_material_item_new_full (row, quantity, &unit_cost, reader->currency));
  return TRUE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(GHashTable) on_hand = NULL;
  g_autoptr(GHashTable) unit_costs = NULL;
  g_autoptr(MktQuery) query = NULL;
  g_autoptr(MktQuery) category_query = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  const char *currency;
  gboolean created = FALSE;
  Reader reader;

  session = mkt_task_open_session (data->db_path, &store, &created, &error);
  if (session == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->demo_if_new && created && !mkt_demo_load (session, &data->demo_loaded, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  currency = mkt_session_get_currency (session);

  /* The on-hand stock and the unit costs of every material, each from one
   * read of the ledger a page at a time (a query per row would be most of
   * the load; the whole ledger at once, most of the memory). */
  if ((on_hand = mkt_stock_on_hand_all (session, &mkt_material_spec, &error)) == NULL ||
      (unit_costs = mkt_cost_material_unit_costs (session, NULL, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  category_query = mkt_query_new ();
  mkt_query_set_sort (category_query, "name", FALSE);
  categories = mkt_session_list (session, &mkt_category_spec, category_query, NULL, &error);
  if (categories == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < categories->len; i++)
    {
      MktRecord *category = g_ptr_array_index (categories, i);
      const char *name = mkt_record_get_string (category, "name");

      g_strv_builder_add (ids, mkt_record_get_id (category));
      g_strv_builder_add (names, name != NULL ? name : "");
    }
  data->category_ids = g_strv_builder_end (ids);
  data->category_names = g_strv_builder_end (names);

  query = mkt_query_new ();
  mkt_query_set_sort (query, "name", FALSE);
  mkt_query_set_limit (query, data->page_size);

  reader.on_hand = on_hand;
  reader.unit_costs = unit_costs;
  reader.currency = currency;
  if (!mkt_task_read_pages (task, session, &mkt_material_spec, query, add_item, &reader,
                            NULL, data->page_func, "[mkt] material page", &error))
    {
      /* A cancelled task has already returned. */
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * mkt_material_load_async:
 * @source_object: (type GObject): who asks, passed to @page_func and
 *   @callback
 * @db_path: the database file
 * @demo_if_new: load the demo shop into a business made now (the app's
 *   first start on this file); a business someone made empty stays so
 * @page_size: how many rows one page holds
 * @page_func: receives each page, on the caller's thread
 * @cancellable: (nullable): stops the load; no page arrives after it fires
 * @callback: called when every page has arrived
 * @user_data: for @callback
 *
 * Opens @db_path (making it and its business on first use) on a worker
 * thread and reads the materials with their on-hand stock and unit cost, in
 * name order, and the business's categories.
 */
void
mkt_material_load_async (gpointer              source_object,
                         const char           *db_path,
                         gboolean              demo_if_new,
                         guint                 page_size,
                         MktMaterialPageFunc   page_func,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (G_IS_OBJECT (source_object));
  g_return_if_fail (db_path != NULL);
  g_return_if_fail (page_size > 0);
  g_return_if_fail (page_func != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (LoadData, 1);
  data->db_path = g_strdup (db_path);
  data->demo_if_new = demo_if_new;
  data->page_size = page_size;
  data->page_func = page_func;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, mkt_material_load_async);
  g_task_set_priority (task, G_PRIORITY_DEFAULT_IDLE);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * mkt_material_load_finish:
 * @result: the result given to the callback
 * @out_demo_loaded: (out) (optional): whether the demo shop was loaded now
 * @out_category_ids: (out) (optional) (transfer full): the categories'
 *   ids, in name order
 * @out_category_names: (out) (optional) (transfer full): their names
 * @error: return location for an error
 *
 * Returns: %TRUE when every row was read
 */
gboolean
mkt_material_load_finish (GAsyncResult  *result,
                          gboolean      *out_demo_loaded,
                          GStrv         *out_category_ids,
                          GStrv         *out_category_names,
                          GError       **error)
{
  GTask *task = G_TASK (result);
  LoadData *data;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (task) == mkt_material_load_async, FALSE);

  data = g_task_get_task_data (task);
  if (!g_task_propagate_boolean (task, error))
    return FALSE;

  if (out_demo_loaded != NULL)
    *out_demo_loaded = data->demo_loaded;
  if (out_category_ids != NULL)
    *out_category_ids = g_strdupv (data->category_ids);
  if (out_category_names != NULL)
    *out_category_names = g_strdupv (data->category_names);

  return TRUE;
}
