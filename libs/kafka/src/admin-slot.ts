import type { Admin, Kafka } from 'kafkajs';

/**
 * One lazily connected admin client. A failed connection is not cached, so the next call
 * tries again; `reset` drops a connection that stopped answering.
 */
export class AdminSlot {
  private admin: Admin | undefined;
  private connected: Promise<Admin> | undefined;

  constructor(private readonly kafka: Kafka) {}

  get(): Promise<Admin> {
    if (!this.connected) {
      const admin = this.kafka.admin();
      const connected = admin.connect().then(() => admin);
      connected.catch(() => {
        if (this.connected === connected) this.forget();
      });
      this.admin = admin;
      this.connected = connected;
    }
    return this.connected;
  }

  async reset(): Promise<void> {
    const admin = this.admin;
    this.forget();
    // Disconnecting does not wait for a connection attempt in progress to give up.
    await admin?.disconnect();
  }

  private forget(): void {
    this.admin = undefined;
    this.connected = undefined;
  }
}
