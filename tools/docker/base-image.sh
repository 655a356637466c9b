#!/usr/bin/env bash
# leadhooks/debian-base:bookworm: Debian bookworm (minbase) from Debian's own packages, for
# a machine that reaches no image registry. The root filesystem is cached as a tarball under
# ~/.cache/leadhooks/docker, so only the first run pays for debootstrap (about two minutes).
set -euo pipefail

image=leadhooks/debian-base:bookworm
cache="${LEADHOOKS_CACHE:-$HOME/.cache/leadhooks}/docker"
tarball="$cache/debian-bookworm-minbase.tar"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

say() { printf 'docker: %s\n' "$*" >&2; }

docker image inspect "$image" >/dev/null 2>&1 && { say "$image present"; exit 0; }
mkdir -p "$cache"
if [ ! -s "$tarball" ]; then
  root="$(mktemp -d /tmp/leadhooks-debootstrap.XXXXXX)"
  trap 'rm -rf "$root"' EXIT
  say "debootstrap bookworm (minbase) from $mirror"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    { tail -n 20 "$cache/debootstrap.log" >&2; exit 1; }
  # Smaller and reproducible enough: no package lists, no apt cache in the image.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
  tar -C "$root" -cf "$tarball.partial" . && mv "$tarball.partial" "$tarball"
fi
say "importing $image"
docker import - "$image" <"$tarball" >/dev/null
