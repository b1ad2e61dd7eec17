/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mkt-hlc.h"
#include "mkt-permission.h"
#include "mkt-query.h"
#include "mkt-record.h"
#include "mkt-store.h"

G_BEGIN_DECLS

#define MKT_TYPE_SESSION (mkt_session_get_type ())

G_DECLARE_FINAL_TYPE (MktSession, mkt_session, MKT, SESSION, GObject)

/**
 * MktPurgeItem:
 * @spec: the entity of the row
 * @id: the row's id
 * @title: (nullable): what names it for people
 * @deleted_at: when it went to the trash
 * @kept_reason: (nullable): why it was not purged, or %NULL if it was (or,
 *   in a dry run, would be)
 * @n_owned: how many owned ledger rows went with it
 */
typedef struct
{
  const MktEntitySpec *spec;
  char                *id;
  char                *title;
  gint64               deleted_at;
  char                *kept_reason;
  guint                n_owned;
} MktPurgeItem;

MktSession   *mkt_session_new              (MktStore             *store,
                                            const char           *tenant_id,
                                            const char           *user_id,
                                            const char           *device_id);
MktStore     *mkt_session_get_store        (MktSession           *self);
const char   *mkt_session_get_tenant_id    (MktSession           *self);
const char   *mkt_session_get_user_id      (MktSession           *self);
const char   *mkt_session_get_device_id    (MktSession           *self);
const char   *mkt_session_get_session_id   (MktSession           *self);
void          mkt_session_set_session_id   (MktSession           *self,
                                            const char           *session_id);
const char   *mkt_session_get_currency     (MktSession           *self);
void          mkt_session_set_clock        (MktSession           *self,
                                            MktClockFunc          now_func,
                                            gpointer              user_data);
gint64        mkt_session_now              (MktSession           *self);
MktPermissionSet *mkt_session_get_permissions (MktSession        *self);
void          mkt_session_set_permissions  (MktSession           *self,
                                            MktPermissionSet     *permissions);

MktRecord    *mkt_session_get              (MktSession           *self,
                                            const MktEntitySpec  *spec,
                                            const char           *id,
                                            GError              **error);
MktRecord    *mkt_session_get_any          (MktSession           *self,
                                            const MktEntitySpec  *spec,
                                            const char           *id,
                                            GError              **error);
GPtrArray    *mkt_session_list             (MktSession           *self,
                                            const MktEntitySpec  *spec,
                                            MktQuery             *query,
                                            char                **next_cursor,
                                            GError              **error);
gboolean      mkt_session_list_pages       (MktSession           *self,
                                            const MktEntitySpec  *spec,
                                            MktQuery             *query,
                                            guint                 page_size,
                                            MktListPageFunc       func,
                                            gpointer              user_data,
                                            GError              **error);
gboolean      mkt_session_list_json        (MktSession           *self,
                                            const MktEntitySpec  *spec,
                                            MktQuery             *query,
                                            GString              *out,
                                            char                **next_cursor,
                                            GError              **error);
char         *mkt_session_resolve          (MktSession           *self,
                                            const MktEntitySpec  *spec,
                                            const char           *text,
                                            MktDeletedFilter      deleted,
                                            GError              **error);

gboolean      mkt_session_set_from_text    (MktSession           *self,
                                            MktRecord            *record,
                                            const char           *name,
                                            const char           *text,
                                            GError              **error);

gboolean      mkt_session_begin            (MktSession           *self,
                                            GError              **error);
gboolean      mkt_session_commit           (MktSession           *self,
                                            GError              **error);
void          mkt_session_rollback         (MktSession           *self);

gboolean      mkt_session_create           (MktSession           *self,
                                            MktRecord            *record,
                                            GError              **error);
gboolean      mkt_session_update           (MktSession           *self,
                                            MktRecord            *changes,
                                            GError              **error);
gboolean      mkt_session_delete           (MktSession           *self,
                                            const MktEntitySpec  *spec,
                                            const char           *id,
                                            GError              **error);
gboolean      mkt_session_restore          (MktSession           *self,
                                            const MktEntitySpec  *spec,
                                            const char           *id,
                                            GError              **error);
GPtrArray    *mkt_session_purge            (MktSession           *self,
                                            guint                 older_than_days,
                                            gboolean              dry_run,
                                            GError              **error);
gboolean      mkt_session_purge_row        (MktSession           *self,
                                            const MktEntitySpec  *spec,
                                            const char           *id,
                                            guint                *out_n_owned,
                                            GError              **error);

gboolean      mkt_session_audit            (MktSession           *self,
                                            const char           *entity,
                                            const char           *id,
                                            const char           *action,
                                            const char           *old_values,
                                            const char           *new_values,
                                            GError              **error);

void          mkt_purge_item_free          (MktPurgeItem         *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MktPurgeItem, mkt_purge_item_free)

G_END_DECLS
