/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-session.h"
#include "mkt-sqlite-store.h"

G_BEGIN_DECLS

char        *mkt_local_default_path     (void);
MktSession  *mkt_local_session_new      (MktSqliteStore  *store,
                                         const char      *business_name,
                                         const char      *currency,
                                         gboolean        *out_created,
                                         GError         **error);
char        *mkt_local_default_currency (void);
gboolean     mkt_local_start_empty      (MktSqliteStore  *store,
                                         GError         **error);

G_END_DECLS
