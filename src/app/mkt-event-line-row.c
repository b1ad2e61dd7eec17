/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-event-line-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-event-item.h"
#include "mkt-event-line-row.h"

/*
 * One product on a market's sheet: its price there and what is at the
 * stall, opening onto the price of its own at this market and the items to
 * bring or take back. The row holds no rule: its Bring and Return buttons
 * activate the page's "sheet.bring" and "sheet.return" with the product's
 * id, and a new price is announced with ::price-apply; the page shows the
 * core's answer with mkt_event_line_row_show_error().
 */

struct _MktEventLineRow
{
  AdwExpanderRow  parent_instance;

  GtkWidget      *counts_row;
  GtkWidget      *price_row;
  GtkWidget      *quantity_row;
  GtkWidget      *quantity_entry;
  GtkWidget      *bring_button;
  GtkWidget      *return_button;
  GtkWidget      *message_row;
  GtkWidget      *message_label;

  char           *product_id;
  gboolean        price_filled;
};

G_DEFINE_FINAL_TYPE (MktEventLineRow, mkt_event_line_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PRICE_APPLY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
price_apply_cb (MktEventLineRow *self,
                AdwEntryRow     *row)
{
  g_signal_emit (self, signals[PRICE_APPLY], 0, gtk_editable_get_text (GTK_EDITABLE (row)));
}

/* Typing again takes the error away. */
static void
changed_cb (MktEventLineRow *self,
            GtkEditable     *editable)
{
  if (gtk_widget_has_css_class (GTK_WIDGET (editable), "error"))
    mkt_event_line_row_show_error (self, NULL, NULL);
}

static void
mkt_event_line_row_finalize (GObject *object)
{
  MktEventLineRow *self = (MktEventLineRow *)object;

  g_clear_pointer (&self->product_id, g_free);

  G_OBJECT_CLASS (mkt_event_line_row_parent_class)->finalize (object);
}

static void
mkt_event_line_row_class_init (MktEventLineRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mkt_event_line_row_finalize;

  /**
   * MktEventLineRow::price-apply:
   * @self: the row
   * @text: the price typed, empty for the product's own
   */
  signals[PRICE_APPLY] =
    g_signal_new ("price-apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static GtkWidget *
action_button (const char *label,
               const char *tooltip)
{
  return g_object_new (GTK_TYPE_BUTTON,
                       "label", label,
                       "use-underline", TRUE,
                       "valign", GTK_ALIGN_CENTER,
                       "tooltip-text", tooltip,
                       NULL);
}

static void
mkt_event_line_row_init (MktEventLineRow *self)
{
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (self);

  self->counts_row = g_object_new (ADW_TYPE_ACTION_ROW, NULL);
  adw_expander_row_add_row (expander, self->counts_row);

  self->price_row = g_object_new (ADW_TYPE_ENTRY_ROW,
                                  "title", _("Price at This Event (empty: the product’s)"),
                                  "show-apply-button", TRUE,
                                  "input-purpose", GTK_INPUT_PURPOSE_NUMBER,
                                  NULL);
  g_signal_connect_object (self->price_row, "apply", G_CALLBACK (price_apply_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->price_row, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  adw_expander_row_add_row (expander, self->price_row);

  /* A short entry beside the buttons: the row fits a 360 px phone. */
  self->quantity_entry = g_object_new (GTK_TYPE_ENTRY,
                                       "width-chars", 4,
                                       "max-width-chars", 6,
                                       "input-purpose", GTK_INPUT_PURPOSE_DIGITS,
                                       "valign", GTK_ALIGN_CENTER,
                                       NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->quantity_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Items to bring or take back"), -1);
  g_signal_connect_object (self->quantity_entry, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  self->bring_button = action_button (_("_Bring"), _("Take these items to the market"));
  self->return_button = action_button (_("_Return"), _("Take these items back home"));
  self->quantity_row = g_object_new (ADW_TYPE_ACTION_ROW, "title", _("Items"), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->quantity_row), self->quantity_entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->quantity_row), self->bring_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->quantity_row), self->return_button);
  adw_expander_row_add_row (expander, self->quantity_row);

  self->message_label = g_object_new (GTK_TYPE_LABEL,
                                      "xalign", 0.0f,
                                      "wrap", TRUE,
                                      "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                      "margin-start", 12,
                                      "margin-end", 12,
                                      "margin-top", 6,
                                      "margin-bottom", 6,
                                      NULL);
  gtk_widget_add_css_class (self->message_label, "error");
  self->message_row = g_object_new (GTK_TYPE_LIST_BOX_ROW,
                                    "child", self->message_label,
                                    "activatable", FALSE,
                                    "selectable", FALSE,
                                    "focusable", FALSE,
                                    "visible", FALSE,
                                    NULL);
  adw_expander_row_add_row (expander, self->message_row);
}

/**
 * mkt_event_line_row_new:
 * @product_id: the product of the line
 *
 * Returns: (transfer floating): a row; fill it with
 *   mkt_event_line_row_update()
 */
GtkWidget *
mkt_event_line_row_new (const char *product_id)
{
  MktEventLineRow *self;

  g_return_val_if_fail (product_id != NULL, NULL);

  self = g_object_new (MKT_TYPE_EVENT_LINE_ROW, NULL);
  self->product_id = g_strdup (product_id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->bring_button), "sheet.bring");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->bring_button), g_variant_new_string (product_id));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->return_button), "sheet.return");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->return_button), g_variant_new_string (product_id));

  return GTK_WIDGET (self);
}

const char *
mkt_event_line_row_get_product_id (MktEventLineRow *self)
{
  g_return_val_if_fail (MKT_IS_EVENT_LINE_ROW (self), NULL);

  return self->product_id;
}

/**
 * mkt_event_line_row_update:
 * @self: a row
 * @line: the product's line, as the core reads it
 * @currency: the business's currency
 *
 * Shows @line. The price entry is filled once: later reads leave what is
 * being typed there alone.
 */
void
mkt_event_line_row_update (MktEventLineRow     *self,
                           const MktMarketLine *line,
                           const char          *currency)
{
  g_autofree char *name = g_markup_escape_text (mkt_record_get_title (line->product), -1);
  g_autofree char *price = mkt_event_format_money (line->price, currency);
  g_autofree char *on_hand = mkt_quantity_format (line->on_hand);
  g_autofree char *brought = mkt_quantity_format (line->brought);
  g_autofree char *returned = mkt_quantity_format (line->returned);
  g_autofree char *sold = mkt_quantity_format (line->sold);
  g_autofree char *subtitle = NULL;
  g_autofree char *counts = NULL;

  g_return_if_fail (MKT_IS_EVENT_LINE_ROW (self));

  /* Translators: a product's price at a market, and how many are there */
  subtitle = g_strdup_printf (_("%s · %s at the stall"), price, on_hand);
  /* Translators: items of a product taken to a market, back home, and sold */
  counts = g_strdup_printf (_("Brought %s · Returned %s · Sold %s"), brought, returned, sold);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->counts_row), counts);

  if (!self->price_filled)
    {
      self->price_filled = TRUE;
      if (line->line != NULL && mkt_record_has (line->line, "price"))
        {
          g_autofree char *text = mkt_money_format (mkt_record_get_int (line->line, "price"), currency);

          gtk_editable_set_text (GTK_EDITABLE (self->price_row), text);
        }
    }
}

/**
 * mkt_event_line_row_show_error:
 * @self: a row
 * @part: (nullable): "price" or "quantity", the entry the error is about
 * @message: (nullable): what is wrong, or %NULL to clear the error
 */
void
mkt_event_line_row_show_error (MktEventLineRow *self,
                               const char      *part,
                               const char      *message)
{
  g_return_if_fail (MKT_IS_EVENT_LINE_ROW (self));

  gtk_widget_remove_css_class (self->price_row, "error");
  gtk_widget_remove_css_class (self->quantity_entry, "error");

  if (message == NULL)
    {
      gtk_widget_set_visible (self->message_row, FALSE);
      return;
    }

  if (part != NULL)
    gtk_widget_add_css_class (mkt_event_line_row_get_part (self, part), "error");
  gtk_label_set_text (GTK_LABEL (self->message_label), message);
  gtk_widget_set_visible (self->message_row, TRUE);
}

/**
 * mkt_event_line_row_get_part:
 * @self: a row
 * @part: "counts", "price", "quantity", "bring", "return" or "message"
 *
 * Returns: (transfer none) (nullable): that widget; "quantity" is the
 *   entry of the items, "message" the error shown, if one is
 */
GtkWidget *
mkt_event_line_row_get_part (MktEventLineRow *self,
                             const char      *part)
{
  g_return_val_if_fail (MKT_IS_EVENT_LINE_ROW (self), NULL);
  g_return_val_if_fail (part != NULL, NULL);

  if (g_str_equal (part, "counts"))
    return self->counts_row;
  if (g_str_equal (part, "price"))
    return self->price_row;
  if (g_str_equal (part, "quantity"))
    return self->quantity_entry;
  if (g_str_equal (part, "bring"))
    return self->bring_button;
  if (g_str_equal (part, "return"))
    return self->return_button;
  if (g_str_equal (part, "message"))
    return gtk_widget_get_visible (self->message_row) ? self->message_label : NULL;

  return NULL;
}
