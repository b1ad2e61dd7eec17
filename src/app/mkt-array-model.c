/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-array-model"

#include "config.h"

#include "mkt-array-model.h"

/*
 * A list model over a plain array: what GListStore is, with O(1) access at
 * any position. GListStore keeps a GSequence, whose random access (what a
 * GtkSortListModel above it does for every row a filter looks at) walks a
 * tree: with 100k materials that made each keystroke of a search cost three
 * times what the search itself does.
 */
struct _MktArrayModel
{
  GObject    parent_instance;

  GType      item_type;
  GPtrArray *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MktArrayModel, mkt_array_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
mkt_array_model_get_item_type (GListModel *model)
{
  return MKT_ARRAY_MODEL (model)->item_type;
}

static guint
mkt_array_model_get_n_items (GListModel *model)
{
  return MKT_ARRAY_MODEL (model)->items->len;
}

static gpointer
mkt_array_model_get_item (GListModel *model,
                          guint       position)
{
  MktArrayModel *self = MKT_ARRAY_MODEL (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mkt_array_model_get_item_type;
  iface->get_n_items = mkt_array_model_get_n_items;
  iface->get_item = mkt_array_model_get_item;
}

static void
mkt_array_model_finalize (GObject *object)
{
  MktArrayModel *self = MKT_ARRAY_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (mkt_array_model_parent_class)->finalize (object);
}

static void
mkt_array_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MktArrayModel *self = MKT_ARRAY_MODEL (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, self->item_type);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_array_model_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MktArrayModel *self = MKT_ARRAY_MODEL (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      self->item_type = g_value_get_gtype (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_array_model_class_init (MktArrayModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mkt_array_model_finalize;
  object_class->get_property = mkt_array_model_get_property;
  object_class->set_property = mkt_array_model_set_property;

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mkt_array_model_init (MktArrayModel *self)
{
  self->item_type = G_TYPE_OBJECT;
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

MktArrayModel *
mkt_array_model_new (GType item_type)
{
  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);

  return g_object_new (MKT_TYPE_ARRAY_MODEL, "item-type", item_type, NULL);
}

/**
 * mkt_array_model_splice:
 * @self: a model
 * @position: where to change
 * @n_removals: how many items to remove there
 * @additions: (array length=n_additions) (element-type GObject): items to
 *   insert there, each of the model's item type; the model takes references
 * @n_additions: how many
 *
 * One change, one #GListModel::items-changed.
 */
void
mkt_array_model_splice (MktArrayModel *self,
                        guint          position,
                        guint          n_removals,
                        gpointer      *additions,
                        guint          n_additions)
{
  g_return_if_fail (MKT_IS_ARRAY_MODEL (self));
  g_return_if_fail (position <= self->items->len);
  g_return_if_fail (n_removals <= self->items->len - position);
  g_return_if_fail (additions != NULL || n_additions == 0);

  if (n_removals > 0)
    g_ptr_array_remove_range (self->items, position, n_removals);

  for (guint i = 0; i < n_additions; i++)
    {
      g_return_if_fail (g_type_is_a (G_OBJECT_TYPE (additions[i]), self->item_type));
      g_ptr_array_insert (self->items, position + i, g_object_ref (additions[i]));
    }

  if (n_removals == 0 && n_additions == 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removals, n_additions);
  if (n_removals != n_additions)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
mkt_array_model_append (MktArrayModel *self,
                        gpointer       item)
{
  g_return_if_fail (MKT_IS_ARRAY_MODEL (self));

  mkt_array_model_splice (self, self->items->len, 0, &item, 1);
}

void
mkt_array_model_remove (MktArrayModel *self,
                        guint          position)
{
  g_return_if_fail (MKT_IS_ARRAY_MODEL (self));

  mkt_array_model_splice (self, position, 1, NULL, 0);
}

void
mkt_array_model_remove_all (MktArrayModel *self)
{
  g_return_if_fail (MKT_IS_ARRAY_MODEL (self));

  mkt_array_model_splice (self, 0, self->items->len, NULL, 0);
}

/**
 * mkt_array_model_peek:
 * @self: a model
 * @position: a position
 *
 * Returns: (transfer none) (nullable): the item there, without a reference
 */
gpointer
mkt_array_model_peek (MktArrayModel *self,
                      guint          position)
{
  g_return_val_if_fail (MKT_IS_ARRAY_MODEL (self), NULL);

  return position < self->items->len ? g_ptr_array_index (self->items, position) : NULL;
}
