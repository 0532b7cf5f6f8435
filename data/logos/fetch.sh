#!/usr/bin/env bash
# Re-creates the vendored logos from npm at the pinned versions (README.md beside this file).
# Not needed to build or run: the files are committed. Only the icons data/logos.csv names are
# kept, with each set's licence. `npm pack` fetches the published tarball without installing it.
set -euo pipefail
cd "$(dirname "$0")"
LOBEHUB=1.95.1
SIMPLE_ICONS=16.37.0
LOBEHUB_ICONS="apple baichuan-color deepseek-color google-color huawei-color huggingface-color internlm-color
  llava-color meta-color microsoft-color mistral-color nvidia-color openai qwen-color tii-color yi-color zhipu-color"
SIMPLE_ICONS_ICONS="amd databricks intel mediatek oppo qualcomm raspberrypi vivo xiaomi"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack -s "@lobehub/icons-static-svg@$LOBEHUB" "simple-icons@$SIMPLE_ICONS" >/dev/null)
mkdir -p "$tmp/lobehub" "$tmp/simple-icons"
tar xzf "$tmp/lobehub-icons-static-svg-$LOBEHUB.tgz" -C "$tmp/lobehub"
tar xzf "$tmp/simple-icons-$SIMPLE_ICONS.tgz" -C "$tmp/simple-icons"
rm -rf lobehub simple-icons
mkdir lobehub simple-icons
for i in $LOBEHUB_ICONS; do cp "$tmp/lobehub/package/icons/$i.svg" lobehub/; done
for i in $SIMPLE_ICONS_ICONS; do cp "$tmp/simple-icons/package/icons/$i.svg" simple-icons/; done
# The lobehub tarball carries no licence file: its package.json says "MIT" and its README
# "Copyright © 2023 LobeHub"; lobehub/LICENSE states that MIT licence (kept, not fetched).
git checkout -- lobehub/LICENSE 2>/dev/null || true
cp "$tmp/simple-icons/package/LICENSE.md" simple-icons/LICENSE.md
cp "$tmp/simple-icons/package/DISCLAIMER.md" simple-icons/DISCLAIMER.md
