/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void      mkt_http_log_init        (void);
GString  *mkt_http_log_begin       (const char *level,
                                    const char *event);
void      mkt_http_log_add_string  (GString    *line,
                                    const char *name,
                                    const char *value);
void      mkt_http_log_add_int     (GString    *line,
                                    const char *name,
                                    gint64      value);
void      mkt_http_log_add_double  (GString    *line,
                                    const char *name,
                                    double      value);
void      mkt_http_log_end         (GString    *line);
void      mkt_http_log_object      (const char *level,
                                    const char *event,
                                    JsonObject *fields);
void      mkt_http_log_message     (const char *level,
                                    const char *event,
                                    const char *format,
                                    ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
