# Sourced by docs/walkthrough.sh and docker/check.sh: the built jar, a scratch folder that goes away
# on exit with the application started in it, and start_app.
jar=target/account-opening.jar
[ -f "$jar" ] || { echo "build the jar first: mvn -B -DskipTests package" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill "${app_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

# start_app PORT COMMAND...: runs COMMAND in the background, its output in $work/app.log, until the
# health check on PORT answers while it still runs (so an answer from another program never counts);
# shows the log's end and exits if the application stops or never answers.
start_app() {
  local port=$1
  shift
  "$@" >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do
    curl -fsS "http://localhost:$port/actuator/health" >/dev/null 2>&1 && kill -0 "$app_pid" 2>/dev/null && return 0
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 1
  done
  tail -50 "$work/app.log"
  echo "the application did not start" >&2
  exit 1
}
