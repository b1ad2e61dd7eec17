/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-product-recipe"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mkt-product-choice.h"
#include "mkt-field-error.h"
#include "mkt-product-picker.h"
#include "mkt-product-recipe-item.h"
#include "mkt-product-recipe.h"
#include "mkt-window.h"

/*
 * The recipe of a product or component as a tree (a component line opens to
 * its own lines), and a form to add a line. What a line may be (its unit,
 * no cycles) is for mkt-core to say: its error goes on the row it names and
 * nothing is written.
 */

struct _MktProductRecipe
{
  GtkWidget            parent_instance;

  /* Template children */
  GtkStack            *stack;
  GtkListView         *tree_view;
  AdwActionRow        *choice_row;
  MktProductPicker    *picker;
  AdwEntryRow         *amount_row;

  GListStore          *root;
  GtkTreeListModel    *tree_model;
  const MktEntitySpec *spec;
  char                *id;
};

G_DEFINE_FINAL_TYPE (MktProductRecipe, mkt_product_recipe, GTK_TYPE_WIDGET)

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  GListModel *children = mkt_product_recipe_item_get_children (MKT_PRODUCT_RECIPE_ITEM (item));

  return children != NULL ? g_object_ref (children) : NULL;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *amount = gtk_label_new (NULL);
  GtkWidget *cost = gtk_label_new (NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (amount), 0);
  /* "120 yd at 0.0136 EUR / yd" and the like: wrapped on a phone. */
  gtk_label_set_wrap (GTK_LABEL (amount), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (amount), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (amount, "dim-label");
  gtk_widget_add_css_class (amount, "caption");
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), amount);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), text);
  gtk_widget_set_hexpand (expander, TRUE);

  gtk_widget_add_css_class (cost, "numeric");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove from the Recipe"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove from the recipe"),
                                  -1);

  gtk_box_append (GTK_BOX (box), expander);
  gtk_box_append (GTK_BOX (box), cost);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(MktProductRecipeItem) item = gtk_tree_list_row_get_item (row);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *expander = gtk_widget_get_first_child (box);
  GtkWidget *cost = gtk_widget_get_next_sibling (expander);
  GtkWidget *remove = gtk_widget_get_next_sibling (cost);
  GtkWidget *text = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *name = gtk_widget_get_first_child (text);
  GtkWidget *amount = gtk_widget_get_next_sibling (name);
  const char *part_id = mkt_product_recipe_item_get_part_id (item);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_text (GTK_LABEL (name), mkt_product_recipe_item_get_name (item));
  gtk_label_set_text (GTK_LABEL (amount), mkt_product_recipe_item_get_amount (item));
  gtk_label_set_text (GTK_LABEL (cost), mkt_product_recipe_item_get_cost (item));

  /* Only the recipe's own lines come out here; a component's are its own. */
  gtk_widget_set_visible (remove, part_id != NULL);
  /* The target before the name, so that the button never names the
   * action with a target of the wrong type. */
  if (part_id != NULL)
    {
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_string (part_id));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "product.remove-part");
    }
  else
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), NULL);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), NULL);
    }
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_widget_get_first_child (box)), NULL);
}

/* A line opens what it puts in: a component here, a material in its
 * editor. */
static void
line_activated_cb (MktProductRecipe *self,
                   guint             position,
                   GtkListView      *list_view)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree_model), position);
  g_autoptr(MktProductRecipeItem) item = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  if (item == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self),
                              mkt_product_recipe_item_is_component (item) ? "product.edit" : "material.edit",
                              "s", mkt_product_recipe_item_get_child_id (item));
}

static void
clear_errors (MktProductRecipe *self)
{
  mkt_field_error_clear (GTK_WIDGET (self->choice_row));
  mkt_field_error_clear (GTK_WIDGET (self->amount_row));
}

static void
choice_selected_cb (MktProductRecipe *self,
                    GParamSpec       *pspec,
                    MktProductPicker *picker)
{
  clear_errors (self);
}

static void
amount_changed_cb (MktProductRecipe *self,
                   GtkEditable      *editable)
{
  mkt_field_error_clear (GTK_WIDGET (self->amount_row));
}

static void
amount_activated_cb (MktProductRecipe *self,
                     AdwEntryRow      *row)
{
  mkt_product_recipe_add_part (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  mkt_product_recipe_add_part (MKT_PRODUCT_RECIPE (widget));
}

static void
mkt_product_recipe_dispose (GObject *object)
{
  MktProductRecipe *self = (MktProductRecipe *)object;
  GtkWidget *child;

  if (self->tree_view != NULL)
    gtk_list_view_set_model (self->tree_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MKT_TYPE_PRODUCT_RECIPE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->root);

  G_OBJECT_CLASS (mkt_product_recipe_parent_class)->dispose (object);
}

static void
mkt_product_recipe_finalize (GObject *object)
{
  MktProductRecipe *self = (MktProductRecipe *)object;

  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (mkt_product_recipe_parent_class)->finalize (object);
}

static void
mkt_product_recipe_class_init (MktProductRecipeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mkt_product_recipe_dispose;
  object_class->finalize = mkt_product_recipe_finalize;

  g_type_ensure (MKT_TYPE_PRODUCT_PICKER);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marketmanager/MarketManager/ui/mkt-product-recipe.ui");
  gtk_widget_class_bind_template_child (widget_class, MktProductRecipe, stack);
  gtk_widget_class_bind_template_child (widget_class, MktProductRecipe, tree_view);
  gtk_widget_class_bind_template_child (widget_class, MktProductRecipe, choice_row);
  gtk_widget_class_bind_template_child (widget_class, MktProductRecipe, picker);
  gtk_widget_class_bind_template_child (widget_class, MktProductRecipe, amount_row);
  gtk_widget_class_bind_template_callback (widget_class, choice_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, amount_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, amount_activated_cb);

  gtk_widget_class_install_action (widget_class, "recipe.add", NULL, add_action);
}

static void
mkt_product_recipe_init (MktProductRecipe *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->root = g_list_store_new (MKT_TYPE_PRODUCT_RECIPE_ITEM);
  self->tree_model = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->root)), FALSE, FALSE,
                                              create_children_cb, NULL, NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->tree_model)));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->tree_view, factory);
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->tree_view, "activate", G_CALLBACK (line_activated_cb), self, G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * mkt_product_recipe_set_choices:
 * @self: a recipe
 * @choices: (nullable): of #MktProductChoice, what a line can put in
 */
void
mkt_product_recipe_set_choices (MktProductRecipe *self,
                                GListModel       *choices)
{
  g_return_if_fail (MKT_IS_PRODUCT_RECIPE (self));

  mkt_product_picker_set_model (self->picker, choices);
}

/* The line of @explain that @part is: the first one not taken yet of the
 * same material or component, amount and unit. */
static const MktCostLine *
find_line (const MktCostLine *explain,
           MktRecord         *part,
           const char        *child_id,
           gboolean          *taken)
{
  for (guint i = 0; explain->children != NULL && i < explain->children->len; i++)
    {
      const MktCostLine *line = g_ptr_array_index (explain->children, i);

      if (!taken[i] && g_strcmp0 (line->id, child_id) == 0 &&
          line->quantity == mkt_record_get_int (part, "quantity") &&
          g_strcmp0 (line->unit, mkt_record_get_string (part, "unit")) == 0)
        {
          taken[i] = TRUE;
          return line;
        }
    }

  return NULL;
}

/**
 * mkt_product_recipe_show:
 * @self: a recipe
 * @session: who reads
 * @spec: %mkt_product_spec or %mkt_component_spec
 * @id: (nullable): the product or component, %NULL for none
 * @error: return location for an error
 *
 * Reads the recipe of @id afresh (a small read, of one recipe).
 *
 * Returns: whether it could be read
 */
gboolean
mkt_product_recipe_show (MktProductRecipe     *self,
                         MktSession           *session,
                         const MktEntitySpec  *spec,
                         const char           *id,
                         GError              **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MktQuery) query = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(MktCostLine) explain = NULL;
  g_autofree gboolean *taken = NULL;

  g_return_val_if_fail (MKT_IS_PRODUCT_RECIPE (self), FALSE);

  if (g_strcmp0 (self->id, id) != 0)
    {
      clear_errors (self);
      gtk_editable_set_text (GTK_EDITABLE (self->amount_row), "");
    }
  g_free (self->id);
  self->id = g_strdup (id);
  self->spec = spec;

  if (id != NULL)
    {
      query = mkt_query_new ();
      mkt_query_add_filter (query, spec == &mkt_product_spec ? "product_id" : "parent_component_id",
                            MKT_FILTER_EQ, g_variant_new_string (id));
      parts = mkt_session_list (session, &mkt_part_spec, query, NULL, error);
      if (parts == NULL || (explain = mkt_cost_explain (session, spec, id, error)) == NULL)
        return FALSE;
      taken = g_new0 (gboolean, explain->children != NULL ? explain->children->len : 0);
    }

  for (guint i = 0; parts != NULL && i < parts->len; i++)
    {
      MktRecord *part = g_ptr_array_index (parts, i);
      const char *material_id = mkt_record_get_string (part, "material_id");
      const char *child_id = material_id != NULL ? material_id : mkt_record_get_string (part, "component_id");
      const MktCostLine *line = find_line (explain, part, child_id, taken);

      if (line == NULL)
        {
          /* A recipe too long to explain line by line: the line without
           * its cost. */
          g_autoptr(MktRecord) child = mkt_session_get_any (session, material_id ? &mkt_material_spec
                                                                                 : &mkt_component_spec,
                                                            child_id, NULL);
          g_autofree char *label = child != NULL ? mkt_record_dup_label (child) : g_strdup (child_id);
          MktCostLine bare = {
            .kind = (char *)(material_id ? "material" : "component"),
            .id = (char *)child_id,
            .name = label,
            .quantity = mkt_record_get_int (part, "quantity"),
            .unit = (char *)mkt_record_get_string (part, "unit"),
          };

          g_ptr_array_add (items, mkt_product_recipe_item_new (mkt_record_get_id (part), &bare,
                                                               mkt_session_get_currency (session)));
          continue;
        }

      g_ptr_array_add (items, mkt_product_recipe_item_new (mkt_record_get_id (part), line,
                                                           mkt_session_get_currency (session)));
    }

  g_list_store_splice (self->root, 0, g_list_model_get_n_items (G_LIST_MODEL (self->root)),
                       items->pdata, items->len);
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "tree" : "empty");

  return TRUE;
}

/* "120 yd" is 120 of yd, "0.5ball" 0.5 of ball, "3" three of the default
 * unit: the number and the unit go to mkt-core as two fields. */
static void
split_amount (const char  *text,
              char       **out_quantity,
              char       **out_unit)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *p = copy;

  while (*p != '\0' && (g_ascii_isdigit (*p) || strchr (".,+-", *p) != NULL))
    p++;

  *out_quantity = g_strndup (copy, p - copy);
  *out_unit = g_strstrip (g_strdup (p));
}

static void
show_error (MktProductRecipe *self,
            const GError     *error)
{
  const char *field = NULL;
  const char *message = mkt_field_error_message (error, &field);
  GtkWidget *row = GTK_WIDGET (self->amount_row);

  g_debug ("Not added: %s", error->message);
  clear_errors (self);

  if (g_strcmp0 (field, "material_id") == 0 || g_strcmp0 (field, "component_id") == 0)
    row = GTK_WIDGET (self->choice_row);
  else if (field == NULL || (!g_str_equal (field, "quantity") && !g_str_equal (field, "unit")))
    message = error->message;

  mkt_field_error_show (row, message);
  gtk_widget_grab_focus (row);
}

/**
 * mkt_product_recipe_add_part:
 * @self: a recipe
 *
 * Adds the chosen material or component, in the amount typed, to the
 * recipe shown. On success the window hears of it (#MktWindow::data-changed
 * for "part"); otherwise the error shows on its row and nothing is written.
 *
 * Returns: whether the line was added
 */
gboolean
mkt_product_recipe_add_part (MktProductRecipe *self)
{
  g_autoptr(MktRecord) part = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *quantity = NULL;
  g_autofree char *unit = NULL;
  MktProductChoice *choice;
  GtkRoot *root;
  MktSession *session;

  g_return_val_if_fail (MKT_IS_PRODUCT_RECIPE (self), FALSE);

  clear_errors (self);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (self->id == NULL || !MKT_IS_WINDOW (root))
    return FALSE;

  choice = mkt_product_picker_get_chosen (self->picker);
  if (choice == NULL)
    {
      mkt_field_error_show (GTK_WIDGET (self->choice_row), _("Choose what goes in"));
      return FALSE;
    }

  session = mkt_window_get_session (MKT_WINDOW (root), &error);
  if (session == NULL)
    {
      show_error (self, error);
      return FALSE;
    }

  split_amount (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), &quantity, &unit);
  if (unit[0] == '\0')
    {
      g_free (unit);
      unit = g_strdup (mkt_product_choice_get_unit (choice));
    }

  part = mkt_record_new (&mkt_part_spec);
  mkt_record_set_string (part, self->spec == &mkt_product_spec ? "product_id" : "parent_component_id", self->id);
  mkt_record_set_string (part, mkt_product_choice_get_spec (choice) == &mkt_material_spec ? "material_id" : "component_id",
                         mkt_product_choice_get_id (choice));
  if (!mkt_session_set_from_text (session, part, "quantity", quantity, &error) ||
      !mkt_session_set_from_text (session, part, "unit", unit, &error) ||
      !mkt_session_create (session, part, &error))
    {
      show_error (self, error);
      return FALSE;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), "");
  mkt_window_data_changed (MKT_WINDOW (root), mkt_part_spec.name);

  return TRUE;
}

/**
 * mkt_product_recipe_select_choice:
 * @self: a recipe
 * @id: a material's or component's id
 *
 * Returns: whether it is among the choices
 */
gboolean
mkt_product_recipe_select_choice (MktProductRecipe *self,
                                  const char       *id)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_RECIPE (self), FALSE);

  return mkt_product_picker_choose (self->picker, id);
}

/**
 * mkt_product_recipe_get_picker:
 * @self: a recipe
 *
 * Returns: (transfer none): the searchable list of what can go in
 */
MktProductPicker *
mkt_product_recipe_get_picker (MktProductRecipe *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_RECIPE (self), NULL);
  return self->picker;
}

/**
 * mkt_product_recipe_get_model:
 * @self: a recipe
 *
 * Returns: (transfer none): the tree, rows of #GtkTreeListRow holding
 *   #MktProductRecipeItem
 */
GtkTreeListModel *
mkt_product_recipe_get_model (MktProductRecipe *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_RECIPE (self), NULL);
  return self->tree_model;
}

GtkWidget *
mkt_product_recipe_get_choice_row (MktProductRecipe *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_RECIPE (self), NULL);
  return GTK_WIDGET (self->choice_row);
}

GtkWidget *
mkt_product_recipe_get_amount_row (MktProductRecipe *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_RECIPE (self), NULL);
  return GTK_WIDGET (self->amount_row);
}
