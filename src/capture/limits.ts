/**
 * Record size limits. Wireshark refuses records above WTAP_MAX_PACKET_SIZE_STANDARD
 * for ordinary link types ("File has N-byte packet, bigger than maximum of 262144")
 * and treats that as damage; we do the same, so a corrupt length never makes us
 * buffer gigabytes. A capture that declares a larger snaplen (USB, D-Bus) is
 * allowed up to it, within a hard ceiling that keeps memory bounded.
 */
export const MAX_CAPLEN_STANDARD = 262144;
export const MAX_CAPLEN_CEILING = 16 * 1024 * 1024;

/** Largest caplen accepted for a file or interface that declares `snaplen`. */
export function maxCaplenFor(snaplen: number): number {
  return snaplen > MAX_CAPLEN_STANDARD ? Math.min(snaplen, MAX_CAPLEN_CEILING) : MAX_CAPLEN_STANDARD;
}

/** Largest pcapng block: a maximal packet plus room for options (Wireshark allows 128 KiB of them). */
export const MAX_PCAPNG_BLOCK = MAX_CAPLEN_CEILING + 131072 + 32;
