import type { TensorData } from './onnx-model.js';

/**
 * The shared-memory layout between the hop path (which must stay synchronous) and the inference thread: one
 * request at a time, a header of Int32 words and a Float32 data area. The requester writes the inputs and
 * bumps `seq`; the inference thread answers into the same area with the outputs and sets `done = seq`.
 */
export const HEADER_WORDS = 256;
export const DEFAULT_DATA_FLOATS = 1 << 20;

/** Header word indices. */
export const H = {
  /** Request number, incremented by the requester for each request. */
  seq: 0,
  /** The request number last answered; equal to `seq` when the thread is idle. */
  done: 1,
  /** 0 ok, 1 failed (the message went to the log channel), 2 unknown model. */
  status: 2,
  /** Which loaded model (slot index) the request is for. */
  slot: 3,
  /** Number of tensors in the data area that follows: inputs in a request, outputs in an answer. */
  count: 4,
  /** From here: for each tensor its rank, then its dims. */
  shapes: 5,
} as const;

export const STATUS_OK = 0;
export const STATUS_FAILED = 1;
export const STATUS_NO_MODEL = 2;

export interface ChannelViews {
  header: Int32Array;
  data: Float32Array;
}

export function createChannel(dataFloats = DEFAULT_DATA_FLOATS): { header: SharedArrayBuffer; data: SharedArrayBuffer } {
  return { header: new SharedArrayBuffer(HEADER_WORDS * 4), data: new SharedArrayBuffer(dataFloats * 4) };
}

export function viewsOf(buffers: { header: SharedArrayBuffer; data: SharedArrayBuffer }): ChannelViews {
  return { header: new Int32Array(buffers.header), data: new Float32Array(buffers.data) };
}

/** Writes tensors (shapes into the header, values into the data area); throws if they do not fit. */
export function writeTensors(views: ChannelViews, tensors: readonly TensorData[]): void {
  let word: number = H.shapes;
  let offset = 0;
  for (const tensor of tensors) {
    if (word + 1 + tensor.dims.length > HEADER_WORDS) throw new Error(`inference channel: too many tensor dimensions for the ${HEADER_WORDS}-word header`);
    if (offset + tensor.data.length > views.data.length) {
      throw new Error(`inference channel: ${offset + tensor.data.length} values do not fit the ${views.data.length}-value data area`);
    }
    views.header[word++] = tensor.dims.length;
    for (const d of tensor.dims) views.header[word++] = d;
    views.data.set(tensor.data, offset);
    offset += tensor.data.length;
  }
  views.header[H.count] = tensors.length;
}

/** Reads the tensors last written; the values are copies, so the area can be reused at once. */
export function readTensors(views: ChannelViews): TensorData[] {
  const count = views.header[H.count] ?? 0;
  const out: TensorData[] = [];
  let word: number = H.shapes;
  let offset = 0;
  for (let t = 0; t < count; t++) {
    const rank = views.header[word++] ?? 0;
    const dims = Array.from(views.header.subarray(word, word + rank));
    word += rank;
    const size = dims.reduce((a, b) => a * b, 1);
    out.push({ dims, data: views.data.slice(offset, offset + size) });
    offset += size;
  }
  return out;
}
