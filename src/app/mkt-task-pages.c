/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-task-pages"

#include "config.h"

#include "mkt-task-pages.h"

/* The loaders read on a worker thread and hand rows over a page at a time,
 * on the thread and main context that started the task. */

typedef struct
{
  GTask       *task;
  MktPageFunc  page_func;
  GPtrArray   *items;
} Page;

static void
page_free (Page *page)
{
  g_clear_object (&page->task);
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

static gboolean
deliver_page (gpointer user_data)
{
  Page *page = user_data;

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (page->task)))
    page->page_func (g_task_get_source_object (page->task), page->items);

  return G_SOURCE_REMOVE;
}

/**
 * mkt_task_post_page:
 * @task: a task running in a thread
 * @page_func: receives the page on the task's own context
 * @items: (transfer full): the rows
 * @name: the source's name, for debugging
 *
 * Pages and the task's own completion share one priority, so they arrive
 * in order; loaders start their tasks below redrawing and input, so a long
 * load never stalls the UI. A page arriving after the task was cancelled
 * is dropped.
 */
void
mkt_task_post_page (GTask       *task,
                    MktPageFunc  page_func,
                    GPtrArray   *items,
                    const char  *name)
{
  g_autoptr(GSource) source = g_idle_source_new ();
  Page *page = g_new0 (Page, 1);

  page->task = g_object_ref (task);
  page->page_func = page_func;
  page->items = items;

  g_source_set_priority (source, g_task_get_priority (task));
  g_source_set_static_name (source, name);
  g_source_set_callback (source, deliver_page, page, (GDestroyNotify)page_free);
  g_source_attach (source, g_task_get_context (task));
}

/**
 * mkt_task_open_session:
 * @db_path: the database the window shows
 * @out_store: (out) (transfer full) (nullable): the worker's own
 *   connection; unref it after the session
 * @out_created: (out) (optional): whether the file was new
 * @error: return location for an error
 *
 * A worker thread reads on a connection of its own, never the window's:
 * opens one on @db_path and a session of the local user on it.
 *
 * Returns: (transfer full) (nullable): the session, or %NULL with @error set
 */
MktSession *
mkt_task_open_session (const char      *db_path,
                       MktSqliteStore **out_store,
                       gboolean        *out_created,
                       GError         **error)
{
  *out_store = mkt_sqlite_store_new (db_path, error);
  if (*out_store == NULL)
    return NULL;

  return mkt_local_session_new (*out_store, NULL, NULL, out_created, error);
}

/**
 * mkt_task_read_pages:
 * @task: a task running in a thread
 * @session: the worker's session (mkt_task_open_session())
 * @spec: what to read
 * @query: its filters, sort and page size; its cursor moves on
 * @row_func: turns each row into items
 * @user_data: for @row_func
 * @into: (nullable): where the items go; %NULL to post each page to
 *   @page_func instead
 * @page_func: (nullable): receives the pages, when @into is %NULL
 * @name: the pages' name, for debugging
 * @error: return location for an error
 *
 * Reads every row @query matches, a page at a time, until the last page or
 * until @task is cancelled (a cancelled task returns its error at once).
 *
 * Returns: %TRUE once every row was read; %FALSE with @error set when
 *   reading failed, or with @error unset when @task was cancelled and has
 *   returned already
 */
gboolean
mkt_task_read_pages (GTask                *task,
                     MktSession           *session,
                     const MktEntitySpec  *spec,
                     MktQuery             *query,
                     MktRowFunc            row_func,
                     gpointer              user_data,
                     GPtrArray            *into,
                     MktPageFunc           page_func,
                     const char           *name,
                     GError              **error)
{
  g_return_val_if_fail (into != NULL || page_func != NULL, FALSE);

  for (;;)
    {
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GPtrArray) items = NULL;
      g_autofree char *next_cursor = NULL;

      if (g_task_return_error_if_cancelled (task))
        return FALSE;

      rows = mkt_session_list (session, spec, query, &next_cursor, error);
      if (rows == NULL)
        return FALSE;

      items = into != NULL ? g_ptr_array_ref (into) : g_ptr_array_new_full (rows->len, g_object_unref);
      for (guint i = 0; i < rows->len; i++)
        if (!row_func (g_ptr_array_index (rows, i), items, user_data, error))
          return FALSE;

      if (into == NULL && items->len > 0)
        mkt_task_post_page (task, page_func, g_steal_pointer (&items), name);

      if (next_cursor == NULL)
        return TRUE;
      mkt_query_set_cursor (query, next_cursor);
    }
}
