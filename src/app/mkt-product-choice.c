/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-product-choice"

#include "config.h"

#include <glib/gi18n.h>

#include "mkt-product-choice.h"

/*
 * What a recipe line can put in: a material or a component, as the part
 * picker lists it.
 */
struct _MktProductChoice
{
  GObject              parent_instance;

  const MktEntitySpec *spec;
  char                *id;
  char                *label;
  char                *unit;
  /* The label and the SKU, for the picker's search. */
  char                *search;
};

G_DEFINE_FINAL_TYPE (MktProductChoice, mkt_product_choice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mkt_product_choice_finalize (GObject *object)
{
  MktProductChoice *self = (MktProductChoice *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (mkt_product_choice_parent_class)->finalize (object);
}

static void
mkt_product_choice_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MktProductChoice *self = MKT_PRODUCT_CHOICE (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_product_choice_class_init (MktProductChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mkt_product_choice_finalize;
  object_class->get_property = mkt_product_choice_get_property;

  /* "Merino DK (Natural)", or "Gift box (component)". */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mkt_product_choice_init (MktProductChoice *self)
{
}

/**
 * mkt_product_choice_new:
 * @record: a material or a component
 *
 * Safe to call on any thread.
 *
 * Returns: (transfer full): a new choice
 */
MktProductChoice *
mkt_product_choice_new (MktRecord *record)
{
  MktProductChoice *self;
  g_autofree char *label = NULL;
  const char *sku;

  g_return_val_if_fail (MKT_IS_RECORD (record), NULL);

  label = mkt_record_dup_label (record);

  self = g_object_new (MKT_TYPE_PRODUCT_CHOICE, NULL);
  self->spec = mkt_record_get_spec (record);
  self->id = g_strdup (mkt_record_get_id (record));
  if (self->spec == &mkt_component_spec)
    {
      /* Translators: a component in the list of what a recipe can use */
      self->label = g_strdup_printf (_("%s (component)"), label);
      self->unit = g_strdup ("pc");
    }
  else
    {
      const char *unit = mkt_record_get_string (record, "unit");

      self->label = g_steal_pointer (&label);
      self->unit = g_strdup (unit != NULL ? unit : "");
    }
  sku = mkt_record_get_string (record, "sku");
  self->search = g_strdup_printf ("%s\n%s", self->label, sku != NULL ? sku : "");

  return self;
}

const char *
mkt_product_choice_get_id (MktProductChoice *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_CHOICE (self), NULL);
  return self->id;
}

/**
 * mkt_product_choice_get_spec:
 * @self: a choice
 *
 * Returns: %mkt_material_spec or %mkt_component_spec
 */
const MktEntitySpec *
mkt_product_choice_get_spec (MktProductChoice *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_CHOICE (self), NULL);
  return self->spec;
}

const char *
mkt_product_choice_get_label (MktProductChoice *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_CHOICE (self), NULL);
  return self->label;
}

/**
 * mkt_product_choice_get_unit:
 * @self: a choice
 *
 * Returns: the unit a recipe line counts it in by default ("yd", "pc")
 */
const char *
mkt_product_choice_get_unit (MktProductChoice *self)
{
  g_return_val_if_fail (MKT_IS_PRODUCT_CHOICE (self), NULL);
  return self->unit;
}
