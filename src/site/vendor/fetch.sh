#!/usr/bin/env bash
# Re-creates the vendored scripts from npm at the pinned versions (README.md beside this file).
# Not needed to build: the files are committed and embedded with include_str!.
# Source-map comments are dropped: the page is self-contained and must not point at files.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npm install -s --no-save --no-audit --no-fund --prefix "$tmp" \
  chart.js@4.6.1 chartjs-plugin-zoom@2.2.0 fuse.js@7.5.0 \
  d3-dispatch@3.0.2 d3-quadtree@3.0.2 d3-timer@3.0.2 d3-force@3.0.1 \
  graphology@0.26.0 sigma@3.0.3
m="$tmp/node_modules"
strip() { sed '/^\/\/# sourceMappingURL=/d' "$1" > "$2"; }
strip "$m/chart.js/dist/chart.umd.min.js" chart.js-4.6.1.min.js
strip "$m/chartjs-plugin-zoom/dist/chartjs-plugin-zoom.min.js" chartjs-plugin-zoom-2.2.0.min.js
strip "$m/fuse.js/dist/fuse.basic.min.cjs" fuse.js-7.5.0.basic.min.cjs
cp "$m/chart.js/LICENSE.md" chart.js.LICENSE.md
cp "$m/chartjs-plugin-zoom/LICENSE.md" chartjs-plugin-zoom.LICENSE.md
cp "$m/fuse.js/LICENSE" fuse.js.LICENSE
strip "$m/graphology/dist/graphology.umd.min.js" graphology-0.26.0.umd.min.js
strip "$m/sigma/dist/sigma.min.js" sigma-3.0.3.min.js
cp "$m/graphology/LICENSE.txt" graphology.LICENSE.txt
cp "$m/sigma/LICENSE.txt" sigma.LICENSE.txt
# sigma's bundle includes its two dependencies, at the versions npm resolved for it.
cp "$m/events/LICENSE" events.LICENSE
cp "$m/graphology-utils/LICENSE.txt" graphology-utils.LICENSE.txt
for p in d3-dispatch@3.0.2 d3-quadtree@3.0.2 d3-timer@3.0.2 d3-force@3.0.1; do
  name=${p%@*}
  strip "$m/$name/dist/$name.min.js" "$name-${p#*@}.min.js"
  cp "$m/$name/LICENSE" "$name.LICENSE"
done
