/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-local"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "mkt-error.h"
#include "mkt-local.h"
#include "mkt-money.h"
#include "mkt-uuid.h"

/**
 * mkt_local_default_path:
 *
 * Returns: (transfer full): where the desktop keeps its database:
 *   `$XDG_DATA_HOME/market-manager/market.db`
 */
char *
mkt_local_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "market-manager", "market.db", NULL);
}

/**
 * mkt_local_default_currency:
 *
 * Returns: (transfer full): the currency of the user's monetary locale, or
 *   EUR where the locale names none (the C locale)
 */
char *
mkt_local_default_currency (void)
{
  g_autofree char *code = NULL;
  const char *previous;
  g_autofree char *saved = NULL;

  previous = setlocale (LC_MONETARY, NULL);
  saved = g_strdup (previous);
  if (setlocale (LC_MONETARY, "") != NULL)
    {
      const struct lconv *conv = localeconv ();

      /* int_curr_symbol is "EUR " : the code and a separator. */
      if (conv->int_curr_symbol != NULL)
        code = g_strndup (conv->int_curr_symbol, 3);
    }
  if (saved != NULL)
    setlocale (LC_MONETARY, saved);

  if (code != NULL && mkt_currency_is_valid (code))
    return g_steal_pointer (&code);

  return g_strdup ("EUR");
}

static gboolean
create_profile (MktSqliteStore  *store,
                const char      *device_id,
                const char      *business_name,
                const char      *currency,
                GError         **error)
{
  g_autofree char *tenant_id = mkt_uuid_new_v7 ();
  g_autofree char *user_id = mkt_uuid_new_v7 ();
  g_autofree char *default_currency = NULL;
  g_autoptr(MktSession) session = NULL;
  g_autoptr(MktRecord) tenant = mkt_record_new (&mkt_tenant_spec);
  g_autoptr(MktRecord) user = mkt_record_new (&mkt_user_spec);
  const char *real_name = g_get_real_name ();

  if (currency == NULL)
    currency = default_currency = mkt_local_default_currency ();

  session = mkt_session_new (MKT_STORE (store), tenant_id, user_id, device_id);

  mkt_record_set_id (tenant, tenant_id);
  mkt_record_set_string (tenant, "name", business_name ? business_name : "My craft business");
  if (!mkt_record_set_from_text (tenant, "currency", currency, NULL, error))
    return FALSE;

  mkt_record_set_id (user, user_id);
  /* GLib says "Unknown" when the passwd entry has no name. */
  mkt_record_set_string (user, "name",
                         real_name && !g_str_equal (real_name, "Unknown") ? real_name : g_get_user_name ());
  mkt_record_set_string (user, "role", "admin");

  if (!mkt_session_begin (session, error))
    return FALSE;

  if (!mkt_session_create (session, tenant, error) ||
      !mkt_session_create (session, user, error) ||
      !mkt_sqlite_store_set_meta (store, "tenant_id", tenant_id, error) ||
      !mkt_sqlite_store_set_meta (store, "user_id", user_id, error))
    {
      mkt_session_rollback (session);
      return FALSE;
    }

  return mkt_session_commit (session, error);
}

/**
 * mkt_local_session_new:
 * @store: the desktop's store
 * @business_name: (nullable): the business's name, if one is made now
 * @currency: (nullable): its currency, if one is made now; %NULL for the
 *   locale's
 * @out_created: (out) (optional): whether the business was made now
 * @error: return location for an error
 *
 * A desktop file holds one business and its local user. The first call makes
 * them (and this device's id); later calls find them.
 *
 * Returns: (transfer full) (nullable): a session of the local user
 */
MktSession *
mkt_local_session_new (MktSqliteStore  *store,
                       const char      *business_name,
                       const char      *currency,
                       gboolean        *out_created,
                       GError         **error)
{
  g_autofree char *device_id = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *user_id = NULL;
  gboolean created = FALSE;

  g_return_val_if_fail (MKT_IS_SQLITE_STORE (store), NULL);

  device_id = mkt_sqlite_store_get_meta (store, "device_id");
  if (device_id == NULL)
    {
      device_id = mkt_uuid_new_v7 ();
      if (!mkt_sqlite_store_set_meta (store, "device_id", device_id, error))
        return NULL;
    }

  tenant_id = mkt_sqlite_store_get_meta (store, "tenant_id");
  if (tenant_id == NULL)
    {
      if (!create_profile (store, device_id, business_name, currency, error))
        return NULL;
      tenant_id = mkt_sqlite_store_get_meta (store, "tenant_id");
      created = TRUE;
    }
  user_id = mkt_sqlite_store_get_meta (store, "user_id");

  if (out_created != NULL)
    *out_created = created;

  return mkt_session_new (MKT_STORE (store), tenant_id, user_id, device_id);
}

static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

/**
 * mkt_local_start_empty:
 * @store: the desktop's store
 * @error: return location for an error
 *
 * Replaces the business in @store's file with a new, empty one: the choice
 * of someone who looked at the demo shop and wants to start on their own.
 * Everything goes, the outbox too, so nothing of the old business is ever
 * synced; the new one keeps the old one's name and currency. Sessions on
 * the file must be made anew (the business has a new id).
 *
 * Returns: %TRUE on success; on failure the file is unchanged
 */
gboolean
mkt_local_start_empty (MktSqliteStore  *store,
                       GError         **error)
{
  g_autoptr(MktSession) old_session = NULL;
  g_autoptr(MktRecord) tenant = NULL;
  g_autoptr(MktSqliteStore) fresh = NULL;
  g_autoptr(MktSession) fresh_session = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *currency = NULL;
  gboolean ok;

  g_return_val_if_fail (MKT_IS_SQLITE_STORE (store), FALSE);

  old_session = mkt_local_session_new (store, NULL, NULL, NULL, error);
  if (old_session == NULL)
    return FALSE;
  tenant = mkt_session_get (old_session, &mkt_tenant_spec, mkt_session_get_tenant_id (old_session), error);
  if (tenant == NULL)
    return FALSE;
  name = g_strdup (mkt_record_get_string (tenant, "name"));
  currency = g_strdup (mkt_record_get_string (tenant, "currency"));

  dir = g_dir_make_tmp ("market-manager-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "empty.db", NULL);

  fresh = mkt_sqlite_store_new (path, error);
  ok = fresh != NULL &&
       (fresh_session = mkt_local_session_new (fresh, name, currency, NULL, error)) != NULL &&
       mkt_sqlite_store_replace_with (store, fresh, error);

  g_clear_object (&fresh_session);
  g_clear_object (&fresh);
  remove_database (path);
  g_rmdir (dir);

  return ok;
}
