/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-product-item"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-product-item.h"

/*
 * One row of the products page: a product or a component as the list shows
 * it, formatted once on the loading thread so that binding a row never
 * formats or reads.
 */
struct _MktProductItem
{
  GObject              parent_instance;

  const MktEntitySpec *spec;
  char                *id;
  char                *name;
  char                *sku;
  char                *cost;
  char                *price;
  char                *on_hand;
  /* Name and SKU, for the search entry's filter. */
  char                *search;
};

G_DEFINE_FINAL_TYPE (MktProductItem, mkt_product_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_NAME,
  PROP_SKU,
  PROP_COST,
  PROP_PRICE,
  PROP_ON_HAND,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mkt_product_item_finalize (GObject *object)
{
  MktProductItem *self = (MktProductItem *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->sku, g_free);
  g_clear_pointer (&self->cost, g_free);
  g_clear_pointer (&self->price, g_free);
  g_clear_pointer (&self->on_hand, g_free);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (mkt_product_item_parent_class)->finalize (object);
}

static void
mkt_product_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MktProductItem *self = MKT_PRODUCT_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->spec->name);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SKU:
      g_value_set_string (value, self->sku);
      break;
    case PROP_COST:
      g_value_set_string (value, self->cost);
      break;
    case PROP_PRICE:
      g_value_set_string (value, self->price);
      break;
    case PROP_ON_HAND:
      g_value_set_string (value, self->on_hand);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_product_item_class_init (MktProductItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mkt_product_item_finalize;
  object_class->get_property = mkt_product_item_get_property;

  /* "product" or "component": the entity's name. */
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_SKU] = g_param_spec_string ("sku", NULL, NULL, NULL, flags);
  /* "Cost 12.34 EUR": what one costs to make. */
  properties[PROP_COST] = g_param_spec_string ("cost", NULL, NULL, NULL, flags);
  /* The selling price, or the suggested retail price when none is set. */
  properties[PROP_PRICE] = g_param_spec_string ("price", NULL, NULL, NULL, flags);
  /* "3 on hand": finished items; empty for components. */
  properties[PROP_ON_HAND] = g_param_spec_string ("on-hand", NULL, NULL, NULL, flags);
  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mkt_product_item_init (MktProductItem *self)
{
}

/**
 * mkt_product_format_money:
 * @amount: minor units
 * @currency: the business's currency
 *
 * Returns: (transfer full): "12.34 EUR"
 */
char *
mkt_product_format_money (MktMoney    amount,
                          const char *currency)
{
  g_autofree char *number = mkt_money_format (amount, currency);

  /* Translators: an amount and its currency: "12.34 EUR" */
  return g_strdup_printf (_("%s %s"), number, currency);
}

/**
 * mkt_product_item_new:
 * @record: a product or a component
 * @totals: its cost for one
 * @settings: the business's settings, for the suggested price
 * @on_hand: finished items on hand (products)
 * @currency: the business's currency
 *
 * Safe to call on any thread.
 *
 * Returns: (transfer full): a new row
 */
MktProductItem *
mkt_product_item_new (MktRecord           *record,
                      const MktCostTotals *totals,
                      const MktSettings   *settings,
                      MktQuantity          on_hand,
                      const char          *currency)
{
  MktProductItem *self;
  g_autofree char *cost = NULL;
  const char *sku;

  g_return_val_if_fail (MKT_IS_RECORD (record), NULL);
  g_return_val_if_fail (totals != NULL && settings != NULL && currency != NULL, NULL);

  sku = mkt_record_get_string (record, "sku");

  self = g_object_new (MKT_TYPE_PRODUCT_ITEM, NULL);
  self->spec = mkt_record_get_spec (record);
  self->id = g_strdup (mkt_record_get_id (record));
  self->name = g_strdup (mkt_record_get_title (record) != NULL ? mkt_record_get_title (record) : "");
  self->sku = g_strdup (sku != NULL ? sku : "");
  self->search = g_strdup_printf ("%s\n%s", self->name, self->sku);

  cost = mkt_product_format_money (mkt_cost_round (totals->total_cost), currency);
  /* Translators: what one item costs to make: "Cost 12.34 EUR" */
  self->cost = g_strdup_printf (_("Cost %s"), cost);

  if (self->spec == &mkt_product_spec)
    {
      g_autofree char *quantity = mkt_quantity_format (on_hand);
      MktPricing pricing;

      mkt_price_compute (totals, settings, currency, mkt_record_has (record, "price"),
                         mkt_record_get_int (record, "price"), &pricing);
      if (pricing.has_price)
        self->price = mkt_product_format_money (pricing.price, currency);
      else
        {
          g_autofree char *retail = mkt_product_format_money (pricing.retail, currency);

          /* Translators: a suggested price, shown where no price is set */
          self->price = g_strdup_printf (_("%s suggested"), retail);
        }
      /* Translators: finished items on hand: "3 on hand" */
      self->on_hand = g_strdup_printf (_("%s on hand"), quantity);
    }
  else
    {
      self->price = g_strdup ("");
      self->on_hand = g_strdup (_("Component"));
    }

  return self;
}

const char *
mkt_product_item_get_id (MktProductItem *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_ITEM (self), NULL);
  return self->id;
}

/**
 * mkt_product_item_get_kind:
 * @self: a row
 *
 * Returns: "product" or "component"
 */
const char *
mkt_product_item_get_kind (MktProductItem *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_ITEM (self), NULL);
  return self->spec->name;
}

const MktEntitySpec *
mkt_product_item_get_spec (MktProductItem *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_ITEM (self), NULL);
  return self->spec;
}

const char *
mkt_product_item_get_name (MktProductItem *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_ITEM (self), NULL);
  return self->name;
}

const char *
mkt_product_item_get_sku (MktProductItem *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_ITEM (self), NULL);
  return self->sku;
}

const char *
mkt_product_item_get_cost (MktProductItem *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_ITEM (self), NULL);
  return self->cost;
}

const char *
mkt_product_item_get_price (MktProductItem *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_ITEM (self), NULL);
  return self->price;
}

const char *
mkt_product_item_get_on_hand (MktProductItem *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_ITEM (self), NULL);
  return self->on_hand;
}
