#!/usr/bin/env bash
# Makes the sample PDF summary behind docs/img/pdf-page-*.png, with real sign-offs.
#
# A real journeylog-server (its own SQLite file, a free loopback port), an apprentice's
# logbook and a mentor's logbook, both driven with the release `jlog` exactly as
# README "Mentor sign-off" shows:
#   - the apprentice enrolls in MRA phase 1 with 40 h of prior credit and logs
#     `jlog demo --months $MONTHS` (the demo submits every week before this one);
#   - the mentor approves the submitted weeks one signature per week, returns one
#     entry with a comment, and leaves the last two weeks waiting;
#   - the apprentice corrects one approved entry (`jlog amend`), which the mentor
#     approves again;
#   - the apprentice asks for milestone M1 (probation) and the mentor signs it;
#   - the apprentice syncs and exports the PDF with `jlog export --format pdf`.
# Then pdftoppm renders page 1 (cover), page 2 (work processes) and the page where the
# sign-offs start into docs/img. The sample PDF itself is left in $OUT_DIR.
#
#   scripts/pdf-sample.sh [OUT_DIR]     (default: a fresh temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

MONTHS=${MONTHS:-8}
DPI=${DPI:-80}
IMG=docs/img
TARGET=${CARGO_TARGET_DIR:-target}
OUT_DIR=${1:-$(mktemp -d -t journeylog-pdf-sample-XXXXXX)}
mkdir -p "$OUT_DIR"
say() { printf '[pdf-sample] %s\n' "$*"; }

say "building jlog (release) and journeylog-server"
cargo build --release -q -p journeylog-cli
cargo build -q -p journeylog-server
JLOG=$TARGET/release/jlog
SERVER=$TARGET/debug/journeylog-server

work=$(mktemp -d -t journeylog-pdf-sample-work-XXXXXX)
server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
# No keychain here: device tokens and the mentor's signing key go to 0600 files.
export JOURNEYLOG_TOKEN_STORE=file

# One field of the JSON on stdin (a path like .user_id or .[0].items).
field() { node -e 'let v=JSON.parse(require("fs").readFileSync(0,"utf8"));for(const k of process.argv[1].split(".").slice(1))v=v[k];console.log(typeof v==="string"?v:JSON.stringify(v))' "$1"; }
admin() { "$SERVER" admin --db "$work/employer.sqlite3" --json "$@"; }
A() { "$JLOG" --db "$work/apprentice.sqlite3" "$@"; }
M() { "$JLOG" --db "$work/mentor.sqlite3" "$@"; }

say "employer, program, apprentice and mentor on a fresh server"
employer=$(admin create-employer --name "Acme Robotics" | field .employer_id)
admin import-program --employer "$employer" --file crates/core/programs/mra-phase-1.toml >/dev/null
apprentice=$(admin add-user --employer "$employer" --name "Jordan Reyes" --role apprentice --program mra-phase-1 | field .user_id)
mentor=$(admin add-user --employer "$employer" --name "Sam Okafor" --role mentor | field .user_id)
admin assign-mentor --mentor "$mentor" --apprentice "$apprentice" >/dev/null
apprentice_code=$(admin enroll-code --user "$apprentice" | field .code)
mentor_code=$(admin enroll-code --user "$mentor" | field .code)

"$SERVER" serve --db "$work/employer.sqlite3" --listen 127.0.0.1:0 >"$work/server.log" 2>&1 &
server_pid=$!
url=
for _ in $(seq 100); do
  url=$(grep -o 'listening on http://[^ ]*' "$work/server.log" | head -1 | cut -d' ' -f3) || true
  [[ -n $url ]] && break
  sleep 0.1
done
[[ -n $url ]] || { cat "$work/server.log"; say "the server did not start"; exit 1; }

say "apprentice: $MONTHS months of demo data, connect, sync"
start=$(date -d "-$MONTHS months -3 days" +%F)
A init --name "Jordan Reyes" --program mra-phase-1 --start "$start" --prior-ojl-hours 40 >/dev/null
A demo --months "$MONTHS" --seed 7 >/dev/null
A connect --server "$url" --code "$apprentice_code" --device-name "Jordan's laptop" >/dev/null
A sync >/dev/null

say "mentor: approve each submitted week but the last two, return one entry"
M connect --server "$url" --code "$mentor_code" --device-name "Sam's laptop" >/dev/null
M sync >/dev/null
M review list --apprentice "$apprentice" --json >"$work/queue.json"
weeks=$(field .length <"$work/queue.json")
returned=
for ((w = 0; w < weeks - 2; w++)); do
  ids=$(field ".$w.items" <"$work/queue.json" | node -e 'for(const i of JSON.parse(require("fs").readFileSync(0,"utf8")))console.log(i.review.record_id)')
  mapfile -t ids <<<"$ids"
  if ((w == weeks - 4)); then
    returned=${ids[0]}
    M review return "$returned" --apprentice "$apprentice" --comment "Which line was this on? Add the site, please." >/dev/null
    ids=("${ids[@]:1}")
  fi
  M review approve "${ids[@]}" --apprentice "$apprentice" --comment "Week checked against the shift log" >/dev/null
done
M sync >/dev/null

say "apprentice: amend an approved entry, ask for M1"
A sync >/dev/null
amended=$(node -e '
  const q = JSON.parse(require("fs").readFileSync(0, "utf8"));
  console.log(q[1].items.find((i) => i.item.kind === "ojl").review.record_id);
' <"$work/queue.json")
A amend "$amended" --note "Corrected: the afternoon was on line 4, not line 2" >/dev/null
A request-signoff --milestone M1 --note "500 OJL hours reached" >/dev/null
A sync >/dev/null

say "mentor: approve the amendment, sign milestone M1"
M sync >/dev/null
M review approve "$amended" --apprentice "$apprentice" --comment "Correction checked" >/dev/null
M review sign-milestone --apprentice "$apprentice" --milestone M1 --comment "Probation passed: safe, punctual, good notes" >/dev/null
M sync >/dev/null
A sync >/dev/null

pdf=$OUT_DIR/journeylog-sample.pdf
say "apprentice: export the PDF"
A export --format pdf --out "$pdf"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
signoff_page=
for ((p = 1; p <= pages; p++)); do
  text=$(pdftotext -f "$p" -l "$p" -layout "$pdf" -)
  if grep -q '^[[:space:]]*Sign-offs and verification[[:space:]]*$' <<<"$text"; then signoff_page=$p; break; fi
done
[[ -n $signoff_page ]] || { say "no page starts the sign-offs section"; exit 1; }

say "rendering pages 1, 2 and $signoff_page of $pages at $DPI dpi into $IMG"
rm -f "$IMG"/pdf-page-*.png
for p in 1 2 "$signoff_page"; do
  pdftoppm -png -r "$DPI" -f "$p" -l "$p" -singlefile "$pdf" "$IMG/pdf-page-$p"
done
ls -l "$IMG"/pdf-page-*.png
if [[ $signoff_page != 4 ]]; then
  say "note: the sign-offs now start on page $signoff_page; docs/pdf.md links pdf-page-4.png"
fi
say "sample PDF: $pdf"
