/**
 * @packageDocumentation
 * cloudservers-style porting shim over the cloud-images SDK (work in progress: see issue 11).
 */
export {};
