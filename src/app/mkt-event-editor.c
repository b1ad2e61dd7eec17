/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-event-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-event-editor.h"
#include "mkt-field-error.h"

/*
 * Edits one market event, or makes a new one. Every field goes to mkt-core
 * as typed (mkt_session_set_from_text()); the session decides what is
 * valid and the editor shows its error under the row it names.
 */

struct _MktEventEditor
{
  AdwWindow    parent_instance;

  /* Template children */
  GtkLabel    *general_error;
  AdwEntryRow *name_row;
  AdwEntryRow *starts_on_row;
  AdwEntryRow *ends_on_row;
  AdwEntryRow *venue_row;
  AdwEntryRow *booth_fee_row;
  AdwEntryRow *other_costs_row;
  AdwEntryRow *notes_row;

  MktSession  *session;
  char        *event_id;
  /* The row showing an error. */
  GtkWidget   *error_row;
  char        *message;
};

G_DEFINE_FINAL_TYPE (MktEventEditor, mkt_event_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const MktFieldRow editor_fields[] = {
  { "name", G_STRUCT_OFFSET (MktEventEditor, name_row) },
  { "starts_on", G_STRUCT_OFFSET (MktEventEditor, starts_on_row) },
  { "ends_on", G_STRUCT_OFFSET (MktEventEditor, ends_on_row) },
  { "venue", G_STRUCT_OFFSET (MktEventEditor, venue_row) },
  { "booth_fee", G_STRUCT_OFFSET (MktEventEditor, booth_fee_row) },
  { "other_costs", G_STRUCT_OFFSET (MktEventEditor, other_costs_row) },
  { "notes", G_STRUCT_OFFSET (MktEventEditor, notes_row) },
};

static GtkWidget *
field_row (MktEventEditor *self,
           guint           i)
{
  return G_STRUCT_MEMBER (GtkWidget *, self, editor_fields[i].row_offset);
}

static void
clear_error (MktEventEditor *self)
{
  g_clear_pointer (&self->message, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->general_error), FALSE);

  if (self->error_row == NULL)
    return;

  mkt_field_error_clear (self->error_row);
  self->error_row = NULL;
}

static void
show_error (MktEventEditor *self,
            const GError   *error)
{
  const char *field = NULL;
  const char *message = mkt_field_error_message (error, &field);

  g_debug ("Not saved: %s", error->message);
  clear_error (self);
  self->message = g_strdup (message);

  self->error_row = mkt_field_error_find_row (self, editor_fields, G_N_ELEMENTS (editor_fields), field);
  if (self->error_row != NULL)
    {
      mkt_field_error_show (self->error_row, message);
      gtk_widget_grab_focus (self->error_row);
      return;
    }

  gtk_label_set_text (self->general_error, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->general_error), TRUE);
}

static void
row_changed_cb (MktEventEditor *self,
                GtkEditable    *editable)
{
  if (self->error_row == GTK_WIDGET (editable))
    clear_error (self);
}

static void
row_activated_cb (MktEventEditor *self,
                  AdwEntryRow    *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

/* Days are midnight UTC in the core: shown as the day alone. */
static char *
dup_field_text (MktSession *session,
                MktRecord  *record,
                const char *field)
{
  const MktFieldSpec *spec = mkt_entity_spec_field (mkt_record_get_spec (record), field);
  int index = mkt_entity_spec_field_index (mkt_record_get_spec (record), field);
  gint64 usec;

  g_assert (spec != NULL && index >= 0);

  if (!mkt_record_has (record, field))
    return g_strdup ("");

  usec = mkt_record_get_int (record, field);
  if (spec->type == MKT_FIELD_TIMESTAMP && usec % (G_USEC_PER_SEC * G_GINT64_CONSTANT (86400)) == 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

      return g_date_time_format (dt, "%Y-%m-%d");
    }

  return mkt_record_format_value (record, index, mkt_session_get_currency (session));
}

static void
fill (MktEventEditor *self,
      MktRecord      *event)
{
  for (guint i = 0; i < G_N_ELEMENTS (editor_fields); i++)
    {
      g_autofree char *text = dup_field_text (self->session, event, editor_fields[i].field);

      gtk_editable_set_text (GTK_EDITABLE (field_row (self, i)), text ? text : "");
    }
}

/**
 * mkt_event_editor_save:
 * @self: an editor
 *
 * Sets every field through the session and creates or updates the event.
 * On success the editor emits #MktEventEditor::saved and closes; otherwise
 * it shows the error on the row it names and writes nothing.
 *
 * Returns: whether the event was saved
 */
gboolean
mkt_event_editor_save (MktEventEditor *self)
{
  g_autoptr(MktRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gboolean created;

  g_return_val_if_fail (MKT_IS_EVENT_EDITOR (self), FALSE);

  created = self->event_id == NULL;
  if (created)
    record = mkt_record_new (&mkt_market_event_spec);
  else
    record = mkt_session_get (self->session, &mkt_market_event_spec, self->event_id, &error);
  if (record == NULL)
    {
      show_error (self, error);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (editor_fields); i++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (field_row (self, i)));

      if (!mkt_session_set_from_text (self->session, record, editor_fields[i].field, text, &error))
        {
          show_error (self, error);
          return FALSE;
        }
    }

  if (!(created ? mkt_session_create (self->session, record, &error)
                : mkt_session_update (self->session, record, &error)))
    {
      show_error (self, error);
      return FALSE;
    }

  g_free (self->event_id);
  self->event_id = g_strdup (mkt_record_get_id (record));

  g_object_ref (self);
  gtk_window_destroy (GTK_WINDOW (self));
  g_signal_emit (self, signals[SAVED], 0, self->event_id, created);
  g_object_unref (self);

  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mkt_event_editor_save (MKT_EVENT_EDITOR (widget));
}

static void
day_selected_cb (GtkCalendar *calendar,
                 AdwEntryRow *row)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* A calendar beside a date row, for those who would rather tap than type. */
static void
add_calendar (AdwEntryRow *row)
{
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *button;

  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (day_selected_cb), row, 0);

  button = g_object_new (GTK_TYPE_MENU_BUTTON,
                         "icon-name", "x-office-calendar-symbolic",
                         "popover", popover,
                         "valign", GTK_ALIGN_CENTER,
                         "tooltip-text", _("Pick a Day"),
                         NULL);
  gtk_widget_add_css_class (button, "flat");
  adw_entry_row_add_suffix (row, button);
}

static void
mkt_event_editor_dispose (GObject *object)
{
  MktEventEditor *self = (MktEventEditor *)object;

  self->error_row = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_EVENT_EDITOR);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mkt_event_editor_parent_class)->dispose (object);
}

static void
mkt_event_editor_finalize (GObject *object)
{
  MktEventEditor *self = (MktEventEditor *)object;

  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (mkt_event_editor_parent_class)->finalize (object);
}

static void
mkt_event_editor_class_init (MktEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mkt_event_editor_dispose;
  object_class->finalize = mkt_event_editor_finalize;

  /**
   * MktEventEditor::saved:
   * @self: the editor, closed already
   * @id: the event's id
   * @created: whether it is a new event
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-event-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MktEventEditor, general_error);
  gtk_widget_class_bind_template_child (widget_class, MktEventEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, MktEventEditor, starts_on_row);
  gtk_widget_class_bind_template_child (widget_class, MktEventEditor, ends_on_row);
  gtk_widget_class_bind_template_child (widget_class, MktEventEditor, venue_row);
  gtk_widget_class_bind_template_child (widget_class, MktEventEditor, booth_fee_row);
  gtk_widget_class_bind_template_child (widget_class, MktEventEditor, other_costs_row);
  gtk_widget_class_bind_template_child (widget_class, MktEventEditor, notes_row);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
mkt_event_editor_init (MktEventEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_calendar (self->starts_on_row);
  add_calendar (self->ends_on_row);
}

/**
 * mkt_event_editor_new:
 * @parent: (nullable): the window it belongs to
 * @session: who writes
 * @event_id: (nullable): the event to edit, or %NULL for a new one
 * @error: return location for an error, when @event_id cannot be read
 *
 * Returns: (transfer none) (nullable): a new editor, owned by GTK's list of
 *   toplevels
 */
MktEventEditor *
mkt_event_editor_new (GtkWindow   *parent,
                      MktSession  *session,
                      const char  *event_id,
                      GError     **error)
{
  g_autoptr(MktRecord) event = NULL;
  MktEventEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);

  if (event_id != NULL &&
      (event = mkt_session_get (session, &mkt_market_event_spec, event_id, error)) == NULL)
    return NULL;

  self = g_object_new (MKT_TYPE_EVENT_EDITOR,
                       "transient-for", parent,
                       "title", event_id != NULL ? _("Edit Market") : _("New Market"),
                       NULL);
  self->session = g_object_ref (session);
  self->event_id = g_strdup (event_id);
  if (event != NULL)
    fill (self, event);

  return self;
}

/**
 * mkt_event_editor_get_event_id:
 * @self: an editor
 *
 * Returns: (nullable): the event's id; %NULL for a new one until saved
 */
const char *
mkt_event_editor_get_event_id (MktEventEditor *self)
{
  g_return_val_if_fail (MKT_IS_EVENT_EDITOR (self), NULL);

  return self->event_id;
}

/**
 * mkt_event_editor_get_row:
 * @self: an editor
 * @field: a field of the market event ("booth_fee")
 *
 * Returns: (transfer none) (nullable): the #AdwEntryRow that edits it
 */
GtkWidget *
mkt_event_editor_get_row (MktEventEditor *self,
                          const char     *field)
{
  g_return_val_if_fail (MKT_IS_EVENT_EDITOR (self), NULL);

  return mkt_field_error_find_row (self, editor_fields, G_N_ELEMENTS (editor_fields), field);
}

/**
 * mkt_event_editor_get_message:
 * @self: an editor
 *
 * Returns: (nullable): the error shown, if one is
 */
const char *
mkt_event_editor_get_message (MktEventEditor *self)
{
  g_return_val_if_fail (MKT_IS_EVENT_EDITOR (self), NULL);

  return self->message;
}
