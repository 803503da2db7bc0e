#!/usr/bin/env bash
# Refresh the vendored front-end assets from the npm registry (the pages load nothing from a CDN).
# Versions are pinned here; the extracted files are committed under renda/static/vendor/.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=renda/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent htmx.org@2.0.11 bootstrap@5.3.9 echarts@6.1.0 >/dev/null)
for pkg in "$work"/*.tgz; do mkdir -p "${pkg%.tgz}" && tar -xzf "$pkg" -C "${pkg%.tgz}"; done
cp "$work"/htmx.org-*/package/dist/htmx.min.js "$dest/htmx.min.js"
cp "$work"/bootstrap-*/package/dist/css/bootstrap.min.css "$dest/bootstrap.min.css"
cp "$work"/bootstrap-*/package/dist/js/bootstrap.bundle.min.js "$dest/bootstrap.bundle.min.js"
cp "$work"/echarts-*/package/dist/echarts.min.js "$dest/echarts.min.js"
cat > "$dest/VERSIONS" <<VERSIONS
htmx.org 2.0.11 (BSD-0-Clause)
bootstrap 5.3.9 (MIT)
echarts 6.1.0 (Apache-2.0)
VERSIONS
# Source maps are not shipped; a dangling reference would break collectstatic's manifest.
sed -i "/sourceMappingURL/d" "$dest"/*.js "$dest"/*.css
ls -l "$dest"
