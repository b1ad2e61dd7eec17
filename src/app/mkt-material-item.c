/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-material-item"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mkt-material-item.h"

/*
 * One row of the inventory: what the list shows of a material, formatted
 * once when the row is read (on the loading thread), so that binding a cell
 * or filtering never formats or allocates.
 */
struct _MktMaterialItem
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *colour;
  char    *kind;
  char    *on_hand;
  gint64   on_hand_value;
  char    *price;
  gint64   price_value;
  char    *sku;
  /* The searchable fields (as mkt-core's list search sees them), casefolded
   * and joined by newlines, which no single-line field holds. */
  char    *search_key;
};

G_DEFINE_FINAL_TYPE (MktMaterialItem, mkt_material_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_COLOUR,
  PROP_KIND,
  PROP_ON_HAND,
  PROP_ON_HAND_VALUE,
  PROP_PRICE,
  PROP_PRICE_VALUE,
  PROP_SKU,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mkt_material_item_finalize (GObject *object)
{
  MktMaterialItem *self = (MktMaterialItem *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->colour, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->on_hand, g_free);
  g_clear_pointer (&self->price, g_free);
  g_clear_pointer (&self->sku, g_free);
  g_clear_pointer (&self->search_key, g_free);

  G_OBJECT_CLASS (mkt_material_item_parent_class)->finalize (object);
}

static void
mkt_material_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MktMaterialItem *self = MKT_MATERIAL_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COLOUR:
      g_value_set_string (value, self->colour);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_ON_HAND:
      g_value_set_string (value, self->on_hand);
      break;
    case PROP_ON_HAND_VALUE:
      g_value_set_int64 (value, self->on_hand_value);
      break;
    case PROP_PRICE:
      g_value_set_string (value, self->price);
      break;
    case PROP_PRICE_VALUE:
      g_value_set_int64 (value, self->price_value);
      break;
    case PROP_SKU:
      g_value_set_string (value, self->sku);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_material_item_class_init (MktMaterialItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mkt_material_item_finalize;
  object_class->get_property = mkt_material_item_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_COLOUR] = g_param_spec_string ("colour", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  /* "738 yd": what the stock ledger sums to, in the material's unit. */
  properties[PROP_ON_HAND] = g_param_spec_string ("on-hand", NULL, NULL, NULL, flags);
  /* The same in millionths of that unit (#MktQuantity), for sorting. */
  properties[PROP_ON_HAND_VALUE] = g_param_spec_int64 ("on-hand-value", NULL, NULL,
                                                       G_MININT64, G_MAXINT64, 0, flags);
  /* "8.50 EUR / skein": the catalogue purchase price and what it buys. */
  properties[PROP_PRICE] = g_param_spec_string ("price", NULL, NULL, NULL, flags);
  properties[PROP_PRICE_VALUE] = g_param_spec_int64 ("price-value", NULL, NULL,
                                                     G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_SKU] = g_param_spec_string ("sku", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mkt_material_item_init (MktMaterialItem *self)
{
}

/**
 * mkt_material_kind_label:
 * @kind: (nullable): one of the material spec's kinds ("yarn")
 *
 * Returns: what people read for @kind, translated; @kind itself when it is
 *   not known, "" for %NULL
 */
const char *
mkt_material_kind_label (const char *kind)
{
  static const struct { const char *kind; const char *label; } labels[] = {
    { "yarn", N_("Yarn") },
    { "fabric", N_("Fabric") },
    { "fibre", N_("Fibre") },
    { "bead", N_("Bead") },
    { "finding", N_("Finding") },
    { "notion", N_("Notion") },
    { "packaging", N_("Packaging") },
    { "tool", N_("Tool") },
    { "other", N_("Other") },
  };

  if (kind == NULL)
    return "";

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (kind, labels[i].kind))
      return _(labels[i].label);

  return kind;
}

static char *
dup_or_empty (const char *text)
{
  return g_strdup (text != NULL ? text : "");
}

/**
 * mkt_material_item_new:
 * @material: a material
 * @on_hand: its on-hand stock, in its unit
 * @currency: the business's currency
 *
 * Safe to call on any thread.
 *
 * Returns: (transfer full): a new row
 */
MktMaterialItem *
mkt_material_item_new (MktRecord   *material,
                       MktQuantity  on_hand,
                       const char  *currency)
{
  const MktEntitySpec *spec;
  MktMaterialItem *self;
  const char *unit;
  const char *pack;
  g_autofree char *quantity = NULL;
  GString *key;

  g_return_val_if_fail (MKT_IS_RECORD (material), NULL);
  g_return_val_if_fail (currency != NULL, NULL);

  spec = mkt_record_get_spec (material);
  unit = mkt_record_get_string (material, "unit");
  pack = mkt_record_get_string (material, "purchase_unit");

  self = g_object_new (MKT_TYPE_MATERIAL_ITEM, NULL);
  self->id = g_strdup (mkt_record_get_id (material));
  self->name = dup_or_empty (mkt_record_get_string (material, "name"));
  self->colour = dup_or_empty (mkt_record_get_string (material, "colour"));
  self->kind = g_strdup (mkt_material_kind_label (mkt_record_get_string (material, "kind")));
  self->sku = dup_or_empty (mkt_record_get_string (material, "sku"));

  quantity = mkt_quantity_format (on_hand);
  self->on_hand_value = on_hand;
  self->on_hand = g_strdup_printf ("%s %s", quantity, unit != NULL ? unit : "");

  if (mkt_record_has (material, "purchase_price"))
    {
      g_autofree char *amount = NULL;

      self->price_value = mkt_record_get_int (material, "purchase_price");
      amount = mkt_money_format (self->price_value, currency);
      /* Translators: a price and what it buys: "8.50 EUR / skein" */
      self->price = g_strdup_printf (_("%s %s / %s"), amount, currency,
                                     pack != NULL ? pack : (unit != NULL ? unit : ""));
    }
  else
    {
      self->price_value = -1;
      self->price = g_strdup ("");
    }

  /* The fields mkt-core's search looks at, so that the list filters as
   * `market-cli material list --search` does. */
  key = g_string_new (NULL);
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const MktFieldSpec *field = &spec->fields[i];
      const char *text;

      if (!(field->flags & MKT_FIELD_SEARCHABLE) || field->type != MKT_FIELD_TEXT)
        continue;
      text = mkt_record_get_string (material, field->name);
      if (text == NULL)
        continue;
      if (key->len > 0)
        g_string_append_c (key, '\n');
      g_string_append (key, text);
    }
  self->search_key = g_utf8_casefold (key->str, key->len);
  g_string_free (key, TRUE);

  return self;
}

const char *
mkt_material_item_get_id (MktMaterialItem *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), NULL);
  return self->id;
}

const char *
mkt_material_item_get_name (MktMaterialItem *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), NULL);
  return self->name;
}

const char *
mkt_material_item_get_colour (MktMaterialItem *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), NULL);
  return self->colour;
}

const char *
mkt_material_item_get_kind (MktMaterialItem *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), NULL);
  return self->kind;
}

const char *
mkt_material_item_get_on_hand (MktMaterialItem *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), NULL);
  return self->on_hand;
}

gint64
mkt_material_item_get_on_hand_value (MktMaterialItem *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), 0);
  return self->on_hand_value;
}

const char *
mkt_material_item_get_price (MktMaterialItem *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), NULL);
  return self->price;
}

/**
 * mkt_material_item_get_price_value:
 * @self: a row
 *
 * Returns: the purchase price in minor units, or -1 when none is known
 */
gint64
mkt_material_item_get_price_value (MktMaterialItem *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), -1);
  return self->price_value;
}

const char *
mkt_material_item_get_sku (MktMaterialItem *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), NULL);
  return self->sku;
}

/**
 * mkt_material_item_matches:
 * @self: a row
 * @folded_needle: search text, already through g_utf8_casefold()
 *
 * Whether one of the material's searchable fields holds @folded_needle,
 * ignoring case.
 *
 * Returns: %TRUE on a match
 */
gboolean
mkt_material_item_matches (MktMaterialItem *self,
                           const char      *folded_needle)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), FALSE);
  g_return_val_if_fail (folded_needle != NULL, FALSE);

  return strstr (self->search_key, folded_needle) != NULL;
}
