/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-uuid"

#include "config.h"

#include <string.h>

#include "mkt-uuid.h"

#define N_SEQUENTIAL 200000
#define N_THREADS 4
#define N_PER_THREAD 50000

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

static void
test_uuid_version_variant (void)
{
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *text = mkt_uuid_new_v7 ();
      guint8 bytes[16];

      g_assert_cmpuint (strlen (text), ==, MKT_UUID_STRING_LENGTH);
      g_assert_true (mkt_uuid_parse (text, bytes));

      g_assert_cmphex (bytes[6] >> 4, ==, 0x7);
      g_assert_cmphex (bytes[8] & 0xC0, ==, 0x80);

      g_assert_cmpint (text[14], ==, '7');
      g_assert_nonnull (strchr ("89ab", text[19]));
    }
}

static void
test_uuid_monotonic (void)
{
  g_autofree char *prev = mkt_uuid_new_v7 ();
  guint8 prev_bytes[16];

  g_assert_true (mkt_uuid_parse (prev, prev_bytes));

  /* Strictly increasing, so also free of duplicates. */
  for (guint i = 0; i < N_SEQUENTIAL; i++)
    {
      g_autofree char *text = mkt_uuid_new_v7 ();
      guint8 bytes[16];

      g_assert_true (mkt_uuid_parse (text, bytes));
      g_assert_cmpint (strcmp (prev, text), <, 0);
      g_assert_cmpint (memcmp (prev_bytes, bytes, 16), <, 0);

      g_free (prev);
      prev = g_steal_pointer (&text);
      memcpy (prev_bytes, bytes, 16);
    }
}

static void
test_uuid_same_millisecond (void)
{
  FakeClock fake = { G_GINT64_CONSTANT (1700000000000) };
  g_autofree char *prev = NULL;

  mkt_uuid_set_clock_for_testing (fake_clock_now, &fake);

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *text = mkt_uuid_new_v7 ();

      g_assert_cmpint (mkt_uuid_get_unix_ms (text), ==, fake.now_ms);
      if (prev != NULL)
        g_assert_cmpint (strcmp (prev, text), <, 0);

      g_free (prev);
      prev = g_steal_pointer (&text);
    }

  mkt_uuid_set_clock_for_testing (NULL, NULL);
}

static void
test_uuid_clock_backwards (void)
{
  /* Each step: the clock reading, then the timestamp the UUID must carry. */
  static const struct {
    gint64 clock_ms;
    gint64 uuid_ms;
  } steps[] = {
    { 1000, 1000 },
    { 999, 1000 },
    { 500, 1000 },
    { 1000, 1000 },
    { 1001, 1001 },
    { 0, 1001 },
    { -5, 1001 },
    { 5000, 5000 },
  };
  FakeClock fake = { 0 };
  g_autofree char *prev = NULL;

  mkt_uuid_set_clock_for_testing (fake_clock_now, &fake);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *text = NULL;

      fake.now_ms = steps[i].clock_ms;
      text = mkt_uuid_new_v7 ();

      g_assert_cmpint (mkt_uuid_get_unix_ms (text), ==, steps[i].uuid_ms);
      if (prev != NULL)
        g_assert_cmpint (strcmp (prev, text), <, 0);

      g_free (prev);
      prev = g_steal_pointer (&text);
    }

  mkt_uuid_set_clock_for_testing (NULL, NULL);
}

static void
test_uuid_unix_ms_round_trip (void)
{
  /* Clock readings outside the 48-bit field are clamped into it. */
  static const struct {
    gint64 clock_ms;
    gint64 uuid_ms;
  } cases[] = {
    { 0, 0 },
    { 1, 1 },
    { 999, 999 },
    { 1000, 1000 },
    { G_GINT64_CONSTANT (1700000000000), G_GINT64_CONSTANT (1700000000000) },
    { G_GINT64_CONSTANT (0x0123456789AB), G_GINT64_CONSTANT (0x0123456789AB) },
    { G_GINT64_CONSTANT (0xFFFFFFFFFFFF), G_GINT64_CONSTANT (0xFFFFFFFFFFFF) },
    { -5, 0 },
    { G_MININT64, 0 },
    { G_GINT64_CONSTANT (0x1000000000000), G_GINT64_CONSTANT (0xFFFFFFFFFFFF) },
    { G_MAXINT64, G_GINT64_CONSTANT (0xFFFFFFFFFFFF) },
  };
  FakeClock fake = { 0 };
  g_autofree char *text = NULL;
  gint64 before, after, ms;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fake_text = NULL;

      fake.now_ms = cases[i].clock_ms;
      /* Resets the last UUID too, so the times need not increase. */
      mkt_uuid_set_clock_for_testing (fake_clock_now, &fake);

      fake_text = mkt_uuid_new_v7 ();
      g_assert_cmpint (mkt_uuid_get_unix_ms (fake_text), ==, cases[i].uuid_ms);
    }

  mkt_uuid_set_clock_for_testing (NULL, NULL);

  before = g_get_real_time () / 1000;
  text = mkt_uuid_new_v7 ();
  after = g_get_real_time () / 1000;

  ms = mkt_uuid_get_unix_ms (text);
  g_assert_cmpint (ms, >=, before);
  g_assert_cmpint (ms, <=, after);
}

static void
test_uuid_unix_ms_table (void)
{
  static const struct {
    const char *text;
    gint64 ms;
  } cases[] = {
    { "01890a5d-ac96-774b-bcce-b302099a8057", G_GINT64_CONSTANT (0x01890a5dac96) },
    { "01890A5D-AC96-774B-BCCE-B302099A8057", G_GINT64_CONSTANT (0x01890a5dac96) },
    { "00000000-0000-7000-8000-000000000000", 0 },
    { "ffffffff-ffff-7fff-bfff-ffffffffffff", G_GINT64_CONSTANT (0xFFFFFFFFFFFF) },
    /* Other versions */
    { "f47ac10b-58cc-4372-a567-0e02b2c3d479", -1 },
    { "01890a5d-ac96-174b-bcce-b302099a8057", -1 },
    { "00000000-0000-0000-0000-000000000000", -1 },
    /* Version 7 but not the RFC 9562 variant */
    { "01890a5d-ac96-774b-0cce-b302099a8057", -1 },
    { "01890a5d-ac96-774b-ccce-b302099a8057", -1 },
    /* Not a UUID */
    { "", -1 },
    { "01890a5d-ac96-774b-bcce-b302099a805", -1 },
    { "not a uuid", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (mkt_uuid_get_unix_ms (cases[i].text), ==, cases[i].ms);

  g_assert_cmpint (mkt_uuid_get_unix_ms (NULL), ==, -1);
}

static void
test_uuid_parse (void)
{
  static const struct {
    const char *text;
    gboolean valid;
  } cases[] = {
    { "01890a5d-ac96-774b-bcce-b302099a8057", TRUE },
    { "01890A5D-AC96-774B-BCCE-B302099A8057", TRUE },
    { "01890a5d-AC96-774b-BCCE-b302099A8057", TRUE },
    { "00000000-0000-0000-0000-000000000000", TRUE },
    { "ffffffff-ffff-ffff-ffff-ffffffffffff", TRUE },
    { "f47ac10b-58cc-4372-a567-0e02b2c3d479", TRUE },
    { "6ba7b810-9dad-11d1-80b4-00c04fd430c8", TRUE },
    /* Empty and wrong length */
    { "", FALSE },
    { "-", FALSE },
    { "01890a5d-ac96-774b-bcce-b302099a805", FALSE },
    { "01890a5d-ac96-774b-bcce-b302099a80577", FALSE },
    { "01890a5d-ac96-774b-bcce-b302099a8057-", FALSE },
    { "01890a5dac96774bbcceb302099a8057", FALSE },
    { "01890a5d-ac96-774b-bcce", FALSE },
    /* Not hex */
    { "01890a5d-ac96-774b-bcce-b302099a805g", FALSE },
    { "g1890a5d-ac96-774b-bcce-b302099a8057", FALSE },
    { "01890a5d-ac96-774b-bcce-b302099a80 7", FALSE },
    { "0x890a5d-ac96-774b-bcce-b302099a8057", FALSE },
    { "+1890a5d-ac96-774b-bcce-b302099a8057", FALSE },
    { "01890a5d-ac96-774b-bcce-b302099a80\xc3\xa9", FALSE },
    /* Dashes misplaced or missing, right length */
    { "01890a5-dac96-774b-bcce-b302099a8057", FALSE },
    { "01890a5dac96-774b-bcce-b302099a8057-", FALSE },
    { "01890a5d-ac96-774bb-cce-b302099a8057", FALSE },
    { "01890a5d-ac96-774b-bcceb-302099a8057", FALSE },
    { "01890a5d-ac96-774b-bcce-b302-099a805", FALSE },
    { "01890a5d_ac96_774b_bcce_b302099a8057", FALSE },
    { "01890a5d0ac960774b0bcce0b302099a8057", FALSE },
    { "-01890a5dac96-774b-bcce-b302099a8057", FALSE },
    /* Decorated forms */
    { "{01890a5d-ac96-774b-bcce-b302099a8057}", FALSE },
    { "urn:uuid:01890a5d-ac96-774b-bcce-b302099a8057", FALSE },
    { " 01890a5d-ac96-774b-bcce-b302099a8057", FALSE },
    { "01890a5d-ac96-774b-bcce-b302099a8057 ", FALSE },
    { "01890a5d-ac96-774b-bcce-b302099a8057\n", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = g_strescape (cases[i].text, NULL);
      guint8 bytes[16];
      guint8 untouched[16];

      g_test_message ("case %u: \"%s\"", i, escaped);

      memset (bytes, 0xAA, sizeof bytes);
      memset (untouched, 0xAA, sizeof untouched);

      g_assert_cmpint (mkt_uuid_is_valid (cases[i].text), ==, cases[i].valid);
      g_assert_cmpint (mkt_uuid_parse (cases[i].text, bytes), ==, cases[i].valid);

      if (cases[i].valid)
        {
          g_autofree char *lower = g_ascii_strdown (cases[i].text, -1);
          char text[MKT_UUID_STRING_LENGTH + 1];

          mkt_uuid_to_string (bytes, text);
          g_assert_cmpstr (text, ==, lower);
        }
      else
        {
          g_assert_cmpmem (bytes, sizeof bytes, untouched, sizeof untouched);
        }
    }

  g_assert_false (mkt_uuid_is_valid (NULL));
}

static void
test_uuid_bytes_round_trip (void)
{
  for (guint i = 0; i < 100; i++)
    {
      char text[MKT_UUID_STRING_LENGTH + 1];
      guint8 bytes[16];
      guint8 parsed[16];

      mkt_uuid_generate_v7 (bytes);
      mkt_uuid_to_string (bytes, text);

      g_assert_cmpuint (strlen (text), ==, MKT_UUID_STRING_LENGTH);
      g_assert_true (mkt_uuid_parse (text, parsed));
      g_assert_cmpmem (bytes, 16, parsed, 16);
    }
}

static gpointer
generate_thread (gpointer data)
{
  guint8 (*out)[16] = data;

  for (guint i = 0; i < N_PER_THREAD; i++)
    mkt_uuid_generate_v7 (out[i]);

  return NULL;
}

static int
compare_uuid_bytes (gconstpointer a,
                    gconstpointer b)
{
  return memcmp (a, b, 16);
}

static void
test_uuid_threads (void)
{
  g_autofree guint8 (*all)[16] = g_malloc_n (N_THREADS * N_PER_THREAD, 16);
  GThread *threads[N_THREADS];

  for (guint t = 0; t < N_THREADS; t++)
    threads[t] = g_thread_new ("uuid", generate_thread, all + t * N_PER_THREAD);

  for (guint t = 0; t < N_THREADS; t++)
    g_thread_join (threads[t]);

  /* Each thread saw its own UUIDs increase... */
  for (guint t = 0; t < N_THREADS; t++)
    for (guint i = 1; i < N_PER_THREAD; i++)
      {
        guint n = t * N_PER_THREAD + i;

        g_assert_cmpint (memcmp (all[n - 1], all[n], 16), <, 0);
      }

  /* ...and no UUID was handed to two threads. */
  qsort (all, N_THREADS * N_PER_THREAD, 16, compare_uuid_bytes);
  for (guint n = 1; n < N_THREADS * N_PER_THREAD; n++)
    g_assert_cmpint (memcmp (all[n - 1], all[n], 16), !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/uuid/version-variant", test_uuid_version_variant);
  g_test_add_func ("/uuid/monotonic", test_uuid_monotonic);
  g_test_add_func ("/uuid/same-millisecond", test_uuid_same_millisecond);
  g_test_add_func ("/uuid/clock-backwards", test_uuid_clock_backwards);
  g_test_add_func ("/uuid/unix-ms/round-trip", test_uuid_unix_ms_round_trip);
  g_test_add_func ("/uuid/unix-ms/table", test_uuid_unix_ms_table);
  g_test_add_func ("/uuid/parse", test_uuid_parse);
  g_test_add_func ("/uuid/bytes-round-trip", test_uuid_bytes_round_trip);
  g_test_add_func ("/uuid/threads", test_uuid_threads);

  return g_test_run ();
}
