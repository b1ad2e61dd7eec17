/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-activity-window.h"
#include "mkt-export.h"
#include "mkt-import-assistant.h"
#include "mkt-preferences-window.h"
#include "mkt-trash-window.h"
#include "mkt-window-private.h"

/* The window's actions: the materials' (new, edit, delete, restore and
 * the editor they open) and the windows and dialogs of the win. group. */

static void
show_error_toast (MktWindow    *self,
                  const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  mkt_window_add_toast (self, adw_toast_new (escaped));
}

/* Reads one material back as the list shows it: a small read on the UI
 * thread, after a write of the same size. */
static gboolean
refresh_item (MktWindow   *self,
              const char  *id,
              GError     **error)
{
  g_autoptr(MktMaterialItem) item = NULL;

  item = mkt_material_item_read (self->session, id, error);
  if (item == NULL)
    return FALSE;

  mkt_inventory_view_set_item (self->inventory_view, item);

  return TRUE;
}

static void
editor_saved_cb (MktWindow         *self,
                 const char        *id,
                 gboolean           created,
                 MktMaterialEditor *editor)
{
  g_autoptr(GError) error = NULL;

  if (!refresh_item (self, id, &error))
    {
      show_error_toast (self, error);
      return;
    }

  mkt_inventory_view_select_item (self->inventory_view, id);
}

static void
editor_delete_requested_cb (MktWindow         *self,
                            const char        *id,
                            MktMaterialEditor *editor)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "material.delete", "s", id);
}

/* gtk_window_destroy() emits nothing while someone else holds a
 * reference, but it always hides: a hidden editor is a closed one. */
MktMaterialEditor *
mkt_window_current_editor (MktWindow *self)
{
  if (self->editor != NULL && !gtk_widget_get_visible (GTK_WIDGET (self->editor)))
    g_clear_weak_pointer (&self->editor);

  return self->editor;
}

static void
open_editor (MktWindow  *self,
             const char *id)
{
  g_autoptr(GError) error = NULL;
  MktMaterialEditor *editor;

  if (mkt_window_current_editor (self) != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->editor));
      return;
    }

  if (mkt_window_ensure_session (self, &error) == NULL ||
      (editor = mkt_material_editor_new (GTK_WINDOW (self), self->session, id, &error)) == NULL)
    {
      show_error_toast (self, error);
      return;
    }

  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "delete-requested", G_CALLBACK (editor_delete_requested_cb),
                           self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->editor, editor);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_material_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_editor (MKT_WINDOW (widget), NULL);
}

static void
edit_material_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_editor (MKT_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
delete_material_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MktWindow *self = MKT_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) material = NULL;
  g_autofree char *title = NULL;

  if (mkt_window_ensure_session (self, &error) == NULL ||
      (material = mkt_session_get (self->session, &mkt_material_spec, id, &error)) == NULL ||
      !mkt_session_delete (self->session, &mkt_material_spec, id, &error))
    {
      show_error_toast (self, error);
      return;
    }

  mkt_inventory_view_remove_item (self->inventory_view, id);
  if (self->trash_window != NULL)
    mkt_trash_window_reload (self->trash_window);

  /* Translators: a material's name */
  title = g_strdup_printf (_("“%s” moved to the trash"), mkt_record_get_title (material));
  mkt_window_add_undo_toast (self, title, "material.restore", id);
}

static void
restore_material_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MktWindow *self = MKT_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  if (mkt_window_ensure_session (self, &error) == NULL ||
      !mkt_session_restore (self->session, &mkt_material_spec, id, &error) ||
      !refresh_item (self, id, &error))
    {
      show_error_toast (self, error);
      return;
    }

  mkt_inventory_view_select_item (self->inventory_view, id);
}

/* A material back from the trash goes back into the inventory. */
static void
trash_restored_cb (MktWindow      *self,
                   const char     *entity,
                   const char     *id,
                   MktTrashWindow *trash_window)
{
  g_autoptr(GError) error = NULL;

  /* Every page reloads what it shows of @entity; the inventory, shown
   * before the others, takes the material back in place. */
  if (!g_str_equal (entity, mkt_material_spec.name))
    {
      mkt_window_data_changed (self, entity);
      return;
    }

  if (!refresh_item (self, id, &error))
    show_error_toast (self, error);
}

static void
show_trash_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MktWindow *self = MKT_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  MktTrashWindow *trash_window;

  if (self->trash_window != NULL)
    {
      mkt_trash_window_reload (self->trash_window);
      gtk_window_present (GTK_WINDOW (self->trash_window));
      return;
    }

  if (mkt_window_ensure_session (self, &error) == NULL)
    {
      show_error_toast (self, error);
      return;
    }

  trash_window = mkt_trash_window_new (GTK_WINDOW (self), self->session);
  g_signal_connect_object (trash_window, "restored", G_CALLBACK (trash_restored_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->trash_window, trash_window);
  gtk_window_present (GTK_WINDOW (trash_window));
}

static void
show_activity_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MktWindow *self = MKT_WINDOW (widget);
  MktActivityWindow *activity_window;

  if (self->activity_window != NULL)
    {
      mkt_activity_window_reload (self->activity_window);
      gtk_window_present (GTK_WINDOW (self->activity_window));
      return;
    }

  activity_window = mkt_activity_window_new (GTK_WINDOW (self), self->db_path);
  g_set_weak_pointer (&self->activity_window, activity_window);
  gtk_window_present (GTK_WINDOW (activity_window));
}

static void
show_preferences_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MktWindow *self = MKT_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  GtkWindow *preferences;

  if (mkt_window_ensure_session (self, &error) == NULL)
    {
      show_error_toast (self, error);
      return;
    }

  preferences = mkt_preferences_window_new (GTK_WINDOW (self), self->session);
  gtk_window_present (preferences);
}

void
mkt_window_set_material_actions_enabled (MktWindow *self,
                                         gboolean   enabled)
{
  /* The trash and the log too: they need the database the loader makes. */
  static const char * const actions[] = {
    "material.new", "material.edit", "material.delete", "material.restore",
    "win.show-trash", "win.show-activity", "win.show-preferences", "win.start-empty",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], enabled);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MktWindow *self = MKT_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "inventory");
  mkt_inventory_view_focus_search (self->inventory_view);
}

static void
start_empty_response_cb (MktWindow        *self,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "empty"))
    return;

  if (mkt_window_ensure_session (self, &error) == NULL ||
      !mkt_local_start_empty (self->store, &error))
    {
      show_error_toast (self, error);
      return;
    }

  mkt_window_reopen (self);
}

static void
start_empty_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MktWindow *self = MKT_WINDOW (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Start With an Empty Business?"),
                                   _("Every material, product, market and sale in this business is removed for good."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep the Demo"),
                                    "empty", _("_Start Empty"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "empty",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (start_empty_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MktWindow *self = MKT_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
mkt_window_class_actions_init (MktWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-trash", NULL, show_trash_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_T, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-trash", NULL);
  gtk_widget_class_install_action (widget_class, "win.start-empty", NULL, start_empty_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "inventory");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "products");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "markets");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "dashboard");
  gtk_widget_class_install_action (widget_class, "win.show-preferences", NULL, show_preferences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.show-preferences", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-activity", NULL, show_activity_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_H, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-activity", NULL);

  /* Printing, PDF and CSV files (mkt-export.c, mkt-import-assistant.c):
   * sheets take an event's id, tags a product's or "" for all. */
  gtk_widget_class_install_action (widget_class, "win.print-sheet", "s", mkt_export_print_action);
  gtk_widget_class_install_action (widget_class, "win.print-tags", "s", mkt_export_print_action);
  gtk_widget_class_install_action (widget_class, "win.export-sheet", "s", mkt_export_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.export-tags", "s", mkt_export_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", "s", mkt_export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, mkt_import_assistant_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);

  /* Material actions take the material's id. */
  gtk_widget_class_install_action (widget_class, "material.new", NULL, new_material_action);
  gtk_widget_class_install_action (widget_class, "material.edit", "s", edit_material_action);
  gtk_widget_class_install_action (widget_class, "material.delete", "s", delete_material_action);
  gtk_widget_class_install_action (widget_class, "material.restore", "s", restore_material_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "material.new", NULL);
}
