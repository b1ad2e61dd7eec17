/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-event-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mkt-event-item.h"
#include "mkt-event-line-row.h"
#include "mkt-event-loader.h"
#include "mkt-event-page.h"
#include "mkt-event-picker.h"
#include "mkt-field-error.h"
#include "mkt-window.h"

/*
 * One market event: its sheet (each product's price there, what was
 * brought, returned and sold, what is at the stall now) and what the day
 * earned. Reads happen on a worker thread; bringing, returning and prices
 * go through the window's session, and the core's refusals show on the
 * line they are about.
 */

static const struct
{
  const char *key;
  const char *title;
} summary_rows[] = {
  { "cash", N_("Cash") },
  { "card", N_("Card") },
  { "other", N_("Other Payments") },
  { "revenue", N_("Revenue") },
  { "items", N_("Items Sold") },
  { "cost", N_("Cost of Goods") },
  { "booth_fee", N_("Booth Fee") },
  { "other_costs", N_("Other Costs") },
  { "profit", N_("Profit") },
};

struct _MktEventPage
{
  GtkWidget           parent_instance;

  /* Template children */
  GtkWidget          *scrolled_window;
  GtkLabel           *title_label;
  GtkLabel           *dates_label;
  GtkLabel           *error_label;
  GtkWidget          *edit_button;
  GtkWidget          *delete_button;
  GtkWidget          *stall_button;
  GtkWidget          *print_button;
  GtkWidget          *export_button;
  GtkMenuButton      *add_button;
  MktEventPicker     *picker;
  GtkListBox         *sheet_list;
  AdwPreferencesGroup *summary_group;

  GtkLabel           *summary_labels[G_N_ELEMENTS (summary_rows)];
  /* product id → MktEventLineRow, owned by the list */
  GHashTable         *line_rows;

  char               *event_id;
  MktEventData       *data;
  /* Every active product, read with the first read of an event and again
   * whenever the picker opens: not on every sale at the stall. */
  GPtrArray          *all_products;
  /* A product just added: its row opens once it is there. */
  char               *open_product_id;
  GCancellable       *cancellable;
  guint               serial;
  guint               n_loading;
};

G_DEFINE_FINAL_TYPE (MktEventPage, mkt_event_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GWeakRef *page;
  guint     serial;
} LoadRequest;

static MktWindow *
get_window (MktEventPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return MKT_IS_WINDOW (root) ? MKT_WINDOW (root) : NULL;
}

static MktSession *
get_session (MktEventPage  *self,
             GError       **error)
{
  MktWindow *window = get_window (self);

  if (window == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("The page is not in a window"));
      return NULL;
    }

  return mkt_window_get_session (window, error);
}

static const char *
currency (MktEventPage *self)
{
  return self->data != NULL ? self->data->currency : "EUR";
}

static void
set_summary (MktEventPage *self,
             const char   *key,
             const char   *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (summary_rows); i++)
    if (g_str_equal (summary_rows[i].key, key))
      gtk_label_set_text (self->summary_labels[i], text);
}

static void
set_summary_money (MktEventPage *self,
                   const char   *key,
                   MktMoney      amount)
{
  g_autofree char *text = mkt_event_format_money (amount, currency (self));

  set_summary (self, key, text);
}

static void
price_apply_cb (MktEventPage    *self,
                const char      *text,
                MktEventLineRow *row)
{
  const char *product_id = mkt_event_line_row_get_product_id (row);
  g_autoptr(MktRecord) line = NULL;
  g_autoptr(GError) error = NULL;
  MktSession *session;

  if (self->event_id == NULL)
    return;

  /* The line exists once the product is on the sheet; a product only sold
   * here gets one now. An empty price means the product's own. */
  if ((session = get_session (self, &error)) == NULL ||
      (line = mkt_market_add_product (session, self->event_id, product_id, FALSE, 0, &error)) == NULL ||
      !mkt_session_set_from_text (session, line, "price", text, &error) ||
      !mkt_session_update (session, line, &error))
    {
      mkt_event_line_row_show_error (row, "price", mkt_field_error_message (error, NULL));
      return;
    }

  mkt_event_line_row_show_error (row, NULL, NULL);
  mkt_window_data_changed (get_window (self), mkt_market_line_spec.name);
}

static void
update_lines (MktEventPage *self)
{
  GPtrArray *lines = self->data->summary->lines;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  GHashTableIter iter;
  GtkWidget *row;

  for (guint i = 0; i < lines->len; i++)
    {
      MktMarketLine *line = g_ptr_array_index (lines, i);
      const char *product_id = mkt_record_get_id (line->product);

      row = g_hash_table_lookup (self->line_rows, product_id);
      if (row == NULL)
        {
          row = mkt_event_line_row_new (product_id);
          g_signal_connect_object (row, "price-apply", G_CALLBACK (price_apply_cb), self, G_CONNECT_SWAPPED);
          g_hash_table_insert (self->line_rows,
                               (gpointer)mkt_event_line_row_get_product_id (MKT_EVENT_LINE_ROW (row)), row);
          gtk_list_box_insert (self->sheet_list, row, i);
        }
      else if (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) != (int)i)
        {
          g_object_ref (row);
          gtk_list_box_remove (self->sheet_list, row);
          gtk_list_box_insert (self->sheet_list, row, i);
          g_object_unref (row);
        }

      mkt_event_line_row_update (MKT_EVENT_LINE_ROW (row), line, currency (self));
      g_hash_table_add (seen, (gpointer)mkt_event_line_row_get_product_id (MKT_EVENT_LINE_ROW (row)));
    }

  /* Out of the table first: the row owns its key. */
  g_hash_table_iter_init (&iter, self->line_rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&row))
    if (!g_hash_table_contains (seen, mkt_event_line_row_get_product_id (MKT_EVENT_LINE_ROW (row))))
      {
        g_hash_table_iter_remove (&iter);
        g_ptr_array_add (gone, row);
      }
  for (guint i = 0; i < gone->len; i++)
    gtk_list_box_remove (self->sheet_list, g_ptr_array_index (gone, i));

  if (self->open_product_id != NULL &&
      (row = g_hash_table_lookup (self->line_rows, self->open_product_id)) != NULL)
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_widget_grab_focus (mkt_event_line_row_get_part (MKT_EVENT_LINE_ROW (row), "quantity"));
      g_clear_pointer (&self->open_product_id, g_free);
    }
}

static void
update_summary (MktEventPage *self)
{
  const MktMarketSummary *summary = self->data->summary;
  g_autofree char *items = mkt_quantity_format (summary->items_sold);

  set_summary_money (self, "cash", summary->revenue_cash);
  set_summary_money (self, "card", summary->revenue_card);
  set_summary_money (self, "other", summary->revenue_other);
  set_summary_money (self, "revenue", summary->revenue);
  set_summary (self, "items", items);
  set_summary_money (self, "cost", summary->cost_of_goods);
  set_summary_money (self, "booth_fee", summary->booth_fee);
  set_summary_money (self, "other_costs", summary->other_costs);
  set_summary_money (self, "profit", summary->profit);
}

/* The picker offers what is not on the sheet yet. */
static void
update_products (MktEventPage *self)
{
  g_autoptr(GHashTable) on_sheet = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) offered = g_ptr_array_new ();
  GPtrArray *lines = self->data->summary->lines;

  for (guint i = 0; i < lines->len; i++)
    {
      MktMarketLine *line = g_ptr_array_index (lines, i);

      if (line->line != NULL)
        g_hash_table_add (on_sheet, (gpointer)mkt_record_get_id (line->product));
    }

  if (self->data->products != NULL)
    {
      g_clear_pointer (&self->all_products, g_ptr_array_unref);
      self->all_products = g_ptr_array_ref (self->data->products);
    }

  for (guint i = 0; self->all_products != NULL && i < self->all_products->len; i++)
    {
      MktRecord *product = g_ptr_array_index (self->all_products, i);

      if (!g_hash_table_contains (on_sheet, mkt_record_get_id (product)))
        g_ptr_array_add (offered, product);
    }

  mkt_event_picker_set_products (self->picker, offered, currency (self));
}

static void
apply_data (MktEventPage *self)
{
  MktRecord *event = self->data->summary->event;
  g_autofree char *dates = mkt_event_format_dates (event);
  const char *venue = mkt_record_get_string (event, "venue");

  gtk_label_set_text (self->title_label, mkt_record_get_title (event));
  if (venue != NULL)
    {
      /* Translators: a market's dates and its venue */
      g_autofree char *text = g_strdup_printf (_("%s · %s"), dates, venue);

      gtk_label_set_text (self->dates_label, text);
    }
  else
    gtk_label_set_text (self->dates_label, dates);

  update_lines (self);
  update_summary (self);
  update_products (self);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadRequest *request = user_data;
  g_autoptr(MktEventPage) self = mkt_event_weak_steal (request->page);
  guint serial = request->serial;
  g_autoptr(MktEventData) data = NULL;
  g_autoptr(GError) error = NULL;

  g_free (request);
  data = mkt_event_load_finish (result, &error);
  if (self == NULL)
    return;

  self->n_loading--;
  if (serial == self->serial && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (data == NULL)
        {
          g_debug ("Could not read the market: %s", error->message);
          gtk_label_set_text (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      else
        {
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
          g_clear_pointer (&self->data, mkt_event_data_free);
          self->data = g_steal_pointer (&data);
          apply_data (self);
        }
    }

  if (self->n_loading == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * mkt_event_page_reload:
 * @self: a page
 *
 * Reads the event anew; what an earlier read brings is dropped.
 */
void
mkt_event_page_reload (MktEventPage *self)
{
  MktWindow *window;
  LoadRequest *request;

  g_return_if_fail (MKT_IS_EVENT_PAGE (self));

  window = get_window (self);
  if (self->event_id == NULL || window == NULL || !mkt_window_get_ready (window))
    return;

  request = g_new0 (LoadRequest, 1);
  request->page = mkt_event_weak_new (self);
  request->serial = ++self->serial;
  mkt_event_load_async (mkt_window_get_db_path (window), self->event_id,
                        self->all_products == NULL || gtk_widget_get_visible (GTK_WIDGET (self->picker))
                          ? MKT_EVENT_LOAD_PRODUCTS : 0,
                        self->cancellable, loaded_cb, request);

  if (self->n_loading++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * mkt_event_page_products_changed:
 * @self: a page
 *
 * Products were written: the picker's list is read again with the event.
 */
void
mkt_event_page_products_changed (MktEventPage *self)
{
  g_return_if_fail (MKT_IS_EVENT_PAGE (self));

  g_clear_pointer (&self->all_products, g_ptr_array_unref);
  mkt_event_page_reload (self);
}

static void
transfer (MktEventPage *self,
          const char   *product_id,
          gboolean      bring)
{
  MktEventLineRow *row = g_hash_table_lookup (self->line_rows, product_id);
  g_autoptr(GError) error = NULL;
  GtkWidget *entry;
  MktSession *session;
  MktQuantity quantity = 0;
  const char *text;
  gboolean ok;

  if (row == NULL || self->event_id == NULL)
    return;

  entry = mkt_event_line_row_get_part (row, "quantity");
  text = gtk_editable_get_text (GTK_EDITABLE (entry));
  session = get_session (self, &error);
  if (session != NULL && !mkt_quantity_parse (text, &quantity, NULL))
    {
      /* Translators: what was typed as a number of items */
      g_autofree char *message = g_strdup_printf (_("“%s” is not a number of items"), text);

      mkt_event_line_row_show_error (row, "quantity", message);
      return;
    }

  if (session == NULL)
    ok = FALSE;
  else if (bring)
    ok = mkt_market_bring (session, self->event_id, product_id, quantity, &error);
  else
    ok = mkt_market_return (session, self->event_id, product_id, quantity, &error);

  if (!ok)
    {
      mkt_event_line_row_show_error (row, "quantity", mkt_field_error_message (error, NULL));
      return;
    }

  mkt_event_line_row_show_error (row, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  mkt_window_data_changed (get_window (self), mkt_product_movement_spec.name);
}

static void
bring_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  transfer (MKT_EVENT_PAGE (widget), g_variant_get_string (parameter, NULL), TRUE);
}

static void
return_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  transfer (MKT_EVENT_PAGE (widget), g_variant_get_string (parameter, NULL), FALSE);
}

static void
picker_show_cb (MktEventPage   *self,
                MktEventPicker *picker)
{
  /* Products made or renamed since the last read show up. */
  mkt_event_page_reload (self);
}

static void
picker_picked_cb (MktEventPage   *self,
                  const char     *product_id,
                  MktEventPicker *picker)
{
  mkt_event_page_add_product (self, product_id);
}

static void
mkt_event_page_dispose (GObject *object)
{
  MktEventPage *self = (MktEventPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->line_rows, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_EVENT_PAGE);

  G_OBJECT_CLASS (mkt_event_page_parent_class)->dispose (object);
}

static void
mkt_event_page_finalize (GObject *object)
{
  MktEventPage *self = (MktEventPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->open_product_id, g_free);
  g_clear_pointer (&self->data, mkt_event_data_free);
  g_clear_pointer (&self->all_products, g_ptr_array_unref);

  G_OBJECT_CLASS (mkt_event_page_parent_class)->finalize (object);
}

static void
mkt_event_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MktEventPage *self = MKT_EVENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->n_loading > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_event_page_class_init (MktEventPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mkt_event_page_dispose;
  object_class->finalize = mkt_event_page_finalize;
  object_class->get_property = mkt_event_page_get_property;

  /* Whether the event is being read. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MKT_TYPE_EVENT_PICKER);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-event-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MktEventPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, MktEventPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MktEventPage, dates_label);
  gtk_widget_class_bind_template_child (widget_class, MktEventPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, MktEventPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, MktEventPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, MktEventPage, stall_button);
  gtk_widget_class_bind_template_child (widget_class, MktEventPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, MktEventPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, MktEventPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, MktEventPage, picker);
  gtk_widget_class_bind_template_child (widget_class, MktEventPage, sheet_list);
  gtk_widget_class_bind_template_child (widget_class, MktEventPage, summary_group);
  gtk_widget_class_bind_template_callback (widget_class, picker_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, picker_picked_cb);

  gtk_widget_class_install_action (widget_class, "sheet.bring", "s", bring_action);
  gtk_widget_class_install_action (widget_class, "sheet.return", "s", return_action);

  gtk_widget_class_set_css_name (widget_class, "eventpage");
}

static void
mkt_event_page_init (MktEventPage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->line_rows = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (summary_rows); i++)
    {
      GtkWidget *row = g_object_new (ADW_TYPE_ACTION_ROW, "title", _(summary_rows[i].title), NULL);

      self->summary_labels[i] = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_labels[i]), "numeric");
      if (g_str_equal (summary_rows[i].key, "profit") || g_str_equal (summary_rows[i].key, "revenue"))
        gtk_widget_add_css_class (GTK_WIDGET (self->summary_labels[i]), "heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->summary_labels[i]));
      adw_preferences_group_add (self->summary_group, row);
    }

  placeholder = g_object_new (GTK_TYPE_LABEL,
                              "label", _("No products on the sheet yet: add those you take to this market"),
                              "wrap", TRUE,
                              "margin-start", 12,
                              "margin-end", 12,
                              "margin-top", 12,
                              "margin-bottom", 12,
                              NULL);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->sheet_list, placeholder);

}

/**
 * mkt_event_page_set_event_id:
 * @self: a page
 * @event_id: (nullable): the market event to show
 */
void
mkt_event_page_set_event_id (MktEventPage *self,
                             const char   *event_id)
{
  g_return_if_fail (MKT_IS_EVENT_PAGE (self));

  if (g_strcmp0 (self->event_id, event_id) != 0)
    {
      GtkWidget *row;

      g_free (self->event_id);
      self->event_id = g_strdup (event_id);
      g_clear_pointer (&self->data, mkt_event_data_free);

      /* Rows of another event's sheet go; what they held was about it. */
      g_hash_table_remove_all (self->line_rows);
      while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->sheet_list, 0))) != NULL)
        gtk_list_box_remove (self->sheet_list, row);
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->dates_label, "");
      for (guint i = 0; i < G_N_ELEMENTS (summary_rows); i++)
        gtk_label_set_text (self->summary_labels[i], "");
      if (self->all_products != NULL)
        {
          g_autoptr(GPtrArray) none = g_ptr_array_new ();

          mkt_event_picker_set_products (self->picker, none, currency (self));
        }
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled_window)), 0);
    }

  if (event_id != NULL)
    {
      GtkWidget *buttons[] = {
        self->edit_button, self->delete_button, self->stall_button, self->print_button, self->export_button,
      };

      for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
        gtk_actionable_set_action_target_value (GTK_ACTIONABLE (buttons[i]), g_variant_new_string (event_id));
    }

  mkt_event_page_reload (self);
}

/**
 * mkt_event_page_get_event_id:
 * @self: a page
 *
 * Returns: (nullable): the event shown
 */
const char *
mkt_event_page_get_event_id (MktEventPage *self)
{
  g_return_val_if_fail (MKT_IS_EVENT_PAGE (self), NULL);

  return self->event_id;
}

gboolean
mkt_event_page_get_loading (MktEventPage *self)
{
  g_return_val_if_fail (MKT_IS_EVENT_PAGE (self), FALSE);

  return self->n_loading > 0;
}

/**
 * mkt_event_page_get_summary:
 * @self: a page
 *
 * Returns: (transfer none) (nullable): what the page shows, as last read
 */
const MktMarketSummary *
mkt_event_page_get_summary (MktEventPage *self)
{
  g_return_val_if_fail (MKT_IS_EVENT_PAGE (self), NULL);

  return self->data != NULL ? self->data->summary : NULL;
}

/**
 * mkt_event_page_add_product:
 * @self: a page
 * @product_id: a product
 *
 * Puts the product on the event's sheet (what picking it does) and opens
 * its row once it is read back.
 *
 * Returns: whether it is on the sheet; otherwise the page shows why not
 */
gboolean
mkt_event_page_add_product (MktEventPage *self,
                            const char   *product_id)
{
  g_autoptr(MktRecord) line = NULL;
  g_autoptr(GError) error = NULL;
  MktSession *session;

  g_return_val_if_fail (MKT_IS_EVENT_PAGE (self), FALSE);
  g_return_val_if_fail (product_id != NULL, FALSE);

  if (self->event_id == NULL)
    return FALSE;

  if ((session = get_session (self, &error)) == NULL ||
      (line = mkt_market_add_product (session, self->event_id, product_id, FALSE, 0, &error)) == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_free (self->open_product_id);
  self->open_product_id = g_strdup (product_id);
  mkt_window_data_changed (get_window (self), mkt_market_line_spec.name);

  return TRUE;
}

/**
 * mkt_event_page_get_picker:
 * @self: a page
 *
 * Returns: (transfer none): the #GtkListView of products to add
 */
GtkWidget *
mkt_event_page_get_picker (MktEventPage *self)
{
  g_return_val_if_fail (MKT_IS_EVENT_PAGE (self), NULL);

  return mkt_event_picker_get_list (self->picker);
}

/**
 * mkt_event_page_get_line_widget:
 * @self: a page
 * @product_id: a product on the sheet
 * @part: "row", "counts", "price", "quantity", "bring", "return" or
 *   "message"
 *
 * Returns: (transfer none) (nullable): that widget of the product's row
 */
GtkWidget *
mkt_event_page_get_line_widget (MktEventPage *self,
                                const char   *product_id,
                                const char   *part)
{
  GtkWidget *row;

  g_return_val_if_fail (MKT_IS_EVENT_PAGE (self), NULL);
  g_return_val_if_fail (product_id != NULL && part != NULL, NULL);

  row = g_hash_table_lookup (self->line_rows, product_id);
  if (row == NULL || g_str_equal (part, "row"))
    return row;

  return mkt_event_line_row_get_part (MKT_EVENT_LINE_ROW (row), part);
}

/**
 * mkt_event_page_get_summary_text:
 * @self: a page
 * @key: "cash", "card", "other", "revenue", "items", "cost", "booth_fee",
 *   "other_costs" or "profit"
 *
 * Returns: (nullable): what the summary shows for @key
 */
const char *
mkt_event_page_get_summary_text (MktEventPage *self,
                                 const char   *key)
{
  g_return_val_if_fail (MKT_IS_EVENT_PAGE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (summary_rows); i++)
    if (g_str_equal (summary_rows[i].key, key))
      return gtk_label_get_text (self->summary_labels[i]);

  return NULL;
}
