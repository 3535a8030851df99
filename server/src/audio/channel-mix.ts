/** Which channel of a multichannel input feeds the mono analysis: the mean of all, or one by 0-based index. */
export type ChannelSelect = 'mix' | number;

/** Throws unless `channel` is 'mix' or an index below `channels`; `what` names the input for the message. */
export function checkChannel(channel: ChannelSelect, channels: number, what: string): void {
  if (channel === 'mix') return;
  if (!Number.isInteger(channel) || channel < 0 || channel >= channels) {
    const allowed = channels === 1 ? '0' : `0..${channels - 1}`;
    throw new Error(`channel ${channel} is out of range for ${what}, which has ${channels} channel${channels === 1 ? '' : 's'}: use 'mix' or ${allowed}`);
  }
}

/** One mono signal from per-channel data: a copy of the selected channel, or the mean of all channels. */
export function toMono(channelData: readonly Float32Array[], channel: ChannelSelect): Float32Array {
  const first = channelData[0];
  if (!first) throw new Error('toMono: no channels given');
  if (channel !== 'mix') {
    const selected = channelData[channel];
    if (!selected) throw new Error(`toMono: channel ${channel} is out of range for ${channelData.length} channels`);
    return selected.slice();
  }
  if (channelData.length === 1) return first.slice();
  const out = new Float32Array(first.length);
  for (const data of channelData) for (let n = 0; n < out.length; n++) out[n] = (out[n] ?? 0) + (data[n] ?? 0);
  const scale = 1 / channelData.length;
  for (let n = 0; n < out.length; n++) out[n] = (out[n] ?? 0) * scale;
  return out;
}
