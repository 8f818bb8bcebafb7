export type { Transport, TransportRequest, TransportResponse, RequestBody } from "./transport.js";
export { createFetchTransport, type FetchTransportOptions } from "./fetch-transport.js";
export { checkEndpointUrl, type CheckedEndpoint } from "./endpoint-url.js";
