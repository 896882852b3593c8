// Our descriptions of volumes and storage: Pod volume sources, PersistentVolumes, PersistentVolumeClaims and
// StorageClasses.

import type { DescriptionTable } from './definition-descriptions.ts';

const CORE = 'io.k8s.api.core.v1';
const STORAGE = 'io.k8s.api.storage.v1';

const ACCESS_MODES =
  'How the volume can be mounted: ReadWriteOnce (read-write by one node), ReadOnlyMany (read-only by many ' +
  'nodes), ReadWriteMany (read-write by many nodes) or ReadWriteOncePod (read-write by one Pod).';

export const VOLUME_DESCRIPTIONS: DescriptionTable = {
  [`${CORE}.Volume`]: {
    description: 'A named volume of a Pod, which containers mount with volumeMounts. Set exactly one source.',
    fields: {
      name: 'The name of the volume, unique in the Pod; volumeMounts refer to it.',
      emptyDir:
        'An empty directory created when the Pod starts and deleted with it: scratch space shared by its containers.',
      hostPath: "A file or directory of the node. Ties the Pod to the node's contents; use with care.",
      configMap: 'The keys of a ConfigMap, as files.',
      secret: 'The keys of a Secret, as files.',
      persistentVolumeClaim: 'The PersistentVolume bound to a claim: storage that outlives the Pod.',
      projected: 'Several sources (ConfigMaps, Secrets, the service account token…) combined in one directory.',
      downwardAPI: 'Fields of the Pod, such as its labels, as files.',
      nfs: 'A directory exported by an NFS server.',
      csi: 'An ephemeral volume provided by a CSI driver.',
      ephemeral: 'A PersistentVolumeClaim created for the Pod and deleted with it.',
      image: 'The contents of an OCI image, mounted read-only.',
    },
  },
  [`${CORE}.EmptyDirVolumeSource`]: {
    description: 'An empty directory that lives as long as the Pod.',
    fields: {
      medium: 'Where the data is kept: "" (the node\'s disk) or "Memory" (a tmpfs, counted against memory limits).',
      sizeLimit: 'The most data the directory may hold; the Pod is evicted when it goes over.',
    },
  },
  [`${CORE}.HostPathVolumeSource`]: {
    description: 'A path on the node.',
    fields: {
      path: 'The path on the node.',
      type: 'What must be there: "" (no check), Directory, DirectoryOrCreate, File, FileOrCreate, Socket…',
    },
  },
  [`${CORE}.ConfigMapVolumeSource`]: {
    description: 'Presents the keys of a ConfigMap as files, one per key, updated when the ConfigMap changes.',
    fields: {
      name: 'The name of the ConfigMap.',
      items: 'Only these keys, at these paths. By default every key becomes a file named after it.',
      defaultMode: 'The permission bits of the files, such as 0644.',
      optional: 'When true, a missing ConfigMap is not an error.',
    },
  },
  [`${CORE}.SecretVolumeSource`]: {
    description: 'Presents the keys of a Secret as files, one per key.',
    fields: {
      secretName: 'The name of the Secret.',
      items: 'Only these keys, at these paths. By default every key becomes a file named after it.',
      defaultMode: 'The permission bits of the files, such as 0400.',
      optional: 'When true, a missing Secret is not an error.',
    },
  },
  [`${CORE}.KeyToPath`]: {
    description: 'Maps one key to a file path.',
    fields: {
      key: 'The key.',
      path: 'The relative path of the file.',
      mode: 'The permission bits of this file.',
    },
  },
  [`${CORE}.PersistentVolumeClaimVolumeSource`]: {
    description: 'Uses the volume bound to a PersistentVolumeClaim.',
    fields: {
      claimName: "The name of the claim, in the Pod's namespace.",
      readOnly: 'Mount the volume read-only.',
    },
  },
  [`${CORE}.NFSVolumeSource`]: {
    description: 'An NFS export.',
    fields: { server: 'The NFS server.', path: 'The exported path.', readOnly: 'Mount it read-only.' },
  },
  [`${CORE}.PersistentVolume`]: {
    fields: {
      spec: 'The storage this volume provides and how it may be used.',
      status: 'The phase of the volume: Available, Bound, Released or Failed.',
    },
  },
  [`${CORE}.PersistentVolumeSpec`]: {
    description: 'What a PersistentVolume provides: its size, access modes, backing storage and policies.',
    fields: {
      capacity: 'The size of the volume, e.g. storage: 10Gi.',
      accessModes: ACCESS_MODES,
      persistentVolumeReclaimPolicy:
        'What happens when its claim is deleted: Retain (keep the data for manual clean-up), Delete (delete the ' +
        'volume and its storage) or the deprecated Recycle.',
      storageClassName:
        'The StorageClass the volume belongs to; only claims asking for the same class (or "" for none) bind to it.',
      claimRef: 'The claim this volume is bound to, or reserved for.',
      volumeMode: 'Filesystem (the default) or Block.',
      nodeAffinity: 'The nodes the volume can be reached from; Pods using it are scheduled onto those nodes.',
      mountOptions: 'Extra mount options.',
      hostPath: 'A directory on a node. For single-node testing only.',
      local: 'A disk or directory local to one node; needs nodeAffinity.',
      nfs: 'An NFS export.',
      csi: 'A volume managed by a CSI driver.',
    },
  },
  [`${CORE}.PersistentVolumeStatus`]: {
    description: 'The observed state of a PersistentVolume.',
    fields: {
      phase: 'Available (free), Bound (to a claim), Released (its claim is gone) or Failed.',
      message: 'A human-readable note about the state.',
      reason: 'A short CamelCase reason for the state.',
      lastPhaseTransitionTime: 'When the phase last changed.',
    },
  },
  [`${CORE}.PersistentVolumeClaim`]: {
    fields: {
      spec: 'The storage being asked for.',
      status: 'Whether the claim is bound, and what it got.',
    },
  },
  [`${CORE}.PersistentVolumeClaimSpec`]: {
    description: 'What a PersistentVolumeClaim asks for.',
    fields: {
      accessModes: ACCESS_MODES,
      resources: 'How much storage is needed, e.g. requests: {storage: 1Gi}.',
      storageClassName:
        'The StorageClass to provision from. Unset means the default class; "" means only pre-made volumes ' +
        'without a class.',
      volumeName: 'Bind to this exact PersistentVolume.',
      selector: 'Bind only to volumes with matching labels.',
      volumeMode: 'Filesystem (the default) or Block.',
      dataSource: 'Fill the new volume from a snapshot or another claim.',
    },
  },
  [`${CORE}.PersistentVolumeClaimStatus`]: {
    description: 'The observed state of a claim.',
    fields: {
      phase: 'Pending (not bound yet), Bound or Lost.',
      accessModes: 'The access modes of the bound volume.',
      capacity: 'The size of the bound volume.',
      conditions: 'Conditions such as a resize in progress.',
    },
  },
  [`${CORE}.VolumeResourceRequirements`]: {
    description: 'How much storage a claim needs.',
    fields: {
      requests: 'The minimum size, e.g. storage: 1Gi.',
      limits: 'The maximum size.',
    },
  },
  [`${STORAGE}.StorageClass`]: {
    fields: {
      provisioner: 'The provisioner that creates volumes of this class, such as a CSI driver name.',
      parameters: 'Settings passed to the provisioner, such as a disk type. Their meaning depends on the provisioner.',
      reclaimPolicy: 'The reclaim policy of the volumes it creates: Delete (the default) or Retain.',
      volumeBindingMode:
        'Immediate (provision and bind as soon as the claim exists) or WaitForFirstConsumer (wait until a Pod ' +
        'uses the claim, so the volume is made where the Pod is scheduled).',
      allowVolumeExpansion: 'Whether claims of this class may be resized by editing their requested size.',
      mountOptions: 'Mount options for the volumes it creates.',
      allowedTopologies: 'Where volumes may be provisioned, such as a list of zones.',
    },
  },
};
