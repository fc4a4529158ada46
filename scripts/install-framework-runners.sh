#!/usr/bin/env bash
# Installs the real migration runners the conformance suite (npm run test:frameworks) drives, from Debian's
# packages: Alembic and Django (Python), ActiveRecord (Ruby), Laravel and Doctrine DBAL (PHP), with their
# PostgreSQL, SQLite and MySQL/MariaDB drivers (python3 has sqlite3 built in). golang-migrate, goose and Doctrine Migrations are not packaged; the suite checks
# their files against each tool's rules instead. Safe to run again.
set -euo pipefail

PACKAGES=(
  python3-alembic python3-psycopg2 python3-django python3-pymysql
  ruby-activerecord ruby-pg ruby-sqlite3 ruby-mysql2
  php-cli php-laravel-framework php-doctrine-dbal php-pgsql php-sqlite3 php-mysql
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "framework runners: all installed"
  exit 0
fi
echo "framework runners: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
