#!/usr/bin/env bash
# Runs every test. Installs what the tests need when it is missing (Debian packages:
# chromium for the browser tests, redis-server, postgresql and nginx for the scale-out and provider tests), then dotnet test.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# PostgreSQL: the tests start throwaway servers from its binaries (/usr/lib/postgresql/*/bin).
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
# The load balancer recipe's test runs Debian's nginx in front of two app instances.
[ -x /usr/sbin/nginx ] || missing+=(nginx)
# Chromium renders text with these; a bare machine may have no fonts at all.
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
# The mail tests run a real local SMTP server.
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing ${missing[*]} ..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

exec dotnet test FactCheck.sln "$@"
