import { describe, expect, it } from 'vitest';
import type { ImageDefinition } from '../images/program.ts';
import { MemoryFilesystem, OverlayFilesystem } from './container-filesystem.ts';

const image = {
  files: { '/etc/os-release': 'NAME=Test\n', '/usr/share/html/index.html': '<h1>hi</h1>', '/etc/hosts': 'image' },
  directories: ['/tmp'],
} as unknown as ImageDefinition;

function overlay(): OverlayFilesystem {
  const volume = new MemoryFilesystem();
  volume.write('/data.txt', 'from volume');
  return new OverlayFilesystem(image, new Map([['/etc/hosts', '127.0.0.1\tlocalhost\n']]), [
    { path: '/mnt/data', fs: volume, readOnly: false },
    { path: '/config', fs: volume, readOnly: true },
  ]);
}

describe('OverlayFilesystem', () => {
  it('reads the image files and lists their directories', () => {
    const fs = overlay();
    expect(fs.read('/etc/os-release')).toBe('NAME=Test\n');
    expect(fs.list('/')).toEqual(['config', 'etc', 'mnt', 'tmp', 'usr']);
    expect(fs.isDirectory('/usr/share')).toBe(true);
  });

  it('shows the kubelet-managed files over the image ones', () => {
    expect(overlay().read('/etc/hosts')).toBe('127.0.0.1\tlocalhost\n');
  });

  it('keeps writes in the container without touching the image', () => {
    const fs = overlay();
    fs.write('/usr/share/html/index.html', 'changed');
    fs.write('/tmp/new', 'x');
    expect(fs.read('/usr/share/html/index.html')).toBe('changed');
    expect(fs.list('/tmp')).toEqual(['new']);
    expect(overlay().read('/usr/share/html/index.html')).toBe('<h1>hi</h1>');
  });

  it('hides removed image files and directories, and lets them be created again empty', () => {
    const fs = overlay();
    expect(fs.remove('/usr/share/html')).toBe(true);
    expect(fs.read('/usr/share/html/index.html')).toBeUndefined();
    expect(fs.isDirectory('/usr/share/html')).toBe(false);
    fs.mkdir('/usr/share/html');
    expect(fs.list('/usr/share/html')).toEqual([]);
  });

  it('reads and writes mounted volumes at their paths, and refuses writes to read-only ones', () => {
    const fs = overlay();
    expect(fs.read('/mnt/data/data.txt')).toBe('from volume');
    fs.write('/mnt/data/new.txt', 'y');
    fs.write('/config/other.txt', 'z');
    expect(fs.list('/mnt/data')).toEqual(['data.txt', 'new.txt']);
    expect(fs.read('/config/other.txt')).toBeUndefined();
  });
});
