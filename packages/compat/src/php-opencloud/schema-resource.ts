import { ownValue } from "@cloud-images/core/internal";

/**
 * What php-opencloud's `AbstractSchemaResource` gave `Image` and `Member`: the resource's
 * state as an array. Here every attribute the server sent is also a read-only property, so
 * `$image['id']` ports as `image["id"]` (or `image.id`), and the `offset*` methods of PHP's
 * `ArrayAccess` exist for code that called them by name.
 */
export abstract class SchemaResource {
  /** Every attribute is readable by name (`image["tags"]`); methods keep their names. */
  readonly [attribute: string]: unknown;

  private state: Record<string, unknown> = {};

  /** @param data - the resource as the server sent it. */
  protected constructor(data: Readonly<Record<string, unknown>>) {
    this.setData(data);
  }

  /** Replaces the state (and the readable attributes) with `data`. */
  setData(data: Readonly<Record<string, unknown>>): void {
    for (const name of Object.keys(this.state)) if (!(name in data)) delete (this as Record<string, unknown>)[name];
    this.state = { ...data };
    for (const name of Object.keys(this.state)) {
      if (name in SchemaResource.prototype || name in Object.getPrototypeOf(this) || name === "state") continue;
      Object.defineProperty(this, name, { get: () => this.state[name], enumerable: true, configurable: true });
    }
  }

  /** A copy of the state, as php-opencloud's `getData()` returned it. */
  getData(): Record<string, unknown> {
    return { ...this.state };
  }

  /** The resource's id. */
  getId(): string {
    return String(ownValue(this.state, "id") ?? "");
  }

  /** `isset($resource['name'])`: whether the attribute is present (and not `null`). */
  offsetExists(name: string): boolean {
    const value = ownValue(this.state, name);
    return value !== undefined && value !== null;
  }

  /** `$resource['name']`: the attribute's value, or `null` when absent. */
  offsetGet(name: string): unknown {
    return ownValue(this.state, name) ?? null;
  }

  /** `$resource['name'] = $value`: changes local state only (send changes with `update`). */
  offsetSet(name: string, value: unknown): void {
    this.setData({ ...this.state, [name]: value });
  }

  /** `unset($resource['name'])`: changes local state only. */
  offsetUnset(name: string): void {
    const next = { ...this.state };
    delete next[name];
    this.setData(next);
  }

  /** The state as JSON (what `JSON.stringify` and `console.log` show). */
  toJSON(): Record<string, unknown> {
    return this.getData();
  }
}
