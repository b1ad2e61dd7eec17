/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "mkt-schema.h"

G_BEGIN_DECLS

#define MKT_TYPE_RECORD (mkt_record_get_type ())

G_DECLARE_FINAL_TYPE (MktRecord, mkt_record, MKT, RECORD, GObject)

MktRecord           *mkt_record_new             (const MktEntitySpec  *spec);
MktRecord           *mkt_record_copy            (MktRecord            *self);
const MktEntitySpec *mkt_record_get_spec        (MktRecord            *self);

const char          *mkt_record_get_id          (MktRecord            *self);
void                 mkt_record_set_id          (MktRecord            *self,
                                                 const char           *id);
const char          *mkt_record_get_tenant_id   (MktRecord            *self);
void                 mkt_record_set_tenant_id   (MktRecord            *self,
                                                 const char           *tenant_id);
gint64               mkt_record_get_created_at  (MktRecord            *self);
gint64               mkt_record_get_updated_at  (MktRecord            *self);
gint64               mkt_record_get_deleted_at  (MktRecord            *self);
gboolean             mkt_record_is_deleted      (MktRecord            *self);
const char          *mkt_record_get_hlc         (MktRecord            *self);
void                 mkt_record_set_meta        (MktRecord            *self,
                                                 gint64                created_at,
                                                 gint64                updated_at,
                                                 gint64                deleted_at,
                                                 const char           *hlc);
const char          *mkt_record_get_title       (MktRecord            *self);
char                *mkt_record_dup_label       (MktRecord            *self);

GVariant            *mkt_record_get_value       (MktRecord            *self,
                                                 guint                 index);
void                 mkt_record_take_value      (MktRecord            *self,
                                                 guint                 index,
                                                 GVariant             *value);
gboolean             mkt_record_is_dirty        (MktRecord            *self,
                                                 guint                 index);
void                 mkt_record_clear_dirty     (MktRecord            *self);

gboolean             mkt_record_has             (MktRecord            *self,
                                                 const char           *field);
const char          *mkt_record_get_string      (MktRecord            *self,
                                                 const char           *field);
gint64               mkt_record_get_int         (MktRecord            *self,
                                                 const char           *field);
void                 mkt_record_set_string      (MktRecord            *self,
                                                 const char           *field,
                                                 const char           *value);
void                 mkt_record_set_int         (MktRecord            *self,
                                                 const char           *field,
                                                 gint64                value);
void                 mkt_record_set_null        (MktRecord            *self,
                                                 const char           *field);

gboolean             mkt_record_set_from_text   (MktRecord            *self,
                                                 const char           *field,
                                                 const char           *text,
                                                 const char           *currency,
                                                 GError              **error);
gboolean             mkt_record_set_from_json   (MktRecord            *self,
                                                 const char           *field,
                                                 JsonNode             *node,
                                                 GError              **error);

char                *mkt_record_format_value    (MktRecord            *self,
                                                 guint                 index,
                                                 const char           *currency);
JsonNode            *mkt_value_to_json          (const MktFieldSpec   *field,
                                                 GVariant             *value);
JsonObject          *mkt_record_to_json         (MktRecord            *self);
void                 mkt_record_append_json     (MktRecord            *self,
                                                 GString              *out);
void                 mkt_record_append_fields_json (MktRecord         *self,
                                                 guint64               mask,
                                                 GString              *out);
void                 mkt_json_append_string     (GString              *out,
                                                 const char           *text);
void                 mkt_json_append_row_head   (GString              *out,
                                                 const MktEntitySpec  *spec,
                                                 const char           *id,
                                                 gint64                created_at,
                                                 gint64                updated_at,
                                                 gint64                deleted_at,
                                                 const char           *hlc);
void                 mkt_json_append_field      (GString              *out,
                                                 const MktFieldSpec   *field,
                                                 gboolean              is_null,
                                                 gint64                number,
                                                 const char           *text);

gboolean             mkt_record_validate        (MktRecord            *self,
                                                 GError              **error);

G_END_DECLS
