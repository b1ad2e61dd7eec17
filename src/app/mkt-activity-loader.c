/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-activity-loader"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-activity-format.h"
#include "mkt-activity-item.h"
#include "mkt-activity-loader.h"
#include "mkt-core.h"
#include "mkt-task-pages.h"

/*
 * Reads the audit log on a worker thread, over a connection of its own, and
 * hands it to the main thread page by page, newest first, with its words
 * already made: the log grows with every edit and the UI thread never waits
 * on it.
 */

typedef struct
{
  char                *db_path;
  char                *entity;
  guint                page_size;
  MktActivityPageFunc  page_func;
} LoadData;


/* Names rows on the worker thread, each once. */
typedef struct
{
  MktSession *session;
  GHashTable *titles;
  const char *currency;
} Titles;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->db_path, g_free);
  g_clear_pointer (&data->entity, g_free);
  g_free (data);
}

/* A purged row is gone: then the audit's own values are all there is. */
static char *
lookup_title_cb (const MktEntitySpec *spec,
                 const char          *id,
                 gpointer             user_data)
{
  Titles *titles = user_data;
  g_autofree char *key = g_strconcat (spec->name, ":", id, NULL);
  g_autoptr(MktRecord) row = NULL;
  const char *title;

  if (g_hash_table_lookup_extended (titles->titles, key, NULL, (gpointer *)&title))
    return g_strdup (title);

  if (spec->title_field != NULL)
    row = mkt_session_get_any (titles->session, spec, id, NULL);
  title = row != NULL ? mkt_record_get_title (row) : NULL;
  g_hash_table_insert (titles->titles, g_steal_pointer (&key), g_strdup (title));

  return g_strdup (title);
}

static MktActivityItem *
item_from_audit (MktRecord  *audit,
                 Titles     *titles,
                 const char *currency)
{
  const char *entity = mkt_record_get_string (audit, "entity");
  const char *entity_id = mkt_record_get_string (audit, "entity_id");
  const char *action = mkt_record_get_string (audit, "action");
  const char *old_values = mkt_record_get_string (audit, "old_values");
  const char *new_values = mkt_record_get_string (audit, "new_values");
  const MktEntitySpec *spec = entity != NULL ? mkt_schema_lookup (entity) : NULL;
  g_autofree char *when = mkt_activity_format_time (mkt_record_get_created_at (audit));
  g_autofree char *title = mkt_activity_title_from_values (old_values, new_values);
  g_autofree char *subject = NULL;
  g_autofree char *changes = NULL;
  const char *label;

  if (title == NULL && spec != NULL && entity_id != NULL)
    title = lookup_title_cb (spec, entity_id, titles);

  label = spec != NULL ? mkt_activity_entity_label (spec, FALSE) : entity;
  if (title != NULL)
    /* Translators: an entity and a row's name: Material “Merino DK” */
    subject = g_strdup_printf (_("%s “%s”"), label, title);
  else
    subject = g_strdup (label);

  changes = mkt_activity_describe_changes (spec, action != NULL ? action : "", old_values, new_values,
                                           currency, lookup_title_cb, titles);

  return mkt_activity_item_new (mkt_record_get_id (audit), when,
                                action != NULL ? mkt_activity_action_label (action) : "",
                                subject, changes);
}

static gboolean
add_item (MktRecord  *row,
          GPtrArray  *items,
          gpointer    user_data,
          GError    **error)
{
  Titles *titles = user_data;

  g_ptr_array_add (items, item_from_audit (row, titles, titles->currency));
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
  g_autoptr(MktQuery) query = NULL;
  g_autoptr(GHashTable) title_cache = NULL;
  Titles titles;
  const char *currency;

  session = mkt_task_open_session (data->db_path, &store, NULL, &error);
  if (session == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  currency = mkt_session_get_currency (session);
  title_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  titles.session = session;
  titles.titles = title_cache;

  query = mkt_query_new ();
  if (data->entity != NULL)
    mkt_query_add_filter (query, "entity", MKT_FILTER_EQ, g_variant_new_string (data->entity));
  mkt_query_set_sort (query, "created_at", TRUE);
  mkt_query_set_limit (query, data->page_size);

  titles.currency = currency;
  if (!mkt_task_read_pages (task, session, &mkt_audit_spec, query, add_item, &titles,
                            NULL, data->page_func, "[mkt] activity page", &error))
    {
      /* A cancelled task has already returned. */
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * mkt_activity_load_async:
 * @source_object: (type GObject): who asks, passed to @page_func and
 *   @callback
 * @db_path: the database file, which must exist
 * @entity: (nullable): only the rows of this entity ("material"), or %NULL
 *   for all
 * @page_size: how many rows one page holds
 * @page_func: receives each page, on the caller's thread
 * @cancellable: (nullable): stops the load; no page arrives after it fires
 * @callback: called when every page has arrived
 * @user_data: for @callback
 *
 * Reads the activity log, newest first, on a worker thread.
 */
void
mkt_activity_load_async (gpointer              source_object,
                         const char           *db_path,
                         const char           *entity,
                         guint                 page_size,
                         MktActivityPageFunc   page_func,
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
  data->entity = g_strdup (entity);
  data->page_size = page_size;
  data->page_func = page_func;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, mkt_activity_load_async);
  g_task_set_priority (task, G_PRIORITY_DEFAULT_IDLE);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * mkt_activity_load_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when every row was read
 */
gboolean
mkt_activity_load_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mkt_activity_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
