#!/bin/sh
# deps.sh — install the build dependencies that pkg-config cannot find.
# Called by the Makefile before every build; costs one pkg-config call when
# everything is present.  apt-get as root, sudo otherwise, else a message.
set -u
PKG_CONFIG=${PKG_CONFIG:-pkg-config}

# pkg-config module -> Debian package
missing=""
need() {
	if ! command -v "$PKG_CONFIG" >/dev/null 2>&1 || ! "$PKG_CONFIG" --exists "$1" 2>/dev/null; then
		missing="$missing $2"
	fi
}
command -v "$PKG_CONFIG" >/dev/null 2>&1 || missing="$missing pkg-config"
need libcjson libcjson-dev
need readline libreadline-dev
need libsodium libsodium-dev
need_cmd() {
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}
need_cmd cc gcc
need_cmd make make
if [ "${1:-}" = "--tests" ]; then
	need cmocka libcmocka-dev
	need_cmd jq jq
	need_cmd xmllint libxml2-utils
	need_cmd tmux tmux
	need_cmd groff groff
fi
[ -n "$missing" ] || exit 0

echo "cry-guide: installing missing build dependencies:$missing" >&2
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "cry-guide: please install these packages and run make again:$missing" >&2
	exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "cry-guide: no apt-get here; please install the equivalents of:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y -q --no-install-recommends $missing; then
	$SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends $missing || {
		echo "cry-guide: could not install:$missing" >&2
		exit 1
	}
fi
