/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-product-loader"

#include "config.h"

#include "mkt-core.h"
#include "mkt-product-choice.h"
#include "mkt-product-item.h"
#include "mkt-product-loader.h"
#include "mkt-task-pages.h"

/*
 * Reads the products and components with their costs and on-hand stock on
 * a worker thread, over a connection of its own, and hands them over page
 * by page; then what recipes can use (materials and components), which is
 * the task's result.
 */

typedef struct
{
  char        *db_path;
  guint        page_size;
  MktPageFunc  page_func;
} LoadData;

typedef struct
{
  MktSession  *session;
  MktSettings  settings;
  GHashTable  *on_hand;
  const char  *currency;
} Reader;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->db_path, g_free);
  g_free (data);
}

/* Every active row of @spec in name order, @page_size at a time, through
 * @row_func. */
static gboolean
read_all (GTask                *task,
          MktSession           *session,
          const MktEntitySpec  *spec,
          guint                 page_size,
          MktRowFunc            row_func,
          Reader               *reader,
          GPtrArray            *into,
          LoadData             *data,
          GError              **error)
{
  g_autoptr(MktQuery) query = mkt_query_new ();

  mkt_query_set_sort (query, "name", FALSE);
  mkt_query_set_limit (query, page_size);

  return mkt_task_read_pages (task, session, spec, query, row_func, reader,
                              into, data->page_func, "[mkt] product page", error);
}

static gboolean
add_item (MktRecord  *row,
          GPtrArray  *items,
          gpointer    user_data,
          GError    **error)
{
  Reader *reader = user_data;
  const MktEntitySpec *spec = mkt_record_get_spec (row);
  MktCostTotals totals;
  MktQuantity on_hand = 0;

  if (!mkt_cost_get (reader->session, spec, mkt_record_get_id (row), &totals, error))
    return FALSE;
  if (spec == &mkt_product_spec)
    on_hand = mkt_stock_on_hand_lookup (reader->on_hand, mkt_record_get_id (row));

  g_ptr_array_add (items, mkt_product_item_new (row, &totals, &reader->settings, on_hand, reader->currency));
  return TRUE;
}

static gboolean
add_choice (MktRecord  *row,
            GPtrArray  *choices,
            gpointer    user_data,
            GError    **error)
{
  g_ptr_array_add (choices, mkt_product_choice_new (row));
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
  g_autoptr(MktRecord) tenant = NULL;
  g_autoptr(GHashTable) on_hand = NULL;
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func (g_object_unref);
  Reader reader = { 0 };

  session = mkt_task_open_session (data->db_path, &store, NULL, &error);
  if (session != NULL)
    tenant = mkt_session_get (session, &mkt_tenant_spec, mkt_session_get_tenant_id (session), &error);
  if (tenant == NULL ||
      !mkt_settings_from_tenant (tenant, &reader.settings, &error) ||
      (on_hand = mkt_stock_on_hand_all (session, &mkt_product_spec, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  reader.session = session;
  reader.on_hand = on_hand;
  reader.currency = mkt_session_get_currency (session);

  if (!read_all (task, session, &mkt_product_spec, data->page_size, add_item, &reader, NULL, data, &error) ||
      !read_all (task, session, &mkt_component_spec, data->page_size, add_item, &reader, NULL, data, &error) ||
      !read_all (task, session, &mkt_material_spec, data->page_size, add_choice, &reader, choices, data, &error) ||
      !read_all (task, session, &mkt_component_spec, data->page_size, add_choice, &reader, choices, data, &error))
    {
      /* A cancelled task has already returned. */
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&choices), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * mkt_product_load_async:
 * @source_object: (type GObject): who asks, passed to @page_func and
 *   @callback
 * @db_path: the database file, which the window has made
 * @page_size: how many rows one page holds
 * @page_func: receives each page of #MktProductItem, on the caller's thread
 * @cancellable: (nullable): stops the load; no page arrives after it fires
 * @callback: called when every page has arrived
 * @user_data: for @callback
 *
 * Reads the products, then the components, each in name order.
 */
void
mkt_product_load_async (gpointer              source_object,
                        const char           *db_path,
                        guint                 page_size,
                        MktPageFunc           page_func,
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

  data = g_new0 (LoadData, 1);
  data->db_path = g_strdup (db_path);
  data->page_size = page_size;
  data->page_func = page_func;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, mkt_product_load_async);
  g_task_set_priority (task, G_PRIORITY_DEFAULT_IDLE);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * mkt_product_load_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type MktProductChoice) (nullable): what
 *   recipes can use, materials then components, or %NULL on error
 */
GPtrArray *
mkt_product_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mkt_product_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
