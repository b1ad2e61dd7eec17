/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-product-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-product-detail.h"
#include "mkt-field-error.h"
#include "mkt-product-item.h"
#include "mkt-window.h"

/*
 * One product or component: its fields, saved through the window's session
 * with mkt-core's errors on the row they name; what one costs and what to
 * charge (mkt_price_suggest(), margin and markup following the price as it
 * is typed); and its recipe.
 */

struct _MktProductDetail
{
  GtkWidget            parent_instance;

  /* Template children */
  GtkWidget           *back_button;
  GtkLabel            *title_label;
  GtkWidget           *make_button;
  GtkMenuButton       *menu_button;
  GtkWidget           *save_button;
  GtkStack            *stack;
  GtkScrolledWindow   *scrolled_window;
  GtkLabel            *general_error;
  AdwPreferencesGroup *fields_group;
  AdwEntryRow         *name_row;
  AdwEntryRow         *sku_row;
  AdwEntryRow         *category_row;
  AdwEntryRow         *labour_row;
  AdwEntryRow         *price_row;
  AdwEntryRow         *notes_row;
  GtkWidget           *cost_group;
  GtkWidget           *overhead_row;
  GtkWidget           *prices_group;
  GtkWidget           *marketplace_row;
  GtkLabel            *materials_label;
  GtkLabel            *labour_label;
  GtkLabel            *overhead_label;
  GtkLabel            *total_label;
  GtkLabel            *wholesale_label;
  GtkLabel            *retail_label;
  GtkLabel            *marketplace_label;
  GtkLabel            *margin_label;
  GtkLabel            *markup_label;
  GtkLabel            *on_hand_label;
  MktProductRecipe    *recipe;

  MktSession          *session;
  const MktEntitySpec *spec;
  char                *id;
  char                *currency;
  MktCostTotals        totals;
  MktSettings          settings;
  GtkWidget           *error_row;
  guint                editing : 1;
};

G_DEFINE_FINAL_TYPE (MktProductDetail, mkt_product_detail, GTK_TYPE_WIDGET)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The fields shown, in the order they are set; a component has no category
 * and no price. */
static const struct
{
  const char *field;
  const char *error_field;
  gsize       row_offset;
  gboolean    product_only;
} detail_fields[] = {
  { "name", "name", G_STRUCT_OFFSET (MktProductDetail, name_row), FALSE },
  { "sku", "sku", G_STRUCT_OFFSET (MktProductDetail, sku_row), FALSE },
  { "category", "category_id", G_STRUCT_OFFSET (MktProductDetail, category_row), TRUE },
  { "labour_minutes", "labour_minutes", G_STRUCT_OFFSET (MktProductDetail, labour_row), FALSE },
  { "price", "price", G_STRUCT_OFFSET (MktProductDetail, price_row), TRUE },
  { "notes", "notes", G_STRUCT_OFFSET (MktProductDetail, notes_row), FALSE },
};

static GtkWidget *
field_row (MktProductDetail *self,
           guint             i)
{
  return G_STRUCT_MEMBER (GtkWidget *, self, detail_fields[i].row_offset);
}

static gboolean
is_product (MktProductDetail *self)
{
  return self->spec == &mkt_product_spec;
}

static void
clear_error (MktProductDetail *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->general_error), FALSE);
  if (self->error_row != NULL)
    mkt_field_error_clear (self->error_row);
  self->error_row = NULL;
}

static void
show_error (MktProductDetail *self,
            const GError     *error)
{
  const char *field = NULL;
  const char *message = mkt_field_error_message (error, &field);

  g_debug ("Not saved: %s", error->message);
  clear_error (self);

  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (detail_fields); i++)
    {
      if (!g_str_equal (detail_fields[i].error_field, field) ||
          !gtk_widget_get_visible (field_row (self, i)))
        continue;

      self->error_row = field_row (self, i);
      mkt_field_error_show (self->error_row, message);
      gtk_widget_grab_focus (self->error_row);
      return;
    }

  gtk_label_set_text (self->general_error, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->general_error), TRUE);
}

static void
row_changed_cb (MktProductDetail *self,
                GtkEditable      *editable)
{
  if (self->error_row == GTK_WIDGET (editable))
    clear_error (self);
}

static void
row_activated_cb (MktProductDetail *self,
                  AdwEntryRow      *row)
{
  mkt_product_detail_save (self);
}

static void
set_money_label (MktProductDetail *self,
                 GtkLabel         *label,
                 MktMoney          amount)
{
  g_autofree char *text = mkt_product_format_money (amount, self->currency);

  gtk_label_set_text (label, text);
}

/* Suggestions, margin and markup at the price as typed: mkt-core computes
 * them from the cost read last. */
static void
update_prices (MktProductDetail *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->price_row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gboolean has_price = stripped[0] != '\0';
  gboolean valid = TRUE;
  MktMoney price = 0;
  MktPricing pricing;

  if (!self->editing || !is_product (self) || self->currency == NULL)
    return;

  if (has_price)
    valid = mkt_money_parse (stripped, self->currency, &price, NULL);

  mkt_price_compute (&self->totals, &self->settings, self->currency, has_price && valid, price, &pricing);
  set_money_label (self, self->wholesale_label, pricing.wholesale);
  set_money_label (self, self->retail_label, pricing.retail);
  set_money_label (self, self->marketplace_label, pricing.marketplace);
  gtk_widget_set_visible (self->marketplace_row, pricing.marketplace != pricing.retail);

  if (pricing.has_price)
    {
      g_autofree char *margin = mkt_price_format_percent (pricing.margin_bp);
      g_autofree char *markup = pricing.cost > 0 ? mkt_price_format_percent (pricing.markup_bp) : g_strdup ("–");

      gtk_label_set_text (self->margin_label, margin);
      gtk_label_set_text (self->markup_label, markup);
    }
  else
    {
      /* Translators: margin and markup when no price is set (or it is not a price) */
      gtk_label_set_text (self->margin_label, valid ? _("No price set") : "–");
      gtk_label_set_text (self->markup_label, valid ? _("No price set") : "–");
    }
}

static void
price_changed_cb (MktProductDetail *self,
                  GtkEditable      *editable)
{
  row_changed_cb (self, editable);
  update_prices (self);
}

static void
update_menu (MktProductDetail *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

  if (self->id == NULL)
    {
      gtk_menu_button_set_menu_model (self->menu_button, NULL);
      return;
    }

  if (is_product (self))
    {
      item = g_menu_item_new (_("_Print Price Tags…"), NULL);
      g_menu_item_set_action_and_target_value (item, "win.print-tags", g_variant_new_string (self->id));
      g_menu_append_item (section, item);
      g_clear_object (&item);
      item = g_menu_item_new (_("_Export Price Tags…"), NULL);
      g_menu_item_set_action_and_target_value (item, "win.export-tags", g_variant_new_string (self->id));
      g_menu_append_item (section, item);
      g_clear_object (&item);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
    }

  item = g_menu_item_new (_("_Move to Trash"), NULL);
  g_menu_item_set_action_and_target_value (item, "product.delete", g_variant_new_string (self->id));
  g_menu_append_item (menu, item);

  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
}

/* What shows depends on the kind and on whether the row exists yet: a new
 * one has no recipe, cost or runs until it is saved. */
static void
update_mode (MktProductDetail *self)
{
  gboolean product = is_product (self);
  gboolean saved = self->id != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (detail_fields); i++)
    gtk_widget_set_visible (field_row (self, i), product || !detail_fields[i].product_only);

  adw_preferences_group_set_title (self->fields_group, product ? _("Product") : _("Component"));
  gtk_widget_set_visible (self->cost_group, saved);
  gtk_widget_set_visible (self->prices_group, saved && product);
  gtk_widget_set_visible (GTK_WIDGET (self->recipe), saved);
  gtk_widget_set_visible (self->make_button, saved && product);
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), saved);
  if (saved && product)
    {
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->make_button), g_variant_new_string (self->id));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->make_button), "product.make");
    }

  update_menu (self);
}

static void
set_title (MktProductDetail *self,
           const char       *title)
{
  if (title == NULL || title[0] == '\0')
    title = is_product (self) ? _("New Product") : _("New Component");
  gtk_label_set_text (self->title_label, title);
}

static char *
dup_field_text (MktProductDetail *self,
                MktRecord        *record,
                const char       *field)
{
  int index;
  char *text;

  if (g_str_equal (field, "category"))
    {
      const char *category_id = mkt_record_get_string (record, "category_id");
      g_autoptr(MktRecord) category = NULL;

      if (category_id == NULL)
        return g_strdup ("");
      category = mkt_session_get_any (self->session, &mkt_category_spec, category_id, NULL);
      return g_strdup (category != NULL ? mkt_record_get_title (category) : category_id);
    }

  index = mkt_entity_spec_field_index (mkt_record_get_spec (record), field);
  g_assert (index >= 0);
  text = mkt_record_format_value (record, index, self->currency);

  return text != NULL ? text : g_strdup ("");
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mkt_product_detail_save (MKT_PRODUCT_DETAIL (widget));
}

static void
mkt_product_detail_dispose (GObject *object)
{
  MktProductDetail *self = (MktProductDetail *)object;
  GtkWidget *child;

  self->error_row = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_PRODUCT_DETAIL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mkt_product_detail_parent_class)->dispose (object);
}

static void
mkt_product_detail_finalize (GObject *object)
{
  MktProductDetail *self = (MktProductDetail *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (mkt_product_detail_parent_class)->finalize (object);
}

static void
mkt_product_detail_class_init (MktProductDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mkt_product_detail_dispose;
  object_class->finalize = mkt_product_detail_finalize;

  /**
   * MktProductDetail::saved:
   * @self: the detail
   * @id: the product's or component's id
   * @created: whether it is new
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  g_type_ensure (MKT_TYPE_PRODUCT_RECIPE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-product-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, make_button);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, menu_button);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, save_button);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, general_error);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, fields_group);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, name_row);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, sku_row);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, category_row);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, labour_row);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, price_row);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, notes_row);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, cost_group);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, overhead_row);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, prices_group);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, marketplace_row);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, materials_label);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, labour_label);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, overhead_label);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, total_label);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, wholesale_label);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, retail_label);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, marketplace_label);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, margin_label);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, markup_label);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, on_hand_label);
  gtk_widget_class_bind_template_child (widget_class, MktProductDetail, recipe);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, price_changed_cb);

  gtk_widget_class_install_action (widget_class, "detail.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "detail.save", NULL);
}

static void
mkt_product_detail_init (MktProductDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->spec = &mkt_product_spec;
  mkt_settings_init_defaults (&self->settings);
  mkt_product_detail_clear (self);
}

/**
 * mkt_product_detail_clear:
 * @self: a detail
 *
 * Shows nothing: the list has no selection.
 */
void
mkt_product_detail_clear (MktProductDetail *self)
{
  g_return_if_fail (MKT_IS_PRODUCT_DETAIL (self));

  clear_error (self);
  g_clear_pointer (&self->id, g_free);
  self->editing = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_label_set_text (self->title_label, "");
  gtk_widget_set_visible (self->make_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.save", FALSE);
  gtk_widget_set_visible (self->save_button, FALSE);
}

/**
 * mkt_product_detail_show:
 * @self: a detail
 * @session: who reads and writes: the window's session
 * @spec: %mkt_product_spec or %mkt_component_spec
 * @id: (nullable): the row to edit, or %NULL for a new one
 * @error: return location for an error
 *
 * Fills the fields from the row (or empties them) and reads its cost,
 * prices and recipe.
 *
 * Returns: whether the row could be read
 */
gboolean
mkt_product_detail_show (MktProductDetail     *self,
                         MktSession           *session,
                         const MktEntitySpec  *spec,
                         const char           *id,
                         GError              **error)
{
  g_autoptr(MktRecord) record = NULL;

  g_return_val_if_fail (MKT_IS_PRODUCT_DETAIL (self), FALSE);
  g_return_val_if_fail (MKT_IS_SESSION (session), FALSE);
  g_return_val_if_fail (spec == &mkt_product_spec || spec == &mkt_component_spec, FALSE);

  if (id != NULL && (record = mkt_session_get (session, spec, id, error)) == NULL)
    return FALSE;

  g_set_object (&self->session, session);
  g_free (self->currency);
  self->currency = g_strdup (mkt_session_get_currency (session));
  self->spec = spec;
  g_free (self->id);
  self->id = g_strdup (id);
  self->editing = TRUE;

  clear_error (self);
  for (guint i = 0; i < G_N_ELEMENTS (detail_fields); i++)
    {
      g_autofree char *text = NULL;

      if (detail_fields[i].product_only && !is_product (self))
        continue;
      text = record != NULL ? dup_field_text (self, record, detail_fields[i].field) : g_strdup ("");
      gtk_editable_set_text (GTK_EDITABLE (field_row (self, i)), text);
    }

  set_title (self, record != NULL ? mkt_record_get_title (record) : NULL);
  update_mode (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.save", TRUE);
  gtk_widget_set_visible (self->save_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "edit");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  if (record == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return TRUE;
    }

  return mkt_product_detail_refresh (self, session, error);
}

static void
set_labour_label (MktProductDetail *self)
{
  g_autofree char *cost = mkt_product_format_money (mkt_cost_round (self->totals.labour_cost), self->currency);
  g_autofree char *minutes = mkt_quantity_format (self->totals.labour_minutes);
  g_autofree char *text = NULL;

  /* Translators: labour cost and its minutes: "12.00 EUR (45 min)" */
  text = g_strdup_printf (_("%s (%s min)"), cost, minutes);
  gtk_label_set_text (self->labour_label, text);
}

/**
 * mkt_product_detail_refresh:
 * @self: a detail
 * @session: the window's session
 * @error: return location for an error
 *
 * Reads again what is derived from other rows (cost, prices, finished
 * items, the recipe), leaving the fields as they are being edited.
 *
 * Returns: whether it could be read
 */
gboolean
mkt_product_detail_refresh (MktProductDetail  *self,
                            MktSession        *session,
                            GError           **error)
{
  g_autoptr(MktRecord) tenant = NULL;
  g_autoptr(MktRecord) record = NULL;
  MktQuantity on_hand = 0;

  g_return_val_if_fail (MKT_IS_PRODUCT_DETAIL (self), FALSE);
  g_return_val_if_fail (MKT_IS_SESSION (session), FALSE);

  if (!self->editing || self->id == NULL)
    return TRUE;

  /* Gone to the trash since: %MKT_STORE_ERROR_NOT_FOUND. */
  record = mkt_session_get (session, self->spec, self->id, error);
  if (record == NULL)
    return FALSE;
  /* The title follows a rename saved elsewhere. */
  set_title (self, mkt_record_get_title (record));

  tenant = mkt_session_get (session, &mkt_tenant_spec, mkt_session_get_tenant_id (session), error);
  if (tenant == NULL ||
      !mkt_settings_from_tenant (tenant, &self->settings, error) ||
      !mkt_cost_get (session, self->spec, self->id, &self->totals, error))
    return FALSE;
  g_free (self->currency);
  self->currency = g_strdup (mkt_session_get_currency (session));

  set_money_label (self, self->materials_label, mkt_cost_round (self->totals.material_cost));
  set_labour_label (self);
  set_money_label (self, self->overhead_label, mkt_cost_round (self->totals.overhead_cost));
  gtk_widget_set_visible (self->overhead_row, is_product (self));
  set_money_label (self, self->total_label, mkt_cost_round (self->totals.total_cost));

  if (is_product (self))
    {
      g_autofree char *quantity = NULL;

      if (!mkt_stock_on_hand (session, &mkt_product_spec, self->id, 0, &on_hand, error))
        return FALSE;
      quantity = mkt_quantity_format (on_hand);
      gtk_label_set_text (self->on_hand_label, quantity);
      update_prices (self);
    }

  return mkt_product_recipe_show (self->recipe, session, self->spec, self->id, error);
}

/**
 * mkt_product_detail_save:
 * @self: a detail
 *
 * Sets every field through the session and creates or updates the row.
 * On success the window hears of it and #MktProductDetail::saved is
 * emitted; otherwise the error shows on the row it names and nothing is
 * written.
 *
 * Returns: whether it was saved
 */
gboolean
mkt_product_detail_save (MktProductDetail *self)
{
  g_autoptr(MktRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  gboolean created;

  g_return_val_if_fail (MKT_IS_PRODUCT_DETAIL (self), FALSE);

  if (!self->editing || self->session == NULL)
    return FALSE;

  created = self->id == NULL;
  record = created ? mkt_record_new (self->spec) : mkt_session_get (self->session, self->spec, self->id, &error);
  if (record == NULL)
    {
      show_error (self, error);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (detail_fields); i++)
    {
      if (detail_fields[i].product_only && !is_product (self))
        continue;
      if (!mkt_session_set_from_text (self->session, record, detail_fields[i].field,
                                      gtk_editable_get_text (GTK_EDITABLE (field_row (self, i))), &error))
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

  clear_error (self);
  g_free (self->id);
  self->id = g_strdup (mkt_record_get_id (record));
  set_title (self, mkt_record_get_title (record));
  update_mode (self);

  g_signal_emit (self, signals[SAVED], 0, self->id, created);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (MKT_IS_WINDOW (root))
    mkt_window_data_changed (MKT_WINDOW (root), self->spec->name);
  else if (!mkt_product_detail_refresh (self, self->session, &error))
    show_error (self, error);

  return TRUE;
}

/**
 * mkt_product_detail_set_folded:
 * @self: a detail
 * @folded: whether the list and the detail are pages of their own
 *
 * A folded detail has a back button.
 */
void
mkt_product_detail_set_folded (MktProductDetail *self,
                               gboolean          folded)
{
  g_return_if_fail (MKT_IS_PRODUCT_DETAIL (self));

  gtk_widget_set_visible (self->back_button, folded);
}

/**
 * mkt_product_detail_get_id:
 * @self: a detail
 *
 * Returns: (nullable): the row shown; %NULL for none or a new one
 */
const char *
mkt_product_detail_get_id (MktProductDetail *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_DETAIL (self), NULL);
  return self->id;
}

const MktEntitySpec *
mkt_product_detail_get_spec (MktProductDetail *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_DETAIL (self), NULL);
  return self->spec;
}

/**
 * mkt_product_detail_get_editing:
 * @self: a detail
 *
 * Returns: whether a row (or a new one) is shown
 */
gboolean
mkt_product_detail_get_editing (MktProductDetail *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_DETAIL (self), FALSE);
  return self->editing;
}

/**
 * mkt_product_detail_get_row:
 * @self: a detail
 * @field: "name", "sku", "category", "labour_minutes", "price" or "notes"
 *
 * Returns: (transfer none) (nullable): the #AdwEntryRow that edits @field
 */
GtkWidget *
mkt_product_detail_get_row (MktProductDetail *self,
                            const char       *field)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_DETAIL (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (detail_fields); i++)
    if (g_str_equal (detail_fields[i].field, field))
      return field_row (self, i);

  return NULL;
}

/**
 * mkt_product_detail_get_value_label:
 * @self: a detail
 * @name: "materials", "labour", "overhead", "total", "wholesale", "retail",
 *   "marketplace", "margin", "markup" or "on-hand"
 *
 * Returns: (transfer none) (nullable): the label that shows it
 */
GtkLabel *
mkt_product_detail_get_value_label (MktProductDetail *self,
                                    const char       *name)
{
  const struct { const char *name; gsize offset; } labels[] = {
    { "materials", G_STRUCT_OFFSET (MktProductDetail, materials_label) },
    { "labour", G_STRUCT_OFFSET (MktProductDetail, labour_label) },
    { "overhead", G_STRUCT_OFFSET (MktProductDetail, overhead_label) },
    { "total", G_STRUCT_OFFSET (MktProductDetail, total_label) },
    { "wholesale", G_STRUCT_OFFSET (MktProductDetail, wholesale_label) },
    { "retail", G_STRUCT_OFFSET (MktProductDetail, retail_label) },
    { "marketplace", G_STRUCT_OFFSET (MktProductDetail, marketplace_label) },
    { "margin", G_STRUCT_OFFSET (MktProductDetail, margin_label) },
    { "markup", G_STRUCT_OFFSET (MktProductDetail, markup_label) },
    { "on-hand", G_STRUCT_OFFSET (MktProductDetail, on_hand_label) },
  };

  g_return_val_if_fail (MKT_IS_PRODUCT_DETAIL (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].name, name))
      return G_STRUCT_MEMBER (GtkLabel *, self, labels[i].offset);

  return NULL;
}

/**
 * mkt_product_detail_get_recipe:
 * @self: a detail
 *
 * Returns: (transfer none): the recipe part of the detail
 */
MktProductRecipe *
mkt_product_detail_get_recipe (MktProductDetail *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_DETAIL (self), NULL);
  return self->recipe;
}
