#!/usr/bin/env bash
# Build the committed front-end assets in static/govuk/ from npm packages (or into the folder given,
# as .ci/run does to check that the committed files are what the sources build).
# Needs Node/npm only when rebuilding; running the app does not. The output depends only on the
# sources and the locked packages, so building twice gives the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${1:-static/govuk}
GOVUK=node_modules/govuk-frontend/dist/govuk

npm ci --no-audit --no-fund

rm -rf "$OUT"
mkdir -p "$OUT/assets"

# Our own Sass build: relative asset paths, Arial, no GDS Transport.
npx sass --pkg-importer=node --style=compressed --no-source-map \
  assets/scss/app.scss "$OUT/app.css"

# JS (ES module exporting initAll) and assets, except fonts (we use Arial).
cp "$GOVUK/govuk-frontend.min.js" "$OUT/"
cp -R "$GOVUK/assets/images" "$OUT/assets/"
cp "$GOVUK/assets/manifest.json" "$OUT/assets/"

# Sanity checks: no GDS Transport, every url(...) in the CSS exists.
if grep -q 'GDS Transport' "$OUT/app.css"; then
  echo "error: GDS Transport font found in $OUT/app.css" >&2
  exit 1
fi
missing=0
while read -r url; do
  [[ "$url" == data:* || "$url" == http* || "$url" == \#* ]] && continue
  if [[ ! -e "$OUT/${url%%[?#]*}" ]]; then
    echo "error: $OUT/app.css references missing file: $url" >&2
    missing=1
  fi
done < <(grep -o 'url([^)]*)' "$OUT/app.css" | sed -E 's/^url\(["'\'']?//; s/["'\'']?\)$//' | sort -u)
[[ $missing -eq 0 ]] || exit 1

# Read package.json by file path: sass's "exports" hides sass/package.json.
version() { node -p "require('./node_modules/$1/package.json').version"; }
govuk_version=$(version govuk-frontend)
sass_version=$(version sass)
printf 'govuk-frontend %s\nsass %s\n' "$govuk_version" "$sass_version" > "$OUT/VERSION"

echo "Built $OUT:"
find "$OUT" -type f | sort
