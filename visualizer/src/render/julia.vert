#version 300 es
// A full-screen quad given directly in clip space: the fractal needs no transform.
in vec2 aPosition;

void main() {
  gl_Position = vec4(aPosition, 0.0, 1.0);
}
