import { builtins } from "../transport/lazy-require.js";
import { ConfigurationError } from "@cloud-images/core";
import type { CloudConfig } from "./cloud-config.js";
import {
  cloudsYamlCandidates,
  deepMerge,
  isPlain,
  readYaml,
  secureYamlCandidates,
  type ConfigSources,
  type Plain,
} from "./config-files.js";
import { cloudFromEnv } from "./env-cloud.js";
import { cloudConfigFromRaw } from "./raw-cloud.js";
import { ownValue } from "@cloud-images/core/internal";

/** Options of {@link loadCloudConfig}. */
export interface LoadCloudOptions extends ConfigSources {
  /** Cloud name in clouds.yaml; default `OS_CLOUD`, else the `OS_*` variables, else the only cloud. */
  readonly cloud?: string | undefined;
}

/**
 * Finds and resolves one cloud's configuration the way openstacksdk does:
 *
 * 1. clouds.yaml: the first existing of `OS_CLIENT_CONFIG_FILE`, `./clouds.yaml`,
 *    `~/.config/openstack/clouds.yaml`, `/etc/openstack/clouds.yaml` (`.yml` accepted);
 *    secure.yaml (same places, `OS_CLIENT_SECURE_FILE` first) merged over it.
 * 2. The cloud: `options.cloud`, else `OS_CLOUD`, else the cloud made of `OS_*` variables
 *    (`OS_AUTH_URL`, `OS_USERNAME`, `OS_PASSWORD`, …), else the only cloud of clouds.yaml.
 * 3. A `profile:` (e.g. `rackspace`) supplies defaults under the cloud's own settings.
 *
 * @throws ConfigurationError naming the files searched and the clouds found (never a secret).
 */
export function loadCloudConfig(options: LoadCloudOptions = {}): CloudConfig {
  const env = options.env ?? process.env;
  const sources: ConfigSources = { ...options, env };
  const cloudsFile = cloudsYamlCandidates(sources).find((f) => builtins.fs().existsSync(f));
  const secureFile = secureYamlCandidates(sources).find((f) => builtins.fs().existsSync(f));
  let doc: Plain = cloudsFile ? readYaml(cloudsFile) : {};
  if (secureFile) doc = deepMerge(doc, readYaml(secureFile));
  const clouds = isPlain(doc.clouds) ? doc.clouds : {};
  const names = Object.keys(clouds);

  const wanted = options.cloud ?? (env.OS_CLOUD || undefined);
  if (wanted !== undefined) {
    const raw = ownValue(clouds, wanted);
    if (!isPlain(raw)) {
      const searched = cloudsFile
        ? `in ${cloudsFile}`
        : `no clouds.yaml found (searched ${cloudsYamlCandidates(sources).join(", ")})`;
      throw new ConfigurationError(
        `cloud ${JSON.stringify(wanted)} not found ${searched}; clouds defined: ${names.length ? names.join(", ") : "none"}`,
      );
    }
    return cloudConfigFromRaw(wanted, cloudsFile, raw);
  }
  const fromEnv = cloudFromEnv(env);
  if (fromEnv) return cloudConfigFromRaw("envvars", undefined, fromEnv);
  if (names.length === 1)
    return cloudConfigFromRaw(
      names[0]!,
      cloudsFile,
      clouds[names[0]!] as Plain,
    );
  throw new ConfigurationError(
    names.length === 0
      ? `no cloud configured: set OS_CLOUD with a clouds.yaml (searched ${cloudsYamlCandidates(sources).join(", ")}), or OS_AUTH_URL and credentials`
      : `several clouds in ${cloudsFile} (${names.join(", ")}): choose one with the cloud option or OS_CLOUD`,
  );
}
