#!/usr/bin/env bash
# What a user's build gets from depending on the library (default features): no clap, no HTTP
# client, and no serde_json feature that changes serde_json's behaviour for the user's own code.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/src"
cat > "$scratch/Cargo.toml" <<TOML
[package]
name = "scratch-user"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
clubready-wire = { path = "$root" }
serde_json = "1"

[workspace]
TOML
echo 'fn main() {}' > "$scratch/src/main.rs"
tree=$(cd "$scratch" && cargo tree -e normal,features --prefix none --color never)
if grep -q '^clap' <<<"$tree"; then
  echo "a user's build compiles clap"; exit 1
fi
# The HTTP client is the `client` feature's, off by default.
if grep -q '^ureq\|^rustls\|^ring ' <<<"$tree"; then
  echo "a user's build compiles an HTTP client (ureq) without asking for the client feature"; exit 1
fi
features=$(cd "$scratch" && cargo tree -e features -i serde_json --prefix none --color never | grep -o 'serde_json feature "[a-z_]*"' | sort -u)
echo "$features"
if grep -q 'arbitrary_precision\|preserve_order\|raw_value' <<<"$features"; then
  echo "a user's serde_json gets a behaviour-changing feature"; exit 1
fi
echo "a user's build: no clap, no ureq, serde_json with its default features only"
