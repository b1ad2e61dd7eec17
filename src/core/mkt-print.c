/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-print"

#include "config.h"

#include "mkt-error.h"
#include "mkt-print.h"
#include "mkt-schema.h"

/* Price tags of the business's products, read through a session. */

static gboolean
add_tag (GArray     *tags,
         MktRecord  *product,
         GError    **error)
{
  MktPrintTag tag;

  if (!mkt_record_has (product, "price"))
    {
      g_set_error (error, MKT_PRINT_ERROR, MKT_PRINT_ERROR_NO_PRICE,
                   "The product “%s” has no price to put on a tag", mkt_record_get_title (product));
      return FALSE;
    }

  tag.name = mkt_record_get_string (product, "name");
  tag.sku = mkt_record_get_string (product, "sku");
  tag.price = mkt_record_get_int (product, "price");
  g_array_append_val (tags, tag);
  return TRUE;
}

/**
 * mkt_print_tags_new_for_products:
 * @session: a session
 * @product_ids: (nullable) (array zero-terminated=1): the products to tag,
 *   one tag each in this order (an id given twice makes two tags), or
 *   %NULL for every active product that has a price, by name
 * @layout: the label sheet
 * @with_sku: whether tags show the sku
 * @error: return location for %MKT_STORE_ERROR_NOT_FOUND (a product that
 *   does not exist or is in the trash), %MKT_PRINT_ERROR_NO_PRICE (a
 *   product given has no price) or %MKT_PRINT_ERROR_EMPTY (nothing to tag)
 *
 * Returns: (transfer full) (nullable): the tags, in the tenant's currency
 */
MktPrintTags *
mkt_print_tags_new_for_products (MktSession          *session,
                                 const char * const  *product_ids,
                                 MktTagLayout         layout,
                                 gboolean             with_sku,
                                 GError             **error)
{
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (MktPrintTag));

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (product_ids != NULL)
    {
      products = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; product_ids[i] != NULL; i++)
        {
          MktRecord *product = mkt_session_get (session, &mkt_product_spec, product_ids[i], error);

          if (product == NULL)
            return NULL;
          g_ptr_array_add (products, product);
        }
    }
  else
    {
      g_autoptr(MktQuery) query = mkt_query_new ();

      mkt_query_add_filter (query, "price", MKT_FILTER_NE, NULL);
      mkt_query_set_sort (query, "name", FALSE);
      products = mkt_session_list (session, &mkt_product_spec, query, NULL, error);
      if (products == NULL)
        return NULL;
    }

  for (guint i = 0; i < products->len; i++)
    if (!add_tag (tags, g_ptr_array_index (products, i), error))
      return NULL;

  if (tags->len == 0)
    {
      g_set_error_literal (error, MKT_PRINT_ERROR, MKT_PRINT_ERROR_EMPTY,
                           product_ids != NULL ? "No products given to make price tags of"
                                               : "No product has a price yet: there are no price tags to print");
      return NULL;
    }

  /* The tags copy the strings, which the records still hold. */
  return mkt_print_tags_new (mkt_session_get_currency (session), (const MktPrintTag *)(gpointer)tags->data,
                             tags->len, layout, with_sku);
}

/**
 * mkt_print_price_tags:
 * @session: a session
 * @product_ids: (nullable) (array zero-terminated=1): as for
 *   mkt_print_tags_new_for_products()
 * @layout: the label sheet
 * @with_sku: whether tags show the sku
 * @path: the PDF file to write
 * @error: return location for an error, as for
 *   mkt_print_tags_new_for_products() and mkt_print_tags_write_pdf()
 *
 * Writes price tags of the business's products as a PDF of label sheets.
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_print_price_tags (MktSession          *session,
                      const char * const  *product_ids,
                      MktTagLayout         layout,
                      gboolean             with_sku,
                      const char          *path,
                      GError             **error)
{
  g_autoptr(MktPrintTags) tags = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  tags = mkt_print_tags_new_for_products (session, product_ids, layout, with_sku, error);
  return tags != NULL && mkt_print_tags_write_pdf (tags, path, error);
}
