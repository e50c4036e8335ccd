#!/usr/bin/env bash
# The build's gates, shown failing. For each of three planted faults it copies the sources to a scratch
# folder, plants the fault, runs the build as CI does but without the tests (mvn -B -DskipTests verify)
# and checks that the build fails with the tool's own message:
#   null       a dereference of a @Nullable parameter        NullAway (Error Prone)
#   format     a method indented by hand                     Spotless (palantir-java-format)
#   sql        an SQL query built by string concatenation    SpotBugs with find-sec-bugs (SQL_INJECTION_*)
# The unplanted copy is built first and must pass, so each failure is the plant's.
#   scripts/check-gates.sh              all of them, about 10 minutes on a 2-core machine
#   scripts/check-gates.sh sql null     some of them (the unplanted build always runs)
# Not part of CI: it shows that the gates CI relies on close; docs/contributing.md, section Gates.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
[ $# -gt 0 ] || set -- null format sql

java_dir=src/main/java/io/github/accountopening
failures=0

# copy NAME: a fresh copy of the sources in $scratch/NAME, as scripts/operaton.sh copies them
copy() {
  rm -rf "${scratch:?}"/*
  mkdir -p "$scratch/$1"
  tar --exclude=./target --exclude=./node_modules --exclude=./.git --exclude=./.jqwik-database -cf - . \
    | tar -xf - -C "$scratch/$1"
  echo "$scratch/$1"
}

# build DIR: mvn -B -DskipTests verify in DIR, its output in DIR/build.log; the exit code of Maven
build() {
  (cd "$1" && mvn -B -DskipTests verify >build.log 2>&1)
}

# expect_failure NAME DIR PATTERN: the build in DIR fails, and its output holds PATTERN (a grep -E pattern)
expect_failure() {
  local name=$1 dir=$2 pattern=$3
  if build "$dir"; then
    echo "FAILED  $name: the build passed with the fault planted" >&2
    failures=$((failures + 1))
  elif grep -Eq "$pattern" "$dir/build.log"; then
    echo "ok      $name: the build fails with"
    grep -E "$pattern" "$dir/build.log" | awk '!seen[$0]++' | head -3 | sed 's/^/          /'
  else
    echo "FAILED  $name: the build failed, but without /$pattern/; its end:" >&2
    tail -30 "$dir/build.log" >&2
    failures=$((failures + 1))
  fi
}

# format_plant DIR: lays a planted Java file out as Spotless would, so only the planted fault remains
format_plant() {
  (cd "$1" && mvn -B -q spotless:apply >/dev/null 2>&1)
}

echo "Building the copy without a plant first"
dir=$(copy clean)
if ! build "$dir"; then
  echo "FAILED  the unplanted copy does not build; its end:" >&2
  tail -30 "$dir/build.log" >&2
  exit 1
fi
echo "ok      unplanted: the build passes"

for gate in "$@"; do
  case $gate in
    null)
      dir=$(copy null)
      cat >"$dir/$java_dir/config/PlantedNullDereference.java" <<'JAVA'
package io.github.accountopening.config;

import org.jspecify.annotations.Nullable;

final class PlantedNullDereference {
    static int length(@Nullable String value) {
        return value.length();
    }
}
JAVA
      format_plant "$dir"
      expect_failure null "$dir" "\[NullAway\] dereferenced expression 'value' is @Nullable"
      ;;
    format)
      dir=$(copy format)
      # the application's main method, one level of indentation too far
      sed -i 's/^    public static void main(/        public static void main(/' "$dir/$java_dir/AccountOpeningApplication.java"
      grep -q '^        public static void main(' "$dir/$java_dir/AccountOpeningApplication.java"
      expect_failure format "$dir" "The following files had format violations"
      ;;
    sql)
      dir=$(copy sql)
      cat >"$dir/$java_dir/account/PlantedSqlConcatenation.java" <<'JAVA'
package io.github.accountopening.account;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

final class PlantedSqlConcatenation {
    private final JdbcTemplate jdbc;

    PlantedSqlConcatenation(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Map<String, Object>> byMarket(String market) {
        return jdbc.queryForList("select * from account_opening where market = '" + market + "'");
    }
}
JAVA
      format_plant "$dir"
      expect_failure sql "$dir" "SQL_INJECTION_[A-Z_]+"
      ;;
    *)
      echo "unknown gate '$gate': null, format or sql" >&2
      exit 2
      ;;
  esac
done

cd "$root"
if [ "$failures" -gt 0 ]; then
  echo "$failures gate(s) did not close" >&2
  exit 1
fi
echo "every planted fault failed the build with its tool's message"
