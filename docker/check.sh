#!/usr/bin/env bash
# Checks the Docker files without a Docker engine: the image's layered layout starts the jar the build
# makes and answers its health check, the nginx configuration passes `nginx -t` (when nginx is
# installed), Prometheus' configuration and its alert rules pass `promtool check config` (when Debian's
# prometheus is installed), and the Grafana dashboards parse. The compose
# file itself is checked by DockerFilesTest in the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jar-app.sh

# The same two steps as docker/Dockerfile: extract the layers, lay them over each other, start the launcher.
java -Djarmode=tools -jar "$jar" extract --layers --launcher --destination "$work/extracted" >/dev/null
mkdir "$work/app"
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
  cp -r "$work/extracted/$layer/." "$work/app/"
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')
# as in the image: the launcher started in the folder the layers were laid in
start_app "$port" sh -c 'cd "$1" && shift && exec "$@"' _ "$work/app" \
  java org.springframework.boot.loader.launch.JarLauncher --server.port="$port"
echo "image layout: the launcher starts the application and its health check answers"

if command -v nginx >/dev/null; then
  # The upstream names only resolve inside compose's network; the syntax check uses loopback instead.
  mkdir -p "$work/nginx/conf.d"
  sed 's/app[12]:8080/127.0.0.1:8080/' docker/nginx.conf > "$work/nginx/conf.d/default.conf"
  printf 'events {}\nhttp { include %s/nginx/conf.d/*.conf; }\npid %s/nginx.pid;\nerror_log stderr;\n' "$work" "$work" > "$work/nginx/nginx.conf"
  nginx -t -c "$work/nginx/nginx.conf" -p "$work/nginx"
else
  echo "nginx not installed: nginx -t skipped"
fi

if command -v promtool >/dev/null; then
  # also checks the rule files it names; .ci/run unit-tests the alerts
  promtool check config docker/prometheus/prometheus.yml
else
  echo "promtool not installed: promtool check config skipped"
fi

python3 - <<'PY'
import json, pathlib
for path in pathlib.Path("docker/grafana/dashboards").glob("*.json"):
    dashboard = json.loads(path.read_text())
    assert dashboard["panels"], path
    print(f"{path}: {len(dashboard['panels'])} panels")
PY
