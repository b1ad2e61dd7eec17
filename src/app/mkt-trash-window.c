/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-trash-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-activity-format.h"
#include "mkt-trash-window.h"

/*
 * The trash: every deleted row of every entity people edit, newest first,
 * each with a button to restore it, and a way to empty it for good. The
 * rules (what may come back, what must stay because it is still used) are
 * mkt-core's; this window only reports what it says.
 */

struct _MktTrashWindow
{
  AdwWindow          parent_instance;

  /* Template children */
  AdwToastOverlay   *toast_overlay;
  GtkStack          *stack;
  GtkListBox        *list_box;

  MktSession        *session;
  /* The deleted rows (MktRecord), newest first. */
  GListStore        *rows;

  /* Weak: the open confirmation and the newest toast, while they last. */
  AdwMessageDialog  *confirm_dialog;
  AdwToast          *last_toast;
};

G_DEFINE_FINAL_TYPE (MktTrashWindow, mkt_trash_window, ADW_TYPE_WINDOW)

enum {
  RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_toast (MktTrashWindow *self,
           const char     *title)
{
  /* A toast's title is markup. */
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  g_set_weak_pointer (&self->last_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static int
compare_deleted_at (gconstpointer a,
                    gconstpointer b)
{
  gint64 deleted_a = mkt_record_get_deleted_at (*(MktRecord **)a);
  gint64 deleted_b = mkt_record_get_deleted_at (*(MktRecord **)b);

  return deleted_a < deleted_b ? 1 : deleted_a > deleted_b ? -1 : 0;
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  MktRecord *record = item;
  const MktEntitySpec *spec = mkt_record_get_spec (record);
  g_autofree char *when = mkt_activity_format_time (mkt_record_get_deleted_at (record));
  g_autofree char *subtitle = NULL;
  g_autofree char *title = mkt_record_dup_label (record);
  GtkWidget *row;
  GtkWidget *button;

  /* Translators: "Material · deleted 26 Nov 2026 10:50" */
  subtitle = g_strdup_printf (_("%s · deleted %s"), mkt_activity_entity_label (spec, FALSE), when);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  button = gtk_button_new_with_mnemonic (_("_Restore"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "trash.restore");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", spec->name, mkt_record_get_id (record));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
update_page (MktTrashWindow *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->rows)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trash.empty", !empty);
}

/**
 * mkt_trash_window_reload:
 * @self: a trash window
 *
 * Reads the trash again. It is small (what people deleted and have not
 * purged), so it is read on the UI thread.
 */
void
mkt_trash_window_reload (MktTrashWindow *self)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  const MktEntitySpec * const *entities;
  guint n_entities;

  g_return_if_fail (MKT_IS_TRASH_WINDOW (self));

  entities = mkt_schema_list (&n_entities);
  for (guint e = 0; e < n_entities; e++)
    {
      g_autoptr(MktQuery) query = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;

      if (entities[e]->kind != MKT_ENTITY_MUTABLE)
        continue;

      query = mkt_query_new ();
      mkt_query_set_deleted (query, MKT_DELETED_ONLY);
      rows = mkt_session_list (self->session, entities[e], query, NULL, &error);
      if (rows == NULL)
        {
          add_toast (self, error->message);
          continue;
        }

      for (guint r = 0; r < rows->len; r++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (rows, r)));
    }

  g_ptr_array_sort (all, compare_deleted_at);
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       all->pdata, all->len);
  update_page (self);
}

static gboolean
find_row (MktTrashWindow *self,
          const char     *entity,
          const char     *id,
          guint          *out_position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
    {
      g_autoptr(MktRecord) record = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (g_str_equal (mkt_record_get_spec (record)->name, entity) &&
          g_str_equal (mkt_record_get_id (record), id))
        {
          *out_position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
restore_row (MktTrashWindow *self,
             MktRecord      *record)
{
  const MktEntitySpec *spec = mkt_record_get_spec (record);
  g_autofree char *id = g_strdup (mkt_record_get_id (record));
  g_autofree char *label = mkt_record_dup_label (record);
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  if (!mkt_session_restore (self->session, spec, id, &error))
    {
      add_toast (self, error->message);
      return FALSE;
    }

  if (find_row (self, spec->name, id, &position))
    g_list_store_remove (self->rows, position);
  update_page (self);

  /* Translators: a restored row's name */
  title = g_strdup_printf (_("“%s” restored"), label);
  add_toast (self, title);

  g_signal_emit (self, signals[RESTORED], 0, spec->name, id);

  return TRUE;
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MktTrashWindow *self = MKT_TRASH_WINDOW (widget);
  g_autoptr(MktRecord) record = NULL;
  const char *entity;
  const char *id;
  guint position;

  g_variant_get (parameter, "(&s&s)", &entity, &id);
  if (!find_row (self, entity, id, &position))
    return;

  record = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  restore_row (self, record);
}

static void
purge (MktTrashWindow *self)
{
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *removed_text = NULL;
  guint n_removed = 0;
  guint n_kept = 0;

  /* Everything in the trash now: deleted before this moment. */
  report = mkt_session_purge (self->session, 0, FALSE, &error);
  if (report == NULL)
    {
      add_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < report->len; i++)
    {
      MktPurgeItem *item = g_ptr_array_index (report, i);

      if (item->kept_reason == NULL)
        n_removed++;
      else
        n_kept++;
    }

  mkt_trash_window_reload (self);

  removed_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item deleted for good",
                                               "%u items deleted for good", n_removed),
                                  n_removed);
  if (n_kept > 0)
    {
      g_autofree char *title = NULL;

      /* Translators: "3 items deleted for good" and "1 kept because still in use" */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u kept because still in use",
                                            "%s, %u kept because still in use", n_kept),
                               removed_text, n_kept);
      add_toast (self, title);
    }
  else
    add_toast (self, removed_text);
}

static void
confirm_response_cb (MktTrashWindow   *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "empty"))
    purge (self);
}

static void
empty_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MktTrashWindow *self = MKT_TRASH_WINDOW (widget);
  GtkWidget *dialog;

  if (mkt_trash_window_get_confirm_dialog (self) != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->confirm_dialog));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Empty Trash?"),
                                   _("Everything in the trash is deleted for good. What is still used elsewhere stays in the trash."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "empty", _("_Empty Trash"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "empty",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->confirm_dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mkt_trash_window_dispose (GObject *object)
{
  MktTrashWindow *self = (MktTrashWindow *)object;

  if (self->confirm_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirm_dialog));
  g_clear_weak_pointer (&self->confirm_dialog);
  g_clear_weak_pointer (&self->last_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_TRASH_WINDOW);
  g_clear_object (&self->rows);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mkt_trash_window_parent_class)->dispose (object);
}

static void
mkt_trash_window_class_init (MktTrashWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mkt_trash_window_dispose;

  /**
   * MktTrashWindow::restored:
   * @self: the trash window
   * @entity: the entity's name
   * @id: the restored row
   *
   * A row came back from the trash.
   */
  signals[RESTORED] =
    g_signal_new ("restored",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-trash-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MktTrashWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MktTrashWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MktTrashWindow, list_box);

  gtk_widget_class_install_action (widget_class, "trash.restore", "(ss)", restore_action);
  gtk_widget_class_install_action (widget_class, "trash.empty", NULL, empty_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
mkt_trash_window_init (MktTrashWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (MKT_TYPE_RECORD);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->rows), create_row_cb, NULL, NULL);
}

/**
 * mkt_trash_window_new:
 * @parent: (nullable): the window it belongs to
 * @session: where the trash is read and changed
 *
 * Returns: (transfer none): a new trash window, owned by GTK's list of
 *   toplevels, filled
 */
MktTrashWindow *
mkt_trash_window_new (GtkWindow  *parent,
                      MktSession *session)
{
  MktTrashWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);

  self = g_object_new (MKT_TYPE_TRASH_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  mkt_trash_window_reload (self);

  return self;
}

/**
 * mkt_trash_window_get_list:
 * @self: a trash window
 *
 * Returns: (transfer none): the list of deleted rows
 */
GtkListBox *
mkt_trash_window_get_list (MktTrashWindow *self)
{
  g_return_val_if_fail (MKT_IS_TRASH_WINDOW (self), NULL);

  return self->list_box;
}

guint
mkt_trash_window_get_n_items (MktTrashWindow *self)
{
  g_return_val_if_fail (MKT_IS_TRASH_WINDOW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

/**
 * mkt_trash_window_restore:
 * @self: a trash window
 * @position: a row of the list
 *
 * Restores the row at @position, as its button does.
 *
 * Returns: whether mkt-core restored it
 */
gboolean
mkt_trash_window_restore (MktTrashWindow *self,
                          guint           position)
{
  g_autoptr(MktRecord) record = NULL;

  g_return_val_if_fail (MKT_IS_TRASH_WINDOW (self), FALSE);

  record = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  g_return_val_if_fail (record != NULL, FALSE);

  return restore_row (self, record);
}

/**
 * mkt_trash_window_get_confirm_dialog:
 * @self: a trash window
 *
 * Returns: (transfer none) (nullable): the question before emptying the
 *   trash, while it is open
 */
AdwMessageDialog *
mkt_trash_window_get_confirm_dialog (MktTrashWindow *self)
{
  g_return_val_if_fail (MKT_IS_TRASH_WINDOW (self), NULL);

  if (self->confirm_dialog != NULL && !gtk_widget_get_visible (GTK_WIDGET (self->confirm_dialog)))
    g_clear_weak_pointer (&self->confirm_dialog);

  return self->confirm_dialog;
}

/**
 * mkt_trash_window_get_last_toast:
 * @self: a trash window
 *
 * Returns: (transfer none) (nullable): the toast shown last, until it is
 *   dismissed
 */
AdwToast *
mkt_trash_window_get_last_toast (MktTrashWindow *self)
{
  g_return_val_if_fail (MKT_IS_TRASH_WINDOW (self), NULL);

  return self->last_toast;
}
