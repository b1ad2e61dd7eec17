/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-product-make-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-field-error.h"
#include "mkt-product-make-dialog.h"
#include "mkt-window.h"

/*
 * "Make N…": a production run of a product. The dialog shows what N takes
 * and what is short as N is typed (mkt_production_requirements()); Make asks
 * mkt-core, which refuses a run short of material, and then the dialog
 * offers to make it anyway.
 */

struct _MktProductMakeDialog
{
  AdwWindow            parent_instance;

  /* Template children */
  AdwPreferencesGroup *count_group;
  AdwEntryRow         *count_row;
  GtkLabel            *shortage_label;
  GtkWidget           *force_button;
  AdwPreferencesGroup *requirements_group;

  MktSession          *session;
  char                *product_id;
  char                *product_name;
  GPtrArray           *rows;
  guint                n_short;
};

G_DEFINE_FINAL_TYPE (MktProductMakeDialog, mkt_product_make_dialog, ADW_TYPE_WINDOW)

static char *
with_unit (MktQuantity  quantity,
           MktRecord   *material)
{
  g_autofree char *number = mkt_quantity_format (quantity);

  return g_strdup_printf ("%s %s", number, mkt_record_get_string (material, "unit"));
}

static void
clear_rows (MktProductMakeDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->requirements_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  self->n_short = 0;
}

static void
add_row (MktProductMakeDialog *self,
         MktRequirement       *requirement)
{
  g_autofree char *label = mkt_record_dup_label (requirement->material);
  g_autofree char *needed = with_unit (requirement->needed, requirement->material);
  g_autofree char *on_hand = with_unit (requirement->on_hand, requirement->material);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  GtkWidget *suffix;

  if (requirement->needed > requirement->on_hand)
    {
      g_autofree char *short_by = with_unit (requirement->needed - requirement->on_hand, requirement->material);

      /* Translators: a material a production run is short of */
      subtitle = g_strdup_printf (_("%s on hand, short by %s"), on_hand, short_by);
      self->n_short++;
    }
  else
    /* Translators: what is on hand of a material a run needs */
    subtitle = g_strdup_printf (_("%s on hand"), on_hand);

  suffix = gtk_label_new (needed);
  gtk_widget_add_css_class (suffix, "numeric");
  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", label,
                      "subtitle", subtitle,
                      "title-selectable", FALSE,
                      "use-markup", FALSE,
                      NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  if (requirement->needed > requirement->on_hand)
    gtk_widget_add_css_class (row, "error");

  adw_preferences_group_add (self->requirements_group, row);
  g_ptr_array_add (self->rows, row);
}

static void
reset_refusal (MktProductMakeDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->shortage_label), FALSE);
  gtk_widget_set_visible (self->force_button, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "make.force", FALSE);
}

static gboolean
parse_count (MktProductMakeDialog  *self,
             MktQuantity           *out_count,
             GError               **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->count_row))));
  g_autoptr(GError) local_error = NULL;

  if (!mkt_quantity_parse (text, out_count, &local_error))
    {
      mkt_set_validation_error (error, "quantity", MKT_VALIDATION_ERROR_INVALID, "%s", local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* What the run takes, read again for the count typed. */
static void
update_requirements (MktProductMakeDialog *self)
{
  g_autoptr(GPtrArray) requirements = NULL;
  g_autoptr(GError) error = NULL;
  MktQuantity count;

  clear_rows (self);
  mkt_field_error_clear (GTK_WIDGET (self->count_row));

  if (!parse_count (self, &count, &error) || count <= 0)
    {
      adw_preferences_group_set_description (self->requirements_group, NULL);
      return;
    }

  requirements = mkt_production_requirements (self->session, self->product_id, count, &error);
  if (requirements == NULL)
    {
      adw_preferences_group_set_description (self->requirements_group, error->message);
      return;
    }

  for (guint i = 0; i < requirements->len; i++)
    add_row (self, g_ptr_array_index (requirements, i));

  if (requirements->len == 0)
    adw_preferences_group_set_description (self->requirements_group,
                                           _("The recipe uses no materials"));
  else if (self->n_short > 0)
    adw_preferences_group_set_description (self->requirements_group,
                                           g_dngettext (GETTEXT_PACKAGE, "One material is short",
                                                        "Some materials are short", self->n_short));
  else
    adw_preferences_group_set_description (self->requirements_group, _("Everything is on hand"));
}

static void
count_changed_cb (MktProductMakeDialog *self,
                  GtkEditable          *editable)
{
  reset_refusal (self);
  update_requirements (self);
}

static void
count_activated_cb (MktProductMakeDialog *self,
                    AdwEntryRow          *row)
{
  mkt_product_make_dialog_make (self, FALSE);
}

static void
make_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mkt_product_make_dialog_make (MKT_PRODUCT_MAKE_DIALOG (widget), FALSE);
}

static void
force_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  mkt_product_make_dialog_make (MKT_PRODUCT_MAKE_DIALOG (widget), TRUE);
}

static void
mkt_product_make_dialog_dispose (GObject *object)
{
  MktProductMakeDialog *self = (MktProductMakeDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_PRODUCT_MAKE_DIALOG);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mkt_product_make_dialog_parent_class)->dispose (object);
}

static void
mkt_product_make_dialog_finalize (GObject *object)
{
  MktProductMakeDialog *self = (MktProductMakeDialog *)object;

  g_clear_pointer (&self->product_id, g_free);
  g_clear_pointer (&self->product_name, g_free);

  G_OBJECT_CLASS (mkt_product_make_dialog_parent_class)->finalize (object);
}

static void
mkt_product_make_dialog_class_init (MktProductMakeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mkt_product_make_dialog_dispose;
  object_class->finalize = mkt_product_make_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-product-make-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MktProductMakeDialog, count_group);
  gtk_widget_class_bind_template_child (widget_class, MktProductMakeDialog, count_row);
  gtk_widget_class_bind_template_child (widget_class, MktProductMakeDialog, shortage_label);
  gtk_widget_class_bind_template_child (widget_class, MktProductMakeDialog, force_button);
  gtk_widget_class_bind_template_child (widget_class, MktProductMakeDialog, requirements_group);
  gtk_widget_class_bind_template_callback (widget_class, count_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, count_activated_cb);

  gtk_widget_class_install_action (widget_class, "make.make", NULL, make_action);
  gtk_widget_class_install_action (widget_class, "make.force", NULL, force_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
mkt_product_make_dialog_init (MktProductMakeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The rows are the group's; the array only remembers them. */
  self->rows = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "make.force", FALSE);
}

/**
 * mkt_product_make_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @session: who writes
 * @product_id: the product to make
 * @error: return location for an error, when it cannot be read
 *
 * Returns: (transfer none) (nullable): a new dialog, owned by GTK's list of
 *   toplevels, or %NULL with @error set
 */
MktProductMakeDialog *
mkt_product_make_dialog_new (GtkWindow   *parent,
                             MktSession  *session,
                             const char  *product_id,
                             GError     **error)
{
  g_autoptr(MktRecord) product = NULL;
  g_autofree char *title = NULL;
  MktProductMakeDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  product = mkt_session_get (session, &mkt_product_spec, product_id, error);
  if (product == NULL)
    return NULL;

  self = g_object_new (MKT_TYPE_PRODUCT_MAKE_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->product_id = g_strdup (product_id);
  self->product_name = g_strdup (mkt_record_get_title (product));

  /* Translators: the title of the production run dialog: "Make Amigurumi Bear" */
  title = g_strdup_printf (_("Make %s"), self->product_name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_preferences_group_set_title (self->count_group, self->product_name);

  update_requirements (self);
  return self;
}

/**
 * mkt_product_make_dialog_make:
 * @self: a dialog
 * @force: make it even when materials are short
 *
 * Writes the production run through mkt-core. When the core refuses it for
 * want of material, the dialog says what is short and offers to make it
 * anyway; nothing is written. On success the window hears of the run, a
 * toast says so and the dialog closes.
 *
 * Returns: whether the run was made
 */
gboolean
mkt_product_make_dialog_make (MktProductMakeDialog *self,
                              gboolean              force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MktRecord) run = NULL;
  g_autofree char *made = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  GtkWindow *parent;
  MktQuantity count;

  g_return_val_if_fail (MKT_IS_PRODUCT_MAKE_DIALOG (self), FALSE);

  mkt_field_error_clear (GTK_WIDGET (self->count_row));
  if (parse_count (self, &count, &error))
    run = mkt_production_make (self->session, self->product_id, count, force, NULL, &error);

  if (run == NULL)
    {
      const char *field = NULL;
      const char *message = mkt_field_error_message (error, &field);

      g_debug ("Not made: %s", error->message);
      if (g_error_matches (error, MKT_STOCK_ERROR, MKT_STOCK_ERROR_SHORTAGE))
        {
          gtk_label_set_text (self->shortage_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->shortage_label), TRUE);
          gtk_widget_set_visible (self->force_button, TRUE);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "make.force", TRUE);
          gtk_widget_grab_focus (self->force_button);
        }
      else if (g_strcmp0 (field, "quantity") == 0)
        {
          mkt_field_error_show (GTK_WIDGET (self->count_row), message);
          gtk_widget_grab_focus (GTK_WIDGET (self->count_row));
        }
      else
        {
          gtk_label_set_text (self->shortage_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->shortage_label), TRUE);
        }
      return FALSE;
    }

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (MKT_IS_WINDOW (parent))
    {
      MktWindow *window = MKT_WINDOW (parent);

      mkt_window_data_changed (window, mkt_production_run_spec.name);
      mkt_window_data_changed (window, mkt_stock_movement_spec.name);
      mkt_window_data_changed (window, mkt_product_movement_spec.name);

      made = mkt_quantity_format (count);
      escaped = g_markup_escape_text (self->product_name, -1);
      /* Translators: after a production run: "Made 3 × Amigurumi Bear" */
      title = g_strdup_printf (_("Made %s × %s"), made, escaped);
      mkt_window_add_toast (window, adw_toast_new (title));
    }

  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

GtkWidget *
mkt_product_make_dialog_get_count_row (MktProductMakeDialog *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_MAKE_DIALOG (self), NULL);
  return GTK_WIDGET (self->count_row);
}

/**
 * mkt_product_make_dialog_get_n_short:
 * @self: a dialog
 *
 * Returns: how many of the materials shown are short for the count typed
 */
guint
mkt_product_make_dialog_get_n_short (MktProductMakeDialog *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_MAKE_DIALOG (self), 0);
  return self->n_short;
}

/**
 * mkt_product_make_dialog_get_n_needed:
 * @self: a dialog
 *
 * Returns: how many materials the run takes
 */
guint
mkt_product_make_dialog_get_n_needed (MktProductMakeDialog *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_MAKE_DIALOG (self), 0);
  return self->rows->len;
}

GtkLabel *
mkt_product_make_dialog_get_shortage_label (MktProductMakeDialog *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_MAKE_DIALOG (self), NULL);
  return self->shortage_label;
}

/**
 * mkt_product_make_dialog_get_force_button:
 * @self: a dialog
 *
 * Returns: (transfer none): "Make Anyway", shown once mkt-core has refused
 *   the run for want of material
 */
GtkWidget *
mkt_product_make_dialog_get_force_button (MktProductMakeDialog *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_MAKE_DIALOG (self), NULL);
  return self->force_button;
}
