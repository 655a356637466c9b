import type { SaveLeadBody } from '@leadhooks/contracts';

/** What "send a test event" delivers: a save_lead body with every field set, clearly fake. */
export const sampleSaveLead: SaveLeadBody = {
  data: {
    email: 'ada.lovelace@example.com',
    website: 'https://example.com',
    company: 'Example Inc.',
    first_name: 'Ada',
    last_name: 'Lovelace',
    phone: '+1 555 0100',
    position: 'CTO',
    twitter: '@example',
    linkedin: 'https://www.linkedin.com/in/example',
    notes: 'This is a test event.',
    score: 42,
  },
};
