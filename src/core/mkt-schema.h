/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MktRecord MktRecord;
typedef struct _MktSession MktSession;

/**
 * MKT_SCHEMA_VERSION:
 *
 * The newest schema version this build knows. Every #MktFieldSpec and
 * #MktEntitySpec says in which version it appeared, and migrating from
 * version N to N + 1 creates the entities and adds the fields of N + 1.
 */
#define MKT_SCHEMA_VERSION 3

/**
 * MktFieldType:
 * @MKT_FIELD_TEXT: a single line of text
 * @MKT_FIELD_LONG_TEXT: free text, newlines allowed (notes)
 * @MKT_FIELD_INT: a whole number
 * @MKT_FIELD_BOOL: true or false
 * @MKT_FIELD_MONEY: integer minor units in the tenant's currency (#MktMoney)
 * @MKT_FIELD_QUANTITY: fixed-point millionths (#MktQuantity)
 * @MKT_FIELD_TIMESTAMP: microseconds since the Unix epoch, UTC
 * @MKT_FIELD_ENUM: one of the field's choices
 * @MKT_FIELD_JSON: a JSON object
 * @MKT_FIELD_REF: the id of a row of another entity of the same tenant
 * @MKT_FIELD_UUID: a UUID that is not a reference (a device id, say)
 * @MKT_FIELD_UNIT: the symbol of a known unit (see mkt_unit_lookup())
 * @MKT_FIELD_CURRENCY: an ISO 4217 currency code
 * @MKT_FIELD_EMAIL: an e-mail address
 */
typedef enum
{
  MKT_FIELD_TEXT,
  MKT_FIELD_LONG_TEXT,
  MKT_FIELD_INT,
  MKT_FIELD_BOOL,
  MKT_FIELD_MONEY,
  MKT_FIELD_QUANTITY,
  MKT_FIELD_TIMESTAMP,
  MKT_FIELD_ENUM,
  MKT_FIELD_JSON,
  MKT_FIELD_REF,
  MKT_FIELD_UUID,
  MKT_FIELD_UNIT,
  MKT_FIELD_CURRENCY,
  MKT_FIELD_EMAIL,
} MktFieldType;

/**
 * MktFieldFlags:
 * @MKT_FIELD_REQUIRED: must be present and not empty
 * @MKT_FIELD_SEARCHABLE: matched by a list's free-text search
 * @MKT_FIELD_INDEXED: lists may sort and filter by it cheaply (an index exists)
 * @MKT_FIELD_UNIQUE: no two active rows of a tenant share a non-empty value
 * @MKT_FIELD_IMMUTABLE: set when the row is created, never changed after
 * @MKT_FIELD_OWNER: a reference to the row that owns this one; purging the
 *   owner removes it too (a material's stock movements)
 * @MKT_FIELD_NON_NEGATIVE: a number that must not be below zero
 * @MKT_FIELD_POSITIVE: a number that must be above zero
 */
typedef enum
{
  MKT_FIELD_REQUIRED     = 1 << 0,
  MKT_FIELD_SEARCHABLE   = 1 << 1,
  MKT_FIELD_INDEXED      = 1 << 2,
  MKT_FIELD_UNIQUE       = 1 << 3,
  MKT_FIELD_IMMUTABLE    = 1 << 4,
  MKT_FIELD_OWNER        = 1 << 5,
  MKT_FIELD_NON_NEGATIVE = 1 << 6,
  MKT_FIELD_POSITIVE     = 1 << 7,
} MktFieldFlags;

/**
 * MktFieldSpec:
 * @name: column, JSON member and CSV header name
 * @type: the kind of value
 * @flags: rules beyond the type
 * @since: the schema version that added the field
 * @max_length: for text fields, the most characters allowed (0: no limit)
 * @choices: for %MKT_FIELD_ENUM, the %NULL-terminated allowed values
 * @ref: for %MKT_FIELD_REF, the name of the referenced entity
 *
 * One field of an entity. This description drives the table, JSON, parsing,
 * validation and audit diffs: adding a field is one line and a version bump.
 */
typedef struct
{
  const char          *name;
  MktFieldType         type;
  MktFieldFlags        flags;
  guint                since;
  guint                max_length;
  const char * const  *choices;
  const char          *ref;
} MktFieldSpec;

/**
 * MktEntityKind:
 * @MKT_ENTITY_MUTABLE: rows are edited, soft-deleted, restored and purged;
 *   they carry updated_at, deleted_at and hlc
 * @MKT_ENTITY_LEDGER: rows are only ever appended (stock movements); they
 *   carry hlc and sync, and leave only with their owner when it is purged
 * @MKT_ENTITY_LOG: the store's own append-only records (audit, outbox); no
 *   audit row or change is written for them
 * @MKT_ENTITY_CACHE: values derived from other rows (a product's cost),
 *   rewritten by the rules that own them; not audited, not synced, and an
 *   insert replaces the row of the same id
 */
typedef enum
{
  MKT_ENTITY_MUTABLE,
  MKT_ENTITY_LEDGER,
  MKT_ENTITY_LOG,
  MKT_ENTITY_CACHE,
} MktEntityKind;

typedef struct _MktEntitySpec MktEntitySpec;

/**
 * MktValidateFunc:
 * @record: a record whose single fields are already valid
 * @error: return location for a %MKT_VALIDATION_ERROR
 *
 * Checks the rules that involve several fields of one entity.
 */
typedef gboolean (*MktValidateFunc) (MktRecord  *record,
                                     GError    **error);

/**
 * MktCheckFunc:
 * @session: the session writing
 * @record: the row as it will be written, already valid on its own
 * @action: create, update or restore
 * @error: return location for a %MKT_VALIDATION_ERROR
 *
 * Checks the rules that need other rows (a recipe must not contain itself),
 * inside the mutation's transaction, before anything is written.
 */
typedef gboolean (*MktCheckFunc) (MktSession  *session,
                                  MktRecord   *record,
                                  const char  *action,
                                  GError     **error);

/**
 * MktAfterWriteFunc:
 * @session: the session writing
 * @record: the row as written
 * @action: create, update, delete or restore
 * @changed: the fields the mutation changed, bit i for field i
 * @error: return location for an error
 *
 * Brings derived data up to date (costs), inside the mutation's transaction:
 * a failure fails the mutation.
 */
typedef gboolean (*MktAfterWriteFunc) (MktSession  *session,
                                       MktRecord   *record,
                                       const char  *action,
                                       guint64      changed,
                                       GError     **error);

/**
 * MktEntitySpec:
 * @name: the entity's name in the API, audit and sync ("material")
 * @label: (nullable): what people call it in messages ("market event"),
 *   when that is not @name
 * @table: the table's name (differs where @name is an SQL keyword)
 * @kind: how its rows live
 * @since: the schema version that added the entity
 * @fields: its fields, in column order
 * @n_fields: the length of @fields
 * @title_field: the field that names a row for people ("name"), or %NULL
 * @detail_field: a field that tells rows of one name apart ("colour"), or
 *   %NULL
 * @validate: cross-field rules, or %NULL
 * @check: rules that need other rows, or %NULL
 * @after_write: keeps derived data up to date, or %NULL
 */
struct _MktEntitySpec
{
  const char          *name;
  const char          *label;
  const char          *table;
  MktEntityKind        kind;
  guint                since;
  const MktFieldSpec  *fields;
  guint                n_fields;
  const char          *title_field;
  const char          *detail_field;
  MktValidateFunc      validate;
  MktCheckFunc         check;
  MktAfterWriteFunc    after_write;
};

/* Common columns, in this order before the fields: tenant_id, id, created_at,
 * and for mutable entities updated_at, deleted_at, hlc; for ledgers hlc. */

const MktEntitySpec  *mkt_schema_lookup            (const char          *name);
const MktEntitySpec * const *mkt_schema_list       (guint               *n_entities);

int                   mkt_entity_spec_field_index  (const MktEntitySpec *spec,
                                                    const char          *field);
const MktFieldSpec   *mkt_entity_spec_field        (const MktEntitySpec *spec,
                                                    const char          *field);
gboolean              mkt_entity_spec_has_hlc      (const MktEntitySpec *spec);
const char           *mkt_entity_spec_get_label    (const MktEntitySpec *spec);

const char           *mkt_field_type_to_string     (MktFieldType         type);
gboolean              mkt_field_type_is_integer    (MktFieldType         type);

extern const MktEntitySpec mkt_tenant_spec;
extern const MktEntitySpec mkt_user_spec;
extern const MktEntitySpec mkt_category_spec;
extern const MktEntitySpec mkt_material_spec;
extern const MktEntitySpec mkt_stock_movement_spec;
extern const MktEntitySpec mkt_audit_spec;
extern const MktEntitySpec mkt_change_spec;
extern const MktEntitySpec mkt_component_spec;
extern const MktEntitySpec mkt_product_spec;
extern const MktEntitySpec mkt_part_spec;
extern const MktEntitySpec mkt_production_run_spec;
extern const MktEntitySpec mkt_product_movement_spec;
extern const MktEntitySpec mkt_cost_spec;
extern const MktEntitySpec mkt_market_event_spec;
extern const MktEntitySpec mkt_market_line_spec;
extern const MktEntitySpec mkt_sale_spec;

G_END_DECLS
