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
 * MktLogEntry:
 * @audit_id: the id of the audit row
 * @change_id: (nullable): the id of the outbox change, or %NULL for an
 *   audit row alone
 * @occurred_at: when, microseconds since the Unix epoch
 * @user_id: (nullable): who
 * @session_id: (nullable): in which session or request
 * @device_id: on which device
 * @action: create, update, delete, restore or purge
 * @entity: the entity's name
 * @entity_id: the row's id
 * @old_values: (nullable): JSON object of the changed fields before
 * @new_values: (nullable): JSON object of the changed fields after; also what
 *   the outbox change carries
 * @hlc: the clock of the change
 *
 * What one mutation leaves besides the row: its audit row and its change.
 */
typedef struct
{
  const char *audit_id;
  const char *change_id;
  gint64      occurred_at;
  const char *user_id;
  const char *session_id;
  const char *device_id;
  const char *action;
  const char *entity;
  const char *entity_id;
  const char *old_values;
  const char *new_values;
  const char *hlc;
} MktLogEntry;

/**
 * MktStoreInterface:
 * @begin: starts a transaction; nested calls nest (savepoints)
 * @commit: ends the innermost transaction, keeping its work
 * @rollback: ends the innermost transaction, undoing its work
 * @get: reads one row of a tenant, deleted or not
 * @list: reads the rows of a tenant that a #MktQuery selects
 * @list_json: (nullable): writes what @list reads as JSON text, without
 *   making records (optional; see mkt_store_list_json())
 * @insert: adds a row of any kind
 * @update: rewrites a mutable row's fields and common columns
 * @remove: removes a row for good (purge)
 * @append_log: appends the audit row and the outbox change of a mutation
 *
 * A unique field's clash is reported as a %MKT_VALIDATION_ERROR naming the
 * field.
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
  gboolean    (*list_json) (MktStore           *self,
                           const MktEntitySpec *spec,
                           const char          *tenant_id,
                           MktQuery            *query,
                           GString             *out,
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
  gboolean    (*append_log) (MktStore          *self,
                           const char          *tenant_id,
                           const MktLogEntry   *entry,
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
/**
 * MktListPageFunc:
 * @rows: (element-type MktRecord): one page of a list
 * @user_data: the caller's
 * @error: return location for an error
 *
 * Returns: %TRUE to read on; %FALSE stops the reading, with @error set if
 *   something failed (without, the caller has read enough)
 */
typedef gboolean (*MktListPageFunc) (GPtrArray  *rows,
                                     gpointer    user_data,
                                     GError    **error);

gboolean    mkt_store_list_pages (MktStore           *self,
                                 const MktEntitySpec *spec,
                                 const char          *tenant_id,
                                 MktQuery            *query,
                                 guint                page_size,
                                 MktListPageFunc      func,
                                 gpointer             user_data,
                                 GError             **error);
gboolean    mkt_store_list_json (MktStore            *self,
                                 const MktEntitySpec *spec,
                                 const char          *tenant_id,
                                 MktQuery            *query,
                                 GString             *out,
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
gboolean    mkt_store_append_log (MktStore           *self,
                                 const char          *tenant_id,
                                 const MktLogEntry   *entry,
                                 GError             **error);

G_END_DECLS
