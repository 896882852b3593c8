// The user and group names authentication assigns (k8s.io/apiserver/pkg/authentication/user), and the key of the
// credential ID it records in a user's extra info.

export const ANONYMOUS_USER = 'system:anonymous';
export const ALL_AUTHENTICATED = 'system:authenticated';
export const ALL_UNAUTHENTICATED = 'system:unauthenticated';
export const CREDENTIAL_ID_KEY = 'authentication.kubernetes.io/credential-id';
