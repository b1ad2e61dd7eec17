/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * MktDeletedFilter:
 * @MKT_DELETED_EXCLUDE: active rows only (what every normal list shows)
 * @MKT_DELETED_ONLY: the trash
 * @MKT_DELETED_INCLUDE: both
 */
typedef enum
{
  MKT_DELETED_EXCLUDE,
  MKT_DELETED_ONLY,
  MKT_DELETED_INCLUDE,
} MktDeletedFilter;

/**
 * MktFilterOp:
 * @MKT_FILTER_EQ: equal to the value (an empty value: the field is empty)
 * @MKT_FILTER_NE: not equal to the value
 * @MKT_FILTER_LT: less than
 * @MKT_FILTER_LE: less than or equal
 * @MKT_FILTER_GT: greater than
 * @MKT_FILTER_GE: greater than or equal
 */
typedef enum
{
  MKT_FILTER_EQ,
  MKT_FILTER_NE,
  MKT_FILTER_LT,
  MKT_FILTER_LE,
  MKT_FILTER_GT,
  MKT_FILTER_GE,
} MktFilterOp;

/**
 * MktFilter:
 * @field: a field name, or one of the common columns (created_at,
 *   updated_at, deleted_at)
 * @op: the comparison
 * @value: (nullable): "x" or "s" as the field's type wants; %NULL only with
 *   %MKT_FILTER_EQ or %MKT_FILTER_NE, for empty
 */
typedef struct
{
  char        *field;
  MktFilterOp  op;
  GVariant    *value;
} MktFilter;

typedef struct _MktQuery MktQuery;

#define MKT_TYPE_QUERY (mkt_query_get_type ())

GType             mkt_query_get_type       (void) G_GNUC_CONST;
MktQuery         *mkt_query_new            (void);
MktQuery         *mkt_query_ref            (MktQuery          *self);
void              mkt_query_unref          (MktQuery          *self);

void              mkt_query_add_filter     (MktQuery          *self,
                                            const char        *field,
                                            MktFilterOp        op,
                                            GVariant          *value);
const MktFilter  *mkt_query_get_filters    (MktQuery          *self,
                                            guint             *n_filters);
void              mkt_query_set_search     (MktQuery          *self,
                                            const char        *search);
const char       *mkt_query_get_search     (MktQuery          *self);
void              mkt_query_set_sort       (MktQuery          *self,
                                            const char        *field,
                                            gboolean           descending);
const char       *mkt_query_get_sort_field (MktQuery          *self);
gboolean          mkt_query_get_descending (MktQuery          *self);
void              mkt_query_set_limit      (MktQuery          *self,
                                            guint              limit);
guint             mkt_query_get_limit      (MktQuery          *self);
void              mkt_query_set_cursor     (MktQuery          *self,
                                            const char        *cursor);
const char       *mkt_query_get_cursor     (MktQuery          *self);
void              mkt_query_set_deleted    (MktQuery          *self,
                                            MktDeletedFilter   deleted);
MktDeletedFilter  mkt_query_get_deleted    (MktQuery          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MktQuery, mkt_query_unref)

G_END_DECLS
