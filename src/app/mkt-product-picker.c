/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-product-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-product-picker.h"

/*
 * Picks what a recipe line puts in: a button that opens a searchable list
 * of the materials and components (by any part of the name, colour or SKU),
 * which can be thousands long: a list view draws only what shows.
 */

struct _MktProductPicker
{
  GtkWidget           parent_instance;

  GtkWidget          *button;
  GtkWidget          *button_label;
  GtkWidget          *popover;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkFilterListModel *results;
  GtkStringFilter    *filter;

  MktProductChoice   *chosen;
};

G_DEFINE_FINAL_TYPE (MktProductPicker, mkt_product_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHOSEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_chosen (MktProductPicker *self,
            MktProductChoice *choice)
{
  if (!g_set_object (&self->chosen, choice))
    return;

  gtk_label_set_text (GTK_LABEL (self->button_label),
                      choice != NULL ? mkt_product_choice_get_label (choice) : _("Choose…"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHOSEN]);
}

static void
search_changed_cb (MktProductPicker *self,
                   GtkSearchEntry   *entry)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Enter in the search takes the first result. */
static void
search_activate_cb (MktProductPicker *self,
                    GtkSearchEntry   *entry)
{
  mkt_product_picker_choose_result (self, 0);
}

static void
stop_search_cb (MktProductPicker *self,
                GtkSearchEntry   *entry)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
activate_cb (MktProductPicker *self,
             guint             position,
             GtkListView      *list_view)
{
  mkt_product_picker_choose_result (self, position);
}

static void
popover_shown_cb (MktProductPicker *self,
                  GtkPopover       *popover)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_string_filter_set_search (self->filter, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 3);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  MktProductChoice *choice = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), mkt_product_choice_get_label (choice));
}

static void
mkt_product_picker_dispose (GObject *object)
{
  MktProductPicker *self = (MktProductPicker *)object;

  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_object (&self->results);
  g_clear_object (&self->chosen);

  G_OBJECT_CLASS (mkt_product_picker_parent_class)->dispose (object);
}

static void
mkt_product_picker_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MktProductPicker *self = MKT_PRODUCT_PICKER (object);

  switch (prop_id)
    {
    case PROP_CHOSEN:
      g_value_set_object (value, self->chosen);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_product_picker_class_init (MktProductPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mkt_product_picker_dispose;
  object_class->get_property = mkt_product_picker_get_property;

  /* What is chosen, or %NULL. */
  properties[PROP_CHOSEN] =
    g_param_spec_object ("chosen", NULL, NULL, MKT_TYPE_PRODUCT_CHOICE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mkt_product_picker_init (MktProductPicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkSingleSelection *selection;
  GtkWidget *box;
  GtkWidget *scrolled;
  GtkWidget *arrow;
  GtkWidget *content;

  self->filter = gtk_string_filter_new (gtk_property_expression_new (MKT_TYPE_PRODUCT_CHOICE, NULL, "search"));
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->results = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->results)));
  gtk_single_selection_set_autoselect (selection, FALSE);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (selection), g_object_ref (factory)));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Materials and components"), -1);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (activate_cb), self, G_CONNECT_SWAPPED);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _("Search materials and components"), NULL);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self, G_CONNECT_SWAPPED);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->search_entry));
  gtk_box_append (GTK_BOX (content), scrolled);

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), content);
  g_signal_connect_object (self->popover, "show", G_CALLBACK (popover_shown_cb), self, G_CONNECT_SWAPPED);

  self->button_label = gtk_label_new (_("Choose…"));
  gtk_label_set_ellipsize (GTK_LABEL (self->button_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (self->button_label), 0);
  gtk_widget_set_hexpand (self->button_label, TRUE);
  arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_halign (box, GTK_ALIGN_FILL);
  gtk_box_append (GTK_BOX (box), self->button_label);
  gtk_box_append (GTK_BOX (box), arrow);

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->button), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), self->popover);
  gtk_widget_set_tooltip_text (self->button, _("Choose a material or component"));
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
}

/**
 * mkt_product_picker_set_model:
 * @self: a picker
 * @choices: (nullable): of #MktProductChoice
 */
void
mkt_product_picker_set_model (MktProductPicker *self,
                              GListModel       *choices)
{
  g_return_if_fail (MKT_IS_PRODUCT_PICKER (self));

  gtk_filter_list_model_set_model (self->results, choices);
}

/**
 * mkt_product_picker_get_chosen:
 * @self: a picker
 *
 * Returns: (transfer none) (nullable): what is chosen
 */
MktProductChoice *
mkt_product_picker_get_chosen (MktProductPicker *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_PICKER (self), NULL);
  return self->chosen;
}

/**
 * mkt_product_picker_choose:
 * @self: a picker
 * @id: (nullable): a material's or component's id, or %NULL for none
 *
 * Returns: whether @id is among the choices (or is %NULL)
 */
gboolean
mkt_product_picker_choose (MktProductPicker *self,
                           const char       *id)
{
  GListModel *choices;

  g_return_val_if_fail (MKT_IS_PRODUCT_PICKER (self), FALSE);

  if (id == NULL)
    {
      set_chosen (self, NULL);
      return TRUE;
    }

  choices = gtk_filter_list_model_get_model (self->results);
  for (guint i = 0; choices != NULL && i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(MktProductChoice) choice = g_list_model_get_item (choices, i);

      if (g_str_equal (mkt_product_choice_get_id (choice), id))
        {
          set_chosen (self, choice);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * mkt_product_picker_get_search_entry:
 * @self: a picker
 *
 * Returns: (transfer none): the search of the list that pops up
 */
GtkEditable *
mkt_product_picker_get_search_entry (MktProductPicker *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_PICKER (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

/**
 * mkt_product_picker_get_results:
 * @self: a picker
 *
 * Returns: (transfer none): the choices that match the search
 */
GListModel *
mkt_product_picker_get_results (MktProductPicker *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_PICKER (self), NULL);
  return G_LIST_MODEL (self->results);
}

/**
 * mkt_product_picker_choose_result:
 * @self: a picker
 * @position: a position in mkt_product_picker_get_results()
 *
 * Chooses that result and closes the list, as clicking it does.
 *
 * Returns: whether there is such a result
 */
gboolean
mkt_product_picker_choose_result (MktProductPicker *self,
                                  guint             position)
{
  g_autoptr(MktProductChoice) choice = NULL;

  g_return_val_if_fail (MKT_IS_PRODUCT_PICKER (self), FALSE);

  choice = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  if (choice == NULL)
    return FALSE;

  set_chosen (self, choice);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  return TRUE;
}
