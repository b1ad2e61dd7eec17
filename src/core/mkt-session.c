/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-session"

#include "config.h"

#include <string.h>

#include "mkt-error.h"
#include "mkt-cost-private.h"
#include "mkt-session-private.h"
#include "mkt-uuid.h"

/**
 * MktSession:
 *
 * Someone acting on one tenant's data: a user on a device, with a session
 * (or request) id. Every mutation goes through here, so that the rules are
 * the same for the app, the CLI, the server and sync: validate, then in one
 * transaction write the row, one audit row and one outbox change. A failure
 * at any step rolls all three back.
 */

G_DEFINE_FINAL_TYPE (MktSession, mkt_session, G_TYPE_OBJECT)

static void
mkt_session_dispose (GObject *object)
{
  MktSession *self = (MktSession *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (mkt_session_parent_class)->dispose (object);
}

static void
mkt_session_finalize (GObject *object)
{
  MktSession *self = (MktSession *)object;

  g_clear_pointer (&self->tenant_id, g_free);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->device_id, g_free);
  g_clear_pointer (&self->session_id, g_free);
  g_clear_pointer (&self->clock, mkt_hlc_clock_free);
  g_clear_pointer (&self->permissions, mkt_permission_set_unref);
  g_clear_pointer (&self->cost_materials, g_hash_table_unref);
  g_clear_pointer (&self->cost_components, g_hash_table_unref);
  g_clear_pointer (&self->cost_products, g_hash_table_unref);

  G_OBJECT_CLASS (mkt_session_parent_class)->finalize (object);
}

static void
mkt_session_class_init (MktSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mkt_session_dispose;
  object_class->finalize = mkt_session_finalize;
}

static void
mkt_session_init (MktSession *self)
{
}

static gint64
session_clock_ms (gpointer user_data)
{
  MktSession *self = user_data;

  return mkt_session_now (self) / 1000;
}

/* Local changes must be stamped after every change this device already made,
 * even if the wall clock went back since: start the clock from the newest
 * HLC in the outbox. This is read when the session first stamps a change
 * (mkt_session_stamp(), inside that mutation's transaction), not when it is
 * made: a session that only reads (most of the server's requests) never
 * needs its clock. */
static void
resume_clock (MktSession *self)
{
  g_autoptr(MktQuery) query = mkt_query_new ();
  g_autoptr(GPtrArray) newest = NULL;
  MktHlc hlc;

  self->clock_resumed = TRUE;
  mkt_query_set_sort (query, "hlc", TRUE);
  mkt_query_set_limit (query, 1);
  newest = mkt_store_list (self->store, &mkt_change_spec, self->tenant_id, query, NULL, NULL);
  if (newest == NULL || newest->len == 0)
    return;

  if (mkt_hlc_parse (mkt_record_get_string (g_ptr_array_index (newest, 0), "hlc"), &hlc))
    mkt_hlc_clock_resume (self->clock, hlc);
}

/**
 * mkt_session_new:
 * @store: where the data lives
 * @tenant_id: the tenant acted on
 * @user_id: (nullable): who acts
 * @device_id: the device acting (outbox changes carry it)
 *
 * Returns: (transfer full): a session with a fresh session id
 */
MktSession *
mkt_session_new (MktStore   *store,
                 const char *tenant_id,
                 const char *user_id,
                 const char *device_id)
{
  MktSession *self;

  g_return_val_if_fail (MKT_IS_STORE (store), NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);
  g_return_val_if_fail (device_id != NULL, NULL);

  self = g_object_new (MKT_TYPE_SESSION, NULL);
  self->store = g_object_ref (store);
  self->tenant_id = g_strdup (tenant_id);
  self->user_id = g_strdup (user_id);
  self->device_id = g_strdup (device_id);
  self->session_id = mkt_uuid_new_v7 ();
  self->clock = mkt_hlc_clock_new (session_clock_ms, self);

  return self;
}

MktStore *
mkt_session_get_store (MktSession *self)
{
  g_return_val_if_fail (MKT_IS_SESSION (self), NULL);

  return self->store;
}

const char *
mkt_session_get_tenant_id (MktSession *self)
{
  g_return_val_if_fail (MKT_IS_SESSION (self), NULL);

  return self->tenant_id;
}

const char *
mkt_session_get_user_id (MktSession *self)
{
  g_return_val_if_fail (MKT_IS_SESSION (self), NULL);

  return self->user_id;
}

const char *
mkt_session_get_device_id (MktSession *self)
{
  g_return_val_if_fail (MKT_IS_SESSION (self), NULL);

  return self->device_id;
}

const char *
mkt_session_get_session_id (MktSession *self)
{
  g_return_val_if_fail (MKT_IS_SESSION (self), NULL);

  return self->session_id;
}

/**
 * mkt_session_set_session_id:
 * @self: a session
 * @session_id: the id audit rows carry (a server sets its request id)
 */
void
mkt_session_set_session_id (MktSession *self,
                            const char *session_id)
{
  g_return_if_fail (MKT_IS_SESSION (self));
  g_return_if_fail (session_id != NULL);

  g_free (self->session_id);
  self->session_id = g_strdup (session_id);
}

/**
 * mkt_session_get_currency:
 * @self: a session
 *
 * Returns: the tenant's ISO 4217 currency, in which every money field is
 */
const char *
mkt_session_get_currency (MktSession *self)
{
  g_autoptr(MktRecord) tenant = NULL;

  g_return_val_if_fail (MKT_IS_SESSION (self), NULL);

  /* Read each time: another session may have changed it. The codes are
   * interned, so a returned one stays valid. */
  tenant = mkt_store_get (self->store, &mkt_tenant_spec, self->tenant_id, self->tenant_id, NULL);
  if (tenant != NULL && mkt_record_has (tenant, "currency"))
    return g_intern_string (mkt_record_get_string (tenant, "currency"));

  return "EUR";
}

/**
 * mkt_session_set_clock:
 * @self: a session
 * @now_func: (nullable): the wall clock in milliseconds, or %NULL for the
 *   system's
 * @user_data: closure data of @now_func
 *
 * Lets tests move time (to purge what was deleted "40 days ago").
 */
void
mkt_session_set_clock (MktSession   *self,
                       MktClockFunc  now_func,
                       gpointer      user_data)
{
  g_return_if_fail (MKT_IS_SESSION (self));

  self->now_func = now_func;
  self->now_data = user_data;
}

/**
 * mkt_session_now:
 * @self: a session
 *
 * Returns: the session's wall clock, microseconds since the Unix epoch
 */
gint64
mkt_session_now (MktSession *self)
{
  g_return_val_if_fail (MKT_IS_SESSION (self), 0);

  if (self->now_func != NULL)
    return self->now_func (self->now_data) * 1000;

  return g_get_real_time ();
}

/**
 * mkt_session_get_permissions:
 * @self: a session
 *
 * Returns: (transfer none) (nullable): what the session may change, or %NULL
 *   when it may change everything (the desktop's own user)
 */
MktPermissionSet *
mkt_session_get_permissions (MktSession *self)
{
  g_return_val_if_fail (MKT_IS_SESSION (self), NULL);

  return self->permissions;
}

/**
 * mkt_session_set_permissions:
 * @self: a session
 * @permissions: (nullable): what the session's user may change (their
 *   role's permissions and their own), or %NULL for no limit
 *
 * Every mutation checks these before it writes anything: a refused one
 * fails with %MKT_PERMISSION_ERROR_DENIED and leaves no row, audit row or
 * change. Reads are not checked here; a server checks them per route.
 */
void
mkt_session_set_permissions (MktSession       *self,
                             MktPermissionSet *permissions)
{
  g_return_if_fail (MKT_IS_SESSION (self));

  if (permissions != NULL)
    mkt_permission_set_ref (permissions);
  g_clear_pointer (&self->permissions, mkt_permission_set_unref);
  self->permissions = permissions;
}

gboolean
mkt_session_check_permission (MktSession           *self,
                              const MktEntitySpec  *spec,
                              const char           *action,
                              GError              **error)
{
  return self->permissions == NULL || mkt_permission_check (self->permissions, spec, action, error);
}

/* Transactions --------------------------------------------------------------- */

/**
 * mkt_session_begin:
 * @self: a session
 * @error: return location for an error
 *
 * Starts a batch: a transaction around several mutations (an import, a
 * market day's sales synced at once). Batches nest.
 *
 * Inside a batch a mutation opens no savepoint of its own: its checks come
 * before its first write, and a write that fails leaves nothing, so a
 * refused mutation leaves the batch as it was. Should a mutation fail after
 * a first write of it went through (a full disk between the row and its
 * audit row), the batch is spoiled: mkt_session_commit() then rolls all of
 * it back and fails, so no row is ever kept without its audit and change.
 */
gboolean
mkt_session_begin (MktSession  *self,
                   GError     **error)
{
  g_return_val_if_fail (MKT_IS_SESSION (self), FALSE);

  if (!mkt_store_begin (self->store, error))
    return FALSE;

  self->batch_depth++;
  return TRUE;
}

/**
 * mkt_session_commit:
 * @self: a session
 * @error: return location for an error
 *
 * Ends a batch, keeping its work; or, when a mutation in this batch itself
 * failed halfway or the commit fails, rolls it back and fails: either way
 * the batch is over. (A batch nested inside a spoiled one commits; the
 * spoiled one will not.)
 */
gboolean
mkt_session_commit (MktSession  *self,
                    GError     **error)
{
  g_return_val_if_fail (MKT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (self->batch_depth > 0, FALSE);

  if (self->spoiled_depth == self->batch_depth)
    {
      mkt_session_rollback (self);
      g_set_error_literal (error, MKT_STORE_ERROR, MKT_STORE_ERROR_FAILED,
                           "A change in this batch failed after it was partly written; "
                           "nothing of the batch was saved");
      return FALSE;
    }

  /* Costs the batch reached are brought up to date once, before it ends. */
  if (self->batch_depth == 1 && !mkt_cost_flush (self, error))
    {
      mkt_session_rollback (self);
      return FALSE;
    }

  if (!mkt_store_commit (self->store, error))
    {
      mkt_session_rollback (self);
      return FALSE;
    }

  self->batch_depth--;
  return TRUE;
}

void
mkt_session_rollback (MktSession *self)
{
  g_return_if_fail (MKT_IS_SESSION (self));
  g_return_if_fail (self->batch_depth > 0);

  mkt_store_rollback (self->store);

  /* Rolling back the level that holds the half-written mutation undoes it. */
  if (self->spoiled_depth == self->batch_depth)
    self->spoiled_depth = 0;
  self->batch_depth--;

  if (self->batch_depth == 0)
    mkt_cost_forget (self);
}

/* One mutation: its own transaction, or a part of the session's batch. */
gboolean
mkt_session_mutation_begin (MktSession  *self,
                            GError     **error)
{
  self->mutation_writes = 0;

  if (self->batch_depth > 0)
    return TRUE;

  return mkt_store_begin (self->store, error);
}

gboolean
mkt_session_mutation_finish (MktSession  *self,
                             gboolean     ok,
                             GError     **error)
{
  if (self->batch_depth > 0)
    {
      /* The shallowest spoiled level is the one that must not commit. */
      if (!ok && self->mutation_writes > 0 &&
          (self->spoiled_depth == 0 || self->batch_depth < self->spoiled_depth))
        self->spoiled_depth = self->batch_depth;
      return ok;
    }

  if (ok && mkt_cost_flush (self, error) && mkt_store_commit (self->store, error))
    return TRUE;

  mkt_store_rollback (self->store);
  mkt_cost_forget (self);
  return FALSE;
}

/* Store writes, counted so that a failure after one spoils the batch. */
gboolean
mkt_session_counted (MktSession *self,
                     gboolean    ok)
{
  if (ok)
    self->mutation_writes++;
  return ok;
}

/* Audit and outbox ----------------------------------------------------------- */

void
mkt_session_stamp (MktSession *self,
                   MktRecord  *record,
                   gint64      now,
                   gint64      created_at,
                   gint64      deleted_at)
{
  char hlc[MKT_HLC_STRING_LENGTH + 1];

  if (!self->clock_resumed)
    resume_clock (self);
  mkt_hlc_to_string (mkt_hlc_clock_now (self->clock), hlc);
  mkt_record_set_meta (record, created_at, now, deleted_at, hlc);
}

/* Writes the audit row and the outbox change of one mutation of @record.
 * @old_values and @new_values are what the audit shows; the change carries
 * @new_values, which is what another device needs to apply it. */
gboolean
mkt_session_write_log (MktSession  *self,
                       MktRecord   *record,
                       const char  *action,
                       const char  *old_values,
                       const char  *new_values,
                       GError     **error)
{
  char audit_id[MKT_UUID_STRING_LENGTH + 1];
  char change_id[MKT_UUID_STRING_LENGTH + 1];
  guint8 bytes[16];
  MktLogEntry entry = {
    .audit_id = audit_id,
    .change_id = change_id,
    .occurred_at = mkt_record_get_updated_at (record),
    .user_id = self->user_id,
    .session_id = self->session_id,
    .device_id = self->device_id,
    .action = action,
    .entity = mkt_record_get_spec (record)->name,
    .entity_id = mkt_record_get_id (record),
    .old_values = old_values,
    .new_values = new_values,
    .hlc = mkt_record_get_hlc (record),
  };

  mkt_uuid_generate_v7 (bytes);
  mkt_uuid_to_string (bytes, audit_id);
  mkt_uuid_generate_v7 (bytes);
  mkt_uuid_to_string (bytes, change_id);

  if (entry.occurred_at == 0)
    entry.occurred_at = mkt_record_get_created_at (record);

  return mkt_session_counted (self, mkt_store_append_log (self->store, self->tenant_id, &entry, error));
}

/**
 * mkt_session_write_audit:
 *
 * An audit row without an outbox change: for what is derived and not synced
 * (a product's computed cost), which people still want to see change.
 */
gboolean
mkt_session_write_audit (MktSession           *self,
                         const MktEntitySpec  *spec,
                         const char           *id,
                         const char           *action,
                         const char           *old_values,
                         const char           *new_values,
                         GError              **error)
{
  return mkt_session_counted (self, mkt_session_audit (self, spec->name, id, action, old_values, new_values,
                                                       error));
}

/**
 * mkt_session_audit:
 * @self: a session
 * @entity: what kind of thing changed: an entity's name, or a name of the
 *   caller's for what it keeps outside mkt-core's entities (a server's
 *   `credential`)
 * @id: the id of what changed
 * @action: one of the audit log's actions (create, update, delete,
 *   restore, purge, cost)
 * @old_values: (nullable): JSON object of the changed fields before
 * @new_values: (nullable): JSON object of the changed fields after
 * @error: return location for an error
 *
 * Appends an audit row alone (no outbox change: nothing is synced) in the
 * session's open batch, if any, with the session's user, session id and
 * device, as mkt-core's own mutations do. The values are shown to whoever
 * may read the audit log: the caller leaves out anything secret.
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_session_audit (MktSession  *self,
                   const char  *entity,
                   const char  *id,
                   const char  *action,
                   const char  *old_values,
                   const char  *new_values,
                   GError     **error)
{
  const MktFieldSpec *action_field = mkt_entity_spec_field (&mkt_audit_spec, "action");
  char audit_id[MKT_UUID_STRING_LENGTH + 1];
  guint8 bytes[16];
  MktLogEntry entry = {
    .audit_id = audit_id,
    .change_id = NULL,
    .occurred_at = 0,
    .user_id = NULL,
    .session_id = NULL,
    .device_id = NULL,
    .action = action,
    .entity = entity,
    .entity_id = id,
    .old_values = old_values,
    .new_values = new_values,
  };

  g_return_val_if_fail (MKT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (entity != NULL && *entity != '\0', FALSE);
  g_return_val_if_fail (mkt_uuid_is_valid (id), FALSE);
  g_return_val_if_fail (action != NULL && g_strv_contains (action_field->choices, action), FALSE);

  entry.occurred_at = mkt_session_now (self);
  entry.user_id = self->user_id;
  entry.session_id = self->session_id;
  entry.device_id = self->device_id;
  mkt_uuid_generate_v7 (bytes);
  mkt_uuid_to_string (bytes, audit_id);

  return mkt_store_append_log (self->store, self->tenant_id, &entry, error);
}
