import { InvalidSetting } from "./exceptions.js";

/** The settings pyrax knows (`pyrax.set_setting(key, value)`). */
export const SETTING_KEYS = [
  "identity_type",
  "identity_class",
  "auth_endpoint",
  "region",
  "tenant_name",
  "tenant_id",
  "encoding",
  "keyring_username",
  "http_debug",
  "user_agent",
  "custom_user_agent",
  "verify_ssl",
  "use_servicenet",
] as const;

/** One of {@link SETTING_KEYS}. */
export type SettingKey = (typeof SETTING_KEYS)[number];

/** How pyrax authenticates: Rackspace identity (username + API key) or Keystone (username + password). */
export type IdentityKind = "rackspace" | "keystone";

const IDENTITY_TYPES: Record<string, IdentityKind> = {
  rackspace: "rackspace",
  "rax_identity.RaxIdentity": "rackspace",
  "pyrax.identity.rax_identity.RaxIdentity": "rackspace",
  keystone: "keystone",
  "keystone_identity.KeystoneIdentity": "keystone",
  "pyrax.identity.keystone_identity.KeystoneIdentity": "keystone",
};

/** The module's settings, one set per process as in pyrax. */
export class Settings {
  readonly #values = new Map<SettingKey, unknown>([
    ["identity_type", "rackspace"],
    ["verify_ssl", true],
    ["encoding", "utf-8"],
  ]);

  /** Sets one setting. @throws InvalidSetting for a key pyrax does not know, or an unknown `identity_type`. */
  set(key: string, value: unknown): void {
    if (!(SETTING_KEYS as readonly string[]).includes(key)) throw new InvalidSetting(`'${key}' is not a valid setting (valid: ${SETTING_KEYS.join(", ")}).`);
    if ((key === "identity_type" || key === "identity_class") && !(String(value) in IDENTITY_TYPES)) {
      throw new InvalidSetting(`Unknown identity_type '${String(value)}': use 'rackspace' or 'keystone'.`);
    }
    this.#values.set((key === "identity_class" ? "identity_type" : key) as SettingKey, value);
  }

  /** One setting's value (`undefined` when unset). */
  get(key: string): unknown {
    return this.#values.get((key === "identity_class" ? "identity_type" : key) as SettingKey);
  }

  /** Which identity flow `identity_type` selects. */
  get identityKind(): IdentityKind {
    return IDENTITY_TYPES[String(this.get("identity_type"))] ?? "rackspace";
  }
}
