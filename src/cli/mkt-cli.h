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
gboolean    mkt_cli_parse_options     (GOptionEntry  *entries,
                                       const char    *parameter,
                                       const char    *summary,
                                       int           *argc,
                                       char        ***argv);

/* mkt-cli-output.c */
void        mkt_cli_print_json        (JsonNode      *node);
void        mkt_cli_print_table       (GPtrArray     *header,
                                       GPtrArray     *rows);
void        mkt_cli_print_record      (MktCli        *cli,
                                       MktRecord     *record);
void        mkt_cli_print_inventory   (MktCli        *cli,
                                       GPtrArray     *materials,
                                       const char    *next_cursor,
                                       GError       **error);
char       *mkt_cli_format_timestamp  (gint64         usec);

/* The commands, one file per area. */
int         mkt_cli_material          (MktCli        *cli,
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
