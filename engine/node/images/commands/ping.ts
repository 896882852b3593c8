// busybox ping [-c COUNT] [-W SEC] [-w DEADLINE] HOST: one echo request a second of lab time, then statistics.

import type { Command } from '../process/command.ts';
import { sleepFor } from '../process/command.ts';
import { resolveHost, secondsFlag } from './url.ts';

export const pingCommand: Command = async (context) => {
  const args = context.argv.slice(1);
  let count = Infinity;
  let host: string | undefined;
  let replyWaitMs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-c') count = Number(args[++i]);
    else if (arg.startsWith('-c')) count = Number(arg.slice(2));
    else if (arg === '-W') replyWaitMs = secondsFlag(args[++i]);
    else if (['-w', '-i', '-s'].includes(arg)) i++;
    else if (!arg.startsWith('-')) host = arg;
  }
  if (host === undefined) {
    await context.stderr.write('BusyBox v1.36.1 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n');
    return 1;
  }
  const address = await resolveHost(context.system.network, host, { signal: context.signal });
  if (!address) {
    await context.stderr.write(`ping: bad address '${host}'\n`);
    return 1;
  }
  await context.stdout.write(`PING ${host} (${address}): 56 data bytes\n`);
  const times: number[] = [];
  let sent = 0;
  while (sent < count && !context.signal.aborted) {
    // An echo that gets no reply takes its second (or -W) of waiting; the next one goes out after it.
    const reply = await context.system.network.ping(address, {
      timeoutMs: replyWaitMs ?? 1000,
      signal: context.signal,
    });
    if (reply !== undefined) {
      times.push(reply.rttMs);
      const line = `64 bytes from ${address}: seq=${sent} ttl=${reply.ttl} time=${reply.rttMs.toFixed(3)} ms\n`;
      await context.stdout.write(line);
    }
    sent++;
    if (reply !== undefined && sent < count && !(await sleepFor(context.system.clock, 1000, context.signal))) break;
  }
  const loss = sent === 0 ? 0 : Math.round(((sent - times.length) / sent) * 100);
  let summary = `\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${times.length} packets received, ${loss}% packet loss\n`;
  if (times.length > 0) {
    const avg = times.reduce((a, b) => a + b, 0) / times.length;
    summary += `round-trip min/avg/max = ${Math.min(...times).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...times).toFixed(3)} ms\n`;
  }
  await context.stdout.write(summary);
  return times.length > 0 ? 0 : 1;
};
