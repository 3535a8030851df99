#version 300 es
precision highp float;

// Escape-time Julia set z -> z^2 + c with smooth (continuous) iteration colouring and a cosine palette.
uniform vec2 uViewSize;      // drawing buffer size, pixels
uniform vec2 uC;             // Julia parameter
uniform vec2 uCenter;        // view centre in the z plane
uniform float uScale;        // half the view height in the z plane
uniform float uMaxIter;      // iteration budget (<= MAX_ITER)
uniform float uSamples;      // supersampling grid side: 1 or 2
uniform vec3 uPaletteA;
uniform vec3 uPaletteB;
uniform vec3 uPaletteC;
uniform vec3 uPaletteD;
uniform float uPaletteShift;
uniform float uColorDensity; // palette cycles per iteration
uniform float uInterior;     // brightness of points that never escape
uniform float uBrightness;
uniform float uFlash;        // strobe, 0..1
uniform float uBlackout;     // 1 = black

out vec4 finalColor;

const int MAX_ITER = 128;
const float BAILOUT2 = 256.0; // |z| > 16: large enough for a smooth count without banding
const float TAU = 6.283185307179586;

vec3 palette(float x) {
  return uPaletteA + uPaletteB * cos(TAU * (uPaletteC * x + uPaletteD));
}

vec3 shade(vec2 z) {
  float escaped = -1.0;
  float trap = 1e9;
  for (int i = 0; i < MAX_ITER; i++) {
    if (float(i) >= uMaxIter) break;
    z = vec2(z.x * z.x - z.y * z.y, 2.0 * z.x * z.y) + uC;
    trap = min(trap, dot(z, z));
    if (dot(z, z) > BAILOUT2) {
      escaped = float(i);
      break;
    }
  }
  // Inside: tint by how close the orbit came to 0 (an orbit trap), which gives connected sets an inner texture.
  if (escaped < 0.0) return palette(uPaletteShift + 0.5 + 1.5 * sqrt(trap)) * uInterior;
  // n + 1 - log2(log|z|): continuous across iteration counts.
  float nu = escaped + 1.0 - log2(0.5 * log(dot(z, z)));
  // Points that escape at once are the dark background; colour grows towards the set.
  float glow = 1.0 - exp(-0.22 * max(nu, 0.0));
  return palette(nu * uColorDensity + uPaletteShift) * glow;
}

void main() {
  vec3 colour = vec3(0.0);
  float unit = 2.0 * uScale / uViewSize.y;
  for (int sy = 0; sy < 2; sy++) {
    if (float(sy) >= uSamples) break;
    for (int sx = 0; sx < 2; sx++) {
      if (float(sx) >= uSamples) break;
      vec2 offset = (vec2(float(sx), float(sy)) + 0.5) / uSamples - 0.5;
      vec2 pixel = gl_FragCoord.xy + offset - 0.5 * uViewSize;
      colour += shade(uCenter + pixel * unit);
    }
  }
  colour /= uSamples * uSamples;
  colour = clamp(colour * uBrightness, 0.0, 1.0);
  colour = mix(colour, vec3(1.0), 0.85 * uFlash);
  finalColor = vec4(colour * (1.0 - uBlackout), 1.0);
}
