// Our descriptions of containers: the Container spec, ports, environment, resources, mounts, probes, life-cycle
// hooks, security settings and container statuses.

import type { DescriptionTable } from './definition-descriptions.ts';

const CORE = 'io.k8s.api.core.v1';

export const CONTAINER_DESCRIPTIONS: DescriptionTable = {
  [`${CORE}.Container`]: {
    description: 'One container of a Pod: an image to run, with its command, environment, resources and probes.',
    fields: {
      name: 'The name of the container, unique within the Pod. kubectl logs -c and exec -c use it.',
      image: 'The container image to run, such as "nginx:1.27" or "registry.example.com/team/app:2.1".',
      imagePullPolicy:
        'When to pull the image: Always, IfNotPresent (only when the node lacks it) or Never. Defaults to Always ' +
        'for the :latest tag and IfNotPresent otherwise.',
      command:
        'The program to run, replacing the image\'s ENTRYPOINT, as a list: ["sh", "-c", "echo hi"]. Not run in ' +
        'a shell unless you start one. $(VAR) refers to an environment variable.',
      args:
        "Arguments for the program, replacing the image's CMD. Used with command, or with the image's own " +
        'entrypoint when command is not set.',
      workingDir: 'The directory the program starts in; defaults to the one the image sets.',
      ports:
        'Ports the container listens on. Listing them is informational (a container can listen on any port) but ' +
        'names given here can be used as a Service targetPort.',
      env: 'Environment variables to set in the container, with literal values or values taken from elsewhere.',
      envFrom: 'Sources of many environment variables at once: every key of a ConfigMap or Secret.',
      resources:
        'How much CPU and memory the container asks for (requests, used for scheduling) and may use at most ' +
        '(limits, enforced at run time).',
      volumeMounts: "Where the Pod's volumes appear inside this container's file system.",
      volumeDevices: "Block devices from the Pod's volumes to expose inside the container.",
      livenessProbe:
        'A periodic check that the container still works. When it fails failureThreshold times in a row, the ' +
        'kubelet kills the container and restarts it.',
      readinessProbe:
        'A periodic check that the container can serve requests. While it fails, the Pod is not Ready and ' +
        'Services send it no traffic; the container is not restarted.',
      startupProbe:
        'A check that the container has finished starting. Until it succeeds the other probes are held off, so ' +
        'slow starters are not killed by their liveness probe.',
      lifecycle: 'Actions to run right after the container starts and right before it is stopped.',
      securityContext: "Security settings for this container, overriding the Pod's where both set a value.",
      restartPolicy:
        'For init containers only: "Always" turns the init container into a sidecar that keeps running alongside ' +
        'the main containers.',
      stdin: 'Keep a standard input open for the container, for kubectl attach.',
      stdinOnce: 'Close standard input after the first attached client disconnects.',
      tty: 'Allocate a terminal for the container; needs stdin.',
      terminationMessagePath: 'The file the container may write a final message to when it exits.',
      terminationMessagePolicy:
        'Where the termination message comes from: File, or FallbackToLogsOnError (the end of the log when the file ' +
        'is empty and the container failed).',
      resizePolicy: 'Whether the container must restart when its CPU or memory resources are changed in place.',
    },
  },
  [`${CORE}.ContainerPort`]: {
    description: 'A port a container listens on.',
    fields: {
      containerPort: 'The port number inside the container, from 1 to 65535.',
      name: 'A name for the port, unique in the Pod, that a Service targetPort can refer to (e.g. "http").',
      protocol: 'TCP, UDP or SCTP. Defaults to TCP.',
      hostPort: "Also expose the port on this port of the node's IP address. Rarely needed; limits scheduling.",
      hostIP: 'The node IP address to bind hostPort to.',
    },
  },
  [`${CORE}.EnvVar`]: {
    description: 'One environment variable of a container.',
    fields: {
      name: 'The variable name.',
      value: 'A literal value. $(OTHER) expands an earlier variable.',
      valueFrom: 'Take the value from a ConfigMap key, a Secret key, a field of the Pod, or a resource setting.',
    },
  },
  [`${CORE}.EnvVarSource`]: {
    description: "Where an environment variable's value comes from. Set exactly one field.",
    fields: {
      configMapKeyRef: 'One key of a ConfigMap.',
      secretKeyRef: 'One key of a Secret.',
      fieldRef: 'A field of the Pod, such as metadata.name, metadata.namespace or status.podIP.',
      resourceFieldRef: 'A resource request or limit of a container, such as limits.memory.',
    },
  },
  [`${CORE}.ConfigMapKeySelector`]: {
    description: 'Selects one key of a ConfigMap.',
    fields: {
      name: "The name of the ConfigMap, in the Pod's namespace.",
      key: 'The key whose value is used.',
      optional: 'When true, a missing ConfigMap or key is not an error.',
    },
  },
  [`${CORE}.SecretKeySelector`]: {
    description: 'Selects one key of a Secret.',
    fields: {
      name: "The name of the Secret, in the Pod's namespace.",
      key: 'The key whose value is used.',
      optional: 'When true, a missing Secret or key is not an error.',
    },
  },
  [`${CORE}.ObjectFieldSelector`]: {
    description: 'Selects a field of the Pod.',
    fields: { fieldPath: 'The path of the field, such as metadata.name.', apiVersion: 'The version of the path.' },
  },
  [`${CORE}.ResourceFieldSelector`]: {
    description: 'Selects a resource request or limit of a container.',
    fields: {
      containerName: 'The container; defaults to the one being configured.',
      resource: 'The resource, such as limits.cpu or requests.memory.',
      divisor: 'The unit to express the value in, such as 1Mi.',
    },
  },
  [`${CORE}.EnvFromSource`]: {
    description: 'Turns every key of a ConfigMap or Secret into an environment variable.',
    fields: {
      configMapRef: 'The ConfigMap to read.',
      secretRef: 'The Secret to read.',
      prefix: 'A prefix added to every variable name.',
    },
  },
  [`${CORE}.ConfigMapEnvSource`]: {
    description: 'A ConfigMap whose keys become environment variables.',
    fields: { name: 'The name of the ConfigMap.', optional: 'When true, a missing ConfigMap is not an error.' },
  },
  [`${CORE}.SecretEnvSource`]: {
    description: 'A Secret whose keys become environment variables.',
    fields: { name: 'The name of the Secret.', optional: 'When true, a missing Secret is not an error.' },
  },
  [`${CORE}.ResourceRequirements`]: {
    description: 'The compute resources a container asks for and may use.',
    fields: {
      requests:
        'The resources the container is guaranteed, like cpu: 250m (a quarter core) or memory: 64Mi. The ' +
        'scheduler only places the Pod on a node with this much unreserved capacity. Defaults to limits.',
      limits:
        'The most the container may use. Above its CPU limit it is throttled; above its memory limit it is ' +
        'killed (OOMKilled).',
      claims: "Names of the Pod's resource claims (dynamic resource allocation) this container uses.",
    },
  },
  [`${CORE}.VolumeMount`]: {
    description: "Mounts one of the Pod's volumes into the container.",
    fields: {
      name: "The name of the volume, as listed in the Pod's volumes.",
      mountPath: 'The path inside the container where the volume appears, such as /usr/share/nginx/html.',
      readOnly: 'Mount the volume read-only.',
      subPath: 'Mount only this path inside the volume instead of its root.',
      subPathExpr: 'Like subPath, but may use $(VAR) environment variables.',
      mountPropagation: 'Whether mounts made later on the host or in the container propagate to the other side.',
      recursiveReadOnly: 'Whether a read-only mount is read-only in its sub-mounts too.',
    },
  },
  [`${CORE}.Probe`]: {
    description:
      'A health check the kubelet runs against a container: an HTTP request, a TCP connection, a gRPC call, or ' +
      'a command. Set exactly one of exec, httpGet, tcpSocket and grpc.',
    fields: {
      exec: 'Run a command inside the container; exit code 0 means success.',
      httpGet: 'Send an HTTP GET; a status from 200 to 399 means success.',
      tcpSocket: 'Open a TCP connection; success if it connects.',
      grpc: 'Call the gRPC health-checking service.',
      initialDelaySeconds: 'Seconds to wait after the container starts before the first check.',
      periodSeconds: 'Seconds between checks. Defaults to 10.',
      timeoutSeconds: 'Seconds after which a check counts as failed. Defaults to 1.',
      successThreshold: 'Consecutive successes needed after a failure to count as passing. Defaults to 1.',
      failureThreshold: 'Consecutive failures needed to count as failing. Defaults to 3.',
      terminationGracePeriodSeconds: 'The grace period to use when a failing probe gets the container killed.',
    },
  },
  [`${CORE}.HTTPGetAction`]: {
    description: 'An HTTP GET request made by the kubelet.',
    fields: {
      path: 'The URL path, such as /healthz.',
      port: 'The port, as a number or as the name of a container port.',
      host: "The host to connect to; defaults to the Pod's IP address.",
      scheme: 'HTTP or HTTPS. Defaults to HTTP.',
      httpHeaders: 'Extra request headers.',
    },
  },
  [`${CORE}.TCPSocketAction`]: {
    description: 'A TCP connection attempt made by the kubelet.',
    fields: { port: 'The port, as a number or a container port name.', host: 'The host; defaults to the Pod IP.' },
  },
  [`${CORE}.ExecAction`]: {
    description: 'A command run inside the container.',
    fields: { command: 'The command and its arguments. It is not run in a shell unless you call one.' },
  },
  [`${CORE}.GRPCAction`]: {
    description: 'A call to the standard gRPC health-checking service.',
    fields: { port: 'The port of the gRPC server.', service: 'The service name to ask about.' },
  },
  [`${CORE}.Lifecycle`]: {
    description: "Hooks the kubelet runs at the start and end of a container's life.",
    fields: {
      postStart: 'Runs right after the container is created. If it fails, the container is killed.',
      preStop: 'Runs before the container is sent SIGTERM, e.g. to drain connections.',
    },
  },
  [`${CORE}.LifecycleHandler`]: {
    description: 'The action of a life-cycle hook. Set exactly one field.',
    fields: {
      exec: 'Run a command in the container.',
      httpGet: 'Send an HTTP GET.',
      tcpSocket: 'Deprecated; kept for compatibility.',
      sleep: 'Wait for a number of seconds.',
    },
  },
  [`${CORE}.SecurityContext`]: {
    description: 'Security settings of one container.',
    fields: {
      runAsUser: 'The user ID the container process runs as.',
      runAsGroup: 'The group ID the container process runs as.',
      runAsNonRoot: 'When true, the kubelet refuses to start the container as root.',
      privileged: 'Run the container with all the privileges of the host. Dangerous.',
      allowPrivilegeEscalation: 'Whether a process may gain more privileges than its parent (e.g. through setuid).',
      readOnlyRootFilesystem: "Mount the container's root file system read-only.",
      capabilities: 'Linux capabilities to add to or drop from the defaults.',
    },
  },
  [`${CORE}.Capabilities`]: {
    description: 'Linux capabilities to add and drop.',
    fields: { add: 'Capabilities to add, such as NET_ADMIN.', drop: 'Capabilities to drop, such as ALL.' },
  },
  [`${CORE}.ContainerStatus`]: {
    description: 'The observed state of one container, reported by the kubelet.',
    fields: {
      name: 'The name of the container.',
      image: 'The image the container runs.',
      imageID: 'The exact image, by digest.',
      containerID: 'The ID the container runtime gave the container, as <runtime>://<id>.',
      state: 'What the container is doing now: waiting, running or terminated.',
      lastState: 'How the previous run of the container ended, if it restarted.',
      ready: 'Whether the container passes its readiness probe.',
      started: 'Whether the container has started and passed its startup probe.',
      restartCount: 'How many times the kubelet has restarted the container.',
    },
  },
  [`${CORE}.ContainerState`]: {
    description: 'The state of a container; exactly one field is set.',
    fields: {
      waiting: 'The container is not running yet, e.g. while its image is pulled or it waits to restart.',
      running: 'The container is running.',
      terminated: 'The container has exited.',
    },
  },
  [`${CORE}.ContainerStateWaiting`]: {
    description: 'A container that is not running yet.',
    fields: {
      reason: 'Why it waits: ContainerCreating, ImagePullBackOff, CrashLoopBackOff…',
      message: 'Details about why it waits.',
    },
  },
  [`${CORE}.ContainerStateRunning`]: {
    description: 'A running container.',
    fields: { startedAt: 'When the container last started.' },
  },
  [`${CORE}.ContainerStateTerminated`]: {
    description: 'A container that has exited.',
    fields: {
      exitCode: 'The exit code of the process; 0 means success.',
      reason: 'Why it ended: Completed, Error, OOMKilled…',
      message: 'Details about how it ended.',
      signal: 'The signal that ended the process, if any.',
      startedAt: 'When the container started.',
      finishedAt: 'When the container exited.',
      containerID: 'The ID of the container.',
    },
  },
};
