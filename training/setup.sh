#!/usr/bin/env bash
# Installs the Debian packages the training workspace needs (idempotent: only what is missing), then builds.
#   mma + fluidsynth + fluid-soundfont-gm: MIDI songs rendered to audio (training uses FluidR3 only;
#   timgm6mb-soundfont is for the evaluation set, which the comparison runs on); aubio-tools: the reference tracker.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in mma fluidsynth fluid-soundfont-gm timgm6mb-soundfont aubio-tools; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
else
  echo "Debian packages: all present"
fi

[ -d node_modules ] || npm ci
npm run build
