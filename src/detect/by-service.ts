/**
 * Values per service ip:port, found by ip then port (no key string built per
 * packet), and listed in the order they were added (the order shard states
 * and findings walk them in).
 */
export class ByService<T> {
  private readonly byIp = new Map<string, Map<number, T>>();
  readonly list: T[] = [];

  get(ip: string, port: number): T | undefined {
    return this.byIp.get(ip)?.get(port);
  }

  /** Adds the value of a service not held yet, and returns it. */
  add(ip: string, port: number, value: T): T {
    let byPort = this.byIp.get(ip);
    if (byPort === undefined) {
      byPort = new Map();
      this.byIp.set(ip, byPort);
    }
    byPort.set(port, value);
    this.list.push(value);
    return value;
  }
}
