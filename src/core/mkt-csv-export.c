/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-csv"

#include "config.h"

#include <string.h>

#include "mkt-csv-export.h"
#include "mkt-csv-mapping.h"
#include "mkt-csv-writer.h"
#include "mkt-market.h"
#include "mkt-money.h"
#include "mkt-quantity.h"

/* Exports write one column per field, named as the generic import format
 * reads them, and values as mkt_session_set_from_text() reads them back:
 * exporting and importing the same rows changes nothing. */

#define PAGE_SIZE 500

typedef struct
{
  MktSession   *session;
  const char   *currency;
  GHashTable   *references;   /* id → the text that names it */
  MktCsvWriter *writer;
  GCancellable *cancellable;
  guint         n_rows;
} Export;

static void
export_clear (Export *export)
{
  g_clear_pointer (&export->references, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

/* Whether @text, resolved as an import resolves it, names the row @id. */
static gboolean
names_row (Export              *export,
           const MktEntitySpec *spec,
           const char          *text,
           const char          *id)
{
  g_autofree char *found = mkt_session_resolve (export->session, spec, text, MKT_DELETED_EXCLUDE, NULL);

  return g_strcmp0 (found, id) == 0;
}

/* A reference as people read it and an import finds it again: the row's
 * unique key (a sku), else its title when no other row has it, else its
 * id (a row in the trash, say). */
static const char *
reference_text (Export             *export,
                const MktFieldSpec *field,
                const char         *id)
{
  const MktEntitySpec *target = mkt_schema_lookup (field->ref);
  g_autoptr(MktRecord) row = NULL;
  const char *text;

  text = g_hash_table_lookup (export->references, id);
  if (text != NULL)
    return text;

  row = target != NULL ? mkt_session_get_any (export->session, target, id, NULL) : NULL;
  text = id;
  if (row != NULL && !mkt_record_is_deleted (row))
    {
      const char *candidates[2] = { NULL, NULL };

      for (guint i = 0; i < target->n_fields && candidates[0] == NULL; i++)
        if ((target->fields[i].flags & MKT_FIELD_UNIQUE) && target->fields[i].type == MKT_FIELD_TEXT)
          candidates[0] = mkt_record_get_string (row, target->fields[i].name);
      if (target->title_field != NULL)
        candidates[1] = mkt_record_get_string (row, target->title_field);

      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        if (candidates[i] != NULL && names_row (export, target, candidates[i], id))
          {
            text = candidates[i];
            break;
          }
    }

  g_hash_table_insert (export->references, g_strdup (id), g_strdup (text));
  return g_hash_table_lookup (export->references, id);
}

static char *
cell_text (Export    *export,
           MktRecord *record,
           guint      index)
{
  const MktFieldSpec *field = &mkt_record_get_spec (record)->fields[index];

  if (field->type == MKT_FIELD_REF && mkt_record_get_value (record, index) != NULL)
    return g_strdup (reference_text (export, field, mkt_record_get_string (record, field->name)));

  return mkt_record_format_value (record, index, export->currency);
}

static gboolean
write_page (GPtrArray  *rows,
            gpointer    data,
            GError    **error)
{
  Export *export = data;

  if (g_cancellable_set_error_if_cancelled (export->cancellable, error))
    return FALSE;

  for (guint r = 0; r < rows->len; r++)
    {
      MktRecord *record = g_ptr_array_index (rows, r);
      const MktEntitySpec *spec = mkt_record_get_spec (record);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (cells, g_strdup (mkt_record_get_id (record)));
      for (guint i = 0; i < spec->n_fields; i++)
        g_ptr_array_add (cells, cell_text (export, record, i));

      if (!mkt_csv_writer_write_row (export->writer, (const char * const *)cells->pdata, cells->len,
                                     export->cancellable, error))
        return FALSE;
    }

  export->n_rows += rows->len;
  return TRUE;
}

/**
 * mkt_csv_export_entity:
 * @session: whose rows
 * @spec: a mutable entity (its active rows are written) or a ledger (all)
 * @output: where the CSV goes; it stays open
 * @flags: how it is written
 * @out_n_rows: (out) (optional): how many rows were written, the header
 *   not counted
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Writes the rows of @spec as CSV: an "id" column, then one per field in
 * the names the generic import format reads ("category" for category_id),
 * money in the business's currency as plain numbers, references by their
 * sku or name where that finds them again.
 */
gboolean
mkt_csv_export_entity (MktSession           *session,
                       const MktEntitySpec  *spec,
                       GOutputStream        *output,
                       MktCsvExportFlags     flags,
                       guint                *out_n_rows,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_auto(Export) export = { 0 };
  g_autoptr(MktCsvWriter) writer = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (MKT_IS_SESSION (session), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (spec->kind == MKT_ENTITY_MUTABLE || spec->kind == MKT_ENTITY_LEDGER, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  export.session = session;
  export.currency = mkt_session_get_currency (session);
  export.references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  writer = mkt_csv_writer_new (output);
  mkt_csv_writer_set_bom (writer, (flags & MKT_CSV_EXPORT_BOM) != 0);

  g_ptr_array_add (header, g_strdup ("id"));
  for (guint i = 0; i < spec->n_fields; i++)
    g_ptr_array_add (header, mkt_csv_column_name (&spec->fields[i]));
  if (!mkt_csv_writer_write_row (writer, (const char * const *)header->pdata, header->len,
                                 cancellable, error))
    return FALSE;

  /* A page at a time, so that a large catalogue is not all in memory. */
  export.writer = writer;
  export.cancellable = cancellable;
  if (!mkt_session_list_pages (session, spec, NULL, PAGE_SIZE, write_page, &export, error))
    return FALSE;

  if (!mkt_csv_writer_flush (writer, cancellable, error))
    return FALSE;

  if (out_n_rows != NULL)
    *out_n_rows = export.n_rows;
  return TRUE;
}

/* Event summary ------------------------------------------------------------------- */

static const char * const summary_columns[] = {
  "product", "sku", "price", "brought", "returned", "sold", "on_hand", "revenue", "cost_of_goods",
  "revenue_cash", "revenue_card", "revenue_other", "booth_fee", "other_costs", "profit",
};

enum
{
  COL_PRODUCT, COL_SKU, COL_PRICE, COL_BROUGHT, COL_RETURNED, COL_SOLD, COL_ON_HAND, COL_REVENUE,
  COL_COST_OF_GOODS, COL_CASH, COL_CARD, COL_OTHER, COL_BOOTH_FEE, COL_OTHER_COSTS, COL_PROFIT,
  N_SUMMARY_COLUMNS
};

G_STATIC_ASSERT (G_N_ELEMENTS (summary_columns) == N_SUMMARY_COLUMNS);

/**
 * mkt_csv_export_event_summary:
 * @session: whose event
 * @event_id: the market event's id
 * @output: where the CSV goes; it stays open
 * @flags: how it is written
 * @out_n_rows: (out) (optional): how many rows were written, the header
 *   not counted
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Writes a market event's summary as CSV: one row per product on its sheet
 * (price, brought, returned, sold, still at the stall, revenue, cost of
 * goods), then a "Total" row with the takings by payment method, the booth
 * fee, the other costs and the profit.
 */
gboolean
mkt_csv_export_event_summary (MktSession         *session,
                              const char         *event_id,
                              GOutputStream      *output,
                              MktCsvExportFlags   flags,
                              guint              *out_n_rows,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_autoptr(MktMarketSummary) summary = NULL;
  g_autoptr(MktCsvWriter) writer = NULL;
  const char *currency;
  char *cells[N_SUMMARY_COLUMNS] = { NULL };
  gboolean ok = TRUE;

  g_return_val_if_fail (MKT_IS_SESSION (session), FALSE);
  g_return_val_if_fail (event_id != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  summary = mkt_market_summary (session, event_id, error);
  if (summary == NULL)
    return FALSE;
  currency = mkt_session_get_currency (session);

  writer = mkt_csv_writer_new (output);
  mkt_csv_writer_set_bom (writer, (flags & MKT_CSV_EXPORT_BOM) != 0);
  if (!mkt_csv_writer_write_row (writer, summary_columns, N_SUMMARY_COLUMNS, cancellable, error))
    return FALSE;

  for (guint i = 0; ok && i < summary->lines->len; i++)
    {
      const MktMarketLine *line = g_ptr_array_index (summary->lines, i);

      cells[COL_PRODUCT] = g_strdup (mkt_record_get_string (line->product, "name"));
      cells[COL_SKU] = g_strdup (mkt_record_get_string (line->product, "sku"));
      cells[COL_PRICE] = mkt_money_format (line->price, currency);
      cells[COL_BROUGHT] = mkt_quantity_format (line->brought);
      cells[COL_RETURNED] = mkt_quantity_format (line->returned);
      cells[COL_SOLD] = mkt_quantity_format (line->sold);
      cells[COL_ON_HAND] = mkt_quantity_format (line->on_hand);
      cells[COL_REVENUE] = mkt_money_format (line->revenue, currency);
      cells[COL_COST_OF_GOODS] = mkt_money_format (line->cost_of_goods, currency);

      ok = mkt_csv_writer_write_row (writer, (const char * const *)cells, N_SUMMARY_COLUMNS,
                                     cancellable, error);
      for (guint c = 0; c < N_SUMMARY_COLUMNS; c++)
        g_clear_pointer (&cells[c], g_free);
    }
  if (!ok)
    return FALSE;

  cells[COL_PRODUCT] = g_strdup ("Total");
  cells[COL_SOLD] = mkt_quantity_format (summary->items_sold);
  cells[COL_REVENUE] = mkt_money_format (summary->revenue, currency);
  cells[COL_COST_OF_GOODS] = mkt_money_format (summary->cost_of_goods, currency);
  cells[COL_CASH] = mkt_money_format (summary->revenue_cash, currency);
  cells[COL_CARD] = mkt_money_format (summary->revenue_card, currency);
  cells[COL_OTHER] = mkt_money_format (summary->revenue_other, currency);
  cells[COL_BOOTH_FEE] = mkt_money_format (summary->booth_fee, currency);
  cells[COL_OTHER_COSTS] = mkt_money_format (summary->other_costs, currency);
  cells[COL_PROFIT] = mkt_money_format (summary->profit, currency);
  ok = mkt_csv_writer_write_row (writer, (const char * const *)cells, N_SUMMARY_COLUMNS, cancellable, error);
  for (guint c = 0; c < N_SUMMARY_COLUMNS; c++)
    g_clear_pointer (&cells[c], g_free);

  if (!ok || !mkt_csv_writer_flush (writer, cancellable, error))
    return FALSE;

  if (out_n_rows != NULL)
    *out_n_rows = summary->lines->len + 1;
  return TRUE;
}
