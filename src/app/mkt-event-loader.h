/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mkt-core.h"

G_BEGIN_DECLS

/**
 * MktEventLoadFlags:
 * @MKT_EVENT_LOAD_SUMMARY: the event's sheet and summary
 * @MKT_EVENT_LOAD_PRODUCTS: every active product, for the picker
 * @MKT_EVENT_LOAD_PHOTOS: the photos of the products on the sheet
 * @MKT_EVENT_LOAD_TODAY: the summary of today's sales alone, today being
 *   the local calendar day of the session's clock
 */
typedef enum
{
  MKT_EVENT_LOAD_SUMMARY = 1 << 0,
  MKT_EVENT_LOAD_PRODUCTS = 1 << 1,
  MKT_EVENT_LOAD_PHOTOS = 1 << 2,
  MKT_EVENT_LOAD_TODAY = 1 << 3,
} MktEventLoadFlags;

/**
 * MktEventData:
 * @summary: the event's summary, with its sheet lines
 * @currency: the business's currency
 * @products: (element-type MktRecord) (nullable): active products by name
 * @photos: (nullable): product id → #GdkTexture, for those with a photo
 * @today: (nullable): with %MKT_EVENT_LOAD_TODAY, the summary of today's
 *   sales and voids at the event
 * @today_ends: with %MKT_EVENT_LOAD_TODAY, when today ends (µs since the
 *   epoch, on the session's clock): @today is stale from then on
 *
 * What an event's page or its stall shows, read on a worker thread.
 */
typedef struct
{
  MktMarketSummary *summary;
  char             *currency;
  GPtrArray        *products;
  GHashTable       *photos;
  MktMarketSummary *today;
  gint64            today_ends;
} MktEventData;

void          mkt_event_load_list_async   (const char          *db_path,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray    *mkt_event_load_list_finish  (GAsyncResult        *result,
                                           GError             **error);
void          mkt_event_load_async        (const char          *db_path,
                                           const char          *event_id,
                                           MktEventLoadFlags    flags,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
MktEventData *mkt_event_load_finish       (GAsyncResult        *result,
                                           GError             **error);
void          mkt_event_data_free         (MktEventData        *data);

GWeakRef     *mkt_event_weak_new          (gpointer             object);
gpointer      mkt_event_weak_steal        (GWeakRef            *ref);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MktEventData, mkt_event_data_free)

G_END_DECLS
