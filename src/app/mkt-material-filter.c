/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-material-filter"

#include "config.h"

#include <string.h>

#include "mkt-material-filter.h"
#include "mkt-material-item.h"

/*
 * Keeps the materials whose searchable fields hold the search text, of one
 * kind, of one category, low on stock, as far as each is asked for. It tells
 * the filter model when a change only narrows (or only widens) what was
 * shown, so typing one more letter rechecks just the rows still shown.
 */
struct _MktMaterialFilter
{
  GtkFilter  parent_instance;

  char      *search;
  char      *folded;
  char      *kind;
  char      *category_id;
  gboolean   low_stock;
};

G_DEFINE_FINAL_TYPE (MktMaterialFilter, mkt_material_filter, GTK_TYPE_FILTER)

enum {
  PROP_0,
  PROP_SEARCH,
  PROP_KIND,
  PROP_CATEGORY_ID,
  PROP_LOW_STOCK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
mkt_material_filter_match (GtkFilter *filter,
                           gpointer   item)
{
  MktMaterialFilter *self = MKT_MATERIAL_FILTER (filter);
  MktMaterialItem *material = MKT_MATERIAL_ITEM (item);

  /* The cheap checks first: a search is a substring scan. */
  if (self->low_stock && !mkt_material_item_get_low (material))
    return FALSE;
  if (self->kind != NULL && g_strcmp0 (mkt_material_item_get_kind_key (material), self->kind) != 0)
    return FALSE;
  if (self->category_id != NULL &&
      g_strcmp0 (mkt_material_item_get_category_id (material), self->category_id) != 0)
    return FALSE;

  return self->folded == NULL || mkt_material_item_matches (material, self->folded);
}

static GtkFilterMatch
mkt_material_filter_get_strictness (GtkFilter *filter)
{
  MktMaterialFilter *self = MKT_MATERIAL_FILTER (filter);

  if (self->folded == NULL && self->kind == NULL && self->category_id == NULL && !self->low_stock)
    return GTK_FILTER_MATCH_ALL;

  return GTK_FILTER_MATCH_SOME;
}

static void
mkt_material_filter_finalize (GObject *object)
{
  MktMaterialFilter *self = (MktMaterialFilter *)object;

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->folded, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->category_id, g_free);

  G_OBJECT_CLASS (mkt_material_filter_parent_class)->finalize (object);
}

static void
mkt_material_filter_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MktMaterialFilter *self = MKT_MATERIAL_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_CATEGORY_ID:
      g_value_set_string (value, self->category_id);
      break;
    case PROP_LOW_STOCK:
      g_value_set_boolean (value, self->low_stock);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_material_filter_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MktMaterialFilter *self = MKT_MATERIAL_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      mkt_material_filter_set_search (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      mkt_material_filter_set_kind (self, g_value_get_string (value));
      break;
    case PROP_CATEGORY_ID:
      mkt_material_filter_set_category_id (self, g_value_get_string (value));
      break;
    case PROP_LOW_STOCK:
      mkt_material_filter_set_low_stock (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_material_filter_class_init (MktMaterialFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = mkt_material_filter_finalize;
  object_class->get_property = mkt_material_filter_get_property;
  object_class->set_property = mkt_material_filter_set_property;

  filter_class->match = mkt_material_filter_match;
  filter_class->get_strictness = mkt_material_filter_get_strictness;

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* One of the material spec's kinds ("yarn"), or %NULL for all. */
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A category's id, or %NULL for all. */
  properties[PROP_CATEGORY_ID] =
    g_param_spec_string ("category-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Only materials at or below their reorder level (mkt_stock_is_low()). */
  properties[PROP_LOW_STOCK] =
    g_param_spec_boolean ("low-stock", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mkt_material_filter_init (MktMaterialFilter *self)
{
}

MktMaterialFilter *
mkt_material_filter_new (void)
{
  return g_object_new (MKT_TYPE_MATERIAL_FILTER, NULL);
}

/**
 * mkt_material_filter_get_search:
 * @self: a filter
 *
 * Returns: (nullable): the search text, or %NULL when every row matches
 */
const char *
mkt_material_filter_get_search (MktMaterialFilter *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_FILTER (self), NULL);

  return self->search;
}

/* g_set_str() arrives with GLib 2.76. */
static gboolean
set_string (char       **pointer,
            const char  *value)
{
  if (g_strcmp0 (*pointer, value) == 0)
    return FALSE;

  g_free (*pointer);
  *pointer = g_strdup (value);
  return TRUE;
}

/**
 * mkt_material_filter_set_search:
 * @self: a filter
 * @search: (nullable): text to look for; %NULL or only spaces for all rows
 */
void
mkt_material_filter_set_search (MktMaterialFilter *self,
                                const char        *search)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;
  GtkFilterChange change;

  g_return_if_fail (MKT_IS_MATERIAL_FILTER (self));

  if (search != NULL)
    {
      stripped = g_strstrip (g_strdup (search));
      if (stripped[0] != '\0')
        folded = g_utf8_casefold (stripped, -1);
    }

  if (g_strcmp0 (folded, self->folded) == 0)
    {
      /* Same rows; only the spelling changed ("Merino" after "merino"). */
      if (set_string (&self->search, folded != NULL ? stripped : NULL))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
      return;
    }

  if (self->folded == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (folded == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (folded, self->folded) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->folded, folded) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_clear_pointer (&self->folded, g_free);
  self->folded = g_steal_pointer (&folded);
  set_string (&self->search, self->folded != NULL ? stripped : NULL);

  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

/* Setting a condition narrows, dropping it widens, swapping it for another
 * value is neither. */
static GtkFilterChange
choice_change (const char *before,
               const char *after)
{
  if (before == NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (after == NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

const char *
mkt_material_filter_get_kind (MktMaterialFilter *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_FILTER (self), NULL);

  return self->kind;
}

/**
 * mkt_material_filter_set_kind:
 * @self: a filter
 * @kind: (nullable): one of the material spec's kinds, or %NULL for all
 */
void
mkt_material_filter_set_kind (MktMaterialFilter *self,
                              const char        *kind)
{
  GtkFilterChange change;

  g_return_if_fail (MKT_IS_MATERIAL_FILTER (self));

  if (g_strcmp0 (self->kind, kind) == 0)
    return;

  change = choice_change (self->kind, kind);
  set_string (&self->kind, kind);
  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
mkt_material_filter_get_category_id (MktMaterialFilter *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_FILTER (self), NULL);

  return self->category_id;
}

/**
 * mkt_material_filter_set_category_id:
 * @self: a filter
 * @category_id: (nullable): a category's id, or %NULL for all
 */
void
mkt_material_filter_set_category_id (MktMaterialFilter *self,
                                     const char        *category_id)
{
  GtkFilterChange change;

  g_return_if_fail (MKT_IS_MATERIAL_FILTER (self));

  if (g_strcmp0 (self->category_id, category_id) == 0)
    return;

  change = choice_change (self->category_id, category_id);
  set_string (&self->category_id, category_id);
  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY_ID]);
}

gboolean
mkt_material_filter_get_low_stock (MktMaterialFilter *self)
{
  g_return_val_if_fail (MKT_IS_MATERIAL_FILTER (self), FALSE);

  return self->low_stock;
}

/**
 * mkt_material_filter_set_low_stock:
 * @self: a filter
 * @low_stock: whether to keep only materials low on stock
 */
void
mkt_material_filter_set_low_stock (MktMaterialFilter *self,
                                   gboolean           low_stock)
{
  g_return_if_fail (MKT_IS_MATERIAL_FILTER (self));

  low_stock = !!low_stock;
  if (self->low_stock == low_stock)
    return;

  self->low_stock = low_stock;
  gtk_filter_changed (GTK_FILTER (self),
                      low_stock ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOW_STOCK]);
}
