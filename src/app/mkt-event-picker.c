/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-event-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-core.h"
#include "mkt-event-item.h"
#include "mkt-event-picker.h"

/*
 * The products one can add to a market's sheet, searchable by name; Enter
 * in the search takes the first match. Picking one emits ::picked.
 */

struct _MktEventPicker
{
  GtkPopover          parent_instance;

  /* Template children */
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;

  GListStore         *products;
  GtkStringFilter    *filter;
  GtkFilterListModel *filter_model;
  char               *currency;
};

G_DEFINE_FINAL_TYPE (MktEventPicker, mkt_event_picker, GTK_TYPE_POPOVER)

enum {
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_stack (MktEventPicker *self)
{
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0
                                      ? "list" : "empty");
}

static void
pick (MktEventPicker *self,
      guint           position)
{
  g_autoptr(MktRecord) product = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
  g_autofree char *id = NULL;

  if (product == NULL)
    return;

  id = g_strdup (mkt_record_get_id (product));
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[PICKED], 0, id);
}

static void
show_cb (MktEventPicker *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
search_changed_cb (MktEventPicker *self,
                   GtkSearchEntry *entry)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_stack (self);
}

static void
search_activate_cb (MktEventPicker *self,
                    GtkSearchEntry *entry)
{
  pick (self, 0);
}

static void
activate_cb (MktEventPicker *self,
             guint           position,
             GtkListView    *list_view)
{
  pick (self, position);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = g_object_new (GTK_TYPE_LABEL,
                                  "xalign", 0.0f,
                                  "hexpand", TRUE,
                                  "ellipsize", PANGO_ELLIPSIZE_END,
                                  NULL);
  GtkWidget *price = gtk_label_new (NULL);

  gtk_widget_add_css_class (price, "dim-label");
  gtk_widget_add_css_class (price, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), price);
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  MktEventPicker *self = user_data;
  MktRecord *product = gtk_list_item_get_item (item);
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *price = gtk_widget_get_next_sibling (name);
  g_autofree char *text = NULL;

  if (mkt_record_has (product, "price") && self->currency != NULL)
    text = mkt_event_format_money (mkt_record_get_int (product, "price"), self->currency);

  gtk_label_set_text (GTK_LABEL (name), mkt_record_get_title (product));
  gtk_label_set_text (GTK_LABEL (price), text ? text : "");
}

static char *
product_title (MktRecord *product)
{
  return g_strdup (mkt_record_get_title (product));
}

static void
mkt_event_picker_dispose (GObject *object)
{
  MktEventPicker *self = (MktEventPicker *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_EVENT_PICKER);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->products);

  G_OBJECT_CLASS (mkt_event_picker_parent_class)->dispose (object);
}

static void
mkt_event_picker_finalize (GObject *object)
{
  MktEventPicker *self = (MktEventPicker *)object;

  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (mkt_event_picker_parent_class)->finalize (object);
}

static void
mkt_event_picker_class_init (MktEventPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mkt_event_picker_dispose;
  object_class->finalize = mkt_event_picker_finalize;

  /**
   * MktEventPicker::picked:
   * @self: the picker, closed already
   * @id: the product picked
   */
  signals[PICKED] =
    g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-event-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, MktEventPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MktEventPicker, stack);
  gtk_widget_class_bind_template_child (widget_class, MktEventPicker, list_view);
  gtk_widget_class_bind_template_callback (widget_class, show_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
}

static void
mkt_event_picker_init (MktEventPicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkExpression *title;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->products = g_list_store_new (MKT_TYPE_RECORD);
  title = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (product_title), NULL, NULL);
  self->filter = gtk_string_filter_new (title);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->products)),
                                                  GTK_FILTER (self->filter));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  update_stack (self);
}

/**
 * mkt_event_picker_set_products:
 * @self: a picker
 * @products: (element-type MktRecord): what it offers, in order
 * @currency: the business's currency, for the prices
 */
void
mkt_event_picker_set_products (MktEventPicker *self,
                               GPtrArray      *products,
                               const char     *currency)
{
  g_return_if_fail (MKT_IS_EVENT_PICKER (self));
  g_return_if_fail (products != NULL);

  g_free (self->currency);
  self->currency = g_strdup (currency);
  g_list_store_splice (self->products, 0, g_list_model_get_n_items (G_LIST_MODEL (self->products)),
                       products->pdata, products->len);
  update_stack (self);
}

/**
 * mkt_event_picker_get_list:
 * @self: a picker
 *
 * Returns: (transfer none): the #GtkListView of the products offered
 */
GtkWidget *
mkt_event_picker_get_list (MktEventPicker *self)
{
  g_return_val_if_fail (MKT_IS_EVENT_PICKER (self), NULL);

  return GTK_WIDGET (self->list_view);
}
