#!/usr/bin/env bash
# The action's `review` mode, on a pull request: lint HEAD (findings become annotations), the
# semantic diff of BASE against HEAD into the job summary, and the changed figures of both
# sides into a directory the action uploads. Fails only when lint fails (under the chosen
# level) or HEAD does not import.
# Env: GITHUB_WORKSPACE (HEAD's checkout), GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP,
#      EDGE_ATLAS_BASE_SHA (the pull request's base commit) or EDGE_ATLAS_BASE_DIR (a checkout),
#      EDGE_ATLAS_DATA (the data/ the list is imported onto), EDGE_ATLAS_DENY (warnings or empty),
#      EDGE_ATLAS (the binary, default edge-atlas on PATH).
set -euo pipefail

bin="${EDGE_ATLAS:-edge-atlas}"
head="${GITHUB_WORKSPACE:?}"
out="${RUNNER_TEMP:-/tmp}/edge-atlas-review"
rm -rf "$out"
mkdir -p "$out"

base="${EDGE_ATLAS_BASE_DIR:-}"
if [ -z "$base" ]; then
  base="$out/base"
  git -C "$head" fetch --quiet --no-tags --depth=1 origin "${EDGE_ATLAS_BASE_SHA:?}"
  git -C "$head" worktree add --quiet --detach "$base" "$EDGE_ATLAS_BASE_SHA"
fi
onto=()
if [ -n "${EDGE_ATLAS_DATA:-}" ]; then onto=(--onto "$EDGE_ATLAS_DATA"); fi
# From a directory of our own: a data/ in the caller's directory is not taken for the seed.
cd "$out"

lint=0
deny=()
if [ -n "${EDGE_ATLAS_DENY:-}" ]; then deny=(--deny "$EDGE_ATLAS_DENY"); fi
"$bin" lint "$head" --format github "${deny[@]}" || lint=$?

diff=0
"$bin" diff "$base" "$head" "${onto[@]}" --format markdown --figures "$out/figures" > "$out/summary.md" || diff=$?
"$bin" diff "$base" "$head" "${onto[@]}" --format json > "$out/diff.json" || true
cat "$out/summary.md" >> "${GITHUB_STEP_SUMMARY:?}"

changed=false
if [ -n "$(ls -A "$out/figures" 2>/dev/null)" ]; then changed=true; fi
{
  echo "figures=$out/figures"
  echo "figures-changed=$changed"
  echo "diff=$out/diff.json"
} >> "${GITHUB_OUTPUT:?}"

if [ "$diff" -ne 0 ]; then
  echo "::error::HEAD does not import: see the job summary"
  exit "$diff"
fi
exit "$lint"
