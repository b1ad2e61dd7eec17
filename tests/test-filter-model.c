/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-filter-model"

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "mkt-filter-model.h"

/*
 * MktFilterModel must show exactly what GtkFilterListModel shows for the
 * same source and filter, through any mix of source changes and searches
 * that narrow, widen or change, and its items-changed signals must describe
 * each step: a copy kept only from the signals equals the model.
 */

typedef struct
{
  char *needle;
} Search;

static gboolean
match_cb (gpointer item,
          gpointer user_data)
{
  Search *search = user_data;

  return search->needle == NULL ||
         strstr (gtk_string_object_get_string (item), search->needle) != NULL;
}

static void
mirror_cb (GListModel *model,
           guint       position,
           guint       removed,
           guint       added,
           GPtrArray  *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->len);
  g_ptr_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror, position + i, g_list_model_get_item (model, position + i));
}

static void
assert_same (GListModel *expected,
             GListModel *model,
             GPtrArray  *mirror)
{
  guint n = g_list_model_get_n_items (expected);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpuint (mirror->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (expected, i);
      g_autoptr(GObject) b = g_list_model_get_item (model, i);

      g_assert_true (a == b);
      g_assert_true (g_ptr_array_index (mirror, i) == b);
    }
  g_assert_null (g_list_model_get_item (model, n));
}

static char *
random_word (GRand *rand)
{
  static const char * const words[] = { "merino", "alpaca", "silk", "linen", "rust", "dk", "aran" };

  return g_strdup_printf ("%s %s %u", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                          words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))], g_rand_int_range (rand, 0, 50));
}

static void
test_matches_gtk (void)
{
  static const char * const typed[] = {
    NULL, "m", "me", "mer", "merino", "merino d", "merino", "r", "ru", "rust", "silk", "zzz", "1", NULL,
  };
  g_autoptr(GListStore) store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  g_autoptr(GPtrArray) mirror = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkFilterListModel) expected = NULL;
  g_autoptr(MktFilterModel) model = NULL;
  Search search = { NULL };
  GtkCustomFilter *filter;
  guint step = 0;

  filter = gtk_custom_filter_new (match_cb, &search, NULL);
  expected = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)), g_object_ref (GTK_FILTER (filter)));
  model = mkt_filter_model_new (G_LIST_MODEL (store), GTK_FILTER (filter));
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_cb), mirror);

  for (guint round = 0; round < 400; round++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

      if (round % 3 == 0)
        {
          const char *text = typed[step++ % G_N_ELEMENTS (typed)];
          GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

          /* The hint the app's filter gives: narrower or wider text. */
          if (search.needle == NULL && text != NULL)
            change = GTK_FILTER_CHANGE_MORE_STRICT;
          else if (text == NULL && search.needle != NULL)
            change = GTK_FILTER_CHANGE_LESS_STRICT;
          else if (text != NULL && search.needle != NULL && strstr (text, search.needle) != NULL)
            change = GTK_FILTER_CHANGE_MORE_STRICT;
          else if (text != NULL && search.needle != NULL && strstr (search.needle, text) != NULL)
            change = GTK_FILTER_CHANGE_LESS_STRICT;

          g_free (search.needle);
          search.needle = g_strdup (text);
          gtk_filter_changed (GTK_FILTER (filter), change);
        }
      else
        {
          guint position = g_rand_int_range (rand, 0, n + 1);
          guint removed = g_rand_int_range (rand, 0, MIN (n - position, 20) + 1);
          guint added = g_rand_int_range (rand, 0, round < 100 ? 60 : 20);
          g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; i < added; i++)
            {
              g_autofree char *word = random_word (rand);

              g_ptr_array_add (items, gtk_string_object_new (word));
            }
          g_list_store_splice (store, position, removed, items->pdata, items->len);
        }

      assert_same (G_LIST_MODEL (expected), G_LIST_MODEL (model), mirror);
    }

  /* A new source and no source at all. */
  g_list_store_remove_all (store);
  assert_same (G_LIST_MODEL (expected), G_LIST_MODEL (model), mirror);
  mkt_filter_model_set_model (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (mirror->len, ==, 0);

  g_free (search.needle);
  g_object_unref (filter);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/filter-model/matches-gtk", test_matches_gtk);

  return g_test_run ();
}
