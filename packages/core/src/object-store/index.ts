export {
  ObjectStoreApi,
  checkContainerName,
  checkObjectName,
  MAX_CONTAINER_NAME_BYTES,
  MAX_OBJECT_NAME_BYTES,
  type PutObjectOptions,
  type StoredObject,
  type ContainerInfo,
} from "./object-store-api.js";
