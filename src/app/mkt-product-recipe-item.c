/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-product-recipe-item"

#include "config.h"

#include "mkt-product-item.h"
#include "mkt-product-recipe-item.h"

/*
 * One line of a recipe tree, made from a line of mkt_cost_explain(): a
 * material or a component with its amount and what it adds to the cost; a
 * component holds its own lines.
 */
struct _MktProductRecipeItem
{
  GObject     parent_instance;

  char       *part_id;
  char       *child_id;
  char       *name;
  char       *amount;
  char       *cost;
  GListStore *children;
  gboolean    is_component;
};

G_DEFINE_FINAL_TYPE (MktProductRecipeItem, mkt_product_recipe_item, G_TYPE_OBJECT)

static void
mkt_product_recipe_item_finalize (GObject *object)
{
  MktProductRecipeItem *self = (MktProductRecipeItem *)object;

  g_clear_pointer (&self->part_id, g_free);
  g_clear_pointer (&self->child_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->amount, g_free);
  g_clear_pointer (&self->cost, g_free);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (mkt_product_recipe_item_parent_class)->finalize (object);
}

static void
mkt_product_recipe_item_class_init (MktProductRecipeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mkt_product_recipe_item_finalize;
}

static void
mkt_product_recipe_item_init (MktProductRecipeItem *self)
{
}

/**
 * mkt_product_recipe_item_new:
 * @part_id: (nullable): the recipe line's id, for a line of the recipe
 *   shown (not of a component inside it)
 * @line: a material or component line of a cost explanation
 * @currency: the business's currency
 *
 * Returns: (transfer full): the line, with the lines of a component under it
 */
MktProductRecipeItem *
mkt_product_recipe_item_new (const char        *part_id,
                             const MktCostLine *line,
                             const char        *currency)
{
  MktProductRecipeItem *self;
  g_autofree char *quantity = NULL;

  g_return_val_if_fail (line != NULL, NULL);

  quantity = mkt_quantity_format (line->quantity);

  self = g_object_new (MKT_TYPE_PRODUCT_RECIPE_ITEM, NULL);
  self->part_id = g_strdup (part_id);
  self->child_id = g_strdup (line->id);
  self->name = g_strdup (line->name != NULL ? line->name : "");
  self->amount = g_strdup_printf ("%s %s", quantity, line->unit != NULL ? line->unit : "");
  self->cost = mkt_product_format_money (mkt_cost_round (line->cost), currency);
  self->is_component = g_strcmp0 (line->kind, "component") == 0;

  if (self->is_component)
    {
      self->children = g_list_store_new (MKT_TYPE_PRODUCT_RECIPE_ITEM);
      for (guint i = 0; line->children != NULL && i < line->children->len; i++)
        {
          const MktCostLine *child = g_ptr_array_index (line->children, i);
          g_autoptr(MktProductRecipeItem) item = NULL;

          if (g_strcmp0 (child->kind, "material") != 0 && g_strcmp0 (child->kind, "component") != 0)
            continue;
          item = mkt_product_recipe_item_new (NULL, child, currency);
          g_list_store_append (self->children, item);
        }
    }

  return self;
}

/**
 * mkt_product_recipe_item_get_part_id:
 * @self: a line
 *
 * Returns: (nullable): the recipe line's id; %NULL inside a component
 */
const char *
mkt_product_recipe_item_get_part_id (MktProductRecipeItem *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_RECIPE_ITEM (self), NULL);
  return self->part_id;
}

const char *
mkt_product_recipe_item_get_child_id (MktProductRecipeItem *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_RECIPE_ITEM (self), NULL);
  return self->child_id;
}

gboolean
mkt_product_recipe_item_is_component (MktProductRecipeItem *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_RECIPE_ITEM (self), FALSE);
  return self->is_component;
}

const char *
mkt_product_recipe_item_get_name (MktProductRecipeItem *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_RECIPE_ITEM (self), NULL);
  return self->name;
}

const char *
mkt_product_recipe_item_get_amount (MktProductRecipeItem *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_RECIPE_ITEM (self), NULL);
  return self->amount;
}

const char *
mkt_product_recipe_item_get_cost (MktProductRecipeItem *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_RECIPE_ITEM (self), NULL);
  return self->cost;
}

/**
 * mkt_product_recipe_item_get_children:
 * @self: a line
 *
 * Returns: (transfer none) (nullable): the lines of a component, or %NULL
 */
GListModel *
mkt_product_recipe_item_get_children (MktProductRecipeItem *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_RECIPE_ITEM (self), NULL);
  return self->children != NULL ? G_LIST_MODEL (self->children) : NULL;
}
