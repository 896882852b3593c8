// env [-i] [-u NAME] [NAME=VALUE…] [COMMAND [ARG…]] and printenv [NAME…].

import type { Command } from '../process/command.ts';

export const envCommand: Command = async (context) => {
  const args = context.argv.slice(1);
  let env: Record<string, string> = { ...context.env };
  while (args[0]?.startsWith('-')) {
    const flag = args.shift()!;
    if (flag === '-i' || flag === '-') env = {};
    else if (flag === '-u') delete env[args.shift() ?? ''];
    else if (flag === '--') break;
  }
  while (args[0]?.includes('=')) {
    const [name = '', ...value] = args.shift()!.split('=');
    env[name] = value.join('=');
  }
  if (args.length === 0) {
    await context.stdout.write(
      Object.entries(env)
        .map(([name, value]) => `${name}=${value}\n`)
        .join(''),
    );
    return 0;
  }
  if (!context.system.resolve(args[0]!)) {
    const message =
      context.system.userland === 'gnu'
        ? `env: '${args[0]}': No such file or directory`
        : `env: can't execute '${args[0]}': No such file or directory`;
    await context.stderr.write(message + '\n');
    return 127;
  }
  return context.process.exec(args, env);
};

export const printenvCommand: Command = async (context) => {
  const names = context.argv.slice(1);
  if (names.length === 0) return envCommand({ ...context, argv: ['env'] });
  let status = 0;
  let out = '';
  for (const name of names) {
    const value = context.env[name];
    if (value === undefined) status = 1;
    else out += value + '\n';
  }
  await context.stdout.write(out);
  return status;
};
