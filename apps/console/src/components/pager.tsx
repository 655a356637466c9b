/**
 * Newer / older links over a cursor-paged list. The API pages forward only: the route keeps
 * every cursor walked, so "Newer" drops the last and a reload stays on the same page.
 */
export function Pager(props: {
  label: string;
  cursors: string[] | undefined;
  nextCursor: string | null | undefined;
  hrefWith: (cursors: string[] | undefined) => string;
}) {
  const walked = props.cursors ?? [];
  const newer = walked.length > 1 ? walked.slice(0, -1) : undefined;
  return (
    <nav className="pager" aria-label={props.label}>
      {walked.length > 0 ? (
        <>
          <a className="button secondary" href={props.hrefWith(undefined)}>
            Newest
          </a>
          <a className="button secondary" href={props.hrefWith(newer)}>
            Newer
          </a>
        </>
      ) : null}
      <span className="muted small">Page {walked.length + 1}</span>
      {props.nextCursor ? (
        <a
          className="button secondary"
          href={props.hrefWith([...walked, props.nextCursor])}
          rel="next"
        >
          Older
        </a>
      ) : null}
    </nav>
  );
}
