// nginx's /docker-entrypoint.sh: when the command is nginx it runs the scripts in /docker-entrypoint.d/ in order —
// the image's own (IPv6 listen, local resolvers, templates through envsubst, worker tuning) as the real scripts
// behave, and any other *.sh a volume puts there with the shell — logging each step on stdout (unless
// NGINX_ENTRYPOINT_QUIET_LOGS is set); then it execs the command.

import type { Command, CommandContext } from '../../process/command.ts';
import { basename } from '../../process/paths.ts';
import { exec } from '../entrypoints.ts';

const scriptsDirectory = '/docker-entrypoint.d';
const defaultConfPath = '/etc/nginx/conf.d/default.conf';

/** The IPv6 script: enables `listen [::]:80` in the packaged default.conf, and says why when it cannot. */
function listenOnIpv6(context: CommandContext, packagedDefaultConf: string): string[] {
  const me = '10-listen-on-ipv6-by-default.sh';
  const fs = context.system.fs;
  const conf = fs.read(defaultConfPath);
  if (conf === undefined) return [`${me}: info: ${defaultConfPath} is not a file or does not exist`];
  if (fs.isReadOnly?.(defaultConfPath))
    return [`${me}: info: can not modify ${defaultConfPath} (read-only file system?)`];
  if (conf !== packagedDefaultConf && /listen {2}\[::\]:80;/.test(conf))
    return [`${me}: info: IPv6 listen already enabled`];
  const checksum = `${me}: info: Getting the checksum of ${defaultConfPath}`;
  if (conf !== packagedDefaultConf)
    return [checksum, `${me}: info: ${defaultConfPath} differs from the packaged version`];
  return [checksum, `${me}: info: Enabled listen on IPv6 in ${defaultConfPath}`];
}

/** envsubst with the names of the defined variables: only those are replaced, in $NAME and ${NAME} forms. */
function envsubst(text: string, env: Record<string, string>): string {
  return text.replace(
    /\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g,
    (match, braced?: string, bare?: string) => env[braced ?? bare ?? ''] ?? match,
  );
}

/** The templates script: writes each /etc/nginx/templates/*.template, its variables substituted, into conf.d. */
function envsubstOnTemplates(context: CommandContext): string[] {
  const me = '20-envsubst-on-templates.sh';
  const fs = context.system.fs;
  const templates = (context.env.NGINX_ENVSUBST_TEMPLATE_DIR ?? '/etc/nginx/templates').replace(/\/$/, '');
  const suffix = context.env.NGINX_ENVSUBST_TEMPLATE_SUFFIX ?? '.template';
  const output = (context.env.NGINX_ENVSUBST_OUTPUT_DIR ?? '/etc/nginx/conf.d').replace(/\/$/, '');
  if (!fs.isDirectory(templates)) return [];
  if (fs.isReadOnly?.(output)) return [`${me}: ERROR: ${templates} exists, but ${output} is not writable`];
  return (fs.list(templates) ?? [])
    .filter((name) => name.endsWith(suffix) && fs.read(`${templates}/${name}`) !== undefined)
    .map((name) => {
      const target = `${output}/${name.slice(0, -suffix.length)}`;
      fs.write(target, envsubst(fs.read(`${templates}/${name}`)!, context.env));
      return `${me}: Running envsubst on ${templates}/${name} to ${target}`;
    });
}

/** Sorts as `sort -V` does for these names: numbers compared as numbers. */
function versionOrder(a: string, b: string): number {
  const left = a.split(/(\d+)/);
  const right = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const [x, y] = [left[i]!, right[i]!];
    if (x === y) continue;
    if (i % 2 === 1) return Number(x) - Number(y) || (x < y ? -1 : 1);
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

export function nginxEntrypoint(packagedDefaultConf: string): Command {
  return async (context) => {
    const args = context.argv.slice(1);
    if (args[0] !== 'nginx' && args[0] !== 'nginx-debug') return exec(context, args);
    const quiet = (context.env.NGINX_ENTRYPOINT_QUIET_LOGS ?? '') !== '';
    /** Lines gather until a script of a volume writes, or the command starts: one write for the image's own. */
    let pending = '';
    const log = (lines: string[]): void => {
      if (!quiet) for (const line of lines) pending += line + '\n';
    };
    const flush = async (): Promise<void> => {
      if (pending !== '') await context.stdout.write(pending);
      pending = '';
    };
    const me = context.argv[0] ?? '/docker-entrypoint.sh';
    const fs = context.system.fs;
    const files = (fs.list(scriptsDirectory) ?? [])
      .filter((name) => fs.read(`${scriptsDirectory}/${name}`) !== undefined)
      .sort(versionOrder);
    if (files.length === 0) log([`${me}: No files found in ${scriptsDirectory}/, skipping configuration`]);
    else {
      log([
        `${me}: ${scriptsDirectory}/ is not empty, will attempt to perform configuration`,
        `${me}: Looking for shell scripts in ${scriptsDirectory}/`,
      ]);
      for (const name of files) {
        const path = `${scriptsDirectory}/${name}`;
        if (name.endsWith('.envsh')) log([`${me}: Sourcing ${path}`]);
        else if (!name.endsWith('.sh')) log([`${me}: Ignoring ${path}`]);
        else {
          log([`${me}: Launching ${path}`]);
          if (name === '10-listen-on-ipv6-by-default.sh') log(listenOnIpv6(context, packagedDefaultConf));
          else if (name === '20-envsubst-on-templates.sh') log(envsubstOnTemplates(context));
          else if (name !== '30-tune-worker-processes.sh') {
            await flush();
            await context.system.run(['sh', path], context);
          }
        }
      }
      log([`${me}: Configuration complete; ready for start up`]);
    }
    await flush();
    return exec(context, args);
  };
}

/** The scripts the image ships in /docker-entrypoint.d/ (their text, for ls and cat). */
export const nginxEntrypointScripts: Record<string, string> = Object.fromEntries(
  [
    '10-listen-on-ipv6-by-default.sh',
    '15-local-resolvers.envsh',
    '20-envsubst-on-templates.sh',
    '30-tune-worker-processes.sh',
  ].map((name) => [
    `${scriptsDirectory}/${name}`,
    `#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n\nME=$(basename "$0")\n# ${basename(name)}: run by /docker-entrypoint.sh\n`,
  ]),
);
