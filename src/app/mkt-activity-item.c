/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-activity-item"

#include "config.h"

#include "mkt-activity-item.h"

/*
 * One audit row as the activity log shows it, its words made on the loading
 * thread: binding a row of the list only sets labels.
 */

struct _MktActivityItem
{
  GObject  parent_instance;

  char    *id;
  char    *when;
  char    *action;
  char    *subject;
  char    *changes;
};

G_DEFINE_FINAL_TYPE (MktActivityItem, mkt_activity_item, G_TYPE_OBJECT)

static void
mkt_activity_item_finalize (GObject *object)
{
  MktActivityItem *self = (MktActivityItem *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->when, g_free);
  g_clear_pointer (&self->action, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->changes, g_free);

  G_OBJECT_CLASS (mkt_activity_item_parent_class)->finalize (object);
}

static void
mkt_activity_item_class_init (MktActivityItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mkt_activity_item_finalize;
}

static void
mkt_activity_item_init (MktActivityItem *self)
{
}

/**
 * mkt_activity_item_new:
 * @audit_id: the audit row's id
 * @when: when it happened, formatted
 * @action: what happened ("Changed")
 * @subject: to what ("Material “Merino DK”")
 * @changes: the changed fields, a line each; may be empty
 *
 * Returns: (transfer full): a new item
 */
MktActivityItem *
mkt_activity_item_new (const char *audit_id,
                       const char *when,
                       const char *action,
                       const char *subject,
                       const char *changes)
{
  MktActivityItem *self = g_object_new (MKT_TYPE_ACTIVITY_ITEM, NULL);

  self->id = g_strdup (audit_id);
  self->when = g_strdup (when);
  self->action = g_strdup (action);
  self->subject = g_strdup (subject);
  self->changes = g_strdup (changes != NULL ? changes : "");

  return self;
}

const char *
mkt_activity_item_get_id (MktActivityItem *self)
{
  g_return_val_if_fail (MKT_IS_ACTIVITY_ITEM (self), NULL);

  return self->id;
}

const char *
mkt_activity_item_get_when (MktActivityItem *self)
{
  g_return_val_if_fail (MKT_IS_ACTIVITY_ITEM (self), NULL);

  return self->when;
}

const char *
mkt_activity_item_get_action (MktActivityItem *self)
{
  g_return_val_if_fail (MKT_IS_ACTIVITY_ITEM (self), NULL);

  return self->action;
}

const char *
mkt_activity_item_get_subject (MktActivityItem *self)
{
  g_return_val_if_fail (MKT_IS_ACTIVITY_ITEM (self), NULL);

  return self->subject;
}

const char *
mkt_activity_item_get_changes (MktActivityItem *self)
{
  g_return_val_if_fail (MKT_IS_ACTIVITY_ITEM (self), NULL);

  return self->changes;
}
