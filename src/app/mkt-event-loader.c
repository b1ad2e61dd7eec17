/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-event-loader"

#include "config.h"

#include "mkt-event-item.h"
#include "mkt-event-loader.h"
#include "mkt-task-pages.h"

/*
 * Reads market events on a worker thread over a connection of its own, so
 * neither a long list of events nor a busy stall's sales keep the UI
 * waiting. The tasks have no source object: a page closed meanwhile is
 * not kept alive by a read it no longer wants.
 */

/* Photos are shown small: nobody needs a 12-megapixel hat on a button. */
#define PHOTO_SIZE 256

typedef struct
{
  char              *db_path;
  char              *event_id;
  MktEventLoadFlags  flags;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->db_path, g_free);
  g_clear_pointer (&data->event_id, g_free);
  g_free (data);
}

/* Upcoming markets first, the nearest at the top; then past ones, the
 * latest first. */
static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  MktEventItem *ia = *(MktEventItem * const *)a;
  MktEventItem *ib = *(MktEventItem * const *)b;
  gboolean upcoming = mkt_event_item_is_upcoming (ia);
  gint64 sa = mkt_event_item_get_starts (ia);
  gint64 sb = mkt_event_item_get_starts (ib);

  if (upcoming != mkt_event_item_is_upcoming (ib))
    return upcoming ? -1 : 1;
  if (sa != sb)
    return ((sa < sb) == upcoming) ? -1 : 1;

  return g_utf8_collate (mkt_event_item_get_name (ia), mkt_event_item_get_name (ib));
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gint64 today = mkt_event_today ();

  session = mkt_task_open_session (data->db_path, &store, NULL, &error);
  if (session != NULL)
    rows = mkt_session_list (session, &mkt_market_event_spec, query, NULL, &error);
  if (rows == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  items = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, mkt_event_item_new (g_ptr_array_index (rows, i), today));
  g_ptr_array_sort (items, compare_items);

  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * mkt_event_load_list_async:
 * @db_path: the database file
 * @cancellable: (nullable): stops the read
 * @callback: called with the events
 * @user_data: for @callback
 *
 * Reads the active market events: upcoming ones first, soonest first,
 * then past ones, latest first.
 */
void
mkt_event_load_list_async (const char          *db_path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (db_path != NULL);

  data = g_new0 (LoadData, 1);
  data->db_path = g_strdup (db_path);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mkt_event_load_list_async);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, list_thread);
}

/**
 * mkt_event_load_list_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type MktEventItem) (nullable):
 *   the events
 */
GPtrArray *
mkt_event_load_list_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mkt_event_load_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mkt_event_data_free (MktEventData *data)
{
  if (data == NULL)
    return;

  g_clear_pointer (&data->summary, mkt_market_summary_free);
  g_clear_pointer (&data->today, mkt_market_summary_free);
  g_clear_pointer (&data->currency, g_free);
  g_clear_pointer (&data->products, g_ptr_array_unref);
  g_clear_pointer (&data->photos, g_hash_table_unref);
  g_free (data);
}

/* A photo that cannot be read is no error: the tile shows initials. */
static GdkTexture *
load_photo (const char *path)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL || path[0] == '\0' || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  pixbuf = gdk_pixbuf_new_from_file_at_scale (path, PHOTO_SIZE, PHOTO_SIZE, TRUE, &error);
  if (pixbuf == NULL)
    {
      g_debug ("No photo from %s: %s", path, error->message);
      return NULL;
    }

  return gdk_texture_new_for_pixbuf (pixbuf);
}

static void
event_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LoadData *request = task_data;
  g_autoptr(MktSqliteStore) store = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktEventData) data = g_new0 (MktEventData, 1);
  g_autoptr(GError) error = NULL;

  session = mkt_task_open_session (request->db_path, &store, NULL, &error);
  if (session == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->currency = g_strdup (mkt_session_get_currency (session));
  data->summary = mkt_market_summary (session, request->event_id, &error);
  if (data->summary == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (request->flags & MKT_EVENT_LOAD_TODAY)
    {
      gint64 today_starts;

      if (!mkt_market_day_bounds (mkt_session_now (session), NULL, &today_starts, &data->today_ends))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The clock is beyond the year 9999");
          return;
        }

      data->today = mkt_market_summary_between (session, request->event_id, today_starts, data->today_ends, &error);
      if (data->today == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  if (request->flags & MKT_EVENT_LOAD_PRODUCTS)
    {
      g_autoptr(MktQuery) query = mkt_query_new ();

      mkt_query_set_sort (query, "name", FALSE);
      data->products = mkt_session_list (session, &mkt_product_spec, query, NULL, &error);
      if (data->products == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  if (request->flags & MKT_EVENT_LOAD_PHOTOS)
    {
      data->photos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      for (guint i = 0; i < data->summary->lines->len; i++)
        {
          MktMarketLine *line = g_ptr_array_index (data->summary->lines, i);
          GdkTexture *texture;

          if (g_task_return_error_if_cancelled (task))
            return;

          texture = load_photo (mkt_record_get_string (line->product, "photo"));
          if (texture != NULL)
            g_hash_table_insert (data->photos, g_strdup (mkt_record_get_id (line->product)), texture);
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&data), (GDestroyNotify)mkt_event_data_free);
}

/**
 * mkt_event_load_async:
 * @db_path: the database file
 * @event_id: a market event
 * @flags: what to read besides the summary
 * @cancellable: (nullable): stops the read
 * @callback: called with the data
 * @user_data: for @callback
 */
void
mkt_event_load_async (const char          *db_path,
                      const char          *event_id,
                      MktEventLoadFlags    flags,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (event_id != NULL);

  data = g_new0 (LoadData, 1);
  data->db_path = g_strdup (db_path);
  data->event_id = g_strdup (event_id);
  data->flags = flags | MKT_EVENT_LOAD_SUMMARY;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mkt_event_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, event_thread);
}

/**
 * mkt_event_load_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): what was read
 */
MktEventData *
mkt_event_load_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mkt_event_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mkt_event_weak_new:
 * @object: (type GObject): who waits for a read
 *
 * Returns: (transfer full): a weak reference to @object, for a callback's
 *   user data; the callback takes it back with mkt_event_weak_steal()
 */
GWeakRef *
mkt_event_weak_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

/**
 * mkt_event_weak_steal:
 * @ref: (transfer full): from mkt_event_weak_new()
 *
 * Returns: (transfer full) (nullable): the object, if it still lives
 */
gpointer
mkt_event_weak_steal (GWeakRef *ref)
{
  gpointer object = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return object;
}
