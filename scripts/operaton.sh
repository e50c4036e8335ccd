#!/usr/bin/env bash
# The application on Operaton, from the same sources: copies them to target/operaton, translates the
# copy with the OpenRewrite recipe in rewrite.yml (packages, BOM and starters, operaton.bpm.* properties,
# /operaton webapp paths), then runs a command in it.
#   scripts/operaton.sh                          translate, then mvn -B verify (the suite on Operaton)
#   scripts/operaton.sh mvn -B -Pbrowser verify  translate, then the browser tests on Operaton
#   scripts/operaton.sh bash docs/walkthrough.sh the README's walk-through against the Operaton jar
#   scripts/operaton.sh translate                only translate
# The copy is translated again whenever a source is newer than the last translation.
set -euo pipefail
cd "$(dirname "$0")/.."
copy=target/operaton
stamp=$copy/.translated

stale() {
  [ -f "$stamp" ] || return 0
  [ -n "$(find . -path ./target -prune -o -path ./node_modules -prune -o -path ./.git -prune -o -path ./.jqwik-database -prune \
           -o -type f -newer "$stamp" -print -quit)" ]
}

if stale; then
  echo "Translating the sources to Operaton in $copy"
  rm -rf "$copy"
  mkdir -p "$copy"
  tar --exclude=./target --exclude=./node_modules --exclude=./.git -cf - . | tar -xf - -C "$copy"
  # OpenRewrite leaves alone every file the enclosing Git repository ignores, and target/ is ignored:
  # as a repository of its own, the copy has its settings, scripts and Docker files translated too.
  git init -q "$copy"
  (cd "$copy" && mvn -B -q -Poperaton org.openrewrite.maven:rewrite-maven-plugin:runNoFork)
  # Nothing of Camunda may be left in the code or the build; the models keep their camunda: namespace.
  # Settings count too: a nested camunda: key left in a YAML file would start Operaton without them.
  left=$(grep -rlE 'org\.camunda\.bpm|camunda-bpm-spring-boot|camunda\.bpm\.' "$copy/src" "$copy/pom.xml";
         grep -rlE '^camunda:' --include='*.yaml' --include='*.yml' "$copy/src" "$copy/docker") || true
  if [ -n "$left" ]; then
    echo "Camunda left after the translation in:" >&2
    echo "$left" >&2
    exit 1
  fi
  touch "$stamp"
fi

[ "${1:-}" = translate ] && exit 0
[ $# -gt 0 ] || set -- mvn -B verify
cd "$copy"
exec "$@"
