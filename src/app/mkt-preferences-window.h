/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mkt-core.h"

G_BEGIN_DECLS

#define MKT_TYPE_PREFERENCES_WINDOW (mkt_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (MktPreferencesWindow, mkt_preferences_window, MKT, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow *mkt_preferences_window_new     (GtkWindow            *parent,
                                           MktSession           *session);
GtkWidget *mkt_preferences_window_get_row (MktPreferencesWindow *self,
                                           const char           *key);

G_END_DECLS
