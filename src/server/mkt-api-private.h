/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-api.h"

G_BEGIN_DECLS

/* Shared by the files of mkt-api. */

const char *mkt_api_request_param        (const MktApiRequest  *request,
                                          const char           *name);
const char *mkt_api_request_query        (const MktApiRequest  *request,
                                          const char           *name);
gboolean    mkt_api_parse_limit          (const MktApiRequest  *request,
                                          guint                *out_limit,
                                          MktApiResult         *result);
MktRecord  *mkt_api_find                 (const MktApiResource *resource,
                                          MktSession           *session,
                                          const char           *id,
                                          gboolean              any,
                                          MktApiResult         *result);
gboolean    mkt_api_record_set_body      (const MktApiResource *resource,
                                          MktSession           *session,
                                          MktRecord            *record,
                                          JsonNode             *body,
                                          gboolean              replace,
                                          MktApiResult         *result);
JsonNode   *mkt_api_record_node          (MktRecord            *record);
JsonNode   *mkt_api_page_node            (GPtrArray            *rows,
                                          const char           *next_cursor);
GString    *mkt_api_record_text          (MktRecord            *record);
void        mkt_api_result_set_parameter_error (MktApiResult *result,
                                                const char   *name,
                                                const GError *error);
void        mkt_api_page_finish          (GString              *text,
                                          const char           *next_cursor);
GString    *mkt_api_page_text            (GPtrArray            *rows,
                                          const char           *next_cursor);
gboolean    mkt_api_value_from_json      (const MktEntitySpec  *spec,
                                          const char           *field,
                                          JsonNode             *node,
                                          GVariant            **out_value,
                                          GError              **error);

/* What one operation of a resource does, in or out of a bulk request: the
 * body's checks, the session's rules. On failure @result holds the error
 * and nothing is written (a bulk request rolls back what came before). */
typedef enum
{
  MKT_API_OP_CREATE,
  MKT_API_OP_REPLACE,
  MKT_API_OP_PATCH,
  MKT_API_OP_DELETE,
  MKT_API_OP_RESTORE,
  MKT_API_OP_PURGE,
} MktApiOp;

gboolean    mkt_api_apply                (const MktApiResource *resource,
                                          MktSession           *session,
                                          MktApiOp              op,
                                          const char           *id,
                                          JsonNode             *body,
                                          MktApiResult         *result);
const char *mkt_api_op_to_string         (MktApiOp              op);
gboolean    mkt_api_op_from_string       (const char           *text,
                                          MktApiOp             *out_op);

/* Stock movements as the CLI records them (mkt-api-stock.c). */
MktRecord  *mkt_api_create_movement      (MktSession           *session,
                                          JsonNode             *body,
                                          MktApiResult         *result);

/* Handlers of the route table. */
void mkt_api_list_cb            (const MktApiRoute *, MktSession *, const MktApiRequest *, MktApiResult *);
void mkt_api_get_cb             (const MktApiRoute *, MktSession *, const MktApiRequest *, MktApiResult *);
void mkt_api_row_cb             (const MktApiRoute *, MktSession *, const MktApiRequest *, MktApiResult *);
void mkt_api_append_only_cb     (const MktApiRoute *, MktSession *, const MktApiRequest *, MktApiResult *);
void mkt_api_bulk_cb            (const MktApiRoute *, MktSession *, const MktApiRequest *, MktApiResult *);
void mkt_api_product_complete_cb (const MktApiRoute *, MktSession *, const MktApiRequest *, MktApiResult *);
void mkt_api_product_costs_cb   (const MktApiRoute *, MktSession *, const MktApiRequest *, MktApiResult *);
void mkt_api_dashboard_cb       (const MktApiRoute *, MktSession *, const MktApiRequest *, MktApiResult *);
void mkt_api_trash_cb           (const MktApiRoute *, MktSession *, const MktApiRequest *, MktApiResult *);
void mkt_api_audit_cb           (const MktApiRoute *, MktSession *, const MktApiRequest *, MktApiResult *);
void mkt_api_stock_cb           (const MktApiRoute *, MktSession *, const MktApiRequest *, MktApiResult *);
void mkt_api_product_make_cb    (const MktApiRoute *, MktSession *, const MktApiRequest *, MktApiResult *);
void mkt_api_sale_void_cb       (const MktApiRoute *, MktSession *, const MktApiRequest *, MktApiResult *);
void mkt_api_event_lines_cb     (const MktApiRoute *, MktSession *, const MktApiRequest *, MktApiResult *);
void mkt_api_event_transfer_cb  (const MktApiRoute *, MktSession *, const MktApiRequest *, MktApiResult *);
void mkt_api_openapi_cb         (const MktApiRoute *, MktSession *, const MktApiRequest *, MktApiResult *);

G_END_DECLS
