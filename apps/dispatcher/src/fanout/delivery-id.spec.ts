import { deliveryIdFor, destinationKey } from './delivery-id';

describe(deliveryIdFor.name, () => {
  const eventId = '6f1c3a52-8a51-4c47-9c1f-2b0a4d1f7e10';

  it('is the same for the same event and destination', () => {
    const webhook = destinationKey.webhook('w1');
    expect(deliveryIdFor(eventId, webhook)).toBe(deliveryIdFor(eventId, webhook));
    expect(deliveryIdFor(eventId, webhook)).toMatch(/^msg_[a-z2-7]{26}$/);
  });

  it('differs across destinations and events', () => {
    const ids = new Set([
      deliveryIdFor(eventId, destinationKey.webhook('w1')),
      deliveryIdFor(eventId, destinationKey.webhook('w2')),
      deliveryIdFor(eventId, destinationKey.url('https://a.test/')),
      deliveryIdFor('another', destinationKey.webhook('w1')),
    ]);
    expect(ids.size).toBe(4);
  });
});
