#version 300 es
precision highp float;

// The frame-time benchmark's reference: same quad, same uniforms, one palette lookup per pixel.
uniform vec2 uViewSize;
uniform vec3 uPaletteA;
uniform vec3 uPaletteB;
uniform vec3 uPaletteC;
uniform vec3 uPaletteD;
uniform float uPaletteShift;
uniform float uBrightness;

out vec4 finalColor;

const float TAU = 6.283185307179586;

void main() {
  float x = gl_FragCoord.x / uViewSize.x + uPaletteShift;
  vec3 colour = uPaletteA + uPaletteB * cos(TAU * (uPaletteC * x + uPaletteD));
  finalColor = vec4(clamp(colour * uBrightness, 0.0, 1.0), 1.0);
}
