#!/usr/bin/env bash
# The software bill of materials the build wrote (target/account-opening.cdx.json, CycloneDX JSON)
# against what Maven resolves for the jar: every library Maven puts in the jar (compile and runtime
# scopes) is in the SBOM at the version Maven resolved, and the SBOM names nothing else; every jar in
# the built jar's BOOT-INF/lib is in the SBOM too. Then it names the engine (Camunda or Operaton),
# Spring Boot and Standard Webhooks as the SBOM lists them.
#   scripts/check-sbom.sh [SBOM [JAR]]   run where the build ran (the repository, or target/operaton)
# docker/check.sh runs it on the SBOM and the jar the image copies.
set -euo pipefail
sbom=$(realpath -m "${1:-$(dirname "$0")/../target/account-opening.cdx.json}")
jar=$(realpath -m "${2:-$(dirname "$sbom")/account-opening.jar}")
cd "$(dirname "$0")/.."
if [ ! -f "$sbom" ]; then
  echo "no SBOM at $sbom: build it with mvn -B -DskipTests package (online: the CycloneDX plugin skips itself under -o)" >&2
  exit 1
fi

resolved=$(mktemp)
log=$(mktemp)
trap 'rm -f "$resolved" "$log"' EXIT
mvn -B -q dependency:list -DincludeScope=runtime -DoutputFile="$resolved" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }

python3 - "$sbom" "$resolved" "$jar" <<'PY'
import json, os, re, sys, zipfile
from urllib.parse import parse_qs

sbom_path, resolved_path, jar_path = sys.argv[1], sys.argv[2], sys.argv[3]
bom = json.load(open(sbom_path))

def key(group, name, classifier):
    return f"{group}:{name}" + (f":{classifier}" if classifier else "")

# What Maven resolves: group:artifact:type[:classifier]:version:scope, one a line.
maven = {}
for line in open(resolved_path):
    parts = line.split(" -- ")[0].strip().split(":")
    if len(parts) not in (5, 6):
        continue
    group, name = parts[0], parts[1]
    classifier = parts[3] if len(parts) == 6 else ""
    maven[key(group, name, classifier)] = parts[-2]

# What the SBOM lists, by its package URLs, and the file name each has in a Spring Boot jar.
listed = {}
files = set()
for component in bom.get("components", []):
    purl = component.get("purl", "")
    match = re.match(r"pkg:maven/([^/]+)/([^@]+)@([^?]+)(?:\?(.*))?$", purl)
    if not match:
        sys.exit(f"{sbom_path}: a component without a Maven package URL: {component.get('name')}")
    classifier = parse_qs(match.group(4) or "").get("classifier", [""])[0]
    listed[key(match.group(1), match.group(2), classifier)] = match.group(3)
    files.add(f"{match.group(2)}-{match.group(3)}" + (f"-{classifier}" if classifier else "") + ".jar")

problems = []
main = bom.get("metadata", {}).get("component", {})
if main.get("name") != "account-opening":
    problems.append(f"the SBOM describes {main.get('name')!r}, not account-opening")
for name in sorted(maven.keys() - listed.keys()):
    problems.append(f"{name}:{maven[name]} is in the jar but not in the SBOM")
for name in sorted(listed.keys() - maven.keys()):
    problems.append(f"{name}:{listed[name]} is in the SBOM but not in the jar")
for name in sorted(maven.keys() & listed.keys()):
    if maven[name] != listed[name]:
        problems.append(f"{name}: Maven resolves {maven[name]}, the SBOM says {listed[name]}")

# The jar as built: Spring Boot leaves out the starters (empty jars) and adds its jar-mode tools, which
# the image's layer extraction runs; every other library in it must be listed.
if os.path.exists(jar_path):
    with zipfile.ZipFile(jar_path) as built:
        libs = {n[len("BOOT-INF/lib/"):] for n in built.namelist() if n.startswith("BOOT-INF/lib/") and n.endswith(".jar")}
    for lib in sorted(libs - files):
        if not lib.startswith("spring-boot-jarmode-tools-"):
            problems.append(f"{jar_path} carries {lib}, which the SBOM does not list")
else:
    problems.append(f"no jar at {jar_path} to compare the SBOM with")

def named(label, candidates):
    for candidate in candidates:
        if candidate in listed:
            return f"{label} {listed[candidate]}"
    problems.append(f"the SBOM lists no {label} ({' or '.join(candidates)})")
    return None

found = [named("Camunda", ["org.camunda.bpm:camunda-engine"]) if "org.camunda.bpm:camunda-engine" in listed
         else named("Operaton", ["org.operaton.bpm:operaton-engine"]),
         named("Spring Boot", ["org.springframework.boot:spring-boot"]),
         named("Standard Webhooks", ["com.standardwebhooks:standardwebhooks"])]

if problems:
    print(f"{sbom_path} does not match what Maven resolves:", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    sys.exit(1)
print(f"SBOM {sbom_path}: {main.get('name')} {main.get('version')}, {len(listed)} libraries, each at the version "
      f"Maven resolves, the jar's among them; {', '.join(found)}")
PY
