// The API key lives in sessionStorage: it is gone when the tab closes, and other tabs
// never see it. It is never written to localStorage, a cookie or the URL.
const storageKey = 'leadhooks.console.apiKey';

export function storedKey(): string | undefined {
  return sessionStorage.getItem(storageKey) ?? undefined;
}

export function keepKey(key: string): void {
  sessionStorage.setItem(storageKey, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(storageKey);
}
