#!/usr/bin/env bash
# Installs Debian's Chromium when it is missing: the browser tests of the mini-program's H5 build
# and of the console drive it with playwright-core (no browser download: this machine reaches only
# npm and Debian's packages). Prints the path of the browser.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  echo "[deps] installing Debian's chromium for the browser tests" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq >&2 || true
  $sudo_cmd apt-get install -y -qq chromium >&2
fi
# Chinese text (the console is zh-CN by default, the mini-program Chinese only) needs a CJK font,
# or screenshots show boxes where the words are.
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  echo "[deps] installing a CJK font (fonts-wqy-microhei) for the browser tests" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get install -y -qq fonts-wqy-microhei >&2 ||
    { $sudo_cmd apt-get update -qq >&2 || true; $sudo_cmd apt-get install -y -qq fonts-wqy-microhei >&2; }
fi
command -v chromium
