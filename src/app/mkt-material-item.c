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
  GObject      parent_instance;

  char        *id;
  char        *name;
  char        *colour;
  char        *sku;
  /* The searchable fields (as mkt-core's list search sees them), casefolded
   * and joined by newlines, which no single-line field holds. */
  char        *search_key;

  /* Words many rows share, interned: the kind's label, and for the filters
   * the kind as the schema names it and the category's id; the unit, the
   * pack and the currency. */
  const char  *kind;
  const char  *kind_key;
  const char  *category_id;
  const char  *unit;
  const char  *pack;
  const char  *currency;

  gint64       on_hand_value;
  gint64       price_value;
  gint64       unit_cost_value;
  gint64       reorder_level_value;

  /* What the cells show, made on the main thread when first asked for:
   * only the rows someone looks at pay for their text (for 100k rows the
   * four strings were some 30 MB). */
  char        *on_hand;
  char        *price;
  char        *unit_cost;
  char        *reorder_level;

  guint        low : 1;
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
  PROP_UNIT_COST,
  PROP_UNIT_COST_VALUE,
  PROP_REORDER_LEVEL,
  PROP_REORDER_LEVEL_VALUE,
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
  g_clear_pointer (&self->on_hand, g_free);
  g_clear_pointer (&self->price, g_free);
  g_clear_pointer (&self->sku, g_free);
  g_clear_pointer (&self->unit_cost, g_free);
  g_clear_pointer (&self->reorder_level, g_free);
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
      g_value_set_string (value, mkt_material_item_get_colour (self));
      break;
    case PROP_KIND:
      g_value_set_string (value, mkt_material_item_get_kind (self));
      break;
    case PROP_ON_HAND:
      g_value_set_string (value, mkt_material_item_get_on_hand (self));
      break;
    case PROP_ON_HAND_VALUE:
      g_value_set_int64 (value, self->on_hand_value);
      break;
    case PROP_PRICE:
      g_value_set_string (value, mkt_material_item_get_price (self));
      break;
    case PROP_PRICE_VALUE:
      g_value_set_int64 (value, self->price_value);
      break;
    case PROP_SKU:
      g_value_set_string (value, self->sku);
      break;
    case PROP_UNIT_COST:
      g_value_set_string (value, mkt_material_item_get_unit_cost (self));
      break;
    case PROP_UNIT_COST_VALUE:
      g_value_set_int64 (value, self->unit_cost_value);
      break;
    case PROP_REORDER_LEVEL:
      g_value_set_string (value, mkt_material_item_get_reorder_level (self));
      break;
    case PROP_REORDER_LEVEL_VALUE:
      g_value_set_int64 (value, self->reorder_level_value);
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
  /* "0.0137 EUR / yd": what one of the material's unit costs, as mkt-core
   * works it out (purchases, else the catalogue). */
  properties[PROP_UNIT_COST] = g_param_spec_string ("unit-cost", NULL, NULL, NULL, flags);
  /* The same in millionths of a minor unit (#MktCostValue), for sorting;
   * -1 when nothing is known. */
  properties[PROP_UNIT_COST_VALUE] = g_param_spec_int64 ("unit-cost-value", NULL, NULL,
                                                         G_MININT64, G_MAXINT64, -1, flags);
  /* "200 yd": at or below it the material is low. */
  properties[PROP_REORDER_LEVEL] = g_param_spec_string ("reorder-level", NULL, NULL, NULL, flags);
  /* The same as a #MktQuantity, or -1 when none is set. */
  properties[PROP_REORDER_LEVEL_VALUE] = g_param_spec_int64 ("reorder-level-value", NULL, NULL,
                                                             G_MININT64, G_MAXINT64, -1, flags);

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

/* A unit cost is often a fraction of the minor unit (a yard of a 4.99
 * skein of 364 yd): up to four decimals, at least the currency's ("3.20",
 * "0.0137"), as `market-cli` shows it. */
static char *
format_unit_cost (MktCostValue  value,
                  const char   *currency)
{
  int exponent = CLAMP (mkt_currency_get_exponent (currency), 0, 6);
  guint decimals = MAX (exponent, 4);
  gint64 divisor = 1;
  g_autofree char *text = NULL;
  const char *dot;
  GString *padded;
  int shown;

  /* From millionths of a minor unit to 10^-decimals of a major unit. */
  for (int i = 0; i < 6 - ((int)decimals - exponent); i++)
    divisor *= 10;
  text = mkt_decimal_format (mkt_div_round_half_even (value, divisor), decimals, TRUE);

  padded = g_string_new (text);
  dot = strchr (text, '.');
  shown = dot != NULL ? (int)strlen (dot + 1) : 0;
  if (dot == NULL && exponent > 0)
    g_string_append_c (padded, '.');
  for (; shown < exponent; shown++)
    g_string_append_c (padded, '0');

  return g_string_free (padded, FALSE);
}

/**
 * mkt_material_item_new:
 * @material: a material
 * @on_hand: its on-hand stock, in its unit
 * @currency: the business's currency
 *
 * A row without its unit cost; see mkt_material_item_new_full().
 *
 * Returns: (transfer full): a new row
 */
MktMaterialItem *
mkt_material_item_new (MktRecord   *material,
                       MktQuantity  on_hand,
                       const char  *currency)
{
  return mkt_material_item_new_full (material, on_hand, NULL, currency);
}

/**
 * mkt_material_item_new_full:
 * @material: a material
 * @on_hand: its on-hand stock, in its unit
 * @unit_cost: (nullable): its unit cost, as mkt-core works it out
 * @currency: the business's currency
 *
 * Safe to call on any thread.
 *
 * Returns: (transfer full): a new row
 */
MktMaterialItem *
mkt_material_item_new_full (MktRecord         *material,
                            MktQuantity        on_hand,
                            const MktUnitCost *unit_cost,
                            const char        *currency)
{
  const MktEntitySpec *spec;
  MktMaterialItem *self;
  const char *unit;
  const char *pack;
  GString *key;

  g_return_val_if_fail (MKT_IS_RECORD (material), NULL);
  g_return_val_if_fail (currency != NULL, NULL);

  spec = mkt_record_get_spec (material);
  unit = mkt_record_get_string (material, "unit");
  pack = mkt_record_get_string (material, "purchase_unit");

  self = g_object_new (MKT_TYPE_MATERIAL_ITEM, NULL);
  self->id = g_strdup (mkt_record_get_id (material));
  self->name = dup_or_empty (mkt_record_get_string (material, "name"));
  self->colour = g_strdup (mkt_record_get_string (material, "colour"));
  self->sku = dup_or_empty (mkt_record_get_string (material, "sku"));
  self->kind_key = g_intern_string (mkt_record_get_string (material, "kind"));
  self->kind = g_intern_string (mkt_material_kind_label (self->kind_key));
  self->category_id = g_intern_string (mkt_record_get_string (material, "category_id"));
  self->unit = g_intern_string (unit != NULL ? unit : "");
  self->pack = g_intern_string (pack != NULL ? pack : self->unit);
  self->currency = g_intern_string (currency);
  self->low = mkt_stock_is_low (material, on_hand);

  self->on_hand_value = on_hand;
  self->unit_cost_value = -1;
  if (unit_cost != NULL && g_strcmp0 (unit_cost->source, "none") != 0)
    self->unit_cost_value = mkt_cost_for_quantity (unit_cost, MKT_QUANTITY_SCALE);
  self->reorder_level_value = mkt_record_has (material, "reorder_level") ? mkt_record_get_int (material, "reorder_level") : -1;
  self->price_value = mkt_record_has (material, "purchase_price") ? mkt_record_get_int (material, "purchase_price") : -1;

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
  return self->colour != NULL ? self->colour : "";
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

  if (self->on_hand == NULL)
    {
      g_autofree char *quantity = mkt_quantity_format (self->on_hand_value);

      self->on_hand = g_strdup_printf ("%s %s", quantity, self->unit);
    }

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

  if (self->price == NULL && self->price_value < 0)
    self->price = g_strdup ("");
  else if (self->price == NULL)
    {
      g_autofree char *amount = mkt_money_format (self->price_value, self->currency);

      /* Translators: a price and what it buys: "8.50 EUR / skein" */
      self->price = g_strdup_printf (_("%s %s / %s"), amount, self->currency, self->pack);
    }

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

const char *
mkt_material_item_get_unit_cost (MktMaterialItem *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), NULL);

  if (self->unit_cost == NULL && self->unit_cost_value < 0)
    self->unit_cost = g_strdup ("");
  else if (self->unit_cost == NULL)
    {
      g_autofree char *amount = format_unit_cost (self->unit_cost_value, self->currency);

      /* Translators: what one unit costs: "0.0137 EUR / yd" */
      self->unit_cost = g_strdup_printf (_("%s %s / %s"), amount, self->currency, self->unit);
    }

  return self->unit_cost;
}

/**
 * mkt_material_item_get_unit_cost_value:
 * @self: a row
 *
 * Returns: the cost of one unit in millionths of a minor unit, or -1 when
 *   none is known
 */
gint64
mkt_material_item_get_unit_cost_value (MktMaterialItem *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), -1);
  return self->unit_cost_value;
}

const char *
mkt_material_item_get_reorder_level (MktMaterialItem *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), NULL);

  if (self->reorder_level == NULL && self->reorder_level_value < 0)
    self->reorder_level = g_strdup ("");
  else if (self->reorder_level == NULL)
    {
      g_autofree char *level = mkt_quantity_format (self->reorder_level_value);

      self->reorder_level = g_strdup_printf ("%s %s", level, self->unit);
    }

  return self->reorder_level;
}

/**
 * mkt_material_item_get_reorder_level_value:
 * @self: a row
 *
 * Returns: the reorder level (#MktQuantity), or -1 when none is set
 */
gint64
mkt_material_item_get_reorder_level_value (MktMaterialItem *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), -1);
  return self->reorder_level_value;
}

/**
 * mkt_material_item_get_kind_key:
 * @self: a row
 *
 * Returns: (nullable): the kind as the schema names it ("yarn")
 */
const char *
mkt_material_item_get_kind_key (MktMaterialItem *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), NULL);
  return self->kind_key;
}

/**
 * mkt_material_item_get_category_id:
 * @self: a row
 *
 * Returns: (nullable): the material's category, or %NULL
 */
const char *
mkt_material_item_get_category_id (MktMaterialItem *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), NULL);
  return self->category_id;
}

/**
 * mkt_material_item_get_low:
 * @self: a row
 *
 * Returns: whether the material is low on stock (mkt_stock_is_low())
 */
gboolean
mkt_material_item_get_low (MktMaterialItem *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_ITEM (self), FALSE);
  return self->low;
}

/**
 * mkt_material_item_read:
 * @session: a session
 * @id: a material's id
 * @error: return location for an error
 *
 * Reads one material as the list shows it: a small read, for a row that
 * changed.
 *
 * Returns: (transfer full) (nullable): the row, or %NULL with @error set
 */
MktMaterialItem *
mkt_material_item_read (MktSession  *session,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(MktRecord) material = NULL;
  MktQuantity on_hand = 0;
  MktUnitCost unit_cost;

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  material = mkt_session_get (session, &mkt_material_spec, id, error);
  if (material == NULL ||
      !mkt_stock_on_hand (session, &mkt_material_spec, id, 0, &on_hand, error) ||
      !mkt_cost_material_unit_cost (session, material, NULL, &unit_cost, error))
    return NULL;

  return mkt_material_item_new_full (material, on_hand, &unit_cost, mkt_session_get_currency (session));
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
