import { useState, type FormEvent } from 'react';
import { ApiClient } from '../api/api-client';
import { describe } from '../api/api-problem';
import { ErrorNote, Field, Notice } from '../components/ui';

/** Asks for an API key and keeps it only once the API has accepted it. */
export function SignInPage(props: { reason?: string; onSignedIn: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = key.trim();
    if (!candidate) {
      setError('Enter your API key.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await new ApiClient(candidate).webhooks();
      props.onSignedIn(candidate);
    } catch (problem) {
      setError(describe(problem));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title" noValidate>
        <h1 id="sign-in-title">leadhooks console</h1>
        <p className="muted">
          Sign in with your account&apos;s API key. It is kept in this tab only and forgotten when
          the tab closes.
        </p>
        <Notice>{props.reason}</Notice>
        <Field id="api-key" label="API key">
          <input
            id="api-key"
            name="api-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={key}
            onChange={(event) => setKey(event.target.value)}
            aria-invalid={error ? true : undefined}
            required
          />
        </Field>
        <ErrorNote>{error}</ErrorNote>
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
