/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-stock-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mkt-field-error.h"
#include "mkt-inventory-view.h"
#include "mkt-material-item.h"
#include "mkt-stock-dialog.h"
#include "mkt-window.h"

/*
 * Records a purchase, an adjustment or a stocktake of one material. The
 * text people type goes to mkt-stock as it is; mkt-core decides what is
 * valid, and the dialog shows its error on the row it names. Nothing is
 * written unless all of it is.
 */

struct _MktStockDialog
{
  AdwWindow           parent_instance;

  /* Template children */
  GtkLabel           *general_error;
  AdwPreferencesGroup *group;
  AdwEntryRow        *quantity_row;
  AdwEntryRow        *cost_row;
  AdwActionRow       *cost_each_row;
  GtkSwitch          *cost_each_switch;
  AdwEntryRow        *reference_row;
  AdwEntryRow        *reason_row;
  AdwEntryRow        *time_row;
  GtkButton          *apply_button;

  MktStockDialogKind  kind;
  GtkWindow          *window;       /* weak: the MktWindow it writes for */
  MktSession         *session;
  MktRecord          *material;
  char               *error_text;
  GtkWidget          *error_row;
};

G_DEFINE_FINAL_TYPE (MktStockDialog, mkt_stock_dialog, ADW_TYPE_WINDOW)

/* Which row shows the errors about a field of the movement. */
static const MktFieldRow movement_fields[] = {
  { "quantity", G_STRUCT_OFFSET (MktStockDialog, quantity_row) },
  { "unit", G_STRUCT_OFFSET (MktStockDialog, quantity_row) },
  { "total_cost", G_STRUCT_OFFSET (MktStockDialog, cost_row) },
  { "reference", G_STRUCT_OFFSET (MktStockDialog, reference_row) },
  { "reason", G_STRUCT_OFFSET (MktStockDialog, reason_row) },
  { "occurred_at", G_STRUCT_OFFSET (MktStockDialog, time_row) },
};

static void
clear_error (MktStockDialog *self)
{
  g_clear_pointer (&self->error_text, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->general_error), FALSE);

  if (self->error_row != NULL)
    {
      mkt_field_error_clear (self->error_row);
      self->error_row = NULL;
    }
}

static void
show_error (MktStockDialog *self,
            const GError   *error)
{
  const char *field = NULL;
  const char *message = mkt_field_error_message (error, &field);
  GtkWidget *row;

  g_debug ("Not recorded: %s", error->message);
  clear_error (self);

  self->error_text = g_strdup (message);

  row = mkt_field_error_find_row (self, movement_fields, G_N_ELEMENTS (movement_fields), field);
  if (row == NULL || !gtk_widget_get_visible (row))
    {
      gtk_label_set_text (self->general_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->general_error), TRUE);
      return;
    }

  self->error_row = row;
  mkt_field_error_show (row, message);
  gtk_widget_grab_focus (row);
}

static void
row_changed_cb (MktStockDialog *self,
                GtkEditable    *editable)
{
  if (self->error_row == GTK_WIDGET (editable))
    clear_error (self);
}

static void
row_activated_cb (MktStockDialog *self,
                  AdwEntryRow    *row)
{
  mkt_stock_dialog_apply (self);
}

/* "2 skein": a number, then a unit or the material's pack; the material's
 * own unit without one. */
static gboolean
parse_amount (const char   *text,
              MktQuantity  *out_quantity,
              char        **out_unit,
              GError      **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autoptr(GError) local_error = NULL;
  char *space = strpbrk (copy, " \t");
  char *unit = NULL;

  if (space != NULL)
    {
      *space = '\0';
      unit = g_strstrip (space + 1);
    }

  if (!mkt_quantity_parse (copy, out_quantity, &local_error))
    {
      mkt_set_validation_error (error, "quantity", MKT_VALIDATION_ERROR_INVALID, "%s", local_error->message);
      return FALSE;
    }

  *out_unit = unit != NULL && unit[0] != '\0' ? g_strdup (unit) : NULL;
  return TRUE;
}

/* The total paid: as typed, or the price of one @unit times @quantity,
 * exactly or not at all (the ledger keeps what was paid). */
static gboolean
parse_cost (MktStockDialog  *self,
            MktQuantity      quantity,
            MktMoney        *out_total,
            GError         **error)
{
  const char *currency = mkt_session_get_currency (self->session);
  g_autoptr(GError) local_error = NULL;
  MktMoney cost;

  if (!mkt_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->cost_row)), currency, &cost, &local_error))
    {
      mkt_set_validation_error (error, "total_cost", MKT_VALIDATION_ERROR_INVALID, "%s", local_error->message);
      return FALSE;
    }

  if (!gtk_switch_get_active (self->cost_each_switch))
    {
      *out_total = cost;
      return TRUE;
    }

  /* The rule is the core's; its refusal, in the reader's language. */
  if (!mkt_stock_total_for_each (quantity, cost, currency, "total_cost", out_total, NULL))
    {
      g_autofree char *shown = mkt_quantity_format (quantity);
      g_autofree char *price = mkt_money_format (cost, currency);

      /* Translators: "2.5 × 0.33 EUR is not a whole amount of EUR; …" */
      mkt_set_validation_error (error, "total_cost", MKT_VALIDATION_ERROR_INVALID,
                                _("%s × %s %s is not a whole amount of %s; give the total paid instead"),
                                shown, price, currency, currency);
      return FALSE;
    }

  return TRUE;
}

static char *
dup_text_or_null (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static MktRecord *
record (MktStockDialog  *self,
        GError         **error)
{
  g_autofree char *unit = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *at_text = NULL;
  MktQuantity quantity;
  MktMoney total;
  gint64 at = 0;

  if (!parse_amount (gtk_editable_get_text (GTK_EDITABLE (self->quantity_row)), &quantity, &unit, error))
    return NULL;

  switch (self->kind)
    {
    case MKT_STOCK_DIALOG_PURCHASE:
      if (!parse_cost (self, quantity, &total, error))
        return NULL;
      reference = dup_text_or_null (self->reference_row);
      return mkt_stock_purchase (self->session, self->material, quantity, unit, total, reference, error);

    case MKT_STOCK_DIALOG_ADJUST:
      reason = dup_text_or_null (self->reason_row);
      return mkt_stock_adjust (self->session, self->material, quantity, unit, reason, error);

    case MKT_STOCK_DIALOG_COUNT:
      at_text = dup_text_or_null (self->time_row);
      if (at_text != NULL)
        {
          g_autoptr(GError) time_error = NULL;

          if (!mkt_timestamp_parse (at_text, &at, &time_error))
            {
              mkt_set_validation_error (error, "occurred_at", MKT_VALIDATION_ERROR_INVALID,
                                        "%s", time_error->message);
              return NULL;
            }
        }
      return mkt_stock_count (self->session, self->material, quantity, unit, at, error);

    default:
      g_assert_not_reached ();
    }
}

/**
 * mkt_stock_dialog_apply:
 * @self: a dialog
 *
 * Writes the movement through the window's session. On success the
 * material's row is read again, the window's pages hear of it and the
 * dialog closes; otherwise the error shows on the row it is about and
 * nothing is written.
 *
 * Returns: whether the movement was written
 */
gboolean
mkt_stock_dialog_apply (MktStockDialog *self)
{
  static const char * const done[] = {
    N_("Purchase recorded"), N_("Stock adjusted"), N_("Stock count recorded"),
  };
  g_autoptr(MktRecord) movement = NULL;
  g_autoptr(MktMaterialItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWindow) window = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autofree char *id = NULL;
  MktStockDialogKind kind;

  g_return_val_if_fail (MKT_IS_STOCK_DIALOG (self), FALSE);

  movement = record (self, &error);
  if (movement == NULL)
    {
      show_error (self, error);
      return FALSE;
    }

  /* Closing drops what the dialog holds. */
  clear_error (self);
  g_set_object (&window, self->window);
  session = g_object_ref (self->session);
  id = g_strdup (mkt_record_get_id (self->material));
  kind = self->kind;
  gtk_window_destroy (GTK_WINDOW (self));

  if (window == NULL || !MKT_IS_WINDOW (window))
    return TRUE;

  /* The row first, at once; then every page that shows stock. */
  item = mkt_material_item_read (session, id, &error);
  if (item != NULL)
    mkt_inventory_view_set_item (mkt_window_get_inventory_view (MKT_WINDOW (window)), item);
  else
    g_warning ("Could not read the material again: %s", error->message);

  mkt_window_data_changed (MKT_WINDOW (window), mkt_stock_movement_spec.name);
  mkt_window_add_toast (MKT_WINDOW (window), adw_toast_new (_(done[kind])));

  return TRUE;
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  mkt_stock_dialog_apply (MKT_STOCK_DIALOG (widget));
}

static void
mkt_stock_dialog_dispose (GObject *object)
{
  MktStockDialog *self = (MktStockDialog *)object;

  self->error_row = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_STOCK_DIALOG);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->session);
  g_clear_object (&self->material);

  G_OBJECT_CLASS (mkt_stock_dialog_parent_class)->dispose (object);
}

static void
mkt_stock_dialog_finalize (GObject *object)
{
  MktStockDialog *self = (MktStockDialog *)object;

  g_clear_pointer (&self->error_text, g_free);

  G_OBJECT_CLASS (mkt_stock_dialog_parent_class)->finalize (object);
}

static void
mkt_stock_dialog_class_init (MktStockDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mkt_stock_dialog_dispose;
  object_class->finalize = mkt_stock_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-stock-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MktStockDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, MktStockDialog, group);
  gtk_widget_class_bind_template_child (widget_class, MktStockDialog, quantity_row);
  gtk_widget_class_bind_template_child (widget_class, MktStockDialog, cost_row);
  gtk_widget_class_bind_template_child (widget_class, MktStockDialog, cost_each_row);
  gtk_widget_class_bind_template_child (widget_class, MktStockDialog, cost_each_switch);
  gtk_widget_class_bind_template_child (widget_class, MktStockDialog, reference_row);
  gtk_widget_class_bind_template_child (widget_class, MktStockDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, MktStockDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, MktStockDialog, apply_button);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "stock.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "stock.apply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
mkt_stock_dialog_init (MktStockDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_up (MktStockDialog *self)
{
  const char *unit = mkt_record_get_string (self->material, "unit");
  const char *pack = mkt_record_get_string (self->material, "purchase_unit");
  const char *name = mkt_record_get_string (self->material, "name");
  const char *colour = mkt_record_get_string (self->material, "colour");
  gboolean purchase = self->kind == MKT_STOCK_DIALOG_PURCHASE;
  g_autofree char *units = NULL;

  if (pack != NULL)
    /* Translators: the units a quantity may be given in: "yd or skein" */
    units = g_strdup_printf (_("%s or %s"), unit, pack);
  else
    units = g_strdup (unit);

  switch (self->kind)
    {
    case MKT_STOCK_DIALOG_PURCHASE:
      gtk_window_set_title (GTK_WINDOW (self), _("Record Purchase"));
      gtk_button_set_label (self->apply_button, _("_Record"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quantity_row), _("Quantity Bought"));
      break;
    case MKT_STOCK_DIALOG_ADJUST:
      gtk_window_set_title (GTK_WINDOW (self), _("Adjust Stock"));
      gtk_button_set_label (self->apply_button, _("_Adjust"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quantity_row), _("Change (negative takes away)"));
      break;
    case MKT_STOCK_DIALOG_COUNT:
      gtk_window_set_title (GTK_WINDOW (self), _("Count Stock"));
      gtk_button_set_label (self->apply_button, _("_Record"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quantity_row), _("Quantity Counted"));
      break;
    default:
      g_assert_not_reached ();
    }

  if (colour != NULL)
    {
      /* Translators: a material and its colour: "Merino DK, Rust" */
      g_autofree char *title = g_strdup_printf (_("%s, %s"), name != NULL ? name : "", colour);

      adw_preferences_group_set_title (self->group, title);
    }
  else
    adw_preferences_group_set_title (self->group, name != NULL ? name : "");

  {
    MktQuantity on_hand = 0;
    g_autofree char *in_stock = NULL;
    g_autofree char *description = NULL;

    /* One material's ledger: a small read. */
    if (mkt_stock_on_hand (self->session, &mkt_material_spec, mkt_record_get_id (self->material), 0, &on_hand, NULL))
      in_stock = mkt_quantity_format (on_hand);

    if (in_stock != NULL)
      /* Translators: "On hand: 738 yd. In yd or skein, such as “2 skein”" */
      description = g_strdup_printf (_("On hand: %s %s. In %s, such as “2 %s”"), in_stock, unit, units,
                                     pack != NULL ? pack : unit);
    else
      /* Translators: the units the quantity row takes: "In yd or skein, such as “2 skein”" */
      description = g_strdup_printf (_("In %s, such as “2 %s”"), units, pack != NULL ? pack : unit);
    adw_preferences_group_set_description (self->group, description);
  }

  gtk_widget_set_visible (GTK_WIDGET (self->cost_row), purchase);
  gtk_widget_set_visible (GTK_WIDGET (self->cost_each_row), purchase);
  gtk_widget_set_visible (GTK_WIDGET (self->reference_row), purchase);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_row), self->kind == MKT_STOCK_DIALOG_ADJUST);
  gtk_widget_set_visible (GTK_WIDGET (self->time_row), self->kind == MKT_STOCK_DIALOG_COUNT);
}

/**
 * mkt_stock_dialog_new:
 * @parent: (nullable): the window it is shown over
 * @window: the #MktWindow whose session writes, and whose pages hear of it
 * @kind: what to record
 * @material_id: the material
 * @error: return location for an error, when the material cannot be read
 *
 * Returns: (transfer none) (nullable): a new dialog, owned by GTK's list
 *   of toplevels, or %NULL with @error set
 */
MktStockDialog *
mkt_stock_dialog_new (GtkWindow           *parent,
                      GtkWindow           *window,
                      MktStockDialogKind   kind,
                      const char          *material_id,
                      GError             **error)
{
  g_autoptr(MktRecord) material = NULL;
  MktStockDialog *self;
  MktSession *session;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MKT_IS_WINDOW (window), NULL);
  g_return_val_if_fail (kind <= MKT_STOCK_DIALOG_COUNT, NULL);
  g_return_val_if_fail (material_id != NULL, NULL);

  session = mkt_window_get_session (MKT_WINDOW (window), error);
  if (session == NULL)
    return NULL;
  material = mkt_session_get (session, &mkt_material_spec, material_id, error);
  if (material == NULL)
    return NULL;

  self = g_object_new (MKT_TYPE_STOCK_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->kind = kind;
  self->session = g_object_ref (session);
  self->material = g_steal_pointer (&material);
  g_set_weak_pointer (&self->window, window);
  set_up (self);

  return self;
}

MktStockDialogKind
mkt_stock_dialog_get_kind (MktStockDialog *self)
{
  g_return_val_if_fail (MKT_IS_STOCK_DIALOG (self), MKT_STOCK_DIALOG_PURCHASE);

  return self->kind;
}

const char *
mkt_stock_dialog_get_material_id (MktStockDialog *self)
{
  g_return_val_if_fail (MKT_IS_STOCK_DIALOG (self), NULL);

  return mkt_record_get_id (self->material);
}

/**
 * mkt_stock_dialog_get_row:
 * @self: a dialog
 * @field: "quantity", "total_cost", "cost_each", "reference", "reason" or
 *   "occurred_at"
 *
 * Returns: (transfer none) (nullable): the row for @field (for
 *   "cost_each", the #GtkSwitch)
 */
GtkWidget *
mkt_stock_dialog_get_row (MktStockDialog *self,
                          const char     *field)
{
  g_return_val_if_fail (MKT_IS_STOCK_DIALOG (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_equal (field, "cost_each"))
    return GTK_WIDGET (self->cost_each_switch);

  return mkt_field_error_find_row (self, movement_fields, G_N_ELEMENTS (movement_fields), field);
}

/**
 * mkt_stock_dialog_get_error_row:
 * @self: a dialog
 *
 * Returns: (transfer none) (nullable): the row that shows an error, if one
 *   does
 */
GtkWidget *
mkt_stock_dialog_get_error_row (MktStockDialog *self)
{
  g_return_val_if_fail (MKT_IS_STOCK_DIALOG (self), NULL);

  return self->error_row;
}

/**
 * mkt_stock_dialog_get_error:
 * @self: a dialog
 *
 * Returns: (nullable): the error shown, if any
 */
const char *
mkt_stock_dialog_get_error (MktStockDialog *self)
{
  g_return_val_if_fail (MKT_IS_STOCK_DIALOG (self), NULL);

  return self->error_text;
}

/**
 * mkt_stock_dialog_action:
 * @widget: a widget in an #MktWindow, or in a window over one (the
 *   material editor)
 * @action_name: "material.purchase", "material.adjust" or "material.count"
 * @parameter: the material's id
 *
 * What the actions of the inventory and the editor do: opens the dialog
 * over @widget's window.
 */
void
mkt_stock_dialog_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  g_autoptr(GError) error = NULL;
  MktStockDialogKind kind;
  MktStockDialog *dialog;

  if (window != NULL && !MKT_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);
  if (window == NULL || !MKT_IS_WINDOW (window))
    return;

  if (g_str_has_suffix (action_name, ".purchase"))
    kind = MKT_STOCK_DIALOG_PURCHASE;
  else if (g_str_has_suffix (action_name, ".adjust"))
    kind = MKT_STOCK_DIALOG_ADJUST;
  else
    kind = MKT_STOCK_DIALOG_COUNT;

  dialog = mkt_stock_dialog_new (GTK_WINDOW (root), window, kind, g_variant_get_string (parameter, NULL), &error);
  if (dialog == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      mkt_window_add_toast (MKT_WINDOW (window), adw_toast_new (escaped));
      return;
    }

  gtk_window_present (GTK_WINDOW (dialog));
}
