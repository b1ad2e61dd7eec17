/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-session.h"

G_BEGIN_DECLS

gboolean     mkt_demo_load              (MktSession  *session,
                                         gboolean    *out_loaded,
                                         GError     **error);

G_END_DECLS
