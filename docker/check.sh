#!/usr/bin/env bash
# Checks the Docker files without a Docker engine: the image's layered layout starts the jar the build
# makes and answers its health check, the image carries the build's SBOM and that SBOM lists what
# Maven resolves (scripts/check-sbom.sh), the nginx configuration passes `nginx -t` (when nginx is
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

# The SBOM as the image copies it: each engine's stage takes the one beside its jar, the image keeps it.
sbom_in_image=$(python3 - <<'PY'
import re, sys
dockerfile = open("docker/Dockerfile").read()
jars = re.findall(r"^COPY (\S+)/account-opening\.jar application\.jar$", dockerfile, re.M)
sboms = re.findall(r"^COPY (\S+)/account-opening\.cdx\.json application\.cdx\.json$", dockerfile, re.M)
if not jars or sorted(jars) != sorted(sboms):
    sys.exit(f"docker/Dockerfile: each engine's stage must copy the SBOM beside its jar (jars from {jars}, SBOMs from {sboms})")
image = re.findall(r"^COPY --from=layers /build/application\.cdx\.json (\S+)$", dockerfile, re.M)
if len(image) != 1:
    sys.exit("docker/Dockerfile: the image must copy the SBOM (COPY --from=layers /build/application.cdx.json ...)")
print(image[0])
PY
)
sbom="$(dirname "$jar")/account-opening.cdx.json"
[ -f "$sbom" ] || { echo "no SBOM beside $jar: the build writes it at package (mvn -B -DskipTests package, online)" >&2; exit 1; }
mkdir -p "$(dirname "$work/app/$sbom_in_image")"
cp "$sbom" "$work/app/$sbom_in_image"
bash scripts/check-sbom.sh "$work/app/$sbom_in_image" "$jar"
echo "image SBOM: /app/$sbom_in_image"

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
