/** The control token (PIN): from the URL the QR code opened, else the one this tablet remembered. */
const KEY = 'fractalsync.control.token';

export function storedToken(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    // Private browsing can refuse storage; the PIN is then asked for on every visit.
    return null;
  }
}

export function rememberToken(token: string | null): void {
  try {
    if (token === null) window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, token);
  } catch {
    // See storedToken: nothing to do but ask again next time.
  }
}

/**
 * Takes `?token=` from the address (the QR code carries it), remembers it and removes it from the address bar,
 * so it is not left on screen or in a bookmark of the home-screen app.
 */
export function tokenFromAddress(): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return storedToken();
  rememberToken(token);
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  return token;
}
