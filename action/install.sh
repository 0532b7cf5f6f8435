#!/usr/bin/env bash
# Installs edge-atlas for the action: the released binary of this action's tag for the runner's
# platform, its SHA-256 checked; else `cargo install --locked` from the action's own checkout
# (the tagged source). Puts the binary's directory on GITHUB_PATH.
# Env: EDGE_ATLAS_VERSION (a tag such as v0.2.0; else the version in the action's Cargo.toml),
#      EDGE_ATLAS_REPOSITORY (owner/name), GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_PATH.
set -euo pipefail

root="${RUNNER_TEMP:-/tmp}/edge-atlas"
mkdir -p "$root/bin"
version="${EDGE_ATLAS_VERSION:-}"
# A major tag (v1) or a branch names no release: the release is the version of the action's own
# source (Cargo.toml), which the release workflow tagged v<version>.
if ! [[ "$version" =~ ^v[0-9]+\.[0-9]+\.[0-9]+ ]] && [ -f "${GITHUB_ACTION_PATH:-}/Cargo.toml" ]; then
  version=$(sed -n 's/^version = "\(.*\)"$/v\1/p' "$GITHUB_ACTION_PATH/Cargo.toml" | head -n 1)
fi
repo="${EDGE_ATLAS_REPOSITORY:-}"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=x86_64-unknown-linux-gnu ext=tar.gz ;;
  Linux-aarch64) target=aarch64-unknown-linux-gnu ext=tar.gz ;;
  Darwin-arm64) target=aarch64-apple-darwin ext=tar.gz ;;
  Darwin-x86_64) target=x86_64-apple-darwin ext=tar.gz ;;
  MINGW*|MSYS*|CYGWIN*) target=x86_64-pc-windows-msvc ext=zip ;;
  *) target="" ext="" ;;
esac

from_release() {
  [[ "$version" =~ ^v[0-9]+\.[0-9]+\.[0-9]+ ]] && [ -n "$repo" ] && [ -n "$target" ] || return 1
  local base="https://github.com/$repo/releases/download/$version/edge-atlas-$target"
  local tmp
  tmp=$(mktemp -d)
  curl -fsSL --retry 3 -o "$tmp/archive.$ext" "$base.$ext" || return 1
  curl -fsSL --retry 3 -o "$tmp/sum" "$base.sha256" || curl -fsSL --retry 3 -o "$tmp/sum" "$base.$ext.sha256" || return 1
  local want got
  want=$(awk '{print $1; exit}' "$tmp/sum")
  got=$( (sha256sum "$tmp/archive.$ext" 2>/dev/null || shasum -a 256 "$tmp/archive.$ext") | awk '{print $1}')
  if [ "$want" != "$got" ]; then
    echo "::error::edge-atlas $version for $target: checksum mismatch (want $want, got $got)"
    exit 1
  fi
  if [ "$ext" = zip ]; then unzip -q -o "$tmp/archive.zip" -d "$tmp/x"; else mkdir -p "$tmp/x" && tar -xzf "$tmp/archive.tar.gz" -C "$tmp/x"; fi
  find "$tmp/x" -type f \( -name edge-atlas -o -name edge-atlas.exe \) -exec cp {} "$root/bin/" \;
  [ -x "$root/bin/edge-atlas" ] || [ -f "$root/bin/edge-atlas.exe" ]
}

if from_release; then
  echo "edge-atlas $version: released binary for $target"
else
  echo "edge-atlas ${version:-(untagged)}: no released binary for ${target:-this platform}; building from the tagged source"
  cargo install --locked --quiet --root "$root" --path "${GITHUB_ACTION_PATH:?}"
fi
echo "$root/bin" >> "${GITHUB_PATH:-/dev/null}"
"$root/bin/edge-atlas" --version
