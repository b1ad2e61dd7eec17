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
