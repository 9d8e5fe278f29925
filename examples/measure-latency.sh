#!/usr/bin/env bash
# Cause -> event at a stock consumer: the time from a cause (a callback, a 401 report, a recovery, a DELETE) to the
# record at the TypeScript example consumer, against a running ./authpipe. Needs jq, curl and a built typescript/
# (npm ci && npm run build). Usage: examples/measure-latency.sh [AUTHPIPE_HOME]. Connects the sandbox's alice.
set -euo pipefail
H=${1:-$(dirname "$0")/../.authpipe}
API=$(jq -r .apiUrl $H/dev.json); KEY=$(jq -r .apiKey $H/dev.json); SANDBOX=$(jq -r .sandboxUrl $H/dev.json)
RETURN_TO=$(jq -r .returnTo $H/dev.json)
export KAFKA_BOOTSTRAP_SERVERS=$(jq -r .kafkaBootstrapServers $H/dev.json) SCHEMA_REGISTRY_URL=$(jq -r .schemaRegistryUrl $H/dev.json) GROUP_ID=latency-$RANDOM
OUT=$(mktemp); trap 'rm -f "$OUT"' EXIT
(cd "$(dirname "$0")/typescript" && exec node dist/consumer.js > $OUT) & CONSUMER=$!
sleep 5   # the consumer joins its group (not a test: a measurement script)
now() { date +%s%3N; }
U=lat-$RANDOM
LINK=$(curl -s -X POST "$API/v1/connect" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d "{\"provider\":\"mastodon\",\"userId\":\"$U\",\"instance\":\"$SANDBOX\",\"scopes\":[\"read\",\"write\"],\"returnTo\":\"$RETURN_TO\"}" | jq -r .authorizeUrl)
TOKEN=${LINK#*#token=}; JAR=$(mktemp)
AUTH_URL=$(curl -s -c "$JAR" -b "$JAR" -X POST "$API/v1/connect-sessions/${TOKEN%%.*}/start" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"mode":"page"}' | jq -r .authorizeUrl)
fields() { awk '/<form/{n++} n==1' | grep -o 'name="[^"]*" value="[^"]*"' | sed -E 's/name="([^"]*)" value="([^"]*)"/--data-urlencode\n\1=\2/'; }
mapfile -t SIGN_IN < <(curl -s -L -c "$JAR" -b "$JAR" "$AUTH_URL" | fields)
curl -s -c "$JAR" -b "$JAR" -o /dev/null "$SANDBOX/auth/sign_in" "${SIGN_IN[@]}" --data-urlencode 'user[email]=alice' --data-urlencode 'user[password]=alice-password'
mapfile -t CONSENT < <(curl -s -c "$JAR" -b "$JAR" "$AUTH_URL" | fields)
CALLBACK=$(curl -s -c "$JAR" -b "$JAR" -o /dev/null -w '%{redirect_url}' "$SANDBOX/oauth/authorize" "${CONSENT[@]}")
T_CONNECT=$(now); curl -s -o /dev/null -b "$JAR" "$CALLBACK"
sleep 3
curl -s -o /dev/null -X POST "$SANDBOX/_sandbox/accounts/alice/suspend"
T_SUSPEND=$(now); curl -s -o /dev/null -X POST "$API/v1/connections/mastodon/$U/check" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{"reportedStatus":401}'
sleep 12
curl -s -o /dev/null -X POST "$SANDBOX/_sandbox/accounts/alice/unsuspend"
T_RECOVER=$(now); curl -s -o /dev/null -X POST "$API/v1/connections/mastodon/$U/check" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{"reportedStatus":401}'
sleep 12
T_DELETE=$(now); curl -s -o /dev/null -X DELETE "$API/v1/connections/mastodon/$U" -H "Authorization: Bearer $KEY"
sleep 4
kill $CONSUMER
K="dev:mastodon:$U"
first() { grep "\"key\":\"$K\"" $OUT | grep -E "$1" | head -1 | jq -r .receivedAt; }
echo "connected  (callback -> credential-updated ACTIVE):    $(( $(first '"topic":"authpipe.credential-updated".*"status":"ACTIVE"') - T_CONNECT )) ms"
echo "suspended  (401 report -> revocations UNUSABLE):        $(( $(first '"topic":"authpipe.revocations".*"change":"UNUSABLE"') - T_SUSPEND )) ms"
echo "recovered  (check -> revocations RECOVERED):            $(( $(first '"topic":"authpipe.revocations".*"change":"RECOVERED"') - T_RECOVER )) ms"
echo "deleted    (DELETE -> revocations DELETED):             $(( $(first '"topic":"authpipe.revocations".*"change":"DELETED"') - T_DELETE )) ms"
echo "deleted    (DELETE -> credential-updated tombstone):    $(( $(first '"tombstone":true') - T_DELETE )) ms"
