/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-record.h"

G_BEGIN_DECLS

struct _MktRecord
{
  GObject              parent_instance;

  const MktEntitySpec *spec;
  char                *id;
  char                *tenant_id;
  char                *hlc;
  gint64               created_at;
  gint64               updated_at;
  gint64               deleted_at;
  guint64              dirty;
  GVariant           **values;
};

char     *mkt_record_choices_to_string (const char * const  *choices);
char     *mkt_record_canonical_json    (const char          *text,
                                        GError             **error);
gboolean  mkt_record_email_looks_valid (const char          *text);

G_END_DECLS
