/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void  mkt_http_log_init      (void);
void  mkt_http_log_object    (const char *level,
                              const char *event,
                              JsonObject *fields);
void  mkt_http_log_message   (const char *level,
                              const char *event,
                              const char *format,
                              ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
