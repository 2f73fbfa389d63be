/** A one-line progress counter on a TTY (stderr); silent when not a terminal. */
export function progress(stream: NodeJS.WritableStream & { isTTY?: boolean }, label: string) {
  let last = 0;
  const enabled = stream.isTTY === true;
  return {
    update(count: number, extra = '') {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 150) return;
      last = now;
      stream.write(`\r${label} ${count.toLocaleString('es')} ${extra}`.padEnd(60));
    },
    done() {
      if (enabled) stream.write('\r'.padEnd(61) + '\r');
    },
  };
}
