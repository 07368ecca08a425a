/** "10.0.0.1:80", "[2001:db8::1]:80": the form people paste into other tools. */
export function endpointText(ip: string, port: number): string {
  // Port 0 is how capture-wide findings name a host rather than a socket.
  if (port === 0) return ip;
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
