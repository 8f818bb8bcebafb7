/**
 * @packageDocumentation
 * The cloud-images SDK for web pages (work in progress: see issue 10).
 */
export {};
