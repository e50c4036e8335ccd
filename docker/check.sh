#!/usr/bin/env bash
# Checks the Docker files without a Docker engine: the image's layered layout starts the jar the build
# makes and answers its health check, and the nginx configuration passes `nginx -t` (when nginx is
# installed). The compose file itself is checked by DockerFilesTest in the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/account-opening.jar
[ -f "$jar" ] || { echo "build the jar first: mvn -B package" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill "${app_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

# The same two steps as docker/Dockerfile: extract the layers, lay them over each other, start the launcher.
java -Djarmode=tools -jar "$jar" extract --layers --launcher --destination "$work/extracted" >/dev/null
mkdir "$work/app"
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
  cp -r "$work/extracted/$layer/." "$work/app/"
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')
(cd "$work/app" && exec java org.springframework.boot.loader.launch.JarLauncher --server.port="$port" >"$work/app.log" 2>&1) &
app_pid=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://localhost:$port/actuator/health" >/dev/null 2>&1; then
    echo "image layout: the launcher starts the application and its health check answers"
    break
  fi
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; echo "the application did not start" >&2; exit 1; }
  sleep 1
done
curl -fsS "http://localhost:$port/actuator/health" >/dev/null || { tail -50 "$work/app.log"; exit 1; }

if command -v nginx >/dev/null; then
  # The upstream names only resolve inside compose's network; the syntax check uses loopback instead.
  mkdir -p "$work/nginx/conf.d"
  sed 's/app[12]:8080/127.0.0.1:8080/' docker/nginx.conf > "$work/nginx/conf.d/default.conf"
  printf 'events {}\nhttp { include %s/nginx/conf.d/*.conf; }\npid %s/nginx.pid;\nerror_log stderr;\n' "$work" "$work" > "$work/nginx/nginx.conf"
  nginx -t -c "$work/nginx/nginx.conf" -p "$work/nginx"
else
  echo "nginx not installed: nginx -t skipped"
fi
