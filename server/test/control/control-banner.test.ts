import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { controlBanner, controlUrl, lanAddress } from '../../src/control/control-banner.js';

const iface = (address: string, internal = false, family: 'IPv4' | 'IPv6' = 'IPv4'): NetworkInterfaceInfo =>
  ({ address, internal, family, netmask: '', mac: '', cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) }) as NetworkInterfaceInfo;

describe('control banner', () => {
  it('picks the bound address, else a private LAN address, else any external one, else localhost', () => {
    const nets = { lo: [iface('127.0.0.1', true)], eth0: [iface('fe80::1', false, 'IPv6'), iface('203.0.113.7')], wlan0: [iface('192.168.1.20')] };
    expect(lanAddress('10.1.2.3', nets)).toBe('10.1.2.3');
    expect(lanAddress('0.0.0.0', nets)).toBe('192.168.1.20');
    expect(lanAddress('::', { eth0: [iface('203.0.113.7')] })).toBe('203.0.113.7');
    expect(lanAddress('0.0.0.0', { lo: [iface('127.0.0.1', true)] })).toBe('localhost');
  });

  it('builds the control URL with the token escaped, or without one', () => {
    expect(controlUrl('192.168.1.20', 8787, '12345678')).toBe('http://192.168.1.20:8787/control?token=12345678');
    expect(controlUrl('10.0.0.1', 80, 'a&b=c')).toBe('http://10.0.0.1:80/control?token=a%26b%3Dc');
    expect(controlUrl('fd00::2', 8787, undefined)).toBe('http://[fd00::2]:8787/control');
  });

  it('prints the URL, the PIN and where it is kept, and a QR code', async () => {
    const banner = await controlBanner('192.168.1.20', 8787, { token: '00112233', source: 'generated', path: '/s/control.json' }, true);
    expect(banner).toContain('http://192.168.1.20:8787/control?token=00112233');
    expect(banner).toContain('PIN 00112233 (new, kept in /s/control.json)');
    // The terminal QR code is drawn with half-block characters, many rows of them.
    expect(banner.split('\n').filter((line) => line.includes('▄')).length).toBeGreaterThan(10);
    const open = await controlBanner('192.168.1.20', 8787, { token: '00112233', source: 'config', path: '/s/control.json' }, false);
    expect(open).toContain('http://192.168.1.20:8787/control\n');
    expect(open).toContain('no PIN needed');
    expect(open).not.toContain('00112233');
  });
});
