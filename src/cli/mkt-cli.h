/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mkt-core.h"

G_BEGIN_DECLS

/* Exit statuses: 1 for input the data rules refused or an operation that
 * failed, 2 for a command line that does not parse. */
#define MKT_CLI_EXIT_FAILURE 1
#define MKT_CLI_EXIT_USAGE 2

typedef struct
{
  gboolean        json;
  char           *db_path;
  char           *business_name;
  char           *currency;
  MktSqliteStore *store;
  MktSession     *session;
} MktCli;

typedef int (*MktCliCommandFunc) (MktCli  *cli,
                                  int      argc,
                                  char   **argv);

typedef struct
{
  const char        *name;
  MktCliCommandFunc  func;
  const char        *summary;
} MktCliCommand;

gboolean    mkt_cli_open              (MktCli        *cli,
                                       GError       **error);
int         mkt_cli_fail              (MktCli        *cli,
                                       const GError  *error);
int         mkt_cli_usage             (const char    *format,
                                       ...) G_GNUC_PRINTF (1, 2);
int         mkt_cli_fail_with         (MktCli        *cli,
                                       const GError  *error,
                                       JsonObject    *extra);
gboolean    mkt_cli_parse_options     (GOptionEntry  *entries,
                                       const char    *parameter,
                                       const char    *summary,
                                       int           *argc,
                                       char        ***argv);
gboolean    mkt_cli_parse_arguments   (GOptionEntry  *entries,
                                       const char    *parameter,
                                       const char    *summary,
                                       int           *argc,
                                       char        ***argv);
int         mkt_cli_dispatch          (MktCli              *cli,
                                       const char          *group,
                                       const MktCliCommand *commands,
                                       guint                n_commands,
                                       const char          *notes,
                                       int                  argc,
                                       char               **argv);

/* mkt-cli-entity.c: add, list, show, update, delete and restore, the same
 * for every entity edited with FIELD=VALUE arguments. */
typedef struct _MktCliEntity MktCliEntity;

typedef void (*MktCliPrintListFunc) (MktCli      *cli,
                                     GPtrArray   *rows,
                                     const char  *next_cursor,
                                     GError     **error);
typedef void (*MktCliPrintOneFunc)  (MktCli      *cli,
                                     MktRecord   *record,
                                     GError     **error);

/**
 * MktCliEntity:
 * @spec: the entity
 * @command: (nullable): its command's name, when not the entity's ("event")
 * @add_summary: what `add --help` says, with an example
 * @add_needs: the fields add needs at least ("name, kind and unit")
 * @list_summary: what `list --help` says
 * @list_line: the list command's line in the group's help
 * @search_help: what --search matches
 * @print_list: prints a page of rows
 * @print_one: (nullable): prints one row (show, add, update); NULL for
 *   mkt_cli_print_record()
 */
struct _MktCliEntity
{
  const MktEntitySpec *spec;
  const char          *command;
  const char          *add_summary;
  const char          *add_needs;
  const char          *list_summary;
  const char          *list_line;
  const char          *search_help;
  MktCliPrintListFunc  print_list;
  MktCliPrintOneFunc   print_one;
};

int         mkt_cli_entity_run        (MktCli              *cli,
                                       const MktCliEntity  *entity,
                                       int                  argc,
                                       char               **argv);
MktRecord  *mkt_cli_find              (MktCli              *cli,
                                       const MktEntitySpec *spec,
                                       const char          *text,
                                       MktDeletedFilter     deleted,
                                       GError             **error);
MktRecord  *mkt_cli_find_one_of       (MktCli                     *cli,
                                       const MktEntitySpec * const *specs,
                                       const char                 *text,
                                       GError                    **error);
gboolean    mkt_cli_get_settings      (MktCli              *cli,
                                       MktSettings         *settings,
                                       GError             **error);

/* mkt-cli-event.c */
int         mkt_cli_event             (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_sell              (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_void              (MktCli        *cli,
                                       int            argc,
                                       char         **argv);

/* mkt-cli-print.c */
int         mkt_cli_sheet             (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_tags              (MktCli        *cli,
                                       int            argc,
                                       char         **argv);

/* mkt-cli-csv.c */
int         mkt_cli_import            (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_export            (MktCli        *cli,
                                       int            argc,
                                       char         **argv);

/* mkt-cli-output.c */
void        mkt_cli_print_json        (JsonNode      *node);
void        mkt_cli_print_json_object (JsonObject    *object);
void        mkt_cli_print_table       (GPtrArray     *header,
                                       GPtrArray     *rows);
void        mkt_cli_print_record      (MktCli        *cli,
                                       MktRecord     *record);
void        mkt_cli_print_inventory   (MktCli        *cli,
                                       GPtrArray     *materials,
                                       const char    *next_cursor,
                                       GError       **error);
char       *mkt_cli_format_timestamp  (gint64         usec);
gsize       mkt_cli_display_width     (const char    *text);
char       *mkt_cli_format_money      (MktCli        *cli,
                                       MktMoney       amount);
char       *mkt_cli_format_cost       (MktCli        *cli,
                                       MktCostValue   value);
char       *mkt_cli_format_unit_cost  (MktCli        *cli,
                                       MktCostValue   value);
void        mkt_cli_json_set_cost     (JsonObject    *object,
                                       const char    *member,
                                       MktCostValue   value);
JsonObject *mkt_cli_totals_to_json    (const MktCostTotals *totals);
JsonObject *mkt_cli_item_to_json      (MktRecord     *record);
char       *mkt_cli_describe          (MktRecord     *record);
void        mkt_cli_print_pairs       (GPtrArray     *pairs);

/* mkt-cli-cost.c */
void        mkt_cli_append_cost_pairs    (MktCli              *cli,
                                          GPtrArray           *pairs,
                                          const MktCostTotals *totals,
                                          const MktSettings   *settings);
void        mkt_cli_append_pricing_pairs (MktCli              *cli,
                                          GPtrArray           *pairs,
                                          const MktPricing    *pricing,
                                          const MktSettings   *settings);
JsonObject *mkt_cli_pricing_to_json      (const MktPricing    *pricing,
                                          const MktSettings   *settings);

/* The commands, one file per area. */
int         mkt_cli_material          (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_product           (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_component         (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_part              (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_cost              (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_price             (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_purchase          (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_adjust            (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_count             (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_stock             (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_make              (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_settings          (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_trash             (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_purge             (MktCli        *cli,
                                       int            argc,
                                       char         **argv);
int         mkt_cli_audit             (MktCli        *cli,
                                       int            argc,
                                       char         **argv);

G_END_DECLS
