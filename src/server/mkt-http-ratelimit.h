/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MktHttpRateLimiter MktHttpRateLimiter;

MktHttpRateLimiter *mkt_http_rate_limiter_new    (double              rate,
                                                  guint               burst);
void                mkt_http_rate_limiter_free   (MktHttpRateLimiter *limiter);
gboolean            mkt_http_rate_limiter_take   (MktHttpRateLimiter *limiter,
                                                  const char         *client,
                                                  gint64              now_us,
                                                  double             *out_retry_after_s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MktHttpRateLimiter, mkt_http_rate_limiter_free)

G_END_DECLS
