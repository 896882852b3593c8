// Starting points for new objects, one per common kind, as a student would write them by hand.

export interface Template {
  kind: string;
  yaml: string;
}

export const TEMPLATES: readonly Template[] = [
  {
    kind: 'Deployment',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
`,
  },
  {
    kind: 'Service',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: default
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 80
`,
  },
  {
    kind: 'Pod',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: hello
  namespace: default
spec:
  containers:
    - name: hello
      image: busybox:1.36
      command: ['sh', '-c', 'echo hello from $(hostname); sleep 3600']
`,
  },
  {
    kind: 'ConfigMap',
    yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: default
data:
  greeting: hello
`,
  },
  {
    kind: 'Secret',
    yaml: `apiVersion: v1
kind: Secret
metadata:
  name: credentials
  namespace: default
type: Opaque
stringData:
  username: admin
  password: change-me
`,
  },
  {
    kind: 'Job',
    yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: count
  namespace: default
spec:
  completions: 3
  parallelism: 1
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: count
          image: busybox:1.36
          command: ['sh', '-c', 'for i in 1 2 3; do echo $i; sleep 1; done']
`,
  },
  {
    kind: 'CronJob',
    yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: tick
  namespace: default
spec:
  schedule: '*/1 * * * *'
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: tick
              image: busybox:1.36
              command: ['sh', '-c', 'date']
`,
  },
  {
    kind: 'Namespace',
    yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: lab
`,
  },
  {
    kind: 'PersistentVolumeClaim',
    yaml: `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  namespace: default
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`,
  },
  {
    kind: 'StatefulSet',
    yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: default
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: db
          image: redis:7
          ports:
            - containerPort: 6379
`,
  },
  {
    kind: 'DaemonSet',
    yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: default
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
        - name: agent
          image: busybox:1.36
          command: ['sh', '-c', 'sleep 3600']
`,
  },
];
