/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MktValidationError:
 * @MKT_VALIDATION_ERROR_REQUIRED: a required field is missing or empty
 * @MKT_VALIDATION_ERROR_INVALID: the value is of the wrong form
 * @MKT_VALIDATION_ERROR_TOO_LONG: a text is longer than the field allows
 * @MKT_VALIDATION_ERROR_OUT_OF_RANGE: a number is below or above its limits
 * @MKT_VALIDATION_ERROR_UNKNOWN_FIELD: the input names a field the entity lacks
 * @MKT_VALIDATION_ERROR_READ_ONLY: the field cannot be changed this way
 * @MKT_VALIDATION_ERROR_REFERENCE: a referenced row does not exist or is deleted
 *
 * Errors from checking a record against its entity's rules. Every error of
 * this domain names the offending field: see mkt_validation_error_get_field().
 */
typedef enum
{
  MKT_VALIDATION_ERROR_REQUIRED,
  MKT_VALIDATION_ERROR_INVALID,
  MKT_VALIDATION_ERROR_TOO_LONG,
  MKT_VALIDATION_ERROR_OUT_OF_RANGE,
  MKT_VALIDATION_ERROR_UNKNOWN_FIELD,
  MKT_VALIDATION_ERROR_READ_ONLY,
  MKT_VALIDATION_ERROR_REFERENCE,
} MktValidationError;

/**
 * MktValueError:
 * @MKT_VALUE_ERROR_INVALID: the text is not a number of the expected form
 * @MKT_VALUE_ERROR_OVERFLOW: the result does not fit
 * @MKT_VALUE_ERROR_PRECISION: the text has more decimals than can be kept exactly
 * @MKT_VALUE_ERROR_OUT_OF_RANGE: the value is outside what is accepted (a clock
 *   reading too far in the future, say)
 *
 * Errors from parsing and computing money and quantities.
 */
typedef enum
{
  MKT_VALUE_ERROR_INVALID,
  MKT_VALUE_ERROR_OVERFLOW,
  MKT_VALUE_ERROR_PRECISION,
  MKT_VALUE_ERROR_OUT_OF_RANGE,
} MktValueError;

/**
 * MktUnitError:
 * @MKT_UNIT_ERROR_UNKNOWN: the unit name is not known
 * @MKT_UNIT_ERROR_INCOMPATIBLE: the units measure different things (length and mass, say)
 * @MKT_UNIT_ERROR_NO_PACK: a pack unit (skein, ball...) was used without a pack size
 */
typedef enum
{
  MKT_UNIT_ERROR_UNKNOWN,
  MKT_UNIT_ERROR_INCOMPATIBLE,
  MKT_UNIT_ERROR_NO_PACK,
} MktUnitError;

/**
 * MktStoreError:
 * @MKT_STORE_ERROR_FAILED: the database reported an error
 * @MKT_STORE_ERROR_NOT_FOUND: no such row (or it belongs to another tenant)
 * @MKT_STORE_ERROR_CONFLICT: a uniqueness or reference constraint refused the change
 * @MKT_STORE_ERROR_BUSY: the database stayed locked past the busy timeout
 * @MKT_STORE_ERROR_SCHEMA_TOO_NEW: the file was written by a newer version
 * @MKT_STORE_ERROR_READ_ONLY: the row cannot be changed (a ledger or audit row)
 * @MKT_STORE_ERROR_IN_USE: the row is still referenced and cannot be purged
 */
typedef enum
{
  MKT_STORE_ERROR_FAILED,
  MKT_STORE_ERROR_NOT_FOUND,
  MKT_STORE_ERROR_CONFLICT,
  MKT_STORE_ERROR_BUSY,
  MKT_STORE_ERROR_SCHEMA_TOO_NEW,
  MKT_STORE_ERROR_READ_ONLY,
  MKT_STORE_ERROR_IN_USE,
} MktStoreError;

/**
 * MktStockError:
 * @MKT_STOCK_ERROR_SHORTAGE: a production run needs more material than is on
 *   hand (the run can be forced)
 */
typedef enum
{
  MKT_STOCK_ERROR_SHORTAGE,
} MktStockError;

#define MKT_VALIDATION_ERROR (mkt_validation_error_quark ())
#define MKT_STOCK_ERROR (mkt_stock_error_quark ())
#define MKT_VALUE_ERROR (mkt_value_error_quark ())
#define MKT_UNIT_ERROR (mkt_unit_error_quark ())
#define MKT_STORE_ERROR (mkt_store_error_quark ())

GQuark       mkt_validation_error_quark     (void);
GQuark       mkt_value_error_quark          (void);
GQuark       mkt_unit_error_quark           (void);
GQuark       mkt_store_error_quark          (void);
GQuark       mkt_stock_error_quark          (void);

void         mkt_set_validation_error       (GError            **error,
                                             const char         *field,
                                             MktValidationError  code,
                                             const char         *format,
                                             ...) G_GNUC_PRINTF (4, 5);
const char  *mkt_validation_error_get_field (const GError       *error);

G_END_DECLS
