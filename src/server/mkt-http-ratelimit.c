/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-http"

#include "config.h"

#include "mkt-http-ratelimit.h"

/* A token bucket per client address, in this process's memory: a client
 * gets @burst requests at once and @rate more every second. Used from the
 * main loop only. With several worker processes each keeps its own
 * buckets, so a client may get up to N times the rate; a limit that must
 * hold across processes belongs in PostgreSQL. */

/* Beyond this many clients, the buckets that have refilled (whose clients
 * have been quiet) are forgotten: they would start full again anyway. */
#define PRUNE_THRESHOLD 10000

typedef struct
{
  double tokens;
  gint64 updated_us;
} Bucket;

struct _MktHttpRateLimiter
{
  double      rate;
  double      burst;
  GHashTable *buckets;
};

/**
 * mkt_http_rate_limiter_new:
 * @rate: tokens a bucket gains per second; 0 for no limit
 * @burst: a bucket's size
 *
 * Returns: (transfer full): a rate limiter with no client yet
 */
MktHttpRateLimiter *
mkt_http_rate_limiter_new (double rate,
                           guint  burst)
{
  MktHttpRateLimiter *limiter = g_new0 (MktHttpRateLimiter, 1);

  limiter->rate = rate;
  limiter->burst = MAX (burst, 1);
  limiter->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return limiter;
}

void
mkt_http_rate_limiter_free (MktHttpRateLimiter *limiter)
{
  if (limiter == NULL)
    return;

  g_hash_table_unref (limiter->buckets);
  g_free (limiter);
}

static void
refill (MktHttpRateLimiter *limiter,
        Bucket             *bucket,
        gint64              now_us)
{
  if (now_us > bucket->updated_us)
    {
      bucket->tokens = MIN (limiter->burst,
                            bucket->tokens + limiter->rate * (now_us - bucket->updated_us) / G_USEC_PER_SEC);
      bucket->updated_us = now_us;
    }
}

static void
prune (MktHttpRateLimiter *limiter,
       gint64              now_us)
{
  GHashTableIter iter;
  Bucket *bucket;

  g_hash_table_iter_init (&iter, limiter->buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &bucket))
    {
      refill (limiter, bucket, now_us);
      if (bucket->tokens >= limiter->burst)
        g_hash_table_iter_remove (&iter);
    }
}

/**
 * mkt_http_rate_limiter_take:
 * @limiter: a rate limiter
 * @client: the client's key (its address)
 * @now_us: monotonic time, microseconds
 * @out_retry_after_s: (out) (optional): when refused, seconds until a
 *   token is there
 *
 * Returns: %TRUE if @client may go on (a token was taken)
 */
gboolean
mkt_http_rate_limiter_take (MktHttpRateLimiter *limiter,
                            const char         *client,
                            gint64              now_us,
                            double             *out_retry_after_s)
{
  Bucket *bucket;

  if (limiter->rate <= 0)
    return TRUE;

  bucket = g_hash_table_lookup (limiter->buckets, client);
  if (bucket == NULL)
    {
      if (g_hash_table_size (limiter->buckets) >= PRUNE_THRESHOLD)
        prune (limiter, now_us);

      bucket = g_new0 (Bucket, 1);
      bucket->tokens = limiter->burst;
      bucket->updated_us = now_us;
      g_hash_table_insert (limiter->buckets, g_strdup (client), bucket);
    }

  refill (limiter, bucket, now_us);
  if (bucket->tokens >= 1)
    {
      bucket->tokens -= 1;
      return TRUE;
    }

  if (out_retry_after_s != NULL)
    *out_retry_after_s = (1 - bucket->tokens) / limiter->rate;
  return FALSE;
}
