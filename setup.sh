#!/usr/bin/env bash
# One command for a fresh Debian/Ubuntu machine: system packages (Tesseract, Chromium for
# the screen tests), a virtualenv with every pinned dependency, then the main job on the
# bundled sample packets (results in out/).
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
if command -v apt-get >/dev/null; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd chromium fonts-dejavu-core \
    python3-venv >/dev/null
else
  echo "setup.sh: no apt-get here; install tesseract-ocr (with eng and osd data) and chromium yourself" >&2
fi

PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'

.venv/bin/credintake batch sample_docs/committed/packets -o out --as-of 2026-11-22
echo "setup.sh: done. Results of the sample packets are in out/; run the tests with: .venv/bin/python -m pytest"
