/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-print"

#include "config.h"

#include "mkt-error.h"
#include "mkt-market.h"
#include "mkt-print.h"
#include "mkt-schema.h"

/* The market sheet of an event, read through a session. */

/* A field of the event as text, or NULL when it is empty or the entity
 * has no such field. */
static char *
dup_field (MktRecord  *record,
           const char *field,
           const char *currency)
{
  int index = mkt_entity_spec_field_index (mkt_record_get_spec (record), field);

  return index < 0 ? NULL : mkt_record_format_value (record, index, currency);
}

static gboolean
record_has (MktRecord  *record,
            const char *field)
{
  return record != NULL &&
         mkt_entity_spec_field_index (mkt_record_get_spec (record), field) >= 0 &&
         mkt_record_has (record, field);
}

/**
 * mkt_print_sheet_new_for_event:
 * @session: a session
 * @event_id: a market event's id
 * @error: return location for %MKT_STORE_ERROR_NOT_FOUND (no such event,
 *   or it is in the trash) or another error of reading it
 *
 * The market sheet of an event: the business's name, the event's name,
 * days and venue, and its products (mkt_market_lines()) with their price
 * at the event and the counts recorded so far.
 *
 * Returns: (transfer full) (nullable): the sheet
 */
MktPrintSheet *
mkt_print_sheet_new_for_event (MktSession  *session,
                               const char  *event_id,
                               GError     **error)
{
  const char *currency;
  g_autoptr(MktRecord) tenant = NULL;
  g_autoptr(MktRecord) event = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree MktPrintSheetRow *rows = NULL;
  g_autofree char *starts_on = NULL;
  g_autofree char *ends_on = NULL;
  g_autofree char *venue = NULL;
  MktPrintSheetData data = { NULL };

  g_return_val_if_fail (MKT_IS_SESSION (session), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  currency = mkt_session_get_currency (session);
  tenant = mkt_session_get (session, &mkt_tenant_spec, mkt_session_get_tenant_id (session), error);
  if (tenant == NULL)
    return NULL;
  event = mkt_session_get (session, &mkt_market_event_spec, event_id, error);
  if (event == NULL)
    return NULL;
  lines = mkt_market_lines (session, event_id, error);
  if (lines == NULL)
    return NULL;

  rows = g_new0 (MktPrintSheetRow, MAX (lines->len, 1));
  for (guint i = 0; i < lines->len; i++)
    {
      MktMarketLine *line = g_ptr_array_index (lines, i);

      rows[i].name = mkt_record_get_string (line->product, "name");
      rows[i].sku = mkt_record_get_string (line->product, "sku");
      /* A price of 0 is a price; a line and a product without one are not. */
      rows[i].has_price = line->price != 0 || record_has (line->line, "price") ||
                          record_has (line->product, "price");
      rows[i].price = line->price;
      rows[i].brought = line->brought;
      rows[i].returned = line->returned;
      rows[i].sold = line->sold;
    }

  starts_on = dup_field (event, "starts_on", currency);
  ends_on = dup_field (event, "ends_on", currency);
  venue = dup_field (event, "venue", currency);

  data.business = mkt_record_get_string (tenant, "name");
  data.currency = currency;
  data.event_name = mkt_record_get_title (event);
  data.starts_on = starts_on;
  data.ends_on = ends_on;
  data.venue = venue;
  data.rows = rows;
  data.n_rows = lines->len;

  return mkt_print_sheet_new (&data);
}

/**
 * mkt_print_market_sheet:
 * @session: a session
 * @event_id: a market event's id
 * @paper: the paper
 * @path: the PDF file to write
 * @error: return location for an error, as for
 *   mkt_print_sheet_new_for_event() and mkt_print_sheet_write_pdf()
 *
 * Writes the market sheet of an event as a PDF: what to take to the stall,
 * with boxes to tick as items sell.
 *
 * Returns: %TRUE on success
 */
gboolean
mkt_print_market_sheet (MktSession  *session,
                        const char  *event_id,
                        MktPaper     paper,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(MktPrintSheet) sheet = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  sheet = mkt_print_sheet_new_for_event (session, event_id, error);
  return sheet != NULL && mkt_print_sheet_write_pdf (sheet, paper, path, error);
}
