/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-product-list"

#include "config.h"

#include "mkt-product-item.h"
#include "mkt-product-loader.h"
#include "mkt-products-view-private.h"

/*
 * The list of the products page: read on a worker thread, the first time
 * row by row as pages arrive, later in the background while the old rows
 * stay, swapped in whole once read; the row shown in the detail stays
 * chosen.
 */

#define PAGE_SIZE 500

void
mkt_products_view_update_page (MktProductsView *self)
{
  const char *page;

  if (self->failed)
    page = "error";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    page = "list";
  else if (!self->loaded_once)
    page = "loading";
  else if (gtk_string_filter_get_search (self->search_filter) != NULL &&
           gtk_string_filter_get_search (self->search_filter)[0] != '\0')
    page = "no-results";
  else
    page = "empty";

  gtk_stack_set_visible_child_name (self->stack, page);
}

static guint
find_position (MktProductsView *self,
               const char      *id)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);

  for (guint i = 0; id != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MktProductItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (mkt_product_item_get_id (item), id))
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* The list follows the detail, without the detail following it back. */
void
mkt_products_view_select_quietly (MktProductsView *self,
                                  const char      *id)
{
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, find_position (self, id));
  self->selecting = FALSE;
}

static void
page_cb (gpointer   source_object,
         GPtrArray *items)
{
  MktProductsView *self = MKT_PRODUCTS_VIEW (source_object);

  if (self->pending != NULL)
    {
      for (guint i = 0; i < items->len; i++)
        g_ptr_array_add (self->pending, g_object_ref (g_ptr_array_index (items, i)));
      return;
    }

  g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                       items->pdata, items->len);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  MktProductsView *self = MKT_PRODUCTS_VIEW (object);
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;

  /* A load that a newer one replaced, or the page is gone. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  choices = mkt_product_load_finish (result, &error);
  pending = g_steal_pointer (&self->pending);
  if (choices == NULL)
    {
      g_debug ("Could not read the products: %s", error->message);
      adw_status_page_set_description (self->error_page, error->message);
      self->failed = TRUE;
      mkt_products_view_update_page (self);
      mkt_products_view_set_loading (self, FALSE);
      return;
    }

  self->failed = FALSE;
  if (pending != NULL)
    {
      g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                           pending->pdata, pending->len);
      mkt_products_view_select_quietly (self, mkt_product_detail_get_id (self->detail));
    }
  g_list_store_splice (self->choices, 0, g_list_model_get_n_items (G_LIST_MODEL (self->choices)),
                       choices->pdata, choices->len);

  self->loaded_once = TRUE;
  mkt_products_view_update_page (self);
  mkt_products_view_set_loading (self, FALSE);
}

static void
start_load_cb (gpointer user_data)
{
  MktProductsView *self = user_data;

  self->load_idle_id = 0;
  if (self->window == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* The first load shows rows as they come; later ones keep the old list
   * until the new one is complete. */
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  if (self->loaded_once)
    self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  else
    g_list_store_remove_all (self->store);

  mkt_product_load_async (self, mkt_window_get_db_path (self->window), PAGE_SIZE, page_cb,
                          self->cancellable, load_cb, NULL);
}

/* Loads once the main loop is free: a burst of changes reads once. Loading
 * is true from now, so that who waits for it waits for the new rows. */
void
mkt_products_view_queue_load (MktProductsView *self)
{
  mkt_products_view_set_loading (self, TRUE);
  if (self->load_idle_id == 0)
    self->load_idle_id = g_idle_add_once (start_load_cb, self);
}
