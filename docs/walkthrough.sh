#!/usr/bin/env bash
# Runs the README's "Try it" walk-through, as written, against the built jar with profile demo (the
# one-minute escalation) on port $PORT (default 8080, the README's), and checks that every opening it
# starts ends as the README says. PORT=18080 bash docs/walkthrough.sh runs it beside an application on 8080.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-8080}
# Another program on the port would answer the health check in our jar's place: refuse before starting.
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "port $port is already taken by another program: stop it, or choose a free port with PORT=..." >&2
  exit 1
fi
source scripts/jar-app.sh
start_app "$port" java -jar "$jar" --spring.profiles.active=demo --server.port="$port"

# Every ```bash block between "## Try it" and the next section, in order, on our port.
awk '/^## Try it/{on=1; next} /^## /{on=0} on && /^```bash/{inside=1; next} on && /^```/{inside=0; print "echo"; next} inside' README.md \
  | sed "s/localhost:8080/localhost:$port/g" > "$work/walkthrough.sh"
timeout 600 bash -euo pipefail "$work/walkthrough.sh" | tee "$work/output.txt"

grep -q '"outcome":"SHIELDED"' "$work/output.txt" || { echo "the repeated webhook was not absorbed" >&2; exit 1; }
for request in req-42 req-43 req-44 req-45; do
  for _ in $(seq 1 30); do
    status=$(curl -s -u demo:demo "http://localhost:$port/api/account-openings/$request" | sed -n 's/.*"status":"\([A-Z_]*\)".*/\1/p')
    card=$(curl -s -u demo:demo "http://localhost:$port/api/account-openings/$request" | sed -n 's/.*"cardId":"\([^"]*\)".*/\1/p')
    [ "$status" = COMPLETED ] && [ -n "$card" ] && break
    sleep 1
  done
  [ "$status" = COMPLETED ] && [ -n "$card" ] || { echo "$request is $status without a card" >&2; exit 1; }
  echo "walk-through: $request COMPLETED with card $card"
done
curl -s -u demo:demo http://localhost:$port/api/account-openings/req-45/events | grep -q '"source":"OPS","webhookId":null,"status":"COMPLETED","outcome":"APPLIED"' \
  || { echo "req-45 was not resolved by ops" >&2; exit 1; }
echo "walk-through: req-45 escalated within a minute and resolved by ops"
