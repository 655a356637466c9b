import { parseSaveLeadRecord } from './save-lead-record';

const event = {
  eventId: '3f0c7a4e-6a1b-4c59-9d2e-0c6f4f9b8a11',
  type: 'save_lead',
  accountId: '8b1d2c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  occurredAt: '2026-01-01T00:00:01.000Z',
  aggregateId: 'a5b6c7d8-e9f0-4a1b-8c2d-3e4f5a6b7c8d',
  aggregateVersion: 1,
  payload: {
    data: {
      email: 'ada@acme.test',
      website: '',
      company: null,
      first_name: 'Ada',
      last_name: null,
      phone: null,
      position: null,
      twitter: null,
      linkedin: null,
      notes: null,
      score: 0,
    },
  },
};
const record = (value: Buffer | null) => ({ offset: '7', value });

describe('parseSaveLeadRecord', () => {
  it('parses a record that matches the contract', () => {
    const parsed = parseSaveLeadRecord(record(Buffer.from(JSON.stringify(event))));
    expect(parsed).toEqual({
      ok: true,
      event: expect.objectContaining({ eventId: event.eventId }),
    });
  });

  it.each([
    ['no value', null, 'empty'],
    ['an empty value', Buffer.alloc(0), 'empty'],
    ['bytes that are not JSON', Buffer.from([0x00, 0xff, 0x7b]), 'not-json'],
    ['JSON of another shape', Buffer.from('{"eventId":1}'), 'schema'],
    ['a JSON array', Buffer.from('[1,2]'), 'schema'],
    [
      'a lead without its email',
      Buffer.from(
        JSON.stringify({
          ...event,
          payload: { data: { ...event.payload.data, email: undefined } },
        }),
      ),
      'schema',
    ],
  ])('refuses %s, saying why', (_name, value, reason) => {
    expect(parseSaveLeadRecord(record(value))).toMatchObject({
      ok: false,
      reason,
      detail: expect.any(String),
    });
  });
});
