/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-filter-model"

#include "config.h"

#include <string.h>

#include "mkt-filter-model.h"

/*
 * The rows of a model that a filter keeps, like GtkFilterListModel, made
 * for searching a large list as one types:
 *
 * - It keeps its own array of the source's items (references, mirrored on
 *   every items-changed), so a new search tests items straight from memory
 *   instead of asking the source (a sort model over a store) for each one.
 * - It honours the filter's hints: a search that only narrows the last one
 *   (GTK_FILTER_CHANGE_MORE_STRICT, one more letter typed) tests just the
 *   rows shown; one that only widens it tests just the rows hidden.
 *   GTK 4.8's filter model tests every row every time.
 *
 * With 100k materials a keystroke then costs a few milliseconds of
 * filtering instead of tens.
 */
struct _MktFilterModel
{
  GObject     parent_instance;

  GListModel *model;
  GtkFilter  *filter;

  /* The source's items in its order, and the positions in it of those the
   * filter keeps, ascending. */
  GPtrArray  *items;
  GArray     *shown;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MktFilterModel, mkt_filter_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_FILTER,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
mkt_filter_model_get_item_type (GListModel *model)
{
  MktFilterModel *self = MKT_FILTER_MODEL (model);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
mkt_filter_model_get_n_items (GListModel *model)
{
  return MKT_FILTER_MODEL (model)->shown->len;
}

static gpointer
mkt_filter_model_get_item (GListModel *model,
                           guint       position)
{
  MktFilterModel *self = MKT_FILTER_MODEL (model);

  if (position >= self->shown->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, g_array_index (self->shown, guint, position)));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mkt_filter_model_get_item_type;
  iface->get_n_items = mkt_filter_model_get_n_items;
  iface->get_item = mkt_filter_model_get_item;
}

static gboolean
keeps (MktFilterModel *self,
       guint           index)
{
  return self->filter == NULL || gtk_filter_match (self->filter, g_ptr_array_index (self->items, index));
}

/* Tells the views what changed between @old and the shown rows now: one
 * range from the first difference to the last. */
static void
emit_changes (MktFilterModel *self,
              GArray         *old)
{
  guint old_n = old->len;
  guint new_n = self->shown->len;
  guint prefix = 0;
  guint suffix = 0;

  while (prefix < old_n && prefix < new_n &&
         g_array_index (old, guint, prefix) == g_array_index (self->shown, guint, prefix))
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         g_array_index (old, guint, old_n - 1 - suffix) == g_array_index (self->shown, guint, new_n - 1 - suffix))
    suffix++;

  if (prefix == old_n && prefix == new_n)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix, new_n - prefix - suffix);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
refilter (MktFilterModel  *self,
          GtkFilterChange  change)
{
  g_autoptr(GArray) old = self->shown;
  GtkFilterMatch strictness = self->filter != NULL ? gtk_filter_get_strictness (self->filter)
                                                   : GTK_FILTER_MATCH_ALL;

  self->shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), 0);

  if (strictness == GTK_FILTER_MATCH_ALL)
    {
      g_array_set_size (self->shown, self->items->len);
      for (guint i = 0; i < self->items->len; i++)
        g_array_index (self->shown, guint, i) = i;
    }
  else if (strictness == GTK_FILTER_MATCH_SOME && change == GTK_FILTER_CHANGE_MORE_STRICT)
    {
      /* Only rows shown can stay. */
      for (guint i = 0; i < old->len; i++)
        {
          guint index = g_array_index (old, guint, i);

          if (keeps (self, index))
            g_array_append_val (self->shown, index);
        }
    }
  else if (strictness == GTK_FILTER_MATCH_SOME && change == GTK_FILTER_CHANGE_LESS_STRICT)
    {
      /* Rows shown stay; only hidden ones can join, in order. */
      guint next = 0;

      for (guint i = 0; i < self->items->len; i++)
        {
          if (next < old->len && g_array_index (old, guint, next) == i)
            {
              g_array_append_val (self->shown, i);
              next++;
            }
          else if (keeps (self, i))
            g_array_append_val (self->shown, i);
        }
    }
  else if (strictness == GTK_FILTER_MATCH_SOME)
    {
      for (guint i = 0; i < self->items->len; i++)
        if (keeps (self, i))
          g_array_append_val (self->shown, i);
    }

  emit_changes (self, old);
}

static void
filter_changed_cb (MktFilterModel  *self,
                   GtkFilterChange  change,
                   GtkFilter       *filter)
{
  refilter (self, change);
}

/* Mirrors a change of the source: the removed rows go, the positions after
 * them move, and only the added rows are tested. */
static void
model_items_changed_cb (MktFilterModel *self,
                        guint           position,
                        guint           removed,
                        guint           added,
                        GListModel     *model)
{
  g_autoptr(GArray) shown = NULL;
  guint first;
  guint end;
  guint n_added = 0;
  guint i;

  g_return_if_fail (position + removed <= self->items->len);

  /* The items, with one move of the tail rather than one per insertion. */
  g_ptr_array_remove_range (self->items, position, removed);
  if (added > 0)
    {
      guint len = self->items->len;

      g_ptr_array_set_size (self->items, len + added);
      memmove (self->items->pdata + position + added, self->items->pdata + position,
               (len - position) * sizeof (gpointer));
      for (i = 0; i < added; i++)
        g_ptr_array_index (self->items, position + i) = g_list_model_get_item (model, position + i);
    }

  /* The shown rows before @position are untouched, those in the removed
   * range go, those after move by added − removed. */
  for (first = 0; first < self->shown->len && g_array_index (self->shown, guint, first) < position; first++)
    ;
  for (end = first; end < self->shown->len && g_array_index (self->shown, guint, end) < position + removed; end++)
    ;

  shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->shown->len - (end - first) + added);
  g_array_append_vals (shown, self->shown->data, first);
  for (i = 0; i < added; i++)
    if (keeps (self, position + i))
      {
        guint index = position + i;

        g_array_append_val (shown, index);
        n_added++;
      }
  for (i = end; i < self->shown->len; i++)
    {
      guint index = g_array_index (self->shown, guint, i) + added - removed;

      g_array_append_val (shown, index);
    }

  g_array_unref (self->shown);
  self->shown = g_steal_pointer (&shown);

  if (end - first == 0 && n_added == 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), first, end - first, n_added);
  if (end - first != n_added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
mkt_filter_model_dispose (GObject *object)
{
  MktFilterModel *self = MKT_FILTER_MODEL (object);

  /* Going away quietly: no items-changed to whoever still listens. */
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, filter_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (mkt_filter_model_parent_class)->dispose (object);
}

static void
mkt_filter_model_finalize (GObject *object)
{
  MktFilterModel *self = MKT_FILTER_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_array_unref);

  G_OBJECT_CLASS (mkt_filter_model_parent_class)->finalize (object);
}

static void
mkt_filter_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MktFilterModel *self = MKT_FILTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->shown->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_filter_model_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MktFilterModel *self = MKT_FILTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      mkt_filter_model_set_model (self, g_value_get_object (value));
      break;
    case PROP_FILTER:
      mkt_filter_model_set_filter (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mkt_filter_model_class_init (MktFilterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mkt_filter_model_dispose;
  object_class->finalize = mkt_filter_model_finalize;
  object_class->get_property = mkt_filter_model_get_property;
  object_class->set_property = mkt_filter_model_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, GTK_TYPE_FILTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mkt_filter_model_init (MktFilterModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
}

MktFilterModel *
mkt_filter_model_new (GListModel *model,
                      GtkFilter  *filter)
{
  return g_object_new (MKT_TYPE_FILTER_MODEL, "model", model, "filter", filter, NULL);
}

/**
 * mkt_filter_model_get_model:
 * @self: a filter model
 *
 * Returns: (transfer none) (nullable): the source model
 */
GListModel *
mkt_filter_model_get_model (MktFilterModel *self)
{
  g_return_val_if_fail (MKT_IS_FILTER_MODEL (self), NULL);

  return self->model;
}

void
mkt_filter_model_set_model (MktFilterModel *self,
                            GListModel     *model)
{
  guint n_old;

  g_return_if_fail (MKT_IS_FILTER_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_set_object (&self->model, model);

  n_old = self->items->len;
  g_ptr_array_set_size (self->items, 0);
  if (model != NULL)
    {
      g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb),
                               self, G_CONNECT_SWAPPED);
      model_items_changed_cb (self, 0, 0, g_list_model_get_n_items (model), model);
    }
  else if (n_old > 0)
    refilter (self, GTK_FILTER_CHANGE_DIFFERENT);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * mkt_filter_model_get_filter:
 * @self: a filter model
 *
 * Returns: (transfer none) (nullable): the filter
 */
GtkFilter *
mkt_filter_model_get_filter (MktFilterModel *self)
{
  g_return_val_if_fail (MKT_IS_FILTER_MODEL (self), NULL);

  return self->filter;
}

void
mkt_filter_model_set_filter (MktFilterModel *self,
                             GtkFilter      *filter)
{
  g_return_if_fail (MKT_IS_FILTER_MODEL (self));
  g_return_if_fail (filter == NULL || GTK_IS_FILTER (filter));

  if (self->filter == filter)
    return;

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, filter_changed_cb, self);
  g_set_object (&self->filter, filter);
  if (filter != NULL)
    g_signal_connect_object (filter, "changed", G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);

  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}
