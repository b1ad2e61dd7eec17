/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-store"

#include "config.h"

#include "mkt-store.h"

G_DEFINE_INTERFACE (MktStore, mkt_store, G_TYPE_OBJECT)

static void
mkt_store_default_init (MktStoreInterface *iface)
{
}

gboolean
mkt_store_begin (MktStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (MKT_IS_STORE (self), FALSE);

  return MKT_STORE_GET_IFACE (self)->begin (self, error);
}

gboolean
mkt_store_commit (MktStore  *self,
                  GError   **error)
{
  g_return_val_if_fail (MKT_IS_STORE (self), FALSE);

  return MKT_STORE_GET_IFACE (self)->commit (self, error);
}

void
mkt_store_rollback (MktStore *self)
{
  g_return_if_fail (MKT_IS_STORE (self));

  MKT_STORE_GET_IFACE (self)->rollback (self);
}

/**
 * mkt_store_get:
 * @self: a store
 * @spec: the entity
 * @tenant_id: the tenant
 * @id: the row's id
 * @error: return location for an error (%MKT_STORE_ERROR_NOT_FOUND)
 *
 * Returns: (transfer full) (nullable): the row, deleted or not; another
 *   tenant's row is not found
 */
MktRecord *
mkt_store_get (MktStore             *self,
               const MktEntitySpec  *spec,
               const char           *tenant_id,
               const char           *id,
               GError              **error)
{
  g_return_val_if_fail (MKT_IS_STORE (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return MKT_STORE_GET_IFACE (self)->get (self, spec, tenant_id, id, error);
}

/**
 * mkt_store_list:
 * @self: a store
 * @spec: the entity
 * @tenant_id: the tenant
 * @query: (nullable): what to list; %NULL lists every active row
 * @next_cursor: (out) (optional) (nullable): the cursor of the next page, or
 *   %NULL when this was the last
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type MktRecord): the rows
 */
GPtrArray *
mkt_store_list (MktStore             *self,
                const MktEntitySpec  *spec,
                const char           *tenant_id,
                MktQuery             *query,
                char                **next_cursor,
                GError              **error)
{
  g_autoptr(MktQuery) all = NULL;

  g_return_val_if_fail (MKT_IS_STORE (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);

  if (next_cursor != NULL)
    *next_cursor = NULL;

  if (query == NULL)
    query = all = mkt_query_new ();

  return MKT_STORE_GET_IFACE (self)->list (self, spec, tenant_id, query, next_cursor, error);
}

/**
 * mkt_store_list_pages:
 * @self: a store
 * @spec: the entity
 * @tenant_id: the tenant
 * @query: (nullable): what to list (its limit and cursor are set here);
 *   %NULL lists every active row
 * @page_size: how many rows a page holds
 * @func: (scope call): called with each page, in the query's order
 * @user_data: for @func
 * @error: return location for an error
 *
 * Reads a list a page at a time with keyset cursors, so that a whole
 * catalogue or ledger is never in memory at once.
 *
 * Returns: %TRUE when every page was read and @func kept going; %FALSE,
 *   with @error set unless @func stopped without one
 */
gboolean
mkt_store_list_pages (MktStore             *self,
                      const MktEntitySpec  *spec,
                      const char           *tenant_id,
                      MktQuery             *query,
                      guint                 page_size,
                      MktListPageFunc       func,
                      gpointer              user_data,
                      GError              **error)
{
  g_autoptr(MktQuery) all = NULL;
  g_autofree char *cursor = NULL;

  g_return_val_if_fail (MKT_IS_STORE (self), FALSE);
  g_return_val_if_fail (page_size > 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (query == NULL)
    query = all = mkt_query_new ();

  mkt_query_set_limit (query, page_size);
  do
    {
      g_autoptr(GPtrArray) rows = NULL;
      g_autofree char *next = NULL;

      mkt_query_set_cursor (query, cursor);
      rows = mkt_store_list (self, spec, tenant_id, query, &next, error);
      if (rows == NULL || !func (rows, user_data, error))
        return FALSE;

      g_free (cursor);
      cursor = g_steal_pointer (&next);
    }
  while (cursor != NULL);

  return TRUE;
}

/**
 * mkt_store_list_json:
 * @self: a store
 * @spec: the entity
 * @tenant_id: the tenant
 * @query: (nullable): what to list; %NULL lists every active row
 * @out: where to write
 * @next_cursor: (out) (optional) (nullable): as for mkt_store_list()
 * @error: return location for an error
 *
 * Appends mkt_store_list()'s rows to @out as a JSON array, each as
 * mkt_record_append_json() writes it. A store may write them straight from
 * what its database returns (a server's list pages) instead of making
 * records; the text is the same. On error @out is as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_store_list_json (MktStore             *self,
                     const MktEntitySpec  *spec,
                     const char           *tenant_id,
                     MktQuery             *query,
                     GString              *out,
                     char                **next_cursor,
                     GError              **error)
{
  MktStoreInterface *iface;
  g_autoptr(MktQuery) all = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gsize length;

  g_return_val_if_fail (MKT_IS_STORE (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (next_cursor != NULL)
    *next_cursor = NULL;

  if (query == NULL)
    query = all = mkt_query_new ();

  iface = MKT_STORE_GET_IFACE (self);
  if (iface->list_json != NULL)
    {
      length = out->len;
      if (iface->list_json (self, spec, tenant_id, query, out, next_cursor, error))
        return TRUE;
      g_string_truncate (out, length);
      return FALSE;
    }

  rows = iface->list (self, spec, tenant_id, query, next_cursor, error);
  if (rows == NULL)
    return FALSE;

  g_string_append_c (out, '[');
  for (guint i = 0; i < rows->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      mkt_record_append_json (g_ptr_array_index (rows, i), out);
    }
  g_string_append_c (out, ']');

  return TRUE;
}

gboolean
mkt_store_insert (MktStore   *self,
                  MktRecord  *record,
                  GError    **error)
{
  g_return_val_if_fail (MKT_IS_STORE (self), FALSE);
  g_return_val_if_fail (MKT_IS_RECORD (record), FALSE);
  g_return_val_if_fail (mkt_record_get_id (record) != NULL, FALSE);
  g_return_val_if_fail (mkt_record_get_tenant_id (record) != NULL, FALSE);

  return MKT_STORE_GET_IFACE (self)->insert (self, record, error);
}

gboolean
mkt_store_update (MktStore   *self,
                  MktRecord  *record,
                  GError    **error)
{
  g_return_val_if_fail (MKT_IS_STORE (self), FALSE);
  g_return_val_if_fail (MKT_IS_RECORD (record), FALSE);
  g_return_val_if_fail (mkt_record_get_spec (record)->kind == MKT_ENTITY_MUTABLE, FALSE);

  return MKT_STORE_GET_IFACE (self)->update (self, record, error);
}

gboolean
mkt_store_remove (MktStore             *self,
                  const MktEntitySpec  *spec,
                  const char           *tenant_id,
                  const char           *id,
                  GError              **error)
{
  g_return_val_if_fail (MKT_IS_STORE (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  return MKT_STORE_GET_IFACE (self)->remove (self, spec, tenant_id, id, error);
}

/**
 * mkt_store_append_log:
 * @self: a store
 * @tenant_id: the tenant
 * @entry: the mutation's audit and change
 * @error: return location for an error
 *
 * Appends one audit row and one outbox change. Neither is ever changed or
 * deleted after.
 */
gboolean
mkt_store_append_log (MktStore           *self,
                      const char         *tenant_id,
                      const MktLogEntry  *entry,
                      GError            **error)
{
  g_return_val_if_fail (MKT_IS_STORE (self), FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  return MKT_STORE_GET_IFACE (self)->append_log (self, tenant_id, entry, error);
}
