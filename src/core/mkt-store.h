/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mkt-query.h"
#include "mkt-record.h"
#include "mkt-schema.h"

G_BEGIN_DECLS

#define MKT_TYPE_STORE (mkt_store_get_type ())

G_DECLARE_INTERFACE (MktStore, mkt_store, MKT, STORE, GObject)

/**
 * MktStoreInterface:
 * @begin: starts a transaction; nested calls nest (savepoints)
 * @commit: ends the innermost transaction, keeping its work
 * @rollback: ends the innermost transaction, undoing its work
 * @get: reads one row of a tenant, deleted or not
 * @list: reads the rows of a tenant that a #MktQuery selects
 * @insert: adds a row of any kind
 * @update: rewrites a mutable row's fields and common columns
 * @remove: removes a row for good (purge)
 *
 * Where rows live. Implementations keep their SQL dialect to themselves; the
 * rules (validation, audit, outbox, soft delete) live in #MktSession, which
 * calls this interface and is the same over SQLite and PostgreSQL.
 *
 * Soft delete and restore are updates of deleted_at, as in the sync model
 * where deleted_at is just a field: a store needs nothing special for them.
 */
struct _MktStoreInterface
{
  GTypeInterface parent_iface;

  gboolean    (*begin)    (MktStore            *self,
                           GError             **error);
  gboolean    (*commit)   (MktStore            *self,
                           GError             **error);
  void        (*rollback) (MktStore            *self);

  MktRecord  *(*get)      (MktStore            *self,
                           const MktEntitySpec *spec,
                           const char          *tenant_id,
                           const char          *id,
                           GError             **error);
  GPtrArray  *(*list)     (MktStore            *self,
                           const MktEntitySpec *spec,
                           const char          *tenant_id,
                           MktQuery            *query,
                           char               **next_cursor,
                           GError             **error);
  gboolean    (*insert)   (MktStore            *self,
                           MktRecord           *record,
                           GError             **error);
  gboolean    (*update)   (MktStore            *self,
                           MktRecord           *record,
                           GError             **error);
  gboolean    (*remove)   (MktStore            *self,
                           const MktEntitySpec *spec,
                           const char          *tenant_id,
                           const char          *id,
                           GError             **error);
};

gboolean    mkt_store_begin     (MktStore            *self,
                                 GError             **error);
gboolean    mkt_store_commit    (MktStore            *self,
                                 GError             **error);
void        mkt_store_rollback  (MktStore            *self);
MktRecord  *mkt_store_get       (MktStore            *self,
                                 const MktEntitySpec *spec,
                                 const char          *tenant_id,
                                 const char          *id,
                                 GError             **error);
GPtrArray  *mkt_store_list      (MktStore            *self,
                                 const MktEntitySpec *spec,
                                 const char          *tenant_id,
                                 MktQuery            *query,
                                 char               **next_cursor,
                                 GError             **error);
gboolean    mkt_store_insert    (MktStore            *self,
                                 MktRecord           *record,
                                 GError             **error);
gboolean    mkt_store_update    (MktStore            *self,
                                 MktRecord           *record,
                                 GError             **error);
gboolean    mkt_store_remove    (MktStore            *self,
                                 const MktEntitySpec *spec,
                                 const char          *tenant_id,
                                 const char          *id,
                                 GError             **error);

G_END_DECLS
