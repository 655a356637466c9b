import { extractAuthor } from './author-extract';

const page = (head: string, body = '') =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

describe(extractAuthor.name, () => {
  it.each([
    [
      'JSON-LD author object',
      page(
        '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Ada Lovelace"}}</script>',
      ),
      { name: 'Ada Lovelace', source: 'json-ld' },
    ],
    [
      'JSON-LD author array inside @graph',
      page(
        '<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":"Article","author":[{"name":"Grace Hopper"}]}]}</script>',
      ),
      { name: 'Grace Hopper', source: 'json-ld' },
    ],
    [
      'JSON-LD wins over meta',
      page(
        '<meta name="author" content="Meta Person"><script type="application/ld+json">{"author":"Alan Turing"}</script>',
      ),
      { name: 'Alan Turing', source: 'json-ld' },
    ],
    [
      'broken JSON-LD falls back to meta',
      page(
        '<script type="application/ld+json">{not json</script><meta name="author" content="Katherine Johnson">',
      ),
      { name: 'Katherine Johnson', source: 'meta' },
    ],
    [
      'meta name=author',
      page('<meta name="author" content="  Edsger   Dijkstra ">'),
      { name: 'Edsger Dijkstra', source: 'meta' },
    ],
    [
      'article:author URL is skipped, name taken',
      page(
        '<meta property="article:author" content="https://social.test/ada"><meta property="article:author" content="Ada Lovelace">',
      ),
      { name: 'Ada Lovelace', source: 'meta' },
    ],
    [
      'rel=author link',
      page('', '<p>Posted by <a rel="author" href="/u/bl">Barbara Liskov</a></p>'),
      { name: 'Barbara Liskov', source: 'byline' },
    ],
    [
      '.byline with "By"',
      page('', '<div class="byline">By Margaret Hamilton</div>'),
      { name: 'Margaret Hamilton', source: 'byline' },
    ],
  ])('%s', (_name, html, expected) => {
    expect(extractAuthor(html)).toEqual(expected);
  });

  it.each([
    ['no author anywhere', page('<title>Hi</title>', '<p>text</p>')],
    ['only an email', page('<meta name="author" content="ada@example.test">')],
    ['not HTML at all', '{"author": "json body"}'],
    ['empty', ''],
  ])('finds none: %s', (_name, html) => {
    expect(extractAuthor(html)).toBeUndefined();
  });
});
