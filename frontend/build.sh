#!/usr/bin/env bash
# Rebuild the vendored, Respect Online-branded GOV.UK Frontend in
# static/vendor/govuk-frontend/. This is only needed when changing
# src/*.scss or upgrading govuk-frontend: the site itself has no build step,
# it serves the committed files.
#
# Needs node + npm (and the npm registry). Usage: bash frontend/build.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$ROOT/static/vendor/govuk-frontend"
PKG="$HERE/node_modules/govuk-frontend"
DIST="$PKG/dist/govuk"
ASSETS_URL="/static/vendor/govuk-frontend/assets/"

# sha256 of govuk-frontend's dist/govuk/components/footer/_mixin.scss that
# src/_footer.scss was adapted from (govuk-frontend 6.6.0).
FOOTER_UPSTREAM_SHA256="56dd6a5b5ea04cba29237f2264a1487a8230eb22b4b0c6f54a408e521706c309"

fail() { echo "build.sh: ERROR: $*" >&2; exit 1; }

cd "$HERE"

# 1. Exact dependencies from package-lock.json. --ignore-scripts: the only
#    install script is sass's optional file watcher, not used for a build.
npm ci --ignore-scripts --no-audit --no-fund

VERSION="$(node -p 'require("./node_modules/govuk-frontend/package.json").version')"
echo "govuk-frontend $VERSION, sass $(node -p 'require("./node_modules/sass/package.json").version')"

# 2. Guards for the parts of src/ that mirror the package.
#    a) src/respect.scss lists the components one by one (to swap in our
#       footer); it must list exactly the package's components.
upstream_components="$(sed -n 's/^@use "\([a-z-]*\)";$/\1/p' "$DIST/components/_index.scss" | sort)"
our_components="$( { sed -n 's#^@use "govuk-frontend/dist/govuk/components/\([a-z-]*\)";$#\1#p' src/respect.scss;
                     if grep -q '^@use "footer";$' src/respect.scss; then echo footer; fi; } | sort)"
if [ "$upstream_components" != "$our_components" ]; then
  diff <(echo "$upstream_components") <(echo "$our_components") >&2 || true
  fail "the component list in src/respect.scss differs from $DIST/components/_index.scss (< upstream, > ours)"
fi
#    b) src/_footer.scss is an adapted copy of the upstream footer styles.
footer_sha="$(sha256sum "$DIST/components/footer/_mixin.scss" | cut -d' ' -f1)"
if [ "$footer_sha" != "$FOOTER_UPSTREAM_SHA256" ]; then
  fail "govuk-frontend's footer styles changed: re-sync src/_footer.scss with $DIST/components/footer/_mixin.scss (keeping out the crown and crest), then update FOOTER_UPSTREAM_SHA256 in build.sh to $footer_sha"
fi

# 3. Build into a clean output folder.
rm -rf "$OUT"
mkdir -p "$OUT"
npm run build   # -> $OUT/govuk-frontend.min.css (compressed, no source map)
CSS="$OUT/govuk-frontend.min.css"

# 4. The package's ES module bundle, byte for byte. (Its trailing
#    sourceMappingURL comment is not at the start of a line, so Django's
#    ManifestStaticFilesStorage leaves it alone; the .map is not shipped.)
cp "$DIST/govuk-frontend.min.js" "$OUT/govuk-frontend.min.js"

# 5. Licence and version. The npm package declares "license": "MIT" but ships
#    no licence file, so we keep the upstream text in licenses/.
pkg_licence="$(find "$PKG" -maxdepth 1 -iname 'licen[cs]e*' | head -n1)"
if [ -n "$pkg_licence" ]; then
  cp "$pkg_licence" "$OUT/LICENSE.txt"
else
  cp "$HERE/licenses/govuk-frontend-LICENSE.txt" "$OUT/LICENSE.txt"
fi
printf '%s\n' "$VERSION" > "$OUT/VERSION"

# 6. Assets: copy exactly what the CSS references via url(), never fonts or
#    the crown/crest.
mapfile -t urls < <(grep -o 'url([^)]*)' "$CSS" | sed -e 's/^url(//' -e 's/)$//' -e "s/^[\"']//" -e "s/[\"']$//" | sort -u)
for u in "${urls[@]}"; do
  case "$u" in
    data:*) continue ;;
    "$ASSETS_URL"*) ;;
    *) fail "unexpected url($u) in the CSS (expected it under $ASSETS_URL)" ;;
  esac
  rel="${u#"$ASSETS_URL"}"
  case "$rel" in
    fonts/*|*.woff|*.woff2|*.ttf|*.otf|*.eot) fail "the CSS references a font: $u" ;;
    *crown*|*crest*) fail "the CSS references GOV.UK crown/crest artwork: $u" ;;
  esac
  [ -f "$DIST/assets/$rel" ] || fail "the CSS references $u but govuk-frontend has no assets/$rel"
  mkdir -p "$(dirname "$OUT/assets/$rel")"
  cp "$DIST/assets/$rel" "$OUT/assets/$rel"
done

# 7. Checks on the result.
grep -q 'GDS Transport' "$CSS" && fail "\"GDS Transport\" found in the CSS"
grep -qi 'crown' "$CSS" && fail "\"crown\" found in the CSS"
grep -qi 'crest' "$CSS" && fail "\"crest\" found in the CSS"
grep -q '@font-face' "$CSS" && fail "@font-face found in the CSS"
grep -q 'sourceMappingURL' "$CSS" && fail "the CSS has a source map reference"
for u in "${urls[@]}"; do
  case "$u" in data:*) continue ;; esac
  [ -f "$OUT/assets/${u#"$ASSETS_URL"}" ] || fail "missing asset for url($u)"
done

echo "url() references in the CSS: ${#urls[@]} (all present under static/vendor/govuk-frontend/assets/)"
echo "Wrote:"
(cd "$ROOT" && find static/vendor/govuk-frontend -type f -printf '  %p (%s bytes)\n' | sort)
