#!/usr/bin/env bash
# Reproduces the Dockerfile's stages in a temporary folder, without a Docker engine (none in CI):
#   build  copy the context (minus .dockerignore), `npm ci`, `npm run build --if-present`, `npm run ingest`
#   deps   `npm ci --omit=dev` from package.json + package-lock.json + .npmrc alone
#   run    only what the run stage COPYs (production node_modules, src, examples/docusaurus, dist,
#          the prebuilt data/), started with the Dockerfile's own CMD and env, as uid 1000 when root
# then checks the Dockerfile's own HEALTHCHECK command, /health, that the prebuilt index was
# served without re-ingesting, and one streamed answer. Cleans up whatever happens.
# Not reproduced: the base image itself (its Node, npm and OS libraries), Docker layer semantics
# and the HF proxy in front of the container.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
WORK=$(mktemp -d "${TMPDIR:-/tmp}/container-smoke.XXXXXX")
SERVER_PID=""
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
step() { printf '\n== container-smoke: %s\n' "$*"; }
fail() { printf 'container-smoke FAILED: %s\n' "$*" >&2; [[ -f $WORK/server.log ]] && tail -n 40 "$WORK/server.log" >&2; exit 1; }

# JSON-array instructions of the run stage (exec form), read from the Dockerfile itself.
dockerfile_json() { # $1 = instruction (CMD or HEALTHCHECK); prints the array's elements, one per line
  node -e '
    const text = require("fs").readFileSync(process.argv[1], "utf8").replace(/\\\n/g, " ");
    const line = text.split("\n").filter((l) => l.startsWith(process.argv[2] + " ")).pop();
    const json = line.slice(line.indexOf("["));
    for (const part of JSON.parse(json)) console.log(part);' "$REPO/Dockerfile" "$1"
}

step "build stage: context copy, npm ci, build, ingest"
mkdir -p "$WORK/build"
tar --exclude-from="$REPO/.dockerignore" -cf - . | tar -xf - -C "$WORK/build"
(
  cd "$WORK/build"
  npm ci --no-fund --no-audit --loglevel=error
  export DATA_DIR=$WORK/build/data DOCS_DIR=$WORK/build/examples/docusaurus/docs SITE_URL=""
  mkdir -p dist
  npm run build --if-present
  npm run ingest
)
[[ -f $WORK/build/data/index.sqlite ]] || fail "the build stage produced no data/index.sqlite"
# The image's Node is 24; here it is the one the lock pins (the system node may be older).
NODE24=$(cd "$WORK/build" && node_modules/.bin/node -p process.execPath)

step "deps stage: npm ci --omit=dev"
mkdir -p "$WORK/deps"
cp package.json package-lock.json .npmrc "$WORK/deps/"
(cd "$WORK/deps" && npm ci --omit=dev --no-fund --no-audit --loglevel=error)
if [[ -e $WORK/deps/node_modules/typescript || -e $WORK/deps/node_modules/@biomejs ]]; then
  fail "development dependencies leaked into the production install"
fi

step "run stage: only what the image carries"
APP=$WORK/home/node/app
mkdir -p "$APP/examples"
cp package.json package-lock.json "$APP/"
cp -r "$WORK/deps/node_modules" "$APP/node_modules"
cp -r src "$APP/src"
cp -r examples/docusaurus "$APP/examples/docusaurus"
cp -r "$WORK/build/dist" "$APP/dist"
cp -r "$WORK/build/data" "$APP/data"
PORT=$("$NODE24" -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
RUN_ENV=(NODE_ENV=production HOME="$WORK/home/node" PORT="$PORT" HOST=127.0.0.1
  DATA_DIR="$APP/data" DOCS_DIR="$APP/examples/docusaurus/docs" PATH="$(dirname "$NODE24"):/usr/bin:/bin")
mapfile -t CMD < <(dockerfile_json CMD)
[[ ${CMD[0]} == node ]] || fail "unexpected CMD ${CMD[*]}"
AS_USER=()
if [[ $(id -u) == 0 ]]; then
  chmod 755 "$WORK" "$WORK/home" "$WORK/home/node"
  chown -R 1000:1000 "$WORK/home/node"
  chmod -R a+rX "$WORK/build/node_modules/node" "$WORK/build/node_modules/node-linux-"* 2>/dev/null || true
  AS_USER=(setpriv --reuid=1000 --regid=1000 --clear-groups)
  echo "running as uid 1000"
else
  echo "not root: running as $(id -un) (uid $(id -u))"
fi
(cd "$APP" && exec "${AS_USER[@]}" env -i "${RUN_ENV[@]}" "$NODE24" "${CMD[@]:1}") >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

step "HEALTHCHECK and /health"
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do
  curl -fsS "$BASE/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited during start-up"
  sleep 0.5
done
mapfile -t CHECK < <(dockerfile_json HEALTHCHECK)
(cd "$APP" && env -i "${RUN_ENV[@]}" "$NODE24" "${CHECK[@]:1}") || fail "the Dockerfile HEALTHCHECK command failed"
HEALTH=$(curl -fsS "$BASE/health") || fail "/health did not answer 200"
echo "$HEALTH"
grep -q '"documents":[1-9]' <<<"$HEALTH" || fail "/health reports no documents"
grep -q '"msg":"docs synced"' "$WORK/server.log" || fail "no start-up sync logged"
grep '"msg":"docs synced"' "$WORK/server.log" | grep -q '"chunks":0' ||
  fail "the start-up sync re-ingested pages: the prebuilt index was not used"
if [[ $(id -u) == 0 ]]; then
  OWNER=$(stat -c %u "/proc/$(pgrep -P "$SERVER_PID" -f 'src/main.ts' || echo "$SERVER_PID")")
  [[ $OWNER == 1000 ]] || fail "the server runs as uid $OWNER, not 1000"
fi

curl -fsS -o /dev/null "$BASE/widget.js" || fail "/widget.js is not served: the build outputs did not reach the run stage"

step "one streamed answer"
ANSWER=$(curl -fsSN --max-time 60 "$BASE/chat" -H 'content-type: application/json' \
  -d '{"messages":[{"role":"user","content":"Why is state read-only in Redux?"}],"user_id":"smoke"}') ||
  fail "/chat failed"
grep -q '^event: sources' <<<"$ANSWER" || fail "no sources event"
grep -q '"url":"https://' <<<"$ANSWER" || fail "the sources carry no links: $ANSWER"
grep -q '^event: done' <<<"$ANSWER" || fail "no done event: $ANSWER"
grep -q '"finish_reason":"stop"' <<<"$ANSWER" || fail "the answer found nothing in the prebuilt index: $ANSWER"
grep '^event: done' -A1 <<<"$ANSWER" | tail -n1 | cut -c1-200

step "passed"
