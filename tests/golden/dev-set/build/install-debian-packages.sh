#!/usr/bin/env bash
# Installs the Debian packages the dev-set build needs for its LibreOffice and Chromium
# generators and for checking the PDFs (pdfkit needs only the npm devDependencies).
#   libreoffice-writer-nogui  soffice --headless --convert-to pdf
#   hyphen-no                 Norwegian (nb, nn) hyphenation patterns for LibreOffice
#   chromium                  headless print-to-PDF
#   fonts-liberation2         Liberation Serif/Sans used by the LibreOffice and Chromium layouts
#   poppler-utils             pdfinfo (page counts in the build summary), pdftotext, pdftoppm
# Run as root (or with sudo). Then: npx tsx tests/golden/dev-set/build/build.ts
set -euo pipefail
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 \
  libreoffice-writer-nogui hyphen-no chromium fonts-liberation2 poppler-utils
