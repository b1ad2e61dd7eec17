# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by build-aux/run and build-aux/test: installs the Debian packages
# the build and the tests need, and only when one is missing.

# Build: the toolchain, mkt-core's libraries, and the desktop app's GTK 4 and
# libadwaita (xmllint strips the UI files put in its resources).
MKT_BUILD_PACKAGES="gcc pkg-config meson ninja-build libglib2.0-dev libglib2.0-bin libsqlite3-dev libjson-glib-dev libsodium-dev libcairo2-dev libpango1.0-dev gettext libgtk-4-dev libadwaita-1-dev libxml2-utils"
# The server (-Dserver=true): libpq for PostgreSQL, libsoup 3 for HTTP.
MKT_BUILD_PACKAGES="$MKT_BUILD_PACKAGES libpq-dev libsoup-3.0-dev"
# Tests and benchmarks: the sqlite3 shell for baselines; pdftotext and
# pdfinfo to read printed PDFs back; Xvfb (and xauth, which xvfb-run needs)
# for the app's widget tests.
MKT_TEST_PACKAGES="sqlite3 poppler-utils desktop-file-utils appstream xvfb xauth"
# The server's tests: PostgreSQL (15 on Debian 12), run by build-aux/pg-cluster.
MKT_TEST_PACKAGES="$MKT_TEST_PACKAGES postgresql"
# The server's benchmark (benchmarks/bench-server.sh installs them itself;
# the tests do not need them): wrk loads the API, curl feeds it, PostgreSQL
# (pgbench) gives the baseline.
MKT_BENCH_PACKAGES="wrk curl postgresql"

mkt_missing_packages () {
  local missing="" pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $pkg"
    fi
  done
  echo "$missing"
}

mkt_install_packages () {
  local missing sudo=""
  missing=$(mkt_missing_packages "$@")
  [ -z "$missing" ] && return 0

  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo="sudo"
    else
      echo "build-aux: these packages are missing and I am not root:$missing" >&2
      echo "build-aux: install them with: apt-get install$missing" >&2
      return 1
    fi
  fi

  echo "build-aux: installing$missing" >&2
  $sudo apt-get update -q >&2 || return 1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing >&2
}

mkt_configure () {
  local builddir="$1"; shift
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" "$@" >&2
  fi
}
