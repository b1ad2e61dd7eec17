/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * MktPageFunc:
 * @source_object: the task's source object
 * @items: the next page of rows
 *
 * Receives one page of rows on the thread that started the task.
 */
typedef void (*MktPageFunc) (gpointer   source_object,
                             GPtrArray *items);

void     mkt_task_post_page (GTask       *task,
                             MktPageFunc  page_func,
                             GPtrArray   *items,
                             const char  *name);

G_END_DECLS
