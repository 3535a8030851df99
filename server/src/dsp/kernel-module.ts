import { readFile } from 'node:fs/promises';

/** Each module file compiled once per process, by URL. */
const compiled = new Map<string, Promise<WebAssembly.Module>>();

async function compile(url: URL, what: string): Promise<WebAssembly.Module> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await readFile(url));
  } catch (error) {
    throw new Error(`${what} not found at ${url.pathname} (${error instanceof Error ? error.message : String(error)}); run \`npm run build\``, { cause: error });
  }
  return WebAssembly.compile(bytes);
}

/**
 * A fresh instance, with its own memory, of a kernel module built by `npm run build` (AssemblyScript, stub runtime):
 * its exports. `what` names the module when the file is missing or the code aborts.
 */
export async function instantiateKernels(url: URL, what: string): Promise<WebAssembly.Exports> {
  let module = compiled.get(url.href);
  if (module === undefined) {
    module = compile(url, what);
    compiled.set(url.href, module);
  }
  const instance = await WebAssembly.instantiate(await module, {
    env: {
      abort: () => {
        throw new Error(`${what}: a kernel aborted`);
      },
    },
  });
  return instance.exports;
}
