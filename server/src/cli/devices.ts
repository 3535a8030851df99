import { listInputDevices } from '../audio/devices.js';

/** `fractalsync devices`: what --device accepts, by index and by name. */
export async function runDevices(): Promise<void> {
  const out = process.stdout;
  try {
    const devices = await listInputDevices();
    if (devices.length === 0) {
      out.write('No audio capture devices found. With no device, `--input auto` uses the built-in demo groove.\n');
      return;
    }
    out.write('index  name\n');
    for (const device of devices) out.write(`${String(device.index).padStart(5)}  ${device.label}\n`);
    out.write('\nSelect one with --device INDEX or --device NAME (a case-insensitive part of the name), or --input live:NAME.\n');
  } catch (error) {
    process.stderr.write(`fractalsync devices: cannot list audio devices: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
