#!/usr/bin/env bash
# The action's `regenerate` mode, on the main branch: import the list onto a copy of the
# action's data/, redraw the figures into the list's images/ and commit them when they changed.
# Nothing is committed when import stops (a row the list lost, a family left empty, ...): the
# job fails with import's located errors in its log and summary.
# Env: GITHUB_WORKSPACE (the list's checkout), GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP,
#      EDGE_ATLAS_DATA (the data/ to import onto), EDGE_ATLAS_PUSH (false: commit, do not push),
#      EDGE_ATLAS (the binary, default edge-atlas on PATH).
set -euo pipefail

bin="${EDGE_ATLAS:-edge-atlas}"
list="${GITHUB_WORKSPACE:?}"
work="${RUNNER_TEMP:-/tmp}/edge-atlas-regenerate"
rm -rf "$work"
mkdir -p "$work"
if [ -n "${EDGE_ATLAS_DATA:-}" ]; then cp -R "$EDGE_ATLAS_DATA" "$work/data"; else mkdir "$work/data"; fi

if ! "$bin" import "$list" --data "$work/data" > "$work/import.log" 2>&1; then
  cat "$work/import.log"
  {
    echo "**edge-atlas**: import stopped; the figures were not regenerated and nothing was committed."
    echo
    echo '```text'
    sed 's/```/` ` `/g' "$work/import.log" | head -n 50
    echo '```'
  } >> "${GITHUB_STEP_SUMMARY:?}"
  echo "committed=false" >> "${GITHUB_OUTPUT:?}"
  echo "::error::edge-atlas import stopped: nothing committed"
  exit 1
fi
cat "$work/import.log"
"$bin" timeline --data "$work/data" --out "$list" --list-names

cd "$list"
figures=(images/timeline-emergence-llms.png images/hardware_timeline_tops.png images/hardware_timeline_memory.png)
git add -- "${figures[@]}"
if git diff --cached --quiet; then
  echo "**edge-atlas**: the figures are unchanged." >> "$GITHUB_STEP_SUMMARY"
  echo "committed=false" >> "$GITHUB_OUTPUT"
  exit 0
fi
git -c user.name="github-actions[bot]" -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
  commit --quiet -m "Regenerate figures with edge-atlas (${GITHUB_SHA:-local})"
echo "**edge-atlas**: regenerated $(git show --stat --format= HEAD | tail -n 1)." >> "$GITHUB_STEP_SUMMARY"
echo "committed=true" >> "$GITHUB_OUTPUT"
if [ "${EDGE_ATLAS_PUSH:-true}" != false ]; then git push --quiet; fi
