/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *mkt_csv_normalize_number  (const char  *text,
                                  char         decimal_hint);
char  *mkt_csv_normalize_money   (const char  *text,
                                  const char  *currency,
                                  char         decimal_hint,
                                  GError     **error);
char  *mkt_csv_normalize_unit    (const char  *text);
char  *mkt_csv_html_to_text      (const char  *html);
char  *mkt_csv_strip             (const char  *text);

G_END_DECLS
