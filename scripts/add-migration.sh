#!/usr/bin/env bash
# Adds one EF Core migration, with the same name, for every database provider: the SQLite
# migrations live in src/FactCheck.Data.Sqlite, the PostgreSQL ones in src/FactCheck.Data.Postgres
# (EF Core's "multiple providers" pattern). Each project builds the model with its own
# design-time factory; no database is contacted.
#   scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh <MigrationName>}"

dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
    project="src/FactCheck.Data.$provider"
    echo "== $provider: $name"
    dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done
