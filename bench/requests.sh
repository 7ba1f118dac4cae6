# The requests both lifecycle scripts send, sourced by them: the subjects with this run's tokens,
# and the seed data written through the API as the suites' fixtures/missions.yaml writes it.
# Requests go to $base (http://host:port, set by the script once its service answers).

tokens=(admin-$RANDOM$RANDOM owner-$RANDOM$RANDOM contributor-$RANDOM$RANDOM viewer-$RANDOM$RANDOM)
subjects="alice:admin:${tokens[0]},olivia:owner:${tokens[1]},carl:contributor:${tokens[2]},vera:viewer:${tokens[3]}"

# call METHOD PATH TOKEN [BODY]: prints the response body
call() {
  curl -sf -X "$1" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' ${4:+--data "$4"} "$base$2"
}

seed() {
  apollo=$(call POST /api/v1/missions "${tokens[1]}" '{"name":"Apollo","notes":"crewed lunar landing"}' | sed -E 's/.*"id":([0-9]+).*/\1/')
  gemini=$(call POST /api/v1/missions "${tokens[2]}" '{"name":"Gemini"}' | sed -E 's/.*"id":([0-9]+).*/\1/')
  call POST /api/v1/missions "${tokens[0]}" '{"name":"Mercury","notes":"first flights"}' >/dev/null
  call PUT "/api/v1/missions/$apollo" "${tokens[2]}" '{"notes":"crewed lunar landing; backup crew assigned"}' >/dev/null
  call PUT "/api/v1/missions/$gemini" "${tokens[0]}" '{"status":"done"}' >/dev/null
}
