/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-hlc"

#include "config.h"

#include <string.h>

#include "mkt-error.h"
#include "mkt-hlc.h"

#define N_THREADS 4
#define N_PER_THREAD 20000

typedef struct
{
  gint64 now_ms;
} FakeClock;

static gint64
fake_clock_now (gpointer user_data)
{
  FakeClock *fake = user_data;

  return fake->now_ms;
}

static int
sign (int value)
{
  return (value > 0) - (value < 0);
}

#define assert_hlc_cmp(a, cmp, b) \
  G_STMT_START { \
    MktHlc hlc_a_ = (a), hlc_b_ = (b); \
    if (!(mkt_hlc_compare (hlc_a_, hlc_b_) cmp 0)) \
      { \
        g_autofree char *msg_ = \
          g_strdup_printf ("assertion failed (%s %s %s): " \
                           "(%" G_GINT64_FORMAT ", %u) vs (%" G_GINT64_FORMAT ", %u)", \
                           #a, #cmp, #b, \
                           hlc_a_.wall_ms, hlc_a_.counter, hlc_b_.wall_ms, hlc_b_.counter); \
        g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg_); \
      } \
  } G_STMT_END

#define assert_hlc_equal(a, b) assert_hlc_cmp (a, ==, b)

static MktHlc
hlc (gint64  wall_ms,
     guint32 counter)
{
  return (MktHlc) { .wall_ms = wall_ms, .counter = counter };
}

/* A clock driven by @fake whose last timestamp is @seed. */
static MktHlcClock *
clock_new_at (FakeClock *fake,
              MktHlc     seed)
{
  g_autoptr(MktHlcClock) clock = mkt_hlc_clock_new (fake_clock_now, fake);
  g_autoptr(GError) error = NULL;

  fake->now_ms = seed.wall_ms;

  if (seed.counter == 0)
    {
      mkt_hlc_clock_now (clock);
    }
  else
    {
      mkt_hlc_clock_observe (clock, hlc (seed.wall_ms, seed.counter - 1), &error);
      g_assert_no_error (error);
    }

  assert_hlc_equal (mkt_hlc_clock_peek (clock), seed);

  return g_steal_pointer (&clock);
}

static void
test_hlc_now_frozen (void)
{
  FakeClock fake = { 1000 };
  g_autoptr(MktHlcClock) clock = mkt_hlc_clock_new (fake_clock_now, &fake);

  assert_hlc_equal (mkt_hlc_clock_peek (clock), hlc (0, 0));

  for (guint32 i = 0; i < 100; i++)
    {
      MktHlc now = mkt_hlc_clock_now (clock);

      assert_hlc_equal (now, hlc (1000, i));
      assert_hlc_equal (mkt_hlc_clock_peek (clock), now);
      /* Peeking does not advance the clock. */
      assert_hlc_equal (mkt_hlc_clock_peek (clock), now);
    }
}

static void
test_hlc_now_backwards (void)
{
  static const struct {
    gint64 physical_ms;
    gint64 wall_ms;
    guint32 counter;
  } steps[] = {
    { 1000, 1000, 0 },
    { 1000, 1000, 1 },
    { 999, 1000, 2 },
    { 500, 1000, 3 },
    { 0, 1000, 4 },
    { -100, 1000, 5 },
    { 1000, 1000, 6 },
    { 1001, 1001, 0 },
    { 2000, 2000, 0 },
    { 1500, 2000, 1 },
    { 2001, 2001, 0 },
  };
  FakeClock fake = { 0 };
  g_autoptr(MktHlcClock) clock = mkt_hlc_clock_new (fake_clock_now, &fake);
  MktHlc prev = hlc (0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      MktHlc now;

      fake.now_ms = steps[i].physical_ms;
      now = mkt_hlc_clock_now (clock);

      assert_hlc_equal (now, hlc (steps[i].wall_ms, steps[i].counter));
      assert_hlc_cmp (now, >, prev);
      prev = now;
    }
}

static void
test_hlc_now_counter_overflow (void)
{
  FakeClock fake = { 5000 };
  g_autoptr(MktHlcClock) clock = mkt_hlc_clock_new (fake_clock_now, &fake);
  MktHlc now = hlc (0, 0);

  for (guint32 i = 0; i <= MKT_HLC_COUNTER_MAX; i++)
    {
      now = mkt_hlc_clock_now (clock);
      assert_hlc_equal (now, hlc (5000, i));
    }

  /* Event 65537 at the same millisecond rolls over into the next one. */
  assert_hlc_equal (mkt_hlc_clock_now (clock), hlc (5001, 0));
  assert_hlc_equal (mkt_hlc_clock_now (clock), hlc (5001, 1));

  fake.now_ms = 5001;
  assert_hlc_equal (mkt_hlc_clock_now (clock), hlc (5001, 2));

  fake.now_ms = 5002;
  assert_hlc_equal (mkt_hlc_clock_now (clock), hlc (5002, 0));
}

static void
test_hlc_observe_rules (void)
{
  static const struct {
    const char *what;
    MktHlc last;
    gint64 physical_ms;
    MktHlc remote;
    MktHlc expected;
  } cases[] = {
    { "older remote", { 10000, 3 }, 10000, { 5000, 99 }, { 10000, 4 } },
    { "physical ahead of both", { 1000, 5 }, 2000, { 1500, 7 }, { 2000, 0 } },
    { "remote ahead of both", { 1000, 5 }, 1000, { 1500, 7 }, { 1500, 8 } },
    { "all equal, remote counter larger", { 1000, 5 }, 1000, { 1000, 9 }, { 1000, 10 } },
    { "last and remote equal, local counter larger", { 1000, 9 }, 900, { 1000, 5 }, { 1000, 10 } },
    { "last ahead, physical behind", { 3000, 2 }, 1000, { 2000, 50 }, { 3000, 3 } },
    { "remote equals physical, ahead of last", { 1000, 1 }, 2000, { 2000, 4 }, { 2000, 5 } },
    { "identical remote", { 1000, 7 }, 1000, { 1000, 7 }, { 1000, 8 } },
    { "overflow, both counters full", { 1000, 0xFFFF }, 1000, { 1000, 0xFFFF }, { 1001, 0 } },
    { "overflow from remote", { 900, 0 }, 1000, { 1000, 0xFFFF }, { 1001, 0 } },
    { "overflow from last", { 1000, 0xFFFF }, 500, { 999, 3 }, { 1001, 0 } },
    { "remote ahead by the whole drift limit", { 10000, 0 }, 10000,
      { 10000 + MKT_HLC_MAX_DRIFT_MS, 0 }, { 10000 + MKT_HLC_MAX_DRIFT_MS, 1 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MktHlcClock) clock = NULL;
      g_autoptr(GError) error = NULL;
      FakeClock fake = { 0 };
      MktHlc observed;
      gboolean ok;

      g_test_message ("case %u: %s", i, cases[i].what);

      clock = clock_new_at (&fake, cases[i].last);
      fake.now_ms = cases[i].physical_ms;

      ok = mkt_hlc_clock_observe (clock, cases[i].remote, &error);
      g_assert_no_error (error);
      g_assert_true (ok);

      observed = mkt_hlc_clock_peek (clock);
      assert_hlc_equal (observed, cases[i].expected);
      assert_hlc_cmp (observed, >, cases[i].last);
      assert_hlc_cmp (observed, >, cases[i].remote);

      assert_hlc_cmp (mkt_hlc_clock_now (clock), >, observed);
    }
}

static void
test_hlc_observe_drift (void)
{
  static const struct {
    gint64 ahead_ms;
    gboolean accepted;
  } cases[] = {
    { -G_GINT64_CONSTANT (86400000), TRUE },
    { -1, TRUE },
    { 0, TRUE },
    { 1, TRUE },
    { 60 * 1000, TRUE },
    { MKT_HLC_MAX_DRIFT_MS - 1, TRUE },
    { MKT_HLC_MAX_DRIFT_MS, TRUE },
    { MKT_HLC_MAX_DRIFT_MS + 1, FALSE },
    { 2 * MKT_HLC_MAX_DRIFT_MS, FALSE },
    { G_GINT64_CONSTANT (10) * 365 * 86400000, FALSE },
  };
  const gint64 physical_ms = G_GINT64_CONSTANT (1700000000000);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MktHlcClock) clock = NULL;
      g_autoptr(GError) error = NULL;
      FakeClock fake = { 0 };
      MktHlc before, remote;
      gboolean ok;

      g_test_message ("case %u: %" G_GINT64_FORMAT " ms ahead", i, cases[i].ahead_ms);

      clock = clock_new_at (&fake, hlc (physical_ms, 3));
      before = mkt_hlc_clock_peek (clock);
      remote = hlc (physical_ms + cases[i].ahead_ms, 42);

      ok = mkt_hlc_clock_observe (clock, remote, &error);

      if (cases[i].accepted)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          assert_hlc_cmp (mkt_hlc_clock_now (clock), >, remote);
        }
      else
        {
          g_autofree char *ahead = g_strdup_printf ("%" G_GINT64_FORMAT, cases[i].ahead_ms);

          g_assert_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OUT_OF_RANGE);
          g_assert_false (ok);
          g_assert_nonnull (strstr (error->message, ahead));

          assert_hlc_equal (mkt_hlc_clock_peek (clock), before);
          /* The next local event carries on as if nothing was observed. */
          assert_hlc_equal (mkt_hlc_clock_now (clock), hlc (physical_ms, 4));
        }
    }
}

static void
test_hlc_observe_invalid (void)
{
  static const MktHlc remotes[] = {
    { -1, 0 },
    { G_MININT64, 0 },
    { MKT_HLC_WALL_MS_MAX + 1, 0 },
    { G_MAXINT64, 0 },
    { 1000, MKT_HLC_COUNTER_MAX + 1 },
    { 1000, G_MAXUINT32 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (remotes); i++)
    {
      g_autoptr(MktHlcClock) clock = NULL;
      g_autoptr(GError) error = NULL;
      FakeClock fake = { 0 };

      clock = clock_new_at (&fake, hlc (1000, 3));

      g_assert_false (mkt_hlc_clock_observe (clock, remotes[i], &error));
      g_assert_error (error, MKT_VALUE_ERROR, MKT_VALUE_ERROR_OUT_OF_RANGE);
      assert_hlc_equal (mkt_hlc_clock_peek (clock), hlc (1000, 3));
    }
}

static void
test_hlc_string_round_trip (void)
{
  static const struct {
    MktHlc hlc;
    const char *text;
  } cases[] = {
    { { 0, 0 }, "000000000000-0000" },
    { { 1, 1 }, "000000000001-0001" },
    { { 0, 0xFFFF }, "000000000000-ffff" },
    { { G_GINT64_CONSTANT (1700000000000), 42 }, "018bcfe56800-002a" },
    { { G_GINT64_CONSTANT (0x018f3a2b4c5d), 0xABCD }, "018f3a2b4c5d-abcd" },
    { { MKT_HLC_WALL_MS_MAX, MKT_HLC_COUNTER_MAX }, "ffffffffffff-ffff" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char text[MKT_HLC_STRING_LENGTH + 1];
      MktHlc parsed;

      mkt_hlc_to_string (cases[i].hlc, text);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpuint (strlen (text), ==, MKT_HLC_STRING_LENGTH);

      g_assert_true (mkt_hlc_parse (text, &parsed));
      assert_hlc_equal (parsed, cases[i].hlc);
      g_assert_true (mkt_hlc_parse (text, NULL));
    }
}

static void
test_hlc_string_order (void)
{
  /* Every pair of these is checked, in both orders. */
  static const MktHlc values[] = {
    { 0, 0 },
    { 0, 1 },
    { 0, 0xF },
    { 0, 0x10 },
    { 0, 0xFFFF },
    { 1, 0 },
    { 0xF, 0xFFFF },
    { 0x10, 0 },
    { 0xFFF, 7 },
    { 0x1000, 0 },
    { G_GINT64_CONSTANT (1700000000000), 0 },
    { G_GINT64_CONSTANT (1700000000000), 1 },
    { G_GINT64_CONSTANT (1700000000001), 0 },
    { G_GINT64_CONSTANT (0x0FFFFFFFFFFF), 0xFFFF },
    { G_GINT64_CONSTANT (0x100000000000), 0 },
    { MKT_HLC_WALL_MS_MAX, 0xFFFF },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    for (guint j = 0; j < G_N_ELEMENTS (values); j++)
      {
        char a[MKT_HLC_STRING_LENGTH + 1];
        char b[MKT_HLC_STRING_LENGTH + 1];
        int expected = i < j ? -1 : (i > j ? 1 : 0);

        mkt_hlc_to_string (values[i], a);
        mkt_hlc_to_string (values[j], b);

        /* The table is sorted, so its index order is the expected order. */
        g_assert_cmpint (mkt_hlc_compare (values[i], values[j]), ==, expected);
        g_assert_cmpint (sign (strcmp (a, b)), ==, expected);
      }
}

static void
test_hlc_string_parse_bad (void)
{
  static const char * const bad[] = {
    "",
    "-",
    "000000000000-000",
    "000000000000-00000",
    "0000000000000-0000",
    "00000000000-00000",
    "000000000000_0000",
    "0000000000000000",
    "00000000000000000",
    "000000000000--000",
    "-00000000000-0000",
    "00000000000g-0000",
    "000000000000-000g",
    "ABCDEF000000-0000",
    "abcdef000000-ABCD",
    "00000000000A-0000",
    " 00000000000-0000",
    "00000000000 -0000",
    "000000000000-000 ",
    "+00000000000-0000",
    "000000000000-+fff",
    "0x0000000000-0000",
    "000000000000-0x00",
    "000000000000-0000\n",
    "000000000000-0000-",
    "00000000000\xc3\xa9-000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *escaped = g_strescape (bad[i], NULL);
      MktHlc parsed = hlc (123, 456);

      g_test_message ("case %u: \"%s\"", i, escaped);

      g_assert_false (mkt_hlc_parse (bad[i], &parsed));
      g_assert_false (mkt_hlc_parse (bad[i], NULL));
      assert_hlc_equal (parsed, hlc (123, 456));
    }
}

static void
test_hlc_real_clock (void)
{
  g_autoptr(MktHlcClock) clock = mkt_hlc_clock_new (NULL, NULL);
  gint64 before, after;
  MktHlc now;

  before = g_get_real_time () / 1000;
  now = mkt_hlc_clock_now (clock);
  after = g_get_real_time () / 1000;

  g_assert_cmpint (now.wall_ms, >=, before);
  g_assert_cmpint (now.wall_ms, <=, after);
}

typedef struct
{
  MktHlcClock *clock;
  MktHlc *out;
} ThreadData;

static gpointer
now_thread (gpointer user_data)
{
  ThreadData *data = user_data;

  for (guint i = 0; i < N_PER_THREAD; i++)
    data->out[i] = mkt_hlc_clock_now (data->clock);

  return NULL;
}

static int
compare_hlc_cb (gconstpointer a,
                gconstpointer b)
{
  return mkt_hlc_compare (*(const MktHlc *) a, *(const MktHlc *) b);
}

static void
test_hlc_threads (void)
{
  /* A frozen clock makes every call a read-modify-write of the counter, the
   * case a missing lock would get wrong. */
  FakeClock fake = { 1000 };
  g_autoptr(MktHlcClock) clock = mkt_hlc_clock_new (fake_clock_now, &fake);
  g_autofree MktHlc *all = g_new (MktHlc, N_THREADS * N_PER_THREAD);
  ThreadData data[N_THREADS];
  GThread *threads[N_THREADS];

  for (guint t = 0; t < N_THREADS; t++)
    {
      data[t].clock = clock;
      data[t].out = all + t * N_PER_THREAD;
      threads[t] = g_thread_new ("hlc", now_thread, &data[t]);
    }

  for (guint t = 0; t < N_THREADS; t++)
    g_thread_join (threads[t]);

  for (guint t = 0; t < N_THREADS; t++)
    for (guint i = 1; i < N_PER_THREAD; i++)
      assert_hlc_cmp (data[t].out[i], >, data[t].out[i - 1]);

  /* Together the threads got exactly the first N_THREADS * N_PER_THREAD
   * timestamps from (1000, 0) on: no duplicates and none skipped. */
  qsort (all, N_THREADS * N_PER_THREAD, sizeof (MktHlc), compare_hlc_cb);
  for (guint n = 0; n < N_THREADS * N_PER_THREAD; n++)
    {
      guint wraps = n / (MKT_HLC_COUNTER_MAX + 1);

      assert_hlc_equal (all[n], hlc (1000 + wraps, n % (MKT_HLC_COUNTER_MAX + 1)));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hlc/now/frozen", test_hlc_now_frozen);
  g_test_add_func ("/hlc/now/backwards", test_hlc_now_backwards);
  g_test_add_func ("/hlc/now/counter-overflow", test_hlc_now_counter_overflow);
  g_test_add_func ("/hlc/observe/rules", test_hlc_observe_rules);
  g_test_add_func ("/hlc/observe/drift", test_hlc_observe_drift);
  g_test_add_func ("/hlc/observe/invalid", test_hlc_observe_invalid);
  g_test_add_func ("/hlc/string/round-trip", test_hlc_string_round_trip);
  g_test_add_func ("/hlc/string/order", test_hlc_string_order);
  g_test_add_func ("/hlc/string/parse-bad", test_hlc_string_parse_bad);
  g_test_add_func ("/hlc/real-clock", test_hlc_real_clock);
  g_test_add_func ("/hlc/threads", test_hlc_threads);

  return g_test_run ();
}
