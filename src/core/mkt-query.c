/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-query"

#include "config.h"

#include "mkt-query.h"

/**
 * MktQuery:
 *
 * What a list asks of a store: filters, a free-text search, one sort field
 * (ties broken by id), a page size and a cursor from the previous page, and
 * whether deleted rows are wanted. Stores translate it to their dialect.
 */
struct _MktQuery
{
  gatomicrefcount   ref_count;
  GArray           *filters;
  char             *search;
  char             *sort_field;
  char             *cursor;
  guint             limit;
  MktDeletedFilter  deleted;
  gboolean          descending;
};

G_DEFINE_BOXED_TYPE (MktQuery, mkt_query, mkt_query_ref, mkt_query_unref)

static void
clear_filter (gpointer data)
{
  MktFilter *filter = data;

  g_clear_pointer (&filter->field, g_free);
  g_clear_pointer (&filter->value, g_variant_unref);
}

/**
 * mkt_query_new:
 *
 * Returns: (transfer full): a query for every active row, sorted by id,
 *   without a limit
 */
MktQuery *
mkt_query_new (void)
{
  MktQuery *self = g_new0 (MktQuery, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->filters = g_array_new (FALSE, TRUE, sizeof (MktFilter));
  g_array_set_clear_func (self->filters, clear_filter);

  return self;
}

MktQuery *
mkt_query_ref (MktQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mkt_query_unref (MktQuery *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->filters, g_array_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->sort_field, g_free);
  g_clear_pointer (&self->cursor, g_free);
  g_free (self);
}

/**
 * mkt_query_add_filter:
 * @self: a query
 * @field: a field name
 * @op: the comparison
 * @value: (nullable): the value to compare with; a floating reference is sunk
 *
 * Adds a condition every listed row meets; conditions combine with AND.
 */
void
mkt_query_add_filter (MktQuery    *self,
                      const char  *field,
                      MktFilterOp  op,
                      GVariant    *value)
{
  MktFilter filter;

  g_return_if_fail (self != NULL);
  g_return_if_fail (field != NULL);
  g_return_if_fail (value != NULL || op == MKT_FILTER_EQ || op == MKT_FILTER_NE);

  filter.field = g_strdup (field);
  filter.op = op;
  filter.value = value != NULL ? g_variant_ref_sink (value) : NULL;
  g_array_append_val (self->filters, filter);
}

/**
 * mkt_query_get_filters:
 * @self: a query
 * @n_filters: (out): how many
 *
 * Returns: (transfer none) (array length=n_filters): the filters
 */
const MktFilter *
mkt_query_get_filters (MktQuery *self,
                       guint    *n_filters)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_filters != NULL, NULL);

  *n_filters = self->filters->len;
  return (const MktFilter *)(gpointer)self->filters->data;
}

/**
 * mkt_query_set_search:
 * @self: a query
 * @search: (nullable): text that one of the entity's searchable fields must
 *   contain, ignoring case
 */
void
mkt_query_set_search (MktQuery   *self,
                      const char *search)
{
  g_return_if_fail (self != NULL);

  g_free (self->search);
  self->search = (search != NULL && search[0] != '\0') ? g_strdup (search) : NULL;
}

const char *
mkt_query_get_search (MktQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->search;
}

/**
 * mkt_query_set_sort:
 * @self: a query
 * @field: (nullable): the field to sort by, or %NULL for id (creation order)
 * @descending: whether to sort from high to low
 */
void
mkt_query_set_sort (MktQuery   *self,
                    const char *field,
                    gboolean    descending)
{
  g_return_if_fail (self != NULL);

  g_free (self->sort_field);
  self->sort_field = g_strdup (field);
  self->descending = !!descending;
}

const char *
mkt_query_get_sort_field (MktQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->sort_field;
}

gboolean
mkt_query_get_descending (MktQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->descending;
}

/**
 * mkt_query_set_limit:
 * @self: a query
 * @limit: the most rows one page returns, or 0 for all
 */
void
mkt_query_set_limit (MktQuery *self,
                     guint     limit)
{
  g_return_if_fail (self != NULL);

  self->limit = limit;
}

guint
mkt_query_get_limit (MktQuery *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->limit;
}

/**
 * mkt_query_set_cursor:
 * @self: a query
 * @cursor: (nullable): the next-page cursor a previous list returned
 */
void
mkt_query_set_cursor (MktQuery   *self,
                      const char *cursor)
{
  g_return_if_fail (self != NULL);

  g_free (self->cursor);
  self->cursor = g_strdup (cursor);
}

const char *
mkt_query_get_cursor (MktQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->cursor;
}

void
mkt_query_set_deleted (MktQuery         *self,
                       MktDeletedFilter  deleted)
{
  g_return_if_fail (self != NULL);

  self->deleted = deleted;
}

MktDeletedFilter
mkt_query_get_deleted (MktQuery *self)
{
  g_return_val_if_fail (self != NULL, MKT_DELETED_EXCLUDE);

  return self->deleted;
}
