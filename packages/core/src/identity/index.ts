export {
  AuthenticationError,
  ConfigurationError,
  EndpointNotFoundError,
  type CatalogOffer,
} from "./errors.js";
export {
  ENDPOINT_INTERFACES,
  catalogFromKeystoneV3,
  catalogFromV2,
  catalogOffers,
  normalizeInterface,
  selectEndpoint,
  type CatalogEndpoint,
  type CatalogService,
  type EndpointCriteria,
  type EndpointInterface,
  type SelectedEndpoint,
  type ServiceCatalog,
} from "./catalog.js";
export {
  AccessToken,
  parseIdentityDate,
  type AccessTokenInfo,
} from "./token.js";
export {
  AuthMethodBase,
  type AuthContext,
  type AuthMethod,
} from "./methods.js";
export {
  KeystoneApplicationCredentialAuth,
  KeystonePasswordAuth,
  KeystoneTokenAuth,
  keystoneAccessToken,
  keystoneApplicationCredential,
  keystonePassword,
  keystoneScope,
  keystoneToken,
  type KeystoneApplicationCredentialOptions,
  type KeystonePasswordOptions,
  type KeystoneScopeOptions,
  type KeystoneTokenOptions,
  type KeystoneAuth,
  type KeystoneUserOptions,
} from "./keystone-v3.js";
export {
  RACKSPACE_IDENTITY_UK,
  RACKSPACE_IDENTITY_US,
  RACKSPACE_IMAGE_SERVICE,
  RACKSPACE_REGIONS,
  RackspaceApiKeyAuth,
  RackspacePasswordAuth,
  rackspaceAccessToken,
  rackspaceApiKey,
  rackspacePassword,
  type RackspaceApiKeyOptions,
  type RackspacePasswordOptions,
  type RackspaceRegion,
  type RackspaceAuth,
  type RackspaceCommonOptions,
} from "./rackspace.js";
export {
  DEFAULT_AUTH_TIMEOUT_MS,
  DEFAULT_REFRESH_MARGIN_MS,
  IdentitySession,
  type IdentitySessionOptions,
} from "./session.js";
