#!/usr/bin/env bash
# Preview a rendered report as PNG pages: LibreOffice → PDF → pdftoppm.
# usage: tools/preview/preview.sh REPORT.docx [OUTDIR] [DPI]
# Debian has no 仿宋_GB2312/楷体_GB2312/方正小标宋简体: docgen/data/fonts.conf maps them to AR PL and Noto CJK
# (apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai
#  fonts-arphic-uming fonts-liberation2). Layout is close to Word's, not identical.
set -euo pipefail
report=$1; out=${2:-preview}; dpi=${3:-60}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
FONTCONFIG_FILE="$here/../../docgen/data/fonts.conf" soffice --headless -env:UserInstallation=file://"$(mktemp -d)" \
  --convert-to pdf --outdir "$out" "$report" >/dev/null
pdf="$out/$(basename "${report%.*}").pdf"
pdftoppm -png -r "$dpi" "$pdf" "$out/page"
ls "$out"/page-*.png
