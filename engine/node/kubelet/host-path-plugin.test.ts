import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { hostPathPlugin } from './host-path-plugin.ts';
import { nodeRootFilesystem } from './node-root.ts';

const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' } };

function setUp() {
  const etcd: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'etcd', namespace: 'kube-system' } };
  const root = nodeRootFilesystem({ name: 'node-1', ip: '172.18.0.3', netns: () => ['cni-1234'], staticPods: [etcd] });
  const plugin = hostPathPlugin(() => root);
  const mount = (path: string, type?: string) =>
    plugin.setUp(pod, { name: 'v', hostPath: { path, ...(type !== undefined && { type }) } });
  return { root, plugin, mount };
}

describe('hostPath volumes', () => {
  it('mount the node’s root itself for path /, with the node’s own /etc files', async () => {
    const { root, mount } = setUp();
    const fs = await mount('/', '');
    expect(fs).toBe(root);
    expect(fs.read('/etc/hostname')).toBe('node-1\n');
    expect(fs.read('/etc/hosts')).toContain('172.18.0.3\tnode-1\n');
    expect(fs.read('/etc/crictl.yaml')).toBe('runtime-endpoint: unix:///run/containerd/containerd.sock\n');
    expect(fs.list('/var/run/netns')).toEqual(['cni-1234']);
    expect(fs.read('/run/netns/cni-1234')).toBe('');
    expect(fs.read('/etc/kubernetes/manifests/etcd.yaml')).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\n',
    );
  });

  it('mount a directory of the node, where what the pod writes lands on the node', async () => {
    const { root, mount } = setUp();
    const fs = await mount('/var/lib/app', 'DirectoryOrCreate');
    fs.write('/state', 'saved');
    expect(root.read('/var/lib/app/state')).toBe('saved');
    expect(fs.list('/')).toEqual(['state']);
  });

  it('make a missing file for FileOrCreate and mount it as the volume', async () => {
    const { root, mount } = setUp();
    const fs = await mount('/run/xtables.lock', 'FileOrCreate');
    expect(fs.read('/')).toBe('');
    expect(root.read('/run/xtables.lock')).toBe('');
  });

  it.each([
    ['/missing', 'Directory', 'hostPath type check failed: /missing is not a directory'],
    ['/etc/hostname', 'Directory', 'hostPath type check failed: /etc/hostname is not a directory'],
    ['/etc', 'File', 'hostPath type check failed: /etc is not a file'],
    ['/missing.sock', 'Socket', 'hostPath type check failed: /missing.sock is not a socket file'],
  ])('refuse %s of type %s as kubelet’s type check does', async (path, type, message) => {
    await expect(setUp().mount(path, type)).rejects.toThrow(message);
  });

  it('handle only hostPath volumes', () => {
    const { plugin } = setUp();
    expect(plugin.handles({ name: 'v', hostPath: { path: '/' } })).toBe(true);
    expect(plugin.handles({ name: 'v', emptyDir: {} })).toBe(false);
  });
});
