/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-session.h"

G_BEGIN_DECLS

struct _MktSession
{
  GObject       parent_instance;

  MktStore     *store;
  char         *tenant_id;
  char         *user_id;
  char         *device_id;
  char         *session_id;
  MktHlcClock  *clock;
  gboolean      clock_resumed;
  MktClockFunc  now_func;
  gpointer      now_data;
  MktPermissionSet *permissions;

  guint         batch_depth;
  guint         mutation_writes;
  guint         spoiled_depth;

  /* What the open transaction changed that costs depend on (mkt-cost.c). */
  GHashTable   *cost_materials;
  GHashTable   *cost_components;
  GHashTable   *cost_products;
  gboolean      cost_everything;
};

/* The steps every mutation takes, shared by the files of MktSession. */
gboolean  mkt_session_mutation_begin   (MktSession   *self,
                                        GError      **error);
gboolean  mkt_session_mutation_finish  (MktSession   *self,
                                        gboolean      ok,
                                        GError      **error);
gboolean  mkt_session_counted          (MktSession   *self,
                                        gboolean      ok);
void      mkt_session_stamp            (MktSession   *self,
                                        MktRecord    *record,
                                        gint64        now,
                                        gint64        created_at,
                                        gint64        deleted_at);
gboolean  mkt_session_write_log        (MktSession   *self,
                                        MktRecord    *record,
                                        const char   *action,
                                        const char   *old_values,
                                        const char   *new_values,
                                        GError      **error);
guint64   mkt_session_set_fields_mask  (MktRecord    *record);
gboolean  mkt_session_check_permission (MktSession          *self,
                                        const MktEntitySpec *spec,
                                        const char          *action,
                                        GError             **error);
gboolean  mkt_session_write_audit      (MktSession          *self,
                                        const MktEntitySpec *spec,
                                        const char          *id,
                                        const char          *action,
                                        const char          *old_values,
                                        const char          *new_values,
                                        GError             **error);

G_END_DECLS
