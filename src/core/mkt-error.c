/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mkt-error"

#include "config.h"

#include "mkt-error.h"

typedef struct
{
  char *field;
} MktValidationErrorPrivate;

static void
mkt_validation_error_private_init (MktValidationErrorPrivate *priv)
{
  priv->field = NULL;
}

static void
mkt_validation_error_private_copy (const MktValidationErrorPrivate *src,
                                   MktValidationErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
}

static void
mkt_validation_error_private_clear (MktValidationErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (MktValidationError, mkt_validation_error)
G_DEFINE_QUARK (mkt-value-error-quark, mkt_value_error)
G_DEFINE_QUARK (mkt-unit-error-quark, mkt_unit_error)
G_DEFINE_QUARK (mkt-store-error-quark, mkt_store_error)
G_DEFINE_QUARK (mkt-stock-error-quark, mkt_stock_error)

/**
 * mkt_set_validation_error:
 * @error: (nullable): return location for the error
 * @field: the name of the offending field
 * @code: what is wrong
 * @format: printf-style message, said of the field ("must not be negative")
 *
 * Sets a validation error whose message reads "field: message" and that
 * remembers @field for mkt_validation_error_get_field().
 */
void
mkt_set_validation_error (GError             **error,
                          const char          *field,
                          MktValidationError   code,
                          const char          *format,
                          ...)
{
  g_autofree char *message = NULL;
  MktValidationErrorPrivate *priv;
  va_list args;
  GError *e;

  g_return_if_fail (field != NULL);
  g_return_if_fail (format != NULL);

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  e = g_error_new (MKT_VALIDATION_ERROR, code, "%s: %s", field, message);
  priv = mkt_validation_error_get_private (e);
  priv->field = g_strdup (field);
  g_propagate_error (error, e);
}

/**
 * mkt_validation_error_get_field:
 * @error: an error
 *
 * Returns: (nullable): the field a %MKT_VALIDATION_ERROR names, or %NULL for
 *   errors of other domains
 */
const char *
mkt_validation_error_get_field (const GError *error)
{
  MktValidationErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != MKT_VALIDATION_ERROR)
    return NULL;

  priv = mkt_validation_error_get_private (error);
  return priv != NULL ? priv->field : NULL;
}
