// A CoreDNS server as kubeadm configures it (`.:53 { kubernetes cluster.local in-addr.arpa ip6.arpa … forward .
// /etc/resolv.conf }`): the kubernetes plugin answers its zones, everything else — and the NXDOMAINs of its
// fallthrough zones — goes to forward, which relays the upstream's reply or says SERVFAIL when there is none.
// This is the logic behind the kube-dns Service's port 53; the data plane carries the messages to and from it.

import type { ClusterDnsIndex } from './cluster-dns-index.ts';
import type { KubernetesPluginOptions } from './kubernetes-plugin.ts';
import { KubernetesPlugin } from './kubernetes-plugin.ts';
import type { DnsMessage, Question } from './message.ts';
import { queryMessage, replyTo } from './message.ts';
import type { Upstream } from './upstream.ts';
import { NO_UPSTREAM } from './upstream.ts';

export interface CoreDnsServerOptions {
  kubernetes?: Partial<KubernetesPluginOptions>;
  upstream?: Upstream;
}

export class CoreDnsServer {
  private readonly kubernetes: KubernetesPlugin;
  private readonly upstream: Upstream;

  constructor(index: ClusterDnsIndex, options: CoreDnsServerOptions = {}) {
    this.upstream = options.upstream ?? NO_UPSTREAM;
    this.kubernetes = new KubernetesPlugin(index, (q) => this.forward(queryMessage(0, q)), options.kubernetes);
  }

  /** The reply to a query message: its id, its question, the answer. */
  serve(query: DnsMessage): DnsMessage {
    const q = query.question[0];
    if (!q || query.question.length > 1) return replyTo(query, 'FORMERR');
    const answer = this.kubernetes.serve(q);
    if (!answer) return this.forward(query);
    const reply = replyTo(query, answer.rcode);
    reply.flags.aa = answer.aa;
    reply.answer = answer.answer;
    reply.authority = answer.authority;
    reply.additional = answer.additional;
    return reply;
  }

  /** The reply to a single question (a query with id 0 and recursion desired). */
  resolve(question: Question): DnsMessage {
    return this.serve(queryMessage(0, question));
  }

  private forward(query: DnsMessage): DnsMessage {
    const reply = this.upstream.exchange(query);
    if (!reply) return replyTo(query, 'SERVFAIL');
    return { ...reply, id: query.id };
  }
}
